"""Benchmark: how long each notebook takes to execute, against the kernel-start floor.

Prints, for each notebook under lessons/, exercises/ and solutions/: the execution time (kernel
start + all cells, as nbclient runs it in the tests), the ratio to executing an empty notebook
(the floor every notebook pays), then the total, and the cold import time of ``crisis_course``.

    .venv/bin/python benchmarks/run.py [--repeat N] [PATHS...]

Numbers are wall-clock seconds on this machine; run it on an otherwise idle machine.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]


def execute(nb, cwd: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - start


def empty_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("pass"))
    return nb


def cold_import_seconds(repeat: int) -> list[float]:
    code = "import time; t=time.perf_counter(); import crisis_course; print(time.perf_counter()-t)"
    out = []
    for _ in range(repeat):
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True)
        out.append(float(res.stdout.strip()))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="notebooks (default: all)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per notebook (median is reported)")
    args = parser.parse_args()
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("CRISIS_COURSE_PROGRESS_DIR", tempfile.mkdtemp(prefix="bench-progress-"))
    paths = [Path(p).resolve() for p in args.paths] or sorted(
        p for d in ("lessons", "exercises", "solutions") for p in (REPO / d).glob("*.ipynb"))

    floor = statistics.median(execute(empty_notebook(), REPO) for _ in range(max(3, args.repeat)))
    print(f"kernel-start floor (empty notebook): {floor:6.2f} s")
    print(f"{'notebook':48s} {'seconds':>8s} {'x floor':>8s} {'beyond floor':>13s}")
    total = 0.0
    for path in paths:
        times = [execute(nbformat.read(path, as_version=4), path.parent) for _ in range(args.repeat)]
        t = statistics.median(times)
        total += t
        print(f"{str(path.relative_to(REPO)):48s} {t:8.2f} {t / floor:8.1f} {t - floor:12.2f}s")
    print(f"{'TOTAL (' + str(len(paths)) + ' notebooks)':48s} {total:8.2f}")
    imports = cold_import_seconds(5)
    print(f"cold `import crisis_course`: median {statistics.median(imports) * 1000:.1f} ms, "
          f"max {max(imports) * 1000:.1f} ms over 5 fresh interpreters (goal < 300 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
