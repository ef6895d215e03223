"""Slide layouts (issue 20) of the energy charts: the same data, colours, hatches and legend
meaning as the notebook figures in :mod:`.charts`, drawn for a projector on
``figures.SLIDE_FIGSIZE`` (900x450 px at ``figures.SLIDE_DPI``) with no text under
``figures.SLIDE_MIN_PT`` and everything inside the canvas. ``charts.X(..., layout="slide")``
calls these; the notebook figures carry them through ``figures.for_slides`` for exports only.
"""
from __future__ import annotations

from crisis_course.figures import PALETTE, SLIDE_DPI, SLIDE_FIGSIZE, SLIDE_MIN_PT

from .definitions import _CAVEAT_HATCH, _GREY, _OTHER, _RUSSIA, DEPENDENCE_CMAP, EU27, _labels_clear_of_line
from .tables import _eu_share, dependence_table, economy_table, eu_imports_trend, imports_vs_consumption, price_table

#: Text sizes (points) of the slide layouts: never under figures.SLIDE_MIN_PT.
SIZES = {k: max(v, SLIDE_MIN_PT) for k, v in
         {"title": 14, "label": 12, "tick": 12, "value": 12, "legend": 12, "small": 11}.items()}


def _figure(**kw):
    import matplotlib.pyplot as plt

    return plt.figure(figsize=SLIDE_FIGSIZE, dpi=SLIDE_DPI, **kw)


def _tidy(ax):
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=SIZES["tick"])


def eu_imports(aggregate: str = EU27):
    """:func:`charts.eu_imports_chart` for a slide: the title on one line, the legend in one row
    inside the canvas at the top, the shares above the bars."""
    t = eu_imports_trend(aggregate)
    fig = _figure()
    ax = fig.add_subplot()
    ax.bar(t["year"], t["from_russia_twh"], color=_RUSSIA, edgecolor="#333333", linewidth=0.5,
           label="from Russia (pipeline + LNG)")
    ax.bar(t["year"], t["from_others_twh"], bottom=t["from_russia_twh"], color=_OTHER, edgecolor="#333333",
           linewidth=0.5, hatch="//", label="from all other partners")
    for _, r in t.iterrows():
        ax.text(r["year"], r["total_twh"] + 50, f"{r['share_russia_pct']:.0f}%", ha="center", va="bottom",
                fontsize=SIZES["value"], color="#222222")
    ax.set_xticks(list(t["year"]))
    ax.set_ylabel("TWh (gross calorific value)", fontsize=SIZES["label"])
    ax.set_ylim(0, t["total_twh"].max() * 1.42)
    _tidy(ax)
    label = "EU27" if aggregate == EU27 else aggregate
    ax.set_title(f"{label} gas imports by partner, 2011-2020, as the members report them\n"
                 "(including trade between members; % = share from Russia)", fontsize=SIZES["title"], loc="left")
    ax.legend(loc="upper left", ncol=2, fontsize=SIZES["legend"], frameon=False)
    fig.tight_layout()
    return fig


def share_comparison(year: int = 2020, countries=("ROU", "ITA", "POL", EU27)):
    """:func:`charts.share_comparison_chart` for a slide: the three series' legend in one column
    at the right of the bars, inside the canvas."""
    from .charts import share_bars

    t = imports_vs_consumption(year, countries)
    fig = _figure()
    ax = fig.add_axes((0.08, 0.1, 0.5, 0.74))
    share_bars(ax, t, ["share of imports\nfrom Russia", "import dependency\n(net imports / consumption)",
                       "imports from Russia\n/ consumption"], value_size=SIZES["small"])
    ax.set_xticklabels(t["country"], fontsize=SIZES["tick"])
    ax.set_ylabel("%", fontsize=SIZES["label"])
    _tidy(ax)
    ax.legend(fontsize=SIZES["legend"], loc="center left", bbox_to_anchor=(1.03, 0.5), frameon=False,
              labelspacing=1.2)
    fig.text(0.01, 0.97, f"Three ways to measure dependence on Russian gas, {year}", fontsize=SIZES["title"],
             va="top")
    return fig


