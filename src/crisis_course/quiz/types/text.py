"""``text``: a word or short phrase; other spellings in ``accept``; compared without case, accents,
extra spaces or surrounding punctuation (:func:`~crisis_course.quiz.answers.normalize_text`)."""
from __future__ import annotations

from ..answers import Result, normalize_text
from ..static import STYLE
from .base import QuestionType

__all__ = ["Text"]


class Text(QuestionType):
    name = "text"
    label = "Type a short answer."
    fields = ("answer", "accept")
    required = ("answer",)
    field_schemas = {"answer": {"$ref": "#/$defs/text"}}
    typed = True

    def right_keys(self, data):
        return {normalize_text(a) for a in [data["answer"], *data.get("accept", [])]}

    def feedback_key_error(self, data, fld, key, allowed, what, right):
        if normalize_text(key) in right:
            return f"key {key!r} is an accepted answer, not a wrong one"
        return None

    def bank_errors(self, data):
        qid, out = data["id"], []
        if not normalize_text(data["answer"]):
            out.append((qid, "answer", "has no letters or digits to compare"))
        for a in data.get("accept", []):
            if not normalize_text(a):
                out.append((qid, "accept", f"{a!r} has no letters or digits to compare"))
        return out

    def answer_text(self, q):
        text = str(q.answer)
        if q.accept:
            text += " (also accepted: " + ", ".join(q.accept) + ")"
        return text

    def check(self, q, answer):
        if answer is None or not isinstance(answer, (str, int, float)) or isinstance(answer, bool):
            return Result(False, "Type your answer as text.", valid=False)
        text = str(answer)
        folded = normalize_text(text)
        if not folded:
            return Result(False, "Type an answer first.", valid=False)
        accepted = {normalize_text(a) for a in [q.answer, *q.accept]}
        if folded in accepted:
            return Result(True, f"{text.strip()!r} is right.", answer=text.strip())
        return Result(False, f"{text.strip()!r} is not the answer we were looking for.", answer=text.strip(),
                      feedback=q.feedback_for(text.strip()))

    def inputs_html(self, q, instructor, options=None):
        return f'<p style="{STYLE["meta"]}">Answer: a word or short phrase.</p>'

    def make_input(self, view):
        return view.text_box("type your answer")

    def wrong_keys(self, q, answer, mapping):
        folded = normalize_text(str(answer))
        return [k for k in mapping if normalize_text(k) == folded]
