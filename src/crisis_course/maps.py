"""Maps for the course: a locator map, NATO enlargement by year, and choropleths.

All maps draw the shapes that ship with the package (Natural Earth 4.0.0; Crimea drawn as part of
Ukraine, as in UN General Assembly resolution 68/262 -- Russia disputes this) and return a
matplotlib Figure. Show a figure with ``figures.show(fig, alt=..., source=...)`` so it carries a
text description. Colours come from the Okabe-Ito colour-blind-safe palette, and every category is
also told apart by a label, a hatch or an outline, never by colour alone.
"""
from __future__ import annotations

from contextlib import contextmanager

from crisis_course import figure_cache
from crisis_course.figures import PALETTE
from crisis_course.theme import explorer_text, slider_names

__all__ = [
    "EUROPE_EXTENT",
    "UKRAINE_EXTENT",
    "NATO_ROUNDS",
    "locator_map",
    "nato_map",
    "nato_small_multiples",
    "nato_slider",
    "choropleth",
    "MAP_SOURCE",
    "LAYOUTS",
]

#: (lon_min, lon_max, lat_min, lat_max)
EUROPE_EXTENT = (-25.0, 50.0, 34.0, 71.5)
UKRAINE_EXTENT = (17.0, 45.0, 42.0, 56.5)

MAP_SOURCE = ("Made with Natural Earth (public domain), v4.0.0; Crimea drawn as part of Ukraine "
              "per UN GA res. 68/262 (Russia disputes this).")

#: Years in which NATO admitted new members (accession in force), for sliders and small multiples.
NATO_ROUNDS = (1949, 1952, 1955, 1982, 1999, 2004, 2009, 2017, 2020, 2023, 2024)

_LAND = "#F2F2F2"
_CONTEXT = "#DDDDDD"
_EDGE = "#666666"


@contextmanager
def _batched_drawing(fig):
    """Suspend the redraw geopandas asks for after every ``.plot()`` call while a map is built.

    Those intermediate redraws make a map cost one full render per layer (and a grid of maps
    quadratic in its panels). Nested use (a panel inside a grid) is a no-op.
    """
    if "draw_idle" in vars(fig.canvas):
        yield
        return
    fig.canvas.draw_idle = lambda *args, **kwargs: None
    try:
        yield
    finally:
        del fig.canvas.draw_idle


#: The matplotlib path of each shape drawn this session, by ``id`` of its shapely geometry (the
#: geometry is kept with its path, so an id is never reused while its entry exists). The shipped
#: GeoDataFrames hand out the same geometry objects on every call, so a border is converted once,
#: not once per layer and panel (the NATO grid draws Europe 45 times).
_PATHS: dict[int, tuple] = {}


def _geom_path(geom):
    """A (Multi)Polygon as one compound matplotlib Path, exactly as geopandas builds it."""
    import numpy as np
    from matplotlib.path import Path

    hit = _PATHS.get(id(geom))
    if hit is None or hit[0] is not geom:
        parts = [geom] if geom.geom_type == "Polygon" else geom.geoms
        rings = []
        for part in parts:
            rings.append(Path(np.asarray(part.exterior.coords)[:, :2], closed=True))
            rings.extend(Path(np.asarray(r.coords)[:, :2], closed=True) for r in part.interiors)
        hit = _PATHS[id(geom)] = (geom, Path.make_compound_path(*rings))
    return hit[1]


def _polygon_collection_class():
    from matplotlib.collections import PatchCollection
    from matplotlib.legend import Legend
    from matplotlib.legend_handler import HandlerPolyCollection

    global _Polygons
    if _Polygons is None:
        class _Polygons(PatchCollection):
            """A PatchCollection made from ready paths (what geopandas draws, minus the patches)."""

            def __init__(self, paths, **kwargs):
                super().__init__([], **kwargs)
                self._paths = list(paths)

        Legend.update_default_handler_map({_Polygons: HandlerPolyCollection()})
    return _Polygons


_Polygons = None


def _plot(gdf, ax, color=None, facecolor=None, **style):
    """``gdf.plot(ax=ax, color=..., edgecolor=..., linewidth=..., hatch=...)`` for a frame of
    (Multi)Polygons with one style, drawing the same pixels without geopandas's per-call cost
    (a copy of the frame, a new collection class, a patch per shape, a full redraw): the same
    collection, aspect (from the frame's mean latitude), axis labels and autoscaling. Anything
    else (a ``column``, other geometry types) goes to geopandas."""
    import numpy as np

    types = set(gdf.geom_type) if len(gdf) else set()
    if not len(gdf) or not types <= {"Polygon", "MultiPolygon"} or gdf.crs is None or not gdf.crs.is_geographic:
        return gdf.plot(ax=ax, color=color, facecolor=facecolor, **style)
    crs = gdf.crs
    x_label = f"{crs.axis_info[0].name} [{crs.axis_info[0].unit_name}]"
    y_label = f"{crs.axis_info[1].name} [{crs.axis_info[1].unit_name}]"
    if crs.axis_info[0].direction == "north":
        x_label, y_label = y_label, x_label
    if ax.get_xlabel() == "":
        ax.set_xlabel(x_label, fontsize="small")
    if ax.get_ylabel() == "":
        ax.set_ylabel(y_label, fontsize="small")
    bounds = gdf.total_bounds
    ax.set_aspect(1 / np.cos(np.mean([bounds[1], bounds[3]]) * np.pi / 180))
    collection = _polygon_collection_class()([_geom_path(g) for g in gdf.geometry],
                                             facecolor=color if color is not None else facecolor, **style)
    ax.add_collection(collection, autolim=True)
    ax.autoscale_view()
    return ax


