"""Benchmark: building the course website, against a plain nbconvert HTML export of the same lessons.

Times, as separate processes on the same lesson notebooks:

``nbconvert``  ``jupyter nbconvert --to html --execute lessons/*.ipynb`` (one process, the baseline)
``site``       ``crisis-course site`` (execute every lesson, render, glossary, timeline, exercises,
               search index, landing page)
``site -j 2``  (optional, ``--jobs``) two lessons executed at once

and prints each median wall time, its ratio to the baseline, and the weight of the site: total
size, number of pages, and the largest page (the lessons embed their figures as PNG).

    .venv/bin/python benchmarks/bench_site.py                 # 3 rounds
    .venv/bin/python benchmarks/bench_site.py --rounds 1 --jobs --json build/bench_site.json

Both run with an empty temporary progress folder. Kernels are CPU-bound: run on an idle machine.
"""
from __future__ import annotations

import argparse
import json
import os
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


def _run(cmd: list[str], cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    return elapsed


def _weight(folder: Path) -> dict:
    pages = sorted(folder.glob("*.html"), key=lambda p: p.stat().st_size)
    files = [p for p in folder.rglob("*") if p.is_file()]
    largest = pages[-1]
    return {"pages": len(pages), "total_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2),
            "largest_page": largest.name, "largest_page_mb": round(largest.stat().st_size / 1e6, 2)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per variant (default 3)")
    parser.add_argument("--jobs", action="store_true", help="also time 'crisis-course site -j 2'")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)

    lessons = sorted((REPO / "lessons").glob("[0-9][0-9]_*.ipynb"))
    if not lessons:
        sys.exit("no lessons found")
    tmp = Path(tempfile.mkdtemp(prefix="bench-site-"))
    env = dict(os.environ, MPLBACKEND="Agg", CRISIS_COURSE_PROGRESS_DIR=str(tmp / "progress"))
    env.pop("CRISIS_COURSE_INSTRUCTOR", None)
    variants = {
        "nbconvert": [_tool("jupyter"), "nbconvert", "--to", "html", "--execute", "--output-dir",
                      str(tmp / "nbconvert"), *map(str, lessons)],
        "site": [_tool("crisis-course"), "site", "--quiet", "--output", str(tmp / "site")],
    }
    if args.jobs:
        variants["site -j 2"] = [_tool("crisis-course"), "site", "--quiet", "--jobs", "2", "--output", str(tmp / "site-j2")]
    times: dict[str, list[float]] = {name: [] for name in variants}
    for r in range(args.rounds):
        for name, cmd in variants.items():
            t = _run(cmd, REPO, env)
            times[name].append(t)
            print(f"round {r + 1}: {name:<10} {t:6.1f} s", flush=True)
    base = statistics.median(times["nbconvert"])
    print(f"\n{len(lessons)} lessons, {args.rounds} round(s), median wall time:")
    results = {}
    for name, ts in times.items():
        med = statistics.median(ts)
        results[name] = {"median_s": round(med, 2), "runs_s": [round(t, 2) for t in ts], "ratio": round(med / base, 2)}
        print(f"  {name:<10} {med:6.1f} s   x{med / base:.2f} of plain nbconvert")
    weight = _weight(tmp / "site")
    nb_pages = sorted((tmp / "nbconvert").glob("*.html"), key=lambda p: p.stat().st_size)
    results["weight"] = weight
    results["nbconvert_largest_page_mb"] = round(nb_pages[-1].stat().st_size / 1e6, 2)
    print(f"\nsite: {weight['pages']} pages, {weight['total_mb']} MB in all; largest page "
          f"{weight['largest_page']} {weight['largest_page_mb']} MB "
          f"(plain nbconvert's largest: {nb_pages[-1].name} {results['nbconvert_largest_page_mb']} MB)")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
