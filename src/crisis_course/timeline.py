"""The course timeline: one sourced CSV file (``content/timeline.csv``) and its chart.

Columns of the file (an instructor can edit it in any spreadsheet):

``date``      ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when only that is known
``event``     one short sentence; words in braces are left out where room is short (slides):
              ``US imposes its first sectoral sanctions{: no new long-term debt for VEB}``
``category``  one of :data:`CATEGORIES`
``lessons``   space-separated lesson numbers that use the row, e.g. ``2 4 8``
``source``    title, publisher, date

:func:`load` adds ``when`` (a Timestamp: the first day of the month/year for partial dates),
``precision`` (``day``, ``month`` or ``year``), ``after_cutoff`` (True for events after the
article's date, 2021-12-07: hindsight) and ``slide_event`` (the event without its words in braces;
``event`` keeps them, without the braces). :func:`validate` reports every bad row by line number.
"""
from __future__ import annotations

import csv
import html
import re
from importlib import resources
from pathlib import Path

from crisis_course import course as _course
from crisis_course import figure_cache

__all__ = ["CATEGORIES", "CUTOFF", "TimelineError", "path", "validate", "load", "plot", "table"]

CUTOFF = _course.load().cutoff.isoformat()  # the manifest's knowledge cutoff

#: Category -> (label, colour from the Okabe-Ito palette, marker).
CATEGORIES = {
    "ukraine_russia": ("Ukraine and Russia", "#0072B2", "o"),
    "nato": ("NATO", "#009E73", "s"),
    "buildup": ("Military build-up", "#D55E00", "^"),
    "diplomacy": ("Diplomacy", "#CC79A7", "D"),
    "sanctions": ("Sanctions", "#E69F00", "v"),
    "energy": ("Energy", "#56B4E9", "P"),
    "war": ("War", "#000000", "X"),
}

_COLUMNS = ["date", "event", "category", "lessons", "source"]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


#: An event text: words outside braces and pairs of braces around words (not nested).
_BRACES = re.compile(r"[^{}]*(\{[^{}]*\}[^{}]*)*")


def _tidy(text: str) -> str:
    return re.sub(r"\s+([,;:.)])", r"\1", re.sub(r"\s+", " ", text)).strip()


def _full_event(text: str) -> str:
    """The event as the notebook shows it: the braces dropped, their words kept."""
    return _tidy(text.replace("{", "").replace("}", ""))


def _short_event(text: str) -> str:
    """The event where room is short (slides): the words in braces left out."""
    return _tidy(re.sub(r"\{[^{}]*\}", " ", text))


class TimelineError(ValueError):
    """The timeline file is malformed; the message names the file and the line."""


def path() -> Path:
    return Path(str(resources.files("crisis_course") / "content" / "timeline.csv"))


