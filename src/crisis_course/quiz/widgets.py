"""The interactive quiz: ipywidgets 8, one box per question, plus a static HTML fallback.

``Quiz.from_bank("nato")`` as the last expression of a cell shows the live quiz in JupyterLab
and, in the same output, a static HTML copy (``text/html``) that nbconvert HTML, slides, PDF
and GitHub show when there is no kernel.
"""
from __future__ import annotations

import hashlib
import os
import random

import ipywidgets as widgets

from .bank import Bank, load_bank
from .grading import Question, Result
from .live import QUIZ_CSS, LiveRegion, feedback_box  # noqa: F401 - QUIZ_CSS, LiveRegion re-exported
from .markup import escape, render, render_inline
from .progress import ProgressStore
from .static import answer_html, bank_to_html

__all__ = ["Quiz", "QuestionView", "checkpoint"]

_ORDINALS = ["1st", "2nd", "3rd"] + [f"{n}th" for n in range(4, 21)]
_WIDE = widgets.Layout(width="auto", max_width="100%")
_REVEAL_TIP = "Show the answer and explanation"
_REVEAL_LOCKED_TIP = "Available after your first checked answer: try the question once"
_REVEAL_LOCKED_NOTE = "“Show answer” becomes available after you check an answer once."


def _instructor_default() -> bool:
    return os.environ.get("CRISIS_COURSE_INSTRUCTOR", "").strip().lower() in {"1", "true", "yes", "on"}


def _shuffle_default() -> bool:
    """Options are shuffled per student unless ``CRISIS_COURSE_SHUFFLE=0``."""
    return os.environ.get("CRISIS_COURSE_SHUFFLE", "1").strip().lower() not in {"0", "false", "no", "off"}


def _student_key(store) -> str:
    """A key that differs between students (their progress file lives in their own home or data
    folder) and stays the same across kernel restarts: the seed of their option order."""
    where = str(getattr(store, "path", "") or "") or os.path.expanduser("~")
    return hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:16]


_box = feedback_box


