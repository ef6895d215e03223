"""The course website (``crisis-course site``): build, content rules, and the site in Chromium.

- fast: launch links from one setting, page data without instructor notes, remote-asset scan;
- slow: the whole site built once (every lesson executed, empty progress folder): pages, ids of
  every question in its lesson's page, no solutions, no instructor notes, nothing from the network;
- browser: the site opened from disk with every non-file request blocked: one question of each of
  the 7 types answered on a lesson page, reload, progress found; the page's grader against the
  Python grader over the shared answer vectors (tests/answer_vectors.yaml) and vectors generated
  from every bank; search; progress export/reset; axe-core (0 serious/critical) on every page in
  both themes; no sideways scrolling at 375 px.
"""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from crisis_course import site
from crisis_course.quiz import all_banks, load_bank
from crisis_course.site import build as site_build

REPO = Path(__file__).resolve().parents[1]
REPOSITORY = "example-org/two-agendas"
SERIOUS = {"serious", "critical"}


# --------------------------------------------------------------------------- fast

def test_launch_links_come_from_the_one_repository_setting():
    s = site.SiteSettings(repository=REPOSITORY, branch="main")
    links = site.launch_links(s, "00_orientation.ipynb")
    assert links["binder"] == ("https://mybinder.org/v2/gh/example-org/two-agendas/main"
                               "?urlpath=lab/tree/lessons/00_orientation.ipynb")
    assert links["hub"] is None  # no hub set: the page asks the reader for their hub's address
    assert links["hub_path"].startswith("/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fexample-org%2Ftwo-agendas")
    assert "urlpath=lab%2Ftree%2Ftwo-agendas%2Flessons%2F00_orientation.ipynb" in links["hub_path"]
    assert links["download"] == "https://github.com/example-org/two-agendas/archive/refs/heads/main.zip"
    with_hub = site.launch_links(site.SiteSettings(repository="https://github.com/example-org/two-agendas.git",
                                                   hub="https://hub.school.example/"), "00_orientation.ipynb")
    assert with_hub["hub"] == "https://hub.school.example" + links["hub_path"]
    other = site.launch_links(site.SiteSettings(repository="https://gitlab.example/team/course"), "00_orientation.ipynb")
    assert other["binder"].startswith("https://mybinder.org/v2/git/https%3A%2F%2Fgitlab.example%2Fteam%2Fcourse/main")
    assert other["download"] is None
    assert site.launch_links(site.SiteSettings(repository=""), "00_orientation.ipynb") == {}
    with pytest.raises(site.SiteError):
        site.SiteSettings(repository="not a repository")
    with pytest.raises(site.SiteError):
        site.SiteSettings(repository=REPOSITORY, hub="hub.example")


def test_page_data_never_carries_instructor_notes():
    bank = load_bank("article")
    q = bank.questions[0]
    q.instructor_notes = {"*": "SECRET-INSTRUCTOR-NOTE"}  # what the new bank field holds
    data = site_build.question_data(q)
    assert "instructor_notes" not in data
    assert "SECRET-INSTRUCTOR-NOTE" not in json.dumps(data)
    assert data["id"] == q.id and data["type"] == q.type


def test_remote_asset_scan_finds_network_assets_and_ignores_links():
    page = ('<a href="https://example.org/">a link</a><img src="https://cdn.example/x.png">'
            '<link rel="stylesheet" href="//cdn.example/x.css"><style>@import "https://f.example/a.css";</style>'
            '<script src="assets/site.js"></script>')
    assert site.remote_refs(page) == ["https://cdn.example/x.png", "//cdn.example/x.css", "https://f.example/a.css"]


def test_grading_constants_are_taken_from_the_python_grader():
    from crisis_course.quiz import grading

    js = site_build.grading_constants_js()
    consts = json.loads(js.split("window.CRISIS_GRADING = ", 1)[1].rstrip().rstrip(";"))
    assert set(consts["true_words"]) == grading._TRUE_WORDS
    assert consts["multipliers"] == grading._MULTIPLIERS
    assert consts["edge_punct"] == grading._EDGE_PUNCT


