#!/usr/bin/env python3
"""Write the question types' part of ``src/crisis_course/schemas/quiz_bank.schema.json`` from the
type classes (``crisis_course.quiz.types``): the ``type`` enum and one ``if``/``then`` rule per
type (the fields it requires, their constraints, the typed fields it refuses).

The file stays a complete JSON Schema (editors and other tools can validate a bank with it);
the classes are where a type's fragment is written. Run this after adding or changing a type;
``tests/test_quiz_types.py`` fails while the file and the classes disagree.

    python tools/write_bank_schema.py          # rewrite the file
    python tools/write_bank_schema.py --check  # exit 1 if the file is out of date
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from crisis_course.quiz.types import bank_schema

SCHEMA = Path(__file__).resolve().parents[1] / "src" / "crisis_course" / "schemas" / "quiz_bank.schema.json"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether the file is up to date")
    args = parser.parse_args(argv)
    current = json.loads(SCHEMA.read_text(encoding="utf-8"))
    wanted = bank_schema(current)
    if args.check:
        if wanted != current:
            print(f"{SCHEMA} is out of date: run python tools/write_bank_schema.py")
            return 1
        print(f"{SCHEMA.name} matches the question type classes")
        return 0
    SCHEMA.write_text(json.dumps(wanted, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {SCHEMA}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
