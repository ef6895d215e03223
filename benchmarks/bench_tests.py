"""Benchmark of the test suite's three tiers: how long each takes, and how busy it keeps the CPU.

    .venv/bin/python benchmarks/bench_tests.py [--tiers fast,today,all] [--repeat N] [--workers N]
                                               [--log DIR] [-- PYTEST-ARGS]

Tiers (goals from issue 14, warm environment, 2 cores):

``fast``   ``pytest -m "not slow"``: unit tests, no whole-notebook runs, exports or browsers (goal <= 2 min)
``today``  the tests that existed when this round started (the test files and notebooks of commit
           ``--base``, default b232fb9), as they are now (goal <= 4 min)
``all``    the whole suite, ``pytest`` with the project's testpaths, as the README and CI run it (goal <= 8 min)

Every tier runs the way ``scripts/run-tests`` runs the suite: on pytest-xdist workers,
``-n 2 --dist loadgroup --no-loadscope-reorder`` (``--workers 0``: one process, as before; default: the
``CRISIS_COURSE_TEST_WORKERS`` variable the script reads, else 2).

For each run it prints wall-clock seconds, CPU seconds of pytest and everything it started
(xdist workers, kernels, JupyterLab, Chromium: as far as they were waited for; processes left to
others are not counted), CPU use as a share of all cores, how busy the whole machine was (every
process of every user, from /proc/stat), and pytest's summary line.
The machine's load average before the run is printed too: on a shared machine the numbers are
noisy; compare runs made under the same load. Nothing is faked: the script only runs pytest.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly"]
GOALS = {"fast": 120, "today": 240, "all": 480}


def today_paths(base: str) -> list[str]:
    """Test files and notebook folders of commit ``base`` that still exist."""
    out = subprocess.run(["git", "ls-tree", "-r", "--name-only", base, "tests", "lessons", "exercises", "solutions"],
                         cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    keep = [p for p in out if (REPO / p).exists()
            and ((p.startswith("tests/test_") and p.endswith(".py")) or p.endswith(".ipynb"))]
    return sorted(keep)


def xdist_args(workers: int) -> list[str]:
    """The options scripts/run-tests passes to pytest for ``workers`` pytest-xdist workers."""
    return ["-n", str(workers), "--dist", "loadgroup", "--no-loadscope-reorder"] if workers > 0 else []


def tier_command(tier: str, base: str, extra: list[str], workers: int = 0) -> list[str]:
    extra = xdist_args(workers) + list(extra)
    if tier == "fast":
        return PYTEST + ["-m", "not slow", *extra]
    if tier == "today":
        return PYTEST + today_paths(base) + extra
    if tier == "all":
        return PYTEST + extra
    raise SystemExit(f"unknown tier {tier!r} (fast, today, all)")


def timeline(path: Path, t0: float) -> str:
    """Where each worker spent the run, from the lines conftest writes with CRISIS_COURSE_TEST_TIMELINE:
    per worker its busy seconds and when it finished, and the groups (test files) that ended last."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        worker, start, end, group, _nodeid = line.split(" ", 4)
        rows.append((worker, float(start) - t0, float(end) - t0, group))
    if not rows:
        return "   (no timeline)"
    out = []
    for worker in sorted({r[0] for r in rows}):
        mine = [r for r in rows if r[0] == worker]
        out.append(f"   {worker}: {len(mine)} tests, {sum(r[2] - r[1] for r in mine):6.1f} s in tests, "
                   f"first at {min(r[1] for r in mine):5.1f} s, last done at {max(r[2] for r in mine):6.1f} s")
    groups: dict = {}
    for worker, start, end, group in rows:
        key = (group, worker)
        first, last, busy = groups.get(key, (start, end, 0.0))
        groups[key] = (min(first, start), max(last, end), busy + end - start)
    out.append("   groups by end (group, worker, start-end s, s in tests):")
    for (group, worker), (first, last, busy) in sorted(groups.items(), key=lambda kv: -kv[1][1])[:12]:
        out.append(f"     {group:<48} {worker:<5} {first:6.1f}-{last:6.1f} {busy:6.1f}")
    return "\n".join(out)


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, every process of every user (Linux)."""
    try:
        fields = [float(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return float("nan"), float("nan")
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields) - idle) / tick, sum(fields) / tick


def run(cmd: list[str], log: Path | None = None) -> dict:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    env = dict(os.environ)
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        env["CRISIS_COURSE_TEST_TIMELINE"] = str(log.with_suffix(".timeline"))
        log.with_suffix(".timeline").unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy0, total0 = machine_cpu()
    t0 = time.perf_counter()
    t0_epoch = time.time()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    busy1, total1 = machine_cpu()
    schedule = ""
    if log is not None:  # pytest's whole output (e.g. with -- --durations=40), to see where the time went
        log.write_text(proc.stdout + proc.stderr)
        if log.with_suffix(".timeline").exists():
            schedule = timeline(log.with_suffix(".timeline"), t0_epoch)
            log.with_suffix(".schedule").write_text(schedule + "\n")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = [line for line in proc.stdout.strip().splitlines() if line.strip()]
    summary = next((line for line in reversed(lines) if re.search(r"\b(passed|failed|error|skipped)\b", line)),
                   lines[-1] if lines else "(no output)")
    machine = (busy1 - busy0) / (total1 - total0) if total1 > total0 else float("nan")
    return {"wall": wall, "cpu": cpu, "machine": machine, "load": load, "rc": proc.returncode, "summary": summary.strip("= "),
            "tail": "\n".join(lines[-15:]), "schedule": schedule}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tiers", default="fast,today,all")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--base", default="b232fb9", help="commit whose tests count as today's (default: %(default)s)")
    ap.add_argument("--workers", type=int, default=int(os.environ.get("CRISIS_COURSE_TEST_WORKERS", "2")),
                    help="pytest-xdist workers, as scripts/run-tests uses (0: one process; default: %(default)s)")
    ap.add_argument("--log", type=Path, help="folder to keep each run's whole pytest output in, with a "
                    "timeline of the tests per worker; prints where each worker spent the run")
    ap.add_argument("pytest_args", nargs="*", help="extra pytest arguments (after --)")
    args = ap.parse_args(argv)
    cores = os.cpu_count() or 1
    print(f"{cores} cores; python {sys.version.split()[0]}; repository {REPO}; "
          f"{f'{args.workers} pytest-xdist workers' if args.workers else 'one pytest process'}")
    failed = False
    for tier in [t.strip() for t in args.tiers.split(",") if t.strip()]:
        cmd = tier_command(tier, args.base, args.pytest_args, args.workers)
        for i in range(args.repeat):
            log = args.log / f"{tier}-w{args.workers}-run{i + 1}.log" if args.log else None
            r = run(cmd, log)
            share = r["cpu"] / (r["wall"] * cores) if r["wall"] else 0
            verdict = "within" if r["wall"] <= GOALS[tier] else "OVER"
            print(f"{tier:<6} run {i + 1}: {r['wall']:7.1f} s wall ({r['wall'] / 60:4.1f} min; goal "
                  f"{GOALS[tier] / 60:.0f} min: {verdict}), {r['cpu']:7.1f} s CPU = {share:4.0%} of {cores} cores, "
                  f"machine busy {r['machine']:4.0%} (all users), load before {r['load']:.1f}; exit {r['rc']}: {r['summary']}", flush=True)
            if r["schedule"]:
                print(r["schedule"], flush=True)
            if r["rc"] != 0:
                failed = True
                print("   last lines:\n   " + r["tail"].replace("\n", "\n   "), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
