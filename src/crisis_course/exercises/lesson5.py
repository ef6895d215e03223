"""Exercise 5 (lesson 5, sanctions): comparing economies with the World Bank data.

Expected answers are computed at run time from ``data.population_gdp()`` (World Bank WDI, GDP in
current US dollars).
"""
from __future__ import annotations

from .feedback import Wrong, as_number, as_series, task
from .openanswers import check_chart

__all__ = [
    "YEAR",
    "COUNTRIES",
    "expected_gdp_bn",
    "expected_ratios",
    "expected_russia_change_pct",
    "task_5_1",
    "task_5_2",
    "task_5_3",
    "task_5_4",
]

#: The year compared: the last full year before the crisis that the lessons use.
YEAR = 2020
#: The economies compared (ISO codes; EUU = the European Union of 27).
COUNTRIES = ("USA", "EUU", "DEU", "FRA", "ITA", "RUS", "POL", "UKR")


def _gdp(year: int):
    from crisis_course import data

    p = data.population_gdp()
    return p[p["year"] == year].set_index("iso_a3")


def expected_gdp_bn(year: int = YEAR, countries=COUNTRIES):
    """GDP in billions of current US$, largest first (a Series indexed by ISO code)."""
    g = _gdp(year)
    return (g.loc[list(countries), "gdp_current_usd"] / 1e9).sort_values(ascending=False)


def expected_ratios(year: int = YEAR) -> tuple[float, float]:
    """(EU GDP / Russia GDP, US GDP / Russia GDP) in ``year``."""
    g = _gdp(year)["gdp_current_usd"]
    return float(g["EUU"] / g["RUS"]), float(g["USA"] / g["RUS"])


def expected_russia_change_pct(start: int = 2013, end: int = 2015) -> float:
    """Percentage change of Russia's GDP (current US$) from ``start`` to ``end``."""
    a = float(_gdp(start).loc["RUS", "gdp_current_usd"])
    b = float(_gdp(end).loc["RUS", "gdp_current_usd"])
    return 100 * (b - a) / a


@task("5.1")
def task_5_1(gdp_2020):
    """GDP in 2020 of the countries in COUNTRIES, in billions of US$, largest first."""
    from .lesson3 import country_code

    expected = expected_gdp_bn()
    s = as_series(gdp_2020, "`gdp_2020`", "GDP values")
    got = {}
    for label, value in s.items():
        code = str(label).strip().upper()
        if code not in expected.index:
            code = country_code(label) or ("EUU" if "european union" in str(label).lower() else code)
        got[code] = as_number(value, f"The value for {label}")
    missing = [c for c in expected.index if c not in got]
    extra = [c for c in got if c not in expected.index]
    if missing:
        raise Wrong(f"Missing: {', '.join(missing)}.", hint="Keep every code in `COUNTRIES` (EUU is the European Union).")
    if extra:
        raise Wrong(f"Not in the list: {', '.join(map(str, extra[:4]))}.", hint="Keep only the codes in `COUNTRIES`.")
    ratios = [got[c] / expected[c] for c in expected.index]
    if all(abs(r - 1e9) < 1e7 for r in ratios):
        raise Wrong("These are US dollars; the task asks for billions of US dollars.", hint="Divide by 1e9 (a billion).")
    if all(abs(r - 1e3) < 10 for r in ratios):
        raise Wrong("These are millions of US dollars; the task asks for billions.", hint="Divide by 1e9, not by 1e6.")
    for code in expected.index:
        if abs(got[code] - expected[code]) > 0.005 * expected[code] + 0.5:
            g = _gdp(YEAR)
            if abs(got[code] - float(g.loc[code, "gdp_per_capita_current_usd"])) < 1:
                raise Wrong("These look like GDP per person, not GDP.", hint="Use the column `gdp_current_usd`.")
            raise Wrong(f"The value for {code} ({got[code]:,.0f}) is not its {YEAR} GDP in billion US$.",
                        hint=f"Filter the year first (`year == {YEAR}`), then use `gdp_current_usd / 1e9`.")
    order = [as_number(v) for v in s]
    if any(a < b for a, b in zip(order, order[1:])):
        raise Wrong("The numbers are right but not sorted from largest to smallest.",
                    hint="`.sort_values(ascending=False)`.")
    rus = expected["RUS"]
    g = _gdp(YEAR)
    names = {"USA": "the United States", "EUU": "the EU"}
    bigger = [names.get(c, str(g.loc[c, "country"])) for c in expected.index if expected[c] > rus]
    return (f"Russia's GDP ({rus:,.0f} bn US$) was smaller than that of {', '.join(bigger)}. GDP at market "
            "exchange rates understates what roubles buy at home; lesson 5 discusses what this comparison "
            "can and cannot show.")


