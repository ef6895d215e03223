"""Issue 20, figures for a projector: the course's timelines and charts drawn in their slide layout.

timeline.plot, readouts.estimates_chart, bargaining.plot and plot_credibility, the energy and price
charts (energy.charts, prices) and textanalysis.plot_actor_mentions draw, with ``layout="slide"``, the same
chart on a slide canvas (at most figures.SLIDE_BOX, shown at natural size) with no text under
figures.SLIDE_MIN_PT, no two texts on top of each other and the notebook figure's legend; the
notebook's figure carries that drawing for exports (figures.for_slides) and draws nothing more.
"""
import re

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from overlap_support import lines_through_box, overlapping_boxes  # noqa: E402

from crisis_course import bargaining, energy, figures, prices, readouts, textanalysis, timeline  # noqa: E402

SCREEN_SCALE = min(1280 / (960 * 1.04), 720 / (700 * 1.04))  # a 960x700 reveal.js slide on 1280x720
SETTINGS = dict(p=0.6, cost_challenger=0.2, cost_defender=0.15, offer=0.3, credibility=0.5)  # lesson 7


def _lesson2(part):
    events = timeline.load(lessons=[2])
    return events[events["when"] < "2010-01-01"] if part == 1 else events[events["when"] >= "2010-01-01"]


#: The calls the lessons make (01-08), with the events they draw.
TIMELINES = {
    "01": (lambda: timeline.load(start="2021-11-25", end="2021-12-20"),
           dict(title="What could be known on 7 December 2021?", label_width=62)),
    "02 part 1": (lambda: _lesson2(1), dict(title="Ukraine and Russia, 1932-2004: events in this lesson",
                                            label_width=75)),
    "02 part 2": (lambda: _lesson2(2), dict(title="Ukraine and Russia, 2013-2021: events in this lesson",
                                            label_width=75)),
    "03 early": (lambda: timeline.load(lessons=[3], start="1990-01-01", end="2013-12-31"),
                 dict(title="NATO and Russia, 1990-2013: partnership and enlargement", label_width=60)),
    "03 late": (lambda: timeline.load(lessons=[3], start="2014-01-01"),
                dict(title="NATO and Russia, 2014-2021: from partnership to confrontation", label_width=60)),
    "04 spring": (lambda: timeline.load(lessons=[4], start="2021-01-01", end="2021-09-30"),
                  dict(title="Spring and summer 2021", label_width=75)),
    "04 autumn": (lambda: timeline.load(lessons=[4], start="2021-10-01"),
                  dict(title="Autumn 2021 and the call", label_width=75)),
    "05": (lambda: timeline.load(lessons=5, start="2012-01-01", end="2021-12-31"),
           dict(title="Sanctions on Russia, 2012-2021", label_width=70)),
    "06": (lambda: timeline.load(lessons=6), dict(title="Gas, pipelines and prices, 2011-2021", label_width=70)),
    "08": (lambda: timeline.load(lessons=[8], start="2021-12-01"), dict(title="From the video call to 2025")),
}

CHARTS = {f"{k} timeline": (lambda k=k: timeline.plot(TIMELINES[k][0](), **TIMELINES[k][1])) for k in TIMELINES}
CHARTS["04 troop estimates"] = readouts.estimates_chart
CHARTS["07 stake line"] = lambda: bargaining.plot(**SETTINGS)
CHARTS["07 explorer picture (low)"] = lambda: bargaining._explorer_figure(bargaining.analyse(**SETTINGS))
CHARTS["01 actor heatmap"] = lambda: textanalysis.plot_actor_mentions(textanalysis.actor_mentions())
CHARTS["05 economies"] = lambda: energy.economy_chart(2020)
CHARTS["05 oil and rouble"] = prices.oil_rouble_chart
CHARTS["06 EU imports"] = energy.eu_imports_chart
CHARTS["06 dependence map and ranking"] = lambda: energy.dependence_figure(2020)
CHARTS["06 three measures"] = lambda: energy.share_comparison_chart(2020)
CHARTS["06 annual prices"] = energy.price_chart
CHARTS["06 monthly prices"] = prices.gas_price_chart
CHARTS["07 credibility"] = lambda: bargaining.plot_credibility(
    mark=0.5, **{k: v for k, v in SETTINGS.items() if k != "credibility"})

