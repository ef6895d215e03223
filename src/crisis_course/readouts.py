"""The two governments' accounts of the 7 December 2021 call, and the 2021 troop estimates.

Lesson 4 puts the White House and Kremlin readouts of the Biden-Putin video call side by side
and compares the troop numbers that were published during 2021. The words and numbers live in
two data files that ship with the package (instructors may edit them):

- ``content/readouts.yaml``: short, attributed excerpts, one or more per topic and side, each
  marked ``quote`` (verbatim), ``paraphrase`` (a summary) or ``absent`` (the side's readout does
  not mention the topic), with the source of each. A source may carry ``ref``, its number in
  lesson 4's source list; :func:`side_by_side` cites it as "[n]" unless told otherwise.
- ``content/troop_estimates.csv``: one row per published estimate: date, number, unit, what it
  measured, who said it, whether it was on the record, and the source (title, publisher, date).
  The numbers are facts reported by the named sources; the table is the course's own (CC BY 4.0).
  ``measure_type`` is one of :data:`MEASURE_TYPES`; ``status`` is "official", "official
  (interview)", "official (corrected)" or "press report" (a document obtained by a newspaper, or
  officials speaking anonymously). Add rows with a source; the chart and tables pick them up.

The notebook-facing calls::

    from crisis_course import readouts
    readouts.side_by_side()          # HTML two-column table, every excerpt attributed
    readouts.coverage()              # which topics each readout mentions (DataFrame)
    readouts.troop_estimates()       # the estimates (DataFrame)
    readouts.estimates_html()        # the estimates as a readable HTML table with sources
    fig = readouts.estimates_chart() # dot chart of the estimates by what they measured
"""
from __future__ import annotations

import html
from functools import lru_cache
from importlib import resources

from . import figure_cache

__all__ = [
    "KINDS",
    "MEASURE_TYPES",
    "load",
    "excerpts",
    "sources",
    "coverage",
    "side_by_side",
    "troop_estimates",
    "estimates_table",
    "estimates_html",
    "estimates_chart",
    "default_cite",
]

#: Kinds of excerpt and how a reader should take them.
KINDS = {
    "quote": "verbatim words of the named document",
    "paraphrase": "a summary of what the source reported, not its exact words",
    "absent": "the readout does not mention this topic",
}

#: What a troop estimate measured, with the label and marker used in the chart. Each kind has its
#: own marker shape as well as its own colour, so the chart can be read without telling colours apart.
MEASURE_TYPES = {
    "deployed_now": {"label": "Count of troops near the border at the time", "marker": "o", "colour": "blue"},
    "projected": {"label": "Projection: the force expected soon", "marker": "^", "colour": "orange"},
    "planned": {"label": "Plan: the force an offensive would use", "marker": "D", "colour": "vermillion"},
    "exercise": {"label": "Troops in one exercise only", "marker": "s", "colour": "green"},
    "corrected": {"label": "Figure later corrected", "marker": "X", "colour": "grey"},
}


def _content(name: str):
    return resources.files("crisis_course") / "content" / name


@lru_cache(maxsize=1)
def _load_cached() -> dict:
    import yaml

    data = yaml.safe_load(_content("readouts.yaml").read_text(encoding="utf-8"))
    _validate(data)
    return data


def load() -> dict:
    """The readouts file as a dict (``call``, ``sides``, ``topics``, ``excerpts``, ``sources``).

    The file is checked when loaded: every excerpt names a known topic, side, kind and source.
    Returns a fresh copy, so changing it does not change what other calls see.
    """
    import copy

    return copy.deepcopy(_load_cached())


