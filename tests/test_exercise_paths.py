"""Checks lead somewhere: from a novice's first attempt, following the hints reaches ✓.

For every check (coding and no-code), at least two different first attempts a novice would make.
Each path is a list of steps: the first attempt, then answers made by doing what the previous hint
says (the test asserts that the hint says it: a fragment of each hint is part of the path). A path
reaches ✓ in at most three steps after the first attempt. Check 1.3's path builds each next answer
from the regular expression printed in the hint itself, so a hint that leads to a wrong count fails.
"""
from __future__ import annotations

import re

import matplotlib
import nbformat
import pytest

matplotlib.use("Agg")

from exercise_support import border_lengths
from test_exercises import EXERCISES, answers_from, solution_ns_for  # noqa: E402  (tests/ is on sys.path)

from crisis_course.exercises import check  # noqa: E402
from crisis_course.exercises.feedback import CORRECT, INCORRECT, NOT_ATTEMPTED  # noqa: E402

MAX_STEPS = 3


def _sol(task_id):
    """The solution's own answers to a task (what the worked solution passes to the check)."""
    return lambda ns: answers_from(task_id)


def one(value_fn):
    return lambda ns: ([value_fn(ns)], {})


def _kw(task_id):
    return answers_from(task_id)[1]


def _regex_from_hint(hint: str) -> str:
    m = re.search(r're\.findall\(r"(.+?)", text\)', hint)
    assert m, f"the hint gives no pattern to apply: {hint}"
    return m.group(1)


def _apply_13(hint, key, other):
    """Task 1.3: count with the pattern the hint prints, keep the other count."""
    from crisis_course import article

    n = len(re.findall(_regex_from_hint(hint), article.text()))
    return {key: n, **other}


def _fig(values, title=True, label=True, years=None):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.step(years if years is not None else range(len(values)), values, where="post")
    if title:
        ax.set_title("NATO members, 1949-2021")
    if label:
        ax.set_ylabel("members")
    return fig


def _eu_fig():
    from crisis_course.exercises import lesson6

    s = lesson6.expected_eu_share()
    fig = _fig(list(s.values), years=list(s.index))
    fig.axes[0].set_title("EU27: share of gas imports from Russia")
    fig.axes[0].set_ylabel("%")
    return fig


def _members_by_year(as_of="2021-12-07"):
    from crisis_course import data

    return data.nato_members(as_of=as_of).groupby("year_joined").size().cumsum()


_border = border_lengths


def _gas():
    from crisis_course import data

    return data.gas_imports()


SHARE = "share_of_gas_imports_from_russia_pct"
#: A step on an untouched text blank: "not attempted", and the hint says where to type.
BLANK = "BLANK:between the quotation marks after"
SENTENCE = "Because it is a complicated situation and many things matter at the same time for everyone."
VAGUE = " ".join(["This is an answer that talks in general about things without naming any."] * 6)


