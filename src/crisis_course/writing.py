"""Open writing that the course keeps: a student's own summary, forecast or verdict.

A lesson asks with one line and a later lesson gives the text back::

    from crisis_course import writing
    writing.ask("orientation-summary", "In two or three sentences: what is the article about?")
    ...
    writing.show_mine(["orientation-summary", "article-forecast"])   # lesson 8

Texts are saved in the same progress file as the quizzes (section ``open_writing``), so a
reset of a quiz does not lose them. A student who has none (another computer, a reset) is
invited to write them there and then. Without a kernel (slides, handouts, the website) the
prompt shows as static HTML with room to write.
"""
from __future__ import annotations

import ipywidgets as widgets

from .quiz.markup import escape, render
from .quiz.progress import ProgressStore

__all__ = ["ask", "show_mine", "WritingBox", "PROMPTS"]

#: The open-writing prompts of the course: key -> (lesson, prompt). Lesson 8 gives them back.
PROMPTS = {
    "orientation-summary": (0, "In two or three sentences of your own: what is the article about, and what "
                               "does it say the two presidents wanted from the call?"),
    "article-forecast": (1, "Your forecast, as of 7 December 2021: what do you think happens next between "
                            "Russia, Ukraine and the West in the coming three months, and why?"),
}


class WritingBox:
    """A text area with a Save button; the text is saved under ``key`` in the progress file."""

    def __init__(self, key: str, prompt: str, rows: int = 5, progress=True, placeholder: str | None = None):
        self.key, self.prompt = key, prompt
        if progress is True:
            self.store: ProgressStore | None = ProgressStore()
        elif progress in (False, None):
            self.store = None
        else:
            self.store = progress if isinstance(progress, ProgressStore) else ProgressStore(progress)
        saved = None
        if self.store is not None:
            try:
                saved = self.store.writing(key)
            except Exception:  # noqa: BLE001 - an unreadable file must not stop the lesson
                saved = None
        self.label = widgets.HTML(value=f'<div class="crisis-writing-prompt">{render(prompt)}</div>')
        self.text = widgets.Textarea(value=saved or "", placeholder=placeholder or "Write here, then press Save.",
                                     rows=rows, layout=widgets.Layout(width="100%"))
        self.text.description_allow_html = False
        self.save_button = widgets.Button(description="Save", icon="save", tooltip="Save your text")
        self.status = widgets.HTML(value=self._status_text("Saved earlier: your text is back." if saved else ""))
        self.save_button.on_click(lambda _b: self.save())
        self.widget = widgets.VBox([self.label, self.text, widgets.HBox([self.save_button, self.status])])
        self.widget.add_class("crisis-writing")

    @staticmethod
    def _status_text(text: str) -> str:
        return f'<span role="status" aria-live="polite">{escape(text)}</span>'

    def save(self) -> bool:
        """Save the text; say in words whether it worked."""
        text = self.text.value
        if not text.strip():
            self.status.value = self._status_text("Nothing to save yet: write something first.")
            return False
        if self.store is None:
            self.status.value = self._status_text("Not saved (saving is off in this notebook).")
            return False
        ok = False
        try:
            ok = bool(self.store.save_writing(self.key, text))
        except Exception:  # noqa: BLE001
            ok = False
        self.status.value = self._status_text(
            "Saved." if ok else "Could not save your text (the progress folder cannot be written): "
                                "copy it somewhere safe.")
        return ok

    def to_html(self) -> str:
        return (f'<div class="crisis-writing" role="group" aria-label="Your own answer" '
                f'style="border:1px solid #888;padding:0.5em 0.8em;margin:0.5em 0">'
                f'<div>{render(self.prompt)}</div>'
                f'<div class="crisis-writing-space" style="min-height:5em;border-top:1px dashed #888;'
                f'margin-top:0.4em"><small>Space to write your answer.</small></div></div>')

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = dict(self.widget._repr_mimebundle_() or {})
        data["text/html"] = self.to_html()
        data["text/plain"] = f"<writing {self.key!r}>"
        return data


def ask(key: str, prompt: str | None = None, rows: int = 5, progress=True) -> WritingBox:
    """Ask for open writing saved under ``key`` (the prompt defaults to :data:`PROMPTS`)."""
    if prompt is None:
        if key not in PROMPTS:
            raise KeyError(f"no prompt for {key!r}: give one, or add it to writing.PROMPTS")
        prompt = PROMPTS[key][1]
    return WritingBox(key, prompt, rows=rows, progress=progress)


class _Mine:
    def __init__(self, keys, progress=True):
        self.boxes = []
        parts = []
        for key in keys:
            lesson, prompt = PROMPTS[key]
            box = WritingBox(key, f"**Lesson {lesson}:** {prompt}", progress=progress,
                             placeholder="You have no saved text for this one (another computer, or a reset): "
                                         "write it now, from memory, before you read on.")
            self.boxes.append(box)
            parts.append(box.widget)
        self.widget = widgets.VBox(parts)

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = dict(self.widget._repr_mimebundle_() or {})
        data["text/html"] = "".join(b.to_html() for b in self.boxes)
        data["text/plain"] = "<your earlier writing>"
        return data


def show_mine(keys=None, progress=True):
    """The student's own earlier writing (default: every prompt in :data:`PROMPTS`), each in an
    editable box; where there is none, an invitation to write it now."""
    return _Mine(list(keys) if keys is not None else list(PROMPTS), progress=progress)
