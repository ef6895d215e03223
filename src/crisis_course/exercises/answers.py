"""Reading a student's answer in an exercise check: numbers as a novice types them ("175,000",
"0,07", "20 years", "1030%"), whole numbers, lists, pandas Series and DataFrames, text and figures.
Each converter raises :class:`~.feedback.Wrong` with a plain message (no programming terms in the
no-code track) instead of an exception; :mod:`.feedback` re-exports these names."""
from __future__ import annotations

import math
import re

__all__ = ["as_number", "read_number", "as_int", "as_str_list", "as_int_list", "as_series", "as_dataframe",
           "as_text", "as_figure", "close"]

from .feedback import Wrong, _is_dataframe, _is_series, describe


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
    if type(value).__name__ == "Chart" and type(value).__module__ == "crisis_course.figure_cache":
        return value.figure  # a course chart function's result in a notebook: its Figure
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
