"""The dataset registry (``data/datasets.yaml``): one entry per shipped data file.

Each entry holds everything the course says about one file: its name for :func:`crisis_course.data.load`,
the columns and their kinds, the key columns (never empty), the years, the attribution line for
figures, the licence and provenance, the README that documents it, and its SHA-256 and size. The
loaders, the checksum verification, ``crisis-course check``, ``data.ATTRIBUTION`` and the tables in
``data/SOURCES.md`` and ``data/README.md`` all come from it, so nothing has to be kept in step by hand.

The registry is validated against ``schemas/datasets.schema.json`` plus the rules the schema cannot
say (names and files unique, one text per attribution key, key columns among the columns, the file
and its README present); :func:`problems` returns every problem at once.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import safeyaml

__all__ = ["DataFileError", "Dataset", "REGISTRY_FILE", "load", "file_stamp", "problems", "write_checksums",
           "render_sources_table", "render_readme_table", "render_attributions", "update_docs", "docs_problems"]

REGISTRY_FILE = "datasets.yaml"
DATA_SUFFIXES = {".csv", ".geojson", ".json"}


class DataFileError(RuntimeError):
    """A data file that ships with the course (or its registry) is missing or damaged."""


@dataclass(frozen=True)
class Dataset:
    name: str
    file: str
    description: str
    years: str
    columns: dict
    key_columns: tuple[str, ...]
    attribution_key: str
    attribution: str
    licence: str
    origin: str
    transformation: str
    readme: str
    sha256: str
    bytes: int
    repository: str = ""
    commit: str = ""
    path: str = ""
    notes: str = ""

    @property
    def is_map(self) -> bool:
        return self.file.endswith(".geojson")


def _schema() -> dict:
    return json.loads((resources.files("crisis_course") / "schemas" / "datasets.schema.json").read_text("utf-8"))


def problems(raw, folder: Path | None = None) -> list[str]:
    """Every problem in a parsed registry (empty when it is fine); ``folder`` also checks the files."""

    if not isinstance(raw, dict):
        return [f"{REGISTRY_FILE}: the file must be a mapping with a list 'datasets'"]
    out = safeyaml.schema_problems(raw, _schema(), REGISTRY_FILE)
    if out:
        return out
    entries = raw["datasets"]
    for key in ("name", "file"):
        values = [e[key] for e in entries]
        for v in sorted({v for v in values if values.count(v) > 1}):
            out.append(f"{REGISTRY_FILE}: {key} {v!r} is used by more than one dataset")
    texts: dict[str, str] = {}
    for e in entries:
        where = f"{REGISTRY_FILE}: dataset {e['name']!r}"
        missing = [c for c in e.get("key_columns", ()) if c not in e["columns"]]
        if missing:
            out.append(f"{where}: key column(s) {', '.join(missing)} not among its columns")
        first = texts.setdefault(e["attribution_key"], e["attribution"])
        if first != e["attribution"]:
            out.append(f"{where}: attribution_key {e['attribution_key']!r} has another text in an earlier entry; "
                       "one key, one text")
        if folder is not None:
            if not (folder / e["file"]).is_file():
                out.append(f"{where}: file {e['file']} is not in {folder}")
            if not (folder / e["readme"]).is_file():
                out.append(f"{where}: readme {e['readme']} is not in {folder}")
    return out


_cache: dict[Path, tuple[tuple[int, int], dict[str, Dataset]]] = {}


def file_stamp(path: Path, label: str) -> tuple[int, int]:
    """``(size, mtime_ns)`` of ``path``; :class:`DataFileError` saying ``label`` is missing if it is."""
    try:
        st = Path(path).stat()
    except OSError:
        raise DataFileError(f"{label} is missing (looked in {path}). "
                            "Reinstall the course package to restore it.") from None
    return st.st_size, st.st_mtime_ns


def load(path: Path) -> dict[str, Dataset]:
    """The registry at ``path`` as {file name: Dataset}; re-read when the file changes.

    Raises :class:`DataFileError` naming the registry and listing every problem."""
    path = Path(path)
    stamp = file_stamp(path, f"The dataset registry {REGISTRY_FILE}")
    hit = _cache.get(path)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    raw = safeyaml.load_valid(path, problems, DataFileError)
    out = {}
    for e in raw["datasets"]:
        e = dict(e)
        e["key_columns"] = tuple(e.get("key_columns", ()))
        out[e["file"]] = Dataset(**e)
    _cache[path] = (stamp, out)
    return out


# ------------------------------------------------------------------ writing checksums and docs ----

def write_checksums(folder: Path) -> list[str]:
    """Fill in ``sha256`` and ``bytes`` of every entry of ``folder/datasets.yaml`` from the files
    (comments and layout kept), then regenerate the tables in SOURCES.md and README.md.
    Returns the names of the files whose checksum changed."""
    import hashlib

    path = folder / REGISTRY_FILE
    entries = load(path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = []
    current = None
    for i, line in enumerate(lines):
        m = re.match(r"^\s*(?:- )?\s*file:\s*(\S+)\s*$", line)
        if m:
            current = m.group(1).strip("\"'")
            continue
        m = re.match(r"^(\s*)(sha256|bytes):", line)
        if m and current in entries and (folder / current).is_file():
            raw = (folder / current).read_bytes()
            value = hashlib.sha256(raw).hexdigest() if m.group(2) == "sha256" else str(len(raw))
            new = f"{m.group(1)}{m.group(2)}: {value}\n"
            if new != line:
                lines[i] = new
                if current not in changed:
                    changed.append(current)
    path.write_text("".join(lines), encoding="utf-8")
    update_docs(folder)
    return changed


def _cell(text: str) -> str:
    return (text or "—").replace("|", "\\|").replace("\n", " ")


def render_sources_table(entries) -> str:
    rows = ["| file | size (bytes) | sha256 (first 16) | origin | repository @ commit : path | licence | "
            "transformation | notes |", "|---|---|---|---|---|---|---|---|"]
    for d in entries:
        where = f"{d.repository or '—'} @ `{d.commit or '—'}` : `{d.path or '—'}`"
        notes = d.readme + (f" ({d.notes})" if d.notes else "")
        rows.append(f"| `{d.file}` | {d.bytes:,} | `{d.sha256[:16]}` | {_cell(d.origin)} | {_cell(where)} | "
                    f"{_cell(d.licence)} | {_cell(d.transformation)} | {_cell(notes)} |")
    return "\n".join(rows)


def render_readme_table(entries) -> str:
    rows = ["| file | what | years | licence | details |", "|---|---|---|---|---|"]
    for d in entries:
        rows.append(f"| `{d.file}` | {_cell(d.description)} | {_cell(d.years)} | {_cell(d.licence)} | {d.readme} |")
    return "\n".join(rows)


def render_attributions(entries) -> str:
    by_key: dict[str, list] = {}
    for d in entries:
        by_key.setdefault(d.attribution_key, []).append(d)
    return "\n".join(f"- `{key}` ({', '.join(f'`{d.file}`' for d in ds)}): *{ds[0].attribution}*"
                     for key, ds in by_key.items())


#: file name -> [(marker name, renderer)]; each block sits between BEGIN/END comment lines
_DOC_BLOCKS = {
    "SOURCES.md": [("files", render_sources_table), ("attributions", render_attributions)],
    "README.md": [("files", render_readme_table)],
}


def _markers(name: str) -> tuple[str, str]:
    return (f"<!-- BEGIN {name}: generated from {REGISTRY_FILE} by data.write_checksums(); do not edit -->",
            f"<!-- END {name} -->")


def _render_doc(text: str, entries, blocks) -> tuple[str, list[str]]:
    missing = []
    for name, render in blocks:
        begin, end = _markers(name)
        if begin not in text or end not in text:
            missing.append(name)
            continue
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = f"{head}{begin}\n{render(entries)}\n{end}{tail}"
    return text, missing


def update_docs(folder: Path) -> None:
    """Regenerate the registry's tables inside SOURCES.md and README.md of ``folder``."""
    entries = list(load(folder / REGISTRY_FILE).values())
    for doc, blocks in _DOC_BLOCKS.items():
        path = folder / doc
        if path.is_file():
            text, _ = _render_doc(path.read_text(encoding="utf-8"), entries, blocks)
            path.write_text(text, encoding="utf-8")


def docs_problems(folder: Path) -> list[str]:
    """Where SOURCES.md or README.md no longer agree with the registry (empty when they agree)."""
    entries = list(load(folder / REGISTRY_FILE).values())
    out = []
    for doc, blocks in _DOC_BLOCKS.items():
        path = folder / doc
        if not path.is_file():
            out.append(f"data/{doc}: missing")
            continue
        text = path.read_text(encoding="utf-8")
        new, missing = _render_doc(text, entries, blocks)
        for name in missing:
            out.append(f"data/{doc}: the generated block {name!r} (BEGIN/END comment lines) is missing")
        if new != text:
            out.append(f"data/{doc}: its tables differ from {REGISTRY_FILE}: run "
                       "python -c \"from crisis_course import data; data.write_checksums()\"")
    return out
