"""The article the course studies, read from the file that ships with the package.

The file is a verbatim copy of ``seeds/000_a01f77809c830506.txt`` (a test checks they are
identical). Nothing here edits the text: typos and signs of translation are part of what
lesson 1 studies.
"""
from __future__ import annotations

import html
import re
from importlib import resources
from pathlib import Path

__all__ = ["PUBLISHED", "path", "text", "paragraphs", "sentences", "show"]

#: The article's date as given in its first line.
PUBLISHED = "2021-12-07"


def path() -> Path:
    """Path of the article file inside the installed package."""
    return Path(str(resources.files("crisis_course") / "content" / "article_2021-12-07.txt"))


def text() -> str:
    """The article, verbatim (UTF-8)."""
    return path().read_text(encoding="utf-8")


def paragraphs() -> list[str]:
    """The article's paragraphs (one per line of the file), stripped, empty lines dropped.

    Paragraph 0 is the header line: ``date 2021-12-07 Russian and American leaders ...``.
    """
    return [line.strip() for line in text().splitlines() if line.strip()]


_SENTENCE_END = re.compile(r"(?<=[.!?\u201c\u201d\"])\s+(?=[A-Z\u201c\"])")


def sentences() -> list[str]:
    """The article split into sentences (a simple rule-based split, paragraph by paragraph).

    Abbreviations such as ``Mr.`` and the middle initial ``V.`` are not treated as sentence ends.
    """
    out: list[str] = []
    for para in paragraphs():
        pieces = _SENTENCE_END.split(para)
        buf = ""
        for piece in pieces:
            buf = f"{buf} {piece}".strip() if buf else piece
            if re.search(r"(\bMr|\bMrs|\bDr|\b[A-Z])\.$", buf):
                continue  # "Mr." or an initial: not the end of a sentence
            out.append(buf)
            buf = ""
        if buf:
            out.append(buf)
    return out


class _ArticleDisplay:
    def __init__(self, numbered: bool, which):
        self.numbered = numbered
        self.which = which

    def _selected(self):
        paras = paragraphs()
        which = range(len(paras)) if self.which is None else self.which
        return [(i, paras[i]) for i in which]

    def _repr_html_(self) -> str:
        rows = []
        for i, para in self._selected():
            label = f'<span style="color:#333;font-weight:bold">[{i}]</span> ' if self.numbered else ""
            rows.append(f"<p>{label}{html.escape(para)}</p>")
        return ('<blockquote class="crisis-article" style="border-left:4px solid #0072B2;'
                'padding-left:1em;color:#111">' + "".join(rows) + "</blockquote>")

    def __repr__(self) -> str:
        if self.numbered:
            return "\n\n".join(f"[{i}] {p}" for i, p in self._selected())
        return "\n\n".join(p for _, p in self._selected())


def show(numbered: bool = True, paragraphs_shown=None):
    """Display the article (HTML in Jupyter, text elsewhere); paragraphs numbered from 0.

    ``paragraphs_shown`` (e.g. ``range(0, 5)``) shows only those paragraphs, with their own
    numbers, so the article can span two slides.
    """
    if paragraphs_shown is not None:
        paragraphs_shown = list(paragraphs_shown)
        n = len(paragraphs())
        bad = [i for i in paragraphs_shown if not isinstance(i, int) or not 0 <= i < n]
        if bad:
            raise ValueError(f"article.show: paragraph numbers run from 0 to {n - 1}; got {bad}")
    return _ArticleDisplay(numbered, paragraphs_shown)
