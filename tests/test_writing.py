"""Open writing (lesson 0 summary, lesson 1 forecast) is saved and given back in lesson 8."""
import os
import stat

import pytest

from crisis_course import writing
from crisis_course.quiz import ProgressStore, Quiz


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.json")


def test_saved_text_comes_back_in_a_new_kernel_and_in_lesson_8(store, tmp_path):
    box = writing.ask("orientation-summary", progress=store)
    assert box.text.value == ""
    box.text.value = "Two presidents, two agendas: Ukraine for Putin; Ukraine, the pandemic and China for Biden."
    assert box.save() is True
    assert "Saved" in box.status.value
    again = writing.ask("orientation-summary", progress=ProgressStore(tmp_path / "progress.json"))
    assert again.text.value.startswith("Two presidents")
    mine = writing.show_mine(progress=ProgressStore(tmp_path / "progress.json"))
    texts = {b.key: b.text.value for b in mine.boxes}
    assert texts["orientation-summary"].startswith("Two presidents")
    assert texts["article-forecast"] == ""          # none yet: an empty box inviting the student to write
    assert "write it now" in mine.boxes[1].text.placeholder


def test_a_quiz_reset_does_not_lose_the_writing(store):
    box = writing.ask("article-forecast", progress=store)
    box.text.value = "Talks in January; no invasion before spring."
    box.save()
    quiz = Quiz.from_bank("article", progress=store)
    quiz.reset()
    assert store.writing("article-forecast") == "Talks in January; no invasion before spring."


def test_empty_text_is_not_saved_and_says_so(store):
    box = writing.ask("orientation-summary", progress=store)
    box.text.value = "   "
    assert box.save() is False
    assert "write something first" in box.status.value
    assert store.writing("orientation-summary") is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
def test_unwritable_folder_is_said_in_words(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    box = writing.ask("orientation-summary", progress=ProgressStore(folder / "progress.json"))
    box.text.value = "text"
    assert box.save() is False
    assert "Could not save" in box.status.value


def test_unwritable_path_is_said_in_words(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    box = writing.ask("orientation-summary", progress=ProgressStore(blocker / "progress.json"))
    box.text.value = "text"
    assert box.save() is False
    assert "Could not save" in box.status.value


def test_static_html_has_the_prompt_and_room_to_write(store):
    html = writing.ask("orientation-summary", progress=store)._repr_mimebundle_()["text/html"]
    assert "what is the article about" in html and "Space to write" in html


def test_unknown_key_without_prompt_is_a_clear_error():
    with pytest.raises(KeyError, match="no prompt"):
        writing.ask("no-such-key")
