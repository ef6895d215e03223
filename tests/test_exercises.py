"""The exercise track: exercises/ is generated from solutions/, the generator never overwrites a
student's notebook, and every check teaches (solution -> correct, blank exercise -> not attempted,
plausible wrong answers -> a message with a hint, wrong types -> feedback, never an exception).

The notebooks themselves are also executed by pytest-notebook (testpaths include exercises/ and
solutions/); here their code cells are run in-process so that the check results can be inspected.
"""
from __future__ import annotations

import ast
import functools
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from exercise_support import border_lengths

from crisis_course.exercises import check, generate
from crisis_course.exercises.feedback import CORRECT, INCORRECT, NOT_ATTEMPTED, Feedback, Wrong, task

REPO = Path(__file__).resolve().parents[1]
SOLUTIONS = REPO / "solutions"
EXERCISES = REPO / "exercises"
SOLUTION_FILES = sorted(SOLUTIONS.glob("*.ipynb"))
CHECK_CALL = re.compile(r"^check\.task_(\d+)_([0-9a-z]+)\(", re.M)  # 1_1 (coding) or 1_a (no-code)


# --------------------------------------------------------------------------- helpers ----

def run_cells(path: Path) -> tuple[dict, dict[str, Feedback]]:
    """Run a notebook's code cells in one namespace; return it and each check cell's Feedback."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    nb = nbformat.read(path, as_version=4)
    ns: dict = {"__name__": "__main__", "display": lambda *a, **k: None}
    results: dict[str, Feedback] = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        exec(compile(tree, f"{path.name}[{i}]", "exec"), ns)
        value = eval(compile(last, f"{path.name}[{i}]", "eval"), ns) if last is not None else None
        m = CHECK_CALL.match(cell.source.strip())
        if m and last is not None:
            results[f"{m.group(1)}.{m.group(2)}"] = value
    plt.close("all")
    del display
    return ns, results


@functools.cache
def solution_run(name: str):
    return run_cells(SOLUTIONS / name)


@functools.cache
def exercise_run(name: str):
    return run_cells(EXERCISES / name)


def _lng_bcm() -> float:
    from crisis_course.exercises import lesson6

    return lesson6.expected_lng_arithmetic(10.8, 0.1, 160.0)["pipeline_bcm"]


def solution_ns_for(task_id: str) -> dict:
    for path in SOLUTION_FILES:
        ns, results = solution_run(path.name)
        if task_id in results:
            return ns
    raise KeyError(task_id)


def answers_from(task_id: str) -> tuple[list, dict]:
    """The positional answers and keyword options the solution notebook passes to a check."""
    for path in SOLUTION_FILES:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            src = cell.source.strip()
            if cell.cell_type == "code" and src.startswith(f"check.task_{task_id.replace('.', '_')}("):
                ns, _ = solution_run(path.name)
                call = ast.parse(src).body[-1].value
                args = [eval(compile(ast.Expression(a), "<arg>", "eval"), ns) for a in call.args]
                kwargs = {k.arg: eval(compile(ast.Expression(k.value), "<kw>", "eval"), ns) for k in call.keywords}
                return args, kwargs
    raise KeyError(task_id)


# ------------------------------------------------------------------ the notebooks ----

def test_every_lesson_1_to_7_has_an_exercise_and_a_solution():
    lessons = {int(p.name[:2]) for p in SOLUTION_FILES}
    assert set(range(1, 8)) <= lessons
    assert sorted(p.name for p in EXERCISES.glob("*.ipynb")) == [p.name for p in SOLUTION_FILES]
    for p in SOLUTION_FILES:
        assert re.match(r"^\d\d_[a-z0-9_]+_exercise\.ipynb$", p.name), p.name


def test_exercises_are_what_the_command_writes(capsys):
    """exercises/ equals what `crisis-course exercises` writes from solutions/ (byte for byte)."""
    from crisis_course.cli import main

    code = main(["exercises", "--check", "--solutions-dir", str(SOLUTIONS), "--exercises-dir", str(EXERCISES)])
    out = capsys.readouterr().out
    assert code == 0, f"exercises/ is out of date; run 'crisis-course exercises':\n{out}"
    assert "up to date" in out
    for a in generate.plan(SOLUTIONS, EXERCISES):
        assert a.status == "unchanged", (a.name, a.status, a.detail)


def test_generation_is_deterministic():
    for path in SOLUTION_FILES:
        nb = nbformat.read(path, as_version=4)
        first = generate.render(generate.make_exercise(nb, path.name))
        second = generate.render(generate.make_exercise(nbformat.read(path, as_version=4), path.name))
        assert first == second
        assert first == (EXERCISES / path.name).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SOLUTION_FILES, ids=[p.stem for p in SOLUTION_FILES])
def test_notebook_conventions(path):
    sol = nbformat.read(path, as_version=4)
    ex = nbformat.read(EXERCISES / path.name, as_version=4)
    for nb in (sol, ex):
        assert nb.metadata["kernelspec"]["name"] == "python3"
        first = nb.cells[0].source
        assert re.match(rf"^# Exercise {int(path.name[:2])}: \S", first), first[:60]
        assert re.search(r"\*\*Time:\*\* \d+(-\d+)? minutes", first)   # in full: test_every_exercise_states_...
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert "## What you practise" in text and "## Sources" in text
        assert all(c.get("id") for c in nb.cells)
    # every task: a heading "## Task N.M: ...", a code cell, then the check cell
    headings = re.findall(r"^## Task (\d+)\.([0-9a-z]+): .+$", "\n".join(c.source for c in sol.cells), re.M)
    checks = [c.source.strip() for c in sol.cells if c.cell_type == "code" and CHECK_CALL.match(c.source.strip())]
    assert headings and len(headings) == len(checks)
    for (n, m), call in zip(headings, checks):
        assert call.startswith(f"check.task_{n}_{m}(")
    # solutions have marked blocks and key results; exercises have neither
    sol_code = "\n".join(c.source for c in sol.cells if c.cell_type == "code")
    ex_code = "\n".join(c.source for c in ex.cells if c.cell_type == "code")
    assert sol_code.count(generate.BEGIN) == sol_code.count(generate.END) >= len(headings)
    assert generate.BEGIN not in ex_code and generate.END not in ex_code and "\n#>" not in ex_code
    assert any("key-result" in c.metadata.get("tags", []) for c in sol.cells)
    assert not any({"key-result", "solution-only"} & set(c.metadata.get("tags", [])) for c in ex.cells)
    assert "<!-- BEGIN SOLUTION -->" not in json.dumps([c.source for c in ex.cells])


def test_every_check_is_used_by_a_solution():
    used = set()
    for path in SOLUTION_FILES:
        used |= set(solution_run(path.name)[1])
    assert used == set(check.TASKS)


def test_answer_key_finds_the_key_results():
    """crisis-course answer-key (export.py) collects the cells tagged key-result, labelled by task."""
    from crisis_course import export

    finder = export._solution_items
    for path in SOLUTION_FILES:
        nb = nbformat.read(path, as_version=4)
        labels = [item[0] for item in finder(nb)]
        tagged = [c for c in nb.cells if "key-result" in c.metadata.get("tags", [])]
        assert len(labels) >= len(tagged) > 0
        assert all(label.startswith("Task ") for label in labels), labels


# ---------------------------------------------------------- the checks and the notebooks ----

@pytest.mark.parametrize("path", SOLUTION_FILES, ids=[p.stem for p in SOLUTION_FILES])
def test_solution_passes_every_check(path):
    _, results = solution_run(path.name)
    assert results
    for task_id, fb in results.items():
        assert isinstance(fb, Feedback)
        assert fb.status == CORRECT, f"task {task_id}: {fb.text()}"


@pytest.mark.parametrize("path", SOLUTION_FILES, ids=[p.stem for p in SOLUTION_FILES])
def test_blank_exercise_runs_and_reports_not_attempted(path):
    _, results = exercise_run(path.name)
    assert set(results) == set(solution_run(path.name)[1])
    for task_id, fb in results.items():
        assert fb.status == NOT_ATTEMPTED, f"task {task_id}: {fb.text()}"
        if check.TASKS[task_id].text_blanks:   # a text blank is pre-filled with "": say where to type
            assert "quotation marks" in fb.message and "between the quotation marks after" in fb.hint, fb.text()
        else:
            assert "`...`" in fb.message
        assert "Not attempted yet" in fb.text() and "Not attempted yet" in fb._repr_html_()


def test_known_neighbours_of_russia():
    """The map computes the NATO members bordering Russia on 7 December 2021 (atlas fact)."""
    from crisis_course.exercises import lesson3

    assert lesson3.expected_neighbours() == ["EST", "LTU", "LVA", "NOR", "POL"]
    km = lesson3.expected_border_km()
    assert all(100 < v < 400 for v in km)  # 1:50m lengths: shorter than published, same order


# ---------------------------------------------------------------- wrong answers ----

def _wrong_cases():
    """task id -> list of (description, function(ns) -> (args, kwargs)). ns: the solution's namespace."""
    import matplotlib.pyplot as plt
    import pandas as pd

    from crisis_course import data, timeline

    def fig_without_labels(ns):
        fig, ax = plt.subplots()
        ax.plot([1949, 2020], [12, 30])
        return fig

    def fig_new_members(ns):
        fig, ax = plt.subplots()
        new = data.nato_members(as_of="2021-12-07").groupby("year_joined").size()
        ax.bar(new.index, new.values)
        ax.set_title("NATO")
        ax.set_ylabel("members")
        return fig

    border_km = border_lengths

    def chart(ns, title=True, labels=True, values=(1, 2, 3)):
        fig, ax = plt.subplots()
        ax.bar(range(len(values)), values)
        if title:
            ax.set_title("A chart")
        if labels:
            ax.set_ylabel("value")
        return fig

    g = data.gas_imports()
    long_vague = " ".join(["This is an answer that talks in general about things without naming any."] * 6)
    return {
        "1.1": [
            ("totals per paragraph", lambda ns: ([ns["counts"].sum(axis=1)], {})),
            ("not sorted", lambda ns: ([ns["counts"].sum().sort_values()], {})),
            ("the whole table", lambda ns: ([ns["counts"]], {})),
        ],
        "1.2": [
            ("counted marks", lambda ns: ([4, ["Samorukov"]], {})),
            ("missed the mismatched passage", lambda ns: ([1, ["Samorukov"]], {})),
            ("same person twice", lambda ns: ([2, ["Maxim Samorukov", "Samorukov"]], {})),
            ("paraphrase counted", lambda ns: ([2, ["Samorukov", "Putin"]], {})),
        ],
        "1.3": [
            ("'Mr' inside 'Mr.'", lambda ns: ([{"Mr": 8, "Mr.": 1}], {})),
            ("missing key", lambda ns: ([{"Mr": 7}], {})),
        ],
        "1.4": [
            ("counted from 1", lambda ns: ([{k: [i + 1 for i in v] for k, v in ns["artefact_paragraphs"].items()}], {})),
            ("missing word", lambda ns: ([{"Poutine": ns["artefact_paragraphs"]["Poutine"]}], {})),
        ],
        "1.5": [
            ("too short", lambda ns: (["It was translated."], {})),
            ("no evidence", lambda ns: ([long_vague], {})),
        ],
        "2.1": [
            ("dates left as text", lambda ns: ([ns["events"].assign(when=ns["events"]["date_text"])], {})),
            ("rows dropped", lambda ns: ([ns["dated"].head(5)], {})),
        ],
        "2.2": [
            ("sorted as text", lambda ns: ([ns["dated"].sort_values("date_text")], {})),
            ("newest first", lambda ns: ([ns["dated"].sort_values("when", ascending=False)], {})),
        ],
        "2.3": [
            ("calendar years", lambda ns: ([30], {})),
            ("days", lambda ns: ([ns["years_independent"] * 365.25], {})),
            ("wrong way round", lambda ns: ([-ns["years_independent"]], {})),
        ],
        "2.4": [
            ("too many events", lambda ns: ([ns["all_events"]], {})),
            ("hindsight", lambda ns: ([timeline.load(start="2021-12-06").head(6)], {})),
            ("not in date order", lambda ns: ([ns["my_events"].iloc[::-1]], {})),
        ],
        "3.1": [
            ("no running total", lambda ns: ([ns["members_2021"].groupby("year_joined").size()], {})),
            ("includes 2023-2024", lambda ns: ([data.nato_members().groupby("year_joined").size().cumsum()], {})),
        ],
        "3.2": [
            ("no labels or title", lambda ns: ([fig_without_labels(ns)], {})),
            ("new members, not total", lambda ns: ([fig_new_members(ns)], {})),
        ],
        "3.3": [
            ("Finland added", lambda ns: ([ns["neighbours"] + ["Finland"]], {})),
            ("Kaliningrad forgotten", lambda ns: ([[n for n in ns["neighbours"] if n not in ("Poland", "Lithuania")]], {})),
            ("United States added", lambda ns: ([ns["neighbours"] + ["United States"]], {})),
            ("a non-neighbour member", lambda ns: ([ns["neighbours"] + ["Germany"]], {})),
            ("a neighbour that was not a member", lambda ns: ([ns["neighbours"] + ["Belarus"]], {})),
        ],
        "3.4": [
            ("degrees", lambda ns: ([border_km(ns)], {})),
            ("metres", lambda ns: ([border_km(ns, "EPSG:3035")], {})),
            ("Web Mercator", lambda ns: ([border_km(ns, "EPSG:3857", 1 / 1000)], {})),
        ],
        "4.1": [
            ("swapped", lambda ns: ([ns["only_white_house"], ns["only_kremlin"]], {})),
            ("one topic missing", lambda ns: ([ns["only_kremlin"][:-1], ns["only_white_house"]], {})),
            ("an unknown topic", lambda ns: ([ns["only_kremlin"] + ["Weather"], ns["only_white_house"]], {})),
        ],
        "4.2": [
            ("the planned force", lambda ns: ([175000], {})),
            ("a spring figure", lambda ns: ([110000], {})),
            ("an autumn count, not the largest", lambda ns: ([90000], {})),
            ("in thousands", lambda ns: ([94.3], {})),
        ],
        "4.3": [
            ("not sorted", lambda ns: ([ns["combined"].sort_values("what")], {})),
            ("only the timeline events", lambda ns: ([ns["combined"].iloc[:5]], {})),
            ("hindsight included", lambda ns: ([pd.concat([ns["combined"], pd.DataFrame(
                {"when": [pd.Timestamp("2021-12-17")], "what": ["draft treaties"]})], ignore_index=True)], {})),
        ],
        "4.4": [("too short", lambda ns: (["The Kremlin and the White House differ."], {}))],
        "5.1": [
            ("US dollars, not billions", lambda ns: ([ns["gdp_2020"] * 1e9], {})),
            ("not sorted", lambda ns: ([ns["gdp_2020"].sort_values()], {})),
            ("a country missing", lambda ns: ([ns["gdp_2020"].drop("UKR")], {})),
        ],
        "5.2": [
            ("upside down", lambda ns: ([1 / ns["eu_vs_russia"], ns["us_vs_russia"]], {})),
            ("populations", lambda ns: ([_pop_ratio("EUU"), ns["us_vs_russia"]], {})),
        ],
        "5.3": [
            ("wrong sign", lambda ns: ([-ns["russia_gdp_change_pct"]], {})),
            ("a fraction", lambda ns: ([ns["russia_gdp_change_pct"] / 100], {})),
            ("divided by 2015", lambda ns: ([_change_from_end()], {})),
        ],
        "5.4": [
            ("no title", lambda ns: ([chart(ns, title=False), ns["alt_text"]], {})),
            ("alt text too short", lambda ns: ([ns["fig"], "A bar chart."], {})),
        ],
        "6.1": [
            ("aggregates included", lambda ns: ([g[g["year"] == 2020].sort_values(
                "share_of_gas_imports_from_russia_pct", ascending=False)[["country", "share_of_gas_imports_from_russia_pct"]]
                .pipe(lambda d: pd.concat([g[(g["year"] == 2020) & (g["iso_a3"] == "EU27_2020")][d.columns], d])).head(10)], {})),
            ("lowest first", lambda ns: ([ns["reporters"].sort_values("share_of_gas_imports_from_russia_pct")
                                         [["country", "share_of_gas_imports_from_russia_pct"]].head(10)], {})),
            ("the 2016 ranking", lambda ns: ([g[(g["year"] == 2016) & ~g["is_aggregate"] & (g["gas_imports_total_twh"] >= 1)]
                                             .sort_values("share_of_gas_imports_from_russia_pct", ascending=False)
                                             [["country", "share_of_gas_imports_from_russia_pct"]].head(10)], {})),
        ],
        "6.2": [
            ("EU28", lambda ns: ([g[g["iso_a3"] == "EU28"].set_index("year")["share_of_gas_imports_from_russia_pct"], ns["fig"]], {})),
            ("TWh, not shares", lambda ns: ([g[g["iso_a3"] == "EU27_2020"].set_index("year")["gas_imports_from_russia_twh"], ns["fig"]], {})),
            ("chart without labels", lambda ns: ([ns["eu_share"], chart(ns, labels=False, title=False)], {})),
        ],
        "6.3": [
            ("every year", lambda ns: ([g[~g["is_aggregate"]][["iso_a3", "share_of_gas_imports_from_russia_pct"]]
                                       .rename(columns={"share_of_gas_imports_from_russia_pct": "share_pct"})], {})),
            ("only the top 10", lambda ns: ([ns["map_table"].sort_values("share_pct", ascending=False).head(10)], {})),
            ("column not renamed", lambda ns: ([ns["reporters"][["iso_a3", "share_of_gas_imports_from_russia_pct"]]], {})),
        ],
        "6.4": [
            ("Russian LNG included", lambda ns: ([ns["eu_2020"]["gas_imports_from_russia_twh"].iloc[0]], {})),
            ("terajoules", lambda ns: ([ns["russian_pipeline_twh"] * 3600], {})),
        ],
        "6.5": [
            ("multiplied by TWH_PER_BCM", lambda ns: ([ns["russian_pipeline_twh"] * ns["TWH_PER_BCM"], ns["cargoes_per_year"],
                                                     ns["cargoes_per_day"]], _kw65(ns))),
            ("per month, not per day", lambda ns: ([ns["pipeline_bcm"], ns["cargoes_per_year"], ns["cargoes_per_year"] / 12],
                                                   _kw65(ns))),
        ],
        "6.6": [
            ("capacity not reduced", lambda ns: ([ns["eu_lng_bcm"], ns["REGAS_CAPACITY_BCM"], ns["shortfall_bcm"]], _kw66(ns))),
            ("Russian LNG only", lambda ns: ([ns["eu_2020"]["lng_imports_from_russia_tj"].iloc[0] / 3600 / ns["TWH_PER_BCM"],
                                             ns["spare_regas_bcm"], ns["shortfall_bcm"]], _kw66(ns))),
            ("wrong sign", lambda ns: ([ns["eu_lng_bcm"], ns["spare_regas_bcm"], -ns["shortfall_bcm"]], _kw66(ns))),
        ],
        "6.7": [("too short", lambda ns: (["More ships."], {}))],
        "7.1": [
            ("swapped", lambda ns: ([ns["range_high"], ns["range_low"]], {"settings": ns["SETTINGS"]})),
            ("defender's war value", lambda ns: ([ns["range_low"], 1 - ns["SETTINGS"]["p"] - ns["SETTINGS"]["cost_defender"]],
                                                 {"settings": ns["SETTINGS"]})),
        ],
        "7.2": [
            ("whole results", lambda ns: ([{q: _analyse(ns, q) for q in ns["CREDIBILITIES"]}],
                                          {"settings": ns["SETTINGS"], "credibilities": ns["CREDIBILITIES"]})),
            ("typed words", lambda ns: ([{q: "war" for q in ns["CREDIBILITIES"]}],
                                        {"settings": ns["SETTINGS"], "credibilities": ns["CREDIBILITIES"]})),
            ("a guess", lambda ns: ([{q: "deal" for q in ns["CREDIBILITIES"]}],
                                    {"settings": ns["SETTINGS"], "credibilities": ns["CREDIBILITIES"]})),
        ],
        "7.3": [
            ("just below the threshold", lambda ns: ([ns["min_credibility"] - 0.01], {"settings": ns["SETTINGS"]})),
            ("a deal, but not the smallest", lambda ns: ([0.5], {"settings": ns["SETTINGS"]})),
            ("a percentage", lambda ns: ([23], {"settings": ns["SETTINGS"]})),
        ],
        "7.4": [
            ("an input missing", lambda ns: ([{"p": 0.5}, ns["my_reason"]], {})),
            ("out of range", lambda ns: ([dict(ns["my_scenario"], p=1.5), ns["my_reason"]], {})),
            ("reason too short", lambda ns: ([ns["my_scenario"], "Because."], {})),
        ],
    }


