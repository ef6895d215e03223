"""The class report: read receipts and progress files, regrade, write HTML and CSV files.

``crisis-course results PATH... [--output DIR]`` takes files, folders or zip files (a folder of
handed-in receipts, an LMS's "download all submissions" zip, or a hub's home folders, where each student's progress file sits at
``<home>/.local/share/crisis-course/progress.json``) and writes to DIR (default
``build/results``):

- ``report.html``: the whole report, with a chart of the hardest questions;
- ``questions.csv``: per question, the share right at the first try, the reveal rate, the mean
  number of attempts, and the most common wrong answer with its feedback and the instructor
  guide's note on that misconception (``instructor_notes`` in the bank: never shown to students);
- ``students.csv``: per student, the score of each lesson;
- ``gradebook_canvas.csv`` and ``gradebook_moodle.csv``: the scores in the layouts Canvas's and
  Moodle's gradebook imports read, identified by the LMS login or id from the receipt or, when
  there is none, the hub user name; students with neither are left out and listed in
  ``students_without_id.csv``, in the report and on the screen;
- ``open_writing.csv``: the open-writing texts handed in (ungraded);
- ``hardest_questions.png``.

Rules, all stated in the report: receipts are self-reported, so every answer is regraded from
the current banks (the ``correct`` flag in a file is never used; disagreements are counted). A
student seen in several files (a receipt and a progress file, two receipts: linked by LMS id or
hub user name, else by name) is counted once, with the latest answer to each question; identical
files are read once. Files that cannot be read or are neither a receipt nor a progress file are
listed and skipped. An answer to a question that has changed since (its content hash in the
receipt differs from the bank's, or the saved answer no longer fits the question) is flagged and
left out of every figure. "Right at the first try" means right, with one attempt, and not
revealed. A lesson's score is the number of its bank's questions (checkpoints included) answered
right on regrading, out of the number of questions in the bank. The most common wrong answer is
the most common *final* wrong answer: files keep a student's last answer, not every try.
"""
from __future__ import annotations

import base64
import csv
import datetime as _dt
import hashlib
import io
import json
import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .quiz.markup import escape, render

__all__ = ["Source", "Student", "ClassReport", "read_sources", "build_report", "write_report", "register",
           "MAX_BYTES"]

MAX_BYTES = 8 * 1024 * 1024


# --------------------------------------------------------------------------- reading ----

@dataclass
class Source:
    """One file read: a receipt or a progress file."""

    path: Path
    kind: str                       # "receipt" or "progress"
    name: str | None = None
    lms_id: str | None = None
    hub_user: str | None = None
    answers: dict = field(default_factory=dict)  # (bank, qid) -> entry dict
    writing: dict = field(default_factory=dict)


