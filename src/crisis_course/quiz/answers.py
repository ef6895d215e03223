"""A student's answer read: numbers (:func:`parse_number`), text (:func:`normalize_text`),
true/false words, the stable shuffle the views use, and the :class:`Result` of a check.

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
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Result",
    "parse_number",
    "normalize_text",
    "stable_shuffle",
    "resolve_option",
    "NumberParseError",
    "MAX_NUMBER_CHARS",
    "MAX_SIGNIFICANT_DIGITS",
]


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


# ------------------------------------------------------------------------- true/false ------

_TRUE_WORDS = {"true", "t", "yes", "y", "vrai", "wahr", "1", "correct", "right"}
_FALSE_WORDS = {"false", "f", "no", "n", "faux", "falsch", "0", "incorrect", "wrong"}



def resolve_option(value, options: list[str]):
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
