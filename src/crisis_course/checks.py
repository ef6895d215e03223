"""``crisis-course check``: validate the course before teaching it or committing a change.

Four groups of checks, each reported line by line as ``OK: ...`` or ``PROBLEM: file: message``:

``banks``
    every quiz bank passes :func:`crisis_course.quiz.validate_all_banks` (schema, answers among
    the options, ids unique across banks); each lesson bank has at least 6 questions of at least
    3 types (docs/AUTHORING.md); every ``Quiz.from_bank("...")`` in a lesson names a bank that exists.
``data``
    the dataset registry ``data/datasets.yaml`` is valid; every dataset in it loads (columns, key
    columns, checksum); the contents are sane (rows present, ``iso_a3`` codes filled, years and
    percentages in range); every data file has an entry; the tables in ``data/SOURCES.md`` and
    ``data/README.md`` agree with the registry.
``content``
    the course timeline, glossary, article and government readouts load and validate (with the
    modules' own ``validate`` functions where they exist).
``notebooks``
    lessons, exercises and solutions are clean (valid nbformat, no outputs, no execution counts,
    no ``metadata.widgets``, kernel ``python3``); lessons also have slide metadata on every cell,
    a ``# Lesson N: ...`` title slide, speaker notes and a quiz, and no LaTeX math (the offline
    decks ship without MathJax).

The exit status is 1 when any problem is found, 0 otherwise. :func:`run_checks` returns the
results for use from Python (the tests use it).
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Result", "run_checks", "check_banks", "check_data", "check_content", "check_notebooks",
           "GROUPS", "register"]

GROUPS = ("banks", "data", "content", "notebooks", "cutoff")

def _lesson_banks() -> dict[int, str]:
    """Lesson number -> bank name, from the course manifest (content/course.yaml)."""
    from . import course

    return course.load().banks

SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}

#: Wording that only makes sense to a teacher; it belongs in content/notes/, not the student notebook.
INSTRUCTOR_WORDING = re.compile(
    r"(?i)\binstructors?\s*:|\binstructor notes?\b|\bspeaker notes\b|\bask (?:the )?(?:class|students)\b"
    r"|\bon the board\b|\bdebrief\b|\blet (?:the )?students\b|\bthe class (?:should|can|will)\b")


@dataclass
class Result:
    """One line of the report: ``ok`` True for OK lines; ``where`` is a file or a topic."""

    group: str
    ok: bool
    where: str
    message: str

    def line(self) -> str:
        if self.ok:
            return f"OK: {self.where}: {self.message}" if self.message else f"OK: {self.where}"
        return f"PROBLEM: {self.where}: {self.message}"


def _ok(group, where, message=""):
    return Result(group, True, where, message)


def _problem(group, where, message):
    return Result(group, False, where, message)


def _split_problem(group: str, text: str) -> Result:
    """Turn a message like ``nato.yaml: question 'x': ...`` into a Result with its file."""
    first = str(text).strip()
    if ": " in first.split("\n", 1)[0]:
        where, message = first.split(": ", 1)
        if len(where) < 80 and " " not in where.strip():
            return _problem(group, where, message)
    return _problem(group, "-", first)


# ------------------------------------------------------------------------------ banks -------

def _lesson_quiz_banks(root: Path) -> dict[str, list[str]]:
    """Lesson file name -> bank names used by ``Quiz.from_bank("...")`` in its code cells."""
    import nbformat

    pattern = re.compile(r"""Quiz\.from_bank\(\s*["']([^"']+)["']""")
    found = {}
    for path in sorted((root / "lessons").glob("*.ipynb")):
        try:
            nb = nbformat.read(str(path), as_version=4)
        except Exception:  # reported by the notebook checks
            continue
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        found[path.name] = pattern.findall(code)
    return found


def check_banks(root: Path) -> list[Result]:
    from .quiz import QuizBankError, bank_names, load_bank, validate_all_banks

    results: list[Result] = []
    names = bank_names()
    if not names:
        return [_problem("banks", "src/crisis_course/banks", "no quiz banks found")]
    errors = validate_all_banks()
    for err in errors:
        results.append(_split_problem("banks", err))
    bad_files = {r.where for r in results}
    for name in names:
        if f"{name}.yaml" in bad_files:
            continue
        try:
            bank = load_bank(name)
        except QuizBankError as exc:  # pragma: no cover - validate_all_banks reports it
            results.append(_split_problem("banks", str(exc)))
            continue
        types = {q.type for q in bank.questions}
        rules = []
        if name in _lesson_banks().values():
            if len(bank.questions) < 6:
                rules.append(f"has {len(bank.questions)} questions; a lesson bank needs at least 6")
            if len(types) < 3:
                rules.append(f"uses {len(types)} question type(s); a lesson bank needs at least 3")
            recall = sum(1 for q in bank.questions if q.level == "recall")
            if recall * 4 > len(bank.questions):
                rules.append(f"{recall} of {len(bank.questions)} questions are level 'recall'; at most 25% may be "
                             "(rewrite some to apply the idea to a new case: docs/AUTHORING.md, 'Question levels')")
            end_quiz = sum(1 for q in bank.questions if not q.checkpoint)
            if end_quiz < 5:
                rules.append(f"only {end_quiz} questions are left for the end-of-lesson quiz after the checkpoints")
        for rule in rules:
            results.append(_problem("banks", f"{name}.yaml", rule))
        if not rules:
            results.append(_ok("banks", f"{name}.yaml",
                               f"{len(bank.questions)} questions, {len(types)} types"))
    for lesson, used in _lesson_quiz_banks(root).items():
        if not used:
            continue  # the notebook checks report a lesson without a quiz
        for bank in used:
            if bank not in names:
                results.append(_problem("banks", f"lessons/{lesson}",
                                        f"Quiz.from_bank({bank!r}) names a bank that does not exist "
                                        f"(banks: {', '.join(names)})"))
        number = int(lesson[:2]) if lesson[:2].isdigit() else None
        expected = _lesson_banks().get(number)
        if expected and expected not in used and expected in names:
            results.append(_problem("banks", f"lessons/{lesson}",
                                    f"uses bank(s) {', '.join(used)} but docs/AUTHORING.md assigns "
                                    f"bank {expected!r} to lesson {number}"))
    if not errors:
        results.append(_ok("banks", "all banks", f"{len(names)} banks valid, question ids unique"))
    return results


# ------------------------------------------------------------------------------- data -------

def _data_sanity(name: str, df, entry=None) -> list[str]:
    """What is wrong with one loaded dataset, judged by its registry ``entry`` (years, key columns,
    ``pct`` columns): no rows, an empty key, ``iso_a3`` missing on a country row, years outside the
    documented range, percentages outside 0-100, shapes without geometry, not 30 NATO members."""
    import re

    problems = []
    if len(df) == 0:
        return ["has no rows"]
    if entry is None:
        from . import data

        entry = next((d for d in data.registry().values() if d.name == name), None)
    keys = list(entry.key_columns) if entry is not None else []
    if "iso_a3" in df.columns and "iso_a3" not in keys:
        keys.append("iso_a3")
    for key in keys:
        if key in df.columns:
            rows = df[~df["is_aggregate"].astype(bool)] if "is_aggregate" in df.columns else df
            missing = int(rows[key].isna().sum())
            if missing:
                problems.append(f"{missing} row(s) without {key}")
    years = re.match(r"^(\d{4})\D+(\d{4})", entry.years) if entry is not None else None
    if years and "year" in df.columns:
        lo, hi = int(df["year"].min()), int(df["year"].max())
        if lo < int(years[1]) or hi > int(years[2]):
            problems.append(f"years {lo}-{hi} fall outside the documented {years[1]}-{years[2]}")
    pct_cols = [c for c, kind in entry.columns.items() if kind == "pct"] if entry is not None else []
    for col in pct_cols:
        if col in df.columns:
            values = df[col].dropna()
            if len(values) and (values.min() < -0.01 or values.max() > 100.01):
                problems.append(f"column {col} has values outside 0-100 ({values.min():g} to {values.max():g})")
    if name == "nato_members":
        from . import KNOWLEDGE_CUTOFF, data

        count = len(data.nato_members(as_of=KNOWLEDGE_CUTOFF))
        if count != 30:
            problems.append(f"{count} NATO members on {KNOWLEDGE_CUTOFF}; there were 30")
    if hasattr(df, "geometry"):
        empty = int(df.geometry.is_empty.sum() + df.geometry.isna().sum())
        if empty:
            problems.append(f"{empty} shape(s) without geometry")
    return problems


def check_data(root: Path) -> list[Result]:
    """Every dataset of the registry loads (columns, keys, checksum) and is sane; the registry is valid,
    documented in SOURCES.md/README.md, and lists every data file."""
    from . import data, datasets, safeyaml

    results: list[Result] = []
    folder = data.data_path(datasets.REGISTRY_FILE).parent
    where = f"data/{datasets.REGISTRY_FILE}"
    try:
        raw = safeyaml.load_file(folder / datasets.REGISTRY_FILE)
        problems = datasets.problems(raw, folder)
    except safeyaml.ContentFileError as exc:
        problems = [str(exc)]
    except OSError as exc:
        problems = [f"{where}: cannot be read ({exc})"]
    if problems:
        return [_split_problem("data", p) for p in problems]
    entries = data.registry()
    results.append(_ok("data", where, f"{len(entries)} datasets"))
    derived = {"nato_members": ("alliances_membership.csv", data.nato_members)}
    jobs = [(d.name, d, lambda d=d: data.load(d.name)) for d in entries.values()]
    jobs += [(name, entries.get(fn), loader) for name, (fn, loader) in derived.items() if fn in entries]
    for name, entry, loader in jobs:
        try:
            df = loader()
        except data.DataFileError as exc:
            results.append(_problem("data", f"data.{name}()", str(exc)))
            continue
        except Exception as exc:  # any other failure is a problem too, with its type
            results.append(_problem("data", f"data.{name}()", f"{type(exc).__name__}: {exc}"))
            continue
        problems = _data_sanity(name, df, entry)
        for p in problems:
            results.append(_problem("data", f"data.{name}()", p))
        if not problems:
            results.append(_ok("data", f"data.{name}()", f"{len(df)} rows"))
    for p in datasets.docs_problems(folder):
        results.append(_split_problem("data", p))
    results.extend(check_checksums(folder))
    return results


def check_checksums(folder: Path) -> list[Result]:
    """Every registered data file against its ``sha256``/``bytes`` in data/datasets.yaml, and every
    data file in the folder registered."""
    from . import data, datasets

    where = f"data/{datasets.REGISTRY_FILE}"
    try:
        entries = datasets.load(Path(folder) / datasets.REGISTRY_FILE)
    except datasets.DataFileError as exc:
        return [_problem("data", where, str(exc))]
    results: list[Result] = []
    for name in sorted(entries):
        try:
            data.verify(name, force=True)
        except data.DataFileError as exc:
            results.append(_problem("data", f"data/{name}", str(exc)))
    for path in sorted(Path(folder).iterdir()):
        if path.suffix in datasets.DATA_SUFFIXES and path.name not in entries:
            results.append(_problem("data", f"data/{path.name}",
                                    f"has no entry in {where} (columns, source, licence, checksum): add one "
                                    "(docs/AUTHORING.md, 'Add a dataset')"))
    if not results:
        results.append(_ok("data", where, f"{len(entries)} files match their checksums"))
    return results


# ---------------------------------------------------------------------------- content -------

def check_content(root: Path) -> list[Result]:
    import importlib

    results: list[Result] = []
    for module_name, what in (("timeline", "content/timeline.csv"), ("glossary", "content/glossary.yaml")):
        try:
            module = importlib.import_module(f"crisis_course.{module_name}")
        except ModuleNotFoundError:
            results.append(_problem("content", what, f"crisis_course.{module_name} is missing"))
            continue
        try:
            problems = module.validate()
            rows = len(module.load()) if not problems else None
        except Exception as exc:
            problems = [f"{type(exc).__name__}: {exc}"]
            rows = None
        for p in problems:
            results.append(_split_problem("content", p) if ": " in p else _problem("content", what, p))
        if not problems:
            results.append(_ok("content", what, f"{rows} entries" if rows is not None else ""))
    from . import editorial

    found = editorial.problems()
    results.extend(_split_problem("content", p) for p in found)
    if not found:
        results.append(_ok("content", "content/reading.yaml, content/energy_caveats.yaml", "valid"))
    for module_name, what in (("pipelines", "content/gas_pipelines.yaml"), ("deployments", "content/deployments.yaml")):
        module = importlib.import_module(f"crisis_course.{module_name}")
        found = module.problems()
        results.extend(_problem("content", what, p) for p in found)
        if not found:
            results.append(_ok("content", what, f"{len(module.load())} entries"))
    try:
        from . import article

        text = article.text()
        if len(text.split()) < 100:
            results.append(_problem("content", "the article", f"only {len(text.split())} words"))
        else:
            results.append(_ok("content", "the article", f"{len(text.split())} words"))
    except Exception as exc:
        results.append(_problem("content", "the article", f"{type(exc).__name__}: {exc}"))
    try:
        readouts = importlib.import_module("crisis_course.readouts")
    except ModuleNotFoundError:
        readouts = None
    if readouts is not None:
        for fn, what in (("load", "content/readouts.yaml"), ("troop_estimates", "content/troop_estimates.csv")):
            if not hasattr(readouts, fn):
                continue
            try:
                value = getattr(readouts, fn)()
                results.append(_ok("content", what, f"{len(value)} entries"))
            except Exception as exc:
                results.append(_problem("content", what, f"{type(exc).__name__}: {exc}"))
    return results


# -------------------------------------------------------------------------- notebooks -------

_MATH = re.compile(r"\$\$|\\\(|\\\[|\\begin\{")
_TITLE = re.compile(r"^#\s+Lesson\s+(\d+)\s*:", re.IGNORECASE)


def _slide_type(cell):
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type")


def notebook_problems(path: Path, lesson: bool) -> list[str]:
    """Hygiene problems of one notebook (empty when clean)."""
    import nbformat

    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as exc:
        return [f"cannot be read as a notebook ({type(exc).__name__}: {exc})"]
    problems = []
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        problems.append(f"invalid nbformat: {exc.message}")
    spec = nb.metadata.get("kernelspec", {})
    if spec.get("name") != "python3":
        problems.append(f"kernelspec name is {spec.get('name')!r}; it must be 'python3'")
    if "widgets" in nb.metadata:
        problems.append("stores widget state (metadata.widgets); run `nbstripout --keep-id`")
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("outputs")]
    if dirty:
        problems.append(f"cell(s) {', '.join(map(str, dirty[:8]))} have outputs; run `nbstripout --keep-id`")
    counted = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("execution_count") is not None]
    if counted:
        problems.append(f"cell(s) {', '.join(map(str, counted[:8]))} have execution counts; run `nbstripout --keep-id`")
    if not lesson:
        return problems
    if not nb.cells:
        return problems + ["has no cells"]
    missing = [i for i, c in enumerate(nb.cells) if _slide_type(c) is None]
    if missing:
        problems.append(f"cell(s) {', '.join(map(str, missing[:8]))} have no slideshow.slide_type metadata")
    wrong = sorted({str(_slide_type(c)) for c in nb.cells if _slide_type(c) not in SLIDE_TYPES | {None}})
    if wrong:
        problems.append(f"unknown slide_type(s) {', '.join(wrong)} (use {', '.join(sorted(SLIDE_TYPES))})")
    first = nb.cells[0]
    title = _TITLE.match(first.source.lstrip()) if first.cell_type == "markdown" else None
    if not title or _slide_type(first) != "slide":
        problems.append("the first cell must be the title slide: a Markdown cell '# Lesson N: Title' "
                        "with slide_type 'slide'")
    elif path.name[:2].isdigit() and int(title.group(1)) != int(path.name[:2]):
        problems.append(f"the title says Lesson {title.group(1)} but the file is lesson {int(path.name[:2])}")
    notes_cells = [c.get("id") for c in nb.cells if _slide_type(c) == "notes"]
    if notes_cells:
        problems.append(f"cell(s) {', '.join(map(str, notes_cells[:8]))} are instructor notes (slide_type 'notes'): "
                        "students would see them; move them to content/notes/ (keyed by the cell id before)")
    for i, c in enumerate(nb.cells):
        if c.cell_type == "markdown":
            m = INSTRUCTOR_WORDING.search(c.source)
            if m:
                problems.append(f"cell {i} (id {c.get('id')}): instructor-only wording {m.group(0)!r} in the "
                                "student's view; put it in the lesson's notes file")
    from . import course, notes
    try:
        lesson_entry = course.load().lesson(path.name)
    except KeyError:  # a lesson of another course folder: its notes are not the package's
        pass
    else:
        from . import lesson_time

        problems.extend(lesson_time.problems(nb, lesson_entry))
        from . import presenter

        problems.extend(presenter.problems(nb, lesson_entry.number))
        try:
            if not notes.load(lesson_entry.number):
                problems.append(f"has no instructor notes (content/notes/{lesson_entry.stem}.yaml)")
            problems.extend(notes.problems(nb, lesson_entry.number))
        except notes.NotesError as exc:
            problems.append(str(exc))
    if not any(c.cell_type == "code" and "Quiz.from_bank(" in c.source for c in nb.cells):
        problems.append("has no quiz (a code cell with Quiz.from_bank(...))")
    from .writing import PROMPTS

    for c in nb.cells:
        for key in re.findall(r"""writing\.ask\(\s*["']([^"']+)["']\s*\)""", c.source if c.cell_type == "code" else ""):
            if key not in PROMPTS:
                problems.append(f"cell {c.get('id')}: writing.ask({key!r}) has no prompt: add it to "
                                "crisis_course/writing.py PROMPTS (or give the prompt in the call)")
    math = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and _MATH.search(c.source)]
    if math:
        problems.append(f"cell(s) {', '.join(map(str, math[:8]))} use LaTeX math ($$, \\(, \\[ or \\begin); "
                        "the offline slides ship without MathJax, so write it in words or Unicode")
    return problems


def check_manifest_files(root: Path) -> list[Result]:
    """The course folder and the manifest (content/course.yaml) agree: every lesson notebook and
    exercise has an entry, every entry its notebook, bank and exercises. Only for a folder of this
    course (one holding the manifest's first lesson), so a folder of other notebooks is not judged."""
    from . import course
    from .quiz import bank_names

    c = course.load()
    lessons = Path(root) / "lessons"
    if not (lessons / c.lessons[0].notebook).is_file():
        return []
    out = []
    add = "add its entry to content/course.yaml (docs/AUTHORING.md, 'Add a lesson' / 'Add an exercise')"
    listed = {lesson.notebook for lesson in c.lessons}
    out += [_problem("notebooks", f"lessons/{p.name}", f"is not a lesson of the course: {add}")
            for p in sorted(lessons.glob("*.ipynb")) if p.name not in listed]
    exercises = {name for lesson in c.lessons for name in lesson.exercises}
    for folder in ("exercises", "solutions"):
        out += [_problem("notebooks", f"{folder}/{p.name}", f"is not listed under a lesson's exercises: {add}")
                for p in sorted((Path(root) / folder).glob("*.ipynb")) if p.name not in exercises]
    banks = set(bank_names())
    for lesson in c.lessons:
        missing = [f"lessons/{lesson.notebook}"] if lesson.notebook not in {p.name for p in lessons.glob("*.ipynb")} else []
        missing += [f"exercises/{name}" for name in lesson.exercises if not (Path(root) / "exercises" / name).is_file()]
        if lesson.bank not in banks:
            missing.append(f"the bank banks/{lesson.bank}.yaml")
        if missing:
            out.append(_problem("notebooks", "content/course.yaml",
                                f"lesson {lesson.number} names {', '.join(missing)}, which does not exist"))
    return out


def check_notebooks(root: Path) -> list[Result]:
    results: list[Result] = []
    lessons = sorted((root / "lessons").glob("*.ipynb"))
    if not (root / "lessons").is_dir():
        results.append(_ok("notebooks", str(root), "found no lessons folder here, so only what the package ships "
                           "was checked (`crisis-course init DIR` copies the course into a new folder)"))
    elif not lessons:
        results.append(_problem("notebooks", "lessons/", "no lesson notebooks found"))
    results.extend(check_manifest_files(root))
    for folder in ("lessons", "exercises", "solutions"):
        for path in sorted((root / folder).glob("*.ipynb")):
            rel = f"{folder}/{path.name}"
            problems = notebook_problems(path, lesson=folder == "lessons")
            for p in problems:
                results.append(_problem("notebooks", rel, p))
            if not problems:
                results.append(_ok("notebooks", rel, "clean" + (", slides and title slide present"
                                                                if folder == "lessons" else "")))
    return results


# ---------------------------------------------------------------------------- running -------

def check_cutoff(root: Path) -> list[Result]:
    """Lessons 0-7 speak from the knowledge cutoff: later dates only in hindsight boxes or with a
    hindsight label (crisis_course.cutoff)."""
    from . import course, cutoff

    c = course.load()
    findings = cutoff.check_course(root)
    results = [_problem("cutoff", f.where, f.message(c.cutoff_text)[len(f.where) + 2:]) for f in findings]
    if not findings:
        results.append(_ok("cutoff", "lessons 0-7, their banks, glossary and timeline",
                           f"nothing dated after {c.cutoff_text} outside hindsight boxes and labels"))
    return results


_CHECKS = {"banks": check_banks, "data": check_data, "content": check_content, "notebooks": check_notebooks,
           "cutoff": check_cutoff}


def find_root(lessons_dir: str | Path | None = None) -> Path:
    """The course folder: the parent of ``lessons_dir``, else the nearest folder (this one or a
    parent) that has a ``lessons/`` folder, else the current folder."""
    if lessons_dir is not None:
        return Path(lessons_dir).resolve().parent
    here = Path.cwd()
    for folder in [here, *here.parents]:
        if (folder / "lessons").is_dir():
            return folder
    return here


def run_checks(root: str | Path | None = None, only=None) -> list[Result]:
    """Run the checks (all groups, or those named in ``only``) and return every result."""
    root = Path(root) if root is not None else find_root()
    results: list[Result] = []
    for group in only or GROUPS:
        try:
            results.extend(_CHECKS[group](root))
        except Exception as exc:  # a crashing check is itself a problem, not a traceback
            results.append(_problem(group, f"{group} checks", f"crashed: {type(exc).__name__}: {exc}"))
    return results


def _cmd_check(args) -> int:
    root = find_root(args.lessons_dir)
    only = args.only or list(GROUPS)
    out = sys.stdout
    total_problems = 0
    for group in only:
        print(f"== {group} ==", file=out, flush=True)
        results = run_checks(root, [group])
        for r in results:
            if not r.ok:
                total_problems += 1
            if not r.ok or not args.quiet:
                print(r.line(), file=out, flush=True)
    if total_problems:
        print(f"\n{total_problems} problem(s) found in {root}.", file=out)
        return 1
    print(f"\nAll checks passed ({', '.join(only)}) in {root}.", file=out)
    return 0


def register(subparsers) -> None:
    """Add the ``check`` subcommand."""
    from .cmdline import add_command

    p = add_command(
        subparsers, "check", _cmd_check,
        lessons_dir="the lessons folder; the course folder is its parent (default: ./lessons)",
        quiet="print only problems and the summary",
        help="validate question banks, data files, content files and notebook hygiene",
        description="Validate the course: question banks (schema, answers, unique ids, at least 6 "
                    "questions of 3 types), data files (the dataset registry, every dataset loads, contents "
                    "sane, sources documented), content files (timeline, glossary, article, readouts) and "
                    "notebook hygiene (no outputs, no execution counts, no widget state, kernel python3; lessons "
                    "have slide metadata, a title slide, speaker notes and a quiz). Prints OK/PROBLEM "
                    "lines and exits with status 1 when there is a problem.")
    p.add_argument("--only", action="append", choices=GROUPS, metavar="GROUP",
                   help=f"run only this group of checks ({', '.join(GROUPS)}); may be repeated")


def __getattr__(name):  # LESSON_BANKS stays importable; it comes from the manifest now
    if name == "LESSON_BANKS":
        return _lesson_banks()
    raise AttributeError(name)
