"""``matching``: match each item on the left to one on the right; the bank lists the pairs and
students see the right column in a fixed shuffled order, lettered A, B, C ..."""
from __future__ import annotations

from ..answers import Result, resolve_option
from ..markup import render_inline
from ..static import STYLE
from .base import QuestionType, dupes

__all__ = ["Matching"]


class Matching(QuestionType):
    name = "matching"
    label = "Match each item on the left to one on the right."
    fields = required = ("pairs",)
    field_schemas = {"pairs": {"minItems": 2}}

    def feedback_keys(self, data):
        return "a left item", [p[0] for p in data["pairs"]]

    def bank_errors(self, data):
        qid, pairs = data["id"], data["pairs"]
        return ([(qid, "pairs", f"left item {d!r} appears twice") for d in dupes([p[0] for p in pairs])]
                + [(qid, "pairs", f"right item {d!r} appears twice: each match must be unique")
                   for d in dupes([p[1] for p in pairs])])

    def correct_answer(self, q):
        return dict(q.pairs)

    def answer_text(self, q):
        return "; ".join(f"{a} → {b}" for a, b in q.pairs)

    def answer_letters(self, q):
        shown = list(q.display_rights())
        return ", ".join(f"{n}-{chr(ord('A') + shown.index(b))}" for n, (_a, b) in enumerate(q.pairs, 1))

    def check(self, q, answer):
        if isinstance(answer, dict):
            given = list(answer.items())
        elif isinstance(answer, (list, tuple)) and all(
            isinstance(p, (list, tuple)) and len(p) == 2 for p in answer
        ):
            given = [tuple(p) for p in answer]
        else:
            return Result(False, "Give the matches as a dict {left: right} or a list of (left, right) pairs.",
                          valid=False)
        lefts, rights = q.lefts, q.rights
        mapping: dict[str, str] = {}
        for left, right in given:
            lv = resolve_option(left, lefts) if isinstance(left, str) else None
            if lv is None:
                return Result(False, f"{str(left)!r} is not one of the items on the left.", valid=False)
            if right is None or (isinstance(right, str) and not right.strip()):
                return Result(False, f"Choose a match for {lv!r}.", valid=False)
            rv = resolve_option(right, rights) if isinstance(right, str) else None
            if rv is None:
                return Result(False, f"{str(right)!r} is not one of the choices on the right.", valid=False)
            if lv in mapping and mapping[lv] != rv:
                return Result(False, f"{lv!r} is matched twice.", valid=False)
            mapping[lv] = rv
        missing = [left for left in lefts if left not in mapping]
        if missing:
            return Result(False, "Choose a match for every item. Missing: " + "; ".join(map(repr, missing)) + ".",
                          valid=False)
        canonical = {left: mapping[left] for left in lefts}
        right_count = sum(canonical[a] == b for a, b in q.pairs)
        if right_count == len(q.pairs):
            return Result(True, "Every pair is right.", answer=canonical)
        msg = f"{right_count} of {len(q.pairs)} pairs are right."
        wrong_pairs = [a for a, b in q.pairs if canonical[a] != b]
        msg += " Not right: " + "; ".join(f"{a!r} \u2192 {canonical[a]!r}" for a in wrong_pairs) + "."
        if len(set(canonical.values())) < len(canonical):
            msg += " Each choice on the right belongs to exactly one item."
        notes = [f"{a!r}: {q.feedback[a]}" for a in wrong_pairs if a in q.feedback]
        return Result(False, msg, answer=canonical, feedback=" ".join(notes) or None)

    def inputs_html(self, q, instructor, options=None):
        rows = "".join(f"<li>{render_inline(a)}</li>" for a in q.lefts)
        choices = "".join(f"<li>{render_inline(b)}</li>" for b in q.display_rights())
        return (f'<p style="{STYLE["meta"]}">Match each item:</p><ol style="margin:0.3em 0 0.3em 1.5em">{rows}</ol>'
                f'<p style="{STYLE["meta"]}">… to one of these (shown shuffled):</p>'
                f'<ol type="A" style="margin:0.3em 0 0.3em 1.5em">{choices}</ol>')

    def answer_html(self, q):
        return "<ul>" + "".join(f"<li>{render_inline(a)} → {render_inline(b)}</li>" for a, b in q.pairs) + "</ul>"

    def worksheet_blank(self, q):
        return {"lefts": [render_inline(a) for a in q.lefts],
                "options": [(chr(ord("A") + i), render_inline(b)) for i, b in enumerate(q.display_rights())],
                "answer_label": "Your pairs (number-letter)", "lines": 0}

    def make_input(self, view):
        return view.matches(view.question.lefts, view.question.display_rights())

    def get_answer(self, view):
        return {left: d.value for left, d in zip(view.question.lefts, view.dropdowns)}

    def set_answer(self, view, answer):
        mapping = dict(answer or {})
        for left, d in zip(view.question.lefts, view.dropdowns):
            v = mapping.get(left)
            d.value = v if v in view.dropdown_values(d) else None

    def wrong_keys(self, q, answer, mapping):
        return [left for left, right in q.pairs if (answer or {}).get(left) != right]

    def display_answer(self, q, answer):
        return "; ".join(f"{a} → {b}" for a, b in answer.items())
