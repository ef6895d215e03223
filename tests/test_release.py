"""Release readiness: the wheel carries the course; installed from it into a fresh environment,
outside the repository, `check` validates what the package ships and `init` gives a course folder
in which a lesson runs.

The fresh environment is a new venv whose third-party dependencies come from the test venv through
a .pth file (a full `pip install` of jupyterlab, geopandas ... takes about two minutes here); the
course package itself comes only from the wheel.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

from crisis_course import init as init_module


def test_init_copies_lessons_exercises_and_article_and_refuses_a_full_folder(tmp_path):
    written = init_module.init_course(tmp_path / "course")
    assert [p.name for p in written] == ["lessons", "exercises", "seeds"]
    assert (tmp_path / "course" / "lessons" / "00_orientation.ipynb").is_file()
    assert not (tmp_path / "course" / "solutions").exists()
    with pytest.raises(FileExistsError, match="not an empty folder"):
        init_module.init_course(tmp_path / "course")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The wheel, built from a copy of the tracked files (so the build neither writes build/ and
    egg-info into the checkout nor sees files other tests make there meanwhile) and without build
    isolation (the test extra installs the build backend, so no download is needed)."""
    source = tmp_path_factory.mktemp("source")
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, check=True, capture_output=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation",
                            "-q", "-w", str(out)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, "pip wheel failed:\n" + built.stdout[-3000:] + built.stderr[-3000:]
    (path,) = out.glob("*.whl")
    return path


@pytest.fixture(scope="module")
def fresh_env(wheel, tmp_path_factory):
    env_dir = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True, timeout=300)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    # the dependencies, not the course: the test venv's site-packages is added as a plain path, so its
    # editable-install finder (a .pth file there) is not run in the fresh environment
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    return python


def _run(python, *args, cwd, timeout=600):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRISIS_COURSE_ROOT")}
    return subprocess.run([str(python), *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.mark.slow
def test_wheel_carries_the_course_but_not_the_solutions(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "crisis_course/course_files/lessons/00_orientation.ipynb" in names
    assert "crisis_course/content/course.yaml" in names
    assert any(n.startswith("crisis_course/content/notes/") for n in names)
    assert not any("solutions" in n for n in names)


@pytest.mark.slow
def test_installed_wheel_checks_itself_and_inits_a_course_that_runs(fresh_env, tmp_path):
    outside = tmp_path / "somewhere"
    outside.mkdir()
    where = _run(fresh_env, "-c", "import crisis_course, sys; print(crisis_course.__file__)", cwd=outside)
    assert str(REPO) not in where.stdout, where.stdout          # the package comes from the wheel
    check = _run(fresh_env, "-m", "crisis_course", "check", "--only", "banks", "--only", "data",
                 "--only", "content", "--only", "notebooks", cwd=outside)
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
    assert "found no lessons folder" in check.stdout
    init = _run(fresh_env, "-m", "crisis_course", "init", "course", cwd=outside)
    assert init.returncode == 0, init.stderr
    lesson = outside / "course" / "lessons" / "00_orientation.ipynb"
    code = ("import nbformat, nbclient, sys; nb = nbformat.read(sys.argv[1], 4); "
            "nbclient.NotebookClient(nb, timeout=300, kernel_name='python3', "
            "resources={'metadata': {'path': sys.argv[2]}}).execute(); print('RAN', len(nb.cells))")
    ran = _run(fresh_env, "-c", code, str(lesson), str(lesson.parent), cwd=outside)
    assert "RAN" in ran.stdout, ran.stderr[-3000:]
