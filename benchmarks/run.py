"""Benchmark: how long each notebook takes to execute, against the kernel-start floor.

Prints, for each notebook under lessons/, exercises/ and solutions/: the execution time (kernel
start + all cells, as nbclient runs it in the tests) with an empty figure cache ("cold", every
chart drawn) and then with the cache that run filled ("warm", the median of ``--repeat`` runs),
each as a ratio to executing an empty notebook (the floor every notebook pays); the warm run's
kernel CPU time and its ratio to the empty notebook's (steadier than wall time on a shared
machine); the totals, and the cold import time of ``crisis_course``. The figure caches are
temporary folders: the user's own cache is neither read nor written.

    .venv/bin/python benchmarks/run.py [--repeat N] [PATHS...]

Wall-clock seconds depend on the machine's load (the load average is printed): compare them on
an otherwise idle machine, or compare the CPU columns.
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


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux /proc; 0.0 where there is none)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def execute(nb, cwd: Path) -> tuple[float, float]:
    """(wall seconds, kernel CPU seconds) to start a kernel and run every cell of ``nb``.

    The kernel's CPU time (read after each cell, so the last reading covers start-up and every
    cell) hardly depends on what else the machine runs; wall time does. On a shared machine
    compare the CPU ratios."""
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
    cpu = [0.0]

    def read_cpu(**_):
        process = getattr(client.km.provisioner, "process", None)
        if process is not None:
            cpu[0] = _cpu_seconds(process.pid)

    client.on_cell_executed = read_cpu
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start, cpu[0]


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

    empties = [execute(empty_notebook(), REPO) for _ in range(max(3, args.repeat))]
    floor = statistics.median(w for w, _ in empties)
    cpu_floor = statistics.median(c for _, c in empties) or float("nan")
    print(f"kernel-start floor (empty notebook): {floor:6.2f} s wall, {cpu_floor:.2f} s kernel CPU; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("cold: an empty figure cache (a lesson's first run after installing or changing the course: every\n"
          "chart drawn); warm: the same cache after that run (every later run, and every student of a hub\n"
          "whose image holds the built cache, see crisis_course/figure_cache.py)")
    print(f"{'notebook':46s} {'cold s':>7s} {'x floor':>7s} {'warm s':>7s} {'x floor':>7s} {'kernel CPU':>10s} "
          f"{'CPU x floor':>11s}")
    total = total_warm = 0.0
    for path in paths:
        with tempfile.TemporaryDirectory(prefix="bench-figures-") as cache:
            os.environ["CRISIS_COURSE_FIGURE_CACHE"] = cache
            cold = execute(nbformat.read(path, as_version=4), path.parent)[0]
            runs = [execute(nbformat.read(path, as_version=4), path.parent) for _ in range(args.repeat)]
        t = statistics.median(w for w, _ in runs)
        c = statistics.median(c for _, c in runs)
        total, total_warm = total + cold, total_warm + t
        print(f"{str(path.relative_to(REPO)):46s} {cold:7.2f} {cold / floor:7.1f} {t:7.2f} {t / floor:7.1f} "
              f"{c:9.2f}s {c / cpu_floor:11.1f}")
    print(f"{'TOTAL (' + str(len(paths)) + ' notebooks)':46s} {total:7.2f} {'':7s} {total_warm:7.2f}")
    imports = cold_import_seconds(5)
    print(f"cold `import crisis_course`: median {statistics.median(imports) * 1000:.1f} ms, "
          f"max {max(imports) * 1000:.1f} ms over 5 fresh interpreters (goal < 300 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
