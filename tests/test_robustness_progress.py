"""Issue 14, saved progress: stale answers set aside (kept), version-1 files migrated, special files,
temporaries from interrupted saves, failed saves said in the quiz itself."""
from __future__ import annotations

import errno
import json
import os
import re
import threading
import time
from pathlib import Path

import progress_support
import pytest

from crisis_course.quiz import ProgressStore, ProgressWarning, Quiz
from crisis_course.quiz import progress as progress_mod
from crisis_course.quiz.bank import load_bank

progress_dir = progress_support.progress_dir   # autouse: every test gets an empty progress folder
read = progress_support.read

REPO = Path(__file__).resolve().parents[1]


def first_of_type(bank: str, qtype: str):
    return next(q for q in load_bank(bank).questions if q.type == qtype and not getattr(q, "checkpoint", False))


# Answers of a shape that made Quiz.from_bank raise (TypeError/ValueError) before this issue.
WRONG_SHAPES = {
    "matching": ["x", 5, True, 3.5, ["x"], [1, 2], [None], [[1]]],
    "multiple": [5, True, 3.5, [[1]]],
    "ordering": [5, True, 3.5],
}


@pytest.mark.parametrize("qtype,answer", [(t, a) for t, answers in WRONG_SHAPES.items() for a in answers])
def test_wrong_shape_answer_is_set_aside_and_the_quiz_opens(progress_dir, qtype, answer):
    q = first_of_type("nato", qtype)
    store = ProgressStore()
    store.update("nato", {q.id: {"correct": False, "answer": answer, "attempts": 2}})
    quiz = Quiz.from_bank("nato")                       # raised before
    view = quiz.view(q.id)
    assert view.correct is None and view.attempts == 0
    data = read(progress_dir / "progress.json")
    assert q.id not in data.get("banks", {}).get("nato", {})
    kept = data["stale"]["nato"][q.id]
    assert len(kept) == 1 and kept[0]["answer"] == answer and kept[0]["attempts"] == 2
    assert kept[0]["set_aside"].startswith("20") and kept[0]["reason"]
    assert "no longer fit" in quiz.notice_html.value
    # told once: the next opening finds nothing new to set aside and says nothing
    again = Quiz.from_bank("nato")
    assert again.notice_html.value == ""
    assert read(progress_dir / "progress.json")["stale"]["nato"][q.id] == kept


def test_only_misfits_are_set_aside_and_one_notice_per_bank(progress_dir):
    bank = load_bank("nato")
    single = first_of_type("nato", "single")
    matching = first_of_type("nato", "matching")
    ordering = first_of_type("nato", "ordering")
    store = ProgressStore()
    store.update("nato", {
        single.id: {"correct": True, "answer": single.answer, "attempts": 1},                  # fits
        matching.id: {"correct": False, "answer": "Kyiv", "attempts": 1},                      # type changed
        ordering.id: {"correct": False, "answer": ["not an item"] * len(ordering.items), "attempts": 1},  # items
        "nato-question-removed-long-ago": {"correct": True, "answer": "x", "attempts": 1},     # not in quiz
    })
    quiz = Quiz.from_bank("nato")
    assert quiz.view(single.id).correct is True
    assert quiz.notice_html.value.count("no longer fit") == 1 and "2 saved answers" in quiz.notice_html.value
    data = read(progress_dir / "progress.json")
    assert set(data["stale"]["nato"]) == {matching.id, ordering.id}
    assert set(data["banks"]["nato"]) == {single.id, "nato-question-removed-long-ago"}
    assert len(bank.questions) >= 3


def test_checkpoint_answers_are_not_touched_by_the_end_quiz(progress_dir):
    bank = load_bank("nato")
    cps = [q for q in bank.questions if getattr(q, "checkpoint", False)]
    if not cps:
        pytest.skip("no checkpoint questions in the nato bank yet")
    q = cps[0]
    ProgressStore().update("nato", {q.id: {"correct": True, "answer": q.correct_answer(), "attempts": 1}})
    Quiz.from_bank("nato")
    assert q.id in read(progress_dir / "progress.json")["banks"]["nato"]


