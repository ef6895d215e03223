"""One hardened YAML reader for every content file (quiz banks, glossary, notes, manifest).

Content files are edited by hand by instructors, so the reader is strict and bounded:

- the file must be at most :data:`MAX_BYTES` and be UTF-8 text;
- anchors and aliases (``&a`` / ``*a``) are refused: a few hundred bytes of nested aliases
  (a "billion laughs" file) would otherwise expand into gigabytes during validation;
- a key given twice in one mapping is refused (YAML would silently keep the last one);
- NaN and infinite numbers are refused anywhere in the file.

Every problem raises :class:`ContentFileError` with the file name, the line when known and
what to change.
"""
from __future__ import annotations

import math
from pathlib import Path

import yaml

__all__ = ["ContentFileError", "MAX_BYTES", "load_text", "load_file"]

#: Largest content file accepted (bytes). The biggest shipped file is about 60 kB.
MAX_BYTES = 2_000_000

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentFileError(ValueError):
    """A content file that cannot be read as plain, safe YAML."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.file = file
        self.line = line


class _StrictLoader(_BASE):  # type: ignore[misc, valid-type]
    """A safe loader that refuses aliases, duplicate keys and non-finite numbers."""

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            mark = node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None,
                "anchors and aliases (&name / *name) are not allowed in course files: "
                "write the value out in full", mark)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True) if key_node.tag.endswith(
                    (":str", ":int", ":bool", ":null", ":float")) else None
                if key is None:
                    continue
                try:
                    hash(key)
                except TypeError:
                    continue
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        "while reading a mapping", node.start_mark,
                        f"the key {key!r} appears twice (first on line {seen[key] + 1}): "
                        "YAML would silently keep only the last one", key_node.start_mark)
                seen[key] = key_node.start_mark.line
            # the keys were constructed above; let the normal path construct them again
            for key_node, _ in node.value:
                self.constructed_objects.pop(key_node, None)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_float(self, node):
        value = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a finite number (NaN and infinity are not allowed)",
                node.start_mark)
        return value


_StrictLoader.add_constructor("tag:yaml.org,2002:float", _StrictLoader.construct_yaml_float)


def _error(fname: str, exc: yaml.YAMLError) -> ContentFileError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    line = mark.line + 1 if mark is not None else None
    where = f"line {line}, column {mark.column + 1}" if mark is not None else "somewhere"
    kind = "YAML syntax error" if not isinstance(exc, yaml.constructor.ConstructorError) else "not allowed"
    detail = f"{context}, {problem}" if context and kind == "YAML syntax error" else problem
    return ContentFileError(f"{fname}: {kind} at {where}: {detail}", file=fname, line=line)


def load_text(text: str, fname: str = "<text>"):
    """Parse ``text`` strictly; raise :class:`ContentFileError` naming ``fname``."""
    if len(text) > MAX_BYTES:
        raise ContentFileError(f"{fname}: the file is larger than {MAX_BYTES:,} characters; "
                               "split it or check that it is the right file", file=fname)
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise _error(fname, exc) from None
    except RecursionError:
        raise ContentFileError(f"{fname}: nested too deeply to read", file=fname) from None


def load_file(path) -> object:
    """Read and parse one content file strictly (see the module docstring)."""
    path = Path(path)
    fname = path.name
    try:
        if not path.is_file():
            raise ContentFileError(f"{fname}: not a regular file", file=fname)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ContentFileError(f"{fname}: the file is {size:,} bytes, more than the {MAX_BYTES:,} allowed",
                                   file=fname)
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentFileError(f"{fname}: not UTF-8 text ({exc})", file=fname) from None
    except OSError as exc:
        raise ContentFileError(f"{fname}: cannot be read ({exc.strerror or exc})", file=fname) from None
    return load_text(text, fname)


def load_valid(path, problems, error: type[Exception] = ValueError):
    """A content file's data after ``problems(data)`` found nothing; otherwise ``error`` listing
    every problem (one per line). A file that cannot be read raises ``error`` too (a
    :class:`ContentFileError` when ``error`` is ValueError)."""
    try:
        data = load_file(path)
    except ContentFileError as exc:
        if issubclass(ContentFileError, error):
            raise
        raise error(str(exc)) from None
    errs = problems(data)
    if errs:
        raise error("\n".join(errs))
    return data


def load_checked(path, key: str, problems) -> tuple:
    """The list under ``key`` of a content file, after ``problems(data)`` found nothing; otherwise
    ValueError listing every problem (for the small typed tables: pipelines, deployments)."""
    return tuple(load_valid(path, problems)[key])


def table_rows(path, key: str, data=None) -> tuple[list | None, list[str]]:
    """(rows, problems) of a small typed table: the list under ``key`` of ``data`` (read from
    ``path`` when None), or None and the reason it cannot be read as one."""
    name = Path(path).name
    if data is None:
        try:
            data = load_file(path)
        except ContentFileError as exc:
            return None, [str(exc)]
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        return None, [f"{name}: must be a mapping with a list {key!r}"]
    return data[key], []


def schema_problems(data, schema: dict, fname: str) -> list[str]:
    """Every JSON Schema problem of a parsed content file as ``fname: path/in/file: message``,
    in file order (empty when it is valid)."""
    from ._jsonschema import load

    errors = load().Draft202012Validator(schema).iter_errors(data)
    return [f"{fname}: {'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in sorted(errors, key=lambda e: [(0, p, "") if isinstance(p, int) else (1, 0, str(p))
                                                   for p in e.absolute_path])]


def validate_with(read, check, error: type[Exception], file, default) -> list[str]:
    """The problems of a content file: ``read(path)`` (its ``error`` becomes the one problem),
    then ``check(rows, path)``. ``file`` None means ``default()``, the shipped file."""
    path = Path(file) if file else default()
    try:
        rows = read(path)
    except error as exc:
        return [str(exc)]
    return check(rows, path)
