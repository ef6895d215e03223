"""Questions and grading: ``Question.check(answer)`` returns a :class:`Result`, never raises.

Answers are accepted in their natural Python form (see :meth:`Question.check`). An answer of
the wrong type or shape is *not* an error: it gives ``Result(correct=False, valid=False,
message=...)`` with a message saying what was expected, so a student who types "forty" into a
numeric question is told to type digits instead of seeing a traceback.

A :class:`Question` holds a bank question's data; what depends on its type (grading, the
answer as text, the widget, the static HTML) is done by its :attr:`Question.kind`, one class per
type in :mod:`crisis_course.quiz.types`. How numbers and text are read (units, decimal commas,
accents): :mod:`crisis_course.quiz.answers`, whose names are also importable from here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .answers import (  # noqa: F401 - re-exported: this module's names before the split (issue 19)
    _DASHES,
    _EDGE_PUNCT,
    _FALSE_WORDS,
    _MULTIPLIERS,
    _QUOTES,
    _SPECIAL,
    _TIMES_WORDS,
    _TRUE_WORDS,
    MAX_NUMBER_CHARS,
    MAX_SIGNIFICANT_DIGITS,
    NumberParseError,
    Result,
    _fmt,
    _plain,
    normalize_text,
    parse_number,
    resolve_option,
    stable_shuffle,
)
from .types import QUESTION_TYPES, TYPE_LABELS, QuestionType, get_type  # noqa: F401

__all__ = [
    "Result",
    "Question",
    "QUESTION_TYPES",
    "parse_number",
    "normalize_text",
    "stable_shuffle",
    "NumberParseError",
]


@dataclass
class Question:
    """One question of a bank. Build it with :func:`crisis_course.quiz.bank.load_bank`."""

    id: str
    type: str
    prompt: str
    explanation: str
    source: str
    bank: str = ""
    hint: str | None = None
    options: list[str] = field(default_factory=list)
    answer: Any = None
    tolerance: float = 0.0
    unit: str | None = None
    items: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    accept: list[str] = field(default_factory=list)
    level: str | None = None
    checkpoint: bool = False
    feedback: dict[str, str] = field(default_factory=dict)
    near_misses: list[dict] = field(default_factory=list)
    instructor_notes: dict[str, str] = field(default_factory=dict)

    # ---- construction ------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: dict, bank: str = "") -> Question:
        return cls(
            id=str(data["id"]),
            type=data["type"],
            prompt=str(data["prompt"]),
            explanation=str(data["explanation"]),
            source=str(data["source"]),
            bank=bank,
            hint=data.get("hint"),
            options=[str(o) for o in data.get("options", [])],
            answer=data.get("answer"),
            tolerance=float(data.get("tolerance", 0) or 0),
            unit=data.get("unit") or None,
            items=[str(i) for i in data.get("items", [])],
            pairs=[(str(a), str(b)) for a, b in data.get("pairs", [])],
            accept=[str(a) for a in data.get("accept", [])],
            level=data.get("level"),
            checkpoint=bool(data.get("checkpoint", False)),
            feedback={str(k): str(v) for k, v in (data.get("feedback") or {}).items()},
            near_misses=[dict(m) for m in (data.get("near_misses") or [])],
            instructor_notes={str(k): str(v) for k, v in (data.get("instructor_notes") or {}).items()},
        )

    def __repr__(self) -> str:
        return f"Question(id={self.id!r}, type={self.type!r})"

    # ---- derived views -----------------------------------------------------------------
    @property
    def kind(self) -> QuestionType:
        """The question's type: :mod:`crisis_course.quiz.types` (grading, answer text, widget, HTML)."""
        return get_type(self.type)

    # ---- derived views -----------------------------------------------------------------
    @property
    def instruction(self) -> str:
        """A short instruction for the question type ("Choose all that apply.")."""
        return self.kind.instruction(self)


    @property
    def lefts(self) -> list[str]:
        return [a for a, _ in self.pairs]

    @property
    def rights(self) -> list[str]:
        return [b for _, b in self.pairs]

    def display_items(self) -> list[str]:
        """Ordering items in the fixed shuffled order shown to students (never the answer)."""
        return stable_shuffle(self.items, f"{self.id}:items", avoid_identity=True)

    def display_rights(self) -> list[str]:
        """The right column of a matching question, shuffled with a fixed seed."""
        return stable_shuffle(self.rights, f"{self.id}:rights", avoid_identity=True)

    def option_letter(self, option: str) -> str:
        """The letter of ``option`` ("A", "B", ...) in the bank's order: the same letter on slides,
        handouts, the answer key and LMS exports. True/false: "True" / "False"."""
        return self.kind.option_letter(self, option)


    def feedback_for(self, key) -> str | None:
        """The bank's feedback for one wrong answer key (option, 'true'/'false', item, left item,
        wrong text), or None."""
        if key is None:
            return None
        if isinstance(key, bool):
            key = "true" if key else "false"
        key = str(key)
        if key in self.feedback:
            return self.feedback[key]
        folded = normalize_text(key)
        for k, text in self.feedback.items():
            if normalize_text(k) == folded:
                return text
        return None

    def near_miss(self, value: float) -> str | None:
        """Feedback for a common wrong number (near_misses in the bank), or None."""
        for miss in self.near_misses:
            target = float(miss["value"])
            slack = float(miss.get("tolerance", 0) or 0) + 1e-9 * max(1.0, abs(target))
            if abs(value - target) <= slack:
                return str(miss["feedback"])
        return None

    def correct_answer(self) -> Any:
        """The right answer in the form :meth:`check` accepts."""
        return self.kind.correct_answer(self)

    def answer_text(self) -> str:
        """The right answer as plain text for people ("12", "Kyiv (also: Kiev)")."""
        return self.kind.answer_text(self)

    # ---- grading -----------------------------------------------------------------------
    def check(self, answer) -> Result:
        """Grade ``answer``; never raises for a bad answer.

        Accepted forms: single -> option text or 0-based index; multiple -> list of option
        texts or indices; true_false -> bool or "true"/"false"/"yes"/"no"; numeric -> a number
        or a string such as "45", "45 %", "45 percent", "45.0", "12,500"; ordering -> list of
        the items, earliest first; matching -> dict left -> right, or a list of (left, right);
        text -> a string.
        """
        try:
            answer = _plain(answer)  # numpy scalars (np.int64, np.bool_) as Python numbers/bools
            return self.kind.check(self, answer)
        except Exception as exc:  # a bug must never break a student's notebook
            return Result(False, f"This answer could not be checked ({type(exc).__name__}: {exc}).", valid=False)

    def _option(self, value, options: list[str]):
        """Resolve an option given as text (folded comparison) or 0-based int index; None if unknown."""
        return resolve_option(value, options)
