"""Shared pieces of the export package: errors, settings, finding lessons, progress lines."""
from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

#: nbconvert templates that ship with the package (crisis_reveal, crisis_handout).
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

#: npm packages (exact versions) whose files make an offline deck. reveal.js 4.0.2 is the version
#: nbconvert 7's reveal template is written for; jQuery 2 is what that template expects.
ASSET_PACKAGES = {"reveal.js": "4.0.2", "requirejs": "2.3.8", "jquery": "2.2.4"}

#: Files (relative to the npm ``node_modules`` folder) that an offline deck needs.
_ASSET_FILES = [
    "reveal.js/dist/reveal.js",
    "reveal.js/dist/reveal.css",
    "reveal.js/plugin/notes/notes.js",
    "reveal.js/LICENSE",
    "requirejs/require.js",
    "requirejs/package.json",
    "jquery/dist/jquery.min.js",
    "jquery/LICENSE.txt",
]

#: reveal.js themes that load no web fonts (the others import fonts from fonts.googleapis.com).
OFFLINE_THEMES = {"white": "source-sans-pro", "black": "source-sans-pro", "serif": None}

LESSON_PATTERN = re.compile(r"^(\d\d)_[A-Za-z0-9_\-]+\.ipynb$")


class ExportError(RuntimeError):
    """An export step failed; the message says which lesson and why."""


class AssetError(ExportError):
    """The offline slide assets are missing and could not be fetched."""


# --------------------------------------------------------------------------------------------
# Finding lessons
# --------------------------------------------------------------------------------------------

