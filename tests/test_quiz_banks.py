"""Quiz banks: every bank in the package validates and its answer key is self-consistent;
bad banks fail with a message naming the file, the question id and the field."""
from __future__ import annotations

from pathlib import Path

import pytest

from crisis_course.quiz import (
    QUESTION_TYPES,
    QuizBankError,
    all_banks,
    bank_names,
    banks_dir,
    load_bank,
    validate_all_banks,
    validate_bank,
)

FIXTURES = Path(__file__).parent / "banks"
PACKAGE_BANKS = sorted(banks_dir().glob("*.yaml"))


def test_there_are_banks():
    assert "orientation" in bank_names()
    assert PACKAGE_BANKS


@pytest.mark.parametrize("path", PACKAGE_BANKS, ids=lambda p: p.name)
def test_package_bank_validates(path):
    bank = validate_bank(path)
    assert bank.name == path.stem
    assert bank.title.strip()


@pytest.mark.parametrize("path", PACKAGE_BANKS, ids=lambda p: p.name)
def test_package_bank_follows_authoring_rules(path):
    """AUTHORING.md: at least 6 questions and 3 types per lesson bank, ids prefixed by the bank."""
    bank = load_bank(path)
    assert len(bank.questions) >= 6, f"{path.name}: a lesson bank needs at least 6 questions"
    assert len({q.type for q in bank.questions}) >= 3, f"{path.name}: use at least 3 question types"
    for q in bank.questions:
        assert q.explanation.strip() and q.source.strip()
        assert q.id.startswith(bank.name.split("_")[0]), f"{path.name}: id {q.id!r} should start with the bank name"


@pytest.mark.parametrize("path", PACKAGE_BANKS, ids=lambda p: p.name)
def test_answer_key_is_self_consistent(path):
    bank = load_bank(path)
    for q in bank.questions:
        assert q.type in QUESTION_TYPES
        if q.type == "single":
            assert q.answer in q.options
            assert len(set(q.options)) == len(q.options) >= 2
        elif q.type == "multiple":
            assert q.answer and set(q.answer) <= set(q.options)
        elif q.type == "true_false":
            assert isinstance(q.answer, bool)
        elif q.type == "numeric":
            assert isinstance(q.answer, (int, float)) and not isinstance(q.answer, bool)
            assert q.tolerance >= 0
        elif q.type == "ordering":
            assert len(q.items) >= 2 and len(set(q.items)) == len(q.items)
            assert sorted(q.display_items()) == sorted(q.items)
            assert q.display_items() != q.items, "the shuffled display must not give the answer away"
        elif q.type == "matching":
            assert len(q.pairs) >= 2
            assert len(set(q.lefts)) == len(q.lefts) and len(set(q.rights)) == len(q.rights)
            assert sorted(q.display_rights()) == sorted(q.rights)
        elif q.type == "text":
            assert q.answer.strip()
        # The key grades itself as correct, and the text of the answer exists.
        result = q.check(q.correct_answer())
        assert result.correct, f"{path.name}: {q.id}: its own answer is graded wrong: {result.message}"
        assert q.answer_text().strip()


def test_numeric_key_accepts_its_unit():
    for bank in all_banks():
        for q in bank.questions:
            if q.type == "numeric" and q.unit:
                assert q.check(f"{q.answer} {q.unit}").correct, q.id


def test_ids_unique_across_package_banks():
    assert validate_all_banks() == []


def test_duplicate_ids_across_banks_are_reported():
    errors = validate_all_banks(FIXTURES / "duplicates")
    assert len(errors) == 1
    assert "dup_a.yaml" in errors[0] and "'shared-id'" in errors[0] and "dup_b.yaml" in errors[0]
    assert "field 'id'" in errors[0]


