"""Feedback from an exercise check: "not attempted yet", "correct", or what is wrong and a hint.

Every check function in :mod:`crisis_course.exercises.check` returns a :class:`Feedback`. In
Jupyter it shows as a coloured box (the colour is never the only cue: a symbol and a word say the
same thing); in a terminal it prints as text. ``bool(feedback)`` is True only when correct.

Check functions are written with two helpers from this module:

* the :func:`task` decorator, which turns a function that *raises* :class:`Wrong` (or returns
  a message) into one that always *returns* a :class:`Feedback`: it reports "not attempted yet"
  while the answers are still the placeholder ``...``, and it turns any unexpected error
  (a wrong type or shape the check did not foresee) into friendly feedback instead of a
  traceback. A check never raises.
* the ``as_*`` converters (:func:`as_number`, :func:`as_str_list`, :func:`as_series`, ...), which
  accept the reasonable shapes an answer can take (list, tuple, set, Series, one-column
  DataFrame, dict ...) and raise :class:`Wrong` with a hint for the others.
"""
from __future__ import annotations

import contextlib
import functools
import html
import inspect
import re
from dataclasses import dataclass, field

__all__ = [
    "CORRECT",
    "INCORRECT",
    "NOT_ATTEMPTED",
    "PLACEHOLDER",
    "Feedback",
    "Wrong",
    "task",
    "text_blank",
    "is_placeholder",
    "describe",
]

CORRECT = "correct"
INCORRECT = "incorrect"
NOT_ATTEMPTED = "not_attempted"

#: The placeholder the exercise notebooks leave in place of a solution: Python's Ellipsis.
PLACEHOLDER = ...

_STYLE = {
    # status: (symbol, heading word, border colour (Okabe-Ito), background)
    CORRECT: ("✓", "Correct", "#009E73", "#EEF8F4"),
    INCORRECT: ("✗", "Not yet", "#D55E00", "#FDF1EA"),
    NOT_ATTEMPTED: ("○", "Not attempted yet", "#6B6B6B", "#F4F4F4"),
}


@dataclass
class Feedback:
    """The result of checking one task.

    ``status`` is :data:`CORRECT`, :data:`INCORRECT` or :data:`NOT_ATTEMPTED`; ``message`` says
    what was found, ``hint`` what to try next (empty when correct), ``notes`` any extra lines.
    """

    task: str
    status: str
    message: str
    hint: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    @property
    def attempted(self) -> bool:
        return self.status != NOT_ATTEMPTED

    def __bool__(self) -> bool:
        return self.correct

    def text(self) -> str:
        symbol, word, _, _ = _STYLE[self.status]
        lines = [f"{symbol} Task {self.task}: {word}. {self.message}".rstrip()]
        if self.hint:
            lines.append(f"Hint: {self.hint}")
        lines.extend(self.notes)
        return "\n".join(lines)

    __str__ = text

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        symbol, word, border, background = _STYLE[self.status]
        parts = [
            f'<div class="crisis-check crisis-check-{self.status}" role="status" '
            f'style="border-left:6px solid {border};background:{background};color:#111;'
            f'padding:0.5em 0.8em;margin:0.3em 0;line-height:1.45">',
            f'<strong><span aria-hidden="true">{symbol}</span> Task {html.escape(self.task)}: '
            f"{word}.</strong> {_inline(self.message)}",
        ]
        if self.hint:
            parts.append(f"<br><strong>Hint:</strong> {_inline(self.hint)}")
        for note in self.notes:
            parts.append(f"<br>{_inline(note)}")
        parts.append("</div>")
        return "".join(parts)


class LiveFeedback(Feedback):
    """Feedback on a choice widget's answer, shown in the check cell so that the widget's **Check**
    button can update it: the check cell never keeps a stale "Not yet" after a right click."""

    def _ipython_display_(self):
        from IPython.display import display

        plain = Feedback(self.task, self.status, self.message, self.hint, list(self.notes))
        handle = display(plain, display_id=True)
        for choice in getattr(self, "_choices", []):
            _safe(lambda c=choice: c._register_check_output(handle))


