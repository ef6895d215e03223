"""Tests for crisis_course.bargaining: model properties, the explanation text and the explorer."""
import math

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from crisis_course import bargaining  # noqa: E402
from crisis_course.bargaining import analyse, explain  # noqa: E402


def grid(n=11):
    return [i / (n - 1) for i in range(n)]


# --- model properties ---------------------------------------------------------------------------

def test_defaults_give_the_documented_numbers():
    r = analyse()
    assert math.isclose(r.range_low, 0.4)
    assert math.isclose(r.range_high, 0.75)
    assert math.isclose(r.range_width, 0.35)
    assert r.outcome == "deal"
    assert math.isclose(r.predicted_deal, 0.4)


def test_raising_challenger_cost_shrinks_the_deals_it_would_fight_over():
    """A costlier war makes the challenger accept more deals: the set of deals it rejects in
    favour of war, [0, p - cost), shrinks and the bargaining range widens."""
    for p in grid():
        previous_low, previous_width = None, None
        for cost in grid():
            r = analyse(p=p, cost_challenger=cost, cost_defender=0.1, offer=0.2, credibility=0.5)
            rejected = r.range_low  # length of [0, range_low): deals it prefers war to
            if previous_low is not None:
                assert rejected <= previous_low + 1e-12
                assert r.range_width >= previous_width - 1e-12
            previous_low, previous_width = rejected, r.range_width


def test_raising_defender_cost_widens_range_from_above():
    widths = [analyse(p=0.4, cost_challenger=0.1, cost_defender=c).range_high for c in grid()]
    assert widths == sorted(widths)


def test_costly_war_always_leaves_a_bargaining_range():
    for p in grid():
        for c1 in grid(6):
            for c2 in grid(6):
                r = analyse(p=p, cost_challenger=c1, cost_defender=c2)
                assert r.range_exists
                assert r.range_low <= p <= r.range_high
                # width equals the summed costs unless cut off at 0 or 1
                assert r.range_width <= c1 + c2 + 1e-12


def test_range_width_is_sum_of_costs_inside_the_line():
    r = analyse(p=0.5, cost_challenger=0.1, cost_defender=0.2)
    assert math.isclose(r.range_width, 0.3)


def test_offer_in_range_flag():
    assert analyse(p=0.5, cost_challenger=0.1, cost_defender=0.1, offer=0.45).offer_in_range
    assert not analyse(p=0.5, cost_challenger=0.1, cost_defender=0.1, offer=0.2).offer_in_range
    assert not analyse(p=0.5, cost_challenger=0.1, cost_defender=0.1, offer=0.9).offer_in_range


def test_generous_offer_means_the_threat_is_a_bluff():
    r = analyse(p=0.5, cost_challenger=0.2, cost_defender=0.1, offer=0.35, credibility=1)
    assert r.challenger_accepts_offer
    assert r.outcome == "status_quo_holds"


def test_credibility_turns_war_risk_into_a_deal():
    low = analyse(credibility=0.1)
    high = analyse(credibility=0.9)
    assert low.outcome == "war_risk" and low.predicted_deal is None
    assert high.outcome == "deal"
    assert high.defender_max_concession > low.defender_max_concession


def test_concession_grows_with_credibility_and_is_bounded():
    prev = -1
    for q in grid(21):
        r = analyse(credibility=q)
        assert r.offer - 1e-12 <= r.defender_max_concession <= r.range_high + 1e-12
        assert r.defender_max_concession >= prev - 1e-12
        prev = r.defender_max_concession
    assert math.isclose(analyse(credibility=1).defender_max_concession, analyse().range_high)
    assert math.isclose(analyse(credibility=0).defender_max_concession, analyse().offer)


def test_zero_cost_war_collapses_range_to_point():
    r = analyse(p=0.5, cost_challenger=0, cost_defender=0, offer=0.2, credibility=1)
    assert r.range_width == 0 and r.range_exists
    assert "costs nothing" in explain(r)


@pytest.mark.parametrize("bad", [-0.1, 1.5, "x", None])
def test_inputs_are_validated(bad):
    with pytest.raises(ValueError):
        analyse(p=bad)


# --- explanation text ----------------------------------------------------------------------------

def test_explanation_changes_with_outcome():
    texts = {
        "deal": explain(analyse(credibility=0.9)),
        "war_risk": explain(analyse(credibility=0.1)),
        "status_quo_holds": explain(analyse(offer=0.6)),
    }
    assert "peaceful deal" in texts["deal"]
    assert "risk of war" in texts["war_risk"]
    assert "status quo holds" in texts["status_quo_holds"]
    assert len(set(texts.values())) == 3


