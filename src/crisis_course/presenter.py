"""The presenter cut: a short deck for a 45-50-minute class, built from the lesson and a slide plan.

The notebook keeps the full narrative for students; the teacher's deck is a different object: 15-25
teaching slides of at most about 40 words each, figures at full width, worked examples that build
step by step, the long paragraphs in the speaker notes. Its plan lives beside the lesson, in
``content/slides/<NN_slug>.yaml``, and points into the lesson by cell id, so it stays with the lesson
when the lesson changes (``crisis-course check`` fails on an id that no longer exists, a slide over
the word limit, or a plan outside 15-25 teaching slides)::

    lesson: 6
    timing: |                      # the timing plan: the title slide's speaker notes
      0-5 min: sections 1-2 ...
    slides:
      - title: The sentence we are unpacking
        text: |                    # at most about 40 words; Markdown; "- " bullets
          > "European countries depend on Russia for much of their energy supply"
          - Much of what? For whom? Measured how?
        steps: true                # bullets appear one at a time (reveal.js fragments)
        figure: "9"                # optional: a figure cell of the lesson, shown full width
        notes: ["5"]               # lesson notes (content/notes/) said on this slide
        say: |                     # optional: words for the speaker notes written for this slide
          ...

:func:`build` turns an executed lesson notebook into the presenter notebook: the title slide, the
planned slides, then the lesson's own quiz, glossary and sources cells, which the slide exporter
treats as usual (one question per slide, answers revealed with a keyboard fragment).
"""
from __future__ import annotations

import copy
import re
from functools import cache
from importlib import resources
from pathlib import Path

from . import safeyaml

__all__ = ["plan_path", "load_plan", "problems", "build", "teaching_words", "missing_parts", "deck_texts",
           "MAX_WORDS", "SLIDES_RANGE"]

MAX_WORDS = 40
SLIDES_RANGE = (15, 25)
_WORD = re.compile(r"[A-Za-z0-9À-ž][\w'’.,%-]*")


def plans_dir() -> Path:
    return Path(str(resources.files("crisis_course") / "content" / "slides"))


def plan_path(lesson) -> Path:
    from . import course

    return plans_dir() / f"{course.load().lesson(lesson).stem}.yaml"


def _parse(path: Path) -> dict:
    data = safeyaml.load_file(path)
    if not isinstance(data, dict) or not isinstance(data.get("slides"), list):
        raise ValueError(f"{path.name}: must be a mapping with 'lesson', 'timing' and a list 'slides'")
    return data


@cache
def _cached(path: str, mtime: int) -> dict:
    return _parse(Path(path))


def load_plan(lesson) -> dict | None:
    """The lesson's slide plan, or None when it has none yet (the full deck is used then)."""
    path = plan_path(lesson)
    if not path.is_file():
        return None
    return copy.deepcopy(_cached(str(path), path.stat().st_mtime_ns))


def teaching_words(text: str) -> int:
    """Words of body text on a slide (Markdown marks, quote marks and bullets are not words)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text or "")
    return len(_WORD.findall(re.sub(r"[>*_#`|]", " ", text)))


def problems(nb, lesson) -> list[str]:
    """Every problem in the lesson's plan against its notebook (empty when it is fine or absent)."""
    from . import notes as notes_module

    try:
        plan = load_plan(lesson)
    except (safeyaml.ContentFileError, ValueError) as exc:
        return [str(exc)]
    if plan is None:
        return []
    name = plan_path(lesson).name
    ids = {c.get("id"): c for c in nb.cells}
    known_notes = notes_module.load(lesson)
    out = []
    n = len(plan["slides"])
    if not SLIDES_RANGE[0] <= n <= SLIDES_RANGE[1]:
        out.append(f"{name}: {n} teaching slides; a 45-50-minute class needs {SLIDES_RANGE[0]}-{SLIDES_RANGE[1]}")
    if not str(plan.get("timing", "")).strip():
        out.append(f"{name}: 'timing' (the timing plan for the title slide's speaker notes) is missing")
    for i, slide in enumerate(plan["slides"], 1):
        where = f"{name}: slide {i}"
        if not isinstance(slide, dict) or not str(slide.get("title", "")).strip():
            out.append(f"{where}: needs a 'title'")
            continue
        where += f" ({slide['title']!r})"
        words = teaching_words(str(slide.get("text", "")))
        if words > MAX_WORDS:
            out.append(f"{where}: {words} words of body text; keep it to about {MAX_WORDS} and put the rest in "
                       "'say' (speaker notes)")
        fig = slide.get("figure")
        if fig is not None:
            cell = ids.get(str(fig))
            if cell is None:
                out.append(f"{where}: figure {fig!r} matches no cell id of the lesson")
            elif cell.cell_type != "code":
                out.append(f"{where}: figure {fig!r} is not a code cell")
        for key in slide.get("notes", []) or []:
            if str(key) not in known_notes:
                out.append(f"{where}: notes {key!r} matches no note in content/notes/")
        if not (slide.get("notes") or str(slide.get("say", "")).strip()):
            out.append(f"{where}: has no speaker notes (give 'notes' keys or 'say')")
    out += [f"{name}: {p}" for p in missing_parts(deck_texts(build(nb, lesson)))]
    return out


