"""The live quiz and the explorers for every student, in JupyterLab itself (issue 15).

- dark: JupyterLab Light and JupyterLab Dark, each started by ``scripts/open-course`` on a COPY of the
  course with the theme set in a private settings folder. A check notebook shows a quiz with one
  question of every type and the three explorers; lesson 0 is opened and run too. Their text takes
  the theme's colours, and axe-core finds no serious or critical violation in the live outputs
  (after wrong answers, a hint and a revealed answer, so the feedback boxes are checked too).
- keyboard: one question of every type answered with Tab, Shift+Tab, arrows, Space and Enter
  only; the feedback is read from the question's live region, which stays the same element
  across updates; every focused control shows a focus ring; leaving a text box is not an attempt.
- phone: handouts, offline decks and static quizzes at 375x667: no horizontal scrolling, decks
  scaled to the screen; screenshots in test-artifacts/browser/.

``pytest -k "dark or keyboard or phone"`` selects these tests.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from browser_support import (
    ALL_RUN_JS,
    LabServer,
    axe_script,
    block_outside,
    chromium_or_skip,
    error_outputs,
    launch,
    menu,
    open_notebook,
    screenshot,
    shutdown_kernels,
    temp_dir,
    wait_kernel_idle,
)
from conftest import REPO

SERIOUS = {"serious", "critical"}
BANK = "nato"
CHECK_NB = "lessons/zz_live_check.ipynb"
THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}
NB = ".jp-NotebookPanel:not(.lm-mod-hidden)"


# ----------------------------------------------------------------------------- helpers

def _questions_of_every_type():
    """One question of each of the seven types from the NATO bank (it has them all)."""
    from crisis_course.quiz import Quiz

    quiz = Quiz(BANK, progress=False, instructor=False, shuffle_options=False)
    chosen = {}
    for q in quiz.questions:
        chosen.setdefault(q.type, q)
    assert set(chosen) == {"single", "multiple", "true_false", "numeric", "ordering", "matching", "text"}, \
        f"the {BANK} bank no longer has a question of every type: {sorted(chosen)}"
    return chosen


def _check_notebook(ids: list[str]) -> dict:
    def code(i, src):
        return {"cell_type": "code", "id": f"c{i}", "metadata": {}, "execution_count": None, "outputs": [],
                "source": src}
    cells = [
        code(0, "from crisis_course.quiz import Quiz\n"
                f"quiz = Quiz({BANK!r}, questions={ids!r}, shuffle_options=False)\nquiz"),
        code(1, "from crisis_course import energy\nenergy.dependence_explorer()"),
        code(2, "from crisis_course import bargaining\nbargaining.explorer()"),
        code(3, "from crisis_course import maps\nmaps.nato_slider()"),
    ]
    return {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                        "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def _course_copy(dest: Path, ids: list[str]) -> Path:
    """A copy of the course (not .git, .venv, builds) with the project's .venv linked in, so that
    JupyterLab never writes into the repository, plus the check notebook."""
    skip = {".git", ".venv", "build", "test-artifacts", "node_modules", "__pycache__", ".ipynb_checkpoints",
            ".pytest_cache"}
    shutil.copytree(REPO, dest, ignore=lambda _d, names: [n for n in names if n in skip], symlinks=True)
    (dest / ".venv").symlink_to(REPO / ".venv")
    (dest / CHECK_NB).write_text(json.dumps(_check_notebook(ids), indent=1), encoding="utf-8")
    return dest


class _Lab:
    def __init__(self, theme: str, root: Path, sync_api):
        self.theme, self.root, self.sync_api = theme, root, sync_api

    def __enter__(self):
        progress = str(temp_dir("live-a11y-progress-"))
        self.server = LabServer(progress, root=self.root, theme=self.theme).__enter__()
        self._pw_cm = self.sync_api.sync_playwright()
        self.pw = self._pw_cm.__enter__()
        self.browser = launch(self.pw)
        # 1280 px wide with the file browser open: the width at which long options used to be cut
        self.context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        self.blocked = block_outside(self.context, (self.server.url + "/",))
        return self

    def __exit__(self, *exc):
        try:
            self.context.close()
            self.browser.close()
            self._pw_cm.__exit__(*exc)
        finally:
            self.server.__exit__(*exc)


@pytest.fixture(scope="module")
def every_type():
    return _questions_of_every_type()


@pytest.fixture(scope="module")
def course(tmp_path_factory, every_type):
    return _course_copy(tmp_path_factory.mktemp("course") / "course", [q.id for q in every_type.values()])


STARTED_JS = r"""() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]
                        .some(p => /\[(\d+|\*)\]/.test(p.textContent))"""


def _run_all(page):
    """Run > Run All Cells; once more if the first click came before the notebook was ready."""
    for attempt in range(3):
        # a late "Select Kernel" dialog (a busy machine) would block the menu: accept its proposal
        dialog = page.locator(".jp-Dialog")
        if dialog.count() and dialog.first.is_visible():
            print("dialog:", dialog.first.inner_text()[:200])
            dialog.first.locator("button.jp-mod-accept").click()
            wait_kernel_idle(page, 60_000)
        menu(page, "Run", "Run All Cells")
        try:
            page.wait_for_function(STARTED_JS, timeout=20_000)
            break
        except Exception:
            if attempt == 2:
                raise
    page.wait_for_function(ALL_RUN_JS, timeout=180_000)
    wait_kernel_idle(page, 180_000)


def _open_check_notebook(page, lab: _Lab):
    open_notebook(page, lab.server, CHECK_NB)
    _run_all(page)
    page.locator(f"{NB} .crisis-quiz-live").first.wait_for(timeout=30_000)
    errors = error_outputs(page)
    assert errors == [], errors


def _box(page, q):
    return page.locator(f"{NB} .crisis-quiz-question", has_text=q.prompt.replace("**", "")[:40]).first


def _feedback(box) -> str:
    return box.locator(".cq-feedback .cq-live-region").inner_text()


def _axe_outputs(page, axe: str) -> list[dict]:
    """axe-core on every output of the open notebook (the live quiz and the explorers)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe)
    return page.evaluate(
        """async (sel) => {
             const r = await axe.run({include: [...document.querySelectorAll(sel)].map(e => e)},
                                     {resultTypes: ['violations']});
             return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
                                            html: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160))}));
           }""", f"{NB} .jp-OutputArea-output")


