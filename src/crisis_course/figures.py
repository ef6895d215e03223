"""Show a matplotlib figure with a text description that screen readers can read.

``show(fig, alt=..., caption=..., source=...)`` displays the figure as an HTML ``<figure>``
holding a PNG with ``alt`` text, a visible caption and the source line. The same output also
carries ``image/png`` and a plain-text description, so it works in JupyterLab, in nbconvert
HTML and slides, and in a terminal. The figure is closed afterwards, so it is not shown twice.
"""
from __future__ import annotations

import base64
import html
import io

__all__ = ["show", "to_html", "figure_html", "PALETTE"]

#: Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008), used by every chart in the course.
PALETTE = {
    "orange": "#E69F00",
    "skyblue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}


def _png_bytes(fig, dpi: int = 110) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    return buf.getvalue()


def figure_html(png: bytes, alt: str, caption: str = "", source: str = "") -> str:
    """The HTML of a figure: an image with alt text, a caption and a source line (all escaped)."""
    data = base64.b64encode(png).decode("ascii")
    parts = [
        '<figure class="crisis-figure" style="margin:0.5em 0">',
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
        'style="max-width:100%;height:auto">',
    ]
    if caption or source:
        parts.append('<figcaption style="font-size:0.9em;color:#333">')
        if caption:
            parts.append(html.escape(caption))
        if source:
            parts.append(f'<br><small>{html.escape(source)}</small>')
        parts.append("</figcaption>")
    parts.append("</figure>")
    return "".join(parts)


class _FigureDisplay:
    """A displayable figure: HTML with alt text, PNG, and a text description."""

    def __init__(self, png: bytes, alt: str, caption: str, source: str):
        self.png, self.alt, self.caption, self.source = png, alt, caption, source

    def _repr_mimebundle_(self, include=None, exclude=None):
        text = f"[Figure] {self.alt}"
        if self.caption:
            text += f"\n{self.caption}"
        if self.source:
            text += f"\n{self.source}"
        return {
            "text/html": figure_html(self.png, self.alt, self.caption, self.source),
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": text,
        }


def _render(fig, dpi: int) -> bytes:
    """The figure as PNG bytes; the figure is closed so it is not also shown by the backend."""
    import matplotlib.pyplot as plt

    png = _png_bytes(fig, dpi=dpi)
    plt.close(fig)
    return png


def to_html(fig, alt: str, caption: str = "", source: str = "", dpi: int = 110) -> str:
    """The figure as an HTML ``<figure>`` (PNG with alt text); closes ``fig``. For widgets that
    redraw a picture (``ipywidgets.HTML(value=...)``) instead of displaying a cell output."""
    return figure_html(_render(fig, dpi), alt, caption, source)


def show(fig, alt: str, caption: str = "", source: str = "", dpi: int = 110):
    """Return a displayable version of ``fig`` with a text description; closes ``fig``.

    ``alt`` is the text description for screen readers: say what the figure shows and what
    it means (the trend, the highest and lowest values), not only its title. It is required.
    Use it as the last expression of a cell: ``figures.show(fig, alt="...", source="...")``.
    """
    if not alt or not str(alt).strip():
        raise ValueError("figures.show needs alt text: a sentence or two describing the figure.")
    return _FigureDisplay(_render(fig, dpi), str(alt).strip(), caption, source)
