"""Every slide fits one screen: every slide of every offline deck (the full deck of each lesson and
the presenter cut of each lesson with a slide plan) is measured in Chromium.

A class sees one screen at a time; a slide that needs scrolling hides part of itself from the room.
Each leaf slide (a section with no nested sections) is shown with reveal.js at a 1280x720 viewport,
and its height (``scrollHeight``) is divided by the deck's configured slide height
(``CrisisReveal.getConfig().height``; reveal.js scales that box to the screen). Limits:

- a content slide: at most :data:`CONTENT_LIMIT` (1.0) slide heights;
- a reference slide (Sources, Glossary, "Terms used"/"Words used"): also 1.0 (:data:`REFERENCE_LIMIT`);
  the exporter splits them into numbered continuation screens ("Sources (2/3)", export/paginate.py).

The deck draws a slide that would still run over a little smaller (at most by 25%, recorded in
``data-crisis-fit``); the rows carry that factor and the run prints how many slides needed it.

A slide counts as a reference slide when its own heading, or the heading of the first slide of its
vertical stack (a "Sources (continued)" sub-slide), starts with one of :data:`REFERENCE_HEADINGS`.
Failures list deck, slide index (leaf order and reveal's h.v), heading and ratio. Fragments are
shown all at once, quiz answers (fragments) included, so a revealed answer must fit too.

The "more below: scroll" cue (class ``crisis-scroll``) must appear exactly on the slides whose
content is taller than the slide (:func:`test_scroll_hint_only_where_a_slide_overflows`).

Cost (issue 14): each deck is loaded once and all its slides and figures are measured in one
``page.evaluate`` (:data:`MEASURE_ALL_JS`), shared by the fit, scroll-cue and figure tests; only the
two screenshot tests take pictures, and nothing waits a fixed time.
"""
from __future__ import annotations

import re

import pytest
from browser_support import block_outside, launch
from test_export import LESSONS

from crisis_course import presenter

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CONTENT_LIMIT = 1.0
REFERENCE_LIMIT = 1.0
REFERENCE_HEADINGS = ("sources", "glossary", "terms used", "words used")
VIEWPORT = {"width": 1280, "height": 720}
#: the lessons that have a presenter cut (content/slides/NN_slug.yaml)
PRESENTER_LESSONS = [p for p in LESSONS if presenter.plan_path(int(p.name[:2])).is_file()]
DECKS = [f"{p.stem}.slides.html" for p in LESSONS] + [f"{p.stem}.presenter.slides.html" for p in PRESENTER_LESSONS]

#: every slide that holds content (a section with no nested sections), in deck order
LEAF_SLIDES_JS = "[...document.querySelectorAll('.reveal .slides section')].filter(s => !s.querySelector('section'))"

