"""``crisis-course check``: the real course passes, and each kind of problem is caught and reported."""
from __future__ import annotations

import shutil

import nbformat
import pytest
from conftest import REPO
from data_support import data_copy

from crisis_course import checks, cli
from crisis_course import data as data_module
from crisis_course.quiz import bank as bank_module


def _lesson(number=3, title=True, notes=False, quiz="nato", slide_meta=True, math=False):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}

    def md(text, slide_type):
        cell = nbformat.v4.new_markdown_cell(text)
        if slide_meta:
            cell.metadata["slideshow"] = {"slide_type": slide_type}
        return cell

    head = f"# Lesson {number}: Test lesson\n\nEstimated time: 5 minutes" if title else "Some text"
    nb.cells.append(md(head, "slide"))
    nb.cells.append(md("## Learning objectives\n\n- explain" + (" $$x^2$$" if math else " a $5 fine"), "slide"))
    if notes:
        nb.cells.append(md("Say hello.", "notes"))
    if quiz:
        cell = nbformat.v4.new_code_cell(f'from crisis_course.quiz import Quiz\nQuiz.from_bank("{quiz}")')
        if slide_meta:
            cell.metadata["slideshow"] = {"slide_type": "-"}
        nb.cells.append(cell)
    return nb


def _course(tmp_path, **kwargs):
    (tmp_path / "lessons").mkdir(parents=True)
    name = kwargs.pop("name", "03_test.ipynb")
    nbformat.write(_lesson(**kwargs), tmp_path / "lessons" / name)
    return tmp_path


def _problems(results):
    return [r for r in results if not r.ok]


@pytest.mark.slow
def test_the_course_passes_its_own_check():
    results = checks.run_checks(REPO)
    problems = [r.line() for r in _problems(results)]
    assert not problems, "\n".join(problems)
    groups = {r.group for r in results}
    assert groups == set(checks.GROUPS)


def test_clean_lesson_is_ok(tmp_path):
    root = _course(tmp_path)
    results = checks.check_notebooks(root)
    assert not _problems(results), [r.line() for r in results]
    assert results[0].line().startswith("OK: lessons/03_test.ipynb")


@pytest.mark.parametrize("kwargs, expected", [
    (dict(title=False), "title slide"),
    (dict(notes=True), "are instructor notes (slide_type 'notes')"),
    (dict(quiz=None), "no quiz"),
    (dict(slide_meta=False), "slideshow.slide_type"),
    (dict(math=True), "LaTeX math"),
    (dict(number=5), "title says Lesson 5"),
])
def test_lesson_problems_are_reported(tmp_path, kwargs, expected):
    root = _course(tmp_path, **kwargs)
    lines = [r.line() for r in _problems(checks.check_notebooks(root))]
    assert any(expected in line and line.startswith("PROBLEM: lessons/03_test.ipynb: ") for line in lines), lines


def test_dirty_notebook_is_reported(tmp_path):
    root = _course(tmp_path)
    path = root / "lessons" / "03_test.ipynb"
    nb = nbformat.read(path, as_version=4)
    code = nb.cells[-1]
    code.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "1"}, execution_count=1)]
    code.execution_count = 1
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb.metadata["kernelspec"]["name"] = "python2"
    nbformat.write(nb, path)
    text = "\n".join(r.line() for r in _problems(checks.check_notebooks(root)))
    for expected in ("have outputs", "execution counts", "metadata.widgets", "'python3'"):
        assert expected in text, text


def test_unreadable_notebook_is_a_problem_not_a_crash(tmp_path):
    root = _course(tmp_path)
    (root / "solutions").mkdir()
    (root / "solutions" / "03_test_exercise.ipynb").write_text("{not json", encoding="utf-8")
    lines = [r.line() for r in _problems(checks.check_notebooks(root))]
    assert any(line.startswith("PROBLEM: solutions/03_test_exercise.ipynb: cannot be read") for line in lines), lines


def test_lesson_naming_a_missing_bank(tmp_path):
    root = _course(tmp_path, quiz="no_such_bank")
    lines = [r.line() for r in _problems(checks.check_banks(root))]
    assert any("no_such_bank" in line and "does not exist" in line for line in lines), lines


