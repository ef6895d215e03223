"""Instructor notes, kept out of the student notebooks.

Each lesson has ``content/notes/<NN_slug>.yaml``: a mapping from the id of a cell of the lesson
notebook to the Markdown note that belongs after it. Students never see them; the exports put
them back where the instructor needs them::

    from crisis_course import notes
    notes.load(6)                    # {"0": "This lesson explains ...", ...}
    notes.merge(nb, 6)               # a copy of the notebook with notes cells (slide_type notes)
    notes.problems(nb, 6)            # keys that match no cell, as messages (used by `check`)
    notes.words(6)                   # how many words of notes the lesson has

Keys survive output stripping because the course keeps cell ids (``nbstripout --keep-id``).
"""
from __future__ import annotations

import copy
from functools import cache
from importlib import resources
from pathlib import Path

from . import safeyaml

__all__ = ["NotesError", "notes_dir", "notes_path", "load", "merge", "problems", "words", "NOTE_TAG"]

#: Tag put on the notes cells that :func:`merge` inserts, so exports can find them.
NOTE_TAG = "instructor-note"


class NotesError(ValueError):
    """A notes file is missing or malformed."""


def notes_dir() -> Path:
    return Path(str(resources.files("crisis_course") / "content" / "notes"))


def notes_path(lesson) -> Path:
    from . import course

    return notes_dir() / f"{course.load().lesson(lesson).stem}.yaml"


def parse(path) -> dict[str, str]:
    """Read one notes file; raise :class:`NotesError` naming the file and the problem."""
    path = Path(path)
    try:
        data = safeyaml.load_file(path)
    except safeyaml.ContentFileError as exc:
        raise NotesError(str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("notes"), dict):
        raise NotesError(f"{path.name}: must be a mapping with 'lesson' and 'notes' (cell id -> text)")
    out: dict[str, str] = {}
    bad = []
    for key, text in data["notes"].items():
        if not isinstance(text, str) or not text.strip():
            bad.append(f"{path.name}: note {key!r}: must be non-empty text")
            continue
        out[str(key)] = text
    if bad:
        raise NotesError("\n".join(bad))
    return out


@cache
def _cached(path: str, mtime: int) -> dict[str, str]:
    return parse(path)


def load(lesson) -> dict[str, str]:
    """The notes of a lesson (number, slug or notebook name): cell id -> Markdown.
    A lesson without a notes file has none."""
    path = notes_path(lesson)
    if not path.is_file():
        return {}
    return dict(_cached(str(path), path.stat().st_mtime_ns))


def words(lesson) -> int:
    return sum(len(text.split()) for text in load(lesson).values())


def _lesson_of(nb, lesson):
    if lesson is not None:
        return lesson
    name = nb.get("metadata", {}).get("crisis_course", {}).get("notebook") if hasattr(nb, "get") else None
    if name:
        return name
    raise NotesError("say which lesson the notebook is (merge(nb, lesson))")


def merge(nb, lesson, slide_type: str = "notes"):
    """A copy of ``nb`` with each note inserted, as a Markdown cell with ``slideshow.slide_type``
    ``notes`` (speaker notes in reveal.js) and the tag :data:`NOTE_TAG`, after its cell."""
    import nbformat

    notes = load(_lesson_of(nb, lesson))
    out = copy.deepcopy(nb)
    cells = []
    for cell in out.cells:
        cells.append(cell)
        text = notes.get(cell.get("id"))
        if text:
            note = nbformat.v4.new_markdown_cell(text.rstrip("\n"))
            note.metadata["slideshow"] = {"slide_type": slide_type}
            note.metadata["tags"] = [NOTE_TAG]
            note.id = f"{cell.get('id')}-note"[:64]
            cells.append(note)
    out.cells = cells
    return out


def problems(nb, lesson) -> list[str]:
    """Messages for note keys that match no cell of ``nb`` (the note would be lost)."""
    ids = {cell.get("id") for cell in nb.cells}
    name = notes_path(lesson).name
    return [f"{name}: note {key!r} matches no cell id of the lesson notebook (was the cell deleted or its id "
            "changed? keep ids with `nbstripout --keep-id`)"
            for key in load(lesson) if key not in ids]


def instructor_edition(nb, lesson):
    """A copy of a lesson for a teacher presenting from JupyterLab: each note follows its cell as a
    clearly labelled Markdown cell (and stays a speaker note in slide exports)."""
    out = merge(nb, lesson)
    for cell in out.cells:
        if NOTE_TAG in cell.metadata.get("tags", []):
            body = "\n".join("> " + line if line.strip() else ">" for line in cell.source.splitlines())
            cell.source = "> **Instructor note.**\n>\n" + body
    out.metadata.setdefault("crisis_course", {})["edition"] = "instructor"
    return out


def write_instructor_notebooks(lessons_dir, output_dir) -> list[Path]:
    """Write the instructor edition of every lesson in ``lessons_dir`` to ``output_dir`` (never into
    the lessons folder itself, so students' notebooks stay note-free)."""
    import nbformat

    from . import course

    lessons_dir, output_dir = Path(lessons_dir).resolve(), Path(output_dir).resolve()
    if output_dir == lessons_dir:
        raise ValueError("write the instructor edition to another folder, not over the students' lessons")
    output_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lesson in course.load().lessons:
        src = lessons_dir / lesson.notebook
        if not src.is_file():
            continue
        nb = nbformat.read(src, as_version=4)
        target = output_dir / lesson.notebook.replace(".ipynb", "_instructor.ipynb")
        nbformat.write(instructor_edition(nb, lesson.number), target)
        written.append(target)
    return written


def _cmd_instructor_notebooks(args) -> int:
    import sys

    from . import course

    lessons = Path(args.lessons_dir) if args.lessons_dir else (course.find_root() or Path.cwd()) / "lessons"
    if not lessons.is_dir():
        print(f"error: no lessons folder at {lessons} (give --lessons-dir)", file=sys.stderr)
        return 1
    try:
        written = write_instructor_notebooks(lessons, args.output)
    except (OSError, ValueError, NotesError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {len(written)} instructor notebooks to {Path(args.output).resolve()} "
          "(open them in JupyterLab to teach with the notes beside each section).")
    return 0


def register(subparsers) -> None:
    from .cmdline import add_command

    add_command(
        subparsers, "instructor-notebooks", _cmd_instructor_notebooks,
        output="build/instructor-notebooks", output_help="where to write them (default: build/instructor-notebooks)",
        lessons_dir="the lessons folder (default: ./lessons of the course)",
        help="write the lessons with the instructor notes shown, for teaching from JupyterLab",
        description="Write a copy of every lesson with each instructor note shown after its cell as a labelled "
                    "box, for a teacher who presents from JupyterLab. Students' notebooks are not changed.")
