"""Reported Russian deployments near Ukraine in 2021, as known on 7 December 2021 (lesson 4).

``content/deployments.yaml`` lists each place named in a report, with the image date and the
source; :func:`deployments_map` draws them on the course's locator map (spring build-up, the
Zapad-2021 exercise, the autumn build-up), and :func:`deployments_alt_text` says the same in words.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import course, figure_cache, safeyaml

__all__ = ["load", "problems", "deployments_map", "deployments_alt_text", "PERIODS", "EXTENT"]

#: period -> (label, Okabe-Ito colour, marker)
PERIODS = {
    "spring": ("Spring 2021 build-up (March-April)", "#E69F00", "s"),
    "exercise": ("Zapad-2021 exercise (10-16 September)", "#CC79A7", "D"),
    "autumn": ("Autumn 2021 build-up (October-November)", "#D55E00", "^"),
}
EXTENT = (22.0, 45.0, 43.5, 58.0)
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def path() -> Path:
    return Path(str(resources.files("crisis_course") / "content" / "deployments.yaml"))


def _date_text(value) -> str:
    parts = str(value).split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"


def problems(data=None) -> list[str]:
    rows, out = safeyaml.table_rows(path(), "deployments", data)
    for i, d in enumerate(rows or []):
        where = f"deployments.yaml: entry {i + 1}"
        if not isinstance(d, dict):
            out.append(f"{where}: must be a mapping")
            continue
        for key in ("place", "what", "source"):
            if not isinstance(d.get(key), str) or not d[key].strip():
                out.append(f"{where}: field {key!r} must be non-empty text")
        if d.get("period") not in PERIODS:
            out.append(f"{where}: field 'period' must be one of {', '.join(PERIODS)}")
        if not (isinstance(d.get("lon"), (int, float)) and isinstance(d.get("lat"), (int, float))
                and EXTENT[0] <= d["lon"] <= EXTENT[1] and EXTENT[2] <= d["lat"] <= EXTENT[3]):
            out.append(f"{where}: lon/lat must be numbers inside the map ({EXTENT})")
        date = str(d.get("date", ""))
        cutoff = course.load().cutoff.isoformat()
        if not (len(date) in (7, 10) and date[:4] == cutoff[:4] and date <= cutoff):
            out.append(f"{where}: field 'date' must be YYYY-MM or YYYY-MM-DD in 2021, up to 2021-12-07 "
                       "(later reports are hindsight and are not drawn)")
    return out


@lru_cache(maxsize=1)
def load() -> tuple[dict, ...]:
    """The table's rows (raises ValueError listing every problem)."""
    return safeyaml.load_checked(path(), "deployments", problems)


@figure_cache.chart
def deployments_map(layout: str = "notebook"):
    """The locator map of Ukraine with each reported deployment marked and labelled with its date.
    ``layout="slide"``: the same map for a projector (the legend beside the map; labels with the
    place's name and a short date, one label for the two reports from Pogonovo)."""
    from matplotlib.lines import Line2D

    from .maps import _check_layout, _slide_column, _slide_legend, _slide_version, locator_map

    _check_layout(layout, "deployments_map")
    slide = layout == "slide"
    fig = locator_map(extent=EXTENT, title="Russian deployments near Ukraine reported in 2021 "
                                           "(as known on 7 December 2021)", layout=layout,
                     area_labels=not slide)  # on the slide the legend names the hatched areas
    ax = fig.axes[0]
    old = fig.legends[0] if slide and fig.legends else ax.get_legend()
    handles = list(old.legend_handles) if old is not None else []
    if old is not None:
        if slide:
            for handle, text in zip(handles, old.get_texts()):
                handle.set_label(text.get_text())
        old.remove()
    if slide:
        for text in ax.texts:  # Russia's name south of Moscow, off the Mulino label's pointer
            if text.get_text() == "Russia":
                text.set_position(_SLIDE_RUSSIA_AT)
        _slide_markers(ax)
    else:
        for d in load():
            label, colour, marker = PERIODS[d["period"]]
            ax.scatter([d["lon"]], [d["lat"]], s=150, marker=marker, color=colour, edgecolor="black", zorder=7)
            short = d["place"].split(" (")[0]
            dx, dy = d.get("label_at", [10, 8])
            ax.annotate(f"{short}\n{_date_text(d['date'])}", (d["lon"], d["lat"]), xytext=(dx, dy),
                        textcoords="offset points", fontsize=11, zorder=8, ha="right" if dx < 0 else "left",
                        bbox=dict(boxstyle="round,pad=0.2", fc="white", ec=colour, alpha=0.92),
                        arrowprops=dict(arrowstyle="-", color=colour, lw=1))
    for period, (label, colour, marker) in PERIODS.items():
        handles.append(Line2D([], [], marker=marker, color=colour, markeredgecolor="black", linestyle="",
                              markersize=11, label=label))
    if slide:
        left, top, width = _slide_column(ax)
        _slide_legend(fig, handles, left, top, width, _SLIDE_SIZES["legend"])
        return fig
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=2, fontsize=11,
              frameon=False)
    fig.set_size_inches(12, 9.5)
    fig.tight_layout()
    return _slide_version(fig, deployments_map)


