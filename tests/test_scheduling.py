"""The suite's pytest-xdist scheduling (tests/conftest.py): with ``--dist loadgroup`` every test file
is one group on one worker (its module fixtures set up once), whatever pytest does with node ids
(pytest 9.2 silently dropped pytest-xdist's own grouping: every test was scheduled alone)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import conftest
import pytest

TESTS = Path(__file__).resolve().parent

FILE = '''
import os, pathlib, time, pytest

@pytest.mark.parametrize("i", range(6))
def test_where(i):
    time.sleep(0.05)
    with open(pathlib.Path(__file__).parent / "where.txt", "a") as f:
        f.write(f"{pathlib.Path(__file__).name} {i} {os.environ.get('PYTEST_XDIST_WORKER')}\\n")
'''


def test_group_of_a_test_is_its_file_or_its_split():
    assert conftest.group_of("tests/test_hub.py::test_nbgitpuller_link") == "tests/test_hub.py"
    assert conftest.group_of("lessons/00_orientation.ipynb::nbregression(00_orientation)") == \
        "lessons/00_orientation.ipynb"
    assert conftest.group_of("tests/test_a.py::test_x[1@2]") == "tests/test_a.py"  # an @ in a parameter
    assert conftest.group_of("tests/test_a.py::test_x[1]@tests/test_a.py") == "tests/test_a.py"
    for key, group in conftest.GROUP_SPLITS.items():
        file = key.split("::")[0]
        assert conftest.group_of(key) == f"{file}::{group}" != conftest.group_of(f"{file}::test_other")
    # every heavy group named in HEAVY_GROUPS is a group that exists: a renamed file or split would
    # silently lose its place at the front of the queue
    groups = {conftest.group_of(k) for k in conftest.GROUP_SPLITS}
    for group in conftest.HEAVY_GROUPS:
        assert (conftest.REPO / group.split("::")[0]).is_file(), group
        assert "::" not in group or group in groups, group


@pytest.mark.slow
def test_each_file_runs_on_one_worker(tmp_path):
    pytest.importorskip("xdist")
    for name in ("test_one.py", "test_two.py"):
        (tmp_path / name).write_text(FILE, encoding="utf-8")
    # only xdist and the suite's conftest: the other plugins' imports in each worker took 8 of 12 s
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
               PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    env.pop("PYTEST_XDIST_WORKER", None)
    env.pop("CRISIS_COURSE_TEST_TIMELINE", None)
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "xdist.plugin", "-p", "conftest",
                           "-n", "2", "--dist", "loadgroup", "--no-loadscope-reorder", "--rootdir", str(tmp_path),
                           "-o", "addopts=", str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    rows = [line.split() for line in (tmp_path / "where.txt").read_text().splitlines()]
    assert len(rows) == 12, rows
    workers = {name: {w for n, _i, w in rows if n == name} for name in ("test_one.py", "test_two.py")}
    assert all(w and None not in w and "None" not in w for w in workers.values()), workers
    assert all(len(w) == 1 for w in workers.values()), f"a file's tests ran on several workers: {workers}"
