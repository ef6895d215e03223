"""Grading: every question type, natural answers, bad answers (never an exception)."""
from __future__ import annotations

import math

import pytest

from crisis_course.quiz import Question, Result, normalize_text, parse_number
from crisis_course.quiz.grading import NumberParseError, stable_shuffle


def make(**kw) -> Question:
    base = {"id": "t-q", "prompt": "p", "explanation": "e", "source": "s"}
    base.update(kw)
    return Question.from_dict(base, bank="t")


SINGLE = make(type="single", options=["10", "12", "16", "30"], answer="12")
MULTI = make(type="multiple", options=["Joe Biden", "Vladimir Putin", "Emmanuel Macron"],
             answer=["Joe Biden", "Vladimir Putin"])
TF = make(type="true_false", answer=False)
PCT = make(type="numeric", answer=45, tolerance=0.5, unit="%")
MEMBERS = make(type="numeric", answer=30, tolerance=0, unit="members")
PLAIN = make(type="numeric", answer=12500, tolerance=0)
ORDER = make(type="ordering", items=["1991", "2004", "2014", "2021"])
MATCH = make(type="matching", pairs=[["Russia", "No more enlargement"], ["NATO", "Open door"],
                                     ["Ukraine", "Wants a membership path"]])
TEXT = make(type="text", answer="Kyiv", accept=["Kiev", "Kyyiv"])
ALL = [SINGLE, MULTI, TF, PCT, MEMBERS, PLAIN, ORDER, MATCH, TEXT]


# ---------------------------------------------------------------- single / multiple ------
@pytest.mark.parametrize("answer,correct", [
    ("12", True), (1, True), ("10", False), (0, False), (" 12 ", True), (["12"], True),
])
def test_single(answer, correct):
    r = SINGLE.check(answer)
    assert isinstance(r, Result) and r.valid and r.correct is correct
    assert isinstance(r.message, str) and r.message


@pytest.mark.parametrize("answer", [None, "", "13", 7, -1, ["10", "12"], {"a": 1}, True, 3.5])
def test_single_bad_answers_give_messages(answer):
    r = SINGLE.check(answer)
    assert r.correct is False and not r.valid and r.message


@pytest.mark.parametrize("answer,correct", [
    (["Joe Biden", "Vladimir Putin"], True),
    (["Vladimir Putin", "Joe Biden"], True),
    ((0, 1), True),
    ({"joe biden", "VLADIMIR PUTIN"}, True),
    (["Joe Biden", "Joe Biden", "Vladimir Putin"], True),
    (["Joe Biden"], False),
    (["Joe Biden", "Vladimir Putin", "Emmanuel Macron"], False),
    ("Joe Biden", False),
])
def test_multiple(answer, correct):
    r = MULTI.check(answer)
    assert r.valid and r.correct is correct


def test_multiple_feedback_counts():
    assert "1 of the 2 right options and 1 that is not right" in MULTI.check(["Joe Biden", "Emmanuel Macron"]).message


@pytest.mark.parametrize("answer", [[], ["Boris Johnson"], None, 5.5, [None]])
def test_multiple_bad(answer):
    r = MULTI.check(answer)
    assert not r.correct and not r.valid and r.message


# ---------------------------------------------------------------- true / false -----------
@pytest.mark.parametrize("answer,correct", [
    (False, True), (True, False), ("false", True), ("False", True), ("no", True), ("NO", True),
    ("yes", False), ("true", False), (" f ", True),
])
def test_true_false(answer, correct):
    r = TF.check(answer)
    assert r.valid and r.correct is correct


@pytest.mark.parametrize("answer", [None, "", "maybe", 2, [True]])
def test_true_false_bad(answer):
    r = TF.check(answer)
    assert not r.correct and not r.valid and "True or False" in r.message