def _pop_ratio(code):
    from crisis_course import data

    p = data.population_gdp()
    p = p[p["year"] == 2020].set_index("iso_a3")["population"]
    return p[code] / p["RUS"]


def _change_from_end():
    from crisis_course import data

    p = data.population_gdp().set_index(["iso_a3", "year"])["gdp_current_usd"]
    return 100 * (p[("RUS", 2015)] - p[("RUS", 2013)]) / p[("RUS", 2015)]


def _kw65(ns):
    return {"twh_per_bcm": ns["TWH_PER_BCM"], "bcm_per_cargo": ns["BCM_PER_CARGO"]}


def _kw66(ns):
    return {"twh_per_bcm": ns["TWH_PER_BCM"], "regas_capacity_bcm": ns["REGAS_CAPACITY_BCM"]}


def _analyse(ns, q):
    from crisis_course import bargaining

    return bargaining.analyse(**ns["SETTINGS"], credibility=q)


_VAGUE_SENTENCE = "Because it is a complicated situation and many things matter at the same time for everyone."


def _nocode_wrong_cases():
    """The no-code track (task ids with a letter): plausible wrong answers of a non-programmer."""
    return {
        "1.a": [("a paraphrased leader", lambda ns: (["Putin"], {})), ("not a speaker", lambda ns: (["Carnegie"], {}))],
        "1.b": [("a typo", lambda ns: (["A"], {})), ("Russian spelling", lambda ns: (["C"], {}))],
        "2.a": [("from independence", lambda ns: ([2014 - 1991], {})), ("negative", lambda ns: ([1994 - 2014], {}))],
        "2.b": [("the earliest date", lambda ns: (["B"], {})), ("cannot be sorted", lambda ns: (["D"], {}))],
        "3.a": [("value not changed", lambda ns: ([30], {})), ("joined after", lambda ns: ([14], {}))],
        "3.b": [("Finland", lambda ns: (["A"], {})), ("Belarus", lambda ns: (["Belarus"], {}))],
        "4.a": [("both mention it", lambda ns: (["A"], {})), ("neither mentions it", lambda ns: (["D"], {}))],
        "4.b": [("the planned force", lambda ns: ([175000], {})), ("a spring figure", lambda ns: ([110000], {}))],
        "5.a": [("upside down", lambda ns: ([1 / ns["eu_times_russia"]], {})), ("populations", lambda ns: ([_pop_ratio("EUU")], {}))],
        "5.b": [("all sanctions", lambda ns: (["A"], {})), ("no effect", lambda ns: (["D"], {}))],
        "6.a": [("same number", lambda ns: (["A"], {})), ("includes the UK", lambda ns: (["C"], {}))],
        "6.b": [("wrong direction", lambda ns: (["down"], {})), ("not a word", lambda ns: ([38.7], {}))],
        "6.c": [("value not changed", lambda ns: ([_lng_bcm() / 0.1 / 365], {})),
                ("per year", lambda ns: ([_lng_bcm() / 0.07], {}))],
        "6.d": [("the gas to replace", lambda ns: (["B"], {})), ("nothing", lambda ns: (["D"], {}))],
        "7.a": [("value not changed", lambda ns: (["deal"], {})), ("a made-up word", lambda ns: (["peace"], {}))],
        "7.b": [("added the cost", lambda ns: ([0.8], {})), ("a percentage", lambda ns: ([40], {}))],
        "5.c": [("too short", lambda ns: (["Gas."], {})), ("no evidence", lambda ns: ([_VAGUE_SENTENCE], {}))],
        "7.c": [("too short", lambda ns: (["Belief."], {})), ("no evidence", lambda ns: ([_VAGUE_SENTENCE], {}))],
    }


