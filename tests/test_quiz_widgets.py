"""The live quiz, driven through its real ipywidgets: set values, click buttons, read feedback."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest

from crisis_course.quiz import Quiz, Result

FIXTURES = Path(__file__).parent / "banks"


@pytest.fixture(autouse=True)
def own_progress_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_COURSE_PROGRESS_DIR", str(tmp_path / "progress"))
    monkeypatch.delenv("CRISIS_COURSE_INSTRUCTOR", raising=False)
    return tmp_path / "progress"


@pytest.fixture
def quiz():
    return Quiz.from_bank("orientation")


def test_from_bank_builds_one_box_per_question(quiz):
    n = len(quiz.bank.questions)
    assert n >= 6 and len(quiz.questions) == len(quiz.views) == n
    assert [q.id for q in quiz.questions] == [v.question.id for v in quiz.views]
    assert isinstance(quiz.widget, widgets.VBox)
    boxes = [c for c in quiz.widget.children if isinstance(c, widgets.VBox)]
    assert len(boxes) == n
    assert quiz.score == 0 and quiz.progress_bar.value == 0 and quiz.progress_bar.max == n
    assert f"0 / {n} correct" in quiz.score_html.value
    assert {q.type for q in quiz.questions} >= {"single", "multiple", "true_false", "text"}


def test_question_objects(quiz):
    q = quiz.questions[0]
    assert q.id and q.type and q.prompt
    r = q.check("2021-12-07")
    assert isinstance(r, Result) and r.correct is True and isinstance(r.message, str)


def test_single_choice_right_answer_via_widgets(quiz):
    v = quiz.view("orientation-article-date")
    assert isinstance(v.input, widgets.RadioButtons) and v.input.value is None
    v.input.value = "2021-12-07"
    v.check_button.click()
    fb = v.feedback.value
    assert "✓ Correct" in fb
    assert "Tuesday" in fb                      # the explanation
    assert "Source:" in fb and "seeds/000_a01f77809c830506.txt" in fb
    assert quiz.score == 1 and quiz.progress_bar.value == 1 and f"1 / {quiz.total} correct" in quiz.score_html.value
    assert v.attempts == 1 and v.correct is True


def test_wrong_answer_then_retry_then_reveal(quiz):
    v = quiz.view("orientation-article-date")
    assert v.reveal_button.disabled
    v.input.value = "2022-02-24"
    v.check_button.click()
    assert "✗ Not quite" in v.feedback.value
    assert "Tuesday" not in v.feedback.value         # the explanation is not given away
    assert not v.reveal_button.disabled              # may now reveal
    assert quiz.score == 0 and v.attempts == 1
    v.reveal_button.click()
    assert "Answer" in v.feedback.value and "2021-12-07" in v.feedback.value and "Tuesday" in v.feedback.value
    assert v.revealed
    v.input.value = "2021-12-07"                     # retry is still allowed
    v.check_button.click()
    assert "✓ Correct" in v.feedback.value and quiz.score == 1 and v.attempts == 2


def test_feedback_uses_words_and_symbols_not_colour_only(quiz):
    v = quiz.view("orientation-knowledge-cutoff")
    v.input.value = "False"
    v.check_button.click()
    assert "✗" in v.feedback.value and "Not quite" in v.feedback.value
    v.input.value = "True"
    v.check_button.click()
    assert "✓" in v.feedback.value and "Correct" in v.feedback.value
    # the feedback area is one persistent live region (role="status" set once in the page), and the
    # message inside it is not a second live region
    assert v.feedback.live and "'role', 'status'" in v.feedback._esm and "aria-live" in v.feedback._esm
    assert 'role="status"' not in v.feedback.value


def test_multiple_select_via_checkboxes(quiz):
    v = quiz.view("orientation-presidents")
    boxes = {cb.description: cb for cb in v.checkboxes}
    boxes["Joe Biden"].value = True
    v.check_button.click()
    assert "✗ Not quite" in v.feedback.value and "1 of the 2 right options" in v.feedback.value
    boxes["Vladimir Putin"].value = True
    v.check_button.click()
    assert "✓ Correct" in v.feedback.value


def test_multiple_select_nothing_chosen(quiz):
    v = quiz.view("orientation-presidents")
    v.check_button.click()
    assert "⚠" in v.feedback.value and "at least one" in v.feedback.value
    assert v.attempts == 0 and v.reveal_button.disabled


def test_numeric_via_text_box(quiz):
    v = quiz.view("orientation-lesson-count")
    assert isinstance(v.input, widgets.Text) and v.input.description
    for typed in ["forty", "5 km"]:
        v.input.value = typed
        v.check_button.click()
        assert "⚠ Check your answer" in v.feedback.value
    assert v.attempts == 0                    # unreadable answers are not counted
    v.input.value = "4"
    v.check_button.click()
    assert "✗ Not quite" in v.feedback.value and "too low" in v.feedback.value
    v.input.value = "5 lessons"
    v.check_button.click()
    assert "✓ Correct" in v.feedback.value


@pytest.mark.parametrize("typed", ["Kyiv", "  kyiv ", "KÝIV", "Kyïv", "Kiev"])
def test_text_answer_variants_via_widget(quiz, typed):
    v = quiz.view("orientation-capital-spelling")
    v.input.value = typed
    v.check_button.click()
    assert "✓ Correct" in v.feedback.value


def test_hint_button(quiz):
    v = quiz.view("orientation-capital-spelling")
    assert v.hint_button is not None and v.hint_html.value == ""
    v.hint_button.click()
    assert "Hint" in v.hint_html.value and "Samorukov" in v.hint_html.value
    assert quiz.view("orientation-presidents").hint_button is None


def test_ordering_via_dropdowns(quiz):
    v = quiz.view("orientation-dates-order")
    q = v.question
    assert len(v.dropdowns) == len(q.items)
    assert all(d.value is None for d in v.dropdowns)
    # short keys (A, B, ...) in the dropdowns, the full texts as their values and listed above them
    assert list(v.dropdowns[0].options) == [(chr(65 + i), t) for i, t in enumerate(q.display_items())]
    assert q.display_items() != q.items
    assert all(f"<strong>{chr(65 + i)}.</strong>" in v.keys_html.value for i in range(len(q.items)))
    assert "first" in v.dropdowns[0].description and "last" in v.dropdowns[-1].description
    v.dropdowns[0].value = q.items[0]
    v.check_button.click()
    assert "⚠" in v.feedback.value and "Fill every position" in v.feedback.value
    for d, item in zip(v.dropdowns, reversed(q.items)):
        d.value = item
    v.check_button.click()
    assert "✗ Not quite" in v.feedback.value and "in the right place" in v.feedback.value
    for d, item in zip(v.dropdowns, q.items):
        d.value = item
    v.check_button.click()
    assert "✓ Correct" in v.feedback.value


def test_matching_via_dropdowns():
    quiz = Quiz.from_bank(FIXTURES / "xss.yaml", progress=False)
    v = quiz.view("xss-matching")
    q = v.question
    assert [d.description for d in v.dropdowns] == [f"{left} →" for left in q.lefts]
    assert [val for _key, val in v.dropdowns[0].options] == q.display_rights()
    v.dropdowns[0].value = q.rights[1]
    v.dropdowns[1].value = q.rights[0]
    v.check_button.click()
    assert "✗ Not quite" in v.feedback.value
    v.dropdowns[0].value = q.rights[0]
    v.dropdowns[1].value = q.rights[1]
    v.check_button.click()
    assert "✓ Correct" in v.feedback.value


def test_reset_clears_everything(quiz, own_progress_dir):
    for q in quiz.questions:
        quiz.answer(q.id, q.correct_answer())
    n = quiz.total
    assert quiz.score == n and quiz.progress_bar.value == n
    quiz.view(0).hint_button and quiz.view(0).hint_button.click()
    quiz.reset_button.click()
    assert quiz.score == 0 and quiz.progress_bar.value == 0 and f"0 / {n} correct" in quiz.score_html.value
    for v in quiz.views:
        assert v.feedback.value == "" and v.hint_html.value == "" and v.attempts == 0
        assert v.reveal_button.disabled
        assert v.get_answer() in (None, "", [], [None] * len(v.dropdowns), dict.fromkeys(v.question.lefts))
    # and the saved progress is gone: a new quiz starts empty
    assert Quiz.from_bank("orientation").score == 0


def test_quiz_answer_helper_accepts_indices_and_bad_values(quiz):
    assert quiz.answer("orientation-article-date", 0).correct
    assert quiz.view("orientation-article-date").input.value == "2021-12-07"
    r = quiz.answer("orientation-article-date", 99)
    assert not r.correct and not r.valid and "⚠" in quiz.view("orientation-article-date").feedback.value
    with pytest.raises(KeyError):
        quiz.view("no-such-question")


def test_every_input_and_button_has_a_label(quiz):
    """Keyboard and screen-reader use: native inputs with visible labels, no empty buttons."""
    for v in quiz.views:
        for b in (v.check_button, v.reveal_button, v.hint_button):
            if b is not None:
                assert b.description.strip() and b.tooltip
        if isinstance(v.input, (widgets.RadioButtons, widgets.Text)):
            assert v.input.description.strip()
        for d in v.dropdowns:
            assert d.description.strip()
        for cb in v.checkboxes:
            assert cb.description.strip()
    assert quiz.reset_button.description and quiz.progress_bar.description


def test_shuffle_with_seed_is_deterministic():
    def order(seed):
        quiz = Quiz.from_bank("orientation", shuffle=True, seed=seed, progress=False)
        return [q.id for q in quiz.questions], {k: tuple(v) for k, v in quiz.option_order.items()}

    assert order(1) == order(1)
    assert order(7) == order(7)
    assert len({repr(order(s)) for s in range(6)}) > 1
    ids, opts = order(3)
    assert sorted(ids) == sorted(q.id for q in Quiz.from_bank("orientation", progress=False).questions)


def test_shuffled_options_are_what_the_widgets_show():
    quiz = Quiz.from_bank("orientation", shuffle=True, seed=5, progress=False)
    v = quiz.view("orientation-article-date")
    assert list(v.input.options) == quiz.option_order["orientation-article-date"]
    v.input.value = "2021-12-07"
    v.check_button.click()
    assert "✓ Correct" in v.feedback.value


def test_no_shuffle_keeps_bank_order():
    quiz = Quiz.from_bank("orientation", progress=False)
    assert [q.id for q in quiz.questions] == [q.id for q in quiz.bank.questions]


def test_mimebundle_has_widget_view_html_and_text(quiz):
    data = quiz._repr_mimebundle_()
    view = data["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == quiz.widget.model_id
    assert data["text/html"].startswith('<div class="crisis-quiz" role="region"')
    assert "orientation" in data["text/plain"]


def test_displays_as_last_expression():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    data, _meta = shell.display_formatter.format(Quiz.from_bank("orientation", progress=False))
    assert "application/vnd.jupyter.widget-view+json" in data
    assert "<details" in data["text/html"] and "<script" not in data["text/html"].lower()


def test_instructor_mode_shows_answers(monkeypatch):
    quiz = Quiz.from_bank("orientation", instructor=True, progress=False)
    assert "instructor mode" in quiz.title_html.value
    for v in quiz.views:
        assert "Answer" in v.feedback.value and not v.reveal_button.disabled
    assert "<details" not in quiz.to_html()
    monkeypatch.setenv("CRISIS_COURSE_INSTRUCTOR", "1")
    assert Quiz.from_bank("orientation", progress=False).instructor
    assert not Quiz.from_bank("orientation", progress=False, instructor=False).instructor


def test_from_bank_with_path():
    quiz = Quiz.from_bank(str(FIXTURES / "xss.yaml"), progress=False)
    assert quiz.bank.name == "xss" and len(quiz.questions) == 4


def test_widget_html_is_escaped():
    quiz = Quiz.from_bank(FIXTURES / "xss.yaml", progress=False)
    v = quiz.view("xss-single")
    assert "<script>" not in v.prompt.value and "&lt;script&gt;" in v.prompt.value
    assert "<img" not in v.prompt.value
    assert "<script>" not in quiz.title_html.value
    v.input.value = "plain"
    v.check_button.click()
    fb = v.feedback.value
    assert "<img" not in fb and "&lt;img" in fb
    assert 'href="javascript' not in fb and "<a " not in fb   # no link from [x](javascript:...) or <a href>
    v.hint_button.click()
    assert "<iframe" not in v.hint_html.value
    t = quiz.view("xss-text")
    t.input.value = "<script>"
    t.check_button.click()
    assert "✓ Correct" in t.feedback.value and "<script>" not in t.feedback.value
    # widget descriptions and option labels are rendered as plain text by ipywidgets
    m = quiz.view("xss-matching")
    assert not any(getattr(d, "description_allow_html", False) for d in m.dropdowns)
