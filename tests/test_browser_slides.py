"""Offline decks in a real browser: Debian's Chromium (driven by Playwright) opens the decks written
by ``crisis-course slides --offline`` straight from disk, with every request that is not a
``file:`` (or ``data:``) URL blocked and recorded, steps through the slides, finds the quiz and
reveals an answer. Screenshots go to ``test-artifacts/browser/``.

Skips with a reason when Chromium or Playwright is missing (fails instead when
``CRISIS_COURSE_REQUIRE_BROWSER=1``, as in CI); the decks come from the same once-per-session
execution as ``test_export.py``.
"""
from __future__ import annotations

import pytest
from browser_support import launch, screenshot
from test_export import LESSONS

from crisis_course.checks import LESSON_BANKS
from crisis_course.quiz import load_bank

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READY = "window.CrisisReveal && window.CrisisReveal.isReady()"


@pytest.fixture(scope="module")
def browser(offline_decks_dir):
    _, sync_api = offline_decks_dir
    with sync_api.sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


def _open(browser, deck, query: str = ""):
    """A page showing ``deck`` (with ``query``, e.g. "?print-pdf") with every non-file request aborted; returns (page, requests, blocked, errors)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    requests, blocked, errors = [], [], []

    def handle(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", handle)
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(deck.as_uri() + query)
    page.wait_for_function(READY, timeout=20000)
    return page, requests, blocked, errors


def _quiz_lesson():
    for path in LESSONS:
        if path.name.startswith("03_"):
            return path
    return LESSONS[0]


def test_step_through_an_offline_deck_and_reveal_an_answer(browser, offline_decks_dir):
    folder, _ = offline_decks_dir
    lesson = _quiz_lesson()
    bank = load_bank(LESSON_BANKS[int(lesson.name[:2])])
    page, requests, blocked, errors = _open(browser, folder / f"{lesson.stem}.slides.html")
    try:
        total = page.evaluate("CrisisReveal.getTotalSlides()")
        assert total >= 8, f"only {total} slides"
        title = page.evaluate("CrisisReveal.getCurrentSlide().innerText")
        assert f"Lesson {int(lesson.name[:2])}:" in title
        screenshot(page, f"{lesson.stem}-title")
        # Speaker notes are loaded (the notes plugin is local) and the deck has notes.
        assert page.evaluate("!!CrisisReveal.getPlugin('notes')")
        with_notes, seen_questions, revealed, visited = 0, [], None, set()
        for _ in range(total * 6):  # Reveal.next() also steps through fragments
            indices = page.evaluate("(() => { const i = CrisisReveal.getIndices(); return i.h + '/' + (i.v || 0); })()")
            if indices not in visited:
                visited.add(indices)
                slide = page.evaluate_handle("CrisisReveal.getCurrentSlide()").as_element()
                if page.evaluate("!!CrisisReveal.getSlideNotes()"):
                    with_notes += 1
                question = slide.query_selector("div.quiz-question")
                if question is not None:
                    qid = question.get_attribute("id")[len("quiz-"):]
                    seen_questions.append(qid)
                    page.wait_for_timeout(700)  # let the slide transition finish
                    prompt = question.query_selector(".quiz-prompt")
                    assert prompt.is_visible(), f"question {qid} is not visible on its slide"
                    answer = question.query_selector(".quiz-answer")
                    assert answer is not None and "fragment" in (answer.get_attribute("class") or ""), \
                        f"question {qid}: the answer is not a reveal.js fragment"
                    assert "Show answer" not in slide.inner_text()
                    if revealed is None:
                        assert "visible" not in answer.get_attribute("class"), "the answer shows before it is revealed"
                        assert page.evaluate("(el) => getComputedStyle(el).opacity", answer) == "0"
                        # A presenter's clicker sends the same keys as the keyboard (right arrow / page down).
                        before = page.evaluate("JSON.stringify(CrisisReveal.getIndices())")
                        for _ in range(3):  # a hint fragment (if any) comes first, then the answer
                            page.keyboard.press("ArrowRight")
                            page.wait_for_timeout(400)
                            if "visible" in (answer.get_attribute("class") or ""):
                                break
                        assert page.evaluate("JSON.stringify(CrisisReveal.getIndices())").startswith(before[:-1].rsplit(',"f"', 1)[0])
                        assert "visible" in answer.get_attribute("class"), "the keyboard did not reveal the answer"
                        page.wait_for_timeout(300)
                        assert answer.is_visible() and "Answer:" in answer.inner_text()
                        expected = bank.question(qid).answer_text().split(";")[0].strip()[:20]
                        assert expected.lower() in answer.inner_text().lower()
                        box = answer.bounding_box()
                        viewport = page.viewport_size
                        assert box and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], \
                            f"the revealed answer of {qid} is not on screen: {box}"
                        revealed = qid
                        screenshot(page, f"{lesson.stem}-quiz-answer")
            if page.evaluate("CrisisReveal.isLastSlide() && !CrisisReveal.availableFragments().next"):
                break
            page.evaluate("CrisisReveal.next()")
            page.wait_for_timeout(40)
        assert page.evaluate("CrisisReveal.isLastSlide()")
        assert len(visited) == total, f"visited {len(visited)} of {total} slides"
        assert with_notes >= 1, "no slide has speaker notes"
        assert revealed, "no quiz question found while stepping through the deck"
        end_quiz = [q.id for q in bank.questions if not getattr(q, "checkpoint", False)]
        assert [q for q in seen_questions if q in end_quiz] == end_quiz, "every quiz question gets its own slide, in order"
        assert not errors, errors
        assert blocked == [], f"the offline deck tried to reach the network: {blocked}"
        assert all(u.startswith(("file:", "data:")) for u in requests), requests
    finally:
        page.context.close()


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_offline_deck_opens_from_disk(browser, offline_decks_dir, lesson):
    folder, _ = offline_decks_dir
    page, requests, blocked, errors = _open(browser, folder / f"{lesson.stem}.slides.html")
    try:
        assert page.evaluate("CrisisReveal.getTotalSlides()") >= 5
        text = page.evaluate("CrisisReveal.getCurrentSlide().innerText")
        assert f"Lesson {int(lesson.name[:2])}:" in text
        # Reveal.js, its theme and fonts came from disk: the theme's font is applied.
        font = page.evaluate("getComputedStyle(document.querySelector('.reveal')).fontFamily")
        assert "Source Sans Pro" in font
        # Jump to the quiz and check its static HTML shows.
        bank = LESSON_BANKS[int(lesson.name[:2])]
        found = page.evaluate(f"""(() => {{
            const el = document.querySelector('[data-bank="{bank}"] .quiz-question');
            if (!el) return null;
            let s = el.closest('section');
            const idx = CrisisReveal.getIndices(s);
            CrisisReveal.slide(idx.h, idx.v);
            return el.id; }})()""")
        assert found, f"no quiz for bank {bank}"
        page.wait_for_timeout(900)
        assert page.locator(f"#{found} .quiz-prompt").is_visible()
        assert not errors, errors
        assert blocked == [], blocked
    finally:
        page.context.close()


def test_speaker_view_opens_offline_with_the_notes(browser, offline_decks_dir):
    """Pressing S opens reveal.js's speaker view (the local notes plugin) with the section's notes."""
    folder, _ = offline_decks_dir
    lesson = _quiz_lesson()
    page, requests, blocked, errors = _open(browser, folder / f"{lesson.stem}.slides.html")
    try:
        page.evaluate("CrisisReveal.slide(2, 0)")
        notes = page.evaluate("CrisisReveal.getSlideNotes()")
        assert notes, "the slide of section 1 has no speaker notes"
        with page.context.expect_page() as popup:
            page.keyboard.press("s")
        speaker = popup.value
        speaker.wait_for_selector(".speaker-controls-notes .value", state="attached", timeout=10000)
        speaker.wait_for_function(
            "document.querySelector('.speaker-controls-notes .value').innerText.trim().length > 20",
            timeout=10000)
        text = speaker.inner_text(".speaker-controls-notes .value")
        screenshot(speaker, f"{lesson.stem}-speaker-view")
        assert text.split()[0] in notes
        assert blocked == [] and not errors, (blocked, errors)
    finally:
        page.context.close()


def test_print_view_puts_one_slide_on_each_page(browser, offline_decks_dir):
    """reveal.js's print layout (the deck's URL + ?print-pdf, then the browser's Print to PDF), the way
    an instructor prints a deck: on the presenter cut, whose slides fit one screen, a page is one
    slide tall (two for a slide that shows more when printed). The course's 100% slide height inside a vertical stack made each page as tall as
    its whole stack, doubling page after page (a 33,554,432-px document of blank pages, which
    Chromium takes minutes to print)."""
    import test_export

    deck = test_export.presenter_decks_offline() / f"{_quiz_lesson().stem}.presenter.slides.html"
    page, _, blocked, errors = _open(browser, deck, "?print-pdf")
    try:
        page.wait_for_function("document.querySelectorAll('.reveal .pdf-page').length > 0", timeout=20000)
        pages = page.evaluate("""[...document.querySelectorAll('.reveal .pdf-page')]
                                 .map(p => p.getBoundingClientRect().height)""")
        slides = page.evaluate("document.querySelectorAll('.reveal .slides section:not(.stack)').length")
        tallest, total = max(pages), page.evaluate("document.body.scrollHeight")
        assert len(pages) == slides, f"{slides} slides on {len(pages)} pages"
        # reveal gives a slide taller than a page whole pages: only the matching question with its
        # answer shown (a list under the pairs) takes two
        base = min(pages)
        assert tallest <= 2.05 * base, f"pages from {base:.0f} to {tallest:.0f} px tall"
        assert sum(h > 1.05 * base for h in pages) <= len(pages) / 10, f"page heights: {pages}"
        assert total <= 1.05 * sum(pages), f"a {total}-px document for {len(pages)} pages of {sum(pages):.0f} px"
        assert not errors and blocked == [], (errors, blocked)
    finally:
        page.context.close()
