"""Regrading: every answer checked against the current banks, and the figures per question
(:class:`QuestionFigures`) and per student (:class:`ClassReport`). See :mod:`crisis_course.results`."""
from __future__ import annotations

import datetime as _dt
import json
from collections import Counter
from dataclasses import dataclass

from .sources import Student, _int, merge_students, read_sources

# ----------------------------------------------------------------------------- figures ---

def _field(q, name, bank=None):
    from ..lms.common import extra

    return extra(q, name, bank)


def _answer_key_feedback(q, answer, mapping: dict) -> list[tuple[str, str]]:
    """(key, text) pairs of ``mapping`` (feedback or instructor notes) that apply to ``answer``
    (the question's type says which keys a wrong answer touches)."""
    if not mapping:
        return []
    return [(k, mapping[k]) for k in q.kind.wrong_keys(q, answer, mapping) if k in mapping]


def _near_miss_feedback(q, answer, bank=None) -> str:
    from ..quiz.grading import parse_number

    try:
        value = parse_number(answer, q.unit)
    except Exception:  # noqa: BLE001
        return ""
    for nm in _field(q, "near_misses", bank):
        tol = float(nm.get("tolerance", 0) or 0)
        if abs(value - float(nm["value"])) <= tol + 1e-9 * max(1.0, abs(float(nm["value"]))):
            return str(nm.get("feedback", ""))
    return ""


def display_answer(q, answer) -> str:
    """An answer as plain text for a person."""
    if answer is None:
        return ""
    return q.kind.display_answer(q, answer)


@dataclass
class QuestionFigures:
    bank: str
    lesson: int | None
    question: str
    qtype: str
    level: str | None
    checkpoint: bool
    prompt: str
    students: int = 0
    right_first_try: int = 0
    revealed: int = 0
    attempts_total: int = 0
    changed: int = 0
    most_common_wrong: object = None
    most_common_wrong_count: int = 0
    wrong_feedback: str = ""
    instructor_note: str = ""

    @property
    def share_right_first_try(self) -> float | None:
        return self.right_first_try / self.students if self.students else None

    @property
    def reveal_rate(self) -> float | None:
        return self.revealed / self.students if self.students else None

    @property
    def mean_attempts(self) -> float | None:
        return self.attempts_total / self.students if self.students else None


@dataclass
class ClassReport:
    title: str
    banks: list
    students: list[Student]
    questions: list[QuestionFigures]
    scores: dict  # student key -> {bank: points}
    possible: dict  # bank -> questions
    damaged: list
    duplicates: list
    merged: int
    changed: list  # (student label, bank, qid, reason)
    unknown: list  # (student label, bank, qid)
    disagreements: int
    regraded: int
    sources: int
    created: str


def build_report(paths, banks=None) -> ClassReport:
    """Read ``paths`` (files or folders) and compute every figure; ``banks``: Bank objects to grade
    with (default: the course's banks)."""
    from ..quiz.bank import all_banks
    from ..receipt import question_hash

    sources, damaged, duplicates = read_sources(paths)
    students, merged = merge_students(sources)
    banks = sorted(banks if banks is not None else all_banks(), key=lambda b: (b.lesson if b.lesson is not None else 99, b.name))
    qindex = {(b.name, q.id): (b, q) for b in banks for q in b.questions}
    figures = {key: QuestionFigures(b.name, b.lesson, q.id, q.type, _field(q, "level", b),
                                    bool(_field(q, "checkpoint", b)), q.prompt)
               for key, (b, q) in qindex.items()}
    wrong_counts: dict = {key: Counter() for key in qindex}
    wrong_values: dict = {}
    scores: dict = {}
    changed, unknown = [], []
    disagreements = regraded = 0
    for st in students:
        points = {b.name: 0 for b in banks}
        for key, entry in sorted(st.answers.items()):
            if key not in qindex:
                unknown.append((st.label, key[0], key[1]))
                continue
            b, q = qindex[key]
            answer = entry.get("answer")
            attempts, revealed = _int(entry.get("attempts")), bool(entry.get("revealed"))
            if answer is None and not revealed and attempts == 0:
                continue
            h = entry.get("question_hash")
            result = q.check(answer) if answer is not None else None
            if h and h != question_hash(q):
                changed.append((st.label, b.name, q.id, "the question has changed since this answer"))
                figures[key].changed += 1
                continue
            if result is not None and not result.valid:
                changed.append((st.label, b.name, q.id,
                                "the answer no longer fits the question (changed since, or a damaged entry)"))
                figures[key].changed += 1
                continue
            correct = bool(result is not None and result.correct)
            regraded += 1
            if "correct" in entry and bool(entry.get("correct")) != correct:
                disagreements += 1
            f = figures[key]
            f.students += 1
            f.attempts_total += attempts
            f.revealed += revealed
            if correct and attempts == 1 and not revealed:
                f.right_first_try += 1
            if correct:
                points[b.name] += 1
            elif result is not None:
                canon = json.dumps(result.answer, sort_keys=True, ensure_ascii=False)
                wrong_counts[key][canon] += 1
                wrong_values[(key, canon)] = (result.answer, getattr(result, "feedback", None))
        scores[st.key] = points
    for key, counter in wrong_counts.items():
        if not counter:
            continue
        best = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        b, q = qindex[key]
        value, fb = wrong_values[(key, best[0])]
        f = figures[key]
        f.most_common_wrong, f.most_common_wrong_count = value, best[1]
        if not fb:
            parts = [text for _, text in _answer_key_feedback(q, value, _field(q, "feedback", b))]
            if "near_misses" in q.kind.fields:  # numeric: the bank's common wrong numbers
                parts = [t for t in [_near_miss_feedback(q, value, b)] if t] + parts
            fb = " ".join(parts)
        f.wrong_feedback = fb or ""
        notes_map = _field(q, "instructor_notes", b)
        notes = [text for k, text in _answer_key_feedback(q, value, notes_map) if k != "*"]
        if notes_map.get("*"):
            notes.append(notes_map["*"])
        f.instructor_note = " ".join(notes)
    for key, (b, q) in qindex.items():  # a general note even without a wrong answer
        f = figures[key]
        if not f.instructor_note:
            f.instructor_note = _field(q, "instructor_notes", b).get("*", "")
    try:
        from ..course import load as load_course

        title = load_course().title
    except Exception:  # noqa: BLE001 - the manifest module is optional here
        title = "Two Agendas"
    return ClassReport(
        title=title, banks=banks, students=students, questions=list(figures.values()), scores=scores,
        possible={b.name: len(b.questions) for b in banks}, damaged=damaged, duplicates=duplicates,
        merged=merged, changed=changed, unknown=unknown, disagreements=disagreements, regraded=regraded,
        sources=len(sources), created=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"))
