"""The instructors' answer key: every quiz question with its answer, and the key results of the
exercise solutions (``crisis-course answer-key``)."""
from __future__ import annotations

import html
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .core import ExportError, Progress, _lesson_title
from .execute import execute_notebook

def find_solutions_dir(explicit: str | os.PathLike | None = None) -> Path | None:
    """``explicit``, else ``./solutions`` or a parent's ``solutions/``; None when there is none."""
    if explicit is not None:
        path = Path(explicit).expanduser()
        return path.resolve() if path.is_dir() else None
    here = Path.cwd()
    for folder in [here, *here.parents]:
        if (folder / "solutions").is_dir():
            return folder / "solutions"
        if (folder / "lessons").is_dir():  # the course root: stop here
            return None
    return None


def _ordered_banks(names=None):
    """Every bank (loaded), ordered by lesson number; plus error messages for unloadable banks.
    ``names``: bank names or paths (default: every bank of the package)."""
    from ..quiz import QuizBankError, bank_names, load_bank

    banks, errors = [], []
    for name in (bank_names() if names is None else names):
        try:
            banks.append(load_bank(name))
        except QuizBankError as exc:
            errors.append(str(exc))
    banks.sort(key=lambda b: (b.lesson if b.lesson is not None else 99, b.name))
    return banks, errors


def _md_escape_cell(text: str) -> str:
    return str(text).replace("\n", " ").strip()


def _question_markdown(q, number: int) -> list[str]:
    lines = [f"**{number}. `{q.id}`** ({q.type}) {_md_escape_cell(q.prompt)}", ""]
    if q.type in ("single", "multiple"):
        right = {q.answer} if q.type == "single" else set(q.answer)
        for i, opt in enumerate(q.options):
            mark = " **(correct)**" if opt in right else ""
            lines.append(f"   {chr(65 + i)}. {_md_escape_cell(opt)}{mark}")
        lines.append("")
    if q.type == "ordering":
        answer = " → ".join(q.items)
    elif q.type == "matching":
        answer = "; ".join(f"{a} → {b}" for a, b in q.pairs)
    else:
        answer = q.answer_text()
    lines += [f"   - *Answer:* {_md_escape_cell(answer)}",
              f"   - *Explanation:* {_md_escape_cell(q.explanation)}",
              f"   - *Source:* {_md_escape_cell(q.source)}", ""]
    return lines


@dataclass
class SolutionResult:
    """The key results of one exercise solution notebook: ``items`` are
    ``(section, html, text)`` tuples in notebook order."""

    name: str
    title: str
    items: list[tuple[str, str, str]] = field(default_factory=list)
    error: str | None = None


def _output_html_text(outputs) -> tuple[str, str]:
    """HTML and plain text for a list of notebook outputs (images embedded)."""
    parts_html, parts_text = [], []
    for out in outputs:
        otype = out.get("output_type")
        if otype == "stream":
            text = "".join(out.get("text", ""))
            parts_html.append(f"<pre>{html.escape(text)}</pre>")
            parts_text.append(text.rstrip())
        elif otype in ("execute_result", "display_data"):
            data = out.get("data", {})
            plain = "".join(data.get("text/plain", ""))
            if "text/html" in data:
                parts_html.append("".join(data["text/html"]))
            elif "image/png" in data:
                png = "".join(data["image/png"]).replace("\n", "")
                parts_html.append(f'<img alt="{html.escape(plain or "figure", quote=True)}" '
                                  f'src="data:image/png;base64,{png}" style="max-width:100%">')
            elif plain:
                parts_html.append(f"<pre>{html.escape(plain)}</pre>")
            if plain:
                parts_text.append(plain.rstrip())
        elif otype == "error":
            text = f"{out.get('ename')}: {out.get('evalue')}"
            parts_html.append(f"<pre>{html.escape(text)}</pre>")
            parts_text.append(text)
    return "\n".join(parts_html), "\n".join(parts_text)


_CODE_BLOCK = re.compile(r"^\s*###\s*BEGIN SOLUTION\b.*?$(.*?)^\s*###\s*END SOLUTION\b.*?$", re.M | re.S)
_MD_BLOCK = re.compile(r"<!--\s*BEGIN SOLUTION\s*-->(.*?)<!--\s*END SOLUTION\s*-->", re.S)
_KEY_TAGS = {"key-result", "key_result"}


def _solution_code(source: str) -> str:
    """The solution lines of a code cell (between the BEGIN/END SOLUTION markers, without the
    ``#>`` starter lines); the whole cell when it has no markers."""
    blocks = _CODE_BLOCK.findall(source)
    if not blocks:
        return source.strip()
    lines = [l for b in blocks for l in b.strip("\n").splitlines() if not l.lstrip().startswith("#>")]
    return "\n".join(lines).strip()


