"""Accessibility of the static quiz HTML, checked with axe-core in headless Chromium.

Needs Chromium + Playwright and axe-core, which tests/browser_support.py fetches once from the npm
registry into a cache (skipped without them, unless CRISIS_COURSE_REQUIRE_BROWSER=1).
Every ``<details>`` is opened first, so the hidden answers are checked too (contrast, links).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from crisis_course.quiz import bank_names, bank_to_html

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "banks"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


#: the page every quiz is checked in; only <main>'s content changes from one quiz to the next
PAGE = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Quiz</title>"
        "</head><body><main><h1>Quiz</h1></main></body></html>")


@pytest.fixture(scope="module")
def axe_page():
    """``run(html) -> (violations, contrast not decided)`` for a quiz's static HTML.

    One page and one copy of axe-core for the module: each quiz replaces <main>'s content (the
    static HTML has no script, so the document axe sees is the one a fresh page would hold; loading
    a page and axe's 500 kB for each of the 20 quizzes cost more than checking most of them)."""
    from browser_support import axe_browser

    with axe_browser() as (browser, axe):
        page = browser.new_page()
        page.route("**/*", lambda route: route.abort())  # nothing may be fetched
        page.set_content(PAGE)
        page.add_script_tag(content=axe)

        def run(html: str) -> tuple[list, list]:
            assert "<script" not in html.lower(), "a quiz's static HTML has a script: check it in a page of its own"
            page.evaluate("""(html) => { const main = document.querySelector('main');
                                         main.innerHTML = '<h1>Quiz</h1>' + html;
                                         main.querySelectorAll('details').forEach(d => d.open = true); }""", html)
            result = page.evaluate("""async (tags) => {
                const r = await axe.run(document, {runOnly: tags, resultTypes: ['violations', 'incomplete']});
                return {violations: r.violations.map(v => [v.id, v.impact, v.nodes.slice(0, 3).map(n => n.html.slice(0, 120))]),
                        undecided: r.incomplete.filter(v => v.id === 'color-contrast')
                                    .flatMap(v => v.nodes.slice(0, 3).map(n => n.html.slice(0, 120)))}; }""", RULES)
            return [tuple(v) for v in result["violations"]], result["undecided"]

        yield run


@pytest.mark.parametrize("instructor", [False, True], ids=["student", "instructor"])
@pytest.mark.parametrize("name", bank_names() + [str(FIXTURES / "xss.yaml")], ids=lambda n: Path(n).stem)
def test_static_quiz_passes_axe(axe_page, name, instructor):
    violations, undecided = axe_page(bank_to_html(name, instructor=instructor))
    assert violations == []
    assert undecided == [], "axe could not decide the colour contrast of this text (it would pass unseen)"