def _writing_and_checkpoint_notebook():
    """A notebook whose outputs are what an executed lesson holds for an open-writing box and a
    checkpoint (their mime bundles, made without a kernel)."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from crisis_course import writing
    from crisis_course.quiz import checkpoint

    cells = []
    bank, qid = next(((b.name, q.id) for b in all_banks() for q in b.questions if getattr(q, "checkpoint", False)),
                     (None, None))
    objs = [writing.ask("orientation-summary", progress=False)]
    if bank:
        objs.append(checkpoint(bank, qid, progress=False))
    for obj in objs:
        data = {k: v for k, v in obj._repr_mimebundle_().items() if k != "application/vnd.jupyter.widget-view+json"}
        cells.append(new_code_cell("x", outputs=[new_output("display_data", data=data)]))
    return nbformat.from_dict(new_notebook(cells=cells)), qid


def test_open_writing_boxes_get_their_key_for_the_page_script():
    nb, _ = _writing_and_checkpoint_notebook()
    body = site_build.render_notebook(site_build._student_notebook(nb))
    assert 'data-open-answer="orientation-summary"' in body


def test_cli_registers_the_site_command():
    from crisis_course import cli

    args = cli.build_parser().parse_args(["site", "--output", "x", "--repository", REPOSITORY, "1", "3"])
    assert args.output == "x" and args.repository == REPOSITORY and args.lessons == [1, 3]


# --------------------------------------------------------------------------- the built site

@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    settings = site.settings_from_manifest(repository=REPOSITORY)
    # the lessons as executed once for the whole run (shared with the export and browser tests)
    import test_export

    executed, errors = test_export.executed_lessons()
    assert not errors, errors
    result = site.build_site(out, settings=settings, jobs=2, executed=executed, log=lambda *a: None)
    return result


def _lesson_rows():
    from crisis_course import course

    return course.load().lessons


def _instructor_note_texts() -> list[str]:
    texts = []
    for path in sorted((REPO / "src" / "crisis_course" / "banks").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for q in data.get("questions", []):
            for text in (q.get("instructor_notes") or {}).values():
                texts.append(str(text))
    return texts


def _solution_only_lines() -> list[str]:
    """Distinctive lines of the worked solutions that the exercise notebooks do not contain."""
    import nbformat

    ex_text = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "exercises").glob("*.ipynb"))
    lines = set()
    for path in (REPO / "solutions").glob("*.ipynb"):
        nb = nbformat.read(str(path), as_version=4)
        for cell in nb.cells:
            for line in cell.source.splitlines():
                line = line.strip()
                if len(line) >= 40 and json.dumps(line)[1:-1] not in ex_text and line not in ex_text:
                    lines.add(line)
    return sorted(lines)


@pytest.mark.slow
def test_site_has_every_page_and_nothing_from_the_network(site_dir):
    out = site_dir.output
    lessons = _lesson_rows()
    for les in lessons:
        assert (out / f"lesson-{les.number:02d}.html").is_file(), les
        for ex in les.exercises:
            page = out / f"exercise-{Path(ex).stem}.html"
            assert page.is_file(), page
            assert f'href="downloads/{ex}"' in page.read_text(encoding="utf-8")
            assert (out / "downloads" / ex).is_file()
    for name in ("index.html", "glossary.html", "timeline.html", "exercises.html", "search.html"):
        assert (out / name).is_file(), name
    # links between notebooks lead to pages of the site; only downloads are notebooks
    nb_links = {p.name: re.findall(r'href="((?!downloads/)[^"]*\.ipynb[^"]*)"', p.read_text(encoding="utf-8"))
                for p in out.glob("*.html")}
    assert {k: v for k, v in nb_links.items() if [u for u in v if not u.startswith("http")]} == {}
    problems = {}
    for path in out.rglob("*"):
        if path.suffix in (".html", ".css", ".js"):
            refs = site.remote_refs(path.read_text(encoding="utf-8"))
            if refs:
                problems[path.name] = refs[:3]
    assert problems == {}
    # the lessons were executed: their figures are in the pages, each with a text description
    for les in lessons:
        text = (out / f"lesson-{les.number:02d}.html").read_text(encoding="utf-8")
        imgs = re.findall(r"<img\b[^>]*>", text)
        assert any('src="data:image/png;base64,' in i for i in imgs), les.number
        assert all(re.search(r'alt="[^"]+"', i) for i in imgs), les.number


@pytest.mark.slow
def test_every_question_id_is_in_its_lesson_page(site_dir):
    out = site_dir.output
    missing = {}
    for les in _lesson_rows():
        text = (out / f"lesson-{les.number:02d}.html").read_text(encoding="utf-8")
        data = json.loads(re.search(r'<script type="application/json" id="crisis-questions">(.*?)</script>',
                                    text, re.S).group(1))
        for q in load_bank(les.bank).questions:
            if f'id="quiz-{q.id}"' not in text or q.id not in data:
                missing.setdefault(les.number, []).append(q.id)
    assert missing == {}


@pytest.mark.slow
def test_no_solutions_and_no_instructor_notes_on_the_site(site_dir):
    out = site_dir.output
    files = [p for p in out.rglob("*") if p.is_file()]
    assert not [p for p in files if "solution" in p.name.lower()]
    with zipfile.ZipFile(out / "downloads" / "course-notebooks.zip") as z:
        names = z.namelist()
    assert any(n.startswith("lessons/") for n in names) and any(n.startswith("exercises/") for n in names)
    assert not [n for n in names if n.startswith("solutions/")]
    texts = {p: p.read_text(encoding="utf-8") for p in files if p.suffix in (".html", ".js", ".ipynb")}
    leaked = [(p.name, line[:60]) for line in _solution_only_lines() for p, t in texts.items() if line in t]
    assert leaked == []
    notes = [n for n in _instructor_note_texts() if len(n.strip()) > 20]
    leaked_notes = [(p.name, n[:60]) for n in notes for p, t in texts.items() if n.strip()[:80] in t]
    assert leaked_notes == []
    assert not [p.name for p, t in texts.items() if "instructor_notes" in t]
    # the lessons' instructor notes (content/notes) are not on the site either
    notes_dir = REPO / "src" / "crisis_course" / "content" / "notes"
    lesson_notes = []
    for f in sorted(notes_dir.glob("*.yaml")) if notes_dir.is_dir() else []:
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        lesson_notes += [str(v) for v in (data.get("notes") or {}).values()]
    html_texts = [t for p, t in texts.items() if p.suffix == ".html"]
    leaked_lesson_notes = []
    for note in lesson_notes:
        words = " ".join(note.split())
        probe = words[:70]
        if len(probe) >= 40 and any(probe in " ".join(t.split()) for t in html_texts):
            leaked_lesson_notes.append(probe)
    assert leaked_lesson_notes == []


@pytest.mark.slow
def test_landing_page_has_outline_launch_links_and_honesty_note(site_dir):
    text = (site_dir.output / "index.html").read_text(encoding="utf-8")
    for les in _lesson_rows():
        assert f'href="lesson-{les.number:02d}.html"' in text
    assert "https://mybinder.org/v2/gh/example-org/two-agendas/main" in text
    assert "git-pull?repo=https%3A%2F%2Fgithub.com%2Fexample-org%2Ftwo-agendas" in text
    assert 'href="downloads/course-notebooks.zip"' in text
    assert "OWNER" not in text and "REPO/" not in text
    assert "answers are part of the page" in text


# --------------------------------------------------------------------------- in Chromium

@pytest.fixture(scope="module")
def browser(site_dir):
    from browser_support import block_outside, chromium_or_skip, launch

    sync_api = chromium_or_skip()
    with sync_api.sync_playwright() as p:
        b = launch(p)

        def new_page(width=1200, scheme="light", script=True):
            ctx = b.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, accept_downloads=True,
                                java_script_enabled=script)
            blocked = block_outside(ctx, ("file://",))
            page = ctx.new_page()
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("dialog", lambda d: d.accept())
            return page, blocked, errors

        yield new_page
        b.close()


def _answer_right(page, q):
    """Fill the page's inputs for question ``q`` with its right answer, as a student would."""
    node = page.locator(f"#quiz-{q.id}")
    if q.type == "single":
        node.get_by_label(q.options[q.options.index(q.answer)], exact=True).check()
    elif q.type == "multiple":
        for opt in q.answer:
            node.get_by_label(opt, exact=True).check()
    elif q.type == "true_false":
        node.get_by_label("True" if q.answer else "False", exact=True).check()
    elif q.type == "numeric":
        node.get_by_label(re.compile("^Your answer")).fill(str(q.answer) + (f" {q.unit}" if q.unit else ""))
    elif q.type == "text":
        node.get_by_label("Your answer").fill(q.answer)
    elif q.type == "ordering":
        for i, item in enumerate(q.items):
            node.locator("select").nth(i).select_option(item)
    elif q.type == "matching":
        for left, right in q.pairs:
            node.get_by_label(left, exact=True).select_option(right)
    node.get_by_role("button", name="Check").click()
    return node


