"""The energy charts: each returns a matplotlib Figure (show it with ``figures.show``), and each
``*_alt_text`` writes a text description from the same numbers the figure draws."""
from __future__ import annotations

from functools import partial

from crisis_course import figure_cache
from crisis_course.figures import PALETTE, for_slides, remember

from .definitions import (
    _CAVEAT_HATCH,
    _ECONOMY_DEFAULT,
    _GREY,
    _MAP_CALLOUTS,
    _MAP_NUDGES,
    _OTHER,
    _RUSSIA,
    DEPENDENCE_CMAP,
    EU27,
    _labels_clear_of_line,
)
from .tables import _eu_share, dependence_table, economy_table, eu_imports_trend, imports_vs_consumption, price_table

_LAYOUTS = ("notebook", "slide")


def _slide_layout(name: str, layout: str, *args):
    """The chart's slide layout (:mod:`.slides`) for ``layout="slide"``, None for the notebook's."""
    if layout not in _LAYOUTS:
        raise ValueError(f"layout must be 'notebook' or 'slide', not {layout!r}")
    if layout == "notebook":
        return None
    from . import slides

    return getattr(slides, name)(*args)


@figure_cache.chart
def eu_imports_chart(aggregate: str = EU27, ax=None, layout: str = "notebook"):
    """Stacked bars: EU gas imports from Russia and from all other partners, 2011-2020 (TWh),
    with the Russian share of imports written above each bar. Returns the Figure.
    ``layout="slide"``: the same chart for a projector (:func:`.slides.eu_imports`)."""
    import matplotlib.pyplot as plt

    slide = _slide_layout("eu_imports", layout, aggregate)
    if slide is not None:
        return slide
    own = ax is None

    t = eu_imports_trend(aggregate)
    if ax is None:
        fig, ax = plt.subplots(figsize=(9, 5))
    else:
        fig = ax.figure
    ax.bar(t["year"], t["from_russia_twh"], color=_RUSSIA, edgecolor="#333333", linewidth=0.5,
           label="from Russia (pipeline + LNG)")
    ax.bar(t["year"], t["from_others_twh"], bottom=t["from_russia_twh"], color=_OTHER, edgecolor="#333333",
           linewidth=0.5, hatch="//", label="from all other partners")
    for _, r in t.iterrows():
        ax.text(r["year"], r["total_twh"] + 60, f"{r['share_russia_pct']:.0f}%", ha="center", va="bottom",
                fontsize=10, color="#222222")
    ax.set_xticks(list(t["year"]))
    ax.set_ylabel("Terawatt-hours (gross calorific value)", fontsize=11)
    ax.set_ylim(0, t["total_twh"].max() * 1.15)
    ax.tick_params(labelsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    label = "EU27" if aggregate == EU27 else aggregate
    ax.set_title(f"{label} natural-gas imports by partner, 2011-2020, as the members report them\n"
                 "(including trade between members; % = share of these imports from Russia)", fontsize=12,
                 loc="left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, fontsize=10, frameon=False)
    fig.tight_layout()
    return for_slides(fig, partial(eu_imports_chart, aggregate, layout="slide")) if own else fig


def eu_imports_alt_text(aggregate: str = EU27) -> str:
    """A text description of :func:`eu_imports_chart`, computed from the data."""
    t = eu_imports_trend(aggregate).set_index("year")
    first, last = t.index.min(), t.index.max()
    lo, hi = t["share_russia_pct"].idxmin(), t["share_russia_pct"].idxmax()
    return (f"Stacked bar chart of EU27 natural-gas imports for each year {first}-{last}, split into imports "
            f"from Russia and from all other partners. Total imports were {t.loc[first, 'total_twh']:,.0f} TWh in "
            f"{first} and {t.loc[last, 'total_twh']:,.0f} TWh in {last}; imports from Russia rose from "
            f"{t.loc[first, 'from_russia_twh']:,.0f} to {t.loc[last, 'from_russia_twh']:,.0f} TWh. Russia's share "
            f"of imports was lowest in {lo} ({t.loc[lo, 'share_russia_pct']:.1f}%) and highest in {hi} "
            f"({t.loc[hi, 'share_russia_pct']:.1f}%); in {last} it was {t.loc[last, 'share_russia_pct']:.1f}%. "
            "These are shares of imports (including gas traded between member states), not of consumption.")


def _dependence_colour(share: float):
    """The colour of ``share`` (0-100 %) on the dependence scale shared by map and bars."""
    import matplotlib

    return matplotlib.colormaps[DEPENDENCE_CMAP](max(0.0, min(100.0, float(share))) / 100.0)


def dependence_bar(year: int = 2020, min_imports_twh: float = 1.0, ax=None, highlight=("DEU", "ITA", "HUN")):
    """Ranked horizontal bar chart of the share of gas imports from Russia, one bar per country.

    Bars are coloured on the same scale as :func:`dependence_map` (:data:`DEPENDENCE_CMAP`,
    0-100 %), so a country has the same colour in both, and labelled with their value; the EU27
    share is drawn as a dashed line; countries in :data:`REPORTING_CAVEATS` are marked
    "reported 0 *" (or "66% *") with the map's hatch in the legend; ``highlight`` countries have bold names.
    Returns the Figure.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    t = dependence_table(year, min_imports_twh)
    t = t.iloc[::-1].reset_index(drop=True)  # largest at the top
    if ax is None:
        fig, ax = plt.subplots(figsize=(7.5, max(5.0, 0.3 * len(t) + 1.4)))
    else:
        fig = ax.figure
    colours = [_dependence_colour(v) for v in t["share_of_imports_pct"]]
    ax.barh(range(len(t)), t["share_of_imports_pct"], color=colours, edgecolor="#333333", linewidth=0.6)
    for i, r in t.iterrows():
        if r["caveat"]:
            label = "reported 0 *" if r["share_of_imports_pct"] == 0 else f"{r['share_of_imports_pct']:.0f}% *"
        else:
            label = f"{r['share_of_imports_pct']:.0f}%"
        ax.text(r["share_of_imports_pct"] + 1.5, i, label, va="center", fontsize=10.5, color="#222222", gid="value")
    ax.set_yticks(range(len(t)))
    ax.set_yticklabels(t["country"], fontsize=10.5)
    for tick, iso in zip(ax.get_yticklabels(), t["iso_a3"]):
        if iso in highlight:
            tick.set_fontweight("bold")
    eu = _eu_share(year)
    ax.axvline(eu, color="#000000", linestyle="--", linewidth=1.2)
    ax.text(eu + 1, len(t) - 0.3, f"EU27 (members' reports summed): {eu:.1f}%", fontsize=10.5, va="bottom")
    ax.set_xlim(0, 118)
    ax.set_ylim(-0.7, len(t) + 0.6)
    ax.set_xlabel("Share of natural-gas imports from Russia (%)", fontsize=11)
    ax.tick_params(axis="x", labelsize=10.5)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(f"Share of gas imports from Russia, {year}", fontsize=12.5, loc="left")
    if t["caveat"].astype(bool).any():
        ax.legend(handles=[Patch(facecolor="white", edgecolor="#333333", hatch=_CAVEAT_HATCH,
                                 label="* reporting artefact: Russian gas\n  recorded under a neighbour,\n  or a break in reporting")],
                  loc="lower right", fontsize=10, framealpha=0.95)
    fig.tight_layout()
    _values_clear_of_eu_line(ax, eu)
    return fig


def _values_clear_of_eu_line(ax, eu: float) -> None:
    """The dashed EU27 line of a :func:`dependence_bar` axes crosses none of its value labels."""
    _labels_clear_of_line(ax, [t for t in ax.texts if t.get_gid() == "value"], eu)


#: Countries whose shape on the map covers at least this many square degrees get their name beside
#: their value (the smaller ones are named in the bar chart next to the map).
_NAMED_AREA = 20.0


def _label_dependence_map(ax, t, extent, fontsize: float = 10.5):
    """Write each country's value on the map: inside the country when it is big enough, else
    at a callout position joined by a line. Caveat countries get "0*"."""
    from shapely.geometry import box

    from crisis_course import data

    shapes = data.europe_map().set_index("iso_a3")
    clip = box(extent[0], extent[2], extent[1], extent[3])
    bbox = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "#666666", "lw": 0.4, "alpha": 0.9}
    for r in t.itertuples():
        if r.iso_a3 not in shapes.index:
            continue
        text = f"{r.share_of_imports_pct:.0f}" + ("*" if r.caveat else "")
        geom = shapes.loc[r.iso_a3, "geometry"]
        if hasattr(geom, "iloc"):
            geom = geom.iloc[0]
        geom = geom.intersection(clip)
        if geom.is_empty:
            continue
        parts = list(getattr(geom, "geoms", [geom]))
        main = max((g for g in parts if g.geom_type == "Polygon"), key=lambda g: g.area, default=None)
        if main is None:
            continue
        if r.iso_a3 in _MAP_CALLOUTS:
            anchor = main.representative_point()
            ax.annotate(text, xy=(anchor.x, anchor.y), xytext=_MAP_CALLOUTS[r.iso_a3], fontsize=fontsize,
                        ha="center", va="center", color="#000000", bbox=bbox, zorder=6,
                        arrowprops={"arrowstyle": "-", "color": "#333333", "lw": 0.8,
                                    "shrinkA": 0, "shrinkB": 0})
        else:
            x, y = _MAP_NUDGES.get(r.iso_a3, (None, None))
            if x is None:
                pt = main.representative_point()
                x, y = pt.x, pt.y
            if main.area >= _NAMED_AREA:  # room for the country's name above its value
                text = f"{getattr(r, 'country', r.iso_a3)}\n{text}"
            ax.text(x, y, text, fontsize=fontsize, ha="center", va="center", color="#000000", bbox=bbox,
                    zorder=6)


def dependence_map(year: int = 2020, min_imports_twh: float = 1.0, ax=None, extent=(-12.0, 45.0, 34.0, 71.0)):
    """Choropleth of the share of gas imports from Russia (built on :func:`maps.choropleth`).

    Colours use :data:`DEPENDENCE_CMAP` over 0-100 %, the same scale as :func:`dependence_bar`.
    Every coloured country carries its value, small countries through a callout line;
    countries with a reporting caveat are cross-hatched and their value starred ("0*", "66*"); countries that do
    not report to Eurostat (Russia, Belarus, Switzerland ...) or import less than
    ``min_imports_twh`` are grey ("no data"). Returns the Figure.
    """
    from matplotlib.patches import Patch

    from crisis_course import data, maps

    t = dependence_table(year, min_imports_twh)
    fig = maps.choropleth(t[["iso_a3", "share_of_imports_pct"]], "share_of_imports_pct",
                          title=f"Share of natural-gas imports from Russia, {year}",
                          legend_label="% of gas imports from Russia (map and bars)", cmap=DEPENDENCE_CMAP,
                          vmin=0, vmax=100, extent=extent, ax=ax,
                          missing_label="no data / not a Eurostat reporter", label_values=False)
    ax = fig.axes[0]
    caveat_isos = [iso for iso in t.loc[t["caveat"].astype(bool), "iso_a3"]]
    if caveat_isos:
        shapes = data.europe_map()
        maps._plot(shapes[shapes["iso_a3"].isin(caveat_isos)], ax, facecolor="none", edgecolor="#333333",
                   hatch=_CAVEAT_HATCH, linewidth=0.6)
    _label_dependence_map(ax, t, extent)
    handles = [Patch(facecolor="#DDDDDD", edgecolor="#999999", hatch="..", label="no data / not a Eurostat reporter")]
    if caveat_isos:
        handles.append(Patch(facecolor="white", edgecolor="#333333", hatch=_CAVEAT_HATCH,
                             label="* reporting artefact (see the caveats)"))
    ax.legend(handles=handles, loc="upper left", fontsize=10, framealpha=0.95)
    ax.set_title(f"Share of natural-gas imports from Russia, {year}", fontsize=12.5, loc="left")
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xlabel("")
    ax.set_ylabel("")
    return fig


@figure_cache.chart
def dependence_figure(year: int = 2020, min_imports_twh: float = 1.0, layout: str = "notebook"):
    """Map (left) and ranked bar chart (right) for one year in one Figure -- the static version
    of :func:`dependence_explorer`, for slides and print. ``layout="slide"``: the same map
    colours and ranking for a projector (:func:`.slides.dependence`)."""
    import warnings

    import matplotlib.pyplot as plt

    slide = _slide_layout("dependence", layout, year, min_imports_twh)
    if slide is not None:
        return slide

    fig = plt.figure(figsize=(15, 8.2))
    map_box, bar_box, cbar_box = [0.01, 0.06, 0.50, 0.88], [0.66, 0.08, 0.32, 0.86], [0.52, 0.2, 0.012, 0.6]
    ax_map = fig.add_axes(map_box)
    ax_bar = fig.add_axes(bar_box)
    with warnings.catch_warnings():
        # the helpers call tight_layout, which cannot place a colour bar; we place the axes below
        warnings.simplefilter("ignore", UserWarning)
        dependence_map(year, min_imports_twh, ax=ax_map)
        dependence_bar(year, min_imports_twh, ax=ax_bar)
    ax_map.set_position(map_box)
    ax_bar.set_position(bar_box)
    for extra in fig.axes:
        if extra not in (ax_map, ax_bar):
            extra.set_position(cbar_box)
    _values_clear_of_eu_line(ax_bar, _eu_share(year))  # measured again at the bar chart's place here
    # the explorer starting on this year shows this picture once figures.show has drawn it
    fig = for_slides(fig, partial(dependence_figure, year, min_imports_twh, layout="slide"))
    return remember(fig, ("energy.dependence_figure", year, float(min_imports_twh)))


def dependence_alt_text(year: int = 2020, min_imports_twh: float = 1.0) -> str:
    """A text description of the map and bar chart for ``year``, computed from the data."""
    t = dependence_table(year, min_imports_twh)
    clean = t[~t["caveat"].astype(bool)]
    full = clean[clean["share_of_imports_pct"] >= 99.5]["country"].tolist()
    top = clean[clean["share_of_imports_pct"] < 99.5].head(4)
    low = clean[clean["share_of_imports_pct"] > 0].tail(3)
    zero = clean[clean["share_of_imports_pct"] == 0]["country"].tolist()
    parts = [f"Map of Europe and ranked bar chart of each country's share of natural-gas imports from Russia "
             f"in {year} ({len(t)} Eurostat reporters importing at least {min_imports_twh:g} TWh). "
             f"Summed the same way, the EU27 members took {_eu_share(year):.1f}% of their imports from Russia "
             "(counting gas traded between members as imports). Map and bars share "
             "one colour scale, from pale yellow (0%) to dark red (100%), and every value is written out."]
    if full:
        parts.append(f"100% from Russia: {', '.join(full)}.")
    if not top.empty:
        parts.append("Next highest: " + ", ".join(f"{r.country} {r.share_of_imports_pct:.0f}%"
                                                   for r in top.itertuples()) + ".")
    if not low.empty:
        parts.append("Lowest non-zero shares: " + ", ".join(f"{r.country} {r.share_of_imports_pct:.0f}%"
                                                           for r in low.itertuples()) + ".")
    if zero:
        parts.append(f"Reported 0%: {', '.join(zero)}.")
    cav = t[t["caveat"].astype(bool)]
    zero_cav = cav[cav["share_of_imports_pct"] == 0]["country"].tolist()
    other_cav = cav[cav["share_of_imports_pct"] > 0]
    if zero_cav:
        parts.append(f"{', '.join(zero_cav)} report 0% only because Russian gas is recorded under the country it "
                     "came through; they are hatched.")
    if not other_cav.empty:
        parts.append("Also hatched and starred, because a reporting change distorts the share: "
                     + ", ".join(f"{r.country} {r.share_of_imports_pct:.0f}%" for r in other_cav.itertuples()) + ".")
    return " ".join(parts)


#: The three measures :func:`share_comparison_chart` draws: (column, legend label, colour, hatch).
SHARE_SERIES = [
    ("share_of_imports_pct", "share of imports from Russia", _RUSSIA, None),
    ("import_dependency_pct", "import dependency (net imports / consumption)", PALETTE["blue"], "//"),
    ("russia_share_of_consumption_pct", "imports from Russia / consumption", PALETTE["orange"], ".."),
]
SHARE_LABELS = [label for _, label, _, _ in SHARE_SERIES]


def share_bars(ax, t, labels, value_size: float) -> None:
    """The grouped bars of :func:`share_comparison_chart` on ``ax`` (one group per row of ``t``, a
    value above each bar), the x ticks at the groups and the y range; ``labels`` name the three
    series in the legend (the slide layout breaks them over lines)."""
    import numpy as np

    x = np.arange(len(t))
    width = 0.27
    for k, ((col, _, colour, hatch), label) in enumerate(zip(SHARE_SERIES, labels)):
        vals = t[col]
        bars = ax.bar(x + (k - 1) * width, vals, width, label=label, color=colour, edgecolor="#333333",
                      linewidth=0.5, hatch=hatch)
        for bar, v in zip(bars, vals):
            ax.text(bar.get_x() + bar.get_width() / 2, v + 1.5, f"{v:.0f}", ha="center", va="bottom",
                    fontsize=value_size)
    ax.set_xticks(x)
    ax.set_ylim(0, max(110, float(t[[col for col, *_ in SHARE_SERIES]].max().max()) * 1.15))


@figure_cache.chart
def share_comparison_chart(year: int = 2020, countries=("ROU", "ITA", "POL", EU27), ax=None,
                           layout: str = "notebook"):
    """Grouped bars: share of imports from Russia, import dependency, and Russian-origin imports
    as a share of consumption, for each country. Returns the Figure.
    ``layout="slide"``: the same bars for a projector (:func:`.slides.share_comparison`)."""
    import matplotlib.pyplot as plt

    slide = _slide_layout("share_comparison", layout, year, countries)
    if slide is not None:
        return slide
    own = ax is None

    t = imports_vs_consumption(year, countries)
    if ax is None:
        fig, ax = plt.subplots(figsize=(10, 5.2))
    else:
        fig = ax.figure
    share_bars(ax, t, SHARE_LABELS, value_size=9.5)
    ax.set_xticklabels(t["country"], fontsize=11)
    ax.set_ylabel("% (see legend for the definition)", fontsize=11)
    ax.tick_params(axis="y", labelsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=10, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, frameon=False)
    ax.set_title(f"Three ways to measure dependence on Russian gas, {year}", fontsize=12, loc="left")
    fig.tight_layout()
    return for_slides(fig, partial(share_comparison_chart, year, countries, layout="slide")) if own else fig


def share_comparison_alt_text(year: int = 2020, countries=("ROU", "ITA", "POL", EU27)) -> str:
    """A text description of :func:`share_comparison_chart`, computed from the same numbers."""
    t = imports_vs_consumption(year, countries)
    rows = "; ".join(f"{r.country}: {r.share_of_imports_pct:.0f}%, {r.import_dependency_pct:.0f}%, "
                     f"{r.russia_share_of_consumption_pct:.0f}%" for r in t.itertuples())
    return (f"Grouped bar chart for {', '.join(t['country'])} in {year}, three bars each: share of imports "
            f"from Russia, import dependency, and Russian gas as a share of consumption. {rows}. Where a "
            "country imports most of what it uses, the first and third bars are close; where it produces "
            "its own gas, as Romania does, they are far apart.")


@figure_cache.chart
def price_chart(start: int = 2000, end: int = 2020, benchmarks=("TTF (Netherlands)", "Henry Hub (US)",
                                                              "JKM (LNG, Japan-Korea)"), ax=None,
                layout: str = "notebook"):
    """Line chart of annual average gas prices (US$/MMBtu), with a note that the data stop in
    2020. Each line has a different marker and a direct label. Returns the Figure.
    ``layout="slide"``: the same lines for a projector, end labels kept apart (:func:`.slides.prices`)."""
    import matplotlib.pyplot as plt

    slide = _slide_layout("prices", layout, start, end, benchmarks)
    if slide is not None:
        return slide
    own = ax is None

    t = price_table(start, end, benchmarks)
    if ax is None:
        fig, ax = plt.subplots(figsize=(9, 4.8))
    else:
        fig = ax.figure
    styles = [(_RUSSIA, "o", "-"), (PALETTE["blue"], "s", "--"), (PALETTE["green"], "^", "-."),
              (PALETTE["purple"], "D", ":")]
    for (col, (colour, marker, ls)) in zip(t.columns, styles):
        s = t[col].dropna()
        ax.plot(s.index, s.values, color=colour, marker=marker, linestyle=ls, linewidth=1.8, markersize=4.5,
                label=col)
        ax.text(s.index[-1] + 0.3, s.values[-1], f"{col}\n{s.values[-1]:.2f}", fontsize=9, color=colour,
                va="center")
    ax.set_xlim(t.index.min() - 0.5, t.index.max() + 4.5)
    ax.set_ylabel("US$ per million Btu (annual average)", fontsize=11)
    ax.tick_params(labelsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=10, loc="upper left", framealpha=0.95)
    ax.set_title(f"Annual gas prices {t.index.min()}-{t.index.max()} (the data stop in 2020)", fontsize=12,
                 loc="left")
    fig.tight_layout()
    return for_slides(fig, partial(price_chart, start, end, benchmarks, layout="slide")) if own else fig


@figure_cache.chart
def economy_chart(year: int = 2020, countries=_ECONOMY_DEFAULT, layout: str = "notebook"):
    """Three horizontal bar panels -- population, GDP, GDP per person -- for the same countries,
    Russia and Ukraine picked out by colour *and* hatch, every bar labelled. Returns the Figure.
    ``layout="slide"``: the same panels for a projector (:func:`.slides.economies`)."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    slide = _slide_layout("economies", layout, year, countries)
    if slide is not None:
        return slide

    t = economy_table(year, countries).iloc[::-1].reset_index(drop=True)
    fig, axes = plt.subplots(1, 3, figsize=(14, 0.5 * len(t) + 2.2), sharey=True)
    panels = [
        ("population_m", "Population (millions)", "{:,.0f}"),
        ("gdp_usd_bn", "GDP (billion US$, current prices)", "{:,.0f}"),
        ("gdp_per_capita_usd", "GDP per person (US$)", "{:,.0f}"),
    ]

    def style(iso):
        if iso == "RUS":
            return _RUSSIA, "//"
        if iso == "UKR":
            return PALETTE["blue"], ".."
        if iso == "EUU":
            return PALETTE["skyblue"], None
        return _GREY, None

    for ax, (col, label, fmt) in zip(axes, panels):
        vmax = float(t[col].max())
        for i, r in t.iterrows():
            colour, hatch = style(r["iso_a3"])
            ax.barh(i, r[col], color=colour, edgecolor="#333333", linewidth=0.5, hatch=hatch)
            ax.text(r[col] + vmax * 0.02, i, fmt.format(r[col]), va="center", fontsize=9.5)
        ax.set_xlim(0, vmax * 1.32)
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.set_title(label, fontsize=11, loc="left")
        ax.tick_params(axis="x", labelsize=9)
        ax.spines[["top", "right"]].set_visible(False)
    axes[0].set_yticks(range(len(t)))
    axes[0].set_yticklabels(t["country"], fontsize=10.5)
    for tick, iso in zip(axes[0].get_yticklabels(), t["iso_a3"]):
        if iso in ("RUS", "UKR"):
            tick.set_fontweight("bold")
    fig.suptitle(f"Economies side by side, {year} (World Bank; GDP at market exchange rates)", fontsize=12,
                 x=0.01, ha="left")
    fig.tight_layout()
    return for_slides(fig, partial(economy_chart, year, countries, layout="slide"))


def economy_alt_text(year: int = 2020, countries=_ECONOMY_DEFAULT) -> str:
    """A text description of :func:`economy_chart`, computed from the data."""
    t = economy_table(year, countries).set_index("iso_a3")
    parts = [f"Three bar charts comparing population, GDP and GDP per person in {year}."]
    for iso in countries:
        r = t.loc[iso]
        parts.append(f"{r['country']}: {r['population_m']:,.0f} million people, GDP {r['gdp_usd_bn']:,.0f} billion "
                     f"US$, {r['gdp_per_capita_usd']:,.0f} US$ per person.")
    if "RUS" in t.index:
        bigger = [t.loc[i, "country"] for i in countries if i != "RUS" and t.loc[i, "gdp_vs_russia"] > 1]
        if bigger:
            parts.append(f"Russia's GDP was smaller than that of {', '.join(bigger)}.")
    return " ".join(parts)
