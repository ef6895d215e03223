"""The ``crisis-course`` command line tool.

Each subcommand lives in the module that does the job and registers itself here through a
``register(subparsers)`` function, so this file only wires them together.
"""
from __future__ import annotations

import argparse
import importlib
import sys

#: Modules that contribute subcommands (each defines ``register(subparsers)``).
SUBCOMMAND_MODULES = [
    "crisis_course.export",      # slides, handouts, answer-key, figures
    "crisis_course.checks",      # check
    "crisis_course.exercises",   # exercises
    "crisis_course.lms",         # export-quiz
    "crisis_course.receipt",     # receipt
    "crisis_course.results",     # results
    "crisis_course.site",        # site
    "crisis_course.init",        # init
    "crisis_course.notes",       # instructor-notebooks
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crisis-course",
        description="Tools for the 'Two Agendas' course: export slides and handouts, "
        "write the answer key, generate exercises from solutions, check the course.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # before nbconvert/nbformat import jsonschema with its format helpers (rfc3987_syntax alone
    # compiles ~40 grammars: ~1.5 s of CPU in every crisis-course process); see _jsonschema
    from crisis_course import _jsonschema

    _jsonschema.load()
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # the module is not written yet
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
