"""Slides that fit one screen: an estimate of each cell's height on a reveal.js slide, and the
preprocessor that starts a continuation screen when a slide's cells would run below the screen.

The course's decks are 960x700 reveal.js slides (``crisis_reveal`` template, 1280x720 on a
projector). :func:`estimate_cell` turns a cell into slide pixels from its rendered HTML with the
sizes of ``crisis.css`` and the ``white`` theme (heading, paragraph, list item, quote, table row,
figure, caption; text wrapped at about :data:`CHAR_EM` of the font size per character).
:class:`PaginatePreprocessor` then packs each slide's cells into screens of at most
:data:`BUDGET` estimated pixels (a margin below the 700 of the slide, for the estimate's error):

- a cell that does not fit under the cells before it starts a continuation screen (a vertical
  sub-slide) that repeats the slide's heading with "(continued)";
- a single Markdown cell taller than a screen is split between blocks (paragraphs, list items,
  quotes, tables: never inside a table row or a sentence); a glossary or table output taller
  than a screen is split between its entries or rows (a table repeats its header);
- reference screens (Sources, Glossary, Terms used, Words used) are numbered "Sources (2/3)";
- the speaker notes of a slide go with each of its screens.

The estimate was tuned against the browser measurement of ``tests/test_slide_overflow.py``.
"""
from __future__ import annotations

import copy
import re

from nbconvert.preprocessors import Preprocessor

from .core import _slide_type

# the height estimate lives in .slide_height; its names are re-exported here for the tests and tuning
from .slide_height import (  # noqa: F401
    BUDGET,
    CHAR_EM,
    CONTINUATION,
    REFERENCE_HEADINGS,
    SLIDE_HEIGHT,
    WIDTH,
    estimate_cell,
    estimate_html,
    markdown_html,
)

# ------------------------------------------------------------------------------- splitting ----

_MD_TABLE_ROW = re.compile(r"^\s*\|")
_HTML_OPEN = re.compile(r"<(div|blockquote|table|details|figure)\b")
_HTML_CLOSE = re.compile(r"</(div|blockquote|table|details|figure)>")


def _html_depth(line: str) -> int:
    """How many HTML blocks (div, blockquote, table, details, figure) ``line`` opens minus closes."""
    return len(_HTML_OPEN.findall(line)) - len(_HTML_CLOSE.findall(line))


def markdown_blocks(source: str) -> list[str]:
    """A Markdown cell's source cut into blocks that can stand alone: paragraphs, headings,
    quotes, tables and single list items (a list item keeps its indented lines and nested items).
    Never cuts inside a table, a paragraph (a sentence) or an HTML block."""
    lines = source.split("\n")
    blocks, current, kind = [], [], None

    def flush():
        nonlocal current, kind
        if any(x.strip() for x in current):
            blocks.append("\n".join(current).strip("\n"))
        current, kind = [], None

    in_html = 0
    for line in lines:
        stripped = line.strip()
        if in_html:
            current.append(line)
            in_html += _html_depth(line)
            if in_html <= 0:
                in_html = 0
                flush()
            continue
        if not stripped:
            if kind in ("item", "quote", "para", "table", "html"):
                flush()
            continue
        if _HTML_OPEN.match(stripped):
            flush()
            kind = "html"
            current.append(line)
            in_html = _html_depth(line)
            if in_html <= 0:
                in_html = 0
                flush()
            continue
        if re.match(r"^(\s{0,3})([-*+]|\d+[.)])\s", line):
            flush()
            kind = "item"
            current.append(line)
            continue
        if line.startswith(("  ", "\t")) and kind == "item":
            current.append(line)
            continue
        if stripped.startswith(">"):
            if kind != "quote":
                flush()
                kind = "quote"
            current.append(line)
            continue
        if _MD_TABLE_ROW.match(line):
            if kind != "table":
                flush()
                kind = "table"
            current.append(line)
            continue
        if stripped.startswith("#"):
            flush()
            blocks.append(line)
            continue
        if kind not in ("para",):
            if kind == "item":  # a lazy continuation line of a list item
                current.append(line)
                continue
            flush()
            kind = "para"
        current.append(line)
    flush()
    return blocks


