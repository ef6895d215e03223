"""Saved quiz progress: one JSON file per user, written atomically, safe for concurrent saves.

Where: ``$CRISIS_COURSE_PROGRESS_DIR/progress.json`` if that variable is set, else
``platformdirs.user_data_dir("crisis-course")/progress.json`` (on Linux
``~/.local/share/crisis-course/progress.json``; on a JupyterHub each user has their own home, so
their own file).

The format (version 2) is documented for other tools in ``docs/progress.md``::

    {"format": "crisis-course-progress", "version": 2,
     "banks": {"nato": {"nato-founders": {"correct": true, "answer": ["Canada", "..."], "attempts": 2,
                                          "revealed": false, "updated": "2024-05-01T10:00:00+00:00"}}},
     "stale": {"nato": {"nato-founders": [{"correct": false, "answer": "12", "attempts": 1, ...,
                                           "set_aside": "2024-06-01T09:00:00+00:00",
                                           "reason": "..."}]}},
     "open_writing": {"orientation-summary": {"text": "...", "updated": "..."}}}

Version-1 files (``{"version": 1, "banks": {...}}``) are read and rewritten as version 2 on the
next save, losing nothing. A saved answer that no longer fits its question (the bank changed the
question's type or options but kept its id) is *set aside* under ``"stale"`` (kept, never
deleted) when a quiz opens, and :attr:`ProgressStore.notices` gets one sentence for the student.

Every save takes an exclusive lock (``fcntl.flock`` on ``progress.json.lock``; ``msvcrt`` on
Windows; no lock if neither exists), re-reads the file, merges only the entries this quiz
changed, writes a temporary file in the same folder, ``fsync``s it and ``os.replace``s it over
the old one. So two notebooks saving at once lose nothing, and a crash mid-write leaves the
old file intact; temporary files left by an interrupted save are removed by a later save.
Only a regular file is ever read (a FIFO or a link to a device is treated as damaged), and at
most :data:`MAX_BYTES`. A file that is not valid JSON, has the wrong shape, is too large or is
not a regular file is moved aside to ``progress.json.corrupt-<timestamp>`` with a
:class:`ProgressWarning`, and the quiz starts fresh. A save that fails (read-only folder, full
disk, unwritable ``CRISIS_COURSE_PROGRESS_DIR``) returns False and leaves a sentence for the
student in :attr:`ProgressStore.last_error`; the quiz keeps working without saving.
"""
from __future__ import annotations

import contextlib
import copy
import datetime as _dt
import errno
import json
import os
import stat
import tempfile
import time
import warnings
from pathlib import Path

__all__ = [
    "ProgressStore",
    "ProgressWarning",
    "FORMAT",
    "VERSION",
    "MAX_BYTES",
    "answer_fits",
    "migrate",
    "progress_dir",
    "progress_path",
    "reset_progress",
]

FORMAT = "crisis-course-progress"
VERSION = 2
FILENAME = "progress.json"
MAX_BYTES = 8 * 1024 * 1024          # a real file is a few kB; 8 MB is thousands of quizzes
TEMP_MAX_AGE = 30.0                  # seconds: a temporary file older than this is from an interrupted save


class ProgressWarning(UserWarning):
    """Quiz progress could not be read or saved; the quiz goes on."""


