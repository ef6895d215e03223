"""Accessibility of what students and classes see without JupyterLab: the exported HTML handouts and
the offline slide decks, checked with axe-core in Debian's Chromium (no outside network).

The rule: no violation of impact "serious" or "critical". Every slide of every deck is visited
(reveal.js hides the slides that are not on screen, and axe skips hidden content). Figures must
carry a text description (axe's image-alt rule, critical), and the quizzes' answers are opened so
that their contrast is checked too.
"""
from __future__ import annotations

import pytest
import test_export
from browser_support import axe_browser, block_outside, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SERIOUS = {"serious", "critical"}
#: every slide that holds content (a section with no nested sections), in deck order
LEAF_SLIDES_JS = "[...document.querySelectorAll('.reveal .slides section')].filter(s => !s.querySelector('section'))"


@pytest.fixture(scope="module")
def browser_page():
    with axe_browser() as (browser, axe):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        blocked = block_outside(context, ("file://",))
        yield context.new_page(), axe, blocked


@pytest.fixture(scope="module")
def handouts():
    # written once per run, shared with test_live_a11y.py (and across pytest-xdist workers)
    return sorted(test_export.handouts_without_pdf().glob("*.html"))  # the lesson handouts and their index.html


def _serious(violations):
    return [v for v in violations if v["impact"] in SERIOUS]


def test_handouts_have_no_serious_accessibility_violations(browser_page, handouts):
    page, axe, blocked = browser_page
    assert handouts, "no handouts were written"
    problems = {}
    for path in handouts:
        page.goto(path.as_uri())
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        bad = _serious(run_axe(page, axe))
        if bad:
            problems[path.name] = bad
        if path.name != "index.html":
            alts = page.eval_on_selector_all("img", "els => els.map(e => e.getAttribute('alt'))")
            assert alts, f"{path.name}: the handout has no figure"
            assert all(a and a.strip() for a in alts), f"{path.name}: a figure has no text description"
    assert problems == {}, problems
    assert blocked == [], blocked[:5]


#: replace every leaf slide but the i-th by a placeholder comment (kept in window.__crisisDetached)
DETACH_OTHER_SLIDES_JS = "(() => { const all = " + LEAF_SLIDES_JS + """; const cur = all[%d];
  window.__crisisDetached = all.filter(s => s !== cur).map(s => {
    const mark = document.createComment('detached slide'); s.replaceWith(mark); return [mark, s]; });
  return window.__crisisDetached.length; })()"""

#: put the detached slides back where they were; returns how many
REATTACH_SLIDES_JS = """(() => { const d = window.__crisisDetached || [];
  d.forEach(([mark, s]) => mark.replaceWith(s)); window.__crisisDetached = []; return d.length; })()"""


def test_offline_slides_have_no_serious_accessibility_violations(browser_page, offline_decks_dir):
    page, axe, blocked = browser_page
    folder, _ = offline_decks_dir
    decks = sorted(folder.glob("*.slides.html"))
    assert decks
    problems = {}
    for deck in decks:
        page.goto(deck.as_uri())
        page.wait_for_function("() => window.CrisisReveal && CrisisReveal.isReady()", timeout=30_000)
        # no slide transitions: axe would measure text contrast while a slide is still fading in
        page.evaluate("CrisisReveal.configure({transition: 'none', backgroundTransition: 'none', fragments: false})")
        count = page.evaluate(LEAF_SLIDES_JS + ".length")
        assert count >= 5, f"{deck.name}: only {count} slides"
        for i in range(count):
            page.evaluate(f"""(() => {{ const s = {LEAF_SLIDES_JS}[{i}];
                                        const idx = CrisisReveal.getIndices(s); CrisisReveal.slide(idx.h, idx.v, 99); }})()""")
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            # axe flattens the whole document on every run: with the other slides in the page, a deck of
            # n slides costs n runs over n slides. Only this slide stays attached while axe runs (its
            # styles and place in the page unchanged); the others come back afterwards, in order.
            page.evaluate(DETACH_OTHER_SLIDES_JS % i)
            try:
                for v in _serious(run_axe(page, axe, ".reveal .slides section.present")):
                    problems.setdefault(deck.name, {}).setdefault(v["id"], v)
            finally:
                restored = page.evaluate(REATTACH_SLIDES_JS)
            assert restored == count - 1, f"{deck.name}: {restored} of {count - 1} slides put back"
    assert problems == {}, problems
    assert blocked == [], blocked[:5]