# ---------------------------------------------------------------- numeric ---------------
@pytest.mark.parametrize("text,unit,value", [
    ("45", "%", 45.0),
    ("45 %", "%", 45.0),
    ("45%", "%", 45.0),
    ("45 percent", "%", 45.0),
    ("45 Percent", "%", 45.0),
    ("45 per cent", "%", 45.0),
    ("45.0", "%", 45.0),
    ("45.", None, 45.0),
    ("45,5", None, 45.5),          # decimal comma
    ("12,500", None, 12500.0),     # thousands separator (groups of three digits)
    ("1,234,567.5", None, 1234567.5),
    ("12 500", None, 12500.0),
    ("-3", None, -3.0),
    ("\u22123", None, -3.0),       # Unicode minus sign
    ("+3", None, 3.0),
    (".5", None, 0.5),
    ("1e3", None, 1000.0),
    ("30 members", "members", 30.0),
    ("1 member", "members", 1.0),
    ("30 MEMBERS", "members", 30.0),
    ("９", None, 9.0),               # full-width digit (NFKC)
    ("55 bcm", "bcm per year", 55.0),  # a leading part of a longer unit
    ("55 bcm/year", "bcm per year", 55.0),
    ("55 BCM per year", "bcm per year", 55.0),
    ("175,000 troops", "troops", 175000.0),
    ("175 thousand", "troops", 175000.0),
    ("175k", "troops", 175000.0),
    ("175k troops", "troops", 175000.0),
    ("1.5 million", None, 1.5e6),
    ("2 bn", None, 2e9),
    ("3 million people", "million people", 3.0),  # the unit itself starts with "million"
    ("3x", "times", 3.0),
    ("3 ×", "times", 3.0),
    ("2 pp", "percentage points", 2.0),
    ("2 %", "percentage points", 2.0),
    (45, "%", 45.0),
    (45.0, None, 45.0),
])
def test_parse_number_table(text, unit, value):
    assert parse_number(text, unit) == pytest.approx(value)


@pytest.mark.parametrize("text,unit,fragment", [
    ("forty", "%", "Type it with digits"),
    ("forty-five percent", "%", "Type it with digits"),
    ("", None, "Type a number first"),
    ("   ", None, "Type a number first"),
    ("45 km", "%", "not the unit 'km'"),
    ("30 states", "members", "this answer is in members"),
    ("55 per year", "bcm per year", "this answer is in bcm per year"),
    ("55 bcm per year extra", "bcm per year", "not the unit"),
    ("175 thousand soldiers", "troops", "not the unit"),
    ("45 pp", "%", "not the unit"),
    ("45 %", None, "type just the number"),
    ("about 45", None, "Type it with digits"),
    ("1.2.3", None, "not"),
    (True, None, "not True or False"),
    (None, None, "Type a number"),
    ([45], None, "Type a number"),
    (float("nan"), None, "finite"),
    (math.inf, None, "finite"),
])
def test_parse_number_rejects_with_message(text, unit, fragment):
    with pytest.raises(NumberParseError) as info:
        parse_number(text, unit)
    assert fragment in str(info.value)


@pytest.mark.parametrize("answer,correct", [
    ("45", True), ("45 %", True), ("45 percent", True), ("45.0", True), ("45,0", True),
    ("45.5", True), ("44.5", True), ("45.6", False), ("44", False), (45, True), (44.6, True),
])
def test_numeric_with_tolerance(answer, correct):
    r = PCT.check(answer)
    assert r.valid and r.correct is correct


def test_numeric_exact_tolerance_zero():
    assert MEMBERS.check("30").correct
    assert MEMBERS.check("30 members").correct
    assert not MEMBERS.check("31").correct
    assert "too high" in MEMBERS.check("31").message
    assert "too low" in MEMBERS.check(29).message
    assert PLAIN.check("12,500").correct and PLAIN.check("12500").correct


def test_numeric_float_rounding_within_exact():
    q = make(type="numeric", answer=0.3, tolerance=0)
    assert q.check(0.1 + 0.2).correct


@pytest.mark.parametrize("answer", ["forty", "45 km", "", None, True, [1], {"a": 1}])
def test_numeric_bad_answers_are_messages(answer):
    r = PCT.check(answer)
    assert not r.correct and not r.valid and r.message


# ---------------------------------------------------------------- ordering --------------
def test_ordering():
    assert ORDER.check(["1991", "2004", "2014", "2021"]).correct
    assert ORDER.check(("1991", "2004", "2014", "2021")).correct
    r = ORDER.check(["2004", "1991", "2014", "2021"])
    assert r.valid and not r.correct and "2 of 4 items are in the right place" in r.message


@pytest.mark.parametrize("answer,fragment", [
    (["1991", "2004", "2014"], "Missing: '2021'"),
    (["1991", "1991", "2014", "2021"], "used twice"),
    (["1991", "2004", "2014", "1999"], "not one of the items"),
    (["1991", None, "2014", "2021"], "Fill every position"),
    ("1991 2004 2014 2021", "as a list"),
    (None, "as a list"),
])
def test_ordering_bad(answer, fragment):
    r = ORDER.check(answer)
    assert not r.correct and not r.valid and fragment in r.message


