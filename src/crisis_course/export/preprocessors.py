"""Notebook transformations of the exports, each an nbconvert :class:`Preprocessor`.

An export runs an ordered list of them on an executed notebook (nbgrader's pattern), then the
course template renders the result:

- slides (:data:`SLIDE_PREPROCESSORS`): merge the instructor notes files back as speaker notes,
  one quiz question per slide, static copies of widgets, notes spread over a section's slides,
  no ``<section>`` inside a slide, hindsight boxes marked, quiz answers as reveal.js fragments;
- handouts (:data:`HANDOUT_PREPROCESSORS`): notes merged only for the instructor edition, notes
  and instructor cells removed for students, static widgets, hindsight boxes marked.

Each class also works on its own (``nb, resources = Cls(enabled=True)(nb, resources)``); the
older function names (:func:`split_quizzes`, :func:`spread_notes`, :func:`static_widgets`,
:func:`slide_ready`) remain for callers and tests.
"""
from __future__ import annotations

import copy
import re

from nbconvert.preprocessors import Preprocessor

from .core import _slide_type

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_STATIC_MIMES = ("text/html", "image/png", "image/svg+xml", "image/jpeg", "text/markdown")
WIDGET_NOTE = ('<p class="crisis-widget-note" style="font-style:italic;color:#404040">'
               "Interactive control: open the notebook in JupyterLab and run it to use it.</p>")


def static_widgets(nb):
    """Give every widget output without a static fallback a short note instead of its
    ``text/plain`` repr (``VBox(children=...)``), in place; returns ``nb``."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data") if out.get("output_type") in ("execute_result", "display_data") else None
            if data and WIDGET_VIEW in data and not any(m in data for m in _STATIC_MIMES):
                data["text/html"] = WIDGET_NOTE
                data["text/plain"] = "Interactive control: open the notebook in JupyterLab and run it to use it."
    return nb



def _quiz_html(cell) -> tuple[int, str] | None:
    """(output index, HTML) of a code cell's static quiz output, or None."""
    for i, out in enumerate(cell.get("outputs", [])):
        data = out.get("data", {}) if out.get("output_type") in ("execute_result", "display_data") else {}
        text = data.get("text/html")
        if text is not None:
            text = "".join(text) if isinstance(text, list) else text
            if 'class="crisis-quiz"' in text:
                return i, text
    return None


def _no_nested_sections(text: str) -> str:
    """HTML with every ``<section>`` element renamed to ``<div>`` (attributes kept).

    reveal.js 4 treats *any* ``section`` inside a slide as a vertical sub-slide, hidden as a
    "future" slide, which breaks navigation. The course's own quizzes emit no ``<section>``; this
    guards against one in other HTML outputs or in a lesson's Markdown.
    """
    if "<section" not in text:
        return text
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all("section"):
        tag.name = "div"
        if "aria-label" in tag.attrs and "role" not in tag.attrs:
            tag["role"] = "region"
    return str(soup)


def spread_notes(nb):
    """Show each section's speaker notes on every slide of the section, in place; returns ``nb``.

    nbconvert attaches a ``notes`` cell to the (sub)slide it sits in, and lessons put one notes
    cell per ``##`` section, usually at its end: the speaker view would show nothing on the
    section's first screens. Here the notes cells of a section (from one ``slide`` cell to the
    next) are moved to follow every ``slide``/``subslide`` start of that section, so the speaker
    view always shows what the instructor says about the section in view.
    """
    def stype(cell):
        return _slide_type(cell)

    sections, current = [], []
    for cell in nb.cells:
        if stype(cell) == "slide" and current:
            sections.append(current)
            current = []
        current.append(cell)
    if current:
        sections.append(current)
    cells = []
    for section in sections:
        notes = [c for c in section if stype(c) == "notes"]
        starts = [c for c in section if stype(c) in ("slide", "subslide")]
        if not notes or len(starts) < 2:
            cells.extend(section)  # one screen (or no notes): nothing to spread
            continue
        for cell in section:
            if stype(cell) == "notes":
                continue
            cells.append(cell)
            if stype(cell) in ("slide", "subslide"):
                for k, note in enumerate(notes):
                    twin = copy.deepcopy(note)
                    twin["id"] = f"{str(cell.get('id', 'c'))[:40]}-notes{k}"
                    cells.append(twin)
    nb.cells = cells
    return nb




