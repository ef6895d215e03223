"""Saved progress: persists across restarts, atomic writes, corrupted files, concurrent saves."""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import warnings
from pathlib import Path

import progress_support
import pytest

from crisis_course.quiz import ProgressStore, ProgressWarning, Quiz, progress_path, reset_progress

progress_dir = progress_support.progress_dir   # autouse: every test gets an empty progress folder
read = progress_support.read


def test_default_location_is_platformdirs(monkeypatch):
    import platformdirs

    monkeypatch.delenv("CRISIS_COURSE_PROGRESS_DIR")
    assert progress_path() == Path(platformdirs.user_data_dir("crisis-course", appauthor=False)) / "progress.json"


def test_env_var_overrides_location(progress_dir):
    assert progress_path() == progress_dir / "progress.json"


def test_answers_are_saved_with_the_documented_shape(progress_dir):
    quiz = Quiz.from_bank("orientation")
    v = quiz.view("orientation-article-date")
    v.input.value = "2022-02-24"
    v.check_button.click()
    v.input.value = "2021-12-07"
    v.check_button.click()
    data = read(progress_dir / "progress.json")
    assert data["version"] == 2 and data["format"] == "crisis-course-progress"
    entry = data["banks"]["orientation"]["orientation-article-date"]
    assert entry["correct"] is True and entry["answer"] == "2021-12-07" and entry["attempts"] == 2
    assert entry["updated"].startswith("20") and "T" in entry["updated"]


def test_invalid_answers_are_not_saved(progress_dir):
    quiz = Quiz.from_bank("orientation")
    v = quiz.view("orientation-lesson-count")
    v.input.value = "forty"
    v.check_button.click()
    assert not (progress_dir / "progress.json").exists()


def answer_everything(quiz: Quiz):
    """Answer each question through its widgets: wrong for the first, right for the others."""
    for i, v in enumerate(quiz.views):
        q = v.question
        if i == 0:
            quiz.answer(q.id, [o for o in q.options if o != q.answer][0])
        else:
            quiz.answer(q.id, q.correct_answer())


def test_progress_restores_into_a_new_quiz(progress_dir):
    first = Quiz.from_bank("orientation")
    answer_everything(first)
    first.view(0).reveal_button.click()
    n = first.total
    assert first.score == n - 1

    second = Quiz.from_bank("orientation")       # as after a kernel restart
    assert second.score == n - 1 and second.progress_bar.value == n - 1
    assert f"{n - 1} / {n} correct" in second.score_html.value
    for a, b in zip(first.views, second.views):
        assert a.get_answer() == b.get_answer(), a.question.id
        assert b.attempts == a.attempts
    wrong = second.view(0)
    assert "✗ Not quite" in wrong.feedback.value and not wrong.reveal_button.disabled
    assert wrong.revealed and "Answer" in wrong.feedback.value
    assert "✓ Correct" in second.view("orientation-capital-spelling").feedback.value
    assert second.view("orientation-lesson-count").input.value in ("5", "5.0")


