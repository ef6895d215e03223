"""Question types in one place (issue 19): one class per type in crisis_course.quiz.types.

The registry agrees with the bank schema, every type implements every job, no module of the
quiz layer branches on the type name any more, and a new type registered in the recipe's way
works end to end (grading, static HTML, the live widget, the schema fragment).
"""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from crisis_course.quiz import Question, QuizBankError, validate_bank
from crisis_course.quiz import types as qtypes
from crisis_course.quiz.answers import Result, normalize_text
from crisis_course.quiz.static import question_to_html
from crisis_course.quiz.types.base import QuestionType

PKG = Path(qtypes.__file__).resolve().parents[2]  # src/crisis_course


def _schema() -> dict:
    return json.loads((resources.files("crisis_course") / "schemas" / "quiz_bank.schema.json").read_text("utf-8"))


def test_the_registry_is_the_schema_enum_and_the_schema_file_is_made_from_the_classes():
    schema = _schema()
    assert list(qtypes.QUESTION_TYPES) == schema["$defs"]["question"]["properties"]["type"]["enum"]
    assert qtypes.bank_schema(schema) == schema, "run python tools/write_bank_schema.py"
    broken = json.loads(json.dumps(schema))
    broken["$defs"]["question"]["allOf"][0]["then"]["properties"]["options"] = {"minItems": 1}
    assert qtypes.bank_schema(broken) != broken  # the comparison can fail


@pytest.mark.parametrize("name", qtypes.QUESTION_TYPES)
def test_every_type_does_every_job(name):
    kind = qtypes.get_type(name)
    assert kind.name == name and kind.label
    for method in ("check", "inputs_html", "make_input"):
        assert getattr(type(kind), method) is not getattr(QuestionType, method), f"{name} lacks {method}"
    assert set(kind.required) <= set(kind.fields) <= set(qtypes.base.TYPED_FIELDS)


def test_unknown_type_is_named_in_the_error():
    with pytest.raises(KeyError, match="unknown question type 'essay'"):
        qtypes.get_type("essay")


#: type names as string literals next to a comparison: the per-type branches that used to be spread
#: over grading, static HTML, widgets, bank rules and the class report
_BRANCH = re.compile(r"""(==|!=|\bin)\s*\(?\s*["'](%s)["']""" % "|".join(qtypes.QUESTION_TYPES))


@pytest.mark.parametrize("rel", ["quiz/grading.py", "quiz/static.py", "quiz/widgets.py", "quiz/bank.py",
                                 "results/report.py", "export/answer_key.py", "site/quizdata.py",
                                 "export/worksheets.py"])
def test_the_quiz_layer_does_not_branch_on_the_type_name(rel):
    text = (PKG / rel).read_text(encoding="utf-8")
    found = [line.strip() for line in text.splitlines() if _BRANCH.search(line)]
    assert found == [], f"{rel} branches on a type name; give the type class a method instead: {found}"
    assert _BRANCH.search('if q.type == "numeric":')  # the pattern finds a branch


class Year(QuestionType):
    """A toy type for the recipe: a year, right when equal; refuses the other typed fields."""

    name = "year"
    label = "Type a year."
    typed = True
    fields = required = ("answer",)
    field_schemas = {"answer": {"type": "integer"}}

    def check(self, q, answer):
        text = normalize_text(str(answer))
        if not text.isdigit():
            return Result(False, "Type the year in digits.", valid=False)
        year = int(text)
        return Result(year == q.answer, "Right." if year == q.answer else "Not that year.", answer=year)

    def inputs_html(self, q, instructor, options=None):
        return "<p>Answer: a year.</p>"

    def make_input(self, view):
        return view.text_box("a year, e.g. 1949")


def test_a_new_type_works_once_registered(monkeypatch):
    monkeypatch.setitem(qtypes.TYPES, "year", Year())
    monkeypatch.setattr(qtypes, "QUESTION_TYPES", tuple(qtypes.TYPES))
    q = Question.from_dict({"id": "toy-year", "type": "year", "prompt": "When was NATO founded?",
                            "explanation": "4 April 1949.", "source": "NATO", "answer": 1949})
    assert q.check("1949").correct and not q.check(1950).correct and not q.check("soon").valid
    assert q.instruction == "Type a year." and q.answer_text() == "1949"
    html = question_to_html(q, 1, 1, instructor=True)
    assert "Answer: a year." in html and "1949" in html
    schema = qtypes.bank_schema(_schema())
    rule = schema["$defs"]["question"]["allOf"][-1]
    assert rule["if"]["properties"]["type"]["const"] == "year"
    assert rule["then"]["properties"]["options"] is False and "year" in \
        schema["$defs"]["question"]["properties"]["type"]["enum"]
    from crisis_course.quiz.widgets import QuestionView, Quiz

    quiz = Quiz.__new__(Quiz)  # a view needs only the quiz's save/score hooks
    quiz.instructor, quiz._save, quiz._update_score = False, (lambda *a: None), (lambda: None)
    view = QuestionView(quiz, q, 1, 1)
    view.set_answer(1949)
    assert view.get_answer() == "1949" and view.check(save=False).correct


def test_a_type_refuses_the_fields_of_other_types(tmp_path):
    bank = tmp_path / "toy.yaml"
    bank.write_text(
        "bank: toy\ntitle: Toy\nlesson: 3\nquestions:\n"
        "  - {id: toy-n, type: numeric, prompt: p, explanation: e, source: s, level: apply, answer: 3,"
        " options: ['3', '4']}\n", encoding="utf-8")
    with pytest.raises(QuizBankError, match="options"):
        validate_bank(bank)
