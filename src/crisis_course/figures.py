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

__all__ = ["show", "to_html", "figure_html", "remember", "shown", "for_slides", "slide_rc", "PALETTE", "SLIDE_MIME", "SLIDE_BOX",
           "SLIDE_MIN_FONT_PX", "SLIDE_FIGSIZE", "SLIDE_DPI", "SLIDE_MIN_PT"]

#: The display-bundle key of a figure's slide version (see :func:`show`): written only when the
#: lesson is executed for an export (``CRISIS_COURSE_SLIDE_FIGURES=1``, set by the course's
#: executor); the slide export puts it in place of the notebook's figure, JupyterLab ignores it.
SLIDE_MIME = "application/vnd.crisis-course.slide-figure+html"
#: Width and height (reveal.js slide pixels, of a 960x700 slide) a slide figure may take.
SLIDE_BOX = (900, 450)
#: The smallest text of a slide figure in slide pixels (14 px on a 1280x720 screen, where a
#: 960x700 slide is drawn at 0.99 scale, with a margin).
SLIDE_MIN_FONT_PX = 15.0
#: A chart's slide layout (see :func:`for_slides`) is drawn on this canvas, in inches, at
#: :data:`SLIDE_DPI`: 900x450 pixels, the :data:`SLIDE_BOX`, so it is shown at its natural size.
SLIDE_FIGSIZE = (9.0, 4.5)
SLIDE_DPI = 100
#: The smallest text a slide layout may use, in points: 11 pt at 100 dpi is 15.3 px, 15.1 screen
#: px at 1280x720. Everything drawn must also stay inside the canvas (a label outside the axes
#: that widens the tight bounding box shrinks the whole picture on the slide).
SLIDE_MIN_PT = 11


def slide_rc() -> dict:
    """Matplotlib settings under which a slide layout is drawn: text sizes for a projector (no
    default text under :data:`SLIDE_MIN_PT`); a chart's own ``fontsize=`` arguments must follow."""
    return {"font.size": 13, "axes.titlesize": 15, "axes.labelsize": 13, "xtick.labelsize": 12,
            "ytick.labelsize": 12, "legend.fontsize": 12, "legend.title_fontsize": 12,
            "figure.titlesize": 16, "figure.dpi": SLIDE_DPI}


def for_slides(fig, redraw):
    """Attach to ``fig`` how to draw the same chart for a projector and return ``fig``.

    ``redraw`` is called with no arguments (``functools.partial(chart, ..., layout="slide")``)
    under :func:`slide_rc` only when a lesson is executed for an export; it returns a new figure
    drawn in the chart's slide layout: :data:`SLIDE_FIGSIZE`, text of at least
    :data:`SLIDE_MIN_PT`, fewer labels where they would crowd. The notebook's figure is unchanged.
    Chart functions call it on their notebook layout, so a lesson's cells stay as they are.
    A not yet drawn :class:`crisis_course.figure_cache.Chart` is returned as it is outside an
    export (only an export draws slide layouts); during an export it is drawn now and not cached."""
    import os

    from crisis_course.figure_cache import Chart

    if isinstance(fig, Chart):
        if os.environ.get("CRISIS_COURSE_SLIDE_FIGURES") != "1":
            return fig
        fig = fig.figure
    fig._crisis_course_slide = redraw
    return fig

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


def _text_settings(rc) -> tuple:
    """The matplotlib settings a text's measured size and layout depend on (beside its own font),
    part of the keys of the shared text caches below."""
    return (rc["text.hinting"], rc["text.hinting_factor"], rc["text.kerning_factor"], rc["text.antialiased"],
            rc["mathtext.fontset"], rc["mathtext.default"],
            # a generic family ("sans-serif") names a different font when these lists change
            tuple(rc["font.sans-serif"]), tuple(rc["font.serif"]), tuple(rc["font.monospace"]))


_SHARED_METRICS: dict = {}