def test_version_1_file_is_read_and_migrated_without_loss(progress_dir):
    progress_dir.mkdir(parents=True)
    v1 = {"version": 1, "banks": {
        "orientation": {"orientation-article-date": {"correct": True, "answer": "2021-12-07", "attempts": 2,
                                                     "revealed": False, "updated": "2024-05-01T10:00:00+00:00"}},
        "some-other-bank": {"q": {"correct": False, "answer": "kept as is", "attempts": 9, "extra": [1, 2]}},
    }}
    (progress_dir / "progress.json").write_text(json.dumps(v1), encoding="utf-8")
    quiz = Quiz.from_bank("orientation")
    assert quiz.view("orientation-article-date").correct is True and quiz.notice_html.value == ""
    quiz.answer("orientation-capital-spelling", "Kyiv")
    data = read(progress_dir / "progress.json")
    assert data["format"] == "crisis-course-progress" and data["version"] == 2
    assert data["banks"]["some-other-bank"] == v1["banks"]["some-other-bank"]
    assert data["banks"]["orientation"]["orientation-article-date"] == v1["banks"]["orientation"][
        "orientation-article-date"]
    assert data["stale"] == {} and data["open_writing"] == {}
    assert not list(progress_dir.glob("*.corrupt-*"))


def test_migrate_refuses_unknown_versions_and_shapes():
    assert progress_mod.migrate({"version": 3, "format": "crisis-course-progress", "banks": {}}) is None
    assert progress_mod.migrate({"version": 2, "banks": {}}) is None          # no format tag
    assert progress_mod.migrate({"version": 2, "format": "crisis-course-progress", "banks": {},
                                 "stale": {"b": {"q": "not a list"}}}) is None
    ok = progress_mod.migrate({"version": 2, "format": "crisis-course-progress", "banks": {}})
    assert ok["stale"] == {} and ok["open_writing"] == {}


def test_open_writing_is_saved_and_survives_a_bank_reset(progress_dir):
    store = ProgressStore()
    assert store.writing("orientation-summary") is None
    assert store.save_writing("orientation-summary", "Two leaders, two agendas.")
    store.save_answer("orientation", "orientation-a", correct=True, answer="x", attempts=1)
    assert store.reset()
    again = ProgressStore()
    assert again.writing("orientation-summary") == "Two leaders, two agendas."
    assert read(progress_dir / "progress.json")["banks"] == {}


