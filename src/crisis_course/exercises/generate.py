"""Write ``exercises/`` from ``solutions/``: ``crisis-course exercises``.

``solutions/NN_slug_exercise.ipynb`` is the source of truth. Each exercise notebook is the same
notebook with the solutions taken out (the rules are in ``docs/exercises.md``):

* **Code cells.** Lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` are solution
  code. In the exercise, the block is replaced by its *starter lines*: the lines inside the block
  that begin with ``#>``, with the ``#>`` (and one following space) removed. So::

      ### BEGIN SOLUTION
      #> actor_totals = ...  # your answer: a Series, most-mentioned actor first
      counts = textanalysis.actor_mentions()
      actor_totals = counts.sum().sort_values(ascending=False)
      ### END SOLUTION

  becomes ``actor_totals = ...  # your answer: a Series, most-mentioned actor first``. The
  marker lines themselves go too. A block without starter lines is an error: the exercise must
  still run from top to bottom, so every answer variable needs a placeholder (``...``).
* **Markdown cells.** Text between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->``
  (each on its own line) is a model answer; the exercise shows :data:`MARKDOWN_PLACEHOLDER`.
* **Cells tagged** ``solution-only`` are left out of the exercise; the tags ``key-result`` /
  ``key_result`` (read by ``crisis-course answer-key``) are removed from exercise cells.

Every generated notebook records what was written in its metadata,
``metadata.crisis_course.generated_hash``: a SHA-256 over its cells' types and sources. When the
notebook on disk no longer matches its recorded hash, someone (a student) edited it, and the
command leaves it alone and says so, unless ``--force``. Outputs and execution counts are not
part of the hash, so running an exercise does not count as a change. Writing is deterministic
(cell ids are copied from the solution; JSON keys sorted), so regenerating gives identical bytes.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "BEGIN",
    "END",
    "STARTER",
    "MD_BEGIN",
    "MD_END",
    "MARKDOWN_PLACEHOLDER",
    "SOLUTION_ONLY_TAG",
    "MarkerError",
    "Action",
    "strip_code",
    "strip_markdown",
    "make_exercise",
    "content_hash",
    "keep_student_state",
    "render",
    "plan",
    "generate",
    "find_root",
    "register",
]

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
STARTER = "#>"
MD_BEGIN = "<!-- BEGIN SOLUTION -->"
MD_END = "<!-- END SOLUTION -->"
MARKDOWN_PLACEHOLDER = "*Your answer: double-click this cell and write it here.*"
SOLUTION_ONLY_TAG = "solution-only"
_DROP_TAGS = {"key-result", "key_result", SOLUTION_ONLY_TAG}
NAME_PATTERN = re.compile(r"^\d\d[a-z]?_[A-Za-z0-9_\-]+\.ipynb$")

_BEGIN_RE = re.compile(r"^\s*###\s*BEGIN SOLUTION\b(.*)$")
_END_RE = re.compile(r"^\s*###\s*END SOLUTION\b(.*)$")
_STARTER_RE = re.compile(r"^(\s*)#>(?: ?)(.*)$")


class MarkerError(ValueError):
    """A solution notebook's markers are malformed; the message names the file, cell and line."""


# ------------------------------------------------------------------------ one cell ----

def strip_code(source: str, where: str = "cell") -> str:
    """The exercise version of a code cell's source (see the module docstring)."""
    out: list[str] = []
    inside = False
    starters: list[str] = []
    begin_line = 0
    for n, line in enumerate(source.splitlines(), 1):
        if _BEGIN_RE.match(line):
            if inside:
                raise MarkerError(f"{where}, line {n}: '{BEGIN}' inside a solution block that began on "
                                  f"line {begin_line} (blocks cannot be nested; add '{END}' first).")
            extra = _BEGIN_RE.match(line).group(1).strip()
            if extra:
                raise MarkerError(f"{where}, line {n}: unexpected text after '{BEGIN}': {extra!r}. Put "
                                  f"placeholder lines inside the block, starting with '{STARTER} '.")
            inside, starters, begin_line = True, [], n
            continue
        if _END_RE.match(line):
            if not inside:
                raise MarkerError(f"{where}, line {n}: '{END}' without a '{BEGIN}' before it.")
            if not starters:
                raise MarkerError(
                    f"{where}, lines {begin_line}-{n}: the solution block has no placeholder lines. Add "
                    f"at least one line starting with '{STARTER} ' inside it, e.g. '{STARTER} answer = ...', "
                    "so the exercise still runs.")
            out.extend(starters)
            inside = False
            continue
        if inside:
            m = _STARTER_RE.match(line)
            if m:
                starters.append(m.group(1) + m.group(2))
            continue
        out.append(line)
    if inside:
        raise MarkerError(f"{where}, line {begin_line}: '{BEGIN}' is never closed with '{END}'.")
    return "\n".join(out)