@pytest.mark.slow
@pytest.mark.browser
def test_answer_each_type_on_a_lesson_page_then_reload(site_dir, browser):
    page, blocked, errors = browser()
    # the first lesson whose bank has a question of every type (banks change; the test should not)
    from crisis_course.quiz.types import TYPES

    lesson = next(les for les in _lesson_rows() if les.bank
                  and {q.type for q in load_bank(les.bank).questions} >= set(TYPES))
    bank = load_bank(lesson.bank)
    url = (site_dir.output / f"lesson-{lesson.number:02d}.html").as_uri()
    page.goto(url)
    chosen = {}
    for q in bank.questions:
        chosen.setdefault(q.type, q)
    assert len(chosen) == len(TYPES) == 7, sorted(chosen)
    # a wrong try first: feedback says so and "Show answer" becomes available
    single = chosen["single"]
    wrong = next(o for o in single.options if o != single.answer)
    node = page.locator(f"#quiz-{single.id}")
    assert node.locator("details.quiz-answer").is_hidden()
    node.get_by_label(wrong, exact=True).check()
    node.get_by_role("button", name="Check").click()
    fb = node.locator(".quiz-feedback")
    assert "✗ Not quite." in fb.inner_text()
    assert single.check(wrong).message in fb.inner_text()
    assert node.locator("details.quiz-answer").is_visible()
    # a wrong matching answer: the bank's feedback on each wrong pair, one item each
    m = chosen["matching"]
    if m.feedback:
        node = page.locator(f"#quiz-{m.id}")
        rights = m.rights
        for (left, _), wrong_right in zip(m.pairs, rights[1:] + rights[:1]):
            node.get_by_label(left, exact=True).select_option(wrong_right)
        node.get_by_role("button", name="Check").click()
        items = node.locator("ul.quiz-option-feedback li")
        assert items.count() == len([a for a in m.lefts if a in m.feedback])
        assert items.first.inner_text().startswith(next(a for a in m.lefts if a in m.feedback))
    for q in chosen.values():
        node = _answer_right(page, q)
        text = node.locator(".quiz-feedback").inner_text()
        assert "✓ Correct." in text, (q.id, text)
        assert q.check(q.correct_answer()).message.split(" is right")[0][:10] in text or q.type == "numeric"
    stored = page.evaluate("JSON.parse(localStorage.getItem('crisis-course-progress'))")
    saved = stored["banks"][bank.name]
    assert all(saved[q.id]["correct"] for q in chosen.values())
    assert saved[single.id]["attempts"] == 2
    page.reload()
    for q in chosen.values():
        node = page.locator(f"#quiz-{q.id}")
        assert "✓ Correct." in node.locator(".quiz-feedback").inner_text(), q.id
    # the end quiz counts its own questions (checkpoints are single-question boxes in the narrative)
    in_end_quiz = [q for q in chosen.values() if not getattr(q, "checkpoint", False)]
    score = page.locator(".crisis-quiz .quiz-score").first.inner_text()
    assert score.startswith(f"{len(in_end_quiz)} / "), score
    # the restored inputs hold the answers
    t = chosen["text"]
    assert page.locator(f"#quiz-{t.id}").get_by_label("Your answer").input_value() == t.answer
    assert blocked == [] and errors == []