def _share_text_metrics() -> bool:
    """Let every Agg renderer of this process share one cache of text sizes per resolution.

    Matplotlib caches each text's measured size per renderer object, and a PNG of a figure
    uses at least three (the tight-bounding-box pass, the drawing pass, the smallest-text
    check), so every label was measured again and again: text layout is the largest single
    cost of drawing the course's charts. An Agg renderer's text size depends only on the text,
    its font, the resolution and a few text settings, so a measurement made once is valid for
    every renderer with the same resolution and settings: the pictures are the same, byte for
    byte (tests/test_lesson_speed.py). Measuring is done by a 1x1 renderer kept for the purpose,
    so no drawn canvas stays in memory. Installed once; a matplotlib without the private
    function it wraps keeps its own per-renderer cache. True when installed."""
    import functools

    import matplotlib
    import matplotlib.text as mtext

    current = getattr(mtext, "_get_text_metrics_function", None)
    if current is None or getattr(current, "_crisis_course_shared", False):
        return current is not None

    from matplotlib.backends.backend_agg import RendererAgg

    def metrics_function(renderer, _own=current):
        if type(renderer) is not RendererAgg:
            return _own(renderer)
        rc = matplotlib.rcParams
        key = (float(renderer.dpi), rc["text.usetex"], *_text_settings(rc))
        cached = _SHARED_METRICS.get(key)
        if cached is None:
            measurer = RendererAgg(1, 1, renderer.dpi)

            @functools.lru_cache(4096)
            def cached(text, fontprop, ismath, dpi):
                return measurer.get_text_width_height_descent(text, fontprop, ismath=ismath)

            _SHARED_METRICS[key] = cached
        return cached

    metrics_function._crisis_course_shared = True
    mtext._get_text_metrics_function = metrics_function
    return True


_LAYOUT_CACHE: dict = {}


def _share_text_layouts() -> bool:
    """Lay out each distinct text once per resolution instead of at every pass over a figure.

    Matplotlib lays out a text (its lines, their sizes, the rotated and aligned box) every time
    it asks where the text is: the chart's ``tight_layout``, the layout pass and the drawing pass
    of a PNG with a tight bounding box, the bounding box itself and the smallest-text check, so
    each label was laid out five or more times, two thirds of them repeats. The layout depends
    only on the text, its font, alignment, rotation, line spacing, the resolution and the text
    settings, never on where the text is, so one made for equal inputs is valid for every text
    with those inputs (on Agg renderers; others and TeX text keep matplotlib's own). Pictures are
    byte-identical (tests/test_lesson_speed.py). Installed once; a matplotlib whose private
    ``Text._get_layout`` is missing keeps its own. True when installed."""
    import matplotlib
    import matplotlib.text as mtext

    own = getattr(mtext.Text, "_get_layout", None)
    if own is None or getattr(own, "_crisis_course_shared", False):
        return own is not None

    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.transforms import Bbox

    def _get_layout(self, renderer, _own=own):
        if type(renderer) is not RendererAgg or self.get_usetex():
            return _own(self, renderer)
        rc = matplotlib.rcParams
        key = (type(self), float(renderer.dpi), float(self.get_figure(root=True).dpi), self._get_wrapped_text(),
               self._fontproperties.copy(), self._linespacing, self._multialignment, self._horizontalalignment,
               self._verticalalignment, self.get_rotation(), self.get_rotation_mode(), self._parse_math,
               rc["mathtext.fallback"], *_text_settings(rc))
        layout = _LAYOUT_CACHE.get(key)
        if layout is None:
            if len(_LAYOUT_CACHE) > 20000:  # a long session with ever new texts: start again
                _LAYOUT_CACHE.clear()
            layout = _LAYOUT_CACHE[key] = _own(self, renderer)
        box, lines, corner = layout
        return Bbox(box.get_points().copy()), list(lines), corner  # callers get their own copies

    _get_layout._crisis_course_shared = True
    mtext.Text._get_layout = _get_layout
    return True


#: zlib level of the course's PNGs: 3 compresses as well as the default (6) to within 1%, in
#: half the time; the pixels are the same at every level.
PNG_COMPRESS_LEVEL = 3