def _markdown_html(text: str) -> str:
    try:
        import mistune

        return mistune.html(text)
    except Exception:  # mistune comes with nbconvert; fall back to escaped text
        return f"<pre>{html.escape(text)}</pre>"


def _solution_items(nb) -> list[tuple[str, str, str]]:
    """``(section, html, text)`` for the key results of an executed solution, in order:

    - code cells tagged ``key-result`` (or ``key_result``): their outputs, with the solution code
      folded under them;
    - model answers in Markdown (between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->``);
    - if a solution marks neither, the last code cell with output of every ``##`` section.
    (Markers and tags: ``crisis_course.exercises.generate``.)
    """
    items, section = [], "Result"
    tagged = any(c.cell_type == "code" and _KEY_TAGS & set(c.get("metadata", {}).get("tags", []))
                 for c in nb.cells)
    models = any(c.cell_type == "markdown" and _MD_BLOCK.search(c.source) for c in nb.cells)
    last_by_section: dict[str, object] = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            heading = cell.source.lstrip()
            if heading.startswith("## "):
                section = heading[3:].splitlines()[0].strip()
            for block in _MD_BLOCK.findall(cell.source):
                text = block.strip()
                items.append((section, '<div class="model-answer"><p><em>Model answer:</em></p>'
                              + _markdown_html(text) + "</div>", "Model answer: " + text))
        elif cell.cell_type == "code":
            tags = set(cell.get("metadata", {}).get("tags", []))
            if tagged and tags & _KEY_TAGS:
                body_html, body_text = _output_html_text(cell.get("outputs", []))
                code = _solution_code(cell.source)
                if code:
                    body_html += (f"<details><summary>Solution code</summary><pre>{html.escape(code)}</pre>"
                                  "</details>")
                items.append((section, body_html or "<p>(no output)</p>", body_text))
            elif cell.get("outputs"):
                last_by_section[section] = cell
    if not tagged and not models:
        for sec, cell in last_by_section.items():
            body_html, body_text = _output_html_text(cell.get("outputs", []))
            items.append((sec, body_html, body_text))
    return items


def solution_key_results(path: str | os.PathLike, timeout: int = 300) -> SolutionResult:
    """Execute one solution notebook and collect its key results (see :func:`_solution_items`)."""
    path = Path(path)
    try:
        nb = execute_notebook(path, timeout=timeout)
    except ExportError as exc:
        return SolutionResult(path.stem, path.stem, error=str(exc))
    return SolutionResult(path.stem, _lesson_title(nb, path.stem), _solution_items(nb))


