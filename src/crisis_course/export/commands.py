"""The ``crisis-course`` subcommands of the export package: slides, handouts, answer-key, assets."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from ..cmdline import add_command, fail
from .answer_key import find_solutions_dir, write_answer_key
from .assets import asset_cache_dir, ensure_assets
from .core import (
    ASSET_PACKAGES,
    ExportError,
    Progress,
    RunResult,
    check_notebooks,
    find_lessons_dir,
    prepare_output,
    resolve_lessons,
)
from .handouts import write_handouts
from .slides import write_slides
from .worksheets import write_worksheets


def _add_export_command(subparsers, name, func, default_out, help, description):
    """A lesson-exporting subcommand with the options every export shares."""
    p = add_command(subparsers, name, func, help=help, description=description, output=default_out,
                    lessons_dir="folder holding the lesson notebooks (default: ./lessons, or a parent's lessons/)",
                    timeout="seconds a single cell may run (default: 300)",
                    jobs="execute N lessons at once (default: 1)", quiet="no progress lines")
    p.add_argument("lessons", nargs="*", metavar="LESSON",
                   help='lessons to export: a number ("3", "03"), a name ("03_nato") or a path; '
                        "default: every lesson")
    p.add_argument("--show-code", action="store_true",
                   help="also show the code cells (by default only their output: figures, tables, quizzes)")
    return p


def _errors(run, output: str) -> int:
    """``run()``'s exit status, or 1 with one ``error:`` line for an export or file-system failure."""
    try:
        return run()
    except ExportError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"{exc.filename or output}: {exc.strerror or exc}")


def _preflight(args) -> tuple[list, list[str]]:
    """Everything that can be checked before a lesson runs: the lessons exist, each notebook is
    valid JSON, the output folder can be written. Raises :class:`ExportError` for a fatal problem;
    returns ``(readable lessons, one line per unreadable lesson)``."""
    paths = resolve_lessons(args.lessons, find_lessons_dir(args.lessons_dir))
    prepare_output(args.output)
    return check_notebooks(paths)


def _run_export(args, what: str, write) -> int:
    def run() -> int:
        paths, bad = _preflight(args)
        for line in bad:
            fail(line)
        if not paths:
            return 1
        progress = Progress(len(paths), quiet=args.quiet)
        progress.line(f"{what} for {len(paths)} lesson(s) into {args.output}"
                      + (f" (skipping {len(bad)} unreadable notebook(s))" if bad else ""))
        status = _finish(write(paths, progress), progress, args.output, "index.html")
        return 1 if bad else status

    return _errors(run, args.output)


def _cmd_slides(args) -> int:
    """Execute lessons and export them as reveal.js slide decks (NN_name.slides.html) plus an index.html.
    Quizzes appear as static HTML with click-to-reveal answers; press S in a deck for the speaker view with
    notes. With --offline every asset (reveal.js, require.js, jQuery, fonts) is copied into the output
    folder, so the decks open from disk with no network; the assets are fetched once from the npm registry
    with npm into ~/.cache/crisis-course/assets (or $CRISIS_COURSE_ASSET_DIR)."""
    return _run_export(
        args, f"Exporting {'offline ' if args.offline else ''}reveal.js slides",
        lambda paths, progress: write_slides(paths, args.output, offline=args.offline, show_code=args.show_code,
                                             theme=args.theme, timeout=args.timeout, jobs=args.jobs,
                                             progress=progress, quiz_per_slide=not args.quiz_one_slide,
                                             cut=args.cut))


def _cmd_handouts(args) -> int:
    """Execute lessons and write a standalone HTML handout per lesson (images embedded, no network needed,
    speaker notes left out, quiz answers folded away). A PDF of each is printed with Chromium when it is
    installed (/usr/bin/chromium, or $CRISIS_COURSE_CHROMIUM); otherwise the command says that PDFs were
    skipped."""
    if args.instructor and args.output == "build/handouts":
        args.output = "build/handouts-instructor"
    return _run_export(
        args, "Writing " + ("instructor-edition handouts" if args.instructor else "handouts"),
        lambda paths, progress: write_handouts(paths, args.output, pdf=not args.no_pdf, show_code=args.show_code,
                                               timeout=args.timeout, jobs=args.jobs, progress=progress,
                                               instructor=args.instructor))


def _cmd_worksheets(args) -> int:
    """Execute lessons and write a short student worksheet per lesson (NN_name.worksheet.html, and a PDF when
    Chromium is installed): the lesson's key points (its 'In brief' box), its main figure (the cell tagged
    main-figure, else the first figure) and the end-quiz questions, lettered as on the slides, with space to
    write. No answers."""
    return _run_export(
        args, "Writing student worksheets",
        lambda paths, progress: write_worksheets(paths, args.output, pdf=not args.no_pdf, timeout=args.timeout,
                                                 jobs=args.jobs, progress=progress))


def _finish(result: RunResult, progress: Progress, output: str, index: str) -> int:
    if result.failed:
        progress.line(f"Done in {progress.elapsed():.1f} s with problems in: {', '.join(result.failed)}")
        return 1
    progress.line(f"Done in {progress.elapsed():.1f} s: open {Path(output) / index}")
    return 0