def _validate(data: dict) -> None:
    for key in ("call", "sides", "topics", "excerpts", "sources"):
        if key not in data:
            raise ValueError(f"readouts.yaml: missing top-level key {key!r}")
    topic_keys = [t["key"] for t in data["topics"]]
    if len(set(topic_keys)) != len(topic_keys):
        raise ValueError("readouts.yaml: duplicate topic keys")
    for i, ex in enumerate(data["excerpts"]):
        where = f"readouts.yaml: excerpt {i} ({ex.get('topic')}/{ex.get('side')})"
        for field in ("topic", "side", "kind", "speaker", "text", "source"):
            if not str(ex.get(field, "")).strip():
                raise ValueError(f"{where}: missing {field!r}")
        if ex["topic"] not in topic_keys:
            raise ValueError(f"{where}: unknown topic {ex['topic']!r}")
        if ex["side"] not in data["sides"]:
            raise ValueError(f"{where}: unknown side {ex['side']!r}")
        if ex["kind"] not in KINDS:
            raise ValueError(f"{where}: kind must be one of {sorted(KINDS)}")
        if ex["source"] not in data["sources"]:
            raise ValueError(f"{where}: unknown source {ex['source']!r}")
    for sid, src in data["sources"].items():
        for field in ("title", "publisher", "date"):
            if not str(src.get(field, "")).strip():
                raise ValueError(f"readouts.yaml: source {sid!r} lacks {field!r}")
        if "ref" in src and not (isinstance(src["ref"], int) and src["ref"] > 0):
            raise ValueError(f"readouts.yaml: source {sid!r}: ref must be a positive whole number")


def excerpts(side: str | None = None, topic: str | None = None):
    """The excerpts as a DataFrame: topic, topic_label, side, side_label, kind, speaker, text,
    source (id) and citation ("title, publisher, date"). Filter by ``side`` ("us"/"russia")
    and/or ``topic`` key."""
    import pandas as pd

    data = _load_cached()
    labels = {t["key"]: t["label"] for t in data["topics"]}
    rows = []
    for ex in data["excerpts"]:
        if side is not None and ex["side"] != side:
            continue
        if topic is not None and ex["topic"] != topic:
            continue
        rows.append(
            {
                "topic": ex["topic"],
                "topic_label": labels[ex["topic"]],
                "side": ex["side"],
                "side_label": data["sides"][ex["side"]]["label"],
                "kind": ex["kind"],
                "speaker": ex["speaker"],
                "text": " ".join(str(ex["text"]).split()),
                "source": ex["source"],
                "citation": _citation(data["sources"][ex["source"]]),
            }
        )
    return pd.DataFrame(rows, columns=[
        "topic", "topic_label", "side", "side_label", "kind", "speaker", "text", "source", "citation",
    ])


def _fmt_date(iso: str) -> str:
    import datetime as _dt

    try:
        d = _dt.date.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    return f"{d.day} {d.strftime('%B %Y')}"


def _citation(src: dict) -> str:
    return f"{src['title']}, {src['publisher']}, {_fmt_date(src['date'])}"


def default_cite() -> dict:
    """Source id -> number in lesson 4's source list (the ``ref`` of each source in the file).

    :func:`side_by_side` uses this when no ``cite`` mapping is given.
    """
    return {sid: s["ref"] for sid, s in _load_cached()["sources"].items() if "ref" in s}


def sources():
    """The readout sources as a DataFrame: id, title, publisher, date, url (may be empty), note."""
    import pandas as pd

    data = _load_cached()
    return pd.DataFrame(
        [
            {"id": sid, "title": s["title"], "publisher": s["publisher"], "date": str(s["date"]),
             "url": s.get("url", ""), "note": s.get("note", "")}
            for sid, s in data["sources"].items()
        ]
    )


def coverage():
    """Which topics each readout covers: a DataFrame indexed by topic label with one column per
    side; each cell is "quoted", "paraphrased" or "not mentioned" (the strongest kind present)."""
    import pandas as pd

    data = _load_cached()
    rank = {"quote": 2, "paraphrase": 1, "absent": 0}
    word = {2: "quoted", 1: "paraphrased", 0: "not mentioned"}
    out = {}
    for t in data["topics"]:
        row = {}
        for side, meta in data["sides"].items():
            kinds = [rank[e["kind"]] for e in data["excerpts"] if e["topic"] == t["key"] and e["side"] == side]
            row[meta["label"]] = word[max(kinds)] if kinds else "not mentioned"
        out[t["label"]] = row
    df = pd.DataFrame.from_dict(out, orient="index")
    df.index.name = "topic"
    return df


