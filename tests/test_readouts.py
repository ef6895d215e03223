"""Tests for crisis_course.readouts: the readouts file, the side-by-side table and the
troop-estimates data and chart used in lesson 4."""
from __future__ import annotations

import datetime as dt

import pytest

from crisis_course import readouts

CUTOFF = dt.date(2021, 12, 7)


def test_load_has_sections_and_both_sides():
    data = readouts.load()
    assert set(data) >= {"call", "sides", "topics", "excerpts", "sources"}
    assert set(data["sides"]) == {"us", "russia"}
    assert data["call"]["date"] == "2021-12-07"


def test_load_returns_a_copy():
    data = readouts.load()
    data["excerpts"].clear()
    assert len(readouts.load()["excerpts"]) > 0


def test_every_topic_has_an_entry_for_each_side():
    data = readouts.load()
    for topic in data["topics"]:
        for side in data["sides"]:
            rows = [e for e in data["excerpts"] if e["topic"] == topic["key"] and e["side"] == side]
            assert rows, f"{topic['key']} has nothing for {side}: say 'absent' explicitly"


def test_excerpts_are_attributed_and_sourced():
    df = readouts.excerpts()
    assert len(df) >= 12
    assert df["speaker"].str.strip().ne("").all()
    assert df["citation"].str.contains("2021").all()
    assert set(df["kind"]) <= set(readouts.KINDS)


def test_sources_are_not_later_than_a_day_after_the_call():
    # The lesson speaks from 7 December 2021; summaries published on 8 December report the
    # briefings of the 7th. Nothing later belongs in this file.
    for _, src in readouts.sources().iterrows():
        assert dt.date.fromisoformat(src["date"]) <= CUTOFF + dt.timedelta(days=1), src["id"]


def test_key_quotations_are_present_verbatim():
    text = " ".join(readouts.excerpts()["text"])
    assert "escalation of forces surrounding Ukraine" in text
    assert "strong economic and other measures in the event of military escalation" in text
    assert "legally binding guaranties" in text  # the Kremlin's own English spelling
    assert "things we did not do in 2014 we are prepared to do now" in text


def test_excerpt_filters():
    us = readouts.excerpts(side="us")
    assert set(us["side"]) == {"us"}
    nato = readouts.excerpts(topic="nato")
    assert set(nato["topic"]) == {"nato"}


def test_coverage_marks_what_the_white_house_left_out():
    cov = readouts.coverage()
    assert list(cov.columns) == ["United States (White House)", "Russia (Kremlin)"]
    assert cov.loc["Demands: security guarantees", "United States (White House)"] == "not mentioned"
    assert cov.loc["Demands: security guarantees", "Russia (Kremlin)"] == "quoted"


def test_side_by_side_html_and_text():
    table = readouts.side_by_side(cite={"wh_readout": 1, "kremlin_readout": 2})
    bundle = table._repr_mimebundle_()
    html_text, plain = bundle["text/html"], bundle["text/plain"]
    assert html_text.startswith("<table") and html_text.endswith("</table>")
    assert "<caption" in html_text and 'scope="col"' in html_text
    assert "United States (White House)" in html_text and "Russia (Kremlin)" in html_text
    assert "[1]" in html_text and "[2]" in html_text
    # quotation marks inside quotes are escaped, not raw
    assert "&quot;threatening&quot;" in html_text
    assert "[not mentioned]" in plain


def test_side_by_side_topic_subset_and_unknown_topic():
    table = readouts.side_by_side(topics=["guarantees"])
    assert "security guarantees" in table.html
    assert "Threatened consequences" not in table.html
    with pytest.raises(ValueError):
        readouts.side_by_side(topics=["no_such_topic"])


def test_validate_rejects_bad_excerpts():
    data = readouts.load()
    data["excerpts"][0]["source"] = "nowhere"
    with pytest.raises(ValueError, match="unknown source"):
        readouts._validate(data)
    data = readouts.load()
    data["excerpts"][0]["kind"] = "rumour"
    with pytest.raises(ValueError, match="kind"):
        readouts._validate(data)


