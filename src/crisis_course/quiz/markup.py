"""Safe, tiny Markdown for quiz text: escape everything first, then allow a small subset.

Everything in a quiz bank is untrusted as far as HTML is concerned. :func:`render` escapes the
whole text with :func:`html.escape` *before* it recognises any markup, so ``<script>`` or
``<img onerror=...>`` in a bank always shows as text. After escaping, only these are turned
into HTML:

- ```code```  -> ``<code>``  (its content is not processed further)
- ``**bold**`` -> ``<strong>``, ``*italic*`` / ``_italic_`` -> ``<em>``
- ``[text](https://...)`` and bare ``https://...`` URLs -> links (``http`` and ``https`` only)
- a blank line -> a new paragraph, a single newline -> ``<br>``

Because the text was escaped first, it contains no raw ``<``, ``>``, ``"`` or ``'``, so nothing
inserted into an element or an ``href="..."`` attribute can break out of it.
"""
from __future__ import annotations

import html
import re

__all__ = ["escape", "render", "render_inline"]

_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_ITALIC_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
# Links on already-escaped text: the URL cannot contain a raw quote or angle bracket.
# A URL ends at white space or at an escaped quote or angle bracket.
_URL_CHAR = r"(?:(?!&quot;|&lt;|&gt;|&#x27;)[^\s<>\"'])"
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\]\((https?://(?:(?!&quot;|&lt;|&gt;|&#x27;)[^\s()<>\"'])+)\)")
_BARE_URL = re.compile(r"\bhttps?://" + _URL_CHAR + "+")


def escape(text) -> str:
    """Escape ``text`` for HTML element content and double- or single-quoted attributes."""
    return html.escape("" if text is None else str(text), quote=True)


def _link(url: str, label: str) -> str:
    return (f'<a href="{url}" rel="noopener noreferrer" style="color:#0b4f9c;text-decoration:underline">'
            f"{label}</a>")


def _bare_url(match: re.Match) -> str:
    url = match.group(0)
    trail = ""
    while url and url[-1] in ".,;:!?)":
        trail = url[-1] + trail
        url = url[:-1]
    return _link(url, url) + trail


def render_inline(text) -> str:
    """Escaped text with the inline subset applied; newlines become ``<br>``."""
    raw = "" if text is None else str(text).replace("\x00", "")
    escaped = escape(raw)  # FIRST: from here on the text holds no raw < > " '
    placeholders: list[str] = []

    def keep(fragment: str) -> str:
        placeholders.append(fragment)
        return f"\x00{len(placeholders) - 1}\x00"

    out = _CODE.sub(lambda m: keep(f"<code>{m.group(1)}</code>"), escaped)
    out = _MD_LINK.sub(lambda m: keep(_link(m.group(2), m.group(1))), out)
    out = _BARE_URL.sub(lambda m: keep(_bare_url(m)), out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _ITALIC_STAR.sub(r"<em>\1</em>", out)
    out = _ITALIC_UNDER.sub(r"<em>\1</em>", out)
    while "\x00" in out:
        out = re.sub(r"\x00(\d+)\x00", lambda m: placeholders[int(m.group(1))], out)
    return out.strip().replace("\n", "<br>")


def render(text) -> str:
    """Escaped text with the Markdown subset; several paragraphs become ``<p>`` elements."""
    raw = "" if text is None else str(text).strip()
    paragraphs = [p for p in re.split(r"\n\s*\n", raw) if p.strip()]
    if len(paragraphs) <= 1:
        return render_inline(raw)
    return "".join(f"<p>{render_inline(p)}</p>" for p in paragraphs)
