"""Moodle XML export of a quiz bank (one ``<quiz>`` file per bank), and its rules read back.

Mapping (see docs/lms.md):

- single -> ``multichoice`` with ``<single>true</single>``; the right option 100 %, the others 0 %;
- multiple -> ``multichoice`` with ``<single>false</single>``: each right option ``100/k`` %,
  each wrong option ``-100/k`` % (so full marks only for exactly the right set, as in the course);
- true_false -> ``truefalse``;
- numeric -> ``numerical``: the answer with its ``tolerance`` (100 %), then each near miss as an
  answer worth 0 % with its own feedback; the unit and its usual spellings as Moodle units
  (multiplier 1, optional);
- text -> ``shortanswer`` (``usecase`` 0): the answer, every ``accept`` and their accent-free
  forms at 100 %; wrong answers with feedback at 0 %;
- matching -> ``matching`` (one subquestion per left item);
- ordering -> ``matching`` too: each item is matched to its position ("1st", "2nd", ...).
  Moodle's own "ordering" question type is a plugin that not every site has.

Per-option feedback goes into each answer's ``<feedback>``; for matching and ordering (which
have no per-pair feedback in Moodle) it goes into the "incorrect" feedback. The explanation and
source are the general feedback; the hint is a Moodle hint (shown in interactive mode).
Instructor notes are never exported: an LMS shows feedback to students.
"""
from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from ..quiz.bank import Bank
from ..quiz.grading import Question
from ..quiz.markup import escape, render
from . import common
from .common import NOT_IMPORT_TESTED, extra, fmt_number
from .rules import Rules, plain_text

__all__ = ["bank_to_moodle_xml", "parse_rules", "unit_names", "MOODLE_FRACTIONS"]

#: The grade fractions Moodle accepts (its import rejects any other value).
MOODLE_FRACTIONS = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                    14.28571, 12.5, 11.11111, 10, 5, 0]


def _fraction(percent: float) -> str:
    """The allowed Moodle fraction nearest to ``percent`` (sign kept), as text."""
    best = min(MOODLE_FRACTIONS, key=lambda f: abs(f - abs(percent)))
    value = best if percent >= 0 else -best
    return fmt_number(value)


def _text(parent, tag: str, text: str, fmt: str | None = "html", **attrs):
    el = ET.SubElement(parent, tag, **({"format": fmt} if fmt else {}), **attrs)
    ET.SubElement(el, "text").text = text
    return el


def _answer(parent, fraction: str, text: str, feedback: str = "", fmt: str = "html", tolerance=None):
    ans = ET.SubElement(parent, "answer", fraction=fraction, format=fmt)
    ET.SubElement(ans, "text").text = text
    if tolerance is not None:
        ET.SubElement(ans, "tolerance").text = fmt_number(tolerance)
    _text(ans, "feedback", feedback)
    return ans


def unit_names(unit: str | None) -> list[str]:
    """Unit spellings a Moodle numerical question accepts after the number (multiplier 1)."""
    if not unit or not str(unit).strip():
        return []
    u = str(unit).strip()
    if u in ("%", "percent", "per cent"):
        return ["%", "percent", "per cent", "pct"]
    if u in ("x", "times"):
        return ["times", "x"]
    names = [u]
    words = u.replace("/", " / ").split()
    if len(words) > 1 and words[0].isalpha():  # "bcm per year": "bcm" alone too, as the course accepts
        names.append(words[0])
    elif u.isalpha():  # one word: singular and plural
        alt = u[:-1] if u.endswith("s") and len(u) > 3 else u + "s"
        names.append(alt)
    if "/" in u:
        names.append(u.replace("/", " per "))
    return list(dict.fromkeys(names))


def _escape_wildcard(text: str) -> str:
    return text.replace("*", r"\*")


