"""Lesson 4's map of reported deployments, as known on 7 December 2021."""
import matplotlib

matplotlib.use("Agg")

from crisis_course import deployments, safeyaml  # noqa: E402


def test_every_point_is_dated_sourced_and_before_the_cutoff():
    assert deployments.problems() == []
    rows = deployments.load()
    assert {d["period"] for d in rows} == set(deployments.PERIODS)
    for d in rows:
        assert str(d["date"]) <= "2021-12-07" and d["source"].strip()
    places = " ".join(d["place"] for d in rows)
    for named in ("Yelnya", "Pogonovo", "Crimea", "Mulino"):
        assert named in places


def test_a_later_report_is_refused_as_hindsight():
    data = safeyaml.load_file(deployments.path())
    data["deployments"][0]["date"] = "2022-01-20"
    assert any("hindsight" in p for p in deployments.problems(data))


def test_map_and_alt_text_agree_with_the_table():
    fig = deployments.deployments_map()
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    for label, _, _ in deployments.PERIODS.values():
        assert label in labels
    alt = deployments.deployments_alt_text()
    for d in deployments.load():
        assert d["place"] in alt
    assert "January 2022" in alt and "68/262" in alt