def _contrast(page, selector: str) -> list[dict]:
    """For each element: its text colour, its effective background, and their contrast ratio."""
    return page.eval_on_selector_all(selector, """els => els.map(el => {
        const rgb = s => { const m = s.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
        let bg = null, node = el;
        while (node && node.nodeType === 1) {
          const c = rgb(getComputedStyle(node).backgroundColor);
          if (c.a > 0.5) { bg = c; break; }
          node = node.parentElement;
        }
        bg = bg || {r: 255, g: 255, b: 255, a: 1};
        let fg = rgb(getComputedStyle(el).color);
        fg = {r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a)};
        const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                           return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
        const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
        return {text: el.textContent.trim().slice(0, 40), ratio: (l1 + 0.05) / (l2 + 0.05),
                bgLum: lum(bg), fgLum: lum(fg)};
      })""")


# ----------------------------------------------------------------------------- Python side (fast)

def test_keyboard_enter_in_a_text_box_checks_and_leaving_it_does_not(tmp_path, monkeypatch):
    """What the page sends: a "submit" message with the box's text on Enter; nothing on blur."""
    from crisis_course.quiz import Quiz

    monkeypatch.setenv("CRISIS_COURSE_PROGRESS_DIR", str(tmp_path))
    quiz = Quiz.from_bank("orientation", progress=False)
    for qid, wrong, right in [("orientation-lesson-count", "4", "5"), ("orientation-capital-spelling", "Moscow", "Kyiv")]:
        v = quiz.view(qid)
        assert v.feedback.enter_checks
        v.input.value = wrong              # typing (and leaving the box) syncs the value only
        assert v.attempts == 0 and v.feedback.value == ""
        v.feedback._handle_custom_msg({"event": "submit", "value": wrong}, [])   # Enter
        assert v.attempts == 1 and "✗ Not quite" in v.feedback.value
        # Enter carries the box's text: it wins over a value update that has not arrived yet
        v.input.value = right[:-1] if len(right) > 1 else "0"
        v.feedback._handle_custom_msg({"event": "submit", "value": right}, [])
        assert v.input.value == right and v.attempts == 2 and "✓ Correct" in v.feedback.value
    assert not quiz.view("orientation-article-date").feedback.enter_checks


