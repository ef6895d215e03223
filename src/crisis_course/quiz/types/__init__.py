"""Question types: one class per type, in a registry.

Each type (:class:`~.base.QuestionType` subclass) owns what differs by type: the bank rules
beyond the JSON Schema, grading, the right answer as data and text, the static HTML, the live
widget and the class report's reading of an answer. :data:`TYPES` maps a bank's ``type:`` to its
(stateless) instance; :data:`QUESTION_TYPES` lists the names in the order the docs give them.

Adding a type: a module here with a subclass, an entry in :data:`TYPES`, the type's branch in
``schemas/quiz_bank.schema.json``; then the outputs that translate a question into another
format (the page grader ``site/assets/grader.js``, ``lms/``, ``export/worksheets.py``,
``export/answer_key.py``); recipe in docs/AUTHORING.md.
"""
from __future__ import annotations

from .base import QuestionType, dupes
from .choice import Multiple, Single, TrueFalse
from .matching import Matching
from .numeric import Numeric
from .ordering import Ordering
from .text import Text

__all__ = ["QuestionType", "TYPES", "QUESTION_TYPES", "TYPE_LABELS", "get_type", "dupes", "bank_schema"]

TYPES: dict[str, QuestionType] = {t.name: t for t in (
    Single(), Multiple(), TrueFalse(), Numeric(), Ordering(), Matching(), Text())}
QUESTION_TYPES = tuple(TYPES)
TYPE_LABELS = {name: t.label for name, t in TYPES.items()}


def get_type(name: str) -> QuestionType:
    """The type called ``name``; KeyError names the known types."""
    try:
        return TYPES[name]
    except KeyError:
        raise KeyError(f"unknown question type {name!r}; known: {', '.join(QUESTION_TYPES)}") from None


def bank_schema(schema: dict) -> dict:
    """``schema`` (the bank schema) with the question types' part made from the classes: the
    ``type`` enum and one ``if``/``then`` rule per type. ``tools/write_bank_schema.py`` writes it
    back to ``schemas/quiz_bank.schema.json``; a test checks that the file equals it."""
    import copy

    out = copy.deepcopy(schema)
    question = out["$defs"]["question"]
    question["properties"]["type"]["enum"] = list(QUESTION_TYPES)
    question["allOf"] = [t.schema_rule() for t in TYPES.values()]
    return out