def _new_axes(ax, figsize):
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
    else:
        fig = ax.figure
    return fig, ax


def _frame(ax, extent):
    lon0, lon1, lat0, lat1 = extent
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor("#EAF4FB")  # sea
    for spine in ax.spines.values():
        spine.set_edgecolor("#999999")


def _tidy(ax):
    """geopandas labels the axes "Geodetic longitude/latitude"; a reader needs no such labels."""
    ax.set_xlabel("")
    ax.set_ylabel("")


def _finish(fig, ax, handles, title: str | None, ncol: int, fontsize: int, title_size: int = 14):
    """The maps' common ending: the legend in one block under the map, the title on the left, no
    axis labels, the figure laid out."""
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=ncol, fontsize=fontsize,
              frameon=False)
    if title:
        ax.set_title(title, fontsize=title_size, loc="left")
    _tidy(ax)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- slide layouts

#: The chart layouts a map can be drawn in: ``"notebook"`` (the lesson's figure) and ``"slide"``
#: (the same map for a projector: figures.SLIDE_FIGSIZE, no text under figures.SLIDE_MIN_PT,
#: the legend beside the map, fewer labels; see figures.for_slides).
LAYOUTS = ("notebook", "slide")


def _check_layout(layout, where: str) -> None:
    if layout not in LAYOUTS:
        raise ValueError(f"{where}: layout must be 'notebook' or 'slide', got {layout!r}")


def _slide_version(fig, chart, *args, **kwargs):
    """The notebook figure ``fig`` with ``chart(*args, **kwargs, layout="slide")`` attached as its
    slide version (drawn only when a lesson is exported; nothing more is drawn here)."""
    import functools

    from crisis_course.figures import for_slides

    return for_slides(fig, functools.partial(chart, *args, **kwargs, layout="slide"))


def _slide_figure():
    """An empty figure of the slide canvas (figures.SLIDE_FIGSIZE at figures.SLIDE_DPI)."""
    import matplotlib.pyplot as plt

    from crisis_course.figures import SLIDE_DPI, SLIDE_FIGSIZE

    return plt.figure(figsize=SLIDE_FIGSIZE, dpi=SLIDE_DPI)


def _slide_map_axes(fig, width: float = 0.64, top: float = 0.9, left: float = 0.003):
    """A map's axes on a slide canvas: at the top left, as tall as ``top`` (the room above is the
    title's) and at most ``width`` of the canvas wide (the map keeps its aspect, so it is usually
    narrower); the right-hand column is for the legend. Call :func:`_slide_column` after drawing."""
    ax = fig.add_axes((left, 0.008, width, top - 0.008))
    ax.set_anchor("NW")
    return ax


def _slide_column(ax, gap: float = 0.015) -> tuple[float, float, float]:
    """(left, top, width) in figure fractions of the column right of the drawn map ``ax``."""
    ax.apply_aspect()
    pos = ax.get_position()
    return pos.x1 + gap, pos.y1, 0.997 - pos.x1 - gap


def _wrap(text: str, width_in: float, size: float, weight: str = "normal") -> str:
    """``text`` wrapped into lines that each fit ``width_in`` inches at ``size`` points (measured
    in the course's font; a word longer than the width keeps its own line)."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(size=size, weight=weight)
    measure = RendererAgg(1, 1, 72)  # at 72 dpi a pixel is a point

    def fits(line: str) -> bool:
        return measure.get_text_width_height_descent(line, prop, ismath=False)[0] <= width_in * 72

    lines: list[str] = []
    for word in text.split():
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines) or text


def _slide_legend(fig, handles, left: float, top: float, width: float, size: float, title: str | None = None):
    """The legend in the slide's right-hand column, each label wrapped to the column."""
    w_in = width * fig.get_size_inches()[0] - (1.6 + 0.8) * size / 72 - 0.12  # minus the handle and its gap
    for h in handles:
        h.set_label(_wrap(h.get_label(), w_in, size))
    return fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(left, top), fontsize=size,
                      frameon=False, borderaxespad=0.0, borderpad=0.0, handlelength=1.6, labelspacing=0.55,
                      title=title, title_fontsize=size, alignment="left")


def _label_points(gdf, extent=None, min_area: float = 0.0):
    """A point inside each shape's largest visible part (clipped to ``extent``), or None when
    less than ``min_area`` square degrees of the shape are visible."""
    from shapely.geometry import box

    clip = box(extent[0], extent[2], extent[1], extent[3]) if extent else None
    points = {}
    for idx, geom in zip(gdf.index, gdf.geometry):
        if clip is not None:
            geom = geom.intersection(clip)
        if geom.is_empty:
            points[idx] = None
            continue
        if geom.geom_type in ("MultiPolygon", "GeometryCollection"):
            parts = [g for g in geom.geoms if g.geom_type == "Polygon"]
            if not parts:
                points[idx] = None
                continue
            geom = max(parts, key=lambda g: g.area)
        points[idx] = geom.representative_point() if geom.area >= min_area else None
    return points


