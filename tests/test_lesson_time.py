"""Honest lesson times: the estimate from the core path, and the check against the stated time."""
import nbformat
import pytest

from crisis_course import course, lesson_time


def _nb(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def _md(text, tags=()):
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["tags"] = list(tags)
    return cell


def _code(text, tags=()):
    cell = nbformat.v4.new_code_cell(text)
    cell.metadata["tags"] = list(tags)
    return cell


def test_words_ignore_markup_links_and_citations():
    assert lesson_time.words_in("## A **bold** [link text](http://x.y/z) claim [12] [3, 4] — yes") == 6


def test_estimate_counts_core_words_figures_checkpoints_writing_and_quiz():
    nb = _nb(
        _md("# Lesson 9: T\n\n**Estimated time:** 10 minutes"),
        _md(" ".join(["word"] * 340)),
        _md(" ".join(["optional"] * 1000), tags=["optional"]),
        _md("## Sources\n\n" + " ".join(["ref"] * 1000), tags=["reference"]),
        _code("figures.show(x)", tags=["figure"]),
        _code('checkpoint("nato", "a")\n', tags=["checkpoint"]),
        _code('writing.ask("orientation-summary")'),
        _code("figures.show(y)", tags=["figure", "optional"]),
    )
    est = lesson_time.estimate(nb)
    assert (est.words, est.figures, est.checkpoints, est.writing, est.questions) == (340 + 7, 1, 1, 1, 0)
    assert est.minutes == pytest.approx(347 / 170 + 1 + 1.5 + 3)
    assert lesson_time.stated_minutes(nb) == 10


def test_problem_when_stated_time_is_more_than_15_percent_off():
    lesson = course.Lesson(number=9, slug="t", title="T", notebook="09_t.ipynb", bank="nato", minutes=10)
    quiz = sum(1 for q in __import__("crisis_course.quiz", fromlist=["load_bank"]).load_bank("nato").questions
               if not q.checkpoint)
    words = 170 * 10
    nb = _nb(_md("# Lesson 9: T\n\n**Estimated time:** 10 minutes"), _md(" ".join(["w"] * words)))
    msgs = lesson_time.problems(nb, lesson)
    assert any("more than 15% off" in m for m in msgs)          # 10 stated, ~10 + quiz estimated
    fitting = course.Lesson(number=9, slug="t", title="T", notebook="09_t.ipynb", bank="nato",
                            minutes=round(10 + quiz + 0.1))
    nb.cells[0].source = f"# Lesson 9: T\n\n**Estimated time:** {fitting.minutes} minutes"
    assert lesson_time.problems(nb, fitting) == []
    nb.cells[0].source = "# Lesson 9: T"
    assert any("states no" in m for m in lesson_time.problems(nb, fitting))
