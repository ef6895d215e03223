"""Shared test set-up.

Kernels started by pytest-notebook inherit this process's environment, so setting variables
here also keeps notebook runs from touching a real student's saved progress.
"""
import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
_PROGRESS = tempfile.mkdtemp(prefix="crisis-course-test-progress-")
os.environ["CRISIS_COURSE_PROGRESS_DIR"] = _PROGRESS
# removed when this process (pytest, or one xdist worker) ends: one folder per run piled up in /tmp
atexit.register(shutil.rmtree, _PROGRESS, ignore_errors=True)

REPO = Path(__file__).resolve().parents[1]
#: the golden exports' inputs (tests/golden/inputs/*.executed.ipynb) are frozen, already executed
#: copies of lessons, read by test_export's golden test: they are data, not notebooks to run
#: (pytest-notebook executed both on every run: two extra lesson runs)
collect_ignore_glob = ["golden/*"]
NOTEBOOK_DIRS = ("lessons", "exercises", "solutions")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


def all_notebooks() -> list[Path]:
    return sorted(p for d in NOTEBOOK_DIRS for p in (REPO / d).glob("*.ipynb"))


@pytest.fixture(scope="session")
def offline_decks_dir(tmp_path_factory):
    """(folder of every lesson's offline deck, Playwright's sync API), built once per session;
    skips (or fails where browser tests are required) without Chromium/Playwright."""
    import test_export
    from browser_support import chromium_or_skip

    sync_api = chromium_or_skip()
    done, errors = test_export.executed_lessons()
    assert not errors, errors
    return test_export.offline_decks(), sync_api


def pytest_configure(config):
    """executed_support shares executed lessons through the run's temporary directory."""
    import executed_support

    executed_support.CONFIG = config


#: The groups (test files, or GROUP_SPLITS) that take longest, heaviest first: pytest-xdist hands groups
#: out in collection order (``scripts/run-tests`` passes ``--no-loadscope-reorder``), so the long ones
#: start first and the short ones fill the gaps at the end instead of one long file finishing alone.
#: Seconds of tests per group from a whole-suite run with the grouping working (345807a, 2 workers, load
#: 1-4: ``bench_tests.py --log``), rounded; the two hub tests from the same run.
HEAVY_GROUPS = {
    "tests/test_site.py": 125, "tests/test_accessibility.py": 110, "tests/test_live_a11y.py": 105,
    "tests/test_browser_lab.py": 80, "tests/test_export.py": 65, "tests/test_browser_slides.py": 45,
    "tests/test_hub.py::students": 43, "tests/test_slide_overflow.py": 42, "tests/test_lesson_speed.py": 25,
    "tests/test_hub.py::culler": 23, "tests/test_recipes.py": 22, "tests/test_exercise_paths.py": 21,
}


#: Tests that leave their file's group for a group of their own, so that they can run on another worker
#: beside the rest of their file (the file's module fixtures are then set up on both workers: only
#: for tests whose module shares nothing costly). "file::test" (every parameter) or a whole node id.
GROUP_SPLITS: dict[str, str] = {
    # the hub tests each start their own JupyterHub (no module fixtures): two students ~43 s, the idle
    # culler ~23 s, mostly waiting for servers and the culler
    "tests/test_hub.py::test_two_students_through_the_hub": "students",
    "tests/test_hub.py::test_idle_culler_stops_an_idle_server": "culler",
}


def group_of(nodeid: str) -> str:
    """The pytest-xdist group of a test: its file (``tests/test_x.py``, ``lessons/00_x.ipynb``), or
    its own group from :data:`GROUP_SPLITS` (``tests/test_x.py::name``)."""
    if nodeid.rfind("@") > nodeid.rfind("]"):  # a group suffix xdist added (pytest < 9.2)
        nodeid = nodeid[:nodeid.rfind("@")]
    split = GROUP_SPLITS.get(nodeid) or GROUP_SPLITS.get(nodeid.split("[", 1)[0])
    file = nodeid.split("::", 1)[0]
    return f"{file}::{split}" if split else file


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(config, items):
    """The fast tier: pytest-notebook's runs of whole notebooks (lessons/, exercises/, solutions/)
    take minutes together, so they are marked ``slow`` like the exports and browser tests;
    ``pytest -m "not slow"`` then leaves them out (see benchmarks/bench_tests.py).

    For pytest-xdist (``scripts/run-tests`` runs ``-n 2 --dist loadgroup``) every test gets a
    group (:func:`group_of`), so each group runs on one worker: a test file is a group (its module
    fixtures, a JupyterLab server, a built site, a browser, are set up once). Browser test files are
    groups like the others, so two of them can run at once on different workers (they share the
    executed lessons and built decks through file locks, see executed_support; screenshots have
    distinct names). The heaviest groups (:data:`HEAVY_GROUPS`) are put first."""
    xdist = config.pluginmanager.hasplugin("xdist")
    for item in items:
        path = Path(str(getattr(item, "path", getattr(item, "fspath", ""))))
        if path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)
        if xdist:  # what xdist itself would group by; the scheduler below does not depend on it
            item.add_marker(pytest.mark.xdist_group(group_of(item.nodeid)))
    if xdist:  # a stable sort: within a group, and among the other groups, the order stays as collected
        items.sort(key=lambda item: -HEAVY_GROUPS.get(group_of(item.nodeid), 0))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` grouping by :func:`group_of`, done by the scheduler itself.

    pytest-xdist 3.8 groups by a suffix it writes into each test's node id on the worker; pytest 9.2
    keeps node ids elsewhere, so the suffix is silently lost and every test became its own group
    (pytest-dev/pytest-xdist#1386, fix pending in #1388): a file's module fixtures (a built site, a
    JupyterLab, a browser) were set up on both workers and the order above was not kept by file.
    The scheduler here reads the group from the node id as collected, whatever pytest does with ids."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class FileGroupScheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid)

    return FileGroupScheduling(config, log)


#: ``CRISIS_COURSE_TEST_TIMELINE=FILE``: each process (every xdist worker) appends one line per test,
#: ``worker start end group nodeid`` (seconds since the epoch), to see how the groups were scheduled
#: (benchmarks/bench_tests.py --log DIR sets it and prints where each worker spent the run).
_TIMELINE = os.environ.get("CRISIS_COURSE_TEST_TIMELINE")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Where the test runs (an xdist worker, or the one process), not in the controller."""
    if not _TIMELINE:
        yield
        return
    import time

    start = time.time()
    yield
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open(_TIMELINE, "a", encoding="utf-8") as f:
        f.write(f"{worker} {start:.2f} {time.time():.2f} {group_of(item.nodeid)} {item.nodeid}\n")
