"""Slides, handouts and the answer key (``crisis-course slides|handouts|answer-key``).

Every lesson is executed ONCE per test run (:func:`executed_lessons`, shared through
``executed_support.py`` with the accessibility, site and browser tests and across pytest-xdist
workers) and the decks, offline decks and handouts are written from those executed copies.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import executed_support
import nbformat
import pytest
from conftest import REPO

from crisis_course import cli, export
from crisis_course.checks import LESSON_BANKS
from crisis_course.quiz import bank_names, load_bank

LESSONS = export.list_lessons(REPO / "lessons") if (REPO / "lessons").is_dir() else []
_CACHE: dict = {}


def _require_assets() -> bool:
    return os.environ.get("CRISIS_COURSE_REQUIRE_BROWSER") == "1" or \
        os.environ.get("CRISIS_COURSE_REQUIRE_ASSETS") == "1"


def executed_lessons() -> tuple[dict, dict]:
    """(lesson path -> executed notebook, lesson name -> error), for every lesson: each lesson is
    executed once per test run, shared across modules and pytest-xdist workers (executed_support)."""
    if "executed" not in _CACHE:
        _CACHE["executed"] = executed_support.executed_lessons(LESSONS)
    return _CACHE["executed"]


def asset_cache_or_skip() -> Path:
    """The offline asset cache (fetched with npm if needed); skip when npm/the registry is
    unavailable, unless CI requires it (CRISIS_COURSE_REQUIRE_BROWSER/ASSETS=1)."""
    if "assets" not in _CACHE:
        # one process at a time: on a fresh machine two xdist workers would both run npm into the cache
        with executed_support.FileLock(str(executed_support.shared_dir() / "assets.lock"), thread_local=False):
            try:
                _CACHE["assets"] = (export.ensure_assets(log=lambda *a: None), None)
            except export.AssetError as exc:
                _CACHE["assets"] = (None, str(exc))
    cache, problem = _CACHE["assets"]
    if problem:
        if _require_assets():
            pytest.fail(f"offline slide assets are required here: {problem}")
        pytest.skip(f"offline slide assets unavailable: {problem}")
    return cache


def offline_decks() -> Path:
    """Write the offline decks of every lesson once per test run (shared across modules and
    pytest-xdist workers); return the folder."""
    cache = asset_cache_or_skip()

    def build(out: Path) -> None:
        done, _ = executed_lessons()
        result = export.write_slides(list(done), out, offline=True, executed=done, asset_cache=cache,
                                     progress=export.Progress(len(done), quiet=True))
        assert not result.failed, result.failed

    return executed_support.built_once("slides-offline", build)


def presenter_decks_offline() -> Path:
    """Write the offline presenter cut of every lesson that has a slide plan once per test run
    (shared like :func:`offline_decks`); return the folder (decks and their ``_assets``)."""
    from crisis_course import presenter

    cache = asset_cache_or_skip()

    def build(out: Path) -> None:
        done, _ = executed_lessons()
        todo = [p for p in done if presenter.plan_path(int(p.name[:2])).is_file()]
        result = export.write_slides(todo, out, offline=True, executed=done, asset_cache=cache, cut="presenter",
                                     progress=export.Progress(len(todo), quiet=True))
        assert not result.failed, result.failed

    return executed_support.built_once("slides-presenter-offline", build)


def handouts() -> tuple[Path, list[str]]:
    """(folder, notes): the handouts of every lesson, written ONCE per test run by
    ``export.write_handouts`` with PDFs (when Chromium is found), shared across modules and
    pytest-xdist workers: test_handouts checks their HTML and PDFs, the accessibility tests read
    the HTML (each lesson's handout was rendered twice a run when those tests had a build without
    PDFs of their own). ``notes``: what ``write_handouts`` reported (a PDF skipped, and why)."""
    def build(out: Path) -> None:
        done, errors = executed_lessons()
        assert not errors, errors
        result = export.write_handouts(list(done), out, pdf=True, executed=done,
                                       progress=export.Progress(len(done), quiet=True))
        assert not result.failed, result.failed
        out.with_suffix(".notes.json").write_text(json.dumps(result.notes), encoding="utf-8")

    folder = executed_support.built_once("handouts", build)
    return folder, json.loads(folder.with_suffix(".notes.json").read_text(encoding="utf-8"))


def handouts_without_pdf() -> Path:
    """The folder of the HTML handouts of every lesson, for the accessibility tests: the shared
    build of :func:`handouts` (its PDFs, next to the HTML, are not read there)."""
    return handouts()[0]


@pytest.fixture(scope="session")
def executed():
    done, errors = executed_lessons()
    assert not errors, "lessons failed to execute:\n" + "\n".join(f"{k}: {v}" for k, v in errors.items())
    return done


@pytest.fixture(scope="session")
def decks(executed, tmp_path_factory):
    """Online decks (CDN assets) of every lesson: name -> HTML."""
    out = tmp_path_factory.mktemp("slides")
    result = export.write_slides(list(executed), out, executed=executed,
                                 progress=export.Progress(len(executed), quiet=True))
    assert not result.failed
    return {p.name.replace(".slides.html", ""): p.read_text(encoding="utf-8") for p in result.written}


@pytest.fixture(scope="session")
def offline_dir(executed, tmp_path_factory):
    return offline_decks()


def _ids(paths):
    return [p.stem for p in paths]


def _bank_for(path: Path) -> str | None:
    return LESSON_BANKS.get(int(path.name[:2]))


# ------------------------------------------------------------------------------ finding lessons

def test_there_are_lessons():
    assert LESSONS, "no lessons/NN_*.ipynb found"


def test_resolve_lesson_arguments(tmp_path):
    folder = tmp_path / "lessons"
    folder.mkdir()
    for name in ("00_orientation", "03_nato", "10_extra"):
        nbformat.write(nbformat.v4.new_notebook(), folder / f"{name}.ipynb")
    (folder / "notes.ipynb").write_text("{}", encoding="utf-8")  # not a lesson name
    nato = folder / "03_nato.ipynb"
    assert [p.name for p in export.list_lessons(folder)] == ["00_orientation.ipynb", "03_nato.ipynb",
                                                             "10_extra.ipynb"]
    for spec in ("3", "03", "03_nato", "03_nato.ipynb", str(nato)):
        assert export.resolve_lessons([spec], folder) == [nato], spec
    assert len(export.resolve_lessons(None, folder)) == 3
    assert len(export.resolve_lessons(["3", "03_nato"], folder)) == 1  # no duplicates
    with pytest.raises(export.ExportError, match="No lesson matches '7'"):
        export.resolve_lessons(["7"], folder)


def test_lessons_dir_is_found_from_a_subfolder(tmp_path, monkeypatch):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    assert export.find_lessons_dir() == tmp_path / "lessons"
    with pytest.raises(export.ExportError, match="does not exist"):
        export.find_lessons_dir(tmp_path / "nope")


# ------------------------------------------------------------------------- remote asset scan

def test_remote_asset_scanner():
    page = """
    <script src="https://cdn.example/require.js"></script>
    <link rel="stylesheet" href="//fonts.example/font.css">
    <img alt="x" src="http://example.org/a.png">
    <style>@import url(https://fonts.googleapis.com/css?family=Lato); .a{background:url('https://x.y/b.png')}</style>
    <script type="module">import mermaid from 'https://cdn.example/mermaid.mjs';</script>
    <script>require(["https://unpkg.com/reveal.js@4.0.2/dist/reveal.js"])</script>
    <a href="https://www.nato.int/">a source link is not an asset</a>
    <script src="_assets/requirejs/require.js"></script>
    """
    found = export.remote_asset_refs(page)
    for url in ("https://cdn.example/require.js", "//fonts.example/font.css", "http://example.org/a.png",
                "https://fonts.googleapis.com/css?family=Lato", "https://x.y/b.png",
                "https://cdn.example/mermaid.mjs", "https://unpkg.com/reveal.js@4.0.2/dist/reveal.js"):
        assert url in found, (url, found)
    assert not any("nato.int" in u or "_assets" in u for u in found)


# ------------------------------------------------------------------------------ quiz splitting

def _fake_quiz_nb(bank="nato"):
    from crisis_course.quiz import bank_to_html

    nb = nbformat.v4.new_notebook()
    head = nbformat.v4.new_markdown_cell("## Check your understanding")
    head.metadata["slideshow"] = {"slide_type": "slide"}
    cell = nbformat.v4.new_code_cell(f'Quiz.from_bank("{bank}")')
    cell.metadata["slideshow"] = {"slide_type": "-"}
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/html": bank_to_html(bank),
                                                              "text/plain": "Quiz"}, execution_count=1)]
    nb.cells = [head, cell]
    return nb


def test_split_quizzes_one_question_per_slide():
    bank = load_bank("nato")
    nb = export.split_quizzes(_fake_quiz_nb())
    quiz_cells = nb.cells[1:]
    assert len(quiz_cells) == len(bank.questions)
    assert quiz_cells[0].metadata.slideshow.slide_type == "-"
    assert all(c.metadata.slideshow.slide_type == "subslide" for c in quiz_cells[1:])
    for cell, q in zip(quiz_cells, bank.questions):
        html = cell.outputs[0]["data"]["text/html"]
        assert f'id="quiz-{q.id}"' in html and html.count('class="quiz-question"') == 1
        assert "Show answer" in html and bank.title in html
    nbformat.validate(nb)


def test_slide_ready_removes_nested_sections():
    nb = _fake_quiz_nb()
    html = nb.cells[1].outputs[0]["data"]["text/html"]
    assert "<section" not in html and 'role="region"' in html  # the quiz itself has no <section>
    nb.cells[1].outputs[0]["data"]["text/html"] = '<section aria-label="box"><p>x</p></section>' + html
    nb.cells.append(nbformat.v4.new_markdown_cell('<section class="aside">Note</section>'))
    ready = export.slide_ready(nb, quiz_per_slide=False)
    # (the whole bank is taller than a screen, so the heading-only slide before it goes: paginate.py)
    out = next(c for c in ready.cells if c.get("outputs")).outputs[0]["data"]["text/html"]
    assert "<section" not in out and '<div aria-label="box" role="region">' in out
    assert "<section" not in ready.cells[-1].source


def test_widget_without_fallback_gets_a_note():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("slider")
    cell.outputs = [nbformat.v4.new_output("display_data", {
        export.WIDGET_VIEW: {"model_id": "abc", "version_major": 2, "version_minor": 0},
        "text/plain": "IntSlider(value=3)"})]
    nb.cells = [cell]
    export.static_widgets(nb)
    assert "Interactive control" in cell.outputs[0]["data"]["text/html"]


# ----------------------------------------------------------------------------- every lesson

@pytest.mark.slow
@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_deck_has_title_quiz_and_notes(path, decks):
    html = decks[path.stem]
    body = html.split('<div class="slides">', 1)[1]
    # The first slide is the title slide: its first heading is "# Lesson N: ..." as an h1.
    first_slide = body.split("</section>", 1)[0]
    first_heading = re.search(r"<h[1-6][^>]*>.*?</h[1-6]>", first_slide, re.S)
    assert first_heading and re.match(rf"<h1[^>]*>\s*Lesson {int(path.name[:2])}\s*:", first_heading.group(0)), \
        first_slide[:500]
    # Speaker notes survive as reveal.js notes.
    assert '<aside class="notes">' in html
    # The quiz is its static HTML: every question of the lesson's bank (end quiz and checkpoints), each
    # answer a reveal.js fragment (no click-to-reveal <details> on slides).
    bank = _bank_for(path)
    assert bank in bank_names(), f"no bank {bank!r} for {path.name}"
    assert f'data-bank="{bank}"' in html
    for q in load_bank(bank).questions:
        assert f'id="quiz-{q.id}"' in html, f"{path.name}: question {q.id} missing from the deck"
    assert html.count('<div class="quiz-answer fragment">') >= len(load_bank(bank).questions)
    assert '<details class="quiz-answer">' not in html and "Show answer</summary>" not in html
    assert 'class="crisis-quiz"' in html and "<section class=\"crisis-quiz\"" not in html
    # No blank widget: no widget views or widget state left in the deck.
    assert "application/vnd.jupyter.widget-view+json" not in html
    assert "application/vnd.jupyter.widget-state+json" not in html
    assert "mermaid" not in html.split("</head>")[0]


@pytest.mark.slow
@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_offline_deck_loads_nothing_from_the_network(path, offline_dir):
    deck = offline_dir / f"{path.stem}.slides.html"
    html = deck.read_text(encoding="utf-8")
    assert export.remote_asset_refs(html) == []
    # Every local asset the deck references exists in the output folder.
    refs = re.findall(r'<(?:script|link)\b[^>]*?(?:src|href)="([^"#]+)"', html)
    refs += re.findall(r'"(_assets/[^"]+\.js)"', html)
    assert any("reveal.js" in r for r in refs) and any("require.js" in r for r in refs)
    for ref in refs:
        assert not ref.startswith(("http:", "https:", "//")), ref
        assert (offline_dir / ref).is_file(), f"{deck.name} references missing {ref}"
    assert "_assets/reveal.js/plugin/notes/notes.js" in html  # speaker view works offline


@pytest.mark.slow
def test_offline_assets_folder(offline_dir):
    assets = offline_dir / "_assets"
    for rel in ("reveal.js/dist/reveal.js", "reveal.js/dist/reveal.css", "reveal.js/dist/theme/white.css",
                "reveal.js/plugin/notes/notes.js", "requirejs/require.js", "jquery/dist/jquery.min.js",
                "reveal.js/LICENSE", "README.txt"):
        assert (assets / rel).is_file(), rel
    for css in assets.rglob("*.css"):
        assert export.remote_asset_refs(css.read_text(encoding="utf-8")) == [], css
    index = (offline_dir / "index.html").read_text(encoding="utf-8")
    for path in LESSONS:
        assert f'href="{path.stem}.slides.html"' in index


@pytest.mark.slow
def test_handouts(executed):
    out, notes = handouts()  # write_handouts with PDFs, shared with the accessibility tests
    chromium = export.find_chromium()
    for path in executed:
        html = (out / f"{path.stem}.html").read_text(encoding="utf-8")
        assert export.remote_asset_refs(html) == []
        assert "<script src=" not in html
        assert 'class="notes"' not in html
        # the answer is folded under "Answer" (paper and slides carry no notebook-only "Show answer")
        assert f'data-bank="{_bank_for(path)}"' in html and 'class="quiz-answer"' in html
        assert "Show answer" not in html
        assert re.search(rf"<h1[^>]*>\s*Lesson {int(path.name[:2])}\s*:", html)
        pdf = out / f"{path.stem}.pdf"
        if chromium:
            assert pdf.read_bytes()[:5] == b"%PDF-", pdf
        else:
            assert not pdf.exists()
    if not chromium:
        assert any("PDF skipped: Chromium not found" in n for n in notes)


def test_handouts_say_when_pdf_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(export.pdf, "find_chromium", lambda: None)
    nb = _fake_quiz_nb()
    nb.cells.insert(0, nbformat.v4.new_markdown_cell("# Lesson 3: NATO"))
    path = tmp_path / "03_nato.ipynb"
    lines = []
    progress = export.Progress(1)
    progress.line = lines.append
    result = export.write_handouts([path], tmp_path / "out", executed={path: nb}, progress=progress)
    assert (tmp_path / "out" / "03_nato.html").is_file()
    assert not (tmp_path / "out" / "03_nato.pdf").exists()
    assert any(line.startswith("PDF skipped: Chromium not found (") for line in lines), lines
    assert result.notes


# ------------------------------------------------------------------------------- answer key

def test_answer_key_covers_every_question(tmp_path):
    page, md, info = export.build_answer_key(solutions_dir=None)
    all_ids = [q.id for name in bank_names() for q in load_bank(name).questions]
    assert sorted(info["question_ids"]) == sorted(all_ids)
    for qid in all_ids:
        assert f'id="quiz-{qid}"' in page and f"`{qid}`" in md, qid
    for name in bank_names():
        bank = load_bank(name)
        for q in bank.questions:
            assert q.source.split()[0] in md
    assert "Show answer" not in page  # instructor mode: answers are shown, not folded
    assert export.remote_asset_refs(page) == []
    assert "exercise solutions were left out" in page


def test_answer_key_with_solutions(tmp_path):
    sols = tmp_path / "solutions"
    sols.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Exercise 3: NATO"),
                nbformat.v4.new_markdown_cell("## Task 1"),
                nbformat.v4.new_code_cell("x = 6 * 7123"),
                nbformat.v4.new_code_cell("x")]
    tagged = nbformat.v4.new_code_cell("print('members in 2021:', 30)")
    tagged.metadata["tags"] = ["key-result"]
    nbformat.write(nb, sols / "03_nato_exercise.ipynb")
    page, md, info = export.build_answer_key(solutions_dir=sols)
    assert info["solutions"] == ["03_nato_exercise"] and not info["problems"]
    assert "Exercise 3: NATO" in page and "Task 1" in md and "42738" in md
    nb.cells.append(tagged)
    nb.cells.append(nbformat.v4.new_markdown_cell(
        "Your answer:\n<!-- BEGIN SOLUTION -->\nThe **Balkan** rounds are often forgotten.\n<!-- END SOLUTION -->"))
    nbformat.write(nb, sols / "03_nato_exercise.ipynb")
    page, md, info = export.build_answer_key(solutions_dir=sols)
    assert "members in 2021: 30" in md and "42738" not in md  # tagged cells win
    assert "Model answer: The **Balkan** rounds" in md and "<strong>Balkan</strong>" in page
    assert "Your answer" not in md
    assert "Solution code" in page


@pytest.mark.slow
def test_answer_key_cli_with_the_course_solutions(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    status = cli.main(["answer-key", "-o", str(tmp_path), "-q"])
    assert status == 0, capsys.readouterr().err
    md = (tmp_path / "answer_key.md").read_text(encoding="utf-8")
    html = (tmp_path / "answer_key.html").read_text(encoding="utf-8")
    for name in bank_names():
        for q in load_bank(name).questions:
            assert q.id in md and q.id in html
    solutions = sorted((REPO / "solutions").glob("*.ipynb"))
    for sol in solutions:
        assert f"solutions/{sol.name}" in md
    if not solutions:
        assert "no exercise solutions were found" in md


# ---------------------------------------------------------------------------------- the CLI

@pytest.mark.parametrize("command", ["slides", "handouts", "worksheets", "answer-key", "assets", "check"])
def test_every_subcommand_has_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert f"crisis-course {command}" in out and len(out) > 300


def test_missing_npm_gives_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr(export.shutil, "which", lambda name: None)
    with pytest.raises(export.AssetError, match=r"'npm'\s+was not found.*apt-get install npm"):
        export.ensure_assets(tmp_path / "empty-cache", log=lambda *a: None)


def test_asset_cache_location(monkeypatch, tmp_path):
    monkeypatch.setenv("CRISIS_COURSE_ASSET_DIR", str(tmp_path / "x"))
    assert export.asset_cache_dir() == tmp_path / "x"
    monkeypatch.delenv("CRISIS_COURSE_ASSET_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert export.asset_cache_dir() == tmp_path / "cache" / "crisis-course" / "assets"


def test_offline_rejects_a_web_font_theme(tmp_path):
    with pytest.raises(export.ExportError, match="web fonts"):
        export.copy_assets(tmp_path, tmp_path / "out", theme="simple")


@pytest.mark.slow
def test_cli_slides_offline_one_lesson_with_progress(tmp_path, capfd):
    """The real command on a small lesson: progress line, deck, assets, exit 0."""
    asset_cache_or_skip()
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    nb = _fake_quiz_nb("orientation")
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    title = nbformat.v4.new_markdown_cell("# Lesson 0: Orientation")
    title.metadata["slideshow"] = {"slide_type": "slide"}
    notes = nbformat.v4.new_markdown_cell("Welcome everyone.")
    notes.metadata["slideshow"] = {"slide_type": "notes"}
    nb.cells[1].outputs = []
    nb.cells[1].source = 'from crisis_course.quiz import Quiz\nQuiz.from_bank("orientation")'
    nb.cells = [title, notes] + nb.cells
    nbformat.write(nb, lessons / "00_orientation.ipynb")
    out = tmp_path / "deck"
    status = cli.main(["slides", "0", "--offline", "--lessons-dir", str(lessons), "-o", str(out)])
    err = capfd.readouterr().err
    assert status == 0, err
    assert re.search(r"\[1/1\] 00_orientation: executed [\d.]+ s, slides [\d.]+ s -> ", err), err
    html = (out / "00_orientation.slides.html").read_text(encoding="utf-8")
    assert export.remote_asset_refs(html) == []
    assert "Welcome everyone." in html and 'data-bank="orientation"' in html


def test_cli_unknown_lesson_fails_cleanly(tmp_path, capsys):
    (tmp_path / "lessons").mkdir()
    status = cli.main(["slides", "42", "--lessons-dir", str(tmp_path / "lessons"), "-o", str(tmp_path / "o")])
    assert status == 1
    assert "No lesson matches '42'" in capsys.readouterr().err


@pytest.mark.slow
def test_plain_nbconvert_still_makes_a_deck(tmp_path):
    """The documented plain route: jupyter nbconvert --to slides on a lesson (not executed) makes a
    deck; the instructor notes are not in the notebook, so it has no speaker notes (course_slides has)."""
    lesson = LESSONS[0]
    proc = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "slides", str(lesson),
                           "--output-dir", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / f"{lesson.stem}.slides.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>\s*Lesson \d+\s*:", html)
    assert '<aside class="notes">' not in html  # notes live in content/notes/, not in the notebook


def test_fetch_assets_script_matches_the_package():
    """tools/fetch_assets.sh fetches exactly the versions the exporter expects."""
    script = (REPO / "tools" / "fetch_assets.sh").read_text(encoding="utf-8")
    for name, version in export.ASSET_PACKAGES.items():
        assert f"{name}@{version}" in script, name
    assert os.access(REPO / "tools" / "fetch_assets.sh", os.X_OK)


def test_section_notes_show_on_every_slide_of_the_section():
    def cell(kind, text, slide_type):
        c = nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text)
        c.metadata["slideshow"] = {"slide_type": slide_type}
        return c

    nb = nbformat.v4.new_notebook()
    nb.cells = [cell("md", "# Lesson 9: T", "slide"), cell("md", "Say hello.", "notes"),
                cell("md", "## 1. A", "slide"), cell("md", "more", "subslide"), cell("md", "Say A.", "notes"),
                cell("md", "## 2. B", "slide"), cell("md", "Say B.", "notes")]
    export.spread_notes(nb)
    shape = [(c.source, c.metadata.slideshow.slide_type) for c in nb.cells]
    assert shape == [("# Lesson 9: T", "slide"), ("Say hello.", "notes"),
                     ("## 1. A", "slide"), ("Say A.", "notes"), ("more", "subslide"), ("Say A.", "notes"),
                     ("## 2. B", "slide"), ("Say B.", "notes")]
    assert len({c.id for c in nb.cells}) == len(nb.cells)
    nbformat.validate(nb)


# ------------------------------------------------------------------------------ golden outputs

import difflib  # noqa: E402

import golden_support  # noqa: E402


def _mask_course_css(text: str) -> str:
    return re.sub(r"(<style[^>]*>)[^<]*?Course (?:handout )?styles.*?(</style>)",
                  r"\1[the course stylesheet: templates/*/static/*.css]\2", text, flags=re.S)


def _mask_scroll_script(text: str) -> str:
    return re.sub(r"// (?:Slides taller|A slide whose content).*?(?=window\.CrisisReveal)",
                  "[scroll-hint script]\n", text, flags=re.S)


def _hindsight(text: str) -> str:
    return re.sub(r"<blockquote>\n(<p><strong>Looking ahead \(hindsight\)\.</strong>.*?</p>)\n</blockquote>",
                  r'<blockquote aria-label="Looking ahead (hindsight)" class="crisis-hindsight" role="note">\1'
                  r"</blockquote>", text, flags=re.S)


def _quiz_fragments(text: str) -> str:
    text = re.sub(r'<p style="[^"]*">Static copy of the quiz: run the notebook to answer[^<]*</p>\n?', "", text)
    text = re.sub(r'<details><summary[^>]*>Hint</summary>(.*?)</details>',
                  r'<div class="quiz-hint fragment"><strong>Hint:</strong>\1</div>', text, flags=re.S)
    return re.sub(r'<details class="quiz-answer"><summary[^>]*>Show answer</summary>(.*?)</details>',
                  r'<div class="quiz-answer fragment">\1</div>', text, flags=re.S)


def _ordering_letters(text: str) -> str:
    return re.sub(r'(Items to put in order \(shown shuffled\):</p>)<ul( style="[^"]*")>(.*?)</ul>',
                  r'\1<ol\2 type="A">\3</ol>', text, flags=re.S)


def _mask_answer_fragments(text: str) -> str:
    text = re.sub(r'(?m)<div class="quiz-(?:hint|answer) fragment">.*$', "[answer fragment]", text)
    return re.sub(r'<aside class="notes">\n<div class="jp-Cell[^"]*" id="cell-id=[^"]*-explain">.*?</aside>', "",
                  text, flags=re.S)


_QUIZ_CELL = re.compile(r'(?<!<section>)<div class="jp-Cell jp-CodeCell[^"]*" id="cell-id=([^"]+)">\n'
                        r'(?:[^\n]*\n){1,8}?<div aria-label="[^"]*" class="crisis-quiz"')
_ASIDE = re.compile(r'<aside class="notes">.*?</aside>', re.S)


def _quiz_own_slide(text: str) -> str:
    """The quiz cell gets its own slide; the section's speaker notes (spread to every slide of a
    section) get one more copy, at the end of that new slide, with the cell's id."""
    while True:
        m = _QUIZ_CELL.search(text)
        if not m:
            return text
        start, qid = m.start(), m.group(1)
        section = text.rfind("<section>", 0, start)
        notes = [re.sub(r'id="cell-id=[^"]*?-notes(\d+)"', lambda n: f'id="cell-id={qid[:40]}-notes{n.group(1)}"',
                        a.group(0)) for a in _ASIDE.finditer(text, section, start)]
        end = text.find("</section>", start)
        text = text[:start] + "</section><section>" + text[start:end] + "".join(notes) + text[end:]