BAD = [
    ("bad_answer_not_option.yaml", "bad-founders", "answer",
     "bad_answer_not_option.yaml: question 'bad-founders': field 'answer': \"13\" is not one of the options"),
    ("missing_explanation.yaml", "bad-no-explanation", "explanation", "is missing"),
    ("negative_tolerance.yaml", "bad-tolerance", "tolerance", ">= 0"),
    ("unknown_type.yaml", "bad-essay", "type", "'essay' is not a question type"),
    ("duplicate_ids.yaml", "bad-twice", "id", "more than one question"),
    ("ordering_one_item.yaml", "bad-order-one", "items", "at least 2"),
    ("ordering_duplicate_item.yaml", "bad-order-dup", "items", "'1991' appears twice"),
    ("matching_duplicate_right.yaml", "bad-matching", "pairs", "appears twice"),
    ("matching_incomplete_pair.yaml", "bad-pair", "pairs[1]", "at least 2"),
    ("multiple_answer_not_option.yaml", "bad-multiple", "answer", "\"Vladimir Poutine\" is not one of the options"),
    ("unquoted_number.yaml", "bad-unquoted", "options[1]", "put it in quotes"),
    ("wrong_bank_name.yaml", None, "bank", "must equal the file name"),
    ("field_for_other_type.yaml", "bad-numeric-options", "options", "not used by questions of type 'numeric'"),
    ("misspelled_field.yaml", "bad-typo", "hnit", "unknown field"),
    ("true_false_string.yaml", "bad-tf", "answer", "not of type 'boolean'"),
    ("empty_prompt.yaml", "bad-empty", "prompt", "is empty"),
    ("empty.yaml", None, None, "the file is empty"),
]


@pytest.mark.parametrize("fname,qid,field,expected", BAD, ids=[b[0] for b in BAD])
def test_bad_bank_message_names_file_question_and_field(fname, qid, field, expected):
    with pytest.raises(QuizBankError) as info:
        validate_bank(FIXTURES / fname)
    err = info.value
    msg = str(err)
    assert msg.startswith(fname + ":"), msg
    assert expected in msg
    assert err.file == fname
    assert err.question_id == qid
    assert err.field == field
    if qid:
        assert f"question '{qid}'" in msg
    if field:
        assert f"field '{field}'" in msg


def test_yaml_syntax_error_names_file_and_line():
    with pytest.raises(QuizBankError) as info:
        validate_bank(FIXTURES / "yaml_syntax.yaml")
    msg = str(info.value)
    assert msg.startswith("yaml_syntax.yaml: YAML syntax error at line 8")
    assert info.value.line == 8


def test_bad_banks_are_value_errors_too():
    with pytest.raises(ValueError):
        validate_bank(FIXTURES / "negative_tolerance.yaml")


def test_unknown_bank_name_lists_available_banks():
    with pytest.raises(QuizBankError, match="No quiz bank named 'no_such_bank'.*orientation"):
        load_bank("no_such_bank")


def test_missing_path():
    with pytest.raises(QuizBankError, match="no such quiz bank file"):
        load_bank(FIXTURES / "does_not_exist.yaml")


def test_non_utf8_bank(tmp_path):
    p = tmp_path / "latin.yaml"
    p.write_bytes("bank: latin\ntitle: \"caf\xe9\"\n".encode("latin-1"))
    with pytest.raises(QuizBankError, match="latin.yaml: not UTF-8"):
        load_bank(p)


def test_several_problems_are_all_listed(tmp_path):
    p = tmp_path / "many.yaml"
    p.write_text(
        "bank: many\ntitle: t\nquestions:\n"
        "  - {id: many-a, level: recall, type: numeric, prompt: p, answer: 1, tolerance: -1, explanation: e, source: s}\n"
        "  - {id: many-b, level: recall, type: true_false, prompt: p, answer: 3, explanation: e, source: s}\n",
        encoding="utf-8",
    )
    with pytest.raises(QuizBankError) as info:
        load_bank(p)
    msg = str(info.value)
    assert "'many-a'" in msg and "'many-b'" in msg and "1 more problem" in msg


def test_edited_bank_is_reloaded(tmp_path):
    src = (banks_dir() / "orientation.yaml").read_text(encoding="utf-8")
    p = tmp_path / "orientation.yaml"
    p.write_text(src, encoding="utf-8")
    assert load_bank(p).title.startswith("Lesson 0")
    p.write_text(src.replace('title: "Lesson 0 quiz', 'title: "Edited quiz'), encoding="utf-8")
    assert load_bank(p).title.startswith("Edited quiz")


def test_xss_fixture_is_a_valid_bank():
    # Markup in a bank is legal content; it is escaped at display time (see test_quiz_static).
    assert len(validate_bank(FIXTURES / "xss.yaml").questions) == 4