WRONG = [(tid, desc, fn) for cases in (_wrong_cases(), _nocode_wrong_cases())
         for tid, items in cases.items() for desc, fn in items]


def test_every_task_has_wrong_answer_cases():
    assert {tid for tid, _, _ in WRONG} == set(check.TASKS)


@pytest.mark.parametrize("task_id,desc,make", WRONG, ids=[f"{t}-{d}" for t, d, _ in WRONG])
def test_plausible_wrong_answer_gets_a_hint(task_id, desc, make):
    import matplotlib.pyplot as plt

    ns = solution_ns_for(task_id)
    args, kwargs = make(ns)
    fb = check.TASKS[task_id](*args, **kwargs)
    plt.close("all")
    assert isinstance(fb, Feedback)
    assert fb.status == INCORRECT, f"{desc}: {fb.text()}"
    assert fb.message and fb.hint, f"{desc}: no hint in {fb.text()!r}"
    assert not fb.message.startswith("Your answer could not be checked"), fb.text()
    assert "Hint:" in fb.text() and "Hint:" in fb._repr_html_()


def _junk():
    import pandas as pd

    return [
        ("text", "my answer"), ("None", None), ("int", 42), ("float", 3.5), ("nan", float("nan")),
        ("empty list", []), ("list of text", ["a", "b"]), ("dict", {"a": 1}),
        ("DataFrame with wrong columns", pd.DataFrame({"wrong": [1, 2], "cols": ["x", "y"]})),
        ("Series", pd.Series([1, 2])), ("object", object()),
    ]