@pytest.mark.slow
@pytest.mark.browser
def test_checkpoints_and_open_writing_work_in_the_page(site_dir, browser):
    """Checkpoint questions (checkpoint: true) are graded in the page like the quiz; open-writing
    answers are saved in the browser. Skips the kinds the lessons do not have yet."""
    page, blocked, errors = browser()
    checkpoints = [(b, q) for b in all_banks() for q in b.questions if getattr(q, "checkpoint", False)]
    opens = []
    for les in _lesson_rows():
        text = (site_dir.output / f"lesson-{les.number:02d}.html").read_text(encoding="utf-8")
        if "data-open-answer" in text:
            opens.append(les.number)
    if not checkpoints and not opens:
        pytest.skip("no checkpoint questions and no open-writing answers in the lessons yet")
    if checkpoints:
        bank, q = checkpoints[0]
        lesson = next(les for les in _lesson_rows() if les.bank == bank.name)
        page.goto((site_dir.output / f"lesson-{lesson.number:02d}.html").as_uri())
        node = _answer_right(page, q)
        assert "✓ Correct." in node.locator(".quiz-feedback").inner_text()
        page.reload()
        assert "✓ Correct." in page.locator(f"#quiz-{q.id} .quiz-feedback").inner_text()
    if opens:
        page.goto((site_dir.output / f"lesson-{opens[0]:02d}.html").as_uri())
        area = page.locator("[data-open-answer] textarea").first
        area.fill("My own summary of the article, in my words.")
        page.locator("[data-open-answer] button", has_text="Save").first.click()
        page.reload()
        assert page.locator("[data-open-answer] textarea").first.input_value() == "My own summary of the article, in my words."
    assert blocked == [] and errors == []


