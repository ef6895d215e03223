"""Exercise 4 (lesson 4, the build-up and the call): readouts, troop numbers, one merged timeline.

Expected answers come from :mod:`crisis_course.readouts` (the readouts and the troop estimates
that ship in ``content/``) and the course timeline, at run time.
"""
from __future__ import annotations

from crisis_course import course as _course

from .feedback import Wrong, as_dataframe, as_number, as_str_list, task
from .openanswers import check_open_text

__all__ = [
    "CUTOFF",
    "AUTUMN_START",
    "coverage_columns",
    "expected_one_sided_topics",
    "expected_largest_autumn_count",
    "expected_combined",
    "task_4_1", "task_4_2", "task_4_3", "task_4_4",
]

CUTOFF = _course.load().cutoff.isoformat()  # the manifest's knowledge cutoff
#: Task 4.3 merges the autumn events from this date up to the cutoff.
AUTUMN_START = "2021-10-01"


def coverage_columns() -> tuple[str, str]:
    """(White House column, Kremlin column) of ``readouts.coverage()``."""
    from crisis_course import readouts

    cols = list(readouts.coverage().columns)
    white_house = next(c for c in cols if "White House" in c or "United States" in c)
    kremlin = next(c for c in cols if "Kremlin" in c or "Russia" in c)
    return white_house, kremlin


def expected_one_sided_topics() -> tuple[list[str], list[str]]:
    """(topics only the Kremlin's readout mentions, topics only the White House's mentions)."""
    from crisis_course import readouts

    cov = readouts.coverage()
    wh, kr = coverage_columns()
    absent = "not mentioned"
    only_kremlin = [t for t in cov.index if cov.loc[t, wh] == absent and cov.loc[t, kr] != absent]
    only_wh = [t for t in cov.index if cov.loc[t, kr] == absent and cov.loc[t, wh] != absent]
    return only_kremlin, only_wh


def expected_largest_autumn_count():
    """The row of the largest autumn head-count of troops near the border (measure_type deployed_now)."""
    from crisis_course import readouts

    t = readouts.troop_estimates(unit="troops")
    autumn = t[(t["period"] == "autumn") & (t["measure_type"] == "deployed_now")]
    return autumn.loc[autumn["estimate"].idxmax()]


def expected_combined():
    """Timeline events of lesson 4 from AUTUMN_START to the cutoff plus the autumn troop estimates
    (head-counts), as one table sorted by date: columns ``when`` and ``what``."""
    import pandas as pd

    from crisis_course import readouts, timeline

    events = timeline.load(lessons=[4], start=AUTUMN_START, end=CUTOFF)
    est = readouts.troop_estimates(unit="troops")
    est = est[(est["when"] >= pd.Timestamp(AUTUMN_START)) & (est["when"] <= pd.Timestamp(CUTOFF))]
    rows = pd.concat([
        pd.DataFrame({"when": events["when"], "what": events["event"].astype(str)}),
        pd.DataFrame({"when": est["when"], "what": [f"{r.label}: {r.estimate:,} troops ({r.measured})"
                                                    for r in est.itertuples()]}),
    ], ignore_index=True)
    return rows.sort_values("when", kind="stable").reset_index(drop=True)


def _norm(text: str) -> str:
    return " ".join(str(text).lower().split())


@task("4.1")
def task_4_1(only_kremlin, only_white_house):
    """Topics that only one side's readout mentions."""
    from crisis_course import readouts

    want_k, want_w = expected_one_sided_topics()
    got_k = as_str_list(only_kremlin, "`only_kremlin`")
    got_w = as_str_list(only_white_house, "`only_white_house`")
    topics = {_norm(t) for t in readouts.coverage().index}
    for name, got in (("only_kremlin", got_k), ("only_white_house", got_w)):
        unknown = [g for g in got if _norm(g) not in topics]
        if unknown:
            raise Wrong(f"{unknown[0]!r} in `{name}` is not a topic of the coverage table.",
                        hint="Use the topic labels exactly as in the index of `readouts.coverage()`.")
    gk, gw = {_norm(x) for x in got_k}, {_norm(x) for x in got_w}
    wk, ww = {_norm(x) for x in want_k}, {_norm(x) for x in want_w}
    if gk == wk and gw == ww:
        return (f"Only the Kremlin's readout mentions: {'; '.join(want_k) or 'nothing'}. "
                + ("The White House's mentions nothing the Kremlin's leaves out." if not want_w
                   else f"Only the White House's: {'; '.join(want_w)}.")
                + " Each readout tells its own side's agenda; compare with the article's 'two agendas'.")
    if gk == ww and gw == wk:
        raise Wrong("The two lists are swapped.",
                    hint="`only_kremlin`: the Kremlin column is not 'not mentioned' *and* the White House column is.")
    if wk and ww and (gk == wk | ww or gw == wk | ww):
        raise Wrong("A list mixes both directions: it holds every topic where the two readouts differ.",
                    hint="Split them: where only the Kremlin speaks, and where only the White House does.")
    if gk != wk:
        extra = sorted(gk - wk)
        if extra:
            raise Wrong(f"`only_kremlin` includes {extra[0]!r}, which the White House readout also mentions "
                        "(or the Kremlin's does not).",
                        hint="'quoted' and 'paraphrased' both mean the topic is mentioned; only 'not mentioned' means absent.")
        raise Wrong(f"`only_kremlin` misses {len(wk - gk)} topic(s).",
                    hint="Filter the coverage table: White House == 'not mentioned' and Kremlin != 'not mentioned'.")
    raise Wrong("`only_white_house` is not right.",
                hint="Use the same filter the other way round. An empty list `[]` is a possible answer.")