@pytest.mark.parametrize("task_id", sorted(check.TASKS))
def test_wrong_types_never_raise(task_id):
    """Each answer replaced in turn by junk of every kind: feedback, never an exception, never 'correct'."""
    import matplotlib.pyplot as plt

    args, kwargs = answers_from(task_id)
    fn = check.TASKS[task_id]
    for pos in range(len(fn.answer_names)):
        for label, junk in _junk():
            trial = list(args)
            trial[pos] = junk
            fb = fn(*trial, **kwargs)
            assert isinstance(fb, Feedback), (label, fb)
            if isinstance(args[pos], list) and isinstance(junk, list) and junk == args[pos]:
                continue  # the junk happens to be the right answer (an empty list in task 4.1)
            assert fb.status == INCORRECT, f"{fn.answer_names[pos]} = {label}: {fb.text()}"
            assert fb.message
            if label != "object":
                assert not fb.message.startswith("Your answer could not be checked"), \
                    f"{fn.answer_names[pos]} = {label}: {fb.text()}"
    plt.close("all")


def test_wrong_call_is_feedback_not_an_exception():
    fb = check.task_1_1()
    assert fb.status == INCORRECT and "check.task_1_1(actor_totals)" in fb.hint
    fb = check.task_1_1(1, 2, 3)
    assert isinstance(fb, Feedback) and fb.status == INCORRECT


