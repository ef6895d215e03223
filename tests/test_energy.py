"""Tests for crisis_course.energy: known facts from the shipped data, and that every chart draws."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from crisis_course import energy  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# ------------------------------------------------------------------ known facts ----

def test_eu27_share_of_imports_from_russia_2020_matches_readme():
    # data/README_gas_eurostat.md: "the EU27 aggregate (38.7 % in 2020)"
    t = energy.eu_imports_trend().set_index("year")
    assert t.loc[2020, "share_russia_pct"] == pytest.approx(38.7, abs=0.05)


def test_eu27_trend_covers_2011_2020_and_adds_up():
    t = energy.eu_imports_trend()
    assert list(t["year"]) == list(range(2011, 2021))
    assert ((t["from_russia_twh"] + t["from_others_twh"] - t["total_twh"]).abs() < 0.2).all()
    # the share was about a third in 2011-2015 and close to 40 % from 2016
    s = t.set_index("year")["share_russia_pct"]
    assert s.loc[2011] == pytest.approx(32.2, abs=0.1)
    assert s.loc[2016] == pytest.approx(39.6, abs=0.1)
    assert s.loc[2016:2020].between(38, 40).all()


def test_eu_production_fell_and_dependency_rose():
    t = energy.eu_supply_trend().set_index("year")
    assert t.loc[2011, "production_twh"] > 2 * t.loc[2020, "production_twh"]
    assert t.loc[2011, "import_dependency_pct"] == pytest.approx(71.6, abs=0.1)
    assert t.loc[2020, "import_dependency_pct"] == pytest.approx(83.4, abs=0.1)


def test_eu27_imported_about_150_bcm_from_russia_in_2020():
    t = energy.eu_imports_trend().set_index("year")
    bcm = energy.twh_to_bcm(t.loc[2020, "from_russia_twh"])
    assert 140 < bcm < 160  # IEA: 155 bcm in 2021; the same order of magnitude in 2020


def test_dependence_table_known_countries_2020():
    t = energy.dependence_table(2020).set_index("iso_a3")
    assert t.loc["DEU", "share_of_imports_pct"] == pytest.approx(66.2, abs=0.1)
    assert t.loc["ITA", "share_of_imports_pct"] == pytest.approx(43.2, abs=0.1)
    assert t.loc["HUN", "share_of_imports_pct"] == pytest.approx(95.0, abs=0.1)
    assert t.loc["CZE", "share_of_imports_pct"] == pytest.approx(100.0)
    # sorted from the highest share down
    shares = list(t["share_of_imports_pct"])
    assert shares == sorted(shares, reverse=True)


def test_austria_caveat_from_2014_only():
    t2013 = energy.dependence_table(2013).set_index("iso_a3")
    t2020 = energy.dependence_table(2020).set_index("iso_a3")
    assert t2013.loc["AUT", "share_of_imports_pct"] > 50
    assert t2013.loc["AUT", "caveat"] == ""
    assert t2020.loc["AUT", "share_of_imports_pct"] == 0
    assert "2014" in t2020.loc["AUT", "caveat"]
    assert t2020.loc["HRV", "caveat"] and t2020.loc["DNK", "caveat"]


def test_germany_and_finland_caveats_follow_the_reporting_breaks():
    # Germany: exports recorded as 0 from 2018, identical Russian share in 2018 and 2019.
    from crisis_course import data

    b = data.gas_balance().set_index(["iso_a3", "year"])
    assert b.loc[("DEU", 2017), "exports_twh"] > 300 and b.loc[("DEU", 2018), "exports_twh"] == 0
    t = {y: energy.dependence_table(y).set_index("iso_a3") for y in (2017, 2018, 2019, 2020)}
    assert t[2018].loc["DEU", "share_of_imports_pct"] == t[2019].loc["DEU", "share_of_imports_pct"]
    assert t[2017].loc["DEU", "caveat"] == "" and t[2018].loc["DEU", "caveat"]
    # Finland: 97% in 2019, 67% in 2020, when Balticconnector gas is recorded under Estonia.
    assert t[2019].loc["FIN", "caveat"] == "" and "Balticconnector" in t[2020].loc["FIN", "caveat"]
    assert t[2020].loc["FIN", "share_of_imports_pct"] == pytest.approx(67.4, abs=0.1)


def test_eu_headline_measures():
    h = energy.eu_headline(2020)
    assert h["share_of_consumption_pct"] == pytest.approx(38.9, abs=0.05)
    assert h["share_of_member_imports_pct"] == pytest.approx(38.7, abs=0.05)
    # the two nearly coincide only in 2020 (summed imports about equal to consumption)
    h19 = energy.eu_headline(2019)
    assert h19["share_of_consumption_pct"] - h19["share_of_member_imports_pct"] > 2


def test_min_imports_filter_drops_tiny_importers():
    t = energy.dependence_table(2020, min_imports_twh=1.0)
    assert "NOR" not in set(t["iso_a3"])  # 0.4 TWh of imports: a share of almost nothing
    assert "LIE" not in set(t["iso_a3"])
    t0 = energy.dependence_table(2020, min_imports_twh=0.0)
    assert "NOR" in set(t0["iso_a3"])
    assert not t["iso_a3"].str.startswith(("EU", "EA")).any()


def test_dependence_table_rejects_years_outside_the_data():
    with pytest.raises(ValueError, match="2011"):
        energy.dependence_table(2021)


def test_share_of_imports_is_not_share_of_consumption_romania():
    t = energy.imports_vs_consumption(2020, ("ROU", "ITA")).set_index("iso_a3")
    rou = t.loc["ROU"]
    # about 45 % of Romania's imports came from Russia, but Romania produces most of its own gas,
    # so Russian gas was under a tenth of its consumption
    assert rou["share_of_imports_pct"] == pytest.approx(44.8, abs=0.1)
    assert rou["import_dependency_pct"] == pytest.approx(16.6, abs=0.1)
    assert rou["russia_share_of_consumption_pct"] < 10
    # Italy imports nearly all its gas, so the two shares are close
    ita = t.loc["ITA"]
    assert abs(ita["share_of_imports_pct"] - ita["russia_share_of_consumption_pct"]) < 5


def test_unit_conversions():
    assert energy.eur_mwh_to_usd_mmbtu(100, 1.0) == pytest.approx(29.31, abs=0.01)
    assert energy.eur_mwh_to_usd_mmbtu(100, 1.16) == pytest.approx(34.0, abs=0.05)
    assert energy.twh_to_bcm(39 / 3.6) == pytest.approx(1.0)


def test_prices_stop_in_2020():
    p = energy.price_table()
    assert p.index.max() == 2020
    assert p.loc[2020, "TTF (Netherlands)"] == pytest.approx(3.07, abs=0.01)
    with pytest.raises(ValueError, match="unknown benchmark"):
        energy.price_table(benchmarks=("Brent",))


def test_economy_table_2020():
    t = energy.economy_table(2020).set_index("iso_a3")
    assert t.loc["RUS", "population_m"] == pytest.approx(145.2, abs=0.1)
    assert t.loc["RUS", "gdp_vs_russia"] == 1.0
    # the EU's GDP was about ten times Russia's, the US's about fourteen times
    assert 9 < t.loc["EUU", "gdp_vs_russia"] < 11.5
    assert 13 < t.loc["USA", "gdp_vs_russia"] < 15.5
    assert t.loc["DEU", "gdp_vs_russia"] > 2
    assert t.loc["UKR", "gdp_vs_russia"] < 0.15


# -------------------------------------------------------------------- figures ----

@pytest.mark.parametrize("make", [
    lambda: energy.eu_imports_chart(),
    lambda: energy.dependence_bar(2020),
    lambda: energy.dependence_map(2020),
    lambda: energy.dependence_figure(2014),
    lambda: energy.share_comparison_chart(),
    lambda: energy.price_chart(),
    lambda: energy.economy_chart(),
])
def test_charts_return_figures(make):
    fig = make()
    assert isinstance(fig, matplotlib.figure.Figure)
    assert fig.axes


def test_alt_texts_name_the_key_numbers():
    assert "38.7%" in energy.eu_imports_alt_text()
    dep = energy.dependence_alt_text(2020)
    assert "38.7%" in dep and "Austria" in dep and "Hungary 95%" in dep
    eco = energy.economy_alt_text(2020)
    assert "Russia: 145 million" in eco


def test_dependence_explorer_builds_a_widget():
    pytest.importorskip("ipywidgets")
    box = energy.dependence_explorer(2016)
    slider = box.children[0]
    assert (slider.min, slider.max, slider.value) == (2011, 2020, 2016)
    slider.value = 2012  # redraws without error
    assert "2012" in box.children[1].value
    assert 'alt="Map of Europe' in box.children[2].value and "2012" in box.children[2].value
    bundle = box._repr_mimebundle_()
    assert "text/html" in bundle and "slider" in bundle["text/html"]


# ------------------------------------------------------- colour and labels (figure) ----

def test_map_and_bars_colour_each_country_the_same():
    """The map and the bar chart use one colour scale, so a country has one colour in both."""
    import numpy as np
    from matplotlib.colors import to_rgba

    t = energy.dependence_table(2020)
    fig = energy.dependence_bar(2020)
    ax = fig.axes[0]
    names = [tick.get_text() for tick in ax.get_yticklabels()]
    cmap = matplotlib.colormaps[energy.DEPENDENCE_CMAP]
    for bar, name in zip(ax.patches, names):
        share = float(t.loc[t["country"] == name, "share_of_imports_pct"].iloc[0])
        assert np.allclose(bar.get_facecolor(), to_rgba(cmap(share / 100))), name
    m = energy.dependence_map(2020)
    scaled = [c for c in m.axes[0].collections if c.get_array() is not None]
    assert scaled, "the map colours countries by value"
    assert all(c.get_cmap().name == energy.DEPENDENCE_CMAP for c in scaled)
    assert all((c.norm.vmin, c.norm.vmax) == (0, 100) for c in scaled)
    assert len(m.axes) == 2, "the map keeps its colour bar (the key for both panels)"


def test_small_countries_get_readable_map_labels():
    """Every country in the table gets a value on the map at >= 10 pt; small ones via a callout."""
    from matplotlib.text import Annotation

    t = energy.dependence_table(2020)
    fig = energy.dependence_map(2020)
    ax = fig.axes[0]
    texts = [x for x in ax.texts if x.get_text().split("\n")[-1].rstrip("*").isdigit()]
    assert len(texts) == len(t)
    named = [x.get_text().split("\n")[0] for x in texts if "\n" in x.get_text()]
    assert {"Germany", "Poland", "Finland"} <= set(named)  # big countries carry their name too
    assert all(x.get_fontsize() >= 10 for x in texts)
    # Moldova, North Macedonia, Bosnia and Herzegovina, Slovenia, the Benelux and Malta: at sea
    assert sum(isinstance(x, Annotation) for x in texts) >= 6
    assert sum(x.get_text().split("\n")[-1] == "0*" for x in texts) == 3  # Austria, Croatia, Denmark


# ---------------------------------------------------------- tables for the lessons ----

@pytest.mark.parametrize("make", [
    lambda: energy.eu_imports_display(),
    lambda: energy.eu_supply_display(),
    lambda: energy.dependence_display(2020),
    lambda: energy.dependence_display(2020, top=None),
    lambda: energy.measures_display(2020),
    lambda: energy.economy_display(2020),
])
def test_display_tables_are_readable(make):
    tbl = make()
    headers = list(tbl.frame.columns)
    assert all("_" not in h and h[0].isupper() for h in headers), headers
    assert "iso_a3" not in " ".join(headers).lower()
    assert list(tbl.frame.index) == list(range(len(tbl.frame)))
    html = tbl._repr_html_()
    assert "<caption" in html and 'scope="col"' in html
    assert "<th></th>" not in html and "Unnamed" not in html  # no index column
    for h in headers:  # no empty columns
        col = tbl.frame[h]
        assert not (col.isna() | (col.astype(str).str.strip() == "")).all(), h
    bundle = tbl._repr_mimebundle_()
    assert bundle["text/plain"].startswith(tbl.caption)


def test_display_tables_keep_the_numbers():
    eu = energy.eu_imports_display().frame.set_index("Year")
    assert eu.loc[2020, "Russia's share of imports (%)"] == pytest.approx(38.7, abs=0.05)
    assert "38.7" in energy.eu_imports_display()._repr_html_()
    dep = energy.dependence_display(2020)
    assert list(dep.frame["Country"])[:2] == ["Czechia", "Latvia"]
    assert "Reporting caveat" in dep.frame.columns  # Finland and Germany (2020) are in the top 12
    assert "Reporting caveat" not in energy.dependence_display(2020, top=5).frame.columns
    assert "Reporting caveat" in energy.dependence_display(2020, top=None).frame.columns
    m = energy.measures_display(2020).frame.set_index("Country")
    assert m.loc["Romania", "Russian gas ÷ consumption (%)"] < 10
    eco = energy.economy_display(2020).frame.set_index("Country")
    assert eco.loc["Russia", "GDP compared with Russia's (Russia = 1)"] == 1.0
    assert "1,493" in energy.economy_display(2020)._repr_html_()


# ------------------------------------------------------------------ module layout ----

def test_energy_modules_stay_under_600_lines():
    from pathlib import Path

    sizes = {f.name: len(f.read_text("utf-8").splitlines()) for f in Path(energy.__file__).parent.glob("*.py")}
    assert len(sizes) >= 5, sizes  # the package, not one module
    assert max(sizes.values()) <= 600, sizes


def test_every_energy_name_the_notebooks_and_package_use_still_exists():
    import re
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    used = set()
    for folder in ("lessons", "exercises", "solutions", "src/crisis_course"):
        for f in (repo / folder).rglob("*"):
            if f.suffix in (".ipynb", ".py", ".yaml") and "energy" not in f.parent.name:  # callers, not the package
                text = f.read_text("utf-8", "ignore")
                used |= set(re.findall(r"\benergy\.([A-Za-z_]\w*)", text))
                used |= set(re.findall(r"from crisis_course\.energy import (\w+)", text))
    used -= {"ipynb", "yaml", "py"}  # file names such as 06_energy.ipynb
    assert {"dependence_explorer", "dependence_figure", "eu_headline", "measures_display"} <= used  # the scan found the lessons
    assert sorted(n for n in used if not hasattr(energy, n)) == []
    assert all(hasattr(energy, n) for n in energy.__all__)