_LABEL_OFFSETS = {  # hand-placed nudges (degrees) so labels sit clear of capitals and borders
    "BLR": (0.0, -1.2),
    "MDA": (0.3, 0.8),
    "RUS": (0.0, 2.5),
}


#: Sea names written on the locator maps (lon, lat of the label).
_SEA_LABELS = {"Black Sea": (34.0, 43.3), "Sea of Azov": (37.6, 46.5), "Baltic Sea": (19.0, 56.0)}
#: On slides: the Black Sea's name a little lower (under the Crimea label); the Sea of Azov is too
#: small for its name at 11 pt: the name sits on land east of it (where no border runs) ...
_SLIDE_SEA_LABELS = {**_SEA_LABELS, "Black Sea": (34.0, 43.0), "Sea of Azov": (41.4, 45.8)}
#: ... with a thin line to this point in the sea.
_SLIDE_SEA_POINTERS = {"Sea of Azov": (37.6, 46.3)}


#: Text sizes (points) of the locator map in each layout.
_LOCATOR_SIZES = {
    "notebook": {"figsize": (10, 7), "contested": 10, "sea": 10, "focus": 12, "country": 9, "capital": 10,
                 "legend": 9, "title": 13},
    "slide": {"contested": 12, "sea": 11, "focus": 14, "country": 11, "capital": 12, "legend": 11.5, "title": 14},
}