def split_quizzes(nb):
    """A copy of ``nb`` whose quiz outputs are split into one question per (vertical) slide.

    A quiz cell's static HTML (``<section class="crisis-quiz">`` holding ``div.quiz-question``
    elements, from :mod:`crisis_course.quiz.static`) becomes one cell per question: the first
    keeps the cell's place and slide type, each further question is a ``subslide`` that repeats
    the quiz title. The instructor shows a question, lets the class answer, then clicks
    "Show answer". Cells without quiz output are untouched.
    """
    from bs4 import BeautifulSoup
    from nbformat.v4 import new_output

    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        found = _quiz_html(cell) if cell.cell_type == "code" else None
        if not found:
            cells.append(cell)
            continue
        index, text = found
        soup = BeautifulSoup(text, "html.parser")
        quiz = soup.find(class_="crisis-quiz")
        questions = quiz.find_all("div", class_="quiz-question", recursive=False) if quiz else []
        if len(questions) < 2:
            cells.append(cell)
            continue
        for q in questions:
            q.extract()
        for n, q in enumerate(questions):
            piece = copy.deepcopy(cell)
            shell = copy.copy(quiz)  # bs4 copies are deep: the section with its title and note
            if n:  # later questions repeat only the quiz title, not the introductory note
                for extra in shell.find_all("p", recursive=False):
                    if "quiz-title" not in (extra.get("class") or []):
                        extra.decompose()
            shell.append(q)
            out = piece.outputs[index]
            extra = {"execution_count": out.get("execution_count")} if out["output_type"] == "execute_result" else {}
            piece.outputs = [new_output(out["output_type"],
                                        data={"text/html": str(shell), "text/plain": q.get_text(" ", strip=True)},
                                        **extra)]
            if n:
                piece.source = ""
                piece.metadata.setdefault("slideshow", {})["slide_type"] = "subslide"
                piece["id"] = f"{str(cell.get('id', 'quiz'))[:50]}-q{n + 1}"
            cells.append(piece)
    nb.cells = cells
    return nb



def _handout_notebook(nb, instructor: bool = False):
    """A copy of ``nb`` without speaker notes (``notes`` cells) and without cells tagged
    ``instructor`` or ``remove``: what a student may take home (see :func:`handout_ready`)."""
    return handout_ready(nb, instructor=instructor, notes=False)


def slide_ready(nb, quiz_per_slide: bool = True, notes: bool = False, lesson=None):
    """A copy of an executed notebook prepared for reveal.js by :data:`SLIDE_PREPROCESSORS`:
    instructor notes merged (with ``notes``), one quiz question per slide (``quiz_per_slide``),
    static widgets, notes spread over their section, no ``<section>`` inside outputs,
    hindsight boxes marked and quiz answers as fragments."""
    resources = {"crisis": {"quiz_per_slide": quiz_per_slide, "notes": notes, "lesson": lesson,
                            "link_suffix": ".slides.html"}}
    nb = copy.deepcopy(nb)
    for cls in SLIDE_PREPROCESSORS:
        nb, resources = cls(enabled=True)(nb, resources)
    return nb


def handout_ready(nb, instructor: bool = False, notes: bool = True, lesson=None):
    """A copy of an executed notebook prepared for a handout by :data:`HANDOUT_PREPROCESSORS`:
    students get no notes and no instructor cells; ``instructor`` keeps the notes (merged from
    the notes files when ``notes``) as marked boxes."""
    resources = {"crisis": {"instructor": instructor, "notes": notes and instructor, "lesson": lesson,
                            "link_suffix": ".html"}}
    nb = copy.deepcopy(nb)
    for cls in HANDOUT_PREPROCESSORS:
        nb, resources = cls(enabled=True)(nb, resources)
    return nb


# ---------------------------------------------------------------------------------- classes ----

def _opts(resources) -> dict:
    return (resources or {}).get("crisis") or {}


def _lesson_number(resources):
    """The lesson number from ``resources['crisis']['lesson']`` or the notebook's name (NN_...)."""
    opts = _opts(resources)
    if opts.get("lesson") is not None:
        return int(opts["lesson"])
    name = str(((resources or {}).get("metadata") or {}).get("name") or "")
    m = re.match(r"^(\d\d)_", name)
    return int(m.group(1)) if m else None


class MergeNotesPreprocessor(Preprocessor):
    """Insert the lesson's instructor notes (``crisis_course.notes``: notes files keyed by cell
    id) as ``notes`` cells after the cells they belong to. Off unless ``resources['crisis']
    ['notes']`` is true; a notebook that still carries notes cells is left as it is (no doubles)."""

    def preprocess(self, nb, resources):
        opts = _opts(resources)
        if not opts.get("notes"):
            return nb, resources
        if any(_slide_type(c) == "notes" for c in nb.cells):
            return nb, resources
        lesson = _lesson_number(resources)
        if lesson is None:
            return nb, resources
        try:
            from .. import notes as notes_mod
        except ImportError:  # no notes files in this version of the course
            return nb, resources
        merged = notes_mod.merge(nb, lesson)  # notes cells: slideshow.slide_type 'notes'
        return merged, resources


