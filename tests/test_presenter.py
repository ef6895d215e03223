"""The presenter cut: a slide plan beside the lesson, checked against it, built into a short deck."""
import textwrap

import nbformat
import pytest
from conftest import REPO

from crisis_course import notes, presenter


def _plan(n_slides, words=10, figure=None, note_key=None):
    slides = []
    for i in range(n_slides):
        body = " ".join(["word"] * words)
        slide = {"title": f"Slide {i + 1}", "text": f"- {body}\n- second point", "steps": i == 0,
                 "say": "Say this."}
        if i == 1 and figure:
            slide["figure"] = figure
        if i == 2 and note_key:
            slide["notes"] = [note_key]
        slides.append(slide)
    return {"lesson": 6, "timing": "0-10 min: one\n10-45 min: two", "slides": slides}


@pytest.fixture
def plan_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(presenter, "plans_dir", lambda: tmp_path)
    presenter._cached.cache_clear()
    return tmp_path


def _write(plan_dir, plan):
    import yaml

    (plan_dir / "06_energy.yaml").write_text(yaml.safe_dump(plan, sort_keys=False), encoding="utf-8")


def _lesson6():
    return nbformat.read(REPO / "lessons" / "06_energy.ipynb", as_version=4)


def _figure_id(nb):
    return next(c.id for c in nb.cells if "figure" in c.metadata.get("tags", []))


def test_no_plan_means_no_presenter_deck(plan_dir):
    assert presenter.load_plan(6) is None
    assert presenter.build(_lesson6(), 6) is None
    assert presenter.problems(_lesson6(), 6) == []


def test_a_good_plan_passes_and_builds(plan_dir):
    nb = _lesson6()
    key = next(iter(notes.load(6)))
    _write(plan_dir, _plan(16, figure=_figure_id(nb), note_key=key))
    assert presenter.problems(nb, 6) == []
    deck = presenter.build(nb, 6)
    types = [c.metadata.get("slideshow", {}).get("slide_type") for c in deck.cells]
    assert types[0] == "slide" and types[1] == "notes"
    assert "Timing plan" in deck.cells[1].source
    assert types.count("fragment") == 2                      # slide 1 builds step by step
    assert sum(1 for c in deck.cells if "presenter-figure" in c.metadata.get("tags", [])) == 1
    assert any(notes.load(6)[key].strip()[:40] in c.source for c in deck.cells if c.cell_type == "markdown")
    assert any("Quiz.from_bank(" in c.source for c in deck.cells if c.cell_type == "code")
    nbformat.validate(deck)


def test_problems_name_slide_and_rule(plan_dir):
    nb = _lesson6()
    plan = _plan(12, words=50, figure="no-such-cell", note_key="no-such-note")
    plan["slides"][3].pop("say")
    del plan["timing"]
    _write(plan_dir, plan)
    text = "\n".join(presenter.problems(nb, 6))
    assert "12 teaching slides; a 45-50-minute class needs 15-25" in text
    assert "'timing'" in text
    assert "slide 1 ('Slide 1'): 52 words of body text" in text
    assert "figure 'no-such-cell' matches no cell id" in text
    assert "notes 'no-such-note' matches no note" in text
    assert "slide 4 ('Slide 4'): has no speaker notes" in text


def test_word_count_ignores_markup():
    assert presenter.teaching_words(textwrap.dedent("""\
        > "Much of their energy supply"
        - **Much** of what? [For whom](http://x)?
        """)) == 10


def test_presenter_deck_exports_with_fragments_and_notes(plan_dir):
    from bs4 import BeautifulSoup

    from crisis_course.export import export_slides

    nb = _lesson6()
    _write(plan_dir, _plan(16, figure=_figure_id(nb), note_key=next(iter(notes.load(6)))))
    html = export_slides(presenter.build(nb, 6), "06_energy", notes=False)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find(string=lambda s: s and "Slide 16" in s)
    assert soup.select("aside.notes") and "Timing plan" in " ".join(a.get_text() for a in soup.select("aside.notes"))
    assert soup.select(".fragment")


def test_every_reference_cell_but_next_follows_the_plan(plan_dir):
    import nbformat as nbf

    from crisis_course import course

    _write(plan_dir, _plan(16, note_key=next(iter(notes.load(6)))))
    for lesson in (6, 4):
        nb = nbf.read(REPO / "lessons" / course.load().lesson(lesson).notebook, as_version=4)
        if lesson == 4:
            (plan_dir / "06_energy.yaml").rename(plan_dir / "04_buildup_and_call.yaml")
            presenter._cached.cache_clear()
        deck = presenter.build(nb, lesson)
        refs = [c.source for c in nb.cells if "reference" in c.metadata.get("tags", [])
                and not c.source.lstrip().startswith("## Next")]
        built = [c.source for c in deck.cells]
        assert all(r in built for r in refs), lesson
        assert not any(s.lstrip().startswith("## Next") for s in built)


def test_quiz_comes_straight_after_the_teaching_slides(plan_dir):
    nb = _lesson6()
    _write(plan_dir, _plan(16, note_key=next(iter(notes.load(6)))))
    deck = presenter.build(nb, 6)
    sources = [c.source for c in deck.cells]
    quiz_at = next(i for i, c in enumerate(deck.cells) if "Quiz.from_bank(" in c.source)
    first_ref = next(i for i, c in enumerate(deck.cells) if "reference" in c.metadata.get("tags", []))
    assert quiz_at < first_ref
    assert sources[quiz_at - 1] == "## Check your understanding"