def test_partly_attempted_names_what_is_missing():
    fb = check.task_1_2(2, ...)
    assert fb.status == NOT_ATTEMPTED and "`quoted_speakers`" in fb.message
    fb = check.task_1_3({"Mr": ..., "Mr.": ...})  # the starter template
    assert fb.status == NOT_ATTEMPTED


def test_feedback_display():
    fb = Feedback("9.9", INCORRECT, "Use `<b>` tags & more", hint="Try `x`.")
    html = fb._repr_html_()
    assert "&lt;b&gt;" in html and "<code>" in html and 'role="status"' in html
    assert fb.text().startswith("✗ Task 9.9: Not yet.") and "Hint: Try `x`." in fb.text()
    assert not fb and Feedback("9.9", CORRECT, "ok")
    assert repr(fb) == fb.text()


def test_decorator_turns_unexpected_errors_into_feedback():
    @task("9.1")
    def task_9_1(answer):
        return 1 / answer  # ZeroDivisionError for 0

    @task("9.2")
    def task_9_2(answer):
        raise Wrong("Nope.", hint="Try again.")

    fb = task_9_1(0)
    assert fb.status == INCORRECT and "could not be checked" in fb.message
    assert task_9_2(1).hint == "Try again."
    assert task_9_1(...).status == NOT_ATTEMPTED
    assert task_9_1(None).status == INCORRECT and "inplace" in task_9_1(None).hint


