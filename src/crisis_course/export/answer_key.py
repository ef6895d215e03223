"""The instructors' answer key: every quiz question with its answer, and the key results of the
exercise solutions (``crisis-course answer-key``), plus a one-page answer grid per lesson.

One data model (:class:`AnswerKey` of :class:`KeyBank` of :class:`KeyQuestion`, built by
:func:`answer_key_model`) is rendered through Jinja templates (``templates/answer_key/``) to HTML
(:func:`render_html`), Markdown (:func:`render_markdown`) and the answer grids
(:func:`render_grid`). Every string from a bank is escaped in every output: HTML escaping in the
HTML, and in the Markdown too (``<script>`` stays text), as the quiz's static HTML does.
"""
from __future__ import annotations

import html
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .core import ExportError, Progress, _lesson_title
from .execute import execute_notebook
from .preprocessors import ordering_letters


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
    lines = [line for b in blocks for line in b.strip("\n").splitlines() if not line.lstrip().startswith("#>")]
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


# ------------------------------------------------------------------------------ data model

@dataclass
class KeyOption:
    letter: str
    text: str
    correct: bool = False
    feedback: str | None = None


@dataclass
class KeyQuestion:
    number: int            # position in the bank (the answer key's numbering)
    slide_number: int | None  # "Question n of N" on slides and handouts (None for a checkpoint)
    id: str
    type: str
    prompt: str
    answer_words: str      # the answer in words (ordering: in order; matching: pairs)
    letters: str           # the answer in the letters shown on slides and handouts ("" if none)
    explanation: str
    source: str
    level: str | None = None
    checkpoint: bool = False
    options: list[KeyOption] = field(default_factory=list)
    feedback: list[tuple[str, str]] = field(default_factory=list)      # (wrong answer, feedback)
    near_misses: list[tuple[str, str]] = field(default_factory=list)   # (value, feedback)
    instructor_notes: list[tuple[str, str]] = field(default_factory=list)
    html: str = ""         # the question's static HTML (instructor mode), as on slides


@dataclass
class KeyBank:
    name: str
    title: str
    lesson: int | None
    questions: list[KeyQuestion]

    @property
    def toc_label(self) -> str:
        lesson = f"Lesson {self.lesson}: " if self.lesson is not None and not self.title.startswith("Lesson") else ""
        return lesson + self.title


@dataclass
class AnswerKey:
    title: str
    generated: str
    banks: list[KeyBank]
    problems: list[str]
    solutions: list[SolutionResult] | None  # None: left out
    solutions_why: str = ""

    @property
    def total(self) -> int:
        return sum(len(b.questions) for b in self.banks)


def _letter(i: int) -> str:
    return chr(ord("A") + i)


def answer_letters(q) -> str:
    """The answer in the letters a class sees on slides and handouts (bank order for options, the
    shown (shuffled) order for ordering items and matching choices): "B"; "A, C"; ordering
    "C, A, D, B" (first to last); matching "1-B, 2-D, ..."; "True"/"False"; "" for numbers and text."""
    return q.kind.answer_letters(q)


def _key_question(q, number: int, slide_number: int | None, total: int, html_of) -> KeyQuestion:
    options = []
    if "options" in q.kind.fields:  # single, multiple: lettered options
        right = q.kind.right_options(q)
        fb = getattr(q, "feedback", {}) or {}
        options = [KeyOption(_letter(i), opt, opt in right, fb.get(opt)) for i, opt in enumerate(q.options)]
    words = q.answer_text()
    option_texts = {o.text for o in options}
    feedback = [(k, v) for k, v in (getattr(q, "feedback", {}) or {}).items() if k not in option_texts]
    near = [(str(m.get("value")) + (f" (± {m['tolerance']})" if m.get("tolerance") else ""), str(m.get("feedback", "")))
            for m in (getattr(q, "near_misses", []) or [])]
    notes = list((getattr(q, "instructor_notes", {}) or {}).items())
    return KeyQuestion(number=number, slide_number=slide_number, id=q.id, type=q.type, prompt=q.prompt,
                       answer_words=words, letters=answer_letters(q), explanation=q.explanation, source=q.source,
                       level=getattr(q, "level", None), checkpoint=bool(getattr(q, "checkpoint", False)),
                       options=options, feedback=feedback, near_misses=near, instructor_notes=notes,
                       html=ordering_letters(html_of(q, number, total, instructor=True)))


