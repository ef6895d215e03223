"""No notebook-only text on slides or paper: every exported deck (full and presenter cut), student
handout and worksheet of every lesson is searched for instructions only a running notebook can
follow ("Run the next cell", "run the cell", "Press Check", "Shift+Enter", "Show answer"), for file
hashes (sha256 hex strings) and, in decks, for empty placeholder slides (a slide whose only content
is a heading, or nothing). The exporter rewrites such text (export/paginate.py NOTEBOOK_ONLY);
the lessons keep it for JupyterLab."""
from __future__ import annotations

import re

import pytest
from test_export import LESSONS, executed_lessons, handouts_without_pdf, offline_decks, presenter_decks_offline

from crisis_course import export, presenter

pytestmark = pytest.mark.slow

FORBIDDEN = [re.compile(p, re.I) for p in (r"run the next cell", r"run the cell", r"press\W+check",
                                              r"shift\s*\+\s*enter", r"show answer")]
HASH = re.compile(r"\b[0-9a-f]{64}\b")
_BUILT: dict = {}


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """Every lesson's full deck, presenter cut, student handout and worksheet (HTML), written once."""
    if "files" not in _BUILT:
        done, errors = executed_lessons()
        assert not errors, errors
        out = tmp_path_factory.mktemp("notebook-only")
        quiet = export.Progress(len(done), quiet=True)
        paths = list(done)
        try:  # the decks and handouts other modules check too, built once per run (test_export)
            written = [*offline_decks().glob("*.slides.html"), *presenter_decks_offline().glob("*.slides.html")]
        except pytest.skip.Exception:  # no offline assets here (no npm): the online decks say the same
            written = export.write_slides(paths, out / "slides", executed=done, progress=quiet).written
            planned = [p for p in paths if presenter.plan_path(int(p.name[:2])).is_file()]
            written += export.write_slides(planned, out / "presenter", executed=done, progress=quiet,
                                           cut="presenter").written
        written += [p for p in handouts_without_pdf().glob("*.html") if p.name != "index.html"]
        written += export.write_worksheets(paths, out / "worksheets", pdf=False, executed=done, progress=quiet).written
        _BUILT["files"] = [p for p in written if p.suffix == ".html"]
    return _BUILT["files"]


def visible_text(html: str) -> str:
    """The text a reader sees: no scripts, styles or speaker notes (the notes are for the teacher)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.select("script, style, aside.notes"):
        tag.decompose()
    return soup.get_text(" ")


def notebook_only(html: str) -> list[str]:
    text = " ".join(visible_text(html).split())
    found = [m.group(0) for rx in FORBIDDEN for m in rx.finditer(text)]
    found += [f"hash {m.group(0)[:12]}..." for m in HASH.finditer(text)]
    return found


def placeholder_slides(html: str) -> list[str]:
    """Leaf slides whose only content is a heading (or nothing)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    bad = []
    for n, section in enumerate(s for s in soup.select(".reveal .slides section") if not s.find("section")):
        for tag in section.select("aside.notes, script, style, .anchor-link"):
            tag.decompose()
        headings = " ".join(h.get_text(" ", strip=True) for h in section.find_all(["h1", "h2", "h3", "h4"]))
        body = section.get_text(" ", strip=True)
        for h in section.find_all(["h1", "h2", "h3", "h4"]):
            h.decompose()
        if not section.get_text(" ", strip=True) and not section.find(["img", "table", "svg", "iframe", "video"]):
            bad.append(f"slide {n + 1}: {headings or body or '(empty)'}")
    return bad


def test_no_notebook_only_text_on_slides_or_paper(exports):
    kinds = {".slides.html": 0, ".presenter.slides.html": 0, ".worksheet.html": 0}
    problems = []
    for path in exports:
        found = notebook_only(path.read_text(encoding="utf-8"))
        if found:
            problems.append(f"{path.parent.name}/{path.name}: {sorted(set(found))[:5]}")
        for k in kinds:
            kinds[k] += path.name.endswith(k)
    assert kinds[".slides.html"] >= len(LESSONS) and kinds[".worksheet.html"] == len(LESSONS), kinds
    assert len([p for p in exports if p.parent.name.startswith("handouts")]) == len(LESSONS)
    assert problems == [], "\n".join(problems)


def test_no_empty_placeholder_slides(exports):
    problems = []
    for path in exports:
        if path.name.endswith(".slides.html"):
            problems += [f"{path.parent.name}/{path.name}: {p}" for p in placeholder_slides(path.read_text("utf-8"))]
    assert problems == [], "\n".join(problems)


def test_the_checks_can_fail():
    page = """<div class="reveal"><div class="slides"><section><h2>Map</h2><aside class="notes">Run the cell</aside>
    </section><section><h2>Data</h2><p>Run the next cell, then press Check. Show answer. Shift+Enter.</p>
    <p>File: """ + "ab" * 32 + """</p></section></div></div>"""
    assert placeholder_slides(page) == ["slide 1: Map"]
    found = notebook_only(page)
    assert {f.lower() for f in found} >= {"run the next cell", "press check", "show answer", "shift+enter"}
    assert any(f.startswith("hash abababab") for f in found)
    assert "run the cell" not in {f.lower() for f in found}  # speaker notes are not on the slide
