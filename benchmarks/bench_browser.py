"""Benchmark the student experience in a real browser (JupyterLab + Debian's Chromium via Playwright).

Prints:
- time from opening a lesson (page navigation) to an interactive quiz (Run All finished and the
  first quiz's Check button is enabled), per lesson;
- quiz click-to-feedback latency: from clicking "Check" to the feedback text appearing in the page,
  over N clicks (median, p90, max; goal: median under 150 ms).

    .venv/bin/python benchmarks/bench_browser.py [--clicks 30] [--lessons 00 03]

Needs /usr/bin/chromium (apt-get install chromium) and playwright (test extra).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from browser_support import LabServer, block_outside, launch, open_notebook, run_all, shutdown_kernels  # noqa: E402

CLICK_TO_FEEDBACK_JS = """(box) => new Promise((resolve, reject) => {
  const button = [...box.querySelectorAll('button')].find(b => b.textContent.includes('Check'));
  const before = box.textContent;
  const observer = new MutationObserver(() => {
    if (box.textContent !== before) { observer.disconnect(); resolve(performance.now() - t0); }
  });
  observer.observe(box, {subtree: true, childList: true, characterData: true});
  setTimeout(() => { observer.disconnect(); reject(new Error('no feedback within 10 s')); }, 10000);
  const t0 = performance.now();
  button.click();
})"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=30)
    parser.add_argument("--lessons", nargs="*", default=None, help="lesson number prefixes (default: all)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    lessons = sorted((REPO / "lessons").glob("*.ipynb"))
    if args.lessons:
        lessons = [p for p in lessons if any(p.name.startswith(x) for x in args.lessons)]
    with LabServer(tempfile.mkdtemp(prefix="bench-progress-")) as server, sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        blocked = block_outside(context, (server.url + "/",))
        # First, click-to-feedback latency on lesson 0's first question (single choice): alternate the right
        # and a wrong option so the feedback changes on every click; time from the click to the
        # feedback's change in the page (a MutationObserver inside the page records it).
        from crisis_course.quiz import Quiz

        page = context.new_page()
        open_notebook(page, server, "lessons/00_orientation.ipynb")
        run_all(page)
        question = Quiz.from_bank("orientation", progress=False).questions[0]
        wrong = next(o for o in question.options if o != question.answer)
        box = page.locator(".crisis-quiz-question", has_text=question.prompt[:40]).first
        box.scroll_into_view_if_needed()
        latencies = []
        for i in range(args.clicks):
            box.locator("label", has_text=question.answer if i % 2 else wrong).first.click()
            latencies.append(box.evaluate(CLICK_TO_FEEDBACK_JS))
        shutdown_kernels(page)
        page.close()
        latencies.sort()
        p90 = latencies[int(0.9 * (len(latencies) - 1))]
        print(f"quiz click-to-feedback over {len(latencies)} clicks: median {statistics.median(latencies):.0f} ms, "
              f"p90 {p90:.0f} ms, max {latencies[-1]:.0f} ms (goal: median < 150 ms)")
        print(f"{'lesson':40s} {'open->interactive quiz':>24s}")
        for path in lessons:
            page = context.new_page()
            start = time.perf_counter()
            open_notebook(page, server, path.relative_to(REPO).as_posix())
            run_all(page)
            page.locator(".crisis-quiz-question button:has-text('Check')").first.wait_for(state="visible")
            elapsed = time.perf_counter() - start
            print(f"{path.stem:40s} {elapsed:22.2f} s")
            shutdown_kernels(page)
            page.close()

        print(f"requests outside the local server: {len(blocked)}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