def strip_markdown(source: str, where: str = "cell") -> str:
    """The exercise version of a Markdown cell: model answers replaced by a placeholder line."""
    out: list[str] = []
    inside = False
    begin_line = 0
    for n, line in enumerate(source.splitlines(), 1):
        if line.strip() == MD_BEGIN:
            if inside:
                raise MarkerError(f"{where}, line {n}: '{MD_BEGIN}' inside a model answer that began on "
                                  f"line {begin_line}.")
            inside, begin_line = True, n
            continue
        if line.strip() == MD_END:
            if not inside:
                raise MarkerError(f"{where}, line {n}: '{MD_END}' without a '{MD_BEGIN}' before it.")
            out.append(MARKDOWN_PLACEHOLDER)
            inside = False
            continue
        if not inside:
            out.append(line)
    if inside:
        raise MarkerError(f"{where}, line {begin_line}: '{MD_BEGIN}' is never closed with '{MD_END}'.")
    return "\n".join(out)


# -------------------------------------------------------------------- one notebook ----

def _cell_id(cell, stem: str, index: int) -> str:
    cid = cell.get("id")
    if cid:
        return cid
    return hashlib.sha1(f"{stem}:{index}".encode()).hexdigest()[:12]


def content_hash(nb) -> str:
    """SHA-256 over the cells' types and sources (outputs, counts and metadata are ignored)."""
    cells = [[c.get("cell_type", ""), _source(c)] for c in nb.get("cells", [])]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode("utf-8")).hexdigest()


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def make_exercise(solution_nb, solution_name: str):
    """The exercise notebook for a solution notebook (a new nbformat object; the input is untouched).

    Raises :class:`MarkerError` when the markers are malformed.
    """
    import nbformat

    stem = Path(solution_name).stem
    nb = nbformat.v4.new_notebook()
    nb.nbformat, nb.nbformat_minor = 4, max(5, int(solution_nb.get("nbformat_minor", 5)))
    meta = copy.deepcopy(dict(solution_nb.get("metadata", {})))
    for key in ("widgets", "language_info", "crisis_course"):
        meta.pop(key, None)
    meta.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"})
    for i, cell in enumerate(solution_nb.get("cells", [])):
        tags = list(cell.get("metadata", {}).get("tags", []))
        if SOLUTION_ONLY_TAG in tags:
            continue
        where = f"solutions/{solution_name}: cell {i} (id {cell.get('id', '?')})"
        kind = cell.get("cell_type")
        source = _source(cell)
        cell_meta = copy.deepcopy(dict(cell.get("metadata", {})))
        kept = [t for t in tags if t not in _DROP_TAGS]
        if kept:
            cell_meta["tags"] = kept
        else:
            cell_meta.pop("tags", None)
        if kind == "code":
            new = nbformat.v4.new_code_cell(strip_code(source, where), metadata=cell_meta)
        elif kind == "markdown":
            new = nbformat.v4.new_markdown_cell(strip_markdown(source, where), metadata=cell_meta)
        else:
            new = nbformat.v4.new_raw_cell(source, metadata=cell_meta)
        new["id"] = _cell_id(cell, stem, i)
        nb.cells.append(new)
    meta["crisis_course"] = {
        "generated_from": f"solutions/{solution_name}",
        "generated_by": "crisis-course exercises",
        "note": "Generated from the solution notebook: edit the solution, then run 'crisis-course exercises'.",
        "generated_hash": content_hash(nb),
    }
    nb.metadata = nbformat.from_dict(meta)
    return nb


