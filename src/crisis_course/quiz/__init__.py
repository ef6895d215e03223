"""Quizzes: ``Quiz.from_bank("nato")`` shows a lesson's quiz (ipywidgets, with a static HTML copy).

Public API::

    from crisis_course.quiz import Quiz, validate_bank, QuizBankError, load_bank, all_banks

    quiz = Quiz.from_bank("nato")            # last expression of a cell -> the quiz
    quiz.questions[0].check("12")            # -> Result(correct=True, message=...)
    validate_bank("src/crisis_course/banks/nato.yaml")   # raises QuizBankError if bad
    validate_all_banks()                     # -> [] or a list of error messages
    bank_to_html("nato", instructor=True)    # static answer key (no script)

Modules: :mod:`.bank` (loading, validation), :mod:`.grading` (the Question and its check),
:mod:`.types` (one class per question type: its bank rules, grading, answer text, widget and static
HTML), :mod:`.answers` (reading numbers and text, the Result), :mod:`.widgets` (the Quiz),
:mod:`.live` (the live quiz's style sheet and status region), :mod:`.progress` (saved answers),
:mod:`.static` (HTML export), :mod:`.markup` (escaping and a tiny safe Markdown). Reference: docs/quiz.md.
"""
from __future__ import annotations

from .bank import (
    Bank,
    QuizBankError,
    all_banks,
    bank_errors,
    bank_names,
    bank_path,
    banks_dir,
    duplicate_id_errors,
    load_bank,
    validate_all_banks,
    validate_bank,
)
from .grading import QUESTION_TYPES, Question, Result, normalize_text, parse_number
from .progress import ProgressStore, ProgressWarning, progress_path, reset_progress
from .static import bank_to_html
from .widgets import QuestionView, Quiz, checkpoint

__all__ = [
    "Quiz",
    "QuestionView",
    "checkpoint",
    "Question",
    "Result",
    "Bank",
    "QuizBankError",
    "QUESTION_TYPES",
    "load_bank",
    "validate_bank",
    "validate_all_banks",
    "bank_errors",
    "all_banks",
    "bank_names",
    "bank_path",
    "banks_dir",
    "duplicate_id_errors",
    "bank_to_html",
    "normalize_text",
    "parse_number",
    "ProgressStore",
    "ProgressWarning",
    "progress_path",
    "reset_progress",
]