def _key(i: int) -> str:
    """A, B, ..., Z, AA, AB, ... : the short key of the i-th choice (0-based)."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(ord("A") + r) + s
    return s


def _values(dropdown) -> list:
    """The values a Dropdown offers (its options may be (label, value) pairs)."""
    return [o[1] if isinstance(o, tuple) else o for o in dropdown.options]


class QuestionView:
    """The widgets of one question and what happens when its buttons are clicked.

    Attributes for tests and lessons: ``question``, ``input`` (RadioButtons, Text, or a VBox of
    Checkboxes / Dropdowns), ``checkboxes``, ``dropdowns``, ``check_button``, ``reveal_button``,
    ``hint_button`` (None without a hint), ``feedback`` (an HTML widget: read ``.value``),
    ``hint_html``, ``attempts``, ``correct`` (None until a valid check), ``revealed``, ``box``.
    """

    def __init__(self, quiz: Quiz, question: Question, number: int, total: int,
                 options: list[str] | None = None):
        self.quiz = quiz
        self.question = q = question
        self.options = options if options is not None else list(q.options)
        self.attempts = 0
        self.correct: bool | None = None
        self.revealed = False
        self.last_result: Result | None = None
        self.checkboxes: list[widgets.Checkbox] = []
        self.dropdowns: list[widgets.Dropdown] = []

        self.header = widgets.HTML(
            value=f'<div class="cq-meta">Question {number} of {total} · {escape(q.instruction)}</div>')
        self.prompt = widgets.HTML(value=f'<div class="quiz-prompt cq-prompt">{render(q.prompt)}</div>',
                                   layout=_WIDE)
        self.input = self._make_input()
        self.check_button = widgets.Button(description="Check", tooltip="Check your answer",
                                           button_style="primary", icon="check")
        self.reveal_button = widgets.Button(description="Show answer", tooltip=_REVEAL_LOCKED_TIP,
                                            disabled=True, icon="eye")
        #: why "Show answer" is greyed out, in words next to it (empty once it can be used)
        self.reveal_note = widgets.HTML(value=f'<span class="cq-note">{escape(_REVEAL_LOCKED_NOTE)}</span>')
        self.reveal_button.observe(self._explain_reveal, "disabled")
        self.hint_button = widgets.Button(description="Hint", tooltip="Show a hint", icon="lightbulb-o") \
            if q.hint else None
        self.hint_html = LiveRegion(value="", layout=_WIDE)
        self.hint_html.add_class("cq-hint-area")
        #: the question's live region: one element for the whole session, its content replaced
        self.feedback = LiveRegion(value="", layout=_WIDE)
        self.feedback.add_class("cq-feedback")
        self.check_button.on_click(self._on_check)
        self.reveal_button.on_click(self._on_reveal)
        buttons = [self.check_button, self.reveal_button]
        if self.hint_button is not None:
            self.hint_button.on_click(self._on_hint)
            buttons.append(self.hint_button)
        self.buttons = widgets.HBox(buttons + [self.reveal_note], layout=widgets.Layout(flex_flow="row wrap"))
        self.buttons.add_class("cq-buttons")
        if q.kind.typed:
            # Enter in the box checks; leaving the box sends nothing, so it is never an attempt.
            # The live region's script sends Enter with the box's text (no race with ipywidgets'
            # held-back value updates); without anywidget, ipywidgets' own "submit" message is used.
            if self.feedback.live:
                self.feedback.enter_checks = True
                self.feedback.on_msg(self._on_input_msg)
            else:  # pragma: no cover
                self.input.on_msg(self._on_input_msg)
        self.box = widgets.VBox(
            [self.header, self.prompt, self.input, self.buttons, self.hint_html, self.feedback],
            layout=widgets.Layout(padding="0.4em 0.8em", margin="0.4em 0"),
        )
        self.box.add_class("crisis-quiz-question")

    # ---- inputs ------------------------------------------------------------------
    def _make_input(self):
        """The answer widget: the question's type builds it with the helpers below."""
        return self.question.kind.make_input(self)

    def radio(self, options: list[str], wide: bool = True) -> widgets.RadioButtons:
        """One choice among ``options`` (single, true/false)."""
        layout = {"layout": _WIDE} if wide else {}
        return widgets.RadioButtons(options=options, value=None, description="Answer:",
                                    style={"description_width": "initial"}, **layout)

    def checkbox_list(self, options: list[str]) -> widgets.VBox:
        """One checkbox per option (multiple); kept in :attr:`checkboxes`."""
        self.checkboxes = [widgets.Checkbox(value=False, description=o, indent=False, layout=_WIDE)
                           for o in options]
        return widgets.VBox(self.checkboxes)

    def text_box(self, placeholder: str) -> widgets.Text:
        """A one-line box for a typed answer (numeric, text); Enter checks it."""
        return widgets.Text(value="", placeholder=placeholder, description="Answer:",
                            style={"description_width": "initial"}, continuous_update=True)

    def positions(self, items: list[str]) -> widgets.VBox:
        """One dropdown per position (ordering), under the lettered items; kept in :attr:`dropdowns`."""
        n = len(items)
        self.dropdowns = [
            self._choice(items, f"{_ORDINALS[i] if i < len(_ORDINALS) else i + 1}"
                                + (" (first):" if i == 0 else " (last):" if i == n - 1 else ":"))
            for i in range(n)
        ]
        return self._keyed(items, "Items (choose each position's letter below):")

    def matches(self, lefts: list[str], rights: list[str]) -> widgets.VBox:
        """One dropdown per left item (matching), under the lettered choices; kept in :attr:`dropdowns`."""
        self.dropdowns = [self._choice(rights, f"{left} →") for left in lefts]
        return self._keyed(rights, "Choices (choose a letter for each item below):")

    @staticmethod
    def dropdown_values(dropdown) -> list:
        """The values a Dropdown offers (its options may be (label, value) pairs)."""
        return _values(dropdown)

    def _choice(self, texts: list[str], description: str) -> widgets.Dropdown:
        """A dropdown of short keys (A, B, ...) whose values are the full texts: a native dropdown
        cannot wrap, so the texts are listed in full above and the chosen one is echoed beside it."""
        d = widgets.Dropdown(options=[(_key(i), t) for i, t in enumerate(texts)], value=None,
                             description=description, style={"description_width": "initial"})
        d.add_class("cq-choice")
        return d

    def _keyed(self, texts: list[str], intro: str) -> widgets.VBox:
        items = "".join(f"<li><strong>{_key(i)}.</strong> {render_inline(t)}</li>" for i, t in enumerate(texts))
        self.keys_html = widgets.HTML(
            value=f'<div class="cq-meta">{escape(intro)}</div><ul class="cq-keys" style="list-style:none">{items}</ul>',
            layout=_WIDE)
        self.echoes: list[widgets.HTML] = []
        rows = []
        for d in self.dropdowns:
            echo = widgets.HTML(value="")
            echo.add_class("cq-echo")
            d.observe(lambda ch, echo=echo, d=d: self._echo(d, echo), "value")
            self.echoes.append(echo)
            row = widgets.HBox([d, echo], layout=widgets.Layout(flex_flow="row wrap", width="100%"))
            row.add_class("cq-row")
            rows.append(row)
        return widgets.VBox([self.keys_html] + rows, layout=_WIDE)

    @staticmethod
    def _echo(d: widgets.Dropdown, echo: widgets.HTML) -> None:
        echo.value = "" if d.value is None else f'<span class="cq-meta">{escape(d.label or "")}. {render_inline(d.value)}</span>'

    def _explain_reveal(self, _change=None) -> None:
        """A greyed-out "Show answer" says why, in its tooltip and in words beside it."""
        if self.reveal_button.disabled and self.correct:
            self.reveal_button.tooltip = "Not needed: you answered correctly and the explanation is shown"
            self.reveal_note.value = ""
        elif self.reveal_button.disabled:
            self.reveal_button.tooltip = _REVEAL_LOCKED_TIP
            self.reveal_note.value = f'<span class="cq-note">{escape(_REVEAL_LOCKED_NOTE)}</span>'
        else:
            self.reveal_button.tooltip = _REVEAL_TIP
            self.reveal_note.value = ""

    def _on_input_msg(self, _widget, content, _buffers=None) -> None:
        """Enter pressed in the text box: take the text it held then, and check it."""
        if isinstance(content, dict) and content.get("event") == "submit":
            value = content.get("value")
            if isinstance(value, str):
                self.input.value = value
            self.check()

    def get_answer(self):
        """The answer the widgets currently hold, in the form ``Question.check`` accepts."""
        return self.question.kind.get_answer(self)

    def set_answer(self, answer) -> None:
        """Put ``answer`` (a canonical answer as progress stores it) into the widgets."""
        self.question.kind.set_answer(self, answer)

    # ---- actions -----------------------------------------------------------------
    def _show_result(self, result: Result) -> None:
        q = self.question
        if not result.valid:
            self.feedback.value = _box("invalid", escape(result.message))
        elif result.correct:
            self.feedback.value = _box(
                "correct",
                f'{escape(result.message)}<div style="margin-top:0.3em">{render(q.explanation)}</div>'
                f'<div class="cq-meta"><em>Source:</em> {render_inline(q.source)}</div>')
        else:
            tips = "Try again"
            if self.hint_button is not None and not self.hint_html.value:
                tips += ", use the hint"
            tips += ", or click “Show answer”."
            why = (f'<div class="quiz-option-feedback" style="margin-top:0.3em">{render(result.feedback)}</div>'
                   if result.feedback else "")
            self.feedback.value = _box("wrong", f"{escape(result.message)}{why} {escape(tips)}")

    def check(self, save: bool = True) -> Result:
        """Grade what the widgets hold, show the feedback, update the score and save."""
        result = self.question.check(self.get_answer())
        self.last_result = result
        self._show_result(result)
        if result.valid:
            self.attempts += 1
            self.correct = result.correct
            if not result.correct:
                self.reveal_button.disabled = False
            if save:
                self.quiz._save(self, result)
        self._explain_reveal()
        self.quiz._update_score()
        return result

    def _on_check(self, _button=None) -> None:
        self.check()

    def reveal(self, save: bool = True) -> None:
        """Show the answer, explanation and source."""
        self.revealed = True
        self.reveal_button.disabled = False
        prefix = self.feedback.value if self.last_result is not None and self.last_result.valid \
            and not self.last_result.correct else ""
        self.feedback.value = prefix + _box("answer", answer_html(self.question))
        if save:
            self.quiz._save(self, self.last_result)

    def _on_reveal(self, _button=None) -> None:
        self.reveal()

    def _on_hint(self, _button=None) -> None:
        self.hint_html.value = _box("hint", render(self.question.hint))

    def reset(self) -> None:
        """Clear the answer, feedback and attempts of this question."""
        self.set_answer(None)
        self.attempts, self.correct, self.revealed, self.last_result = 0, None, False, None
        self.feedback.value = ""
        self.hint_html.value = ""
        self.reveal_button.disabled = not self.quiz.instructor
        self._explain_reveal()
        if self.quiz.instructor:
            self.reveal(save=False)

    def restore(self, entry: dict) -> None:
        """Restore a saved entry: answer back into the widgets, feedback shown, no new save."""
        answer = entry.get("answer")
        if answer is None and not entry.get("revealed"):
            return
        if answer is not None:
            self.set_answer(answer)
            result = self.question.check(self.get_answer())
            if result.valid:
                self.last_result = result
                self.correct = result.correct
                self._show_result(result)
                if not result.correct:
                    self.reveal_button.disabled = False
            else:  # the bank changed since: do not leave an answer that no longer fits
                self.set_answer(None)
        try:
            self.attempts = max(int(entry.get("attempts", 0)), 1 if self.correct is not None else 0)
        except (TypeError, ValueError):
            self.attempts = 1 if self.correct is not None else 0
        if entry.get("revealed"):
            self.reveal(save=False)
        self._explain_reveal()