#: Charts whose slide legend says the same in fewer words (the notebook's long entries would not
#: fit): the words each slide legend entry must still contain.
SHORTER_LEGENDS = {"06 dependence map and ranking": ["no data", "reporting artefact", "EU27"]}


def _slide_drawing(notebook_fig):
    redraw = getattr(notebook_fig, "_crisis_course_slide", None)
    assert redraw is not None, "the notebook's figure carries no slide layout (figures.for_slides)"
    with matplotlib.rc_context(figures.slide_rc()):
        return redraw()


def _legend_labels(fig) -> list[str]:
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    return sorted(" ".join(t.get_text().split()) for lg in legends for t in lg.get_texts())


def _overlapping_texts(fig, renderer) -> list[str]:
    """Pairs of visible texts that cover each other by more than a pixel."""
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in fig.findobj(Text)
             if t.get_visible() and t.get_text().strip() and figures._drawn(t)]
    return overlapping_boxes(boxes, name_chars=30)


def _lines_through_texts(fig, renderer) -> list[str]:
    """Each drawn line (a reference line, a curve) that runs through a text written in the same
    axes (a value label, a note), e.g. a dashed average line through a bar's value. An annotation
    counts with its words only (its arrow is meant to reach the line)."""
    found = []
    for ax in fig.axes:
        for t in ax.texts:
            if t.get_visible() and t.get_text().strip():
                found += [f"the line {label!r} runs through {' '.join(t.get_text().split())[:30]!r}"
                          for label in lines_through_box(Text.get_window_extent(t, renderer), ax)]
    return found


#: The clear space (px) a slide keeps between its legend and any other text, and between a marker
#: and a text (a label touching the legend row, a marker on a tick label read as one).
CLEAR_PX = 4.0


def _legend_boxes(fig, renderer) -> list:
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    return [(lg, lg.get_window_extent(renderer)) for lg in legends if lg.get_visible()]


def _texts_near_legends(fig, renderer) -> list[str]:
    """Each text outside a legend that comes within CLEAR_PX of a legend's box (an overlap under a
    pixel passes the overlap check but still reads as touching)."""
    found = []
    boxes = _legend_boxes(fig, renderer)
    in_legends = {t for legend, _ in boxes for t in legend.findobj(Text)}  # rows of one legend may touch
    for _, box in boxes:
        for t in fig.findobj(Text):
            if t in in_legends or not t.get_visible() or not t.get_text().strip() or not figures._drawn(t):
                continue
            tb = t.get_window_extent(renderer)
            dx = max(box.x0 - tb.x1, tb.x0 - box.x1)
            dy = max(box.y0 - tb.y1, tb.y0 - box.y1)
            if max(dx, dy) < CLEAR_PX:
                found.append(f"{' '.join(t.get_text().split())[:30]!r} is {max(dx, dy):.1f} px from the legend")
    return found


