"""Classroom deployment: the Binder/JupyterHub (repo2docker) configuration matches pyproject.toml."""
import shutil
import subprocess
import sys

import pytest
import tomllib
from packaging.requirements import Requirement


def _reqs(lines):
    out = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line or line in {".", "-e ."}:
            continue
        req = Requirement(line)
        out[req.name.lower()] = str(req.specifier)
    return out


def test_binder_requirements_match_pyproject(repo):
    project = tomllib.loads((repo / "pyproject.toml").read_text())["project"]
    wanted = _reqs(project["dependencies"])
    lines = (repo / "binder" / "requirements.txt").read_text().splitlines()
    assert _reqs(lines) == wanted
    assert "." in [ln.strip() for ln in lines], "binder/requirements.txt must install the course itself ('.')"


def test_binder_python_version_is_supported(repo):
    project = tomllib.loads((repo / "pyproject.toml").read_text())["project"]
    runtime = (repo / "binder" / "runtime.txt").read_text().strip()
    assert runtime.startswith("python-")
    from packaging.specifiers import SpecifierSet

    assert runtime.removeprefix("python-") + ".0" in SpecifierSet(project["requires-python"])


def test_repo2docker_accepts_the_repository(repo, tmp_path):
    exe = shutil.which("jupyter-repo2docker", path=str(repo / ".venv" / "bin")) or shutil.which(
        "jupyter-repo2docker", path=str(sys.prefix + "/bin"))
    if not exe:
        pytest.skip("jupyter-repo2docker is not installed")
    # a clean copy of the tracked files, as Binder would clone them
    files = subprocess.run(["git", "ls-files"], cwd=repo, capture_output=True, text=True, check=True).stdout.split()
    if "binder/requirements.txt" not in files:
        pytest.skip("binder/ is not committed yet")
    dest = tmp_path / "repo"
    for f in files:
        src = repo / f
        if src.is_file():
            (dest / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / f)
    res = subprocess.run([exe, "--no-build", "--debug", str(dest)], capture_output=True, text=True, timeout=300)
    out = res.stdout + res.stderr
    assert res.returncode == 0, out[-3000:]
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in out
    assert "./binder/postBuild" in out
    assert "python=3.11" in out or "PYTHON_VERSION=3.11" in out or "3.11" in out
