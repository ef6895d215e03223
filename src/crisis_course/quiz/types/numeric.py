"""``numeric``: a number, with an optional unit and tolerance; common wrong numbers get their own
feedback (``near_misses``)."""
from __future__ import annotations

from ..answers import NumberParseError, Result, _fmt, parse_number
from ..markup import escape
from ..static import STYLE
from .base import QuestionType

__all__ = ["Numeric"]


def _close(key, value) -> bool:
    try:
        return abs(float(key) - value) <= 1e-9 * max(1.0, abs(value))
    except (TypeError, ValueError):
        return False


class Numeric(QuestionType):
    name = "numeric"
    label = "Type a number."
    fields = ("answer", "tolerance", "unit", "near_misses")
    required = ("answer",)
    field_schemas = {"answer": {"type": "number"}}
    typed = True

    def feedback_key_error(self, data, fld, key, allowed, what, right):
        if fld == "feedback":
            return "numeric questions give wrong-number feedback under near_misses"
        if key != "*":
            return f"key {key!r}: numeric questions take only '*' here"
        return None

    def feedback_errors(self, data):
        out = super().feedback_errors(data)
        answer, tol = data["answer"], data.get("tolerance", 0) or 0
        for miss in data.get("near_misses", []) or []:
            if abs(miss["value"] - answer) <= tol:
                out.append((data["id"], "near_misses", f"{miss['value']} is within the tolerance of the answer"))
        return out

    def bank_errors(self, data):
        unit = data.get("unit")
        if unit is not None and not str(unit).strip():
            return [(data["id"], "unit", "is empty: remove it or give the unit")]
        return []

    def instruction(self, q):
        return f"Type a number (in {q.unit})." if q.unit else self.label

    def answer_data(self, q):
        return float(q.answer)

    def answer_text(self, q):
        text = _fmt(q.answer)
        if q.unit:
            text += "%" if q.unit.strip() == "%" else f" {q.unit}"
        if q.tolerance:
            text += f" (answers within ±{_fmt(q.tolerance)} count)"
        return text

    def check(self, q, answer):
        try:
            value = parse_number(answer, q.unit)
        except NumberParseError as exc:
            return Result(False, str(exc), valid=False)
        stored = answer if isinstance(answer, str) else value
        target = float(q.answer)
        slack = q.tolerance + 1e-9 * max(1.0, abs(target))
        if abs(value - target) <= slack:
            return Result(True, f"{_fmt(value)} is right.", answer=stored)
        direction = "too high" if value > target else "too low"
        return Result(False, f"{_fmt(value)} is {direction}.", answer=stored, feedback=q.near_miss(value))

    def inputs_html(self, q, instructor, options=None):
        unit = f" (in {escape(q.unit)})" if q.unit else ""
        return f'<p style="{STYLE["meta"]}">Answer: a number{unit}.</p>'

    def worksheet_blank(self, q):
        return {"answer_label": "Your number" + (f" (in {q.unit})" if q.unit else ""), "lines": 0}

    def make_input(self, view):
        q = view.question
        return view.text_box(f"a number (in {q.unit})" if q.unit else "a number, e.g. 45")

    def wrong_keys(self, q, answer, mapping):
        keys = [k for k in mapping if k != "*"]
        try:
            value = parse_number(answer, q.unit)
        except Exception:  # noqa: BLE001 - an answer that no longer reads has no feedback
            return []
        return [k for k in keys if _close(k, value)]

    def display_answer(self, q, answer):
        if isinstance(answer, float):
            return str(int(answer)) if answer.is_integer() else f"{answer:g}"
        return str(answer)
