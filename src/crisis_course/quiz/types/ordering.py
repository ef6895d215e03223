"""``ordering``: put items in order; the bank lists them in the right order and students see them
in a fixed shuffled order that is never the answer."""
from __future__ import annotations

from ..answers import Result, resolve_option
from ..markup import render_inline
from ..static import STYLE
from .base import QuestionType, dupes

__all__ = ["Ordering"]


class Ordering(QuestionType):
    name = "ordering"
    label = "Put the items in order."
    fields = required = ("items",)
    field_schemas = {"items": {"minItems": 2}}

    def feedback_keys(self, data):
        return "an item", list(data["items"])

    def bank_errors(self, data):
        return [(data["id"], "items", f"{d!r} appears twice: each item must be different") for d in dupes(data["items"])]

    def correct_answer(self, q):
        return list(q.items)

    def answer_text(self, q):
        return " → ".join(q.items)

    def answer_letters(self, q):
        shown = list(q.display_items())
        return ", ".join(chr(ord("A") + shown.index(item)) for item in q.items)

    def check(self, q, answer):
        if not isinstance(answer, (list, tuple)):
            return Result(False, "Give the items as a list, earliest first.", valid=False)
        resolved: list[str] = []
        for value in answer:
            if value is None or (isinstance(value, str) and not value.strip()):
                return Result(False, "Fill every position before checking.", valid=False)
            item = resolve_option(value, q.items) if not isinstance(value, int) else None
            if item is None:
                return Result(False, f"{str(value)!r} is not one of the items to order.", valid=False)
            if item in resolved:
                return Result(False, f"{item!r} is used twice: use each item once.", valid=False)
            resolved.append(item)
        if len(resolved) != len(q.items):
            missing = [i for i in q.items if i not in resolved]
            return Result(False, "Use every item once. Missing: " + "; ".join(repr(m) for m in missing) + ".",
                          valid=False)
        if resolved == q.items:
            return Result(True, "All items are in the right order.", answer=resolved)
        in_place = sum(a == b for a, b in zip(resolved, q.items))
        misplaced = [(n, item) for n, (item, want) in enumerate(zip(resolved, q.items), 1) if item != want]
        msg = (f"{in_place} of {len(q.items)} items are in the right place. Not in place: "
               + "; ".join(f"position {n} ({item!r})" for n, item in misplaced) + ".")
        notes = [f"{item!r}: {q.feedback[item]}" for _, item in misplaced if item in q.feedback]
        return Result(False, msg, answer=resolved, feedback=" ".join(notes) or None)

    def inputs_html(self, q, instructor, options=None):
        lis = "".join(f"<li>{render_inline(i)}</li>" for i in q.display_items())
        return (f'<p style="{STYLE["meta"]}">Items to put in order (shown shuffled):</p>'
                f'<ul style="margin:0.3em 0 0.3em 1.5em">{lis}</ul>')

    def answer_html(self, q):
        return "<ol>" + "".join(f"<li>{render_inline(i)}</li>" for i in q.items) + "</ol>"

    def worksheet_blank(self, q):
        return {"options": [(chr(ord("A") + i), render_inline(o)) for i, o in enumerate(q.display_items())],
                "answer_label": "Order, first to last (letters)", "lines": 0}

    def make_input(self, view):
        return view.positions(view.question.display_items())

    def get_answer(self, view):
        return [d.value for d in view.dropdowns]

    def set_answer(self, view, answer):
        answer = list(answer or [])
        for i, d in enumerate(view.dropdowns):
            d.value = answer[i] if i < len(answer) and answer[i] in view.dropdown_values(d) else None

    def wrong_keys(self, q, answer, mapping):
        return [item for item, right in zip(answer or [], q.items) if item != right]

    def display_answer(self, q, answer):
        return " → ".join(map(str, answer))
