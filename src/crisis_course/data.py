"""Loaders for the datasets that ship with the course.

Every loader reads a file inside the package (nothing is downloaded), checks that the
columns the course relies on are there, and returns a pandas ``DataFrame`` (or a geopandas
``GeoDataFrame`` for map shapes). A missing or damaged file raises :class:`DataFileError`,
whose message names the file, instead of a pandas traceback.

Join key everywhere: ``iso_a3`` (ISO 3166-1 alpha-3; Kosovo is ``XKX``).
Sources and licences: ``data/SOURCES.md`` and the ``README_*.md`` files beside the data.

========================  =====================================================  ===========
loader                    what it holds                                          years
========================  =====================================================  ===========
``nato_members``          NATO members with accession dates (from alliances)     1949-2024
``nato_rounds``           NATO enlargement rounds, one readable row per year      1949-2024
``alliances``             NATO, EU and CSTO membership                           1949-2024
``gas_imports``           gas imports, total and from Russia, TJ and TWh         2011-2020
``gas_balance``           gas supply balance (production, imports, consumption)  2011-2020
``gas_bp``                BP Statistical Review gas series, bcm/EJ/TWh           2000-2020
``gas_prices``            annual gas price benchmarks, US$/MMBtu                 1985-2020
``population_gdp``        population, GDP (current US$), GDP per capita          2000-2022
``capitals``              capitals of the focus countries (lat/lon)              --
``europe_map``            country polygons, Europe focus (GeoDataFrame)          --
``world_map``             country polygons, world (GeoDataFrame)                 --
``contested_areas``       Crimea, Donbas and other contested areas (GeoDataFrame) c. 2017
========================  =====================================================  ===========
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = [
    "DataFileError",
    "data_path",
    "alliances",
    "nato_members",
    "nato_rounds",
    "gas_imports",
    "gas_balance",
    "gas_bp",
    "gas_prices",
    "population_gdp",
    "capitals",
    "europe_map",
    "world_map",
    "contested_areas",
    "ATTRIBUTION",
]

#: Attribution lines to print under a figure that uses each file.
ATTRIBUTION = {
    "maps": "Made with Natural Earth (public domain), v4.0.0; Crimea drawn as part of Ukraine per UN GA res. 68/262.",
    "gas_bp": "Source: BP Statistical Review of World Energy 2021, via Our World in Data (CC BY 4.0).",
    "eurostat": "Source: Eurostat, nrg_ti_gas and nrg_cb_gas (extracted April 2022); reshaped by the course authors.",
    "worldbank": "Source: World Bank, World Development Indicators (CC BY 4.0).",
    "alliances": "Source: nato.int member list and accession dates; EU and CSTO official lists (table CC0).",
}


class DataFileError(RuntimeError):
    """A data file that ships with the course is missing or damaged."""


def data_path(filename: str) -> Path:
    """Return the path of a data file inside the installed package."""
    return Path(str(resources.files("crisis_course") / "data" / filename))


# Columns each CSV must have: name -> kind ("str", "num", "bool", "date").
_CSV_COLUMNS: dict[str, dict[str, str]] = {
    "alliances_membership.csv": {
        "organisation": "str", "country": "str", "iso_a3": "str", "joined": "date",
        "left": "date", "member_dec_2021": "bool", "note": "str",
    },
    "gas_imports_from_russia_eurostat_2011_2020.csv": {
        "country": "str", "iso_a3": "str", "is_aggregate": "bool", "year": "num",
        "gas_imports_total_tj": "num", "gas_imports_from_russia_tj": "num",
        "lng_imports_total_tj": "num", "lng_imports_from_russia_tj": "num",
        "share_of_gas_imports_from_russia_pct": "num",
        "gas_imports_total_twh": "num", "gas_imports_from_russia_twh": "num",
    },
    "gas_supply_balance_eurostat_2011_2020.csv": {
        "country": "str", "iso_a3": "str", "is_aggregate": "bool", "year": "num",
        "production_tj": "num", "imports_tj": "num", "exports_tj": "num",
        "stock_change_tj": "num", "gross_inland_consumption_tj": "num",
        "transformation_input_tj": "num", "final_consumption_tj": "num",
        "net_imports_tj": "num", "import_dependency_pct": "num",
        "production_twh": "num", "imports_twh": "num", "exports_twh": "num",
        "gross_inland_consumption_twh": "num",
    },
    "gas_bp_statreview2021_2000_2020.csv": {
        "country": "str", "iso_a3": "str", "is_aggregate": "bool", "year": "num",
        "gas_production_bcm": "num", "gas_consumption_bcm": "num",
        "gas_production_ej": "num", "gas_consumption_ej": "num",
        "gas_production_twh": "num", "gas_consumption_twh": "num",
        "gas_proved_reserves_tcm": "num", "electricity_from_gas_twh": "num",
        "gas_share_primary_energy_pct": "num", "gas_consumption_per_capita_kwh": "num",
        "net_imports_bcm": "num",
    },
    "gas_prices_bp_annual.csv": {"benchmark": "str", "year": "num", "price_usd_per_mmbtu": "num"},
    "population_gdp_worldbank_2000_2022.csv": {
        "country": "str", "iso_a3": "str", "is_aggregate": "bool", "year": "num",
        "population": "num", "gdp_current_usd": "num", "gdp_per_capita_current_usd": "num",
        "wb_name": "str",
    },
    "capitals_europe.csv": {
        "city": "str", "country": "str", "adm0_a3": "str", "iso_a3": "str",
        "lat": "num", "lon": "num", "pop_max": "num",
    },
}

_GEO_COLUMNS = {
    "europe_countries.geojson": ["iso_a3", "name", "in_focus"],
    "world_countries_110m.geojson": ["iso_a3", "name"],
    "contested_areas.geojson": ["name"],
}

_cache: dict[str, object] = {}


def _read_csv(filename: str):
    import pandas as pd

    if filename in _cache:
        return _cache[filename].copy()
    path = data_path(filename)
    if not path.is_file():
        raise DataFileError(f"Data file {filename!r} is missing (looked in {path}). "
                            "Reinstall the course package to restore it.")
    columns = _CSV_COLUMNS[filename]
    try:
        df = pd.read_csv(path, keep_default_na=True, na_values=[""])
    except Exception as exc:  # pandas raises many kinds of parser errors
        raise DataFileError(f"Data file {filename!r} could not be read as CSV ({path}): "
                            f"{type(exc).__name__}: {exc}") from None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataFileError(f"Data file {filename!r} is damaged: missing column(s) {', '.join(missing)} "
                            f"(found: {', '.join(map(str, df.columns))}).")
    for col, kind in columns.items():
        try:
            if kind == "num":
                df[col] = pd.to_numeric(df[col], errors="raise")
            elif kind == "bool":
                df[col] = df[col].map(_to_bool)
            elif kind == "date":
                df[col] = pd.to_datetime(df[col], errors="raise", format="%Y-%m-%d")
            elif kind == "str":
                df[col] = df[col].astype("string")
        except (ValueError, TypeError) as exc:
            raise DataFileError(f"Data file {filename!r} is damaged: column {col!r} should hold "
                                f"{_KIND_WORDS[kind]} values ({exc}).") from None
    if "year" in df.columns:
        df["year"] = df["year"].astype("int64")
    _cache[filename] = df
    return df.copy()


_KIND_WORDS = {"num": "numeric", "bool": "True/False", "date": "YYYY-MM-DD date", "str": "text"}


def _to_bool(value):
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "1", "yes"}:
        return True
    if text in {"false", "0", "no", "", "nan"}:
        return False
    raise ValueError(f"{value!r} is not True/False")


def _read_geo(filename: str):
    if filename in _cache:
        return _cache[filename].copy()
    path = data_path(filename)
    if not path.is_file():
        raise DataFileError(f"Map file {filename!r} is missing (looked in {path}). "
                            "Reinstall the course package to restore it.")
    import geopandas as gpd

    try:
        gdf = gpd.read_file(path)
    except Exception as exc:
        raise DataFileError(f"Map file {filename!r} could not be read as GeoJSON ({path}): "
                            f"{type(exc).__name__}: {exc}") from None
    missing = [c for c in _GEO_COLUMNS[filename] if c not in gdf.columns]
    if missing or gdf.empty:
        raise DataFileError(f"Map file {filename!r} is damaged: "
                            + (f"missing column(s) {', '.join(missing)}." if missing else "it has no shapes."))
    _cache[filename] = gdf
    return gdf.copy()


def alliances():
    """NATO, EU and CSTO membership.

    Columns: ``organisation`` (NATO, EU, CSTO, NATO aspirant), ``country``, ``iso_a3``,
    ``joined`` (datetime: date membership took effect; NaT for CSTO), ``left`` (datetime or NaT),
    ``member_dec_2021`` (bool: a member on 2021-12-31), ``note``.
    """
    return _read_csv("alliances_membership.csv")


def nato_members(as_of: str | None = None):
    """NATO members, one row per country, sorted by accession date.

    ``as_of`` (``"YYYY-MM-DD"``) keeps only countries that had joined on that date.
    Columns as :func:`alliances` plus ``year_joined`` (int).
    """
    import pandas as pd

    df = alliances()
    df = df[df["organisation"] == "NATO"].copy()
    df["year_joined"] = df["joined"].dt.year.astype("int64")
    if as_of is not None:
        df = df[df["joined"] <= pd.Timestamp(as_of)]
    return df.sort_values(["joined", "country"]).reset_index(drop=True)


def gas_imports():
    """Eurostat nrg_ti_gas: natural-gas imports, total and from Russia, 2011-2020.

    Units: terajoules gross calorific value (``*_tj``) and terawatt-hours (``*_twh`` = TJ / 3600).
    ``share_of_gas_imports_from_russia_pct`` is a share of *imports*, not of consumption; empty
    (NaN) where total imports are 0. Aggregates (``is_aggregate``): ``EU27_2020``, ``EU28``, ``EA19``.
    Caveat: some countries report the last country of shipment (Austria shows 0 from Russia from 2014).
    """
    return _read_csv("gas_imports_from_russia_eurostat_2011_2020.csv")


def gas_balance():
    """Eurostat nrg_cb_gas: supply, transformation and consumption of gas, 2011-2020 (TJ and TWh).

    ``import_dependency_pct`` = 100 x net imports / gross inland consumption (negative for net exporters).
    """
    return _read_csv("gas_supply_balance_eurostat_2011_2020.csv")


def gas_bp():
    """BP Statistical Review of World Energy 2021 (via OWID): gas by country, 2000-2020.

    Units: bcm, EJ, TWh, trillion m3 (reserves), % of primary energy, kWh per person.
    ``net_imports_bcm`` = consumption - production (negative = net exporter).
    """
    return _read_csv("gas_bp_statreview2021_2000_2020.csv")


def gas_prices():
    """Annual gas price benchmarks 1985-2020 (TTF, NBP, Henry Hub, LNG Japan ...), US$ per MMBtu."""
    return _read_csv("gas_prices_bp_annual.csv")


def population_gdp():
    """World Bank WDI: ``population`` (people), ``gdp_current_usd`` (current US$),
    ``gdp_per_capita_current_usd``, 2000-2022, focus countries plus USA, CAN and aggregates."""
    return _read_csv("population_gdp_worldbank_2000_2022.csv")


def capitals():
    """Capitals of the focus countries: ``city``, ``country``, ``iso_a3``, ``lat``, ``lon``, ``pop_max``."""
    return _read_csv("capitals_europe.csv")


def europe_map():
    """Country polygons (Natural Earth 1:50m), Europe, Russia, Caucasus, Turkey, Kazakhstan plus context
    countries; Crimea drawn as part of Ukraine. GeoDataFrame in EPSG:4326 with ``iso_a3``, ``name`` and ``in_focus``
    (False for grey context countries)."""
    return _read_geo("europe_countries.geojson")


def world_map():
    """World country polygons (Natural Earth 1:110m), same border policy as :func:`europe_map`."""
    return _read_geo("world_countries_110m.geojson")


def contested_areas():
    """Crimea, separatist-held Donbas, Transnistria, Abkhazia, South Ossetia, Nagorno-Karabakh,
    Northern Cyprus (Natural Earth disputed areas, c. 2017 lines). Column ``name`` plus notes."""
    return _read_geo("contested_areas.geojson")


def nato_rounds(as_of: str | None = None):
    """NATO's enlargement rounds as a readable table, one row per year in which members joined.

    Columns: ``Year``, ``Joined`` (countries, comma-separated), ``New members``,
    ``Members after the round``. ``as_of`` (``"YYYY-MM-DD"``) keeps only accessions up to that date.
    """
    import pandas as pd

    members = nato_members(as_of=as_of)
    grouped = members.groupby("year_joined")
    table = pd.DataFrame({
        "Year": grouped.size().index.astype(int),
        "Joined": grouped["country"].agg(", ".join).to_numpy(),
        "New members": grouped.size().to_numpy(),
    })
    table["Members after the round"] = table["New members"].cumsum()
    return table
