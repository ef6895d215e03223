"""Loaders for the datasets that ship with the course.

Every loader reads a file inside the package (nothing is downloaded), checks that the
columns the course relies on are there, and returns a pandas ``DataFrame`` (or a geopandas
``GeoDataFrame`` for map shapes). A missing or damaged file raises :class:`DataFileError`,
whose message names the file, instead of a pandas traceback.

Join key everywhere: ``iso_a3`` (ISO 3166-1 alpha-3; Kosovo is ``XKX``).
Everything the course says about a file (columns, key columns, years, attribution, licence,
provenance, README, checksum) is one entry of the registry ``data/datasets.yaml``
(:mod:`crisis_course.datasets`); ``data/SOURCES.md`` and ``data/README.md`` carry tables generated
from it. ``load(NAME)`` reads any registered dataset; the functions below are named shorthands.

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

from collections.abc import Mapping
from importlib import resources
from pathlib import Path

from . import datasets
from .datasets import REGISTRY_FILE, DataFileError

__all__ = [
    "DataFileError",
    "data_path",
    "registry",
    "load",
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

class _Registry:
    """Shorthand for the registry of the data folder :func:`data_path` points at."""

    @staticmethod
    def entries() -> dict:
        return datasets.load(data_path(REGISTRY_FILE))

    @staticmethod
    def entry(filename: str):
        try:
            return _Registry.entries()[filename]
        except KeyError:
            raise DataFileError(f"Data file {filename!r} has no entry in {REGISTRY_FILE} "
                                f"({data_path(REGISTRY_FILE)}): add one (docs/AUTHORING.md, 'Add a dataset').") from None


def data_path(filename: str) -> Path:
    """Return the path of a data file inside the installed package."""
    return Path(str(resources.files("crisis_course") / "data" / filename))


def registry() -> dict:
    """The dataset registry (``data/datasets.yaml``) as {file name: :class:`crisis_course.datasets.Dataset`}."""
    return _Registry.entries()


class _Attributions(Mapping):
    """{attribution key: line to print under a figure}, read from the registry when asked."""

    def _lines(self) -> dict[str, str]:
        return {d.attribution_key: d.attribution for d in _Registry.entries().values()}

    def __getitem__(self, key: str) -> str:
        return self._lines()[key]

    def __iter__(self):
        return iter(self._lines())

    def __len__(self) -> int:
        return len(self._lines())

    def __repr__(self) -> str:
        return repr(self._lines())


#: Attribution lines to print under a figure that uses each source ("maps", "eurostat", ...).
ATTRIBUTION: Mapping[str, str] = _Attributions()


# ----------------------------------------------------------------------- checksums ----------
#: The checksums live in the registry (``sha256`` and ``bytes`` of each entry).
CHECKSUMS_FILE = REGISTRY_FILE
_verified: dict[str, tuple[int, int]] = {}   # file name -> (size, mtime_ns) already verified


def checksums() -> dict[str, tuple[str, int]]:
    """The registry's checksums as {file name: (sha256 hex, size)}; {} when there is no registry."""
    try:
        entries = _Registry.entries()
    except DataFileError:
        return {}
    return {name: (d.sha256, d.bytes) for name, d in entries.items()}


