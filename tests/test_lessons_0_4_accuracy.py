"""Issue-13 accuracy fixes of lessons 0-4 that the course's data or content files can check."""
from __future__ import annotations

from crisis_course import maps


def test_nato_slider_stops_at_the_cutoff_when_asked():
    w = maps.nato_slider(2021, end=2021)
    slider, caption = w.children[0], w.children[1]
    assert max(slider.options) == 2020
    assert "2020: 30 members" in caption.value and "hindsight" not in caption.value.lower()


def test_nato_slider_labels_later_steps_as_hindsight():
    w = maps.nato_slider(2021)
    slider, caption = w.children[0], w.children[1]
    assert 2023 in slider.options
    slider.value = 2023
    assert "hindsight" in caption.value.lower() and "Finland" in caption.value
    slider.value = 2004
    assert "hindsight" not in caption.value.lower()


def test_kremlin_readout_does_not_mention_pandemic_climate_energy():
    """Issue 13: the Kremlin readout is silent on them (Ushakov said they were not discussed);
    exercise 4's check must not count them as a topic only the Kremlin mentions."""
    from crisis_course import readouts
    from crisis_course.exercises import lesson4

    cov = readouts.coverage()
    wh, kr = lesson4.coverage_columns()
    assert cov.loc["Pandemic, climate, energy", kr] == "not mentioned"
    assert cov.loc["Pandemic, climate, energy", wh] == "not mentioned"
    only_kremlin, only_wh = lesson4.expected_one_sided_topics()
    assert "Pandemic, climate, energy" not in only_kremlin
    assert set(only_kremlin) == {"NATO and who is responsible", "Demands: security guarantees"}
    assert only_wh == []


def test_exercise_4_model_answer_does_not_credit_the_kremlin_with_the_pandemic():
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for folder in ("solutions", "exercises"):
        text = (root / folder / "04_buildup_and_call_exercise.ipynb").read_text(encoding="utf-8")
        assert "Kremlin's readout that paraphrases the pandemic" not in text
    sol = json.loads((root / "solutions" / "04_buildup_and_call_exercise.ipynb").read_text(encoding="utf-8"))
    answer = next("".join(c["source"]) for c in sol["cells"] if c.get("id") == "ex4-20")
    assert "Ushakov" in answer and "neither" in answer.lower()


def test_lesson_1_eu_gas_share_matches_the_data():
    """Lesson 1 types "about 39%" for the EU-27's summed gas imports from Russia in 2020: keep it tied to the data."""
    import nbformat
    from pathlib import Path

    from crisis_course import textanalysis

    share = float(textanalysis.gas_import_share(2020)["Russia's share of gas imports (%)"].iloc[0])
    nb = nbformat.read(Path(__file__).resolve().parents[1] / "lessons" / "01_reading_the_article.ipynb", as_version=4)
    text = next(c.source for c in nb.cells if c.id == "l01-044")
    assert f"about **{round(share)}%**" in text
    assert "including gas one member" in text   # says what the figure counts (issue 13)
