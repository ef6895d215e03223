"""The lessons' sliders change their text and their picture together: the text never names a year
the picture does not show yet (a student review saw "2017" over the 2019 map while it was drawn)."""
from __future__ import annotations


def test_dependence_explorer_draws_before_it_changes_its_text(monkeypatch):
    from crisis_course.energy import explorer as ex

    view = ex.dependence_explorer(2020)
    slider, caption, picture = view.children[:3]
    seen = []
    real = ex._picture

    def spy(year, min_imports_twh):
        seen.append((year, caption.value))
        return real(year, min_imports_twh)

    monkeypatch.setattr(ex, "_PICTURES", {})
    monkeypatch.setattr(ex, "_picture", spy)
    slider.value = 2017
    assert [year for year, _ in seen] == [2017]
    assert "<strong>2020</strong>" in seen[0][1]  # while 2017 was drawn, the text still said 2020
    assert "<strong>2017</strong>" in caption.value and "2017" in picture.value


def test_nato_slider_draws_before_it_changes_its_text(monkeypatch):
    from crisis_course import figures, maps

    seen = []
    holder = {}
    real = figures.to_html

    def spy(fig, alt, *args, **kwargs):
        if "caption" in holder:
            seen.append(holder["caption"].value)
        return real(fig, alt, *args, **kwargs)

    monkeypatch.setattr(figures, "to_html", spy)
    view = maps.nato_slider(end=2021)
    slider, caption, picture = view.children[:3]
    holder["caption"] = caption
    slider.value = 2004
    assert len(seen) == 1 and "<strong>2020:" in seen[0]  # while 2004 was drawn, the text still said 2020
    assert "<strong>2004:" in caption.value and "NATO at the end of 2004" in picture.value
