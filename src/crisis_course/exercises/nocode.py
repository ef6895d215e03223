"""The no-code track: tasks a student who has never programmed can do; the choice widget.

Three kinds of task, all in prepared cells:

* **fill one blank**: every blank is pre-filled with empty quotation marks, ``my_answer = ""`` (or
  triple quotation marks for sentences), and the student types a number, a word or a sentence
  between them; numbers are read as people write them (:func:`.feedback.read_number`);
* **change one value and read the result**: a prepared cell has one setting (``as_of = "2021-12-07"``);
  the student changes it, runs the cell, and writes down what it shows;
* **choose** with :func:`choose`: radio buttons and a **Check** button (ipywidgets). The check runs
  on click and its feedback appears under the buttons; nothing is saved to quiz progress. Where
  widgets do not run (a static HTML page, a PDF, slides), the same options are shown as a lettered
  list and the student writes the letter instead: ``my_choice = "B"``.

Task ids use letters (``1.a``, ``1.b`` ...) so they never clash with the coding tasks (``1.1`` ...),
which follow as "Going further".

This module holds the choice widget and the choice check; the options and feedback of each choice
task are in :mod:`.choice_tasks`, the checks of every no-code task in :mod:`.nocode_checks`. Every
number a check expects is computed from the course data at run time (article, timeline, NATO members, readouts, World Bank, Eurostat, bargaining model); the
answers to choice tasks are judgements the lesson teaches, and where an option quotes a number,
the number is computed too.
"""
from __future__ import annotations

import html
import re

from .choice_tasks import CHOICE_TASKS
from .feedback import Wrong

__all__ = ["Choice", "choose", "options_for", "check_choice", "CHOICE_TASKS", "LETTERS"]

LETTERS = "ABCDEFGH"


# --------------------------------------------------------------------- the widget ----

class Choice:
    """A multiple-choice answer: ``value`` is the chosen option's text, or ``...`` until chosen.

    Pass it to the task's check like any answer (``check.task_1_b(my_choice)``); the checks unwrap it.
    """

    def __init__(self, task_id: str, options, value=...):
        self.task_id = task_id
        self.options = [str(o) for o in options]
        self.value = value
        self._widget = None
        self._check_outputs = []   # display handles of the check cell(s) that showed this answer

    def _register_check_output(self, handle):
        if handle is not None:
            self._check_outputs = (self._check_outputs + [handle])[-3:]

    # the check decorator asks for the answer itself
    def __crisis_answer__(self):
        return self.value

    def _check(self):
        from .check import TASKS

        return TASKS[self.task_id](self.value)

    def _static_html(self) -> str:
        items = "".join(f"<li><strong>{L}.</strong> {html.escape(o)}"
                        + (" <strong>(chosen)</strong>" if o == self.value else "") + "</li>"
                        for L, o in zip(LETTERS, self.options))
        return (f'<div class="crisis-choice"><p><strong>Task {html.escape(self.task_id)}: choose one.</strong> '
                "If you see no buttons, write the letter of your choice in this cell, e.g. "
                "<code>my_choice = \"B\"</code>, and run the check cell below.</p>"
                f'<ol type="A" style="list-style:none;padding-left:0.5em">{items}</ol></div>')

    def _build(self):
        import ipywidgets as w

        labels = [f"{L}. {o}" for L, o in zip(LETTERS, self.options)]
        radio = w.RadioButtons(options=labels, value=None, layout=w.Layout(width="auto"),
                               description="", style={"description_width": "0px"})
        if self.value is not ... and self.value in self.options:
            radio.value = labels[self.options.index(self.value)]
        button = w.Button(description="Check", tooltip=f"Check task {self.task_id}", button_style="")
        out = w.Output()

        def on_pick(change):
            if change["new"] is not None:
                self.value = self.options[labels.index(change["new"])]

        def on_click(_):
            out.clear_output()
            with out:
                from IPython.display import display

                feedback = self._check()
                display(feedback)
            for handle in self._check_outputs:   # the check cell below shows the same result, never a stale one
                try:
                    handle.update(feedback)
                except Exception:  # noqa: BLE001 - an output that no longer exists
                    pass

        radio.observe(on_pick, names="value")
        button.on_click(on_click)
        return w.VBox([radio, button, out])

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": self._text(), "text/html": self._static_html()}
        try:
            if self._widget is None:
                self._widget = self._build()
            widget_bundle = self._widget._repr_mimebundle_(include=include, exclude=exclude) or {}
            if isinstance(widget_bundle, tuple):
                widget_bundle = widget_bundle[0]
            bundle.update({k: v for k, v in widget_bundle.items() if k != "text/plain"})
        except Exception:  # noqa: BLE001 - no ipywidgets or no kernel: the static list is the fallback
            pass
        return bundle

    def _text(self) -> str:
        lines = [f"Task {self.task_id}: choose one (write the letter, e.g. my_choice = \"B\")"]
        lines += [f"  {L}. {o}" for L, o in zip(LETTERS, self.options)]
        if self.value is not ...:
            lines.append(f"Chosen: {self.value}")
        return "\n".join(lines)

    __repr__ = _text


