"""Numbers typed into lessons 5-8 and their banks that come from the course's data: each is checked
against the data here, so that a data fix cannot leave the text behind (issue 13, "numbers typed by
hand"). Each test names the phrase it looks for; if the wording changes, change the phrase too."""
from pathlib import Path

import nbformat
import pytest

from crisis_course import data, energy
from crisis_course.quiz.bank import load_bank

ROOT = Path(__file__).resolve().parents[1]


def _markdown(nb_name: str) -> str:
    nb = nbformat.read(ROOT / "lessons" / nb_name, as_version=4)
    return " ".join(" ".join(c.source.split()) for c in nb.cells if c.cell_type == "markdown")


@pytest.fixture(scope="module")
def l06() -> str:
    return _markdown("06_energy.ipynb")


def _question(bank: str, qid: str):
    return load_bank(bank).question(qid)


def _row(frame, iso, year):
    r = frame[(frame["iso_a3"] == iso) & (frame["year"] == year)]
    assert len(r) == 1, (iso, year)
    return r.iloc[0]


def test_eu_headline_in_lesson_6_matches_the_data(l06):
    h20, h19 = energy.eu_headline(2020), energy.eu_headline(2019)
    assert f"about **{h20['share_of_consumption_pct']:.0f}% of all the gas the EU27 used**" in l06
    assert f"{h20['from_russia_twh']:,.0f} TWh from Russia against {h20['consumption_twh']:,.0f} TWh used" in l06
    assert f"({h20['share_of_member_imports_pct']:.1f}% of imports, {h20['share_of_consumption_pct']:.1f}% of consumption)" in l06
    assert f"({h20['imports_twh']:,.0f} and {h20['consumption_twh']:,.0f} TWh)" in l06
    assert (f"{h19['share_of_member_imports_pct']:.1f}% and {h19['share_of_consumption_pct']:.1f}%") in l06
    # the 2020 closeness is a coincidence: the two measures differ by more than 2 points in 2019
    assert abs(h19["share_of_consumption_pct"] - h19["share_of_member_imports_pct"]) > 2
    assert "most reliable" not in l06


def test_country_shares_in_lesson_6_match_the_data(l06):
    t = energy.dependence_table(2020).set_index("iso_a3")["share_of_imports_pct"]
    for phrase, iso, number in [("Hungary 95%", "HUN", 95), ("Slovakia 85%", "SVK", 85),
                                ("Bulgaria 75% and Poland 55%", "BGR", 75), ("Bulgaria 75% and Poland 55%", "POL", 55),
                                ("Finland (67%)", "FIN", 67), ("Germany (66%)", "DEU", 66),
                                ("France 17%", "FRA", 17), ("Belgium 7%", "BEL", 7), ("Italy (43%)", "ITA", 43)]:
        assert phrase in l06, phrase
        assert round(t[iso]) == number, (iso, t[iso])


def test_germany_and_finland_artefacts_in_lesson_6_match_the_data(l06):
    g, b = data.gas_imports(), data.gas_balance()
    de17, de18, de19 = (_row(b, "DEU", y) for y in (2017, 2018, 2019))
    assert f"({de17['exports_twh']:.0f} TWh in 2017)" in l06 and de18["exports_twh"] == 0
    s18 = _row(g, "DEU", 2018)["share_of_gas_imports_from_russia_pct"]
    s19 = _row(g, "DEU", 2019)["share_of_gas_imports_from_russia_pct"]
    assert s18 == s19 and f"({s18:.1f}%)" in l06
    s11 = _row(g, "DEU", 2011)["share_of_gas_imports_from_russia_pct"]
    s20 = _row(g, "DEU", 2020)["share_of_gas_imports_from_russia_pct"]
    assert f'"from {s11:.0f}% in 2011 to {s20:.0f}% in 2020"' in l06
    fi19 = _row(g, "FIN", 2019)["share_of_gas_imports_from_russia_pct"]
    fi20 = _row(g, "FIN", 2020)["share_of_gas_imports_from_russia_pct"]
    assert f"Finland** reported {fi19:.0f}% from Russia in 2019 and {fi20:.0f}% in 2020" in l06
    assert f"the {_row(g, 'DEU', 2020)['gas_imports_from_russia_twh']:.0f} TWh it reported from Russia" in l06


def test_romania_italy_hungary_in_lesson_6_match_the_data(l06):
    m = energy.imports_vs_consumption(2020, ("ROU", "ITA", "HUN")).set_index("iso_a3")
    ro = m.loc["ROU"]
    assert (f"Romania produced {ro.production_twh:.1f} TWh of gas, imported {ro.imports_twh:.1f} TWh, exported "
            f"{ro.exports_twh:.1f} TWh and used {ro.consumption_twh:.1f} TWh. Of its imports, "
            f"{ro.from_russia_twh:.1f} TWh came from Russia") in l06
    assert f"**{ro.share_of_imports_pct:.0f}%**" in l06 and f"**{ro.import_dependency_pct:.0f}%**" in l06
    assert f"**{ro.russia_share_of_consumption_pct:.0f}%**" in l06
    it = m.loc["ITA"]
    assert f"imported {it.import_dependency_pct:.0f}% of what it used: {it.share_of_imports_pct:.0f}% of its imports" in l06
    assert f"about {it.russia_share_of_consumption_pct:.0f}% of its consumption" in l06
    hu = m.loc["HUN"]
    assert (f"({hu.from_russia_twh:.0f} TWh) were larger than its whole consumption ({hu.consumption_twh:.0f} TWh), "
            f"giving an impossible {hu.russia_share_of_consumption_pct:.0f}%") in l06


def test_energy_bank_numbers_match_the_data():
    ro = energy.imports_vs_consumption(2020, ("ROU",)).iloc[0]
    q = _question("energy", "energy-romania-use-share")
    assert q.answer == pytest.approx(ro.russia_share_of_consumption_pct, abs=q.tolerance)
    nl = energy.imports_vs_consumption(2020, ("NLD",)).iloc[0]
    q = _question("energy", "energy-netherlands-use-share")
    for value in (nl.production_twh, nl.imports_twh, nl.from_russia_twh, nl.exports_twh, nl.consumption_twh):
        assert f"{value:.0f} TWh" in q.prompt, value
    assert q.answer == pytest.approx(nl.russia_share_of_consumption_pct, abs=q.tolerance)
    near = {round(n["value"]) for n in q.near_misses}
    assert round(nl.share_of_imports_pct) in near and round(nl.import_dependency_pct) in near
    h19 = energy.eu_headline(2019)
    q = _question("energy", "energy-eu-2019-use-share")
    assert f"{h19['from_russia_twh']:,.0f} TWh" in q.prompt and f"{h19['consumption_twh']:,.0f} TWh" in q.prompt
    assert q.answer == pytest.approx(h19["share_of_consumption_pct"], abs=0.05)


def test_sanctions_bank_spain_gdp_matches_the_data():
    w = data.population_gdp()
    es, ru = _row(w, "ESP", 2020), _row(w, "RUS", 2020)
    q = _question("sanctions", "sanctions-gdp-per-person-spain")
    assert f"{es['gdp_current_usd'] / 1e9:,.0f} billion" in q.prompt
    assert f"{ru['gdp_current_usd'] / 1e9:,.0f} billion" in q.prompt
    assert f"{es['population'] / 1e6:.1f} million" in q.prompt and f"{ru['population'] / 1e6:.1f} million" in q.prompt
    ratio = (es["gdp_current_usd"] / es["population"]) / (ru["gdp_current_usd"] / ru["population"])
    assert q.answer == pytest.approx(ratio, abs=q.tolerance)
