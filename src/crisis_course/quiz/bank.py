"""Quiz banks: load a lesson's YAML bank, validate it (JSON Schema + semantic rules), list banks.

A bank is ``src/crisis_course/banks/<bank>.yaml`` (format: docs/AUTHORING.md, docs/quiz.md),
checked against ``schemas/quiz_bank.schema.json`` and then by :func:`_semantic_errors`
(the right option exists, ids are unique, ordering and matching keys are complete...).
Every problem raises :class:`QuizBankError` with a message that names the file, the question
and the field, e.g.::

    nato.yaml: question 'nato-founders': field 'answer': "13" is not one of the options
"""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .. import safeyaml
from .grading import Question
from .types import get_type

__all__ = [
    "QuizBankError",
    "Bank",
    "load_bank",
    "validate_bank",
    "all_banks",
    "bank_names",
    "bank_path",
    "banks_dir",
    "validate_all_banks",
    "duplicate_id_errors",
]


class QuizBankError(ValueError):
    """A quiz bank is missing or malformed. ``file``, ``question_id`` and ``field`` say where."""

    def __init__(self, message: str, file: str | None = None, question_id: str | None = None,
                 field: str | None = None, line: int | None = None):
        super().__init__(message)
        self.file, self.question_id, self.field, self.line = file, question_id, field, line


@dataclass
class Bank:
    """A loaded, validated bank: ``name``, ``title``, ``lesson``, ``questions``, ``path``."""

    name: str
    title: str
    questions: list[Question]
    lesson: int | None = None
    description: str = ""
    path: Path | None = None
    raw: dict = field(default_factory=dict, repr=False)

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)

    def __len__(self) -> int:
        return len(self.questions)


# ---------------------------------------------------------------------------- locations ----

def banks_dir() -> Path:
    """The folder of the banks that ship with the package."""
    return Path(str(resources.files("crisis_course") / "banks"))


def bank_names() -> list[str]:
    """Names of the banks in the package (file names without ``.yaml``), sorted."""
    d = banks_dir()
    return sorted(p.stem for p in d.glob("*.yaml")) if d.is_dir() else []


def bank_path(name_or_path) -> Path:
    """Resolve a bank name ("nato") or a path to a ``.yaml`` file."""
    s = os.fspath(name_or_path)
    if s.endswith((".yaml", ".yml")) or os.sep in s or "/" in s:
        path = Path(s)
        if not path.is_file():
            raise QuizBankError(f"{path}: no such quiz bank file", file=str(path))
        return path
    path = banks_dir() / f"{s}.yaml"
    if not path.is_file():
        names = ", ".join(bank_names()) or "none yet"
        raise QuizBankError(f"No quiz bank named {s!r} (looked for {path}). Available banks: {names}.",
                            file=f"{s}.yaml")
    return path


_SCHEMA = None


def _import_jsonschema():
    """jsonschema, imported without its optional format-checking helpers (quiz banks use no
    ``"format"`` keywords): the course's one import helper, :func:`crisis_course._jsonschema.load`."""
    from crisis_course._jsonschema import load

    return load()


def _validator():
    global _SCHEMA
    if _SCHEMA is None:
        jsonschema = _import_jsonschema()

        text = (resources.files("crisis_course") / "schemas" / "quiz_bank.schema.json").read_text("utf-8")
        schema = json.loads(text)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        _SCHEMA = cls(schema)
    return _SCHEMA


# ------------------------------------------------------------------------------ errors -----

def _where(data, path) -> tuple[str | None, str | None]:
    """(question id or '#n', field) for a jsonschema error path like ['questions', 3, 'answer', 0]."""
    path = list(path)
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        idx = path[1]
        qid = None
        try:
            q = data["questions"][idx]
            if isinstance(q, dict) and isinstance(q.get("id"), str):
                qid = q["id"]
        except (KeyError, IndexError, TypeError):
            pass
        qlabel = qid if qid is not None else f"#{idx + 1}"
        fld = path[2] if len(path) >= 3 else None
        if len(path) >= 4:
            fld = f"{path[2]}[{path[3]}]" if isinstance(path[3], int) else f"{path[2]}.{path[3]}"
        return qlabel, fld
    return None, (str(path[0]) if path else None)


