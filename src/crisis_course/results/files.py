"""The report's files: report.html, the CSV files, the gradebooks and the chart.
See :mod:`crisis_course.results`."""
from __future__ import annotations

import base64
import csv
import io
import json
from pathlib import Path

from ..quiz.markup import escape, render
from .report import ClassReport, QuestionFigures, display_answer
from .sources import Student

# ---------------------------------------------------------------------------- writing ---

def _pct(x) -> str:
    return "" if x is None else f"{100 * x:.1f}"


def _num(x, digits=2) -> str:
    return "" if x is None else f"{x:.{digits}f}"


def _lesson_label(b) -> str:
    """ "Lesson 6: Energy" from the course manifest, else the bank's own title."""
    try:
        from ..course import load as load_course

        lesson = load_course().lesson(b.name)
        return f"Lesson {lesson.number}: {lesson.title}"
    except Exception:  # noqa: BLE001 - a bank outside the manifest
        return b.title


def _write_csv(path: Path, header: list, rows: list) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def _questions_rows(rep: ClassReport):
    qmap = {(b.name, q.id): q for b in rep.banks for q in b.questions}
    for f in rep.questions:
        q = qmap[(f.bank, f.question)]
        yield [f.bank, "" if f.lesson is None else f.lesson, f.question, f.qtype, f.level or "",
               "yes" if f.checkpoint else "no", f.students, f.right_first_try, _pct(f.share_right_first_try),
               f.revealed, _pct(f.reveal_rate), _num(f.mean_attempts), display_answer(q, f.most_common_wrong),
               "" if f.most_common_wrong is None else json.dumps(f.most_common_wrong, ensure_ascii=False),
               f.most_common_wrong_count or "", f.wrong_feedback, f.instructor_note, f.changed]


QUESTION_HEADER = ["bank", "lesson", "question", "type", "level", "checkpoint", "students", "right_first_try",
                   "right_first_try_percent", "revealed", "reveal_percent", "mean_attempts", "most_common_wrong",
                   "most_common_wrong_json", "most_common_wrong_count", "feedback_on_that_answer",
                   "instructor_note", "answers_flagged_changed"]


def hardest(rep: ClassReport, n: int = 10) -> list[QuestionFigures]:
    """The ``n`` questions with the lowest share right at the first try (answered by someone)."""
    answered = [f for f in rep.questions if f.students]
    return sorted(answered, key=lambda f: (f.share_right_first_try, f.bank, f.question))[:n]


def _chart(rep: ClassReport, path: Path) -> bytes | None:
    items = hardest(rep)
    if not items:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 0.45 * len(items) + 1.2))
    labels = [f.question for f in reversed(items)]
    values = [100 * f.share_right_first_try for f in reversed(items)]
    ax.barh(labels, values, color="#0b4f9c")
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of students right at the first try")
    ax.set_title("The hardest questions")
    for y, v in enumerate(values):
        ax.text(min(v + 1, 92), y, f"{v:.0f}%", va="center", fontsize=8)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    data = buf.getvalue()
    path.write_bytes(data)
    return data


