"""The instructor guide and the lessons agree on what they both state: quiz sizes and lesson times."""
import re

import nbformat
import pytest

from crisis_course.quiz import bank_names, load_bank

GUIDE_COUNT = re.compile(r"`(\w+)` \((\d+)\)|\(`(\w+)`, (\d+) questions\)")


def _guide(repo):
    return (repo / "docs" / "instructor_guide.md").read_text(encoding="utf-8")


def test_guide_question_counts_match_the_banks(repo):
    stated = [(m.group(1) or m.group(3), int(m.group(2) or m.group(4))) for m in GUIDE_COUNT.finditer(_guide(repo))]
    names = set(bank_names())
    stated = [(b, n) for b, n in stated if b in names]
    assert len({b for b, _ in stated}) == len(names), "the guide should give every bank's size"
    wrong = [(b, n, len(load_bank(b).questions)) for b, n in stated if n != len(load_bank(b).questions)]
    assert wrong == [], f"(bank, guide says, bank has): {wrong}"


def _lesson_minutes(path):
    title = nbformat.read(path, as_version=4).cells[0].source
    m = re.search(r"Estimated time:?\**:?\s*(?:about\s*)?(\d+)", title, re.I)
    return int(m.group(1)) if m else None


@pytest.mark.parametrize("number", range(9))
def test_guide_time_matches_the_lesson_title(repo, number):
    path = next((repo / "lessons").glob(f"{number:02d}_*.ipynb"))
    minutes = _lesson_minutes(path)
    assert minutes, f"{path.name}: the title cell gives no 'Estimated time: N minutes'"
    row = next(line for line in _guide(repo).splitlines() if line.startswith(f"| {number} |"))
    assert re.search(rf"\|\s*{minutes} min", row), f"guide row {row!r} does not start with {minutes} min"
