"""Issue 20, figures for a projector: the course's maps drawn in their slide layout.

Each map function draws, with ``layout="slide"``, the same map on the slide canvas
(figures.SLIDE_FIGSIZE) with no text under figures.SLIDE_MIN_PT, everything inside the canvas, no
two labels on top of each other, and the same legend as the notebook's figure; the notebook's
figure carries that drawing for exports (figures.for_slides) and draws nothing more itself.
"""
import re
import struct

import matplotlib
import numpy as np
import pytest
import shapely

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import Collection  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import FancyArrowPatch, Patch  # noqa: E402
from matplotlib.path import Path  # noqa: E402
from matplotlib.text import Annotation, Text  # noqa: E402
from overlap_support import overlapping_boxes  # noqa: E402

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
            boxes.append((t.get_text(), patch.get_window_extent(renderer) if patch else Text.get_window_extent(t, renderer)))
    return overlapping_boxes(boxes)


def _opaque(text) -> bool:
    """Does the text sit on a box that hides what is drawn under it (the face colour carries the alpha)?"""
    patch = text.get_bbox_patch()
    return patch is not None and patch.get_visible() and patch.get_facecolor()[3] >= 0.6


def _rings(path) -> list:
    """A display-coordinate path's rings (split at each MOVETO; closed at CLOSEPOLY) as point arrays."""
    rings, ring = [], []
    for verts, code in path.iter_segments(simplify=False, curves=False):
        if code == Path.MOVETO and ring:
            rings.append(ring)
            ring = []
        if code == Path.CLOSEPOLY:
            if ring:
                rings.append(ring + [ring[0]])
            ring = []
            continue
        ring.append(tuple(verts[-2:]))
    rings.append(ring)
    return [np.asarray(r) for r in rings if len(r) >= 2]


def _drawn_lines(ax) -> list:
    """(what, display path, zorder, hatched, has a visible edge, owning text) of each line drawn in
    ``ax``: borders and coasts (polygon edges), hatched areas, routes, pointer lines."""
    out = []
    for art in ax.get_children():
        if not art.get_visible():
            continue
        if isinstance(art, Collection):
            lw, ec = art.get_linewidths(), art.get_edgecolors()
            edge = bool(len(lw) and max(lw) > 0 and len(ec) and max(ec[:, 3]) > 0)
            hatched = bool(art.get_hatch())
            if edge or hatched:
                out += [("a border or coast", art.get_transform().transform_path(p), art.get_zorder(), hatched,
                         edge, None) for p in art.get_paths()]
        elif isinstance(art, Line2D) and art.get_linestyle() not in ("None", "", " "):
            out.append(("a route line", art.get_transform().transform_path(art.get_path()), art.get_zorder(),
                        False, True, None))
        elif isinstance(art, Patch) and not isinstance(art, FancyArrowPatch) and art is not ax.patch:
            out.append(("an area's outline", art.get_transform().transform_path(art.get_path()), art.get_zorder(),
                        bool(art.get_hatch()), art.get_linewidth() > 0 and art.get_edgecolor()[3] > 0, None))
    for t in ax.texts:  # pointer lines, drawn with their annotation (its zorder)
        if isinstance(t, Annotation) and t.arrow_patch is not None and t.get_visible():
            arrow = t.arrow_patch
            what = f"the pointer of {' '.join(t.get_text().split())!r}" if t.get_text().strip() else "an arrow"
            out.append((what, arrow.get_transform().transform_path(arrow.get_path()), t.get_zorder(), False,
                        True, t))
    return out


def _lines_through_labels(fig, renderer) -> list[str]:
    """Map labels that a line runs through, or that hide what the map is about: a border, coast,
    route or pointer line through a name with no box of its own, a route or a line drawn over a boxed
    label, a boxed label over a hatched (contested) area, a boxed label hanging over the map's frame.
    A light box may hide the borders and coasts drawn under it (the locator maps' country names)."""
    found = []
    for ax in fig.axes:
        lines = _drawn_lines(ax)
        frame = shapely.box(*ax.bbox.extents)
        for t in ax.texts:
            if not t.get_visible() or not t.get_text().strip():
                continue
            label = " ".join(t.get_text().split())
            opaque = _opaque(t)
            # the text's own box (an Annotation's extent would include its pointer)
            bb = t.get_bbox_patch().get_window_extent(renderer) if opaque else Text.get_window_extent(t, renderer)
            box = shapely.box(bb.x0 + 1.5, bb.y0 + 1.5, bb.x1 - 1.5, bb.y1 - 1.5)  # a touch is no overlap
            if not box.intersects(frame):
                continue
            if opaque and not frame.buffer(1).contains(box):
                found.append(f"{label!r} hangs over the map's frame")
            box = box.intersection(frame)  # the lines are clipped to the map
            if box.is_empty or box.area < 1:
                continue
            for what, path, z, hatched, edge, owner in lines:
                if owner is t:
                    continue
                rings = _rings(path)
                areas = [shapely.Polygon(r) for r in rings if len(r) >= 4] if hatched and opaque else []
                # a boxed label over part of a hatched area hides it (the one naming it lies inside it)
                if any(box.intersects(a) for a in areas) and not any(a.contains(box) for a in areas):
                    found.append(f"{label!r} covers part of a hatched area")
                elif (edge and (not opaque or z > t.get_zorder() or what == "a route line")
                      and box.intersects(shapely.MultiLineString(rings))):
                    found.append(f"{what} runs through {label!r}")
    return sorted(set(found))


