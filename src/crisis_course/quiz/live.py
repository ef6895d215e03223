"""What the live quiz is drawn with: its style sheet (:data:`QUIZ_CSS`), the :class:`LiveRegion`
widget (a status region screen readers announce; Enter in a text box checks; the quiz's keys
kept from JupyterLab's shortcuts) and the feedback box (:func:`feedback_box`).

Used by :mod:`crisis_course.quiz.widgets`, which re-exports these names.
"""
from __future__ import annotations

import ipywidgets as widgets

from .markup import escape

__all__ = ["QUIZ_CSS", "LiveRegion", "feedback_box", "FEEDBACK_WORDS"]

#: the word and symbol each kind of feedback starts with (never colour alone)
FEEDBACK_WORDS = {
    "correct": "✓ Correct.",
    "wrong": "✗ Not quite.",
    "invalid": "⚠ Check your answer.",
    "answer": "ℹ Answer.",
    "hint": "💡 Hint.",
}

#: The live quiz's look: every colour comes from JupyterLab's theme variables (Light, Dark, high
#: contrast; the fallbacks are for front ends without them), with a forced-colors rule (Windows high
#: contrast) and a strong focus ring. Scoped to ``.crisis-quiz-live`` so static copies are untouched.
QUIZ_CSS = """<style>
/* Crisis course live quiz styles (JupyterLab theme variables) */
.crisis-quiz-live { color: var(--jp-ui-font-color1, #1a1a1a); background: var(--jp-layout-color1, #ffffff);
  border: 1px solid var(--jp-border-color1, #767676); border-radius: 4px; padding: 0.4em 0.8em;
  font-size: var(--jp-content-font-size1, 14px); max-width: 100%; box-sizing: border-box; }
.crisis-quiz-live .cq-title { font-weight: bold; font-size: 1.15em; color: var(--jp-ui-font-color1, #1a1a1a); }
.crisis-quiz-live .cq-meta, .crisis-quiz-live .cq-score { font-size: 0.95em; color: var(--jp-ui-font-color1, #1a1a1a); }
.crisis-quiz-live .cq-score { margin: 0 1em; }
.crisis-quiz-live .cq-prompt, .crisis-quiz-live .cq-prompt * { color: var(--jp-content-font-color1, #1a1a1a); }
.crisis-quiz-live .cq-prompt a, .crisis-quiz-live .cq-box a { color: var(--jp-content-link-color, #0b57d0); text-decoration: underline; }
.crisis-quiz-live .crisis-quiz-question { border: 1px solid var(--jp-border-color1, #767676); border-radius: 4px;
  background: var(--jp-layout-color1, #ffffff); }
.crisis-quiz-live .widget-html-content, .crisis-quiz-live .cq-live { white-space: normal; overflow-wrap: anywhere; }
.crisis-quiz-live .cq-box { border-left: 4px solid var(--jp-border-color1, #767676); padding: 0.3em 0.8em; margin: 0.3em 0;
  color: var(--jp-ui-font-color1, #1a1a1a); background: var(--jp-layout-color2, #f3f3f3); line-height: 1.4; }
.crisis-quiz-live .cq-box * { color: inherit !important; }
.crisis-quiz-live .cq-box a { color: var(--jp-content-link-color, #0b57d0) !important; }
.crisis-quiz-live .cq-correct { border-left-color: var(--jp-success-color1, #0b6e0b); }
.crisis-quiz-live .cq-wrong { border-left-color: var(--jp-error-color1, #b00020); }
.crisis-quiz-live .cq-invalid { border-left-color: var(--jp-warn-color1, #8a5a00); }
.crisis-quiz-live .cq-answer, .crisis-quiz-live .cq-hint { border-left-color: var(--jp-brand-color1, #0b57d0); }
.crisis-quiz-live .cq-keys { margin: 0.2em 0 0.4em 0; padding-left: 2.2em; line-height: 1.4; }
.crisis-quiz-live .cq-keys li { margin: 0.1em 0; }
.crisis-quiz-live .cq-row { flex-wrap: wrap; align-items: center; gap: 0.2em 0.6em; height: auto; }
.crisis-quiz-live .cq-choice.widget-dropdown { width: auto; max-width: 100%; height: auto; flex-wrap: wrap; }
.crisis-quiz-live .cq-choice.widget-dropdown > .widget-label { white-space: normal; overflow: visible;
  text-overflow: clip; height: auto; line-height: 1.3; max-width: 100%; }
.crisis-quiz-live .cq-choice.widget-dropdown > select { flex: 0 0 5.5em; width: 5.5em; }
.crisis-quiz-live .cq-echo { flex: 1 1 12em; min-width: 0; height: auto; }
.crisis-quiz-live .cq-echo .widget-html-content { line-height: 1.35; }
.crisis-quiz-live .cq-buttons { flex-wrap: wrap; align-items: center; gap: 0.2em; height: auto; }
.crisis-quiz-live .cq-note { font-size: 0.9em; font-style: italic; color: var(--jp-ui-font-color1, #1a1a1a); }
.crisis-quiz-live .widget-radio-box label, .crisis-quiz-live .widget-checkbox label,
.crisis-quiz-live .widget-checkbox .widget-label-basic { white-space: normal; height: auto; line-height: 1.35; }
.crisis-quiz-live .widget-radio-box label { margin: 0.15em 0; }
.crisis-quiz-live .widget-checkbox { height: auto; }
.crisis-quiz-live .jupyter-button.mod-primary { background: var(--jp-brand-color0, #0b57d0); color: #ffffff; }
.crisis-quiz-live button:focus-visible, .crisis-quiz-live input:focus-visible, .crisis-quiz-live select:focus-visible,
.crisis-quiz-live textarea:focus-visible, .crisis-quiz-live [tabindex]:focus-visible {
  outline: 3px solid var(--jp-brand-color1, #0b57d0) !important; outline-offset: 2px !important; }
@media (forced-colors: active) {
  .crisis-quiz-live, .crisis-quiz-live .crisis-quiz-question, .crisis-quiz-live .cq-box { forced-color-adjust: auto;
    border-color: CanvasText; }
  .crisis-quiz-live .cq-box { border-left-width: 6px; }
  .crisis-quiz-live button:focus-visible, .crisis-quiz-live input:focus-visible, .crisis-quiz-live select:focus-visible {
    outline: 3px solid Highlight !important; }
}
</style>"""

