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

import os
import shutil
import sys
import tempfile
from pathlib import Path

from common import lessons, parse_args, report, run, time_rounds, tool, write_json


def main(argv=None) -> int:
    args = parse_args(__doc__, "also time 'crisis-course slides -j 2'", argv)
    paths = [str(p) for p in lessons()]
    course = tool("crisis-course")
    if run([course, "assets"]) > 60:
        print("(fetched the offline assets first; not timed)")

    work = Path(tempfile.mkdtemp(prefix="bench-export-"))
    variants = {
        "nbconvert --to slides --execute": lambda out: [
            tool("jupyter"), "nbconvert", "--to", "slides", "--execute", "--output-dir", str(out), *paths],
        "nbconvert --to course_slides": lambda out: [
            tool("jupyter"), "nbconvert", "--to", "course_slides", "--output-dir", str(out), *paths],
        "crisis-course slides": lambda out: [course, "slides", "-q", "-o", str(out)],
        "crisis-course slides --offline": lambda out: [course, "slides", "--offline", "-q", "-o", str(out)],
    }
    if args.jobs:
        variants["crisis-course slides --offline -j 2"] = lambda out: [
            course, "slides", "--offline", "-j", "2", "-q", "-o", str(out)]

    def timed(r, name, make):
        out = work / f"{r}-{abs(hash(name))}"
        try:
            return run(make(out))
        finally:
            shutil.rmtree(out, ignore_errors=True)

    try:
        times = time_rounds(variants, args.rounds, timed)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{len(paths)} lessons, {args.rounds} round(s), median wall time, ratio to plain nbconvert")
    results = report(times, "nbconvert --to slides --execute")
    write_json(args.json, {"lessons": len(paths), "rounds": args.rounds, "cpus": os.cpu_count(), "results": results})
    return 0


if __name__ == "__main__":
    sys.exit(main())
