"""Tests for crisis_course.textanalysis: the close-reading helpers used in lesson 1."""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from crisis_course import textanalysis as ta  # noqa: E402

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_a01f77809c830506.txt"


@pytest.fixture(scope="module")
def pars():
    return ta.get_paragraphs(text=SEED.read_text(encoding="utf-8"))


def test_paragraphs_of_the_seed(pars):
    assert len(pars) == 9
    assert pars[0].startswith("date 2021-12-07")
    assert pars[-1].startswith("The Biden administration has negotiated")


def test_get_paragraphs_prefers_explicit_paragraphs():
    assert ta.get_paragraphs(["  a ", "b"]) == ["a", "b"]
    assert ta.get_paragraphs(text="a\n\n b \n") == ["a", "b"]


def test_actor_mentions_counts(pars):
    counts = ta.actor_mentions(pars)
    assert list(counts.index) == list(range(1, 9))  # header line left out
    assert list(counts.columns) == list(ta.ACTORS)
    # "Poutine" is counted as Putin: paragraph 6 names him twice ("Putin's eyes", "Poutine").
    assert counts.loc[6, "Putin"] == 2
    # "Biden administration" counts for the United States, not for Biden the person.
    assert counts.loc[1, "Biden"] == 0 and counts.loc[1, "United States"] == 1
    assert counts["Biden"].sum() == 3
    # "Carnegie Moscow Center" is not the Russian state.
    assert counts.loc[5, "Russia (state)"] == 2
    assert counts.loc[4, "China"] == 1 and counts["China"].sum() == 1
    # "the Eastern European nation" is Ukraine, not Europe.
    assert counts.loc[1, "Europe"] == 0 and counts["Europe"].sum() == 3


def test_actor_mentions_include_header(pars):
    counts = ta.actor_mentions(pars, include_header=True)
    assert 0 in counts.index


def test_actor_mentions_on_other_text():
    counts = ta.actor_mentions(text="Putin met Biden in Geneva.\nNATO met in Riga.")
    assert counts.loc[0, "Putin"] == 1 and counts.loc[0, "Biden"] == 1
    assert counts.loc[1, "NATO / the West"] == 1


def test_plot_actor_mentions_returns_figure(pars):
    import matplotlib.pyplot as plt

    fig = ta.plot_actor_mentions(ta.actor_mentions(pars))
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "Putin (7)"
    assert all(t.get_fontsize() >= 10 for t in ax.get_xticklabels())
    plt.close(fig)


def test_quotations_and_speakers(pars):
    q = ta.quotations(pars)
    assert len(q) == 2
    assert list(q["paragraph"]) == [5, 6]
    assert q.loc[0, "speaker"] == "Maxim Samorukov"
    assert q.loc[1, "speaker"] == "Samorukov"
    assert q.loc[0, "quote"].startswith("Seen from Moscow")
    assert bool(q.loc[0, "marks_match"]) is True
    assert bool(q.loc[1, "marks_match"]) is False  # opens with “ and closes with “


def test_quotations_straight_marks():
    q = ta.quotations(text='"We are ready," said Ms Smith.')
    assert q.loc[0, "speaker"] == "Smith" and bool(q.loc[0, "marks_match"])


def test_translation_signs_found(pars):
    signs = ta.translation_signs(pars)
    found = set(signs["sign"])
    for sign in ["French spelling of a name", "Older Russian-derived place name",
                 "Dangling fragment", "Sentence without a main verb",
                 "Mismatched quotation marks", "Mixed house styles",
                 "Space before punctuation"]:
        assert sign in found, sign
    fragments = signs[signs["sign"] == "Dangling fragment"]
    # Only the real fragment, not "For Mr." (an abbreviation).
    assert list(fragments["evidence"]) == ["Biden administration."]
    assert list(fragments["paragraph"]) == [1]


def test_translation_signs_clean_text_has_none():
    clean = "Mr. Putin met Mr. Biden in Geneva. They talked for two hours."
    assert ta.translation_signs(text=clean).empty


def test_honorific_styles(pars):
    assert ta.honorific_styles(pars) == {"Mr": 7, "Mr.": 1}


def test_sentence_roles_cover_every_paragraph(pars):
    roles = ta.sentence_roles(pars)
    assert set(roles["role"]) <= set(ta.ROLE_LABELS)
    assert set(roles["paragraph"]) == set(range(1, 9))
    assert len(roles) == 13
    summary = ta.role_summary(roles)
    assert summary["sentences"].sum() == 13
    assert summary["definition"].notna().all()