def _read_rows(file: Path) -> list[dict]:
    try:
        with open(file, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames is None or [c.strip() for c in reader.fieldnames] != _COLUMNS:
                raise TimelineError(f"{file.name}: header must be {','.join(_COLUMNS)} "
                                    f"(found {','.join(reader.fieldnames or [])})")
            rows = []
            for row in reader:
                row["_line"] = reader.line_num
                rows.append(row)
            return rows
    except FileNotFoundError:
        raise TimelineError(f"{file}: timeline file is missing") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise TimelineError(f"{file.name}: cannot be read as UTF-8 CSV ({exc})") from None


def validate(file: str | Path | None = None) -> list[str]:
    """Return a list of problems in the timeline file (empty when it is fine)."""
    from .safeyaml import validate_with

    return validate_with(_read_rows, _row_problems, TimelineError, file, path)


def _row_problems(rows: list[dict], file: Path) -> list[str]:
    import pandas as pd

    problems = []
    seen = set()
    for row in rows:
        where = f"{file.name} line {row['_line']}"
        extra = row.get(None)
        if extra:
            problems.append(f"{where}: too many fields (quote fields that contain commas)")
            continue
        date = (row.get("date") or "").strip()
        if not _DATE.match(date):
            problems.append(f"{where}: field 'date': {date!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
        else:
            try:
                pd.Timestamp(date if len(date) == 10 else (date + "-01" if len(date) == 7 else date + "-01-01"))
            except ValueError:
                problems.append(f"{where}: field 'date': {date!r} is not a real date")
        event = (row.get("event") or "").strip()
        if not event:
            problems.append(f"{where}: field 'event' is empty")
        elif not _BRACES.fullmatch(event):
            problems.append(f"{where}: field 'event': braces must come in pairs, not nested: {{words left out on "
                            "slides}")
        elif len(_short_event(event).split()) < 3:
            problems.append(f"{where}: field 'event': leave at least three words outside the braces")
        if (row.get("category") or "").strip() not in CATEGORIES:
            problems.append(f"{where}: field 'category': {row.get('category')!r} is not one of "
                            f"{', '.join(CATEGORIES)}")
        lessons = (row.get("lessons") or "").split()
        if not lessons or not all(x.isdigit() and 0 <= int(x) <= 8 for x in lessons):
            problems.append(f"{where}: field 'lessons': {row.get('lessons')!r} must be lesson numbers 0-8 "
                            "separated by spaces")
        if len((row.get("source") or "").strip()) < 10:
            problems.append(f"{where}: field 'source' is missing or too short (give title, publisher, date)")
        key = (date, (row.get("event") or "").strip().lower())
        if key in seen:
            problems.append(f"{where}: duplicate event {key[1]!r} on {date}")
        seen.add(key)
    return problems


def load(lessons=None, categories=None, start=None, end=None, file=None):
    """The timeline as a DataFrame sorted by date, optionally filtered.

    ``lessons``: a lesson number or a list of them (rows used by any of them);
    ``categories``: a category or list; ``start``/``end``: dates (inclusive) like ``"2014-01-01"``.
    Raises :class:`TimelineError` (naming file and line) when the file is malformed.
    """
    import pandas as pd

    file = Path(file) if file else path()
    rows = _read_rows(file)  # raises TimelineError for a missing or unreadable file
    problems = _row_problems(rows, file)
    if problems:
        raise TimelineError("; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""))
    df = pd.DataFrame([{k: (v or "").strip() for k, v in r.items() if k in _COLUMNS} for r in rows],
                      columns=_COLUMNS)
    df["slide_event"] = df["event"].map(_short_event)
    df["event"] = df["event"].map(_full_event)
    df["precision"] = df["date"].str.len().map({10: "day", 7: "month", 4: "year"})
    df["when"] = pd.to_datetime(df["date"].where(df["precision"] == "day",
                                                 df["date"].where(df["precision"] == "month", df["date"] + "-01") + "-01"))
    df["lessons"] = df["lessons"].str.split().map(lambda xs: [int(x) for x in xs])
    df["after_cutoff"] = df["when"] > pd.Timestamp(CUTOFF)
    if lessons is not None:
        wanted = {lessons} if isinstance(lessons, int) else set(lessons)
        df = df[df["lessons"].map(lambda xs: bool(wanted & set(xs)))]
    if categories is not None:
        wanted_c = {categories} if isinstance(categories, str) else set(categories)
        df = df[df["category"].isin(wanted_c)]
    if start is not None:
        df = df[df["when"] >= pd.Timestamp(start)]
    if end is not None:
        df = df[df["when"] <= pd.Timestamp(end)]
    return df.sort_values("when", kind="stable").reset_index(drop=True)


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def _mark_hindsight(events, mark_hindsight) -> bool:
    """Label later events "(hindsight)" only where they are the exception: a lesson written from
    hindsight (most events after the cutoff) does not repeat the word on every row."""
    if mark_hindsight is not None:
        return bool(mark_hindsight)
    after = int(events["after_cutoff"].sum())
    return 0 < after and after * 2 < len(events)


def _time_ticks(tmin, tmax):
    """Tick dates for the time axis: years, every 2/5/10 years, or months for short spans."""
    import pandas as pd

    days = (tmax - tmin).days
    if days <= 500:
        ticks = pd.date_range(tmin.to_period("M").to_timestamp(), tmax, freq="MS")
        step = 1 if days <= 200 else 2 if days <= 400 else 3
        return [t for i, t in enumerate(ticks) if i % step == 0 and tmin <= t <= tmax], "%b %Y"
    years = tmax.year - tmin.year
    step = 1 if years <= 8 else 2 if years <= 16 else 5 if years <= 40 else 10
    first = tmin.year + (-tmin.year) % step
    ticks = [pd.Timestamp(f"{y}-01-01") for y in range(first, tmax.year + 1, step)]
    return [t for t in ticks if tmin <= t <= tmax], "%Y"


@figure_cache.chart
def plot(events, title: str = "", ax=None, label_width: int = 48, mark_hindsight: bool | None = None,
         layout: str = "notebook"):
    """Draw events on a real time axis, each with its date and label in a readable column.

    The left axis is to scale (the distance between two markers is the time between them), with a
    dashed line at the 7 December 2021 cutoff when the events reach it; each marker is joined by a
    thin line to its row on the right, where the date and the event are written (rows are evenly
    spaced so labels never overlap). Events after the cutoff are drawn hollow inside a dashed ring,
    and labelled "(hindsight)" where they are the exception (``mark_hindsight``: True, False or
    None for that automatic choice). Returns the matplotlib Figure.

    ``layout="slide"`` draws the same events for a projector (see :func:`_plot_slide`); with the
    default layout the figure carries that version for slide exports (``figures.for_slides``).
    """
    if layout == "slide":
        return _plot_slide(events, title, mark_hindsight)
    if layout != "notebook":
        raise ValueError(f"layout must be 'notebook' or 'slide', not {layout!r}")
    import matplotlib.pyplot as plt
    import pandas as pd
    from matplotlib.lines import Line2D

    own_figure = ax is None
    n = len(events)
    mark = _mark_hindsight(events, mark_hindsight) if n else False
    labels = [_wrap(f"{_format_date(ev['date'])}: " + ev["event"]
                    + (" (hindsight)" if ev["after_cutoff"] and mark else ""), label_width)
              for _, ev in events.iterrows()]
    # each row is one unit high, plus half a unit per label line beyond two, so labels never overlap
    heights = [1.0 + 0.5 * max(0, label.count("\n") - 1) for label in labels]
    span = sum(heights)
    if ax is None:
        fig, ax = plt.subplots(figsize=(11, max(2.8, 0.45 * span + 1.4)))
    else:
        fig = ax.figure
    if n == 0:
        ax.text(0.5, 0.5, "No events", ha="center", va="center")
        ax.axis("off")
        return fig
    ys, top = [], span
    for h in heights:
        ys.append(top - h / 2 - 0.5)
        top -= h
    when = pd.to_datetime(events["when"]).tolist()
    cutoff = pd.Timestamp(CUTOFF)
    tmin, tmax = min(when), max(when)
    if tmax == tmin:
        tmin, tmax = tmin - pd.Timedelta(days=30), tmax + pd.Timedelta(days=30)
    lo, hi = -0.5, span - 0.5

    def y_of(t):  # earliest at the top, like the rows
        return hi - (t - tmin) / (tmax - tmin) * (hi - lo)

    axis_x, row_x = 0.0, 0.55
    ax.plot([axis_x, axis_x], [lo, hi], color="#555555", lw=1.5, zorder=1)
    ticks, fmt = _time_ticks(tmin, tmax)
    for t in ticks:
        ax.plot([axis_x - 0.04, axis_x], [y_of(t)] * 2, color="#555555", lw=1)
        ax.text(axis_x - 0.07, y_of(t), t.strftime(fmt), ha="right", va="center", fontsize=11, color="#222222")
    show_cutoff = tmin <= cutoff <= tmax
    if show_cutoff:
        yc = y_of(cutoff)
        ax.plot([axis_x - 0.3, row_x - 0.05], [yc, yc], color="#b00020", lw=1.5, ls=(0, (4, 2)), zorder=2)
    used = []
    for y, label_text, t, (_, ev) in zip(ys, labels, when, events.iterrows()):
        label, colour, marker = CATEGORIES.get(ev["category"], ("Other", "#999999", "o"))
        if ev["category"] not in used:
            used.append(ev["category"])
        hollow = bool(ev["after_cutoff"])
        yt = y_of(t)
        ax.plot([axis_x, row_x - 0.04], [yt, y], color="#aaaaaa", lw=0.8, zorder=1)
        # the event's two markers (on the axis, at its label) in one collection: drawn in the
        # same order as two, at the cost of one
        ax.scatter([axis_x, row_x - 0.04], [yt, y], s=60, marker=marker, zorder=3,
                   facecolor="white" if hollow else colour, edgecolor=colour, linewidth=2)
        if hollow:  # a dashed ring too: a hollow "+" or "x" alone is hard to tell from a filled one
            ax.scatter([row_x - 0.04], [y], s=230, marker="o", zorder=2, facecolor="none", edgecolor="#333333",
                       linewidth=1.2, linestyle=(0, (2, 1.5)))
        ax.text(row_x + 0.06, y, label_text, ha="left", va="center", fontsize=11, color="#111111")
    ax.set_xlim(-0.75, 4.2)
    ax.set_ylim(-0.9, span - 0.1)
    ax.axis("off")
    handles = [Line2D([], [], marker=CATEGORIES[c][2], color=CATEGORIES[c][1], linestyle="", markersize=8,
                      label=CATEGORIES[c][0]) for c in used]
    if show_cutoff:
        handles.append(Line2D([], [], color="#b00020", lw=1.5, ls=(0, (4, 2)),
                              label="7 Dec 2021: the article's date"))
    if events["after_cutoff"].any():
        handles.append(Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor="#333333",
                              linestyle="", markersize=14, markeredgewidth=1.2,
                              label="after 7 Dec 2021" + (" (hindsight)" if mark else "") + ": hollow, ringed"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=min(3, len(handles)),
              frameon=False, fontsize=11)
    if title:
        ax.set_title(title, fontsize=14, loc="left")
    fig.tight_layout()
    if own_figure:
        from functools import partial

        from .figures import for_slides

        fig = for_slides(fig, partial(plot, events, title=title, label_width=label_width,
                                      mark_hindsight=mark_hindsight, layout="slide"))
    return fig



#: Text sizes (points) of the slide layout: at 100 dpi on a 900x450 canvas shown at natural size,
#: 11 pt is 15 px on a 1280x720 screen (``figures.SLIDE_MIN_PT``).
_SLIDE_SIZES = {"title": 14, "label": 11, "tick": 11, "legend": 11}
#: Line spacing of a wrapped label on a slide (matplotlib's default is 1.2): short lines, rows
#: apart by their markers and a gap.
_SLIDE_LINESPACING = 1.1


def _legend_handles(used, show_cutoff, any_after, mark):
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker=CATEGORIES[c][2], color=CATEGORIES[c][1], linestyle="", markersize=8,
                      label=CATEGORIES[c][0]) for c in used]
    if show_cutoff:
        handles.append(Line2D([], [], color="#b00020", lw=1.5, ls=(0, (4, 2)),
                              label="7 Dec 2021: the article's date"))
    if any_after:
        handles.append(Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor="#333333",
                              linestyle="", markersize=14, markeredgewidth=1.2,
                              label="after 7 Dec 2021" + (" (hindsight)" if mark else "") + ": hollow, ringed"))
    return handles