#: Where Russia's name sits on the slide (lon, lat).
_SLIDE_RUSSIA_AT = (37.0, 52.6)
#: Text sizes (points) of the slide layout.
_SLIDE_SIZES = {"label": 11, "legend": 11.5}
#: Where each place's label sits on the slide (points from the marker; left of it when dx < 0,
#: centred under or over it when dx is 0; a third item sets the alignment itself).
_SLIDE_LABEL_AT = {"Pogonovo": (-4, -46), "Angarsky": (72, -12), "Morozovsk": (0, -36), "Mulino": (20, -56, "right"),
                   "Novoozerne": (-10, -26), "Yelnya": (-8, 6)}


def _short_date(value) -> str:
    parts = str(value).split("-")
    month = _MONTHS[int(parts[1]) - 1][:3]
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def _slide_markers(ax) -> None:
    """The deployments on the slide's map: one label per place (its name and the short dates)."""
    import re

    places: dict[str, list] = {}
    for d in load():
        label, colour, marker = PERIODS[d["period"]]
        ax.scatter([d["lon"]], [d["lat"]], s=110, marker=marker, color=colour, edgecolor="black", zorder=7,
                   alpha=0.9)
        name = re.sub(r" (training area|training ground|air base)$", "", d["place"].split(" (")[0])
        places.setdefault(name, []).append(d)
    for name, rows in places.items():
        colour = PERIODS[rows[0]["period"]][1] if len(rows) == 1 else "#000000"
        dx, dy, *align = _SLIDE_LABEL_AT.get(name, (8, 6))
        dates = "\n".join(_short_date(d["date"]) for d in rows)  # a line per report
        ax.annotate(f"{name}\n{dates}", (rows[0]["lon"], rows[0]["lat"]), xytext=(dx, dy),
                    textcoords="offset points", fontsize=_SLIDE_SIZES["label"], zorder=8,
                    ha=align[0] if align else "right" if dx < 0 else ("center" if dx == 0 else "left"),
                    bbox=dict(boxstyle="round,pad=0.2", fc="white", ec=colour, alpha=0.92),
                    arrowprops=dict(arrowstyle="-", color=colour, lw=1))


def deployments_alt_text() -> str:
    parts = []
    for period, (label, _, _) in PERIODS.items():
        items = [f"{d['place']} ({_date_text(d['date'])}: {d['what']})" for d in load() if d["period"] == period]
        if items:
            parts.append(f"{label}: " + "; ".join(items))
    return ("Map of Ukraine and its neighbours (Crimea drawn as part of Ukraine, as in UN General Assembly "
            "resolution 68/262, which Russia disputes) with the Russian deployments reported in 2021, as known "
            "on 7 December 2021. " + ". ".join(parts) + ". No deployment into Belarus is shown: those came in "
            "January 2022.")

#: Source line for the map.
SOURCE = ("Places and dates: the course's table content/deployments.yaml (RFE/RL, 21 April and 7 December 2021, from "
          "Maxar satellite images; TASS, 13 September 2021). Made with Natural Earth (public domain); Crimea drawn as "
          "part of Ukraine per UN GA res. 68/262 (Russia disputes this).")