class _HTMLTable:
    """A displayable HTML table with a plain-text alternative (for terminals and screen readers)."""

    def __init__(self, html_text: str, plain: str):
        self.html, self.plain = html_text, plain

    def _repr_html_(self):
        return self.html

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html, "text/plain": self.plain}

    def __str__(self):
        return self.plain


def side_by_side(topics=None, cite: dict | None = None, caption: str | None = None):
    """The two readouts side by side: an HTML table with one row per topic and one column per
    government. Each excerpt is shown with its kind (quote, paraphrase, not mentioned), who said
    it, and its source.

    ``topics``: list of topic keys to show (default: all, in file order).
    ``cite``: mapping from source id to the lesson's source number, e.g.
    ``{"wh_readout": 1, "kremlin_readout": 2}``; the citation then ends with "[1]" and gives only
    the publisher and date (the lesson's source list has the full title). Default: the ``ref``
    numbers in readouts.yaml (:func:`default_cite`), i.e. lesson 4's numbering. Pass ``cite={}``
    to print every citation in full, without numbers.
    """
    data = _load_cached()
    all_topics = data["topics"]
    if topics is not None:
        unknown = set(topics) - {t["key"] for t in all_topics}
        if unknown:
            raise ValueError(f"unknown topic(s): {sorted(unknown)}")
        all_topics = [t for t in all_topics if t["key"] in topics]
    sides = list(data["sides"])
    cite = default_cite() if cite is None else cite
    caption = caption or (
        "The call of 7 December 2021 as each government described it. "
        "Quotation marks = the document's own words; [paraphrase] = a summary; "
        "grey = the readout does not mention the topic."
    )
    esc = html.escape
    parts = [
        '<table class="crisis-readouts" style="border-collapse:collapse;width:100%;'
        'font-size:0.95em;table-layout:fixed">',
        f'<caption style="caption-side:top;text-align:left;padding:0.3em 0">{esc(caption)}</caption>',
        '<colgroup><col style="width:16%">'
        + "".join('<col style="width:42%">' for _ in sides) + "</colgroup>",
        "<thead><tr>",
        '<th scope="col" style="text-align:left;border-bottom:2px solid #333;padding:4px">Topic</th>',
    ]
    for s in sides:
        meta = data["sides"][s]
        parts.append(
            f'<th scope="col" style="text-align:left;border-bottom:3px solid {esc(meta.get("colour", "#333"))};'
            f'padding:4px">{esc(meta["label"])}</th>'
        )
    parts.append("</tr></thead><tbody>")
    plain = [caption, ""]
    for t in all_topics:
        parts.append(
            f'<tr><th scope="row" style="text-align:left;vertical-align:top;padding:6px 4px;'
            f'border-bottom:1px solid #ccc">{esc(t["label"])}</th>'
        )
        plain.append(f"== {t['label']} ==")
        for s in sides:
            items = [e for e in data["excerpts"] if e["topic"] == t["key"] and e["side"] == s]
            cell = []
            for e in items:
                src = data["sources"][e["source"]]
                text = " ".join(str(e["text"]).split())
                if e["source"] in cite:  # short form; the lesson's source list has the full title
                    attribution = (f"— {e['speaker']} ({src['publisher']}, {_fmt_date(src['date'])}) "
                                   f"[{cite[e['source']]}]")
                else:
                    attribution = f"— {e['speaker']}. {_citation(src)}"
                if e["kind"] == "quote":
                    body = f"\u201c{esc(text)}\u201d"
                    style = ""
                    ptext = f"\u201c{text}\u201d"
                elif e["kind"] == "paraphrase":
                    body = f"<em>[paraphrase]</em> {esc(text)}"
                    style = ""
                    ptext = f"[paraphrase] {text}"
                else:
                    body = f"<em>Not mentioned.</em> {esc(text)}"
                    style = "color:#666;"
                    ptext = f"[not mentioned] {text}"
                cell.append(
                    f'<div style="{style}text-align:left;margin-bottom:0.5em">{body}'
                    f'<br><small style="color:#444">{esc(attribution)}</small></div>'
                )
                plain.append(f"  {data['sides'][s]['label']}: {ptext} {attribution}")
            if not items:
                cell.append('<div style="color:#666;text-align:left"><em>Not mentioned.</em></div>')
                plain.append(f"  {data['sides'][s]['label']}: [not mentioned]")
            parts.append(
                '<td style="text-align:left;vertical-align:top;padding:6px 4px;border-bottom:1px solid #ccc">'
                + "".join(cell) + "</td>"
            )
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return _HTMLTable("".join(parts), "\n".join(plain))


