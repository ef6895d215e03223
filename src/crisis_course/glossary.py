"""The course glossary: one YAML file (``content/glossary.yaml``), validated on load.

Each entry: ``term`` and ``definition`` (required), ``lessons`` (list of lesson numbers),
``source`` (where the definition comes from), ``see_also`` (list of other terms).
"""
from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

__all__ = ["GlossaryError", "path", "validate", "load", "show"]

_FIELDS = {"term", "definition", "lessons", "source", "see_also"}


class GlossaryError(ValueError):
    """The glossary file is malformed; the message names the file and the term."""


def path() -> Path:
    return Path(str(resources.files("crisis_course") / "content" / "glossary.yaml"))


def _entries(file: Path) -> list:
    import yaml

    try:
        # libyaml's safe loader where installed: the same result, 8 times faster than the Python one
        doc = yaml.load(file.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    except FileNotFoundError:
        raise GlossaryError(f"{file}: glossary file is missing") from None
    except yaml.YAMLError as exc:
        raise GlossaryError(f"{file.name}: not valid YAML ({exc})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("terms"), list):
        raise GlossaryError(f"{file.name}: the file must have a top-level 'terms:' list")
    return doc["terms"]


def validate(file: str | Path | None = None) -> list[str]:
    """Return a list of problems in the glossary (empty when it is fine)."""
    from .safeyaml import validate_with

    return validate_with(_entries, _entry_problems, GlossaryError, file, path)


def _entry_problems(entries: list, file: Path) -> list[str]:
    problems, seen = [], {}
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            problems.append(f"{file.name}: entry {i} is not a mapping (term: ..., definition: ...)")
            continue
        term = entry.get("term")
        name = f"{file.name}: term {term!r}" if term else f"{file.name}: entry {i}"
        if not isinstance(term, str) or not term.strip():
            problems.append(f"{name}: field 'term' is missing or empty")
        if not isinstance(entry.get("definition"), str) or len(entry["definition"].strip()) < 10:
            problems.append(f"{name}: field 'definition' is missing or too short")
        unknown = set(entry) - _FIELDS
        if unknown:
            problems.append(f"{name}: unknown field(s) {', '.join(sorted(unknown))}")
        lessons = entry.get("lessons", [])
        if not isinstance(lessons, list) or not all(isinstance(x, int) and 0 <= x <= 8 for x in lessons):
            problems.append(f"{name}: field 'lessons' must be a list of lesson numbers 0-8")
        if "source" in entry and not isinstance(entry["source"], str):
            problems.append(f"{name}: field 'source' must be text")
        if "see_also" in entry and not (isinstance(entry["see_also"], list)
                                        and all(isinstance(x, str) for x in entry["see_also"])):
            problems.append(f"{name}: field 'see_also' must be a list of terms")
        if isinstance(term, str):
            key = term.strip().lower()
            if key in seen:
                problems.append(f"{name}: duplicate of entry {seen[key]} (merge them)")
            seen[key] = i
    return problems


def load(file: str | Path | None = None):
    """The glossary as a DataFrame (term, definition, lessons, source, see_also), sorted by term."""
    import pandas as pd

    file = Path(file) if file else path()
    try:
        stat = file.stat()
        key = (str(file.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None  # _entries names the missing file
    if key is not None and key in _LOADED:  # a lesson shows its terms in 3-5 cells: read the file once
        return _copy(_LOADED[key])
    entries = _entries(file)  # raises GlossaryError for a missing or unparsable file
    problems = _entry_problems(entries, file)
    if problems:
        raise GlossaryError("; ".join(problems))
    rows = [{"term": e["term"].strip(), "definition": " ".join(e["definition"].split()),
             "lessons": list(e.get("lessons", [])), "source": e.get("source", ""),
             "see_also": list(e.get("see_also", []))} for e in entries]
    df = pd.DataFrame(rows, columns=["term", "definition", "lessons", "source", "see_also"])
    df = df.sort_values("term", key=lambda s: s.str.lower()).reset_index(drop=True)
    if key is not None:
        _LOADED.clear()
        _LOADED[key] = df
    return _copy(df)


#: The last glossary read, by (path, modification time, size): an edited file is read again.
_LOADED: dict = {}


def _copy(df):
    """A copy the caller may change (the list columns copied too) without changing the kept one."""
    out = df.copy()
    for column in ("lessons", "see_also"):
        out[column] = [list(x) for x in df[column]]
    return out


class _GlossaryDisplay:
    def __init__(self, df, title, columns):
        self.df, self.title, self.columns = df, title, columns

    def _repr_html_(self):
        items = []
        for _, r in self.df.iterrows():
            src = f" <small>(Source: {html.escape(r['source'])})</small>" if r["source"] else ""
            # each term and its definition stay together in one column
            items.append(f"<div style='break-inside:avoid'><dt><strong>{html.escape(r['term'])}</strong></dt>"
                         f"<dd style='margin-left:1em'>{html.escape(r['definition'])}{src}</dd></div>")
        layout = f"column-count:{self.columns};column-gap:2em;" if self.columns > 1 else ""
        return (f"<div class='crisis-glossary'><p><strong>{html.escape(self.title)}</strong></p>"
                f"<dl style='{layout}margin:0'>{''.join(items)}</dl></div>")

    def __repr__(self):
        return "\n".join(f"{r['term']}: {r['definition']}" for _, r in self.df.iterrows())


def show(lesson: int | None = None, columns: int = 1, part: int = 1, parts: int = 1):
    """Display the glossary (or the terms one lesson uses) as a definition list.

    ``parts``/``part`` split a long list into ``parts`` nearly equal chunks (alphabetical) and show
    chunk ``part`` (1-based), so a lesson's glossary can span several slides:
    ``glossary.show(lesson=5, part=1, parts=2)`` then ``part=2``. ``columns`` lays the terms out
    side by side (fine in JupyterLab and HTML; reveal.js slides show columns badly, keep 1 there).
    """
    df = load()
    if lesson is not None:
        df = df[df["lessons"].map(lambda xs: lesson in xs)]
    parts = max(1, int(parts))
    if not 1 <= int(part) <= parts:
        raise ValueError(f"glossary.show: part must be between 1 and {parts}, got {part!r}")
    title = f"Glossary: terms used in lesson {lesson}" if lesson is not None else "Glossary"
    if parts > 1:
        size = -(-len(df) // parts)
        df = df.iloc[(int(part) - 1) * size: int(part) * size]
        title += f" ({part} of {parts})"
    return _GlossaryDisplay(df, title, max(1, int(columns)))