@pytest.mark.slow
@pytest.mark.browser
def test_checkpoint_and_open_writing_on_a_page_saved_and_restored(site_dir, browser, tmp_path):
    """A page holding a checkpoint and an open-writing box as lessons do: both work in the page,
    are saved in the browser, come back after a reload, and are in the exported progress."""
    nb, qid = _writing_and_checkpoint_notebook()
    body = site_build.render_notebook(site_build._student_notebook(nb))
    out = tmp_path / "page"
    (out / "assets").mkdir(parents=True)
    for f in (site_dir.output / "assets").iterdir():
        (out / "assets" / f.name).write_bytes(f.read_bytes())
    pages = site_build._Pages(out, site.SiteSettings(), "today")
    pages.write("page.html", "A test page", body)
    page, blocked, errors = browser()
    page.goto((out / "page.html").as_uri())
    area = page.locator("[data-open-answer='orientation-summary'] textarea")
    area.fill("The article is about two presidents with two agendas.")
    page.get_by_role("button", name="Save").click()
    assert "Saved in this browser." in page.locator(".open-status").inner_text()
    if qid:
        q = next(q for b in all_banks() for q in b.questions if q.id == qid)
        node = _answer_right(page, q)
        assert "✓ Correct." in node.locator(".quiz-feedback").inner_text()
    page.reload()
    assert area.input_value() == "The article is about two presidents with two agendas."
    stored = page.evaluate("JSON.parse(localStorage.getItem('crisis-course-progress'))")
    assert stored["open_writing"]["orientation-summary"]["text"].startswith("The article is about")
    if qid:
        assert "✓ Correct." in page.locator(f"#quiz-{qid} .quiz-feedback").inner_text()
        assert stored["banks"][q.bank][qid]["correct"] is True
    assert blocked == [] and errors == []


