"""Lesson 5's numbers about the economies come from the course's World Bank data (2020)."""
import re

import nbformat
import pytest
from conftest import REPO

from crisis_course import data


@pytest.fixture(scope="module")
def text():
    nb = nbformat.read(REPO / "lessons" / "05_sanctions.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.fixture(scope="module")
def y2020():
    d = data.population_gdp()
    return d[d["year"] == 2020].set_index("iso_a3")


def test_population_and_gdp(text, y2020):
    rus, eu, usa, ita, ukr = (y2020.loc[c] for c in ("RUS", "EUU", "USA", "ITA", "UKR"))
    assert "about **145 million** people" in text and round(rus["population"] / 1e6) == 145
    assert "about **1.5 trillion\n  dollars**" in text and round(rus["gdp_current_usd"] / 1e12, 1) == 1.5
    assert "about **one tenth of the EU's**" in text and round(eu["gdp_current_usd"] / rus["gdp_current_usd"]) == 10
    assert "one fourteenth of the United States'" in text
    assert round(usa["gdp_current_usd"] / rus["gdp_current_usd"]) == 14
    assert "smaller than Italy's" in text and rus["gdp_current_usd"] < ita["gdp_current_usd"]
    assert "Ukraine's GDP was about a tenth of Russia's" in text
    assert round(rus["gdp_current_usd"] / ukr["gdp_current_usd"]) == 10


def test_gdp_per_person(text, y2020):
    m = re.search(r"GDP per person was about ([\d,]+) dollars, against about\s+([\d,]+) in Russia and ([\d,]+) in "
                  r"the EU", text)
    assert m, "the per-person sentence changed: update this test"
    stated = [int(g.replace(",", "")) for g in m.groups()]
    computed = [y2020.loc[c, "gdp_per_capita_current_usd"] for c in ("UKR", "RUS", "EUU")]
    for s, c in zip(stated, computed):
        assert abs(s - c) / c < 0.02, (s, c)