def _level_in_quiz_html(text: str) -> str:
    return re.sub(r'(<p style="[^"]*">Question \d+ of \d+ · [^<]*)</p>',
                  rf'\1 · <em class="quiz-level">Level: {golden_support.GOLDEN_LEVEL}</em></p>', text)


def _drop_key_extras(text: str) -> str:
    text = re.sub(r'(?m)^<div class="key-extra[^"]*">.*</div>\n', "", text)
    return re.sub(r"(?m)^   - \*(?:Letters \(slides and handouts\)|Level|Feedback|Near miss|Instructor note)[^\n]*\n"
                  r"(?:\n(?=   - ))?", "", text)


def _notebook_only_text(text: str) -> str:
    from crisis_course.export.paginate import strip_notebook_only

    return strip_notebook_only(text)


_CONTINUED = re.compile(r"\((?:continued|\d+ ?/ ?\d+)\)\s*$")
_GLOSSARY_PART_TITLE = re.compile(r"^Glossary: terms used in lesson \d+ \(\d+ of \d+\)$")


def _mask_pagination(text: str) -> str:
    """The slides as the words they show, in order: no slide boundaries, no speaker notes, no
    continuation headings ("... (continued)", "Sources (2/3)"; "(1/3)" loses its number), no
    glossary part titles. Pagination (export/paginate.py) moves boundaries, repeats notes and
    headings and splits cells; the words shown must stay the same."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    slides = soup.select_one(".reveal .slides")
    if slides is None:
        return text
    for tag in slides.select("aside.notes, a.anchor-link"):
        tag.decompose()
    for h in slides.find_all(["h1", "h2", "h3", "h4"]):
        words = " ".join(h.get_text(" ").split())
        if re.search(r"\((?:continued|(?:[2-9]|\d\d+) ?/ ?\d+)\)$", words):
            h.decompose()
        elif _CONTINUED.search(words):
            h.string = _CONTINUED.sub("", words).strip()
    for strong in slides.find_all("strong"):
        if _GLOSSARY_PART_TITLE.match(" ".join(strong.get_text(" ").split())):
            strong.decompose()
    words = " ".join(slides.get_text(" ").split())
    slides.clear()
    slides.append(words)
    return str(soup)


#: Documented, intended changes since the golden outputs were recorded (tests/golden/README.md):
#: name -> (kinds of output it touches, rewrite). A rewrite turns the golden text into what is now
#: expected; a mask (``both=True``) hides a part on both sides. Nothing else may differ.
INTENDED_CHANGES: dict = {
    "course-stylesheets": ({"slides", "slides-offline", "handouts"}, _mask_course_css, True),
    "scroll-hint-only-on-overflow": ({"slides", "slides-offline"}, _mask_scroll_script, True),
    "hindsight-boxes": ({"slides", "slides-offline", "handouts"}, _hindsight, False),
    "quiz-answers-as-fragments": ({"slides", "slides-offline"}, _quiz_fragments, False),
    "quiz-answer-fragment-content": ({"slides", "slides-offline"}, _mask_answer_fragments, True),
    "quiz-on-its-own-slide": ({"slides", "slides-offline"}, _quiz_own_slide, False),
    "ordering-items-lettered": ({"slides", "slides-offline", "handouts", "answer_key"}, _ordering_letters, False),
    "answer-key-letters-levels-feedback": ({"answer_key"}, _drop_key_extras, True),
    "question-level-in-quiz-html": ({"answer_key"}, _level_in_quiz_html, False),
    "notebook-only-text": ({"slides", "slides-offline", "handouts"}, _notebook_only_text, False),
    "slides-paginated": ({"slides", "slides-offline"}, _mask_pagination, True),
}


def _expected(rel: str, kind: str) -> str:
    text = golden_support.stored(rel).read_text(encoding="utf-8")
    for _name, (kinds, rewrite, _both) in INTENDED_CHANGES.items():
        if kind in kinds:
            text = rewrite(text)
    return text


def _masked(text: str, kind: str) -> str:
    for _name, (kinds, rewrite, both) in INTENDED_CHANGES.items():
        if both and kind in kinds:
            text = rewrite(text)
    return text


def _diff(want: str, got: str) -> str:
    return "".join(list(difflib.unified_diff(want.splitlines(True), got.splitlines(True), "golden", "fresh",
                                             n=1))[:60])


def test_golden_exports(tmp_path):
    """Slides, offline slides, handouts and the answer key of the stored inputs equal the golden
    outputs of b232fb9 after normalisation, except for the documented, intended changes."""
    cache = asset_cache_or_skip()
    got = golden_support.export_fixtures(
        export, tmp_path, asset_cache=cache, banks=golden_support.golden_banks(tmp_path / "banks"), notes=False)
    assert sorted(got) == sorted(rel for rel, _ in golden_support.FILES)
    for rel, kind in golden_support.FILES:
        want = _expected(rel, kind)
        got[rel] = _masked(got[rel], kind)
        assert got[rel] == want, f"{rel} differs from the golden output:\n{_diff(want, got[rel])}"


def test_intended_golden_changes_are_documented():
    readme = (golden_support.GOLDEN / "README.md").read_text(encoding="utf-8")
    for name in INTENDED_CHANGES:
        assert f"`{name}`" in readme, f"intended change {name!r} is not described in tests/golden/README.md"


def test_golden_normalisation():
    text = ('<img src="data:image/png;base64,iVBORw0KGgo=">  \n<style>x{}</style>Generated 2026-12-04 '
            "/tmp/abc/lessons/03_nato.ipynb")
    out = golden_support.normalise(text)
    assert "iVBOR" not in out and "HASH-" in out and "x{}" not in out and "<DATE>" in out
    assert "<PATH>/lessons/03_nato.ipynb" in out and "/tmp/" not in out
    assert golden_support.normalise("signed on 2021-12-07") == "signed on 2021-12-07\n"  # content dates stay
    assert golden_support.normalise(out) == out


# ------------------------------------------------------------------ instructor notes in exports

import json  # noqa: E402

from bs4 import BeautifulSoup  # noqa: E402

_NOTES_WORDS = json.loads((golden_support.GOLDEN / "notes_words.json").read_text(encoding="utf-8"))["lessons"]


def _notes_cells(nb):
    return [c for c in nb.cells if c.get("metadata", {}).get("slideshow", {}).get("slide_type") == "notes"]


def _aside_words(page: str) -> int:
    """Words of the distinct speaker notes of a deck (notes spread over several slides count once)."""
    soup = BeautifulSoup(page, "html.parser")
    texts = {a.get_text(" ", strip=True) for a in soup.find_all("aside", class_="notes")}
    return sum(len(t.split()) for t in texts)


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_lesson_notes_come_back_as_speaker_notes(path):
    """Every lesson's slides get at least the notes words its notebook had at b232fb9 (from the
    notes files now); no notes cell stays in the student notebook."""
    from crisis_course import notes as notes_mod

    nb = export.read_notebook(path)
    assert not _notes_cells(nb), f"{path.name} still carries notes cells"
    ready = export.slide_ready(nb, quiz_per_slide=False, notes=True, lesson=int(path.name[:2]))
    texts = {c.source.strip() for c in _notes_cells(ready)}
    words = sum(len(t.split()) for t in texts)
    assert words >= _NOTES_WORDS[path.stem]["words"], (path.stem, words, _NOTES_WORDS[path.stem])
    student = export.handout_ready(nb, instructor=False, lesson=int(path.name[:2]))
    assert not _notes_cells(student)
    teacher = export.handout_ready(nb, instructor=True, lesson=int(path.name[:2]))
    boxes = [c for c in teacher.cells if "crisis-instructor-note" in c.source]
    assert len(boxes) == len(_notes_cells(notes_mod.merge(nb, int(path.name[:2])))) > 0


def test_instructor_and_student_handouts(tmp_path, monkeypatch):
    """handouts --instructor keeps the notes (marked); the students' edition has none."""
    from crisis_course import notes as notes_mod

    monkeypatch.setattr(export.pdf, "find_chromium", lambda: None)
    path = next(p for p in LESSONS if p.name.startswith("03_"))
    nb = export.read_notebook(path)  # not executed: enough to place the notes
    note = next(iter(notes_mod.load(3).values()))
    probe = " ".join(note.split()[:6])
    quiet = export.Progress(1, quiet=True)
    export.write_handouts([path], tmp_path / "s", pdf=False, executed={path: nb}, progress=quiet)
    export.write_handouts([path], tmp_path / "i", pdf=False, executed={path: nb}, progress=quiet, instructor=True)
    student = BeautifulSoup((tmp_path / "s" / "03_nato.html").read_text(encoding="utf-8"), "html.parser")
    teacher = BeautifulSoup((tmp_path / "i" / "03_nato.instructor.html").read_text(encoding="utf-8"), "html.parser")
    assert probe not in " ".join(student.get_text(" ").split())
    assert not student.select(".crisis-instructor-note")
    assert probe in " ".join(teacher.get_text(" ").split())
    assert len(teacher.select(".crisis-instructor-note")) >= len(notes_mod.load(3))
    assert "instructor edition" in teacher.get_text(" ")


