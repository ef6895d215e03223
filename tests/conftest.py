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


#: The test files (xdist groups) that take longest, heaviest first, from ``--durations=0`` runs
#: (seconds on one worker of a quiet 2-core machine, rounded): pytest-xdist hands groups out in
#: collection order (``scripts/run-tests`` passes ``--no-loadscope-reorder``), so the long ones
#: start first and the short ones fill the gaps at the end instead of one long file finishing alone.
HEAVY_GROUPS = {
    # test_slide_overflow (issue 14): one page.evaluate per deck; 60-80 s alone at load 9-13, was 240-300 s
    "tests/test_slide_overflow.py": 55, "tests/test_accessibility.py": 165, "tests/test_site.py": 125,
    "tests/test_browser_lab.py": 50, "tests/test_live_a11y.py": 120, "tests/test_hub.py": 65,
    "tests/test_recipes.py": 55, "tests/test_export.py": 55, "tests/test_browser_slides.py": 40,
}
# test_browser_lab, test_recipes, test_export, test_hub (issue 14): from runs of each file alone before
# and after its change. test_browser_lab at load 2-4: 2:20 wall, 81 s CPU before; 2:30 wall, 68 s CPU
# after (at load 7-12 the two differed more, 106 vs 72 s CPU, but that compares unlike loads): its wall
# time is the lessons' runs, so its weight stays. test_recipes at load 9-11: 64 s CPU before, 48-52 s
# after. test_hub: the culler test 59 s -> 34-41 s at load 8 (the hub file 129 s -> ~105 s).


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(config, items):
    """The fast tier: pytest-notebook's runs of whole notebooks (lessons/, exercises/, solutions/)
    take minutes together, so they are marked ``slow`` like the exports and browser tests;
    ``pytest -m "not slow"`` then leaves them out (see benchmarks/bench_tests.py).

    For pytest-xdist (``scripts/run-tests`` runs ``-n 2 --dist loadgroup``) every test gets a
    group, so each group runs on one worker: a test file is a group (its module fixtures, a
    JupyterLab server, a built site, a browser, are set up once). Browser test files are groups
    like the others, so two of them can run at once on different workers (they share the executed
    lessons and built decks through file locks, see executed_support; screenshots have distinct
    names). The heaviest files (:data:`HEAVY_GROUPS`) are put first."""
    xdist = config.pluginmanager.hasplugin("xdist")
    groups = {}
    for item in items:
        path = Path(str(getattr(item, "path", getattr(item, "fspath", ""))))
        if path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)
        group = path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else path.name
        groups[item.nodeid] = group
        if xdist:
            item.add_marker(pytest.mark.xdist_group(group))
    if xdist:  # a stable sort: within a file, and among the other files, the order stays as collected
        items.sort(key=lambda item: -HEAVY_GROUPS.get(groups[item.nodeid], 0))
