"""Every question has a level; at most a quarter of each bank is recall; checkpoints per lesson."""
import textwrap

import pytest

from crisis_course import course
from crisis_course.quiz import all_banks
from crisis_course.quiz.bank import bank_errors

LEVELS = {"recall", "understand", "apply", "analyse"}


@pytest.mark.parametrize("bank", all_banks(), ids=lambda b: b.name)
def test_levels_and_recall_share(bank):
    assert all(q.level in LEVELS for q in bank.questions)
    recall = sum(q.level == "recall" for q in bank.questions)
    assert recall * 4 <= len(bank.questions), f"{recall} of {len(bank.questions)} are recall"


def test_lessons_1_to_8_have_three_checkpoints_each():
    c = course.load()
    banks = {b.name: b for b in all_banks()}
    for lesson in c.lessons:
        if lesson.number == 0:
            continue
        n = sum(q.checkpoint for q in banks[lesson.bank].questions)
        assert n >= 3, f"lesson {lesson.number} has {n} checkpoints"


def test_a_question_without_level_is_a_schema_error(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(textwrap.dedent("""\
        bank: t
        title: T
        questions:
          - {id: t-1, type: true_false, prompt: P, answer: true, explanation: E, source: S}
        """), encoding="utf-8")
    errors = bank_errors(path)
    assert any("question 't-1'" in e and "level" in e for e in errors), errors
