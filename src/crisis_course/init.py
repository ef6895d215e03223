"""``crisis-course init DIR``: a course folder for someone who installed the package with pip.

It copies the lessons, the exercise notebooks and the article out of the installed package (the
wheel carries them in ``crisis_course/course_files``; an editable install takes them from the
repository) into ``DIR``, which must be empty or new. Solutions are not copied: they are for
instructors, who work from the repository. Nothing already in ``DIR`` is overwritten.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from importlib import resources
from pathlib import Path

__all__ = ["course_files", "init_course", "register"]

FOLDERS = ("lessons", "exercises", "seeds")


def course_files() -> Path | None:
    """Where the installed package keeps its course folder, or None."""
    shipped = Path(str(resources.files("crisis_course") / "course_files"))
    if (shipped / "lessons").is_dir():
        return shipped
    repo = Path(__file__).resolve().parents[2]          # an editable install: src/crisis_course -> repo
    if (repo / "lessons").is_dir() and (repo / "pyproject.toml").is_file():
        return repo
    return None


def init_course(target, source: Path | None = None) -> list[Path]:
    """Copy the course into ``target``; return the folders written. Raises FileExistsError if
    ``target`` holds anything, FileNotFoundError if the package carries no course files."""
    target = Path(target)
    source = source or course_files()
    if source is None:
        raise FileNotFoundError("this installation carries no lessons (was it built without them?)")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(f"{target} is not an empty folder: choose a new or empty one (nothing was copied)")
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for folder in FOLDERS:
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
            written.append(target / folder)
    return written


def _cmd_init(args) -> int:
    try:
        written = init_course(args.dir)
    except (FileExistsError, FileNotFoundError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    lessons = sorted((Path(args.dir) / "lessons").glob("*.ipynb"))
    print(f"Course copied to {Path(args.dir).resolve()}: {', '.join(p.name for p in written)} "
          f"({len(lessons)} lessons).")
    print(f"Open it with:  cd {args.dir} && jupyter lab lessons/{lessons[0].name if lessons else ''}")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("init", help="copy the lessons, exercises and article into a new folder",
                              description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dir", help="a new or empty folder")
    p.set_defaults(func=_cmd_init)
