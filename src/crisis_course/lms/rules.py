"""The machine-readable grading rules of an exported item, and how an LMS applies them.

:func:`crisis_course.lms.moodle.parse_rules` and :func:`crisis_course.lms.qti.parse_rules` read
an exported file back into :class:`Rules` (one per question). :func:`lms_verdict` then grades an
answer the way the format documents it (Moodle: shortanswer compares the whole typed text,
case-insensitively when ``usecase`` is 0; numerical accepts ``answer ± tolerance`` and, when
units are given, one of the unit names after the number; Canvas QTI: ``varequal`` on the
trimmed text, case-insensitively, and ``vargte``/``varlte`` bounds on a number typed with
digits and a decimal point). It is a *model* of the LMS, written from the formats'
documentation: the files have not been import-tested in a real Canvas or Moodle.

The tests run every answer vector of ``tests/answer_vectors.yaml`` through these rules, so an
export that would grade an answer differently from the Python grader fails a test, unless the
answer uses a form the report says the format cannot express (a decimal comma, say).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

__all__ = ["Rules", "lms_verdict", "plain_text", "read_lms_number"]


@dataclass
class Rules:
    """Grading rules of one exported item, as read back from the file.

    kind: "choice" (single, multiple, true/false), "numeric", "text" or "matching" (also
    ordering, exported as matching items to positions). ``options`` and ``correct`` hold option
    texts; ``ranges`` inclusive (low, high) bounds; ``units`` unit names accepted after the
    number (Moodle); ``accepted`` accepted texts; ``pairs`` left -> right (ordering: item ->
    position "1st", "2nd", ...); ``feedback`` answer -> feedback text found in the file.
    """

    qid: str
    kind: str
    qtype: str = ""
    multiple: bool = False
    options: list[str] = field(default_factory=list)
    correct: set = field(default_factory=set)
    ranges: list[tuple[float, float]] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    case_sensitive: bool = False
    pairs: dict[str, str] = field(default_factory=dict)
    positions: bool = False
    feedback: dict[str, str] = field(default_factory=dict)
    hint: str = ""
    general_feedback: str = ""


def plain_text(markup: str | None) -> str:
    """HTML -> plain text (tags dropped, entities decoded, spaces collapsed)."""
    text = re.sub(r"<[^>]+>", "", markup or "")
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


_LMS_NUMBER = re.compile(r"^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*?)\s*$")


def read_lms_number(text, units: list[str] | None = None) -> float | None:
    """A typed number as the LMS reads it: digits and a decimal point, then optionally one of
    ``units`` (exactly as written); None when it cannot be read."""
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text)
    m = _LMS_NUMBER.match(str(text))
    if not m:
        return None
    rest = m.group(2)
    if rest and rest not in (units or []):
        return None
    return float(m.group(1))


def lms_verdict(rules: Rules, answer, question=None):
    """Whether the LMS would give full marks to ``answer`` (an answer-vector value).

    Returns None when the answer cannot be entered in the LMS's widget at all: a choice typed
    as text that is not exactly an option's text, or True/False typed as a word (the LMS shows
    buttons).
    """
    if rules.kind == "choice":
        if rules.qtype == "true_false":
            if not isinstance(answer, bool):
                return None
            chosen = {"True" if answer else "False"}
        else:
            values = answer if isinstance(answer, (list, tuple)) else [answer]
            if not all(isinstance(v, str) and v in rules.options for v in values):
                return None
            chosen = set(values)
        if not rules.multiple and len(chosen) != 1:
            return None
        return chosen == set(rules.correct)
    if rules.kind == "numeric":
        value = read_lms_number(answer, rules.units)
        if value is None:
            return False
        return any(lo <= value <= hi for lo, hi in rules.ranges)
    if rules.kind == "text":
        if not isinstance(answer, str):
            answer = str(answer)
        typed = answer.strip()
        if rules.case_sensitive:
            return typed in rules.accepted
        return typed.casefold() in {a.casefold() for a in rules.accepted}
    if rules.kind == "matching":
        if rules.positions:
            if not isinstance(answer, (list, tuple)):
                return None
            from .common import ordinal

            given = {str(item): ordinal(i + 1) for i, item in enumerate(answer)}
        else:
            if not isinstance(answer, dict):
                return None
            given = {str(k): str(v) for k, v in answer.items()}
        if set(given) != set(rules.pairs):
            return None
        return all(given[left] == right for left, right in rules.pairs.items())
    raise ValueError(f"unknown rules kind {rules.kind!r}")