def test_broken_bank_is_reported(tmp_path, monkeypatch):
    banks = tmp_path / "banks"
    banks.mkdir()
    shutil.copy(bank_module.banks_dir() / "nato.yaml", banks / "nato.yaml")
    (banks / "bad.yaml").write_text(
        "bank: bad\ntitle: Bad\nquestions:\n  - id: bad-1\n    level: recall\n    type: single\n    prompt: Q?\n"
        "    options: [a, b]\n    answer: c\n    explanation: because\n    source: me\n", encoding="utf-8")
    monkeypatch.setattr(bank_module, "banks_dir", lambda: banks)
    root = _course(tmp_path / "course")
    lines = [r.line() for r in _problems(checks.check_banks(root))]
    assert any(line.startswith("PROBLEM: bad.yaml: ") and "not one of the options" in line for line in lines), lines
    assert not any("nato.yaml" in line for line in lines), lines


def test_small_lesson_bank_breaks_the_authoring_rules(tmp_path, monkeypatch):
    banks = tmp_path / "banks"
    banks.mkdir()
    qs = "".join(f"  - id: nato-t{i}\n    level: understand\n    type: true_false\n    prompt: Q{i}?\n    answer: true\n"
                 f"    explanation: Because {i}.\n    source: Somewhere {i}\n" for i in range(3))
    (banks / "nato.yaml").write_text(f"bank: nato\ntitle: Tiny\nlesson: 3\nquestions:\n{qs}", encoding="utf-8")
    monkeypatch.setattr(bank_module, "banks_dir", lambda: banks)
    root = _course(tmp_path / "course")
    text = "\n".join(r.line() for r in _problems(checks.check_banks(root)))
    assert "at least 6" in text and "at least 3" in text, text


def test_damaged_data_file_is_reported(tmp_path, monkeypatch):
    folder = data_copy(tmp_path, monkeypatch)
    path = folder / "gas_prices_bp_annual.csv"
    path.write_text("benchmark,year\nTTF,2020\n", encoding="utf-8")  # the price column is gone
    (folder / "mystery.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    lines = [r.line() for r in _problems(checks.check_data(tmp_path))]
    # the shipped checksums catch the change first, naming the file
    assert any(line.startswith("PROBLEM: data.gas_prices(): ") and "'gas_prices_bp_annual.csv' is damaged" in line
               for line in lines), lines
    assert any("mystery.csv" in line and "has no entry in data/datasets.yaml" in line for line in lines), lines
    # without the checksum, the loader's own column check still names the missing column
    monkeypatch.setattr(data_module, "verify", lambda *a, **k: None)
    monkeypatch.setattr(data_module, "_cache", {})
    lines = [r.line() for r in _problems(checks.check_data(tmp_path))]
    assert any(line.startswith("PROBLEM: data.gas_prices(): ") and "price_usd_per_mmbtu" in line for line in lines), lines


def test_data_sanity_catches_out_of_range_values():
    import pandas as pd

    df = pd.DataFrame({"iso_a3": ["DEU", None], "is_aggregate": [False, False], "year": [2011, 2031],
                       "share_of_gas_imports_from_russia_pct": [50.0, 140.0]})
    problems = "\n".join(checks._data_sanity("gas_imports", df))
    assert "without iso_a3" in problems and "2031" in problems and "outside 0-100" in problems


def test_cli_reports_and_exits_nonzero(tmp_path, capsys):
    root = _course(tmp_path, title=False)
    status = cli.main(["check", "--only", "notebooks", "--lessons-dir", str(root / "lessons")])
    out = capsys.readouterr().out
    assert status == 1
    assert "PROBLEM: lessons/03_test.ipynb: the first cell must be the title slide" in out
    assert "1 problem(s) found" in out


def test_cli_exit_zero_when_clean(tmp_path, capsys):
    root = _course(tmp_path)
    status = cli.main(["check", "--only", "notebooks", "--lessons-dir", str(root / "lessons")])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "OK: lessons/03_test.ipynb" in out and "All checks passed" in out


def test_check_has_help(capsys):
    with pytest.raises(SystemExit):
        cli.main(["check", "--help"])
    out = capsys.readouterr().out
    assert "question banks" in out and "--only" in out
