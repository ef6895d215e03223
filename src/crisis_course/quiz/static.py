"""Static HTML for a quiz: no script, no kernel; works in nbconvert HTML, slides, PDF and GitHub.

Each question shows its prompt and options, and a click-to-reveal ``<details>`` element with the
answer, the explanation and the source. In instructor mode (answer keys) the answers are shown
inline instead. Every string from a bank goes through :mod:`.markup` (escaped first), so bank
content can never inject markup or script. Only dark text on light backgrounds is used, no
headings (so the quiz never breaks a page's heading order), and no buttons.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .markup import escape, render, render_inline

if TYPE_CHECKING:  # the question types import this module for STYLE and option_list_html
    from .grading import Question

__all__ = ["bank_to_html", "question_to_html", "answer_html", "option_list_html", "STYLE"]

# Inline styles only (no <style> block needed, so it survives sanitising renderers such as GitHub's).
STYLE = {
    "section": "border:1px solid #767676;border-radius:6px;padding:0.6em 1em;margin:0.8em 0;"
               "color:#1a1a1a;background:#ffffff;",
    "title": "font-weight:bold;font-size:1.1em;margin:0 0 0.4em 0;color:#1a1a1a;",
    "question": "border-top:1px solid #c8c8c8;padding:0.5em 0;color:#1a1a1a;",
    "meta": "font-size:0.9em;color:#404040;margin:0.2em 0;",
    "answer": "background:#f3f3f3;border-left:4px solid #1a1a1a;padding:0.4em 0.8em;margin:0.3em 0;color:#1a1a1a;",
    "summary": "cursor:pointer;font-weight:bold;color:#1a1a1a;",
}


def option_list_html(options: list[str], instructor: bool, right: set[str]) -> str:
    """Options as a lettered list (A, B, ...); in instructor mode the right ones are marked."""
    items = []
    for opt in options:
        mark = ""
        if instructor and opt in right:
            mark = ' <strong>✓ (correct)</strong>'
        items.append(f"<li>{render_inline(opt)}{mark}</li>")
    return '<ol type="A" style="margin:0.3em 0 0.3em 1.5em">' + "".join(items) + "</ol>"


def answer_html(q: Question) -> str:
    """The answer, explanation and source as HTML (all escaped)."""
    ans = q.kind.answer_html(q)
    return (f'<div><strong>Answer:</strong> {ans}</div>'
            f'<div style="margin-top:0.3em">{render(q.explanation)}</div>'
            + _why_not_html(q) +
            f'<div style="{STYLE["meta"]}"><em>Source:</em> {render_inline(q.source)}</div>')


def _why_not_html(q: Question) -> str:
    """The bank's feedback on the tempting wrong answers, as a short list (never instructor notes)."""
    items = q.kind.why_not_items(q)
    if not items:
        return ""
    return (f'<div class="quiz-why-not" style="margin-top:0.3em"><em>Tempting but wrong:</em>'
            f'<ul style="margin:0.2em 0 0.2em 1.2em">{"".join(items)}</ul></div>')


def question_to_html(q: Question, number: int, total: int, instructor: bool = False,
                     options: list[str] | None = None) -> str:
    """One question as a ``<div class="quiz-question">``."""
    parts = [
        f'<div class="quiz-question" id="quiz-{escape(q.id)}" style="{STYLE["question"]}">',
        f'<p style="{STYLE["meta"]}">Question {number} of {total} · {escape(q.instruction)}'
        + (f' · <em class="quiz-level">Level: {escape(q.level)}</em>' if q.level else "") + '</p>',
        f'<div class="quiz-prompt">{render(q.prompt)}</div>',
        q.kind.inputs_html(q, instructor, options),
    ]
    if q.hint and not instructor:
        parts.append(f'<details><summary style="{STYLE["summary"]}">Hint</summary>'
                     f'<div style="{STYLE["answer"]}">{render(q.hint)}</div></details>')
    if instructor:
        parts.append(f'<div class="quiz-answer" style="{STYLE["answer"]}">{answer_html(q)}</div>')
    else:
        parts.append(f'<details class="quiz-answer"><summary style="{STYLE["summary"]}">Show answer</summary>'
                     f'<div style="{STYLE["answer"]}">{answer_html(q)}</div></details>')
    parts.append("</div>")
    return "".join(parts)


def bank_to_html(bank, instructor: bool = False, questions=None, options: dict | None = None,
                 title: str | None = None) -> str:
    """A whole bank (a :class:`Bank`, a bank name or a path) as static HTML.

    ``instructor=True`` shows every answer inline (answer keys); otherwise answers are behind
    ``<details>``. ``questions`` and ``options`` (qid -> option order) let a shuffled
    :class:`Quiz` export in its own order.
    """
    from .bank import load_bank

    bank = load_bank(bank)
    qs = list(questions) if questions is not None else bank.questions
    title = title or bank.title
    label = f"{title} (answer key)" if instructor else title
    out = [
        # a <div role="region">, not a <section>: reveal.js turns any <section> inside a slide into
        # a hidden sub-slide, so plain `jupyter nbconvert --to slides` decks would lose the quiz.
        f'<div class="crisis-quiz" role="region" aria-label="{escape(label)}" data-bank="{escape(bank.name)}" '
        f'style="{STYLE["section"]}">',
        f'<p class="quiz-title" style="{STYLE["title"]}">{render_inline(label)}</p>',
    ]
    if not instructor:
        out.append(f'<p style="{STYLE["meta"]}">Static copy of the quiz: run the notebook to answer '
                   'interactively; open “Show answer” to check yourself.</p>')
    for n, q in enumerate(qs, 1):
        out.append(question_to_html(q, n, len(qs), instructor, (options or {}).get(q.id)))
    out.append("</div>")
    return "\n".join(out)