def find_lessons_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The lessons folder: ``explicit`` if given, else ``./lessons``, else a ``lessons/`` folder in
    a parent of the current directory (so the tool also works from ``docs/`` or ``build/``)."""
    if explicit is not None:
        path = Path(explicit).expanduser()
        if not path.is_dir():
            raise ExportError(f"Lessons folder {str(path)!r} does not exist.")
        return path.resolve()
    here = Path.cwd()
    for folder in [here, *here.parents]:
        candidate = folder / "lessons"
        if candidate.is_dir():
            return candidate
    raise ExportError("No 'lessons' folder found here or in a parent folder; run the command from "
                      "the course folder or pass --lessons-dir.")


def list_lessons(lessons_dir: str | os.PathLike) -> list[Path]:
    """All lesson notebooks (``NN_slug.ipynb``) in ``lessons_dir``, in lesson order."""
    folder = Path(lessons_dir)
    return sorted(p for p in folder.iterdir() if p.is_file() and LESSON_PATTERN.match(p.name))


def resolve_lessons(specs: list[str] | None, lessons_dir: str | os.PathLike) -> list[Path]:
    """Turn LESSON arguments into notebook paths.

    Each spec may be a number (``3``, ``03``), a name with or without ``.ipynb``
    (``03_nato``) or a path to a notebook. No specs means every lesson.
    """
    lessons = list_lessons(lessons_dir)
    if not specs:
        if not lessons:
            raise ExportError(f"No lesson notebooks (NN_name.ipynb) in {lessons_dir}.")
        return lessons
    chosen: list[Path] = []
    for spec in specs:
        spec = str(spec)
        path = Path(spec).expanduser()
        if spec.endswith(".ipynb") and path.is_file():
            same = [p for p in lessons if p.resolve() == path.resolve()]
            match = same or [path.resolve()]
        elif spec.isdigit():
            match = [p for p in lessons if int(p.name[:2]) == int(spec)]
        else:
            stem = spec[:-6] if spec.endswith(".ipynb") else spec
            match = [p for p in lessons if p.stem == stem or p.stem == Path(stem).name]
        if not match:
            names = ", ".join(p.stem for p in lessons) or "none"
            raise ExportError(f"No lesson matches {spec!r} (lessons in {lessons_dir}: {names}).")
        for p in match:
            if p not in chosen:
                chosen.append(p)
    return chosen



def read_notebook(path: str | os.PathLike):
    import nbformat

    return nbformat.read(str(path), as_version=4)


def _slide_type(cell) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-") or "-"


def _lesson_title(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback



class Progress:
    """One line per lesson on stderr: ``[3/9] 03_nato ... executed 4.1 s, slides 0.6 s -> path``."""

    def __init__(self, total: int, stream=None, quiet: bool = False):
        self.total, self.done, self.quiet = total, 0, quiet
        self.stream = stream or sys.stderr
        self.start = time.perf_counter()

    def line(self, text: str) -> None:
        if not self.quiet:
            print(text, file=self.stream, flush=True)

    def lesson(self, name: str, text: str) -> None:
        self.done += 1
        self.line(f"[{self.done}/{self.total}] {name}: {text}")

    def elapsed(self) -> float:
        return time.perf_counter() - self.start


@dataclass
class RunResult:
    written: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def fail(self, progress: Progress, name: str, message: str) -> None:
        """Record lesson ``name`` as failed and say why on its progress line."""
        self.failed.append(name)
        progress.lesson(name, f"FAILED: {message}")

    def executed(self, progress: Progress, paths: list[Path], executed: dict | None, timeout: int, jobs: int):
        """``(name, executed notebook, seconds executing)`` for each lesson that ran; a lesson that
        failed to run is recorded (:meth:`fail`) and skipped, so the others are still written."""
        from .execute import _lessons_as_executed

        for path, nb, secs, err in _lessons_as_executed(paths, executed, timeout, jobs):
            if err:
                self.fail(progress, path.stem, err)
            else:
                yield path.stem, nb, secs

    def save(self, progress: Progress, name: str, target: Path, text: str) -> bool:
        """Write ``text`` to ``target`` for lesson ``name``; False (recorded as failed) if it cannot."""
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as exc:
            self.fail(progress, name, f"cannot write {target}: {exc.strerror or exc}")
            return False
        self.written.append(target)
        return True




# ------------------------------------------------------------------------- pre-flight checks

def prepare_output(path: str | os.PathLike) -> Path:
    """Create the output folder and make sure files can be written in it, BEFORE any lesson is
    executed; raise :class:`ExportError` with one line saying what is wrong (the path is a file,
    a parent is a file, the folder is read-only ...)."""
    import tempfile

    out = Path(path)
    if out.exists() and not out.is_dir():
        raise ExportError(f"the output path {out} is a file, not a folder; choose another --output")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the output folder {out}: {exc.strerror or exc}") from None
    try:
        with tempfile.NamedTemporaryFile(dir=out, prefix=".crisis-write-test-"):
            pass
    except OSError as exc:
        raise ExportError(f"cannot write into the output folder {out}: {exc.strerror or exc} "
                          "(is it read-only?)") from None
    return out


def check_notebooks(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Read every lesson notebook once, before anything is executed: ``(readable, problems)``,
    a problem being one line naming the file and what is wrong (not JSON, not a notebook ...)."""
    import nbformat

    good, problems = [], []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as fh:
                nbformat.read(fh, as_version=4)
        except FileNotFoundError:
            problems.append(f"{path}: no such notebook")
        except IsADirectoryError:
            problems.append(f"{path}: is a folder, not a notebook")
        except UnicodeDecodeError as exc:
            problems.append(f"{path}: not a notebook (not UTF-8 text: {exc.reason})")
        except ValueError as exc:  # json.JSONDecodeError, nbformat's NotJSONError
            detail = " ".join(str(exc).split())[:160]
            problems.append(f"{path}: not a valid notebook (not JSON: {detail})")
        except Exception as exc:  # nbformat validation, reading errors ...
            detail = " ".join(str(exc).split())[:160]
            problems.append(f"{path}: cannot be read as a notebook ({type(exc).__name__}: {detail})")
        else:
            good.append(path)
    return good, problems