def render(nb) -> str:
    """The exact text written to disk (nbformat's JSON, keys sorted, final newline)."""
    import nbformat

    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


# ---------------------------------------------------------------------- the folder ----

@dataclass
class Action:
    """What the command does (or would do) with one exercise notebook.

    ``status``: ``created`` (no exercise yet), ``updated`` (the solution changed and the exercise
    was untouched), ``unchanged`` (already identical), ``modified`` (changed by hand: skipped),
    ``overwritten`` (changed by hand, replaced because of ``--force``), ``orphan`` (an exercise
    with no solution: left alone), ``error`` (the solution's markers are malformed).
    """

    name: str
    status: str
    detail: str = ""
    text: str | None = None  # what would be written

    @property
    def out_of_date(self) -> bool:
        return self.status not in ("unchanged",)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _state_of_existing(path: Path) -> tuple[str, str]:
    """('pristine' | 'modified', detail) for an exercise notebook on disk."""
    data = _read_json(path)
    if data is None:
        return "modified", "it is not a readable notebook"
    recorded = (data.get("metadata", {}).get("crisis_course") or {}).get("generated_hash")
    if not recorded:
        return "modified", "it was not written by this command (no generated_hash in its metadata)"
    if content_hash(data) != recorded:
        return "modified", "its cells were edited since it was generated"
    return "pristine", ""


def solution_files(solutions_dir: Path, only=None) -> list[Path]:
    files = sorted(p for p in Path(solutions_dir).glob("*.ipynb") if NAME_PATTERN.match(p.name))
    if only:
        chosen = []
        for spec in only:
            spec = str(spec)
            stem = Path(spec).stem if spec.endswith(".ipynb") else spec
            match = [p for p in files if p.stem == stem
                     or (spec.isdigit() and int(p.name[:2]) == int(spec))]
            if not match:
                raise MarkerError(f"No solution notebook matches {spec!r} "
                                  f"(in {solutions_dir}: {', '.join(p.stem for p in files) or 'none'}).")
            chosen += [p for p in match if p not in chosen]
        files = chosen
    return files


def keep_student_state(new_nb, existing) -> object:
    """``new_nb`` (freshly generated) with what a student's run added to ``existing`` kept.

    For each new cell that has a cell of the same id and type in ``existing``: its metadata is
    the existing cell's, with the keys the generator sets put on top, and tags the student added
    kept after the generated ones; when its source is also the same, its outputs and execution
    count are kept too. Notebook metadata the generator does not set (``language_info``, a
    kernelspec display name JupyterLab wrote) is kept. ``new_nb`` is not changed.
    """
    import nbformat

    merged = copy.deepcopy(new_nb)
    old_cells = {c.get("id"): c for c in existing.get("cells", []) if isinstance(c, dict) and c.get("id")}
    for cell in merged.cells:
        old = old_cells.get(cell.get("id"))
        if old is None or old.get("cell_type") != cell.get("cell_type"):
            continue
        generated_meta = dict(cell.get("metadata", {}))
        meta = copy.deepcopy(dict(old.get("metadata", {}) or {}))
        old_tags = [t for t in meta.get("tags", []) if isinstance(t, str) and t not in _DROP_TAGS]
        meta.update({k: v for k, v in generated_meta.items() if k != "tags"})
        tags = list(generated_meta.get("tags", [])) + [t for t in old_tags if t not in generated_meta.get("tags", [])]
        if tags:
            meta["tags"] = tags
        else:
            meta.pop("tags", None)
        cell["metadata"] = nbformat.from_dict(meta)
        if cell.get("cell_type") == "code" and _source(old) == _source(cell):
            cell["outputs"] = nbformat.from_dict(copy.deepcopy(old.get("outputs", [])))
            cell["execution_count"] = old.get("execution_count")
        elif cell.get("cell_type") == "markdown" and "attachments" in old and _source(old) == _source(cell):
            cell["attachments"] = copy.deepcopy(old["attachments"])
    old_meta = copy.deepcopy(dict(existing.get("metadata", {}) or {}))
    new_meta = dict(merged.metadata)
    old_spec, new_spec = old_meta.get("kernelspec"), new_meta.get("kernelspec")
    if isinstance(old_spec, dict) and isinstance(new_spec, dict) and old_spec.get("name") == new_spec.get("name"):
        new_meta["kernelspec"] = old_spec          # same kernel; keep JupyterLab's display name
    old_meta.update(new_meta)
    merged.metadata = nbformat.from_dict(old_meta)
    return merged