try:  # a feedback area that stays one element in the page (screen readers announce its updates)
    import anywidget
    import traitlets

    class LiveRegion(anywidget.AnyWidget):
        """An HTML area whose ``role="status"`` element is created once, when the view is rendered,
        and whose content is replaced on every update, so screen readers announce each new message
        (a live region created together with its content is often not announced). ``value`` is HTML,
        as in ``widgets.HTML``; callers escape what they put in it."""

        _esm = """
        function render({ model, el }) {
          el.classList.add('cq-live');
          const region = document.createElement('div');
          region.setAttribute('role', 'status');
          region.setAttribute('aria-live', 'polite');
          region.setAttribute('aria-atomic', 'true');
          region.className = 'cq-live-region';
          el.appendChild(region);
          const update = () => { region.innerHTML = model.get('value'); };
          update();
          // Keys pressed on the quiz's own controls belong to them: without this, JupyterLab's
          // notebook shortcuts take arrows and letters (an arrow on a dropdown would move to the
          // next cell, "D, D" would delete the cell). Lumino skips shortcuts for a key pressed on an
          // element that carries data-lm-suppress-shortcuts, so every control of the quiz gets it.
          let tries = 0;
          const mark = (quiz) => quiz.querySelectorAll('select, input, button, textarea').forEach(
            c => { if (!c.hasAttribute('data-lm-suppress-shortcuts')) c.setAttribute('data-lm-suppress-shortcuts', 'true'); });
          const guard = () => {
            const quiz = el.closest('.crisis-quiz-live');
            if (!quiz) { if (tries++ < 100) setTimeout(guard, 100); return; }
            mark(quiz);
            if (!quiz._cqGuard) {
              quiz._cqGuard = new MutationObserver(() => mark(quiz));
              quiz._cqGuard.observe(quiz, {childList: true, subtree: true});
            }
          };
          guard();
          // Enter in the question's text box checks the answer. The box's value travels with the
          // message: ipywidgets may still hold back the last keystrokes' update when Enter comes.
          let waits = 0;
          const hookEnter = () => {
            if (!model.get('enter_checks')) return;
            const box = el.closest('.crisis-quiz-question');
            if (!box) { if (waits++ < 100) setTimeout(hookEnter, 100); return; }
            if (box._cqEnter) return;
            box._cqEnter = (e) => {
              const t = e.target;
              if (e.key !== 'Enter' || e.isComposing || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
              if (!(t instanceof HTMLInputElement) || t.type !== 'text') return;
              model.send({event: 'submit', value: t.value});
            };
            box.addEventListener('keydown', box._cqEnter, true);  // capture: the text view stops keydown
          };
          hookEnter();
          model.on('change:value', update);
          return () => model.off('change:value', update);
        }
        export default { render };
        """
        value = traitlets.Unicode("").tag(sync=True)
        #: send {"event": "submit", "value": ...} when Enter is pressed in a text box of its question
        enter_checks = traitlets.Bool(False).tag(sync=True)
        live = True
except ImportError:  # pragma: no cover - anywidget is a dependency; plain HTML still shows everything
    class LiveRegion(widgets.HTML):
        live = False



def feedback_box(kind: str, body: str) -> str:
    """Feedback HTML: a word and a symbol (never colour alone), theme colours, a coloured left border.
    It goes into a :class:`LiveRegion`, which is the one ``role="status"`` element."""
    return f'<div class="cq-box cq-{kind}"><strong>{escape(FEEDBACK_WORDS[kind])}</strong> {body}</div>'
