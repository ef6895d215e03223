"""The student experience in a real browser: JupyterLab (started by the README's first command, as
written, on a temporary copy of the course) driven with Debian's Chromium through Playwright, with every request outside the local server blocked.

For every lesson: open it, run all cells, find no error output, see its figures and its quiz, and
save a screenshot under test-artifacts/browser/. For a quiz: answer one question right and one wrong
through the page, read the feedback, restart the kernel, and find the saved progress again.

JupyterLab's front end is loaded ONCE for the module (one page): each lesson is opened in it through
JupyterLab's own File > Open from Path…, in a kernel of its own, and closed with File > Close and
Shut Down Notebook… before the next one, as a student moving from lesson to lesson would (a new
page per lesson loaded the whole front end nine more times). Lesson 0 runs last and the quiz test
continues in it, instead of opening and running it once more.
"""
from __future__ import annotations

import time

import pytest
from browser_support import (
    LabServer,
    accept_kernel_dialog,
    block_outside,
    chromium_or_skip,
    error_outputs,
    launch,
    menu,
    restart_kernel,
    run_all,
    screenshot,
    shutdown_kernels,
    temp_dir,
    wait_kernel_idle,
)
from conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSONS = sorted((REPO / "lessons").glob("*.ipynb"))
QUIZ_LESSON = "lessons/00_orientation.ipynb"
#: lesson 0 is run last, so the quiz test after it continues in lesson 0 as that test left it
#: (opened, run top to bottom, no answer given) instead of opening and running it again
ORDER = sorted(LESSONS, key=lambda p: p.relative_to(REPO).as_posix() == QUIZ_LESSON)
VISIBLE = ".jp-NotebookPanel:not(.lm-mod-hidden)"
#: the notebook the last lesson test left open and fully run, with no error (else None)
_LEFT_RUN: dict = {"path": None}


@pytest.fixture(scope="module")
def lab():
    sync_api = chromium_or_skip()
    progress = str(temp_dir("browser-progress-"))
    with LabServer(progress) as server, sync_api.sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        blocked = block_outside(context, (server.url + "/",))
        yield server, context, blocked, progress
        context.close()
        browser.close()


def _load_lab(page, server, timeout: float = 120_000) -> None:
    """JupyterLab's front end in a fresh layout (no notebook open)."""
    page.goto(f"{server.url}/lab?reset&token={server.token}")
    page.wait_for_selector("#jp-main-dock-panel", timeout=timeout)
    page.locator(".lm-MenuBar-itemLabel", has_text="File").first.wait_for(timeout=timeout)


@pytest.fixture(scope="module")
def lab_page(lab):
    """One page with JupyterLab loaded, shared by the module's tests."""
    server, context, _, _ = lab
    page = context.new_page()
    _load_lab(page, server)
    yield page
    shutdown_kernels(page)
    page.close()


def _auth(server) -> dict:
    return {"Authorization": f"token {server.token}"}


def _sessions(page, server) -> list[dict]:
    return page.request.get(f"{server.url}/api/sessions", headers=_auth(server)).json()


def close_notebooks(page, server, timeout: float = 60.0) -> None:
    """Close every open notebook with File > Close and Shut Down Notebook… (accepting its question)
    and wait until the server has no kernel left. If the page is in a state where that does not
    work (a test failed half-way, a dialog left open), shut the kernels down through the server's
    API and load JupyterLab again, so the next test starts clean."""
    try:
        deadline = time.time() + timeout
        while (open_panels := page.locator(".jp-NotebookPanel").count()):
            if time.time() > deadline:
                raise RuntimeError("notebooks still open")
            if page.locator(".jp-Dialog").count():
                page.keyboard.press("Escape")
            menu(page, "File", "Close and Shut Down Notebook…")
            dialog = page.locator(".jp-Dialog", has_text="Shut down the notebook")
            dialog.wait_for(timeout=15_000)
            dialog.locator("button.jp-mod-accept").click()
            dialog.wait_for(state="detached", timeout=15_000)
            # the panel goes after the dialog: wait for fewer panels than before the click (counted
            # after it, the wait passed at once and the loop asked to close a notebook no longer
            # there, waiting out its 15 s and 30 s timeouts, then reloading JupyterLab)
            page.wait_for_function("n => document.querySelectorAll('.jp-NotebookPanel').length < n",
                                   arg=open_panels, timeout=30_000)
        while _sessions(page, server) or page.request.get(f"{server.url}/api/kernels", headers=_auth(server)).json():
            if time.time() > deadline:
                raise RuntimeError("kernels still running")
            time.sleep(0.3)
    except Exception as exc:  # noqa: BLE001 - fall back to a fresh front end; the test's own checks decide
        # said, not silent: a fallback that hid a 30 s stall per lesson once went unnoticed
        print(f"close_notebooks: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}; "
              "shutting the kernels down and reloading JupyterLab")
        shutdown_kernels(page)
        _load_lab(page, server)


def open_in_lab(page, server, relpath: str, timeout: float = 60_000) -> None:
    """Open ``relpath`` in the JupyterLab page through File > Open from Path…, and wait until its
    tab is the current one, the server has started its kernel (accepting JupyterLab's kernel
    question whenever it comes) and the kernel is idle."""
    name = relpath.rsplit("/", 1)[-1]
    menu(page, "File", "Open from Path…")
    dialog = page.locator(".jp-Dialog")
    dialog.locator("input").fill(relpath)
    dialog.locator("button.jp-mod-accept").click()
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel",
                 has_text=name).wait_for(timeout=timeout)
    page.wait_for_selector(f"{VISIBLE} .jp-Cell", timeout=timeout)
    deadline = time.time() + timeout / 1000
    while not any(s.get("path") == relpath and s.get("kernel") for s in _sessions(page, server)):
        accept_kernel_dialog(page, 500)
        if time.time() > deadline:
            raise RuntimeError(f"JupyterLab started no kernel for {relpath} within {timeout / 1000:.0f} s")
        time.sleep(0.3)
    wait_kernel_idle(page, timeout)