def question_element(q: Question, bank: Bank | None = None, tags: list[str] | None = None) -> ET.Element:
    t = q.type
    mtype = {"single": "multichoice", "multiple": "multichoice", "true_false": "truefalse",
             "numeric": "numerical", "text": "shortanswer", "matching": "matching",
             "ordering": "matching"}[t]
    el = ET.Element("question", type=mtype)
    _text(el, "name", q.id, fmt=None)
    instruction = ""
    if t == "numeric":
        instruction = common.numeric_instruction(q, units_ok=True)
    elif t == "ordering":
        instruction = "For each item, choose its position in the order: 1st is the first (the earliest)."
    elif t == "multiple":
        instruction = "Choose all that apply."
    _text(el, "questiontext", common.prompt_html(q, instruction))
    feedback = extra(q, "feedback", bank)
    pairwise = t in ("matching", "ordering")
    _text(el, "generalfeedback", common.general_feedback_html(q, bank))
    ET.SubElement(el, "defaultgrade").text = "1"
    ET.SubElement(el, "penalty").text = "0.3333333"
    ET.SubElement(el, "hidden").text = "0"
    ET.SubElement(el, "idnumber").text = q.id

    if t in ("single", "multiple"):
        right = [q.answer] if t == "single" else list(q.answer)
        wrong_count = len(q.options) - len(right)
        ET.SubElement(el, "single").text = "true" if t == "single" else "false"
        ET.SubElement(el, "shuffleanswers").text = "false"  # keep the course's A, B, C order
        ET.SubElement(el, "answernumbering").text = "ABCD"
        ET.SubElement(el, "showstandardinstruction").text = "0"
        _combined_feedback(el)
        for opt in common.display_options(q):
            if opt in right:
                frac = "100" if t == "single" else _fraction(100 / len(right))
            else:
                frac = "0" if t == "single" else _fraction(-100 / len(right)) if wrong_count else "0"
            _answer(el, frac, escape(opt), render(feedback.get(opt, "")))
    elif t == "true_false":
        for value in (True, False):
            key = "true" if value else "false"
            _answer(el, "100" if q.answer is value else "0", key, render(feedback.get(key, "")),
                    fmt="moodle_auto_format")
    elif t == "numeric":
        _answer(el, "100", fmt_number(q.answer), "", fmt="moodle_auto_format", tolerance=q.tolerance)
        for nm in extra(q, "near_misses", bank):
            _answer(el, "0", fmt_number(nm["value"]), render(str(nm.get("feedback", ""))),
                    fmt="moodle_auto_format", tolerance=float(nm.get("tolerance", 0) or 0))
        names = unit_names(q.unit)
        ET.SubElement(el, "unitgradingtype").text = "0"   # units optional
        ET.SubElement(el, "unitpenalty").text = "0.1000000"
        ET.SubElement(el, "showunits").text = "0" if names else "3"  # 0: typed with the number; 3: no units
        ET.SubElement(el, "unitsleft").text = "0"
        if names:
            units = ET.SubElement(el, "units")
            for name in names:
                u = ET.SubElement(units, "unit")
                ET.SubElement(u, "multiplier").text = "1"
                ET.SubElement(u, "unit_name").text = name
    elif t == "text":
        ET.SubElement(el, "usecase").text = "0"
        accepted: list[str] = []
        for a in [str(q.answer), *q.accept]:
            for form in (a, common.fold_accents(a)):
                if form.casefold() not in {x.casefold() for x in accepted}:
                    accepted.append(form)
        for a in accepted:
            _answer(el, "100", _escape_wildcard(a), "", fmt="moodle_auto_format")
        for wrong, text in feedback.items():
            if wrong.casefold() not in {x.casefold() for x in accepted}:
                _answer(el, "0", _escape_wildcard(wrong), render(text), fmt="moodle_auto_format")
    elif pairwise:
        ET.SubElement(el, "shuffleanswers").text = "true"
        _combined_feedback(el, item_feedback=feedback)
        pairs = [(item, common.ordinal(i + 1)) for i, item in enumerate(q.items)] if t == "ordering" else q.pairs
        for left, right in pairs:
            sub = _text(el, "subquestion", escape(left))
            ans = ET.SubElement(sub, "answer")
            ET.SubElement(ans, "text").text = right
    if q.hint:
        _text(el, "hint", render(q.hint))
    tag_list = list(tags or [])
    tag_list.append(f"type-{t}")
    level = extra(q, "level", bank)
    if level:
        tag_list.append(f"level-{level}")
    if extra(q, "checkpoint", bank):
        tag_list.append("checkpoint")
    tags_el = ET.SubElement(el, "tags")
    for tag in tag_list:
        ET.SubElement(ET.SubElement(tags_el, "tag"), "text").text = tag
    return el


def _combined_feedback(el, item_feedback: dict | None = None):
    _text(el, "correctfeedback", "<p>Right.</p>")
    _text(el, "partiallycorrectfeedback", "<p>Partly right.</p>")
    wrong = "<p>Not quite.</p>"
    if item_feedback:
        items = "".join(f"<li><strong>{escape(k)}</strong>: {render(v)}</li>" for k, v in item_feedback.items())
        wrong += f"<ul>{items}</ul>"
    _text(el, "incorrectfeedback", wrong)
    ET.SubElement(el, "shownumcorrect")