#: "part 2 of 2", "(2 of 3)": a figure title or heading that promises other parts.
_PART_OF = re.compile(r"\bpart (\d+) of (\d+)\b|\((\d+) of (\d+)\)", re.IGNORECASE)


def deck_texts(deck) -> list[str]:
    """Everything a deck's cells say or draw: their sources (a figure's title is written in its code
    cell) and their outputs' text (captions, alt text)."""
    texts = []
    for cell in deck.cells:
        texts.append(cell.get("source", ""))
        for output in cell.get("outputs", []):
            for key, value in (output.get("data") or {}).items():
                if key.startswith("text/") or key.endswith("+html"):
                    texts.append("".join(value) if isinstance(value, list) else str(value))
            if "text" in output:
                texts.append("".join(output["text"]) if isinstance(output["text"], list) else output["text"])
    return texts


def missing_parts(texts) -> list[str]:
    """What a deck promises and does not show: "part N of M" (or "(N of M)") said while some of parts
    1..M are not in the deck (a presenter cut that kept only the second of two timelines)."""
    said: dict[int, set[int]] = {}
    for text in texts:
        for match in _PART_OF.finditer(text or ""):
            n, m = (int(g) for g in (match.group(1, 2) if match.group(1) else match.group(3, 4)))
            said.setdefault(m, set()).add(n)
    out = []
    for m, parts in sorted(said.items()):
        missing = sorted(set(range(1, m + 1)) - parts)
        if missing:
            shown = ", ".join(str(n) for n in sorted(parts))
            out.append(f"the deck shows part {shown} of {m} but not part {', '.join(map(str, missing))}: "
                       "show every part or give the figure a title that promises no other part")
    return out


def _md(source: str, slide_type: str, tags=()):
    import nbformat

    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["slideshow"] = {"slide_type": slide_type}
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def _bullets(text: str) -> tuple[str, list[str]]:
    """(lead text, bullet lines) of a slide's Markdown."""
    lead, items = [], []
    for line in text.strip().splitlines():
        if re.match(r"\s*[-*] ", line) or re.match(r"\s*\d+\. ", line):
            items.append(line)
        elif items and line.startswith("  "):
            items[-1] += "\n" + line
        else:
            lead.append(line)
    return "\n".join(lead).strip(), items


