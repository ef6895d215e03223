"""Instructor notes live in content/notes/, keyed by cell id, and never in the student notebook."""
import shutil

import nbformat
import pytest
from conftest import REPO

from crisis_course import checks, course, notes


def test_notes_hold_todays_words_and_every_key_matches_a_cell():
    total = 0
    for lesson in course.load().lessons:
        nb = nbformat.read(REPO / "lessons" / lesson.notebook, as_version=4)
        assert notes.problems(nb, lesson.number) == []
        assert notes.load(lesson.number), lesson
        total += notes.words(lesson.number)
    assert total >= 7000  # the notes moved out of the notebooks in this round held 7,147 words


def test_merge_puts_each_note_after_its_cell():
    nb = nbformat.read(REPO / "lessons" / "06_energy.ipynb", as_version=4)
    merged = notes.merge(nb, 6)
    nbformat.validate(merged)
    mapping = notes.load(6)
    assert len(merged.cells) == len(nb.cells) + len(mapping)
    for i, cell in enumerate(merged.cells):
        if notes.NOTE_TAG in cell.metadata.get("tags", []):
            before = merged.cells[i - 1]
            assert cell.source == mapping[before.id].rstrip("\n")
            assert cell.metadata["slideshow"]["slide_type"] == "notes"
    assert not any(c.metadata.get("slideshow", {}).get("slide_type") == "notes" for c in nb.cells)


@pytest.fixture
def notes_copy(tmp_path, monkeypatch):
    folder = tmp_path / "notes"
    shutil.copytree(notes.notes_dir(), folder)
    monkeypatch.setattr(notes, "notes_dir", lambda: folder)
    return folder


def test_check_fails_on_a_note_whose_key_matches_no_cell(notes_copy, tmp_path):
    path = notes_copy / "03_nato.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  no-such-cell: |\n    A lost note.\n", encoding="utf-8")
    course_dir = tmp_path / "course"
    (course_dir / "lessons").mkdir(parents=True)
    shutil.copy(REPO / "lessons" / "03_nato.ipynb", course_dir / "lessons" / "03_nato.ipynb")
    lines = [r.line() for r in checks.check_notebooks(course_dir) if not r.ok]
    assert any("03_nato.yaml: note 'no-such-cell' matches no cell id" in line for line in lines), lines


def test_malformed_notes_file_is_named(notes_copy):
    (notes_copy / "03_nato.yaml").write_text("lesson: 3\nnotes:\n  a: x\n  a: y\n", encoding="utf-8")
    with pytest.raises(notes.NotesError, match="03_nato.yaml.*appears twice"):
        notes.load(3)


def test_a_notes_cell_in_a_lesson_is_a_check_problem(tmp_path):
    course_dir = tmp_path / "course"
    (course_dir / "lessons").mkdir(parents=True)
    nb = nbformat.read(REPO / "lessons" / "03_nato.ipynb", as_version=4)
    note = nbformat.v4.new_markdown_cell("Ask the class who joined in 1999.")
    note.metadata["slideshow"] = {"slide_type": "notes"}
    nb.cells.insert(2, note)
    nbformat.write(nb, course_dir / "lessons" / "03_nato.ipynb")
    text = "\n".join(r.line() for r in checks.check_notebooks(course_dir) if not r.ok)
    assert "are instructor notes" in text and "instructor-only wording 'Ask the class'" in text


def test_instructor_notebooks_show_every_note_and_leave_the_lessons_alone(tmp_path):
    from crisis_course import cli

    before = (REPO / "lessons" / "06_energy.ipynb").read_bytes()
    assert cli.main(["instructor-notebooks", "-o", str(tmp_path), "--lessons-dir", str(REPO / "lessons")]) == 0
    nb = nbformat.read(tmp_path / "06_energy_instructor.ipynb", as_version=4)
    shown = [c for c in nb.cells if notes.NOTE_TAG in c.metadata.get("tags", [])]
    assert len(shown) == len(notes.load(6)) and all(c.source.startswith("> **Instructor note.**") for c in shown)
    assert len(list(tmp_path.glob("*_instructor.ipynb"))) == 9
    assert (REPO / "lessons" / "06_energy.ipynb").read_bytes() == before
    assert cli.main(["instructor-notebooks", "-o", str(REPO / "lessons"), "--lessons-dir", str(REPO / "lessons")]) == 1