class Quiz:
    """An interactive quiz for one bank; displays itself as a cell's last expression.

    ``Quiz.from_bank("nato")`` is the usual way in. ``quiz.questions`` lists the questions in the
    order shown; ``quiz.views`` their widgets; ``quiz.score`` / ``quiz.total`` the score;
    ``quiz.reset()`` clears answers (and saved progress); ``quiz.to_html()`` is the static copy.
    """

    def __init__(self, bank: Bank, shuffle: bool = False, seed=None, instructor: bool | None = None,
                 progress=True, questions=None, shuffle_options: bool | None = None, title: str | None = None):
        self.bank = load_bank(bank)
        self.instructor = _instructor_default() if instructor is None else bool(instructor)
        self.shuffle = bool(shuffle)
        self.seed = seed
        if progress is True:
            self.store: ProgressStore | None = ProgressStore()
        elif progress in (False, None):
            self.store = None
        elif isinstance(progress, ProgressStore):
            self.store = progress
        else:
            self.store = ProgressStore(progress)
        if questions is None:
            chosen = list(self.bank.questions)
        else:
            chosen = [self.bank.question(qid) for qid in questions]
        if not chosen:
            raise ValueError(f"bank {self.bank.name!r}: no questions to show")
        questions = chosen
        options: dict[str, list[str]] = {q.id: list(q.options) for q in questions if q.options}
        #: the order the static HTML uses: the bank's, so slides, handouts and keys agree
        self.option_order = {k: list(v) for k, v in options.items()}
        if self.shuffle:
            rng = random.Random(seed)
            rng.shuffle(questions)
            for q in questions:
                if q.id in options:
                    rng.shuffle(options[q.id])
            self.option_order = options
        elif (shuffle_options if shuffle_options is not None else _shuffle_default()) and not self.instructor:
            key = _student_key(self.store)
            for qid in options:
                options[qid] = random.Random(f"{key}:{qid}").sample(options[qid], len(options[qid]))
        self.questions: list[Question] = questions
        #: the order each question's options are shown in the live widgets
        self.widget_option_order = options

        n = len(questions)
        self.views = [QuestionView(self, q, i + 1, n, options.get(q.id)) for i, q in enumerate(questions)]
        if title is None:
            title = self.bank.title
        self.title = title
        title = title + (" (instructor mode: answers shown)" if self.instructor else "")
        self.title_html = widgets.HTML(value=f'<div class="cq-title">'
                                             f'{render_inline(title)}</div>')
        self.score_html = widgets.HTML(value="")
        self.progress_bar = widgets.IntProgress(value=0, min=0, max=max(n, 1), description="Score:",
                                                style={"description_width": "initial"})
        self.reset_button = widgets.Button(description="Reset", tooltip="Clear all answers of this quiz",
                                           icon="undo")
        self.reset_button.on_click(lambda _b: self.reset())
        self.header = widgets.HBox([self.progress_bar, self.score_html, self.reset_button],
                                   layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        #: the quiz's stylesheet (theme colours, focus ring, layouts); first child of the widget
        self.style_html = widgets.HTML(value=QUIZ_CSS, layout=widgets.Layout(height="0px", margin="0px"))
        #: progress notices in words, each shown once (a failed save, answers set aside)
        self.notice_html = widgets.HTML(value="", layout=_WIDE)
        self._save_error_shown = False
        self.widget = widgets.VBox([self.style_html, self.title_html, self.header, self.notice_html]
                                   + [v.box for v in self.views])
        self.widget.add_class("crisis-quiz")
        self.widget.add_class("crisis-quiz-live")
        if self.store is not None and not self.instructor:  # "Save a receipt" at the foot (crisis_course.receipt)
            from ..receipt import receipt_widget

            self.receipt_box = receipt_widget(self)
            self.widget.children = (*self.widget.children, self.receipt_box)

        if self.store is not None:
            saved = self.store.bank(self.bank.name, questions=self.questions)  # misfits set aside
            self._notify()
            for v in self.views:
                entry = saved.get(v.question.id)
                if isinstance(entry, dict):
                    v.restore(entry)
        if self.instructor:
            for v in self.views:
                if not v.revealed:
                    v.reveal(save=False)
        self._update_score()

    @classmethod
    def from_bank(cls, name_or_path, shuffle: bool = False, seed=None, instructor: bool | None = None,
                  progress=True, include_checkpoints: bool = False,
                  shuffle_options: bool | None = None) -> Quiz:
        """Load a bank by name ("nato") or path to a ``.yaml`` file and build its end-of-lesson quiz.

        The bank's checkpoint questions (``checkpoint: true``) are asked inside the lesson with
        :func:`checkpoint` and left out here unless ``include_checkpoints``.
        ``shuffle``/``seed``: shuffle questions and options (same seed, same order).
        ``shuffle_options``: shuffle each question's options per student (default: on, stable
        across restarts; ``CRISIS_COURSE_SHUFFLE=0`` turns it off; never in instructor mode).
        ``instructor``: show every answer (default: env var ``CRISIS_COURSE_INSTRUCTOR=1``).
        ``progress``: True saves to the user's progress file, False keeps nothing, a path or
        :class:`ProgressStore` saves there.
        """
        bank = load_bank(name_or_path)
        ids = [q.id for q in bank.questions if include_checkpoints or not q.checkpoint]
        return cls(bank, shuffle=shuffle, seed=seed, instructor=instructor, progress=progress,
                   questions=ids, shuffle_options=shuffle_options)

    # ---- state -------------------------------------------------------------------
    @property
    def score(self) -> int:
        return sum(1 for v in self.views if v.correct)

    @property
    def total(self) -> int:
        return len(self.views)

    def view(self, key) -> QuestionView:
        """The view of a question, by id or by 0-based position in the displayed order."""
        if isinstance(key, int):
            return self.views[key]
        for v in self.views:
            if v.question.id == key:
                return v
        raise KeyError(f"No question {key!r} in bank {self.bank.name!r}")

    def answer(self, key, value) -> Result:
        """Put ``value`` into a question's widgets and click Check (handy in scripts and tests)."""
        v = self.view(key)
        parsed = v.question.check(value)
        if v.question.kind.typed:
            v.input.value = "" if value is None else str(value)
        elif parsed.valid:
            v.set_answer(parsed.answer)
        else:  # cannot be put into the widgets: show why, as a Check click would
            v.last_result = parsed
            v._show_result(parsed)
            return parsed
        return v.check()

    def _update_score(self) -> None:
        s, n = self.score, self.total
        self.progress_bar.value = s
        answered = sum(1 for v in self.views if v.correct is not None)
        self.score_html.value = (f'<span class="cq-score">{s} / {n} correct'
                                 f' · {answered} answered{self._checkpoint_tally()}</span>')

    def _checkpoint_tally(self) -> str:
        """For an end quiz: how the lesson's checkpoints (asked in the narrative, saved in the same
        bank) went, so they count with the quiz. Empty for a checkpoint itself or without a store."""
        shown = {q.id for q in self.questions}
        others = [q.id for q in self.bank.questions if q.checkpoint and q.id not in shown]
        if not others or self.store is None:
            return ""
        try:
            saved = self.store.bank(self.bank.name)
        except Exception:  # noqa: BLE001 - an unreadable file must not break the score line
            return ""
        right = sum(1 for qid in others if isinstance(saved.get(qid), dict) and saved[qid].get("correct"))
        return f" · checkpoints in the lesson: {right} of {len(others)} right"

    def _save(self, view: QuestionView, result: Result | None) -> None:
        if self.store is None:
            return
        self.store.save_answer(
            self.bank.name, view.question.id,
            correct=bool(view.correct),
            answer=result.answer if result is not None and result.valid else None,
            attempts=view.attempts,
            revealed=view.revealed,
        )
        self._notify()

    def _notify(self, extra: str | None = None) -> None:
        """Show the store's pending notices, ``extra``, and a failed save (once) in the quiz."""
        lines = ([extra] if extra else []) + (self.store.take_notices() if self.store is not None else [])
        if self.store is not None and self.store.last_error and not self._save_error_shown:
            self._save_error_shown = True
            lines.append(self.store.last_error)
        for line in lines:
            self.notice_html.value += (
                '<div role="status" aria-live="polite" style="border-left:4px solid #8a5a00;padding:0.3em 0.8em;'
                f'margin:0.3em 0;color:#1a1a1a;background:#fff8e5"><strong>⚠ Saving.</strong> {escape(line)}</div>')

    def reset(self) -> None:
        """Clear every answer and the score of this quiz's questions, and their saved progress
        (a checkpoint elsewhere in the lesson keeps its own)."""
        if self.store is not None:
            ids = [q.id for q in self.questions]
            if len(ids) == len(self.bank.questions):
                saved = self.store.reset(self.bank.name)
            else:
                saved = self.store.update(self.bank.name, remove=ids)
            if not saved:  # do not pretend: the saved copy still holds the old answers
                self._save_error_shown = True
                self._notify("Your answers were cleared here, but your saved answers could not be changed, "
                             "so they may come back when you reopen the quiz. " + (self.store.last_error or ""))
        for v in self.views:
            v.reset()
        self._update_score()

    # ---- display -----------------------------------------------------------------
    def to_html(self, instructor: bool | None = None) -> str:
        """Static HTML (no script): answers in ``<details>``, or inline with ``instructor=True``."""
        inst = self.instructor if instructor is None else bool(instructor)
        return bank_to_html(self.bank, instructor=inst, questions=self.questions, options=self.option_order,
                            title=self.title)

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = dict(self.widget._repr_mimebundle_() or {})
        data["text/html"] = self.to_html()
        data["text/plain"] = repr(self)
        return data

    def __repr__(self) -> str:
        return f"<Quiz {self.bank.name!r}: {self.bank.title} - {self.score} / {self.total} correct>"


def checkpoint(bank, question_id: str, progress=True, instructor: bool | None = None) -> Quiz:
    """A "try first" question inside the lesson: one question of ``bank`` (marked
    ``checkpoint: true`` there), graded, saved and counted like the quiz, shown where the
    student has just read what is needed to answer it. Use it as a cell's last expression::

        checkpoint("energy", "energy-poland-share")
    """
    b = load_bank(bank)
    q = b.question(question_id)
    if not q.checkpoint:
        raise ValueError(f"{b.name}.yaml: question {question_id!r} is not marked 'checkpoint: true'")
    quiz = Quiz(b, progress=progress, instructor=instructor, questions=[question_id], title="Try first")
    quiz.views[0].header.value = (f'<div class="cq-meta">Checkpoint · '
                                  f'{escape(q.instruction)}</div>')
    quiz.widget.children = [quiz.style_html, quiz.title_html] + [v.box for v in quiz.views]
    quiz.widget.add_class("crisis-checkpoint")
    return quiz