def test_cli_handouts_instructor_flag():
    args = cli.build_parser().parse_args(["handouts", "--instructor", "3"])
    assert args.instructor is True and args.func.__name__ == "_cmd_handouts"
    assert cli.build_parser().parse_args(["handouts", "3"]).instructor is False


def test_course_slides_exporter_is_registered():
    from nbconvert.exporters import get_export_names, get_exporter

    assert "course_slides" in get_export_names()
    assert get_exporter("course_slides") is export.CourseSlidesExporter


@pytest.mark.slow
@pytest.mark.parametrize("name", ["03_nato", "06_energy"])
def test_decks_keep_the_golden_notes(name, decks):
    """The decks of the golden lessons carry at least the speaker-notes words they had at b232fb9."""
    golden = _aside_words(golden_support.stored(f"slides/{name}.slides.html").read_text(encoding="utf-8"))
    assert golden > 300
    assert _aside_words(decks[name]) >= golden, (name, _aside_words(decks[name]), golden)


@pytest.mark.slow
def test_plain_nbconvert_course_slides_equals_crisis_course_slides(tmp_path, decks):
    """`jupyter nbconvert --to course_slides` gives the same deck (speaker notes included) as
    `crisis-course slides` (compared after the golden normalisation)."""
    lesson = next(p for p in LESSONS if p.name.startswith("03_"))
    env = {**os.environ, "CRISIS_COURSE_PROGRESS_DIR": str(tmp_path / "progress")}
    proc = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "course_slides", str(lesson),
                           "--output-dir", str(tmp_path)], capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / f"{lesson.stem}.slides.html").read_text(encoding="utf-8")
    assert _aside_words(page) >= _NOTES_WORDS[lesson.stem]["words"] * 0.9
    want = golden_support.normalise(decks[lesson.stem])
    got = golden_support.normalise(page)
    assert got == want, _diff(want, got)
    assert not (tmp_path / "progress").exists() or not any((tmp_path / "progress").iterdir())


