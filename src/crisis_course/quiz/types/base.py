"""The base of a question type: every job that differs by type is a method here.

One subclass per type (``single``, ``multiple``, ``true_false`` in :mod:`.choice`; :mod:`.numeric`,
:mod:`.ordering`, :mod:`.matching`, :mod:`.text`) owns, for its type: the bank rules JSON Schema
cannot express (:meth:`bank_errors`, the keys its ``feedback`` may name), grading (:meth:`check`),
the right answer as data and as text, the static HTML (options shown, answer), the live widget
(built by :class:`~crisis_course.quiz.widgets.QuestionView`'s helpers, read back, filled in) and,
for the class report, which feedback applies to a wrong answer and how an answer reads.
A method gets the :class:`~crisis_course.quiz.grading.Question` (or, for bank rules, the
question's raw mapping) as its argument: types hold no state, one instance each.
"""
from __future__ import annotations

from ..answers import Result, normalize_text
from ..markup import escape, render_inline

__all__ = ["QuestionType", "dupes", "TYPED_FIELDS"]

#: the question fields whose meaning depends on the type; a type refuses those it does not use
TYPED_FIELDS = ("options", "answer", "tolerance", "unit", "items", "pairs", "accept", "near_misses")


def dupes(values) -> list:
    """Values that appear twice, ignoring case and accents (for bank rules)."""
    seen, dup = set(), []
    for v in values:
        k = normalize_text(v) if isinstance(v, str) else v
        if k in seen and v not in dup:
            dup.append(v)
        seen.add(k)
    return dup


