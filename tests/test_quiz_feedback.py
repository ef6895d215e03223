"""Per-option feedback, near misses and levels: graded, shown after a wrong try, in the static
answer, never the instructor notes."""
import textwrap

import pytest

from crisis_course.quiz import Quiz, load_bank
from crisis_course.quiz.bank import bank_errors
from crisis_course.quiz.static import bank_to_html

BANK = textwrap.dedent("""\
    bank: fb
    title: Feedback test
    questions:
      - id: fb-single
        type: single
        level: apply
        prompt: Which measure is a share of use?
        options: [imports from Russia / all imports, imports from Russia / gross inland consumption]
        answer: imports from Russia / gross inland consumption
        feedback:
          imports from Russia / all imports: That is a share of imports, not of what the country used.
        instructor_notes:
          imports from Russia / all imports: SECRET-NOTE most students pick this first.
        explanation: Use is consumption.
        source: Eurostat
      - id: fb-num
        type: numeric
        level: apply
        prompt: What share (in %)?
        answer: 8
        tolerance: 1
        unit: "%"
        near_misses:
          - {value: 45, tolerance: 2, feedback: "That is the share of imports, not of use."}
          - {value: 0.8, tolerance: 0.1, feedback: Check the factor of ten.}
        explanation: 10 / 124.
        source: Eurostat
      - id: fb-order
        type: ordering
        level: understand
        prompt: Order them.
        items: [first, second, third]
        feedback:
          second: It came after the first.
        explanation: By date.
        source: Timeline
      - id: fb-tf
        type: true_false
        level: recall
        checkpoint: true
        prompt: Austria stopped using Russian gas in 2014.
        answer: false
        feedback:
          "true": The 0% is a reporting artefact.
        explanation: Reporting.
        source: Eurostat
    """)


@pytest.fixture
def bank(tmp_path):
    path = tmp_path / "fb.yaml"
    path.write_text(BANK, encoding="utf-8")
    return load_bank(path)


def test_wrong_option_gets_its_own_feedback(bank):
    q = bank.question("fb-single")
    r = q.check("imports from Russia / all imports")
    assert not r.correct and r.feedback.startswith("That is a share of imports")
    assert q.check(1).feedback is None and q.check(1).correct


def test_near_misses_and_ordering_positions(bank):
    num = bank.question("fb-num")
    assert num.check("45 %").feedback == "That is the share of imports, not of use."
    assert num.check("0.8").feedback == "Check the factor of ten."
    assert num.check("30").feedback is None and not num.check("30").correct
    order = bank.question("fb-order")
    r = order.check(["first", "third", "second"])
    assert "position 2 ('third'); position 3 ('second')" in r.message
    assert r.feedback == "'second': It came after the first."


def test_widget_shows_feedback_after_a_wrong_try_and_checkpoints_stay_out_of_the_end_quiz(bank):
    quiz = Quiz.from_bank(bank, progress=False)
    assert [q.id for q in quiz.questions] == ["fb-single", "fb-num", "fb-order"]
    quiz.answer("fb-single", "imports from Russia / all imports")
    html = quiz.view("fb-single").feedback.value
    assert "That is a share of imports" in html and "SECRET-NOTE" not in html


def test_static_html_shows_levels_and_why_not_but_never_instructor_notes(bank):
    for instructor in (False, True):
        html = bank_to_html(bank, instructor=instructor)
        assert "Level: apply" in html
        assert "Tempting but wrong" in html and "That is a share of imports" in html
        assert "SECRET-NOTE" not in html


def test_feedback_key_that_matches_no_option_is_a_bank_error(tmp_path):
    bad = BANK.replace("feedback:\n      imports from Russia / all imports:",
                       "feedback:\n      imports from Rusia / all imports:", 1)
    path = tmp_path / "fb.yaml"
    path.write_text(bad, encoding="utf-8")
    errors = bank_errors(path)
    assert any("question 'fb-single': field 'feedback': key 'imports from Rusia / all imports' matches no option"
               in e for e in errors), errors


def test_near_miss_inside_the_tolerance_is_a_bank_error(tmp_path):
    path = tmp_path / "fb.yaml"
    path.write_text(BANK.replace("value: 45, tolerance: 2", "value: 8.5, tolerance: 2"), encoding="utf-8")
    assert any("near_misses" in e and "within the tolerance" in e for e in bank_errors(path))


@pytest.mark.parametrize("snippet, expected", [
    ("bank: fb\nbank: fb\n", "appears twice"),
    ("x: &a [1]\ny: *a\n", "anchors and aliases"),
    ("bank: fb\ntitle: T\nquestions:\n  - {id: a, type: numeric, prompt: P, answer: .nan, explanation: E, source: S}\n",
     "not a finite number"),
])
def test_hardened_loading_names_the_problem(tmp_path, snippet, expected):
    path = tmp_path / "fb.yaml"
    path.write_text(snippet, encoding="utf-8")
    errors = bank_errors(path)
    assert errors and errors[0].startswith("fb.yaml: ") and expected in errors[0], errors


def test_id_with_trailing_newline_is_refused(tmp_path):
    path = tmp_path / "fb.yaml"
    path.write_text(BANK.replace("- id: fb-single", '- id: "fb-single\\n"'), encoding="utf-8")
    assert any("spaces at the start or end" in e for e in bank_errors(path))


def test_end_quiz_counts_the_lessons_checkpoints(bank, tmp_path):
    from crisis_course.quiz import ProgressStore, checkpoint

    store = ProgressStore(tmp_path / "progress.json")
    quiz = Quiz.from_bank(bank, progress=store)
    assert "checkpoints in the lesson: 0 of 1 right" in quiz.score_html.value
    cp = checkpoint(bank, "fb-tf", progress=store)
    cp.answer("fb-tf", False)
    again = Quiz.from_bank(bank, progress=ProgressStore(tmp_path / "progress.json"))
    assert "checkpoints in the lesson: 1 of 1 right" in again.score_html.value
    assert "checkpoints in the lesson" not in cp.score_html.value