#: In-page functions shared by every measurement. ``measure(s)`` shows leaf slide ``s`` and measures it;
#: ``figures(s)`` reads the figures of slide ``s`` (shown). A whole deck is measured in ONE
#: ``page.evaluate`` (:data:`MEASURE_ALL_JS`): reveal.js runs its 'slidechanged' listeners (the
#: template's fit and scroll cue) synchronously inside ``Reveal.slide``, and reading ``scrollHeight``
#: lays the page out, so nothing needs a Python round trip or a wait between slides (a round trip
#: per slide and per figure pass took most of this file's time; issue 14).
SLIDE_FUNCTIONS_JS = r"""
  const leaves = () => %s;
  const heading = el => {
    const h = el && el.querySelector('h1, h2, h3, h4');
    return h ? h.textContent.replace(/\u00b6/g, '').replace(/\s+/g, ' ').trim() : '';
  };
  const show = s => {
    const idx = CrisisReveal.getIndices(s);
    if (CrisisReveal.getCurrentSlide() !== s) { CrisisReveal.slide(idx.h, idx.v, 99); }
    return idx;
  };
  const measure = s => {
    // arrive on the slide from another one: 'slidechanged' runs the template's fit and scroll cue on it
    // (Reveal.slide to the slide already shown fires nothing; one Reveal.slide costs ~10-25 ms here)
    if (CrisisReveal.getCurrentSlide() === s) { const i = CrisisReveal.getIndices(s); CrisisReveal.slide(i.h === 0 ? 1 : 0, 0, 99); }
    const idx = show(s);
    const stack = s.parentElement.matches('.reveal .slides > section') ? s.parentElement.querySelector('section') : s;
    const text = s.textContent.replace(/\s+/g, ' ').trim();
    // the template's verdict, then the content's own height without the cue (its ::after line adds height)
    const hint = s.classList.contains('crisis-scroll');
    s.classList.remove('crisis-scroll');
    const overflows = s.scrollHeight > s.clientHeight + 2;
    if (hint) { s.classList.add('crisis-scroll'); }  // as the template left it
    return {h: idx.h, v: idx.v, height: s.scrollHeight, slideHeight: CrisisReveal.getConfig().height,
            overflows: overflows, hint: hint,
            fit: parseFloat(s.getAttribute('data-crisis-fit') || '1'),
            heading: heading(s), stackHeading: heading(stack), text: text.slice(0, 60)};
  };
  const figures = s => {
    const idx = show(s);
    return [...s.querySelectorAll('.crisis-figure img')].map(img => {
      const r = img.getBoundingClientRect();
      const font = parseFloat(img.getAttribute('data-min-font-px') || 'NaN');
      const fig = img.closest('figure');
      // the source line (<small>) if the caption has one, else the caption (document order would give the caption first)
      const small = fig && (fig.querySelector('figcaption small') || fig.querySelector('figcaption'));
      const caption = small ? parseFloat(getComputedStyle(small).fontSize) * CrisisReveal.getScale() : null;
      return {h: idx.h, v: idx.v, alt: (img.alt || '').slice(0, 50), width: r.width, natural: img.naturalWidth,
              caption: caption, font: font, px: r.width / img.naturalWidth * font,
              slideFigure: img.classList.contains('crisis-slide-figure')};
    });
  };
""" % LEAF_SLIDES_JS

#: every leaf slide of the open deck: [{slide: measure(s), figures: figures(s)}, ...]
MEASURE_ALL_JS = "() => {%s\n  return leaves().map(s => ({slide: measure(s), figures: figures(s)}));\n}" % SLIDE_FUNCTIONS_JS
#: leaf slide ``i`` of the open deck: {slide: measure(s), figures: figures(s)}
MEASURE_JS = "(i) => {%s\n  const s = leaves()[i];\n  return {slide: measure(s), figures: figures(s)};\n}" % SLIDE_FUNCTIONS_JS
#: leaf slide ``i``'s figures as drawn now (shown first if another slide is on screen)
FIGURES_JS = "(i) => {%s\n  return figures(leaves()[i]);\n}" % SLIDE_FUNCTIONS_JS


def is_reference(heading: str) -> bool:
    return heading.strip().lower().startswith(REFERENCE_HEADINGS)


def open_deck(page, deck) -> None:
    """Load ``deck`` (fresh: no padding left by a test that injects a defect), wait until reveal.js
    and every image are ready, and turn transitions and fragments off (every fragment shown)."""
    page.goto(deck.as_uri())
    page.wait_for_function("() => window.CrisisReveal && CrisisReveal.isReady()", timeout=30_000)
    page.wait_for_function("() => [...document.images].every(img => img.complete)", timeout=30_000)
    page.evaluate("CrisisReveal.configure({transition: 'none', backgroundTransition: 'none', fragments: false})")


def measure_deck(page, deck) -> tuple[list[dict], list[list[dict]]]:
    """Open ``deck`` and measure every leaf slide in one go: (slide rows, figures per slide)."""
    open_deck(page, deck)
    return measure_open_deck(page)


def measure_open_deck(page) -> tuple[list[dict], list[list[dict]]]:
    """(slide rows, figures per slide) of every leaf slide of the open deck, in one ``page.evaluate``."""
    raw = page.evaluate(MEASURE_ALL_JS)
    return [slide_row(i, r["slide"]) for i, r in enumerate(raw)], [r["figures"] for r in raw]


