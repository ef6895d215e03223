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