def _paths():
    import pandas as pd

    from crisis_course import bargaining, data

    g = _gas()
    y20 = g[g["year"] == 2020]
    eu_rows = g[g["iso_a3"] == "EU27_2020"]
    return {
        # ------------------------------------------------------------------ lesson 1
        "1.1": [
            [(one(lambda ns: ns["counts"].sum(axis=1)), "counts.sum()"),
             (one(lambda ns: ns["counts"].sum()), "sort_values(ascending=False)"),
             (one(lambda ns: ns["counts"].sum().sort_values(ascending=False)), None)],
            [(one(lambda ns: ns["counts"]), "counts.sum()"),
             (one(lambda ns: ns["counts"].sum()), "sort_values(ascending=False)"),
             (one(lambda ns: ns["counts"].sum().sort_values(ascending=False)), None)],
        ],
        "1.2": [
            [(lambda ns: ([4, ["Samorukov"]], {}), "count pairs"), (lambda ns: ([2, ["Samorukov"]], {}), None)],
            [(lambda ns: ([2, ["Maxim Samorukov", "Samorukov"]], {}), "Count people"),
             (lambda ns: ([2, ["Maxim Samorukov"]], {}), None)],
            [(lambda ns: ([2, ["Samorukov", "Putin"]], {}), "Only count words inside quotation marks"),
             (lambda ns: ([2, ["Samorukov"]], {}), None)],
        ],
        # 1.3: the next answer is computed with the pattern the hint prints
        "1.3": [
            [(one(lambda ns: {"Mr": 8, "Mr.": 1}), "HINT:Mr:Mr.=1"), (None, None)],
            [(one(lambda ns: {"Mr": 3, "Mr.": 1}), "HINT:Mr:Mr.=1"), (None, None)],
            [(one(lambda ns: {"Mr": 7, "Mr.": 8}), "HINT:Mr.:Mr=7"), (None, None)],
        ],
        "1.4": [
            [(one(lambda ns: {k: [i + 1 for i in v] for k, v in ns["artefact_paragraphs"].items()}), "from 0"),
             (one(lambda ns: ns["artefact_paragraphs"]), None)],
            [(one(lambda ns: {"Poutine": ns["artefact_paragraphs"]["Poutine"]}), "Add an entry"),
             (one(lambda ns: ns["artefact_paragraphs"]), None)],
        ],
        "1.5": [
            [(one(lambda ns: "It was translated."), "which evidence"),
             (one(lambda ns: VAGUE), "Poutine"),
             (one(lambda ns: VAGUE + " The French spelling 'Poutine' is the strongest sign."), None)],
            [(one(lambda ns: VAGUE), "Poutine"),
             (one(lambda ns: VAGUE + " The French spelling 'Poutine' is the strongest sign."), None)],
        ],
        # ------------------------------------------------------------------ lesson 2
        "2.1": [
            [(one(lambda ns: ns["events"].assign(when=ns["events"]["date_text"])), 'format="mixed"'),
             (one(lambda ns: ns["events"].assign(when=pd.to_datetime(ns["events"]["date_text"], format="mixed"))), None)],
            [(one(lambda ns: ns["events"].head(5).assign(when=pd.to_datetime(ns["events"]["date_text"].head(5), format="mixed"))),
              "do not filter"),
             (one(lambda ns: ns["events"].assign(when=pd.to_datetime(ns["events"]["date_text"], format="mixed"))), None)],
        ],
        "2.2": [
            [(one(lambda ns: ns["dated"].sort_values("date_text")), 'sort_values("when")'),
             (one(lambda ns: ns["dated"].sort_values("when")), None)],
            [(one(lambda ns: ns["dated"].sort_values("when", ascending=False)), "oldest first"),
             (one(lambda ns: ns["dated"].sort_values("when")), None)],
        ],
        "2.3": [
            [(one(lambda ns: 30), "365.25"), (one(lambda ns: _years_independent()), None)],
            [(one(lambda ns: _years_independent() * 365.25), "365.25"), (one(lambda ns: _years_independent()), None)],
            [(one(lambda ns: -_years_independent()), "Later date minus earlier"), (one(lambda ns: _years_independent()), None)],
        ],
        "2.4": [
            [(one(lambda ns: ns["all_events"]), "between 5 and 12"), (one(lambda ns: ns["my_events"]), None)],
            [(one(lambda ns: ns["my_events"].iloc[::-1]), "sort_values"),
             (one(lambda ns: ns["my_events"].iloc[::-1].sort_values("when")), None)],
        ],
        # ------------------------------------------------------------------ lesson 3
        "3.1": [
            [(one(lambda ns: ns["members_2021"].groupby("year_joined").size()), ".cumsum()"),
             (one(lambda ns: ns["members_2021"].groupby("year_joined").size().cumsum()), None)],
            [(one(lambda ns: data.nato_members().groupby("year_joined").size().cumsum()), 'as_of="2021-12-07"'),
             (one(lambda ns: _members_by_year()), None)],
        ],
        "3.2": [
            [(one(lambda ns: _fig(list(_members_by_year()), title=False, label=False)), "set_title"),
             (one(lambda ns: _fig(list(_members_by_year()), label=False)), "set_ylabel"),
             (one(lambda ns: _fig(list(_members_by_year()))), None)],
            [(one(lambda ns: _fig(list(_members_by_year().diff().fillna(12)))), "running total"),
             (one(lambda ns: _fig(list(_members_by_year()))), None)],
        ],
        "3.3": [
            [(one(lambda ns: ns["neighbours"] + ["Finland"]), 'as_of="2021-12-07"'), (one(lambda ns: ns["neighbours"]), None)],
            [(one(lambda ns: [n for n in ns["neighbours"] if n not in ("Poland", "Lithuania")]), "Kaliningrad"),
             (one(lambda ns: ns["neighbours"]), None)],
            [(one(lambda ns: ns["neighbours"] + ["United States"]), "land borders"), (one(lambda ns: ns["neighbours"]), None)],
        ],
        "3.4": [
            [(one(lambda ns: _border(ns)), 'to_crs("EPSG:3035")'),
             (one(lambda ns: _border(ns, "EPSG:3035")), "Divide by 1000"),
             (one(lambda ns: _border(ns, "EPSG:3035", 1 / 1000)), None)],
            [(one(lambda ns: _border(ns, "EPSG:3857", 1 / 1000)), "EPSG:3035"),
             (one(lambda ns: _border(ns, "EPSG:3035", 1 / 1000)), None)],
        ],
        # ------------------------------------------------------------------ lesson 4
        "4.1": [
            [(lambda ns: ([ns["only_white_house"], ns["only_kremlin"]], {}), "`only_kremlin`: the Kremlin column"),
             (_sol("4.1"), None)],
            [(lambda ns: ([ns["only_kremlin"][:-1], ns["only_white_house"]], {}), "White House == 'not mentioned'"),
             (lambda ns: ([_one_sided()[0], ns["only_white_house"]], {}), None)],
        ],
        "4.2": [
            [(one(lambda ns: 175000), 'measure_type == "deployed_now"'), (one(lambda ns: _autumn(deployed=True)), None)],
            [(one(lambda ns: 110000), 'period == "autumn"'),
             (one(lambda ns: _autumn(deployed=False)), 'measure_type == "deployed_now"'),
             (one(lambda ns: _autumn(deployed=True)), None)],
        ],
        "4.3": [
            [(one(lambda ns: ns["combined"].sort_values("what")), 'sort_values("when")'),
             (one(lambda ns: ns["combined"].sort_values("what").sort_values("when")), None)],
            [(one(lambda ns: ns["combined"].iloc[:5]), "pd.concat"), (_sol("4.3"), None)],
        ],
        "4.4": [
            [(one(lambda ns: "The Kremlin and the White House differ."), "which evidence"), (_sol("4.4"), None)],
            [(one(lambda ns: VAGUE), "Refer to the readouts"),
             (one(lambda ns: VAGUE + " The Kremlin readout mentions NATO; the White House readout does not."), None)],
        ],
        # ------------------------------------------------------------------ lesson 5
        "5.1": [
            [(one(lambda ns: ns["gdp_2020"] * 1e9), "Divide by 1e9"), (one(lambda ns: ns["gdp_2020"]), None)],
            [(one(lambda ns: ns["gdp_2020"].sort_values()), "ascending=False"),
             (one(lambda ns: ns["gdp_2020"].sort_values().sort_values(ascending=False)), None)],
        ],
        "5.2": [
            [(lambda ns: ([1 / ns["eu_vs_russia"], ns["us_vs_russia"]], {}), "other GDP / Russia's GDP"), (_sol("5.2"), None)],
            [(lambda ns: ([_pop_ratio("EUU"), ns["us_vs_russia"]], {}), "gdp_current_usd"), (_sol("5.2"), None)],
        ],
        "5.3": [
            [(one(lambda ns: -ns["russia_gdp_change_pct"]), "negative when the value falls"), (_sol("5.3"), None)],
            [(one(lambda ns: ns["russia_gdp_change_pct"] / 100), "Multiply by 100"), (_sol("5.3"), None)],
        ],
        "5.4": [
            [(lambda ns: ([_fig([1, 2, 3], title=False), ns["alt_text"]], {}), "set_title"),
             (lambda ns: ([_fig([1, 2, 3]), ns["alt_text"]], {}), None)],
            [(lambda ns: ([_fig([1, 2, 3]), "A bar chart."], {}), "Say what you conclude"),
             (lambda ns: ([_fig([1, 2, 3]), ns["alt_text"]], {}), None)],
        ],
        # ------------------------------------------------------------------ lesson 6
        "6.1": [
            [(one(lambda ns: ns["reporters"].sort_values(SHARE)[["country", SHARE]].head(10)), "ascending=False"),
             (one(lambda ns: ns["reporters"].sort_values(SHARE, ascending=False)[["country", SHARE]].head(10)), None)],
            [(one(lambda ns: y20.sort_values(SHARE, ascending=False)[["country", SHARE]].head(10)
                  .pipe(lambda d: pd.concat([y20[y20["iso_a3"] == "EU27_2020"][d.columns], d]).head(10))), "is_aggregate"),
             (one(lambda ns: y20[~y20["is_aggregate"]].sort_values(SHARE, ascending=False)[["country", SHARE]].head(10)),
              None)],
        ],
        "6.2": [
            [(lambda ns: ([eu_rows[SHARE], _eu_fig()], {}), 'set_index("year")'),
             (lambda ns: ([eu_rows.set_index("year")[SHARE], _eu_fig()], {}), None)],
            [(lambda ns: ([eu_rows[eu_rows["year"] == 2020].set_index("year")[SHARE], _eu_fig()], {}), "every year"),
             (lambda ns: ([eu_rows.set_index("year")[SHARE], _eu_fig()], {}), None)],
            [(lambda ns: ([g[g["iso_a3"] == "EU28"].set_index("year")[SHARE], _eu_fig()], {}), 'iso_a3 == "EU27_2020"'),
             (lambda ns: ([eu_rows.set_index("year")[SHARE], _eu_fig()], {}), None)],
        ],
        "6.3": [
            [(one(lambda ns: ns["reporters"][["iso_a3", SHARE]]), "rename"),
             (one(lambda ns: ns["reporters"][["iso_a3", SHARE]].rename(columns={SHARE: "share_pct"})), None)],
            [(one(lambda ns: ns["map_table"].sort_values("share_pct", ascending=False).head(10)), "every reporter"),
             (_sol("6.3"), None)],
        ],
        "6.4": [
            [(one(lambda ns: ns["eu_2020"]["gas_imports_from_russia_twh"].iloc[0]), "lng_imports_from_russia_tj / 3600"),
             (one(lambda ns: ns["eu_2020"]["gas_imports_from_russia_twh"].iloc[0]
                  - ns["eu_2020"]["lng_imports_from_russia_tj"].iloc[0] / 3600), None)],
            [(one(lambda ns: ns["russian_pipeline_twh"] * 3600), "Divide by 3600"),
             (one(lambda ns: ns["russian_pipeline_twh"] * 3600 / 3600), None)],
        ],
        "6.5": [
            [(lambda ns: ([ns["russian_pipeline_twh"] * ns["TWH_PER_BCM"], ns["cargoes_per_year"], ns["cargoes_per_day"]],
                          _kw("6.5")), "TWh / TWH_PER_BCM"), (_sol("6.5"), None)],
            [(lambda ns: ([ns["pipeline_bcm"], ns["cargoes_per_year"], ns["cargoes_per_year"] / 12], _kw("6.5")),
              "Divide by 365"),
             (lambda ns: ([ns["pipeline_bcm"], ns["cargoes_per_year"], ns["cargoes_per_year"] / 365], _kw("6.5")), None)],
        ],
        "6.6": [
            [(lambda ns: ([ns["eu_lng_bcm"], ns["REGAS_CAPACITY_BCM"], ns["shortfall_bcm"]], _kw("6.6")),
              "REGAS_CAPACITY_BCM - eu_lng_bcm"),
             (lambda ns: ([ns["eu_lng_bcm"], ns["REGAS_CAPACITY_BCM"] - ns["eu_lng_bcm"], ns["shortfall_bcm"]], _kw("6.6")), None)],
            [(lambda ns: ([ns["eu_lng_bcm"], ns["spare_regas_bcm"], -ns["shortfall_bcm"]], _kw("6.6")),
              "pipeline_bcm - spare_regas_bcm"),
             (lambda ns: ([ns["eu_lng_bcm"], ns["spare_regas_bcm"], ns["pipeline_bcm"] - ns["spare_regas_bcm"]], _kw("6.6")), None)],
        ],
        "6.7": [
            [(one(lambda ns: "More ships."), "which evidence"), (_sol("6.7"), None)],
            [(one(lambda ns: VAGUE), "Name a concrete limit"),
             (one(lambda ns: VAGUE + " Most LNG terminals are in Spain, far from Germany, and Asia bids for the same supply."), None)],
        ],
        # ------------------------------------------------------------------ lesson 7
        "7.1": [
            [(lambda ns: ([ns["range_high"], ns["range_low"]], {"settings": ns["SETTINGS"]}), "p - cost_challenger"),
             (_sol("7.1"), None)],
            [(lambda ns: ([ns["range_low"], 1 - ns["SETTINGS"]["p"] - ns["SETTINGS"]["cost_defender"]], {"settings": ns["SETTINGS"]}),
              "x <= p + cost_defender"),
             (lambda ns: ([ns["range_low"], ns["SETTINGS"]["p"] + ns["SETTINGS"]["cost_defender"]], {"settings": ns["SETTINGS"]}), None)],
        ],
        "7.2": [
            [(lambda ns: ([{q: bargaining.analyse(**ns["SETTINGS"], credibility=q) for q in ns["CREDIBILITIES"]}], _kw("7.2")),
              "`.outcome`"),
             (lambda ns: ([{q: bargaining.analyse(**ns["SETTINGS"], credibility=q).outcome for q in ns["CREDIBILITIES"]}],
                          _kw("7.2")), None)],
            [(lambda ns: ([{q: "deal" for q in ns["CREDIBILITIES"]}], _kw("7.2")), "bargaining.analyse(**SETTINGS, credibility=q)"),
             (lambda ns: ([{q: bargaining.analyse(**ns["SETTINGS"], credibility=q).outcome for q in ns["CREDIBILITIES"]}],
                          _kw("7.2")), None)],
        ],
        "7.3": [
            [(lambda ns: ([0.5], _kw("7.3")), "stop at the first"),
             (lambda ns: ([_first_deal(ns)], _kw("7.3")), None)],
            [(lambda ns: ([23], _kw("7.3")), "0.25, not 25"), (lambda ns: ([0.23], _kw("7.3")), None)],
        ],
        "7.4": [
            [(lambda ns: ([{"p": 0.5}, ns["my_reason"]], {}), "Give all five"), (_sol("7.4"), None)],
            [(lambda ns: ([ns["my_scenario"], "Because."], {}), "Say what you conclude"), (_sol("7.4"), None)],
        ],
        # ------------------------------------------------------------- no-code track
        "1.a": [[(one(lambda ns: "Putin"), "speaker"), (one(lambda ns: "Samorukov"), None)],
                [(one(lambda ns: "Carnegie"), "speaker"), (one(lambda ns: "Maxim Samorukov"), None)],
                # text blanks (issue 12): the untouched "" and the tryout's "..." say where to type
                [(one(lambda ns: ""), BLANK), (one(lambda ns: "Samorukov"), None)],
                [(one(lambda ns: "..."), BLANK), (one(lambda ns: "...Samorukov"), None)]],
        "1.b": [[(one(lambda ns: "A"), "'ou'"), (one(lambda ns: "B"), None)],
                [(one(lambda ns: "C"), "French"), (one(lambda ns: "B"), None)]],
        "2.a": [[(one(lambda ns: "20 years"), None)],
                [(one(lambda ns: ""), BLANK), (one(lambda ns: "1991"), "Budapest Memorandum"), (one(lambda ns: "19"), None)],
                [(one(lambda ns: "twenty"), "digits"), (one(lambda ns: "2014 - 1994 = 20"), "digits"), (one(lambda ns: " 20 "), None)],
                [(one(lambda ns: 2014 - 1991), "Budapest Memorandum"), (one(lambda ns: 2014 - 1994), None)],
                [(one(lambda ns: 1994 - 2014), "2014 - 1994"), (one(lambda ns: 2014 - 1994), None)]],
        "2.b": [[(one(lambda ns: "B"), "smallest character"), (one(lambda ns: "A"), None)],
                [(one(lambda ns: "D"), "'1', '2' or '5'"), (one(lambda ns: "A"), None)]],
        "3.a": [[(one(lambda ns: 30), '"1997-05-27"'), (one(lambda ns: len(data.nato_members(as_of="1997-05-27"))), None)],
                [(one(lambda ns: 14), '"1997-05-27"'), (one(lambda ns: len(data.nato_members(as_of="1997-05-27"))), None)]],
        "3.b": [[(one(lambda ns: "A"), "'yes' in the NATO member column"), (one(lambda ns: "B"), None)],
                [(one(lambda ns: "Sweden"), "is in the table"), (one(lambda ns: "Norway"), None)],
                [(one(lambda ns: "C"), "'yes' in the NATO member column"), (one(lambda ns: "B"), None)]],
        "4.a": [[(one(lambda ns: "A"), "White House column says 'not mentioned'"), (one(lambda ns: "B"), None)],
                [(one(lambda ns: "D"), "White House column says 'not mentioned'"), (one(lambda ns: "B"), None)]],
        "4.b": [[(one(lambda ns: "175,000"), "deployed_now"), (one(lambda ns: f"{_autumn(deployed=True):,}"), None)],
                [(one(lambda ns: (175, 0)), "deployed_now"), (one(lambda ns: f"{_autumn(deployed=True):,} troops".replace(",", " ")), None)],
                [(one(lambda ns: 175000), "deployed_now"), (one(lambda ns: _autumn(deployed=True)), None)],
                [(one(lambda ns: 110000), "autumn"), (one(lambda ns: _autumn(deployed=False)), "deployed_now"),
                 (one(lambda ns: _autumn(deployed=True)), None)]],
        "5.a": [[(one(lambda ns: f"{100 * ns['eu_times_russia']:.0f}%"), "how many times"), (one(lambda ns: f"{ns['eu_times_russia']:.1f}".replace(".", ",") + " times"), None)],
                [(one(lambda ns: 1 / ns["eu_times_russia"]), "EU GDP / Russia GDP"), (one(lambda ns: ns["eu_times_russia"]), None)],
                [(one(lambda ns: _pop_ratio("EUU")), "GDP column"), (one(lambda ns: round(ns["eu_times_russia"], 1)), None)]],
        "5.b": [[(one(lambda ns: "A"), "what else happened"), (one(lambda ns: "B"), None)],
                [(one(lambda ns: "D"), "more than one cause"), (one(lambda ns: "B"), None)]],
        "6.a": [[(one(lambda ns: "A"), "share_of_consumption_pct"), (one(lambda ns: "B"), None)],
                [(one(lambda ns: "C"), "which one did the friend copy"), (one(lambda ns: "B"), None)],
                [(one(lambda ns: "D"), "which one did the friend copy"), (one(lambda ns: "B"), None)]],
        "6.b": [[(one(lambda ns: "down"), "year_shown = 2015"), (one(lambda ns: _direction()), None)],
                [(one(lambda ns: "it went up and down"), 'eu_share_went = "up"'), (one(lambda ns: _direction()), None)],
                [(one(lambda ns: ""), BLANK), (one(lambda ns: "..." + _direction()), None)],
                [(one(lambda ns: " ... "), BLANK), (one(lambda ns: f" {_direction()} "), None)]],
        "6.c": [[(one(lambda ns: round(_cargoes(0.1), 1)), "BCM_PER_CARGO = 0.07"),
                 (one(lambda ns: round(_cargoes(0.07), 1)), None)],
                [(one(lambda ns: round(_cargoes(0.07) * 365)), "cargoes a day"),
                 (one(lambda ns: round(_cargoes(0.07), 1)), None)],
                # typed as people write: a decimal comma, a unit word (issue 12, round 2)
                [(one(lambda ns: f"{_cargoes(0.1):.1f}".replace(".", ",")), "BCM_PER_CARGO = 0.07"),
                 (one(lambda ns: f"{_cargoes(0.07):.1f}".replace(".", ",") + " cargoes"), None)],
                [(one(lambda ns: ""), BLANK), (one(lambda ns: f"about {_cargoes(0.07):.1f}"), None)]],
        "6.d": [[(one(lambda ns: "B"), "changed"), (one(lambda ns: "A"), None)],
                [(one(lambda ns: "D"), "before and after"), (one(lambda ns: "A"), None)]],
        "7.a": [[(one(lambda ns: _outcome(0.2).replace("_", " ").upper()), None)],
                [(one(lambda ns: "deal"), "credibility = 0.2"), (one(lambda ns: _outcome(0.2).replace("_", "-")), None)],
                [(one(lambda ns: "deal"), "credibility = 0.2"), (one(lambda ns: _outcome(0.2)), None)],
                [(one(lambda ns: "peace"), "credibility = 0.2"), (one(lambda ns: _outcome(0.2)), None)],
                [(one(lambda ns: ""), BLANK), (one(lambda ns: _outcome(0.2)), None)],
                [(one(lambda ns: "…"), BLANK), (one(lambda ns: _outcome(0.2) + "..."), None)]],
        "5.c": [[(one(lambda ns: "Gas."), "which evidence"), (_sol("5.c"), None)],
                [(one(lambda ns: SENTENCE), "what sanctions could cost Europe"),
                 (one(lambda ns: SENTENCE + " Europe imported gas from Russia."), None)],
                [(one(lambda ns: ""), BLANK), (one(lambda ns: "Gas."), "which evidence"), (_sol("5.c"), None)],
                [(one(lambda ns: "..."), BLANK), (one(lambda ns: "..." + _sol("5.c")(ns)[0][0]), None)]],
        "7.c": [[(one(lambda ns: "Belief."), "which evidence"), (_sol("7.c"), None)],
                [(one(lambda ns: SENTENCE), "believes"),
                 (one(lambda ns: SENTENCE + " The defender believes the threat less."), None)],
                [(one(lambda ns: ""), BLANK), (one(lambda ns: "Belief."), "which evidence"), (_sol("7.c"), None)],
                [(one(lambda ns: "..."), BLANK), (one(lambda ns: _sol("7.c")(ns)[0][0] + "..."), None)]],
        "7.b": [[(one(lambda ns: "0,8"), "Subtract"), (one(lambda ns: "0,4"), None)],
                [(one(lambda ns: "40%"), "Write 0.40"), (one(lambda ns: "0.40"), None)],
                [(one(lambda ns: 0.8), "Subtract"), (one(lambda ns: 0.6 - 0.2), None)],
                [(one(lambda ns: 40), "Write 0.40"), (one(lambda ns: 0.40), None)]],
    }