# ------------------------------------------------------------------- bad input, before any work

def _course_with_a_broken_lesson(tmp_path) -> Path:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    good = nbformat.v4.new_notebook()
    good.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    good.cells = [nbformat.v4.new_markdown_cell("# Lesson 1: Fine"), nbformat.v4.new_code_cell("1 + 1")]
    nbformat.write(good, str(lessons / "01_fine.ipynb"))
    (lessons / "02_broken.ipynb").write_text('{"cells": [ this is not JSON', encoding="utf-8")
    return lessons


@pytest.mark.parametrize("command", ["slides", "handouts"])
def test_invalid_notebook_is_one_error_line_and_the_rest_is_exported(tmp_path, capsys, monkeypatch, command):
    lessons = _course_with_a_broken_lesson(tmp_path)
    monkeypatch.setattr(export.pdf, "find_chromium", lambda: None)
    out = tmp_path / "out"
    status = cli.main([command, "--lessons-dir", str(lessons), "-o", str(out), "-q"])
    err = capsys.readouterr().err
    assert status == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "02_broken.ipynb" in errors[0] and "not a valid notebook" in errors[0], err
    assert "Traceback" not in err
    written = sorted(p.name for p in out.iterdir())
    assert ("01_fine.slides.html" if command == "slides" else "01_fine.html") in written, written


