"""Exercise 2 (lesson 2, Ukraine and Russia): building and sorting a timeline.

The events come from the course timeline (``content/timeline.csv``, rows used by lesson 2), so
every event carries its source. :func:`jumbled_events` hands them out shuffled and with dates
written the way people write them ("24 Aug 1991", "Mar 2014", "1932"), which is what makes the
exercise: such text does not sort by date until it is turned into real dates.
"""
from __future__ import annotations

import hashlib

from crisis_course import course as _course

from .feedback import Wrong, as_dataframe, as_number, task

__all__ = [
    "CUTOFF",
    "jumbled_events",
    "expected_events",
    "expected_years_independent",
    "task_2_1",
    "task_2_2",
    "task_2_3",
    "task_2_4",
]

#: The article's date: lessons 0-7 speak from it.
CUTOFF = _course.load().cutoff.isoformat()  # the manifest's knowledge cutoff

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _human_date(date: str) -> str:
    parts = str(date).split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def expected_events():
    """Lesson 2's events in date order: columns ``date_text``, ``event``, ``when``, ``source``."""
    import pandas as pd

    from crisis_course import timeline

    t = timeline.load(lessons=[2])
    return pd.DataFrame({
        "date_text": t["date"].map(_human_date),
        "event": t["event"].astype(str),
        "when": t["when"],
        "source": t["source"].astype(str),
    })


def jumbled_events():
    """Lesson 2's timeline events in a fixed shuffled order, dates as text.

    Columns: ``date_text`` (e.g. "24 Aug 1991", "Mar 2014", "1932"), ``event``, ``source``.
    The order is the same on every computer (it depends only on the event texts).
    """
    df = expected_events().drop(columns=["when"])
    key = [hashlib.sha256(e.encode("utf-8")).hexdigest() for e in df["event"]]
    return df.assign(_k=key).sort_values("_k").drop(columns="_k").reset_index(drop=True)


def expected_years_independent() -> float:
    """Years from Ukraine's declaration of independence (the timeline row) to the article's date."""
    import pandas as pd

    t = expected_events()
    row = t[t["event"].str.contains("declares independence", case=False)]
    start = row["when"].iloc[0]
    return (pd.Timestamp(CUTOFF) - start).days / 365.25


def _dates(values):
    """A list of Timestamps (NaT allowed) from a column, or raise Wrong if it holds text."""
    import pandas as pd

    col = pd.Series(list(values))
    if pd.api.types.is_datetime64_any_dtype(col):
        return list(col)
    if all(isinstance(v, pd.Timestamp) or pd.isna(v) for v in col):
        return [pd.Timestamp(v) if not pd.isna(v) else pd.NaT for v in col]
    raise Wrong("The `when` column holds text (or numbers), not dates, so it would sort like words.",
                hint="Turn the text into dates: `pd.to_datetime(events[\"date_text\"], format=\"mixed\")`. "
                     "`format=\"mixed\"` lets each row have its own format (\"24 Aug 1991\", \"Mar 2014\", \"1932\").")


@task("2.1")
def task_2_1(events):
    """The jumbled events with a new column ``when`` holding real dates."""
    import pandas as pd

    df = as_dataframe(events, "`events`", columns=["event", "when"])
    expected = expected_events().set_index("event")["when"]
    if len(df) != len(expected):
        raise Wrong(f"`events` has {len(df)} rows; the jumbled table has {len(expected)}.",
                    hint="Add a column to the table you were given; do not filter or drop rows.")
    dates = _dates(df["when"])
    if any(pd.isna(d) for d in dates):
        raise Wrong("Some dates in `when` are empty (NaT): they could not be read.",
                    hint="Use `format=\"mixed\"` and do not use `errors=\"coerce\"`, which hides the problem.")
    for event, when in zip(df["event"], dates):
        if event not in expected.index:
            raise Wrong(f"The event {event[:50]!r} is not one of the jumbled events.",
                        hint="Start from `lesson2.jumbled_events()` and keep its `event` column unchanged.")
        want = pd.Timestamp(expected[event])
        if pd.Timestamp(when).normalize() != want:
            if pd.Timestamp(when).month == want.day and pd.Timestamp(when).day == want.month:
                raise Wrong(f"Day and month are swapped for {event[:40]!r}.",
                            hint="Read the text as day-month-year; keep the month names.")
            raise Wrong(f"The date for {event[:40]!r} is {pd.Timestamp(when).date()}, which does not match "
                        f"its text.", hint="Convert the `date_text` column itself; do not type dates in.")
    texts = expected_events()["date_text"]
    partial = list(texts[~texts.str.match(r"^\d{1,2} ")])
    if not partial:
        return f"All {len(df)} dates are real dates now."
    return (f"All {len(df)} dates are real dates now. {len(partial)} of them {'was' if len(partial) == 1 else 'were'} "
            f"known only to the month or year (e.g. {partial[0]!r}): pandas put {'it' if len(partial) == 1 else 'them'} "
            "on the 1st, a precision the source does not have.")


