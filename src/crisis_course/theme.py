"""Colours of the course's live widgets, taken from JupyterLab's theme.

JupyterLab Light, Dark and high-contrast themes define CSS variables (``--jp-ui-font-color1``,
``--jp-layout-color1``, ``--jp-brand-color1`` ...). Text written into ipywidgets HTML widgets with a
hard-coded dark colour disappears on the Dark theme; these rules use the variables instead (with
light fallbacks for front ends that lack them) and a ``forced-colors`` rule for Windows high
contrast. The quiz has its own sheet (:data:`crisis_course.quiz.widgets.QUIZ_CSS`).
"""
from __future__ import annotations

__all__ = ["EXPLORER_CSS", "explorer_text", "slider_names"]

#: for the explorers' text (captions, help, explanations): put it once in one of their HTML widgets
EXPLORER_CSS = """<style>
/* Crisis course explorer styles (JupyterLab theme variables) */
.crisis-explorer-text, .crisis-explorer-text p, .crisis-explorer-text figcaption, .crisis-explorer-text small {
  color: var(--jp-ui-font-color1, #1a1a1a) !important; }
.crisis-explorer-text { background: transparent; line-height: 1.4; max-width: 100%; overflow-wrap: anywhere; }
.crisis-explorer-text img { max-width: 100%; height: auto; background: #ffffff; }
@media (forced-colors: active) {
  .crisis-explorer-text, .crisis-explorer-text * { forced-color-adjust: auto; color: CanvasText; }
}
</style>"""


def explorer_text(html: str) -> str:
    """``html`` wrapped so that it takes the theme's text colour (the stylesheet included)."""
    return f'{EXPLORER_CSS}<div class="crisis-explorer-text">{html}</div>'


_SLIDER_NAMES_ESM = """
function render({ model, el }) {
  el.style.display = 'none';
  let tries = 0;
  const name = (s) => { const l = s.querySelector('.widget-label'); return (l && l.textContent.trim()) || 'value'; };
  const fix = (box) => box.querySelectorAll('.widget-slider').forEach(s => s.querySelectorAll('[role="slider"]')
      .forEach(h => { if (!h.getAttribute('aria-label')) h.setAttribute('aria-label', name(s)); }));
  const start = () => {
    const box = el.parentElement;
    if (!box || !box.querySelector('[role="slider"]')) { if (tries++ < 100) setTimeout(start, 100); return; }
    fix(box);
    new MutationObserver(() => fix(box)).observe(box, {childList: true, subtree: true});
  };
  start();
}
export default { render };
"""


def slider_names():
    """An invisible widget to put in a box of sliders: it gives each slider handle (ipywidgets 8
    renders them as ``role="slider"`` elements with no accessible name) its description as name.
    Returns None when anywidget is missing (nothing else changes)."""
    try:
        import anywidget
    except ImportError:  # pragma: no cover
        return None

    class SliderNames(anywidget.AnyWidget):
        _esm = _SLIDER_NAMES_ESM

    return SliderNames()