def bank_to_moodle_xml(bank: Bank, category_root: str = "Two Agendas") -> str:
    """The bank as a Moodle XML document (text), in a category named after the bank."""
    quiz = ET.Element("quiz")
    cat = ET.SubElement(quiz, "question", type="category")
    _text(cat, "category", f"$course$/top/{category_root}/{bank.title}", fmt=None)
    _text(cat, "info", f"<p>{escape(NOT_IMPORT_TESTED)}</p>")
    tags = [f"bank-{bank.name}"] + ([f"lesson-{bank.lesson}"] if bank.lesson is not None else [])
    for q in bank.questions:
        quiz.append(question_element(q, bank, tags))
    ET.indent(quiz, space="  ")
    body = ET.tostring(quiz, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<!-- {NOT_IMPORT_TESTED.replace('--', '-')} -->\n" + body + "\n")


# ------------------------------------------------------------------------- reading back ----

def _t(el, path: str) -> str:
    node = el.find(path)
    return node.text or "" if node is not None else ""


def parse_rules(xml_text: str) -> dict[str, Rules]:
    """Every question of a Moodle XML document as :class:`Rules` (keyed by question name)."""
    root = ET.fromstring(xml_text.encode("utf-8"))
    out: dict[str, Rules] = {}
    for el in root.findall("question"):
        mtype = el.get("type")
        if mtype == "category":
            continue
        qid = _t(el, "name/text")
        tags = [t.text for t in el.findall("tags/tag/text")]
        qtype = next((t[5:] for t in tags if t and t.startswith("type-")), mtype)
        r = Rules(qid=qid, kind="", qtype=qtype, hint=plain_text(_t(el, "hint/text")),
                  general_feedback=plain_text(_t(el, "generalfeedback/text")))
        answers = el.findall("answer")
        if mtype == "multichoice":
            r.kind = "choice"
            r.multiple = _t(el, "single").strip() == "false"
            for a in answers:
                text = plain_text(_t(a, "text"))
                r.options.append(text)
                frac = float(a.get("fraction"))
                if frac > 0:
                    r.correct.add(text)
                fb = plain_text(_t(a, "feedback/text"))
                if fb:
                    r.feedback[text] = fb
            if r.multiple:  # full marks only if the chosen fractions can reach 100 without a wrong one
                total = sum(float(a.get("fraction")) for a in answers if float(a.get("fraction")) > 0)
                if abs(total - 100) > 0.01:
                    r.correct = {"<fractions do not add up to 100>"}
        elif mtype == "truefalse":
            r.kind, r.options = "choice", ["True", "False"]
            for a in answers:
                label = "True" if _t(a, "text").strip().lower() == "true" else "False"
                if float(a.get("fraction")) == 100:
                    r.correct.add(label)
                fb = plain_text(_t(a, "feedback/text"))
                if fb:
                    r.feedback[label.lower()] = fb
        elif mtype == "numerical":
            r.kind = "numeric"
            for a in answers:
                value, tol = float(_t(a, "text")), abs(float(_t(a, "tolerance") or 0))
                if float(a.get("fraction")) == 100:
                    r.ranges.append((value - tol, value + tol))
                else:
                    r.feedback[fmt_number(value)] = plain_text(_t(a, "feedback/text"))
            if _t(el, "showunits").strip() != "3":
                r.units = [u.text or "" for u in el.findall("units/unit/unit_name")]
        elif mtype == "shortanswer":
            r.kind = "text"
            r.case_sensitive = _t(el, "usecase").strip() == "1"
            for a in answers:
                text = html.unescape(_t(a, "text")).replace(r"\*", "*")
                if float(a.get("fraction")) == 100:
                    r.accepted.append(text)
                else:
                    r.feedback[text] = plain_text(_t(a, "feedback/text"))
        elif mtype == "matching":
            r.kind = "matching"
            r.positions = qtype == "ordering"
            for sub in el.findall("subquestion"):
                r.pairs[plain_text(_t(sub, "text"))] = _t(sub, "answer/text")
            r.feedback["*"] = plain_text(_t(el, "incorrectfeedback/text"))
        else:
            raise ValueError(f"{qid}: unexpected Moodle question type {mtype!r}")
        out[qid] = r
    return out
