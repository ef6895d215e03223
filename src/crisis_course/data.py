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
    "prices_monthly",
    "rouble_per_dollar",
    "population_gdp",
    "capitals",
    "europe_map",
    "world_map",
    "contested_areas",
    "ATTRIBUTION",
    "verify",
    "checksums",
    "write_checksums",
]

#: Attribution lines to print under a figure that uses each file.
ATTRIBUTION = {
    "maps": "Made with Natural Earth (public domain), v4.0.0; Crimea drawn as part of Ukraine per UN GA res. 68/262.",
    "gas_bp": "Source: BP Statistical Review of World Energy 2021, via Our World in Data (CC BY 4.0).",
    "eurostat": "Source: Eurostat, nrg_ti_gas and nrg_cb_gas (extracted April 2022); reshaped by the course authors.",
    "worldbank": "Source: World Bank, World Development Indicators (CC BY 4.0).",
    "alliances": "Source: nato.int member list and accession dates; EU and CSTO official lists (table CC0).",
    "pinksheet": "Source: World Bank Commodity Price Data (The Pink Sheet), December 2025 edition (CC BY 4.0).",
    "gem": "Source: World Bank, Global Economic Monitor (CC BY 4.0).",
}


class DataFileError(RuntimeError):
    """A data file that ships with the course is missing or damaged."""


def data_path(filename: str) -> Path:
    """Return the path of a data file inside the installed package."""
    return Path(str(resources.files("crisis_course") / "data" / filename))


# ----------------------------------------------------------------------- checksums ----------
#: The manifest of shipped data files: ``<sha256>  <size in bytes>  <file name>`` per line.
CHECKSUMS_FILE = "SHA256SUMS"
_verified: dict[str, tuple[int, int]] = {}   # file name -> (size, mtime_ns) already verified


def checksums() -> dict[str, tuple[str, int]]:
    """The shipped manifest as {file name: (sha256 hex, size)}; {} when there is none."""
    path = data_path(CHECKSUMS_FILE)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    out: dict[str, tuple[str, int]] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and not line.startswith("#"):
            out[parts[2]] = (parts[0].lower(), int(parts[1]))
    return out


def verify(filename: str, force: bool = False) -> None:
    """Check ``filename`` against the shipped manifest; raise :class:`DataFileError` if it differs.

    Cheap: the size is compared first, and the SHA-256 is computed once per file and process
    (again only if the file's size or modification time changes). Files the manifest does not
    list are not checked (``crisis-course check`` reports them).
    """
    expected = checksums().get(filename)
    if expected is None:
        return
    path = data_path(filename)
    try:
        st = path.stat()
    except OSError:
        raise DataFileError(f"Data file {filename!r} is missing (looked in {path}). "
                            "Reinstall the course package to restore it.") from None
    stamp = (st.st_size, st.st_mtime_ns)
    if not force and _verified.get(filename) == stamp:
        return
    digest, size = expected
    if st.st_size != size:
        raise DataFileError(
            f"Data file {filename!r} is damaged: it has {st.st_size:,} bytes, the course shipped {size:,} "
            f"({'truncated' if st.st_size < size else 'changed'}; {path}). Reinstall the course package to "
            f"restore it, or if you changed it on purpose run crisis_course.data.write_checksums().")
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    if h.hexdigest() != digest:
        raise DataFileError(
            f"Data file {filename!r} is damaged: its SHA-256 checksum differs from the one the course shipped "
            f"({path}). Reinstall the course package to restore it, or if you changed it on purpose run "
            "crisis_course.data.write_checksums().")
    _verified[filename] = stamp


def write_checksums(folder: str | Path | None = None) -> Path:
    """Write the manifest for every ``.csv``/``.geojson``/``.json`` data file (after a deliberate change)."""
    import hashlib

    folder = Path(folder) if folder is not None else data_path(CHECKSUMS_FILE).parent
    lines = ["# sha256  size  file  (crisis_course.data.verify checks loads against this; "
             "regenerate with crisis_course.data.write_checksums())"]
    for path in sorted(folder.iterdir()):
        if path.suffix in {".csv", ".geojson", ".json"} and path.is_file():
            data = path.read_bytes()
            lines.append(f"{hashlib.sha256(data).hexdigest()}  {len(data)}  {path.name}")
    target = folder / CHECKSUMS_FILE
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _verified.clear()
    return target


# Columns that identify a row: an empty value there is an error naming the file, column and line.
_KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "alliances_membership.csv": ("organisation", "country"),
    "gas_imports_from_russia_eurostat_2011_2020.csv": ("country", "iso_a3", "year"),
    "gas_supply_balance_eurostat_2011_2020.csv": ("country", "iso_a3", "year"),
    "gas_bp_statreview2021_2000_2020.csv": ("country", "year"),       # aggregates have no iso_a3
    "gas_prices_bp_annual.csv": ("benchmark", "year"),
    "population_gdp_worldbank_2000_2022.csv": ("country", "iso_a3", "year"),
    "capitals_europe.csv": ("city", "country", "iso_a3"),
}

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
    "gas_oil_prices_worldbank_monthly_2000_2021.csv": {"month": "str", "series": "str", "unit": "str",
                                                       "value": "num"},
    "rub_per_usd_worldbank_gem_monthly_2013_2016.csv": {"month": "str", "iso_a3": "str", "rub_per_usd": "num"},
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
    verify(filename)
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
    for col in _KEY_COLUMNS.get(filename, ()):
        empty = df.index[df[col].isna()].tolist()
        if empty:
            lines = ", ".join(str(i + 2) for i in empty[:5]) + (" ..." if len(empty) > 5 else "")
            raise DataFileError(f"Data file {filename!r} is damaged: key column {col!r} is empty on "
                                f"line{'s' if len(empty) > 1 else ''} {lines} ({path}).")
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
    verify(filename)
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


def prices_monthly():
    """World Bank Pink Sheet monthly prices 2000-01 to 2021-12: ``month`` (YYYY-MM), ``series``
    ("Natural gas, Europe", "Crude oil, Brent", "Natural gas, US (Henry Hub)"), ``unit``, ``value``.
    December 2021 is the whole month's average, past the 7 December cutoff (README_prices_worldbank.md)."""
    return _read_csv("gas_oil_prices_worldbank_monthly_2000_2021.csv")


def rouble_per_dollar():
    """World Bank GEM: roubles per US dollar, monthly averages 2013-01 to 2016-12 (``month``, ``rub_per_usd``)."""
    return _read_csv("rub_per_usd_worldbank_gem_monthly_2013_2016.csv")


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