def progress_dir() -> Path:
    env = os.environ.get("CRISIS_COURSE_PROGRESS_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("crisis-course", appauthor=False))


def progress_path() -> Path:
    """The progress file of the current user."""
    return progress_dir() / FILENAME


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _empty() -> dict:
    return {"format": FORMAT, "version": VERSION, "banks": {}, "stale": {}, "open_writing": {}}


def _entries_ok(banks) -> bool:
    if not isinstance(banks, dict):
        return False
    for bank in banks.values():
        if not isinstance(bank, dict):
            return False
        for entry in bank.values():
            if not isinstance(entry, dict) or not isinstance(entry.get("correct", False), bool):
                return False
    return True


def migrate(data) -> dict | None:
    """``data`` (a parsed progress file of version 1 or 2) as a version-2 dict; None if unusable.

    Version 1 is ``{"version": 1, "banks": {...}}``: its banks are kept as they are, and empty
    ``stale`` and ``open_writing`` sections are added. Nothing is dropped.
    """
    if not isinstance(data, dict):
        return None
    version = data.get("version")
    if version == 1:
        if not _entries_ok(data.get("banks")) or any(k in data for k in ("stale", "open_writing", "format")):
            return None
        out = _empty()
        out.update({k: v for k, v in data.items() if k != "version"})   # unknown keys are kept too
        return out
    if version == VERSION and data.get("format") == FORMAT:
        if not _entries_ok(data.get("banks")):
            return None
        stale = data.get("stale", {})
        writing = data.get("open_writing", {})
        if not isinstance(stale, dict) or not all(
            isinstance(b, dict) and all(isinstance(v, list) for v in b.values()) for b in stale.values()
        ):
            return None
        if not isinstance(writing, dict) or not all(isinstance(v, dict) for v in writing.values()):
            return None
        out = dict(data)
        out.setdefault("stale", {})
        out.setdefault("open_writing", {})
        return out
    return None


def _scrub(value):
    """``value`` with lone surrogates replaced (they cannot be written as UTF-8)."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(value) else value
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrub(v) for v in value]
    return value


def _has_surrogate(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def answer_fits(question, answer) -> bool:
    """Whether a saved ``answer`` still fits ``question`` (an object with ``check(answer)``).

    It fits when the question accepts it as a valid answer *and* gives it back unchanged in
    canonical form (so a saved ``"Kyiv"`` does not fit a question that became a matching one,
    and an option text that the bank removed does not fit either). ``None`` (no answer, perhaps
    only revealed) always fits.
    """
    if answer is None:
        return True
    try:
        result = question.check(answer)
        return bool(result.valid) and result.answer == answer and type(result.answer) is type(answer)
    except Exception:  # noqa: BLE001 - a question that cannot even check it: it does not fit
        return False


@contextlib.contextmanager
def _locked(lock_path: Path):
    """Hold an exclusive lock on ``lock_path`` (a sidecar regular file) for the duration."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(str(lock_path), flags, 0o600)
    fh = os.fdopen(fd, "r+b")
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, f"{lock_path} is not a regular file")
        try:
            import fcntl
        except ImportError:  # Windows
            fcntl = None
        if fcntl is not None:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield True
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
            return
        try:
            import msvcrt
        except ImportError:
            msvcrt = None
        if msvcrt is not None:
            fh.seek(0)
            got = False
            for _ in range(200):  # ~10 s
                try:
                    msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
                    got = True
                    break
                except OSError:
                    time.sleep(0.05)
            try:
                yield got
            finally:
                if got:
                    with contextlib.suppress(OSError):
                        fh.seek(0)
                        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
            return
        yield False  # no locking primitive: atomic replace still prevents torn files
    finally:
        fh.close()