def _wrap_px(text: str, width: float, measure) -> list[str]:
    """``text`` in lines no wider than ``width`` pixels (a word longer than that keeps its line)."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and measure(trial) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + [line] if line else lines


def _split_columns(heights: list[float], k: int, gap: float) -> list[int]:
    """Where to cut ``heights`` (rows in time order) into ``k`` consecutive columns so that the
    tallest column is as short as possible: the start index of each column."""
    import itertools

    n = len(heights)
    best, best_cuts = None, None
    for cuts in itertools.combinations(range(1, n), k - 1):
        bounds = (0, *cuts, n)
        tallest = max(sum(heights[a:b]) + gap * (b - a - 1) for a, b in zip(bounds, bounds[1:]))
        if best is None or tallest < best:
            best, best_cuts = tallest, bounds[:-1]
    return list(best_cuts)


def _plot_slide(events, title: str, mark_hindsight):
    """The timeline for a projector: the same events, markers, dates, labels and legend as the
    notebook's figure, drawn on ``figures.SLIDE_FIGSIZE`` with no text under ``SLIDE_MIN_PT``.

    A to-scale time strip runs across the top (each event's marker at its date, the dashed
    7 December 2021 line), and the events are listed below it in time order, each with its marker,
    date and label wrapped to the column, in as few columns as fit (two or three for a long
    timeline: read the left column, then the next). Everything stays inside the canvas; when the
    list cannot fit under the strip, the strip is left out (the dates are in every row)."""
    import matplotlib.pyplot as plt
    import pandas as pd

    from .figures import SLIDE_DPI, SLIDE_FIGSIZE, SLIDE_MIN_PT

    sizes = {k: max(v, SLIDE_MIN_PT) for k, v in _SLIDE_SIZES.items()}
    W, H = SLIDE_FIGSIZE[0] * SLIDE_DPI, SLIDE_FIGSIZE[1] * SLIDE_DPI
    M = 12  # margin in px (the PNG's tight bounding box adds 10 px of padding around what is drawn)
    fig = plt.figure(figsize=SLIDE_FIGSIZE, dpi=SLIDE_DPI)
    # data coordinates are the canvas's pixels; the axes (part of the tight bounding box even when
    # hidden) keep a margin, so the PNG is at most 900x450 px with the 10-px padding
    ax = fig.add_axes((M / W, M / H, 1 - 2 * M / W, 1 - 2 * M / H))
    ax.set_xlim(M, W - M)
    ax.set_ylim(M, H - M)
    ax.axis("off")
    n = len(events)
    if n == 0:
        ax.text(W / 2, H / 2, "No events", ha="center", va="center", fontsize=sizes["label"])
        return fig
    mark = _mark_hindsight(events, mark_hindsight)
    labels, short = ([f"{_format_date(ev['date'])}: " + ev[column] + (" (hindsight)" if ev["after_cutoff"] and mark else "")
                      for _, ev in events.iterrows()] for column in ("event", "slide_event" if "slide_event" in events else "event"))
    when = pd.to_datetime(events["when"]).tolist()
    cutoff = pd.Timestamp(CUTOFF)
    tmin, tmax = min(when), max(when)
    if tmax == tmin:
        tmin, tmax = tmin - pd.Timedelta(days=30), tmax + pd.Timedelta(days=30)
    show_cutoff = tmin <= cutoff <= tmax
    used = list(dict.fromkeys(events["category"]))
    styles = [CATEGORIES.get(c, ("Other", "#999999", "o")) for c in events["category"]]
    hollow = [bool(x) for x in events["after_cutoff"]]

    renderer = fig.canvas.get_renderer()
    top = H - M
    if title:
        t = ax.text(M, top, title, ha="left", va="top", fontsize=sizes["title"])
        top -= t.get_window_extent(renderer).height + 8

    # the legend at the bottom: the categories in one row, the two line styles in another (a row
    # that is too wide for the canvas is split)
    entries = _legend_handles([c for c in used if c in CATEGORIES], show_cutoff, any(hollow), mark)
    rows = [r for r in (entries[:len(used)], entries[len(used):]) if r]
    bottom = M
    while rows:
        row = rows.pop()
        legend = fig.legend(handles=row, loc="lower center", bbox_to_anchor=(0.5, bottom / H), ncol=len(row),
                            frameon=False, fontsize=sizes["legend"], borderaxespad=0, columnspacing=1.2,
                            handletextpad=0.4, borderpad=0.2)
        box = legend.get_window_extent(renderer)
        if box.width > W - 2 * M and len(row) > 1:
            legend.remove()
            rows += [row[:len(row) // 2], row[len(row) // 2:]][::-1]
            continue
        bottom += box.height
    bottom += 8

    # measuring the labels: a block of n lines is first + (n - 1) x step high (per point of font size)
    probe = ax.text(0, 0, "Ag", fontsize=sizes["label"], linespacing=_SLIDE_LINESPACING)
    first11 = probe.get_window_extent(renderer).height / sizes["label"]
    probe.set_text("Ag\nAg")
    line11 = probe.get_window_extent(renderer).height / sizes["label"] - first11
    probe.remove()
    props, widths = {}, {}  # one font per size; each word measured once per size

    def word_width(word, size):
        if (word, size) not in widths:
            if size not in props:  # text measurements are cached by font: never change one in place
                props[size] = probe.get_fontproperties().copy()
                props[size].set_size(size)
            widths[word, size] = renderer.get_text_width_height_descent(word, props[size], ismath=False)[0]
        return widths[word, size]

    def measure(text, size):
        """The width of a line: its words and spaces measured apart (the same as the whole line for
        every event in the course's timeline, tests/test_chart_slides.py)."""
        words = text.split()
        space = word_width("a a", size) - 2 * word_width("a", size)
        return sum(word_width(w, size) for w in words) + (len(words) - 1) * space

    marker_w = 28
    strip_h = 2.6 * line11 * sizes["tick"] + 8
    # the 7 December 2021 line also runs between the last row up to that day and the next row
    split = sum(t <= cutoff for t in when) if show_cutoff else None

    def arrange(texts, k, size, room, gap_lines=0.3):
        line = line11 * size
        # between rows; around the dashed line (the two rows it runs between stay 0.6 lines apart)
        gap, cut = gap_lines * line, (0.6 - gap_lines) * line
        col_w = (W - 2 * M) / k
        wrapped = [_wrap_px(text, col_w - marker_w - 10, lambda t: measure(t, size)) for text in texts]
        heights = [first11 * size + line * (len(w) - 1) for w in wrapped]
        if split is not None:  # room for the dashed line: above row `split`, or below the last row
            heights[min(split, n - 1)] += cut
        starts = _split_columns(heights, k, gap) if k > 1 else [0]
        bounds = [*starts, n]
        tallest = max(sum(heights[a:b]) + gap * (b - a - 1) for a, b in zip(bounds, bounds[1:]))
        return tallest <= room, (col_w, wrapped, heights, bounds, size, line, gap, cut)

    # the full labels, else the short ones (``{...}`` in the file's event left out); fewest columns
    # first, with the time strip if it fits, the largest text that fits
    variants = [labels] + ([short] if short != labels else [])
    plan = None
    for texts in variants:
        for with_strip, k in ((True, 1), (True, 2), (False, 1), (False, 2), (True, 3), (False, 3)):
            for size in range(sizes["label"] + 2, sizes["label"] - 1, -1):
                fits, candidate = arrange(texts, k, size, top - bottom - (strip_h if with_strip else 0))
                if fits:
                    plan = candidate
                    break
            if plan:
                break
        if plan:
            break
    if plan is None:  # a long list (lessons 5 and 8): no strip, the rows closer together
        with_strip = False
        for gap_lines in (0.25, 0.2, 0.15, 0.1):
            fits, plan = arrange(variants[-1], 3, sizes["label"], top - bottom, gap_lines)
            if fits:
                break
        # still too long (never in the course's lessons): drawn, and the rows run into the legend
    col_w, wrapped, heights, bounds, size, line, gap, cut = plan

    if with_strip:  # the to-scale time strip
        y0, x0, x1 = top - 0.5 * line11 * sizes["tick"] - 6, 70.0, W - 70.0

        def x_of(t):
            return x0 + (t - tmin) / (tmax - tmin) * (x1 - x0)

        ax.plot([x0, x1], [y0, y0], color="#555555", lw=1.5, zorder=1)
        ticks, fmt = _time_ticks(tmin, tmax)
        while len(ticks) > 1 and sum(measure(tk.strftime(fmt), sizes["tick"]) + 20 for tk in ticks) > x1 - x0:
            ticks = ticks[::2]
        for tk in ticks:
            # the year under the markers, clear of them (a marker reaches about 7 px below the axis)
            ax.plot([x_of(tk)] * 2, [y0 - 9, y0], color="#555555", lw=1)
            ax.text(x_of(tk), y0 - 12, tk.strftime(fmt), ha="center", va="top", fontsize=sizes["tick"],
                    color="#222222")
        if show_cutoff:
            ax.plot([x_of(cutoff)] * 2, [y0 - 12, y0 + 12], color="#b00020", lw=1.5, ls=(0, (4, 2)), zorder=2)
        for t, (_, colour, marker), empty in zip(when, styles, hollow):
            ax.scatter([x_of(t)], [y0], s=60, marker=marker, zorder=3, facecolor="white" if empty else colour,
                       edgecolor=colour, linewidth=2)
        top -= strip_h

    for c, (a, b) in enumerate(zip(bounds, bounds[1:])):
        x, y = M + c * col_w, top
        for i in range(a, b):
            _, colour, marker = styles[i]
            if i == split or (i == n - 1 and split == n):
                yc = y - cut / 2 if i == split else y - heights[i] + cut / 2
                if i == split:
                    y -= cut
                ax.plot([x, x + col_w - 12], [yc, yc], color="#b00020", lw=1.5, ls=(0, (4, 2)), zorder=2)
            ym = y - first11 * size / 2
            ax.scatter([x + 12], [ym], s=60, marker=marker, zorder=3, facecolor="white" if hollow[i] else colour,
                       edgecolor=colour, linewidth=2)
            if hollow[i]:
                ax.scatter([x + 12], [ym], s=230, marker="o", zorder=2, facecolor="none", edgecolor="#333333",
                           linewidth=1.2, linestyle=(0, (2, 1.5)))
            ax.text(x + marker_w, y, "\n".join(wrapped[i]), ha="left", va="top", fontsize=size,
                    linespacing=_SLIDE_LINESPACING, color="#111111")
            y -= first11 * size + line * (len(wrapped[i]) - 1) + gap
    return fig

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _format_date(date: str) -> str:
    parts = date.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


class _Table:
    def __init__(self, events):
        self.events = events

    def _repr_html_(self):
        rows = []
        for _, ev in self.events.iterrows():
            flag = " <em>(hindsight)</em>" if ev["after_cutoff"] else ""
            rows.append(
                f"<tr><td style='white-space:nowrap'>{html.escape(_format_date(ev['date']))}</td>"
                f"<td>{html.escape(ev['event'])}{flag}</td>"
                f"<td>{html.escape(CATEGORIES.get(ev['category'], ('Other',))[0])}</td>"
                f"<td><small>{html.escape(ev['source'])}</small></td></tr>")
        return ("<table class='crisis-timeline'><caption>Timeline (sources in the last column)</caption>"
                "<thead><tr><th scope='col'>Date</th><th scope='col'>Event</th><th scope='col'>Category</th>"
                "<th scope='col'>Source</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")

    def __repr__(self):
        return "\n".join(f"{_format_date(ev['date'])}: {ev['event']} [{ev['source']}]"
                         for _, ev in self.events.iterrows())


def table(events):
    """A displayable table of events with their sources (HTML in Jupyter, text elsewhere)."""
    return _Table(events)
