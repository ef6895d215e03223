"""The knowledge-cutoff check (crisis_course.cutoff; `crisis-course check --only cutoff`)."""
import datetime as dt

import nbformat
import pandas as pd
import pytest
from conftest import REPO

from crisis_course import checks, course, cutoff

CUT = dt.date(2021, 12, 7)
INVASION = "On 24 February 2022 Russia launched a full-scale invasion of Ukraine."


def _late(text, **kw):
    return [found for found, _ in cutoff.find_late_dates(text, CUT, **kw)]


@pytest.mark.parametrize("text, expected", [
    (INVASION, ["24 February 2022"]),
    ("Biden spoke to reporters on 8 December 2021.", ["8 December 2021"]),
    ("Biden spoke to reporters on December 8, 2021.", ["December 8, 2021"]),
    ("The record was set on 2021-12-21.", ["2021-12-21"]),
    ("Talks were held in January 2022.", ["January 2022"]),
    ("The call took place in 2021. The next day, 8 December, Biden spoke again.", ["8 December"]),
    ("On 7 December 2021 the presidents spoke; on 2 December 2021 Blinken met Lavrov.", []),
    ("The last renewal, on 12 July 2021, ran to 31 January 2022.", []),   # known in advance
    ("Gazprom booked 40 bcm a year for 2021-2024. On 30 December 2019, three days after 27 December, ...", []),
    ("Soviet rule ended on 26 December 1991; some date it to 25 December.", []),
])
def test_dates_in_text(text, expected):
    assert _late(text) == expected


def test_a_hindsight_label_in_the_same_sentence_passes():
    assert _late("Ten days later (hindsight), on 17 December 2021, Russia published draft treaties.") == []
    assert _late("Ten days later, on 17 December 2021, Russia published draft treaties. (hindsight)") == \
        ["17 December 2021"]


def test_a_source_dated_2023_in_a_source_list_is_caught():
    text = "## Sources\n\n1. Business Insider, October 2023 (unit size).\n2. NATO, *Readout*, 2024.\n"
    assert _late(text, source_list=True) == ["October 2023", "2024"]
    assert _late("3. RAND report, 2023 (hindsight).", source_list=True) == []


def _lesson4_with(cell):
    nb = nbformat.read(REPO / "lessons" / "04_buildup_and_call.ipynb", as_version=4)
    nb.cells.insert(5, cell)
    return nb


def test_an_invasion_sentence_in_lesson_4_fails_and_in_a_hindsight_box_passes():
    plain = nbformat.v4.new_markdown_cell(INVASION)
    plain.id = "test-plain"
    found = cutoff.check_notebook(_lesson4_with(plain), "lessons/04_buildup_and_call.ipynb", CUT)
    ours = [f for f in found if "test-plain" in f.where]
    assert [f.text for f in ours] == ["24 February 2022"]
    msg = ours[0].message()
    assert "lessons/04_buildup_and_call.ipynb: cell 5 (id test-plain)" in msg
    assert "Looking ahead (hindsight)" in msg and "tagged 'hindsight'" in msg

    box = nbformat.v4.new_markdown_cell(cutoff.BOX_START + " " + INVASION)
    box.id = "test-box"
    tagged = nbformat.v4.new_markdown_cell(INVASION)
    tagged.id = "test-tagged"
    tagged.metadata["tags"] = ["hindsight"]
    for cell in (box, tagged):
        found = cutoff.check_notebook(_lesson4_with(cell), "lessons/04_buildup_and_call.ipynb", CUT)
        assert not [f for f in found if cell.id in f.where]


def test_a_chart_range_after_the_cutoff_is_caught_in_code():
    cell = nbformat.v4.new_code_cell('events = timeline.load(lessons=[4], end="2022-03-01")\nfig = maps.nato_map(2024)')
    cell.id = "test-code"
    found = [f for f in cutoff.check_notebook(_lesson4_with(cell), "l4", CUT) if "test-code" in f.where]
    assert [f.text for f in found] == ["2022-03-01", "2024"]
    cell.metadata["tags"] = ["hindsight"]
    assert not [f for f in cutoff.check_notebook(_lesson4_with(cell), "l4", CUT) if "test-code" in f.where]


def test_a_timeline_row_with_a_later_source_is_caught(monkeypatch):
    from crisis_course import timeline

    original = timeline.load()
    row = original.iloc[[0]].copy()
    row["source"] = "Some report, 8 December 2021"
    row["lessons"] = [[4]]
    patched = pd.concat([original, row], ignore_index=True)
    monkeypatch.setattr(timeline, "load", lambda *a, **k: patched)
    found = [f for f in cutoff._timeline_findings(course.load())]
    assert any(f.where.startswith("timeline.csv") and f.text == "8 December 2021" for f in found)


def test_check_command_reports_the_lesson_and_cell(tmp_path):
    root = tmp_path / "course"
    (root / "lessons").mkdir(parents=True)
    nb = _lesson4_with(nbformat.v4.new_markdown_cell(INVASION))
    nbformat.write(nb, root / "lessons" / "04_buildup_and_call.ipynb")
    lines = [r.line() for r in checks.check_cutoff(root) if not r.ok]
    assert any(line.startswith("PROBLEM: lessons/04_buildup_and_call.ipynb: cell 5") and "24 February 2022" in line
               for line in lines), lines[:5]
