"""``crisis-course figures``: draw the lessons' charts ahead into a figure cache folder.

A hub's administrator, or an image build (``binder/postBuild``), runs it once per course version so
that no student's kernel draws them (see :mod:`crisis_course.figure_cache`). The lessons are
executed as a student's kernel runs them (figures without their slide version), each read and
never written, with an empty temporary progress folder, by the exporter's executor.
"""
from __future__ import annotations

import os
from pathlib import Path

from .. import figure_cache
from ..cmdline import add_command, fail
from .core import ExportError, check_notebooks, find_lessons_dir, prepare_output, resolve_lessons
from .execute import _executed_lessons

__all__ = ["fill_figure_cache", "register"]


def fill_figure_cache(folder: str | os.PathLike, paths: list[Path], timeout: int = 300,
                      jobs: int = 1) -> tuple[int, list[str]]:
    """Execute the lessons ``paths`` in kernels whose figure cache is ``folder`` alone, so every
    chart they show is kept there. Returns (pictures of this course version in ``folder``, one
    line per lesson that failed)."""
    env = {figure_cache.ENV: str(Path(folder).resolve())}
    problems = [error for _, _, _, error in _executed_lessons(paths, timeout, jobs, None, slide_figures=False, env=env)
                if error]
    return len(list(figure_cache.version_folder(folder).glob("*.json"))), problems


def register(subparsers) -> None:
    p = add_command(
        subparsers, "figures", _cmd_figures,
        help="draw every lesson's charts into a figure cache folder (for a hub's image)",
        description="Execute the lessons so that every chart they show is kept in a figure cache folder "
                    "(default: the first of the cache folders, <sys.prefix>/share/crisis-course/figures "
                    "beside the installed course). A hub fills it once per course version, as the user who "
                    "installed the course; see deploy/jupyterhub/README.md.",
        lessons_dir="folder holding the lesson notebooks (default: ./lessons, or a parent's lessons/)",
        timeout="seconds a single cell may run (default: 300)", jobs="execute N lessons at once (default: 1)")
    p.add_argument("lessons", nargs="*", metavar="LESSON",
                   help='lessons: a number ("3", "03"), a name ("03_nato") or a path; default: every lesson')
    p.add_argument("--cache", type=Path, default=None, metavar="DIR", help="the folder to fill (created if missing)")


def _cmd_figures(args) -> int:
    folder = args.cache or next(iter(figure_cache.folders()), None)
    if folder is None:
        return fail(f"the figure cache is off ({figure_cache.ENV}=off): give --cache DIR")
    try:
        paths, bad = check_notebooks(resolve_lessons(args.lessons, find_lessons_dir(args.lessons_dir)))
        prepare_output(figure_cache.version_folder(folder))  # a folder that cannot be written: before any run
    except ExportError as exc:
        return fail(str(exc))
    count, failed = fill_figure_cache(folder, paths, args.timeout, args.jobs)
    for line in bad + failed:
        fail(line)
    print(f"{count} pictures of this course version in {Path(folder).resolve()} "
          f"({len(paths) - len(failed)} of {len(paths) + len(bad)} notebooks executed)")
    return 1 if bad or failed else 0
