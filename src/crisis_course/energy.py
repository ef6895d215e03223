"""Gas, dependence and economies: tables and charts for lessons 5 (sanctions) and 6 (energy).

Everything here reads the datasets that ship with the course (nothing is downloaded) through
:mod:`crisis_course.data` and returns either a pandas DataFrame or a matplotlib Figure. Show a
figure with ``figures.show(fig, alt=..., caption=..., source=...)``; the ``*_alt_text`` helpers
write a text description from the same numbers the figure draws.

Definitions matter (see ``data/README_gas_eurostat.md``):

* **share of imports from Russia** = imports with partner Russia / all imports (Eurostat
  ``nrg_ti_gas``). It is a share of *imports*, not of consumption.
* **import dependency** = net imports / gross inland consumption (Eurostat ``nrg_cb_gas``).
* **Russian-origin imports as a share of consumption** = imports from Russia / gross inland
  consumption. This is an approximation: gas that is imported and re-exported, or put into
  storage, is counted as if it were used at home, so it can exceed 100 % for transit countries.

Reporting caveats: "partner" is the country of origin *as reported*; some countries report the
country the gas last came through. Austria reports 0 from Russia from 2014, Croatia and Denmark
report 0, although Russian gas reached all three via neighbours. Germany's figures break in
2018 (exports recorded as 0, the same Russian share in 2018 and 2019), and Finland's 2020 share
falls because gas arriving through the Balticconnector pipeline from Estonia (opened for the
market on 1 January 2020) is recorded under Estonia (:data:`REPORTING_CAVEATS`,
:data:`CAVEAT_YEARS`).

The EU27 aggregate sums the member states' reports, so its "imports" include gas traded between
member states and are larger than imports from outside the EU: its 38.7 % "share of imports from
Russia" (2020) is lower than the share of *extra-EU* imports that Eurostat publishes (about 46 %
for 2020). The course's headline measure is :func:`eu_headline`: imports from Russia reported by
the members divided by EU27 gross inland consumption (about 39 % in 2020; approximate, see below).

Main functions
--------------
``eu_imports_trend`` / ``eu_imports_chart``       EU27 imports, total and from Russia, 2011-2020
``dependence_table``                            one year, one row per reporting country
``dependence_bar`` / ``dependence_map``         ranked bar chart / choropleth for one year
``dependence_figure``                           map and bar chart side by side (static, for slides)
``dependence_explorer``                         ipywidgets year slider redrawing map + bar chart
``imports_vs_consumption`` / ``share_comparison_chart``  three measures of dependence side by side
``price_table`` / ``price_chart``               annual gas price benchmarks 2000-2020
``economy_table`` / ``economy_chart``           population and GDP side by side (lesson 5)

The ``*_table``/``*_trend`` functions return tidy DataFrames with short column names for code.
For a lesson, show the ``*_display`` version instead: the same numbers under plain-English
headers, without the index or empty columns, as an HTML table with a caption and a plain-text
alternative (``.frame`` holds the DataFrame behind it):

``eu_imports_display`` / ``eu_supply_display``  the EU27 trend and gas balance, 2011-2020
``dependence_display``                          the countries most dependent on Russian gas
``measures_display``                            the three measures of dependence (worked example)
``economy_display``                             population and GDP side by side (lesson 5)
"""
from __future__ import annotations

from crisis_course.figures import PALETTE

from . import editorial

__all__ = [
    "EU27",
    "YEARS",
    "REPORTING_CAVEATS",
    "CAVEAT_YEARS",
    "eu_headline",
    "caveat_for",
    "EUROSTAT_SOURCE",
    "WORLDBANK_SOURCE",
    "BP_SOURCE",
    "MMBTU_PER_MWH",
    "eur_mwh_to_usd_mmbtu",
    "twh_to_bcm",
    "eu_imports_trend",
    "eu_imports_chart",
    "eu_imports_alt_text",
    "eu_supply_trend",
    "dependence_table",
    "dependence_bar",
    "dependence_map",
    "dependence_figure",
    "dependence_alt_text",
    "dependence_explorer",
    "imports_vs_consumption",
    "share_comparison_chart",
    "share_comparison_alt_text",
    "price_table",
    "price_chart",
    "economy_table",
    "economy_chart",
    "economy_alt_text",
    "eu_imports_display",
    "eu_supply_display",
    "dependence_display",
    "measures_display",
    "economy_display",
]