class SplitQuizzesPreprocessor(Preprocessor):
    """One quiz question per (vertical) slide (see :func:`split_quizzes`); off when
    ``resources['crisis']['quiz_per_slide']`` is false."""

    def preprocess(self, nb, resources):
        if _opts(resources).get("quiz_per_slide", True):
            nb = split_quizzes(nb)
        return nb, resources


class QuizOwnSlidePreprocessor(Preprocessor):
    """A quiz (or checkpoint) question that would continue the slide before it starts its own
    vertical slide, so its answer, revealed in place, fits the screen with the question."""

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if cell.cell_type == "code" and _slide_type(cell) in ("-", "fragment") and _quiz_html(cell):
                cell.setdefault("metadata", {}).setdefault("slideshow", {})["slide_type"] = "subslide"
        return nb, resources


class StaticWidgetsPreprocessor(Preprocessor):
    """A short note instead of a widget's ``text/plain`` repr (see :func:`static_widgets`)."""

    def preprocess(self, nb, resources):
        return static_widgets(nb), resources


class SpreadNotesPreprocessor(Preprocessor):
    """A section's speaker notes on each of its slides (see :func:`spread_notes`)."""

    def preprocess(self, nb, resources):
        return spread_notes(nb), resources


def map_html_outputs(nb, fn) -> None:
    """Replace the ``text/html`` of every rich output of ``nb`` by ``fn(html)`` (in place)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data") if out.get("output_type") in ("execute_result", "display_data") else None
            if data and "text/html" in data:
                text = data["text/html"]
                data["text/html"] = fn("".join(text) if isinstance(text, list) else text)


class NoNestedSectionsPreprocessor(Preprocessor):
    """No ``<section>`` elements inside outputs or Markdown (reveal.js would hide them)."""

    def preprocess(self, nb, resources):
        map_html_outputs(nb, _no_nested_sections)
        for cell in nb.cells:
            if cell.cell_type == "markdown" and "<section" in cell.source:
                cell.source = _no_nested_sections(cell.source)
        return nb, resources


HINDSIGHT_MARK = "**Looking ahead (hindsight).**"
HINDSIGHT_CLASS = "crisis-hindsight"


def mark_hindsight(source: str) -> str:
    """Markdown in which every blockquote that starts with ``**Looking ahead (hindsight).**``
    becomes one HTML block ``<blockquote class="crisis-hindsight" ...>`` (its Markdown rendered
    here, with no blank line inside, so the block stays whole through nbconvert), so slides and
    handouts style it apart from article quotations."""
    if HINDSIGHT_MARK not in source:
        return source
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    lines = source.split("\n")
    out, i = [], 0
    while i < len(lines):
        line = lines[i].lstrip()
        if line.startswith(">") and line[1:].lstrip().startswith(HINDSIGHT_MARK):
            j = i
            while j < len(lines) and lines[j].lstrip().startswith(">"):
                j += 1
            inner = "\n".join(re.sub(r"^\s*> ?", "", x) for x in lines[i:j])
            body = markdown2html_mistune(inner).strip()
            body = re.sub(r"\n\s*\n", "\n", body)
            if out and out[-1].strip():
                out.append("")
            out += [f'<blockquote class="{HINDSIGHT_CLASS}" role="note" aria-label="Looking ahead (hindsight)">'
                    + body + "</blockquote>", ""]
            i = j
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out).rstrip("\n") + ("\n" if source.endswith("\n") else "")


class HindsightPreprocessor(Preprocessor):
    """Mark the "Looking ahead (hindsight)" blockquotes (see :func:`mark_hindsight`)."""

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = mark_hindsight(cell.source)
        return nb, resources


_STATIC_NOTE = re.compile(r'<p[^>]*>Static copy of the quiz: run the notebook to answer[^<]*</p>')


def _letters_in(ol) -> list[str]:
    return [" ".join(li.get_text(" ", strip=True).split()) for li in ol.find_all("li", recursive=False)]


def _answer_letters_from_html(question) -> str | None:
    """The answer of an ordering or matching question in the letters of its own lists, read from
    the static HTML (shown items / choices in an ``<ol type="A">``, answer list in the answer)."""
    lists = [ol for ol in question.find_all("ol") if ol.get("type") == "A"
             and not ol.find_parent(class_="quiz-answer")]
    answer = question.find(class_="quiz-answer")
    if not lists or answer is None:
        return None
    shown = _letters_in(lists[-1])
    first = answer.find("div")
    items = first.find(["ol", "ul"]) if first else None
    if items is None:
        return None
    texts = [" ".join(li.get_text(" ", strip=True).split()) for li in items.find_all("li", recursive=False)]
    try:
        if all(" → " in t for t in texts):  # matching: "left → right"
            return ", ".join(f"{n}-{chr(65 + shown.index(t.split(' → ', 1)[1]))}" for n, t in enumerate(texts, 1))
        return ", ".join(chr(65 + shown.index(t)) for t in texts)  # ordering, first to last
    except ValueError:
        return None


def slide_answers(text: str) -> tuple[str, list[str]]:
    """Quiz static HTML for a live room, and what goes to the speaker notes.

    Each answer (and hint) becomes a reveal.js fragment that the presenter shows in place with the
    keyboard or a clicker. On the slide the fragment holds the answer (ordering and matching in
    the letters of the lists on the slide) and the source; the explanation, the feedback on
    tempting wrong answers and the worded answer go to the speaker notes, so question and answer
    fit one screen. The notebook-only line "Static copy ... Show answer" is dropped.
    Returns ``(html, notes)`` with one notes HTML string per question.
    """
    if 'class="crisis-quiz"' not in text:
        return text, []
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_STATIC_NOTE.sub("", text), "html.parser")
    notes = []
    for question in soup.find_all("div", class_="quiz-question"):
        for det in question.find_all("details"):
            summary = det.find("summary")
            label = summary.get_text(strip=True) if summary else ""
            if summary:
                summary.extract()
            if label == "Hint":
                det.name = "div"
                det.attrs = {"class": ["quiz-hint", "fragment"]}
                det.insert(0, BeautifulSoup("<strong>Hint:</strong> ", "html.parser"))
            elif "quiz-answer" in (det.get("class") or []):
                det.name = "div"
                det.attrs = {"class": ["quiz-answer", "fragment"]}
        answer = question.find(class_="quiz-answer")
        if answer is None:
            continue
        body = answer.find("div") or answer
        parts = body.find_all("div", recursive=False)
        if len(parts) < 2:
            continue
        letters = _answer_letters_from_html(question)
        worded = parts[0]
        keep_source = parts[-1] if "Source:" in parts[-1].get_text() else None
        moved = [p for p in parts[1:] if p is not keep_source]
        qid = (question.get("id") or "").removeprefix("quiz-")
        note = [f'<p><strong>Quiz answer{(" (" + qid + ")") if qid else ""}:</strong></p>', str(worded)]
        note += [str(p) for p in moved]
        notes.append("".join(note))
        for p in moved:
            p.extract()
        if letters:
            worded.clear()
            worded.append(BeautifulSoup(f"<strong>Answer:</strong> {letters}", "html.parser"))
    return str(soup), notes


def quiz_fragments(text: str) -> str:
    """The slide part of :func:`slide_answers`."""
    return slide_answers(text)[0]


class QuizFragmentsPreprocessor(Preprocessor):
    """Quiz answers revealed by a fragment on slides; explanations in the speaker notes (see
    :func:`slide_answers`)."""

    def preprocess(self, nb, resources):
        import nbformat

        cells = []
        for cell in nb.cells:
            cells.append(cell)
            explained = []
            for out in cell.get("outputs", []):
                data = out.get("data") if out.get("output_type") in ("execute_result", "display_data") else None
                if data and "text/html" in data:
                    text = data["text/html"]
                    data["text/html"], notes = slide_answers("".join(text) if isinstance(text, list) else text)
                    explained += notes
            if explained:
                note = nbformat.v4.new_markdown_cell("\n".join(" ".join(n.split("\n")) for n in explained))
                note.metadata["slideshow"] = {"slide_type": "notes"}
                note["id"] = f"{str(cell.get('id', 'quiz'))[:50]}-explain"
                cells.append(note)
        nb.cells = cells
        return nb, resources


_ORDERING_LIST = re.compile(r'(Items to put in order \(shown shuffled\):</p>)<ul( style="[^"]*")>(.*?)</ul>', re.S)


def ordering_letters(text: str) -> str:
    """Quiz HTML whose ordering items are lettered (A, B, C ... as shown) instead of bulleted, so
    the answer "C, A, D, B" means the same on slides, handouts and the answer key."""
    return _ORDERING_LIST.sub(r'\1<ol\2 type="A">\3</ol>', text)


class QuizLettersPreprocessor(Preprocessor):
    """Ordering items lettered A, B, C ... (see :func:`ordering_letters`), on slides and paper."""

    def preprocess(self, nb, resources):
        map_html_outputs(nb, ordering_letters)
        return nb, resources


class HandoutFilterPreprocessor(Preprocessor):
    """Students' handouts: drop ``notes`` cells and cells tagged ``instructor``/``remove``.
    Instructor edition (``resources['crisis']['instructor']``): keep the notes, shown as boxes
    labelled "Instructor note" (cells tagged ``remove`` still go)."""

    def preprocess(self, nb, resources):
        instructor = bool(_opts(resources).get("instructor"))
        keep = []
        for cell in nb.cells:
            tags = set(cell.get("metadata", {}).get("tags", []))
            if tags & {"remove", "remove-cell"}:
                continue
            is_note = _slide_type(cell) == "notes" or "instructor" in tags
            if is_note and not instructor:
                continue
            if is_note and cell.cell_type == "markdown":
                cell = copy.deepcopy(cell)
                cell.source = ('<div class="crisis-instructor-note" role="note" aria-label="Instructor note">\n\n'
                               "**Instructor note.** " + cell.source.strip() + "\n\n</div>")
            keep.append(cell)
        nb.cells = keep
        return nb, resources


#: The slide export's transformations, in order.
_NB_LINK = re.compile(r"\[([^\]]+)\]\((\.\./)?([\w./-]*?)([0-9]{2}_[\w-]+)\.ipynb\)")


def rewrite_links(text: str, suffix: str) -> str:
    """Links between notebooks, made to work in an export folder: a link to another lesson points at
    that lesson's exported file (``NN_slug`` + ``suffix``, in the same folder); a link to an exercise or
    solution notebook (not exported there) keeps its text and names the notebook in words."""
    def fix(m):
        label, up, folder, stem = m.group(1), m.group(2) or "", m.group(3), m.group(4)
        if not up and not folder:
            return f"[{label}]({stem}{suffix})"
        where = (folder or "").strip("./") or "exercises"
        return f"{label} (notebook `{where}/{stem}.ipynb` in the course folder)"
    return _NB_LINK.sub(fix, text)


class LinksPreprocessor(Preprocessor):
    """Rewrite links between notebooks for the export (see :func:`rewrite_links`)."""

    suffix = ".html"

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown" and ".ipynb)" in cell.source:
            cell.source = rewrite_links(cell.source, resources.get("crisis", {}).get("link_suffix", self.suffix))
        return cell, resources


class SlideFiguresPreprocessor(Preprocessor):
    """Figures drawn for a projector: a ``figures.show`` output carrying a slide version
    (:data:`crisis_course.figures.SLIDE_MIME`, written when the lesson is executed for an export)
    shows that version on the slide (full width, its text at least 14 px at 1280x720)."""

    def preprocess(self, nb, resources):
        from ..figures import SLIDE_MIME

        for cell in nb.cells:
            for out in cell.get("outputs", []):
                data = out.get("data") if out.get("output_type") in ("execute_result", "display_data") else None
                if data and SLIDE_MIME in data:
                    slide = data.pop(SLIDE_MIME)
                    data["text/html"] = "".join(slide) if isinstance(slide, list) else slide
        return nb, resources


class DropSlideFiguresPreprocessor(Preprocessor):
    """Paper keeps the notebook's figure (the slide version is dropped, see SlideFiguresPreprocessor)."""

    def preprocess(self, nb, resources):
        from ..figures import SLIDE_MIME

        for cell in nb.cells:
            for out in cell.get("outputs", []):
                (out.get("data") or {}).pop(SLIDE_MIME, None)
        return nb, resources


from .paginate import NotebookOnlyTextPreprocessor, PaginatePreprocessor  # noqa: E402  (uses .core only)

SLIDE_PREPROCESSORS = [LinksPreprocessor, MergeNotesPreprocessor, SplitQuizzesPreprocessor, QuizOwnSlidePreprocessor,
                       StaticWidgetsPreprocessor, SlideFiguresPreprocessor,
                       SpreadNotesPreprocessor, NoNestedSectionsPreprocessor, HindsightPreprocessor,
                       QuizLettersPreprocessor, QuizFragmentsPreprocessor, NotebookOnlyTextPreprocessor,
                       PaginatePreprocessor]
#: The handout export's transformations, in order.
HANDOUT_PREPROCESSORS = [LinksPreprocessor, MergeNotesPreprocessor, HandoutFilterPreprocessor, StaticWidgetsPreprocessor,
                         DropSlideFiguresPreprocessor, HindsightPreprocessor, QuizLettersPreprocessor,
                         NotebookOnlyTextPreprocessor]
