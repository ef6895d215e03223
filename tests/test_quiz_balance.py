"""Correct answers are not all in one position (slides and handouts show the bank's order)."""
from collections import Counter

from crisis_course.quiz import all_banks


def _singles():
    return [(b.name, q) for b in all_banks() for q in b.questions if q.type == "single"]


def test_no_option_position_holds_more_than_40_percent_of_single_choice_answers():
    positions = Counter(q.options.index(q.answer) for _, q in _singles())
    total = sum(positions.values())
    assert total >= 10
    worst, count = positions.most_common(1)[0]
    assert count / total <= 0.40, f"option {'ABCDEF'[worst]} is right in {count} of {total}: {dict(positions)}"


def test_no_bank_puts_every_single_choice_answer_in_one_position():
    by_bank: dict[str, set] = {}
    for name, q in _singles():
        by_bank.setdefault(name, set()).add(q.options.index(q.answer))
    counts = Counter(name for name, _ in _singles())
    stuck = [name for name, pos in by_bank.items() if counts[name] >= 2 and len(pos) == 1]
    assert not stuck, f"every single-choice answer in the same position: {stuck}"


def test_multiple_choice_correct_options_do_not_always_come_first():
    firsts = [q for b in all_banks() for q in b.questions if q.type == "multiple"]
    leading = [q.id for q in firsts if q.options[:len(q.answer)] == list(q.answer)]
    assert len(leading) <= len(firsts) // 2, f"right options listed first in {leading}"


def test_true_false_answers_are_balanced():
    answers = [q.answer for b in all_banks() for q in b.questions if q.type == "true_false"]
    assert len(answers) >= 5
    share = sum(answers) / len(answers)
    assert 0.40 <= share <= 0.60, f"{sum(answers)} of {len(answers)} true/false answers are True"