def test_troop_estimates_columns_and_types():
    df = readouts.troop_estimates()
    for col in ("date", "when", "estimate", "unit", "measured", "measure_type", "who", "status", "source"):
        assert col in df.columns
    assert df["estimate"].dtype.kind == "i"
    assert (df["when"].dt.date <= CUTOFF).all()
    assert set(df["measure_type"]) <= set(readouts.MEASURE_TYPES)
    assert df["source"].str.contains("2021").all()


def test_the_175000_figure_is_a_plan_and_a_press_report():
    df = readouts.troop_estimates(unit="troops")
    row = df[df["estimate"] == 175_000].iloc[0]
    assert row["measure_type"] == "planned"
    assert row["status"] == "press report"
    assert row["date"] == "2021-12-03"
    near = df[(df["date"] == "2021-12-03") & (df["estimate"] == 70_000)]
    assert near.iloc[0]["measure_type"] == "deployed_now"


def test_borrell_figure_and_correction():
    df = readouts.troop_estimates(unit="troops")
    borrell = df[df["who"].str.startswith("Josep Borrell")]
    assert set(borrell["estimate"]) == {150_000, 100_000}
    assert borrell.set_index("estimate").loc[150_000, "measure_type"] == "corrected"


def test_unit_filter():
    assert set(readouts.troop_estimates(unit="troops")["unit"]) == {"troops"}
    assert "BTGs" in set(readouts.troop_estimates()["unit"])


def test_estimates_table_formats_numbers():
    table = readouts.estimates_table(unit="troops")
    assert "175,000" in set(table["Number"])
    assert list(table.columns)[:2] == ["Date", "Number"]


def test_estimates_html_lists_every_estimate_with_its_source():
    table = readouts.estimates_html()
    df = readouts.troop_estimates()
    assert table.html.count("<tr>") == len(df) + 1  # header row + one per estimate
    assert "175,000 troops" in table.html and "Washington Post" in table.html
    assert len(table.plain.splitlines()) == len(df) + 1


def test_estimates_chart_draws_one_marker_per_estimate():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = readouts.estimates_chart()
    ax = fig.axes[0]
    n = len(readouts.troop_estimates(unit="troops"))
    assert len(ax.collections) >= n  # scatter markers (plus the guide lines)
    assert len(ax.get_yticklabels()) == n
    assert "Estimates" in ax.get_title(loc="left")
    plt.close(fig)


def test_side_by_side_cites_lesson_numbers_by_default():
    """Lesson 4 needs no cite mapping in a code cell: the source numbers live in readouts.yaml."""
    cite = readouts.default_cite()
    assert cite["wh_readout"] == 2 and cite["kremlin_readout"] == 3
    table = readouts.side_by_side(topics=["guarantees"])
    assert "[3]" in table.html and "[2]" in table.html
    # cite={} prints full citations without numbers
    full = readouts.side_by_side(topics=["guarantees"], cite={})
    assert "[3]" not in full.html and "Meeting with US President Joseph Biden" in full.html


def test_validate_rejects_a_bad_ref():
    data = readouts.load()
    data["sources"]["wh_readout"]["ref"] = "two"
    with pytest.raises(ValueError, match="ref"):
        readouts._validate(data)


def test_estimate_kinds_differ_in_shape_not_only_colour():
    markers = [m["marker"] for m in readouts.MEASURE_TYPES.values()]
    assert len(set(markers)) == len(markers)


def test_chart_labels_say_press_report_not_leaked():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = readouts.estimates_chart()
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.get_yticklabels()] + [t.get_text() for t in ax.get_legend().get_texts()]
    assert not any("leak" in t.lower() for t in texts)
    assert any("press report" in t for t in texts)
    plt.close(fig)


def test_estimates_html_by_period():
    import pytest as _pytest

    from crisis_course import readouts as r

    df = r.troop_estimates()
    for period in ("spring", "autumn"):
        html = r.estimates_html(period=period)._repr_html_()
        assert html.count("<tr") - 1 == (df["period"] == period).sum()
    with _pytest.raises(ValueError, match="period must be one of"):
        r.estimates_html(period="winter")


def test_estimates_alt_text_is_written_from_the_table():
    df = readouts.troop_estimates(unit="troops")
    alt = readouts.estimates_alt_text()
    for _, r in df.iterrows():
        assert f"{int(r['estimate']):,}" in alt
    assert "175,000, is a plan, not a count" in alt