@figure_cache.chart
def locator_map(focus: str = "UKR", contested=("Crimea", "Donbas (separatist-held area)"),
                extent=None, capitals: bool = True, title: str = "", ax=None, layout: str = "notebook",
                area_labels: bool = True):
    """A locator map: the ``focus`` country highlighted, neighbours labelled, contested areas hatched.

    ``focus`` is an ISO alpha-3 code; ``contested`` names areas from ``data.contested_areas()``
    (Crimea; "Donbas (separatist-held area)"; Transnistria; Abkhazia; South Ossetia ...).
    ``layout="slide"`` draws the same map for a projector (the legend beside the map, only the
    focus country's neighbours named); the notebook's figure carries it for exports.
    ``area_labels=False`` names the contested areas in the legend only (for maps that put other
    labels there).
    Returns the Figure.
    """
    from matplotlib.patches import Patch

    from crisis_course import data

    _check_layout(layout, "locator_map")
    slide = layout == "slide"
    sizes = _LOCATOR_SIZES[layout]
    countries = data.europe_map()
    extent = extent or (UKRAINE_EXTENT if focus == "UKR" else EUROPE_EXTENT)
    own_figure = ax is None
    if slide and own_figure:
        fig = _slide_figure()
        lines = _wrap(title, fig.get_size_inches()[0] * 0.99, sizes["title"]).count("\n") + 1 if title else 1
        ax = _slide_map_axes(fig, top=0.9 - (lines - 1) * sizes["title"] * 1.2 / 72 / fig.get_size_inches()[1])
    else:
        fig, ax = _new_axes(ax, sizes.get("figsize", (10, 7)))
    with _batched_drawing(fig):
        _frame(ax, extent)
        _plot(countries, ax, color=_LAND, edgecolor=_EDGE, linewidth=0.6)
        target = countries[countries["iso_a3"] == focus]
        if target.empty:
            raise ValueError(f"locator_map: no country with iso_a3={focus!r} on the map")
        _plot(target, ax, color=PALETTE["skyblue"], edgecolor="#000000", linewidth=1.2)
        handles = [Patch(facecolor=PALETTE["skyblue"], edgecolor="black", label=target.iloc[0]["name"])]

        areas = data.contested_areas()
        if contested:
            wanted = areas[areas["name"].isin(contested)]
            unknown = set(contested) - set(wanted["name"])
            if unknown:
                raise ValueError(f"locator_map: unknown contested area(s) {sorted(unknown)}; "
                                 f"choose from {sorted(areas['name'])}")
            styles = [("////", PALETTE["vermillion"]), ("\\\\\\\\", PALETTE["purple"]), ("xxx", PALETTE["orange"])]
            for (hatch, colour), (_, area) in zip(styles * 3, wanted.iterrows()):
                ax.add_patch(_hatched_patch(area.geometry, hatch, colour))
                pt = area.geometry.representative_point()
                short = "Separatist-held Donbas" if area["name"].startswith("Donbas") else area["name"]
                place = {}
                if slide:  # two short lines; Donbas's inside the map's right edge, above it
                    short = short.replace("-held ", "-held\n")
                    at = (pt.x + 1.0, pt.y - 1.5) if short == "Crimea" else (extent[1] - 0.3, pt.y + 1.3)
                    place = {} if short == "Crimea" else {"ha": "right", "va": "bottom"}
                else:
                    at = (pt.x + 1.2, pt.y - 1.3 if short == "Crimea" else pt.y + 1.1)
                if area_labels:
                    ax.annotate(short, (pt.x, pt.y), xytext=at, **place,
                                fontsize=sizes["contested"], fontweight="bold", color="#000000",
                                arrowprops={"arrowstyle": "-", "color": "#000000", "lw": 0.8},
                                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": colour, "alpha": 0.9})
                handles.append(Patch(facecolor="white", edgecolor=colour, hatch=hatch, label=_contested_label(area)))

        lon0, lon1, lat0, lat1 = extent
        for sea, (x, y) in (_SLIDE_SEA_LABELS if slide else _SEA_LABELS).items():
            if lon0 + 1 < x < lon1 - 1 and lat0 + 0.5 < y < lat1 - 0.5:
                if slide and sea in _SLIDE_SEA_POINTERS:  # too small a sea for its name: beside it, pointing in
                    ax.annotate(sea, _SLIDE_SEA_POINTERS[sea], xytext=(x, y), fontsize=sizes["sea"], style="italic",
                                color="#2b5d8a", ha="center", va="center",
                                arrowprops={"arrowstyle": "-", "color": "#2b5d8a", "lw": 0.8, "shrinkA": 2})
                    continue
                ax.text(x, y, sea, fontsize=sizes["sea"], style="italic", color="#2b5d8a", ha="center", va="center")
        inner = (lon0 + 1.5, lon1 - 1.5, lat0 + 0.6, lat1 - 0.6)
        points = _label_points(countries, inner, min_area=1.5)
        named = _neighbours(countries, target) if slide else None
        for idx, row in countries.iterrows():
            pt = points[idx]
            if pt is None or (named is not None and row["iso_a3"] not in named):
                continue
            dx, dy = (_SLIDE_LABEL_OFFSETS if slide else _LABEL_OFFSETS).get(row["iso_a3"], (0.0, 0.0))
            x, y = pt.x + dx, pt.y + dy
            is_focus = row["iso_a3"] == focus
            ax.text(x, y, row["name"].upper() if is_focus else row["name"], ha="center", va="center",
                    fontsize=sizes["focus"] if is_focus else sizes["country"],
                    fontweight="bold" if is_focus else "normal",
                    color="#000000" if is_focus else "#222222",
                    bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.0 if is_focus else 0.75})
        if capitals:
            caps = data.capitals()
            caps = caps[(caps["lon"].between(lon0, lon1)) & (caps["lat"].between(lat0, lat1))]
            # Only the focus country's capital and its two big neighbours' are drawn, each named:
            # a dot without a name helps no one, and more names crowd the country labels.
            caps = caps[(caps["iso_a3"] == focus) | caps["city"].isin(["Moscow", "Minsk"])]
            ax.scatter(caps["lon"], caps["lat"], s=30 if slide else 22, color="#000000", zorder=5, marker="o")
            for _, c in caps.iterrows():
                ax.annotate(c["city"], (c["lon"], c["lat"]), xytext=(4, 4), textcoords="offset points",
                            fontsize=sizes["capital"], fontweight="bold", zorder=6,
                            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
            handles.append(_point_handle("Capital city"))
        if not slide:
            _finish(fig, ax, handles, title, ncol=2, fontsize=sizes["legend"], title_size=sizes["title"])
        else:
            _finish_slide(fig, ax, handles, title, sizes, own_figure)
    if own_figure and not slide:
        return _slide_version(fig, locator_map, focus=focus, contested=contested, extent=extent,
                              capitals=capitals, title=title)
    return fig


#: Slide label nudges (degrees): the slide's larger names need more room from borders and capitals.
_SLIDE_LABEL_OFFSETS = {"BLR": (0.0, -1.4), "MDA": (0.1, 0.3), "RUS": (1.5, 4.5), "HUN": (0.5, -0.3),
                        "SVK": (0.0, 0.3), "POL": (-1.0, 0.0)}


def _neighbours(countries, target) -> set[str]:
    """ISO codes of the countries sharing a border with ``target`` (and the target's own)."""
    shape = target.geometry.iloc[0].buffer(0.05)
    return set(countries.loc[countries.geometry.intersects(shape), "iso_a3"])


def _finish_slide(fig, ax, handles, title, sizes, own_figure: bool):
    """A slide map's ending: the title above the map, the legend in the column right of it."""
    if title:
        ax.set_title(_wrap(title, fig.get_size_inches()[0] * 0.99, sizes["title"]), fontsize=sizes["title"],
                     loc="left")
    _tidy(ax)
    if own_figure:
        left, top, width = _slide_column(ax)
        _slide_legend(fig, handles, left, top, width, sizes["legend"])
    else:
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=1,
                  fontsize=sizes["legend"], frameon=False)
    return fig


def _contested_label(area) -> str:
    if area["name"] == "Crimea":
        return "Crimea: annexed by Russia in 2014; UN GA res. 68/262 upholds Ukraine's borders"
    if area["name"].startswith("Donbas"):
        return "Held by Russia-backed separatists since 2014 (line c. 2017)"
    return f"{area['name']}: {area['note']}"


def _hatched_patch(geom, hatch, colour):
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    verts, codes = [], []
    for poly in polys:
        for ring in [poly.exterior, *poly.interiors]:
            coords = list(ring.coords)
            verts += coords
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(coords) - 2) + [MplPath.CLOSEPOLY]
    return PathPatch(MplPath(verts, codes), facecolor="none", edgecolor=colour, hatch=hatch,
                     linewidth=1.4, zorder=4)


def _point_handle(label):
    from matplotlib.lines import Line2D

    return Line2D([], [], marker="o", color="#000000", linestyle="", markersize=5, label=label)


# --------------------------------------------------------------------------- NATO

def _nato_status(year: int):
    """Map iso_a3 -> 'founding' | 'earlier' | 'new' for members at the end of ``year``."""
    from crisis_course import data

    members = data.nato_members(as_of=f"{year}-12-31")
    status = {}
    for _, m in members.iterrows():
        y = int(m["year_joined"])
        status[m["iso_a3"]] = "new" if (y == year and year != 1949) else ("founding" if y == 1949 else "earlier")
    return status, members


