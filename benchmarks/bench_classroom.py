"""Benchmark: a class of N students on one JupyterHub, all starting within a minute.

Each simulated student, through the hub (deploy/jupyterhub/jupyterhub_config.py with a dummy
authenticator and SimpleLocalProcessSpawner on 127.0.0.1, as in tests/test_hub.py): logs in,
starts a server, follows the nbgitpuller link (from a local clone of the committed HEAD), opens
the lesson (a kernel session), executes every code cell, answers the quiz's first question
through the kernel, then the rest of the quiz. "Interactive" is when the lesson has executed and
the first answer is saved. Memory per student is the peak proportional set size (PSS: shared
pages split between the processes sharing them) of the student's server and kernel, sampled every
2 s while the class works (the figure at the end, all servers still up, is printed too). CPU per
student is the CPU time their processes used: on a machine shared with other work, wall-clock
times grow with the load, CPU seconds much less. Answers are checked in each student's progress file on disk.

    .venv/bin/python benchmarks/bench_classroom.py --students 10 [--lesson 0] [--ramp 60] [--figures built|off]

By default the lesson's charts are first drawn into the folder beside the installed course, as a
hub's administrator does (``crisis-course figures``), so the students' kernels show them from the
figure cache; ``--figures off`` makes every kernel draw them.

The last line is
``classroom: N students, p95 T s to interactive, M MB per student, saved A of B answers, E errors``.
Every request goes to 127.0.0.1. Run it on an otherwise idle machine.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "deploy" / "jupyterhub"))

from hub_support import Hub, Student, answer_code, clone_course  # noqa: E402
from nbgitpuller_link import make_link  # noqa: E402


def lesson_path(number: int) -> str:
    found = sorted((REPO / "lessons").glob(f"{number:02d}_*.ipynb"))
    if not found:
        raise SystemExit(f"no lesson {number}")
    return f"lessons/{found[0].name}"


def lesson_bank(path: Path) -> str:
    source = "\n".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"])
    match = re.search(r"Quiz\.from_bank\(\s*[\"']([\w-]+)[\"']", source)
    if not match:
        raise SystemExit(f"{path} has no Quiz.from_bank(...) cell")
    return match.group(1)


ANSWER_REST = (
    "from crisis_course.quiz import Quiz\n"
    "_quiz = Quiz.from_bank({bank!r})\n"
    "_n = 0\n"
    "for _view in _quiz.views[1:]:\n"
    "    _key = _view.question.correct_answer\n"
    "    _key = _key() if callable(_key) else _key\n"
    "    _quiz.answer(_view.question.id, _key)\n"
    "    _n += 1\n"
    "print(len(_quiz.views), ' '.join(v.question.id for v in _quiz.views))\n"
)


def pss_mb(pids: list[int]) -> float:
    import psutil

    total = 0
    for pid in pids:
        try:
            total += psutil.Process(pid).memory_full_info().pss
        except (psutil.Error, OSError):
            pass
    return total / 2 ** 20


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of the processes and their waited-for children (git, ...)."""
    import psutil

    total = 0.0
    for pid in pids:
        try:
            t = psutil.Process(pid).cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
        except (psutil.Error, OSError):
            pass
    return total