def measure_slide(page, i: int) -> dict:
    """Show leaf slide ``i`` of the open deck and measure it (the same in-page code as a whole deck)."""
    return slide_row(i, page.evaluate(MEASURE_JS, i)["slide"])


def slide_row(i: int, r: dict) -> dict:
    """A row (index, h, v, heading, ratio, limit, overflows, hint, fit) from the page's measurement."""
    reference = is_reference(r["heading"]) or (not r["heading"] and is_reference(r["stackHeading"])) \
        or (r["heading"].lower().endswith("(continued)") and is_reference(r["stackHeading"]))
    return {"index": i, "h": r["h"], "v": r["v"], "heading": r["heading"] or r["text"],
            "ratio": r["height"] / r["slideHeight"], "limit": REFERENCE_LIMIT if reference else CONTENT_LIMIT,
            "overflows": r["overflows"], "hint": r["hint"], "fit": r["fit"]}


def too_tall(rows: list[dict]) -> list[str]:
    return [f"slide {r['index']} ({r['h']}.{r['v']}) {r['heading'][:60]!r}: {r['ratio']:.2f}x the slide height "
            f"(limit {r['limit']})" for r in rows if r["ratio"] > r["limit"]]


_PRESENTER: dict = {}


@pytest.fixture(scope="session")
def decks_dir(offline_decks_dir, tmp_path_factory):
    """One folder with every full offline deck and every presenter cut (built once per session)."""
    import shutil

    import test_export

    folder, _ = offline_decks_dir
    if "dir" not in _PRESENTER:
        out = tmp_path_factory.getbasetemp() / "slides-all-cuts"
        shutil.copytree(folder, out, dirs_exist_ok=True)
        for deck in test_export.presenter_decks_offline().glob("*.presenter.slides.html"):
            shutil.copy(deck, out / deck.name)  # the same offline assets sit next to the full decks
        _PRESENTER["dir"] = out
    return _PRESENTER["dir"]


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


_MEASURED: dict = {}


def deck_data(page, deck) -> tuple[list[dict], list[list[dict]]]:
    """(slide rows, figures per slide) of ``deck``: one page load and one measurement per deck, shared
    by the fit, scroll-cue and figure tests."""
    if deck not in _MEASURED:
        _MEASURED[deck] = measure_deck(page, deck)
    return _MEASURED[deck]


@pytest.mark.parametrize("name", DECKS)
def test_every_slide_fits_one_screen(decks_dir, page, name):
    deck = decks_dir / name
    assert deck.is_file(), f"no offline deck {name}"
    rows, _ = deck_data(page, deck)
    assert len(rows) >= 5, f"{deck.name}: only {len(rows)} slides"
    shrunk = [r for r in rows if r["fit"] < 1]
    worst = max(rows, key=lambda r: r["ratio"])
    print(f"{name}: {len(rows)} slides, worst {worst['ratio']:.2f} ({worst['heading'][:40]!r}), "
          f"{len(shrunk)} drawn smaller (smallest factor {min([r['fit'] for r in rows]):.2f})")
    problems = too_tall(rows)
    assert problems == [], f"{deck.name}: {len(problems)} slide(s) too tall for one screen:\n" + "\n".join(problems)


def padded_deck(page, deck) -> tuple[list[dict], list[list[dict]]]:
    """Open ``deck`` fresh, pad leaf slide 1 to three slide heights and measure the whole deck."""
    open_deck(page, deck)
    page.evaluate(f"""(() => {{ const s = {LEAF_SLIDES_JS}[1]; const d = document.createElement('div');
                               d.style.height = (3 * CrisisReveal.getConfig().height) + 'px'; s.appendChild(d); }})()""")
    return measure_open_deck(page)