def _cmd_assets(args) -> int:
    cache = Path(args.dir) if args.dir else asset_cache_dir()

    def run() -> int:
        if args.force and (cache / "node_modules").exists():
            shutil.rmtree(cache / "node_modules")
        ensure_assets(cache, fetch=True)
        print(f"Offline slide assets are in {cache}:")
        for name, version in ASSET_PACKAGES.items():
            print(f"  {name} {version}")
        return 0

    return _errors(run, str(cache))


def register(subparsers) -> None:
    """Add the ``slides``, ``handouts``, ``worksheets``, ``answer-key``, ``assets`` and ``figures`` subcommands."""
    p = _add_export_command(
        subparsers, "slides", _cmd_slides, "build/slides", "execute lessons and export reveal.js slide decks",
        _cmd_slides.__doc__)
    p.add_argument("--offline", action="store_true",
                   help="copy every asset into DIR/_assets and use relative paths (no network needed)")
    p.add_argument("--theme", default="white",
                   help="reveal.js theme (default: white; offline: white, black or serif, which load no web fonts)")
    p.add_argument("--quiz-one-slide", action="store_true",
                   help="show each quiz as one (scrolling) slide instead of one question per slide")
    p.add_argument("--cut", choices=("full", "presenter"), default="full",
                   help="full: every cell of the lesson (default); presenter: the short deck of 15-25 slides "
                        "from the lesson's slide plan (content/slides/), where it has one")

    p = _add_export_command(
        subparsers, "handouts", _cmd_handouts, "build/handouts", "write a standalone HTML (and PDF) handout per lesson",
        _cmd_handouts.__doc__)
    p.add_argument("--instructor", action="store_true",
                   help="instructor edition: keep the instructor notes (NN_name.instructor.html; default "
                        "folder build/handouts-instructor). Never give it to students.")

    p = _add_export_command(
        subparsers, "worksheets", _cmd_worksheets, "build/worksheets",
        "write a 2-4 page student worksheet per lesson (HTML and PDF)",
        _cmd_worksheets.__doc__)
    for name in ("handouts", "worksheets"):
        subparsers.choices[name].add_argument("--no-pdf", action="store_true", help="write HTML only")

    p = add_command(
        subparsers, "answer-key", _cmd_answer_key, output="build/answer-key",
        timeout="seconds a single solution cell may run (default: 300)", quiet="no progress lines",
        help="write the instructors' answer key (all quiz answers, exercise key results)",
        description=_cmd_answer_key.__doc__)
    p.add_argument("--solutions-dir", metavar="DIR",
                   help="folder of exercise solutions (default: ./solutions, or a parent's solutions/)")
    p.add_argument("--no-solutions", action="store_true",
                   help="leave out the exercise solutions (no notebooks are executed)")

    p = add_command(
        subparsers, "assets", _cmd_assets,
        help="fetch the offline slide assets (reveal.js, require.js, jQuery) with npm",
        description="Fetch the files offline decks need from the npm registry with npm "
                    f"({', '.join(f'{k}@{v}' for k, v in ASSET_PACKAGES.items())}) into the asset "
                    "cache, or report that they are already there. Run it on a connected machine "
                    "before class; 'slides --offline' also does this by itself when needed.")
    p.add_argument("--dir", metavar="DIR",
                   help="cache folder (default: $CRISIS_COURSE_ASSET_DIR or ~/.cache/crisis-course/assets)")
    p.add_argument("--force", action="store_true", help="fetch again even if the cache is complete")

    from .figures import register as register_figures

    register_figures(subparsers)


def _cmd_answer_key(args) -> int:
    """Write one document for instructors with every quiz question, its answer, explanation and source (from
    the question banks), and the key results of the exercise solutions (solutions/*.ipynb, executed). Writes
    answer_key.html and answer_key.md, and a one-page answer grid per lesson with the letters shown on the
    slides (answer_grids.html, one lesson per printed page, and grids/NN_bank.html)."""
    progress = Progress(0, quiet=args.quiet)
    solutions = None if args.no_solutions else find_solutions_dir(args.solutions_dir)
    if args.solutions_dir and solutions is None and not args.no_solutions:
        return fail(f"solutions folder {args.solutions_dir!r} does not exist")
    written = {}

    def run() -> int:
        prepare_output(args.output)  # before any solution runs
        progress.line("Writing the answer key" + (f" (executing the solutions in {solutions})" if solutions else ""))
        written["result"] = write_answer_key(args.output, solutions, timeout=args.timeout, progress=progress)
        return 0

    if _errors(run, args.output):
        return 1
    paths, info = written["result"]
    progress.line(f"{len(info['question_ids'])} questions from {len(info['banks'])} banks, "
                  f"{len(info['solutions'])} exercise solutions -> {paths[0]}, {paths[1]} and the answer grids "
                  f"({paths[2]}, one page per lesson, and {paths[2].parent / 'grids'}/)")
    for problem in info["problems"]:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if info["problems"] else 0