def test_progress_survives_a_real_process_restart(progress_dir):
    quiz = Quiz.from_bank("orientation")
    quiz.answer("orientation-capital-spelling", "Kiev")
    code = (
        "from crisis_course.quiz import Quiz\n"
        "q = Quiz.from_bank('orientation')\n"
        "v = q.view('orientation-capital-spelling')\n"
        "print(q.score, v.input.value, 'Correct' in v.feedback.value)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "CRISIS_COURSE_PROGRESS_DIR": str(progress_dir)})
    assert out.stdout.split() == ["1", "Kiev", "True"]


def test_progress_false_saves_nothing(progress_dir):
    quiz = Quiz.from_bank("orientation", progress=False)
    quiz.answer(0, "2021-12-07")
    assert not progress_dir.exists() or not (progress_dir / "progress.json").exists()


def test_progress_can_be_a_path(tmp_path):
    target = tmp_path / "elsewhere" / "mine.json"
    quiz = Quiz.from_bank("orientation", progress=target)
    quiz.answer(0, "2021-12-07")
    assert read(target)["banks"]["orientation"]


def test_two_quizzes_of_one_bank_merge_not_overwrite(progress_dir):
    a = Quiz.from_bank("orientation")
    b = Quiz.from_bank("orientation")
    a.answer("orientation-article-date", "2021-12-07")
    b.answer("orientation-capital-spelling", "Kyiv")
    saved = read(progress_dir / "progress.json")["banks"]["orientation"]
    assert set(saved) == {"orientation-article-date", "orientation-capital-spelling"}


def test_reset_forgets_only_this_bank(progress_dir):
    store = ProgressStore()
    store.save_answer("nato", "nato-x", correct=True, answer="12", attempts=1)
    quiz = Quiz.from_bank("orientation")
    quiz.answer(0, "2021-12-07")
    quiz.reset()
    data = read(progress_dir / "progress.json")
    assert "orientation" not in data["banks"] and "nato" in data["banks"]
    reset_progress()
    assert read(progress_dir / "progress.json")["banks"] == {}


@pytest.mark.parametrize("content", [
    b"{not json",
    b"",
    b"\xff\xfe garbage",
    b'["a list"]',
    b'{"version": 1, "banks": []}',
    b'{"version": 2, "banks": {}}',
    b'{"version": 1, "banks": {"orientation": {"orientation-article-date": "yes"}}}',
    b'{"version": 1, "banks": {"orientation": {"orientation-article-date": {"correct": "yes"}}}}',
])
def test_corrupted_file_is_moved_aside_and_quiz_still_works(progress_dir, content):
    progress_dir.mkdir(parents=True)
    path = progress_dir / "progress.json"
    path.write_bytes(content)
    with pytest.warns(ProgressWarning, match="damaged .*; moved it to .*progress.json.corrupt-"):
        quiz = Quiz.from_bank("orientation")
    aside = list(progress_dir.glob("progress.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert quiz.score == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")       # no second warning: the file is fresh now
        assert quiz.answer(0, quiz.questions[0].correct_answer()).correct
    assert read(path)["banks"]["orientation"]


def test_stale_or_odd_entries_are_ignored(progress_dir):
    store = ProgressStore()
    store.update("orientation", {
        "orientation-removed-question": {"correct": True, "answer": "x", "attempts": 1},
        "orientation-article-date": {"correct": True, "answer": "a date no longer in the bank", "attempts": 3},
        "orientation-lesson-count": {"correct": False, "answer": {"odd": "shape"}, "attempts": "many"},
    })
    quiz = Quiz.from_bank("orientation")
    assert quiz.score == 0
    assert quiz.view("orientation-article-date").input.value is None
    assert quiz.view("orientation-lesson-count").input.value == ""


def test_unwritable_location_warns_once_and_quiz_works(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CRISIS_COURSE_PROGRESS_DIR", str(blocker / "progress"))
    quiz = Quiz.from_bank("orientation")
    with pytest.warns(ProgressWarning, match="Could not save quiz progress") as record:
        assert quiz.answer(0, "2021-12-07").correct
        assert quiz.answer(1, quiz.questions[1].correct_answer()).correct
    assert len([w for w in record if issubclass(w.category, ProgressWarning)]) == 1
    assert quiz.score == 2


def test_failed_write_leaves_the_old_file_and_no_temp_files(progress_dir, monkeypatch):
    store = ProgressStore()
    store.save_answer("orientation", "orientation-a", correct=True, answer="x", attempts=1)
    before = (progress_dir / "progress.json").read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("crisis_course.quiz.progress.os.fsync", boom)
    with pytest.warns(ProgressWarning, match="disk full"):
        assert store.save_answer("orientation", "orientation-b", correct=True, answer="y", attempts=1) is False
    assert (progress_dir / "progress.json").read_bytes() == before
    leftovers = [p.name for p in progress_dir.iterdir() if p.name not in ("progress.json", "progress.json.lock")]
    assert leftovers == []


def _saver(directory: str, bank: str, n: int, barrier) -> None:
    os.environ["CRISIS_COURSE_PROGRESS_DIR"] = directory
    store = ProgressStore()
    barrier.wait()
    for i in range(n):
        store.save_answer(bank, f"{bank}-q{i}", correct=i % 2 == 0, answer=str(i), attempts=1)
        store.save_answer("shared", f"{bank}-q{i}", correct=True, answer=i, attempts=i + 1)


def test_concurrent_saves_lose_nothing(progress_dir):
    ctx = multiprocessing.get_context("spawn" if sys.platform == "win32" else "fork")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_saver, args=(str(progress_dir), bank, 50, barrier)) for bank in ("alpha", "beta")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    data = read(progress_dir / "progress.json")
    for bank in ("alpha", "beta"):
        assert len(data["banks"][bank]) == 50
        assert data["banks"][bank][f"{bank}-q49"]["answer"] == "49"
    assert len(data["banks"]["shared"]) == 100
    assert not list(progress_dir.glob("*.tmp")) and not list(progress_dir.glob("*.corrupt-*"))