def _png_bytes(fig, dpi: int = 110) -> bytes:
    """``fig`` as a PNG cropped to its tight bounding box on a white background (what
    ``savefig(bbox_inches="tight", facecolor="white")`` draws), written as RGB when every pixel
    is opaque (they are, on the white background): the same pixels as matplotlib's RGBA PNG."""
    _share_text_metrics()
    _share_text_layouts()
    _share_glyph_drawing()
    box = _tight_box(fig, dpi)
    options = {"dpi": dpi, "bbox_inches": "tight" if box is None else box, "facecolor": "white"}
    buf = io.BytesIO()
    if box is None:
        fig.savefig(buf, format="rgba", **options)
    else:
        # savefig also draws with drawing switched off for any layout engine, even the
        # placeholder tight_layout() leaves behind, which lays nothing out
        engine, fig._layout_engine = fig._layout_engine, None
        try:
            fig.savefig(buf, format="rgba", **options)
        finally:
            fig._layout_engine = engine
    if box is not None and not _same_box(box, _tight_box(fig, dpi)):
        # the figure measured differently once drawn (something placed at draw time): crop it
        # as matplotlib does, after a layout pass
        options["bbox_inches"] = "tight"
        buf = io.BytesIO()
        fig.savefig(buf, format="rgba", **options)
    raw = buf.getvalue()
    renderer = getattr(fig.canvas, "renderer", None)  # the Agg renderer that drew ``raw``
    width, height = (getattr(renderer, "width", 0), getattr(renderer, "height", 0))
    if not width or not height or len(raw) != int(width) * int(height) * 4:
        buf = io.BytesIO()  # a canvas that is not Agg's: let matplotlib write the PNG
        fig.savefig(buf, format="png", pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL}, **options)
        return buf.getvalue()
    return _encode_png(raw, int(width), int(height), dpi)