@task("4.2")
def task_4_2(largest_autumn_count):
    """The largest autumn 2021 head-count of Russian troops near the border (not a plan or projection)."""
    from crisis_course import readouts

    row = expected_largest_autumn_count()
    x = as_number(largest_autumn_count, "`largest_autumn_count`", "troops")
    if round(x) == int(row["estimate"]):
        when = row["when"]
        t = readouts.troop_estimates(unit="troops")
        planned = t[t["measure_type"] == "planned"]
        extra = ""
        if not planned.empty:
            p = planned.loc[planned["estimate"].idxmax()]
            extra = (f" The much-quoted {int(p['estimate']):,} ({p['label']}) described the force a *planned* "
                     "offensive would use, not troops present.")
        return f"{int(row['estimate']):,} troops: {row['label']}, {when.day} {when:%B %Y}.{extra}"
    t = readouts.troop_estimates(unit="troops")
    match = t[t["estimate"] == round(x)]
    if not match.empty:
        r = match.iloc[0]
        if r["period"] != "autumn":
            raise Wrong(f"{round(x):,} is a spring estimate ({r['label']}, {r['date']}).",
                        hint="Keep the rows with `period == \"autumn\"`.")
        kind = readouts.MEASURE_TYPES.get(r["measure_type"], {}).get("label", r["measure_type"])
        if r["measure_type"] != "deployed_now":
            raise Wrong(f"{round(x):,} did not count troops near the border: it is '{kind}'.",
                        hint="Keep the rows with `measure_type == \"deployed_now\"`, then take the largest.")
        raise Wrong(f"{round(x):,} is an autumn count, but not the largest one.",
                    hint="Take the maximum of the filtered `estimate` column: `.max()`.")
    if 50 < x < 300:
        raise Wrong(f"{x:g} looks like it is in thousands.", hint="Give the full number of troops, e.g. `70000`.")
    raise Wrong(f"{x:,.0f} is not one of the published estimates.",
                hint="Filter `readouts.troop_estimates(unit=\"troops\")` and take the largest `estimate`.")


@task("4.3")
def task_4_3(combined):
    """Autumn timeline events and autumn troop estimates merged into one table sorted by date."""
    import pandas as pd

    df = as_dataframe(combined, "`combined`", columns=["when", "what"])
    expected = expected_combined()
    if len(df) != len(expected):
        hindsight = 0
        if pd.api.types.is_datetime64_any_dtype(df["when"]):
            hindsight = int((df["when"] > pd.Timestamp(CUTOFF)).sum())
        if hindsight:
            raise Wrong(f"`combined` has {hindsight} row(s) after 7 December 2021.",
                        hint="Stop at the cutoff: `timeline.load(lessons=[4], start=..., end=\"2021-12-07\")`.")
        raise Wrong(f"`combined` has {len(df)} rows; the autumn events plus the autumn estimates make {len(expected)}.",
                    hint="Stack the two tables with `pd.concat([...], ignore_index=True)`; keep head-counts of "
                         "troops only (`unit=\"troops\"`), from 2021-10-01 to 2021-12-07.")
    if not pd.api.types.is_datetime64_any_dtype(df["when"]):
        raise Wrong("The `when` column is not made of dates.",
                    hint="Both tables already have a `when` column of dates; keep it when you stack them.")
    got = sorted(pd.Timestamp(x).normalize() for x in df["when"])
    if got != sorted(pd.Timestamp(x).normalize() for x in expected["when"]):
        raise Wrong("The dates in `combined` do not match the autumn events and estimates.",
                    hint="Take the events with `timeline.load(lessons=[4], start=\"2021-10-01\", end=\"2021-12-07\")` "
                         "and the estimates with `period == \"autumn\"`.")
    when = list(df["when"])
    if any(a > b for a, b in zip(when, when[1:])):
        raise Wrong("The rows are not in date order.", hint="Sort after stacking: `.sort_values(\"when\")`.")
    if df["what"].isna().any() or (df["what"].astype(str).str.strip() == "").any():
        raise Wrong("Some rows have no text in `what`.",
                    hint="Give every row a description: the event text, or who estimated how many troops.")
    busiest = expected["when"].dt.date.value_counts()
    day = busiest.idxmax()
    return (f"{len(expected)} dated items in one table. The busiest day was {day.day} {day:%B %Y} "
            f"({int(busiest.max())} items): news, estimates and diplomacy overlap in the days before the call.")


@task("4.4")
def task_4_4(two_agendas):
    """Open task: does the readouts' evidence support the article's 'two agendas'?"""
    return check_open_text(two_agendas, "`two_agendas`", min_words=50,
                           evidence=["Kremlin", "White House", "readout", "NATO", "guarantee", "pandemic",
                                     "China", "coverage"],
                           evidence_hint="Refer to the readouts: which topics each side mentions or leaves out "
                                         "(task 4.1).", min_evidence=2)
