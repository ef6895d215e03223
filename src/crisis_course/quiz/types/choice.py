"""Questions answered by choosing options: ``single`` (one), ``multiple`` (all that apply) and
``true_false``. Options are lettered A, B, C ... in the bank's order everywhere."""
from __future__ import annotations

import json

from ..answers import _FALSE_WORDS, _TRUE_WORDS, Result, normalize_text, resolve_option
from ..markup import render_inline
from ..static import option_list_html
from .base import QuestionType, dupes

__all__ = ["Single", "Multiple", "TrueFalse"]


def _lettered_feedback(q) -> list[str]:
    return [f"<li><strong>{chr(65 + i)}.</strong> {render_inline(option)}: {render_inline(q.feedback[option])}</li>"
            for i, option in enumerate(q.options) if option in q.feedback]


class Single(QuestionType):
    name = "single"
    label = "Choose one answer."
    fields = required = ("options", "answer")
    field_schemas = {"options": {"minItems": 2}, "answer": {"$ref": "#/$defs/text"}}
    no_feedback_on_right = True

    def feedback_keys(self, data):
        return "an option", list(data["options"])

    def right_keys(self, data):
        return {data["answer"]}

    def _answers(self, data) -> list:
        return [data["answer"]]

    def bank_errors(self, data):
        qid, opts = data["id"], data["options"]
        out = [(qid, "options", f"{d!r} appears twice (ignoring case and accents)") for d in dupes(opts)]
        out += [(qid, "answer", f"{json.dumps(a, ensure_ascii=False)} is not one of the options")
                for a in self._answers(data) if a not in opts]
        return out

    def option_letter(self, q, option):
        return chr(ord("A") + q.options.index(option))

    def check(self, q, answer):
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            return Result(False, "Choose one of the options first.", valid=False)
        if isinstance(answer, (list, tuple, set)):
            if len(answer) != 1:
                return Result(False, "Choose exactly one option.", valid=False)
            (answer,) = tuple(answer)
        chosen = resolve_option(answer, q.options)
        if chosen is None:
            return Result(False, f"{str(answer)!r} is not one of the options.", valid=False)
        if chosen == q.answer:
            return Result(True, "That is the right option.", answer=chosen)
        return Result(False, f"{chosen!r} is not the right option.", answer=chosen,
                      feedback=q.feedback_for(chosen))

    def right_options(self, q):
        return {q.answer}

    def answer_letters(self, q):
        return q.option_letter(q.answer)

    def inputs_html(self, q, instructor, options=None):
        return option_list_html(options if options is not None else q.options, instructor, self.right_options(q))

    def why_not_items(self, q):
        return _lettered_feedback(q)

    def make_input(self, view):
        return view.radio(view.options, wide=True)

    paper_label = "Your letter"

    def worksheet_blank(self, q):
        return {"options": [(chr(ord("A") + i), render_inline(o)) for i, o in enumerate(q.options)],
                "answer_label": self.paper_label, "lines": 0}

    def set_answer(self, view, answer):
        view.input.value = answer if answer in view.options else None

    def wrong_keys(self, q, answer, mapping):
        return [answer]