#: The EU aggregate used throughout (the 27 members after the UK left), as coded in the data.
EU27 = "EU27_2020"
#: Years covered by the Eurostat gas files.
YEARS = tuple(range(2011, 2021))

#: Countries whose reported share "from Russia" is distorted by how they record partners, and why.
_CAVEATS = editorial.load("energy_caveats")  # content/energy_caveats.yaml
REPORTING_CAVEATS = {c["iso_a3"]: c["note"] for c in _CAVEATS["reporting_caveats"]}
#: First year from which a caveat applies (countries not listed: every year of the data).
CAVEAT_YEARS = {c["iso_a3"]: c["from_year"] for c in _CAVEATS["reporting_caveats"] if "from_year" in c}

EUROSTAT_SOURCE = ("Source: Eurostat, nrg_ti_gas and nrg_cb_gas (extracted April 2022); reshaped and "
                   "derived columns added by the course authors.")
WORLDBANK_SOURCE = "Source: World Bank, World Development Indicators (CC BY 4.0)."
BP_SOURCE = "Source: BP Statistical Review of World Energy 2021, via Our World in Data (CC BY 4.0)."

#: One megawatt-hour is 3.412 million British thermal units.
MMBTU_PER_MWH = 3.412

_RUSSIA = PALETTE["vermillion"]
_OTHER = PALETTE["skyblue"]
_GREY = "#BBBBBB"

#: One colour scale for the dependence map *and* its bar chart, so a country has the same colour
#: in both: the map's sequential colormap over 0-100 % (pale yellow = 0 %, dark red = 100 %).
DEPENDENCE_CMAP = "YlOrRd"
_CAVEAT_HATCH = "xxx"

_BENCHMARKS = {
    "TTF (Netherlands)": "Natural gas - Netherlands TTF (DA Heren Index)",
    "NBP (UK)": "Natural gas - UK (Heren NBP Index)",
    "German import price": "Natural gas - Average German Import price",
    "Henry Hub (US)": "Natural gas - US Henry Hub",
    "LNG Japan CIF": "LNG - Japan CIF",
    "JKM (LNG, Japan-Korea)": "LNG - Japan Korea Marker (JKM)",
}

_ECONOMY_DEFAULT = ("USA", "EUU", "DEU", "FRA", "ITA", "RUS", "POL", "UKR")
_SHORT_NAMES = {"EUU": "European Union (27)", "USA": "United States"}


# ----------------------------------------------------------------------------- units ----

def eur_mwh_to_usd_mmbtu(eur_per_mwh: float, usd_per_eur: float) -> float:
    """Convert a gas price in euros per megawatt-hour (how TTF is quoted) to US dollars per
    million British thermal units (how the BP benchmarks in the data are quoted).

    >>> round(eur_mwh_to_usd_mmbtu(100, 1.16), 1)
    34.0
    """
    return float(eur_per_mwh) * float(usd_per_eur) / MMBTU_PER_MWH


def twh_to_bcm(twh: float, pj_per_bcm: float = 39.0) -> float:
    """Rough conversion of terawatt-hours (gross calorific value) to billion cubic metres.

    One bcm holds about 38-40 petajoules depending on gas quality (the data README); 1 TWh is
    3.6 PJ. Use it for orders of magnitude only.
    """
    return float(twh) * 3.6 / float(pj_per_bcm)


# -------------------------------------------------------------------- EU import trend ----

def eu_imports_trend(aggregate: str = EU27):
    """EU gas imports by partner, one row per year 2011-2020.

    Columns: ``year``, ``total_twh`` (all imports, pipeline + LNG), ``from_russia_twh``,
    ``from_others_twh``, ``share_russia_pct`` (share of *imports*), ``lng_from_russia_twh``.
    ``aggregate`` is ``"EU27_2020"`` (default), ``"EU28"`` or ``"EA19"``.
    """
    from crisis_course import data

    g = data.gas_imports()
    g = g[g["iso_a3"] == aggregate].sort_values("year")
    if g.empty:
        raise ValueError(f"eu_imports_trend: no rows for aggregate {aggregate!r} (try 'EU27_2020')")
    out = g[["year"]].copy()
    out["total_twh"] = g["gas_imports_total_twh"].round(1)
    out["from_russia_twh"] = g["gas_imports_from_russia_twh"].round(1)
    out["from_others_twh"] = (g["gas_imports_total_twh"] - g["gas_imports_from_russia_twh"]).round(1)
    out["share_russia_pct"] = g["share_of_gas_imports_from_russia_pct"].round(1)
    out["lng_from_russia_twh"] = (g["lng_imports_from_russia_tj"] / 3600).round(1)
    return out.reset_index(drop=True)