class QuestionType:
    """What one question type does. Subclasses set :attr:`name` and :attr:`label` and override
    the methods that differ; the defaults suit a question answered by typing."""

    #: the ``type:`` of a bank question
    name = ""
    #: the short instruction shown above the question ("Choose one answer.")
    label = ""
    #: the answer is typed in a text box (Enter checks it)
    typed = False
    #: feedback on the right answer is refused by the bank rules (single, true/false)
    no_feedback_on_right = False

    #: the typed fields a question of this type may have (:data:`TYPED_FIELDS`), and those it must
    fields: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    #: JSON Schema constraints on its own fields (e.g. ``{"options": {"minItems": 2}}``)
    field_schemas: dict = {}

    def __repr__(self) -> str:
        return f"<question type {self.name!r}>"

    # ---- the schema fragment ---------------------------------------------------------------
    def schema_rule(self) -> dict:
        """This type's rule in ``schemas/quiz_bank.schema.json`` (``$defs.question.allOf``): the
        fields it requires, their constraints, and the typed fields it refuses."""
        props = dict(self.field_schemas)
        props.update({f: False for f in TYPED_FIELDS if f not in self.fields})
        return {"if": {"properties": {"type": {"const": self.name}}, "required": ["type"]},
                "then": {"required": list(self.required), "properties": props}}

    # ---- bank rules (the question as a raw mapping; the schema has passed) -------------------
    def feedback_keys(self, data: dict) -> tuple[str, list[str]]:
        """(what a feedback key names, the keys allowed)."""
        return "a wrong answer", []

    def right_keys(self, data: dict) -> set:
        """Keys that name the right answer (feedback is for wrong ones)."""
        return set()

    def feedback_key_error(self, data: dict, fld: str, key: str, allowed: list, what: str, right: set) -> str | None:
        """The problem with one key of ``feedback`` or ``instructor_notes``, or None."""
        if key not in allowed:
            return (f"key {key!r} matches no {what.split(' ', 1)[-1]} of this question "
                    f"(it must be {what}, written exactly)")
        if fld == "feedback" and self.no_feedback_on_right and key in right:
            return f"key {key!r} is the right answer: feedback is for wrong answers"
        return None

    def feedback_errors(self, data: dict) -> list[tuple[str, str, str]]:
        """Keys of ``feedback`` and ``instructor_notes`` that name nothing wrong the student can answer."""
        out = []
        what, allowed = self.feedback_keys(data)
        right = self.right_keys(data)
        for fld in ("feedback", "instructor_notes"):
            for key in data.get(fld, {}) or {}:
                if fld == "instructor_notes" and key == "*":
                    continue
                problem = self.feedback_key_error(data, fld, key, allowed, what, right)
                if problem:
                    out.append((data["id"], fld, problem))
        return out

    def bank_errors(self, data: dict) -> list[tuple[str, str, str]]:
        """(question id, field, problem) for the type's own rules (answers among the options...)."""
        return []

    # ---- the right answer ----------------------------------------------------------------
    def instruction(self, q) -> str:
        return self.label

    def correct_answer(self, q):
        """The right answer in the form :meth:`check` accepts."""
        return q.answer

    def answer_data(self, q):
        """The right answer as JSON data for the graders outside Python (the page's grader)."""
        return q.answer

    def answer_text(self, q) -> str:
        """The right answer as plain text for people."""
        return str(q.answer)

    def option_letter(self, q, option) -> str:
        """The letter of an option or item ("A", "B", ...) in the bank's order."""
        return chr(ord("A") + q.items.index(option))

    def answer_letters(self, q) -> str:
        """The answer in the letters a class sees on slides, handouts and the answer key ("B";
        "A, C"; ordering "C, A, D, B"; matching "1-B, 2-D"; "True"); "" when typed."""
        return ""

    def right_options(self, q) -> set:
        """The right ones among the question's ``options`` (empty for types without options)."""
        return set()

    # ---- grading -------------------------------------------------------------------------
    def check(self, q, answer) -> Result:
        """Grade ``answer`` (numpy scalars already made plain); may raise only on a bug."""
        raise NotImplementedError(self.name)

    # ---- static HTML (escaped through quiz.markup) ---------------------------------------
    def inputs_html(self, q, instructor: bool, options: list[str] | None = None) -> str:
        """What the student answers with, as static HTML (options, items, "a number")."""
        raise NotImplementedError(self.name)

    def answer_html(self, q) -> str:
        """The right answer as HTML (after "Answer:")."""
        return render_inline(self.answer_text(q))

    def why_not_items(self, q) -> list[str]:
        """``<li>`` items of the bank's feedback on tempting wrong answers."""
        items = [f"<li>{render_inline(k)}: {render_inline(v)}</li>" for k, v in q.feedback.items()]
        items += [f"<li>{escape(str(m['value']))}{(' ' + escape(q.unit)) if q.unit else ''}: "
                  f"{render_inline(m['feedback'])}</li>" for m in q.near_misses]
        return items

    # ---- the paper worksheet (export/worksheets.py) ---------------------------------------
    def worksheet_blank(self, q) -> dict:
        """What a printed worksheet shows to answer on: ``options`` [(letter, html)], ``lefts``
        (matching), ``answer_label`` and ``lines`` (ruled lines to write on)."""
        return {"answer_label": "Your answer", "lines": 1}

    # ---- the live widget (``view`` is a QuestionView) -------------------------------------
    def make_input(self, view):
        """The input widget, built with the view's helpers."""
        raise NotImplementedError(self.name)

    def get_answer(self, view):
        """The answer the widgets hold, in the form :meth:`check` accepts."""
        return view.input.value

    def set_answer(self, view, answer) -> None:
        """Put a canonical answer (as progress stores it; None clears) into the widgets."""
        view.input.value = "" if answer is None else str(answer)

    # ---- the class report ------------------------------------------------------------------
    def wrong_keys(self, q, answer, mapping: dict) -> list[str]:
        """Keys of ``mapping`` (feedback or instructor notes) that apply to a wrong ``answer``."""
        return []

    def display_answer(self, q, answer) -> str:
        """A student's answer as plain text for a person."""
        return str(answer)
