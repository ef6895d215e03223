"""Committed notebooks are clean: valid nbformat, no outputs or widget state, kernel python3."""
import json
import re

import nbformat
import pytest
from conftest import all_notebooks

NOTEBOOKS = all_notebooks()


def _ids(paths):
    return [f"{p.parent.name}/{p.name}" for p in paths]


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found under lessons/, exercises/, solutions/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_is_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)  # raises ValidationError with the offending field
    spec = nb.metadata.get("kernelspec", {})
    assert spec.get("name") == "python3", f"kernel is {spec.get('name')!r}, must be 'python3'"
    assert "widgets" not in nb.metadata, "widget state is stored in metadata.widgets (run `nbstripout --keep-id`)"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {i} has outputs (run `nbstripout --keep-id`)"
            assert cell.execution_count is None, f"cell {i} has an execution count (run `nbstripout --keep-id`)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_nbstripout_finds_nothing_to_strip(path):
    from nbstripout import strip_output

    nb = nbformat.read(path, as_version=4)
    before = json.dumps(nb, sort_keys=True)
    stripped = strip_output(nbformat.read(path, as_version=4), keep_output=False, keep_count=False,
                            keep_id=True)
    assert json.dumps(stripped, sort_keys=True) == before


def test_hygiene_check_catches_a_dirty_notebook(tmp_path):
    """The checks above can fail: a notebook with outputs is caught."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = nbformat.v4.new_code_cell("1 + 1")
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    cell.execution_count = 1
    nb.cells.append(cell)
    p = tmp_path / "dirty.ipynb"
    nbformat.write(nb, p)
    with pytest.raises(AssertionError, match="outputs"):
        test_notebook_is_clean(p)
    nb.metadata["kernelspec"]["name"] = "python2"
    cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, p)
    with pytest.raises(AssertionError, match="python2"):
        test_notebook_is_clean(p)


LESSONS = [p for p in NOTEBOOKS if p.parent.name == "lessons"]


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_lesson_has_slides_and_skeleton(path):
    nb = nbformat.read(path, as_version=4)
    types = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert types[0] == "slide", "the first cell must be the title slide"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.lstrip().startswith("# ")
    assert all(t is not None for t in types), "every cell needs metadata.slideshow.slide_type"
    assert "notes" not in types, "instructor notes live in content/notes/, not in the student notebook"
    from crisis_course import notes
    from crisis_course.checks import INSTRUCTOR_WORDING

    assert notes.load(path.name), "a lesson needs instructor notes (content/notes/<lesson>.yaml)"
    assert notes.problems(nb, path.name) == []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = INSTRUCTOR_WORDING.search(cell.source)
            assert not found, f"instructor-only wording in cell {cell.get('id')}: {found.group(0)!r}"
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    for heading in ("learning objectives", "prerequisites", "key points", "sources", "discussion"):
        assert heading in text, f"missing section: {heading}"
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "Quiz.from_bank(" in code, "a lesson needs a quiz"


_CODE_SPAN = re.compile(r"```.*?```|`[^`\n]*`", re.S)
_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")


def stray_dollar_cells(nb) -> list[str]:
    """Markdown cells with two or more unescaped ``$`` outside code: JupyterLab and nbconvert
    typeset the text between them as a maths formula ("$60 million ... $2.5 billion" becomes one
    run-together italic formula). Write ``\\$`` or "US$" instead."""
    bad = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        text = _CODE_SPAN.sub("", cell.source)
        if len(_UNESCAPED_DOLLAR.findall(text)) >= 2:
            bad.append(f"cell {cell.get('id', '?')}: {text[:80]!r}")
    return bad


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_no_dollar_signs_that_render_as_maths(path):
    nb = nbformat.read(path, as_version=4)
    assert stray_dollar_cells(nb) == []


def test_dollar_check_can_fail():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("A $60 million package and $2.5 billion since 2014."),
                nbformat.v4.new_markdown_cell(r"Fine: a \$60 million package and \$2.5 billion, or `$x$` in code.")]
    assert len(stray_dollar_cells(nb)) == 1