def test_keyboard_disabled_show_answer_says_why():
    from crisis_course.quiz import Quiz

    quiz = Quiz.from_bank("orientation", progress=False)
    v = quiz.view("orientation-article-date")
    assert v.reveal_button.disabled
    assert "after" in v.reveal_button.tooltip.lower() and "after" in v.reveal_note.value
    assert v.reveal_note in v.buttons.children
    v.input.value = "2022-02-24"
    v.check_button.click()
    assert not v.reveal_button.disabled and v.reveal_note.value == ""
    assert v.reveal_button.tooltip == "Show the answer and explanation"
    v.reset()
    assert v.reveal_button.disabled and "after" in v.reveal_note.value


def test_dark_theme_styles_use_jupyterlab_variables_only():
    """No hard-coded text colour in the live quiz's HTML: colours come from the stylesheet, whose
    colours are JupyterLab variables (with fallbacks) and which has a forced-colors rule."""
    import re

    from crisis_course.quiz import Quiz
    from crisis_course.quiz.widgets import QUIZ_CSS
    from crisis_course.theme import EXPLORER_CSS

    quiz = Quiz(BANK, progress=False, instructor=False)
    for v in quiz.views:
        v.check()
        v.reveal(save=False)
        if v.hint_button is not None:
            v.hint_button.click()
        for html in (v.header.value, v.prompt.value, v.feedback.value, v.hint_html.value, v.reveal_note.value):
            assert "color:#" not in html.replace(" ", "") or "cq-box" in html and "color:#" not in \
                html.split("cq-box", 1)[0], html[:200]
    for html in (quiz.title_html.value, quiz.score_html.value):
        assert "color" not in html
    for css in (QUIZ_CSS, EXPLORER_CSS):
        assert "@media (forced-colors: active)" in css
        # every colour declaration uses a theme variable or a system colour (forced colours)
        for decl in re.findall(r"(?<![-\w])(color|background|border[-a-z]*|outline)\s*:\s*([^;}]+)", css):
            value = decl[1]
            if "#" in value or "rgb" in value:
                assert "var(--jp-" in value or value.strip() in {"#ffffff"}, decl
    assert "var(--jp-ui-font-color1" in QUIZ_CSS and "var(--jp-layout-color1" in QUIZ_CSS
    assert "var(--jp-error-color1" in QUIZ_CSS and "var(--jp-success-color1" in QUIZ_CSS


# ----------------------------------------------------------------------------- JupyterLab, both themes