def prices(start: int = 2000, end: int = 2020, benchmarks=("TTF (Netherlands)", "Henry Hub (US)",
                                                           "JKM (LNG, Japan-Korea)")):
    """:func:`charts.price_chart` for a slide: the end labels (name and last value) moved apart
    vertically where they would cover each other, joined to their line's end by a short line."""
    t = price_table(start, end, benchmarks)
    fig = _figure()
    ax = fig.add_axes((0.08, 0.1, 0.62, 0.8))
    styles = [(_RUSSIA, "o", "-"), (PALETTE["blue"], "s", "--"), (PALETTE["green"], "^", "-."),
              (PALETTE["purple"], "D", ":")]
    ends = []
    for (col, (colour, marker, ls)) in zip(t.columns, styles):
        s = t[col].dropna()
        ax.plot(s.index, s.values, color=colour, marker=marker, linestyle=ls, linewidth=2, markersize=5,
                label=col)
        ends.append([float(s.values[-1]), float(s.values[-1]), f"{col}: {s.values[-1]:.2f}", colour,
                     float(s.index[-1])])
    ax.set_xlim(t.index.min() - 0.5, t.index.max() + 0.5)
    top = float(t.max().max()) * 1.05
    ax.set_ylim(0, top)
    # end labels at the right of the axes, at least 2 lines apart (in data units)
    step = top * 0.16
    ends.sort(key=lambda e: e[0])
    for i in range(1, len(ends)):
        ends[i][1] = max(ends[i][1], ends[i - 1][1] + step)
    for value, y, text, colour, x in ends:  # a text and a separate joining line (not an annotation's box)
        ax.text(1.035, y, text.replace(": ", "\n"), transform=ax.get_yaxis_transform(), fontsize=SIZES["label"],
                color=colour, va="center", clip_on=False)
        ax.plot([x + 0.2, x + 0.8], [value, y], color=colour, lw=0.8, clip_on=False)
    ax.set_xticks(range(int(t.index.min()), int(t.index.max()) + 1, 5))
    ax.set_ylabel("US$ per million Btu (annual avg.)", fontsize=SIZES["label"])
    _tidy(ax)
    ax.legend(fontsize=SIZES["legend"], loc="upper left", framealpha=0.95)
    ax.set_title(f"Annual gas prices {t.index.min()}-{t.index.max()} (the data stop in 2020)",
                 fontsize=SIZES["title"], loc="left")
    return fig


def _round_tick(value: float) -> float:
    """``value`` rounded down to one significant digit (80,123 -> 80,000)."""
    import math

    unit = 10 ** math.floor(math.log10(value))
    return math.floor(value / unit) * unit


def economies(year: int = 2020, countries=None):
    """:func:`charts.economy_chart` for a slide: the title over the three panels (not over their
    titles), each panel's title on two lines, the bar values inside their own panel."""
    from matplotlib.ticker import FuncFormatter

    from .definitions import _ECONOMY_DEFAULT

    t = economy_table(year, countries or _ECONOMY_DEFAULT).iloc[::-1].reset_index(drop=True)
    fig = _figure()
    left, gap, width = 0.2, 0.035, 0.23
    axes = [fig.add_axes((left + k * (width + gap), 0.08, width, 0.7)) for k in range(3)]
    panels = [
        ("population_m", "Population\n(millions)"),
        ("gdp_usd_bn", "GDP (billion US$,\ncurrent prices)"),
        ("gdp_per_capita_usd", "GDP per person\n(US$)"),
    ]

    def style(iso):
        return {"RUS": (_RUSSIA, "//"), "UKR": (PALETTE["blue"], ".."), "EUU": (PALETTE["skyblue"], None)}.get(
            iso, (_GREY, None))

    for ax, (col, label) in zip(axes, panels):
        vmax = float(t[col].max())
        for i, r in t.iterrows():
            colour, hatch = style(r["iso_a3"])
            ax.barh(i, r[col], color=colour, edgecolor="#333333", linewidth=0.5, hatch=hatch)
            ax.text(r[col] + vmax * 0.03, i, f"{r[col]:,.0f}", va="center", fontsize=SIZES["small"])
        ax.set_xlim(0, vmax * 1.6)
        ax.set_ylim(-0.6, len(t) - 0.4)
        ax.set_xticks([0, _round_tick(vmax * 0.8)])
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.set_title(label, fontsize=SIZES["label"], loc="left")
        _tidy(ax)
        ax.tick_params(axis="x", labelsize=SIZES["small"])
        ax.set_yticks(range(len(t)))
        ax.set_yticklabels(t["country"] if ax is axes[0] else [], fontsize=SIZES["tick"])
        if ax is not axes[0]:
            ax.tick_params(axis="y", length=0)
    for tick, iso in zip(axes[0].get_yticklabels(), t["iso_a3"]):
        if iso in ("RUS", "UKR"):
            tick.set_fontweight("bold")
    fig.text(0.01, 0.97, f"Economies side by side, {year} (World Bank; GDP at market exchange rates)",
             fontsize=SIZES["title"], va="top")
    return fig