def _markers_on_texts(fig, renderer) -> list[str]:
    """Each scatter marker (as drawn: its size and edge) that comes within CLEAR_PX of a text of its axes."""
    import math

    found = []
    for ax in fig.axes:
        texts = [(t, t.get_window_extent(renderer)) for t in ax.findobj(Text)
                 if t.get_visible() and t.get_text().strip() and figures._drawn(t)]
        for coll in ax.collections:
            if not isinstance(coll, PathCollection) or not coll.get_visible() or not len(coll.get_sizes()):
                continue  # markers only (scatter), not bars, areas or line collections
            sizes, widths = coll.get_sizes(), coll.get_linewidths()
            points = coll.get_offset_transform().transform(coll.get_offsets())
            for k, (x, y) in enumerate(points):
                r = (math.sqrt(sizes[k % len(sizes)]) / 2 + widths[k % len(widths)] / 2) * fig.dpi / 72
                for t, tb in texts:
                    dx = max(tb.x0 - (x + r), (x - r) - tb.x1)
                    dy = max(tb.y0 - (y + r), (y - r) - tb.y1)
                    if max(dx, dy) < CLEAR_PX:
                        found.append(f"a marker is {max(dx, dy):.1f} px from {' '.join(t.get_text().split())[:30]!r}")
    return found


def _problems(slide) -> list[str]:
    """What keeps a slide drawing from being read on a projector: text under 14 screen px, a
    picture larger than the slide box (shown smaller), texts on each other, a line through a
    text of its axes (a value label)."""
    png = figures._png_bytes(slide, dpi=figures.SLIDE_DPI)
    width, height = figures._png_size(png)
    font = figures.smallest_font_px(slide, figures.SLIDE_DPI)
    out = []
    if width > figures.SLIDE_BOX[0] or height > figures.SLIDE_BOX[1]:
        out.append(f"the picture is {width}x{height} px, larger than the {figures.SLIDE_BOX} slide box")
    if font is None or font * SCREEN_SCALE < 14:
        out.append(f"smallest text {font} px, {font and font * SCREEN_SCALE:.1f} px on a 1280x720 screen")
    renderer = slide.canvas.get_renderer()
    return (out + _overlapping_texts(slide, renderer) + _lines_through_texts(slide, renderer)
            + _texts_near_legends(slide, renderer) + _markers_on_texts(slide, renderer))


@pytest.mark.parametrize("name", list(CHARTS))
def test_a_chart_on_a_slide_has_text_of_14_px_inside_the_box_and_no_overlapping_texts(name):
    notebook = CHARTS[name]()
    slide = _slide_drawing(notebook)
    try:
        assert tuple(slide.get_size_inches()) in (figures.SLIDE_FIGSIZE, bargaining.SLIDE_FIGSIZE)
        assert _problems(slide) == []
        if name in SHORTER_LEGENDS:
            labels = " | ".join(_legend_labels(slide))
            assert all(word in labels for word in SHORTER_LEGENDS[name]), labels
        else:
            assert _legend_labels(slide) == _legend_labels(notebook), "the slide's legend says something else"
    finally:
        plt.close(slide)
        plt.close(notebook)


def _label_texts(fig) -> list[str]:
    """The event rows' texts (date: event), lines joined."""
    dated = re.compile(r"(\d{1,2} \w{3} \d{4}|\w{3} \d{4}|\d{4}): ")
    return [" ".join(t.get_text().split()) for t in fig.axes[0].texts if dated.match(t.get_text())]


@pytest.mark.parametrize("name", list(TIMELINES))
def test_a_slide_timeline_lists_every_event_with_its_date_in_time_order(name):
    events = TIMELINES[name][0]()
    slide = timeline.plot(events, layout="slide", **{k: v for k, v in TIMELINES[name][1].items() if k == "title"})
    try:
        texts = [t for t in _label_texts(slide) if ": " in t]
        dated = [t for t in texts if any(t.startswith(timeline._format_date(d) + ": ") for d in events["date"])]
        assert len(dated) == len(events)
        for text, (_, ev) in zip(dated, events.iterrows()):  # one row per event, in the file's time order
            body = text.split(": ", 1)[1].removesuffix(" (hindsight)")
            assert text.startswith(timeline._format_date(ev["date"]) + ": ")
            assert body in (ev["event"], ev["slide_event"]), (body, ev["event"])
        hollow = sum(1 for c in slide.axes[0].collections if (c.get_facecolor()[:1] == [[1, 1, 1, 1]]).all()
                     and len(c.get_offsets()) == 1 and c.get_sizes()[0] == 60)
        assert hollow >= int(events["after_cutoff"].sum())  # a hollow marker for each later event
    finally:
        plt.close(slide)


