"""Every dataset that ships with the course: columns, types, ranges, join keys, known facts."""

import pandas as pd
import pytest
from data_support import data_copy

from crisis_course import data

TABLES = {
    "alliances": data.alliances,
    "gas_imports": data.gas_imports,
    "gas_balance": data.gas_balance,
    "gas_bp": data.gas_bp,
    "gas_prices": data.gas_prices,
    "population_gdp": data.population_gdp,
    "capitals": data.capitals,
}


@pytest.fixture(scope="module")
def europe_isos():
    return set(data.europe_map()["iso_a3"])


@pytest.fixture(scope="module")
def world_isos():
    return set(data.world_map()["iso_a3"])


@pytest.mark.parametrize("name", sorted(TABLES))
def test_table_loads_non_empty(name):
    df = TABLES[name]()
    assert len(df) > 10
    assert df.columns.is_unique


def test_loaders_return_copies():
    a = data.gas_imports()
    a.loc[:, "year"] = 0
    assert data.gas_imports()["year"].min() == 2011


@pytest.mark.parametrize("name,years", [("gas_imports", (2011, 2020)), ("gas_balance", (2011, 2020)),
                                        ("gas_bp", (2000, 2020)), ("gas_prices", (1985, 2020)),
                                        ("population_gdp", (2000, 2022))])
def test_year_ranges(name, years):
    df = TABLES[name]()
    assert df["year"].dtype == "int64"
    assert (df["year"].min(), df["year"].max()) == years


def test_no_duplicate_country_years():
    for name in ("gas_imports", "gas_balance", "gas_bp", "population_gdp"):
        df = TABLES[name]()
        assert not df.duplicated(["country", "year"]).any(), name


def test_gas_imports_values():
    df = data.gas_imports()
    for col in ("gas_imports_total_tj", "gas_imports_from_russia_tj", "lng_imports_total_tj"):
        assert (df[col].dropna() >= 0).all(), col
    share = df["share_of_gas_imports_from_russia_pct"].dropna()
    assert share.between(0, 100.5).all()
    # from Russia never exceeds total (small rounding tolerance)
    assert (df["gas_imports_from_russia_tj"] <= df["gas_imports_total_tj"] * 1.005 + 1).all()
    # TWh = TJ / 3600
    ok = df.dropna(subset=["gas_imports_total_twh"])
    assert ((ok["gas_imports_total_tj"] / 3600 - ok["gas_imports_total_twh"]).abs() < 0.01).all()


def test_known_fact_eu27_share_of_imports_from_russia_2020():
    df = data.gas_imports()
    eu = df[(df["iso_a3"] == "EU27_2020") & (df["year"] == 2020)].iloc[0]
    assert eu["share_of_gas_imports_from_russia_pct"] == pytest.approx(38.7, abs=0.1)
    assert eu["share_of_gas_imports_from_russia_pct"] == pytest.approx(
        100 * eu["gas_imports_from_russia_tj"] / eu["gas_imports_total_tj"], abs=0.05)


def test_gas_balance_identity():
    df = data.gas_balance()
    calc = df["imports_tj"] - df["exports_tj"]
    assert ((calc - df["net_imports_tj"]).abs() < 1).all()
    assert (df["production_tj"].dropna() >= 0).all()


def test_bp_russia_is_big_exporter():
    df = data.gas_bp()
    rus = df[(df["iso_a3"] == "RUS") & (df["year"] == 2020)].iloc[0]
    assert 600 < rus["gas_production_bcm"] < 750
    assert rus["net_imports_bcm"] < -150


def test_gas_prices_positive_and_known_benchmarks():
    df = data.gas_prices()
    assert (df["price_usd_per_mmbtu"] > 0).all()
    assert {"Natural gas - Netherlands TTF", "Natural gas - US Henry Hub"} <= set(df["benchmark"]) or \
        df["benchmark"].str.contains("TTF").any()


def test_population_gdp_ranges():
    df = data.population_gdp()
    c = df[~df["is_aggregate"]]
    assert (c["population"] > 1e4).all()
    rus = c[(c["iso_a3"] == "RUS") & (c["year"] == 2020)].iloc[0]
    assert 140e6 < rus["population"] < 150e6
    ukr = c[(c["iso_a3"] == "UKR") & (c["year"] == 2020)].iloc[0]
    assert 40e6 < ukr["population"] < 46e6
    gdp = c.dropna(subset=["gdp_current_usd"])
    assert ((gdp["gdp_current_usd"] / gdp["population"] - gdp["gdp_per_capita_current_usd"]).abs()
            / gdp["gdp_per_capita_current_usd"] < 0.01).all()