# ---- parity: the page's grader and the Python grader give the same verdicts

def _vectors_for(q) -> list:
    """Answers to try on ``q``: right, wrong, other spellings and forms, and unreadable ones."""
    t = q.type
    common = [None, "", "   ", True, 3.5, {"a": 1}]
    if t == "single":
        return [q.answer, q.answer.upper(), *q.options, 0, len(q.options), [q.answer], q.options[:2],
                "not an option", *common]
    if t == "multiple":
        wrong = [o for o in q.options if o not in q.answer]
        return [list(q.answer), list(reversed(q.answer)), q.answer[:1], list(q.answer) + wrong[:1], wrong,
                [q.options.index(a) for a in q.answer], q.answer[0], [], ["nope"], *common]
    if t == "true_false":
        return [q.answer, not q.answer, "yes", "No", "TRUE", "f", "maybe", 1, *common]
    if t == "numeric":
        a, tol, unit = q.answer, q.tolerance, q.unit or ""
        vs = [a, str(a), f"{a} {unit}".strip(), a + tol + 1, a - tol - 1, a * 10, f"{a:,}", str(a).replace(".", ","),
              f"{a} km", "forty", "about 45", "1,234", "12 500", "3,5", "1e3", "\u22123", "175k", "2.5 million",
              f"{a}%", f"{a} percent", f"{a} pp", "45 x", ".5", "1" * 20, "1e400", "1e-400", "9" * 900,
              "12\u00a0500", "\uff14\uff15", "\u0664\u0665", "-0", "+7", "- 7", "0.000012", "123456789.5",
              "1.5 bn", "3 thousand", "12 500,5", f"{a} {unit}s".strip(), f"  {a}\t{unit} ", "45 km/h"]
        vs += [n["value"] for n in (getattr(q, "near_misses", None) or [])]
        return vs + common
    if t == "ordering":
        items = list(q.items)
        return [items, list(reversed(items)), q.display_items(), items[:-1], items[:1] * len(items),
                items[:-1] + [""], [i.upper() for i in items], "x", [0, 1], *common]
    if t == "matching":
        pairs = dict(q.pairs)
        lefts, rights = q.lefts, q.rights
        rotated = dict(zip(lefts, rights[1:] + rights[:1]))
        same = dict(zip(lefts, [rights[0]] * len(lefts)))
        return [pairs, [list(p) for p in q.pairs], rotated, same, dict(list(pairs.items())[:-1]),
                {**pairs, "unknown": rights[0]}, {lefts[0]: ""}, "x", [[1, 2]], *common]
    if t == "text":
        fbk = list((getattr(q, "feedback", None) or {}).keys())
        return [q.answer, str(q.answer).upper(), f"  {q.answer}. ", *q.accept, "something else", 12, *fbk,
                "Kyïv", "ß", "\u201cquoted\u201d", "it\u2019s", "a\u2014b", *common]
    raise AssertionError(t)


def _python_verdict(q, answer) -> dict:
    r = q.check(answer)
    return {"correct": bool(r.correct), "valid": bool(r.valid), "message": r.message,
            "feedback": getattr(r, "feedback", None) or None}


def _shared_vectors() -> list[tuple[str, object, object]]:
    """(question id, answer, expected verdict or None) from tests/answer_vectors.yaml, the
    vectors written for every grader: ``{question-id: [{answer: ..., correct: true|false}]}``."""
    path = REPO / "tests" / "answer_vectors.yaml"
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for qid, vs in data.items():
        for v in vs or []:
            if isinstance(v, dict) and "answer" in v:
                out.append((str(qid), v["answer"], v.get("correct")))
    return out


