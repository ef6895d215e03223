"""How tall a cell will be on a course slide: an estimate from its rendered HTML with the sizes of
``crisis.css`` and the ``white`` theme (heading, paragraph, list item, quote, table row, figure,
caption; text wrapped at about :data:`CHAR_EM` of the font size per character). Tuned against the
browser measurement of ``tests/test_slide_overflow.py``; :mod:`.paginate` packs screens with it."""
from __future__ import annotations

import math

from .core import _slide_type

SLIDE_HEIGHT = 700
#: estimated pixels one screen may hold (the slide is 700; the rest absorbs the estimate's error)
BUDGET = 600
WIDTH = 917
#: average character width as a fraction of the font size (Source Sans Pro, with word-wrap waste)
CHAR_EM = 0.56
#: estimated height of a continuation screen's heading ("Sources (2/3)", "... (continued)")
CONTINUATION = 80
REFERENCE_HEADINGS = ("sources", "glossary", "terms used", "words used")

_BLOCKS = {
    # tag: (font px, line height px, margin px, width fraction)
    "h1": (50, 60, 50, 1.0),
    "h2": (32, 38.4, 40, 1.0),
    "h3": (28, 34, 30, 1.0),
    "h4": (24, 30, 24, 1.0),
    "p": (22, 29.7, 20, 1.0),
    "li": (22, 29.7, 2, 0.93),
    "dt": (22, 29.7, 2, 1.0),
    "dd": (22, 29.7, 6, 0.95),
    "figcaption": (16, 20.8, 4, 1.0),
    "pre": (18, 24, 20, 1.0),
    "summary": (22, 29.7, 6, 1.0),
}
_CONTAINERS = {"ul": 20, "ol": 20, "blockquote": 30, "dl": 10, "table": 20, "figure": 16}


def _lines(chars: int, font: float, width: float) -> int:
    if chars <= 0:
        return 0
    per_line = max(8, width / (CHAR_EM * font))
    return max(1, math.ceil(chars / per_line))


def _own_text(tag) -> str:
    """A block's text without the text of the blocks nested in it."""
    from bs4 import NavigableString

    parts = []
    for child in tag.children:
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif child.name not in _BLOCKS and child.name not in _CONTAINERS and child.name not in ("table", "img", "div"):
            parts.append(child.get_text())
    return " ".join("".join(parts).split())


def _scaled_font(tag, font: float) -> float:
    """The font size of a block inside the quiz, a table or a small note (crisis.css)."""
    classes = " ".join(" ".join(p.get("class") or []) for p in [tag, *tag.parents] if hasattr(p, "get"))
    if "quiz-answer" in classes:
        return 17
    if "crisis-quiz" in classes:
        return 22 if tag.name == "p" else 20
    if tag.find_parent("small") is not None or tag.name == "small":
        return 16
    return font


def _image_height(img, width: float) -> float:
    """Rendered height of an image: a slide figure at its width attribute, other images at most
    the width of the slide and 470 px high (crisis.css)."""
    import base64
    import struct

    src = img.get("src", "")
    natural = None
    if src.startswith("data:image/png;base64,"):
        try:
            head = base64.b64decode(src[22:22 + 44])
            natural = struct.unpack(">II", head[16:24])
        except Exception:  # noqa: BLE001 - a broken image is estimated as a large one
            natural = None
    if not natural or not natural[0]:
        return 470
    w, h = natural
    if "crisis-slide-figure" in (img.get("class") or []):
        shown = min(float(img.get("width") or width), width)
        return shown * h / w
    shown_w = min(w, width)
    return min(shown_w * h / w, 470)


def estimate_html(text: str, width: float = WIDTH) -> float:
    """Estimated height in slide pixels of an HTML fragment on a course slide."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for hidden in soup.select("aside.notes, script, style"):
        hidden.decompose()
    return _estimate_soup(soup, width)


#: quiz questions render taller than the block model says (option lists, notes, the answer box)
QUIZ_FACTOR = 1.45


def _estimate_soup(soup, width: float) -> float:
    quiz = soup.find(class_="crisis-quiz") is not None
    total = 0.0
    for tag in soup.find_all(True):
        name = tag.name
        if name in _CONTAINERS and not (name == "table"):
            total += _CONTAINERS[name] if tag.find_parent(name) is None or name == "blockquote" else 4
        if name == "table":
            total += _table_height(tag, width)
            continue
        if tag.find_parent("table") is not None:
            continue
        if name == "img":
            total += _image_height(tag, width) + (20 if tag.find_parent("figure") is not None else 0)
            continue
        if name in _BLOCKS:
            font, line, margin, frac = _BLOCKS[name]
            font = _scaled_font(tag, font)
            if font != _BLOCKS[name][0]:
                line = font * 1.35
            w = width * frac
            if tag.find_parent("blockquote") is not None:
                w, font, line = width * 0.68, 20, 32
            total += _lines(len(_own_text(tag)), font, w) * line + margin
        elif name == "div" and not tag.find(True) and tag.get_text(strip=True):
            font = _scaled_font(tag, 22)
            total += _lines(len(tag.get_text(" ", strip=True)), font, width) * font * 1.35 + 4
    return total * QUIZ_FACTOR if quiz else total


def _table_height(table, width: float) -> float:
    rows = table.find_all("tr")
    if not rows:
        return 0.0
    ncols = max(len(r.find_all(["td", "th"])) for r in rows) or 1
    # column widths in proportion to the longest text of each column (at least 6 characters)
    longest = [6] * ncols
    for r in rows:
        for i, cell in enumerate(r.find_all(["td", "th"])[:ncols]):
            longest[i] = max(longest[i], min(60, len(cell.get_text(" ", strip=True))))
    share = [width * n / sum(longest) for n in longest]
    total = 20.0
    caption = table.find("caption")
    if caption is not None:
        total += _lines(len(caption.get_text(" ", strip=True)), 16, width) * 21 + 6
    for r in rows:
        cells = r.find_all(["td", "th"])[:ncols]
        lines = max((_lines(len(c.get_text(" ", strip=True)), 16, max(40, share[i] - 12))
                     for i, c in enumerate(cells)), default=1)
        total += lines * 21 + 8
    return total


def markdown_html(source: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(source)


def estimate_cell(cell) -> float:
    """Estimated height of a cell on a slide (code input hidden, as in the course's decks)."""
    kind = _slide_type(cell)
    if kind in ("notes", "skip"):
        return 0.0
    if cell.cell_type == "markdown":
        return estimate_html(markdown_html(cell.source)) if cell.source.strip() else 0.0
    if cell.cell_type != "code":
        return 0.0
    total = 0.0
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            text = "".join(out.get("text", "")) if isinstance(out.get("text"), list) else out.get("text", "")
            total += sum(_lines(len(line), 18, WIDTH) or 1 for line in text.splitlines()) * 24 + 20
        elif kind in ("execute_result", "display_data"):
            data = out.get("data", {})
            if "text/html" in data:
                html = data["text/html"]
                total += estimate_html("".join(html) if isinstance(html, list) else html) + 10
            elif "image/png" in data:
                total += 470
            elif "text/plain" in data:
                text = data["text/plain"]
                text = "".join(text) if isinstance(text, list) else text
                total += len(text.splitlines()) * 24 + 20
        elif kind == "error":
            total += 200
    return total