def test_the_measurement_catches_a_tall_slide(decks_dir, page):
    """The check can fail: a slide padded to three screens is reported with its ratio and heading
    (drawing it smaller cannot save it), and so is a slide 10% too tall."""
    rows, _ = padded_deck(page, decks_dir / DECKS[0])
    assert all(0.3 < r["ratio"] for r in rows)
    problems = too_tall(rows)  # the whole-deck measurement the real test uses
    assert len(problems) == 1 and re.search(r"^slide 1 \(\d+\.\d+\) '.+': [2-9]\.\d\dx", problems[0]), problems
    assert too_tall([measure_slide(page, 1)]) == problems  # and the one-slide measurement agrees
    assert too_tall([{"index": 2, "h": 2, "v": 0, "heading": "x", "ratio": 1.1, "limit": CONTENT_LIMIT}])
    assert is_reference("Sources (continued)") and is_reference("Terms used in this lesson")
    assert not is_reference("3. Working in JupyterLab")


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_scroll_hint_only_where_a_slide_overflows(decks_dir, page, lesson):
    """The template's cue compares a slide's content with the slide itself (it used to compare with
    95% of the window and showed on every slide)."""
    rows, _ = deck_data(page, decks_dir / f"{lesson.stem}.slides.html")
    wrong = [f"slide {r['index']} ({r['h']}.{r['v']}) {r['heading'][:50]!r}: ratio {r['ratio']:.2f}, "
             f"hint {'shown' if r['hint'] else 'missing'}" for r in rows if r["hint"] != r["overflows"]]
    assert wrong == [], "\n".join(wrong)
    fitting = [r for r in rows if not r["overflows"]]
    assert fitting, f"{lesson.stem}: no slide fits the screen"
    print(f"{lesson.stem}: {len(rows)} slides, {len(rows) - len(fitting)} taller than one screen")


def test_the_scroll_hint_shows_on_a_slide_that_overflows(decks_dir, page):
    """The cue's check can fail the other way too: a slide padded to three screens shows it (and the
    whole-deck measurement sees it there and only there)."""
    rows, _ = padded_deck(page, decks_dir / DECKS[0])
    assert rows[1]["overflows"] and rows[1]["hint"]
    assert [r["index"] for r in rows if r["overflows"]] == [1], [r for r in rows if r["overflows"]]
    assert all(r["hint"] == r["overflows"] for r in rows)


# ------------------------------------------------------------------ figures for a projector ----

#: the smallest text of a figure on a slide, in screen pixels at 1280x720
MIN_FIGURE_TEXT_PX = 14

def figure_problems(slides: list[list[dict]]) -> list[str]:
    out = []
    for figs in slides:
        if len(figs) > 1:
            out.append(f"slide {figs[0]['h']}.{figs[0]['v']}: {len(figs)} figures on one slide")
        for f in figs:
            if f.get("caption") is not None and not f["caption"] >= MIN_FIGURE_TEXT_PX:
                out.append(f"slide {f['h']}.{f['v']} {f['alt']!r}: its caption's source line is {f['caption']:.1f} px")
            if not f["px"] >= MIN_FIGURE_TEXT_PX:
                out.append(f"slide {f['h']}.{f['v']} {f['alt']!r}: smallest text {f['px']:.1f} px "
                           f"(drawn {f['width']:.0f} of {f['natural']} px, text {f['font']} px at natural size)")
    return out


#: Decks whose figures do NOT yet reach 14 px (measured 2026-12-04, issue 20; strict: a deck that
#: starts passing fails here until it is taken off the list). figures.show draws a slide version
#: as large as the slide allows and tries a smaller canvas so that the text grows against the
#: picture; in most course figures the labels then run past the axes and the picture grows instead
#: (maps, timelines, small multiples, bar labels), so that drawing is refused (it overlapped) and the
#: figure keeps its own text size: 4.9-8.4 px at 1280x720. Only lesson 7's presenter figures pass.
#: The figures need slide layouts of their own (fewer labels, larger fonts in the chart functions).
#: The maps (maps.py, deployments.py, pipelines.py; tests/test_map_slides.py), the timelines, the
#: troop-estimates chart and the stake line (timeline.py, readouts.py, bargaining.py;
#: tests/test_chart_slides.py) have theirs: every deck passes (lesson 1's heatmap: 14.9 px).
#: A deck whose figures fall under 14 px again goes here with what still fails.
FIGURES_NOT_YET_14_PX: dict[str, str] = {}


