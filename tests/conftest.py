"""Shared test set-up.

Kernels started by pytest-notebook inherit this process's environment, so setting variables
here also keeps notebook runs from touching a real student's saved progress.
"""
import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
_PROGRESS = tempfile.mkdtemp(prefix="crisis-course-test-progress-")
os.environ["CRISIS_COURSE_PROGRESS_DIR"] = _PROGRESS

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


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(config, items):
    """The fast tier: pytest-notebook's runs of whole notebooks (lessons/, exercises/, solutions/)
    take minutes together, so they are marked ``slow`` like the exports and browser tests;
    ``pytest -m "not slow"`` then leaves them out (see benchmarks/bench_tests.py).

    For pytest-xdist (``scripts/run-tests`` runs ``-n 2 --dist loadgroup``) every test gets a
    group, so each group runs on one worker: a test file is a group (its module fixtures, a
    JupyterLab server, a built site, are set up once), except that every ``browser`` test is in
    one group ``browser``: the browser tests run one after another, never two Chromiums and
    JupyterLabs competing with each other for the cores (they also share npm caches and the
    screenshot folder), while the other worker runs notebooks and unit tests."""
    xdist = config.pluginmanager.hasplugin("xdist")
    for item in items:
        path = Path(str(getattr(item, "path", getattr(item, "fspath", ""))))
        if path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)
        if xdist:
            group = "browser" if item.get_closest_marker("browser") else path.relative_to(REPO).as_posix() \
                if path.is_relative_to(REPO) else path.name
            item.add_marker(pytest.mark.xdist_group(group))