def plan(solutions_dir, exercises_dir, force: bool = False, only=None) -> list[Action]:
    """Work out what to do for every solution notebook (nothing is written)."""
    import nbformat

    solutions_dir, exercises_dir = Path(solutions_dir), Path(exercises_dir)
    actions: list[Action] = []
    files = solution_files(solutions_dir, only)
    for sol in files:
        target = exercises_dir / sol.name
        try:
            nb = nbformat.read(str(sol), as_version=4)
            new_nb = make_exercise(nb, sol.name)
            text = render(new_nb)
        except MarkerError as exc:
            actions.append(Action(sol.name, "error", str(exc)))
            continue
        except Exception as exc:  # unreadable solution notebook
            actions.append(Action(sol.name, "error", f"solutions/{sol.name}: cannot be read ({type(exc).__name__}: {exc})"))
            continue
        if not target.exists():
            actions.append(Action(sol.name, "created", "", text))
            continue
        if not target.is_file():
            actions.append(Action(sol.name, "error", f"exercises/{sol.name} is not a file (a folder?): "
                                                     "move it away, then run this again"))
            continue
        current = target.read_text(encoding="utf-8", errors="replace")
        if current == text:
            actions.append(Action(sol.name, "unchanged"))
            continue
        state, why = _state_of_existing(target)
        if state == "pristine":
            # the cells' sources are as generated: keep the student's outputs, tags and metadata
            existing = _read_json(target) or {}
            merged_text = render(keep_student_state(new_nb, existing))
            if merged_text == current:
                actions.append(Action(sol.name, "unchanged"))
            elif content_hash(existing) != content_hash(new_nb):
                actions.append(Action(sol.name, "updated",
                                      "the solution changed; your outputs, tags and metadata were kept",
                                      merged_text))
            else:
                actions.append(Action(sol.name, "updated",
                                      "cell settings in the solution changed (not its text); your outputs, "
                                      "tags and metadata were kept", merged_text))
        elif force:
            actions.append(Action(sol.name, "overwritten", f"{why}; replaced because of --force", text))
        else:
            actions.append(Action(sol.name, "modified", why))
    if not only:
        names = {p.name for p in files}
        for ex in sorted(exercises_dir.glob("*.ipynb")):
            if ex.name not in names:
                actions.append(Action(ex.name, "orphan", f"no solutions/{ex.name}: left alone"))
    return actions


def generate(solutions_dir, exercises_dir, force: bool = False, dry_run: bool = False,
             only=None) -> list[Action]:
    """Write the exercise notebooks (unless ``dry_run``) and return what was done."""
    actions = plan(solutions_dir, exercises_dir, force=force, only=only)
    if not dry_run:
        Path(exercises_dir).mkdir(parents=True, exist_ok=True)
        for a in actions:
            if a.text is not None and a.status in ("created", "updated", "overwritten"):
                (Path(exercises_dir) / a.name).write_text(a.text, encoding="utf-8")
    return actions


def find_root(start: str | os.PathLike | None = None) -> Path:
    """The course folder: the nearest folder (``start`` or a parent) that has ``solutions/``."""
    here = Path(start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / "solutions").is_dir():
            return folder
    return here


# --------------------------------------------------------------------- command line ----

_LABEL = {
    "created": "CREATED", "updated": "UPDATED", "unchanged": "OK", "modified": "SKIPPED",
    "overwritten": "OVERWRITTEN", "orphan": "ORPHAN", "error": "ERROR",
}
_LABEL_DRY = {"created": "WOULD CREATE", "updated": "WOULD UPDATE", "overwritten": "WOULD OVERWRITE"}
_LABEL_CHECK = {"created": "MISSING", "updated": "OUT OF DATE", "modified": "CHANGED BY HAND",
                "overwritten": "CHANGED BY HAND"}


