"""Which lesson an exercise follows and how long each track takes, as the notebook states it.

The one source of these facts is the title cell of the worked solution (``solutions/``), which the
generated exercise copies::

    - **Follows:** [Lesson 3: NATO](../lessons/03_nato.ipynb) (do this exercise after the lesson)
    - **Time:** 15 minutes for the no-code track (no programming needed); about 30 minutes more for *Going further* (Python)

The no-code time may be a range (``12-15 minutes``). Nothing else in a notebook repeats the minutes;
``docs/exercises.md`` lists them and a test keeps that table equal to the notebooks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["StatedTimes", "StatedTimesError", "stated_times", "TIME_LINE", "FOLLOWS_LINE"]

#: The title cell's time line: no-code minutes (or a range), then the minutes of Going further.
TIME_LINE = re.compile(r"^- \*\*Time:\*\* (\d+)(?:-(\d+))? minutes for the no-code track \(no programming "
                       r"needed\); about (\d+) minutes more for \*Going further\* \(Python\)$", re.M)
#: The title cell's "Follows" line: a link to the lesson notebook.
FOLLOWS_LINE = re.compile(r"^- \*\*Follows:\*\* \[Lesson (\d+): [^\]]+\]\(\.\./lessons/(\d\d_[a-z_]+\.ipynb)\)", re.M)


class StatedTimesError(ValueError):
    """The title cell does not say which lesson the exercise follows or how long its tracks take."""


@dataclass(frozen=True)
class StatedTimes:
    lesson: int            # the lesson the exercise follows
    lesson_notebook: str   # its notebook ("03_nato.ipynb")
    nocode_min: int        # no-code track, lower end (equal to nocode_max when one number is stated)
    nocode_max: int
    further: int           # Going further, minutes more

    @property
    def nocode_text(self) -> str:
        """The no-code time as the notebook writes it ("15" or "12-15")."""
        if self.nocode_min == self.nocode_max:
            return str(self.nocode_max)
        return f"{self.nocode_min}-{self.nocode_max}"


def stated_times(notebook) -> StatedTimes:
    """The stated times of an exercise: ``notebook`` is a path or an ``nbformat`` notebook."""
    if isinstance(notebook, (str, Path)):
        import nbformat

        name = Path(notebook).name
        notebook = nbformat.read(notebook, as_version=4)
    else:
        name = "the notebook"
    first = notebook.cells[0].source if notebook.cells else ""
    follows = FOLLOWS_LINE.search(first)
    time = TIME_LINE.search(first)
    problems = []
    if not follows:
        problems.append("no line '- **Follows:** [Lesson N: Title](../lessons/NN_slug.ipynb)'")
    if not time:
        problems.append("no line '- **Time:** N (or N-M) minutes for the no-code track (no programming needed); "
                        "about K minutes more for *Going further* (Python)'")
    if problems:
        raise StatedTimesError(f"{name}, title cell: " + "; ".join(problems))
    low, high = int(time.group(1)), int(time.group(2) or time.group(1))
    if high < low:
        raise StatedTimesError(f"{name}, title cell: the no-code range {low}-{high} runs backwards")
    return StatedTimes(lesson=int(follows.group(1)), lesson_notebook=follows.group(2), nocode_min=low,
                       nocode_max=high, further=int(time.group(3)))
