"""The presenter cut: a slide plan beside the lesson, checked against it, built into a short deck."""
import re
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


def test_figure_captions_lose_pointers_into_the_notebook(plan_dir):
    """On a presenter slide the figure stands alone: "the event table that follows", "(section 4)",
    "listed in the text above", repository paths and "Figure 2b." are rewritten or dropped."""
    from crisis_course import figures

    nb = _lesson6()
    fid = _figure_id(nb)
    cell = next(c for c in nb.cells if c.id == fid)
    caption = ("Figure 2b. Events (content/timeline.csv); each event's source is listed in the event table that "
               "follows. Starred shares are artefacts (section 4); the third is approximate (see text); the seven of "
               "2004 (the seven of 2004 are listed in the text above).")
    html = figures.figure_html(b"\x89PNG" + b"\0" * 30, "A chart.", caption, "Data: content/deployments.yaml (RFE/RL)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html, figures.SLIDE_MIME: html})]
    _write(plan_dir, _plan(16, figure=fid))
    deck = presenter.build(nb, 6)
    shown = next(c for c in deck.cells if "presenter-figure" in c.metadata.get("tags", []))
    for key in ("text/html", figures.SLIDE_MIME):
        text = shown.outputs[0]["data"][key]
        for pointer in ("Figure 2b", "that follows", "section 4", "see text", "text above", "content/"):
            assert pointer not in text, (key, pointer, text)
        assert "listed in the lesson&#x27;s event table" in text or "listed in the lesson's event table" in text
        assert "Starred shares are artefacts;" in text and "Data: (RFE/RL)" in text
    assert "that follows" in cell.outputs[0]["data"]["text/html"]  # the lesson's own cell is untouched


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
        notes_text = "\n".join(c.source for c in deck.cells if c.metadata.get("slideshow", {}).get("slide_type") == "notes")
        glossary = [r for r in refs if not r.lstrip().startswith(("## Sources", "### Sources")) and not r[:4].strip()[:1].isdigit()]
        assert glossary and all(r in built for r in glossary), lesson
        # the Sources: one screen on the projector, every entry in its speaker notes
        sources_screens = [s for s in built if s.startswith("## Sources")]
        assert len(sources_screens) == 1 and "cites" in sources_screens[0], sources_screens
        for r in refs:
            if r not in glossary:
                body = re.sub(r"^#{2,3} Sources( \(continued\))?\s*", "", r.strip())
                assert body and body in notes_text, (lesson, r[:60])
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


# --------------------------------------------------------------------------- every lesson's plan and the guide

def _manifest():
    from crisis_course import course

    return course.load().lessons


LESSON_IDS = [f"lesson{lesson.number}" for lesson in _manifest()]


@pytest.mark.parametrize("lesson", _manifest(), ids=LESSON_IDS)
def test_every_lesson_has_a_presenter_plan_that_passes(lesson):
    presenter._cached.cache_clear()
    plan = presenter.load_plan(lesson.number)
    assert plan is not None, f"no presenter plan for lesson {lesson.number} ({presenter.plan_path(lesson.number)})"
    assert plan.get("lesson") == lesson.number
    nb = nbformat.read(REPO / "lessons" / lesson.notebook, as_version=4)
    assert presenter.problems(nb, lesson.number) == []


_SLIDE_REF = re.compile(r"\b[Ss]lides?\s+(\d+)(?:\s*-\s*(\d+))?")
_MINUTES = re.compile(r"\b(\d+)\s+min\b")


def slide_refs(text: str) -> set[int]:
    """The teaching-slide numbers a timing text names ("slide 4", "slides 3-6")."""
    out = set()
    for first, last in _SLIDE_REF.findall(text):
        out.update(range(int(first), int(last or first) + 1))
    return out


def guide_timing_problems(text: str, minutes: int, n_slides: int) -> list[str]:
    """What is wrong with a guide timing paragraph ("Slides 3-6 (...): 8 min. ...") for a lesson of
    ``minutes`` whose presenter deck has ``n_slides`` teaching slides."""
    out = []
    total = sum(int(m) for m in _MINUTES.findall(text))
    if total != minutes:
        out.append(f"the durations add up to {total} min, not {minutes}")
    refs = slide_refs(text)
    if not refs:
        out.append("names no slide numbers")
    if refs - set(range(1, n_slides + 1)):
        out.append(f"names slides {sorted(refs - set(range(1, n_slides + 1)))}, the deck has 1-{n_slides}")
    if set(range(1, n_slides + 1)) - refs:
        out.append(f"leaves out slides {sorted(set(range(1, n_slides + 1)) - refs)}")
    if re.search(r"slider|explorer, in pairs", text, re.I):
        out.append("gives time to a slider the deck does not have")
    return out


def plan_timing_problems(text: str, minutes: int, n_slides: int) -> list[str]:
    """What is wrong with a plan's timing ("- 1-4 min: slide 1, ...") : ranges that do not run
    without gaps from 0 to ``minutes``, slide numbers outside the deck, teaching slides left out."""
    items = re.findall(r"(?m)^\s*- (\d+)-(\d+) min:(.*(?:\n(?!\s*- ).*)*)", text)
    out = []
    if not items:
        return ["no '- a-b min: ...' lines"]
    at = 0
    for start, end, _ in items:
        if int(start) != at or int(end) <= int(start):
            out.append(f"'{start}-{end} min' does not follow on from minute {at}")
        at = int(end)
    if at != minutes:
        out.append(f"the plan ends at minute {at}, not {minutes}")
    refs = slide_refs(" ".join(body for _, _, body in items))
    if refs - set(range(1, n_slides + 1)):
        out.append(f"names slides {sorted(refs - set(range(1, n_slides + 1)))}, the deck has 1-{n_slides}")
    if set(range(1, n_slides + 1)) - refs:
        out.append(f"leaves out slides {sorted(set(range(1, n_slides + 1)) - refs)}")
    return out


def guide_lessons() -> dict[int, tuple[int, str]]:
    """{lesson number: (minutes in its heading, its timing paragraph)} from section 3 of the guide."""
    text = (REPO / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    section = text[text.index("## 3. The lessons"):text.index("\n## 4.")]
    out = {}
    for m in re.finditer(r"(?m)^### Lesson (\d+):.*\((\d+) minutes\)\s*$", section):
        body = section[m.end():].split("\n### ", 1)[0]
        timing = [p for p in body.split("\n\n") if p.lstrip().startswith("**Timing")]
        out[int(m.group(1))] = (int(m.group(2)), timing[0] if len(timing) == 1 else "")
    return out


def test_timing_checks_catch_bad_timings():
    assert guide_timing_problems("Title slide: 1 min. Slides 1-3: 4 min. Quiz: 5 min.", 10, 3) == []
    bad = guide_timing_problems("Slides 1-2: 4 min. Slide 9: 3 min. The year slider: 10 min.", 45, 3)
    assert any("add up to 17 min, not 45" in p for p in bad)
    assert any("names slides [9]" in p for p in bad)
    assert any("leaves out slides [3]" in p for p in bad)
    assert any("slider" in p for p in bad)
    assert guide_timing_problems("Sections 1-3: 10 min.", 10, 3) == ["names no slide numbers",
                                                                     "leaves out slides [1, 2, 3]"]
    good = "- 0-1 min: title.\n- 1-6 min: slides 1-2, a\n  and b.\n- 6-10 min: slide 3 and the quiz."
    assert plan_timing_problems(good, 10, 3) == []
    bad = plan_timing_problems("- 0-1 min: title.\n- 2-6 min: slides 1-2.\n- 6-9 min: slide 4.", 10, 3)
    assert bad == ["'2-6 min' does not follow on from minute 1", "the plan ends at minute 9, not 10",
                   "names slides [4], the deck has 1-3", "leaves out slides [3]"]


@pytest.mark.parametrize("lesson", _manifest(), ids=LESSON_IDS)
def test_guide_timing_adds_up_and_names_the_decks_slides(lesson):
    """Section 3 of the instructor guide: the lesson's heading gives the manifest's time, and its timing
    paragraph adds up to it and covers the presenter deck's teaching slides by number (counted from the
    plan: slide N is the plan's Nth slide after the title slide)."""
    guide = guide_lessons()
    assert lesson.number in guide, f"no '### Lesson {lesson.number}: ... ({lesson.minutes} minutes)' heading"
    heading_minutes, timing = guide[lesson.number]
    assert heading_minutes == lesson.minutes
    assert timing, f"lesson {lesson.number}: no (or more than one) **Timing** paragraph"
    n = len(presenter.load_plan(lesson.number)["slides"])
    assert guide_timing_problems(timing, lesson.minutes, n) == []


@pytest.mark.parametrize("lesson", _manifest(), ids=LESSON_IDS)
def test_plan_timing_runs_from_0_to_the_stated_time(lesson):
    plan = presenter.load_plan(lesson.number)
    n = len(plan["slides"])
    assert plan_timing_problems(str(plan["timing"]), lesson.minutes, n) == []
    assert f"{lesson.minutes} minutes" in str(plan["timing"]).splitlines()[0]


NOTEBOOK_ONLY = ("run the next cell", "run the cell", "press check", "shift+enter", "show answer",
                 "explore the slider", "move the slider", "the cell below", "the cell above")


@pytest.mark.parametrize("lesson", _manifest(), ids=LESSON_IDS)
def test_plans_ask_nothing_of_the_deck(lesson):
    """No notebook-only text on a presenter slide or in its speaker notes (its 'say', the lesson notes
    it names, the timing plan)."""
    plan = presenter.load_plan(lesson.number)
    known = notes.load(lesson.number)
    found = []
    for i, slide in enumerate(plan["slides"], 1):
        said = [str(slide.get("title", "")), str(slide.get("text", "")), str(slide.get("say", ""))]
        said += [known.get(str(k), "") for k in slide.get("notes", []) or []]
        for phrase in NOTEBOOK_ONLY:
            if any(phrase in s.lower() for s in said):
                found.append(f"slide {i}: {phrase!r}")
    found += [f"timing: {p!r}" for p in NOTEBOOK_ONLY if p in str(plan["timing"]).lower()]
    assert found == []


def test_a_deck_promising_a_part_it_does_not_show_is_named():
    assert presenter.missing_parts(["Ukraine, 2013-2021 (part 2 of 2)"]) == [
        "the deck shows part 2 of 2 but not part 1: show every part or give the figure a title that "
        "promises no other part"]
    assert presenter.missing_parts(["Timeline (Part 1 of 3)", "Terms (3 of 3)"]) != []
    assert presenter.missing_parts(["title='x (part 1 of 2)'", "title='y (part 2 of 2)'"]) == []
    assert presenter.missing_parts(["Terms used in this lesson (1 of 2)", "(2 of 2)", "a part of 2021"]) == []


def test_the_lesson_2_deck_as_a_teacher_saw_it_fails_the_check(plan_dir):
    # the presenter cut showed the second timeline, titled "(part 2 of 2)", without the first
    nb = _lesson6()
    cell = next(c for c in nb.cells if c.cell_type == "code" and "figure" in c.metadata.get("tags", []))
    cell.source = 'timeline.plot(late, title="Ukraine and Russia, 2013-2021: events in this lesson (part 2 of 2)")'
    key = next(iter(notes.load(6)))
    _write(plan_dir, _plan(16, figure=cell.id, note_key=key))
    found = presenter.problems(nb, 6)
    assert found == ["06_energy.yaml: the deck shows part 2 of 2 but not part 1: show every part or give the "
                     "figure a title that promises no other part"]
    # an executed cell's output says it too (a caption, an alt text), even when its source does not
    cell.source = "figures.show(fig)"
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": '<img alt="Timeline, part 2 of 2"/>', "text/plain": "[Figure]"})]
    assert presenter.missing_parts(presenter.deck_texts(presenter.build(nb, 6))) != []


@pytest.mark.parametrize("lesson", _manifest(), ids=LESSON_IDS)
def test_no_presenter_deck_promises_a_part_it_does_not_show(lesson):
    nb = nbformat.read(REPO / "lessons" / lesson.notebook, as_version=4)
    deck = presenter.build(nb, lesson.number)
    assert presenter.missing_parts(presenter.deck_texts(deck)) == []


@pytest.mark.slow
def test_no_executed_presenter_deck_promises_a_part_it_does_not_show():
    """The same over the decks built from the executed lessons: captions, alt texts and the slide
    pictures' HTML as an export shows them."""
    import test_export

    done, errors = test_export.executed_lessons()
    assert not errors, errors
    found, built = [], 0
    for lesson in _manifest():
        nb = next(nb for path, nb in done.items() if path.name == lesson.notebook)
        deck = presenter.build(nb, lesson.number)
        built += 1
        assert any(o for c in deck.cells for o in c.get("outputs", [])), lesson.notebook  # executed: outputs
        found += [f"{lesson.notebook}: {p}" for p in presenter.missing_parts(presenter.deck_texts(deck))]
    assert built == 9 and found == []