def _read_regular(path: Path) -> bytes:
    fd = os.open(str(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError("not a regular file")
        if st.st_size > MAX_BYTES:
            raise ValueError("larger than 8 MB")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_BYTES:
                raise ValueError("larger than 8 MB")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _hub_user_from_path(path: Path) -> str | None:
    parts = path.resolve().parts if not path.is_absolute() else path.parts
    if ".local" in parts:
        i = parts.index(".local")
        if i >= 1:
            return parts[i - 1]
    return path.parent.name or None


def _migrate_progress(data):
    try:
        from .quiz.progress import migrate
    except ImportError:  # an older progress module: version 1 only
        migrate = None
    if migrate is not None:
        return migrate(data)
    if isinstance(data, dict) and data.get("version") == 1 and isinstance(data.get("banks"), dict):
        return {"banks": data["banks"], "open_writing": {}}
    return None


def _parse_receipt(data: dict, path: Path) -> Source:
    student = data.get("student")
    if not isinstance(student, dict) or not isinstance(student.get("name"), str) or not student["name"].strip():
        raise ValueError("receipt without a student name")
    answers = data.get("answers")
    if not isinstance(answers, list):
        raise ValueError("receipt without a list of answers")
    src = Source(path=path, kind="receipt", name=student["name"].strip(),
                 lms_id=(str(student.get("lms_id")).strip() or None) if student.get("lms_id") else None,
                 hub_user=(str(student.get("hub_user")).strip() or None) if student.get("hub_user") else None)
    for a in answers:
        if not isinstance(a, dict) or not isinstance(a.get("bank"), str) or not isinstance(a.get("question"), str):
            raise ValueError("an answer without bank and question")
        src.answers[(a["bank"], a["question"])] = a
    writing = data.get("open_writing") or {}
    if isinstance(writing, dict):
        src.writing = {str(k): (v.get("text") if isinstance(v, dict) else str(v)) for k, v in writing.items()}
    return src


def _parse_progress(data: dict, path: Path) -> Source:
    src = Source(path=path, kind="progress", hub_user=_hub_user_from_path(path))
    for bank, entries in (data.get("banks") or {}).items():
        for qid, entry in (entries or {}).items():
            if isinstance(entry, dict):
                src.answers[(str(bank), str(qid))] = dict(entry, bank=bank, question=qid)
    writing = data.get("open_writing") or {}
    if isinstance(writing, dict):
        src.writing = {str(k): (v.get("text") if isinstance(v, dict) else str(v)) for k, v in writing.items()}
    return src


def _wanted(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    if ".corrupt-" in base or base.endswith((".lock", ".tmp")):
        return False
    return base == "progress.json" or (base.endswith(".json") and "receipt" in base.lower())


def _candidates(paths) -> list[tuple[Path, object]]:
    """(path to show, how to read it) for every file to read; a .zip (an LMS's "download all
    submissions") is read member by member, without unpacking it."""
    out: list[tuple[Path, object]] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    if _wanted(name):
                        path = Path(root) / name
                        out.append((path, path))
                    elif name.lower().endswith(".zip"):
                        out.extend(_zip_members(Path(root) / name))
        elif p.suffix.lower() == ".zip" and p.is_file():
            out.extend(_zip_members(p))
        else:
            out.append((p, p))
    return out


def _zip_members(path: Path) -> list[tuple[Path, object]]:
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            names = [i for i in zf.infolist() if not i.is_dir() and _wanted(i.filename)]
    except (OSError, zipfile.BadZipFile) as exc:
        return [(path, exc)]
    return [(Path(f"{path}!/{info.filename}"), (path, info)) for info in names]


def _read_candidate(reader) -> bytes:
    if isinstance(reader, Exception):
        raise ValueError(f"not a readable zip ({reader})")
    if isinstance(reader, tuple):
        import zipfile

        zpath, info = reader
        if info.file_size > MAX_BYTES:
            raise ValueError("larger than 8 MB")
        with zipfile.ZipFile(zpath) as zf, zf.open(info) as fh:
            data = fh.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise ValueError("larger than 8 MB")
        return data
    return _read_regular(reader)


def read_sources(paths) -> tuple[list[Source], list[tuple[Path, str]], list[Path]]:
    """(sources, damaged files with the reason, files skipped as exact duplicates of another)."""
    sources: list[Source] = []
    damaged: list[tuple[Path, str]] = []
    duplicates: list[Path] = []
    seen: dict[str, Path] = {}
    for path, reader in _candidates(paths):
        try:
            raw = _read_candidate(reader)
        except FileNotFoundError:
            damaged.append((path, "no such file"))
            continue
        except (OSError, ValueError, RuntimeError) as exc:
            damaged.append((path, f"cannot be read ({exc})"))
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest in seen:
            duplicates.append(path)
            continue
        seen[digest] = path
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            damaged.append((path, f"not valid JSON ({type(exc).__name__})"))
            continue
        try:
            if isinstance(data, dict) and data.get("format") == "crisis-course-receipt":
                sources.append(_parse_receipt(data, path))
                continue
            migrated = _migrate_progress(data)
            if migrated is None:
                damaged.append((path, "neither a receipt nor a progress file of a version this course reads"))
                continue
            sources.append(_parse_progress(migrated, path))
        except (ValueError, TypeError, AttributeError) as exc:
            damaged.append((path, f"damaged: {exc}"))
    return sources, damaged, duplicates


# --------------------------------------------------------------------------- students ---

@dataclass
class Student:
    key: str
    name: str | None
    lms_id: str | None
    hub_user: str | None
    sources: list[Path]
    answers: dict  # (bank, qid) -> entry
    writing: dict = field(default_factory=dict)  # open-writing key -> text

    @property
    def gradebook_id(self) -> str | None:
        return self.lms_id or self.hub_user

    @property
    def id_source(self) -> str:
        return "LMS id from receipt" if self.lms_id else "hub user name" if self.hub_user else "none"

    @property
    def label(self) -> str:
        return self.name or self.hub_user or self.lms_id or self.key


def merge_students(sources: list[Source]) -> tuple[list[Student], int]:
    """Group sources by student (shared LMS id or hub user, else the same name); (students, merged)."""
    parent = list(range(len(sources)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, s in enumerate(sources):
        keys = [f"lms:{s.lms_id.casefold()}" if s.lms_id else None, f"hub:{s.hub_user}" if s.hub_user else None]
        keys = [k for k in keys if k] or [f"name:{(s.name or '').casefold()}"]
        for k in keys:
            if k in owner:
                parent[find(i)] = find(owner[k])
            else:
                owner[k] = i
    groups: dict[int, list[Source]] = {}
    for i, s in enumerate(sources):
        groups.setdefault(find(i), []).append(s)
    students = []
    for members in groups.values():
        answers: dict = {}
        for s in members:
            for key, entry in s.answers.items():
                old = answers.get(key)
                if old is None or _newer(entry, old):
                    answers[key] = entry
        writing: dict = {}
        for s in members:
            writing.update({k: v for k, v in s.writing.items() if v})
        name = next((s.name for s in members if s.name), None)
        lms = next((s.lms_id for s in members if s.lms_id), None)
        hub = next((s.hub_user for s in members if s.hub_user), None)
        key = f"lms:{lms}" if lms else f"hub:{hub}" if hub else f"name:{name}"
        students.append(Student(key, name, lms, hub, [s.path for s in members], answers, writing))
    students.sort(key=lambda st: (st.label.casefold(), st.key))
    return students, len(sources) - len(students)


def _newer(a: dict, b: dict) -> bool:
    ua, ub = str(a.get("updated") or ""), str(b.get("updated") or "")
    if ua != ub:
        return ua > ub
    return _int(a.get("attempts")) > _int(b.get("attempts"))


def _int(x) -> int:
    try:
        return max(int(x), 0)
    except (TypeError, ValueError):
        return 0


# ----------------------------------------------------------------------------- figures ---

def _field(q, name, bank=None):
    from .lms.common import extra

    return extra(q, name, bank)


def _answer_key_feedback(q, answer, mapping: dict) -> list[tuple[str, str]]:
    """(key, text) pairs of ``mapping`` (feedback or instructor notes) that apply to ``answer``."""
    from .quiz.grading import normalize_text

    if not mapping:
        return []
    t = q.type
    keys: list[str] = []
    if t == "single":
        keys = [answer]
    elif t == "multiple":
        keys = [o for o in (answer or []) if o not in set(q.answer)]
    elif t == "true_false":
        keys = ["true" if answer else "false"]
    elif t == "ordering":
        keys = [item for item, right in zip(answer or [], q.items) if item != right]
    elif t == "matching":
        keys = [left for left, right in q.pairs if (answer or {}).get(left) != right]
    elif t == "text":
        folded = normalize_text(str(answer))
        keys = [k for k in mapping if normalize_text(k) == folded]
    elif t == "numeric":
        keys = [k for k in mapping if k != "*"]
        try:
            from .quiz.grading import parse_number

            value = parse_number(answer, q.unit)
            keys = [k for k in keys if _close(k, value)]
        except Exception:  # noqa: BLE001
            keys = []
    return [(k, mapping[k]) for k in keys if k in mapping]


def _close(key, value) -> bool:
    try:
        return abs(float(key) - value) <= 1e-9 * max(1.0, abs(value))
    except (TypeError, ValueError):
        return False


def _near_miss_feedback(q, answer, bank=None) -> str:
    from .quiz.grading import parse_number

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
    t = q.type
    if t == "multiple":
        return "; ".join(map(str, answer))
    if t == "true_false":
        return "True" if answer else "False"
    if t == "ordering":
        return " → ".join(map(str, answer))
    if t == "matching":
        return "; ".join(f"{a} → {b}" for a, b in answer.items())
    if t == "numeric" and isinstance(answer, float):
        return str(int(answer)) if answer.is_integer() else f"{answer:g}"
    return str(answer)


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
    from .quiz.bank import all_banks
    from .receipt import question_hash

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
            if q.type == "numeric":
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
        from .course import load as load_course

        title = load_course().title
    except Exception:  # noqa: BLE001 - the manifest module is optional here
        title = "Two Agendas"
    return ClassReport(
        title=title, banks=banks, students=students, questions=list(figures.values()), scores=scores,
        possible={b.name: len(b.questions) for b in banks}, damaged=damaged, duplicates=duplicates,
        merged=merged, changed=changed, unknown=unknown, disagreements=disagreements, regraded=regraded,
        sources=len(sources), created=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"))


# ---------------------------------------------------------------------------- writing ---

def _pct(x) -> str:
    return "" if x is None else f"{100 * x:.1f}"


def _num(x, digits=2) -> str:
    return "" if x is None else f"{x:.{digits}f}"


def _lesson_label(b) -> str:
    """ "Lesson 6: Energy" from the course manifest, else the bank's own title."""
    try:
        from .course import load as load_course

        lesson = load_course().lesson(b.name)
        return f"Lesson {lesson.number}: {lesson.title}"
    except Exception:  # noqa: BLE001 - a bank outside the manifest
        return b.title


def _write_csv(path: Path, header: list, rows: list) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def _questions_rows(rep: ClassReport):
    qmap = {(b.name, q.id): q for b in rep.banks for q in b.questions}
    for f in rep.questions:
        q = qmap[(f.bank, f.question)]
        yield [f.bank, "" if f.lesson is None else f.lesson, f.question, f.qtype, f.level or "",
               "yes" if f.checkpoint else "no", f.students, f.right_first_try, _pct(f.share_right_first_try),
               f.revealed, _pct(f.reveal_rate), _num(f.mean_attempts), display_answer(q, f.most_common_wrong),
               "" if f.most_common_wrong is None else json.dumps(f.most_common_wrong, ensure_ascii=False),
               f.most_common_wrong_count or "", f.wrong_feedback, f.instructor_note, f.changed]


QUESTION_HEADER = ["bank", "lesson", "question", "type", "level", "checkpoint", "students", "right_first_try",
                   "right_first_try_percent", "revealed", "reveal_percent", "mean_attempts", "most_common_wrong",
                   "most_common_wrong_json", "most_common_wrong_count", "feedback_on_that_answer",
                   "instructor_note", "answers_flagged_changed"]


def hardest(rep: ClassReport, n: int = 10) -> list[QuestionFigures]:
    """The ``n`` questions with the lowest share right at the first try (answered by someone)."""
    answered = [f for f in rep.questions if f.students]
    return sorted(answered, key=lambda f: (f.share_right_first_try, f.bank, f.question))[:n]


def _chart(rep: ClassReport, path: Path) -> bytes | None:
    items = hardest(rep)
    if not items:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 0.45 * len(items) + 1.2))
    labels = [f.question for f in reversed(items)]
    values = [100 * f.share_right_first_try for f in reversed(items)]
    ax.barh(labels, values, color="#0b4f9c")
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of students right at the first try")
    ax.set_title("The hardest questions")
    for y, v in enumerate(values):
        ax.text(min(v + 1, 92), y, f"{v:.0f}%", va="center", fontsize=8)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    data = buf.getvalue()
    path.write_bytes(data)
    return data


def write_report(rep: ClassReport, output="build/results") -> dict:
    """Write report.html and the CSV files into ``output``; return {name: path}."""
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    files["questions.csv"] = out / "questions.csv"
    _write_csv(files["questions.csv"], QUESTION_HEADER, list(_questions_rows(rep)))
    lesson_cols = [_lesson_label(b) for b in rep.banks]
    files["students.csv"] = out / "students.csv"
    _write_csv(files["students.csv"],
               ["student", "lms_id", "hub_user", "gradebook_id_source", "files"] + lesson_cols + ["total"],
               [[st.label, st.lms_id or "", st.hub_user or "", st.id_source, " ".join(map(str, st.sources))]
                + [rep.scores[st.key][b.name] for b in rep.banks] + [sum(rep.scores[st.key].values())]
                for st in rep.students])
    with_id = [st for st in rep.students if st.gradebook_id]
    without = [st for st in rep.students if not st.gradebook_id]
    files["gradebook_canvas.csv"] = out / "gradebook_canvas.csv"
    _write_csv(files["gradebook_canvas.csv"], ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + lesson_cols,
               [["    Points Possible", "", "", "", ""] + [rep.possible[b.name] for b in rep.banks]]
               + [[st.name or st.label, "", "", st.gradebook_id, ""] + [rep.scores[st.key][b.name] for b in rep.banks]
                  for st in with_id])
    files["gradebook_moodle.csv"] = out / "gradebook_moodle.csv"
    _write_csv(files["gradebook_moodle.csv"], ["Identifier", "Full name"] + lesson_cols,
               [[st.gradebook_id, st.name or st.label] + [rep.scores[st.key][b.name] for b in rep.banks]
                for st in with_id])
    files["students_without_id.csv"] = out / "students_without_id.csv"
    _write_csv(files["students_without_id.csv"], ["student", "files"],
               [[st.label, " ".join(map(str, st.sources))] for st in without])
    files["open_writing.csv"] = out / "open_writing.csv"
    _write_csv(files["open_writing.csv"], ["student", "key", "text"],
               [[st.label, key, text] for st in rep.students for key, text in sorted(st.writing.items())])
    png = _chart(rep, out / "hardest_questions.png")
    if png is not None:
        files["hardest_questions.png"] = out / "hardest_questions.png"
    files["report.html"] = out / "report.html"
    files["report.html"].write_text(_html(rep, png, without), encoding="utf-8")
    return files


_CSS = """body{font-family:system-ui,sans-serif;max-width:70em;margin:1.5em auto;padding:0 1em;color:#1a1a1a;line-height:1.45}
table{border-collapse:collapse;margin:0.6em 0;font-size:0.92em}th,td{border:1px solid #bbb;padding:0.25em 0.5em;vertical-align:top;text-align:left}
th{background:#eef2f7}td.n{text-align:right}.note{background:#fff8e5;border-left:4px solid #8a5a00;padding:0.4em 0.8em}
.private{background:#f4eefa;border-left:4px solid #5a2a8a;padding:0.2em 0.5em}"""


def _html(rep: ClassReport, png: bytes | None, without: list[Student]) -> str:
    e = escape
    qmap = {(b.name, q.id): q for b in rep.banks for q in b.questions}
    h = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Class report: {e(rep.title)}</title>",
         f"<style>{_CSS}</style></head><body>",
         f"<h1>Class report: {e(rep.title)}</h1>",
         f"<p>Written {e(rep.created)} by <code>crisis-course results</code> from {rep.sources} file(s): "
         f"{len(rep.students)} student(s).</p>",
         "<p class='note'><strong>Self-reported answers, regraded.</strong> Receipts and progress files are "
         "written by students' own machines, so every answer was graded again here against the current banks "
         f"({rep.regraded} answers); the 'correct' flag in the files was not used. It disagreed with the regrading "
         f"for {rep.disagreements} answer(s).</p>",
         "<p class='private'>This report contains the instructor guide's notes on misconceptions. "
         "Do not share it with students.</p>"]
    h.append("<h2>Files</h2><ul>")
    h.append(f"<li>{rep.merged} file(s) belonged to a student already counted (same LMS id, hub user or name): "
             "counted once, with the latest answer to each question.</li>")
    h.append(f"<li>{len(rep.duplicates)} file(s) were exact copies of another and were read once"
             + (": " + ", ".join(f"<code>{e(p)}</code>" for p in rep.duplicates) if rep.duplicates else "") + ".</li>")
    if rep.damaged:
        h.append(f"<li>{len(rep.damaged)} damaged or unknown file(s) were skipped:<ul>"
                 + "".join(f"<li><code>{e(p)}</code>: {e(why)}</li>" for p, why in rep.damaged) + "</ul></li>")
    else:
        h.append("<li>No damaged files.</li>")
    if rep.changed:
        h.append(f"<li>{len(rep.changed)} answer(s) to questions that have changed since were flagged and left out "
                 "of every figure:<ul>" + "".join(f"<li>{e(s)}: <code>{e(b)}/{e(q)}</code>: {e(why)}</li>"
                                                  for s, b, q, why in rep.changed) + "</ul></li>")
    if rep.unknown:
        h.append(f"<li>{len(rep.unknown)} answer(s) to questions that are no longer in the banks were left out.</li>")
    h.append("</ul>")
    if png is not None:
        data = base64.b64encode(png).decode("ascii")
        items = hardest(rep)
        desc = "; ".join(f"{f.question}: {_pct(f.share_right_first_try)}%" for f in items)
        h.append("<h2>The hardest questions</h2>")
        h.append(f"<img src='data:image/png;base64,{data}' alt='Bar chart of the {len(items)} questions with the lowest "
                 f"share of students right at the first try: {e(desc)}' style='max-width:100%'>")
    h.append("<h2>Per question</h2>")
    h.append("<p>Right at the first try: right, with one attempt, answer not revealed. The most common wrong "
             "answer is the most common <em>final</em> wrong answer (files keep each student's last answer).</p>")
    for b in rep.banks:
        rows = [f for f in rep.questions if f.bank == b.name]
        h.append(f"<h3>{e(_lesson_label(b))}</h3><table><tr><th>question</th><th>students</th>"
                 "<th>right at first try</th><th>revealed</th><th>mean attempts</th><th>most common wrong answer</th>"
                 "<th>feedback students saw</th><th>instructor note</th></tr>")
        for f in rows:
            q = qmap[(f.bank, f.question)]
            wrong = (f"{e(display_answer(q, f.most_common_wrong))} ({f.most_common_wrong_count})"
                     if f.most_common_wrong is not None else "")
            flags = f" <small>({f.changed} flagged)</small>" if f.changed else ""
            cp = " <small>(checkpoint)</small>" if f.checkpoint else ""
            h.append(f"<tr><td><code>{e(f.question)}</code>{cp}<br><small>{render(f.prompt)}</small></td>"
                     f"<td class='n'>{f.students}{flags}</td><td class='n'>{_pct(f.share_right_first_try)}"
                     f"{'%' if f.students else ''}</td><td class='n'>{_pct(f.reveal_rate)}{'%' if f.students else ''}</td>"
                     f"<td class='n'>{_num(f.mean_attempts)}</td><td>{wrong}</td><td>{render(f.wrong_feedback)}</td>"
                     f"<td>{render(f.instructor_note)}</td></tr>")
        h.append("</table>")
    h.append("<h2>Per student</h2><table><tr><th>student</th><th>gradebook id</th>"
             + "".join(f"<th>{e(_lesson_label(b))} (/{rep.possible[b.name]})</th>" for b in rep.banks) + "</tr>")
    for st in rep.students:
        h.append(f"<tr><td>{e(st.label)}</td><td>{e(st.gradebook_id or 'none')}"
                 f"{' <small>(hub user name)</small>' if st.gradebook_id and not st.lms_id else ''}</td>"
                 + "".join(f"<td class='n'>{rep.scores[st.key][b.name]}</td>" for b in rep.banks) + "</tr>")
    h.append("</table>")
    n_writing = sum(1 for st in rep.students if st.writing)
    h.append(f"<h2>Open writing</h2><p>{n_writing} student(s) handed in open-writing texts (summary, forecast...): "
             "they are in <code>open_writing.csv</code>, ungraded.</p>")
    h.append("<h2>Gradebook files</h2><p><code>gradebook_canvas.csv</code> and <code>gradebook_moodle.csv</code> "
             "identify students by the LMS login or id from their receipt, or else by their hub user name. "
             "They are not yet import-tested in a real Canvas or Moodle: check a few rows after importing.</p>")
    if without:
        h.append(f"<p class='note'><strong>{len(without)} student(s) had no LMS id and no hub user name</strong> "
                 "and are left out of both gradebook files (also listed in <code>students_without_id.csv</code>): "
                 + ", ".join(e(st.label) for st in without) + ".</p>")
    else:
        h.append("<p>Every student had an LMS id or a hub user name.</p>")
    h.append("</body></html>")
    return "\n".join(h)


# --------------------------------------------------------------------------------- CLI ----

def _cmd_results(args) -> int:
    rep = build_report(args.paths)
    files = write_report(rep, args.output)
    print(f"read {rep.sources} file(s): {len(rep.students)} student(s), {rep.regraded} answers regraded "
          f"(self-reported: the files' own verdicts disagreed for {rep.disagreements})")
    if rep.merged:
        print(f"{rep.merged} file(s) belonged to a student already counted: counted once")
    if rep.duplicates:
        print(f"{len(rep.duplicates)} exact duplicate file(s) read once")
    for path, why in rep.damaged:
        print(f"skipped {path}: {why}")
    if rep.changed:
        print(f"{len(rep.changed)} answer(s) to changed questions flagged and left out")
    without = [st.label for st in rep.students if not st.gradebook_id]
    if without:
        print(f"no LMS id or hub user name (left out of the gradebook files): {', '.join(without)}")
    for path in files.values():
        print(f"wrote {path}")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("results", help="class report from receipts and progress files (HTML, CSV, gradebooks)",
                              description="Read receipts and progress files (files or folders, such as a hub's home "
                              "folders), regrade every answer, and write an HTML report, CSV files and gradebook "
                              "CSVs for Canvas and Moodle.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--output", default="build/results", help="folder to write (default build/results)")
    p.set_defaults(func=_cmd_results)