def _join_blocks(blocks: list[str]) -> str:
    """Blocks back into Markdown: consecutive list items stay one list (no blank line between)."""
    out = ""
    for i, block in enumerate(blocks):
        if i:
            item = re.match(r"^(\s{0,3})([-*+]|\d+[.)])\s", block)
            prev_item = re.match(r"^(\s{0,3})([-*+]|\d+[.)])\s", blocks[i - 1])
            out += "\n" if item and prev_item else "\n\n"
        out += block
    return out


def _table_rows(block: str, budget: float) -> list[str]:
    """A Markdown table taller than ``budget`` as several tables of whole rows, each repeating the
    header (the first two lines); any other block as it is."""
    lines = block.split("\n")
    if not _MD_TABLE_ROW.match(lines[0]) or len(lines) < 4 or estimate_html(markdown_html(block)) <= budget:
        return [block]
    head, rows = lines[:2], lines[2:]
    out, current = [], []
    for row in rows:
        trial = current + [row]
        if current and estimate_html(markdown_html("\n".join(head + trial))) > budget:
            out.append("\n".join(head + current))
            current = [row]
        else:
            current = trial
    if current:
        out.append("\n".join(head + current))
    return out


def split_markdown(source: str, budget: float) -> list[str]:
    """The source cut at block boundaries into pieces each estimated at most ``budget`` pixels
    (a single block taller than that stays whole, except a table, cut between rows with its
    header repeated). An ordered list keeps its numbering (each piece after the first starts at
    its own first number)."""
    blocks = [part for block in markdown_blocks(source) for part in _table_rows(block, budget)]
    pieces, current = [], []
    for block in blocks:
        trial = current + [block]
        if current and estimate_html(markdown_html(_join_blocks(trial))) > budget:
            pieces.append(current)
            current = [block]
        else:
            current = trial
    if current:
        pieces.append(current)
    # a heading never ends a piece (it goes with what follows)
    for i in range(len(pieces) - 1):
        while len(pieces[i]) > 1 and pieces[i][-1].lstrip().startswith("#"):
            pieces[i + 1].insert(0, pieces[i].pop())
    return [_join_blocks(p) for p in pieces if p]