# ---------------------------------------------------------------- the generator ----

def test_strip_code_keeps_starter_lines_and_indentation():
    src = ("x = 1\n### BEGIN SOLUTION\n#> answer = ...  # your answer\nanswer = 42\n### END SOLUTION\n"
           "if True:\n    ### BEGIN SOLUTION\n    #> y = ...\n    y = 2\n    ### END SOLUTION\nprint(answer)")
    assert generate.strip_code(src) == "x = 1\nanswer = ...  # your answer\nif True:\n    y = ...\nprint(answer)"


def test_strip_markdown_replaces_model_answers():
    src = "Discuss.\n<!-- BEGIN SOLUTION -->\nModel answer.\n<!-- END SOLUTION -->\nMore."
    assert generate.strip_markdown(src) == f"Discuss.\n{generate.MARKDOWN_PLACEHOLDER}\nMore."


@pytest.mark.parametrize("src,message", [
    ("### BEGIN SOLUTION\nx = 1\n", "never closed"),
    ("x = 1\n### END SOLUTION\n", "without a"),
    ("### BEGIN SOLUTION\n#> x = ...\n### BEGIN SOLUTION\n### END SOLUTION\n", "nested"),
    ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n", "no placeholder lines"),
    ("### BEGIN SOLUTION (placeholder: x = ...)\nx = 1\n### END SOLUTION\n", "unexpected text"),
])
def test_malformed_markers_are_reported(src, message):
    with pytest.raises(generate.MarkerError, match=message) as info:
        generate.strip_code(src, where="solutions/x.ipynb: cell 3")
    assert "solutions/x.ipynb: cell 3" in str(info.value) and "line" in str(info.value)