def test_short_labels_only_where_the_full_ones_do_not_fit():
    late = timeline.load(lessons=[3], start="2014-01-01")
    assert (late["slide_event"] != late["event"]).any()
    slide = timeline.plot(late, title="NATO and Russia, 2014-2021: from partnership to confrontation", layout="slide")
    bodies = {t.split(": ", 1)[1] for t in _label_texts(slide)}
    assert bodies == set(late["event"])  # room enough: the notebook's words
    sanctions = timeline.load(lessons=5, start="2012-01-01", end="2021-12-31")
    assert (sanctions["slide_event"] != sanctions["event"]).any()
    slide = timeline.plot(sanctions, title="Sanctions on Russia, 2012-2021", layout="slide")
    bodies = {t.split(": ", 1)[1].removesuffix(" (hindsight)") for t in _label_texts(slide)}
    assert bodies == set(sanctions["slide_event"])
    plt.close("all")


def test_the_cutoff_line_runs_between_the_last_event_up_to_the_article_and_the_next():
    events = timeline.load(lessons=[8], start="2021-12-01")
    slide = timeline.plot(events, layout="slide")
    red = [ln for ln in slide.axes[0].lines if ln.get_color() == "#b00020"]
    assert len(red) == 1
    y_line = red[0].get_ydata()[0]
    rows = {t.get_text().split(":")[0]: t.get_position()[1] for t in slide.axes[0].texts}
    assert rows["7 Dec 2021"] > y_line > rows["17 Dec 2021"]  # same column, between the two rows
    plt.close("all")


def test_the_checks_can_fail():
    """Text on text, text under 11 pt and a label past the canvas are each reported."""
    slide = _slide_drawing(CHARTS["06 timeline"]())
    ax = slide.axes[0]
    first = next(t for t in ax.texts if t.get_text().startswith("8 Nov 2011"))
    x, y = first.get_position()
    ax.text(x + 5, y - 2, "a label on another", fontsize=12, va="top")
    ax.text(x, 20, "small", fontsize=8)
    ax.text(950, y, "past the right edge", fontsize=12)
    problems = _problems(slide)
    assert any("overlap" in p for p in problems), problems
    assert any("smallest text" in p for p in problems), problems
    assert any("larger than" in p for p in problems), problems
    plt.close("all")


def test_a_text_touching_the_legend_and_a_marker_on_a_text_are_reported():
    """Lesson 5's and 8's last rows touched the legend row by under a pixel, lesson 2's strip
    markers sat 1 px above the years: a gap under CLEAR_PX is reported."""
    slide = _slide_drawing(CHARTS["06 timeline"]())
    ax = slide.axes[0]
    renderer = slide.canvas.get_renderer()
    top = max(box.y1 for _, box in _legend_boxes(slide, renderer))
    ax.text(400, top + 2, "just above the legend", fontsize=12, va="bottom")
    ax.text(600, 300, "a year", fontsize=12, va="top")
    ax.scatter([620], [300 + 7], s=60, linewidth=2)  # reaches about 7 px from its centre
    problems = _problems(slide)
    assert any("'just above the legend' is" in p and "from the legend" in p for p in problems), problems
    assert any("a marker is" in p and "'a year'" in p for p in problems), problems
    plt.close("all")


def test_the_notebook_dependence_ranking_has_no_line_through_a_value_either():
    """Lesson 6's notebook figure (map and ranking) and the ranking alone: the dashed EU27 line
    crosses no value label (it ran through 38%, 34%, 30%)."""
    from crisis_course.energy import charts

    for fig in (energy.dependence_figure(2020), charts.dependence_bar(2020)):
        fig.canvas.draw()
        assert _lines_through_texts(fig, fig.canvas.get_renderer()) == []
        plt.close(fig)


