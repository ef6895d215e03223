"""QTI 1.2 export of a quiz bank, packaged as the zip Canvas imports, and its rules read back.

A package is ``<bank>.qti.zip`` holding ``imsmanifest.xml``, ``<ident>/<ident>.xml`` (the
``questestinterop`` assessment) and ``<ident>/assessment_meta.xml`` (Canvas's quiz settings),
the layout Canvas exports and text2qti writes. Items carry Canvas's ``question_type``:

- single -> ``multiple_choice_question``; true_false -> ``true_false_question``;
- multiple -> ``multiple_answers_question`` (full score only when every right option and no
  wrong one is chosen: an ``<and>`` of ``varequal`` and ``not varequal``);
- numeric -> ``numerical_question``: ``answer`` exactly, or between ``answer - tolerance`` and
  ``answer + tolerance`` (``vargte``/``varlte``, inclusive); near misses as conditions that only
  show their feedback;
- text -> ``short_answer_question``: one ``varequal`` per accepted text (the answer, every
  ``accept`` and their accent-free forms); wrong answers with feedback as feedback-only conditions;
- matching -> ``matching_question``: one ``response_lid`` per left item, each right pair adds
  ``100/n`` to the score;
- ordering -> ``matching_question`` too: each item is matched to its position ("1st", ...).

Feedback: explanation and source in ``general_fb`` (shown after answering), per-option feedback
in ``<ident>_fb``, the hint (Canvas has no hints) and per-item feedback of matching and ordering
in ``general_incorrect_fb``. Instructor notes are never exported.
"""
from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from ..quiz.bank import Bank
from ..quiz.grading import Question
from ..quiz.markup import escape, render
from .common import (
    NOT_IMPORT_TESTED,
    display_options,
    extra,
    fmt_number,
    fold_accents,
    general_feedback_html,
    numeric_instruction,
    option_letter,
    ordinal,
    prompt_html,
)
from .rules import Rules, plain_text

__all__ = ["bank_to_qti_xml", "write_qti_zip", "parse_rules", "parse_zip_rules", "QTI_NS", "CANVAS_TYPES"]

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
CANVAS_TYPES = {
    "single": "multiple_choice_question",
    "true_false": "true_false_question",
    "multiple": "multiple_answers_question",
    "numeric": "numerical_question",
    "text": "short_answer_question",
    "matching": "matching_question",
    "ordering": "matching_question",
}


def _ident(*parts) -> str:
    return "g" + hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:24]


def _mattext(parent, text: str, texttype: str = "text/html"):
    mat = ET.SubElement(parent, "material")
    ET.SubElement(mat, "mattext", texttype=texttype).text = text
    return mat


def _meta(parent, fields: dict):
    qm = ET.SubElement(parent, "qtimetadata")
    for label, entry in fields.items():
        f = ET.SubElement(qm, "qtimetadatafield")
        ET.SubElement(f, "fieldlabel").text = label
        ET.SubElement(f, "fieldentry").text = str(entry)
    return qm


def _feedback_cond(rp, conditions, linkrefid: str):
    rc = ET.SubElement(rp, "respcondition", {"continue": "Yes"})
    cv = ET.SubElement(rc, "conditionvar")
    for c in conditions:
        cv.append(c)
    ET.SubElement(rc, "displayfeedback", feedbacktype="Response", linkrefid=linkrefid)
    return rc


def _varequal(resp: str, value: str, tag: str = "varequal") -> ET.Element:
    el = ET.Element(tag, respident=resp)
    el.text = value
    return el


def _itemfeedback(item, ident: str, html_text: str):
    fb = ET.SubElement(item, "itemfeedback", ident=ident)
    _mattext(ET.SubElement(fb, "flow_mat"), html_text)


