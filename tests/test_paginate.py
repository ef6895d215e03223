"""Slides that fit one screen, without a browser: the height estimate, the pagination preprocessor
(continuation screens, Markdown split between blocks, tables between rows, reference screens
numbered), the rewrite of notebook-only text and the slide version of figures. The browser
measures the real decks in test_slide_overflow.py."""
from __future__ import annotations

import re

import nbformat
import pytest

from crisis_course import figures
from crisis_course.export import paginate as P
from crisis_course.export.core import _slide_type
from crisis_course.export.preprocessors import slide_ready


def md(text, slide_type="-", cid=None, tags=()):
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["slideshow"] = {"slide_type": slide_type}
    if tags:
        cell.metadata["tags"] = list(tags)
    if cid:
        cell["id"] = cid
    return cell


def nb_of(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def screens(nb):
    """[[cells of screen 1], ...] (notes left out)."""
    out = []
    for cell in nb.cells:
        if _slide_type(cell) in ("slide", "subslide") or not out:
            out.append([])
        if _slide_type(cell) != "notes":
            out[-1].append(cell)
    return out


SENTENCE = "The EU imported about 155 bcm of gas from Russia in 2021, a third of what it used."


def test_estimate_grows_with_text_and_a_short_slide_is_left_alone():
    short = md("## Title\n\nOne short paragraph.", "slide")
    assert 50 < P.estimate_cell(short) < 200
    long_ = md("## Title\n\n" + "\n\n".join([SENTENCE * 3] * 12), "slide")
    assert P.estimate_cell(long_) > 2 * P.SLIDE_HEIGHT
    nb = nb_of(md("## Title\n\nOne short paragraph.", "slide", "a"), md("Notes.", "notes", "n"))
    before = [c.source for c in nb.cells]
    P.paginate(nb)
    assert [c.source for c in nb.cells] == before


def test_a_long_markdown_cell_becomes_continuation_screens_between_paragraphs():
    paragraphs = [f"Paragraph {k}. {SENTENCE} {SENTENCE}" for k in range(1, 21)]
    nb = nb_of(md("## 5. A long section\n\n" + "\n\n".join(paragraphs), "slide", "long"),
               md("What to say about the section.", "notes", "n1"))
    P.paginate(nb)
    got = screens(nb)
    assert len(got) >= 3
    for k, screen in enumerate(got):
        assert sum(P.estimate_cell(c) for c in screen) <= P.BUDGET, k
        if k:
            assert _slide_type(screen[0]) == "subslide"
            assert screen[0].source == "### 5. A long section (continued)"
    # every paragraph exactly once, whole and in order: no cut inside a sentence
    text = "\n\n".join(c.source for s in got for c in s if not c.source.startswith("###"))
    assert re.findall(r"Paragraph \d+\. [^\n]+", text) == paragraphs
    # the speaker notes go with every screen
    notes = [c for c in nb.cells if _slide_type(c) == "notes"]
    assert len(notes) == len(got) and all(n.source == "What to say about the section." for n in notes)


def test_a_long_table_is_cut_between_rows_with_its_header_repeated():
    rows = [f"| Country {k} | {k * 3.5:.1f} | {SENTENCE} |" for k in range(1, 41)]
    table = "| Country | Share (%) | Note |\n|---|---|---|\n" + "\n".join(rows)
    nb = nb_of(md("## Shares\n\n" + table, "slide", "t"))
    P.paginate(nb)
    cells = [c for s in screens(nb) for c in s if "|" in c.source]
    assert len(cells) >= 2
    seen = []
    for cell in cells:
        lines = [x for x in cell.source.splitlines() if x.startswith("|")]
        assert lines[0] == "| Country | Share (%) | Note |" and lines[1] == "|---|---|---|"
        seen += lines[2:]
    assert seen == rows  # every row whole, once, in order


def test_reference_screens_are_numbered_and_glossary_part_titles_go():
    sources = "\n".join(f"{k}. *A source title {k}*, Publisher, 1 December 2021 (https://example.org/{k})."
                        for k in range(1, 60))
    gloss = ("<div class='crisis-glossary'><p><strong>Glossary: terms used in lesson 6 (2 of 3)</strong></p>"
             "<dl style='margin:0'><div><dt><strong>LNG</strong></dt><dd>Liquefied gas.</dd></div></dl></div>")
    out = nbformat.v4.new_code_cell("glossary.show(lesson=6, part=2, parts=3)")
    out.outputs = [nbformat.v4.new_output("display_data", data={"text/html": gloss, "text/plain": ""})]
    out.metadata["slideshow"] = {"slide_type": "subslide"}
    nb = nb_of(md("## Terms used in this lesson\n\nThe course glossary defines these terms.", "slide", "terms"), out,
               md("## Sources\n\n" + sources, "slide", "src"))
    P.paginate(nb)
    headings = [P._heading_of(c) for c in nb.cells if P._heading_of(c)]
    assert headings[:2] == ["Terms used in this lesson (1/2)", "Terms used in this lesson (2/2)"]
    n = len([h for h in headings if h.startswith("Sources")])
    assert n >= 2 and headings[2:] == [f"Sources ({k}/{n})" for k in range(1, n + 1)]
    assert "(2 of 3)" not in str(nb.cells[2].outputs)


def test_a_heading_never_stays_alone_on_a_screen():
    fig = nbformat.v4.new_code_cell("figures.show(...)")
    fig.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<figure><img src='x'></figure>"})]
    nb = nb_of(md("## A figure", "slide", "h"), fig, fig)
    P.paginate(nb)
    for screen in screens(nb):
        assert not all(P._heading_only(c) for c in screen), [c.source for c in screen]


@pytest.mark.parametrize("before, after", [
    ("Good text. Run the next cell to see the map. More text.", "Good text. More text."),
    ("Choose one, then press **Check**.", ""),
    ("Run it (Shift+Enter), or use Run ▸ Run All Cells.", "Run it, or use Run ▸ Run All Cells."),
    ("the kernel has not run the cell that imports maps", "the kernel has not run the code cell that imports maps"),
    ('<details class="quiz-answer"><summary>Show answer</summary>B</details>',
     '<details class="quiz-answer"><summary>Answer</summary>B</details>'),
    ("Checksum " + "0123456789abcdef" * 4 + " of the file.", "Checksum of the file."),
])
def test_notebook_only_text_is_rewritten(before, after):
    assert P.strip_notebook_only(before) == after


def test_slide_ready_drops_a_cell_that_only_said_run_the_next_cell():
    nb = nb_of(md("## Map", "slide", "a"), md("Run the next cell to draw the map.", "-", "b"),
               md("The map shows Europe.", "-", "c"))
    ready = slide_ready(nb)
    assert [c.source for c in ready.cells] == ["## Map", "The map shows Europe."]


def test_figure_slide_version_has_text_large_enough_for_a_projector(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def chart():
        fig, ax = plt.subplots(figsize=(11, 6))
        ax.plot([2019, 2020, 2021], [40, 39, 45])
        ax.set_title("Share of imports")
        ax.annotate("small note", (2020, 39), fontsize=8)
        return fig

    plain = figures.show(chart(), alt="A line.")
    assert plain.slide is None  # students' notebooks: one picture, no slide copy
    assert plain.min_font_px == pytest.approx(8 * 110 / 72, abs=0.1)
    width = figures._png_size(plain.png)[0]
    # the notebook's figure at slide width would have too small text: the check can fail
    assert plain.min_font_px * figures.SLIDE_BOX[0] / width < figures.SLIDE_MIN_FONT_PX
    monkeypatch.setenv("CRISIS_COURSE_SLIDE_FIGURES", "1")
    shown = figures.show(chart(), alt="A line.")
    png, font, slide_width = shown.slide
    natural = figures._png_size(png)
    assert slide_width <= figures.SLIDE_BOX[0] and slide_width * natural[1] / natural[0] <= figures.SLIDE_BOX[1] + 1
    assert font * slide_width / natural[0] >= figures.SLIDE_MIN_FONT_PX
    bundle = shown._repr_mimebundle_()
    assert 'class="crisis-slide-figure"' in bundle[figures.SLIDE_MIME]
    assert f'data-min-font-px="{font}"' in bundle[figures.SLIDE_MIME]


def test_a_chart_with_a_slide_layout_is_redrawn_in_it_for_exports(monkeypatch):
    """figures.for_slides: in an export the chart's own slide layout is drawn (under slide_rc, on
    SLIDE_FIGSIZE) instead of shrinking the notebook's figure; the notebook's picture is unchanged."""
    import functools

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from crisis_course import figures

    calls = []

    def chart(layout="notebook"):
        calls.append(layout)
        size = figures.SLIDE_FIGSIZE if layout == "slide" else (12, 8)
        fig, ax = plt.subplots(figsize=size)
        ax.plot([2018, 2019, 2020], [40, 41, 38])
        ax.annotate("note", (2019, 41), fontsize=figures.SLIDE_MIN_PT if layout == "slide" else 7)
        if layout == "slide":
            assert matplotlib.rcParams["xtick.labelsize"] >= figures.SLIDE_MIN_PT  # drawn under slide_rc
            return fig
        return figures.for_slides(fig, functools.partial(chart, layout="slide"))

    before = matplotlib.rcParams["xtick.labelsize"]
    open_before = set(plt.get_fignums())  # other tests in this process may have left figures open
    plain = figures.show(chart(), alt="A line.")
    assert plain.slide is None and calls == ["notebook"]
    assert plain.min_font_px == pytest.approx(7 * 110 / 72, abs=0.1)
    monkeypatch.setenv("CRISIS_COURSE_SLIDE_FIGURES", "1")
    shown = figures.show(chart(), alt="A line.")
    assert calls == ["notebook", "notebook", "slide"]
    png, font, slide_width = shown.slide
    natural = figures._png_size(png)
    assert font == pytest.approx(figures.SLIDE_MIN_PT * figures.SLIDE_DPI / 72, abs=0.1)
    assert font * slide_width / natural[0] >= figures.SLIDE_MIN_FONT_PX
    assert figures._png_size(shown.png) == figures._png_size(plain.png)  # the notebook's picture as before
    assert matplotlib.rcParams["xtick.labelsize"] == before  # the slide settings do not leak into the notebook
    assert set(plt.get_fignums()) == open_before  # both figures closed


def test_a_heading_only_slide_before_subslides_is_joined_or_dropped():
    def quiz(n):
        cell = nbformat.v4.new_code_cell("")
        html = f"<div class='crisis-quiz'><p class='quiz-title'>Quiz</p><div class='quiz-question'><p>Q{n}?</p></div></div>"
        cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html})]
        cell.metadata["slideshow"] = {"slide_type": "subslide"}
        return cell

    nb = nb_of(md("## Check your understanding", "slide", "h"), md("Say: answer alone first.", "notes", "n"),
               quiz(1), quiz(2))
    P.paginate(nb)
    got = screens(nb)
    assert len(got) == 2 and got[0][0].source == "## Check your understanding" and got[0][1].outputs
    assert _slide_type(got[0][0]) == "slide" and any(_slide_type(c) == "notes" for c in nb.cells)
    big = quiz(1)
    big.outputs[0]["data"]["text/html"] = big.outputs[0]["data"]["text/html"].replace(
        "<p>Q1?</p>", "".join(f"<p>{SENTENCE} {SENTENCE}</p>" for _ in range(12)))
    nb = nb_of(md("## Check your understanding", "slide", "h"), big, quiz(2))
    P.paginate(nb)
    got = screens(nb)
    assert len(got) == 2 and _slide_type(got[0][0]) == "slide" and got[0][0].outputs
    assert "## Check your understanding" not in [c.source for c in nb.cells]


@pytest.mark.slow
def test_the_export_kernel_gets_its_progress_folder_and_slide_figures(tmp_path):
    """execute_notebook's kernel runs with an empty temporary progress folder and
    CRISIS_COURSE_SLIDE_FIGURES=1 (nbclient's synchronous start used to bypass the override that
    sets them, so exports could read a real progress file and drew no slide figures)."""
    import os

    from crisis_course.export import execute_notebook

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(
        "import os; print(os.environ.get('CRISIS_COURSE_SLIDE_FIGURES'), os.environ.get('CRISIS_COURSE_PROGRESS_DIR'))")]
    path = tmp_path / "t.ipynb"
    nbformat.write(nb, path)
    flag, folder = execute_notebook(path).cells[0].outputs[0]["text"].split()
    assert flag == "1"
    assert folder != os.environ.get("CRISIS_COURSE_PROGRESS_DIR") and "crisis-export-progress-" in folder