@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_dark_and_light_theme_live_quiz_and_explorers_are_readable_and_axe_clean(course, every_type, theme):
    sync_api = chromium_or_skip()
    axe = axe_script()
    with _Lab(THEMES[theme], course, sync_api) as lab:
        page = lab.context.new_page()
        try:
            _open_check_notebook(page, lab)
            body = page.evaluate("({name: document.body.dataset.jpThemeName, light: document.body.dataset.jpThemeLight})")
            assert body["name"] == THEMES[theme], body
            assert body["light"] == ("true" if theme == "light" else "false"), body
            # feedback of every kind on screen: a wrong try, a revealed answer, a hint, an invalid answer
            single, numeric = every_type["single"], every_type["numeric"]
            box = _box(page, single)
            wrong = next(o for o in single.options if o != single.answer)
            box.locator("label", has_text=wrong[:30]).first.click()
            box.locator("button", has_text="Check").click()
            box.locator(".cq-feedback", has_text="Not quite").wait_for(timeout=15_000)
            box.locator("button", has_text="Show answer").click()
            box.locator(".cq-feedback", has_text="Answer").wait_for(timeout=15_000)
            nbox = _box(page, numeric)
            nbox.locator("input[type=text]").fill("lots")
            nbox.locator("button", has_text="Check").click()
            nbox.locator(".cq-feedback", has_text="Check your answer").wait_for(timeout=15_000)
            hinted = next((q for q in every_type.values() if q.hint), None)
            if hinted is not None:
                hbox = _box(page, hinted)
                hbox.locator("button", has_text="Hint").click()
                hbox.locator(".cq-hint-area", has_text="Hint").wait_for(timeout=15_000)
            page.wait_for_timeout(300)

            # the quiz's own text takes the theme's colours: dark on light, light on dark
            texts = _contrast(page, f"{NB} .crisis-quiz-live :is(.cq-title, .cq-meta, .cq-score, .cq-prompt, .cq-box, .cq-note)")
            assert len(texts) >= 10, texts
            low = [t for t in texts if t["ratio"] < 4.5]
            assert low == [], low
            if theme == "dark":
                assert all(t["fgLum"] > t["bgLum"] for t in texts), "dark theme: quiz text is not light on dark"
            else:
                assert all(t["fgLum"] < t["bgLum"] for t in texts), "light theme: quiz text is not dark on light"
            explorer_text = _contrast(page, f"{NB} .crisis-explorer-text p, {NB} .crisis-explorer-text figcaption")
            assert len(explorer_text) >= 3, explorer_text
            assert [t for t in explorer_text if t["ratio"] < 4.5] == []

            # long options are shown whole at 1280 px with the side panel open
            assert page.locator(".jp-FileBrowser").first.is_visible()
            match = _box(page, every_type["matching"])
            match.scroll_into_view_if_needed()
            for text in every_type["matching"].rights:
                item = match.locator(".cq-keys li", has_text=text[:50]).first
                assert item.is_visible()
                overflow = item.evaluate("e => e.scrollWidth > e.clientWidth + 1")
                assert not overflow, f"choice cut: {text[:60]}"
            for label in match.locator(".cq-choice .widget-label").all():
                assert not label.evaluate("e => e.scrollWidth > e.clientWidth + 1"), label.inner_text()
            screenshot(page, f"live-quiz-matching-{theme}")
            assert "after you check an answer" in _box(page, every_type["text"]).inner_text()

            bad = [v for v in _axe_outputs(page, axe) if v["impact"] in SERIOUS]
            assert bad == [], json.dumps(bad, indent=1)
            page.locator(f"{NB} .crisis-quiz-live").first.evaluate("el => el.scrollIntoView({block: 'start'})")
            screenshot(page, f"live-quiz-{theme}")
            page.locator(f"{NB} .crisis-explorer-text").first.evaluate("el => el.scrollIntoView({block: 'start'})")
            screenshot(page, f"live-explorer-{theme}")
            shutdown_kernels(page)

            # a real lesson: lesson 0 run in this theme, its quiz checked the same way
            open_notebook(page, lab.server, "lessons/00_orientation.ipynb")
            _run_all(page)
            assert error_outputs(page) == []
            page.locator(f"{NB} .crisis-quiz-live").first.wait_for(timeout=30_000)
            bad = [v for v in _axe_outputs(page, axe) if v["impact"] in SERIOUS]
            assert bad == [], json.dumps(bad, indent=1)
            page.locator(f"{NB} .crisis-quiz-live").first.evaluate("el => el.scrollIntoView({block: 'start'})")
            screenshot(page, f"lesson00-quiz-{theme}")
            assert lab.blocked == [], lab.blocked[:5]
        except Exception:
            screenshot(page, f"live-a11y-{theme}-FAILED")
            raise
        finally:
            shutdown_kernels(page)


# ----------------------------------------------------------------------------- keyboard only

