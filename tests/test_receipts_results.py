"""Answer vectors vs the Python grader; receipts; the class report (30 synthetic students).

The synthetic class: every student's answer to every question is drawn (seeded) from
tests/answer_vectors.yaml, whose verdicts come from the bank data, not from the grader. The
expected figures are computed here from what was drawn, independently of crisis_course.results.
"""
from __future__ import annotations

import csv
import io
import json
import random
import shutil
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path

import ipywidgets as widgets
import pytest
import yaml

from crisis_course.cli import main as cli_main
from crisis_course.quiz import Quiz
from crisis_course.quiz.bank import all_banks, load_bank
from crisis_course.quiz.progress import ProgressStore
from crisis_course.receipt import build_receipt, question_hash, write_receipt
from crisis_course.results import build_report, hardest, write_report

VECTORS = yaml.safe_load((Path(__file__).parent / "answer_vectors.yaml").read_text("utf-8"))


def first(qtype, bank=None, where=lambda q: True):
    """The first question of ``qtype`` (in ``bank``, or in bank-name order) that ``where`` accepts:
    questions are picked by what they are, not by id, so that banks can be rewritten."""
    banks = [load_bank(bank)] if bank else sorted(all_banks(), key=lambda b: b.name)
    for b in banks:
        for q in b.questions:
            if q.type == qtype and where(q):
                return q
    raise LookupError(qtype)


# ------------------------------------------------------------------- answer vectors ----

def test_every_question_of_every_bank_has_vectors_right_and_wrong():
    ids = set()
    for bank in all_banks():
        for q in bank.questions:
            ids.add(q.id)
            vecs = VECTORS.get(q.id)
            assert vecs, f"{bank.name}: {q.id} has no answer vectors (run tools/make_answer_vectors.py)"
            assert any(v["correct"] for v in vecs) and any(not v["correct"] for v in vecs), q.id
            for v in vecs:
                assert set(v) <= {"answer", "correct", "note"} and isinstance(v["correct"], bool), (q.id, v)
    assert not set(VECTORS) - ids, f"vectors for questions that do not exist: {sorted(set(VECTORS) - ids)}"


def test_python_grader_agrees_with_every_vector():
    questions = {q.id: q for b in all_banks() for q in b.questions}
    wrong = []
    for qid, vecs in VECTORS.items():
        for v in vecs:
            result = questions[qid].check(v["answer"])
            if result.correct != v["correct"]:
                wrong.append(f"{qid}: {v['answer']!r} expected {v['correct']}, grader says {result.correct}")
    assert not wrong, "\n".join(wrong)
    assert sum(len(v) for v in VECTORS.values()) >= 5 * len(questions)


# --------------------------------------------------------------------------- receipts ----

def _v2_progress(tmp_path) -> tuple[Path, object, object]:
    text_q = first("text", where=lambda q: q.accept)
    num_q = first("numeric")
    path = tmp_path / "p" / "progress.json"
    store = ProgressStore(path)
    store.save_answer(text_q.bank, text_q.id, correct=True, answer=text_q.accept[0], attempts=2, revealed=False)
    store.save_answer(num_q.bank, num_q.id, correct=False, answer="123456", attempts=1, revealed=True)
    store.save_writing("orientation-summary", "A call about Ukraine.")
    return path, text_q, num_q