def troop_estimates(unit: str | None = None):
    """The published estimates of Russian forces near Ukraine in 2021, one row per statement.

    Columns: date (str), when (Timestamp), period ("spring"/"autumn"), estimate (int), unit
    ("troops" or "BTGs" = battalion tactical groups), measured (what the number counted),
    measure_type (a key of ``MEASURE_TYPES``), who, label (short name for charts), role,
    status ("official", "official (interview)", "official (corrected)", "press report"),
    source (title, publisher, date). ``unit="troops"`` keeps only head-counts.
    """
    import pandas as pd

    with _content("troop_estimates.csv").open(encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype={"date": str})
    df["when"] = pd.to_datetime(df["date"])
    df["estimate"] = df["estimate"].astype(int)
    bad = set(df["measure_type"]) - set(MEASURE_TYPES)
    if bad:
        raise ValueError(f"troop_estimates.csv: unknown measure_type {sorted(bad)}")
    if unit is not None:
        df = df[df["unit"] == unit].reset_index(drop=True)
    cols = ["date", "when", "period", "estimate", "unit", "measured", "measure_type", "who",
            "label", "role", "status", "source"]
    return df[cols]


def estimates_table(unit: str | None = None):
    """A compact table of the estimates for display: date, number, what it measured, who, status."""
    df = troop_estimates(unit)
    out = df[["date", "estimate", "unit", "measured", "who", "status"]].copy()
    out["estimate"] = out["estimate"].map(lambda v: f"{v:,}")
    out.columns = ["Date", "Number", "Unit", "What it measured", "Who said it", "On the record?"]
    return out.reset_index(drop=True)


def estimates_html(unit: str | None = None, caption: str | None = None, period: str | None = None):
    """The estimates as a displayable HTML table (full text, left-aligned, with sources), with a
    plain-text alternative. Use it as the last expression of a notebook cell.

    ``period`` (``"spring"`` or ``"autumn"``) keeps one deployment's estimates, e.g. one per slide.
    """
    df = troop_estimates(unit)
    if period is not None:
        if period not in set(df["period"]):
            raise ValueError(f"estimates_html: period must be one of {sorted(set(df['period']))}, got {period!r}")
        df = df[df["period"] == period]
    esc = html.escape
    caption = caption or "Published estimates of Russian forces near Ukraine, 2021 (one row per statement)."
    head = ["Date", "Number", "What it measured", "Who said it", "On the record?", "Source"]
    parts = [
        '<table class="crisis-estimates" style="border-collapse:collapse;width:100%;font-size:0.9em">',
        f'<caption style="caption-side:top;text-align:left;padding:0.3em 0">{esc(caption)}</caption>',
        "<thead><tr>"
        + "".join(f'<th scope="col" style="text-align:left;border-bottom:2px solid #333;padding:4px">{h}</th>'
                  for h in head)
        + "</tr></thead><tbody>",
    ]
    plain = [caption]
    for _, r in df.iterrows():
        number = f"{r['estimate']:,} {r['unit']}"
        who = f"{r['who']} ({r['role']})"
        cells = [r["date"], number, r["measured"], who, r["status"], r["source"]]
        parts.append(
            "<tr>" + "".join(
                f'<td style="text-align:left;vertical-align:top;padding:4px;border-bottom:1px solid #ddd'
                f'{";white-space:nowrap" if i < 2 else ""}">'
                f'{"<small>" if i == 5 else ""}{esc(str(c))}{"</small>" if i == 5 else ""}</td>'
                for i, c in enumerate(cells)
            ) + "</tr>"
        )
        plain.append(f"{r['date']}: {number} - {r['measured']} - {who} - {r['status']} [{r['source']}]")
    parts.append("</tbody></table>")
    return _HTMLTable("".join(parts), "\n".join(plain))


