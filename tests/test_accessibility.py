"""Accessibility of what students and classes see without JupyterLab: the exported HTML handouts and
the offline slide decks, checked with axe-core in Debian's Chromium (no outside network).

The rule: no violation of impact "serious" or "critical". Every slide of every deck is checked, all
at once in reveal.js's print layout (on screen reveal.js hides the slides not shown, axe skips
hidden content, and it could not decide any slide text's contrast there), and colour contrast must
be decided for every text, not left "incomplete". Figures must
carry a text description (axe's image-alt rule, critical), and the quizzes' answers are opened so
that their contrast is checked too.
"""
from __future__ import annotations

import pytest
import test_export
from browser_support import axe_browser, axe_check, block_outside, run_axe

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


#: Every slide of a deck at once, in reveal.js's own print layout (``?print-pdf``): each slide is laid
#: out on a page of its own, in its "present" state, so one axe run checks the whole deck (one run per
#: slide cost ~0.2 s a slide, 767 slides). fragments=false shows every fragment (a quiz's answer);
#: pdfSeparateFragments=false keeps one page per slide. Before reveal.js lays the pages out, this
#: script (test-only, nothing in the deck changes) opens every <details> (answers, hints) so the
#: pages are sized with them open, and adds three rules that change no colour, font or text:
#: - sections take their content's height: the course's ``height: 100%`` on slides makes reveal.js
#:   4.0.2's print layout double each page of a vertical stack (pages of 46,528 px, documents of
#:   33 million px: minutes of axe work over empty space);
#: - no ``will-change`` on fragments: with it axe's model of stacking puts the fragment under its own
#:   slide and cannot find the background of a quiz answer (colour-contrast "incomplete", unchecked).
#: The slides' ``hidden``/``aria-hidden`` (reveal.js's marks for slides not on screen) are removed
#: afterwards: a slide on screen has neither.
PRINT_VIEW = "?print-pdf&pdfSeparateFragments=false&fragments=false&transition=none"
PRINT_VIEW_INIT_JS = """document.addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = '.reveal .slides > section, .reveal .slides > section > section { height: auto !important; }'
                    + ' .reveal .slides section .fragment { will-change: auto !important; }';
  document.head.appendChild(style);
  document.querySelectorAll('details').forEach(d => d.open = true);
});"""
#: the state of the laid-out deck the test relies on: every leaf slide on a page, none hidden
PRINT_VIEW_STATE_JS = "(() => { const leaves = " + LEAF_SLIDES_JS + """;
  document.querySelectorAll('.reveal .slides section').forEach(s => { s.removeAttribute('hidden'); s.removeAttribute('aria-hidden'); });
  return {slides: leaves.length, onAPage: leaves.filter(s => s.closest('.pdf-page')).length,
          pages: document.querySelectorAll('.pdf-page').length,
          hidden: leaves.filter(s => getComputedStyle(s).display === 'none' || getComputedStyle(s).visibility !== 'visible').length,
          hiddenFragments: [...document.querySelectorAll('.reveal .slides .fragment')].filter(f => getComputedStyle(f).opacity !== '1').length,
          closedDetails: document.querySelectorAll('details:not([open])').length,
          backgrounds: document.querySelectorAll('.reveal .slides section[data-background], .reveal .slides section[data-background-color], .reveal .slides section[data-background-image]').length,
          height: document.documentElement.scrollHeight}; })()"""


def test_offline_slides_have_no_serious_accessibility_violations(browser_page, offline_decks_dir):
    """Every slide of every deck, checked by every axe rule in one run per deck (the print view)."""
    shared, axe, blocked = browser_page
    folder, _ = offline_decks_dir
    decks = sorted(folder.glob("*.slides.html"))
    assert decks
    page = shared.context.new_page()  # a page of its own: the script below runs in every document it loads
    page.add_init_script(PRINT_VIEW_INIT_JS)
    problems = {}
    for deck in decks:
        page.goto(deck.as_uri() + PRINT_VIEW)
        page.wait_for_function("() => window.CrisisReveal && CrisisReveal.isReady() && document.querySelector('.pdf-page')",
                               timeout=30_000)
        state = page.evaluate(PRINT_VIEW_STATE_JS)
        assert state["slides"] >= 5, f"{deck.name}: only {state['slides']} slides"
        assert state["onAPage"] == state["pages"] == state["slides"], f"{deck.name}: not every slide is laid out: {state}"
        assert state["hidden"] == state["hiddenFragments"] == state["closedDetails"] == 0, f"{deck.name}: {state}"
        # a slide background would be painted outside the slide, in a layer the print view moves
        assert state["backgrounds"] == 0, f"{deck.name}: a slide has its own background: check it on screen"
        assert state["height"] < 1_000 * state["slides"], f"{deck.name}: pages far taller than slides: {state}"
        result = axe_check(page, axe, LEAF_SLIDES_JS)
        for v in _serious(result["violations"]):
            problems.setdefault(deck.name, {}).setdefault(v["id"], v)
        # colour contrast was decided for the text, not left "incomplete" (which would pass unseen)
        assert result["contrast"]["passes"] and result["contrast"]["incomplete"] == [], (deck.name, result["contrast"])
    page.close()
    assert problems == {}, problems
    assert blocked == [], blocked[:5]