def hub_cpu_seconds(hub: Hub, user_pids: set[int]) -> float:
    """CPU time of the hub itself, its proxy and the culler (not the students' processes)."""
    import psutil

    try:
        root = psutil.Process(hub.proc.pid)
        procs = [root] + [p for p in root.children(recursive=True) if p.pid not in user_pids]
    except psutil.Error:
        return float("nan")
    total = 0.0
    for proc in procs:
        try:
            t = proc.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def mem_available_mb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, required=True)
    parser.add_argument("--lesson", type=int, default=0, help="lesson number (default 0)")
    parser.add_argument("--ramp", type=float, default=60.0,
                        help="students start evenly spread over this many seconds (at most 60)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds allowed per student")
    parser.add_argument("--figures", choices=("built", "off"), default="built",
                        help="built (default): draw the lesson's charts into the folder beside the installed "
                             "course first, as a hub's administrator does with `crisis-course figures`; off: "
                             "every student's kernel draws them (CRISIS_COURSE_FIGURE_CACHE=off)")
    args = parser.parse_args()
    n = args.students
    ramp = min(max(args.ramp, 0.0), 60.0)
    lesson = lesson_path(args.lesson)
    bank = lesson_bank(REPO / lesson)

    work = Path(tempfile.mkdtemp(prefix="bench-classroom-"))
    repo_url, branch = clone_course(work / "course")
    results: dict[str, dict] = {}
    all_done = threading.Event()

    def student_run(hub: Hub, i: int, t0: float) -> None:
        name = f"student{i:03d}"
        rec = results[name] = {"error": None, "interactive": None, "questions": [], "kernel": None}
        time.sleep(max(0.0, t0 + i * ramp / max(n, 1) - time.monotonic()))
        start = time.monotonic()
        try:
            st = Student(hub, name)
            st.login()
            st.start_server(timeout=args.timeout)
            rec["spawned"] = time.monotonic() - start
            st.git_pull(make_link(hub.url, repo_url, branch, lesson), timeout=args.timeout)
            kernel = rec["kernel"] = st.open_notebook(f"course/{lesson}")
            kernel.run_notebook(st.notebook(f"course/{lesson}")["cells"], timeout=args.timeout)
            rec["executed"] = time.monotonic() - start
            probe = kernel.execute("import sys; print('matplotlib' in sys.modules)", timeout=args.timeout)
            rec["drew"] = probe.get("stdout", "").strip() == "True"  # matplotlib imported: charts drawn here
            res = kernel.execute(answer_code(bank, 0), timeout=args.timeout)
            if res["status"] != "ok":
                raise RuntimeError(f"answering failed: {res['error']}")
            rec["interactive"] = time.monotonic() - start
            res = kernel.execute(ANSWER_REST.format(bank=bank), timeout=args.timeout)
            if res["status"] != "ok":
                raise RuntimeError(f"answering the rest failed: {res['error']}")
            last = res["stdout"].strip().splitlines()[-1].split()
            if len(last) != int(last[0]) + 1 or len(set(last[1:])) != int(last[0]):
                raise RuntimeError(f"unexpected quiz output: {res['stdout'][-500:]!r}")
            rec["questions"] = last[1:]
            rec["done"] = time.monotonic() - start
        except Exception as exc:  # noqa: BLE001 - counted and reported
            rec["error"] = f"{type(exc).__name__}: {str(exc)[:300]}"

    print(f"lesson {lesson} (bank {bank}), {n} students starting over {ramp:.0f} s; work folder {work}",
          flush=True)
    from crisis_course import figure_cache

    hub_env = {}
    if args.figures == "off":
        hub_env[figure_cache.ENV] = "off"  # passed on to the students' servers by the hub's config
        print("figure cache: off (every kernel draws the lesson's charts)", flush=True)
    else:
        from crisis_course.export.figures import fill_figure_cache

        count, problems = fill_figure_cache(figure_cache.install_folder(), [REPO / lesson])
        if problems:
            raise SystemExit(f"could not draw the lesson's charts: {problems}")
        print(f"figure cache: built, {count} pictures of this course version in {figure_cache.install_folder()}",
              flush=True)
    avail_before = mem_available_mb()
    with Hub(work, start_timeout=300, env=hub_env) as hub:
        base = hub.user_processes()
        assert not base, base
        avail_hub = mem_available_mb()
        hub_cpu_start = hub_cpu_seconds(hub, set())
        peaks: dict[str, float] = {}

        def sample() -> None:  # per-student peak memory while the class works (every ~2 s)
            while not all_done.wait(2.0):
                for name, pids in hub.user_processes().items():
                    peaks[name] = max(peaks.get(name, 0.0), pss_mb(pids))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        t0 = time.monotonic()
        threads = [threading.Thread(target=student_run, args=(hub, i, t0), daemon=True) for i in range(n)]
        for t in threads:
            t.start()
        deadline = t0 + ramp + args.timeout + 60
        for t in threads:
            t.join(timeout=max(1.0, deadline - time.monotonic()))
        stuck = [t for t in threads if t.is_alive()]
        wall = time.monotonic() - t0
        # memory with every server and kernel still running
        procs = hub.user_processes()
        per_student = {name: pss_mb(pids) for name, pids in procs.items()}
        all_done.set()
        sampler.join(timeout=60)
        for name, mb in per_student.items():
            peaks[name] = max(peaks.get(name, 0.0), mb)
        cpu = {name: cpu_seconds(pids) for name, pids in procs.items()}
        hub_cpu = hub_cpu_seconds(hub, {pid for pids in procs.values() for pid in pids}) - hub_cpu_start
        avail_all = mem_available_mb()
        # answers as saved on disk, in each student's own progress file
        saved = expected = 0
        for name, rec in results.items():
            questions = rec["questions"] or []
            expected += max(len(questions), 1)
            path = hub.homes / name / ".local/share/crisis-course/progress.json"
            try:
                data = json.loads(path.read_text())["banks"].get(bank, {})
            except (OSError, ValueError, KeyError):
                data = {}
            saved += sum(1 for q in (questions or list(data)[:1]) if q in data)
            if rec["kernel"] is not None:
                rec["kernel"].close()
    errors = [f"{name}: {rec['error']}" for name, rec in sorted(results.items()) if rec["error"]]
    errors += [f"{t.name}: still running at the deadline" for t in stuck]

    times = [rec["interactive"] for rec in results.values() if rec["interactive"] is not None]
    spawned = [rec["spawned"] for rec in results.values() if rec.get("spawned") is not None]
    mems = list(per_student.values())
    peak_mems = [peaks[name] for name in per_student]
    mean_mb = statistics.mean(peak_mems) if peak_mems else float("nan")
    print(f"wall time {wall:.1f} s; MemAvailable fell {avail_before - avail_hub:.0f} MB while the hub started (machine-wide: includes other jobs)")
    if spawned:
        print(f"server start (login to ready): median {statistics.median(spawned):.1f} s, max {max(spawned):.1f} s")
    if times:
        print(f"to interactive: median {statistics.median(times):.1f} s, p95 {p95(times):.1f} s, "
              f"max {max(times):.1f} s over {len(times)} students")
    if mems:
        print(f"memory per student, peak while working (PSS of server + kernel, sampled every 2 s): mean "
              f"{mean_mb:.0f} MB, max {max(peak_mems):.0f} MB")
        print(f"memory per student at the end (all servers and kernels still up): mean "
              f"{statistics.mean(mems):.0f} MB, min {min(mems):.0f}, "
              f"max {max(mems):.0f}; machine-wide MemAvailable fell {avail_hub - avail_all:.0f} MB during the run, for {len(mems)} "
              f"students ({(avail_hub - avail_all) / len(mems):.0f} MB each)")
    if cpu:
        print(f"CPU per student (server + kernel + git, user+system, whole run): mean "
              f"{statistics.mean(cpu.values()):.1f} s, max {max(cpu.values()):.1f} s; hub and proxy "
              f"{hub_cpu:.1f} s after start-up ({hub_cpu / max(n, 1):.1f} s per student); "
              f"load average at the end {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    drew = [rec.get("drew") for rec in results.values() if rec.get("drew") is not None]
    print(f"kernels that imported matplotlib (drew charts): {sum(drew)} of {len(drew)}")
    for line in errors[:20]:
        print("ERROR", line)
    print(f"classroom: {n} students, p95 {p95(times):.1f} s to interactive, {mean_mb:.0f} MB per student, "
          f"saved {saved} of {expected} answers, {len(errors)} errors")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if not errors and saved == expected else 1


if __name__ == "__main__":
    sys.exit(main())