_KEY_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:54rem;margin:1.5rem auto;
padding:0 1rem;line-height:1.45;color:#1a1a1a}
h1{font-size:1.7em} h2{border-bottom:2px solid #1a1a1a;padding-bottom:.2em;margin-top:2em}
code.qid{font-size:.85em;background:#eee;padding:0 .3em}
.toc li{margin:.1em 0} pre{white-space:pre-wrap;background:#f6f6f6;padding:.4em}
.model-answer{border-left:4px solid #009E73;padding:.2em .8em;background:#f4fbf8}
table{border-collapse:collapse} td,th{border:1px solid #bbb;padding:.2em .4em}
@media print{h2{break-before:page} .quiz-question{break-inside:avoid}}
"""


def build_answer_key(solutions_dir: str | os.PathLike | None = None, timeout: int = 300,
                     progress: Progress | None = None, banks=None) -> tuple[str, str, dict]:
    """Build the answer key as ``(html, markdown, info)``.

    ``info`` holds ``question_ids`` (every id covered), ``banks``, ``solutions`` (names) and
    ``problems`` (bank or solution errors). ``solutions_dir=None`` leaves the exercises out.
    ``banks``: bank names or paths (default: every bank of the package).
    """
    from ..quiz.static import question_to_html

    banks, problems = _ordered_banks(banks)
    today = time.strftime("%Y-%m-%d")
    info = {"question_ids": [], "banks": [b.name for b in banks], "solutions": [], "problems": problems}
    total = sum(len(b.questions) for b in banks)
    h = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
         '<title>Two Agendas: answer key (instructors)</title>', f"<style>{_KEY_CSS}</style>",
         "</head><body>", "<h1>Two Agendas: answer key</h1>",
         f"<p><strong>For instructors.</strong> Every quiz question of the course ({total} questions in "
         f"{len(banks)} banks) with its answer, explanation and source, and the key results of the "
         f"exercise solutions. Generated {today} by <code>crisis-course answer-key</code> from the "
         "question banks (<code>src/crisis_course/banks/</code>) and <code>solutions/</code>.</p>",
         '<nav><ul class="toc">']
    md = ["# Two Agendas: answer key", "",
          f"For instructors. Every quiz question of the course ({total} questions in {len(banks)} banks) "
          "with its answer, explanation and source, and the key results of the exercise solutions. "
          f"Generated {today} by `crisis-course answer-key`.", ""]
    for b in banks:
        lesson = f"Lesson {b.lesson}: " if b.lesson is not None and not b.title.startswith("Lesson") else ""
        h.append(f'<li><a href="#bank-{html.escape(b.name)}">{html.escape(lesson + b.title)}</a> '
                 f"({len(b.questions)} questions)</li>")
    h.append('<li><a href="#exercises">Exercise solutions: key results</a></li></ul></nav>')
    if problems:
        h.append("<h2>Problems</h2><ul>" + "".join(f"<li><pre>{html.escape(p)}</pre></li>" for p in problems)
                 + "</ul>")
        md += ["## Problems", ""] + [f"- {p}" for p in problems] + [""]
    for b in banks:
        h.append(f'<h2 id="bank-{html.escape(b.name)}">{html.escape(b.title)}</h2>')
        h.append(f'<p>Bank <code>{html.escape(b.name)}</code> '
                 f'(<code>src/crisis_course/banks/{html.escape(b.name)}.yaml</code>), '
                 f"{len(b.questions)} questions.</p>")
        md += [f"## {b.title}", "", f"Bank `{b.name}` (`src/crisis_course/banks/{b.name}.yaml`), "
               f"{len(b.questions)} questions.", ""]
        h.append(f'<section class="crisis-quiz" data-bank="{html.escape(b.name)}">')
        for n, q in enumerate(b.questions, 1):
            info["question_ids"].append(q.id)
            h.append(f'<p style="margin:1.2em 0 0 0">Question id <code class="qid">{html.escape(q.id)}</code> '
                     f"· type {html.escape(q.type)}</p>")
            h.append(question_to_html(q, n, len(b.questions), instructor=True))
            md += _question_markdown(q, n)
        h.append("</section>")
    h.append('<h2 id="exercises">Exercise solutions: key results</h2>')
    md += ["## Exercise solutions: key results", ""]
    sols = sorted(Path(solutions_dir).glob("*.ipynb")) if solutions_dir else []
    if not sols:
        why = ("no exercise solutions were found (solutions/ is empty or missing)" if solutions_dir
               else "the exercise solutions were left out")
        h.append(f"<p>None: {why}.</p>")
        md += [f"None: {why}.", ""]
    progress = progress or Progress(len(sols), quiet=True)
    progress.total = len(sols)
    for path in sols:
        t0 = time.perf_counter()
        res = solution_key_results(path, timeout=timeout)
        info["solutions"].append(res.name)
        h.append(f"<h3>{html.escape(res.title)}</h3>"
                 f"<p><code>solutions/{html.escape(path.name)}</code></p>")
        md += [f"### {res.title}", "", f"`solutions/{path.name}`", ""]
        if res.error:
            problems.append(res.error)
            h.append(f"<p><strong>Could not run this solution:</strong></p><pre>{html.escape(res.error)}</pre>")
            md += ["**Could not run this solution:**", "", "```", res.error, "```", ""]
            progress.lesson(res.name, "FAILED")
            continue
        if not res.items:
            h.append("<p>(This solution has no outputs to report.)</p>")
            md += ["(This solution has no outputs to report.)", ""]
        previous = None
        for label, body_html, body_text in res.items:
            if label != previous:
                h.append(f"<h4>{html.escape(label)}</h4>")
                md += [f"#### {label}", ""]
                previous = label
            h.append(body_html)
            if body_text.startswith("Model answer: "):
                md += [body_text, ""]
            else:
                md += ["```", body_text or "(a figure; see the HTML answer key)", "```", ""]
        progress.lesson(res.name, f"{len(res.items)} key result(s) ({time.perf_counter() - t0:.1f} s)")
    h.append("</body></html>")
    return "\n".join(h) + "\n", "\n".join(md) + "\n", info


def write_answer_key(output_dir: str | os.PathLike, solutions_dir=None, timeout: int = 300,
                     progress: Progress | None = None) -> tuple[list[Path], dict]:
    """Write ``answer_key.html`` and ``answer_key.md`` into ``output_dir``."""
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    page, md, info = build_answer_key(solutions_dir, timeout=timeout, progress=progress)
    paths = [out / "answer_key.html", out / "answer_key.md"]
    paths[0].write_text(page, encoding="utf-8")
    paths[1].write_text(md, encoding="utf-8")
    return paths, info