@pytest.mark.parametrize("command", ["slides", "handouts"])
def test_output_path_that_is_a_file_fails_before_executing(tmp_path, capsys, monkeypatch, command):
    lessons = _course_with_a_broken_lesson(tmp_path)
    executed = []
    monkeypatch.setattr(export.execute, "execute_notebook", lambda *a, **k: executed.append(a) or 1 / 0)
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    status = cli.main([command, "--lessons-dir", str(lessons), "-o", str(target), "-q"])
    err = capsys.readouterr().err
    assert status == 1 and executed == []
    assert err.count("error:") == 1 and "is a file, not a folder" in err and "Traceback" not in err, err
    assert target.read_text(encoding="utf-8") == "x"


def test_read_only_output_folder_fails_before_executing(tmp_path, capsys, monkeypatch):
    """A folder nobody may write into. As root, chmod does not stop writes, so there the refusal
    the kernel would give (EACCES) is simulated at the one place the pre-flight writes."""
    import tempfile as _tempfile

    lessons = _course_with_a_broken_lesson(tmp_path)
    ro = tmp_path / "read-only"
    ro.mkdir()
    ro.chmod(0o555)
    executed = []
    monkeypatch.setattr(export.execute, "execute_notebook", lambda *a, **k: executed.append(a) or 1 / 0)
    if os.geteuid() == 0:
        real = _tempfile.NamedTemporaryFile

        def refuse(*a, dir=None, **k):
            if dir is not None and Path(dir) == ro:
                raise PermissionError(13, "Permission denied", str(ro))
            return real(*a, dir=dir, **k)

        monkeypatch.setattr(_tempfile, "NamedTemporaryFile", refuse)
    try:
        status = cli.main(["slides", "--lessons-dir", str(lessons), "-o", str(ro), "-q"])
    finally:
        ro.chmod(0o755)
    err = capsys.readouterr().err
    assert status == 1 and executed == []
    assert err.count("error:") == 1 and "cannot write into the output folder" in err and "Traceback" not in err, err


