"""Quiz banks into learning management systems: Moodle XML and QTI 1.2 (the version Canvas imports).

``crisis-course export-quiz --format moodle|qti [--output DIR] [BANK...]`` writes one file per
bank (Moodle: ``<bank>.moodle.xml``; QTI: ``<bank>.qti.zip``) and a report of what the format
cannot express (``LIMITATIONS-<format>.md``), also printed. Every file says it has not yet been
import-tested in a real Canvas or Moodle. Modules: :mod:`.moodle`, :mod:`.qti`, :mod:`.limits`
(the report), :mod:`.rules` (the exported grading rules read back, for the parity tests).
Guide: docs/lms.md.
"""
from __future__ import annotations

from pathlib import Path

from .common import NOT_IMPORT_TESTED, load_banks

__all__ = ["export_quiz", "register", "NOT_IMPORT_TESTED", "FORMATS"]

FORMATS = ("moodle", "qti")


def export_quiz(fmt: str, banks=None, output="build/lms") -> dict:
    """Write the banks in ``fmt``; return {"files": [...], "report": path, "summary": text}."""
    from . import limits, moodle, qti

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (use one of: {', '.join(FORMATS)})")
    out = Path(output) / fmt
    out.mkdir(parents=True, exist_ok=True)
    loaded = load_banks(banks)
    files = []
    for bank in loaded:
        if fmt == "moodle":
            path = out / f"{bank.name}.moodle.xml"
            path.write_text(moodle.bank_to_moodle_xml(bank), encoding="utf-8")
        else:
            path = qti.write_qti_zip(bank, out / f"{bank.name}.qti.zip")
        files.append(path)
    report = out / f"LIMITATIONS-{fmt}.md"
    report.write_text(limits.report_markdown(loaded, fmt), encoding="utf-8")
    return {"files": files, "report": report, "summary": limits.report_text(loaded, fmt), "banks": loaded}


def _cmd_export_quiz(args) -> int:
    from ..quiz.bank import QuizBankError

    try:
        result = export_quiz(args.format, args.banks, args.output)
    except QuizBankError as exc:
        print(f"error: {exc}")
        return 1
    for path in result["files"]:
        print(f"wrote {path}")
    print(f"wrote {result['report']}")
    print()
    print(result["summary"])
    print()
    print(NOT_IMPORT_TESTED)
    print("Import steps: docs/lms.md.")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export-quiz",
        help="export quiz banks for an LMS (Moodle XML, or a QTI 1.2 zip for Canvas)",
        description="Write each bank as Moodle XML or as a QTI 1.2 zip Canvas imports, plus a report of "
        "what the format cannot express. Not yet import-tested in a real Canvas or Moodle.",
    )
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--output", default="build/lms", help="folder (a subfolder per format; default build/lms)")
    p.add_argument("banks", nargs="*", metavar="BANK", help="bank names or .yaml paths (default: all)")
    p.set_defaults(func=_cmd_export_quiz)
