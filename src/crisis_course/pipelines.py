"""Russian gas routes into the EU and Turkey on 7 December 2021 (lesson 6).

The routes and capacities are a small typed table, ``content/gas_pipelines.yaml``: schematic lines
through named places, each capacity with its own source (no openly licensed route dataset could
be shipped: see data/SOURCES.md). ``routes_map()`` draws them on the course's base map with the
annual capacity on each line; ``routes_alt_text()`` describes the same table in words.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import figure_cache, safeyaml

__all__ = ["load", "problems", "routes_map", "routes_alt_text", "ROUTES_EXTENT"]

#: (lon_min, lon_max, lat_min, lat_max): the Baltic to Anatolia
ROUTES_EXTENT = (8.0, 42.0, 38.5, 62.0)

_STYLES = {  # name -> (Okabe-Ito colour, line style, label offset in points)
    "Ukrainian transit system": ("#D55E00", "-", (0, -16)),
    "Yamal-Europe": ("#0072B2", "-", (0, 10)),
    "Nord Stream 1": ("#009E73", "-", (-6, 10)),
    "Nord Stream 2": ("#009E73", (0, (4, 2)), (-6, -16)),
    "TurkStream": ("#CC79A7", "-", (0, -16)),
    "Blue Stream": ("#56B4E9", "-", (6, 8)),
}


#: Country labels placed by hand where the shape's own point falls off the map or under a line.
_COUNTRY_LABELS = {"RUS": (37.5, 58.5), "BLR": (28.0, 52.6), "TUR": (34.0, 39.3)}


def path() -> Path:
    return Path(str(resources.files("crisis_course") / "content" / "gas_pipelines.yaml"))


def problems(data=None) -> list[str]:
    """Every problem in the pipelines table (empty when it is fine)."""
    rows, out = safeyaml.table_rows(path(), "pipelines", data)
    for i, p in enumerate(rows or []):
        name = p.get("name", f"#{i + 1}") if isinstance(p, dict) else f"#{i + 1}"
        where = f"gas_pipelines.yaml: pipeline {name!r}"
        if not isinstance(p, dict):
            out.append(f"{where}: must be a mapping")
            continue
        for key in ("name", "short", "status", "capacity_note", "source"):
            if not isinstance(p.get(key), str) or not p[key].strip():
                out.append(f"{where}: field {key!r} must be non-empty text")
        cap = p.get("capacity_bcm")
        if not isinstance(cap, (int, float)) or isinstance(cap, bool) or not 0 < cap < 200:
            out.append(f"{where}: field 'capacity_bcm' must be a number of bcm a year between 0 and 200")
        route = p.get("route")
        if not isinstance(route, list) or len(route) < 2:
            out.append(f"{where}: field 'route' needs at least two [lon, lat, place] points")
            continue
        for j, pt in enumerate(route):
            ok = (isinstance(pt, list) and len(pt) == 3 and all(isinstance(v, (int, float)) for v in pt[:2])
                  and isinstance(pt[2], str) and -30 <= pt[0] <= 60 and 30 <= pt[1] <= 72)
            if not ok:
                out.append(f"{where}: route point {j + 1} must be [lon, lat, place] inside Europe")
        if isinstance(route[0], list) and len(route[0]) == 3 and not str(route[0][2]).strip():
            out.append(f"{where}: the first route point must name its place")
    return out


@lru_cache(maxsize=1)
def load() -> tuple[dict, ...]:
    """The table's rows (raises ValueError listing every problem)."""
    return safeyaml.load_checked(path(), "pipelines", problems)


#: Text sizes (points) of the routes map in each layout.
_SIZES = {
    "notebook": {"country": 11, "sea": 11, "route": 12, "legend": 11},
    "slide": {"country": 11, "sea": 11, "route": 11, "legend": 11.5, "title": 14},
}
#: The slide's crop: as tall as the notebook's, wider (the slide is wide; the routes' labels and
#: the legend's column use the room).
_SLIDE_EXTENT = (0.5, 49.5, 38.5, 62.0)
#: Where each route's label sits on the slide (lon, lat of its centre, tied to the route's middle
#: point by a thin line): the slide's map is half as wide as the notebook's, so the labels go on
#: two lines, on land or sea the lines leave free.
_SLIDE_LABELS = {
    "Ukrainian transit system": (24.5, 46.6),
    "Yamal-Europe": (27.2, 56.9),
    "Nord Stream 1": (8.3, 60.4),  # left-aligned from the map's western edge
    "Nord Stream 2": (8.3, 57.5),
    "TurkStream": (21.0, 40.4),
    "Blue Stream": (41.4, 39.9),
}


