"""The knowledge-cutoff check: lessons 0-7 speak from 7 December 2021.

Anything dated later must sit in a hindsight box or carry a hindsight label. The markers are
machine-readable:

- a Markdown cell tagged ``hindsight`` or whose text starts ``> **Looking ahead (hindsight).**``
  (the course's box form) may say anything;
- elsewhere, a sentence, list item or table row that contains the word "hindsight" (e.g.
  "(hindsight)", "Looking ahead, hindsight: ...") is labelled and passes;
- a code cell tagged ``hindsight`` may draw later years.

What is caught, outside those markers: full dates after the cutoff ("8 December 2021",
"December 8, 2021", "2021-12-08"), months after it ("January 2022"), a day in December after the
7th written without a year in a cell about 2021 ("on 8 December"), years after 2021 in source
lists, in quiz-bank sources and in code that draws charts (``end="2022-03-01"``,
``nato_map(2024)``), and glossary or timeline sources dated after the cutoff for entries the
lessons show. :func:`check_course` returns every finding with the lesson, cell and text.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Finding", "find_late_dates", "check_notebook", "check_course", "HOW_TO_MARK", "BOX_START"]

BOX_START = "> **Looking ahead (hindsight).**"
HOW_TO_MARK = ("lessons 0-7 speak from the cutoff: put it in a hindsight box (a Markdown cell tagged "
               "'hindsight' that starts '> **Looking ahead (hindsight).**') or label it '(hindsight)' "
               "in the same sentence")

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_M = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_ISO = re.compile(r"\b(20\d\d)-(\d\d)(?:-(\d\d))?\b")
_DMY = re.compile(r"\b(\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s+" + _M + r",?\s+(\d{4})\b", re.I)
_MDY = re.compile(r"\b" + _M + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)
_MY = re.compile(r"(?<!\d\s)\b" + _M + r"\s+(\d{4})\b", re.I)
_DM = re.compile(r"\b(\d{1,2})\s+" + _M + r"\b(?!,?\s+\d{4})", re.I)
_YEAR = re.compile(r"\b(20[2-9]\d)\b")
_CODE_YEAR = re.compile(r"(?<![\w.])(20[2-9]\d)(?:-\d\d(?:-\d\d)?)?(?!\d)")
#: A date known in advance on the cutoff day: "ran to 31 January 2022", "until the end of 2024".
_SCHEDULED = re.compile(r"(?i)\b(?:until|till|to|through|expir\w*(?: on| in)?|due(?: on| in| by)?|scheduled (?:for|on)|"
                        r"planned (?:for|on)|by|deadline(?: of)?)\s+(?:the end of\s+|the start of\s+)?$")
_PIECES = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])|\n\s*\n|\n(?=\s*(?:[-*]|\d+\.|\|)\s)")


@dataclass(frozen=True)
class Finding:
    where: str          # "lessons/04_buildup_and_call.ipynb: cell 12 (id abc)" or "nato.yaml: question 'x'"
    text: str           # the date or year found
    context: str        # the sentence it was found in

    def message(self, cutoff_text: str = "7 December 2021") -> str:
        return (f"{self.where}: {self.text!r} is after the knowledge cutoff ({cutoff_text}) in "
                f"“{self.context[:140]}”: {HOW_TO_MARK}")


def _after(cutoff: _dt.date, year: int, month: int, day: int | None) -> bool:
    if day is None:
        return (year, month) > (cutoff.year, cutoff.month)
    try:
        return _dt.date(year, month, day) > cutoff
    except ValueError:
        return False


def _labelled(piece: str) -> bool:
    return "hindsight" in piece.lower()


def pieces(text: str) -> list[str]:
    """Sentences, list items and table rows: the unit a "(hindsight)" label covers."""
    return [p for p in _PIECES.split(text) if p and p.strip()]


def find_late_dates(text: str, cutoff: _dt.date, source_list: bool = False,
                    year_context: int | None = None) -> list[tuple[str, str]]:
    """(date text, sentence) for every date after ``cutoff`` in unlabelled pieces of ``text``.

    ``source_list``: any year after the cutoff's year counts (a source published later).
    ``year_context``: the year to assume for "8 December" written without a year (by default the
    cutoff's year when the piece or text mentions it).
    """
    out = []
    # the year of the nearest full date before a "D Month" tells which year it means
    years = sorted([(m.start(), int(m.group(3))) for m in _DMY.finditer(text)]
                   + [(m.start(), int(m.group(3))) for m in _MDY.finditer(text)]
                   + [(m.start(), int(m.group(2))) for m in _MY.finditer(text)]
                   + [(m.start(), int(m.group(1))) for m in _ISO.finditer(text)])
    mentions_cutoff_year = str(cutoff.year) in text
    offset = 0
    for piece in pieces(text):
        start = text.find(piece, offset)
        offset = max(offset, start)
        if _labelled(piece):
            continue
        found: list[str] = []
        spans: list[tuple[int, int]] = []

        def add(m, late):
            if late and (source_list or not _SCHEDULED.search(piece[:m.start()])):
                found.append(m.group(0))
            spans.append(m.span())

        for m in _ISO.finditer(piece):
            y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
            if 1 <= mo <= 12:
                add(m, _after(cutoff, y, mo, int(d) if d else None))
        for m in _DMY.finditer(piece):
            add(m, _after(cutoff, int(m.group(3)), _MONTHS.index(m.group(2).lower()) + 1, int(m.group(1))))
        for m in _MDY.finditer(piece):
            add(m, _after(cutoff, int(m.group(3)), _MONTHS.index(m.group(1).lower()) + 1, int(m.group(2))))
        for m in _MY.finditer(piece):
            if any(a <= m.start() < b for a, b in spans):
                continue
            add(m, _after(cutoff, int(m.group(2)), _MONTHS.index(m.group(1).lower()) + 1, None))
        for m in _DM.finditer(piece):
            if any(a <= m.start() < b for a, b in spans):
                continue
            at = start + m.start() if start >= 0 else 0
            before = [y for pos, y in years if pos < at]
            ctx_year = year_context or (before[-1] if before else (cutoff.year if mentions_cutoff_year else None))
            if ctx_year is not None:
                add(m, _after(cutoff, ctx_year, _MONTHS.index(m.group(2).lower()) + 1, int(m.group(1))))
        if source_list:
            for m in _YEAR.finditer(piece):
                if int(m.group(1)) > cutoff.year and not any(a <= m.start() < b for a, b in spans):
                    found.append(m.group(1))
        for f in dict.fromkeys(found):
            out.append((f, " ".join(piece.split())))
    return out


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def is_hindsight_cell(cell) -> bool:
    return "hindsight" in _tags(cell) or (cell.get("cell_type") == "markdown"
                                          and cell.get("source", "").lstrip().startswith(BOX_START))


def _is_source_list(cell) -> bool:
    src = cell.get("source", "").lstrip()
    return src.startswith("## Sources") or ("reference" in _tags(cell) and "sources" in src[:40].lower())


def check_notebook(nb, label: str, cutoff: _dt.date) -> list[Finding]:
    """Findings for one lesson notebook (lessons 0-7)."""
    out = []
    for i, cell in enumerate(nb.cells):
        if is_hindsight_cell(cell):
            continue
        where = f"{label}: cell {i} (id {cell.get('id')})"
        if cell.cell_type == "markdown":
            for text, ctx in find_late_dates(cell.source, cutoff, source_list=_is_source_list(cell)):
                out.append(Finding(where, text, ctx))
        elif cell.cell_type == "code":
            for line in cell.source.splitlines():
                code = line.split("#", 1)[0]
                for m in _CODE_YEAR.finditer(code):
                    if int(m.group(1)) > cutoff.year:
                        out.append(Finding(where + " (code)", m.group(0), line.strip()))
    return out


def _bank_findings(bank, cutoff: _dt.date) -> list[Finding]:
    out = []
    for q in bank.questions:
        where = f"{bank.name}.yaml: question {q.id!r}"
        if any(w in (q.prompt + " " + q.explanation).lower() for w in ("hindsight", "cutoff")):
            continue  # a question about the cutoff itself (its options may be later dates)
        texts = [("prompt", q.prompt, False), ("explanation", q.explanation, False), ("source", q.source, True)]
        texts += [("hint", q.hint, False)] if q.hint else []
        texts += [("options", o, False) for o in q.options]
        texts += [("feedback", t, False) for t in q.feedback.values()]
        for fld, text, is_source in texts:
            for date_text, ctx in find_late_dates(str(text), cutoff, source_list=is_source):
                out.append(Finding(f"{where}: field {fld!r}", date_text, ctx))
    return out


def check_course(root: Path | None = None) -> list[Finding]:
    """Every finding in the course: lessons 0-7, their banks, and the glossary and timeline
    entries they show."""
    import nbformat

    from . import course
    from .quiz import load_bank

    c = course.load()
    cutoff = c.cutoff
    out: list[Finding] = []
    for lesson in c.lessons:
        if lesson.number in c.hindsight_lessons:
            continue
        if root is not None and (Path(root) / "lessons" / lesson.notebook).is_file():
            nb = nbformat.read(Path(root) / "lessons" / lesson.notebook, as_version=4)
            out.extend(check_notebook(nb, f"lessons/{lesson.notebook}", cutoff))
        out.extend(_bank_findings(load_bank(lesson.bank), cutoff))
    out.extend(_glossary_findings(c))
    out.extend(_timeline_findings(c))
    return out


def _glossary_findings(c) -> list[Finding]:
    from . import glossary

    out = []
    early = {lesson.number for lesson in c.lessons if lesson.number not in c.hindsight_lessons}
    for _, term in glossary.load().iterrows():
        lessons = set(term.get("lessons") or [])
        if lessons and not (lessons & early):
            continue
        name = term["term"]
        for fld in ("definition", "source"):
            text = term.get(fld, "")
            for date_text, ctx in find_late_dates(str(text or ""), c.cutoff, source_list=(fld == "source")):
                out.append(Finding(f"glossary.yaml: term {name!r}: field {fld!r}", date_text, ctx))
    return out


def _timeline_findings(c) -> list[Finding]:
    from . import timeline

    out = []
    events = timeline.load()
    for _, row in events.iterrows():
        if row.get("after_cutoff") or not (set(row.get("lessons") or []) - set(c.hindsight_lessons)):
            continue  # drawn hollow and labelled "(hindsight)" by timeline.plot / timeline.table
        for date_text, ctx in find_late_dates(str(row.get("source", "")), c.cutoff, source_list=True):
            out.append(Finding(f"timeline.csv: row {row['date']} {str(row['event'])[:40]!r}: "
                               "field 'source'", date_text, ctx))
    return out