def _tight_box(fig, dpi: float):
    """The box (inches) ``savefig(bbox_inches="tight")`` crops ``fig`` to at ``dpi``, measured
    without drawing, or None where matplotlib must lay the figure out while drawing (a layout
    engine other than the placeholder ``tight_layout()`` leaves) or the figure is not drawn by Agg.

    ``savefig`` with ``"tight"`` draws the whole figure once with drawing switched off (ticks,
    legends and annotations are placed while drawing) and then measures it; for a figure that is
    already placed, measuring alone gives the same box at a third of the cost of that pass.
    :func:`_png_bytes` measures again after drawing and draws the figure matplotlib's way if
    the two boxes differ, so the picture is always the one ``"tight"`` draws."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    engine = getattr(fig, "_layout_engine", "unknown")
    if (engine is not None and type(engine) is not PlaceHolderLayoutEngine) or not isinstance(fig.canvas, FigureCanvasAgg):
        return None
    own_dpi = fig.dpi
    fig.dpi = dpi  # what savefig does while it measures and draws
    try:
        width, height = fig.bbox.size
        box = fig.get_tightbbox(RendererAgg(width, height, dpi))
    finally:
        fig.dpi = own_dpi
    pad = matplotlib.rcParams["savefig.pad_inches"]
    return box.padded(pad, pad)


def _same_box(a, b) -> bool:
    return b is not None and a.bounds == b.bounds


def _share_glyph_drawing() -> bool:
    """Draw a text's glyphs with the work that is the same for every glyph done once per text.

    Matplotlib 3.11's Agg renderer draws text glyph by glyph in Python and, for every glyph,
    sets the font size again and builds the same rotation matrix with numpy; this does both
    once per text (and per font, for fallback fonts) and then makes the same FreeType and Agg
    calls with the same arguments, so the pixels are byte-identical
    (tests/test_lesson_speed.py). Installed once; a matplotlib whose private method differs
    keeps its own. True when installed."""
    import inspect
    import math

    from matplotlib.backends.backend_agg import RendererAgg

    own = getattr(RendererAgg, "_draw_text_glyphs_and_boxes", None)
    if own is None or getattr(own, "_crisis_course_shared", False):
        return own is not None
    try:
        from matplotlib.backends.backend_agg import get_hinting_flag
        from matplotlib.ft2font import RenderMode
    except ImportError:
        return False
    if list(inspect.signature(own).parameters) != ["self", "gc", "x", "y", "angle", "glyphs", "boxes"]:
        return False

    import numpy as np

    def _draw_text_glyphs_and_boxes(self, gc, x, y, angle, glyphs, boxes, _own=own):
        if boxes:  # mathtext with rules: matplotlib's own
            return _own(self, gc, x, y, angle, glyphs, boxes)
        cos = math.cos(math.radians(angle))
        sin = math.sin(math.radians(angle))
        load_flags = get_hinting_flag()
        antialiased = gc.get_antialiased()
        mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
        rotation = 0x10000 * np.array([[cos, -sin], [sin, cos]])
        matrices = {}
        draw = self._renderer.draw_text_image
        top = self.height - y
        last = None
        for font, size, glyph_index, slant, extend, dx, dy in glyphs:
            if last is None or last[0] is not font or last[1] != size:
                font.set_size(size, self.dpi)
                last = (font, size)
            matrix = matrices.get((slant, extend))
            if matrix is None:
                matrix = matrices[(slant, extend)] = (
                    rotation @ [[extend, extend * slant], [0, 1]]).round().astype(int)
            font._set_transform(matrix, [round(0x40 * (x + dx * cos - dy * sin)),
                                         round(0x40 * (top + dx * sin + dy * cos))])
            bitmap = font._render_glyph(glyph_index, load_flags, mode)
            buffer = bitmap.buffer
            if not antialiased:
                buffer *= 0xff
            draw(buffer, bitmap.left, int(self.height) - bitmap.top + buffer.shape[0], 0, gc)

    _draw_text_glyphs_and_boxes._crisis_course_shared = True
    RendererAgg._draw_text_glyphs_and_boxes = _draw_text_glyphs_and_boxes
    return True


def _encode_png(raw: bytes, width: int, height: int, dpi: float) -> bytes:
    import matplotlib
    from PIL import Image, PngImagePlugin

    image = Image.frombuffer("RGBA", (width, height), raw, "raw", "RGBA", 0, 1)
    if image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", f"Matplotlib version{matplotlib.__version__}, https://matplotlib.org/")
    out = io.BytesIO()
    image.save(out, format="png", pnginfo=info, dpi=(dpi, dpi), compress_level=PNG_COMPRESS_LEVEL)
    return out.getvalue()


def smallest_font_px(fig, dpi: int = 110) -> float | None:
    """The size in pixels, at the PNG's natural size, of the smallest text drawn in ``fig`` (tick
    labels, legend, annotations; visible and not empty), or None for a figure without text.
    Call it after the figure was drawn (saved), so the tick labels exist."""
    from matplotlib.text import Text

    texts = [(t.get_fontsize(), i, t) for i, t in enumerate(fig.findobj(Text))
             if t.get_visible() and t.get_text().strip()]
    # smallest first: only the smallest texts need the (costly) check that they are drawn
    size = next((size for size, _, t in sorted(texts, key=lambda x: x[:2]) if _drawn(t)), None)
    return round(size * dpi / 72, 1) if size is not None else None


def _drawn(text) -> bool:
    """False for a tick label outside its axis's view (matplotlib keeps it but does not draw it)."""
    axes = getattr(text, "axes", None)
    if axes is None or text.get_transform() is None:
        return True
    try:
        box = text.get_window_extent()
    except Exception:  # noqa: BLE001 - a text that cannot be measured counts as drawn
        return True
    return box.width > 0 and box.height > 0