def _open_within(seconds: float):
    """Quiz.from_bank in a thread; the quiz, or a failure if it did not return in time."""
    box = {}

    def run():
        try:
            box["quiz"] = Quiz.from_bank("orientation")
        except BaseException as exc:  # noqa: BLE001 - reported below
            box["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "opening the quiz blocked"
    assert "error" not in box, box.get("error")
    return box["quiz"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_as_progress_file_does_not_block(progress_dir):
    progress_dir.mkdir(parents=True)
    os.mkfifo(progress_dir / "progress.json")
    with pytest.warns(ProgressWarning, match="not a regular file"):
        quiz = _open_within(20)
    assert quiz.answer("orientation-article-date", "2021-12-07").correct
    assert (progress_dir / "progress.json").is_file()
    assert len(list(progress_dir.glob("progress.json.corrupt-*"))) == 1     # the FIFO, moved aside


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_link_to_a_device_is_not_read(progress_dir):
    progress_dir.mkdir(parents=True)
    os.symlink("/dev/zero", progress_dir / "progress.json")
    with pytest.warns(ProgressWarning, match="not a regular file"):
        quiz = _open_within(20)
    assert quiz.score == 0
    assert quiz.answer("orientation-article-date", "2021-12-07").correct
    assert read(progress_dir / "progress.json")["banks"]["orientation"]


def test_oversized_file_is_moved_aside_not_read(progress_dir, monkeypatch):
    monkeypatch.setattr(progress_mod, "MAX_BYTES", 1000)
    progress_dir.mkdir(parents=True)
    big = {"version": 1, "banks": {"b": {f"q{i}": {"correct": True} for i in range(200)}}}
    (progress_dir / "progress.json").write_text(json.dumps(big), encoding="utf-8")
    with pytest.warns(ProgressWarning, match="larger than"):
        quiz = Quiz.from_bank("orientation")
    aside = list(progress_dir.glob("progress.json.corrupt-*"))
    assert len(aside) == 1 and json.loads(aside[0].read_text()) == big    # kept, not lost
    assert "could not be read" in quiz.notice_html.value


def test_temporaries_of_interrupted_saves_are_cleaned(progress_dir):
    store = ProgressStore()
    store.save_answer("orientation", "orientation-a", correct=True, answer="x", attempts=1)
    old = [progress_dir / f".progress.json.interrupted{i}.tmp" for i in range(5)]
    for p in old:
        p.write_text("{half a fi")
        os.utime(p, (time.time() - 3600, time.time() - 3600))
    fresh = progress_dir / ".progress.json.inflight.tmp"      # another save may be writing this one
    fresh.write_text("{")
    unrelated = progress_dir / "notes.tmp"
    unrelated.write_text("mine")
    store.save_answer("orientation", "orientation-b", correct=True, answer="y", attempts=1)
    assert not any(p.exists() for p in old)
    assert fresh.exists() and unrelated.exists()
    assert set(read(progress_dir / "progress.json")["banks"]["orientation"]) == {"orientation-a", "orientation-b"}


def test_unwritable_location_is_said_in_the_quiz_once(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CRISIS_COURSE_PROGRESS_DIR", str(blocker / "progress"))
    quiz = Quiz.from_bank("orientation")
    assert quiz.notice_html.value == ""
    with pytest.warns(ProgressWarning):
        assert quiz.answer(0, quiz.questions[0].correct_answer()).correct
        quiz.answer(1, quiz.questions[1].correct_answer())
    notice = quiz.notice_html.value
    assert notice.count("could not be saved") == 1
    assert "kernel restarts" in notice and str(blocker) in notice
    assert quiz.store.last_error and "could not be saved" in quiz.store.last_error


def test_full_disk_is_said_in_words_and_reset_does_not_pretend(progress_dir, monkeypatch):
    quiz = Quiz.from_bank("orientation")
    assert quiz.answer(0, quiz.questions[0].correct_answer()).correct     # saved while the disk had room
    before = (progress_dir / "progress.json").read_bytes()

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("crisis_course.quiz.progress.os.fsync", full)
    with pytest.warns(ProgressWarning):
        quiz.answer(1, quiz.questions[1].correct_answer())
    assert "the disk is full" in quiz.notice_html.value
    quiz.reset()
    notice = quiz.notice_html.value
    assert "could not be changed" in notice and "may come back" in notice
    assert quiz.score == 0
    assert (progress_dir / "progress.json").read_bytes() == before          # truly not changed
    assert not [p for p in progress_dir.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.undo()
    monkeypatch.setenv("CRISIS_COURSE_PROGRESS_DIR", str(progress_dir))
    assert Quiz.from_bank("orientation").score == 1                          # as the notice said


def test_reset_that_saves_says_nothing(progress_dir):
    quiz = Quiz.from_bank("orientation")
    quiz.answer(0, quiz.questions[0].correct_answer())
    quiz.reset()
    assert quiz.notice_html.value == ""
    assert "orientation" not in read(progress_dir / "progress.json")["banks"]


def test_lone_surrogates_in_a_text_answer_do_not_break_check_or_save(progress_dir):
    quiz = Quiz.from_bank("orientation")
    text_q = next(q for q in quiz.questions if q.type == "text")
    result = quiz.answer(text_q.id, "Ky\ud800iv")
    assert result.valid and not result.correct
    raw = (progress_dir / "progress.json").read_bytes()
    raw.decode("utf-8")                                                      # valid UTF-8 on disk
    assert Quiz.from_bank("orientation").view(text_q.id).correct is False   # and restorable


def test_docs_describe_the_format_and_its_example_is_valid():
    doc = (REPO / "docs" / "progress.md").read_text(encoding="utf-8")
    assert '"format": "crisis-course-progress"' in doc and "version 1" in doc.lower()
    blocks = re.findall(r"```json\n(.*?)```", doc, re.S)
    assert blocks, "docs/progress.md has no JSON example"
    example = json.loads(blocks[0])
    assert progress_mod.migrate(example) is not None and example["version"] == progress_mod.VERSION
    for key in ("banks", "stale", "open_writing", "set_aside", "updated", "attempts", "revealed"):
        assert key in doc, key
