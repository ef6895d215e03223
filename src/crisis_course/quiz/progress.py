"""Saved quiz progress: one JSON file per user, written atomically, safe for concurrent saves.

Where: ``$CRISIS_COURSE_PROGRESS_DIR/progress.json`` if that variable is set, else
``platformdirs.user_data_dir("crisis-course")/progress.json`` (on Linux
``~/.local/share/crisis-course/progress.json``; on a JupyterHub each user has their own home, so
their own file).

Shape::

    {"version": 1,
     "banks": {"nato": {"nato-founders": {"correct": true, "answer": "12", "attempts": 2,
                                          "revealed": false, "updated": "2024-05-01T10:00:00+00:00"}}}}

Every save takes an exclusive lock (``fcntl.flock`` on ``progress.json.lock``; ``msvcrt`` on
Windows; no lock if neither exists), re-reads the file, merges only the entries this quiz
changed, writes a temporary file in the same folder, ``fsync``s it and ``os.replace``s it over
the old one. So two notebooks saving at once lose nothing, and a crash mid-write leaves the
old file intact. A file that is not valid JSON or has the wrong shape is moved aside to
``progress.json.corrupt-<timestamp>`` with a :class:`ProgressWarning`, and the quiz starts fresh.
A folder that cannot be written gives one warning; the quiz keeps working without saving.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import tempfile
import time
import warnings
from pathlib import Path

__all__ = ["ProgressStore", "ProgressWarning", "progress_dir", "progress_path", "reset_progress"]

VERSION = 1
FILENAME = "progress.json"


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


def _valid_shape(data) -> bool:
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("banks"), dict):
        return False
    for bank in data["banks"].values():
        if not isinstance(bank, dict):
            return False
        for entry in bank.values():
            if not isinstance(entry, dict) or not isinstance(entry.get("correct", False), bool):
                return False
    return True


@contextlib.contextmanager
def _locked(lock_path: Path):
    """Hold an exclusive lock on ``lock_path`` (a sidecar file) for the duration."""
    fh = open(lock_path, "a+b")
    try:
        try:
            import fcntl
        except ImportError:  # Windows
            fcntl = None
        if fcntl is not None:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
            return
        try:
            import msvcrt
        except ImportError:
            msvcrt = None
        if msvcrt is not None:
            fh.seek(0)
            for _ in range(200):  # ~10 s
                try:
                    msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
                    break
                except OSError:
                    time.sleep(0.05)
            try:
                yield
            finally:
                with contextlib.suppress(OSError):
                    fh.seek(0)
                    msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
            return
        yield  # no locking primitive: atomic replace still prevents torn files
    finally:
        fh.close()


class ProgressStore:
    """Read and update one user's progress file. ``path`` defaults to :func:`progress_path`."""

    def __init__(self, path=None):
        self.path = Path(path) if path is not None else progress_path()
        self._warned_write = False

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    # ---- reading -------------------------------------------------------------------
    def _read_unlocked(self) -> dict:
        """The file's content; a damaged file is moved aside (with a warning) and {} returned."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {"version": VERSION, "banks": {}}
        except OSError as exc:
            warnings.warn(f"Could not read quiz progress file {self.path}: {exc}. Starting fresh.",
                          ProgressWarning, stacklevel=3)
            return {"version": VERSION, "banks": {}}
        try:
            data = json.loads(raw.decode("utf-8"))
            ok = _valid_shape(data)
        except (UnicodeDecodeError, json.JSONDecodeError):
            ok = False
        if ok:
            return data
        stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        dest = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            os.replace(self.path, dest)
            where = f"moved it to {dest}"
        except OSError as exc:
            where = f"could not move it aside ({exc})"
        warnings.warn(f"Quiz progress file {self.path} was damaged; {where}. Your quizzes start fresh.",
                      ProgressWarning, stacklevel=3)
        return {"version": VERSION, "banks": {}}

    def load(self) -> dict:
        """The whole file as {"version": 1, "banks": {...}} (never raises)."""
        if not self.path.exists():
            return {"version": VERSION, "banks": {}}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(self.lock_path):
                return self._read_unlocked()
        except OSError:
            return self._read_unlocked()

    def bank(self, bank: str) -> dict:
        """The saved entries of one bank: {question id: entry}."""
        return dict(self.load()["banks"].get(bank, {}))

    # ---- writing -------------------------------------------------------------------
    def _write_unlocked(self, data: dict) -> None:
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=str(self.path.parent))
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
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

    def update(self, bank: str, entries: dict | None = None, remove=None, clear_bank: bool = False) -> bool:
        """Merge ``entries`` ({qid: entry}) into ``bank``; drop ids in ``remove`` or the whole bank.

        Returns True if saved. On an OS error (read-only home, full disk) warns once and
        returns False: progress is then only kept in memory.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(self.lock_path):
                data = self._read_unlocked()
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
                self._write_unlocked(data)
            return True
        except OSError as exc:
            if not self._warned_write:
                warnings.warn(f"Could not save quiz progress to {self.path}: {exc}. "
                              "Answers are kept until the kernel restarts.", ProgressWarning, stacklevel=2)
                self._warned_write = True
            return False

    def save_answer(self, bank: str, qid: str, *, correct: bool, answer, attempts: int,
                    revealed: bool = False) -> bool:
        """Save one question's latest answer."""
        return self.update(bank, {qid: {"correct": bool(correct), "answer": answer, "attempts": int(attempts),
                                        "revealed": bool(revealed), "updated": _now()}})

    def reset(self, bank: str | None = None) -> bool:
        """Forget one bank's progress, or everything when ``bank`` is None."""
        if bank is not None:
            return self.update(bank, clear_bank=True)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(self.lock_path):
                self._write_unlocked({"version": VERSION, "banks": {}})
            return True
        except OSError as exc:
            warnings.warn(f"Could not reset quiz progress in {self.path}: {exc}", ProgressWarning, stacklevel=2)
            return False


def reset_progress(bank: str | None = None) -> bool:
    """Forget the current user's saved answers for ``bank`` (or for every bank)."""
    return ProgressStore().reset(bank)
