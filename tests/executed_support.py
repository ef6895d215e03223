"""Every lesson executed ONCE per test run, shared by every test module and every pytest-xdist worker.

Slides, offline slides, handouts, worksheets, the website and the browser tests on decks all start
from the same executed copies of the lessons (pytest-notebook's own run of each lesson, the
course's "every notebook runs cleanly" check, is separate). The copies live in a folder of the
run's temporary directory: with pytest-xdist every worker sees the same folder
(``basetemp.parent``, as the xdist documentation recommends) and a per-lesson file lock makes
sure exactly one process executes a lesson while the others wait for it and read the result.

Each worker goes through the lessons in order but first takes those no one else is executing
(a lock it can have at once), so two workers that both need the lessons share the work instead
of one waiting idle; then it waits for the lessons held by others. Within a process the result
is memoised. Tracked files are never written: executing a lesson reads the notebook and returns
a copy (``export.execute_notebook``).
"""
from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from filelock import FileLock, Timeout

#: set by conftest.pytest_configure: the run's pytest config (for its temporary directory)
CONFIG = None
#: the shared folder, when set (tests of this module); else one in the run's temporary directory
FOLDER: Path | None = None
#: kernels one process runs at once while executing lessons (each lesson in its own kernel)
JOBS = 2
#: generous: a lesson on a busy machine; waiting for another worker's lesson is bounded by this
TIMEOUT = 300

_MEMO: dict = {}
_MEMO_LOCK = threading.Lock()


def shared_dir() -> Path:
    """The folder for this run's executed lessons, the same for every xdist worker of the run."""
    if FOLDER is not None:
        base = Path(FOLDER)
    elif CONFIG is not None and getattr(CONFIG, "_tmp_path_factory", None) is not None:
        base = CONFIG._tmp_path_factory.getbasetemp()
        if os.environ.get("PYTEST_XDIST_WORKER"):
            base = base.parent  # workers' basetemps are siblings: popen-gw0, popen-gw1, ...
    else:  # imported outside pytest (a script): a private folder
        import tempfile

        base = Path(tempfile.mkdtemp(prefix="crisis-course-executed-"))
    folder = base / "executed-lessons"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _files(folder: Path, path: Path) -> tuple[Path, Path, FileLock]:
    return (folder / f"{path.stem}.ipynb", folder / f"{path.stem}.error.txt",
            FileLock(str(folder / f"{path.stem}.lock"), thread_local=False))


def _read(done_file: Path, error_file: Path):
    if done_file.exists():
        return nbformat.read(done_file, as_version=4), None
    if error_file.exists():
        return None, error_file.read_text(encoding="utf-8")
    return None


def _execute_and_store(path: Path, done_file: Path, error_file: Path):
    from crisis_course import export

    try:
        nb = export.execute_notebook(path, timeout=TIMEOUT)
    except export.ExportError as exc:
        tmp = error_file.with_suffix(".tmp")
        tmp.write_text(str(exc), encoding="utf-8")
        tmp.replace(error_file)
        return None, str(exc)
    tmp = done_file.with_suffix(".tmp")
    nbformat.write(nb, str(tmp))
    tmp.replace(done_file)  # readers never see half a notebook
    return nb, None


def _get(path: Path, folder: Path, wait: bool):
    """(nb, error) for one lesson, executing it if no one has; ``None`` when ``wait`` is false
    and another process is executing it right now."""
    done_file, error_file, lock = _files(folder, path)
    try:
        lock.acquire(timeout=-1 if wait else 0)
    except Timeout:
        return None
    try:
        found = _read(done_file, error_file)
        return found if found is not None else _execute_and_store(path, done_file, error_file)
    finally:
        lock.release()


def executed_lessons(lessons: list[Path]) -> tuple[dict, dict]:
    """(lesson path -> executed notebook, lesson file name -> error) for ``lessons``, each lesson
    executed once per test run across all processes."""
    key = tuple(lessons)
    with _MEMO_LOCK:
        if key in _MEMO:
            return _MEMO[key]
        folder = shared_dir()
        results: dict = {}
        with ThreadPoolExecutor(max_workers=JOBS) as pool:  # first the lessons nobody holds
            for path, got in zip(lessons, pool.map(lambda p: _get(p, folder, wait=False), lessons)):
                if got is not None:
                    results[path] = got
        for path in lessons:  # then wait for the ones another worker was executing
            if path not in results:
                results[path] = _get(path, folder, wait=True)
        done = {p: nb for p in lessons for nb, err in [results[p]] if err is None}
        errors = {p.name: err for p in lessons for nb, err in [results[p]] if err is not None}
        _MEMO[key] = (done, errors)
        return _MEMO[key]


def built_once(name: str, build) -> Path:
    """A folder ``name`` built by ``build(folder)`` once per test run, shared like the executed
    lessons (the offline decks and the handouts are read by several modules, maybe on several
    xdist workers). ``build`` raises or returns a problem; a failed build is not reused."""
    with _MEMO_LOCK:
        if ("built", name) in _MEMO:
            return _MEMO[("built", name)]
    root = shared_dir()
    folder, marker = root / name, root / f"{name}.built"
    with FileLock(str(root / f"{name}.lock"), thread_local=False):
        if not marker.exists():
            if folder.exists():  # a build that failed half-way in another process: start again
                import shutil

                shutil.rmtree(folder)
            build(folder)
            marker.touch()
    with _MEMO_LOCK:
        _MEMO[("built", name)] = folder
    return folder