@pytest.mark.parametrize("path", ORDER, ids=[p.stem for p in ORDER])
def test_lesson_runs_in_jupyterlab(lab, lab_page, path):
    server, _, blocked, _ = lab
    page = lab_page
    rel = path.relative_to(REPO).as_posix()
    _LEFT_RUN["path"] = None
    close_notebooks(page, server)  # the previous lesson, and its kernel
    try:
        open_in_lab(page, server, rel)
        assert page.locator(".jp-NotebookPanel").count() == 1, "another notebook is still open"
        run_all(page)
        errors = error_outputs(page)
        assert errors == [], f"{rel}: error output in the browser:\n" + "\n---\n".join(e[:1500] for e in errors)
        images = page.eval_on_selector_all(
            f"{VISIBLE} .jp-OutputArea-output img",
            "els => els.map(e => ({w: e.naturalWidth, alt: e.getAttribute('alt') || ''}))")
        assert images, f"{rel}: no figure was rendered"
        assert all(i["w"] > 0 for i in images), f"{rel}: a figure failed to load"
        assert any(i["alt"].strip() for i in images), f"{rel}: no figure carries a text description"
        quiz = page.locator(f"{VISIBLE} .crisis-quiz")
        assert quiz.count() >= 1, f"{rel}: no live quiz widget rendered"
        quiz.first.evaluate("el => el.scrollIntoView({block: 'start'})")
        screenshot(page, path.stem)
        assert blocked == [], f"requests outside the local server were attempted: {blocked[:5]}"
        _LEFT_RUN["path"] = rel
    except Exception:
        screenshot(page, f"{path.stem}-FAILED")
        raise


def test_jupyterlab_serves_a_copy_of_the_course_not_the_working_tree(lab):
    """A busy machine or a failed test can never leave a tracked notebook modified: every file
    JupyterLab writes lands in a temporary copy."""
    import json
    import urllib.request

    server = lab[0]
    assert server.root.resolve() != REPO.resolve()
    assert sorted(p.name for p in (server.root / "lessons").glob("*.ipynb")) == [p.name for p in LESSONS]
    probe = "lessons/_written_by_jupyterlab_probe.txt"
    req = urllib.request.Request(f"{server.url}/api/contents/{probe}?token={server.token}", method="PUT",
                                 data=json.dumps({"type": "file", "format": "text", "content": "x"}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        assert r.status in (200, 201)
    assert (server.root / probe).is_file()
    assert not (REPO / probe).exists()
    (server.root / probe).unlink()


def _question_box(page, prompt_text: str):
    return page.locator(".crisis-quiz-question", has_text=prompt_text).first


def test_quiz_feedback_and_saved_progress_survive_a_restart(lab, lab_page):
    """Answer one question right and one wrong through the page; restart; the answers are back."""
    from crisis_course.quiz import Quiz

    server, _, blocked, _ = lab
    page = lab_page
    rel = QUIZ_LESSON
    if not (REPO / rel).exists():
        pytest.fail("lesson 0 is missing")
    quiz = Quiz.from_bank("orientation", progress=False)
    single = next(q for q in quiz.questions if q.type == "single")
    text_q = next(q for q in quiz.questions if q.type == "text")
    # lesson 0 as its lesson test left it (run top to bottom in this page, nothing answered), or anew
    reuse = _LEFT_RUN["path"] == rel and page.locator(".jp-NotebookPanel").count() == 1 and \
        any(s.get("path") == rel and s.get("kernel") for s in _sessions(page, server))
    _LEFT_RUN["path"] = None
    try:
        if not reuse:
            close_notebooks(page, server)
            open_in_lab(page, server, rel)
            run_all(page)
        wait_kernel_idle(page)
        box = _question_box(page, single.prompt.replace("**", "")[:40])
        box.scroll_into_view_if_needed()
        box.locator("label", has_text=single.answer).first.click()
        box.locator("button", has_text="Check").click()
        box.locator("text=✓ Correct").wait_for(timeout=10_000)

        tbox = _question_box(page, text_q.prompt[:30])
        tbox.scroll_into_view_if_needed()
        tbox.locator("input[type=text]").fill("Moscow")
        tbox.locator("button", has_text="Check").click()
        tbox.locator("text=✗ Not quite").wait_for(timeout=10_000)
        assert tbox.locator("button", has_text="Show answer").is_enabled()
        screenshot(page, "quiz-feedback")

        restart_kernel(page)
        run_all(page)
        box = _question_box(page, single.prompt.replace("**", "")[:40])
        box.locator("text=✓ Correct").wait_for(timeout=10_000)
        tbox = _question_box(page, text_q.prompt[:30])
        assert tbox.locator("input[type=text]").input_value() == "Moscow"
        page.locator(".crisis-quiz").first.evaluate("el => el.scrollIntoView({block: 'start'})")
        score = page.locator(".crisis-quiz").first.inner_text()
        assert f"1 / {len(quiz.questions)} correct" in score
        screenshot(page, "quiz-after-restart")
        assert blocked == []
    except Exception:
        screenshot(page, "quiz-FAILED")
        raise
    finally:
        close_notebooks(page, server)