def eu_imports_chart(aggregate: str = EU27, ax=None):
    """Stacked bars: EU gas imports from Russia and from all other partners, 2011-2020 (TWh),
    with the Russian share of imports written above each bar. Returns the Figure."""
    import matplotlib.pyplot as plt

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
    return fig


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


def eu_supply_trend(aggregate: str = EU27):
    """The EU's gas balance by year, 2011-2020, in TWh: ``production_twh``, ``imports_twh``,
    ``exports_twh``, ``consumption_twh`` (gross inland consumption) and ``import_dependency_pct``.

    The aggregate sums member states, so ``imports`` and ``exports`` include gas traded between
    them; the net figure (imports - exports) is what comes from outside.
    """
    from crisis_course import data

    b = data.gas_balance()
    b = b[b["iso_a3"] == aggregate].sort_values("year")
    if b.empty:
        raise ValueError(f"eu_supply_trend: no rows for aggregate {aggregate!r}")
    out = b[["year"]].copy()
    out["production_twh"] = b["production_twh"].round(0)
    out["imports_twh"] = b["imports_twh"].round(0)
    out["exports_twh"] = b["exports_twh"].round(0)
    out["consumption_twh"] = b["gross_inland_consumption_twh"].round(0)
    out["import_dependency_pct"] = b["import_dependency_pct"].round(1)
    return out.reset_index(drop=True)


# ------------------------------------------------------------------ dependence table ----

def dependence_table(year: int = 2020, min_imports_twh: float = 1.0, include_aggregates: bool = False):
    """Dependence on Russian gas for one year, one row per reporting country, highest share first.

    Columns: ``country``, ``iso_a3``, ``imports_twh``, ``from_russia_twh``,
    ``share_of_imports_pct`` (share of imports from Russia), ``consumption_twh`` (gross inland
    consumption), ``import_dependency_pct`` (net imports / consumption),
    ``russia_share_of_consumption_pct`` (imports from Russia / consumption; approximate, see the
    module notes) and ``caveat`` (text, empty when none).

    Reporters whose total imports are below ``min_imports_twh`` are left out: a share of almost
    nothing (Norway imported 0.4 TWh in 2020) says nothing about dependence.
    """
    import pandas as pd

    from crisis_course import data

    if year not in YEARS:
        raise ValueError(f"dependence_table: year must be between {YEARS[0]} and {YEARS[-1]} (got {year})")
    g = data.gas_imports()
    b = data.gas_balance()
    g = g[g["year"] == year]
    b = b[b["year"] == year][["iso_a3", "gross_inland_consumption_twh", "import_dependency_pct"]]
    if not include_aggregates:
        g = g[~g["is_aggregate"]]
    g = g[g["gas_imports_total_twh"] >= min_imports_twh]
    t = g.merge(b, on="iso_a3", how="left")
    out = pd.DataFrame({
        "country": t["country"].astype(str),
        "iso_a3": t["iso_a3"].astype(str),
        "imports_twh": t["gas_imports_total_twh"].round(1),
        "from_russia_twh": t["gas_imports_from_russia_twh"].round(1),
        "share_of_imports_pct": t["share_of_gas_imports_from_russia_pct"].round(1),
        "consumption_twh": t["gross_inland_consumption_twh"].round(1),
        "import_dependency_pct": t["import_dependency_pct"].round(1),
    })
    cons = t["gross_inland_consumption_twh"].where(t["gross_inland_consumption_twh"] > 0)
    out["russia_share_of_consumption_pct"] = (100 * t["gas_imports_from_russia_twh"] / cons).round(1).values
    out["caveat"] = [caveat_for(iso, year) for iso in out["iso_a3"]]
    out = out.sort_values(["share_of_imports_pct", "imports_twh"], ascending=[False, False])
    return out.reset_index(drop=True)


def caveat_for(iso: str, year: int) -> str:
    """The reporting caveat for country ``iso`` in ``year`` ("" when there is none)."""
    if iso not in REPORTING_CAVEATS or year < CAVEAT_YEARS.get(iso, YEARS[0]):
        return ""
    return REPORTING_CAVEATS[iso]


