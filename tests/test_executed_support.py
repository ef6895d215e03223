"""The shared cache of executed lessons (tests/executed_support.py): two processes that both need
the lessons (two pytest-xdist workers) execute each lesson exactly once between them, both get
every executed copy, a failing lesson's error is shared rather than re-executed, and the
notebooks themselves are not written."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat

TESTS = Path(__file__).resolve().parent

WORKER = textwrap.dedent("""\
    import json, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    import executed_support
    executed_support.FOLDER = Path(sys.argv[2])
    lessons = [Path(p) for p in sys.argv[3:]]
    done, errors = executed_support.executed_lessons(lessons)
    again = executed_support.executed_lessons(lessons)  # memoised in the process
    print(json.dumps({"done": {p.name: nb.cells[0].outputs[0]["text"] for p, nb in done.items()},
                      "errors": errors, "same": again[0] is done}))
""")


def _lesson(folder: Path, name: str, extra: str = "") -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    # the kernel runs in the notebook's folder: every execution leaves a line in ran.log
    nb.cells = [nbformat.v4.new_code_cell(
        f"import time\nopen('ran.log', 'a').write('{name}\\n')\ntime.sleep(1)\nprint('output of {name}')" + extra)]
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, str(path))
    return path


def test_two_processes_execute_each_lesson_once_and_share_the_results(tmp_path):
    lessons_dir = tmp_path / "lessons"
    lessons_dir.mkdir()
    paths = [_lesson(lessons_dir, f"0{i}_lesson") for i in range(3)] + \
        [_lesson(lessons_dir, "09_broken", "\nraise ValueError('broken on purpose')")]
    before = {p: p.read_bytes() for p in paths}
    shared = tmp_path / "shared"
    cmd = [sys.executable, "-c", WORKER, str(TESTS), str(shared), *map(str, paths)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-3000:]
        results.append(json.loads(out.strip().splitlines()[-1]))

    ran = sorted((lessons_dir / "ran.log").read_text().split())
    assert ran == sorted(p.stem for p in paths), f"each lesson must be executed exactly once: {ran}"
    for res in results:
        assert res["done"] == {f"0{i}_lesson.ipynb": f"output of 0{i}_lesson\n" for i in range(3)}
        assert list(res["errors"]) == ["09_broken.ipynb"]
        assert "broken on purpose" in res["errors"]["09_broken.ipynb"]
        assert res["same"] is True
    assert {p: p.read_bytes() for p in paths} == before, "the lessons themselves must not be written"
    assert sorted(p.name for p in (shared / "executed-lessons").glob("*.ipynb")) == \
        [f"0{i}_lesson.ipynb" for i in range(3)]


def test_a_folder_is_built_once_and_a_failed_build_is_not_reused(tmp_path, monkeypatch):
    import executed_support

    monkeypatch.setattr(executed_support, "FOLDER", tmp_path)
    monkeypatch.setattr(executed_support, "_MEMO", {})
    calls = []

    def broken(folder):
        folder.mkdir()
        (folder / "half").write_text("x")
        calls.append("broken")
        raise RuntimeError("build failed")

    def build(folder):
        folder.mkdir()
        (folder / "deck.html").write_text("<html>")
        calls.append("build")

    try:
        executed_support.built_once("decks", broken)
    except RuntimeError:
        pass
    else:
        raise AssertionError("a failing build must raise")
    first = executed_support.built_once("decks", build)
    second = executed_support.built_once("decks", build)
    assert first == second and calls == ["broken", "build"]
    assert sorted(p.name for p in first.iterdir()) == ["deck.html"]