@task("5.2")
def task_5_2(eu_vs_russia, us_vs_russia):
    """How many times larger the EU's and the USA's GDP were than Russia's in 2020."""
    from crisis_course import data

    want_eu, want_us = expected_ratios()
    eu = as_number(eu_vs_russia, "`eu_vs_russia`")
    us = as_number(us_vs_russia, "`us_vs_russia`")
    for name, got, want in (("eu_vs_russia", eu, want_eu), ("us_vs_russia", us, want_us)):
        if abs(got - want) <= 0.01 * want:
            continue
        if abs(got - 1 / want) <= 0.01 / want:
            raise Wrong(f"`{name}` is upside down: it says how big Russia's economy is compared with the other.",
                        hint="'How many times larger than Russia' = other GDP / Russia's GDP.")
        p = data.population_gdp()
        p = p[p["year"] == YEAR].set_index("iso_a3")
        other = "EUU" if name.startswith("eu") else "USA"
        if abs(got - p.loc[other, "population"] / p.loc["RUS", "population"]) < 0.02:
            raise Wrong(f"`{name}` compares populations, not GDP.", hint="Use `gdp_current_usd`.")
        if abs(got - p.loc[other, "gdp_per_capita_current_usd"] / p.loc["RUS", "gdp_per_capita_current_usd"]) < 0.02:
            raise Wrong(f"`{name}` compares GDP per person, not the size of the economies.",
                        hint="Use `gdp_current_usd` (the whole economy).")
        raise Wrong(f"`{name}` = {got:.2f} is not right.",
                    hint=f"Divide the {YEAR} GDP of the EU (EUU) or the US by Russia's, both from `gdp_current_usd`.")
    return (f"The EU's economy was about {want_eu:.0f} times Russia's and the US's about {want_us:.0f} times. "
            "That gap is why economic pressure was the West's main threat; lesson 6 shows why Europe was "
            "still wary of using it.")


@task("5.3")
def task_5_3(russia_gdp_change_pct):
    """Percentage change of Russia's GDP in current US$ from 2013 to 2015."""
    want = expected_russia_change_pct()
    x = as_number(russia_gdp_change_pct, "`russia_gdp_change_pct`", "%")
    if abs(x - want) <= 0.5:
        return (f"{want:.0f}% in dollar terms. Sanctions began in 2014, but oil prices also collapsed in the "
                "second half of 2014 and the rouble fell sharply against the dollar: a dollar figure mixes all "
                "three. The data alone cannot say how much was due to sanctions (lesson 5, section 8).")
    if abs(x + want) <= 0.5:
        raise Wrong("The size is right but the sign is wrong: the economy shrank.",
                    hint="(new - old) / old * 100 is negative when the value falls.")
    if abs(x - want / 100) <= 0.005:
        raise Wrong("This is a fraction, not a percentage.", hint="Multiply by 100.")
    from crisis_course import data

    p = data.population_gdp().set_index(["iso_a3", "year"])
    a, b = float(p.loc[("RUS", 2013), "gdp_current_usd"]), float(p.loc[("RUS", 2015), "gdp_current_usd"])
    if abs(x - 100 * (b - a) / b) <= 0.5:
        raise Wrong("You divided by the 2015 value; a change is measured from the starting year.",
                    hint="(GDP 2015 - GDP 2013) / GDP 2013 * 100.")
    if abs(x - 100 * b / a) <= 0.5:
        raise Wrong("This is 2015 as a percentage of 2013, not the change.", hint="Subtract 100.")
    raise Wrong(f"{x:.1f}% is not right.",
                hint="Use Russia's `gdp_current_usd` in 2013 and in 2015: (2015 - 2013) / 2013 * 100.")


@task("5.4")
def task_5_4(fig, alt_text):
    """Open task: a labelled chart comparing economies, with a text description."""
    from .openanswers import check_open_text

    fig, values = check_chart(fig, "`fig`")
    check_open_text(alt_text, "`alt_text`", min_words=20,
                    evidence=["Russia", "Ukraine", "EU", "European", "United States", "US"],
                    evidence_hint="Name the countries and what the chart shows about them.")
    return (f"A labelled chart with {len(values)} values and a description of {len(alt_text.split())} words. "
            "Read your description aloud without looking at the chart: does it say what the chart means?")