@task("2.2")
def task_2_2(timeline_sorted):
    """The events sorted from oldest to newest."""
    df = as_dataframe(timeline_sorted, "`timeline_sorted`", columns=["event"])
    expected = expected_events()
    got = [str(e) for e in df["event"]]
    if sorted(got) != sorted(expected["event"]):
        raise Wrong(f"`timeline_sorted` has {len(got)} events, not the same {len(expected)} as the jumbled table.",
                    hint="Sort the whole table; do not filter it.")
    want = list(expected["event"])
    if got == want:
        first, last = expected.iloc[0], expected.iloc[-1]
        return (f"From {first['date_text']} ({first['event'][:45]}...) to {last['date_text']} "
                f"({last['event'][:45]}...).")
    when = dict(zip(expected["event"], expected["when"]))
    got_when = [when[e] for e in got]
    if got == want[::-1] or all(a >= b for a, b in zip(got_when, got_when[1:])):
        raise Wrong("The events run from newest to oldest.",
                    hint="`sort_values(\"when\")` sorts oldest first (ascending=True is the default).")
    by_text = list(expected.sort_values("date_text", kind="stable")["event"])
    if got == by_text:
        raise Wrong("The events are sorted by the text of the date, like words in a dictionary: "
                    "'1 Dec' comes before '24 Aug', whatever the year.",
                    hint="Sort by the real dates from task 2.1: `events.sort_values(\"when\")`.")
    if all(a <= b for a, b in zip(got_when, got_when[1:])):
        return "Sorted by date (events on the same date may come in any order)."
    raise Wrong("The events are not in date order.",
                hint="Sort by the column of real dates: `events.sort_values(\"when\")`.")


@task("2.3")
def task_2_3(years_independent):
    """Years from the declaration of independence to the article's date."""
    x = as_number(years_independent, "`years_independent`", "years")
    want = expected_years_independent()
    if abs(x - want) <= 0.05:
        return (f"About {want:.1f} years: Ukraine had been independent for three decades when the article "
                "was written, the whole adult life of most of its citizens.")
    # the usual mistakes, in the order they are recognised: (it applies, what it is, what to do)
    mistakes = [
        (10_000 < x < 12_000, f"{x:,.0f} looks like a number of days.",
         "Divide the days by 365.25 (the average length of a year)."),
        (x < 0, "The answer is negative: the subtraction is the wrong way round.",
         "Later date minus earlier date: `pd.Timestamp(\"2021-12-07\") - independence`."),
        (abs(x - round(want)) < 1e-9, f"{x:g} is a difference of calendar years, not of dates.",
         "Subtract the two dates, take `.days` and divide by 365.25: the answer has a decimal part."),
        (True, f"{x:g} years is not right.",
         "Take the date of 'Ukraine's parliament declares independence' from your table and the "
         "article's date 2021-12-07."),
    ]
    message, hint = next((m, h) for applies, m, h in mistakes if applies)
    raise Wrong(message, hint=hint)


@task("2.4")
def task_2_4(my_events):
    """Open task: 5-12 events from the course timeline, before the cutoff, in date order."""
    import pandas as pd

    from crisis_course import timeline

    df = as_dataframe(my_events, "`my_events`", columns=["event", "when", "category", "after_cutoff"])
    if not 5 <= len(df) <= 12:
        raise Wrong(f"`my_events` has {len(df)} events; choose between 5 and 12.",
                    hint="Pick rows with a filter or by position, e.g. `events.iloc[[0, 3, 5, ...]]`.")
    known = set(timeline.load()["event"].astype(str))
    unknown = [e for e in df["event"].astype(str) if e not in known]
    if unknown:
        raise Wrong(f"{unknown[0][:50]!r} is not in the course timeline.",
                    hint="Choose rows of `timeline.load()`, so every event keeps its source.")
    late = df[df["when"] > pd.Timestamp(CUTOFF)]
    if len(late):
        raise Wrong(f"{late['event'].iloc[0][:50]!r} happened after 7 December 2021.",
                    hint="The article's reader could not know it: keep events up to the cutoff "
                         "(`timeline.load(end=\"2021-12-07\")`).")
    when = list(df["when"])
    if any(a > b for a, b in zip(when, when[1:])):
        raise Wrong("Your events are not in date order.", hint="Sort them: `.sort_values(\"when\")`.")
    span = f"{when[0].year}-{when[-1].year}"
    cats = df["category"].nunique()
    return (f"{len(df)} events, {span}, from {cats} categor{'y' if cats == 1 else 'ies'}. The choice is yours to "
            "defend: would a reader of the article miss any of them?")