def item_element(q: Question, bank: Bank | None = None) -> ET.Element:
    t = q.type
    item = ET.Element("item", ident=q.id, title=q.id)
    feedback = extra(q, "feedback", bank)
    answer_ids: list[str] = []
    pres = ET.Element("presentation")
    instruction = numeric_instruction(q) if t == "numeric" else (
        "For each item, choose its position in the order: 1st is the first (the earliest)." if t == "ordering"
        else "")
    _mattext(pres, prompt_html(q, instruction))
    rp = ET.Element("resprocessing")
    outcomes = ET.SubElement(rp, "outcomes")
    ET.SubElement(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    gen = ET.SubElement(rp, "respcondition", {"continue": "Yes"})
    ET.SubElement(ET.SubElement(gen, "conditionvar"), "other")
    ET.SubElement(gen, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    per_answer_fb: dict[str, str] = {}
    incorrect_parts: list[str] = []
    if q.hint:
        incorrect_parts.append(f"<p>Hint: {render(q.hint)}</p>")

    if t in ("single", "multiple", "true_false"):
        if t == "true_false":
            choices = [("True", "true"), ("False", "false")]
            right = {"True" if q.answer else "False"}
        else:
            choices = [(o, o) for o in display_options(q)]
            right = {q.answer} if t == "single" else set(q.answer)
        lid = ET.SubElement(pres, "response_lid", ident="response1",
                            rcardinality="Multiple" if t == "multiple" else "Single")
        rc_el = ET.SubElement(lid, "render_choice")
        idents = {}
        for text, key in choices:
            ident = f"{q.id}-{option_letter(q, text) if t != 'true_false' else key}"
            idents[text] = ident
            answer_ids.append(ident)
            label = ET.SubElement(rc_el, "response_label", ident=ident)
            _mattext(label, escape(text), "text/plain")
            if feedback.get(key):
                per_answer_fb[ident] = render(feedback[key])
                _feedback_cond(rp, [_varequal("response1", ident)], f"{ident}_fb")
        rc = ET.SubElement(rp, "respcondition", {"continue": "No"})
        cv = ET.SubElement(rc, "conditionvar")
        if t == "multiple":
            both = ET.SubElement(cv, "and")
            for text, _ in choices:
                if text in right:
                    both.append(_varequal("response1", idents[text]))
                else:
                    ET.SubElement(both, "not").append(_varequal("response1", idents[text]))
        else:
            cv.append(_varequal("response1", idents[next(iter(right))]))
        ET.SubElement(rc, "setvar", action="Set", varname="SCORE").text = "100"
        ET.SubElement(rc, "displayfeedback", feedbacktype="Response", linkrefid="correct_fb")
    elif t in ("numeric", "text"):
        rs = ET.SubElement(pres, "response_str", ident="response1", rcardinality="Single")
        fib = ET.SubElement(rs, "render_fib", **({"fibtype": "Decimal"} if t == "numeric" else {}))
        ET.SubElement(fib, "response_label", ident="answer1", rshuffle="No")
        if t == "numeric":
            for i, nm in enumerate(extra(q, "near_misses", bank)):
                tol = float(nm.get("tolerance", 0) or 0)
                lo, hi = float(nm["value"]) - tol, float(nm["value"]) + tol
                ident = f"{q.id}-near{i + 1}"
                per_answer_fb[ident] = render(str(nm.get("feedback", "")))
                both = ET.Element("and")
                both.append(_varequal("response1", fmt_number(lo), "vargte"))
                both.append(_varequal("response1", fmt_number(hi), "varlte"))
                _feedback_cond(rp, [both], f"{ident}_fb")
            a, tol = float(q.answer), float(q.tolerance or 0)
            rc = ET.SubElement(rp, "respcondition", {"continue": "No"})
            either = ET.SubElement(ET.SubElement(rc, "conditionvar"), "or")
            either.append(_varequal("response1", fmt_number(a)))
            both = ET.SubElement(either, "and")
            both.append(_varequal("response1", fmt_number(a - tol), "vargte"))
            both.append(_varequal("response1", fmt_number(a + tol), "varlte"))
        else:
            accepted: list[str] = []
            for a in [str(q.answer), *q.accept]:
                for form in (a, fold_accents(a)):
                    if form.casefold() not in {x.casefold() for x in accepted}:
                        accepted.append(form)
            for i, (wrong, text) in enumerate(feedback.items()):
                if wrong.casefold() in {x.casefold() for x in accepted}:
                    continue
                ident = f"{q.id}-wrong{i + 1}"
                per_answer_fb[ident] = render(text)
                _feedback_cond(rp, [_varequal("response1", wrong)], f"{ident}_fb")
            rc = ET.SubElement(rp, "respcondition", {"continue": "No"})
            cv = ET.SubElement(rc, "conditionvar")
            for a in accepted:
                cv.append(_varequal("response1", a))
        ET.SubElement(rc, "setvar", action="Set", varname="SCORE").text = "100"
        ET.SubElement(rc, "displayfeedback", feedbacktype="Response", linkrefid="correct_fb")
    elif t in ("matching", "ordering"):
        if t == "ordering":
            pairs = [(item_text, ordinal(i + 1)) for i, item_text in enumerate(q.items)]
            lefts = q.display_items()
            rights = [ordinal(i + 1) for i in range(len(q.items))]
        else:
            pairs = list(q.pairs)
            lefts = q.lefts
            rights = q.display_rights()
        right_ids = {r: f"{q.id}-r{j + 1}" for j, r in enumerate(rights)}
        correct = dict(pairs)
        share = 100 / len(pairs)
        for i, left in enumerate(lefts):
            resp = f"response_{q.id}-l{i + 1}"
            lid = ET.SubElement(pres, "response_lid", ident=resp)
            _mattext(lid, escape(left), "text/plain")
            rc_el = ET.SubElement(lid, "render_choice")
            for r in rights:
                label = ET.SubElement(rc_el, "response_label", ident=right_ids[r])
                _mattext(label, escape(r), "text/plain")
            rc = ET.SubElement(rp, "respcondition")
            ET.SubElement(rc, "conditionvar").append(_varequal(resp, right_ids[correct[left]]))
            ET.SubElement(rc, "setvar", varname="SCORE", action="Add").text = f"{share:.2f}"
            answer_ids.append(resp)
        if feedback:
            items = "".join(f"<li><strong>{escape(k)}</strong>: {render(v)}</li>" for k, v in feedback.items())
            incorrect_parts.append(f"<ul>{items}</ul>")
    else:
        raise ValueError(t)

    other = ET.SubElement(rp, "respcondition", {"continue": "Yes"})
    ET.SubElement(ET.SubElement(other, "conditionvar"), "other")
    ET.SubElement(other, "displayfeedback", feedbacktype="Response", linkrefid="general_incorrect_fb")

    md = ET.SubElement(item, "itemmetadata")
    _meta(md, {"question_type": CANVAS_TYPES[t], "points_possible": "1.0",
               "original_answer_ids": ",".join(answer_ids),
               "assessment_question_identifierref": _ident("ref", q.bank, q.id),
               "crisis_course_type": t})
    item.append(pres)
    item.append(rp)
    _itemfeedback(item, "general_fb", general_feedback_html(q, bank))
    _itemfeedback(item, "correct_fb", "<p>Right.</p>")
    _itemfeedback(item, "general_incorrect_fb", "".join(incorrect_parts) or "<p>Not quite.</p>")
    for ident, text in per_answer_fb.items():
        _itemfeedback(item, f"{ident}_fb", text)
    return item


def bank_to_qti_xml(bank: Bank) -> str:
    """The bank as one QTI 1.2 ``questestinterop`` assessment (text)."""
    ET.register_namespace("", QTI_NS)
    ET.register_namespace("xsi", _XSI)
    root = ET.Element(f"{{{QTI_NS}}}questestinterop", {
        f"{{{_XSI}}}schemaLocation": f"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"})
    ident = _ident("assessment", bank.name)
    assessment = ET.SubElement(root, "assessment", ident=ident, title=bank.title)
    _meta(assessment, {"cc_maxattempts": "unlimited"})
    section = ET.SubElement(assessment, "section", ident="root_section")
    for q in bank.questions:
        section.append(item_element(q, bank))
    _qualify(root)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<!-- {NOT_IMPORT_TESTED.replace('--', '-')} -->\n" + body + "\n")


def _qualify(root):
    """Put every unqualified element in the QTI namespace (the document's default namespace)."""
    for el in root.iter():
        if isinstance(el.tag, str) and not el.tag.startswith("{"):
            el.tag = f"{{{QTI_NS}}}{el.tag}"


def _manifest(ident: str, title: str) -> str:
    ns = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
    ET.register_namespace("", ns)
    m = ET.Element(f"{{{ns}}}manifest", identifier=_ident("manifest", ident))
    meta = ET.SubElement(m, f"{{{ns}}}metadata")
    ET.SubElement(meta, f"{{{ns}}}schema").text = "IMS Content"
    ET.SubElement(meta, f"{{{ns}}}schemaversion").text = "1.1.3"
    ET.SubElement(m, f"{{{ns}}}organizations")
    res = ET.SubElement(m, f"{{{ns}}}resources")
    r = ET.SubElement(res, f"{{{ns}}}resource", identifier=ident, type="imsqti_xmlv1p2")
    ET.SubElement(r, f"{{{ns}}}file", href=f"{ident}/{ident}.xml")
    ET.SubElement(r, f"{{{ns}}}dependency", identifierref=f"{ident}_meta")
    r2 = ET.SubElement(res, f"{{{ns}}}resource", identifier=f"{ident}_meta",
                       type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
                       href=f"{ident}/assessment_meta.xml")
    ET.SubElement(r2, f"{{{ns}}}file", href=f"{ident}/assessment_meta.xml")
    ET.indent(m, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(m, encoding="unicode") + "\n"


def _assessment_meta(ident: str, bank: Bank) -> str:
    ns = "http://canvas.instructure.com/xsd/cccv1p0"
    ET.register_namespace("", ns)
    quiz = ET.Element(f"{{{ns}}}quiz", identifier=ident)
    fields = {
        "title": bank.title,
        "description": f"<p>{escape(NOT_IMPORT_TESTED)}</p>",
        "shuffle_answers": "false",
        "scoring_policy": "keep_highest",
        "quiz_type": "practice_quiz",
        "points_possible": f"{float(len(bank.questions)):.1f}",
        "show_correct_answers": "true",
        "allowed_attempts": "-1",
        "one_question_at_a_time": "false",
        "available": "false",
    }
    for tag, text in fields.items():
        ET.SubElement(quiz, f"{{{ns}}}{tag}").text = text
    ET.indent(quiz, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def write_qti_zip(bank: Bank, path) -> Path:
    """Write ``path`` (a .zip Canvas imports: Settings > Import course content > QTI .zip file)."""
    path = Path(path)
    ident = _ident("assessment", bank.name)
    info = zipfile.ZipInfo
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        # fixed timestamps: the same bank always gives the same bytes
        for name, text in (("imsmanifest.xml", _manifest(ident, bank.title)),
                           (f"{ident}/{ident}.xml", bank_to_qti_xml(bank)),
                           (f"{ident}/assessment_meta.xml", _assessment_meta(ident, bank))):
            zi = info(name, date_time=(2021, 12, 7, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(zi, text.encode("utf-8"))
    return path


# ------------------------------------------------------------------------- reading back ----

def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def _text_of(el) -> str:
    node = el.find(f".//{_q('mattext')}")
    return node.text or "" if node is not None else ""


def parse_rules(xml_text: str) -> dict[str, Rules]:
    """Every item of a QTI 1.2 assessment as :class:`Rules` (keyed by item ident)."""
    root = ET.fromstring(xml_text.encode("utf-8"))
    out: dict[str, Rules] = {}
    for item in root.iter(_q("item")):
        qid = item.get("ident")
        meta = {f.findtext(_q("fieldlabel")): f.findtext(_q("fieldentry"))
                for f in item.iter(_q("qtimetadatafield"))}
        ctype, qtype = meta.get("question_type"), meta.get("crisis_course_type", "")
        feedbacks = {fb.get("ident"): plain_text(_text_of(fb)) for fb in item.findall(_q("itemfeedback"))}
        r = Rules(qid=qid, kind="", qtype=qtype, general_feedback=feedbacks.get("general_fb", ""),
                  hint=feedbacks.get("general_incorrect_fb", ""))
        pres = item.find(_q("presentation"))
        conds = item.find(_q("resprocessing")).findall(_q("respcondition"))
        scoring = [c for c in conds if c.find(_q("setvar")) is not None]
        if ctype in ("multiple_choice_question", "true_false_question", "multiple_answers_question"):
            r.kind = "choice"
            r.multiple = ctype == "multiple_answers_question"
            labels = {lab.get("ident"): plain_text(_text_of(lab)) for lab in pres.iter(_q("response_label"))}
            r.options = list(labels.values())
            (cond,) = scoring
            cv = cond.find(_q("conditionvar"))
            if r.multiple:
                both = cv.find(_q("and"))
                right = {labels[v.text] for v in both.findall(_q("varequal"))}
                negated = {labels[v.text] for n in both.findall(_q("not")) for v in n.findall(_q("varequal"))}
                # full score needs every right one chosen and every other one not chosen
                r.correct = right if right | negated == set(r.options) else {"<incomplete condition>"}
            else:
                r.correct = {labels[v.text] for v in cv.findall(_q("varequal"))}
            for c in conds:
                df = c.find(_q("displayfeedback"))
                v = c.find(f"{_q('conditionvar')}/{_q('varequal')}")
                if df is not None and v is not None and c.find(_q("setvar")) is None:
                    key = labels[v.text]
                    r.feedback[key.lower() if ctype == "true_false_question" else key] = feedbacks.get(
                        df.get("linkrefid"), "")
        elif ctype == "numerical_question":
            r.kind = "numeric"
            (cond,) = scoring
            either = cond.find(f"{_q('conditionvar')}/{_q('or')}")
            for v in either.findall(_q("varequal")):
                r.ranges.append((float(v.text), float(v.text)))
            for both in either.findall(_q("and")):
                r.ranges.append((float(both.findtext(_q("vargte"))), float(both.findtext(_q("varlte")))))
            for c in conds:  # near misses: feedback-only conditions on a range
                df, both = c.find(_q("displayfeedback")), c.find(f"{_q('conditionvar')}/{_q('and')}")
                if c.find(_q("setvar")) is None and df is not None and both is not None:
                    lo, hi = float(both.findtext(_q("vargte"))), float(both.findtext(_q("varlte")))
                    r.feedback[fmt_number((lo + hi) / 2)] = feedbacks.get(df.get("linkrefid"), "")
        elif ctype == "short_answer_question":
            r.kind = "text"
            (cond,) = scoring
            r.accepted = [v.text or "" for v in cond.find(_q("conditionvar")).findall(_q("varequal"))]
            for c in conds:
                df, v = c.find(_q("displayfeedback")), c.find(f"{_q('conditionvar')}/{_q('varequal')}")
                if c.find(_q("setvar")) is None and df is not None and v is not None:
                    r.feedback[v.text or ""] = feedbacks.get(df.get("linkrefid"), "")
        elif ctype == "matching_question":
            r.kind = "matching"
            r.positions = qtype == "ordering"
            lefts = {}
            for lid in pres.findall(_q("response_lid")):
                labels = {lab.get("ident"): plain_text(_text_of(lab)) for lab in lid.iter(_q("response_label"))}
                lefts[lid.get("ident")] = (plain_text(_text_of(lid.find(_q("material")))), labels)
            total = 0.0
            for c in scoring:
                v = c.find(f"{_q('conditionvar')}/{_q('varequal')}")
                left, labels = lefts[v.get("respident")]
                r.pairs[left] = labels[v.text]
                total += float(c.findtext(_q("setvar")))
            if abs(total - 100) > 0.1 or len(r.pairs) != len(lefts):
                r.pairs["<scores do not add up to 100>"] = ""
        else:
            raise ValueError(f"{qid}: unexpected Canvas question_type {ctype!r}")
        out[qid] = r
    return out


def parse_zip_rules(path) -> dict[str, Rules]:
    """Rules of the assessment inside a QTI zip (found through imsmanifest.xml)."""
    with zipfile.ZipFile(path) as zf:
        manifest = ET.fromstring(zf.read("imsmanifest.xml"))
        hrefs = [f.get("href") for r in manifest.iter() if r.tag.endswith("resource")
                 and r.get("type") == "imsqti_xmlv1p2" for f in r if f.tag.endswith("file")]
        out: dict[str, Rules] = {}
        for href in hrefs:
            out.update(parse_rules(zf.read(href).decode("utf-8")))
        return out
