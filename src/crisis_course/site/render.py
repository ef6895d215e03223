"""A notebook as a page body: the student's view (no instructor cells, writing boxes keyed),
rendered with nbconvert, tables wrapped for small screens; the search index of a page."""
from __future__ import annotations

import copy
import html
import re
from html.parser import HTMLParser

from .settings import TEMPLATES

# --------------------------------------------------------------------------- rendering

_QUIZ_ID = re.compile(r'\bid="quiz-([^"]+)"')
_TABLE = re.compile(r"<table\b", re.I)


def _wrap_tables(body: str) -> str:
    """Put every table in a focusable scrolling region, so a wide table scrolls inside the page
    (and keyboard users can scroll it) instead of widening a phone screen."""
    out, depth, pos = [], 0, 0
    for m in re.finditer(r"<(/?)table\b[^>]*>", body, re.I):
        out.append(body[pos:m.start()])
        if not m.group(1):
            if depth == 0:
                out.append('<div class="table-wrap" tabindex="0" role="region" aria-label="Table (scrolls sideways)">')
            depth += 1
            out.append(m.group(0))
        else:
            out.append(m.group(0))
            depth = max(0, depth - 1)
            if depth == 0:
                out.append("</div>")
        pos = m.end()
    out.append(body[pos:])
    return "".join(out)


def _student_notebook(nb):
    """A copy of an (executed) lesson with what students may see: no speaker-notes cells, no cells
    tagged instructor/remove, widget outputs with their static fallback."""
    from .. import export

    nb = copy.deepcopy(nb)
    keep = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        slide = cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "")
        if slide == "notes" or tags & {"instructor", "remove", "remove-cell"}:
            continue
        keep.append(cell)
    nb.cells = keep
    _key_writing_boxes(nb)
    return export.static_widgets(nb)


_WRITING_DIV = '<div class="crisis-writing"'
_WRITING_KEY = re.compile(r"^<writing '([^']+)'>$")


def _writing_prompts() -> dict:
    """Open-writing key -> its prompt as rendered in the static HTML (crisis_course.writing)."""
    try:
        from .. import writing
        from ..quiz.markup import render
    except ImportError:  # no open writing in this version of the course
        return {}
    return {key: render(prompt) for key, (_lesson, prompt) in writing.PROMPTS.items()}


def _key_writing_boxes(nb) -> None:
    """Mark each open-writing box's static HTML with ``data-open-answer="KEY"``, in place, so the
    page script can give it a text area saved in the browser. The key comes from the output's
    ``text/plain`` (``<writing 'KEY'>``) or, for several boxes in one output (lesson 8's
    ``show_mine``), from the prompt each box shows."""
    prompts = None
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            text = data.get("text/html")
            if isinstance(text, list):
                text = "".join(text)
            if not text or _WRITING_DIV not in text:
                continue
            plain = data.get("text/plain", "")
            plain = "".join(plain) if isinstance(plain, list) else plain
            single = _WRITING_KEY.match(plain.strip())
            parts = text.split(_WRITING_DIV)
            for i in range(1, len(parts)):
                key = single.group(1) if single and len(parts) == 2 else None
                if key is None:
                    prompts = prompts if prompts is not None else _writing_prompts()
                    key = next((k for k, rendered in prompts.items() if rendered in parts[i]), None)
                if key:
                    parts[i] = f' data-open-answer="{html.escape(key)}"' + parts[i]
            data["text/html"] = _WRITING_DIV.join(parts)


_EXPORTER = {}


def render_notebook(nb, fold_code: bool = True) -> str:
    """The cells of ``nb`` as HTML (no page around them)."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    key = "fold"  # one exporter per process (its Jinja environment is the slow part)
    if key not in _EXPORTER:
        c = Config()
        c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES)]
        c.HTMLExporter.template_name = "crisis_site"
        c.HTMLExporter.embed_images = True
        c.HTMLExporter.exclude_input_prompt = True
        c.HTMLExporter.exclude_output_prompt = True
        c.HTMLExporter.anchor_link_text = "#"
        _EXPORTER[key] = HTMLExporter(config=c)
    body, _ = _EXPORTER[key].from_notebook_node(nb, resources={"metadata": {"name": "page"},
                                                              "site_fold_code": fold_code})
    return _wrap_tables(body)


def pygments_css() -> str:
    from pygments.formatters import HtmlFormatter

    light = HtmlFormatter(style="bw").get_style_defs(".highlight")
    return light


class _TextIndexer(HTMLParser):
    """Collect a page's text by section (h1-h3 with an id), for the search index."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = [["", "", []]]  # [anchor, heading, [text]]
        self.skip = 0
        self.heading = None
        self.heading_id = ""
        self.heading_text = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("h1", "h2", "h3"):
            self.heading = tag
            self.heading_id = dict(attrs).get("id", "") or ""
            self.heading_text = []

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == self.heading:
            text = " ".join("".join(self.heading_text).split()).rstrip("#").strip()
            self.sections.append([self.heading_id, text, []])
            self.heading = None

    def handle_data(self, data):
        if self.skip:
            return
        if self.heading:
            self.heading_text.append(data)
        else:
            self.sections[-1][2].append(data)


def index_entries(page_title: str, url: str, body: str) -> list[dict]:
    parser = _TextIndexer()
    parser.feed(body)
    out = []
    for anchor, heading, texts in parser.sections:
        text = " ".join(" ".join(texts).split())
        if not text and not heading:
            continue
        out.append({"page": page_title, "section": heading or page_title,
                    "url": url + (f"#{anchor}" if anchor else ""), "text": text[:6000]})
    return out


def remote_refs(text: str) -> list[str]:
    """Addresses of assets a page would fetch from the network (script/img/link/... src or href,
    CSS url() and @import); links that a reader follows (<a href>) are not assets."""
    refs = re.findall(r"""<(?:script|link|img|source|iframe|audio|video|embed|track|object)\b[^>]*?\s(?:src|href|data|srcset)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""",
                      text, re.I)
    refs += re.findall(r"""(?:url\(\s*["']?|@import\s+["'])\s*((?:https?:)?//[^"')\s]+)""", text, re.I)
    return refs