FOCUS_JS = """() => { const el = document.activeElement; const cs = getComputedStyle(el);
  return {tag: el.tagName, type: el.type || '', inQuiz: !!el.closest('.crisis-quiz-live'),
          question: (el.closest('.crisis-quiz-question') || {}).innerText || '',
          label: (el.innerText || el.value || '').slice(0, 40), checked: !!el.checked,
          labelText: ((el.closest('label') || {}).innerText || '').trim(),
          outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth) || 0, shadow: cs.boxShadow}; }"""


class _Keys:
    """Drives the page with the keyboard only and checks the focus ring at every stop."""

    def __init__(self, page):
        self.page = page
        self.stops = 0

    def focus(self) -> dict:
        f = self.page.evaluate(FOCUS_JS)
        if f["inQuiz"]:
            self.stops += 1
            assert f["outline"] != "none" and f["width"] >= 2 or f["shadow"] not in ("none", ""), \
                f"no visible focus indicator on {f}"
        return f

    def press(self, key: str) -> dict:
        self.page.keyboard.press(key)
        self.page.wait_for_timeout(60)
        return self.focus()

    def tab_to(self, matches, limit: int = 40, key: str = "Tab") -> dict:
        for _ in range(limit):
            f = self.press(key)
            if matches(f):
                return f
        raise AssertionError(f"{key} never reached the control (last focus: {f})")


def _in(q):
    head = q.prompt.replace("**", "")[:30]
    return lambda f, tag=None: head in f["question"]


@pytest.mark.browser
@pytest.mark.slow
def test_keyboard_only_answers_every_question_type(course, every_type):
    sync_api = chromium_or_skip()
    with _Lab(THEMES["light"], course, sync_api) as lab:
        page = lab.context.new_page()
        keys = _Keys(page)
        try:
            _open_check_notebook(page, lab)
            quiz = page.locator(f"{NB} .crisis-quiz-live").first
            quiz.evaluate("el => el.scrollIntoView({block: 'start'})")
            # the one non-keyboard step: put the focus just before the quiz (as tabbing from the cell would)
            quiz.evaluate("el => { el.setAttribute('tabindex', '-1'); el.focus(); }")
            order = [q for q in every_type.values()]
            # the order the questions appear in the page
            order.sort(key=lambda q: _box(page, q).evaluate("e => e.getBoundingClientRect().top"))
            live_handles = {}
            for q in order:
                box = _box(page, q)
                region = box.locator(".cq-feedback .cq-live-region")
                assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
                live_handles[q.id] = region.element_handle()
                region.evaluate("el => { el.dataset.probe = 'same-element'; }")
                inside = _in(q)
                if q.type in ("single", "true_false"):
                    options = list(q.options) if q.type == "single" else ["True", "False"]
                    target = q.answer if q.type == "single" else ("True" if q.answer else "False")
                    assert target in options
                    # each option is a tab stop (ipywidgets radios); Space selects the focused one
                    keys.tab_to(lambda f: inside(f) and f["type"] == "radio" and f["labelText"] == target)
                    f = keys.press("Space")
                    assert f["checked"], f
                elif q.type == "multiple":
                    for opt in q.options:
                        f = keys.tab_to(lambda f: inside(f) and f["type"] == "checkbox")
                        current = page.evaluate("() => document.activeElement.closest('.widget-checkbox').innerText")
                        if current.strip() in q.answer:
                            keys.press("Space")
                elif q.type in ("numeric", "text"):
                    f = keys.tab_to(lambda f: inside(f) and f["type"] == "text")
                    page.keyboard.type("12345" if q.type == "numeric" else "nonsense")
                    keys.press("Tab")                         # leaving the box is not an attempt
                    page.wait_for_timeout(800)
                    assert region.inner_text().strip() == "", "leaving the text box counted as an attempt"
                    keys.press("Shift+Tab")
                    keys.press("Enter")                       # Enter checks: a wrong answer first
                    page.wait_for_function("el => el.textContent.includes('Not quite') || el.textContent.includes('Check your')",
                                           arg=region.element_handle(), timeout=15_000)
                    page.keyboard.press("Control+A")
                    page.keyboard.type(str(q.correct_answer()))
                    keys.press("Enter")
                    page.wait_for_function("el => el.textContent.includes('Correct')", arg=region.element_handle(),
                                           timeout=15_000)
                elif q.type in ("ordering", "matching"):
                    if q.type == "ordering":
                        shown, wanted = q.display_items(), list(q.items)
                    else:
                        shown, wanted = q.display_rights(), [dict(q.pairs)[left] for left in q.lefts]
                    for want in wanted:
                        keys.tab_to(lambda f: inside(f) and f["tag"] == "SELECT")
                        key = chr(ord("A") + shown.index(want))
                        for _ in range(shown.index(want) + 1):
                            keys.press("ArrowDown")           # from no choice: A, then B, ...
                        chosen = page.evaluate("() => document.activeElement.selectedOptions[0]?.textContent")
                        assert chosen == key, (q.type, want, chosen)
                if q.type not in ("numeric", "text"):
                    keys.tab_to(lambda f: inside(f) and f["tag"] == "BUTTON" and "Check" in f["label"])
                    keys.press("Enter")
                    page.wait_for_function("el => el.textContent.includes('Correct') || el.textContent.includes('Not quite')",
                                           arg=region.element_handle(), timeout=15_000)
                text = region.inner_text()
                assert "✓ Correct" in text, f"{q.type}: {text[:300]}"
                # the live region is the element that was there before the first answer
                assert region.evaluate("el => el.dataset.probe") == "same-element"
                assert live_handles[q.id].evaluate("el => el.isConnected && el.textContent.includes('Correct')")
            assert keys.stops >= 20
            score = quiz.inner_text()
            assert f"{len(order)} / {len(order)} correct" in score, score[:300]
            screenshot(page, "live-quiz-keyboard")
            # high-contrast (forced colours): the quiz's own rule applies (system colours, wider marks)
            page.emulate_media(forced_colors="active")
            assert page.evaluate("() => matchMedia('(forced-colors: active)').matches")
            mark = quiz.locator(".cq-feedback .cq-box").first.evaluate("e => getComputedStyle(e).borderLeftWidth")
            assert mark == "6px", mark
            screenshot(page, "live-quiz-forced-colors")
            page.emulate_media(forced_colors="none")
            assert lab.blocked == [], lab.blocked[:5]
        except Exception:
            screenshot(page, "live-quiz-keyboard-FAILED")
            raise
        finally:
            shutdown_kernels(page)


