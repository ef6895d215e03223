"""The dependence explorer: a year slider redrawing the map and bar chart (live JupyterLab only)."""
from __future__ import annotations

from .charts import dependence_alt_text, dependence_figure
from .definitions import EUROSTAT_SOURCE, YEARS
from .tables import _eu_share, dependence_table

#: The explorer's pictures drawn this session, by (year, min_imports_twh): the figure depends
#: only on the shipped data, and drawing one takes about a second.
_PICTURES: dict[tuple[int, float], str] = {}


def dependence_explorer(start: int = 2020, min_imports_twh: float = 1.0):
    """An ipywidgets year slider (2011-2020) that redraws the map and the ranked bar chart.

    The figure is shown in an HTML widget as an image with alt text (no Output widget, so it
    behaves the same in JupyterLab and in headless test runs). For live use in JupyterLab; in
    exported HTML and slides widgets do not run, so lessons also show :func:`dependence_figure`.
    """
    import ipywidgets as w

    from crisis_course.theme import explorer_text, slider_names

    slider = w.IntSlider(value=start, min=YEARS[0], max=YEARS[-1], step=1, description="Year",
                         continuous_update=False, layout=w.Layout(width="60%"))
    caption = w.HTML()
    picture = w.HTML()

    def redraw(*_):
        year = slider.value
        t = dependence_table(year, min_imports_twh)
        key = (year, float(min_imports_twh))
        if key not in _PICTURES:  # each year is drawn once a session: going back, or re-running the cell, is instant
            _PICTURES[key] = _picture(year, min_imports_twh)
        # text and picture change together (drawn first: the text never names a year the map does not show)
        caption.value = explorer_text(f"<p><strong>{year}</strong>: EU27 members' imports from Russia as a share of all "
                         f"their imports (including trade between members) {_eu_share(year):.1f}%; "
                         f"{len(t)} reporting countries shown; starred and hatched: reporting artefacts.</p>")
        picture.value = explorer_text(_PICTURES[key])

    slider.observe(redraw, names="value")
    redraw()
    return _Explorer(w.VBox([slider, caption, picture] + [x for x in [slider_names()] if x is not None]))


#: The explorer's pictures are drawn at this resolution; the lesson's static figure (drawn
#: by figures.show at STATIC_DPI) is reused for its year, shown at the same width.
DPI, STATIC_DPI = 80, 110


def _picture(year: int, min_imports_twh: float) -> str:
    """The HTML picture of ``year``: the one the lesson's :func:`dependence_figure` cell already
    drew when there is one (the explorer starts on that year), else drawn here."""
    import os

    from crisis_course import figures
    from crisis_course.figure_cache import Chart

    alt = dependence_alt_text(year, min_imports_twh)
    drawn = figures.shown(("energy.dependence_figure", year, float(min_imports_twh)), STATIC_DPI)
    fig = None
    if drawn is None:
        fig = dependence_figure(year, min_imports_twh)
        if isinstance(fig, Chart):  # in a kernel: the lesson's picture of that year, from the figure cache
            drawn = fig.picture(STATIC_DPI)
    if drawn is not None and os.environ.get("CRISIS_COURSE_SLIDE_FIGURES") != "1":
        png, font = drawn
        width = round(figures._png_size(png)[0] * DPI / STATIC_DPI)
        return figures.figure_html(png, alt, source=EUROSTAT_SOURCE, min_font_px=font, width=width)
    if fig is None:
        fig = dependence_figure(year, min_imports_twh)
    return figures.to_html(fig, alt=alt, source=EUROSTAT_SOURCE, dpi=DPI)


class _Explorer:
    """Wraps the explorer's widget so that static exports (HTML, slides) show a short note
    instead of an empty widget: live JupyterLab renders the widget, nbconvert the HTML."""

    FALLBACK = ("<p><em>Interactive year slider (2011-2020) for the map and bar chart. It works when "
                "the notebook runs in JupyterLab; in this static copy, see the 2020 chart above.</em></p>")

    def __init__(self, widget):
        self.widget = widget

    @property
    def children(self):
        return self.widget.children

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = dict(self.widget._repr_mimebundle_() or {})
        data["text/html"] = self.FALLBACK
        data["text/plain"] = "Dependence explorer: a year slider (2011-2020) redrawing the map and bar chart."
        return data