def figure_html(png: bytes, alt: str, caption: str = "", source: str = "",
                min_font_px: float | None = None, slide_width: int | None = None,
                width: int | None = None, slide_layout: bool = False) -> str:
    """The HTML of a figure: an image with alt text, a caption and a source line (all escaped).

    ``width`` shows the image that many CSS pixels wide (at most its container's width).
    ``min_font_px`` (the smallest text in the PNG, in pixels at its natural size) is kept as the
    image's ``data-min-font-px``, so the slide export and its test can tell how large the figure's
    text is on a projector (rendered width / natural width x this). ``slide_layout`` marks a slide
    version drawn from the chart's own slide layout (:func:`for_slides`) with
    ``data-slide-layout="chart"``; one without the mark was fitted by the shrink loop."""
    data = base64.b64encode(png).decode("ascii")
    font = f' data-min-font-px="{min_font_px}"' if min_font_px else ""
    if slide_width:  # the slide version: drawn at the width its text needs (see _slide_render)
        font += f' class="crisis-slide-figure" width="{slide_width}"'
        if slide_layout:
            font += ' data-slide-layout="chart"'
        style = f"width:{slide_width}px;max-width:100%;height:auto"
    elif width:  # a picture drawn at a higher resolution, shown at the width of a lower one
        font += f' width="{width}"'
        style = f"width:{width}px;max-width:100%;height:auto"
    else:
        style = "max-width:100%;height:auto"
    parts = [
        '<figure class="crisis-figure" style="margin:0.5em 0">',
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}"{font} '
        f'style="{style}">',
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

    def __init__(self, png: bytes, alt: str, caption: str, source: str, min_font_px: float | None = None,
                 slide: tuple | None = None, slide_layout: bool = False):
        self.png, self.alt, self.caption, self.source = png, alt, caption, source
        self.min_font_px = min_font_px
        self.slide = slide  # (png, min font px, width in slide px) for exports, else None
        self.slide_layout = slide_layout  # the slide version is the chart's own slide layout

    def _repr_mimebundle_(self, include=None, exclude=None):
        text = f"[Figure] {self.alt}"
        if self.caption:
            text += f"\n{self.caption}"
        if self.source:
            text += f"\n{self.source}"
        bundle = {
            "text/html": figure_html(self.png, self.alt, self.caption, self.source, self.min_font_px),
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": text,
        }
        if self.slide:
            png, font, width = self.slide
            bundle[SLIDE_MIME] = figure_html(png, self.alt, self.caption, self.source, font, slide_width=width,
                                             slide_layout=self.slide_layout)
        return bundle


def _render(fig, dpi: int) -> tuple[bytes, float | None]:
    """The figure as PNG bytes and its smallest text in pixels; the figure is closed so it is not
    also shown by the backend."""
    import matplotlib.pyplot as plt

    png = _png_bytes(fig, dpi=dpi)
    font = smallest_font_px(fig, dpi)
    plt.close(fig)
    return png, font


def _png_size(png: bytes) -> tuple[int, int]:
    import struct

    return struct.unpack(">II", png[16:24])


def _has_slide_layout(fig) -> bool:
    """True when ``fig`` carries its chart's slide layout (:func:`for_slides`)."""
    return getattr(fig, "_crisis_course_slide", None) is not None


def _slide_render(fig, dpi: int) -> tuple[bytes, float | None, int]:
    """The figure for a projector: (PNG, smallest text in px at natural size, width in slide px).

    The figure is drawn as large as :data:`SLIDE_BOX` allows; when its smallest text would then be
    under :data:`SLIDE_MIN_FONT_PX`, it is drawn again on a smaller canvas (the same text sizes in
    points, so the text grows against the picture) at a higher resolution, until the text is large
    enough (at most six tries, never under 25% of the size). A figure whose picture grows instead
    (labels in data coordinates running past its axes: maps, timelines) is kept as first drawn,
    full width but with its own text size. The figure's size is restored."""
    redraw = getattr(fig, "_crisis_course_slide", None)
    if redraw is not None:  # the chart has a slide layout of its own: draw and measure that
        import matplotlib
        import matplotlib.pyplot as plt

        from crisis_course.figure_cache import drawing

        with matplotlib.rc_context(slide_rc()), drawing():
            slide_fig = redraw()
            try:
                return _fitted_render(slide_fig, SLIDE_DPI)
            finally:
                plt.close(slide_fig)
    return _fitted_render(fig, dpi)


def _fitted_render(fig, dpi: float) -> tuple[bytes, float | None, int]:
    w0, h0 = fig.get_size_inches()
    scale, first = 1.0, None
    try:
        for _ in range(6):
            fig.set_size_inches(w0 * scale, h0 * scale)
            d = dpi / scale
            png = _png_bytes(fig, dpi=d)
            font = smallest_font_px(fig, d)
            width, height = _png_size(png)
            shown = int(min(SLIDE_BOX[0], SLIDE_BOX[1] * width / height))
            if first is None:
                first = (png, font, shown, width)
            elif width > 1.6 * first[3]:
                # the picture grew instead of its text: labels placed in data coordinates now run
                # past the axes and overlap (maps, timelines); keep the figure as it was drawn
                return first[:3]
            if font is None or font * shown / width >= SLIDE_MIN_FONT_PX or scale <= 0.25:
                return png, font, shown
            scale = max(0.25, scale * font * shown / width / SLIDE_MIN_FONT_PX * 0.97)
        return png, font, shown
    finally:
        fig.set_size_inches(w0, h0)