def _cargoes(bcm_per_cargo):
    from crisis_course.exercises import lesson6

    return lesson6.expected_lng_arithmetic(10.8, bcm_per_cargo, 160.0)["cargoes_per_day"]


def _years_independent():
    import pandas as pd

    from crisis_course.exercises import lesson2

    e = lesson2.expected_events()
    start = e.loc[e["event"].str.contains("declares independence"), "when"].iloc[0]
    return (pd.Timestamp("2021-12-07") - start).days / 365.25


def _one_sided():
    from crisis_course.exercises import lesson4

    return lesson4.expected_one_sided_topics()


def _autumn(deployed: bool):
    from crisis_course import readouts

    t = readouts.troop_estimates(unit="troops")
    t = t[t["period"] == "autumn"]
    if deployed:
        t = t[t["measure_type"] == "deployed_now"]
    return int(t["estimate"].max())


def _pop_ratio(code):
    from crisis_course import data

    p = data.population_gdp()
    p = p[p["year"] == 2020].set_index("iso_a3")["population"]
    return p[code] / p["RUS"]


def _first_deal(ns):
    from crisis_course import bargaining

    for i in range(101):
        q = i / 100
        if bargaining.analyse(**ns["SETTINGS"], credibility=q).outcome == bargaining.DEAL:
            return q
    return None