# ----------------------------------------------------------------------------- phone width

PHONE = {"viewport": {"width": 375, "height": 667}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
#: the page scrolls sideways (a wide table or figure inside its own scroll box is fine)
H_SCROLL_JS = "() => ({inner: window.innerWidth, scroll: document.documentElement.scrollWidth, " \
              "body: document.body.scrollWidth})"
#: the widest elements that stick out of the screen on the right (for the failure message)
STICKING_OUT_JS = """() => [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect(); return r.width > 0 && r.right > window.innerWidth + 1;
  }).slice(0, 5).map(e => e.tagName + '.' + (e.className || '').toString().slice(0, 40) + ' ' +
                       Math.round(e.getBoundingClientRect().right))"""


def _no_sideways_scroll(page, what: str, phone_layout: bool = True):
    """No sideways scrolling; with ``phone_layout``, the page is also laid out for the phone's width
    (a viewport meta tag), not shrunk from a desktop width."""
    m = page.evaluate(H_SCROLL_JS)
    if phone_layout:
        assert m["inner"] <= 380, f"{what}: laid out {m['inner']} px wide on a 375 px phone (no viewport meta?)"
    assert m["scroll"] <= m["inner"] + 1 and m["body"] <= m["inner"] + 1, \
        f"{what}: scrolls sideways at 375 px ({m}); sticking out: {page.evaluate(STICKING_OUT_JS)}"


@pytest.fixture(scope="module")
def phone_page():
    sync_api = chromium_or_skip()
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(**PHONE)
        blocked = block_outside(context, ("file://",))
        page = context.new_page()
        yield page, blocked
        browser.close()


@pytest.mark.browser
def test_phone_static_quiz_fits_375_px(phone_page, tmp_path):
    from crisis_course.quiz import bank_names, bank_to_html

    page, blocked = phone_page
    for name in bank_names():
        f = tmp_path / f"{name}.html"
        f.write_text("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
                     "<meta name='viewport' content='width=device-width, initial-scale=1'><title>Quiz</title></head>"
                     f"<body><main>{bank_to_html(name)}</main></body></html>", encoding="utf-8")
        page.goto(f.as_uri())
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        _no_sideways_scroll(page, f"static quiz {name}")
        if name == "nato":
            screenshot(page, "phone-static-quiz-nato")
    assert blocked == [], blocked[:5]


@pytest.fixture(scope="module")
def phone_handouts():
    import test_export

    # written once per run, shared with test_accessibility.py (and across pytest-xdist workers)
    return sorted(test_export.handouts_without_pdf().glob("*.html"))


@pytest.mark.browser
@pytest.mark.slow
def test_phone_handouts_do_not_scroll_sideways(phone_page, phone_handouts):
    page, blocked = phone_page
    assert len(phone_handouts) >= 9
    for path in phone_handouts:
        page.goto(path.as_uri())
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        _no_sideways_scroll(page, f"handout {path.name}")
        # text stays readable: not shrunk to fit
        size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.jp-RenderedMarkdown p')"
                             " || document.body).fontSize)")
        assert size >= 14, f"{path.name}: body text {size}px at phone width"
        screenshot(page, f"phone-handout-{path.stem}")
        quiz = page.locator(".crisis-quiz").first
        if quiz.count():
            quiz.scroll_into_view_if_needed()
            screenshot(page, f"phone-handout-{path.stem}-quiz")
    assert blocked == [], blocked[:5]


