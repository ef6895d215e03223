"""Reading the class's files: receipts, progress files, folders and LMS zips; one :class:`Student`
per person (files linked by LMS id, hub user name or name). See :mod:`crisis_course.results`."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

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
    """At most 8 MB of a regular file (a FIFO or a device is refused at once): the progress store's reader."""
    from ..quiz.progress import _read_regular as read_regular

    return read_regular(path, MAX_BYTES)


def _hub_user_from_path(path: Path) -> str | None:
    parts = path.resolve().parts if not path.is_absolute() else path.parts
    if ".local" in parts:
        i = parts.index(".local")
        if i >= 1:
            return parts[i - 1]
    return path.parent.name or None


def _migrate_progress(data):
    try:
        from ..quiz.progress import migrate
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
