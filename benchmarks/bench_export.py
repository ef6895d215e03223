"""Benchmark: exporting the whole course as slides, against plain nbconvert.

Times, as separate processes on the same lesson notebooks:

``nbconvert``        ``jupyter nbconvert --to slides --execute lessons/*.ipynb`` (one process, the baseline)
``course_slides``    ``jupyter nbconvert --to course_slides lessons/*.ipynb`` (the course's exporter entry point)
``slides``           ``crisis-course slides`` (execute + course template + quiz split, CDN assets)
``slides --offline`` the same plus copying the offline assets (from the warm npm cache)
``slides -j 2``      (optional, ``--jobs``) two lessons executed at once

and prints each median wall time and its ratio to the baseline. The tool should add little on top
of nbconvert: both spend nearly all their time executing the notebooks in kernels.

    .venv/bin/python benchmarks/bench_export.py              # 3 rounds
    .venv/bin/python benchmarks/bench_export.py --rounds 1 --jobs --json build/bench_export.json

The offline asset cache is filled first (``crisis-course assets``, needs npm once), so fetching is
not timed. Run on an otherwise idle machine; kernels are CPU-bound.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name
    return str(path) if path.exists() else name


def _run(cmd: list[str], cwd: Path) -> float:
    env = dict(os.environ, MPLBACKEND="Agg")
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-3000:]}")
    return elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per variant (default 3)")
    parser.add_argument("--jobs", action="store_true", help="also time 'crisis-course slides -j 2'")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)

    lessons = sorted((REPO / "lessons").glob("[0-9][0-9]_*.ipynb"))
    if not lessons:
        sys.exit("no lessons found")
    course = _tool("crisis-course")
    if _run([course, "assets"], REPO) > 60:
        print("(fetched the offline assets first; not timed)")

    work = Path(tempfile.mkdtemp(prefix="bench-export-"))
    variants = {
        "nbconvert --to slides --execute": lambda out: [
            _tool("jupyter"), "nbconvert", "--to", "slides", "--execute", "--output-dir", str(out),
            *map(str, lessons)],
        "nbconvert --to course_slides": lambda out: [
            _tool("jupyter"), "nbconvert", "--to", "course_slides", "--output-dir", str(out), *map(str, lessons)],
        "crisis-course slides": lambda out: [course, "slides", "-q", "-o", str(out)],
        "crisis-course slides --offline": lambda out: [course, "slides", "--offline", "-q", "-o", str(out)],
    }
    if args.jobs:
        variants["crisis-course slides --offline -j 2"] = lambda out: [
            course, "slides", "--offline", "-j", "2", "-q", "-o", str(out)]

    times: dict[str, list[float]] = {name: [] for name in variants}
    try:
        for r in range(args.rounds):
            for name, make in variants.items():  # interleaved, so drifting load hits all alike
                out = work / f"{r}-{len(times[name])}-{abs(hash(name))}"
                times[name].append(_run(make(out), REPO))
                shutil.rmtree(out, ignore_errors=True)
                print(f"round {r + 1}: {name}: {times[name][-1]:.1f} s", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = statistics.median(times["nbconvert --to slides --execute"])
    print(f"\n{len(lessons)} lessons, {args.rounds} round(s), median wall time, ratio to plain nbconvert")
    print(f"{'variant':40} {'median s':>9} {'ratio':>7}")
    results = []
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:40} {med:9.1f} {med / base:7.2f}")
        results.append({"variant": name, "median_s": round(med, 2), "ratio": round(med / base, 3),
                        "runs_s": [round(v, 2) for v in values]})
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"lessons": len(lessons), "rounds": args.rounds,
                                               "cpus": os.cpu_count(), "results": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
