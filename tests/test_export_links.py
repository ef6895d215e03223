"""Links between notebooks work in exported decks and handouts."""
import nbformat
from conftest import REPO

from crisis_course.export.preprocessors import handout_ready, rewrite_links, slide_ready


def test_lesson_links_point_at_the_exported_file_and_exercise_links_name_the_notebook():
    text = "- [Exercise 4](../exercises/04_buildup_and_call_exercise.ipynb)\n- [Lesson 5](05_sanctions.ipynb)"
    assert rewrite_links(text, ".slides.html") == (
        "- Exercise 4 (notebook `exercises/04_buildup_and_call_exercise.ipynb` in the course folder)\n"
        "- [Lesson 5](05_sanctions.slides.html)")
    assert "[Lesson 5](05_sanctions.html)" in rewrite_links(text, ".html")


def test_every_next_cell_in_exports_has_no_notebook_links():
    for path in sorted((REPO / "lessons").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        lesson = int(path.name[:2])
        for ready in (slide_ready(nb, lesson=lesson), handout_ready(nb, lesson=lesson)):
            text = "\n".join(c.source for c in ready.cells if c.cell_type == "markdown")
            assert ".ipynb)" not in text, path.name