@figure_cache.chart
def estimates_chart(df=None, title: str = "Estimates of Russian forces near Ukraine, 2021", layout: str = "notebook"):
    """A dot chart of the troop estimates (head-counts only), one row per statement, grouped by
    spring and autumn. Marker shape and colour say what each number measured; a hollow marker
    means the number came from a press report (a document obtained by a newspaper, or officials
    speaking anonymously), not an on-the-record statement. Borrell's corrected figure is linked to its correction by an
    arrow. Returns a matplotlib Figure.

    ``layout="slide"`` draws the same chart for a projector (:func:`_estimates_slide`: spring and
    autumn side by side on the slide canvas); the default layout's figure carries it for exports."""
    if layout == "slide":
        return _estimates_slide(df, title)
    if layout != "notebook":
        raise ValueError(f"layout must be 'notebook' or 'slide', not {layout!r}")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter

    from .figures import PALETTE

    if df is None:
        df = troop_estimates(unit="troops")
    # date order; rows of the same day keep the file's order (a spoken figure before its correction)
    df = df.sort_values("when", kind="mergesort").reset_index(drop=True)

    # y positions: top to bottom in date order, with a gap between spring and autumn.
    ys, y, prev = [], 0.0, None
    for period in df["period"]:
        if prev is not None and period != prev:
            y += 1.2
        ys.append(y)
        y += 1.0
        prev = period
    df = df.assign(y=ys)

    fig, ax = plt.subplots(figsize=(10, 0.55 * len(df) + 2.2))
    for _, r in df.iterrows():
        m = MEASURE_TYPES[r["measure_type"]]
        colour = PALETTE[m["colour"]]
        hollow = r["status"] == "press report"
        ax.hlines(r["y"], 0, r["estimate"], color="#dddddd", lw=1, zorder=1)
        ax.scatter(
            r["estimate"], r["y"], s=110, marker=m["marker"], zorder=3,
            facecolor="white" if hollow else colour, edgecolor=colour, linewidth=2,
        )
        ax.annotate(
            f"{r['estimate']:,}", (r["estimate"], r["y"]), xytext=(9, 0), textcoords="offset points",
            va="center", fontsize=10,
        )
    # arrow from a corrected figure to its correction (same date, same speaker family)
    for _, r in df[df["measure_type"] == "corrected"].iterrows():
        same_day = df[(df["date"] == r["date"]) & (df.index != _) & (df["measure_type"] != "corrected")]
        if len(same_day):
            t = same_day.iloc[0]
            ax.annotate(
                "", xy=(t["estimate"], t["y"] - 0.28), xytext=(r["estimate"] - 3000, r["y"] + 0.05),
                arrowprops={"arrowstyle": "->", "color": PALETTE["grey"], "lw": 1.5,
                            "connectionstyle": "arc3,rad=0.15", "shrinkB": 6},
            )
    labels = [f"{r['when'].day} {r['when'].strftime('%b')} · {r['label']}" for _, r in df.iterrows()]
    ax.set_yticks(df["y"], labels, fontsize=10)
    ax.invert_yaxis()
    ax.set_xlim(0, max(200_000, df["estimate"].max() * 1.15))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{int(v / 1000)}k" if v else "0"))
    ax.set_xlabel("Number of troops (k = thousand)", fontsize=10)
    ax.tick_params(axis="x", labelsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#eeeeee", zorder=0)
    # period headings in the left margin, above each group
    for period, name in (("spring", "Spring 2021"), ("autumn", "Autumn 2021")):
        sub = df[df["period"] == period]
        if len(sub):
            ax.text(
                0.0, sub["y"].min() - 0.75, name, transform=ax.get_yaxis_transform(),
                fontsize=11, fontweight="bold", ha="left", va="center",
            )
    handles = []
    for key in MEASURE_TYPES:
        if key in set(df["measure_type"]):
            m = MEASURE_TYPES[key]
            handles.append(Line2D([], [], linestyle="", marker=m["marker"], markersize=9,
                                  markerfacecolor=PALETTE[m["colour"]],
                                  markeredgecolor=PALETTE[m["colour"]], label=m["label"]))
    if (df["status"] == "press report").any():
        handles.append(Line2D([], [], linestyle="", marker="o", markersize=9, markerfacecolor="white",
                              markeredgecolor="#333333", markeredgewidth=2,
                              label="Hollow: press report, not on the record"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14 if len(df) > 6 else -0.25),
              ncol=2, fontsize=9.5, frameon=False)
    if title:
        ax.set_title(title, fontsize=13, loc="left", pad=26)
    fig.tight_layout()
    from functools import partial

    from .figures import for_slides

    return for_slides(fig, partial(estimates_chart, df, title, layout="slide"))


def _estimate_handles(df, markersize: float):
    from matplotlib.lines import Line2D

    from .figures import PALETTE

    handles = []
    for key in MEASURE_TYPES:
        if key in set(df["measure_type"]):
            m = MEASURE_TYPES[key]
            handles.append(Line2D([], [], linestyle="", marker=m["marker"], markersize=markersize,
                                  markerfacecolor=PALETTE[m["colour"]],
                                  markeredgecolor=PALETTE[m["colour"]], label=m["label"]))
    if (df["status"] == "press report").any():
        handles.append(Line2D([], [], linestyle="", marker="o", markersize=markersize, markerfacecolor="white",
                              markeredgecolor="#333333", markeredgewidth=2,
                              label="Hollow: press report, not on the record"))
    return handles


#: Text sizes (points) of the estimates chart on a slide (at least figures.SLIDE_MIN_PT).
_SLIDE_SIZES = {"title": 14, "heading": 12, "label": 11, "value": 11, "tick": 11, "legend": 11}


def _estimates_slide(df, title: str):
    """:func:`estimates_chart` for a projector, on ``figures.SLIDE_FIGSIZE``: the spring and the
    autumn estimates side by side (one panel each, the same troop scale), the speakers' labels
    wrapped beside their rows, the numbers beside the markers (left of a marker near the end of the
    scale), the same markers, arrow and legend; no text under ``figures.SLIDE_MIN_PT``."""
    import textwrap

    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    from .figures import PALETTE, SLIDE_DPI, SLIDE_FIGSIZE, SLIDE_MIN_PT

    sizes = {k: max(v, SLIDE_MIN_PT) for k, v in _SLIDE_SIZES.items()}
    if df is None:
        df = troop_estimates(unit="troops")
    df = df.sort_values("when", kind="mergesort").reset_index(drop=True)
    periods = [p for p in ("spring", "autumn") if p in set(df["period"])] or list(dict.fromkeys(df["period"]))
    W, H = SLIDE_FIGSIZE[0] * SLIDE_DPI, SLIDE_FIGSIZE[1] * SLIDE_DPI
    fig = plt.figure(figsize=SLIDE_FIGSIZE, dpi=SLIDE_DPI)
    M = 12  # margin in px: the PNG's tight bounding box adds 10 px around what is drawn
    if title:
        fig.text(M / W, 1 - M / H, title, ha="left", va="top", fontsize=sizes["title"])
    handles = _estimate_handles(df, 9)
    legend = fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, M / H), ncol=2, frameon=False,
                        fontsize=sizes["legend"], borderaxespad=0, columnspacing=1.5, handletextpad=0.4)
    legend_h = legend.get_window_extent(fig.canvas.get_renderer()).height
    xmax = max(200_000, df["estimate"].max() * 1.15)
    # px for the speaker labels (two lines) left of each panel, between the panels, and past the
    # last panel for its last tick label
    label_w, gap, end = 240, 16, 20
    panel_w = (W - 2 * M - end - len(periods) * label_w - (len(periods) - 1) * gap) / len(periods)
    bottom = M + legend_h + 50  # room for the tick labels and the axis label under the panels
    top = H - M - (34 if title else 0) - 24  # room for the title and the panel's heading
    rows = max(int((df["period"] == p).sum()) for p in periods)
    for i, period in enumerate(periods):
        sub = df[df["period"] == period].reset_index(drop=True)
        left = M + label_w + i * (label_w + panel_w + gap)
        ax = fig.add_axes((left / W, bottom / H, panel_w / W, (top - bottom) / H))
        for y, r in sub.iterrows():
            m = MEASURE_TYPES[r["measure_type"]]
            colour = PALETTE[m["colour"]]
            hollow = r["status"] == "press report"
            ax.hlines(y, 0, r["estimate"], color="#dddddd", lw=1, zorder=1)
            ax.scatter(r["estimate"], y, s=110, marker=m["marker"], zorder=3,
                       facecolor="white" if hollow else colour, edgecolor=colour, linewidth=2)
            near_end = r["estimate"] > 0.62 * xmax
            ax.annotate(f"{r['estimate']:,}", (r["estimate"], y), xytext=(-10 if near_end else 10, 0),
                        textcoords="offset points", va="center", ha="right" if near_end else "left",
                        fontsize=sizes["value"],
                        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
        for y, r in sub[sub["measure_type"] == "corrected"].iterrows():
            same_day = sub[(sub["date"] == r["date"]) & (sub.index != y) & (sub["measure_type"] != "corrected")]
            if len(same_day):
                ty = same_day.index[0]
                ax.annotate("", xy=(same_day.iloc[0]["estimate"], ty - 0.3), xytext=(r["estimate"], y + 0.25),
                            arrowprops={"arrowstyle": "->", "color": PALETTE["grey"], "lw": 1.5,
                                        "connectionstyle": "arc3,rad=-0.2", "shrinkA": 8, "shrinkB": 8})
        chars = max(12, int(label_w / 7.9))  # DejaVu Sans at 11 pt: about 7.9 px a character
        labels = [textwrap.fill(f"{r['when'].day} {r['when'].strftime('%b')} · {r['label']}", chars)
                  for _, r in sub.iterrows()]
        ax.set_yticks(range(len(sub)), labels, fontsize=sizes["label"], linespacing=1.05)
        ax.set_ylim(rows - 0.5, -0.5)
        ax.set_xlim(0, xmax)
        ax.set_xticks(range(0, int(xmax) + 1, 100_000))  # labelled every 100k, gridlines every 50k
        ax.set_xticks(range(50_000, int(xmax) + 1, 100_000), minor=True)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{int(v / 1000)}k" if v else "0"))
        ax.tick_params(axis="x", labelsize=sizes["tick"])
        ax.set_xlabel("Troops (k = thousand)", fontsize=sizes["tick"])
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.grid(axis="x", which="both", color="#eeeeee", zorder=0)
        name = {"spring": "Spring 2021", "autumn": "Autumn 2021"}.get(period, str(period).capitalize())
        ax.set_title(name, loc="left", fontsize=sizes["heading"], fontweight="bold", pad=6)
    return fig


_KIND_WORDS = {"deployed_now": "count", "projected": "projection", "planned": "plan", "exercise": "one exercise only",
               "corrected": "as first spoken, later corrected"}


def estimates_alt_text() -> str:
    """The text description of :func:`estimates_chart`, written from the same table, so a change in
    ``content/troop_estimates.csv`` changes both."""
    df = troop_estimates(unit="troops")
    parts = []
    for period in ("spring", "autumn"):
        rows = df[df["period"] == period]
        items = [f"{r['label']} {int(r['estimate']):,} ({_KIND_WORDS.get(r['measure_type'], r['measure_type'])})"
                 for _, r in rows.iterrows()]
        parts.append(f"{period.capitalize()}: " + "; ".join(items))
    counts = df[df["measure_type"] == "deployed_now"]["estimate"]
    largest = df.loc[df["estimate"].idxmax()]
    return (f"Dot chart of {len(df)} published estimates of Russian forces near Ukraine in 2021, by what they "
            f"measured. " + ". ".join(parts) + f". The counts of troops present lie between {int(counts.min()):,} "
            f"and {int(counts.max()):,}; the largest number, {int(largest['estimate']):,}, is a "
            f"{_KIND_WORDS.get(largest['measure_type'], largest['measure_type'])}, not a count.")