def test_a_line_through_a_value_label_is_reported():
    slide = _slide_drawing(CHARTS["06 dependence map and ranking"]())
    ranking = slide.axes[-1]
    ranking.text(30, 0, "a label on the EU27 line", fontsize=12, va="center")
    assert any("runs through 'a label on the EU27 line'" in p for p in _problems(slide)), _problems(slide)
    plt.close("all")


def test_the_shared_overlap_check_counts_more_than_a_pixel_both_ways():
    from matplotlib.transforms import Bbox

    boxes = [("left", Bbox.from_extents(0, 0, 50, 20)), ("touching", Bbox.from_extents(51, 0, 90, 20)),
             ("on left", Bbox.from_extents(40, 10, 80, 30)),
             ("a long name beyond the cut", Bbox.from_extents(45, 5, 60, 15))]
    found = overlapping_boxes(boxes, name_chars=6)
    assert "'left' and 'on lef' overlap (10x10 px)" in found
    assert not any(p.startswith("'left' and 'touchi'") for p in found)  # 1 px apart: no overlap
    assert len(found) == 5 and all(p.count("'") == 4 for p in found)


@pytest.mark.parametrize("settings", [
    SETTINGS, dict(SETTINGS, credibility=0.05), dict(SETTINGS, p=0.1, offer=0.95, credibility=1.0),
    dict(SETTINGS, p=0.95, cost_challenger=0.0, cost_defender=0.0, offer=0.0),
    dict(SETTINGS, p=0.3, cost_challenger=0.4, cost_defender=0.4, offer=0.6, credibility=0.9),
    dict(SETTINGS, p=0.5, cost_challenger=0.0, cost_defender=0.0, offer=0.5),
    dict(SETTINGS, p=0.3, cost_challenger=0.05, cost_defender=0.2),
    dict(SETTINGS, p=1.0, cost_challenger=0.0, cost_defender=0.3),
], ids=["lesson", "bluff", "low war result", "no range", "wide range", "no range at 50%", "range from 25% to 50%",
        "no range at 100%"])
def test_the_stake_line_slides_stay_readable_for_other_settings(settings):
    """The figure's own slide (the whole slide box, 15-16 pt) and the explorer's low picture, at
    settings a student can reach with the sliders: inside the box, 14 px text, no text on text."""
    r = bargaining.analyse(**settings)
    figure = bargaining.plot(**settings)
    for notebook in (figure, bargaining._explorer_figure(r)):
        slide = _slide_drawing(notebook)
        assert _problems(slide) == [], settings
        plt.close(slide)
        plt.close(notebook)
    slide = _slide_drawing(figure)
    assert tuple(slide.get_size_inches()) == figures.SLIDE_FIGSIZE  # not the explorer's low canvas
    assert figures.smallest_font_px(slide, figures.SLIDE_DPI) >= 20  # 15 pt: larger than the explorer's 11
    plt.close("all")


