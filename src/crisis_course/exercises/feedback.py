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
import math
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
    "as_number",
    "as_int",
    "read_number",
    "as_str_list",
    "as_int_list",
    "as_series",
    "as_dataframe",
    "as_text",
    "as_figure",
    "close",
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


# ------------------------------------------------------------------------- converters ----

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


def as_number(value, name: str = "your answer", unit: str = "") -> float:
    """A finite number from an int, float, numpy scalar, one-element Series/list, or raise Wrong."""
    original = value
    if _is_dataframe(value) and value.size == 1:
        value = value.iloc[0, 0]
    elif (_is_series(value) or isinstance(value, (list, tuple))) and len(value) == 1:
        value = value.iloc[0] if _is_series(value) else value[0]
    if isinstance(value, bool):
        raise Wrong(f"{name} is `{value}`, a truth value, not a number.",
                    hint="Give the number itself, e.g. `42.5`.")
    if isinstance(value, str):
        try:
            float(value.replace(",", ""))
            raise Wrong(f"{name} is the text {value!r}, not a number.",
                        hint="Remove the quotation marks so Python sees a number: `38.7`, not `\"38.7\"`.")
        except ValueError:
            raise Wrong(f"{name} is the text {value!r}, not a number.",
                        hint="Compute the number with Python and assign it, e.g. `x = a / b`.") from None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise Wrong(f"{name} should be a single number{f' ({unit})' if unit else ''}, but it is "
                    f"{describe(original)}.",
                    hint="Pick the single value you need, e.g. with `.iloc[0]`, `.loc[...]` or `float(...)`.") from None
    if math.isnan(number):
        raise Wrong(f"{name} is NaN (not a number): the calculation used a missing value.",
                    hint="Check that the rows you picked exist (a filter that matches nothing gives NaN), "
                         "and that you used the right year and country code.")
    if math.isinf(number):
        raise Wrong(f"{name} is infinite: probably a division by zero.",
                    hint="Check the number you divide by.")
    return number


_UNIT_WORDS = re.compile(r"^(?:years?|yrs?|bcm|bn|billion|troops|soldiers|members|countries|cargoe?s?|"
                         r"ships?|a|per|day|times?|x|percent|per\s*cent|%)$", re.I)


def read_number(value, name: str = "your answer", unit: str = "") -> float:
    """A number from a no-code blank, read the way a person writes it.

    The blank is text between quotation marks (``"20 years"``, ``"175,000"``, ``"0,07"``, ``"12%"``,
    ``"about 10"``) or a number. Thousands separators (comma, space, apostrophe), a decimal comma,
    a percent sign and trailing unit words are allowed. Anything else raises :class:`Wrong` with a
    plain message (no programming terms): the no-code track never says tuple, float or dtype.
    """
    if isinstance(value, bool) or value is None:
        raise Wrong(f"{name} should be a number{f' ({unit})' if unit else ''}.",
                    hint="Type the number between the quotation marks, for example \"20\".")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, tuple) and len(value) > 1 and all(isinstance(v, int) for v in value):
        # 175,000 typed without quotation marks: Python reads it as (175, 0); put it back together
        if value[0] == 0 or not all(0 <= v <= 999 for v in value[1:]):
            raise Wrong(f"{name}: a comma outside quotation marks splits a number in two.",
                        hint="Keep the quotation marks and type the number between them, for example \"0.2\" "
                             "(a decimal point or a decimal comma are both fine inside the quotation marks).")
        number = float("".join([str(value[0])] + [f"{v:03d}" for v in value[1:]]))
    elif isinstance(value, str):
        number = _parse_written_number(value, name, unit)
    else:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise Wrong(f"{name} should be one number{f' ({unit})' if unit else ''}.",
                        hint="Type just the number between the quotation marks, for example \"20\".") from None
    if math.isnan(number) or math.isinf(number):
        raise Wrong(f"{name} is not a number I can read.", hint="Type the number between the quotation marks.")
    return number


