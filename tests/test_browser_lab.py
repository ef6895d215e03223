"""The student experience in a real browser: JupyterLab (started by the README's first command, as
written, on a temporary copy of the course) driven with Debian's Chromium through Playwright, with every request outside the local server blocked.

For every lesson: open it, run all cells, find no error output, see its figures and its quiz, and
save a screenshot under test-artifacts/browser/. For a quiz: answer one question right and one wrong
through the page, read the feedback, restart the kernel, and find the saved progress again.
"""
from __future__ import annotations

import pytest
from browser_support import (
    LabServer,
    block_outside,
    chromium_or_skip,
    error_outputs,
    launch,
    open_notebook,
    restart_kernel,
    run_all,
    screenshot,
    shutdown_kernels,
    temp_dir,
)
from conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSONS = sorted((REPO / "lessons").glob("*.ipynb"))


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


@pytest.fixture
def page(lab):
    _, context, _, _ = lab
    page = context.new_page()
    yield page
    page.close()


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_runs_in_jupyterlab(lab, page, path):
    server, _, blocked, _ = lab
    rel = path.relative_to(REPO).as_posix()
    try:
        open_notebook(page, server, rel)
        run_all(page)
        errors = error_outputs(page)
        assert errors == [], f"{rel}: error output in the browser:\n" + "\n---\n".join(e[:1500] for e in errors)
        images = page.eval_on_selector_all(
            ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img",
            "els => els.map(e => ({w: e.naturalWidth, alt: e.getAttribute('alt') || ''}))")
        assert images, f"{rel}: no figure was rendered"
        assert all(i["w"] > 0 for i in images), f"{rel}: a figure failed to load"
        assert any(i["alt"].strip() for i in images), f"{rel}: no figure carries a text description"
        quiz = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .crisis-quiz")
        assert quiz.count() >= 1, f"{rel}: no live quiz widget rendered"
        quiz.first.evaluate("el => el.scrollIntoView({block: 'start'})")
        screenshot(page, path.stem)
        assert blocked == [], f"requests outside the local server were attempted: {blocked[:5]}"
    except Exception:
        screenshot(page, f"{path.stem}-FAILED")
        raise
    finally:
        shutdown_kernels(page)


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


def test_quiz_feedback_and_saved_progress_survive_a_restart(lab, page):
    """Answer one question right and one wrong through the page; restart; the answers are back."""
    from crisis_course.quiz import Quiz

    server, _, blocked, _ = lab
    rel = "lessons/00_orientation.ipynb"
    if not (REPO / rel).exists():
        pytest.fail("lesson 0 is missing")
    quiz = Quiz.from_bank("orientation", progress=False)
    single = next(q for q in quiz.questions if q.type == "single")
    text_q = next(q for q in quiz.questions if q.type == "text")
    try:
        open_notebook(page, server, rel)
        run_all(page)
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
        shutdown_kernels(page)
