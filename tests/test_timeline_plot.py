"""Timelines: a real time axis, a line at the cutoff, and "(hindsight)" only where it is the exception."""
import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402

from crisis_course import timeline  # noqa: E402


def _texts(fig):
    return [t.get_text() for t in fig.axes[0].texts]


def _axis_marker_ys(fig):
    """y of the markers drawn on the time axis (x == 0), in the events' order."""
    ys = []
    for coll in fig.axes[0].collections:
        for x, y in coll.get_offsets():
            if abs(x) < 1e-9:
                ys.append(y)
    return ys


def test_markers_are_placed_to_scale():
    events = timeline.load(lessons=[4], start="2021-10-01")
    fig = timeline.plot(events)
    ys = _axis_marker_ys(fig)
    when = pd.to_datetime(events["when"]).tolist()
    assert len(ys) == len(when) >= 4
    # equal time steps give equal distances: compare the first-to-last span with an inner span
    total = (when[-1] - when[0]).days
    part = (when[-2] - when[0]).days
    assert abs((ys[0] - ys[-2]) / (ys[0] - ys[-1]) - part / total) < 1e-6


def test_cutoff_line_in_the_legend_when_the_events_span_it():
    fig = timeline.plot(timeline.load(lessons=[4], start="2021-10-01"))
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "7 Dec 2021: the article's date" in labels
    early = timeline.load(lessons=[2], end="2005-01-01")
    fig = timeline.plot(early)
    assert "7 Dec 2021: the article's date" not in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_hindsight_label_only_where_it_is_the_exception():
    autumn = timeline.load(lessons=[4], start="2021-10-01")
    assert autumn["after_cutoff"].sum() * 2 < len(autumn) and autumn["after_cutoff"].any()
    assert any("(hindsight)" in t for t in _texts(timeline.plot(autumn)))
    epilogue = timeline.load(lessons=[8], start="2021-12-01")
    assert epilogue["after_cutoff"].sum() * 2 > len(epilogue)
    assert not any("(hindsight)" in t for t in _texts(timeline.plot(epilogue)))
    assert any("(hindsight)" in t for t in _texts(timeline.plot(epilogue, mark_hindsight=True)))


def test_every_row_carries_its_date_beside_the_label():
    events = timeline.load(lessons=[4], start="2021-10-01")
    texts = _texts(timeline.plot(events, label_width=200))
    for _, ev in events.iterrows():
        assert any(t.startswith(timeline._format_date(ev["date"]) + ": ") for t in texts)