def test_receipt_holds_answers_hashes_and_writing(tmp_path, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    path, text_q, num_q = _v2_progress(tmp_path)
    r = build_receipt("Ada Lovelace", "ada.l", progress=path)
    assert r["format"] == "crisis-course-receipt" and r["self_reported"] is True
    assert r["student"] == {"name": "Ada Lovelace", "lms_id": "ada.l", "hub_user": None}
    by_q = {a["question"]: a for a in r["answers"]}
    assert set(by_q) == {text_q.id, num_q.id}
    assert by_q[text_q.id]["answer"] == text_q.accept[0] and by_q[text_q.id]["bank"] == text_q.bank
    assert by_q[text_q.id]["attempts"] == 2 and by_q[text_q.id]["revealed"] is False
    assert by_q[num_q.id]["revealed"] is True and by_q[num_q.id]["answer"] == "123456"
    assert by_q[num_q.id]["question_hash"] == question_hash(num_q)
    assert by_q[num_q.id]["checkpoint"] is num_q.checkpoint
    assert r["open_writing"]["orientation-summary"]["text"] == "A call about Ukraine."
    with pytest.raises(ValueError):
        build_receipt("  ", progress=path)


def test_receipt_marks_checkpoints():
    cp = next((q for b in all_banks() for q in b.questions if q.checkpoint), None)
    if cp is None:
        pytest.skip("no bank has a checkpoint question yet")
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        ProgressStore(Path(d) / "progress.json").save_answer(cp.bank, cp.id, correct=False, answer=None, attempts=0,
                                                              revealed=True)
        r = build_receipt("Cp", progress=Path(d) / "progress.json", hub_user="")
    assert r["answers"][0]["checkpoint"] is True


def test_receipt_reads_a_version_1_progress_file(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "hubber")
    q = first("numeric")
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"version": 1, "banks": {q.bank: {q.id: {
        "correct": True, "answer": str(q.answer), "attempts": 1, "revealed": False,
        "updated": "2024-01-01T00:00:00+00:00"}}}}))
    r = build_receipt("Bo", progress=path)
    assert r["student"]["hub_user"] == "hubber" and r["student"]["lms_id"] is None
    assert [(a["question"], a["answer"]) for a in r["answers"]] == [(q.id, str(q.answer))]


def test_question_hash_changes_with_grading_content_only():
    import copy

    q = first("numeric")
    h = question_hash(q)
    q2 = copy.copy(q)
    q2.explanation = "another explanation"
    assert question_hash(q2) == h
    q2.answer = float(q.answer) + 1
    assert question_hash(q2) != h


