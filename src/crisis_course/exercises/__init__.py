"""The exercise track: checks for the exercise notebooks, and the generator that writes them.

In a notebook::

    from crisis_course.exercises import check
    check.task_1_1(actor_totals)     # -> "✓ Correct", "✗ Not yet: ... Hint: ..." or "Not attempted yet"

Modules:

``check``       every check function, ``check.task_N_M(...)`` (one per task; see ``check.TASKS``)
``feedback``    the :class:`~crisis_course.exercises.feedback.Feedback` they return, and helpers
``lesson1`` ... ``lesson7``  the checks of each lesson's exercises, the ``expected_*`` answers
                they compute from the course data at run time, and small helpers the notebooks use
``nocode``      the no-code track: ``choose(task_id)`` (radio buttons + Check, static fallback) and
                and the choice check; ``choice_tasks`` the options and feedback of each choice task;
``nocode_checks`` the checks of the fill-a-blank / change-a-value / choice tasks (ids ``1.a``, ``1.b`` ...)
``stated_times`` which lesson each exercise follows and the minutes it states per track
``generate``    ``crisis-course exercises``: writes ``exercises/`` from ``solutions/``

The rules for authors (markers, placeholders, the "never overwrite a student's notebook" rule)
are in ``docs/exercises.md``. Importing this package is cheap: the lesson modules (pandas,
geopandas) load only when used.
"""
from __future__ import annotations

import importlib

__all__ = ["check", "register"]

_SUBMODULES = {"check", "feedback", "generate", "lesson1", "lesson2", "lesson3", "lesson4", "lesson5",
               "lesson6", "lesson7", "nocode", "choice_tasks", "nocode_checks",
               "openanswers", "stated_times"}


def __getattr__(name: str):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def register(subparsers) -> None:
    """Add the ``exercises`` subcommand to the ``crisis-course`` command line."""
    from .generate import register as _register

    _register(subparsers)