def write_report(rep: ClassReport, output="build/results") -> dict:
    """Write report.html and the CSV files into ``output``; return {name: path}."""
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    files["questions.csv"] = out / "questions.csv"
    _write_csv(files["questions.csv"], QUESTION_HEADER, list(_questions_rows(rep)))
    lesson_cols = [_lesson_label(b) for b in rep.banks]
    files["students.csv"] = out / "students.csv"
    _write_csv(files["students.csv"],
               ["student", "lms_id", "hub_user", "gradebook_id_source", "files"] + lesson_cols + ["total"],
               [[st.label, st.lms_id or "", st.hub_user or "", st.id_source, " ".join(map(str, st.sources))]
                + [rep.scores[st.key][b.name] for b in rep.banks] + [sum(rep.scores[st.key].values())]
                for st in rep.students])
    with_id = [st for st in rep.students if st.gradebook_id]
    without = [st for st in rep.students if not st.gradebook_id]
    files["gradebook_canvas.csv"] = out / "gradebook_canvas.csv"
    _write_csv(files["gradebook_canvas.csv"], ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + lesson_cols,
               [["    Points Possible", "", "", "", ""] + [rep.possible[b.name] for b in rep.banks]]
               + [[st.name or st.label, "", "", st.gradebook_id, ""] + [rep.scores[st.key][b.name] for b in rep.banks]
                  for st in with_id])
    files["gradebook_moodle.csv"] = out / "gradebook_moodle.csv"
    _write_csv(files["gradebook_moodle.csv"], ["Identifier", "Full name"] + lesson_cols,
               [[st.gradebook_id, st.name or st.label] + [rep.scores[st.key][b.name] for b in rep.banks]
                for st in with_id])
    files["students_without_id.csv"] = out / "students_without_id.csv"
    _write_csv(files["students_without_id.csv"], ["student", "files"],
               [[st.label, " ".join(map(str, st.sources))] for st in without])
    files["open_writing.csv"] = out / "open_writing.csv"
    _write_csv(files["open_writing.csv"], ["student", "key", "text"],
               [[st.label, key, text] for st in rep.students for key, text in sorted(st.writing.items())])
    png = _chart(rep, out / "hardest_questions.png")
    if png is not None:
        files["hardest_questions.png"] = out / "hardest_questions.png"
    files["report.html"] = out / "report.html"
    files["report.html"].write_text(_html(rep, png, without), encoding="utf-8")
    return files


_CSS = """body{font-family:system-ui,sans-serif;max-width:70em;margin:1.5em auto;padding:0 1em;color:#1a1a1a;line-height:1.45}
table{border-collapse:collapse;margin:0.6em 0;font-size:0.92em}th,td{border:1px solid #bbb;padding:0.25em 0.5em;vertical-align:top;text-align:left}
th{background:#eef2f7}td.n{text-align:right}.note{background:#fff8e5;border-left:4px solid #8a5a00;padding:0.4em 0.8em}
.private{background:#f4eefa;border-left:4px solid #5a2a8a;padding:0.2em 0.5em}"""


