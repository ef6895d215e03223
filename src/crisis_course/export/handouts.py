"""Handouts: a standalone HTML file (and a PDF) per lesson, for students or, with
``--instructor``, with the instructor notes; and the short student worksheets."""
from __future__ import annotations

import os
import time
from pathlib import Path

from . import pdf as _pdf
from .core import TEMPLATES_DIR, Progress, RunResult, _lesson_title, prepare_output
from .preprocessors import handout_ready
from .slides import _write_index


def _lesson_of(name: str):
    """The lesson number at the start of a lesson name ("06_energy" -> 6), or None."""
    return int(name[:2]) if len(name) > 2 and name[:2].isdigit() and name[2] == "_" else None


def export_handout(nb, name: str, show_code: bool = False, banner: str | None = None,
                   instructor: bool = False, notes: bool = True) -> str:
    """A standalone HTML handout of an (executed) notebook: images embedded, nothing loaded from
    the network, speaker notes removed, code hidden unless ``show_code``.

    ``instructor=True`` makes the instructor edition: the lesson's instructor notes (merged from
    the notes files when ``notes``) are kept, each in a box labelled "Instructor note"."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    c = Config()
    c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES_DIR)]
    c.HTMLExporter.template_name = "crisis_handout"
    c.HTMLExporter.embed_images = True
    c.HTMLExporter.theme = "light"
    c.HTMLExporter.exclude_input = not show_code
    c.HTMLExporter.exclude_input_prompt = True
    c.HTMLExporter.exclude_output_prompt = True
    exporter = HTMLExporter(config=c)
    body, _ = exporter.from_notebook_node(
        handout_ready(nb, instructor=instructor, notes=notes, lesson=_lesson_of(name)),
        resources={"metadata": {"name": name}, "crisis": {"banner": banner or "", "instructor": instructor}})
    return body



def write_handouts(paths: list[Path], output_dir: str | os.PathLike, pdf: bool = True,
                   show_code: bool = False, timeout: int = 300, jobs: int = 1,
                   progress: Progress | None = None, executed: dict | None = None,
                   instructor: bool = False, notes: bool = True) -> RunResult:
    """Execute ``paths`` and write ``NN_slug.html`` (and ``.pdf`` when Chromium is present).

    ``instructor=True`` writes the instructor edition ``NN_slug.instructor.html`` (with the
    instructor notes); the default is the students' edition, without them."""
    out = prepare_output(output_dir)
    progress = progress or Progress(len(paths))
    result = RunResult()
    titles = {}
    with _pdf.open_browser(pdf, result, progress, "handouts") as browser:
        for name, nb, secs in result.executed(progress, paths, executed, timeout, jobs):
            t0 = time.perf_counter()
            banner = "Two Agendas: a course on the Biden-Putin call of 7 December 2021 - handout"
            if instructor:
                banner += " (instructor edition, with the instructor notes: not for students)"
            body = export_handout(nb, name, show_code=show_code, banner=banner, instructor=instructor,
                                  notes=notes)
            target = out / (f"{name}.instructor.html" if instructor else f"{name}.html")
            if _pdf.save_printable(result, progress, name, target, body, browser, "html", secs, t0):
                titles[target.name] = _lesson_title(nb, name)
    _write_index(out, titles, "Handouts (instructor edition)" if instructor else "Handouts", False)
    return result