def _read_regular(path: Path, limit: int) -> bytes:
    """Read at most ``limit`` bytes of ``path`` if it is a regular file; raise ValueError if it
    is not one (FIFO, device, folder) or is larger than ``limit``; FileNotFoundError if absent."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)   # a FIFO opens at once instead of blocking
    fd = os.open(str(path), flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError("it is not a regular file")
        if st.st_size > limit:
            raise ValueError(f"it is larger than {limit // (1024 * 1024)} MB")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise ValueError(f"it is larger than {limit // (1024 * 1024)} MB")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


class ProgressStore:
    """Read and update one user's progress file. ``path`` defaults to :func:`progress_path`.

    ``last_error``: after a failed save, one sentence for the student (None after a good one).
    ``notices``: sentences for the student not yet shown (answers set aside, file damaged);
    :meth:`take_notices` returns and clears them.
    """

    def __init__(self, path=None):
        self.path = Path(path) if path is not None else progress_path()
        self._warned_write = False
        self.last_error: str | None = None
        self.notices: list[str] = []

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def take_notices(self) -> list[str]:
        """The pending notices for the student, oldest first; the list is emptied."""
        out, self.notices = self.notices, []
        return out

    # ---- reading -------------------------------------------------------------------
    def _move_aside(self, why: str) -> None:
        stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        dest = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            os.replace(self.path, dest)
            where = f"moved it to {dest}"
        except OSError as exc:
            where = f"could not move it aside ({exc})"
        message = f"Quiz progress file {self.path} was damaged ({why}); {where}. Your quizzes start fresh."
        warnings.warn(message, ProgressWarning, stacklevel=4)
        self.notices.append("Your saved quiz answers could not be read, so this quiz starts fresh. "
                            f"The old file was kept as {dest.name if 'moved' in where else self.path.name}.")

    def _read_unlocked(self) -> dict:
        """The file's content as version 2; a damaged file is moved aside (with a warning)."""
        try:
            raw = _read_regular(self.path, MAX_BYTES)
        except FileNotFoundError:
            return _empty()
        except ValueError as exc:  # not a regular file, or too large
            self._move_aside(str(exc))
            return _empty()
        except OSError as exc:
            warnings.warn(f"Could not read quiz progress file {self.path}: {exc}. Starting fresh.",
                          ProgressWarning, stacklevel=3)
            return _empty()
        try:
            data = migrate(json.loads(raw.decode("utf-8")))
        except (UnicodeDecodeError, ValueError, RecursionError):
            data = None
        if data is not None:
            return data
        self._move_aside("not a progress file of a version this course reads")
        return _empty()

    def load(self) -> dict:
        """The whole file as version 2 (see ``docs/progress.md``); never raises."""
        if not os.path.lexists(self.path):
            return _empty()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(self.lock_path):
                return self._read_unlocked()
        except OSError:
            return self._read_unlocked()

    def bank(self, bank: str, questions=None) -> dict:
        """The saved entries of one bank: {question id: entry}.

        With ``questions`` (objects with ``id`` and ``check``), an entry whose answer no longer
        fits its question is set aside under ``"stale"`` in the file (see :meth:`set_aside`) and
        left out; entries of question ids not in ``questions`` (removed questions, checkpoints
        shown elsewhere) are returned untouched.
        """
        entries = dict(self.load()["banks"].get(bank, {}))
        if questions is None:
            return entries
        misfits = {}
        for q in questions:
            entry = entries.get(q.id)
            if entry is None:
                continue
            if not isinstance(entry, dict) or not answer_fits(q, entry.get("answer")):
                misfits[q.id] = entry
        if misfits:
            for qid in misfits:
                entries.pop(qid, None)
            self.set_aside(bank, misfits)
        return entries

    def stale(self, bank: str) -> dict:
        """Set-aside entries of one bank: {question id: [entry, ...]} (oldest first)."""
        return copy.deepcopy(self.load()["stale"].get(bank, {}))

    def writing(self, key: str) -> str | None:
        """A saved open-writing answer (lesson 0's summary, lesson 1's forecast ...), or None."""
        entry = self.load()["open_writing"].get(key)
        return entry.get("text") if isinstance(entry, dict) else None

    # ---- writing -------------------------------------------------------------------
    def _clean_temporaries(self) -> None:
        """Remove temporary files left by interrupted saves (older than :data:`TEMP_MAX_AGE`)."""
        prefix = f".{self.path.name}."
        now = time.time()
        with contextlib.suppress(OSError), os.scandir(self.path.parent) as it:
            for entry in it:
                if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
                    continue
                with contextlib.suppress(OSError):
                    st = entry.stat(follow_symlinks=False)
                    if (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)) and now - st.st_mtime > TEMP_MAX_AGE:
                        os.unlink(entry.path)

    def _write_unlocked(self, data: dict) -> None:
        try:
            text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
        except (TypeError, ValueError):
            text = json.dumps(_scrub(_jsonable(data)), ensure_ascii=False, indent=1, sort_keys=True)
        if _has_surrogate(text):
            text = json.dumps(_scrub(data), ensure_ascii=False, indent=1, sort_keys=True)
        payload = text.encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=str(self.path.parent))
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        with contextlib.suppress(OSError, AttributeError):  # make the rename durable (POSIX)
            dfd = os.open(str(self.path.parent), os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)

    def _modify(self, change, what: str = "save quiz progress") -> bool:
        """Lock, read, ``change(data)`` in place, write. False (and ``last_error``) on an OS error."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(self.lock_path):
                self._clean_temporaries()
                data = self._read_unlocked()
                change(data)
                self._write_unlocked(data)
            self.last_error = None
            return True
        except OSError as exc:
            self.last_error = _explain(exc, self.path)
            if not self._warned_write:
                warnings.warn(f"Could not {what} to {self.path}: {exc}. "
                              "Answers are kept until the kernel restarts.", ProgressWarning, stacklevel=3)
                self._warned_write = True
            return False

    def update(self, bank: str, entries: dict | None = None, remove=None, clear_bank: bool = False) -> bool:
        """Merge ``entries`` ({qid: entry}) into ``bank``; drop ids in ``remove`` or the whole bank.

        Returns True if saved. On an OS error (read-only home, full disk) warns once, sets
        :attr:`last_error` and returns False: progress is then only kept in memory.
        """
        def change(data):
            banks = data.setdefault("banks", {})
            if clear_bank:
                banks.pop(bank, None)
            current = banks.setdefault(bank, {})
            for qid in remove or ():
                current.pop(qid, None)
            for qid, entry in (entries or {}).items():
                entry = dict(entry)
                entry.setdefault("updated", _now())
                current[qid] = entry
            if not current:
                banks.pop(bank, None)
        return self._modify(change)

    def set_aside(self, bank: str, entries: dict, reason: str | None = None) -> bool:
        """Move ``entries`` ({qid: entry}) of ``bank`` from ``"banks"`` to ``"stale"`` (kept).

        Adds one notice for the student (once per call, so once per bank and quiz opening).
        """
        if not entries:
            return True
        reason = reason or "the question changed after this answer was saved"
        stamp = _now()

        def change(data):
            current = data.setdefault("banks", {}).get(bank, {})
            stale = data.setdefault("stale", {}).setdefault(bank, {})
            for qid, entry in entries.items():
                if current.get(qid) != entry:
                    continue  # replaced by a newer save meanwhile (or already set aside): keep that
                record = dict(entry) if isinstance(entry, dict) else {"value": entry}
                record["set_aside"] = stamp
                record["reason"] = reason
                stale.setdefault(qid, []).append(record)
                current.pop(qid)
            if not stale:
                data["stale"].pop(bank)
            if bank in data["banks"] and not data["banks"][bank]:
                data["banks"].pop(bank)

        n = len(entries)
        saved = self._modify(change)
        where = ("kept aside in your progress file" if saved
                 else "left as they were in your progress file (it could not be changed)")
        self.notices.append(
            f"{n} saved answer{'s' if n != 1 else ''} in this quiz no longer fit{'s' if n == 1 else ''} "
            f"{'its question' if n == 1 else 'their questions'}, which changed since you answered. "
            f"{'It was' if n == 1 else 'They were'} {where}; answer {'it' if n == 1 else 'them'} again here.")
        return saved

    def save_answer(self, bank: str, qid: str, *, correct: bool, answer, attempts: int,
                    revealed: bool = False, **extra) -> bool:
        """Save one question's latest answer (``extra`` keys, e.g. a question hash, are kept)."""
        entry = {"correct": bool(correct), "answer": answer, "attempts": int(attempts),
                 "revealed": bool(revealed), "updated": _now()}
        entry.update(extra)
        return self.update(bank, {qid: entry})

    def save_writing(self, key: str, text: str) -> bool:
        """Save an open-writing answer under ``key`` (e.g. ``"orientation-summary"``)."""
        def change(data):
            data.setdefault("open_writing", {})[str(key)] = {"text": str(text), "updated": _now()}
        return self._modify(change, "save your writing")

    def reset(self, bank: str | None = None) -> bool:
        """Forget one bank's progress, or every bank's when ``bank`` is None.

        Set-aside (stale) answers and open writing are kept. Returns False (and sets
        :attr:`last_error`) if the file could not be changed.
        """
        if bank is not None:
            return self.update(bank, clear_bank=True)

        def change(data):
            data["banks"] = {}
        return self._modify(change, "reset quiz progress")


def _jsonable(value):
    """Best-effort JSON form: numpy scalars to Python numbers, other unknowns to strings."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    item = getattr(value, "item", None)
    if callable(item):
        with contextlib.suppress(Exception):
            v = item()
            if isinstance(v, (bool, int, float, str)):
                return v
    return str(value)


def _explain(exc: OSError, path: Path) -> str:
    """One plain sentence for the student about a failed save."""
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        why = "the disk is full"
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "the folder cannot be written to"
    elif code in (errno.ENOTDIR, errno.EEXIST, errno.ENOENT):
        why = "the folder for it does not exist and cannot be made"
    else:
        why = str(exc.strerror or exc).rstrip(".").lower() or "of a system error"
    return (f"Your answers could not be saved ({why}: {path.parent}). They are kept only until the "
            "notebook's kernel restarts; ask your instructor, or set CRISIS_COURSE_PROGRESS_DIR to a "
            "folder you can write to.")


def reset_progress(bank: str | None = None) -> bool:
    """Forget the current user's saved answers for ``bank`` (or for every bank)."""
    return ProgressStore().reset(bank)
