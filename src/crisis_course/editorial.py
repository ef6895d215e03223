"""Editorial content kept out of Python: one loader for the course's small content files.

``content/reading.yaml`` (the course's reading of the article: actors, signs of translation,
sentence roles, assumptions; used by :mod:`crisis_course.textanalysis`) and
``content/energy_caveats.yaml`` (reporting caveats and map label positions; used by
:mod:`crisis_course.energy`) are validated against ``schemas/editorial.schema.json`` plus a few
rules a schema cannot say (regular expressions compile, sentence roles use a defined label,
lessons exist). :func:`problems` returns every problem of every file at once; :func:`load` raises
:class:`EditorialError` listing them all.
"""
from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from . import safeyaml

__all__ = ["FILES", "EditorialError", "load", "problems", "path"]

#: file stem -> schema definition name
FILES = {"reading": "reading", "energy_caveats": "energy_caveats"}


class EditorialError(ValueError):
    """One or more editorial content files are malformed; the message lists every problem."""


def path(name: str) -> Path:
    return Path(str(resources.files("crisis_course") / "content" / f"{name}.yaml"))


@lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads((resources.files("crisis_course") / "schemas" / "editorial.schema.json").read_text("utf-8"))


def _file_problems(name: str, data) -> list[str]:
    fname = f"{name}.yaml"
    schema = dict(_schema())
    schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{FILES[name]}"}
    out = safeyaml.schema_problems(data, schema, fname)
    if out:
        return out
    if name == "reading":
        for actor, patterns in data["actors"].items():
            for p in patterns:
                try:
                    re.compile(p)
                except re.error as exc:
                    out.append(f"{fname}: actors/{actor}: {p!r} is not a valid regular expression ({exc})")
        for i, sign in enumerate(data["translation_signs"]):
            try:
                re.compile(sign["pattern"])
            except re.error as exc:
                out.append(f"{fname}: translation_signs/{i} ({sign['sign']}): pattern is not valid ({exc})")
        for i, row in enumerate(data["sentence_roles"]):
            if row["role"] not in data["role_labels"]:
                out.append(f"{fname}: sentence_roles/{i}: role {row['role']!r} is not one of role_labels")
        from . import course

        numbers = {lesson.number for lesson in course.load().lessons}
        for i, row in enumerate(data["assumptions"]):
            if row["lesson"] not in numbers:
                out.append(f"{fname}: assumptions/{i}: lesson {row['lesson']} is not in course.yaml")
    return out


def problems() -> list[str]:
    """Every problem in every editorial file (empty when all are fine)."""
    out = []
    for name in FILES:
        try:
            data = safeyaml.load_file(path(name))
        except safeyaml.ContentFileError as exc:
            out.append(str(exc))
            continue
        out.extend(_file_problems(name, data))
    return out


@cache
def load(name: str) -> dict:
    """One editorial file, validated; raises :class:`EditorialError` with every problem."""
    if name not in FILES:
        raise KeyError(f"no editorial file {name!r}; choose from {', '.join(FILES)}")
    try:
        data = safeyaml.load_file(path(name))
    except safeyaml.ContentFileError as exc:
        raise EditorialError(str(exc)) from None
    errs = _file_problems(name, data)
    if errs:
        raise EditorialError("\n".join(errs))
    return data