def _course_copy(tmp_path) -> tuple[Path, Path]:
    sol, ex = tmp_path / "solutions", tmp_path / "exercises"
    shutil.copytree(SOLUTIONS, sol)
    shutil.copytree(EXERCISES, ex)
    return sol, ex


def _edit_first_code_cell(path: Path, new_source: str):
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "= ..." in c.source)
    cell.source = new_source
    nbformat.write(nb, path)


def _cli(*args) -> int:
    from crisis_course.cli import main

    return main(["exercises", *map(str, args)])


def test_a_students_changes_are_never_overwritten(tmp_path, capsys):
    sol, ex = _course_copy(tmp_path)
    target = ex / SOLUTION_FILES[0].name
    _edit_first_code_cell(target, "actor_totals = counts.sum()  # my own work")
    edited = target.read_bytes()
    # the solution changes too, so the command has a reason to rewrite the exercise
    nb = nbformat.read(sol / target.name, as_version=4)
    nb.cells[0].source += "\n\nA new line in the introduction."
    nbformat.write(nb, sol / target.name)

    code = _cli("--solutions-dir", sol, "--exercises-dir", ex)
    out = capsys.readouterr().out
    assert code == 1
    assert target.read_bytes() == edited, "a student's notebook was overwritten"
    assert f"SKIPPED          exercises/{target.name}" in out and "--force" in out
    assert "edited since it was generated" in out
    assert [a.status for a in generate.plan(sol, ex) if a.name == target.name] == ["modified"]

    assert _cli("--check", "--solutions-dir", sol, "--exercises-dir", ex) == 1
    assert "CHANGED BY HAND" in capsys.readouterr().out

    assert _cli("--force", "--solutions-dir", sol, "--exercises-dir", ex) == 0
    assert "OVERWRITTEN" in capsys.readouterr().out
    assert "A new line in the introduction." in target.read_text(encoding="utf-8")
    assert _cli("--check", "--solutions-dir", sol, "--exercises-dir", ex) == 0


def test_untouched_exercise_follows_its_solution_and_outputs_do_not_count(tmp_path, capsys):
    sol, ex = _course_copy(tmp_path)
    name = SOLUTION_FILES[1].name
    # a student ran the notebook: outputs and counts, but no edits
    nb = nbformat.read(ex / name, as_version=4)
    for i, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = i + 1
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ran\n")]
    nbformat.write(nb, ex / name)
    nb = nbformat.read(sol / name, as_version=4)
    nb.cells[0].source += "\n\nUpdated by the author."
    nbformat.write(nb, sol / name)

    assert _cli("--dry-run", "--solutions-dir", sol, "--exercises-dir", ex) == 0
    assert "WOULD UPDATE" in capsys.readouterr().out
    assert "Updated by the author." not in (ex / name).read_text(encoding="utf-8")

    assert _cli("--solutions-dir", sol, "--exercises-dir", ex) == 0
    assert f"UPDATED          exercises/{name}" in capsys.readouterr().out
    assert "Updated by the author." in (ex / name).read_text(encoding="utf-8")
    assert _cli("--check", "--solutions-dir", sol, "--exercises-dir", ex) == 0


