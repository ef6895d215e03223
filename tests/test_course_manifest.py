"""The course manifest (content/course.yaml) is valid and agrees with the files it names."""
import datetime as dt
import textwrap

import pytest

from crisis_course import course
from crisis_course.quiz import bank_names


def test_manifest_loads_and_names_real_files(repo):
    c = course.load()
    assert c.cutoff == dt.date(2021, 12, 7)
    assert [lesson.number for lesson in c.lessons] == list(range(len(c.lessons)))
    assert sorted(lesson.bank for lesson in c.lessons) == sorted(bank_names())
    for lesson in c.lessons:
        assert (repo / "lessons" / lesson.notebook).is_file(), lesson
        for ex in lesson.exercises:
            assert (repo / "exercises" / ex).is_file(), ex
            assert (repo / "solutions" / ex).is_file(), ex
    listed = {ex for lesson in c.lessons for ex in lesson.exercises}
    assert listed == {p.name for p in (repo / "exercises").glob("*.ipynb")}
    assert {lesson.notebook for lesson in c.lessons} == {p.name for p in (repo / "lessons").glob("*.ipynb")}


def test_lookup_by_number_slug_bank_and_stem():
    c = course.load()
    assert c.lesson(6) is c.lesson("energy") is c.lesson("06_energy") is c.lesson("06_energy.ipynb")
    assert c.lesson("coercion").number == 7
    with pytest.raises(KeyError):
        c.lesson(99)


def test_every_problem_is_reported_at_once(tmp_path):
    bad = tmp_path / "course.yaml"
    bad.write_text(textwrap.dedent("""\
        title: T
        cutoff: "2021-02-30"
        lessons:
          - {number: 0, slug: a, title: A, notebook: 00_a.ipynb, bank: a, minutes: 10}
          - {number: 0, slug: b, title: B, notebook: 01_b.ipynb, bank: a, minutes: 10}
        """), encoding="utf-8")
    with pytest.raises(course.ManifestError) as err:
        course.parse(bad)
    msg = str(err.value)
    assert "not a real date" in msg
    assert "number 0 is used by more than one lesson" in msg
    assert "bank 'a' is used by more than one lesson" in msg
    assert "must start with 00_" in msg


def test_schema_errors_name_the_field(tmp_path):
    bad = tmp_path / "course.yaml"
    bad.write_text('title: T\ncutoff: "2021-12-07"\nlessons:\n  - {number: 0, slug: A b}\n', encoding="utf-8")
    with pytest.raises(course.ManifestError, match="lessons/0"):
        course.parse(bad)