def test_answer_key_markdown_escapes_raw_html_from_banks(tmp_path):
    """Raw HTML in a bank (a script tag, an event handler) is text in the Markdown key, as in the HTML."""
    import yaml

    bank = yaml.safe_load(golden_support.golden_banks(tmp_path / "golden")[0].parent.joinpath("nato.yaml")
                          .read_text(encoding="utf-8"))
    q = bank["questions"][0]
    q["prompt"] = 'Evil <script>alert("x")</script> and <img src=x onerror="alert(1)"> prompt'
    q["explanation"] = q["explanation"] + ' <b onmouseover="alert(2)">bold</b>'
    path = tmp_path / "nato.yaml"
    path.write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8")
    page, md, info = export.build_answer_key(solutions_dir=None, banks=[path])
    assert not info["problems"], info["problems"]
    for text in (md, page):
        assert "<script" not in text.lower() and "<img src=x" not in text and "<b onmouseover" not in text
    assert "&lt;script&gt;" in md and "&lt;img src=x onerror=" in md


# ------------------------------------------------------------------- letters and answer grids

def test_answer_letters_match_what_slides_show():
    """The key's letters are the positions in the quiz's static HTML (the slides' and handouts' lists)."""
    from crisis_course.export.answer_key import answer_letters
    from crisis_course.quiz.static import question_to_html

    checked = set()
    for name in bank_names():
        for q in load_bank(name).questions:
            letters = answer_letters(q)
            page = export.preprocessors.ordering_letters(question_to_html(q, 1, 1))
            soup = BeautifulSoup(page, "html.parser")
            lists = [ol for ol in soup.find_all("ol") if ol.get("type") == "A"]
            if q.type == "single":
                shown = [li.get_text(" ", strip=True) for li in lists[0].find_all("li")]
                assert shown[ord(letters) - 65] == BeautifulSoup(q.answer, "html.parser").get_text(" ", strip=True) \
                    or q.options[ord(letters) - 65] == q.answer
            elif q.type == "ordering":
                shown = lists[0].find_all("li")
                assert len(shown) == len(q.items)
                assert [q.display_items()[ord(x) - 65] for x in letters.split(", ")] == list(q.items)
            elif q.type == "matching":
                for pair, (_a, b) in zip(letters.split(", "), q.pairs):
                    assert q.display_rights()[ord(pair.split("-")[1]) - 65] == b
            checked.add(q.type)
    assert {"single", "ordering", "matching"} <= checked