def to_html(fig, alt: str, caption: str = "", source: str = "", dpi: int = 110) -> str:
    """The figure as an HTML ``<figure>`` (PNG with alt text); closes ``fig``. For widgets that
    redraw a picture (``ipywidgets.HTML(value=...)``) instead of displaying a cell output."""
    import os

    from crisis_course.figure_cache import Chart

    if isinstance(fig, Chart) and os.environ.get("CRISIS_COURSE_SLIDE_FIGURES") == "1":
        fig = fig.figure  # a widget's picture in an export: drawn, as before (not cached)
    if isinstance(fig, Chart):  # a chart function's result in a kernel: its cached picture, if any
        cached = fig.picture(dpi)
        if cached is not None:
            return figure_html(cached[0], alt, caption, source, cached[1])
        chart, fig = fig, fig._draw()
        png, font = _render(fig, dpi)
        chart.keep(dpi, png, font)
        return figure_html(png, alt, caption, source, font)
    if os.environ.get("CRISIS_COURSE_SLIDE_FIGURES") == "1":  # an export: the static picture is for a projector
        import matplotlib.pyplot as plt

        own = _has_slide_layout(fig)
        png, font, width = _slide_render(fig, dpi)
        plt.close(fig)
        return figure_html(png, alt, caption, source, font, slide_width=width, slide_layout=own)
    png, font = _render(fig, dpi)
    return figure_html(png, alt, caption, source, font)


def show(fig, alt: str, caption: str = "", source: str = "", dpi: int = 110):
    """Return a displayable version of ``fig`` with a text description; closes ``fig``.

    ``alt`` is the text description for screen readers: say what the figure shows and what
    it means (the trend, the highest and lowest values), not only its title. It is required.
    Use it as the last expression of a cell: ``figures.show(fig, alt="...", source="...")``.
    """
    if not alt or not str(alt).strip():
        raise ValueError("figures.show needs alt text: a sentence or two describing the figure.")
    import os

    from crisis_course.figure_cache import Chart

    chart = None
    if isinstance(fig, Chart):  # a chart function's result in a kernel: its cached picture, if any
        cached = fig.picture(dpi)
        if cached is not None:  # (during an export, with its slide version)
            return _FigureDisplay(cached[0], str(alt).strip(), caption, source, cached[1], cached.slide,
                                  slide_layout=cached.slide_layout)
        chart, fig = fig, fig._draw()

    import matplotlib.pyplot as plt

    png = _png_bytes(fig, dpi=dpi)
    font = smallest_font_px(fig, dpi)
    key = getattr(fig, "_crisis_course_key", None)
    if key is not None:
        _SHOWN[(key, dpi)] = (png, font)
    slide = _slide_render(fig, dpi) if os.environ.get("CRISIS_COURSE_SLIDE_FIGURES") == "1" else None
    own = _has_slide_layout(fig)
    if chart is not None:
        chart.keep(dpi, png, font, slide, own)
    plt.close(fig)
    return _FigureDisplay(png, str(alt).strip(), caption, source, font, slide, slide_layout=own)


#: The pictures :func:`show` drew this session of figures tagged with :func:`remember`, by
#: (key, dpi): (PNG, smallest text px). A widget showing the same chart first (a slider's
#: starting year) takes the picture from here instead of drawing it again.
_SHOWN: dict = {}


def remember(fig, key: tuple):
    """Tag ``fig`` with ``key``, naming what it shows (the chart function and its arguments), so
    that :func:`shown` can give its picture once :func:`show` has drawn it. Returns ``fig``. Only
    for charts drawn from the shipped data alone (the same key always draws the same picture)."""
    fig._crisis_course_key = key
    return fig


def shown(key: tuple, dpi: int = 110) -> tuple[bytes, float | None] | None:
    """(PNG, smallest text px) of the figure tagged ``key`` that :func:`show` drew this session
    at ``dpi``, or None."""
    return _SHOWN.get((key, dpi))