def test_capitals_coordinates():
    df = data.capitals()
    assert df["lat"].between(-90, 90).all() and df["lon"].between(-180, 180).all()
    kyiv = df[df["iso_a3"] == "UKR"].iloc[0]
    assert kyiv["city"] == "Kyiv"
    assert kyiv["lat"] == pytest.approx(50.45, abs=0.1)


@pytest.mark.parametrize("name", ["alliances", "gas_imports", "gas_balance", "population_gdp", "capitals"])
def test_join_keys_exist_on_the_map(name, europe_isos, world_isos):
    df = TABLES[name]()
    if "is_aggregate" in df.columns:
        df = df[~df["is_aggregate"]]
    missing = set(df["iso_a3"].dropna()) - (europe_isos | world_isos)
    # micro-states are too small for the 1:50m/1:110m maps
    assert missing <= {"LIE", "MLT", "AND", "MCO", "SMR", "VAT"}, missing


def test_gas_bp_countries_on_world_map(world_isos, europe_isos):
    df = data.gas_bp()
    isos = set(df.loc[~df["is_aggregate"], "iso_a3"].dropna())
    assert isos - (world_isos | europe_isos) <= {"SGP", "HKG"}, isos - (world_isos | europe_isos)


def test_nato_has_30_members_on_2021_12_31():
    members = data.nato_members(as_of="2021-12-31")
    assert len(members) == 30
    assert members["iso_a3"].is_unique
    flagged = data.alliances()
    flagged = flagged[(flagged["organisation"] == "NATO") & flagged["member_dec_2021"]]
    assert set(flagged["iso_a3"]) == set(members["iso_a3"])
    assert "UKR" not in set(members["iso_a3"]) and "FIN" not in set(members["iso_a3"])


def test_nato_founders_and_rounds():
    m = data.nato_members()
    assert len(m[m["year_joined"] == 1949]) == 12
    assert sorted(m["year_joined"].unique()) == [1949, 1952, 1955, 1982, 1999, 2004, 2009, 2017, 2020, 2023, 2024]
    assert m[m["iso_a3"] == "FIN"]["joined"].iloc[0] == pd.Timestamp("2023-04-04")
    assert m[m["iso_a3"] == "SWE"]["joined"].iloc[0] == pd.Timestamp("2024-03-07")
    assert m[m["iso_a3"] == "MKD"]["joined"].iloc[0] == pd.Timestamp("2020-03-27")


def test_eu_and_csto_counts():
    a = data.alliances()
    dec = a[a["member_dec_2021"]]
    assert (dec["organisation"] == "EU").sum() == 27
    assert (dec["organisation"] == "CSTO").sum() == 6


def test_maps_and_contested_areas():
    eu = data.europe_map()
    assert eu.crs.to_epsg() == 4326
    assert eu["iso_a3"].is_unique
    assert eu.geometry.is_valid.all()
    areas = data.contested_areas()
    assert {"Crimea", "Donbas (separatist-held area)"} <= set(areas["name"])
    crimea = areas[areas["name"] == "Crimea"].geometry.iloc[0]
    ukraine = eu[eu["iso_a3"] == "UKR"].geometry.iloc[0]
    russia = eu[eu["iso_a3"] == "RUS"].geometry.iloc[0]
    # boundary policy: Crimea is drawn inside Ukraine (UN GA res. 68/262), not inside Russia
    assert crimea.intersection(ukraine).area / crimea.area > 0.9
    assert crimea.intersection(russia).area / crimea.area < 0.05


def _with_broken_copy(monkeypatch, tmp_path, filename, content):
    fake = data_copy(tmp_path, monkeypatch)
    if content is None:
        (fake / filename).unlink()
    else:
        (fake / filename).write_bytes(content)
    data.write_checksums(fake)    # these tests are about parsing, not checksums: the damage is "deliberate"


@pytest.mark.parametrize("filename,loader", [
    ("gas_imports_from_russia_eurostat_2011_2020.csv", data.gas_imports),
    ("alliances_membership.csv", data.alliances),
    ("europe_countries.geojson", data.europe_map),
])
def test_missing_file_names_the_file(monkeypatch, tmp_path, filename, loader):
    _with_broken_copy(monkeypatch, tmp_path, filename, None)
    with pytest.raises(data.DataFileError, match=filename.replace(".", r"\.")) as err:
        loader()
    assert "missing" in str(err.value)


@pytest.mark.parametrize("content,needle", [
    (b"country,iso_a3\nX,Y\n", "missing column"),
    (b"", "could not be read"),
    (b"\x00\xff\xfe garbage \x00", "could not be read|missing column"),
])
def test_damaged_csv_names_the_file(monkeypatch, tmp_path, content, needle):
    fn = "gas_imports_from_russia_eurostat_2011_2020.csv"
    _with_broken_copy(monkeypatch, tmp_path, fn, content)
    with pytest.raises(data.DataFileError, match=needle) as err:
        data.gas_imports()
    assert fn in str(err.value)