def test_receipt_command(tmp_path, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    out = tmp_path / "r.json"
    with redirect_stdout(io.StringIO()) as buf:
        code = cli_main(["receipt", "--name", "Ada", "--lms-id", "ada", "--progress",
                         str(_v2_progress(tmp_path)[0]), "--output", str(out)])
    assert code == 0 and "2 answers" in buf.getvalue()
    data = json.loads(out.read_text("utf-8"))
    assert data["student"]["lms_id"] == "ada" and len(data["answers"]) == 2


def test_receipt_button_at_the_foot_of_every_quiz(tmp_path, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.chdir(tmp_path)
    quiz = Quiz.from_bank("orientation", progress=tmp_path / "progress.json")
    box = quiz.widget.children[-1]
    assert box is quiz.receipt_box and not isinstance(box, widgets.VBox)
    assert box.button.description == "Save a receipt"
    asked = quiz.questions[0]
    right = next(v["answer"] for v in VECTORS[asked.id] if v["correct"])
    assert quiz.answer(asked.id, right).correct
    box.save()
    assert "Type your name first" in box.status.value
    box.name_input.value = "Cy"
    box.lms_input.value = "cy7"
    box.save()
    files = list(tmp_path.glob("crisis-course-receipt-cy-*.json"))
    assert len(files) == 1 and files[0].name in box.status.value
    data = json.loads(files[0].read_text("utf-8"))
    assert [(a["question"], a["attempts"]) for a in data["answers"]] == [(asked.id, 1)]
    assert asked.check(data["answers"][0]["answer"]).correct
    assert data["student"]["lms_id"] == "cy7"
    # no progress, no receipt row
    assert not hasattr(Quiz.from_bank("orientation", progress=False), "receipt_box")


# ------------------------------------------------------------------ the class report ----

BANKS = ("orientation", "nato", "buildup")
_SINGLE = first("single", "nato")
_MULTI = first("multiple", "nato")
# bank, question, the wrong answer most students will give
FEEDBACK_Q = ("nato", _SINGLE.id, next(o for o in _SINGLE.options if o != _SINGLE.answer))
FEEDBACK_M = ("nato", _MULTI.id, [next(o for o in _MULTI.options if o not in _MULTI.answer)])


def _augmented_banks(tmp_path):
    """Copies of three banks with feedback and instructor notes on two questions."""
    out = []
    for name in BANKS:
        data = yaml.safe_load(load_bank(name).path.read_text("utf-8"))
        for q in data["questions"]:
            if q["id"] == FEEDBACK_Q[1]:
                q["feedback"] = {FEEDBACK_Q[2]: "FB-SINGLE: why that option is tempting."}
                q["instructor_notes"] = {FEEDBACK_Q[2]: "NOTE-SINGLE: the usual mix-up.", "*": "NOTE-SINGLE-GENERAL"}
            if q["id"] == FEEDBACK_M[1]:
                q["feedback"] = {FEEDBACK_M[2][0]: "FB-MULTI: that one does not belong."}
                q["instructor_notes"] = {FEEDBACK_M[2][0]: "NOTE-MULTI: a common confusion."}
        d = tmp_path / "banks"
        d.mkdir(exist_ok=True)
        (d / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        out.append(load_bank(d / f"{name}.yaml"))
    return out


def _canon(q, answer):
    """The stored canonical form of an answer, worked out here from the question's data."""
    if q.type == "multiple":
        return [o for o in q.options if o in answer]
    if q.type in ("text", "single"):
        return answer.strip() if isinstance(answer, str) else answer
    if q.type == "numeric":
        return answer if isinstance(answer, str) else float(answer)
    if q.type == "matching":
        return {left: answer[left] for left in q.lefts}
    return answer


def _wrong_candidates(q):
    vecs = [v for v in VECTORS[q.id] if not v["correct"]
            and (str(v.get("note", "")).startswith("auto:") or q.type == "text")]
    if q.id == FEEDBACK_Q[1]:
        vecs.sort(key=lambda v: v["answer"] != FEEDBACK_Q[2])
    if q.id == FEEDBACK_M[1]:
        vecs.sort(key=lambda v: v["answer"] != FEEDBACK_M[2])
    return vecs


def _make_class(tmp_path, banks):
    """Write 30 students' files; return the truth: {student i: {(bank, qid): record}} and metadata."""
    rng = random.Random(20211207)
    handin, homes = tmp_path / "handin", tmp_path / "homes"
    handin.mkdir()
    truth, meta = {}, {}
    for i in range(30):
        lms = f"s{i:02d}" if i < 20 and i % 2 == 0 else None
        hub = f"user{i:02d}" if i >= 20 or i == 5 else None
        meta[i] = {"name": f"Student {i:02d}", "lms": lms, "hub": hub}
        records = {}
        for b in banks:
            for q in b.questions:
                if rng.random() < 0.1:
                    continue
                rights = [v for v in VECTORS[q.id] if v["correct"]]
                wrongs = _wrong_candidates(q)
                outcome = rng.choices(["first", "later", "wrong", "revealed"], [45, 20, 25, 10])[0]
                if outcome in ("wrong", "revealed") and wrongs:
                    favourite = 0.9 if q.id in (FEEDBACK_Q[1], FEEDBACK_M[1]) else 0.6
                    pick = wrongs[0] if rng.random() < favourite else rng.choice(wrongs)
                    records[(b.name, q.id)] = {"answer": pick["answer"], "correct": False,
                                               "attempts": rng.randint(1, 3), "revealed": outcome == "revealed"}
                else:
                    records[(b.name, q.id)] = {"answer": rng.choice(rights)["answer"], "correct": True,
                                               "attempts": 1 if outcome != "later" else rng.randint(2, 3),
                                               "revealed": False}
        truth[i] = records
        if i < 20:
            path = tmp_path / "laptops" / str(i) / "progress.json"
        else:
            path = homes / meta[i]["hub"] / ".local" / "share" / "crisis-course" / "progress.json"
        if 20 <= i < 25:  # version-1 files written by an older course
            path.parent.mkdir(parents=True)
            path.write_text(json.dumps({"version": 1, "banks": {
                b: {qid: dict(rec, updated="2021-12-08T10:00:00+00:00") for (bb, qid), rec in records.items() if bb == b}
                for b in BANKS}}), "utf-8")
        else:
            store = ProgressStore(path)
            for bank in BANKS:  # one save per bank (the quiz saves one answer at a time; same file format)
                store.update(bank, {qid: dict(rec) for (b, qid), rec in records.items() if b == bank})
        if i in (4, 25):  # open writing, handed in through a receipt (4) or read from a hub home (25)
            ProgressStore(path).save_writing("orientation-summary", f"Summary by student {i}.")
        if i < 20:
            receipt = build_receipt(meta[i]["name"], lms, progress=path, hub_user=hub or "")
            if i == 7:  # one answer was given to an earlier version of its question
                receipt["answers"][0]["question_hash"] = "sha256:0123456789abcdef"
                meta[7]["changed"] = (receipt["answers"][0]["bank"], receipt["answers"][0]["question"])
            if i == 9:  # a receipt that claims a wrong answer was right
                lie = next(a for a in receipt["answers"] if not a["correct"])
                lie["correct"] = True
            write_receipt(receipt, handin / f"receipt-{i:02d}.json")
    shutil.copy(handin / "receipt-03.json", handin / "receipt-03-again.json")     # handed in twice
    (tmp_path / "laptops" / "5").rename(homes / "user05")                        # a receipt and a hub home
    (homes / "user05" / "progress.json").parent.mkdir(parents=True, exist_ok=True)
    # damaged or foreign files
    (handin / "broken-receipt.json").write_text('{"format": "crisis-course-receipt", "student": {"na', "utf-8")
    (handin / "noname-receipt.json").write_text(json.dumps({"format": "crisis-course-receipt", "student": {},
                                                            "answers": []}), "utf-8")
    other = homes / "user99" / ".local" / "share" / "crisis-course"
    other.mkdir(parents=True)
    (other / "progress.json").write_text('{"hello": 1}', "utf-8")
    return handin, homes, truth, meta


def _read_csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("class")
    banks = _augmented_banks(tmp)
    handin, homes, truth, meta = _make_class(tmp, banks)
    rep = build_report([handin, homes], banks=banks)
    files = write_report(rep, tmp / "out")
    return {"tmp": tmp, "banks": banks, "truth": truth, "meta": meta, "rep": rep, "files": files,
            "handin": handin, "homes": homes}


def test_students_counted_once_damaged_listed(classroom):
    rep = classroom["rep"]
    assert len(rep.students) == 30
    assert sorted(st.label for st in rep.students) == [f"Student {i:02d}" for i in range(20)] + \
        [f"user{i:02d}" for i in range(20, 30)]
    assert [p.name for p in rep.duplicates] == ["receipt-03.json"] or \
        [p.name for p in rep.duplicates] == ["receipt-03-again.json"]
    assert rep.merged == 1  # student 5: a receipt and a progress file in the hub home
    damaged = sorted(str(p).split("/")[-1] if "user99" not in str(p) else "user99" for p, _ in rep.damaged)
    assert damaged == ["broken-receipt.json", "noname-receipt.json", "user99"]
    assert rep.disagreements == 1
    changed_bank, changed_q = classroom["meta"][7]["changed"]
    assert [(b, q) for _, b, q, _ in rep.changed] == [(changed_bank, changed_q)]


def _expected(classroom):
    """Per-question figures and per-student scores, computed from the drawn answers."""
    truth, meta = classroom["truth"], classroom["meta"]
    questions = {(b.name, q.id): q for b in classroom["banks"] for q in b.questions}
    per_q = {key: {"n": 0, "first": 0, "rev": 0, "att": 0, "wrong": Counter(), "values": {}} for key in questions}
    scores = {}
    for i, records in truth.items():
        scores[i] = {b: 0 for b in BANKS}
        for key, rec in records.items():
            if meta[i].get("changed") == key:
                continue
            e = per_q[key]
            e["n"] += 1
            e["att"] += rec["attempts"]
            e["rev"] += rec["revealed"]
            if rec["correct"]:
                scores[i][key[0]] += 1
                e["first"] += rec["attempts"] == 1 and not rec["revealed"]
            else:
                canon = _canon(questions[key], rec["answer"])
                k = json.dumps(canon, sort_keys=True)
                e["wrong"][k] += 1
                e["values"][k] = canon
    return per_q, scores


def test_question_figures(classroom):
    per_q, _ = _expected(classroom)
    rows = _read_csv(classroom["files"]["questions.csv"])
    header, rows = rows[0], rows[1:]
    col = {name: header.index(name) for name in header}
    assert len(rows) == sum(len(b.questions) for b in classroom["banks"])
    checked_wrong = 0
    for row in rows:
        key = (row[col["bank"]], row[col["question"]])
        e = per_q[key]
        assert int(row[col["students"]]) == e["n"], key
        assert int(row[col["right_first_try"]]) == e["first"], key
        assert row[col["right_first_try_percent"]] == f"{100 * e['first'] / e['n']:.1f}", key
        assert int(row[col["revealed"]]) == e["rev"], key
        assert row[col["reveal_percent"]] == f"{100 * e['rev'] / e['n']:.1f}", key
        assert row[col["mean_attempts"]] == f"{e['att'] / e['n']:.2f}", key
        top = e["wrong"].most_common(2)
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            assert json.loads(row[col["most_common_wrong_json"]]) == e["values"][top[0][0]], key
            assert int(row[col["most_common_wrong_count"]]) == top[0][1], key
            checked_wrong += 1
        elif not top:
            assert row[col["most_common_wrong_json"]] == "", key
    assert checked_wrong >= 15
    by_q = {r[col["question"]]: r for r in rows}
    date_row, founders_row = by_q[FEEDBACK_Q[1]], by_q[FEEDBACK_M[1]]
    assert json.loads(date_row[col["most_common_wrong_json"]]) == FEEDBACK_Q[2]
    assert "FB-SINGLE" in date_row[col["feedback_on_that_answer"]]
    assert "NOTE-SINGLE: the usual" in date_row[col["instructor_note"]]
    assert "NOTE-SINGLE-GENERAL" in date_row[col["instructor_note"]]
    assert json.loads(founders_row[col["most_common_wrong_json"]]) == FEEDBACK_M[2]
    assert "FB-MULTI" in founders_row[col["feedback_on_that_answer"]]
    assert "NOTE-MULTI" in founders_row[col["instructor_note"]]
    flagged = classroom["meta"][7]["changed"]
    assert by_q[flagged[1]][col["answers_flagged_changed"]] == "1"


def test_student_scores_and_gradebooks(classroom):
    _, scores = _expected(classroom)
    meta, banks = classroom["meta"], classroom["banks"]
    students = _read_csv(classroom["files"]["students.csv"])
    header = students[0]
    lesson_cols = header[5:-1]
    assert len(lesson_cols) == len(BANKS)
    label_of = {i: (meta[i]["name"] if i < 20 else meta[i]["hub"]) for i in meta}
    by_label = {row[0]: row for row in students[1:]}
    for i in meta:
        row = by_label[label_of[i]]
        assert [int(x) for x in row[5:-1]] == [scores[i][b] for b in BANKS], i
        assert int(row[-1]) == sum(scores[i].values())
    ids = {i: meta[i]["lms"] or meta[i]["hub"] for i in meta}
    with_id = {ids[i]: i for i in meta if ids[i]}
    without = sorted(meta[i]["name"] for i in meta if not ids[i])
    assert len(without) == 9 and len(with_id) == 21

    canvas = _read_csv(classroom["files"]["gradebook_canvas.csv"])
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert canvas[0][5:] == lesson_cols
    assert canvas[1][0].strip() == "Points Possible"
    assert [int(x) for x in canvas[1][5:]] == [len(b.questions) for b in banks]
    got = {row[3]: [int(x) for x in row[5:]] for row in canvas[2:]}
    assert got == {sid: [scores[i][b] for b in BANKS] for sid, i in with_id.items()}

    moodle = _read_csv(classroom["files"]["gradebook_moodle.csv"])
    assert moodle[0][:2] == ["Identifier", "Full name"] and moodle[0][2:] == lesson_cols
    assert {row[0]: [int(x) for x in row[2:]] for row in moodle[1:]} == got
    nobody = _read_csv(classroom["files"]["students_without_id.csv"])
    assert sorted(row[0] for row in nobody[1:]) == without
    html = classroom["files"]["report.html"].read_text("utf-8")
    for name in without:
        assert name in html
    assert "had no LMS id and no hub user name" in html


def test_report_html_says_regraded_and_shows_the_hardest(classroom):
    rep, files = classroom["rep"], classroom["files"]
    per_q, _ = _expected(classroom)
    html = files["report.html"].read_text("utf-8")
    assert "Self-reported answers, regraded" in html and "disagreed with the regrading" in html
    assert "broken-receipt.json" in html and "noname-receipt.json" in html
    assert "changed since" in html
    assert files["hardest_questions.png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "data:image/png;base64," in html
    lowest = min(e["first"] / e["n"] for e in per_q.values() if e["n"])
    top = hardest(rep)
    assert top[0].share_right_first_try == pytest.approx(lowest)
    assert top[0].question in html.split("The hardest questions")[1].split("Per question")[0]


def test_open_writing_collected(classroom):
    rows = _read_csv(classroom["files"]["open_writing.csv"])
    assert rows[0] == ["student", "key", "text"]
    assert sorted(rows[1:]) == [["Student 04", "orientation-summary", "Summary by student 4."],
                                ["user25", "orientation-summary", "Summary by student 25."]]


def test_results_read_an_lms_submissions_zip(classroom, tmp_path):
    import zipfile

    zpath = tmp_path / "submissions.zip"
    with zipfile.ZipFile(zpath, "w") as zf:  # the layout of a "download all submissions" zip
        zf.write(classroom["handin"] / "receipt-00.json", "Student 00_123_assignsubmission_file_/receipt-00.json")
        zf.write(classroom["handin"] / "receipt-02.json", "student02_456_789_crisis-course-receipt.json")
        zf.writestr("x_1_broken-receipt.json", "{not json")
        zf.writestr("notes.txt", "not read")
    rep = build_report([zpath], banks=classroom["banks"])
    assert sorted(st.label for st in rep.students) == ["Student 00", "Student 02"]
    assert [str(p).rsplit("/", 1)[-1] for p, _ in rep.damaged] == ["x_1_broken-receipt.json"]
    _, scores = _expected(classroom)
    by_label = {st.label: st for st in rep.students}
    assert rep.scores[by_label["Student 02"].key] == scores[2]


def test_results_command(classroom, tmp_path):
    out = tmp_path / "res"

    def snapshot():
        return {p: (p.stat().st_size, p.stat().st_mtime_ns) for root in (classroom["handin"], classroom["homes"])
                for p in root.rglob("*")}

    before = snapshot()
    with redirect_stdout(io.StringIO()) as buf:
        code = cli_main(["results", str(classroom["handin"]), str(classroom["homes"]), "--output", str(out)])
    text = buf.getvalue()
    assert code == 0
    assert "30 student(s)" in text and "skipped" in text and "broken-receipt.json" in text
    assert "left out of the gradebook files" in text
    for name in ("report.html", "questions.csv", "students.csv", "gradebook_canvas.csv", "gradebook_moodle.csv"):
        assert (out / name).is_file()
    # the input files were not touched: no lock files added, nothing moved aside, even the damaged ones
    assert snapshot() == before


def test_a_fifo_or_an_oversized_file_is_listed_not_read(tmp_path):
    """The class report reads files with the progress store's bounded reader: a FIFO is refused at
    once (no hang) and a file over 8 MB is not read; both are listed with the reason."""
    import os

    from crisis_course.results.sources import read_sources

    fifo, big = tmp_path / "progress.json", tmp_path / "big-receipt.json"
    os.mkfifo(fifo)
    big.write_bytes(b" " * (8 * 1024 * 1024 + 1))
    sources, damaged, _ = read_sources([tmp_path])
    assert sources == []
    reasons = {p.name: why for p, why in damaged}
    assert "not a regular file" in reasons["progress.json"], reasons
    assert "larger than 8 MB" in reasons["big-receipt.json"], reasons