@pytest.mark.slow
@pytest.mark.browser
def test_page_grader_matches_python_grader(site_dir, browser):
    page, blocked, errors = browser()
    page.goto((site_dir.output / "index.html").as_uri())
    for src in ("assets/grading-constants.js", "assets/grader.js"):
        page.add_script_tag(path=str(site_dir.output / src))
    questions = {q.id: q for b in all_banks() for q in b.questions}
    data = site_build.all_questions()
    cases = [(qid, a, None) for qid, q in questions.items() for a in _vectors_for(q)]
    shared = _shared_vectors()
    known = [c for c in shared if c[0] in questions]
    # the shared file follows the banks; a question renamed a moment ago may still be listed there
    assert len(known) >= 0.9 * len(shared), f"answer_vectors.yaml: {len(shared) - len(known)} unknown questions"
    cases += known
    # both graders see the same JSON values
    cases = [(qid, json.loads(json.dumps(a)), expected) for qid, a, expected in cases]
    js = page.evaluate("""([data, cases]) => cases.map(([qid, a]) => {
        const r = CrisisGrader.check(data[qid], a);
        return {correct: r.correct, valid: r.valid, message: r.message, feedback: r.feedback || null};
    })""", [data, [[c[0], c[1]] for c in cases]])
    mismatches, wrong_verdicts = [], []
    for (qid, a, expected), got in zip(cases, js):
        want = _python_verdict(questions[qid], a)
        if got != want:
            mismatches.append((qid, a, want, got))
        if expected is not None and got["correct"] != expected:
            wrong_verdicts.append((qid, a, expected, got))
    assert len(cases) > 1000
    assert mismatches == [], f"{len(mismatches)} of {len(cases)} differ, e.g. {mismatches[:3]}"
    assert wrong_verdicts == [], f"{len(wrong_verdicts)} shared vectors get another verdict: {wrong_verdicts[:3]}"
    assert errors == []


@pytest.mark.browser
def test_shared_answer_vectors_exist():
    """The parity test must also run the shared vectors written for every grader."""
    if not (REPO / "tests" / "answer_vectors.yaml").is_file():
        pytest.skip("tests/answer_vectors.yaml is not written yet")
    assert len(_shared_vectors()) >= 7


@pytest.mark.slow
@pytest.mark.browser
def test_search_and_progress_export_reset(site_dir, browser):
    page, blocked, errors = browser()
    out = site_dir.output
    page.goto((out / "search.html").as_uri() + "?q=Budapest Memorandum")
    results = page.locator("#search-results li")
    assert results.count() >= 1
    assert "lesson-02.html" in page.locator("#search-results a").first.get_attribute("href") or \
        any("lesson-02.html" in (results.nth(i).locator("a").get_attribute("href") or "") for i in range(results.count()))
    page.fill("#search-page-input", "zzzzqqq")
    assert "No results" in page.locator("#search-status").inner_text()
    # progress: answer one question, see it on the landing page, export it, reset it
    page.goto((out / "lesson-01.html").as_uri())
    q = load_bank("article").questions[0]
    _answer_right(page, q)
    page.goto((out / "index.html").as_uri())
    assert "1 right, 1 answered" in page.locator("#progress-list").inner_text()
    with page.expect_download() as dl:
        page.click("#progress-export")
    exported = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    assert exported["banks"]["article"][q.id]["correct"] is True
    page.click("#progress-reset")
    assert "0 right, 0 answered" in page.locator("#progress-list").inner_text()
    assert page.evaluate("localStorage.getItem('crisis-course-progress')") is None
    # the theme toggle switches to dark and the choice survives a reload (and another page)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    page.click("#theme-toggle")
    assert page.get_attribute("html", "data-theme") == "dark"
    page.goto((out / "glossary.html").as_uri())
    assert page.get_attribute("html", "data-theme") == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    assert page.locator("#theme-toggle").inner_text() == "Light theme"
    assert blocked == [] and errors == []


@pytest.mark.slow
@pytest.mark.browser
def test_without_script_the_quiz_falls_back_to_details(site_dir, browser):
    page, blocked, errors = browser(script=False)
    q = load_bank("article").questions[0]
    page.goto((site_dir.output / "lesson-01.html").as_uri())
    node = page.locator(f"#quiz-{q.id}")
    assert node.locator(".quiz-check").count() == 0  # no live inputs
    details = node.locator("details.quiz-answer")
    assert details.is_visible()
    details.locator("summary").click()
    assert q.explanation.split()[0] in details.inner_text()
    assert blocked == []