_NATO_STYLE = {
    "founding": (PALETTE["blue"], "", "Founding member (1949)"),
    "earlier": (PALETTE["skyblue"], "", "Joined later"),
    "new": (PALETTE["orange"], "....", "Joined this year"),
}


#: Text sizes (points) of the NATO map in each layout.
_NATO_SIZES = {
    "notebook": {"figsize": (9, 7.5), "label": 10, "title": 12, "note": 9, "legend": 10},
    "slide": {"label": 12, "title": 14, "panel_title": 11, "note": 11.5, "legend": 12},
}


#: Where the slide's NATO map names Ukraine (lon, lat): its larger name clear of the borders.
_NATO_SLIDE_UKRAINE_AT = (31.0, 49.0)


@figure_cache.chart
def nato_map(year: int, ax=None, title: str | None = None, legend: bool = True, labels: bool = True,
             layout: str = "notebook"):
    """NATO members at the end of ``year`` (founders, later members, this year's new members),
    with Russia outlined and labelled. ``layout="slide"`` draws it for a projector (the legend
    and the note on North America beside the map). Returns the Figure."""
    from matplotlib.patches import Patch

    from crisis_course import data

    if not isinstance(year, int) or not 1949 <= year <= 2030:
        raise ValueError(f"nato_map: year must be a whole number from 1949, got {year!r}")
    _check_layout(layout, "nato_map")
    slide = layout == "slide"
    sizes = _NATO_SIZES[layout]
    countries = data.europe_map()
    status, members = _nato_status(year)
    own_figure = ax is None  # a panel of a grid: the grid lays itself out once
    extent = (-25.0, 50.0, 33.0, 71.5)
    if slide and own_figure:
        fig = _slide_figure()
        ax = _slide_map_axes(fig)
    else:
        fig, ax = _new_axes(ax, sizes.get("figsize", (9, 7.5)))
    with _batched_drawing(fig):
        _frame(ax, extent)
        _plot(countries, ax, color=_LAND, edgecolor=_EDGE, linewidth=0.4)
        for kind, (colour, hatch, _) in _NATO_STYLE.items():
            sel = countries[countries["iso_a3"].map(status.get) == kind]
            if not sel.empty:
                _plot(sel, ax, color=colour, edgecolor="#333333", linewidth=0.5, hatch=hatch or None)
        russia = countries[countries["iso_a3"] == "RUS"]
        _plot(russia, ax, facecolor="none", edgecolor=PALETTE["vermillion"], linewidth=1.8, hatch="////")
        _plot(countries[countries["iso_a3"] == "UKR"], ax, facecolor="none", edgecolor="#000000", linewidth=1.6)
        if labels:
            ax.text(40.0, 57.0, "RUSSIA", fontsize=sizes["label"], fontweight="bold", color="#000000", ha="center",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
            ukr = countries[countries["iso_a3"] == "UKR"].geometry.iloc[0].representative_point()
            x, y = _NATO_SLIDE_UKRAINE_AT if slide else (ukr.x, ukr.y)  # on slides clear of its eastern border
            ax.text(x, y, "UKRAINE", fontsize=sizes["label"], ha="center", color="#000000")
        n = len(members)
        ax.set_title(title if title is not None else f"NATO at the end of {year}: {n} members",
                     fontsize=sizes["title"] if own_figure else sizes.get("panel_title", sizes["title"]), loc="left")
        # North America is off the map: say so.
        na = [c for c in ("USA", "CAN") if c in status]
        handles = []
        if legend:
            handles = [Patch(facecolor=c, edgecolor="#333333", hatch=h or None, label=lab)
                       for kind, (c, h, lab) in _NATO_STYLE.items() if kind in status.values()]
            handles.append(Patch(facecolor="none", edgecolor=PALETTE["vermillion"], hatch="////", label="Russia"))
            handles.append(Patch(facecolor="none", edgecolor="#000000", linewidth=1.6, label="Ukraine (outlined)"))
            handles.append(Patch(facecolor=_LAND, edgecolor=_EDGE, label="Not a member"))
        if slide and own_figure:  # the legend and the note on North America in the column beside the map
            _tidy(ax)
            left, top, width = _slide_column(ax, gap=0.02)
            if handles:
                _slide_legend(fig, handles, left, top, width, sizes["legend"])
            if na and labels:
                fig.text(left, 0.02, _wrap("Also members: United States, Canada (off the map)",
                                           width * fig.get_size_inches()[0], sizes["note"]),
                         fontsize=sizes["note"], va="bottom", ha="left",
                         bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#999999"})
            return fig
        if na and labels:
            ax.text(-24.3, 34.0, "Also members: United States, Canada\n(off the map)", fontsize=sizes["note"],
                    va="bottom", ha="left", bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#999999"})
        if legend:
            # below the map, so it covers no country (in the top-left corner it hid Iceland)
            ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=3,
                      fontsize=sizes["legend"], frameon=False)
        _tidy(ax)
        if own_figure:
            fig.tight_layout()
    if own_figure and not slide:
        return _slide_version(fig, nato_map, year, title=title, legend=legend, labels=labels)
    return fig


@figure_cache.chart
def nato_small_multiples(years=(1949, 1982, 1999, 2004, 2020, 2024), ncols: int = 3, layout: str = "notebook"):
    """One small NATO map per year in a grid (static version of :func:`nato_slider`).
    ``layout="slide"``: two rows of maps across the slide, each titled with its year, its number
    of members and its newcomers (their number when the names would not fit), the legend once in
    the last cell; ``ncols`` is then chosen to fit."""
    import matplotlib.pyplot as plt

    from crisis_course import data

    _check_layout(layout, "nato_small_multiples")
    years = list(years)
    if layout == "slide":
        return _nato_small_multiples_slide(years)
    nrows = -(-len(years) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 3.9 * nrows))
    axes = list(getattr(axes, "flat", [axes]))
    with _batched_drawing(fig):
        for ax, year in zip(axes, years):
            members = data.nato_members(as_of=f"{year}-12-31")
            new = members.loc[members["year_joined"] == year, "country"].tolist() if year != 1949 else []
            joined = _wrap_names(new) if new else "the 12 founders"
            nato_map(year, ax=ax, title=f"{year}: {len(members)} members\n(+ {joined})" if new
                     else f"{year}: {len(members)} members\n({joined})", legend=False, labels=False)
            ax.title.set_fontsize(11)
    for ax in axes[len(years):]:
        ax.axis("off")
    handles = _nato_grid_handles()
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=10, frameon=False)
    fig.tight_layout(rect=(0, 0.04, 1, 1), h_pad=2.2)
    return _slide_version(fig, nato_small_multiples, years=tuple(years), ncols=ncols)