def test_missing_orphan_and_hand_made_notebooks(tmp_path, capsys):
    sol, ex = _course_copy(tmp_path)
    (ex / SOLUTION_FILES[2].name).unlink()
    shutil.copy(ex / SOLUTION_FILES[3].name, ex / "99_extra_exercise.ipynb")
    hand = ex / SOLUTION_FILES[4].name
    nb = nbformat.read(hand, as_version=4)
    del nb.metadata["crisis_course"]
    nbformat.write(nb, hand)

    assert _cli("--check", "--solutions-dir", sol, "--exercises-dir", ex) == 1
    out = capsys.readouterr().out
    assert "MISSING" in out and "ORPHAN" in out and "CHANGED BY HAND" in out
    assert _cli("--solutions-dir", sol, "--exercises-dir", ex) == 1  # the hand-made one is left alone
    out = capsys.readouterr().out
    assert (ex / SOLUTION_FILES[2].name).exists() and "CREATED" in out
    assert "not written by this command" in out
    assert (ex / "99_extra_exercise.ipynb").exists()


def test_bad_markers_exit_2(tmp_path, capsys):
    sol, ex = _course_copy(tmp_path)
    nb = nbformat.read(sol / SOLUTION_FILES[0].name, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and generate.END in c.source)
    cell.source = cell.source.replace(generate.END, "")
    nbformat.write(nb, sol / SOLUTION_FILES[0].name)
    assert _cli("--solutions-dir", sol, "--exercises-dir", ex) == 2
    err = capsys.readouterr().err
    assert "never closed" in err and SOLUTION_FILES[0].name in err


def test_select_notebooks_by_lesson_number(tmp_path, capsys):
    sol, ex = _course_copy(tmp_path)
    for p in ex.glob("06_*.ipynb"):
        p.unlink()
    assert _cli("6", "--solutions-dir", sol, "--exercises-dir", ex) == 0
    out = capsys.readouterr().out
    assert out.count("CREATED") == 2 and "01_" not in out


def test_help_lists_the_options(capsys):
    with pytest.raises(SystemExit):
        _cli("--help")
    out = capsys.readouterr().out
    for option in ("--check", "--dry-run", "--force", "--solutions-dir", "--exercises-dir"):
        assert option in out


# ------------------------------------------------------------- stated times (issue 12) ----

#: No-code minutes of a non-programmer's tryout (issue 12, last round), per exercise notebook.
TRYOUT_NOCODE_MINUTES = {"01_reading_the_article_exercise.ipynb": 12, "03_nato_exercise.ipynb": 9,
                         "06_energy_dependence_exercise.ipynb": 11, "07_coercive_diplomacy_exercise.ipynb": 14}


def test_every_exercise_states_its_lesson_and_the_time_of_each_track():
    """The title cell says which lesson the exercise follows (the one course.yaml lists it under) and
    the minutes of each track; the minutes appear nowhere else in the notebook (one source)."""
    from crisis_course import course
    from crisis_course.exercises.stated_times import stated_times

    c = course.load()
    for path in SOLUTION_FILES:
        for nb_path in (path, EXERCISES / path.name):
            t = stated_times(nb_path)
            lesson = c.lesson(t.lesson)
            assert path.name in lesson.exercises and t.lesson_notebook == lesson.notebook, (path.name, t)
            assert 5 <= t.nocode_min <= t.nocode_max <= 30 and 10 <= t.further <= 60, (path.name, t)
            nb = nbformat.read(nb_path, as_version=4)
            rest = "\n".join(cell.source for cell in nb.cells[1:] if cell.cell_type == "markdown")
            assert not re.search(r"\(about \d+ minutes", rest), f"{nb_path.name} repeats the minutes"


def test_stated_times_are_honest_for_the_tryout():
    """A non-programmer's tryout time fits within the stated no-code time (exercise 1 was 12 for 10)."""
    from crisis_course.exercises.stated_times import stated_times

    for name, minutes in TRYOUT_NOCODE_MINUTES.items():
        t = stated_times(SOLUTIONS / name)
        assert minutes <= t.nocode_max, (name, minutes, t.nocode_text)
    assert stated_times(SOLUTIONS / "01_reading_the_article_exercise.ipynb").nocode_text == "12-15"


def test_docs_table_lists_the_stated_times():
    """docs/exercises.md repeats the minutes in its table: it must say what the notebooks say."""
    from crisis_course.exercises.stated_times import stated_times

    doc = (REPO / "docs" / "exercises.md").read_text(encoding="utf-8")
    for path in SOLUTION_FILES:
        t = stated_times(path)
        row = re.search(rf"^\| {t.lesson} \| `{re.escape(path.name)}` \| ([^|]+) \| ([^|]+) \|", doc, re.M)
        assert row, f"docs/exercises.md has no row for {path.name}"
        assert row.group(1).strip() == f"{t.nocode_text} min", (path.name, row.group(1))
        assert row.group(2).strip() == f"{t.further} min", (path.name, row.group(2))


def test_stated_times_name_what_is_missing():
    from crisis_course.exercises.stated_times import StatedTimesError, stated_times

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Exercise 9: Title\n\n- **Time:** soon")])
    with pytest.raises(StatedTimesError, match="Follows.*Time"):
        stated_times(nb)
