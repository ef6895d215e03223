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

import os
import sys
import tempfile
from pathlib import Path

from common import lessons, parse_args, report, run, time_rounds, tool, write_json


def _weight(folder: Path) -> dict:
    pages = sorted(folder.glob("*.html"), key=lambda p: p.stat().st_size)
    files = [p for p in folder.rglob("*") if p.is_file()]
    largest = pages[-1]
    return {"pages": len(pages), "total_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2),
            "largest_page": largest.name, "largest_page_mb": round(largest.stat().st_size / 1e6, 2)}


def main(argv=None) -> int:
    args = parse_args(__doc__, "also time 'crisis-course site -j 2'", argv)
    paths = [str(p) for p in lessons()]
    tmp = Path(tempfile.mkdtemp(prefix="bench-site-"))
    env = dict(os.environ, MPLBACKEND="Agg", CRISIS_COURSE_PROGRESS_DIR=str(tmp / "progress"))
    env.pop("CRISIS_COURSE_INSTRUCTOR", None)
    variants = {
        "nbconvert": [tool("jupyter"), "nbconvert", "--to", "html", "--execute", "--output-dir",
                      str(tmp / "nbconvert"), *paths],
        "site": [tool("crisis-course"), "site", "--quiet", "--output", str(tmp / "site")],
    }
    if args.jobs:
        variants["site -j 2"] = [tool("crisis-course"), "site", "--quiet", "--jobs", "2", "--output", str(tmp / "site-j2")]
    times = time_rounds(variants, args.rounds, lambda r, name, cmd: run(cmd, env))
    print(f"\n{len(paths)} lessons, {args.rounds} round(s), median wall time, ratio to plain nbconvert")
    results = {row.pop("variant"): row for row in report(times, "nbconvert", width=10)}
    weight = _weight(tmp / "site")
    nb_pages = sorted((tmp / "nbconvert").glob("*.html"), key=lambda p: p.stat().st_size)
    results["weight"] = weight
    results["nbconvert_largest_page_mb"] = round(nb_pages[-1].stat().st_size / 1e6, 2)
    print(f"\nsite: {weight['pages']} pages, {weight['total_mb']} MB in all; largest page "
          f"{weight['largest_page']} {weight['largest_page_mb']} MB "
          f"(plain nbconvert's largest: {nb_pages[-1].name} {results['nbconvert_largest_page_mb']} MB)")
    write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
