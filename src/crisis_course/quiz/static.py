"""Static HTML for a quiz: no script, no kernel; works in nbconvert HTML, slides, PDF and GitHub.

Each question shows its prompt and options, and a click-to-reveal ``<details>`` element with the
answer, the explanation and the source. In instructor mode (answer keys) the answers are shown
inline instead. Every string from a bank goes through :mod:`.markup` (escaped first), so bank
content can never inject markup or script. Only dark text on light backgrounds is used, no
headings (so the quiz never breaks a page's heading order), and no buttons.
"""
from __future__ import annotations

from .grading import Question
from .markup import escape, render, render_inline

__all__ = ["bank_to_html", "question_to_html", "STYLE"]

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


def _option_list(question: Question, options: list[str], instructor: bool, right: set[str],
                 ordered_type: str = "A") -> str:
    items = []
    for opt in options:
        mark = ""
        if instructor and opt in right:
            mark = ' <strong>✓ (correct)</strong>'
        items.append(f"<li>{render_inline(opt)}{mark}</li>")
    return f'<ol type="{ordered_type}" style="margin:0.3em 0 0.3em 1.5em">' + "".join(items) + "</ol>"


def _inputs_html(q: Question, instructor: bool, options: list[str] | None = None) -> str:
    t = q.type
    if t in ("single", "multiple"):
        opts = options if options is not None else q.options
        right = {q.answer} if t == "single" else set(q.answer)
        return _option_list(q, opts, instructor, right)
    if t == "true_false":
        right = {"True" if q.answer else "False"}
        return _option_list(q, ["True", "False"], instructor, right)
    if t == "numeric":
        unit = f" (in {escape(q.unit)})" if q.unit else ""
        return f'<p style="{STYLE["meta"]}">Answer: a number{unit}.</p>'
    if t == "text":
        return f'<p style="{STYLE["meta"]}">Answer: a word or short phrase.</p>'
    if t == "ordering":
        lis = "".join(f"<li>{render_inline(i)}</li>" for i in q.display_items())
        return (f'<p style="{STYLE["meta"]}">Items to put in order (shown shuffled):</p>'
                f'<ul style="margin:0.3em 0 0.3em 1.5em">{lis}</ul>')
    if t == "matching":
        rows = "".join(f"<li>{render_inline(a)}</li>" for a in q.lefts)
        choices = "".join(f"<li>{render_inline(b)}</li>" for b in q.display_rights())
        return (f'<p style="{STYLE["meta"]}">Match each item:</p><ol style="margin:0.3em 0 0.3em 1.5em">{rows}</ol>'
                f'<p style="{STYLE["meta"]}">… to one of these (shown shuffled):</p>'
                f'<ol type="A" style="margin:0.3em 0 0.3em 1.5em">{choices}</ol>')
    raise AssertionError(t)


def answer_html(q: Question) -> str:
    """The answer, explanation and source as HTML (all escaped)."""
    if q.type == "ordering":
        ans = "<ol>" + "".join(f"<li>{render_inline(i)}</li>" for i in q.items) + "</ol>"
    elif q.type == "matching":
        ans = "<ul>" + "".join(f"<li>{render_inline(a)} → {render_inline(b)}</li>" for a, b in q.pairs) + "</ul>"
    elif q.type == "multiple":
        ans = "<ul>" + "".join(f"<li>{render_inline(a)}</li>" for a in q.answer) + "</ul>"
    else:
        ans = render_inline(q.answer_text())
    return (f'<div><strong>Answer:</strong> {ans}</div>'
            f'<div style="margin-top:0.3em">{render(q.explanation)}</div>'
            + _why_not_html(q) +
            f'<div style="{STYLE["meta"]}"><em>Source:</em> {render_inline(q.source)}</div>')


def _why_not_html(q: Question) -> str:
    """The bank's feedback on the tempting wrong answers, as a short list (never instructor notes)."""
    items = []
    if q.type in ("single", "multiple"):
        for i, option in enumerate(q.options):
            if option in q.feedback:
                items.append(f"<li><strong>{chr(65 + i)}.</strong> {render_inline(option)}: "
                             f"{render_inline(q.feedback[option])}</li>")
    elif q.type == "true_false":
        for key, label in (("true", "True"), ("false", "False")):
            if key in q.feedback:
                items.append(f"<li><strong>{label}</strong>: {render_inline(q.feedback[key])}</li>")
    else:
        items = [f"<li>{render_inline(k)}: {render_inline(v)}</li>" for k, v in q.feedback.items()]
        items += [f"<li>{escape(str(m['value']))}{(' ' + escape(q.unit)) if q.unit else ''}: "
                  f"{render_inline(m['feedback'])}</li>" for m in q.near_misses]
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
        _inputs_html(q, instructor, options),
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
