"""No slide much taller than the screen: every slide of every offline deck is measured in Chromium.

A class sees one screen at a time; a slide that needs scrolling hides most of itself from the room.
Each leaf slide (a section with no nested sections) is shown with reveal.js at a 1280x800 viewport,
and its height (``scrollHeight``) is divided by the deck's configured slide height
(``CrisisReveal.getConfig().height``; reveal.js scales that box to the screen). Limits:

- a content slide: at most :data:`CONTENT_LIMIT` (1.6) slide heights;
- a reference slide (Sources, Glossary, "Terms used"/"Words used" and their continuation screens,
  which the class does not read aloud): at most :data:`REFERENCE_LIMIT` (2.5).

A slide counts as a reference slide when its own heading, or the heading of the first slide of its
vertical stack (a "Sources (continued)" sub-slide), starts with one of :data:`REFERENCE_HEADINGS`.
Failures list deck, slide index (leaf order and reveal's h.v), heading and ratio. Fragments are
shown all at once, quiz answers (fragments) included, so a revealed answer must fit too.

The "more below: scroll" cue (class ``crisis-scroll``) must appear exactly on the slides whose
content is taller than the slide (:func:`test_scroll_hint_only_where_a_slide_overflows`).
"""
from __future__ import annotations

import re

import pytest
from browser_support import block_outside, launch
from test_export import LESSONS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CONTENT_LIMIT = 1.6
REFERENCE_LIMIT = 2.5
REFERENCE_HEADINGS = ("sources", "glossary", "terms used", "words used")
VIEWPORT = {"width": 1280, "height": 800}

#: every slide that holds content (a section with no nested sections), in deck order
LEAF_SLIDES_JS = "[...document.querySelectorAll('.reveal .slides section')].filter(s => !s.querySelector('section'))"

MEASURE_JS = """(i) => {
  const s = (%s)[i];
  const idx = CrisisReveal.getIndices(s);
  CrisisReveal.slide(idx.h, idx.v, 99);
  const heading = el => {
    const h = el && el.querySelector('h1, h2, h3, h4');
    return h ? h.textContent.replace(/\\u00b6/g, '').replace(/\\s+/g, ' ').trim() : '';
  };
  const stack = s.parentElement.matches('.reveal .slides > section') ? s.parentElement.querySelector('section') : s;
  const text = s.textContent.replace(/\\s+/g, ' ').trim();
  s.classList.remove('crisis-scroll');
  const overflows = s.scrollHeight > s.clientHeight + 2;
  // leave and come back: 'slidechanged' runs the template's check on this slide
  CrisisReveal.slide(idx.h === 0 ? 1 : 0, 0, 99);
  CrisisReveal.slide(idx.h, idx.v, 99);
  return {h: idx.h, v: idx.v, height: s.scrollHeight, slideHeight: CrisisReveal.getConfig().height,
          overflows: overflows, hint: s.classList.contains('crisis-scroll'),
          heading: heading(s), stackHeading: heading(stack), text: text.slice(0, 60)};
}""" % LEAF_SLIDES_JS


def is_reference(heading: str) -> bool:
    return heading.strip().lower().startswith(REFERENCE_HEADINGS)


def measure_deck(page, deck) -> list[dict]:
    """Open ``deck`` and measure each leaf slide: a list of dicts (index, h, v, heading, ratio, limit)."""
    page.goto(deck.as_uri())
    page.wait_for_function("() => window.CrisisReveal && CrisisReveal.isReady()", timeout=30_000)
    page.wait_for_function("() => [...document.images].every(img => img.complete)", timeout=30_000)
    page.evaluate("CrisisReveal.configure({transition: 'none', backgroundTransition: 'none', fragments: false})")
    count = page.evaluate(LEAF_SLIDES_JS + ".length")
    return [measure_slide(page, i) for i in range(count)]


def measure_slide(page, i: int) -> dict:
    """Show leaf slide ``i`` of the open deck and measure it."""
    r = page.evaluate(MEASURE_JS, i)
    reference = is_reference(r["heading"]) or (not r["heading"] and is_reference(r["stackHeading"])) \
        or (r["heading"].lower().endswith("(continued)") and is_reference(r["stackHeading"]))
    return {"index": i, "h": r["h"], "v": r["v"], "heading": r["heading"] or r["text"],
            "ratio": r["height"] / r["slideHeight"], "limit": REFERENCE_LIMIT if reference else CONTENT_LIMIT,
            "overflows": r["overflows"], "hint": r["hint"]}


def too_tall(rows: list[dict]) -> list[str]:
    return [f"slide {r['index']} ({r['h']}.{r['v']}) {r['heading'][:60]!r}: {r['ratio']:.2f}x the slide height "
            f"(limit {r['limit']})" for r in rows if r["ratio"] > r["limit"]]


@pytest.fixture(scope="module")
def page(offline_decks_dir):
    _, sync_api = offline_decks_dir
    with sync_api.sync_playwright() as pw:
        browser = launch(pw)
        context = browser.new_context(viewport=VIEWPORT)
        blocked = block_outside(context, ("file://",))
        yield context.new_page()
        browser.close()
        assert blocked == [], blocked[:5]


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_no_slide_is_much_taller_than_the_screen(offline_decks_dir, page, lesson):
    folder, _ = offline_decks_dir
    deck = folder / f"{lesson.stem}.slides.html"
    assert deck.is_file(), f"no offline deck for {lesson.name}"
    rows = measure_deck(page, deck)
    assert len(rows) >= 5, f"{deck.name}: only {len(rows)} slides"
    problems = too_tall(rows)
    assert problems == [], f"{deck.name}: {len(problems)} slide(s) too tall for one screen:\n" + "\n".join(problems)


def test_the_measurement_catches_a_tall_slide(offline_decks_dir, page):
    """The check can fail: a slide padded to three screens is reported with its ratio and heading."""
    folder, _ = offline_decks_dir
    deck = sorted(folder.glob("*.slides.html"))[0]
    rows = measure_deck(page, deck)
    assert all(0.3 < r["ratio"] for r in rows)
    page.evaluate(f"""(() => {{ const s = {LEAF_SLIDES_JS}[1]; const d = document.createElement('div');
                               d.style.height = (3 * CrisisReveal.getConfig().height) + 'px'; s.appendChild(d); }})()""")
    problems = too_tall([measure_slide(page, 1)])
    assert len(problems) == 1 and re.search(r"^slide 1 \(\d+\.\d+\) '.+': [3-9]\.\d\dx", problems[0]), problems
    assert is_reference("Sources (continued)") and is_reference("Terms used in this lesson")
    assert not is_reference("3. Working in JupyterLab")


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_scroll_hint_only_where_a_slide_overflows(offline_decks_dir, page, lesson):
    """The template's cue compares a slide's content with the slide itself (it used to compare with
    95% of the window and showed on every slide)."""
    folder, _ = offline_decks_dir
    rows = measure_deck(page, folder / f"{lesson.stem}.slides.html")
    wrong = [f"slide {r['index']} ({r['h']}.{r['v']}) {r['heading'][:50]!r}: ratio {r['ratio']:.2f}, "
             f"hint {'shown' if r['hint'] else 'missing'}" for r in rows if r["hint"] != r["overflows"]]
    assert wrong == [], "\n".join(wrong)
    fitting = [r for r in rows if not r["overflows"]]
    assert fitting, f"{lesson.stem}: no slide fits the screen"
    print(f"{lesson.stem}: {len(rows)} slides, {len(rows) - len(fitting)} taller than one screen")