def _format(fname: str, qid: str | None, fld: str | None, problem: str) -> str:
    parts = [fname]
    if qid is not None:
        parts.append(f"question {qid!r}" if not qid.startswith("#") else f"question {qid}")
    if fld is not None:
        parts.append(f"field {fld!r}")
    return ": ".join(parts + [problem])


def _schema_problem(err, data) -> tuple[str | None, str | None, str]:
    """Turn a jsonschema error into (question, field, readable problem)."""
    qid, fld = _where(data, err.absolute_path)
    v = err.validator
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        if qid is not None or fld == "questions":
            return qid, missing, "is missing (required)"
        return None, missing, "is missing (required)"
    if v == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        known = ", ".join(sorted(err.schema.get("properties", {})))
        return qid, extra[0] if extra else fld, f"unknown field (allowed: {known})"
    if v is False or err.validator_value is False or "False schema" in err.message:
        qtype = None
        try:
            qtype = data["questions"][list(err.absolute_path)[1]]["type"]
        except Exception:
            pass
        if fld is None:  # jsonschema does not put the property name in the path of a false schema
            try:
                q = data["questions"][list(err.absolute_path)[1]]
                fld = next(k for k, v in q.items() if v == err.instance and k not in ("id", "type"))
            except Exception:
                pass
        return qid, fld, f"is not used by questions of type {qtype!r}; remove it"
    if v == "type":
        problem = f"{err.instance!r} is not of type {err.validator_value!r}"
        if err.validator_value == "string" and isinstance(err.instance, (bool, int, float)):
            problem += " (YAML read it as a number or yes/no: put it in quotes)"
        return qid, fld, problem
    if v == "enum" and fld == "type":
        return qid, fld, f"{err.instance!r} is not a question type (use one of: {', '.join(err.validator_value)})"
    if v == "pattern" and fld in ("id", "bank"):
        return qid, fld, f"{err.instance!r} must be lowercase letters, digits, '-' or '_'"
    if v in ("pattern", "minLength") and isinstance(err.instance, str) and not err.instance.strip():
        return qid, fld, "is empty"
    if v == "minItems":
        return qid, fld, f"needs at least {err.validator_value} entries (has {len(err.instance)})"
    if v == "minimum":
        return qid, fld, f"{err.instance!r} is negative: it must be >= {err.validator_value}"
    return qid, fld, err.message


def _schema_errors(data, fname: str) -> list[tuple[str | None, str | None, str]]:
    jsonschema = _import_jsonschema()
    errors = list(_validator().iter_errors(data))
    if not errors:
        return []
    out = []
    # One message per location, the most specific first.
    seen = set()
    def order(e):
        return [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in e.absolute_path]

    for err in sorted(errors, key=order):
        best = jsonschema.exceptions.best_match([err])
        loc = _schema_problem(best, data)
        key = (loc[0], loc[1])
        if key in seen:
            continue
        seen.add(key)
        out.append(loc)
    return out


def _feedback_errors(q: dict) -> list[tuple[str | None, str | None, str]]:
    """Feedback and instructor-note keys must name something the question has (its type says what)."""
    out = list(get_type(q["type"]).feedback_errors(q))
    qid = q["id"]
    if qid != qid.strip():
        out.append((qid, "id", "has spaces at the start or end"))
    return out


def _semantic_errors(data: dict, stem: str | None) -> list[tuple[str | None, str | None, str]]:
    """Rules JSON Schema cannot express. Assumes the schema has passed."""
    out = []
    if stem is not None and data["bank"] != stem:
        out.append((None, "bank", f"{data['bank']!r} must equal the file name {stem!r}"))
    counts = Counter(q["id"] for q in data["questions"])
    for dup in sorted(i for i, n in counts.items() if n > 1):
        out.append((dup, "id", "is used by more than one question in this bank"))
    for q in data["questions"]:
        out.extend(_feedback_errors(q))
        out.extend(get_type(q["type"]).bank_errors(q))
    return out


