"""Questions and grading: ``Question.check(answer)`` returns a :class:`Result`, never raises.

Answers are accepted in their natural Python form (see :meth:`Question.check`). An answer of
the wrong type or shape is *not* an error: it gives ``Result(correct=False, valid=False,
message=...)`` with a message saying what was expected, so a student who types "forty" into a
numeric question is told to type digits instead of seeing a traceback.

Numeric answers (:func:`parse_number`): an optional sign, digits with ``.`` as the decimal point,
``,`` as a thousands separator when it separates groups of exactly three digits ("12,500"),
otherwise a single ``,`` is read as a decimal comma ("45,5" -> 45.5). A following unit is
accepted when it is the question's unit or its first words (case-insensitive, singular or
plural); ``%``, ``percent``, ``per cent`` and ``pct`` are interchangeable; a multiplier word
("thousand", "k", "million", "bn") may come first. Anything else gets a message.

Text answers (:func:`normalize_text`): Unicode NFKC/NFKD folding, accents removed ("Kyïv" ->
"kyiv"), case folded, apostrophes and dashes unified, whitespace collapsed, surrounding
punctuation and quotes ignored.
"""
from __future__ import annotations

import decimal
import fractions
import hashlib
import math
import random
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Result",
    "Question",
    "QUESTION_TYPES",
    "parse_number",
    "normalize_text",
    "stable_shuffle",
    "NumberParseError",
]

QUESTION_TYPES = ("single", "multiple", "true_false", "numeric", "ordering", "matching", "text")

TYPE_LABELS = {
    "single": "Choose one answer.",
    "multiple": "Choose all that apply.",
    "true_false": "True or false?",
    "numeric": "Type a number.",
    "ordering": "Put the items in order.",
    "matching": "Match each item on the left to one on the right.",
    "text": "Type a short answer.",
}


@dataclass(frozen=True)
class Result:
    """The outcome of checking one answer.

    ``correct``: whether the answer is right. ``message``: a sentence for the student.
    ``valid``: False when the answer could not be understood (wrong type, unknown option,
    "forty" for a number); such a try is not counted as an attempt by the quiz widget.
    ``answer``: the answer in a JSON-serialisable, canonical form (what progress stores).
    ``feedback``: for a wrong answer, what the bank says about that particular mistake
    (the chosen option, the near-miss number, the misplaced items or wrong pairs), else None.
    """

    correct: bool
    message: str
    valid: bool = True
    answer: Any = None
    feedback: str | None = None

    def __bool__(self) -> bool:  # ``if question.check(x):`` reads naturally
        return self.correct


