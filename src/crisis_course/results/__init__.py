"""The class report: read receipts and progress files, regrade, write HTML and CSV files.

``crisis-course results PATH... [--output DIR]`` takes files, folders or zip files (a folder of
handed-in receipts, an LMS's "download all submissions" zip, or a hub's home folders, where each student's progress file sits at
``<home>/.local/share/crisis-course/progress.json``) and writes to DIR (default
``build/results``):

- ``report.html``: the whole report, with a chart of the hardest questions;
- ``questions.csv``: per question, the share right at the first try, the reveal rate, the mean
  number of attempts, and the most common wrong answer with its feedback and the instructor
  guide's note on that misconception (``instructor_notes`` in the bank: never shown to students);
- ``students.csv``: per student, the score of each lesson;
- ``gradebook_canvas.csv`` and ``gradebook_moodle.csv``: the scores in the layouts Canvas's and
  Moodle's gradebook imports read, identified by the LMS login or id from the receipt or, when
  there is none, the hub user name; students with neither are left out and listed in
  ``students_without_id.csv``, in the report and on the screen;
- ``open_writing.csv``: the open-writing texts handed in (ungraded);
- ``hardest_questions.png``.

Rules, all stated in the report: receipts are self-reported, so every answer is regraded from
the current banks (the ``correct`` flag in a file is never used; disagreements are counted). A
student seen in several files (a receipt and a progress file, two receipts: linked by LMS id or
hub user name, else by name) is counted once, with the latest answer to each question; identical
files are read once. Files that cannot be read or are neither a receipt nor a progress file are
listed and skipped. An answer to a question that has changed since (its content hash in the
receipt differs from the bank's, or the saved answer no longer fits the question) is flagged and
left out of every figure. "Right at the first try" means right, with one attempt, and not
revealed. A lesson's score is the number of its bank's questions (checkpoints included) answered
right on regrading, out of the number of questions in the bank. The most common wrong answer is
the most common *final* wrong answer: files keep a student's last answer, not every try.
"""
from __future__ import annotations

from .files import QUESTION_HEADER, hardest, write_report
from .report import ClassReport, QuestionFigures, build_report, display_answer
from .sources import MAX_BYTES, Source, Student, merge_students, read_sources

__all__ = ["Source", "Student", "ClassReport", "QuestionFigures", "read_sources", "merge_students",
           "build_report", "display_answer", "hardest", "write_report", "register", "QUESTION_HEADER",
           "MAX_BYTES"]


# --------------------------------------------------------------------------------- CLI ----

def _cmd_results(args) -> int:
    rep = build_report(args.paths)
    files = write_report(rep, args.output)
    print(f"read {rep.sources} file(s): {len(rep.students)} student(s), {rep.regraded} answers regraded "
          f"(self-reported: the files' own verdicts disagreed for {rep.disagreements})")
    if rep.merged:
        print(f"{rep.merged} file(s) belonged to a student already counted: counted once")
    if rep.duplicates:
        print(f"{len(rep.duplicates)} exact duplicate file(s) read once")
    for path, why in rep.damaged:
        print(f"skipped {path}: {why}")
    if rep.changed:
        print(f"{len(rep.changed)} answer(s) to changed questions flagged and left out")
    without = [st.label for st in rep.students if not st.gradebook_id]
    if without:
        print(f"no LMS id or hub user name (left out of the gradebook files): {', '.join(without)}")
    for path in files.values():
        print(f"wrote {path}")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("results", help="class report from receipts and progress files (HTML, CSV, gradebooks)",
                              description="Read receipts and progress files (files or folders, such as a hub's home "
                              "folders), regrade every answer, and write an HTML report, CSV files and gradebook "
                              "CSVs for Canvas and Moodle.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--output", default="build/results", help="folder to write (default build/results)")
    p.set_defaults(func=_cmd_results)