def verify(filename: str, force: bool = False) -> None:
    """Check ``filename`` against its registry entry; raise :class:`DataFileError` if it differs.

    Cheap: the size is compared first, and the SHA-256 is computed once per file and process
    (again only if the file's size or modification time changes). Files the registry does not
    list are not checked here (``crisis-course check`` reports them).
    """
    entry = _Registry.entries().get(filename)
    if entry is None:
        return
    path = data_path(filename)
    stamp = datasets.file_stamp(path, f"Data file {filename!r}")
    if not entry.sha256:
        raise DataFileError(f"Data file {filename!r} has no checksum in {REGISTRY_FILE} yet: run "
                            "crisis_course.data.write_checksums() after checking the file.")
    if not force and _verified.get(filename) == stamp:
        return
    digest, size = entry.sha256, entry.bytes
    if stamp[0] != size:
        raise DataFileError(
            f"Data file {filename!r} is damaged: it has {stamp[0]:,} bytes, the course shipped {size:,} "
            f"({'truncated' if stamp[0] < size else 'changed'}; {path}). Reinstall the course package to "
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
    """After a deliberate change: write each registered file's ``sha256`` and ``bytes`` into
    ``datasets.yaml`` and regenerate the tables in ``SOURCES.md`` and ``README.md``."""
    folder = Path(folder) if folder is not None else data_path(REGISTRY_FILE).parent
    datasets.write_checksums(folder)
    _verified.clear()
    return folder / REGISTRY_FILE


_cache: dict[str, object] = {}


def _read(filename: str):
    """The registered file ``filename`` as a (Geo)DataFrame: registered, present, checksum right,
    parsed, the registry's columns present (CSV: of the right kind, key columns filled); a copy of
    the one read per process. Any problem raises :class:`DataFileError` naming the file."""
    if filename in _cache:
        return _cache[filename].copy()
    entry = _Registry.entry(filename)
    what, fmt = ("Map file", "GeoJSON") if entry.is_map else ("Data file", "CSV")
    path = data_path(filename)
    datasets.file_stamp(path, f"{what} {filename!r}")
    verify(filename)
    try:
        if entry.is_map:
            df = _read_geojson(path)
        else:
            import pandas as pd

            df = pd.read_csv(path, keep_default_na=True, na_values=[""])
    except Exception as exc:  # pandas, json and shapely raise many kinds of parser errors
        raise DataFileError(f"{what} {filename!r} could not be read as {fmt} ({path}): "
                            f"{type(exc).__name__}: {exc}") from None
    missing = [c for c in entry.columns if c not in df.columns]
    if missing:
        raise DataFileError(f"{what} {filename!r} is damaged: missing column(s) {', '.join(missing)} "
                            f"(found: {', '.join(map(str, df.columns))}).")
    if entry.is_map and df.empty:
        raise DataFileError(f"{what} {filename!r} is damaged: it has no shapes.")
    if not entry.is_map:
        _typed(df, entry, path)
    _cache[filename] = df
    return df.copy()


def _read_geojson(path: Path):
    """A GeoJSON FeatureCollection as the GeoDataFrame ``geopandas.read_file`` makes of it (the
    properties as columns in their order, then ``geometry``; the file's CRS, else GeoJSON's
    WGS 84), read with ``json`` and shapely: pyogrio and GDAL take 0.1-0.2 s to import in every
    lesson that draws a map, for files this small. Any problem raises (``_read`` names the file)."""
    import json

    import geopandas as gpd
    import shapely

    doc = json.loads(path.read_text(encoding="utf-8"))
    features = doc.get("features") if isinstance(doc, dict) and doc.get("type") == "FeatureCollection" else None
    if not isinstance(features, list):
        raise ValueError("not a GeoJSON FeatureCollection (no 'features' list)")
    columns: dict[str, None] = {}
    for feature in features:
        columns.update(dict.fromkeys(feature.get("properties") or {}))
    rows = {c: [(f.get("properties") or {}).get(c) for f in features] for c in columns}
    shapes = shapely.from_geojson([json.dumps(f["geometry"]) if f.get("geometry") else "null" for f in features])
    crs = ((doc.get("crs") or {}).get("properties") or {}).get("name") or "EPSG:4326"
    return gpd.GeoDataFrame(rows, geometry=list(shapes), crs=crs)


def _typed(df, entry, path) -> None:
    """Convert ``df``'s columns to the registry's kinds, in place; check the key columns."""
    import pandas as pd

    for col, kind in entry.columns.items():
        try:
            if kind in ("num", "pct"):
                df[col] = pd.to_numeric(df[col], errors="raise")
            elif kind == "bool":
                df[col] = df[col].map(_to_bool)
            elif kind == "date":
                df[col] = pd.to_datetime(df[col], errors="raise", format="%Y-%m-%d")
            elif kind == "str":
                df[col] = df[col].astype("string")
        except (ValueError, TypeError) as exc:
            raise DataFileError(f"Data file {entry.file!r} is damaged: column {col!r} should hold "
                                f"{_KIND_WORDS[kind]} values ({exc}).") from None
    for col in entry.key_columns:
        empty = df.index[df[col].isna()].tolist()
        if empty:
            lines = ", ".join(str(i + 2) for i in empty[:5]) + (" ..." if len(empty) > 5 else "")
            raise DataFileError(f"Data file {entry.file!r} is damaged: key column {col!r} is empty on "
                                f"line{'s' if len(empty) > 1 else ''} {lines} ({path}).")
    if "year" in df.columns:
        df["year"] = df["year"].astype("int64")


_KIND_WORDS = {"num": "numeric", "pct": "numeric (percentage)", "bool": "True/False", "date": "YYYY-MM-DD date",
               "str": "text"}


def _to_bool(value):
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "1", "yes"}:
        return True
    if text in {"false", "0", "no", "", "nan"}:
        return False
    raise ValueError(f"{value!r} is not True/False")


