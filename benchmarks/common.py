"""What the export and site benchmarks share: finding tools and lessons, the command line, timing
commands in interleaved rounds, and the median/ratio report."""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """The venv's ``name`` (jupyter, crisis-course) if it has one, else ``name`` on PATH."""
    path = BIN / name
    return str(path) if path.exists() else name


def parse_args(doc: str, jobs_help: str, argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per variant (default 3)")
    parser.add_argument("--jobs", action="store_true", help=jobs_help)
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    return parser.parse_args(argv)


def lessons() -> list[Path]:
    found = sorted((REPO / "lessons").glob("[0-9][0-9]_*.ipynb"))
    if not found:
        sys.exit("no lessons found")
    return found


def run(cmd: list[str], env: dict | None = None, cwd: Path = REPO) -> float:
    """Wall seconds ``cmd`` took; exit with its output if it failed."""
    env = env if env is not None else dict(os.environ, MPLBACKEND="Agg")
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    return elapsed


def time_rounds(variants: dict, rounds: int, timed) -> dict[str, list[float]]:
    """``timed(round, name, variant)`` -> seconds, for every variant in every round, interleaved so
    that drifting load hits all variants alike."""
    times: dict[str, list[float]] = {name: [] for name in variants}
    for r in range(rounds):
        for name, variant in variants.items():
            times[name].append(timed(r, name, variant))
            print(f"round {r + 1}: {name}: {times[name][-1]:.1f} s", flush=True)
    return times


def report(times: dict[str, list[float]], baseline: str, width: int = 40) -> list[dict]:
    """Print each variant's median wall time and its ratio to ``baseline``'s; return them as rows."""
    base = statistics.median(times[baseline])
    print(f"{'variant':{width}} {'median s':>9} {'ratio':>7}")
    rows = []
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:{width}} {med:9.1f} {med / base:7.2f}")
        rows.append({"variant": name, "median_s": round(med, 2), "ratio": round(med / base, 3),
                     "runs_s": [round(v, 2) for v in values]})
    return rows


def write_json(path: str | None, data) -> None:
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