def _figure_param(name: str):
    stem = name.split(".")[0]
    if stem in FIGURES_NOT_YET_14_PX and not (stem == "07_coercive_diplomacy" and "presenter" in name):
        return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=FIGURES_NOT_YET_14_PX[stem]))
    return name


@pytest.mark.parametrize("name", [_figure_param(n) for n in DECKS])
def test_figures_on_slides_are_readable_on_a_projector(decks_dir, page, name):
    """One figure per slide, drawn so that rendered width / natural width x its smallest text
    (px at natural size, recorded by figures.show) is at least 14 px at 1280x720."""
    _, slides = deck_data(page, decks_dir / name)
    figs = [f for s in slides for f in s]
    problems = figure_problems(slides)
    if figs:
        print(f"{name}: {len(figs)} figures, smallest text {min(f['px'] for f in figs):.1f} px")
    assert problems == [], "\n".join(problems)


def test_the_figure_check_catches_small_text(decks_dir, page):
    """The check can fail: a figure drawn at a third of its width is reported."""
    name = next(n for n in DECKS if n.startswith("06_"))
    open_deck(page, decks_dir / name)
    i = page.evaluate(f"{LEAF_SLIDES_JS}.findIndex(s => s.querySelector('.crisis-figure img'))")
    assert i >= 0, f"{name}: no slide with a figure"
    page.evaluate(f"""(() => {{ const img = {LEAF_SLIDES_JS}[{i}].querySelector('.crisis-figure img');
                               img.style.width = '300px'; }})()""")
    _, slides = measure_open_deck(page)  # the whole-deck measurement the real test uses
    problems = figure_problems(slides)
    assert len(problems) == 1 and "smallest text" in problems[0] and f"slide {slides[i][0]['h']}." in problems[0], \
        problems
    assert figure_problems([page.evaluate(FIGURES_JS, i)]) == problems
    # and a source line drawn at reveal's own <small> size (0.6em of 16 px) is reported too
    page.evaluate(f"""(() => {{ const fig = {LEAF_SLIDES_JS}[{i}].querySelector('.crisis-figure');
                               fig.querySelector('img').style.width = '';
                               const small = fig.querySelector('figcaption small') || fig.querySelector('figcaption');
                               small.style.setProperty('font-size', '9.6px', 'important'); }})()""")
    problems = figure_problems([page.evaluate(FIGURES_JS, i)])
    assert len(problems) == 1 and "source line" in problems[0], problems


# ------------------------------------------------------------------------------ screenshots ----

SCREENSHOT_DECKS = ("04_buildup_and_call.presenter.slides.html", "06_energy.presenter.slides.html")


@pytest.mark.parametrize("name", SCREENSHOT_DECKS)
def test_screenshots_of_every_slide(decks_dir, page, name):
    """Every slide of two presenter decks (fragments and answers shown) into test-artifacts/browser/."""
    from browser_support import ARTIFACTS, screenshot

    deck = decks_dir / name
    if not deck.is_file():
        pytest.skip(f"{name}: the lesson has no presenter cut")
    open_deck(page, deck)  # a fresh load: the checks that can fail have padded slides
    slides = page.evaluate(f"{LEAF_SLIDES_JS}.map(s => CrisisReveal.getIndices(s))")
    assert len(slides) >= 5, f"{name}: only {len(slides)} slides"
    stem = name.replace(".slides.html", "")
    for old in ARTIFACTS.glob(f"{stem}-*.png") if ARTIFACTS.is_dir() else []:
        old.unlink()
    for i, r in enumerate(slides):
        page.evaluate(f"CrisisReveal.slide({r['h']}, {r['v']}, 99)")
        path = screenshot(page, f"{stem}-{i + 1:02d}-{r['h']}.{r['v']}")
        assert path.stat().st_size > 5000, path
    assert len(list(ARTIFACTS.glob(f"{stem}-*.png"))) == len(slides)
