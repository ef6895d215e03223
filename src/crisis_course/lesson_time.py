"""How long a lesson's core path takes a secondary-school reader, estimated from the notebook.

The rule (docs/AUTHORING.md, "Honest times"): words of the core path at 170 words a minute,
plus one minute per figure, one and a half per checkpoint, three per open-writing box and one per
end-of-lesson quiz question. The core path is every cell not tagged ``optional`` (an optional
section) or ``reference`` (sources, the lesson's glossary, the "Next" links). Markdown syntax,
link targets and citation markers like ``[12]`` are not words.

``crisis-course check`` compares the estimate with the one stated time (the manifest's
``minutes``, which the title cell must repeat) and fails when they differ by more than 15%.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Estimate", "estimate", "WORDS_PER_MINUTE", "TOLERANCE", "stated_minutes", "core_words"]

WORDS_PER_MINUTE = 170
PER_FIGURE, PER_CHECKPOINT, PER_WRITING, PER_QUESTION = 1.0, 1.5, 3.0, 1.0
TOLERANCE = 0.15

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_CITE = re.compile(r"\[\d+(?:[,–-]\s*\d+)*\]")
_MARKUP = re.compile(r"[#*_>`|]+|<[^>]+>|&nbsp;")
_STATED = re.compile(r"(?i)estimated time:?\**\s*(\d+)\s*minutes")


@dataclass(frozen=True)
class Estimate:
    words: int
    figures: int
    checkpoints: int
    writing: int
    questions: int

    @property
    def minutes(self) -> float:
        return (self.words / WORDS_PER_MINUTE + PER_FIGURE * self.figures + PER_CHECKPOINT * self.checkpoints
                + PER_WRITING * self.writing + PER_QUESTION * self.questions)


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def is_core(cell) -> bool:
    tags = _tags(cell)
    return "optional" not in tags and "reference" not in tags


def words_in(markdown: str) -> int:
    text = _LINK.sub(r"\1", markdown)
    text = _CITE.sub(" ", text)
    text = _MARKUP.sub(" ", text)
    return len([w for w in text.split() if any(ch.isalnum() for ch in w)])


def core_words(nb) -> int:
    return sum(words_in(c.source) for c in nb.cells if c.cell_type == "markdown" and is_core(c))


def estimate(nb, bank=None) -> Estimate:
    """The estimate for a lesson notebook; ``bank`` (name) counts its end-quiz questions."""
    core = [c for c in nb.cells if is_core(c)]
    code = [c for c in core if c.cell_type == "code"]
    figures = sum(1 for c in code if "figure" in _tags(c))
    checkpoints = sum(len(re.findall(r"\bcheckpoint\(", c.source)) for c in code)
    writing = sum(len(re.findall(r"\bwriting\.(?:ask|show_mine)\(", c.source)) for c in code)
    questions = 0
    if bank is not None:
        from .quiz import load_bank

        questions = sum(1 for q in load_bank(bank).questions if not q.checkpoint)
    return Estimate(core_words(nb), figures, checkpoints, writing, questions)


def stated_minutes(nb) -> int | None:
    """The time the title cell states ("Estimated time: 45 minutes"), or None."""
    m = _STATED.search(nb.cells[0].source) if nb.cells else None
    return int(m.group(1)) if m else None


def problems(nb, lesson) -> list[str]:
    """Messages when the stated time is missing, disagrees with the manifest, or is more than
    15% away from the estimate. ``lesson`` is the manifest entry."""
    out = []
    est = estimate(nb, lesson.bank)
    stated = stated_minutes(nb)
    if stated is None:
        out.append("the title cell states no 'Estimated time: N minutes'")
    elif stated != lesson.minutes:
        out.append(f"the title cell says {stated} minutes but course.yaml says {lesson.minutes}")
    if abs(lesson.minutes - est.minutes) > TOLERANCE * est.minutes:
        out.append(f"stated time {lesson.minutes} min is more than 15% off the estimate {est.minutes:.0f} min "
                   f"({est.words} core-path words at {WORDS_PER_MINUTE}/min + {est.figures} figures + "
                   f"{est.checkpoints} checkpoints x 1.5 + {est.writing} writing x 3 + {est.questions} quiz "
                   "questions): cut or move text to optional sections, or correct the stated time")
    return out
