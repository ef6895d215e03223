"""Monthly prices (World Bank): the lesson 6 gas-price chart and the lesson 5 oil-and-rouble chart."""
import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from crisis_course import data, prices  # noqa: E402


def test_shipped_series_match_the_readme_checks():
    p = data.prices_monthly().set_index(["month", "series"])["value"]
    assert p[("2021-11", "Natural gas, Europe")] == pytest.approx(27.62, abs=0.01)
    assert p[("2021-10", "Crude oil, Brent")] == pytest.approx(83.65, abs=0.01)
    r = data.rouble_per_dollar().set_index("month")["rub_per_usd"]
    assert len(r) == 48
    assert r["2014-01"] == pytest.approx(33.8, abs=0.1)
    assert r["2014-12"] == pytest.approx(56.7, abs=0.1)
    assert r.idxmax() == "2016-01" and r.max() == pytest.approx(77.4, abs=0.1)


def test_gas_chart_stops_before_the_cutoff():
    df = prices.gas_monthly()
    assert df["month"].iloc[-1] == "2021-11" == prices.LAST_MONTH_BEFORE_CUTOFF
    assert df["month"].iloc[0] == "2015-04"          # the TTF era of the World Bank series
    fig = prices.gas_price_chart()
    line = fig.axes[0].lines[0]
    assert len(line.get_xdata()) == len(df)
    assert max(line.get_ydata()) == pytest.approx(df["europe"].max())


def test_gas_alt_text_is_computed_from_the_data():
    text = prices.gas_price_alt_text()
    df = prices.gas_monthly().set_index("month")
    assert f"{df['europe'].max():.1f} in October 2021" in text
    assert f"{df['europe'].iloc[-1]:.1f} in November 2021" in text
    assert "December 2021 is left out" in text


def test_oil_rouble_chart_and_alt_text():
    df = prices.oil_rouble()
    assert (df["month"].iloc[0], df["month"].iloc[-1], len(df)) == ("2013-01", "2016-12", 48)
    fig = prices.oil_rouble_chart()
    assert len(fig.axes) == 2 and fig.axes[1].yaxis_inverted()
    text = prices.oil_rouble_alt_text()
    assert "peak of 77 in January 2016" in text and "low of 31 in January 2016" in text


def test_text_in_the_charts_is_at_least_13_point():
    for fig in (prices.gas_price_chart(), prices.oil_rouble_chart()):
        sizes = [t.get_fontsize() for ax in fig.axes for t in ax.get_xticklabels() + ax.get_yticklabels()]
        assert min(sizes) >= 13


def _note_problems(fig) -> list[str]:
    """The plotted lines running through the 'December 2021 left out' note, and texts on it."""
    from matplotlib.text import Text
    from overlap_support import lines_through_box, overlapping_boxes

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    note = next(t for t in fig.findobj(Text) if t.get_text().startswith("December 2021 left out"))
    box = Text.get_window_extent(note, renderer)
    found = [f"the line {label!r} runs through the note" for ax in fig.axes for label in lines_through_box(box, ax)]
    others = [(t.get_text(), Text.get_window_extent(t, renderer)) for t in fig.findobj(Text)
              if t is not note and t.get_visible() and t.get_text().strip()]
    return found + [p for p in overlapping_boxes([(note.get_text(), box)] + others) if "December 2021 left" in p]


@pytest.mark.parametrize("layout", ["notebook", "slide"])
def test_the_december_note_lies_off_the_price_lines(layout):
    import matplotlib.pyplot as plt

    fig = prices.gas_price_chart(layout=layout)
    try:
        assert _note_problems(fig) == []
    finally:
        plt.close(fig)


def test_the_note_check_fails_where_the_note_lay_on_the_lines(monkeypatch):
    # the notebook figure as a teacher saw it: the note at the bottom right, across both lines
    import matplotlib.pyplot as plt

    monkeypatch.setattr(prices, "_NOTEBOOK_NOTE_AT", (0.99, 0.02, "right", "bottom"))
    fig = prices.gas_price_chart()
    found = _note_problems(fig)
    plt.close(fig)
    assert "the line 'Europe (Dutch TTF hub)' runs through the note" in found
    assert "the line 'United States (Henry Hub)' runs through the note" in found