def _nato_grid_handles():
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=c, edgecolor="#333333", hatch=h or None, label=lab) for c, h, lab in _NATO_STYLE.values()]
    handles.append(Patch(facecolor="none", edgecolor=PALETTE["vermillion"], hatch="////", label="Russia"))
    handles.append(Patch(facecolor="none", edgecolor="#000000", linewidth=1.6, label="Ukraine (outlined)"))
    return handles


#: Text sizes (points) of the slide grid of NATO maps.
_NATO_GRID_SLIDE_SIZES = {"title": _NATO_SIZES["slide"]["panel_title"], "legend": 11.5}


def _nato_small_multiples_slide(years: list[int]):
    """The small multiples on the slide canvas: two rows, the legend in the cell after the last map."""
    from crisis_course import data

    sizes = _NATO_GRID_SLIDE_SIZES
    fig = _slide_figure()
    ncols = max(1, -(-(len(years) + 1) // 2))
    nrows = 1 if len(years) < 2 else 2
    cell_w = 1.0 / ncols
    width_in = fig.get_size_inches()[0] * cell_w
    titles = []
    for year in years:  # every newcomer named (the slide has no text around it that lists them)
        members = data.nato_members(as_of=f"{year}-12-31")
        new = members.loc[members["year_joined"] == year, "country"].tolist() if year != 1949 else []
        joined = _wrap(f"+ {', '.join(new)}", width_in - 0.08, sizes["title"]) if new else "(the founders)"
        titles.append(f"{year}: {len(members)} members\n{joined}")
    # each row as tall as its longest title (at least three lines) and the maps' common height: the
    # grid takes 90% of the canvas's height, so that a presenter slide with a caption still shows
    # its text at 14 px (the 2004 row names seven newcomers on five lines)
    title_h = [(max(3, *(t.count("\n") + 1 for t in titles[r * ncols:(r + 1) * ncols])) * sizes["title"] * 1.2 + 8)
               / 72 / fig.get_size_inches()[1] for r in range(nrows)]
    map_h = (0.90 - sum(title_h) - 0.018 * nrows) / nrows
    tops = [0.995]
    for r in range(nrows - 1):
        tops.append(tops[-1] - title_h[r] - 0.006 - map_h - 0.012)
    with _batched_drawing(fig):
        for i, year in enumerate(years):
            row, col = divmod(i, ncols)
            top = tops[row]
            ax = fig.add_axes((col * cell_w + 0.004, top - title_h[row] - 0.006 - map_h, cell_w - 0.012, map_h))
            ax.set_anchor("NW")
            nato_map(year, ax=ax, title=titles[i], legend=False, labels=False, layout="slide")
        handles = _nato_grid_handles()
        last = len(years)
        row, col = divmod(last, ncols)
        if row >= nrows:  # no free cell: the legend goes in the last cell's column, under nothing else
            row, col = nrows - 1, ncols - 1
        _slide_legend(fig, handles, col * cell_w + 0.01, tops[row] - 0.01, cell_w - 0.012,
                      sizes["legend"])
    return fig


def _wrap_names(names: list[str], max_chars: int = 44) -> str:
    """Join names into lines of at most ``max_chars`` characters (every name is kept)."""
    import textwrap

    return "\n".join(textwrap.wrap(", ".join(names), max_chars, break_long_words=False))


def nato_slider(start: int = 2021, end: int | None = None):
    """An ipywidgets year slider that redraws :func:`nato_map` (live use in JupyterLab).

    The slider steps through the years in which NATO admitted members (1949 ... 2024); ``start``
    is rounded down to the nearest such year (2021 shows the 30 members of 2020-2022).
    ``end`` (a year) drops later steps: lessons 0-7 pass ``end=2021`` so the slider stops at the
    course's cutoff. Steps after 2021 that remain are labelled as hindsight in the caption.
    Returns a VBox; its static HTML fallback (nbconvert, slides) says to use the small multiples.
    """
    import ipywidgets as w

    from crisis_course import data
    from crisis_course.figures import to_html

    rounds = [y for y in NATO_ROUNDS if end is None or y <= end]
    value = max(y for y in rounds if y <= max(start, rounds[0]))
    slider = w.SelectionSlider(options=rounds, value=value, description="Year",
                               continuous_update=False, layout=w.Layout(width="90%"),
                               style={"description_width": "initial"})
    caption = w.HTML()
    # The map is an <img> with alt text inside an HTML widget, not an Output widget: captured
    # output can stall notebook runners (nbclient waits on it), and an <img> carries a description.
    picture = w.HTML()

    def redraw(*_):
        year = slider.value
        members = data.nato_members(as_of=f"{year}-12-31")
        new = members[members["year_joined"] == year]["country"].tolist()
        joined = (f"Joined in {year}: {', '.join(new)}." if year != 1949
                  else "The twelve founding members.")
        later = (" <em>Looking ahead (hindsight): after the article of 7 December 2021.</em>"
                 if year > 2021 else "")
        drawn = to_html(
            nato_map(year), dpi=90,
            alt=f"Map of Europe: NATO at the end of {year}, {len(members)} members. {joined} "
                "Russia is hatched and Ukraine outlined; the United States and Canada are members off the map.")
        # text and picture change together (drawn first: the text never names a year the map does not show)
        caption.value = explorer_text(f"<p><strong>{year}: {len(members)} members.</strong> {joined}{later}</p>")
        picture.value = drawn

    slider.observe(redraw, names="value")
    redraw()
    return w.VBox([slider, caption, picture] + [x for x in [slider_names()] if x is not None])


# --------------------------------------------------------------------------- choropleth

def choropleth(df, column: str, title: str = "", legend_label: str = "", cmap: str = "YlOrRd",
               vmin=None, vmax=None, extent=None, ax=None, missing_label: str = "no data",
               label_values: bool = False, fmt: str = "{:.0f}"):
    """Colour countries by ``df[column]`` (``df`` has one row per ``iso_a3``).

    Countries on the map but not in ``df`` (or with an empty value) are light grey with a
    hatch and listed as ``missing_label`` in the legend. ``label_values`` writes each value on
    its country, so the map does not rely on colour alone. Returns the Figure.
    """
    from matplotlib.patches import Patch

    from crisis_course import data

    if "iso_a3" not in df.columns or column not in df.columns:
        raise ValueError(f"choropleth: the table needs columns 'iso_a3' and {column!r}")
    if df["iso_a3"].duplicated().any():
        dups = sorted(df.loc[df["iso_a3"].duplicated(), "iso_a3"].astype(str).unique())
        raise ValueError(f"choropleth: one row per country please; duplicated: {', '.join(dups)}")
    countries = data.europe_map()
    merged = countries.merge(df[["iso_a3", column]], on="iso_a3", how="left")
    fig, ax = _new_axes(ax, (9, 7.5))
    with _batched_drawing(fig):
        _frame(ax, extent or EUROPE_EXTENT)
        missing = merged[merged[column].isna()]
        present = merged[merged[column].notna()]
        _plot(missing, ax, color=_CONTEXT, edgecolor="#FFFFFF", linewidth=0.4, hatch="..")
        if not present.empty:
            present.plot(ax=ax, column=column, cmap=cmap, vmin=vmin, vmax=vmax, edgecolor="#444444",
                         linewidth=0.5, legend=True,
                         legend_kwds={"label": legend_label or column, "shrink": 0.6})
        if label_values:
            points = _label_points(present, extent or EUROPE_EXTENT, min_area=0.4)
            for idx, row in present.iterrows():
                pt = points[idx]
                if pt is not None:
                    ax.text(pt.x, pt.y, fmt.format(row[column]), ha="center", va="center", fontsize=10,
                            color="#000000", bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none",
                                                   "alpha": 0.75})
        ax.legend(handles=[Patch(facecolor=_CONTEXT, edgecolor="#999999", hatch="..", label=missing_label)],
                  loc="upper left", fontsize=9)
        if title:
            ax.set_title(title, fontsize=12, loc="left")
        _tidy(ax)
        fig.tight_layout()
    return fig


#: Text sizes (points) of the Crimea map in each layout.
_CRIMEA_SIZES = {
    "notebook": {"country": 13, "sea": 12, "azov": 11, "event": 12, "legend": 12, "title": 14},
    "slide": {"country": 13, "sea": 12, "azov": 11, "event": 12, "legend": 12, "title": 14},
}


#: Where the Crimea map names countries and seas (lon, lat); the slide's smaller map moves some.
_CRIMEA_LABELS = {"UKR": (32.5, 49.3), "RUS": (41.0, 47.6), "MDA": (28.9, 47.6)}
_CRIMEA_SEAS = {"Black Sea": (38.0, 42.8), "Sea of Azov": (36.9, 46.35)}
_CRIMEA_SLIDE_LABELS = {"UKR": (32.5, 49.3), "RUS": (41.0, 47.6), "MDA": (28.9, 47.6)}
_CRIMEA_SLIDE_SEAS = {"Black Sea": (31.5, 42.5), "Sea of\nAzov": (36.75, 45.95)}


@figure_cache.chart
def crimea_history_map(layout: str = "notebook"):
    """Lesson 2's historical map: Crimea between Russia and Ukraine in 1954, 1991 and 2014, on the
    course's base map (present-day borders; Crimea drawn as part of Ukraine per UN GA res. 68/262,
    which Russia disputes). The three labels come from ``content/history_maps.yaml``.
    ``layout="slide"``: the map on the left, the three labels and the legend beside it."""
    from importlib import resources

    from matplotlib.patches import Patch

    from crisis_course import data, safeyaml

    _check_layout(layout, "crimea_history_map")
    slide = layout == "slide"
    sizes = _CRIMEA_SIZES[layout]
    events = safeyaml.load_file(resources.files("crisis_course") / "content" / "history_maps.yaml")["crimea"]
    countries = data.europe_map()
    extent = (28.0, 42.0, 41.2, 50.5)
    if slide:
        fig = _slide_figure()
        ax = _slide_map_axes(fig, width=0.5)
    else:
        fig, ax = _new_axes(None, (11, 9))
    with _batched_drawing(fig):
        _frame(ax, extent)
        _plot(countries, ax, color=_LAND, edgecolor=_EDGE, linewidth=0.6)
        _plot(countries[countries["iso_a3"] == "UKR"], ax, color=PALETTE["skyblue"], edgecolor="black", linewidth=1)
        areas = data.contested_areas()
        crimea = areas[areas["name"] == "Crimea"]
        for _, area in crimea.iterrows():
            ax.add_patch(_hatched_patch(area.geometry, "////", PALETTE["vermillion"]))
        for iso, (x, y) in (_CRIMEA_SLIDE_LABELS if slide else _CRIMEA_LABELS).items():
            name = countries.loc[countries["iso_a3"] == iso, "name"]
            if len(name):
                where = {"ha": "left"} if slide and iso == "MDA" else {"ha": "center"}
                # Moldova's name (wider than the strip of Moldova the map shows) on a light box like
                # the locator map's, which hides the border under it
                box = {"bbox": {"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.75}} \
                    if iso == "MDA" else {}
                ax.text(28.2 if where["ha"] == "left" else x, y, name.iloc[0], fontsize=sizes["country"],
                        color="#222222", fontweight="bold" if iso == "UKR" else "normal", **where, **box)
        for sea, (x, y) in (_CRIMEA_SLIDE_SEAS if slide else _CRIMEA_SEAS).items():
            ax.text(x, y, sea, fontsize=sizes["sea" if sea == "Black Sea" else "azov"], style="italic",
                    color="#2b5d8a", ha="center", **({"linespacing": 1.0} if slide else {}))
        pt = crimea.geometry.iloc[0].representative_point()
        handles = [Patch(facecolor=PALETTE["skyblue"], edgecolor="black", label="Ukraine"),
                   Patch(facecolor="white", edgecolor=PALETTE["vermillion"], hatch="////",
                         label="Crimea: annexed by Russia in 2014; UN GA res. 68/262 upholds Ukraine's borders")]
        title = "Crimea between Russia and Ukraine: 1954, 1991, 2014"
        if not slide:
            for i, ev in enumerate(events):
                # each box drawn over the pointers of the boxes below it (they pass behind it)
                ax.annotate(_wrap_names([ev["label"]], 52), (pt.x, pt.y), xytext=(28.3, 44.3 - 1.0 * i),
                            fontsize=sizes["event"], va="top", zorder=5 + len(events) - i,
                            arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.8},
                            bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": PALETTE["vermillion"],
                                  "alpha": 0.95})
            _finish(fig, ax, handles, title, ncol=1, fontsize=sizes["legend"])
            return _slide_version(fig, crimea_history_map)
        # slide: the legend at the top of the column right of the map, the three labels stacked under
        # it, so that their pointers reach Crimea over the open Black Sea (not across other names)
        ax.set_title(title, fontsize=sizes["title"], loc="left")
        _tidy(ax)
        left, top, width = _slide_column(ax, gap=0.03)
        width_in = width * fig.get_size_inches()[0] - 0.3  # minus the box's padding
        legend = _slide_legend(fig, handles, left, top, width, sizes["legend"])
        legend.set_zorder(6)
        renderer = fig.canvas.get_renderer()
        y = fig.transFigure.inverted().transform((0, legend.get_window_extent(renderer).y0))[1] - 0.04
        for ev in events:
            text = ax.annotate(_wrap(ev["label"], width_in, sizes["event"]), (pt.x, pt.y), xytext=(left + 0.008, y),
                               textcoords="figure fraction", fontsize=sizes["event"], va="top", ha="left",
                               arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.8},
                               bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": PALETTE["vermillion"],
                                     "alpha": 0.95})
            lines = text.get_text().count("\n") + 1
            y -= (lines * sizes["event"] * 1.25 + 16) / 72 / fig.get_size_inches()[1]
    return fig


def crimea_history_alt_text() -> str:
    from importlib import resources

    from crisis_course import safeyaml

    events = safeyaml.load_file(resources.files("crisis_course") / "content" / "history_maps.yaml")["crimea"]
    return ("Map of Ukraine and its neighbours around the Black Sea with the Crimean peninsula hatched (drawn as "
            "part of Ukraine, as in UN General Assembly resolution 68/262, which Russia disputes), and three "
            "labels pointing to it: " + "; ".join(ev["label"] for ev in events) + ".")