@figure_cache.chart
def routes_map(ax=None, layout: str = "notebook"):
    """Map of the gas routes with their annual capacities (bcm a year); Nord Stream 2 dashed
    (built, not in operation on 7 December 2021). ``layout="slide"``: the same map for a
    projector (the legend beside the map, each line's name and capacity on two lines)."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from . import data
    from .maps import (
        _check_layout,
        _finish,
        _finish_slide,
        _frame,
        _plot,
        _slide_figure,
        _slide_map_axes,
        _slide_version,
    )

    _check_layout(layout, "routes_map")
    slide = layout == "slide"
    sizes = _SIZES[layout]
    countries = data.europe_map()
    own_figure = ax is None
    if slide and own_figure:
        fig = _slide_figure()
        ax = _slide_map_axes(fig)
    elif ax is None:
        fig, ax = plt.subplots(figsize=(11, 9))
    else:
        fig = ax.figure
    extent = _SLIDE_EXTENT if slide and own_figure else ROUTES_EXTENT
    _frame(ax, extent)
    _plot(countries, ax, color="#F2F2F2", edgecolor="#888888", linewidth=0.5)
    eu_like = {"DEU", "POL", "SVK", "AUT", "BGR", "TUR", "UKR", "BLR", "RUS"}
    for _, row in countries[countries["iso_a3"].isin(eu_like)].iterrows():
        pt = row.geometry.representative_point()
        x, y = (_SLIDE_COUNTRY_LABELS if slide else _COUNTRY_LABELS).get(
            row["iso_a3"], _COUNTRY_LABELS.get(row["iso_a3"], (pt.x, pt.y)))
        if extent[0] < x < extent[1] and extent[2] < y < extent[3]:
            ax.text(x, y, row["name"], fontsize=sizes["country"], color="#555555", ha="center", va="center",
                    style="italic", **(_SLIDE_COUNTRY_BOX if slide else {}))
    for sea, (x, y) in {"Baltic Sea": (18.6, 58.4), "Black Sea": (33.5, 42.6)}.items():
        if slide:  # only where the slide's smaller map has room (_SLIDE_SEA_AT)
            if sea not in _SLIDE_SEA_AT:
                continue
            x, y = _SLIDE_SEA_AT[sea]
        ax.text(x, y, sea, fontsize=sizes["sea"], color="#2b5d8a", ha="center", style="italic",
                **(_SLIDE_COUNTRY_BOX if slide else {}))
    handles = []
    for p in load():
        colour, style, offset = _STYLES.get(p["name"], ("#000000", "-", (0, 10)))
        xs = [pt[0] for pt in p["route"]]
        ys = [pt[1] for pt in p["route"]]
        ax.plot(xs, ys, color=colour, lw=3 if slide else 4, ls=style, solid_capstyle="round", zorder=3)
        ax.annotate("", xy=(xs[-1], ys[-1]), xytext=(xs[-2], ys[-2]),
                    arrowprops=dict(arrowstyle="-|>", color=colour, lw=2, mutation_scale=18 if slide else 22),
                    zorder=4)
        mid = len(xs) // 2
        cap = f"{p['capacity_bcm']:g}"
        text = f"{p['short']}\n{cap} bcm" if slide else f"{p['short']}: {cap} bcm"
        at = {"xytext": offset, "textcoords": "offset points"}
        if slide and p["name"] in _SLIDE_LABELS:
            at = {"xytext": _SLIDE_LABELS[p["name"]], "va": "center",
                  "ha": "center"}
        ax.annotate(text, (xs[mid], ys[mid]), **{"ha": "center", **at},
                    fontsize=sizes["route"], fontweight="bold", color="#111111",
                    bbox=dict(boxstyle="round,pad=0.2", fc="white", ec=colour, alpha=0.9), zorder=5,
                    **({"arrowprops": dict(arrowstyle="-", color=colour, lw=1)} if slide else {}))
        label = f"{p['name']}: {cap} bcm a year" + ("" if p["status"] == "operating" else f" ({p['status']})")
        handles.append(Line2D([], [], color=colour, lw=4, ls=style, label=label))
    title = "Russian gas routes to the EU and Turkey on 7 December 2021 (schematic)"
    if slide:
        return _finish_slide(fig, ax, handles, title, sizes, own_figure)
    _finish(fig, ax, handles, title, ncol=2, fontsize=sizes["legend"])
    return _slide_version(fig, routes_map) if own_figure else fig


#: On slides the country names sit on a light box (as on the locator maps) that hides the borders
#: under them: the slide's map is drawn at half the notebook's scale, and names like Slovakia's
#: are wider than their country.
_SLIDE_COUNTRY_BOX = {"bbox": {"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.75},
                      "zorder": 2.5}
#: Where the slide names a sea (lon, lat): nowhere. At the slide's scale the open water of the Black
#: Sea between the coasts and the two southern routes is at most 44x19 px and its name 77x19 px (at
#: (29.8, 44.0) its box covered the Romanian coast); the Baltic's lies under the Nord Stream labels.
_SLIDE_SEA_AT: dict[str, tuple[float, float]] = {}
#: Slide country labels moved off the lines' labels.
_SLIDE_COUNTRY_LABELS = {"TUR": (29.0, 39.3), "DEU": (11.6, 50.2), "SVK": (19.5, 49.4)}


def routes_alt_text() -> str:
    parts = []
    for p in load():
        places = [pt[2] for pt in p["route"] if pt[2]]
        state = "" if p["status"] == "operating" else f", {p['status']}"
        parts.append(f"{p['name']} ({p['capacity_bcm']:g} bcm a year{state}) from {places[0]} via "
                     f"{', '.join(places[1:-1]) or 'the sea'} to {places[-1]}")
    return ("Schematic map of Russian gas pipelines to the EU and Turkey on 7 December 2021, each line labelled "
            "with its annual capacity in billion cubic metres: " + "; ".join(parts) + ".")

#: Source line for the map.
SOURCE = ("Routes and capacities: the course's table content/gas_pipelines.yaml (Gazprom project pages; Barents "
          "Observer, 5 April 2013; Interfax-Ukraine, 4 January 2021). Made with Natural Earth (public domain).")