def _sea_names_over_land(fig, renderer) -> list[str]:
    """Sea names whose text (or the light box under it) covers a coast or border: a sea is named in
    open water (the box may hide a coast, so _lines_through_labels lets boxed names pass)."""
    found = []
    for ax in fig.axes:
        coasts = [shapely.MultiLineString(_rings(path)) for what, path, *_ in _drawn_lines(ax)
                  if what == "a border or coast"]
        for t in ax.texts:
            label = " ".join(t.get_text().split())
            if not t.get_visible() or not re.search(r"\bSea\b", label):
                continue
            patch = t.get_bbox_patch()
            bb = patch.get_window_extent(renderer) if patch else Text.get_window_extent(t, renderer)
            box = shapely.box(bb.x0 + 1.5, bb.y0 + 1.5, bb.x1 - 1.5, bb.y1 - 1.5)
            if any(box.intersects(c) for c in coasts):
                found.append(f"{label!r} covers a coast or border")
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
        problems = (_outside(slide, renderer) + _overlapping_labels(slide, renderer)
                    + _lines_through_labels(slide, renderer) + _sea_names_over_land(slide, renderer))
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


def _line_problems(fig) -> list[str]:
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return _lines_through_labels(fig, renderer) + _sea_names_over_land(fig, renderer)


def test_the_line_check_catches_names_on_borders_pointers_through_labels_and_boxes_over_hatched_areas():
    fig = _slide_drawing(maps.nato_map(2020))
    ax = fig.axes[0]
    assert _line_problems(fig) == []
    ax.text(24.0, 52.2, "on the Polish-Belarusian border", fontsize=11, ha="center")  # no box: the border shows
    ax.annotate("across the Ukraine label", (34.5, 49.4), xytext=(26.0, 49.1), fontsize=11,
                arrowprops={"arrowstyle": "-"})
    ax.text(29.5, 56.5, "half on Russia", fontsize=11, ha="center", bbox={"fc": "white", "alpha": 0.9})
    ax.plot([-7.0, -1.0], [40.2, 40.2], zorder=3)  # a line through the boxed label below (in Spain)
    ax.text(-4.0, 40.0, "boxed", fontsize=11, ha="center", zorder=2.5, bbox={"fc": "white", "alpha": 0.9})
    found = "\n".join(_line_problems(fig))
    assert "runs through 'on the Polish-Belarusian border'" in found
    assert "the pointer of 'across the Ukraine label' runs through 'UKRAINE'" in found
    assert "'half on Russia' covers part of a hatched area" in found
    assert "a route line runs through 'boxed'" in found
    assert found.count("covers part of a hatched area") == 1  # not RUSSIA's own label, inside its area
    assert "'boxed' and" not in found and "hangs over" not in found
    plt.close(fig)


@pytest.mark.parametrize("before", [
    # what a teacher found on the exported decks (issue 20), drawn again as it was: each must fail
    ("locator map: 'Sea of Azov' across the coastline", "runs through 'Sea of Azov'",
     lambda mp: (mp.setitem(maps._SLIDE_SEA_LABELS, "Sea of Azov", (37.1, 46.45)),
                 mp.setattr(maps, "_SLIDE_SEA_POINTERS", {})), MAPS["00 locator map"]),
    ("Crimea map: 'Russia' on the border", "runs through 'Russia'",
     lambda mp: mp.setattr(maps, "_CRIMEA_SLIDE_LABELS", {"UKR": (32.5, 49.3), "RUS": (39.5, 48.8),
                                                          "MDA": (28.9, 47.6)}), maps.crimea_history_map),
    ("deployments map: the Angarsky box over eastern Crimea", "'Angarsky Apr 2021' covers part of a hatched area",
     lambda mp: mp.setitem(deployments._SLIDE_LABEL_AT, "Angarsky", (14, -14)), deployments.deployments_map),
    ("routes map: the transit line through 'Slovakia'", "a route line runs through 'Slovakia'",
     lambda mp: mp.setattr(pipelines, "_SLIDE_COUNTRY_LABELS", {"TUR": (29.0, 39.3), "DEU": (11.6, 50.2)}),
     pipelines.routes_map),
    ("routes map: the 'Black Sea' box over the Romanian coast", "'Black Sea' covers a coast or border",
     lambda mp: mp.setattr(pipelines, "_SLIDE_SEA_AT", {"Black Sea": (29.8, 44.0)}), pipelines.routes_map),
], ids=lambda b: b[0])
def test_the_overlaps_a_teacher_found_would_fail_the_check(before, monkeypatch):
    _, expected, undo_fix, build = before
    undo_fix(monkeypatch)
    notebook = build()
    fig = _slide_drawing(notebook)
    assert any(expected in p for p in _line_problems(fig)), _line_problems(fig)
    plt.close(fig)
    plt.close(notebook)


def test_the_crimea_notebook_map_has_no_name_on_a_border_and_no_pointer_over_a_box():
    # fixed in the notebook too: Russia and Moldova were on borders, the lower boxes' pointers ran over
    # the boxes above them (each box is now drawn over the pointers of the boxes below it)
    fig = maps.crimea_history_map()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert _lines_through_labels(fig, renderer) + _overlapping_labels(fig, renderer) == []
    boxes = sorted((t for t in fig.axes[0].texts if getattr(t, "arrow_patch", None) is not None),
                   key=lambda t: -t.get_position()[1])
    orders = [t.get_zorder() for t in boxes]
    assert len(boxes) == 3 and all(a > b for a, b in zip(orders, orders[1:])), orders  # top box drawn last
    plt.close(fig)