def test_answer_grid_one_page_per_lesson(tmp_path):
    paths, info = export.write_answer_key(tmp_path, solutions_dir=None)
    names = {p.name for p in paths}
    assert {"answer_key.html", "answer_key.md", "answer_grids.html"} <= names
    grid = BeautifulSoup((tmp_path / "answer_grids.html").read_text(encoding="utf-8"), "html.parser")
    pages = grid.select("section.grid-page")
    assert len(pages) == len(info["banks"])
    for page_el, bank_name in zip(pages, info["banks"]):
        bank = load_bank(bank_name)
        quiz = [q for q in bank.questions if not getattr(q, "checkpoint", False)]
        rows = page_el.select("tbody tr")
        assert len(rows) == len(bank.questions)
        assert [r.find("td").get_text() for r in rows[:len(quiz)]] == [f"Q{n}" for n in range(1, len(quiz) + 1)]
        first = quiz[0]
        if first.type == "single":
            assert rows[0].select_one("td.letters").get_text() == chr(65 + first.options.index(first.answer))
    assert len(list((tmp_path / "grids").glob("*.html"))) == len(info["banks"])


@pytest.mark.slow
def test_answer_grid_prints_on_one_page_per_lesson(tmp_path):
    chromium = export.find_chromium()
    if not chromium:
        pytest.skip("Chromium not installed")
    export.write_answer_key(tmp_path, solutions_dir=None)
    grids = sorted((tmp_path / "grids").glob("*.html"))
    with export.pdf._Browser(chromium) as browser:
        for grid in grids:
            pdf = grid.with_suffix(".pdf")
            export.html_to_pdf(grid, pdf, browser)
            pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
            assert pages == 1, f"{grid.name}: {pages} pages"