def _parse_written_number(text: str, name: str, unit: str) -> float:
    t = text.strip().strip("\"'“”‘’`").strip().replace("\u2212", "-").replace("\u00a0", " ").replace("\u202f", " ")
    t = re.sub(r"^(?:about|around|approximately|roughly|circa|ca\.?|~|≈)\s*", "", t, flags=re.I)
    words = t.split()
    while len(words) > 1 and _UNIT_WORDS.match(words[-1].strip(".")):
        words.pop()
    t = " ".join(words).rstrip(".").rstrip("%").strip()
    t = re.sub(r"(?<=\d)[ '’](?=\d{3}\b)", "", t)          # 175 000, 175'000
    if re.fullmatch(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?", t):  # 175,000 or 1,234.5
        t = t.replace(",", "")
    elif re.fullmatch(r"[-+]?\d+,\d+", t):                    # 0,07 (decimal comma)
        t = t.replace(",", ".")
    elif re.fullmatch(r"[-+]?\d{1,3}(?:\.\d{3})+,\d+", t):     # 1.234,5
        t = t.replace(".", "").replace(",", ".")
    try:
        return float(t)
    except ValueError:
        pass
    if not t:
        raise Wrong(f"{name} is still empty.", hint="Type the number between the quotation marks.")
    short = text if len(text) <= 40 else text[:37] + "..."
    raise Wrong(f"I could not read a number in {short!r}.",
                hint=f"Type only the number{f' ({unit})' if unit else ''} between the quotation marks, "
                     "with digits, for example \"20\" or \"0.25\".")


def as_int(value, name: str = "your answer") -> int:
    number = as_number(value, name)
    if abs(number - round(number)) > 1e-9:
        raise Wrong(f"{name} should be a whole number, but it is {number:g}.",
                    hint="Count things (rows, items) rather than computing a share or an average.")
    return int(round(number))


def _items(value, name: str):
    """A list of items from list/tuple/set/Series/Index/array/one-column DataFrame/dict keys."""
    if isinstance(value, str):
        raise Wrong(f"{name} is one piece of text, {value!r}, not a list.",
                    hint="Put the items in a list: `[\"first\", \"second\"]` (a list with one item is fine).")
    if _is_dataframe(value):
        if value.shape[1] == 1:
            return list(value.iloc[:, 0])
        raise Wrong(f"{name} is {describe(value)}; a plain list is needed.",
                    hint="Pick one column and turn it into a list: `sorted(df[\"column\"])`.")
    if isinstance(value, dict):
        return list(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    try:
        return list(value)
    except TypeError:
        raise Wrong(f"{name} should be a list, but it is {describe(value)}.",
                    hint="Write the items in square brackets: `[a, b, c]`.") from None


def as_str_list(value, name: str = "your answer") -> list[str]:
    """A list of stripped strings (numbers and other items are turned into text)."""
    items = _items(value, name)
    out = []
    for item in items:
        if item is None or (isinstance(item, float) and math.isnan(item)):
            raise Wrong(f"{name} contains an empty value (None or NaN).",
                        hint="Drop empty entries, e.g. with `.dropna()` or a filter.")
        out.append(str(item).strip())
    return out


def as_int_list(value, name: str = "your answer") -> list[int]:
    """A list of whole numbers (``"5"`` and ``5.0`` are accepted as 5)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = [value]
    items = _items(value, name)
    out = []
    for item in items:
        try:
            number = float(str(item).strip())
        except ValueError:
            raise Wrong(f"{name} should contain numbers, but it contains {item!r}.",
                        hint="Give paragraph numbers as whole numbers, e.g. `[1, 5]`.") from None
        if math.isnan(number) or abs(number - round(number)) > 1e-9:
            raise Wrong(f"{name} should contain whole numbers, but it contains {item!r}.",
                        hint="Give paragraph numbers as whole numbers, e.g. `[1, 5]`.")
        out.append(int(round(number)))
    return out


def as_series(value, name: str = "your answer", what: str = "values"):
    """A pandas Series from a Series, dict, two-column DataFrame (labels, values) or one-column
    DataFrame; raise Wrong otherwise."""
    import pandas as pd

    if _is_series(value):
        return value
    if isinstance(value, dict):
        return pd.Series(value)
    if _is_dataframe(value):
        if value.shape[1] == 1:
            return value.iloc[:, 0]
        if value.shape[1] == 2:
            return value.set_index(value.columns[0]).iloc[:, 0]
        raise Wrong(f"{name} is {describe(value)}; one column of {what} is needed.",
                    hint="Pick the column you need: `df[\"column\"]` gives a Series.")
    raise Wrong(f"{name} should be a pandas Series of {what} (one value per label), but it is "
                f"{describe(value)}.",
                hint="A table column (`df[\"column\"]`) or the result of `.sum()`, `.size()` or "
                     "`.value_counts()` is a Series.")


def as_dataframe(value, name: str = "your answer", columns=()):
    """The DataFrame itself, checking that ``columns`` are present; raise Wrong otherwise."""
    if not _is_dataframe(value):
        hint = "Keep it as a table (a pandas DataFrame), e.g. the result of a filter `df[df[...] ...]`."
        if _is_series(value):
            hint = "You have one column (a Series); keep the whole table, or use `.to_frame()` / `.reset_index()`."
        raise Wrong(f"{name} should be a table (a pandas DataFrame), but it is {describe(value)}.", hint=hint)
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise Wrong(f"{name} has no column {', '.join(f'`{c}`' for c in missing)} "
                    f"(its columns: {', '.join(f'`{c}`' for c in value.columns) or 'none'}).",
                    hint="Keep (or add) the columns the task names; check the spelling.")
    return value


def as_text(value, name: str = "your answer") -> str:
    if not isinstance(value, str):
        raise Wrong(f"{name} should be text (a string in quotation marks), but it is {describe(value)}.",
                    hint='Write your sentences between triple quotation marks: `"""My answer ..."""`.')
    return value.strip()


def as_figure(value, name: str = "fig"):
    """A matplotlib Figure (a figures.show(...) result is recognised and explained)."""
    try:
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover
        raise Wrong("matplotlib is not available.") from None
    if isinstance(value, Figure):
        return value
    if type(value).__name__ == "_FigureDisplay":
        raise Wrong(f"{name} is what `figures.show(...)` returns (a picture for the screen), not the figure.",
                    hint="Keep the Figure in `fig` (e.g. `fig, ax = plt.subplots()`), and call "
                         "`figures.show(fig, alt=...)` as a separate, last line.")
    if type(value).__name__ in ("Axes", "AxesSubplot"):
        return value.figure
    raise Wrong(f"{name} should be a matplotlib Figure, but it is {describe(value)}.",
                hint="Create it with `fig, ax = plt.subplots()` and draw on `ax`.")


def close(a: float, b: float, rel: float = 0.01, abs_: float = 1e-9) -> bool:
    """True when ``a`` and ``b`` agree within ``rel`` (relative) or ``abs_`` (absolute)."""
    return abs(a - b) <= max(abs_, rel * max(abs(a), abs(b)))
