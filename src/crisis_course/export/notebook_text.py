"""Notebook-only text on slides and paper: sentences that ask the reader to do what only a running
notebook can do ("Run the next cell", "Press Check", "Shift+Enter", "Show answer"), and file hashes,
rewritten or dropped by :class:`NotebookOnlyTextPreprocessor` (slides, handouts) and
:func:`strip_notebook_only` (worksheets). Speaker notes are left as they are."""
from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor

from .core import _slide_type


#: Notebook-only text rewritten for slides and paper (``(pattern, replacement)``, applied in order
#: to Markdown and to HTML outputs). Sentences that ask the reader to do something only a running
#: notebook can do are dropped (across a line break, with inline tags); key hints in brackets go;
#: a mention of running cells (lesson 0 explains
#: JupyterLab) names the code cell; the quiz's "Show answer" toggle is labelled "Answer".
def _keep_lead(m: re.Match) -> str:
    """The space before a dropped sentence stays only when more text follows on its line."""
    rest = m.string[m.end():m.end() + 1]
    return m.group(1) if rest and rest not in "<\n" else ""


_INLINE_TAG = r"<(?:/?(?:strong|em|b|i|code|kbd|a|span|small)\b[^>]*)>"
#: one character of a sentence: no sentence end, no block tag (inline tags and single line breaks are fine)
_IN_SENTENCE = rf"(?:[^.!?<>\n]|{_INLINE_TAG}|\n(?![ \t]*\n)(?![ \t]*(?:[-*>] |\d+\. )))"
NOTEBOOK_ONLY = [
    # key hints in brackets go ("once run (Shift+Enter), shows its output")
    (re.compile(r"\s*\((?:press |with )?(?:<[^>]+>)?Shift\s*\+\s*Enter(?:<[^>]+>)?\)"), ""),
    # "run cells with Shift+Enter" -> "run cells"
    (re.compile(r"\s+with\s+(?:\*\*|<strong>|<kbd>)?Shift\s*\+\s*Enter(?:\*\*|</strong>|</kbd>)?"), ""),
    # a whole sentence that tells the reader to run, press or click something in the notebook
    # (a sentence starts after a sentence end or a tag, at the start, or at a list item's marker)
    (re.compile(rf"(?:(?<=[.!?>])|(?<=[.!?]\*\*)|\A|(?<=\n)(?=[-*>] |\d+\. |\s*\n))((?:\s|[-*>] |\d+\. )*)(?:(?:\*\*|{_INLINE_TAG})?[^\s.!?<>*]{_IN_SENTENCE}*?)?\b(?:[Rr]un the next cell|"
                rf"[Pp]ress (?:{_INLINE_TAG}|\*\*)?Check\b|[Cc]lick (?:{_INLINE_TAG}|\*\*)?Check\b|"
                rf"Shift\s*\+\s*Enter){_IN_SENTENCE}*[.!?](?:\*\*)?[ \t]*"), _keep_lead),
    # a mention of running cells (lesson 0 explains JupyterLab) names the code cell
    (re.compile(r"\b([Rr]un) the cell(s?)\b"), r"\1 the code cell\2"),
    # the quiz's "Show answer" toggle
    (re.compile(r"(<summary[^>]*>)\s*Show answer\s*(</summary>)"), r"\1Answer\2"),
    (re.compile(r"\bShow answer\b"), "Answer"),
    # file hashes (sha256) belong in the data folder, not on a slide or a page
    (re.compile(r"\s*\(?(?:SHA-?256:?\s*)?`?\b[0-9a-f]{64}\b`?\)?"), ""),
    # a list item or paragraph left empty
    (re.compile(r"<(li|p)>\s*</\1>\n?"), ""),
]


def strip_notebook_only(text: str) -> str:
    """``text`` with the :data:`NOTEBOOK_ONLY` rewrites applied."""
    for pattern, replacement in NOTEBOOK_ONLY:
        for _ in range(5):  # two such sentences in a row: the second is found once the first is gone
            new = pattern.sub(replacement, text)
            if new == text:
                break
            text = new
    return text


class NotebookOnlyTextPreprocessor(Preprocessor):
    """Slides and paper without notebook-only text (see :data:`NOTEBOOK_ONLY`); a Markdown cell
    left empty by it is dropped. Speaker notes are left as they are."""

    def preprocess(self, nb, resources):
        keep = []
        for cell in nb.cells:
            if _slide_type(cell) == "notes":
                keep.append(cell)
                continue
            if cell.cell_type == "markdown":
                new = strip_notebook_only(cell.source)
                if new != cell.source and not new.strip():
                    continue
                cell.source = new
            for out in cell.get("outputs", []):
                data = out.get("data") or {}
                html = data.get("text/html")
                if html is not None:
                    data["text/html"] = strip_notebook_only("".join(html) if isinstance(html, list) else html)
            keep.append(cell)
        nb.cells = keep
        return nb, resources