@pytest.mark.slow
def test_pdfs_print_inside_a_running_asyncio_loop(tmp_path):
    """An instructor calling write_handouts in a notebook (a Jupyter kernel runs an asyncio loop), or
    a test with a Playwright session open: Playwright's sync API refuses to start in such a thread,
    and every handout PDF failed (all nine, when the accessibility tests built the shared handouts)."""
    import asyncio

    chromium = export.find_chromium()
    if not chromium:
        pytest.skip("Chromium not installed")
    html = tmp_path / "handout.html"
    html.write_text("<!doctype html><title>t</title><h1>A handout</h1>", encoding="utf-8")

    async def in_a_kernel():
        with export.pdf._Browser(chromium) as browser:
            export.html_to_pdf(html, tmp_path / "handout.pdf", browser)

    asyncio.run(in_a_kernel())
    assert (tmp_path / "handout.pdf").read_bytes().startswith(b"%PDF")


# ------------------------------------------------------------------------------- worksheets

def test_worksheet_has_key_points_figure_and_questions_without_answers(tmp_path, monkeypatch):
    monkeypatch.setattr(export.pdf, "find_chromium", lambda: None)
    executed = golden_support.fixture_inputs()
    path = next(p for p in executed if p.name.startswith("06_"))
    result = export.write_worksheets([path], tmp_path, executed=executed, progress=export.Progress(1, quiet=True))
    assert not result.failed
    page = (tmp_path / "06_energy.worksheet.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert len(soup.select(".key-points li")) >= 3
    assert soup.select("figure img"), "no main figure"
    bank = load_bank("energy")
    quiz = [q for q in bank.questions if not getattr(q, "checkpoint", False)]
    assert len(soup.select("div.q")) == len(quiz)
    assert len(soup.select("div.q .box")) == len(quiz), "every question has space to write"
    first = soup.select("div.q")[0]
    if quiz[0].type == "single":
        assert [li.get_text(" ", strip=True) for li in first.select("ol.letters li")][:1] == \
            [BeautifulSoup(quiz[0].options[0], "html.parser").get_text(" ", strip=True)]
    text = soup.get_text(" ")
    assert "(correct)" not in text and "Answer:" not in text
    for q in quiz:  # no explanations either
        assert " ".join(BeautifulSoup(q.explanation, "html.parser").get_text(" ").split())[:80] not in " ".join(text.split())


def test_worksheet_key_points_come_from_the_in_brief_box():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Lesson 9: Test"),
                nbformat.v4.new_markdown_cell("> **In brief**\n> - First point\n> - Second <b>point</b>"),
                nbformat.v4.new_markdown_cell("## 1. A section")]
    ws = export.worksheet_model(nb, "09_test")
    assert ws.key_points_from == "in-brief" and len(ws.key_points) == 2
    assert "&lt;b&gt;" in ws.key_points[1]  # Markdown-ish, escaped
    nb.cells.pop(1)
    ws = export.worksheet_model(nb, "09_test")
    assert ws.key_points_from == "sections" and ws.key_points == ["A section"]


@pytest.mark.slow
@pytest.mark.parametrize("stem", ["03_nato", "06_energy"])
def test_worksheet_prints_on_two_to_four_pages(executed, tmp_path, stem):
    if not export.find_chromium():
        pytest.skip("Chromium not installed")
    path = next(p for p in executed if p.stem == stem)
    result = export.write_worksheets([path], tmp_path, executed=executed, progress=export.Progress(1, quiet=True))
    assert not result.failed, result.failed
    pdf = tmp_path / f"{stem}.worksheet.pdf"
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
    assert 2 <= pages <= 4, f"{pdf.name}: {pages} pages"


def test_slide_answers_letters_on_the_slide_explanation_in_the_notes():
    from crisis_course.export.answer_key import answer_letters
    from crisis_course.export.preprocessors import ordering_letters, slide_answers
    from crisis_course.quiz.static import question_to_html

    seen = set()
    for name in bank_names():
        for q in load_bank(name).questions:
            if q.type not in ("ordering", "matching", "multiple", "single") or q.type in seen:
                continue
            page = '<div class="crisis-quiz">' + ordering_letters(question_to_html(q, 1, 1)) + "</div>"
            html, notes = slide_answers(page)
            soup = BeautifulSoup(html, "html.parser")
            answer = soup.select_one(".quiz-answer.fragment")
            assert answer is not None and not soup.find("details", class_="quiz-answer")
            shown = " ".join(answer.get_text(" ", strip=True).split())
            if q.type != "single":
                assert shown.startswith(f"Answer: {answer_letters(q)}"), (q.id, shown, answer_letters(q))
            assert "Source:" in shown and "Show answer" not in html
            explanation = " ".join(BeautifulSoup(q.explanation, "html.parser").get_text(" ").split())[:60]
            assert explanation not in shown
            assert len(notes) == 1 and explanation in " ".join(BeautifulSoup(notes[0], "html.parser").get_text(" ").split())
            seen.add(q.type)
    assert seen == {"ordering", "matching", "multiple", "single"}


def test_quiz_fragments_preprocessor_puts_explanations_in_speaker_notes():
    nb = export.split_quizzes(_fake_quiz_nb())
    ready = export.slide_ready(_fake_quiz_nb(), quiz_per_slide=True)
    explain = [c for c in ready.cells if str(c.get("id", "")).endswith("-explain")]
    quiz_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert len(explain) == len(quiz_cells) >= 2
    assert all(c.metadata.slideshow.slide_type == "notes" for c in explain)
    for c in ready.cells:
        for out in c.get("outputs", []):
            assert "Show answer" not in out.get("data", {}).get("text/html", "")