def _live(widgets, originals, *fields) -> LiveFeedback:
    live = LiveFeedback(*fields)
    live._choices = [originals[name] for name in widgets]
    return live


def _inline(text: str) -> str:
    """Escape ``text`` for HTML and show `backticked` parts as code."""
    escaped = html.escape(str(text))
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


class Wrong(Exception):
    """Raised inside a check to report a wrong answer: ``Wrong(message, hint)``."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


def describe(value) -> str:
    """A short description of what a value is, for messages ("a list of 3 items", "text" ...)."""
    try:
        import pandas as pd

        if isinstance(value, pd.DataFrame):
            cols = ", ".join(f"`{c}`" for c in list(value.columns)[:8])
            more = "..." if value.shape[1] > 8 else ""
            return f"a DataFrame with {value.shape[0]} rows and columns {cols}{more}"
        if isinstance(value, pd.Series):
            return f"a Series of {len(value)} values"
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    if value is None:
        return "`None`"
    if value is ...:
        return "the placeholder `...`"
    if isinstance(value, bool):
        return f"the truth value `{value}`"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {short!r}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, dict):
        return f"a dict with {len(value)} entries"
    if isinstance(value, (list, tuple, set, frozenset)):
        return f"a {type(value).__name__} of {len(value)} items"
    kind = type(value).__name__
    return f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}"


_NONE_HINT = ("A value of `None` often means a function that changes something in place or only "
              "prints: `df.sort_values(..., inplace=True)` and `print(...)` both give `None`. "
              "Assign the result instead, e.g. `result = df.sort_values(...)`.")


def is_placeholder(value) -> bool:
    """True for the placeholder ``...`` and for a starter template that still holds only
    placeholders, such as ``{"Mr": ..., "Mr.": ...}`` or ``[..., ...]``."""
    if value is ...:
        return True
    if isinstance(value, dict) and value:
        return all(v is ... for v in value.values())
    if isinstance(value, (list, tuple)) and value:
        return all(v is ... for v in value)
    return False


#: An answer with more items (rows, list entries) than this is refused at once: the course's largest
#: table has under 1,400 rows, so no task's answer comes near it, and checking it would take long.
MAX_ITEMS = 20_000
#: Seconds a check may run before it gives up with a message (main thread, POSIX only).
TIME_LIMIT = 20.0


class _CheckTimeout(BaseException):
    """Raised by the timer inside a check that runs too long (a BaseException, so that a
    check's own ``except Exception`` cannot swallow it)."""


def _safe(fn, default=""):
    """``fn()``, or ``default`` if it raises (for describing odd objects in messages)."""
    try:
        return fn()
    except Exception:  # noqa: BLE001 - an object whose __str__/__len__ raises
        return default


def _bounded(value, name: str):
    """``value`` made safe to check: an iterator or generator becomes a list of at most
    :data:`MAX_ITEMS` items; a sized answer with more items than that is refused.

    Returns ``(value, problem)``: ``problem`` is a :class:`Feedback` message tuple or None.
    """
    if isinstance(value, (str, bytes, bytearray, int, float, bool)) or value is None or value is ...:
        return value, None
    import itertools

    is_iterator = _safe(lambda: hasattr(value, "__next__") and iter(value) is value, False)
    if is_iterator:
        try:
            items = list(itertools.islice(value, MAX_ITEMS + 1))
        except Exception as exc:  # noqa: BLE001 - a generator that fails while running
            return value, (f"`{name}` is an iterator that failed while it was read "
                           f"({type(exc).__name__}: {_safe(lambda e=exc: str(e))[:200]}).",
                           "Make a list instead: `[... for ... in ...]` or `list(...)`.")
        if len(items) > MAX_ITEMS:
            return value, (f"`{name}` is an endless (or very long) iterator: it gave more than {MAX_ITEMS:,} "
                           "items and was still going.",
                           "Make a list of the items the task asks for, e.g. `[... for ... in ...]`.")
        return items, None
    size = _safe(lambda: len(value), None)
    if isinstance(size, int) and size > MAX_ITEMS:
        rows = "rows" if _is_dataframe(value) or _is_series(value) else "items"
        return value, (f"`{name}` has {size:,} {rows}: far more than the answer to this task, so it was not "
                       "checked.",
                       "Check your filter or selection: the task asks for a short table or list.")
    return value, None


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise :class:`_CheckTimeout` in the main thread after ``seconds`` (POSIX; else no limit).

    Only when no other SIGALRM handler is installed, so it never steals someone else's timer.
    """
    import signal
    import threading

    usable = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
              and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
              and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))
    if not usable:
        yield
        return

    def on_alarm(_signum, _frame):
        raise _CheckTimeout()

    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


#: What a student may leave in a text blank and still not have answered: empty quotation marks, the
#: dots of a placeholder ("...", "…") and spaces. Dots at either end of a typed answer are dropped too.
_BLANK_FILL = re.compile(r"^(?:\s|\.{3,}|…)+|(?:\s|\.{3,}|…)+$")


def text_blank(value):
    """A text blank's answer without placeholder dots and spaces at its ends ("...Samorukov" ->
    "Samorukov"); ``""`` when nothing was typed. Anything but text is returned unchanged."""
    if not isinstance(value, str):
        return value
    return _BLANK_FILL.sub("", value)


def task(task_id: str, answers: int | None = None, text: dict | None = None):
    """Decorator for a check function.

    ``text`` names the answers that are **text blanks**, pre-filled in the notebook with empty
    quotation marks (``quoted_person = ""``), each with what to type there:
    ``{"quoted_person": "a surname (for example Smith)"}``. A text blank left empty (or holding
    only ``...``) is "not attempted yet", with a hint that says what to type between the quotation
    marks; dots left around a typed answer are dropped (:func:`text_blank`) before the check sees it.

    The first ``answers`` positional parameters (default: all parameters without a default
    value) are the student's answers. The decorated function:

    * returns "not attempted yet" when every answer is still the placeholder ``...`` (or a
      template holding only placeholders, see :func:`is_placeholder`), and names the ones still
      missing when only some are;
    * reports a ``None`` answer as wrong with a hint about ``inplace=True`` and ``print``;
    * turns :class:`Wrong` into incorrect feedback, a returned string into correct feedback
      with that message, and a returned :class:`Feedback` through unchanged;
    * never raises: a call with the wrong number of arguments or an error inside the check
      becomes feedback that says so.
    """

    def decorate(fn):
        sig = inspect.signature(fn)
        params = list(sig.parameters.values())
        n = answers if answers is not None else sum(
            1 for p in params if p.default is inspect.Parameter.empty
            and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))
        names = [p.name for p in params[:n]]
        call = f"check.task_{task_id.replace('.', '_')}({', '.join(names)})"

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                bound = sig.bind(*args, **kwargs)
            except TypeError as exc:
                return Feedback(task_id, INCORRECT, f"The check was called the wrong way ({exc}).",
                                hint=f"Call it exactly as written in the notebook: `{call}`.")
            bound.apply_defaults()
            widgets = set()
            originals = dict(bound.arguments)
            for name in names:  # a choice widget (nocode.Choice) stands for the option chosen in it
                v = bound.arguments.get(name, ...)
                unwrap = _safe(lambda v=v: getattr(type(v), "__crisis_answer__", None), None)
                if unwrap is not None:
                    bound.arguments[name] = _safe(lambda v=v: v.__crisis_answer__(), ...)
                    widgets.add(name)
            for name in (text or {}):   # a text blank: strip placeholder dots; empty means untouched
                if isinstance(bound.arguments.get(name), str):
                    bound.arguments[name] = text_blank(bound.arguments[name])
            values = [bound.arguments.get(name, ...) for name in names]
            empty = [name for name, v in zip(names, values) if name in (text or {}) and isinstance(v, str) and v == ""]
            if empty:
                name = empty[0]
                return Feedback(task_id, NOT_ATTEMPTED,
                                f"`{name}` is still empty: nothing is typed between its quotation marks.",
                                hint=f"Type {text[name]} between the quotation marks after `{name} =` in the "
                                     "cell above; run that cell (Shift+Enter), then run this one again.")
            missing = [name for name, v in zip(names, values) if is_placeholder(v)]
            if missing and widgets and len(missing) == len(names):
                return _live(widgets, originals, task_id, NOT_ATTEMPTED,
                                "Nothing chosen yet (the answer is still `...`). Click an option above and "
                                "press Check, or write the letter of your choice, e.g. `my_choice = \"B\"`, "
                                "then run this cell again.")
            if missing and len(missing) == len(names):
                quoted = [f"`{m}`" for m in missing]
                what = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
                verb = "is" if len(missing) == 1 else "are"
                return Feedback(task_id, NOT_ATTEMPTED,
                                f"{what} {verb} still `...`. Replace the `...` in the cell above with "
                                "your answer, run that cell (Shift+Enter), then run this one again.")
            if missing:
                what = ", ".join(f"`{m}`" for m in missing)
                return Feedback(task_id, NOT_ATTEMPTED,
                                f"Partly done: {what} {'is' if len(missing) == 1 else 'are'} still `...`.",
                                hint="Give every answer in the cell above, then run this check again.")
            nones = [name for name, v in zip(names, values) if v is None]
            if nones:
                return Feedback(task_id, INCORRECT, f"`{nones[0]}` is `None`, not an answer.", hint=_NONE_HINT)
            for name, v in zip(names, values):   # bound every answer: endless iterators, huge tables
                safe, problem = _bounded(v, name)
                if problem is not None:
                    return Feedback(task_id, INCORRECT, problem[0], hint=problem[1])
                if safe is not v:
                    bound.arguments[name] = safe
            try:
                with _time_limit(TIME_LIMIT):
                    result = fn(*bound.args, **bound.kwargs)
            except _CheckTimeout:
                return Feedback(task_id, INCORRECT,
                                f"The check gave up after {TIME_LIMIT:g} seconds: your answer is much larger "
                                "or odder than the task's answer.",
                                hint="Print your answer in a new cell and compare it with what the task asks for.")
            except Wrong as exc:
                return Feedback(task_id, INCORRECT, _safe(lambda e=exc: str(e.message), "Not the expected answer."),
                                hint=_safe(lambda e=exc: str(e.hint)))
            except Exception as exc:  # a shape or type the check did not foresee: never raise
                kinds = "; ".join(f"`{name}` is {_safe(lambda v=v: describe(v), 'an object')}"
                                  for name, v in zip(names, values))
                detail = _safe(lambda e=exc: str(e), "")[:300]
                return Feedback(task_id, INCORRECT,
                                f"Your answer could not be checked ({type(exc).__name__}: {detail}). {kinds}.",
                                hint="Compare what your answer is with what the task asks for (a number, "
                                     "a list, a table ...); print it in a new cell to see it.")
            if not isinstance(result, Feedback):
                result = Feedback(task_id, CORRECT, str(result or "Well done."))
            if widgets:   # the widget's Check button updates this feedback where the check cell shows it
                return _live(widgets, originals, result.task, result.status, result.message, result.hint,
                             list(result.notes))
            return result

        wrapper.task_id = task_id
        wrapper.answer_names = names
        wrapper.text_blanks = dict(text or {})
        return wrapper

    return decorate


def _is_dataframe(value) -> bool:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        return False
    return isinstance(value, pd.DataFrame)


def _is_series(value) -> bool:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        return False
    return isinstance(value, pd.Series)


# ------------------------------------------------------------------------- converters ----
# Reading a student's answer (numbers as typed, lists, tables, figures) lives in .answers; its
# names stay importable from here (``from .feedback import as_number``) without an import cycle.
_ANSWER_NAMES = frozenset(['_UNIT_WORDS', '_is_dataframe', '_is_series', '_items', '_parse_written_number', 'as_dataframe', 'as_figure', 'as_int', 'as_int_list', 'as_number', 'as_series', 'as_str_list', 'as_text', 'close', 'read_number'])


def __getattr__(name: str):
    if name in _ANSWER_NAMES:
        from . import answers

        return getattr(answers, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