def _html(rep: ClassReport, png: bytes | None, without: list[Student]) -> str:
    e = escape
    qmap = {(b.name, q.id): q for b in rep.banks for q in b.questions}
    h = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Class report: {e(rep.title)}</title>",
         f"<style>{_CSS}</style></head><body>",
         f"<h1>Class report: {e(rep.title)}</h1>",
         f"<p>Written {e(rep.created)} by <code>crisis-course results</code> from {rep.sources} file(s): "
         f"{len(rep.students)} student(s).</p>",
         "<p class='note'><strong>Self-reported answers, regraded.</strong> Receipts and progress files are "
         "written by students' own machines, so every answer was graded again here against the current banks "
         f"({rep.regraded} answers); the 'correct' flag in the files was not used. It disagreed with the regrading "
         f"for {rep.disagreements} answer(s).</p>",
         "<p class='private'>This report contains the instructor guide's notes on misconceptions. "
         "Do not share it with students.</p>"]
    h.append("<h2>Files</h2><ul>")
    h.append(f"<li>{rep.merged} file(s) belonged to a student already counted (same LMS id, hub user or name): "
             "counted once, with the latest answer to each question.</li>")
    h.append(f"<li>{len(rep.duplicates)} file(s) were exact copies of another and were read once"
             + (": " + ", ".join(f"<code>{e(p)}</code>" for p in rep.duplicates) if rep.duplicates else "") + ".</li>")
    if rep.damaged:
        h.append(f"<li>{len(rep.damaged)} damaged or unknown file(s) were skipped:<ul>"
                 + "".join(f"<li><code>{e(p)}</code>: {e(why)}</li>" for p, why in rep.damaged) + "</ul></li>")
    else:
        h.append("<li>No damaged files.</li>")
    if rep.changed:
        h.append(f"<li>{len(rep.changed)} answer(s) to questions that have changed since were flagged and left out "
                 "of every figure:<ul>" + "".join(f"<li>{e(s)}: <code>{e(b)}/{e(q)}</code>: {e(why)}</li>"
                                                  for s, b, q, why in rep.changed) + "</ul></li>")
    if rep.unknown:
        h.append(f"<li>{len(rep.unknown)} answer(s) to questions that are no longer in the banks were left out.</li>")
    h.append("</ul>")
    if png is not None:
        data = base64.b64encode(png).decode("ascii")
        items = hardest(rep)
        desc = "; ".join(f"{f.question}: {_pct(f.share_right_first_try)}%" for f in items)
        h.append("<h2>The hardest questions</h2>")
        h.append(f"<img src='data:image/png;base64,{data}' alt='Bar chart of the {len(items)} questions with the lowest "
                 f"share of students right at the first try: {e(desc)}' style='max-width:100%'>")
    h.append("<h2>Per question</h2>")
    h.append("<p>Right at the first try: right, with one attempt, answer not revealed. The most common wrong "
             "answer is the most common <em>final</em> wrong answer (files keep each student's last answer).</p>")
    for b in rep.banks:
        rows = [f for f in rep.questions if f.bank == b.name]
        h.append(f"<h3>{e(_lesson_label(b))}</h3><table><tr><th>question</th><th>students</th>"
                 "<th>right at first try</th><th>revealed</th><th>mean attempts</th><th>most common wrong answer</th>"
                 "<th>feedback students saw</th><th>instructor note</th></tr>")
        for f in rows:
            q = qmap[(f.bank, f.question)]
            wrong = (f"{e(display_answer(q, f.most_common_wrong))} ({f.most_common_wrong_count})"
                     if f.most_common_wrong is not None else "")
            flags = f" <small>({f.changed} flagged)</small>" if f.changed else ""
            cp = " <small>(checkpoint)</small>" if f.checkpoint else ""
            h.append(f"<tr><td><code>{e(f.question)}</code>{cp}<br><small>{render(f.prompt)}</small></td>"
                     f"<td class='n'>{f.students}{flags}</td><td class='n'>{_pct(f.share_right_first_try)}"
                     f"{'%' if f.students else ''}</td><td class='n'>{_pct(f.reveal_rate)}{'%' if f.students else ''}</td>"
                     f"<td class='n'>{_num(f.mean_attempts)}</td><td>{wrong}</td><td>{render(f.wrong_feedback)}</td>"
                     f"<td>{render(f.instructor_note)}</td></tr>")
        h.append("</table>")
    h.append("<h2>Per student</h2><table><tr><th>student</th><th>gradebook id</th>"
             + "".join(f"<th>{e(_lesson_label(b))} (/{rep.possible[b.name]})</th>" for b in rep.banks) + "</tr>")
    for st in rep.students:
        h.append(f"<tr><td>{e(st.label)}</td><td>{e(st.gradebook_id or 'none')}"
                 f"{' <small>(hub user name)</small>' if st.gradebook_id and not st.lms_id else ''}</td>"
                 + "".join(f"<td class='n'>{rep.scores[st.key][b.name]}</td>" for b in rep.banks) + "</tr>")
    h.append("</table>")
    n_writing = sum(1 for st in rep.students if st.writing)
    h.append(f"<h2>Open writing</h2><p>{n_writing} student(s) handed in open-writing texts (summary, forecast...): "
             "they are in <code>open_writing.csv</code>, ungraded.</p>")
    h.append("<h2>Gradebook files</h2><p><code>gradebook_canvas.csv</code> and <code>gradebook_moodle.csv</code> "
             "identify students by the LMS login or id from their receipt, or else by their hub user name. "
             "They are not yet import-tested in a real Canvas or Moodle: check a few rows after importing.</p>")
    if without:
        h.append(f"<p class='note'><strong>{len(without)} student(s) had no LMS id and no hub user name</strong> "
                 "and are left out of both gradebook files (also listed in <code>students_without_id.csv</code>): "
                 + ", ".join(e(st.label) for st in without) + ".</p>")
    else:
        h.append("<p>Every student had an LMS id or a hub user name.</p>")
    h.append("</body></html>")
    return "\n".join(h)
