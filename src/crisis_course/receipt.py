"""Receipts: one small JSON file a student hands in with their answers, for the class report.

A receipt holds who the student *says* they are (a name, and optionally their LMS login or id),
and every saved answer of their progress file: bank, question, answer, attempts, whether the
answer was revealed, whether the question is a checkpoint, and a hash of the question's content
(so ``crisis-course results`` can flag answers to a question that has changed since), plus their
open writing. Everything in it is self-reported: ``results`` regrades every answer from the
current banks and never trusts the ``correct`` flag written here.

Make one with the "Save a receipt" row at the foot of every quiz (:func:`receipt_widget`) or::

    crisis-course receipt --name "Ada Lovelace" --lms-id ada.l [--progress FILE] [--output FILE]

Format (``"format": "crisis-course-receipt"``, version 1): see docs/lms.md.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
from pathlib import Path

__all__ = [
    "FORMAT",
    "VERSION",
    "question_hash",
    "current_hashes",
    "build_receipt",
    "write_receipt",
    "receipt_filename",
    "receipt_widget",
    "register",
]

FORMAT = "crisis-course-receipt"
VERSION = 1

_HASHED = ("type", "prompt", "options", "answer", "tolerance", "unit", "items", "pairs", "accept")


def question_hash(q) -> str:
    """A short hash of what a question asks and what counts as right (not its explanation).

    Two versions of a question with the same hash grade every answer the same way.
    """
    data = {}
    for name in _HASHED:
        value = getattr(q, name, None)
        if isinstance(value, tuple):
            value = list(value)
        if name == "pairs":
            value = [list(p) for p in value or []]
        if name == "tolerance":
            value = float(value or 0)
        data[name] = value
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def current_hashes() -> dict[tuple[str, str], tuple[str, object]]:
    """(bank, question id) -> (hash, question) for every question of every bank of the course."""
    from .quiz.bank import all_banks

    return {(b.name, q.id): (question_hash(q), q) for b in all_banks() for q in b.questions}


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _hub_user() -> str | None:
    user = os.environ.get("JUPYTERHUB_USER")
    return user or None


def _load_progress(progress) -> dict:
    from .quiz.progress import ProgressStore

    if isinstance(progress, ProgressStore):
        store = progress
    else:
        store = ProgressStore(progress) if progress is not None else ProgressStore()
    data = store.load()
    return data if isinstance(data, dict) else {}


def build_receipt(name: str, lms_id: str | None = None, progress=None, hub_user: str | None = None) -> dict:
    """The receipt of the progress file ``progress`` (a path or ProgressStore; default: the user's)."""
    name = (name or "").strip()
    if not name:
        raise ValueError("A receipt needs the student's name.")
    data = _load_progress(progress)
    hashes = current_hashes()
    answers = []
    for bank, entries in sorted((data.get("banks") or {}).items()):
        if not isinstance(entries, dict):
            continue
        for qid, entry in sorted(entries.items()):
            if not isinstance(entry, dict):
                continue
            known = hashes.get((bank, qid))
            q = known[1] if known else None
            answers.append({
                "bank": bank,
                "question": qid,
                "answer": entry.get("answer"),
                "correct": bool(entry.get("correct", False)),
                "attempts": entry.get("attempts", 0),
                "revealed": bool(entry.get("revealed", False)),
                "updated": entry.get("updated"),
                "checkpoint": bool(getattr(q, "checkpoint", False)) if q is not None else None,
                "question_hash": known[0] if known else None,
            })
    writing = {}
    for key, value in (data.get("open_writing") or {}).items():
        if isinstance(value, dict):
            writing[str(key)] = {"text": str(value.get("text", "")), "updated": value.get("updated")}
        elif isinstance(value, str):
            writing[str(key)] = {"text": value, "updated": None}
    try:
        from importlib.metadata import version

        package_version = version("ukraine-crisis-course")
    except Exception:  # noqa: BLE001 - not installed as a distribution
        package_version = None
    return {
        "format": FORMAT,
        "version": VERSION,
        "created": _now(),
        "self_reported": True,
        "student": {"name": name, "lms_id": (lms_id or "").strip() or None,
                    "hub_user": (hub_user if hub_user is not None else _hub_user()) or None},
        "course": {"package_version": package_version},
        "answers": answers,
        "open_writing": writing,
    }


def receipt_filename(name: str, when: str | None = None) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", (name or "student").lower()).strip("-")[:40] or "student"
    day = (when or _now())[:10]
    return f"crisis-course-receipt-{slug}-{day}.json"


def write_receipt(receipt: dict, path=None, folder=".") -> Path:
    """Write ``receipt`` as JSON (default name: crisis-course-receipt-<name>-<date>.json in ``folder``)."""
    if path is None:
        path = Path(folder) / receipt_filename(receipt["student"]["name"], receipt.get("created"))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(receipt, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path


# ------------------------------------------------------------------------------ widget ----

def receipt_widget(quiz=None, folder=None):
    """A row for the foot of a quiz: name, optional LMS login or id, and "Save a receipt".

    The receipt covers every saved answer of the student's progress file (all lessons), not only
    this quiz. It is written to ``folder`` (default: the notebook's folder) and a link to it is
    shown, to download and hand in.
    """
    import ipywidgets as widgets

    from .quiz.markup import escape

    store = getattr(quiz, "store", None) if quiz is not None else None
    name = widgets.Text(placeholder="Your name", description="Name:", layout=widgets.Layout(width="16em"),
                        style={"description_width": "initial"})
    lms = widgets.Text(placeholder="optional", description="LMS login or id:",
                       layout=widgets.Layout(width="18em"), style={"description_width": "initial"})
    button = widgets.Button(description="Save a receipt", icon="file",
                            tooltip="Write a file with your answers to hand in to your teacher")
    status = widgets.HTML(value="")

    def save(_b=None):
        if not name.value.strip():
            status.value = '<span role="status">Type your name first.</span>'
            return
        if store is None and quiz is not None:
            status.value = '<span role="status">This quiz does not save answers, so there is nothing to put in a receipt.</span>'
            return
        try:
            receipt = build_receipt(name.value, lms.value, progress=store)
            path = write_receipt(receipt, folder=folder if folder is not None else ".")
        except Exception as exc:  # noqa: BLE001 - never break the quiz
            status.value = f'<span role="status">Could not write the receipt: {escape(exc)}</span>'
            return
        n = len(receipt["answers"])
        status.value = (f'<span role="status">Saved {n} answer{"s" if n != 1 else ""} to '
                        f'<a href="{escape(path.name)}" download>{escape(path.name)}</a> '
                        f"(in the folder {escape(path.resolve().parent)}, beside this notebook): "
                        "download it from the file browser and hand it in.</span>")

    button.on_click(save)
    box = widgets.HBox([name, lms, button, status],
                       layout=widgets.Layout(flex_flow="row wrap", align_items="center", margin="0.6em 0 0 0"))
    box.add_class("crisis-receipt")
    box.name_input, box.lms_input, box.button, box.status, box.save = name, lms, button, status, save
    return box


# --------------------------------------------------------------------------------- CLI ----

def _cmd_receipt(args) -> int:
    try:
        receipt = build_receipt(args.name, args.lms_id, progress=args.progress)
    except ValueError as exc:
        print(f"error: {exc}")
        return 1
    path = write_receipt(receipt, path=args.output, folder=".")
    print(f"wrote {path} ({len(receipt['answers'])} answers, {len(receipt['open_writing'])} open-writing texts)")
    print("Hand this file in. It is self-reported: your teacher's report regrades every answer.")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("receipt", help="write a receipt of your quiz answers to hand in",
                              description="Write one small JSON file with your name, optional LMS login or id, "
                              "and every saved quiz answer and open-writing text, to hand in to your teacher.")
    p.add_argument("--name", default=None, help="your name (asked if not given)")
    p.add_argument("--lms-id", default=None, help="your login or id in the course's LMS (optional)")
    p.add_argument("--progress", default=None, help="progress file to read (default: yours)")
    p.add_argument("--output", default=None, help="file to write (default: crisis-course-receipt-<name>-<date>.json)")

    def run(args):
        if not args.name:
            try:
                args.name = input("Your name: ")
            except EOFError:
                args.name = ""
        if args.lms_id is None and args.name and os.isatty(0):
            args.lms_id = input("Your LMS login or id (optional, Enter to skip): ") or None
        return _cmd_receipt(args)

    p.set_defaults(func=run)

