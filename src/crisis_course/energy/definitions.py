"""Definitions shared by the energy modules: the EU aggregate, the years covered, reporting
caveats (from ``content/energy_caveats.yaml``), source lines, units, the chart colours and the
named benchmarks and countries. See :mod:`crisis_course.energy` for what the measures mean."""
from __future__ import annotations

from crisis_course import editorial
from crisis_course.figures import PALETTE

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


#: Label positions (lon, lat) for countries too small to hold a readable number: the value is
#: written at sea (or beside the country) and joined to the country by a thin line.
_MAP_CALLOUTS = {k: tuple(v) for k, v in _CAVEATS["map_callouts"].items()}
#: Countries whose shape is big enough for a number but whose best spot is off-centre.
_MAP_NUDGES = {k: tuple(v) for k, v in _CAVEATS["map_nudges"].items()}


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


def caveat_for(iso: str, year: int) -> str:
    """The reporting caveat for country ``iso`` in ``year`` ("" when there is none)."""
    if iso not in REPORTING_CAVEATS or year < CAVEAT_YEARS.get(iso, YEARS[0]):
        return ""
    return REPORTING_CAVEATS[iso]


def _labels_clear_of_line(ax, texts, x_line: float, gap_px: float = 4.0) -> None:
    """Move each value label of ``texts`` (left-aligned, in data x of ``ax``) that a vertical line at
    ``x_line`` would run through to start ``gap_px`` pixels right of the line, so that the line
    (the EU27 share) crosses no number. Call it once the axes has its final size and limits."""
    renderer = ax.figure.canvas.get_renderer()
    to_px = ax.transData.transform
    line_px = to_px((x_line, 0))[0]
    for text in texts:
        box = text.get_window_extent(renderer)  # the words (a thin white box around them is inside the gap)
        if box.x0 - gap_px < line_px < box.x1 + gap_px:
            x_px = to_px(text.get_position())[0] + (line_px + gap_px - box.x0)
            text.set_x(ax.transData.inverted().transform((x_px, 0))[0])