def eu_headline(year: int = 2020) -> dict:
    """The EU27 measures of dependence on Russian gas for ``year``, computed from the course data.

    Keys: ``year``; ``from_russia_twh`` (imports with partner Russia, summed over the members'
    reports); ``consumption_twh`` (EU27 gross inland consumption); ``imports_twh`` (all imports
    the members report, *including gas bought from other member states*);
    ``share_of_consumption_pct`` = from_russia / consumption: the course's headline measure
    ("Russian gas as a share of the gas the EU used"; approximate: re-exports, storage and gas
    recorded under a neighbour are not corrected); ``share_of_member_imports_pct`` =
    from_russia / imports (counts intra-EU trade in the denominator, so it is lower than the
    share of imports from outside the EU).
    """
    from crisis_course import data

    g = data.gas_imports()
    b = data.gas_balance()
    gi = g[(g["iso_a3"] == EU27) & (g["year"] == year)]
    bi = b[(b["iso_a3"] == EU27) & (b["year"] == year)]
    if gi.empty or bi.empty:
        raise ValueError(f"eu_headline: no EU27 data for {year}")
    ru = float(gi["gas_imports_from_russia_twh"].iloc[0])
    cons = float(bi["gross_inland_consumption_twh"].iloc[0])
    imp = float(gi["gas_imports_total_twh"].iloc[0])
    return {
        "year": year,
        "from_russia_twh": round(ru, 1),
        "consumption_twh": round(cons, 1),
        "imports_twh": round(imp, 1),
        "share_of_consumption_pct": round(100 * ru / cons, 1),
        "share_of_member_imports_pct": round(100 * ru / imp, 1),
    }


def _eu_share(year: int) -> float:
    from crisis_course import data

    g = data.gas_imports()
    row = g[(g["iso_a3"] == EU27) & (g["year"] == year)]
    return float(row["share_of_gas_imports_from_russia_pct"].iloc[0])


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
        ax.text(r["share_of_imports_pct"] + 1.5, i, label, va="center", fontsize=10.5, color="#222222")
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
    return fig