def dependence(year: int = 2020, min_imports_twh: float = 1.0, highlight=("DEU", "ITA", "HUN")):
    """:func:`charts.dependence_figure` for a slide: the map (left) in the colours of the scale,
    caveat countries hatched, and the ranking of every country with its value in two columns
    (right) on the same colour scale; the map's own numbers are left to the ranking (on a
    900x450 slide they cannot be read on the map). Text 12 pt or more: presenter slides show this
    picture a little under its natural width (caption below it)."""
    import matplotlib
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from crisis_course import data, maps

    t = dependence_table(year, min_imports_twh)
    fig = _figure()
    extent = (-11.0, 42.0, 35.0, 70.0)
    ax_map = fig.add_axes((0.005, 0.27, 0.3, 0.62))
    shapes = data.europe_map()
    merged = shapes.merge(t[["iso_a3", "share_of_imports_pct", "caveat"]], on="iso_a3", how="left")
    missing = merged[merged["share_of_imports_pct"].isna()]
    present = merged[merged["share_of_imports_pct"].notna()]
    cmap = matplotlib.colormaps[DEPENDENCE_CMAP]
    maps._plot(missing, ax_map, color="#DDDDDD", edgecolor="#FFFFFF", linewidth=0.4, hatch="..")
    for _, r in present.iterrows():
        maps._plot(present[present["iso_a3"] == r["iso_a3"]], ax_map, color=cmap(r["share_of_imports_pct"] / 100),
                   edgecolor="#444444", linewidth=0.5)
    caveats = present[present["caveat"].astype(bool)]
    if not caveats.empty:
        maps._plot(caveats, ax_map, facecolor="none", edgecolor="#333333", hatch=_CAVEAT_HATCH, linewidth=0.6)
    ax_map.set_xlim(extent[0], extent[1])
    ax_map.set_ylim(extent[2], extent[3])
    ax_map.set_xticks([])
    ax_map.set_yticks([])
    ax_map.set_xlabel("")
    ax_map.set_ylabel("")
    ax_map.set_facecolor("#F4F8FB")
    # the colour bar under the map: the one scale of map and bars
    cax = fig.add_axes((0.02, 0.19, 0.27, 0.03))
    sm = matplotlib.cm.ScalarMappable(norm=matplotlib.colors.Normalize(0, 100), cmap=cmap)
    bar = fig.colorbar(sm, cax=cax, orientation="horizontal", ticks=[0, 50, 100])
    bar.ax.tick_params(labelsize=SIZES["value"])
    bar.ax.set_xticklabels(["0%", "50%", "100%"])
    handles = [Patch(facecolor="#DDDDDD", edgecolor="#999999", hatch="..", label="no data / not a reporter")]
    if not caveats.empty:
        handles.append(Patch(facecolor="white", edgecolor="#333333", hatch=_CAVEAT_HATCH,
                             label="* reporting artefact"))
    eu = _eu_share(year)
    handles.append(Line2D([], [], color="#000000", linestyle="--", linewidth=1.2,
                          label=f"EU27 (members' reports summed): {eu:.1f}%"))
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 0.0), ncol=3, fontsize=SIZES["value"],
               frameon=False, handlelength=1.3, handletextpad=0.4, columnspacing=0.7)
    # the ranking, largest first, in two columns
    n = len(t)
    half = (n + 1) // 2
    for k, part in enumerate((t.iloc[:half], t.iloc[half:])):
        ax = fig.add_axes(((0.48, 0.81)[k], 0.1, (0.16, 0.15)[k], 0.79))
        part = part.reset_index(drop=True)
        ax.barh(range(len(part)), part["share_of_imports_pct"],
                color=[cmap(v / 100) for v in part["share_of_imports_pct"]], edgecolor="#333333", linewidth=0.6)
        values = []
        for i, r in part.iterrows():
            label = f"{r['share_of_imports_pct']:.0f}" + (" *" if r["caveat"] else "")
            values.append(ax.text(r["share_of_imports_pct"] + 4, i, label, va="center", fontsize=SIZES["value"],
                                  color="#222222", zorder=5,
                                  bbox={"boxstyle": "square,pad=0.05", "fc": "white", "ec": "none"}))
        ax.set_yticks(range(len(part)))
        ax.set_yticklabels(part["country"].replace({"Bosnia and Herzegovina": "Bosnia and Herz."}),
                           fontsize=SIZES["value"])
        for tick, iso in zip(ax.get_yticklabels(), part["iso_a3"]):
            if iso in highlight:
                tick.set_fontweight("bold")
        ax.axvline(eu, color="#000000", linestyle="--", linewidth=1.2, zorder=4)
        ax.set_ylim(half - 0.5, -0.6)
        ax.set_xlim(0, 135)
        ax.set_xticks([])
        ax.spines[["top", "right", "bottom"]].set_visible(False)
        _labels_clear_of_line(ax, values, eu)  # the EU27 line crosses no value
    fig.text(0.01, 0.97, f"Share of natural-gas imports from Russia, {year}: map and ranking (%)",
             fontsize=SIZES["title"], va="top")
    return fig
