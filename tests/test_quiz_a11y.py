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


@pytest.fixture(scope="module")
def axe_page():
    from browser_support import axe_browser

    with axe_browser() as (browser, axe):
        page = browser.new_page()
        page.route("**/*", lambda route: route.abort())  # nothing may be fetched

        def run(html: str) -> list[dict]:
            page.set_content("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Quiz</title>"
                             f"</head><body><main><h1>Quiz</h1>{html}</main></body></html>")
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            page.add_script_tag(content=axe)
            result = page.evaluate("async (tags) => await axe.run(document, {runOnly: tags})", RULES)
            return [(v["id"], v["impact"], [n["html"][:120] for n in v["nodes"][:3]]) for v in result["violations"]]

        yield run


@pytest.mark.parametrize("instructor", [False, True], ids=["student", "instructor"])
@pytest.mark.parametrize("name", bank_names() + [str(FIXTURES / "xss.yaml")], ids=lambda n: Path(n).stem)
def test_static_quiz_passes_axe(axe_page, name, instructor):
    assert axe_page(bank_to_html(name, instructor=instructor)) == []