def test_the_notebook_figure_draws_no_slide_canvas(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("the notebook layout drew the slide layout")

    monkeypatch.setattr(timeline, "_plot_slide", refuse)
    monkeypatch.setattr(readouts, "_estimates_slide", refuse)
    monkeypatch.setattr(bargaining, "_plot_slide", refuse)
    from crisis_course.energy import slides as energy_slides

    for name in ("dependence", "economies", "prices", "eu_imports", "share_comparison"):
        monkeypatch.setattr(energy_slides, name, refuse)
    monkeypatch.setattr(prices, "_oil_rouble_slide", refuse)
    for name in ("05 timeline", "04 troop estimates", "07 stake line", "07 explorer picture (low)", "05 economies",
                 "06 dependence map and ranking", "06 annual prices", "06 EU imports", "06 three measures",
                 "05 oil and rouble", "06 monthly prices", "01 actor heatmap", "07 credibility"):
        fig = CHARTS[name]()
        assert tuple(fig.get_size_inches()) != figures.SLIDE_FIGSIZE
        plt.close(fig)


def test_a_figure_drawn_on_a_given_axes_carries_no_slide_layout_and_unknown_layouts_are_refused():
    _, ax = plt.subplots(figsize=(11, 6))
    assert getattr(timeline.plot(timeline.load(lessons=[6]), ax=ax), "_crisis_course_slide", None) is None
    _, ax = plt.subplots(figsize=(9.5, 3.9))
    assert getattr(bargaining.plot(ax=ax), "_crisis_course_slide", None) is None
    for call in (lambda: timeline.plot(timeline.load(lessons=[6]), layout="poster"),
                 lambda: readouts.estimates_chart(layout="poster"), lambda: bargaining.plot(layout="poster"),
                 lambda: energy.dependence_figure(layout="poster"), lambda: energy.price_chart(layout="poster"),
                 lambda: prices.gas_price_chart(layout="poster"), lambda: prices.oil_rouble_chart(layout="poster"),
                 lambda: textanalysis.plot_actor_mentions(layout="poster"),
                 lambda: bargaining.plot_credibility(layout="poster")):
        with pytest.raises(ValueError, match="layout"):
            call()
    plt.close("all")


def test_the_explorer_export_shows_the_slide_picture_without_notebook_only_text(monkeypatch):
    monkeypatch.delenv("CRISIS_COURSE_SLIDE_FIGURES", raising=False)
    html = bargaining.explorer(**SETTINGS)._repr_mimebundle_()
    html = (html[0] if isinstance(html, tuple) else html)["text/html"]
    assert "run the notebook to move the sliders" in html and "crisis-slide-figure" not in html
    monkeypatch.setenv("CRISIS_COURSE_SLIDE_FIGURES", "1")
    html = bargaining.explorer(**SETTINGS)._repr_mimebundle_()
    html = (html[0] if isinstance(html, tuple) else html)["text/html"]
    assert "run the notebook" not in html and "crisis-slide-figure" in html
    assert "60%" in html and "20%" in html and "15%" in html and "30%" in html and "50%" in html  # every value


def test_words_in_braces_are_left_out_on_slides_only(tmp_path):
    events = timeline.load()
    assert not events["event"].str.contains("[{}]").any() and not events["slide_event"].str.contains("[{}]").any()
    row = events[events["event"].str.startswith("US imposes its first sectoral sanctions")].iloc[0]
    assert row["event"].endswith("Gazprombank, Rosneft, Novatek") and row["slide_event"] == (
        "US imposes its first sectoral sanctions")
    header = "date,event,category,lessons,source\n"
    source = '"A source, Publisher, 1 January 2020"'
    bad = tmp_path / "timeline.csv"
    bad.write_text(header + f"2020-01-01,An event {{never closed,nato,3,{source}\n"
                   f"2020-01-02,{{Almost everything left}} out,nato,3,{source}\n"
                   f"2020-01-03,A fine {{short}} event here,nato,3,{source}\n", encoding="utf-8")
    problems = timeline.validate(bad)
    assert any("line 2" in p and "braces must come in pairs" in p for p in problems), problems
    assert any("line 3" in p and "three words" in p for p in problems), problems
    assert not any("line 4" in p for p in problems), problems


def test_a_line_is_as_wide_as_its_words_and_spaces():
    """The slide layout wraps labels by adding measured word widths; for every event of the course's
    timeline (and its date) that is the width of the whole line as drawn."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(10, 10, figures.SLIDE_DPI)
    for size in (11, 13):
        font = FontProperties(size=size)

        def width(text):
            return renderer.get_text_width_height_descent(text, font, ismath=False)[0]

        space = width("a a") - 2 * width("a")
        for _, ev in timeline.load().iterrows():
            line = f"{timeline._format_date(ev['date'])}: {ev['event']}"
            words = line.split()
            assert abs(sum(width(w) for w in words) + (len(words) - 1) * space - width(line)) < 1, line


# --------------------------------------------------------------------------------------------
# Every slide figure of every lesson is drawn from its chart's own slide layout (issue 20)
# --------------------------------------------------------------------------------------------

_SLIDE_IMG = re.compile(r"<img\b[^>]*\bclass=\"crisis-slide-figure\"[^>]*>")
_ALT = re.compile(r'\balt="([^"]*)"')


def _slide_figures(nb) -> list[tuple[str, str]]:
    """(cell id, img tag) of every slide figure in the executed notebook ``nb`` (cell outputs and
    widget pictures)."""
    return [(cell.get("id"), img) for cell in nb.cells for output in cell.get("outputs", [])
            for value in output.get("data", {}).values()
            for img in _SLIDE_IMG.findall(value if isinstance(value, str) else
                                          "".join(value) if isinstance(value, list) else "")]


def _slide_figures_without_layout(lesson: str, nb) -> list[str]:
    """'lesson, cell id: alt text' for each slide figure in the executed notebook ``nb`` that the
    shrink loop fitted instead of the chart's slide layout (no ``data-slide-layout="chart"``)."""
    import html as _html

    found = []
    for cell_id, img in _slide_figures(nb):
        if 'data-slide-layout="chart"' not in img:
            alt = _ALT.search(img)
            found.append(f"{lesson}, cell {cell_id}: {_html.unescape(alt.group(1))[:90] if alt else '(no alt text)'}")
    return sorted(set(found))


def test_a_chart_without_a_slide_layout_is_named_with_its_lesson_cell_and_alt_text(monkeypatch):
    """The check fails on a figure the shrink loop fitted (a chart without a layout) and passes on
    one drawn from its own layout."""
    import nbformat

    monkeypatch.setenv("CRISIS_COURSE_SLIDE_FIGURES", "1")
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3])
    plain = figures.show(fig, alt="A line chart without a slide layout.")
    marked = figures.show(bargaining.plot_credibility(mark=0.5), alt="The credibility chart.")
    nb = nbformat.v4.new_notebook()
    for k, shown in enumerate((plain, marked)):
        cell = nbformat.v4.new_code_cell("figures.show(...)", id=f"cell-{k}")
        data = shown._repr_mimebundle_()
        cell.outputs = [nbformat.v4.new_output("display_data", data=data)]
        nb.cells.append(cell)
    assert 'data-slide-layout="chart"' in marked._repr_mimebundle_()[figures.SLIDE_MIME]
    assert _slide_figures_without_layout("09_x.ipynb", nb) == [
        "09_x.ipynb, cell cell-0: A line chart without a slide layout."]
    # a widget's picture (to_html) is marked the same way
    assert 'data-slide-layout="chart"' in figures.to_html(bargaining.plot_credibility(), alt="x")
    fig, ax = plt.subplots()
    assert "data-slide-layout" not in figures.to_html(fig, alt="x")
    plt.close("all")


@pytest.mark.slow
def test_every_slide_figure_of_every_lesson_is_drawn_from_its_own_slide_layout():
    """The lessons executed as an export executes them (shared with test_export): every figure's
    slide version carries the mark of its chart's slide layout; the shrink loop is only the
    fallback for a chart an author adds later (this test then names it)."""
    import test_export

    done, errors = test_export.executed_lessons()
    assert not errors, errors
    assert done
    missing = [line for path, nb in done.items() for line in _slide_figures_without_layout(path.name, nb)]
    figures_seen = sum(len(_slide_figures(nb)) for nb in done.values())
    assert figures_seen >= 20, figures_seen  # the lessons' figures were drawn for slides at all
    assert missing == [], "slide figures without their chart's slide layout:\n" + "\n".join(missing)
