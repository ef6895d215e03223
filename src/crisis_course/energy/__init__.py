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

The code lives in five modules, all re-exported here (``from crisis_course import energy;
energy.X`` is the notebook-facing API): :mod:`.definitions` (constants, caveats, units),
:mod:`.tables` (DataFrames), :mod:`.charts` (Figures and their alt texts), :mod:`.explorer`
(the year slider) and :mod:`.display` (tables for students).
"""
from __future__ import annotations

from .charts import (
    dependence_alt_text,
    dependence_bar,
    dependence_figure,
    dependence_map,
    economy_alt_text,
    economy_chart,
    eu_imports_alt_text,
    eu_imports_chart,
    price_chart,
    share_comparison_alt_text,
    share_comparison_chart,
)
from .definitions import (
    BP_SOURCE,
    CAVEAT_YEARS,
    DEPENDENCE_CMAP,
    EU27,
    EUROSTAT_SOURCE,
    MMBTU_PER_MWH,
    REPORTING_CAVEATS,
    WORLDBANK_SOURCE,
    YEARS,
    caveat_for,
    eur_mwh_to_usd_mmbtu,
    twh_to_bcm,
)
from .display import dependence_display, economy_display, eu_imports_display, eu_supply_display, measures_display
from .explorer import dependence_explorer
from .tables import (
    dependence_table,
    economy_table,
    eu_headline,
    eu_imports_trend,
    eu_supply_trend,
    imports_vs_consumption,
    price_table,
)

__all__ = [
    "EU27",
    "YEARS",
    "DEPENDENCE_CMAP",
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