def choose(task_id: str, options=None, value=...) -> Choice:
    """Radio buttons and a Check button for a choice task (static lettered list as fallback).

    ``options`` default to the task's own (:func:`options_for`); ``value`` preselects an option
    (used by the worked solutions). Nothing is saved to quiz progress.
    """
    options = list(options if options is not None else options_for(task_id))
    if isinstance(value, str) and len(value.strip().rstrip(".")) == 1:   # a letter: the option it names
        letter = value.strip().rstrip(".").upper()
        if letter in LETTERS[:len(options)]:
            value = options[LETTERS.index(letter)]
    return Choice(task_id, options, value)


def _resolve(task_id: str, value) -> int:
    """The index of the chosen option: its text, or its letter ("B", "b", "B.")."""
    options = options_for(task_id)
    if isinstance(value, Choice):
        value = value.value
    if not isinstance(value, str):
        raise Wrong(f"Your choice should be one option: its letter in quotation marks, e.g. \"B\" (you gave "
                    f"{type(value).__name__}).", hint="Click an option above and press Check, or write "
                                                       "`my_choice = \"B\"` with the letter you choose.")
    text = value.strip()
    letter = text.rstrip(".").upper()
    if len(letter) == 1 and letter in LETTERS[:len(options)]:
        return LETTERS.index(letter)
    norm = [" ".join(o.lower().split()) for o in options]
    key = " ".join(re.sub(r"^[A-Ha-h][.)]\s+", "", text).lower().split())
    if key in norm:
        return norm.index(key)
    raise Wrong(f"{text[:40]!r} is not one of the options.",
                hint=f"Write only the letter of the option you choose, one of {', '.join(LETTERS[:len(options)])}: "
                     "`my_choice = \"B\"`.")


def options_for(task_id: str) -> list[str]:
    """The options of a choice task (computed: some quote numbers from the data)."""
    return list(CHOICE_TASKS[task_id][0]())


def check_choice(task_id: str, value) -> str:
    """Check a choice task: the message when right, else raise :class:`Wrong` with the option's feedback."""
    _, right, feedback = CHOICE_TASKS[task_id]
    index = _resolve(task_id, value)
    right_index, message = right()
    if index == right_index:
        return message
    fb = feedback(index) if callable(feedback) else feedback.get(index)
    msg, hint = fb if fb else ("That is not the best answer.", "Read the options again.")
    raise Wrong(f"{LETTERS[index]}: {msg}", hint=hint)


_check_choice = check_choice   # the old private name


def __getattr__(name: str):
    """The no-code checks moved to :mod:`.nocode_checks`; ``nocode.task_1_a`` still finds them."""
    if name.startswith("task_") or name == "FOUNDING_ACT":
        from . import nocode_checks

        return getattr(nocode_checks, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