def _direction():
    from crisis_course.exercises import lesson6

    s = lesson6.expected_eu_share()
    return "up" if s[2020] > s[2015] else "down"


def _outcome(q):
    from crisis_course import bargaining

    return bargaining.analyse(**{**bargaining.DEFAULTS, "credibility": q}).outcome


PATHS = _paths()
CASES = [(tid, i) for tid in sorted(PATHS) for i in range(len(PATHS[tid]))]


def _tasks_in_exercises() -> set[str]:
    ids = set()
    for path in sorted(EXERCISES.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            m = re.match(r"^check\.task_(\d+)_([0-9a-z]+)\(", cell.source.strip())
            if cell.cell_type == "code" and m:
                ids.add(f"{m.group(1)}.{m.group(2)}")
    return ids


def test_every_task_in_every_exercise_has_two_paths():
    in_notebooks = _tasks_in_exercises()
    assert in_notebooks == set(check.TASKS)
    for tid in in_notebooks:
        paths = PATHS.get(tid, [])
        assert len(paths) >= 2, f"task {tid}: {len(paths)} path(s)"
        assert all(len(p) - 1 <= MAX_STEPS for p in paths), tid


@pytest.mark.parametrize("task_id,index", CASES, ids=[f"{t}-path{i + 1}" for t, i in CASES])
def test_following_the_hints_reaches_correct(task_id, index):
    import matplotlib.pyplot as plt

    ns = solution_ns_for(task_id)
    fn = check.TASKS[task_id]
    path = PATHS[task_id][index]
    assert len(path) - 1 <= MAX_STEPS
    answer = None
    trail = []
    for step, (make, follow) in enumerate(path):
        if make is not None:
            args, kwargs = make(ns)
        else:
            args, kwargs = [answer], {}
        fb = fn(*args, **kwargs)
        trail.append(fb.text())
        if follow is None:
            assert fb.status == CORRECT, "\n".join(trail)
            break
        if follow.startswith("BLANK:"):   # an untouched text blank: not attempted, and says what to do
            assert fb.status == NOT_ATTEMPTED, "\n".join(trail)
            assert follow[len("BLANK:"):] in fb.hint and "is still empty" in fb.message, "\n".join(trail)
            continue
        assert fb.status == INCORRECT, "\n".join(trail)
        assert fb.hint, "\n".join(trail)
        if follow.startswith("HINT:"):   # task 1.3: apply the printed pattern
            _, key, other = follow.split(":")
            other_key, other_value = other.split("=")
            answer = _apply_13(fb.hint, key, {other_key: int(other_value)})
        else:
            assert follow.lower() in (fb.hint + " " + fb.message).lower(), \
                f"step {step}: the hint does not say {follow!r}:\n" + "\n".join(trail)
    else:
        pytest.fail("path did not end in a correct answer")
    plt.close("all")


def test_hint_13_counts_mr_without_mr_dot():
    """The issue's case: following check 1.3's hint must not count 'Mr' and 'Mr.' together."""
    from crisis_course import article
    from crisis_course.exercises import lesson1

    fb = check.task_1_3({"Mr": 3, "Mr.": 1})
    n = len(re.findall(_regex_from_hint(fb.hint), article.text()))
    assert n == lesson1.expected_honorifics()["Mr"]
    assert n != sum(lesson1.expected_honorifics().values())


def test_hint_62_names_row_numbers():
    g = _gas()
    fb = check.task_6_2(g[g["iso_a3"] == "EU27_2020"][SHARE], _eu_fig())
    assert fb.status == INCORRECT and "row numbers" in fb.message and 'set_index("year")' in fb.hint
    assert "do not filter by year" not in fb.hint


# ------------------------------------------------- issue 12: what the tryout found ----

def _placeholder_lines(nb) -> list[str]:
    return [line.strip() for cell in nb.cells if cell.cell_type == "code" for line in cell.source.splitlines()]


def test_every_text_blank_is_prefilled_with_quotation_marks():
    """Every no-code blank, numbers and sentences too (issue 12, round 2), is pre-filled with quotation
    marks in the exercise (`name = ""`, or `name = \"\"\"` for a sentence) and named in its check's
    `text=`, so typing `20 years`, `175,000` or `0,07` is never a Python error, and an empty blank says
    to type between the quotation marks."""
    found, numbers = set(), set()
    for path in sorted(EXERCISES.glob("*.ipynb")):
        lines = _placeholder_lines(nbformat.read(path, as_version=4))
        for tid, fn in check.TASKS.items():
            if not re.match(r"^\d+\.[a-z]$", tid):
                continue
            for name in fn.answer_names:
                if any(line.startswith(f"{name} = ") for line in lines) and name != "my_choice":
                    assert name in fn.text_blanks, (tid, name)
                    found.add(tid)
                    args, _ = answers_from(tid)
                    if not isinstance(args[fn.answer_names.index(name)], str):
                        numbers.add(tid)
                    assert any(re.match(rf'^{name} = ""  # type .*between the quotation marks', line)
                               or line == f'{name} = """' for line in lines), (path.name, name)
                    assert not any(line.startswith(f"{name} = ...") for line in lines), (path.name, name)
                    for empty in ("", "   ", '\n\n'):
                        fb = fn(empty)
                        assert fb.status == NOT_ATTEMPTED and f"`{name} =`" in fb.hint, fb.text()
    assert found == {"1.a", "2.a", "3.a", "4.b", "5.a", "5.c", "6.b", "6.c", "7.a", "7.b", "7.c"}
    assert numbers == {"2.a", "3.a", "4.b", "5.a", "6.c", "7.b"}


def test_number_blanks_read_numbers_as_people_write_them():
    """Issue 12, round 2: thousands separators, a decimal comma, %, a unit word; a plain message otherwise,
    and never a programming term in the no-code track."""
    from crisis_course.exercises.feedback import Wrong, read_number

    for typed, want in [("20 years", 20), ("175,000", 175000), ("175 000", 175000), ("0,07", 0.07),
                        ("1030%", 1030), ("about 10.4 times", 10.4), ("140 bcm", 140), ((175, 0), 175000),
                        (" 0.4 ", 0.4), ("-3", -3), (12, 12), ('"94,300"', 94300)]:
        assert read_number(typed) == pytest.approx(want), typed
    jargon = re.compile(r"tuple|iloc|float|dtype|Series|DataFrame|NaN|Python", re.I)
    for typed in ["war", "twenty", "", (0, 2), "1 2 3"]:
        with pytest.raises(Wrong) as err:
            read_number(typed, "`x`")
        assert not jargon.search(err.value.message + err.value.hint), typed
    for tid in ["2.a", "3.a", "4.b", "5.a", "6.c", "7.b"]:
        for typed in ["war", "(175, 0)", "0,2,3", "1e999", "-"]:
            fb = check.TASKS[tid](typed)
            assert fb.status == INCORRECT and not jargon.search(fb.message + fb.hint), (tid, typed, fb.text())


def test_change_a_value_cells_take_a_quoted_or_comma_number():
    """6.b with a quoted year printed a 25-line pandas error; 6.c and 7.a take "0,07" / "0,2" too."""
    import contextlib
    import io

    from crisis_course.exercises import lesson6, lesson7

    def out(fn, *a):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            fn(*a)
        return buf.getvalue()

    assert out(lesson6.show_eu_share, "2015") == out(lesson6.show_eu_share, 2015)
    assert "% of gas imports came from Russia" in out(lesson6.show_eu_share, 2015)
    assert "Type a year from" in out(lesson6.show_eu_share, "1066")
    assert out(lesson6.show_lng_cargoes, "0,07") == out(lesson6.show_lng_cargoes, 0.07)
    assert f"cargoes a day: {_cargoes(0.07):.1f}" in out(lesson6.show_lng_cargoes, 0.07)
    assert out(lesson7.show_outcome, "0,2") == out(lesson7.show_outcome, 0.2)
    assert f"outcome: {_outcome(0.2)}" in out(lesson7.show_outcome, 0.2)
    assert "between 0 and 1" in out(lesson7.show_outcome, 2)


def test_text_blank_keeps_what_was_typed_inside_the_dots():
    assert check.task_1_a('..."Samorukov"').status == INCORRECT   # quotation marks typed inside: not a surname
    assert check.task_1_a("... Samorukov ...").correct
    assert check.task_5_c("... Europe bought its gas from Russia, so sanctions could raise its own energy "
                          "prices in winter ...").correct


def test_choice_options_are_short_plain_text():
    """A radio button's label shows no Markdown and long labels overlap (6.a's option B did both)."""
    from crisis_course.exercises import nocode

    for tid in nocode.CHOICE_TASKS:
        for option in nocode.options_for(tid):
            assert len(option) <= 70, (tid, option)
            assert not re.search(r"[*_`#]|\[|\]", option), (tid, option)


def test_hint_6a_names_what_the_student_sees():
    """The object under task 6.a is a dict printed in curly brackets, not a table: the hints say so."""
    for letter in "ACD":
        fb = check.task_6_a(letter)
        assert fb.status == INCORRECT and "table" not in (fb.message + fb.hint).lower()
        assert "share_of_member_imports_pct" in fb.hint and "share_of_consumption_pct" in fb.hint
    assert "curly brackets" in check.task_6_a("A").hint


def test_3b_shows_russias_neighbours_before_the_choice():
    """Task 3.b can be answered from the notebook: a table of Russia's land neighbours and membership."""
    from crisis_course.exercises import lesson3

    table = lesson3.russia_neighbours_table()
    member = dict(zip(table["country"], table.iloc[:, 1]))
    assert {c for c, m in member.items() if m.startswith("yes")} == {"Estonia", "Latvia", "Lithuania", "Norway",
                                                                      "Poland"}
    assert member["Finland"] == "no" and member["Belarus"] == "no" and "Sweden" not in member
    assert member["Norway"] == "yes, since 1949"
    nb = nbformat.read(EXERCISES / "03_nato_exercise.ipynb", as_version=4)
    sources = [c.source for c in nb.cells]
    table_at = next(i for i, src in enumerate(sources) if "russia_neighbours_table()" in src)
    choice_at = next(i for i, src in enumerate(sources) if 'choose("3.b")' in src)
    assert table_at < choice_at and "Task 3.b" in sources[table_at - 1]


# ------------------------------------------------------------ the choice widget ----

def test_choose_widget_checks_on_click_and_has_a_static_fallback():
    from crisis_course.exercises import nocode

    choice = nocode.choose("3.b")
    assert choice.options == nocode.options_for("3.b") and choice.value is ...
    assert check.task_3_b(choice).status == "not_attempted"
    assert "`...`" in check.task_3_b(choice).message
    bundle = choice._repr_mimebundle_()
    html = bundle["text/html"]
    for letter, option in zip("ABCD", choice.options):
        assert f"<strong>{letter}.</strong> {option}" in html
    assert 'my_choice = "B"' in bundle["text/plain"].replace("\\", "")
    assert "application/vnd.jupyter.widget-view+json" in bundle   # ipywidgets is installed here
    radio, button, out = choice._widget.children
    radio.value = radio.options[0]                  # the student picks A (Finland) ...
    assert choice.value == choice.options[0]
    assert check.task_3_b(choice).status == INCORRECT
    button.click()                                  # ... and presses Check: no exception, feedback shown
    radio.value = radio.options[1]
    assert check.task_3_b(choice).status == CORRECT
    # the letter typed by hand, and the option's text, are the same answer
    assert check.task_3_b("b").correct and check.task_3_b("B.").correct and check.task_3_b("Norway").correct
    assert check.task_3_b("E").status == INCORRECT and "one of A, B, C, D" in check.task_3_b("E").hint
    chosen = nocode.choose("3.b", value="B")            # as in the worked solution: shown as chosen
    assert chosen.value == "Norway" and "Norway <strong>(chosen)</strong>" in chosen._repr_mimebundle_()["text/html"]


def test_choose_saves_nothing_to_quiz_progress():
    """The no-code helpers never touch the quiz's saved progress (they import nothing from crisis_course.quiz)."""
    import inspect

    from crisis_course.exercises import nocode

    source = inspect.getsource(nocode)
    assert "crisis_course.quiz" not in source and "progress" not in source.replace("quiz progress", "")


def test_nocode_modules_stay_small_and_old_imports_work():
    """Issue 19: nocode.py was 698 lines; it is split by what the parts hold, and old names still work."""
    from pathlib import Path

    from crisis_course.exercises import choice_tasks, nocode, nocode_checks

    for module in (nocode, choice_tasks, nocode_checks):
        assert len(Path(module.__file__).read_text(encoding="utf-8").splitlines()) <= 600, module.__name__
    assert nocode.task_1_a is nocode_checks.task_1_a is check.task_1_a
    assert nocode.CHOICE_TASKS is choice_tasks.CHOICE_TASKS and nocode.FOUNDING_ACT == "1997-05-27"
    with pytest.raises(AttributeError):
        nocode.no_such_name  # noqa: B018


def test_no_code_numbers_follow_the_data(monkeypatch):
    """The numbers a no-code check expects are computed from the data at run time, not typed in."""
    from crisis_course import bargaining

    monkeypatch.setitem(bargaining.DEFAULTS, "p", 0.7)
    assert check.task_7_b(0.5).correct and not check.task_7_b(0.4).correct


@pytest.mark.browser
@pytest.mark.slow
def test_choice_widget_in_jupyterlab():
    """In a real JupyterLab (a copy of the course, every outside request blocked): the blank exercise
    runs, task 3.b shows radio buttons, and clicking an option and Check shows the check's feedback."""

    import browser_support as bs

    sync_api = bs.chromium_or_skip()
    with bs.LabServer(bs.temp_dir("browser-progress-")) as server, sync_api.sync_playwright() as p:
        browser = bs.launch(p)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        blocked = bs.block_outside(context, (server.url + "/",))
        page = context.new_page()
        try:
            bs.open_notebook(page, server, "exercises/03_nato_exercise.ipynb")
            bs.run_all(page)
            assert bs.error_outputs(page) == []
            panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"
            widget = page.locator(f"{panel} .widget-radio-box").first
            widget.scroll_into_view_if_needed()
            widget.get_by_text("A. Finland").click()
            box = widget.locator("xpath=ancestor::div[contains(@class,'widget-vbox')][1]")
            box.get_by_role("button", name="Check").click()
            box.locator(".crisis-check-incorrect").wait_for(timeout=30_000)
            assert "not a NATO member" in box.inner_text()
            widget.get_by_text("B. Norway").click()
            box.get_by_role("button", name="Check").click()
            box.locator(".crisis-check-correct").wait_for(timeout=30_000)
            bs.screenshot(page, "exercise-03-choice")
            assert blocked == []
        except Exception:
            bs.screenshot(page, "exercise-03-choice-FAILED")
            raise
        finally:
            bs.shutdown_kernels(page)
            context.close()
            browser.close()


def test_choice_check_button_updates_the_check_cell():
    """Issue 12, round 2: the widget's Check and the check cell showed two results, the check cell a stale
    'Not yet'. The check cell's feedback is now a display the Check button updates with the same result."""
    from crisis_course.exercises import nocode
    from crisis_course.exercises.feedback import Feedback, LiveFeedback

    pytest.importorskip("ipywidgets")

    class Handle:
        shown = None

        def update(self, obj):
            self.shown = obj

    choice = nocode.choose("3.b")
    first = check.task_3_b(choice)
    assert isinstance(first, LiveFeedback) and first.status == NOT_ATTEMPTED
    handle = Handle()
    for c in first._choices:
        c._register_check_output(handle)
    box = choice._build()
    radio, button = box.children[0], box.children[1]
    radio.value = radio.options[0]          # A. Finland: wrong
    button.click()
    assert isinstance(handle.shown, Feedback) and handle.shown.status == INCORRECT
    radio.value = radio.options[1]          # B. Norway: right
    button.click()
    assert handle.shown.status == CORRECT and check.task_3_b(choice).correct
    assert type(check.task_3_a(14)) is Feedback   # not a choice: an ordinary result