def build(nb, lesson):
    """The presenter notebook for an executed lesson notebook ``nb`` (outputs kept), or None when the
    lesson has no plan. Cells carry slideshow metadata for nbconvert's slides exporter."""
    import nbformat

    from . import notes as notes_module

    plan = load_plan(lesson)
    if plan is None:
        return None
    notes = notes_module.load(lesson)
    by_id = {c.get("id"): c for c in nb.cells}
    out = nbformat.v4.new_notebook(metadata=copy.deepcopy(nb.metadata))
    cells = []
    title = nb.cells[0].source.split("\n", 1)[0]
    brief = next((c.source for c in nb.cells if "in-brief" in c.metadata.get("tags", [])), "")
    cells.append(_md(title + ("\n\n" + brief if brief else ""), "slide"))
    cells.append(_md("**Timing plan**\n\n" + str(plan.get("timing", "")).strip(), "notes"))
    for slide in plan["slides"]:
        text = str(slide.get("text", "")).strip()
        lead, items = _bullets(text)
        head = f"## {slide['title']}" + (f"\n\n{lead}" if lead else "")
        if slide.get("steps") and items:
            cells.append(_md(head, "slide"))
            cells.extend(_md(item, "fragment") for item in items)
        else:
            cells.append(_md(head + ("\n\n" + "\n".join(items) if items else ""), "slide"))
        fig = slide.get("figure")
        if fig is not None and str(fig) in by_id:
            cell = copy.deepcopy(by_id[str(fig)])
            _rewrite_captions(cell)
            cell.metadata["slideshow"] = {"slide_type": "-"}
            cell.metadata.setdefault("tags", []).append("presenter-figure")
            cells.append(cell)
        said = [notes[str(k)] for k in slide.get("notes", []) or [] if str(k) in notes]
        if str(slide.get("say", "")).strip():
            said.insert(0, str(slide["say"]).strip())
        if said:
            cells.append(_md("\n\n".join(s.strip() for s in said), "notes"))
    # then the lesson's own quiz, and after it the glossary and sources screens as the lesson has them
    for cell in nb.cells:
        if cell.cell_type == "code" and "Quiz.from_bank(" in cell.get("source", ""):
            cells.append(_md("## Check your understanding", "slide"))
            quiz = copy.deepcopy(cell)
            quiz.metadata["slideshow"] = {"slide_type": "-"}
            cells.append(quiz)
    sources = []
    for cell in nb.cells:
        if "reference" in cell.metadata.get("tags", []) and not cell.get("source", "").lstrip().startswith("## Next"):
            if cell.cell_type == "markdown" and (sources or _is_sources_heading(cell.source)) \
                    and not _starts_other_heading(cell.source):
                sources.append(cell.source.strip())
            else:
                cells.append(copy.deepcopy(cell))
    if sources:
        cells.extend(sources_slide(sources))
    out.cells = cells
    return out


#: A figure's caption and source line say where things are in the notebook ("the event table that
#: follows", "(section 4)", "listed in the text above", a file in the repository); a presenter slide
#: holds the figure alone, so those pointers are rewritten or dropped there (full decks keep them).
CAPTION_REWRITES = [
    (re.compile(r"\b(listed) in the (?:event )?table (?:that follows|below)"), r"\1 in the lesson's event table"),
    (re.compile(r"\s*\((?:the [^()]{0,40} )?(?:are |is )?listed in the text above\)"), ""),
    (re.compile(r"\s*\((?:see )?(?:text|section \d+)\)"), ""),
    (re.compile(r"\s*\((?:src/crisis_course/)?content/[\w./-]+\)"), ""),
    (re.compile(r"\s+(?:src/crisis_course/)?content/[\w-]+\.(?:yaml|csv)\b"), ""),
    (re.compile(r"\bFigure \d+[a-z]?\. "), ""),
]


def presenter_caption(text: str) -> str:
    """``text`` (a figure's HTML) with the notebook pointers of :data:`CAPTION_REWRITES` rewritten."""
    for pattern, replacement in CAPTION_REWRITES:
        text = pattern.sub(replacement, text)
    return text


def _rewrite_captions(cell) -> None:
    from .figures import SLIDE_MIME

    for out in cell.get("outputs", []):
        data = out.get("data") or {}
        for key in ("text/html", SLIDE_MIME, "text/plain"):
            if key in data:
                value = "".join(data[key]) if isinstance(data[key], list) else data[key]
                data[key] = presenter_caption(value)


def _is_sources_heading(source: str) -> bool:
    return bool(re.match(r"#{2,3} Sources\b", source.lstrip()))


def _starts_other_heading(source: str) -> bool:
    return bool(re.match(r"#{1,3} ", source.lstrip())) and not _is_sources_heading(source)


def sources_slide(sources: list[str]) -> list:
    """The presenter cut's one Sources screen: how many sources the lesson cites and where the full
    list is (the lesson's Sources section runs to 1,000-2,000 words, 8-20 screens on a projector);
    the full list goes to the speaker notes, so the teacher still has every entry at hand."""
    text = "\n\n".join(sources)
    numbered = len(re.findall(r"(?m)^\s*\d+\. ", text)) or len(re.findall(r"(?m)^\s*[-*] ", text))
    count = f"{numbered} sources" if numbered else "its sources"
    body = re.sub(r"(?m)^#{2,3} Sources( \(continued\))?\s*$", "", text).strip()
    return [_md(f"## Sources\n\nThis lesson cites {count}. The lesson notebook and the student handout list "
                "them in full, each with what it supports; every figure names its own source in its caption.",
                "slide", tags=("reference",)),
            _md("**Sources of this lesson, in full**\n\n" + body, "notes")]
