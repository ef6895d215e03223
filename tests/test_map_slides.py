"""Issue 20, figures for a projector: the course's maps drawn in their slide layout.

Each map function draws, with ``layout="slide"``, the same map on the slide canvas
(figures.SLIDE_FIGSIZE) with no text under figures.SLIDE_MIN_PT, everything inside the canvas, no
two labels on top of each other, and the same legend as the notebook's figure; the notebook's
figure carries that drawing for exports (figures.for_slides) and draws nothing more itself.
"""
import itertools
import re
import struct

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from crisis_course import deployments, figures, maps, pipelines  # noqa: E402

SCREEN_SCALE = min(1280 / (960 * 1.04), 720 / (700 * 1.04))  # a 960x700 reveal.js slide on 1280x720

# The calls the lessons make (00, 02, 03, 04, 06, 08) and the slider's picture (lesson 3).
MAPS = {
    "00 locator map": lambda: maps.locator_map(title="Ukraine and its neighbours, December 2021"),
    "02 locator map": lambda: maps.locator_map(title="Ukraine and its neighbours, December 2021",
                                               extent=(17.0, 47.5, 41.0, 56.5)),
    "02 Crimea history map": maps.crimea_history_map,
    "03 NATO small multiples": lambda: maps.nato_small_multiples(
        years=(1949, 1952, 1955, 1982, 1999, 2004, 2009, 2017, 2020)),
    "03 NATO slider picture (2020)": lambda: maps.nato_map(2020),
    "04 deployments map": deployments.deployments_map,
    "06 gas routes map": pipelines.routes_map,
    "08 NATO map (2024)": lambda: maps.nato_map(2024),
}


def _legend_labels(fig) -> set[str]:
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    return {" ".join(t.get_text().split()) for lg in legends for t in lg.get_texts()}


def _outside(fig, renderer) -> list[str]:
    """Texts and other artists drawn past the canvas (they would grow the tight PNG)."""
    w, h = fig.bbox.width, fig.bbox.height
    box = fig.get_tightbbox(renderer).transformed(fig.dpi_scale_trans)
    if box.x0 >= -1 and box.y0 >= -1 and box.x1 <= w + 1 and box.y1 <= h + 1:
        return []
    return [f"content {box.bounds} runs past the {w:.0f}x{h:.0f} canvas"]


def _overlapping_labels(fig, renderer) -> list[str]:
    """Pairs of visible texts (with their boxes) that cover each other by more than a pixel."""
    boxes = []
    for t in fig.findobj(Text):
        if t.get_visible() and t.get_text().strip():
            patch = t.get_bbox_patch()
            boxes.append((t.get_text(), (patch or t).get_window_extent(renderer)))
    found = []
    for (a, ba), (b, bb) in itertools.combinations(boxes, 2):
        dx = min(ba.x1, bb.x1) - max(ba.x0, bb.x0)
        dy = min(ba.y1, bb.y1) - max(ba.y0, bb.y0)
        if dx > 1 and dy > 1:
            found.append(f"{a!r} and {b!r} overlap ({dx:.0f}x{dy:.0f} px)")
    return found


def _slide_drawing(notebook_fig):
    redraw = getattr(notebook_fig, "_crisis_course_slide", None)
    assert redraw is not None, "the notebook's figure carries no slide layout (figures.for_slides)"
    with matplotlib.rc_context(figures.slide_rc()):
        return redraw()


@pytest.mark.parametrize("name", list(MAPS))
def test_a_map_on_a_slide_has_text_of_14_px_inside_the_canvas_and_no_overlapping_labels(name):
    notebook = MAPS[name]()
    slide = _slide_drawing(notebook)
    try:
        assert tuple(slide.get_size_inches()) == figures.SLIDE_FIGSIZE
        assert slide.dpi == figures.SLIDE_DPI
        slide.canvas.draw()
        renderer = slide.canvas.get_renderer()
        problems = _outside(slide, renderer) + _overlapping_labels(slide, renderer)
        smallest = figures.smallest_font_px(slide, figures.SLIDE_DPI)
        assert smallest >= figures.SLIDE_MIN_PT * figures.SLIDE_DPI / 72 - 0.05, f"{name}: {smallest} px text"
        # the same legend (colours and hatches mean the same), labels wrapped differently
        assert _legend_labels(slide) == _legend_labels(notebook), name
        assert problems == [], f"{name}:\n" + "\n".join(problems)
        # as an export draws it (figures._slide_render fits the slide drawing): >= 14 px at 1280x720
        with matplotlib.rc_context(figures.slide_rc()):
            png, font, shown = figures._fitted_render(slide, figures.SLIDE_DPI)
        width = struct.unpack(">II", png[16:24])[0]
        assert font * shown / width * SCREEN_SCALE >= 14.0, f"{name}: {font * shown / width * SCREEN_SCALE:.1f} px"
    finally:
        plt.close(slide)
        plt.close(notebook)


def test_the_checks_catch_a_label_past_the_canvas_and_labels_on_top_of_each_other():
    fig = _slide_drawing(maps.nato_map(2020))
    fig.text(0.95, 0.5, "a label running past the right edge", fontsize=12)
    ax = fig.axes[0]
    ax.text(10.0, 50.0, "first", fontsize=12)
    ax.text(10.5, 50.2, "second", fontsize=12)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert len(_outside(fig, renderer)) == 1
    assert any("'first' and 'second'" in p for p in _overlapping_labels(fig, renderer))
    plt.close(fig)


def test_the_notebook_figure_draws_nothing_for_the_slide(monkeypatch):
    # the slide layout is only drawn when a lesson is exported: students' notebooks pay nothing
    def refuse():
        raise AssertionError("a slide canvas was made while drawing a notebook figure")

    monkeypatch.setattr(maps, "_slide_figure", refuse)
    for build in MAPS.values():
        plt.close(build())


@pytest.mark.parametrize("call", [
    lambda: maps.locator_map(layout="poster"),
    lambda: maps.crimea_history_map(layout="Slide"),
    lambda: maps.nato_map(2020, layout=""),
    lambda: maps.nato_small_multiples(layout=None),
    lambda: deployments.deployments_map(layout="slides"),
    lambda: pipelines.routes_map(layout="projector"),
])
def test_an_unknown_layout_is_refused_with_a_clear_message(call):
    with pytest.raises(ValueError, match="layout must be 'notebook' or 'slide'"):
        call()


def test_the_nato_slider_shows_the_slide_layout_only_in_an_export(monkeypatch):
    notebook = maps.nato_slider(2020, end=2021).children[2].value
    assert "crisis-slide-figure" not in notebook
    monkeypatch.setenv("CRISIS_COURSE_SLIDE_FIGURES", "1")
    exported = maps.nato_slider(2020, end=2021).children[2].value
    assert 'class="crisis-slide-figure"' in exported
    font = float(re.search(r'data-min-font-px="([\d.]+)"', exported).group(1))
    assert font >= figures.SLIDE_MIN_FONT_PX
    plt.close("all")