# --------------------------------------------------------------------------- text ----------

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212_"), " ")
_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u02bc\u00b4`"), "'")
_SPECIAL = {ord("ß"): "ss", ord("æ"): "ae", ord("œ"): "oe", ord("ø"): "o", ord("ł"): "l", ord("đ"): "d"}
_EDGE_PUNCT = " \t\r\n.,;:!?\"'()[]{}\u201c\u201d\u00ab\u00bb"


def normalize_text(text: str) -> str:
    """Fold ``text`` for comparison: no accents, no case, single spaces, no edge punctuation.

    >>> normalize_text("  KÝIV. ")
    'kyiv'
    >>> normalize_text("Kyïv") == normalize_text("kyiv")
    True
    """
    s = unicodedata.normalize("NFKC", str(text)).casefold()
    s = s.translate(_SPECIAL).translate(_DASHES).translate(_QUOTES)
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    s = s.replace("-", " ")
    s = re.sub(r"\s+", " ", s).strip(_EDGE_PUNCT)
    return re.sub(r"\s+", " ", s).strip()


# ------------------------------------------------------------------------- numbers ---------

class NumberParseError(ValueError):
    """A numeric answer that could not be read; ``str(err)`` is the message for the student."""


_NUMBER = re.compile(
    r"""(?P<sign>[+\-\u2212]?)[ ]?
    (?P<num>
        \d{1,3}(?:,\d{3})+(?:\.\d+)?      # 12,500  or 12,500.5
      | \d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?  # 12 500 (spaces as thousands separator)
      | \d+,\d+                           # 45,5   (decimal comma)
      | \d+(?:\.\d*)?(?:[eE][+\-]?\d+)?   # 45  45.0  45.  1e3
      | \.\d+(?:[eE][+\-]?\d+)?           # .5
    )(?!\d)""",
    re.VERBOSE,
)
#: longest numeric answer read (after spaces are collapsed); longer input is refused at once
MAX_NUMBER_CHARS = 200
#: a float holds 15 significant decimal digits exactly; more cannot be compared as typed
MAX_SIGNIFICANT_DIGITS = 15


def _plain(value):
    """numpy (and other array-library) scalars as the Python bool/int/float they hold; anything
    else unchanged. ``numpy.bool_(True)`` -> ``True``, ``numpy.int64(3)`` -> ``3``."""
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    item = getattr(value, "item", None)
    if callable(item) and getattr(value, "shape", None) == ():
        try:
            out = item()
        except Exception:  # noqa: BLE001 - not a scalar after all
            return value
        if isinstance(out, (bool, int, float, complex, str)):
            return out
    return value


def _excerpt(text: str, limit: int = 40) -> str:
    """``text`` shortened for a message, lone surrogates made printable."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MULTIPLIERS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mio": 1e6, "billion": 1e9, "bn": 1e9}
_TIMES_WORDS = {"x", "×", "times", "fold"}


def _unit_words(text: str) -> list[str]:
    t = normalize_text(str(text).replace("/", " per "))
    return t.split() if t else []


def _same_word(a: str, b: str) -> bool:
    """Equal up to a plural ending: member/members, bus/buses."""
    if a == b:
        return True
    for x, y in ((a, b), (b, a)):
        if x + "s" == y or x + "es" == y:
            return True
    return False


def _unit_matches(typed: str, unit: str | None) -> bool:
    """Whether the text a student typed after the number is the question's unit.

    Case, accents and plural endings are ignored; ``%``/``percent``/``per cent``/``pct`` are
    one unit, as are ``x``/``times``; a leading part of a longer unit is enough ("bcm" for
    "bcm per year").
    """
    if not unit or not str(unit).strip():
        return False
    typed_s, unit_s = typed.strip().lower(), str(unit).strip().lower()
    percent = {"%", "percent", "per cent", "pct", "percents", "percentage"}
    points = {"pp", "percentage point", "percentage points", "points", "point"}
    if unit_s in percent:
        return typed_s in percent
    if unit_s in points:
        return typed_s in points | percent
    if unit_s in _TIMES_WORDS:
        return typed_s in _TIMES_WORDS
    words, expected = _unit_words(typed), _unit_words(unit)
    if not words or len(words) > len(expected):
        return False
    return all(_same_word(a, b) for a, b in zip(words, expected))


def parse_number(text, unit: str | None = None) -> float:
    """Read a number typed by a student, with an optional ``unit``; raise :class:`NumberParseError`.

    Runs in time linear in the length of ``text`` (and refuses more than
    :data:`MAX_NUMBER_CHARS` characters at once); accepts numpy numbers; refuses booleans,
    numbers too large or too small to compare, and numbers with more than
    :data:`MAX_SIGNIFICANT_DIGITS` significant digits, each with a message saying so.

    >>> parse_number("45 %", "%"), parse_number("45 percent", "%"), parse_number("12,500")
    (45.0, 45.0, 12500.0)
    """
    text = _plain(text)
    if isinstance(text, bool):
        raise NumberParseError("Type a number, not True or False.")
    if isinstance(text, int):
        if abs(text) >= 10 ** (MAX_SIGNIFICANT_DIGITS + 293):  # beyond a float: 1e308
            raise NumberParseError("That number is too large to check. Type a smaller one.")
        return float(text)
    if isinstance(text, float):
        if not math.isfinite(text):
            raise NumberParseError("Type an ordinary finite number.")
        return text
    if not isinstance(text, str):
        if isinstance(text, (decimal.Decimal, fractions.Fraction)):
            return parse_number(str(float(text)) if isinstance(text, fractions.Fraction) else str(text), None)
        raise NumberParseError(f"Type a number (got {type(text).__name__}).")
    s = " ".join(text.split())            # collapse whitespace runs: linear, and no regex backtracking on them
    if len(s) > MAX_NUMBER_CHARS * 4:     # cheap bound before Unicode normalisation
        raise NumberParseError(f"That is too long to be a number ({len(s):,} characters). Type just the number.")
    s = " ".join(unicodedata.normalize("NFKC", s).split())
    if not s:
        raise NumberParseError("Type a number first, for example 45.")
    if len(s) > MAX_NUMBER_CHARS:
        raise NumberParseError(f"That is too long to be a number ({len(s):,} characters). Type just the number.")
    m = _NUMBER.match(s)
    if not m:
        example = f"45 {unit}" if unit else "45"
        raise NumberParseError(
            f"I could not read {_excerpt(s)!r} as a number. Type it with digits, for example {example!r}."
        )
    num = m.group("num")
    if "," in num and re.fullmatch(r"\d+,\d+", num) and not re.fullmatch(r"\d{1,3}(,\d{3})+", num):
        num = num.replace(",", ".")  # decimal comma: 45,5
    else:
        num = num.replace(",", "")   # thousands separator: 12,500
    num = re.sub(r"[ \u00a0\u202f]", "", num).replace(",", ".")
    mantissa = re.split(r"[eE]", num)[0]
    digits = re.sub(r"\D", "", mantissa).lstrip("0")
    digits = digits.rstrip("0")          # 0.50 and 1000000 count as 1 significant digit
    if len(digits) > MAX_SIGNIFICANT_DIGITS:
        raise NumberParseError(
            f"That number has {len(digits)} significant digits; answers are compared to at most "
            f"{MAX_SIGNIFICANT_DIGITS}. Round it, for example to {float(num):.6g}."
        )
    value = float(num)
    if not math.isfinite(value):
        raise NumberParseError("That number is too large to check. Type a smaller one.")
    if value == 0.0 and digits:
        raise NumberParseError("That number is too small to check (it rounds to 0). Type it without the exponent.")
    if m.group("sign") in {"-", "\u2212"}:
        value = -value
    typed_unit = s[m.end():].strip()
    if typed_unit and not _unit_matches(typed_unit, unit):
        # "175 thousand", "175k troops", "1.5 bn": a multiplier, then perhaps the unit
        mult = re.match(r"(?i)(thousand|k|million|mn|mio|billion|bn)\b\.?\s*(.*)$", typed_unit)
        if mult and (not mult.group(2) or _unit_matches(mult.group(2), unit)):
            value *= _MULTIPLIERS[mult.group(1).lower()]
            typed_unit = ""
            if not math.isfinite(value):
                raise NumberParseError("That number is too large to check. Type a smaller one.")
    if typed_unit and not _unit_matches(typed_unit, unit):
        if unit:
            raise NumberParseError(
                f"I read the number {_fmt(value)} but not the unit {_excerpt(typed_unit)!r}: "
                f"this answer is in {unit}. Type just the number, or the number and {unit!r}."
            )
        raise NumberParseError(
            f"I read the number {_fmt(value)} but not {_excerpt(typed_unit)!r} after it: type just the number."
        )
    return value


def _fmt(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e16:
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1e6 else f"{value:.6g}"


# ------------------------------------------------------------------------- shuffling -------

def stable_shuffle(items, key: str, avoid_identity: bool = False) -> list:
    """Shuffle ``items`` with a seed derived from ``key`` (stable across runs and machines).

    With ``avoid_identity`` the result is never the original order (when there are 2+ items),
    so an ordering question never shows its own answer.
    """
    items = list(items)
    seed = int.from_bytes(hashlib.sha256(str(key).encode("utf-8")).digest()[:8], "big")
    shuffled = items[:]
    random.Random(seed).shuffle(shuffled)
    if avoid_identity and len(items) >= 2 and shuffled == items:
        shuffled = shuffled[1:] + shuffled[:1]
    return shuffled


# ------------------------------------------------------------------------- questions -------

_TRUE_WORDS = {"true", "t", "yes", "y", "vrai", "wahr", "1", "correct", "right"}
_FALSE_WORDS = {"false", "f", "no", "n", "faux", "falsch", "0", "incorrect", "wrong"}


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
    def instruction(self) -> str:
        """A short instruction for the question type ("Choose all that apply.")."""
        text = TYPE_LABELS[self.type]
        if self.type == "numeric" and self.unit:
            text = f"Type a number (in {self.unit})."
        return text

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
        if self.type == "true_false":
            return "True" if option in (True, "true", "True") else "False"
        pool = self.options if self.type in ("single", "multiple") else self.items
        return chr(ord("A") + pool.index(option))

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
        if self.type in ("single", "multiple", "true_false", "text"):
            return self.answer
        if self.type == "numeric":
            return self.answer
        if self.type == "ordering":
            return list(self.items)
        if self.type == "matching":
            return dict(self.pairs)
        raise AssertionError(self.type)

    def answer_text(self) -> str:
        """The right answer as plain text for people ("12", "Kyiv (also: Kiev)")."""
        t = self.type
        if t == "single":
            return str(self.answer)
        if t == "multiple":
            return "; ".join(self.answer)
        if t == "true_false":
            return "True" if self.answer else "False"
        if t == "numeric":
            text = _fmt(self.answer)
            if self.unit:
                text += "%" if self.unit.strip() == "%" else f" {self.unit}"
            if self.tolerance:
                text += f" (answers within ±{_fmt(self.tolerance)} count)"
            return text
        if t == "ordering":
            return " → ".join(self.items)
        if t == "matching":
            return "; ".join(f"{a} → {b}" for a, b in self.pairs)
        if t == "text":
            text = str(self.answer)
            if self.accept:
                text += " (also accepted: " + ", ".join(self.accept) + ")"
            return text
        raise AssertionError(t)

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
            return getattr(self, f"_check_{self.type}")(answer)
        except Exception as exc:  # a bug must never break a student's notebook
            return Result(False, f"This answer could not be checked ({type(exc).__name__}: {exc}).", valid=False)

    def _option(self, value, options: list[str]):
        """Resolve an option given as text (folded comparison) or 0-based int index; None if unknown."""
        if isinstance(value, bool):
            return None
        if isinstance(value, int) and 0 <= value < len(options):
            return options[value]
        if isinstance(value, (int, float)):
            value = str(value)
        if isinstance(value, str):
            if value in options:
                return value
            folded = normalize_text(value)
            matches = [o for o in options if normalize_text(o) == folded]
            return matches[0] if len(matches) == 1 else None
        return None

    def _check_single(self, answer) -> Result:
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            return Result(False, "Choose one of the options first.", valid=False)
        if isinstance(answer, (list, tuple, set)):
            if len(answer) != 1:
                return Result(False, "Choose exactly one option.", valid=False)
            (answer,) = tuple(answer)
        chosen = self._option(answer, self.options)
        if chosen is None:
            return Result(False, f"{str(answer)!r} is not one of the options.", valid=False)
        if chosen == self.answer:
            return Result(True, "That is the right option.", answer=chosen)
        return Result(False, f"{chosen!r} is not the right option.", answer=chosen,
                      feedback=self.feedback_for(chosen))

    def _check_multiple(self, answer) -> Result:
        if isinstance(answer, (str, int)) and not isinstance(answer, bool):
            answer = [answer]
        if not isinstance(answer, (list, tuple, set, frozenset)):
            return Result(False, "Choose one or more options (give a list).", valid=False)
        chosen: list[str] = []
        for value in answer:
            option = self._option(value, self.options)
            if option is None:
                return Result(False, f"{str(value)!r} is not one of the options.", valid=False)
            if option not in chosen:
                chosen.append(option)
        if not chosen:
            return Result(False, "Choose at least one option.", valid=False)
        chosen = [o for o in self.options if o in chosen]  # canonical order
        right = set(self.answer)
        if set(chosen) == right:
            return Result(True, "You chose exactly the right options.", answer=chosen)
        hits = len(right & set(chosen))
        wrong = len(set(chosen) - right)
        parts = [f"You chose {hits} of the {len(right)} right option{'s' if len(right) != 1 else ''}"]
        if wrong:
            parts.append(f"and {wrong} that {'is' if wrong == 1 else 'are'} not right")
        notes = [f"{o!r}: {self.feedback[o]}" for o in chosen if o not in right and o in self.feedback]
        notes += [f"{o!r} (not ticked): {self.feedback[o]}" for o in self.options
                  if o in right and o not in chosen and o in self.feedback]
        return Result(False, " ".join(parts) + ".", answer=chosen, feedback=" ".join(notes) or None)

    def _check_true_false(self, answer) -> Result:
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
        if value == self.answer:
            return Result(True, f"Yes: the statement is {'true' if value else 'false'}.", answer=value)
        return Result(False, f"The statement is not {'true' if value else 'false'}.", answer=value,
                      feedback=self.feedback_for(value))

    def _check_numeric(self, answer) -> Result:
        try:
            value = parse_number(answer, self.unit)
        except NumberParseError as exc:
            return Result(False, str(exc), valid=False)
        stored = answer if isinstance(answer, str) else value
        target = float(self.answer)
        slack = self.tolerance + 1e-9 * max(1.0, abs(target))
        if abs(value - target) <= slack:
            return Result(True, f"{_fmt(value)} is right.", answer=stored)
        direction = "too high" if value > target else "too low"
        return Result(False, f"{_fmt(value)} is {direction}.", answer=stored, feedback=self.near_miss(value))

    def _check_ordering(self, answer) -> Result:
        if not isinstance(answer, (list, tuple)):
            return Result(False, "Give the items as a list, earliest first.", valid=False)
        resolved: list[str] = []
        for value in answer:
            if value is None or (isinstance(value, str) and not value.strip()):
                return Result(False, "Fill every position before checking.", valid=False)
            item = self._option(value, self.items) if not isinstance(value, int) else None
            if item is None:
                return Result(False, f"{str(value)!r} is not one of the items to order.", valid=False)
            if item in resolved:
                return Result(False, f"{item!r} is used twice: use each item once.", valid=False)
            resolved.append(item)
        if len(resolved) != len(self.items):
            missing = [i for i in self.items if i not in resolved]
            return Result(False, "Use every item once. Missing: " + "; ".join(repr(m) for m in missing) + ".",
                          valid=False)
        if resolved == self.items:
            return Result(True, "All items are in the right order.", answer=resolved)
        in_place = sum(a == b for a, b in zip(resolved, self.items))
        misplaced = [(n, item) for n, (item, want) in enumerate(zip(resolved, self.items), 1) if item != want]
        msg = (f"{in_place} of {len(self.items)} items are in the right place. Not in place: "
               + "; ".join(f"position {n} ({item!r})" for n, item in misplaced) + ".")
        notes = [f"{item!r}: {self.feedback[item]}" for _, item in misplaced if item in self.feedback]
        return Result(False, msg, answer=resolved, feedback=" ".join(notes) or None)

    def _check_matching(self, answer) -> Result:
        if isinstance(answer, dict):
            given = list(answer.items())
        elif isinstance(answer, (list, tuple)) and all(
            isinstance(p, (list, tuple)) and len(p) == 2 for p in answer
        ):
            given = [tuple(p) for p in answer]
        else:
            return Result(False, "Give the matches as a dict {left: right} or a list of (left, right) pairs.",
                          valid=False)
        lefts, rights = self.lefts, self.rights
        mapping: dict[str, str] = {}
        for left, right in given:
            lv = self._option(left, lefts) if isinstance(left, str) else None
            if lv is None:
                return Result(False, f"{str(left)!r} is not one of the items on the left.", valid=False)
            if right is None or (isinstance(right, str) and not right.strip()):
                return Result(False, f"Choose a match for {lv!r}.", valid=False)
            rv = self._option(right, rights) if isinstance(right, str) else None
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
        right_count = sum(canonical[a] == b for a, b in self.pairs)
        if right_count == len(self.pairs):
            return Result(True, "Every pair is right.", answer=canonical)
        msg = f"{right_count} of {len(self.pairs)} pairs are right."
        wrong_pairs = [a for a, b in self.pairs if canonical[a] != b]
        msg += " Not right: " + "; ".join(f"{a!r} \u2192 {canonical[a]!r}" for a in wrong_pairs) + "."
        if len(set(canonical.values())) < len(canonical):
            msg += " Each choice on the right belongs to exactly one item."
        notes = [f"{a!r}: {self.feedback[a]}" for a in wrong_pairs if a in self.feedback]
        return Result(False, msg, answer=canonical, feedback=" ".join(notes) or None)

    def _check_text(self, answer) -> Result:
        if answer is None or not isinstance(answer, (str, int, float)) or isinstance(answer, bool):
            return Result(False, "Type your answer as text.", valid=False)
        text = str(answer)
        folded = normalize_text(text)
        if not folded:
            return Result(False, "Type an answer first.", valid=False)
        accepted = {normalize_text(a) for a in [self.answer, *self.accept]}
        if folded in accepted:
            return Result(True, f"{text.strip()!r} is right.", answer=text.strip())
        return Result(False, f"{text.strip()!r} is not the answer we were looking for.", answer=text.strip(),
                      feedback=self.feedback_for(text.strip()))