def load(name: str):
    """Any registered dataset by its registry ``name`` (or file name): a DataFrame for CSV files,
    a GeoDataFrame for GeoJSON. An unknown name raises :class:`DataFileError` listing the names."""
    entries = _Registry.entries()
    for d in entries.values():
        if name in (d.name, d.file):
            return _read(d.file)
    raise DataFileError(f"No dataset named {name!r} in {REGISTRY_FILE}; the names are: "
                        f"{', '.join(sorted(d.name for d in entries.values()))}.")


def alliances():
    """NATO, EU and CSTO membership.

    Columns: ``organisation`` (NATO, EU, CSTO, NATO aspirant), ``country``, ``iso_a3``,
    ``joined`` (datetime: date membership took effect; NaT for CSTO), ``left`` (datetime or NaT),
    ``member_dec_2021`` (bool: a member on 2021-12-31), ``note``.
    """
    return _read("alliances_membership.csv")


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
    return _read("gas_imports_from_russia_eurostat_2011_2020.csv")


def gas_balance():
    """Eurostat nrg_cb_gas: supply, transformation and consumption of gas, 2011-2020 (TJ and TWh).

    ``import_dependency_pct`` = 100 x net imports / gross inland consumption (negative for net exporters).
    """
    return _read("gas_supply_balance_eurostat_2011_2020.csv")


def gas_bp():
    """BP Statistical Review of World Energy 2021 (via OWID): gas by country, 2000-2020.

    Units: bcm, EJ, TWh, trillion m3 (reserves), % of primary energy, kWh per person.
    ``net_imports_bcm`` = consumption - production (negative = net exporter).
    """
    return _read("gas_bp_statreview2021_2000_2020.csv")


def gas_prices():
    """Annual gas price benchmarks 1985-2020 (TTF, NBP, Henry Hub, LNG Japan ...), US$ per MMBtu."""
    return _read("gas_prices_bp_annual.csv")


def prices_monthly():
    """World Bank Pink Sheet monthly prices 2000-01 to 2021-12: ``month`` (YYYY-MM), ``series``
    ("Natural gas, Europe", "Crude oil, Brent", "Natural gas, US (Henry Hub)"), ``unit``, ``value``.
    December 2021 is the whole month's average, past the 7 December cutoff (README_prices_worldbank.md)."""
    return _read("gas_oil_prices_worldbank_monthly_2000_2021.csv")


def rouble_per_dollar():
    """World Bank GEM: roubles per US dollar, monthly averages 2013-01 to 2016-12 (``month``, ``rub_per_usd``)."""
    return _read("rub_per_usd_worldbank_gem_monthly_2013_2016.csv")


def population_gdp():
    """World Bank WDI: ``population`` (people), ``gdp_current_usd`` (current US$),
    ``gdp_per_capita_current_usd``, 2000-2022, focus countries plus USA, CAN and aggregates."""
    return _read("population_gdp_worldbank_2000_2022.csv")


def capitals():
    """Capitals of the focus countries: ``city``, ``country``, ``iso_a3``, ``lat``, ``lon``, ``pop_max``."""
    return _read("capitals_europe.csv")


def europe_map():
    """Country polygons (Natural Earth 1:50m), Europe, Russia, Caucasus, Turkey, Kazakhstan plus context
    countries; Crimea drawn as part of Ukraine. GeoDataFrame in EPSG:4326 with ``iso_a3``, ``name`` and ``in_focus``
    (False for grey context countries)."""
    return _read("europe_countries.geojson")


def world_map():
    """World country polygons (Natural Earth 1:110m), same border policy as :func:`europe_map`."""
    return _read("world_countries_110m.geojson")


def contested_areas():
    """Crimea, separatist-held Donbas, Transnistria, Abkhazia, South Ossetia, Nagorno-Karabakh,
    Northern Cyprus (Natural Earth disputed areas, c. 2017 lines). Column ``name`` plus notes."""
    return _read("contested_areas.geojson")


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