#: The dark theme is the same HTML with other CSS: what site.css declares for it (custom properties
#: holding colours, color-scheme, and on the outputs' light "paper" cards background, color, corners and
#: padding). Every axe rule whose result none of these can change runs once, in the light theme; in the
#: dark theme run the rules that read colours (color-contrast, link-in-text-block) or box sizes
#: (scrollable-region-focusable: the cards' padding). (axe's other geometry rule, target-size, is not in
#: its default set, so it runs in neither.) ``test_dark_theme_changes_only_colours_and_card_boxes`` keeps
#: site.css to that.
DARK_PROPERTIES = {"color", "background", "color-scheme", "border-radius", "padding"}
DARK_RULES = ["color-contrast", "link-in-text-block", "scrollable-region-focusable"]


def _dark_declarations(css: str) -> list[tuple[str, str]]:
    """(property, value) of every declaration site.css makes for the dark theme: inside
    ``@media (prefers-color-scheme: dark)`` and in rules whose selector names ``[data-theme="dark"]``."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out = []
    for m in re.finditer(r"@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)\s*\{", css):
        depth, j = 1, m.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        out += [d for body in re.findall(r"\{([^{}]*)\}", css[m.end():j - 1]) for d in _decls(body)]
    out += [d for sel, body in re.findall(r"([^{}]*)\{([^{}]*)\}", css) if 'data-theme="dark"' in sel for d in _decls(body)]
    return out


def _decls(body: str) -> list[tuple[str, str]]:
    return [(k.strip(), v.strip()) for k, _, v in (d.partition(":") for d in body.split(";")) if k.strip()]


def test_dark_theme_changes_only_colours_and_card_boxes():
    css = (REPO / "src" / "crisis_course" / "site" / "assets" / "site.css").read_text(encoding="utf-8")
    found = _dark_declarations(css)
    assert len(found) >= 20, found  # the colour variables and the paper cards
    other = [(k, v) for k, v in found if not (k in DARK_PROPERTIES or k.startswith("--") and re.fullmatch(r"#[0-9a-fA-F]{3,8}", v))]
    assert other == [], f"the dark theme now sets more than colours and card boxes: run every axe rule in it: {other}"
    # the guard sees what it guards: a declaration that changes layout is caught
    assert ("display", "none") in _dark_declarations(css + '\n:root[data-theme="dark"] .x { display: none }')


@pytest.mark.slow
@pytest.mark.browser
def test_every_page_accessible_in_both_themes_and_readable_at_375px(site_dir, browser):
    """Every page in both themes at 375 px: axe's default rules (light), the rules the dark theme
    can change (dark: DARK_RULES), answers and hints open and one wrong try's feedback shown."""
    from browser_support import axe_check, axe_script

    axe = axe_script()
    pages = sorted(p for p in site_dir.output.glob("*.html"))
    problems, wide = {}, {}
    for scheme, rules in (("light", None), ("dark", DARK_RULES)):
        page, blocked, errors = browser(width=375, scheme=scheme)
        for path in pages:
            page.goto(path.as_uri())
            # answers and hints open, so their contrast is checked too; one wrong try shows feedback
            page.evaluate("document.querySelectorAll('details').forEach(d => { d.hidden = false; d.open = true; })")
            first = page.locator(".quiz-live .quiz-check").first
            if first.count():
                first.click()
            result = axe_check(page, axe, rules=rules)
            bad = [v for v in result["violations"] if v["impact"] in SERIOUS]
            if bad:
                problems[f"{scheme}:{path.name}"] = bad
            assert result["contrast"]["passes"], f"{scheme}:{path.name}: no text's contrast was checked"
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 375 + 2:
                wide[f"{scheme}:{path.name}"] = width
        assert blocked == [] and errors == [], (blocked[:3], errors[:3])
        page.context.close()
    assert problems == {}
    assert wide == {}
    assert len(pages) >= 9 + 3