def _cmd_exercises(args) -> int:
    root = find_root()
    solutions = Path(args.solutions_dir) if args.solutions_dir else root / "solutions"
    exercises = Path(args.exercises_dir) if args.exercises_dir else solutions.parent / "exercises"
    if not solutions.is_dir():
        print(f"error: no solutions folder at {solutions} (run from the course folder or pass "
              "--solutions-dir)", file=sys.stderr)
        return 2
    if exercises.exists() and not exercises.is_dir():
        print(f"error: the exercises folder {exercises} is a file, not a folder (pass --exercises-dir)",
              file=sys.stderr)
        return 2
    try:
        actions = generate(solutions, exercises, force=args.force, dry_run=args.dry_run or args.check,
                           only=args.notebooks)
    except MarkerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # read-only folder, full disk: one line, no traceback
        print(f"error: could not write to {exercises}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if not actions:
        print(f"No solution notebooks (NN_name.ipynb) in {solutions}.")
        return 0
    labels = dict(_LABEL)
    if args.check:
        labels.update(_LABEL_CHECK)
    elif args.dry_run:
        labels.update(_LABEL_DRY)
    for a in actions:
        if args.quiet and a.status == "unchanged":
            continue
        line = f"{labels[a.status]:<16} exercises/{a.name}"
        if a.status == "modified" and not args.check:
            line += f"  ({a.detail}; use --force to overwrite it)"
        elif a.detail:
            line += f"  ({a.detail})"
        print(line, file=sys.stderr if a.status == "error" else sys.stdout)
    errors = [a for a in actions if a.status == "error"]
    if errors:
        return 2
    if args.check:
        stale = [a for a in actions if a.out_of_date]
        if stale:
            print(f"\n{len(stale)} exercise notebook(s) differ from what 'crisis-course exercises' writes "
                  f"from {solutions}. Run 'crisis-course exercises' (edit solutions/, not exercises/).")
            return 1
        print(f"\nexercises/ is up to date with solutions/ ({len(actions)} notebooks).")
        return 0
    skipped = [a for a in actions if a.status in ("modified", "orphan")]
    if skipped and not args.quiet:
        print(f"\n{len(skipped)} notebook(s) left alone (see above).")
    return 1 if any(a.status == "modified" for a in actions) else 0


def register(subparsers) -> None:
    """Add the ``exercises`` subcommand."""
    p = subparsers.add_parser(
        "exercises",
        help="write exercises/ from solutions/ (solutions removed, placeholders left)",
        description="Write each exercises/NN_name.ipynb from solutions/NN_name.ipynb: code between "
                    "'### BEGIN SOLUTION' and '### END SOLUTION' is replaced by the block's '#>' "
                    "placeholder lines; Markdown between '<!-- BEGIN SOLUTION -->' and "
                    "'<!-- END SOLUTION -->' by a prompt; cells tagged 'solution-only' are dropped. "
                    "An exercise notebook that was edited since it was generated (a student's work) "
                    "is reported and left alone unless --force. Exit status: 0 = exercises/ matches "
                    "solutions/; 1 = a notebook was left out of date (edited by hand, or --check found "
                    "a difference); 2 = a solution's markers are malformed. See docs/exercises.md.")
    p.add_argument("notebooks", nargs="*", metavar="NOTEBOOK",
                   help='only these solutions: a lesson number ("6"), a name ("06_lng_replacement_exercise") '
                        "or a path; default: all")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 if any exercise notebook differs from what would be "
                        "written (used by the tests and CI)")
    p.add_argument("--dry-run", "-n", action="store_true", help="write nothing; say what would be done")
    p.add_argument("--force", action="store_true",
                   help="also overwrite exercise notebooks that were edited by hand (a student's work is lost)")
    p.add_argument("--solutions-dir", metavar="DIR", help="default: ./solutions (or a parent's solutions/)")
    p.add_argument("--exercises-dir", metavar="DIR", help="default: exercises/ beside the solutions folder")
    p.add_argument("--quiet", "-q", action="store_true", help="do not list notebooks that are already up to date")
    p.set_defaults(func=_cmd_exercises)