def test_sentence_roles_notices_a_changed_article():
    with pytest.raises(ValueError):
        ta.sentence_roles(["date 2021-12-07 Headline", "A different text."])


def test_assumed_knowledge_points_to_lessons(pars):
    table = ta.assumed_knowledge(pars)
    assert set(table["lesson"]) <= set(range(2, 8))
    assert {2, 3, 4, 5, 6, 7} <= set(table["lesson"])
    assert table["lesson"].is_monotonic_increasing


def test_unanswered_questions():
    table = ta.unanswered_questions()
    assert len(table) >= 5
    assert table["lesson"].between(0, 8).all()


def test_display_table_left_aligned(pars):
    styler = ta.display_table(ta.quotations(pars), ["speaker", "quote"], caption="Quotations")
    html = styler.to_html()
    assert "text-align: left" in html and "Quotations" in html
    assert "Maxim Samorukov" in html and "opening_mark" not in html


def test_display_table_rounds_decimals():
    import pandas as pd

    html = ta.display_table(pd.DataFrame({"share": [38.7213], "twh": [4253.783]})).to_html()
    assert "38.7<" in html and "4253.8<" in html


def test_honorific_counts_read_as_words(pars):
    signs = ta.translation_signs(pars)
    mixed = signs[signs["sign"] == "Mixed house styles"]["evidence"].iloc[0]
    assert mixed == "“Mr” 7 times, “Mr.” once"
    assert "1 times" not in " ".join(map(str, signs["evidence"]))


def test_gas_import_share_has_plain_headers():
    table = ta.gas_import_share(2020)
    assert list(table.columns) == ["area", "year", "gas imports (TWh)", "of which from Russia (TWh)",
                                   "Russia's share of gas imports (%)"]
    assert len(table) == 1 and table.loc[0, "area"].startswith("EU-27")
    assert 38 < table.loc[0, "Russia's share of gas imports (%)"] < 40  # Eurostat, 2020: 38.7%
    two = ta.gas_import_share(2020, ["DEU", "EU27_2020"])
    assert list(two["area"]) == ["Germany", "EU-27 (the 27 member states)"]
    with pytest.raises(ValueError):
        ta.gas_import_share(2020, ["XXX"])


def test_country_figures_readable_and_without_index():
    table = ta.country_figures(["Ukraine", "RUS"], [2000, 2020])
    assert list(table.columns) == ["country", "year", "population (millions)",
                                   "GDP (billion US dollars, current prices)"]
    assert list(table["country"]) == ["Russia", "Russia", "Ukraine", "Ukraine"]
    assert list(table["year"]) == [2000, 2020, 2000, 2020]
    html = ta.display_table(table).to_html()
    assert "gdp_current_usd" not in html and "iso_a3" not in html
    assert "<th class=\"blank level0\"" not in html  # no index column
    with pytest.raises(ValueError):
        ta.country_figures(["Atlantis"])


def _events(rows):
    import pandas as pd

    df = pd.DataFrame(rows, columns=["date", "event", "category"])
    df["after_cutoff"] = pd.to_datetime(df["date"]) > pd.Timestamp("2021-12-07")
    return df


def test_describe_timeline_lists_every_plotted_event():
    from crisis_course import timeline

    events = timeline.load(start="2021-11-25", end="2021-12-20")
    text = ta.describe_timeline(events)
    for event in events["event"]:
        assert event.rstrip(".") in text
    n_after = int(events["after_cutoff"].sum())
    assert n_after >= 1
    assert "hollow markers" in text and "(hindsight)" in text
    # the counts are right, in words
    words = ta._NUMBER_WORDS
    assert f"{words[len(events)]} events" in text
    verb = "events are" if n_after > 1 else "event is"
    assert f"{words[n_after].capitalize()} {verb} after 7 December 2021" in text


def test_describe_timeline_small_cases():
    before_only = _events([("2021-12-01", "A happens", "diplomacy"),
                           ("2021-12-03", "B happens", "diplomacy")])
    text = ta.describe_timeline(before_only, meaning="It means little.")
    assert "two events from 1 December to 3 December 2021" in text
    assert "All of them are on or before 7 December 2021" in text and "hollow" not in text
    assert "All markers are pink diamonds (category: Diplomacy)" in text
    assert text.endswith("It means little.")
    mixed = _events([("2021-12-06", "A", "sanctions"), ("2021-12-17", "B", "nato")])
    text = ta.describe_timeline(mixed)
    assert "One event is on or before" in text and "One event is after" in text
    assert "sanctions (orange downward triangles), NATO (green squares)" in text
    assert ta.describe_timeline(mixed.iloc[0:0]).startswith("An empty timeline")
