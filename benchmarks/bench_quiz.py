"""Benchmark the quiz engine: loading every bank, grading answers, a full widget click.

Run:  python benchmarks/bench_quiz.py [--repeat N]

Prints milliseconds. Targets: grading one answer well under 50 ms (it is microseconds);
a Check click including the atomic progress save well under 50 ms. Not a test: numbers vary
with the machine, so nothing here fails a build.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.3f} ms"


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def sample_answers(q):
    """A mix of right, wrong and unreadable answers in the forms students give."""
    t = q.type
    if t == "single":
        return [q.answer, *q.options, 0, "not an option", None]
    if t == "multiple":
        return [q.answer, q.options[:1], q.options, [], ["nope"]]
    if t == "true_false":
        return [q.answer, not q.answer, "yes", "no", "maybe"]
    if t == "numeric":
        unit = q.unit or ""
        return [q.answer, str(q.answer), f"{q.answer} {unit}".strip(), f"{q.answer + 1}", "forty", "45 km"]
    if t == "ordering":
        return [q.items, list(reversed(q.items)), q.items[:-1], None]
    if t == "matching":
        return [dict(q.pairs), dict(zip(q.lefts, reversed(q.rights))), {}, "x"]
    if t == "text":
        return [q.answer, f"  {str(q.answer).upper()} ", "wrong answer", "", *q.accept]
    return [None]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="times each answer is graded (default 200)")
    args = parser.parse_args(argv)

    os.environ.setdefault("CRISIS_COURSE_PROGRESS_DIR", tempfile.mkdtemp(prefix="bench-quiz-"))
    t0 = time.perf_counter()
    import crisis_course.quiz as quiz_mod
    from crisis_course.quiz import bank as bank_mod
    t_import = time.perf_counter() - t0

    names = quiz_mod.bank_names()
    print(f"crisis_course.quiz import (ipywidgets, yaml, jsonschema): {ms(t_import)}")

    # Cold: empty cache, schema compiled once.
    bank_mod._CACHE.clear()
    bank_mod._SCHEMA = None
    t0 = time.perf_counter()
    errors = quiz_mod.validate_all_banks()
    t_all = time.perf_counter() - t0
    n_q = sum(len(quiz_mod.load_bank(n).questions) for n in names)
    print(f"load + validate all {len(names)} banks ({n_q} questions), cold: {ms(t_all)}"
          f"{'  [ERRORS: ' + str(len(errors)) + ']' if errors else ''}")
    per_bank = []
    for name in names:
        bank_mod._CACHE.clear()
        t0 = time.perf_counter()
        quiz_mod.load_bank(name)
        per_bank.append(time.perf_counter() - t0)
    print(f"load + validate one bank (schema compiled): median {ms(statistics.median(per_bank))}, "
          f"max {ms(max(per_bank))}")

    by_type: dict[str, list[float]] = {}
    for b in quiz_mod.all_banks():
        for q in b.questions:
            for answer in sample_answers(q):
                times = by_type.setdefault(q.type, [])
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    q.check(answer)
                    times.append(time.perf_counter() - t0)
    print(f"\nQuestion.check(answer), {args.repeat} repeats of each sample answer (target: well under 50 ms):")
    print(f"  {'type':<11} {'checks':>7} {'median':>12} {'p95':>12} {'max':>12}")
    worst = 0.0
    for t, times in sorted(by_type.items()):
        worst = max(worst, pct(times, 0.95))
        print(f"  {t:<11} {len(times):>7} {ms(statistics.median(times))} {ms(pct(times, 0.95))} {ms(max(times))}")

    # Widgets: building a quiz and a full Check click (grading, feedback HTML, score, atomic save).
    builds = []
    for _ in range(5):
        t0 = time.perf_counter()
        quiz = quiz_mod.Quiz.from_bank("orientation")
        builds.append(time.perf_counter() - t0)
    clicks = []
    for i in range(50):
        v = quiz.view("orientation-capital-spelling")
        v.input.value = "Kyiv" if i % 2 else "Moscow"
        t0 = time.perf_counter()
        v.check_button.click()
        clicks.append(time.perf_counter() - t0)
    html_t = []
    for _ in range(20):
        t0 = time.perf_counter()
        quiz.to_html()
        html_t.append(time.perf_counter() - t0)
    print(f"\nQuiz.from_bank('orientation') with widgets + progress restore: median {ms(statistics.median(builds))}")
    print(f"Check click incl. feedback and fsync'd progress save: median {ms(statistics.median(clicks))}, "
          f"p95 {ms(pct(clicks, 0.95))}")
    print(f"quiz.to_html(): median {ms(statistics.median(html_t))}")
    print(f"\nworst p95 per check: {worst * 1000:.3f} ms -> {'OK' if worst < 0.05 else 'TOO SLOW'} (target < 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