def split_html_output(text: str, budget: float) -> list[str]:
    """An HTML output cut into pieces of at most ``budget`` estimated pixels between the entries of
    a glossary (``div.crisis-glossary`` items) or the rows of a table (the header repeated); any
    other HTML, or HTML that cannot be cut, comes back whole."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    if soup.find(class_="crisis-quiz") is not None:  # a question and its answer stay on one screen
        return [text]
    dl = soup.find("dl")
    if soup.find(class_="crisis-glossary") is not None and dl is not None:
        items = [c for c in dl.find_all(recursive=False) if getattr(c, "name", None)]
        return _split_children(soup, dl, items, budget)
    tables = soup.find_all("table")
    if len(tables) == 1:
        table = tables[0]
        body = table.find("tbody") or table
        rows = [r for r in body.find_all("tr", recursive=False) if not r.find_parent("thead")]
        return _split_children(soup, body, rows, budget)
    tops = [c for c in soup.find_all(recursive=False) if getattr(c, "name", None)]
    if len(tops) == 1 and tops[0].name in ("blockquote", "div", "ol", "ul"):
        parts = [c for c in tops[0].find_all(recursive=False) if c.name in ("p", "li", "div", "blockquote")]
        if len(parts) >= 2 and len(parts) == len(tops[0].find_all(recursive=False)):
            return _split_children(soup, tops[0], parts, budget)
    return [text]


def _split_children(soup, parent, children, budget) -> list[str]:
    if len(children) < 2:
        return [str(soup)]
    for child in children:
        child.extract()

    def render(items):
        added = [copy.copy(item) for item in items]
        for item in added:
            parent.append(item)
        out = str(soup)
        for item in added:
            item.extract()
        return out

    pieces, current = [], []
    for child in children:
        trial = current + [child]
        if current and estimate_html(render(trial)) > budget:
            pieces.append(render(current))
            current = [child]
        else:
            current = trial
    if current:
        pieces.append(render(current))
    return pieces


# ---------------------------------------------------------------------------- pagination ----

def _heading_of(cell) -> str:
    if cell.cell_type != "markdown":
        return ""
    m = re.search(r"^(#{1,4})\s+(.+?)\s*$", cell.source, re.M)
    return m.group(2).strip() if m else ""


def _heading_only(cell) -> bool:
    """A Markdown cell holding nothing but a heading (it never ends a screen on its own)."""
    return cell.cell_type == "markdown" and all(
        not line.strip() or re.match(r"^#{1,4}\s", line) for line in cell.source.splitlines())


def is_reference_heading(heading: str) -> bool:
    return heading.strip().lower().startswith(REFERENCE_HEADINGS)


def _base_reference(heading: str) -> str:
    """"Sources (continued)" -> "Sources"; "Sources (2/3)" -> "Sources"."""
    return re.sub(r"\s*\((continued|\d+\s*/\s*\d+|\d+ of \d+)\)\s*$", "", heading).strip()


def _new_md(source: str, slide_type: str, cid: str):
    import nbformat

    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["slideshow"] = {"slide_type": slide_type}
    cell["id"] = cid[:64]
    return cell


def _set_type(cell, slide_type: str):
    cell.setdefault("metadata", {}).setdefault("slideshow", {})["slide_type"] = slide_type


def _groups(cells):
    groups, current = [], []
    for cell in cells:
        if _slide_type(cell) in ("slide", "subslide") and current:
            groups.append(current)
            current = []
        current.append(cell)
    if current:
        groups.append(current)
    return groups


def paginate(nb, budget: float = BUDGET):
    """Split every slide whose cells are estimated taller than ``budget`` into continuation
    screens (in place; see the module's docstring). Returns ``nb``."""
    out = []
    slide_heading = ""
    for group in _groups(nb.cells):
        first = group[0]
        if _slide_type(first) == "slide" or not slide_heading:
            slide_heading = next((_heading_of(c) for c in group if _heading_of(c)), "") or slide_heading
        notes = [c for c in group if _slide_type(c) == "notes"]
        visible = [c for c in group if _slide_type(c) not in ("notes", "skip")]
        skipped = [c for c in group if _slide_type(c) == "skip"]
        sizes = [estimate_cell(c) for c in visible]
        limit = budget - (CONTINUATION if is_reference_heading(slide_heading) else 0)
        if sum(sizes) <= limit:
            out.extend(group)
            continue
        pieces = []  # (cell, height)
        for cell, size in zip(visible, sizes):
            pieces.extend(_split_cell(cell, size, limit - CONTINUATION))
        screens, current, height = [], [], 0.0
        for cell, size in pieces:
            if current and height + size > limit and not all(_heading_only(c) for c in current):
                screens.append(current)
                current, height = [], CONTINUATION
            current.append(cell)
            height += size
        if current:
            screens.append(current)
        heading = slide_heading
        for k, screen in enumerate(screens):
            if k:
                lead = screen[0]
                kind = _slide_type(lead)
                if kind != "subslide":
                    _set_type(lead, "subslide")
                if not _heading_of(lead):
                    title = f"{_base_reference(heading)} (continued)" if heading else ""
                    if title:
                        cont = _new_md(f"### {title}", "subslide", f"{lead.get('id', 'c')}-cont")
                        _set_type(lead, "-")
                        screen.insert(0, cont)
            out.extend(screen)
            for n, note in enumerate(notes):
                twin = copy.deepcopy(note)
                if k:
                    twin["id"] = f"{str(note.get('id', 'n'))[:40]}-s{k}-{n}"
                out.append(twin)
        out.extend(skipped)
    nb.cells = out
    join_heading_only_screens(nb, budget)
    number_reference_screens(nb)
    return nb


def join_heading_only_screens(nb, budget: float = BUDGET) -> None:
    """No screen holds only a heading ("## Check your understanding" before a quiz whose questions
    are sub-slides): the screen after it joins it when both fit one screen; otherwise the heading
    goes and the next screen takes its place (and its slide type), keeping the notes of both."""
    groups = _groups(nb.cells)
    cells = []
    k = 0
    while k < len(groups):
        group = groups[k]
        visible = [c for c in group if _slide_type(c) not in ("notes", "skip")]
        following = groups[k + 1] if k + 1 < len(groups) else None
        if visible and all(_heading_only(c) for c in visible) and following \
                and _slide_type(following[0]) == "subslide":
            lead = following[0]
            together = sum(estimate_cell(c) for c in visible + following)
            if together <= budget + CONTINUATION:
                _set_type(lead, "-")
                cells.extend(group)
            else:
                _set_type(lead, _slide_type(group[0]))
                cells.extend(c for c in group if c not in visible)
            cells.extend(following)
            k += 2
            continue
        cells.extend(group)
        k += 1
    nb.cells = cells


def _split_cell(cell, size: float, budget: float) -> list[tuple]:
    """A cell taller than a screen as several cells (Markdown between blocks; a glossary or table
    output between entries or rows); any other cell whole."""
    if size <= budget:
        return [(cell, size)]
    if cell.cell_type == "markdown":
        parts = split_markdown(cell.source, budget)
        if len(parts) < 2:
            return [(cell, size)]
        out = []
        for k, part in enumerate(parts):
            piece = copy.deepcopy(cell)
            piece.source = part
            if k:
                piece["id"] = f"{str(cell.get('id', 'md'))[:50]}-p{k + 1}"
                _set_type(piece, "-")
            out.append((piece, estimate_cell(piece)))
        return out
    if cell.cell_type == "code":
        for i, output in enumerate(cell.get("outputs", [])):
            data = output.get("data") or {}
            html = data.get("text/html")
            if html is None or len(cell.outputs) != 1:
                continue
            html = "".join(html) if isinstance(html, list) else html
            parts = split_html_output(html, budget)
            if len(parts) < 2:
                break
            out = []
            for k, part in enumerate(parts):
                piece = copy.deepcopy(cell)
                piece.outputs[i]["data"] = {"text/html": part, "text/plain": data.get("text/plain", "")}
                if k:
                    piece["id"] = f"{str(cell.get('id', 'out'))[:50]}-p{k + 1}"
                    piece.source = ""
                    _set_type(piece, "-")
                out.append((piece, estimate_cell(piece)))
            return out
    return [(cell, size)]


def number_reference_screens(nb) -> None:
    """Number the screens of each reference slide ("Sources (2/3)"): the slide and its vertical
    continuation screens; a screen's own "Sources (continued)" heading is replaced, a screen
    without a heading gets one. Glossary outputs lose their own "(2 of 3)" part titles."""
    groups = _groups(nb.cells)
    i = 0
    cells = []
    while i < len(groups):
        group = groups[i]
        heading = next((_heading_of(c) for c in group if _slide_type(c) not in ("notes", "skip") and _heading_of(c)), "")
        if _slide_type(group[0]) != "slide" or not is_reference_heading(heading):
            cells.extend(group)
            i += 1
            continue
        stack = [group]
        j = i + 1
        while j < len(groups) and _slide_type(groups[j][0]) == "subslide":
            stack.append(groups[j])
            j += 1
        base = _base_reference(heading)
        n = len(stack)
        for k, screen in enumerate(stack, 1):
            if n > 1:
                _title_screen(screen, f"{base} ({k}/{n})", k)
            for cell in screen:
                _drop_glossary_part_titles(cell)
            cells.extend(screen)
        i = j
    nb.cells = cells


def _title_screen(screen: list, title: str, k: int) -> None:
    for cell in screen:
        if _slide_type(cell) in ("notes", "skip"):
            continue
        head = _heading_of(cell)
        if head and (is_reference_heading(head) or head.lower().endswith("(continued)")):
            cell.source = re.sub(r"^(#{1,4})\s+.+?\s*$", lambda m: f"{m.group(1)} {title}", cell.source, count=1,
                                 flags=re.M)
            return
        break
    lead = screen[0]
    kind = _slide_type(lead)
    cont = _new_md(f"## {title}", kind, f"{str(lead.get('id', 'ref'))[:50]}-t{k}")
    _set_type(lead, "-")
    screen.insert(0, cont)


_GLOSSARY_PART = re.compile(r"<p><strong>Glossary: terms used in lesson \d+ \(\d+ of \d+\)</strong></p>")


def _drop_glossary_part_titles(cell) -> None:
    for out in cell.get("outputs", []):
        data = out.get("data") or {}
        html = data.get("text/html")
        if html is not None:
            html = "".join(html) if isinstance(html, list) else html
            data["text/html"] = _GLOSSARY_PART.sub("", html)


class PaginatePreprocessor(Preprocessor):
    """Continuation screens for slides taller than one screen (see :func:`paginate`)."""

    def preprocess(self, nb, resources):
        return paginate(nb), resources


# re-exported: the notebook-only text rewrites moved to .notebook_text
from .notebook_text import NOTEBOOK_ONLY, NotebookOnlyTextPreprocessor, strip_notebook_only  # noqa: E402,F401