# ---------------------------------------------------------------- matching --------------
def test_matching():
    good = {"Russia": "No more enlargement", "NATO": "Open door", "Ukraine": "Wants a membership path"}
    assert MATCH.check(good).correct
    assert MATCH.check(list(good.items())).correct
    assert MATCH.check([list(p) for p in good.items()]).correct
    swapped = {"Russia": "Open door", "NATO": "No more enlargement", "Ukraine": "Wants a membership path"}
    r = MATCH.check(swapped)
    assert r.valid and not r.correct and "1 of 3 pairs are right" in r.message
    same = {"Russia": "Open door", "NATO": "Open door", "Ukraine": "Wants a membership path"}
    assert "exactly one item" in MATCH.check(same).message


@pytest.mark.parametrize("answer,fragment", [
    ({"Russia": "No more enlargement"}, "Missing"),
    ({"Russia": "No more enlargement", "NATO": None, "Ukraine": "Open door"}, "Choose a match for 'NATO'"),
    ({"Belarus": "Open door"}, "not one of the items on the left"),
    ({"Russia": "Something else"}, "not one of the choices"),
    ("Russia=No more enlargement", "dict"),
    ([("Russia",)], "dict"),
    (None, "dict"),
])
def test_matching_bad(answer, fragment):
    r = MATCH.check(answer)
    assert not r.correct and not r.valid and fragment in r.message


# ---------------------------------------------------------------- text ------------------
@pytest.mark.parametrize("answer", ["Kyiv", "kyiv", "  kyiv ", "KYIV", "KÝIV", "Kyïv", "Kiev", "kiev.",
                                    "Kyyiv", "\u00a0Kyiv\t", "“Kyiv”", "K\u0079\u0308iv"])
def test_text_accepted_variants(answer):
    r = TEXT.check(answer)
    assert r.valid and r.correct, answer


@pytest.mark.parametrize("answer", ["Moscow", "Lviv", "Ky iv"])
def test_text_wrong(answer):
    r = TEXT.check(answer)
    assert r.valid and not r.correct


@pytest.mark.parametrize("answer", ["", "   ", None, ["Kyiv"], True, "..."])
def test_text_bad(answer):
    r = TEXT.check(answer)
    assert not r.correct and not r.valid and r.message


@pytest.mark.parametrize("a,b", [
    ("Nord Stream 2", "nord-stream 2"),
    ("Nord Stream 2", "NORD   STREAM\u20142"),
    ("Zelenskyy", "ZELENSKYY"),
    ("Straße", "strasse"),
    ("don't", "don’t"),
    ("Ærø", "aero"),
])
def test_normalize_text_equivalences(a, b):
    assert normalize_text(a) == normalize_text(b)


# ---------------------------------------------------------------- robustness ------------
JUNK = [None, "", " ", 0, -1, 10**9, 1.5, float("nan"), True, False, [], [None], {}, {"x": None},
        ("a", "b"), object(), b"bytes", "<script>alert(1)</script>", "\x00", "é" * 10000]


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.type + ("-" + str(q.unit) if q.unit else ""))
def test_check_never_raises(q):
    for junk in JUNK:
        r = q.check(junk)
        assert isinstance(r, Result)
        assert isinstance(r.correct, bool) and isinstance(r.message, str) and r.message
        if not (q is TF and junk is False):  # False is the right answer there
            assert not r.correct


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.type)
def test_correct_answer_roundtrip_and_canonical_answer_is_json(q):
    import json

    r = q.check(q.correct_answer())
    assert r.correct and r.valid
    json.dumps(r.answer)
    assert q.check(r.answer).correct  # the stored (canonical) answer grades the same


def test_result_is_truthy_when_correct():
    assert TEXT.check("Kyiv") and not TEXT.check("Moscow")


def test_answer_text():
    assert PCT.answer_text() == "45% (answers within ±0.5 count)"
    assert MEMBERS.answer_text() == "30 members"
    assert TEXT.answer_text() == "Kyiv (also accepted: Kiev, Kyyiv)"
    assert ORDER.answer_text() == "1991 → 2004 → 2014 → 2021"


def test_stable_shuffle():
    items = list("abcdef")
    assert stable_shuffle(items, "k") == stable_shuffle(items, "k")
    assert sorted(stable_shuffle(items, "k")) == items
    for n in range(2, 6):
        for key in map(str, range(30)):
            assert stable_shuffle(items[:n], key, avoid_identity=True) != items[:n]