def test_wrong_type_in_column_names_file_and_column(monkeypatch, tmp_path):
    fn = "gas_prices_bp_annual.csv"
    _with_broken_copy(monkeypatch, tmp_path, fn, b"benchmark,year,price_usd_per_mmbtu\nTTF,2020,cheap\n")
    with pytest.raises(data.DataFileError, match="price_usd_per_mmbtu") as err:
        data.gas_prices()
    assert fn in str(err.value)


def test_damaged_geojson_names_the_file(monkeypatch, tmp_path):
    fn = "contested_areas.geojson"
    _with_broken_copy(monkeypatch, tmp_path, fn, b'{"type": "FeatureCollection", "features": [')
    with pytest.raises(data.DataFileError, match=fn.replace(".", r"\.")):
        data.contested_areas()


def test_sources_file_lists_every_data_file():
    sources = data.data_path("SOURCES.md").read_text()
    for f in data.data_path("SOURCES.md").parent.iterdir():
        if f.suffix in {".csv", ".geojson"}:
            assert f"`{f.name}`" in sources, f.name


def test_nato_rounds_table():
    rounds = data.nato_rounds(as_of="2021-12-07")
    assert list(rounds.columns) == ["Year", "Joined", "New members", "Members after the round"]
    assert rounds["Year"].tolist() == [1949, 1952, 1955, 1982, 1999, 2004, 2009, 2017, 2020]
    assert rounds["Members after the round"].iloc[-1] == 30
    assert rounds.loc[rounds["Year"] == 1999, "Joined"].iloc[0] == "Czechia, Hungary, Poland"
    assert rounds["New members"].sum() == 30


# ------------------------------------------------------------------ the dataset registry (issue 19)

def test_registry_is_the_one_table_loaders_checksums_attribution_and_docs_read():
    from crisis_course import datasets

    entries = data.registry()
    folder = data.data_path(data.REGISTRY_FILE).parent
    assert sorted(entries) == sorted(p.name for p in folder.iterdir() if p.suffix in {".csv", ".geojson"})
    assert datasets.problems(__import__("crisis_course.safeyaml").safeyaml.load_file(folder / "datasets.yaml"),
                             folder) == []
    assert data.checksums() == {name: (d.sha256, d.bytes) for name, d in entries.items()}
    assert data.ATTRIBUTION["maps"].startswith("Made with Natural Earth")
    assert set(data.ATTRIBUTION) == {d.attribution_key for d in entries.values()}
    # the generated tables in SOURCES.md and README.md agree with the registry
    assert datasets.docs_problems(folder) == []
    # every named loader is a registry dataset: same frame through data.load(name)
    assert data.load("gas_prices").equals(data.gas_prices())
    assert data.load("gas_prices_bp_annual.csv").equals(data.gas_prices())


def test_unknown_dataset_name_lists_the_names():
    with pytest.raises(data.DataFileError, match="No dataset named 'gas_price'.*gas_prices"):
        data.load("gas_price")


def test_registry_problems_are_all_reported_at_once(monkeypatch, tmp_path):
    from crisis_course import checks

    fake = data_copy(tmp_path, monkeypatch)
    path = fake / "datasets.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("key_columns: [benchmark, year]", "key_columns: [benchmark, yeer]")
    text = text.replace("years: \"2011–2020\"", "yeras: \"2011–2020\"", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(data.DataFileError) as info:
        data.gas_prices()
    msg = str(info.value)
    assert "datasets.yaml" in msg and "yeras" in msg, msg
    lines = [r.line() for r in checks.check_data(tmp_path) if not r.ok]
    assert lines and all("datasets.yaml" in line for line in lines), lines
    # a schema-valid registry: the semantic rule names the dataset and the column
    path.write_text(text.replace("yeras:", "years:"), encoding="utf-8")
    lines = [r.line() for r in checks.check_data(tmp_path) if not r.ok]
    assert any("'gas_prices'" in line and "yeer" in line for line in lines), lines


def test_docs_out_of_step_with_registry_are_reported_and_regenerated(monkeypatch, tmp_path):
    from crisis_course import checks

    fake = data_copy(tmp_path, monkeypatch)
    path = fake / "datasets.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'description: "TTF, NBP, German import, Henry Hub, LNG Japan prices"',
        'description: "annual gas price benchmarks"'), encoding="utf-8")
    lines = [r.line() for r in checks.check_data(tmp_path) if not r.ok]
    assert any("README.md" in line and "write_checksums" in line for line in lines), lines
    data.write_checksums(fake)
    assert "annual gas price benchmarks" in (fake / "README.md").read_text(encoding="utf-8")
    assert [r.line() for r in checks.check_data(tmp_path) if not r.ok] == []