#: Label positions (lon, lat) for countries too small to hold a readable number: the value is
#: written at sea (or beside the country) and joined to the country by a thin line.
_MAP_CALLOUTS = {k: tuple(v) for k, v in _CAVEATS["map_callouts"].items()}
#: Countries whose shape is big enough for a number but whose best spot is off-centre.
_MAP_NUDGES = {k: tuple(v) for k, v in _CAVEATS["map_nudges"].items()}


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
        shapes[shapes["iso_a3"].isin(caveat_isos)].plot(ax=ax, facecolor="none", edgecolor="#333333",
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


def dependence_figure(year: int = 2020, min_imports_twh: float = 1.0):
    """Map (left) and ranked bar chart (right) for one year in one Figure -- the static version
    of :func:`dependence_explorer`, for slides and print."""
    import warnings

    import matplotlib.pyplot as plt

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
    return fig


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


def dependence_explorer(start: int = 2020, min_imports_twh: float = 1.0):
    """An ipywidgets year slider (2011-2020) that redraws the map and the ranked bar chart.

    The figure is shown in an HTML widget as an image with alt text (no Output widget, so it
    behaves the same in JupyterLab and in headless test runs). For live use in JupyterLab; in
    exported HTML and slides widgets do not run, so lessons also show :func:`dependence_figure`.
    """
    import ipywidgets as w

    from crisis_course import figures
    from crisis_course.theme import explorer_text, slider_names

    slider = w.IntSlider(value=start, min=YEARS[0], max=YEARS[-1], step=1, description="Year",
                         continuous_update=False, layout=w.Layout(width="60%"))
    caption = w.HTML()
    picture = w.HTML()

    def redraw(*_):
        year = slider.value
        t = dependence_table(year, min_imports_twh)
        caption.value = explorer_text(f"<p><strong>{year}</strong>: EU27 members' imports from Russia as a share of all "
                         f"their imports (including trade between members) {_eu_share(year):.1f}%; "
                         f"{len(t)} reporting countries shown; starred and hatched: reporting artefacts.</p>")
        picture.value = explorer_text(figures.to_html(dependence_figure(year, min_imports_twh),
                                        alt=dependence_alt_text(year, min_imports_twh),
                                        source=EUROSTAT_SOURCE, dpi=80))

    slider.observe(redraw, names="value")
    redraw()
    return _Explorer(w.VBox([slider, caption, picture] + [x for x in [slider_names()] if x is not None]))


class _Explorer:
    """Wraps the explorer's widget so that static exports (HTML, slides) show a short note
    instead of an empty widget: live JupyterLab renders the widget, nbconvert the HTML."""

    FALLBACK = ("<p><em>Interactive year slider (2011-2020) for the map and bar chart. It works when "
                "the notebook runs in JupyterLab; in this static copy, see the 2020 chart above.</em></p>")

    def __init__(self, widget):
        self.widget = widget

    @property
    def children(self):
        return self.widget.children

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = dict(self.widget._repr_mimebundle_() or {})
        data["text/html"] = self.FALLBACK
        data["text/plain"] = "Dependence explorer: a year slider (2011-2020) redrawing the map and bar chart."
        return data


# ------------------------------------------------------- imports versus consumption ----

def imports_vs_consumption(year: int = 2020, countries=("ROU", "ITA", "POL", EU27)):
    """The three measures of dependence side by side for a few reporters (worked example).

    Columns: ``country``, ``iso_a3``, ``production_twh``, ``imports_twh``, ``exports_twh``,
    ``consumption_twh``, ``from_russia_twh``, ``share_of_imports_pct``,
    ``import_dependency_pct``, ``russia_share_of_consumption_pct``. Rows in the order given.
    """
    import pandas as pd

    from crisis_course import data

    g = data.gas_imports()
    b = data.gas_balance()
    g = g[g["year"] == year]
    b = b[b["year"] == year]
    rows = []
    for iso in countries:
        gi = g[g["iso_a3"] == iso]
        bi = b[b["iso_a3"] == iso]
        if gi.empty or bi.empty:
            raise ValueError(f"imports_vs_consumption: no {year} data for {iso!r}")
        gi, bi = gi.iloc[0], bi.iloc[0]
        cons = float(bi["gross_inland_consumption_twh"])
        rows.append({
            "country": "EU27" if iso == EU27 else str(gi["country"]),
            "iso_a3": iso,
            "production_twh": round(float(bi["production_twh"]), 1),
            "imports_twh": round(float(bi["imports_twh"]), 1),
            "exports_twh": round(float(bi["exports_twh"]), 1),
            "consumption_twh": round(cons, 1),
            "from_russia_twh": round(float(gi["gas_imports_from_russia_twh"]), 1),
            "share_of_imports_pct": round(float(gi["share_of_gas_imports_from_russia_pct"]), 1),
            "import_dependency_pct": round(float(bi["import_dependency_pct"]), 1),
            "russia_share_of_consumption_pct": round(100 * float(gi["gas_imports_from_russia_twh"]) / cons, 1),
        })
    return pd.DataFrame(rows)


def share_comparison_chart(year: int = 2020, countries=("ROU", "ITA", "POL", EU27), ax=None):
    """Grouped bars: share of imports from Russia, import dependency, and Russian-origin imports
    as a share of consumption, for each country. Returns the Figure."""
    import matplotlib.pyplot as plt
    import numpy as np

    t = imports_vs_consumption(year, countries)
    if ax is None:
        fig, ax = plt.subplots(figsize=(10, 5.2))
    else:
        fig = ax.figure
    x = np.arange(len(t))
    width = 0.27
    series = [
        ("share_of_imports_pct", "share of imports from Russia", _RUSSIA, None),
        ("import_dependency_pct", "import dependency (net imports / consumption)", PALETTE["blue"], "//"),
        ("russia_share_of_consumption_pct", "imports from Russia / consumption", PALETTE["orange"], ".."),
    ]
    for k, (col, label, colour, hatch) in enumerate(series):
        vals = t[col]
        bars = ax.bar(x + (k - 1) * width, vals, width, label=label, color=colour, edgecolor="#333333",
                      linewidth=0.5, hatch=hatch)
        for bar, v in zip(bars, vals):
            ax.text(bar.get_x() + bar.get_width() / 2, v + 1.5, f"{v:.0f}", ha="center", va="bottom", fontsize=9.5)
    ax.set_xticks(x)
    ax.set_xticklabels(t["country"], fontsize=11)
    ax.set_ylabel("% (see legend for the definition)", fontsize=11)
    ax.set_ylim(0, max(110, float(t[[s[0] for s in series]].max().max()) * 1.15))
    ax.tick_params(axis="y", labelsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=10, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, frameon=False)
    ax.set_title(f"Three ways to measure dependence on Russian gas, {year}", fontsize=12, loc="left")
    fig.tight_layout()
    return fig


def share_comparison_alt_text(year: int = 2020, countries=("ROU", "ITA", "POL", EU27)) -> str:
    """A text description of :func:`share_comparison_chart`, computed from the same numbers."""
    t = imports_vs_consumption(year, countries)
    rows = "; ".join(f"{r.country}: {r.share_of_imports_pct:.0f}%, {r.import_dependency_pct:.0f}%, "
                     f"{r.russia_share_of_consumption_pct:.0f}%" for r in t.itertuples())
    return (f"Grouped bar chart for {', '.join(t['country'])} in {year}, three bars each: share of imports "
            f"from Russia, import dependency, and Russian gas as a share of consumption. {rows}. Where a "
            "country imports most of what it uses, the first and third bars are close; where it produces "
            "its own gas, as Romania does, they are far apart.")


# --------------------------------------------------------------------------- prices ----

def price_table(start: int = 2000, end: int = 2020, benchmarks=("TTF (Netherlands)", "Henry Hub (US)",
                                                              "JKM (LNG, Japan-Korea)", "German import price")):
    """Annual average gas prices, US$ per million Btu, one column per benchmark, one row per year.

    Benchmark names: see ``_BENCHMARKS`` keys ("TTF (Netherlands)", "NBP (UK)",
    "German import price", "Henry Hub (US)", "LNG Japan CIF", "JKM (LNG, Japan-Korea)").
    The source ends in 2020: the 2021 price spike is not in this table.
    """
    from crisis_course import data

    unknown = [b for b in benchmarks if b not in _BENCHMARKS]
    if unknown:
        raise ValueError(f"price_table: unknown benchmark(s) {unknown}; choose from {list(_BENCHMARKS)}")
    p = data.gas_prices()
    p = p[(p["year"] >= start) & (p["year"] <= end)]
    wide = p.pivot_table(index="year", columns="benchmark", values="price_usd_per_mmbtu")
    wide = wide[[_BENCHMARKS[b] for b in benchmarks]]
    wide.columns = list(benchmarks)
    return wide.round(2)


def price_chart(start: int = 2000, end: int = 2020, benchmarks=("TTF (Netherlands)", "Henry Hub (US)",
                                                              "JKM (LNG, Japan-Korea)"), ax=None):
    """Line chart of annual average gas prices (US$/MMBtu), with a note that the data stop in
    2020. Each line has a different marker and a direct label. Returns the Figure."""
    import matplotlib.pyplot as plt

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
    return fig


# ------------------------------------------------------------------------ economies ----

def economy_table(year: int = 2020, countries=_ECONOMY_DEFAULT):
    """Population and GDP side by side for ``year`` (World Bank WDI, current US$).

    Columns: ``country``, ``iso_a3``, ``population_m`` (millions), ``gdp_usd_bn`` (billions of
    current US$), ``gdp_per_capita_usd``, ``gdp_vs_russia`` (GDP as a multiple of Russia's).
    Rows in the order given. ``EUU`` is the European Union (27 members).
    """
    import pandas as pd

    from crisis_course import data

    p = data.population_gdp()
    p = p[p["year"] == year].set_index("iso_a3")
    missing = [c for c in countries if c not in p.index]
    if missing:
        raise ValueError(f"economy_table: no {year} data for {missing}")
    rus_gdp = float(p.loc["RUS", "gdp_current_usd"]) if "RUS" in p.index else float("nan")
    rows = []
    for iso in countries:
        r = p.loc[iso]
        rows.append({
            "country": _SHORT_NAMES.get(iso, str(r["country"])),
            "iso_a3": iso,
            "population_m": round(float(r["population"]) / 1e6, 1),
            "gdp_usd_bn": round(float(r["gdp_current_usd"]) / 1e9, 0),
            "gdp_per_capita_usd": round(float(r["gdp_per_capita_current_usd"]), -1),
            "gdp_vs_russia": round(float(r["gdp_current_usd"]) / rus_gdp, 2),
        })
    return pd.DataFrame(rows)


def economy_chart(year: int = 2020, countries=_ECONOMY_DEFAULT):
    """Three horizontal bar panels -- population, GDP, GDP per person -- for the same countries,
    Russia and Ukraine picked out by colour *and* hatch, every bar labelled. Returns the Figure."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator

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
    return fig


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


# ------------------------------------------------------------ tables for the lessons ----

class _ReadableTable:
    """A table for students: plain-English headers, no index, numbers right-aligned, a caption.

    Displays as HTML in Jupyter (and nbconvert HTML and slides) with a plain-text alternative
    for terminals; ``frame`` is the DataFrame behind it, with the same headers.
    """

    def __init__(self, frame, formats: dict, caption: str, note: str = ""):
        self.frame, self.formats, self.caption, self.note = frame, formats, caption, note

    def _records(self) -> list:
        # column by column, so integer columns stay integers (iterrows would make them floats)
        cols = list(self.frame.columns)
        return [dict(zip(cols, values)) for values in zip(*(self.frame[c].tolist() for c in cols))]

    def _cell(self, col, value) -> str:
        import pandas as pd

        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return "–"
        fmt = self.formats.get(col)
        return fmt.format(value) if fmt else str(value)

    def _repr_html_(self) -> str:
        import html

        esc = html.escape
        numeric = [c for c in self.frame.columns if c in self.formats]
        head = "".join(
            f'<th scope="col" style="text-align:{"right" if c in numeric else "left"};'
            f'border-bottom:2px solid #333;padding:4px 8px;vertical-align:bottom">{esc(c)}</th>'
            for c in self.frame.columns)
        rows = []
        for r in self._records():
            cells = "".join(
                f'<td style="text-align:{"right" if c in numeric else "left"};padding:3px 8px;'
                f'border-bottom:1px solid #ddd{";white-space:nowrap" if c in numeric else ""}">'
                f"{esc(self._cell(c, r[c]))}</td>"
                for c in self.frame.columns)
            rows.append(f"<tr>{cells}</tr>")
        note = (f'<p style="font-size:0.85em;color:#333;margin:0.3em 0 0.8em 0">{esc(self.note)}</p>'
                if self.note else "")
        return ('<table class="crisis-table" style="border-collapse:collapse;font-size:0.92em;margin:0.4em 0">'
                f'<caption style="caption-side:top;text-align:left;padding:0.3em 0;font-weight:bold">'
                f"{esc(self.caption)}</caption><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>{note}")

    def __repr__(self) -> str:
        cols = list(self.frame.columns)
        body = [[self._cell(c, r[c]) for c in cols] for r in self._records()]
        widths = [max([len(c)] + [len(row[i]) for row in body]) for i, c in enumerate(cols)]

        def line(values):
            return "  ".join(v.rjust(w) if c in self.formats else v.ljust(w)
                             for v, w, c in zip(values, widths, cols)).rstrip()

        out = [self.caption, line(cols)] + [line(row) for row in body]
        if self.note:
            out.append(self.note)
        return "\n".join(out)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/plain": repr(self)}


def _readable(df, columns, caption: str, note: str = "", drop_empty: bool = True):
    """Rename and format ``df`` for display. ``columns``: list of (column, header, format or None);
    a column in which every value is empty (NaN or "") is dropped when ``drop_empty``."""
    keep, formats = [], {}
    for col, header, fmt in columns:
        values = df[col]
        if drop_empty and (values.isna() | (values.astype(str).str.strip() == "")).all():
            continue
        keep.append((col, header))
        if fmt:
            formats[header] = fmt
    frame = df[[c for c, _ in keep]].copy()
    frame.columns = [h for _, h in keep]
    return _ReadableTable(frame.reset_index(drop=True), formats, caption, note)


def eu_imports_display(aggregate: str = EU27):
    """:func:`eu_imports_trend` as a table for students (plain-English headers, no index)."""
    t = eu_imports_trend(aggregate)
    label = "EU27" if aggregate == EU27 else aggregate
    return _readable(t, [
        ("year", "Year", "{:d}"),
        ("total_twh", "All gas imports (TWh)", "{:,.0f}"),
        ("from_russia_twh", "From Russia (TWh)", "{:,.0f}"),
        ("from_others_twh", "From other partners (TWh)", "{:,.0f}"),
        ("share_russia_pct", "Russia's share of imports (%)", "{:.1f}"),
        ("lng_from_russia_twh", "Of which Russian LNG (TWh)", "{:,.0f}"),
    ], caption=f"{label} natural-gas imports by partner, 2011-2020",
        note="Imports include gas traded between EU member states. LNG: liquefied natural gas, "
             "shipped by sea. Source: Eurostat nrg_ti_gas.")


def eu_supply_display(aggregate: str = EU27):
    """:func:`eu_supply_trend` as a table for students (plain-English headers, no index)."""
    t = eu_supply_trend(aggregate)
    label = "EU27" if aggregate == EU27 else aggregate
    return _readable(t, [
        ("year", "Year", "{:d}"),
        ("production_twh", "Own production (TWh)", "{:,.0f}"),
        ("imports_twh", "Imports (TWh)", "{:,.0f}"),
        ("exports_twh", "Exports (TWh)", "{:,.0f}"),
        ("consumption_twh", "Gross inland consumption (TWh)", "{:,.0f}"),
        ("import_dependency_pct", "Import dependency (%)", "{:.1f}"),
    ], caption=f"The {label}'s gas balance, 2011-2020",
        note="Import dependency = (imports - exports) / gross inland consumption. "
             "Source: Eurostat nrg_cb_gas.")


def dependence_display(year: int = 2020, top: int | None = 12, min_imports_twh: float = 1.0):
    """The ``top`` countries of :func:`dependence_table` (all when ``None``), highest share of
    imports from Russia first, as a table for students. The reporting-caveat column appears
    only when a country shown has a caveat."""
    t = dependence_table(year, min_imports_twh)
    if top is not None:
        t = t.head(top)
    which = f"the {len(t)} countries with the highest share" if top is not None else "all reporting countries"
    return _readable(t, [
        ("country", "Country", None),
        ("imports_twh", "All gas imports (TWh)", "{:,.1f}"),
        ("from_russia_twh", "From Russia (TWh)", "{:,.1f}"),
        ("share_of_imports_pct", "Share of imports from Russia (%)", "{:.0f}"),
        ("caveat", "Reporting caveat", None),
    ], caption=f"Dependence on Russian gas, {year}: {which}",
        note=f"Countries importing less than {min_imports_twh:g} TWh are left out. "
             "Source: Eurostat nrg_ti_gas.")


def measures_display(year: int = 2020, countries=("ROU", "ITA", "POL", EU27)):
    """:func:`imports_vs_consumption` as a table for students: the gas balance and the three
    measures of dependence, one row per country."""
    t = imports_vs_consumption(year, countries)
    return _readable(t, [
        ("country", "Country", None),
        ("production_twh", "Own production (TWh)", "{:,.1f}"),
        ("imports_twh", "Imports (TWh)", "{:,.1f}"),
        ("exports_twh", "Exports (TWh)", "{:,.1f}"),
        ("consumption_twh", "Gross inland consumption (TWh)", "{:,.1f}"),
        ("from_russia_twh", "Imports from Russia (TWh)", "{:,.1f}"),
        ("share_of_imports_pct", "Share of imports from Russia (%)", "{:.0f}"),
        ("import_dependency_pct", "Import dependency (%)", "{:.0f}"),
        ("russia_share_of_consumption_pct", "Russian gas ÷ consumption (%)", "{:.0f}"),
    ], caption=f"Three measures of dependence on Russian gas, {year}",
        note="Share of imports = imports from Russia ÷ all imports; import dependency = "
             "(imports − exports) ÷ gross inland consumption; the last column assumes all "
             "gas imported from Russia is used at home. Source: Eurostat nrg_ti_gas, nrg_cb_gas.")


def economy_display(year: int = 2020, countries=_ECONOMY_DEFAULT):
    """:func:`economy_table` as a table for students (plain-English headers, no index)."""
    t = economy_table(year, countries)
    return _readable(t, [
        ("country", "Country", None),
        ("population_m", "Population (millions)", "{:,.1f}"),
        ("gdp_usd_bn", "GDP (billion US dollars)", "{:,.0f}"),
        ("gdp_per_capita_usd", "GDP per person (US dollars)", "{:,.0f}"),
        ("gdp_vs_russia", "GDP compared with Russia's (Russia = 1)", "{:.2f}"),
    ], caption=f"Population and GDP, {year} (current US dollars, market exchange rates)",
        note="Source: World Bank, World Development Indicators (CC BY 4.0).")