# ------------------------------------------------------------------------------ loading ----

def _read_yaml(path: Path):
    """Read a bank with the course's strict YAML reader (bounded size, no aliases, no
    duplicate keys, no NaN/infinity); problems become :class:`QuizBankError`."""
    try:
        return safeyaml.load_file(path)
    except safeyaml.ContentFileError as exc:
        raise QuizBankError(str(exc), file=exc.file or path.name, line=exc.line) from None


def _errors_for(data, fname: str, stem: str | None) -> list[tuple[str | None, str | None, str]]:
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        return [(None, None, f"the file is {kind}; a bank is a mapping with bank, title and questions")]
    errors = _schema_errors(data, fname)
    if errors:
        return errors
    return _semantic_errors(data, stem)


_CACHE: dict[tuple[str, int, int], Bank] = {}


def load_bank(name_or_path) -> Bank:
    """Load and validate a bank by name ("nato") or path; raise :class:`QuizBankError` if bad.

    Results are cached per file (path, modification time and size), so editing a bank and
    calling again picks up the change.
    """
    if isinstance(name_or_path, Bank):
        return name_or_path
    path = bank_path(name_or_path)
    try:
        st = path.stat()
        key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        key = None
    if key is not None and key in _CACHE:
        return _CACHE[key]
    fname = path.name
    data = _read_yaml(path)
    errors = _errors_for(data, fname, path.stem)
    if errors:
        qid, fld, problem = errors[0]
        msg = _format(fname, qid, fld, problem)
        if len(errors) > 1:
            msg += f"\n(and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''}:\n" + "\n".join(
                "  " + _format(fname, *e) for e in errors[1:6]) + ("\n  ..." if len(errors) > 6 else "") + ")"
        raise QuizBankError(msg, file=fname, question_id=qid, field=fld)
    bank = Bank(
        name=data["bank"],
        title=data["title"],
        lesson=data.get("lesson"),
        description=data.get("description", ""),
        questions=[Question.from_dict(q, bank=data["bank"]) for q in data["questions"]],
        path=path,
        raw=data,
    )
    if key is not None:
        _CACHE[key] = bank
    return bank


def validate_bank(path) -> Bank:
    """Validate one bank file (or name); return it, or raise :class:`QuizBankError`."""
    return load_bank(path)


def bank_errors(path) -> list[str]:
    """Every problem in one bank file, as messages (empty list if the bank is fine)."""
    path = Path(path)
    try:
        data = _read_yaml(path)
    except QuizBankError as exc:
        return [str(exc)]
    return [_format(path.name, *e) for e in _errors_for(data, path.name, path.stem)]


def all_banks() -> list[Bank]:
    """Every bank in the package, loaded and validated (raises on the first bad bank)."""
    return [load_bank(banks_dir() / f"{n}.yaml") for n in bank_names()]


def duplicate_id_errors(banks) -> list[str]:
    """Messages for question ids used in more than one bank."""
    where: dict[str, list[str]] = {}
    for b in banks:
        for q in b.questions:
            where.setdefault(q.id, []).append(b.path.name if b.path else f"{b.name}.yaml")
    return [
        f"{files[0]}: question {qid!r}: field 'id': is also used in {', '.join(files[1:])} "
        "(question ids must be unique across all banks)"
        for qid, files in sorted(where.items())
        if len(files) > 1
    ]


def validate_all_banks(directory=None) -> list[str]:
    """Validate every bank in ``directory`` (default: the package's banks) and their ids.

    Returns a list of error messages; an empty list means every bank is fine. Used by the
    tests and by ``crisis-course check``.
    """
    d = Path(directory) if directory is not None else banks_dir()
    errors: list[str] = []
    good: list[Bank] = []
    for path in sorted(d.glob("*.yaml")):
        problems = bank_errors(path)
        if problems:
            errors.extend(problems)
            continue
        good.append(load_bank(path))
    errors.extend(duplicate_id_errors(good))
    return errors