def test_explanation_reports_the_numbers():
    text = explain(p=0.6, cost_challenger=0.2, cost_defender=0.15, offer=0.3, credibility=0.5)
    for number in ("60%", "40%", "75%", "30%"):
        assert number in text
    assert "outside the bargaining range" in text


def test_explanation_flags_offer_defender_would_fight_over():
    text = explain(p=0.05, cost_challenger=0.3, cost_defender=0.02, offer=0.9, credibility=0)
    assert "defender that would rather fight" in text


def test_describe_is_alt_text_with_numbers():
    alt = bargaining.describe(analyse())
    assert "40%" in alt and "75%" in alt and "peaceful deal" in alt


# --- figures ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("settings, range_words", [
    (dict(p=0.6, cost_challenger=0.2, cost_defender=0.15, offer=0.3, credibility=0.5), "bargaining range"),
    (dict(p=0.95, cost_challenger=0.0, cost_defender=0.0, offer=0.0, credibility=0.5), "one deal only"),
    (dict(p=1.0, cost_challenger=0.0, cost_defender=0.3, offer=0.0, credibility=0.5), "one deal only"),
    (dict(p=0.5, cost_challenger=0.0, cost_defender=0.0, offer=0.5, credibility=0.5), "one deal only"),
], ids=["lesson", "zero width at 95%", "zero width at the end", "zero width at 50%"])
def test_a_zero_wide_range_is_not_labelled_a_bargaining_range(settings, range_words):
    """Both layouts (the figure, its slide, the explorer's picture) and the alt text name a range
    only when it is wider than a point."""
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    r = analyse(**settings)
    assert r.range_exists and (r.range_width > 0) == (range_words == "bargaining range")
    notebook = bargaining.plot(**settings)
    drawings = [notebook, notebook._crisis_course_slide(), bargaining._explorer_figure(r)]
    for fig in drawings:
        words = [t.get_text() for t in fig.findobj(Text)]
        assert range_words in words
        assert ("bargaining range" in words) == (range_words == "bargaining range"), words
    alt = bargaining.describe(r)
    assert ("bargaining range runs from" in alt) == (range_words == "bargaining range"), alt
    assert (f"only one deal, marked at {bargaining._pct(r.range_low)}" in alt) == (range_words == "one deal only")
    plt.close("all")

def test_plot_returns_figure_with_title():
    import matplotlib.pyplot as plt

    fig = bargaining.plot(credibility=0.1)
    assert fig.axes[0].get_title(loc="left").startswith("Outcome: risk of war")
    plt.close(fig)
    fig = bargaining.plot_credibility(mark=0.5)
    assert len(fig.axes) == 1
    plt.close(fig)
    assert "about 22%" in bargaining.describe_credibility()


# --- the widget --------------------------------------------------------------------------------

def test_explorer_recomputes_when_a_slider_moves():
    ex = bargaining.explorer(credibility=0.9)
    assert ex.result.outcome == "deal"
    before_text, before_fig = ex.explanation.value, ex.figure.value
    ex.sliders["credibility"].value = 0.1
    assert ex.result.outcome == "war_risk"
    assert ex.explanation.value != before_text
    assert "risk of war" in ex.explanation.value
    assert ex.figure.value != before_fig
    assert 'alt="' in ex.figure.value


def test_explorer_each_slider_is_wired():
    ex = bargaining.explorer()
    for name, slider in ex.sliders.items():
        old = ex.result
        slider.value = 0.95 if slider.value < 0.9 else 0.05
        assert getattr(ex.result, name) == pytest.approx(slider.value)
        assert ex.result != old


def test_explorer_static_fallback_html():
    ex = bargaining.explorer()
    bundle = ex._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "application/vnd.jupyter.widget-view+json" in data
    assert "text/html" in data and "<img" in data["text/html"]
    assert "peaceful deal" in data["text/plain"]


def test_explorer_rejects_unknown_inputs():
    with pytest.raises(ValueError):
        bargaining.explorer(speed=0.3)


def test_credibility_chart_legend_names_the_current_setting():
    import matplotlib.pyplot as plt

    fig = bargaining.plot_credibility(mark=0.5)
    labels = [x.get_text() for x in fig.axes[0].get_legend().get_texts()]
    assert any(label.startswith("current setting") and "50%" in label for label in labels)
    plt.close(fig)
    fig = bargaining.plot_credibility()
    labels = [x.get_text() for x in fig.axes[0].get_legend().get_texts()]
    assert not any("current setting" in label for label in labels)
    plt.close(fig)
    alt = bargaining.describe_credibility(mark=0.5)
    assert "current setting" in alt and "52%" in alt
    assert "current setting" not in bargaining.describe_credibility()