class Multiple(Single):
    name = "multiple"
    label = "Choose all that apply."
    field_schemas = {"options": {"minItems": 2},
                     "answer": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/text"}}}
    no_feedback_on_right = False

    def right_keys(self, data):
        return set(data["answer"])

    def _answers(self, data):
        return data["answer"]

    def bank_errors(self, data):
        return super().bank_errors(data) + [(data["id"], "answer", f"{d!r} is listed twice")
                                            for d in dupes(data["answer"])]

    def answer_text(self, q):
        return "; ".join(q.answer)

    def check(self, q, answer):
        if isinstance(answer, (str, int)) and not isinstance(answer, bool):
            answer = [answer]
        if not isinstance(answer, (list, tuple, set, frozenset)):
            return Result(False, "Choose one or more options (give a list).", valid=False)
        chosen: list[str] = []
        for value in answer:
            option = resolve_option(value, q.options)
            if option is None:
                return Result(False, f"{str(value)!r} is not one of the options.", valid=False)
            if option not in chosen:
                chosen.append(option)
        if not chosen:
            return Result(False, "Choose at least one option.", valid=False)
        chosen = [o for o in q.options if o in chosen]  # canonical order
        right = set(q.answer)
        if set(chosen) == right:
            return Result(True, "You chose exactly the right options.", answer=chosen)
        hits = len(right & set(chosen))
        wrong = len(set(chosen) - right)
        parts = [f"You chose {hits} of the {len(right)} right option{'s' if len(right) != 1 else ''}"]
        if wrong:
            parts.append(f"and {wrong} that {'is' if wrong == 1 else 'are'} not right")
        notes = [f"{o!r}: {q.feedback[o]}" for o in chosen if o not in right and o in q.feedback]
        notes += [f"{o!r} (not ticked): {q.feedback[o]}" for o in q.options
                  if o in right and o not in chosen and o in q.feedback]
        return Result(False, " ".join(parts) + ".", answer=chosen, feedback=" ".join(notes) or None)

    def right_options(self, q):
        return set(q.answer)

    def answer_letters(self, q):
        return ", ".join(sorted(q.option_letter(a) for a in q.answer))

    def answer_html(self, q):
        return "<ul>" + "".join(f"<li>{render_inline(a)}</li>" for a in q.answer) + "</ul>"

    def make_input(self, view):
        return view.checkbox_list(view.options)

    paper_label = "Your letters (all that apply)"

    def get_answer(self, view):
        return [cb.description for cb in view.checkboxes if cb.value]

    def set_answer(self, view, answer):
        chosen = set(answer or [])
        for cb in view.checkboxes:
            cb.value = cb.description in chosen

    def wrong_keys(self, q, answer, mapping):
        return [o for o in (answer or []) if o not in set(q.answer)]

    def display_answer(self, q, answer):
        return "; ".join(map(str, answer))


class TrueFalse(QuestionType):
    name = "true_false"
    label = "True or false?"
    fields = required = ("answer",)
    field_schemas = {"answer": {"type": "boolean"}}
    no_feedback_on_right = True

    def feedback_keys(self, data):
        return "'true' or 'false'", ["true", "false"]

    def right_keys(self, data):
        return {"true" if data["answer"] else "false"}

    def answer_text(self, q):
        return "True" if q.answer else "False"

    def option_letter(self, q, option):
        return "True" if option in (True, "true", "True") else "False"

    def check(self, q, answer):
        if isinstance(answer, bool):
            value = answer
        elif isinstance(answer, str) and normalize_text(answer) in _TRUE_WORDS:
            value = True
        elif isinstance(answer, str) and normalize_text(answer) in _FALSE_WORDS:
            value = False
        elif answer is None or (isinstance(answer, str) and not answer.strip()):
            return Result(False, "Choose True or False first.", valid=False)
        else:
            return Result(False, f"Answer True or False (got {str(answer)!r}).", valid=False)
        if value == q.answer:
            return Result(True, f"Yes: the statement is {'true' if value else 'false'}.", answer=value)
        return Result(False, f"The statement is not {'true' if value else 'false'}.", answer=value,
                      feedback=q.feedback_for(value))

    def answer_letters(self, q):
        return self.answer_text(q)

    def inputs_html(self, q, instructor, options=None):
        return option_list_html(["True", "False"], instructor, {"True" if q.answer else "False"})

    def why_not_items(self, q):
        return [f"<li><strong>{label}</strong>: {render_inline(q.feedback[key])}</li>"
                for key, label in (("true", "True"), ("false", "False")) if key in q.feedback]

    def make_input(self, view):
        return view.radio(["True", "False"], wide=False)

    def worksheet_blank(self, q):
        return {"options": [("A", "True"), ("B", "False")], "answer_label": "True or false", "lines": 0}

    def get_answer(self, view):
        v = view.input.value
        return None if v is None else v == "True"

    def set_answer(self, view, answer):
        view.input.value = None if answer is None else ("True" if answer else "False")

    def wrong_keys(self, q, answer, mapping):
        return ["true" if answer else "false"]

    def display_answer(self, q, answer):
        return "True" if answer else "False"
