"""Student worksheets: 2-4 printed pages per lesson with the key points, the lesson's main figure
and the end-quiz questions (lettered as on the slides) with space to write
(``crisis-course worksheets``).

Where the content comes from, so the worksheet follows the lesson when it changes:

- key points: the lesson's "In brief" box (a blockquote starting with ``**In brief**``); a lesson
  without one lists its ``##`` section headings instead;
- main figure: the output of the code cell tagged ``main-figure``; without a tag, the lesson's
  first figure (``figures.show``);
- questions: the lesson's bank from the course manifest, without the checkpoints (the same
  questions, order and letters as the slides' quiz), no answers.
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .core import TEMPLATES_DIR, Progress, RunResult, _lesson_title, prepare_output
from .preprocessors import static_widgets

MAIN_FIGURE_TAG = "main-figure"
_IN_BRIEF = re.compile(r"^\s*>\s*\*\*In brief\*\*", re.M)
_FIGURE = re.compile(r"<figure\b.*?</figure>", re.S)


@dataclass
class WorksheetQuestion:
    number: int
    prompt_html: str
    kind: str
    options: list[tuple[str, str]] = field(default_factory=list)   # (letter, option html)
    lefts: list[str] = field(default_factory=list)                 # matching: left items (html)
    answer_label: str = "Your answer"
    lines: int = 1


@dataclass
class Worksheet:
    course: str
    lesson: int | None
    title: str
    key_points: list[str]          # html of each point
    key_points_from: str           # "in-brief" | "sections" | ""
    figure_html: str | None
    questions: list[WorksheetQuestion]


def _in_brief(nb) -> list[str]:
    for cell in nb.cells:
        if cell.cell_type == "markdown" and _IN_BRIEF.search(cell.source):
            lines = [re.sub(r"^\s*>\s?", "", line) for line in cell.source.splitlines()]
            return [line[2:].strip() for line in lines if line.startswith(("- ", "* "))]
    return []


def _sections(nb) -> list[str]:
    out = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("## "):
                    out.append(re.sub(r"^\d+\.\s*", "", line[3:].strip()))
    return out


def main_figure(nb) -> str | None:
    """The HTML of the lesson's main figure (tagged ``main-figure``, else the first figure)."""
    first = None
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tagged = MAIN_FIGURE_TAG in cell.get("metadata", {}).get("tags", [])
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            text = data.get("text/html")
            text = "".join(text) if isinstance(text, list) else text
            found = _FIGURE.search(text) if text else None
            html_fig = found.group(0) if found else None
            if html_fig is None and "image/png" in data:
                png = "".join(data["image/png"]).replace("\n", "")
                html_fig = f'<figure><img alt="Figure" src="data:image/png;base64,{png}"></figure>'
            if html_fig:
                if tagged:
                    return html_fig
                first = first or html_fig
    return first


def _questions(bank_name: str | None) -> list[WorksheetQuestion]:
    if not bank_name:
        return []
    from ..quiz import load_bank
    from ..quiz.markup import render

    out = []
    quiz = [q for q in load_bank(bank_name).questions if not getattr(q, "checkpoint", False)]
    for n, q in enumerate(quiz, 1):
        w = WorksheetQuestion(number=n, prompt_html=render(q.prompt), kind=q.type, **q.kind.worksheet_blank(q))
        out.append(w)
    return out


def _bank_of(lesson: int | None) -> str | None:
    if lesson is None:
        return None
    try:
        from .. import course

        return course.load().lesson(lesson).bank
    except Exception:
        from ..checks import LESSON_BANKS

        return LESSON_BANKS.get(lesson)


def worksheet_model(nb, name: str) -> Worksheet:
    from ..quiz.markup import render_inline

    lesson = int(name[:2]) if len(name) > 2 and name[:2].isdigit() else None
    points = _in_brief(nb)
    source = "in-brief" if points else ""
    if not points:
        points, source = _sections(nb)[:8], "sections"
    try:
        from .. import course

        title = course.load().short_title
    except Exception:
        title = "Two Agendas"
    return Worksheet(course=title, lesson=lesson, title=_lesson_title(nb, name),
                     key_points=[render_inline(p) for p in points], key_points_from=source,
                     figure_html=main_figure(static_widgets(nb)), questions=_questions(_bank_of(lesson)))


def render_worksheet(ws: Worksheet) -> str:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR / "crisis_worksheet")),
                             trim_blocks=True, lstrip_blocks=True, autoescape=True,
                             undefined=jinja2.StrictUndefined)
    from .paginate import strip_notebook_only  # paper: no "Shift+Enter", "Run the next cell" (NOTEBOOK_ONLY)

    return strip_notebook_only(env.get_template("worksheet.html.j2").render(ws=ws))


def write_worksheets(paths: list[Path], output_dir: str | os.PathLike, pdf: bool = True, timeout: int = 300,
                     jobs: int = 1, progress: Progress | None = None, executed: dict | None = None) -> RunResult:
    """Execute ``paths`` (unless in ``executed``) and write ``NN_slug.worksheet.html`` (and a PDF
    when Chromium is present) for each."""
    from . import pdf as _pdf

    out = prepare_output(output_dir)
    progress = progress or Progress(len(paths))
    result = RunResult()
    with _pdf.open_browser(pdf, result, progress, "worksheets") as browser:
        for name, nb, secs in result.executed(progress, paths, executed, timeout, jobs):
            t0 = time.perf_counter()
            _pdf.save_printable(result, progress, name, out / f"{name}.worksheet.html",
                                render_worksheet(worksheet_model(nb, name)), browser, "worksheet", secs, t0)
    return result
