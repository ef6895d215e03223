"""What Moodle XML and QTI 1.2 (Canvas) cannot express of a bank, and how each gap is bridged.

:func:`limitations` lists, per format and question, every feature of the course's grading or
feedback that the format has no way to say, with the approximation the export uses. The list is
printed by ``crisis-course export-quiz`` and written beside the files (``LIMITATIONS-<format>.md``).

:func:`answer_forms` names the features a particular typed answer relies on ("decimal comma",
"accent folding"...). The parity tests use it: an exported item may reject an answer the
course accepts only when the answer relies on a feature listed here for that question.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..quiz.bank import Bank
from ..quiz.grading import Question
from .common import NOT_IMPORT_TESTED, extra

__all__ = ["Limitation", "limitations", "answer_forms", "report_markdown", "FORMAT_NAMES"]

FORMAT_NAMES = {"moodle": "Moodle XML", "qti": "QTI 1.2 for Canvas"}


@dataclass(frozen=True)
class Limitation:
    format: str
    bank: str
    question: str
    qtype: str
    category: str
    detail: str
    approximation: str


def _moodle_units(q: Question) -> list[str]:
    from .moodle import unit_names

    return unit_names(q.unit)


def question_limitations(q: Question, fmt: str, bank: Bank | None = None) -> list[Limitation]:
    """The gaps of one question in ``fmt`` ("moodle" or "qti")."""
    out: list[Limitation] = []
    bname = bank.name if bank is not None else q.bank

    def add(category, detail, approximation):
        out.append(Limitation(fmt, bname, q.id, q.type, category, detail, approximation))

    t = q.type
    lms = FORMAT_NAMES[fmt]
    if t == "numeric":
        add("decimal comma", f"the course reads '45,5' as 45.5; {lms} reads only a decimal point "
            "(Moodle: depending on the site's language settings)",
            "the exported prompt asks for digits with a decimal point")
        add("thousands separator", "the course reads '12,500' and '12 500' as 12500",
            "the exported prompt asks for digits without separators")
        add("multiplier words", "the course reads '175k' and '175 thousand' as 175000",
            "the exported prompt asks for the number without words such as 'thousand'")
        if q.unit:
            if fmt == "moodle":
                add("unit words", f"the course accepts the unit {q.unit!r} in any case, singular or plural, "
                    "or its first words",
                    "Moodle units (multiplier 1, optional): " + ", ".join(repr(u) for u in _moodle_units(q)))
            else:
                add("unit words", f"the course accepts the number followed by its unit {q.unit!r}",
                    "Canvas numerical answers are numbers only: the prompt says 'without a unit'")
        if q.tolerance:
            add("numeric tolerance style", "the course accepts |typed - answer| <= tolerance plus a "
                "relative slack of 1e-9 (for rounding)",
                "inclusive bounds answer - tolerance and answer + tolerance written as decimals"
                + (" (Moodle 'nominal' tolerance)" if fmt == "moodle" else " (vargte/varlte)"))
        if extra(q, "near_misses", bank):
            add("near misses", "specific feedback for common wrong numbers",
                "Moodle: extra answers worth 0 % with that feedback" if fmt == "moodle"
                else "feedback-only response conditions (Canvas's importer may drop them)")
    if t == "text":
        add("accent folding", "the course ignores accents ('Kyïv' = 'Kyiv')",
            "accent-free forms of each accepted answer are added; other accented spellings are marked wrong")
        add("punctuation and spacing", "the course ignores surrounding punctuation and quotes, runs of spaces "
            "and treats hyphens and dashes as spaces",
            "none: the LMS compares the whole trimmed text, ignoring case only")
        if q.accept:
            add("alternative spellings", "several accepted answers",
                "expressed: every accepted answer is listed (" + ", ".join(repr(a) for a in q.accept) + ")")
        if extra(q, "feedback", bank):
            add("wrong-answer feedback", "feedback for known wrong answers",
                "Moodle: extra answers worth 0 % with that feedback" if fmt == "moodle"
                else "feedback-only response conditions (Canvas's importer may drop them)")
    if t in ("matching", "ordering", "multiple"):
        add("partial credit", "the course marks the question right or wrong as a whole",
            "the LMS gives partial marks (matching: per pair; multiple: right options minus wrong ones); "
            "full marks only when the course says right")
    if t == "ordering":
        add("ordering", "students put items in order",
            "a matching question: each item is matched to its position (1st, 2nd, ...)")
    pairs = len(q.items) if t == "ordering" else len(q.pairs) if t == "matching" else 3
    if fmt == "moodle" and pairs < 3:
        add("matching size", "a matching or ordering question with two pairs",
            "exported as it is, but Moodle's editor asks for at least three answers: check it after import")
    if t in ("matching", "ordering") and extra(q, "feedback", bank):
        add("per-item feedback", "feedback shown for the item that is out of place",
            "all item feedback is listed in the feedback for a wrong answer")
    if q.hint and fmt == "qti":
        add("hints", "a hint the student can ask for before answering",
            "Canvas has no hints: the hint is shown in the feedback after a wrong answer")
    if t == "true_false":
        add("typed true/false", "the course also accepts typed words (yes/no, vrai/faux...)",
            "not needed: the LMS shows True and False buttons")
    if extra(q, "instructor_notes", bank):
        add("instructor notes", "notes for the instructor on each misconception",
            "not exported, by design: an LMS could show them to students")
    return out


def limitations(banks, fmt: str) -> list[Limitation]:
    return [lim for b in banks for q in b.questions for lim in question_limitations(q, fmt, b)]


# --------------------------------------------------------------------- answer forms ----

_NUM = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_THOUSANDS = re.compile(r"^\s*[+-]?\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?(?!\d)")
_DEC_COMMA = re.compile(r"^\s*[+-]?\d+,\d+(?!\d)")
_MULT = re.compile(r"(?i)^\s*[+-]?[\d.,\s\u00a0\u202f]+?\s*(k|thousand|million|mn|mio|billion|bn)\b\.?")
_EDGE = " \t\r\n.,;:!?\"'()[]{}\u201c\u201d\u00ab\u00bb\u2018\u2019"


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def answer_forms(q: Question, answer, fmt: str) -> set[str]:
    """The limitation categories a typed ``answer`` to ``q`` relies on (empty: a plain answer)."""
    if not isinstance(answer, str):
        return set()
    forms: set[str] = set()
    s = answer.strip()
    if q.type == "numeric":
        rest = s
        if _THOUSANDS.match(s) and not _DEC_COMMA.fullmatch(s):
            forms.add("thousands separator")
            rest = s[_THOUSANDS.match(s).end():]
        elif _DEC_COMMA.match(s):
            forms.add("decimal comma")
            rest = s[_DEC_COMMA.match(s).end():]
        else:
            m = re.match(r"^\s*" + _NUM, s)
            rest = s[m.end():] if m else s
        mm = _MULT.match(s)
        if mm:
            forms.add("multiplier words")
            rest = s[mm.end():]
        rest = rest.strip()
        if rest and (fmt == "qti" or rest not in _moodle_units(q)):
            forms.add("unit words")
        return forms
    if q.type == "text":
        accepted = {a.casefold() for a in [str(q.answer), *q.accept]}
        x = s.casefold()
        if x in accepted:
            return forms
        steps = [
            ("accent folding", lambda v: _fold(v)),
            ("punctuation and spacing", lambda v: re.sub(r"\s+", " ", re.sub(r"[-\u2010-\u2015]", " ", v))
             .strip(_EDGE).strip()),
        ]
        for name, fn in steps:
            y = fn(x)
            if y != x:
                forms.add(name)
                x = y
        # the accepted answers folded the same way
        folded = {re.sub(r"\s+", " ", re.sub(r"[-\u2010-\u2015]", " ", _fold(a))).strip(_EDGE).strip()
                  for a in accepted}
        if x not in folded:
            return set()  # not an accepted answer in any form: nothing to excuse
        return forms
    return forms


# ---------------------------------------------------------------------------- report ----

def report_markdown(banks, fmt: str) -> str:
    """The limitations of ``fmt`` for ``banks`` as a Markdown document."""
    lims = limitations(banks, fmt)
    lines = [f"# What {FORMAT_NAMES[fmt]} cannot express, and how the export approximates it", "",
             f"> {NOT_IMPORT_TESTED}", "",
             "The course's own grader (crisis_course.quiz.grading) is the reference. Grading parity is "
             "tested against tests/answer_vectors.yaml: an exported item may only grade an answer "
             "differently when the answer uses a form listed below for that question.", ""]
    by_cat: dict[str, list[Limitation]] = {}
    for lim in lims:
        by_cat.setdefault(lim.category, []).append(lim)
    lines.append("## Summary")
    lines.append("")
    lines.append("| gap | questions | approximation |")
    lines.append("|---|---|---|")
    for cat, items in by_cat.items():
        approx = items[0].approximation if len({i.approximation for i in items}) == 1 else "see below"
        lines.append(f"| {cat} | {len(items)} | {approx} |")
    lines.append("")
    lines.append("## By question")
    lines.append("")
    for b in banks:
        mine = [lim for lim in lims if lim.bank == b.name]
        if not mine:
            continue
        lines.append(f"### {b.title} (`{b.name}`)")
        lines.append("")
        for lim in mine:
            lines.append(f"- `{lim.question}` ({lim.qtype}), **{lim.category}**: {lim.detail}. "
                         f"Export: {lim.approximation}.")
        lines.append("")
    return "\n".join(lines)


def report_text(banks, fmt: str) -> str:
    """A short printed summary: one line per gap with the number of questions."""
    lims = limitations(banks, fmt)
    counts: dict[str, int] = {}
    for lim in lims:
        counts[lim.category] = counts.get(lim.category, 0) + 1
    out = [f"{FORMAT_NAMES[fmt]}: what the format cannot express (questions affected):"]
    for cat, n in counts.items():
        approxes = {lim.approximation for lim in lims if lim.category == cat}
        approx = approxes.pop() if len(approxes) == 1 else "varies by question (see the report)"
        out.append(f"  - {cat} ({n}): {approx}")
    return "\n".join(out)