@pytest.mark.browser
@pytest.mark.slow
def test_phone_offline_decks_scale_to_the_screen(phone_page, offline_decks_dir):
    from test_accessibility import LEAF_SLIDES_JS

    page, blocked = phone_page
    folder, _ = offline_decks_dir
    decks = sorted(folder.glob("*.slides.html"))
    assert decks
    scales = []
    for deck in decks:
        page.goto(deck.as_uri())
        page.wait_for_function("() => window.CrisisReveal && CrisisReveal.isReady()", timeout=30_000)
        page.evaluate("CrisisReveal.configure({transition: 'none', backgroundTransition: 'none'})")
        # reveal.js decks have no viewport meta (nbconvert's template): the phone lays the page out at
        # about 980 px and shows it zoomed to the screen's width; reveal.js scales each slide to fit
        # that page. What is on screen: the slide at (reveal's scale x 375 / layout width).
        m = page.evaluate(H_SCROLL_JS)
        scale = page.evaluate("CrisisReveal.getScale()") * 375 / m["inner"]
        assert 0.2 < scale < 1, f"{deck.name}: the deck is not scaled to the phone (scale {scale:.2f})"
        scales.append(scale)
        count = page.evaluate(LEAF_SLIDES_JS + ".length")
        for i in range(count):
            page.evaluate(f"""(() => {{ const s = {LEAF_SLIDES_JS}[{i}];
                                        const idx = CrisisReveal.getIndices(s); CrisisReveal.slide(idx.h, idx.v, 99); }})()""")
            box = page.evaluate("""() => { const r = document.querySelector('.reveal .slides section.present')
                                                   .getBoundingClientRect();
                                          return {left: r.left, right: r.right, inner: window.innerWidth}; }""")
            assert box["left"] >= -1 and box["right"] <= box["inner"] + 1, f"{deck.name} slide {i}: {box}"
            _no_sideways_scroll(page, f"{deck.name} slide {i}", phone_layout=False)
            if i in (0, count - 1):
                screenshot(page, f"phone-deck-{deck.name.split('.')[0]}-{i}")
    print(f"decks at 375 px: slides shown at {min(scales):.2f}-{max(scales):.2f} of their size")
    assert blocked == [], blocked[:5]