def answer_key_model(solutions_dir: str | os.PathLike | None = None, timeout: int = 300,
                     progress: Progress | None = None, banks=None) -> AnswerKey:
    """The answer key's data: banks (in lesson order) with their questions, and the executed
    exercise solutions' key results (``solutions_dir=None`` leaves them out)."""
    from ..quiz.static import question_to_html

    loaded, problems = _ordered_banks(banks)
    key_banks = []
    for b in loaded:
        n_quiz = sum(1 for q in b.questions if not getattr(q, "checkpoint", False))
        qs, slide_n = [], 0
        for n, q in enumerate(b.questions, 1):
            cp = bool(getattr(q, "checkpoint", False))
            slide_n += 0 if cp else 1
            qs.append(_key_question(q, n, None if cp else slide_n, len(b.questions), question_to_html))
        del n_quiz
        key_banks.append(KeyBank(b.name, b.title, b.lesson, qs))
    key = AnswerKey(title="Two Agendas", generated=time.strftime("%Y-%m-%d"), banks=key_banks,
                    problems=problems, solutions=None)
    sols = sorted(Path(solutions_dir).glob("*.ipynb")) if solutions_dir else []
    if not sols:
        key.solutions_why = ("no exercise solutions were found (solutions/ is empty or missing)" if solutions_dir
                             else "the exercise solutions were left out")
        return key
    key.solutions = []
    progress = progress or Progress(len(sols), quiet=True)
    progress.total = len(sols)
    for path in sols:
        t0 = time.perf_counter()
        res = solution_key_results(path, timeout=timeout)
        key.solutions.append(res)
        if res.error:
            progress.lesson(res.name, "FAILED")
            continue
        progress.lesson(res.name, f"{len(res.items)} key result(s) ({time.perf_counter() - t0:.1f} s)")
    return key


# ------------------------------------------------------------------------------- rendering

def md_text(text) -> str:
    """Bank text for the Markdown key: one line, and raw HTML made inert: ``<`` and ``>`` become
    ``&lt;`` ``&gt;`` and an ``&`` that would start an entity becomes ``&amp;`` (Markdown renderers
    show them as the characters; a plain "S&P" stays as written)."""
    text = re.sub(r"&(?=#?[A-Za-z0-9]+;)", "&amp;", str(text))
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ").strip()


def _env():
    import jinja2

    from .core import TEMPLATES_DIR

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR / "answer_key")),
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             autoescape=jinja2.select_autoescape(["html.j2"]), undefined=jinja2.StrictUndefined)
    env.filters["md"] = md_text
    return env


def render_html(key: AnswerKey) -> str:
    return _env().get_template("answer_key.html.j2").render(key=key)


def render_markdown(key: AnswerKey) -> str:
    return _env().get_template("answer_key.md.j2").render(key=key)


def render_grid(key: AnswerKey, bank: KeyBank | None = None) -> str:
    """One page per lesson: question numbers as on the slides and the answers in their letters
    (every lesson, page by page, or only ``bank``)."""
    banks = [bank] if bank is not None else key.banks
    return _env().get_template("answer_grid.html.j2").render(key=key, banks=banks)


def _info(key: AnswerKey) -> dict:
    problems = list(key.problems) + [s.error for s in (key.solutions or []) if s.error]
    return {"question_ids": [q.id for b in key.banks for q in b.questions], "banks": [b.name for b in key.banks],
            "solutions": [s.name for s in (key.solutions or [])], "problems": problems}


def build_answer_key(solutions_dir: str | os.PathLike | None = None, timeout: int = 300,
                     progress: Progress | None = None, banks=None) -> tuple[str, str, dict]:
    """Build the answer key as ``(html, markdown, info)``.

    ``info`` holds ``question_ids`` (every id covered), ``banks``, ``solutions`` (names) and
    ``problems`` (bank or solution errors). ``solutions_dir=None`` leaves the exercises out.
    ``banks``: bank names or paths (default: every bank of the package).
    """
    key = answer_key_model(solutions_dir, timeout=timeout, progress=progress, banks=banks)
    return render_html(key), render_markdown(key), _info(key)


def write_answer_key(output_dir: str | os.PathLike, solutions_dir=None, timeout: int = 300,
                     progress: Progress | None = None, banks=None) -> tuple[list[Path], dict]:
    """Write ``answer_key.html``, ``answer_key.md``, ``answer_grids.html`` (every lesson, one page
    each) and ``grids/NN_bank.html`` (one lesson's page) into ``output_dir``."""
    from .core import prepare_output

    out = prepare_output(output_dir)
    key = answer_key_model(solutions_dir, timeout=timeout, progress=progress, banks=banks)
    paths = [out / "answer_key.html", out / "answer_key.md", out / "answer_grids.html"]
    paths[0].write_text(render_html(key), encoding="utf-8")
    paths[1].write_text(render_markdown(key), encoding="utf-8")
    paths[2].write_text(render_grid(key), encoding="utf-8")
    (out / "grids").mkdir(exist_ok=True)
    for b in key.banks:
        stem = f"{b.lesson:02d}_{b.name}" if b.lesson is not None else b.name
        target = out / "grids" / f"{stem}.html"
        target.write_text(render_grid(key, b), encoding="utf-8")
        paths.append(target)
    return paths, _info(key)
