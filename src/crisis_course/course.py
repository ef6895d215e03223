"""The course manifest (``content/course.yaml``): title, knowledge cutoff, lessons, site links.

Every tool asks this module what the course is made of instead of keeping its own list::

    from crisis_course import course
    c = course.load()
    c.cutoff                      # datetime.date(2021, 12, 7)
    c.lesson(6).bank              # 'energy'
    [l.notebook for l in c.lessons]
    course.find_root()            # the course folder (with lessons/) near the working directory

Problems (schema or consistency: duplicate numbers, slugs or banks, a notebook name that does
not start with the lesson number) raise :class:`ManifestError`, listing every problem at once.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import safeyaml

__all__ = ["Course", "Lesson", "ManifestError", "load", "manifest_path", "find_root", "errors"]


class ManifestError(ValueError):
    """The manifest is missing or malformed; the message lists every problem."""


@dataclass(frozen=True)
class Lesson:
    number: int
    slug: str
    title: str
    notebook: str
    bank: str
    minutes: int
    exercises: tuple[str, ...] = ()

    @property
    def stem(self) -> str:
        """The notebook's name without ``.ipynb`` ("06_energy")."""
        return self.notebook[:-6]

    @property
    def hindsight(self) -> bool:
        return self.number in load().hindsight_lessons


@dataclass(frozen=True)
class Course:
    title: str
    short_title: str
    cutoff: _dt.date
    lessons: tuple[Lesson, ...]
    hindsight_lessons: tuple[int, ...] = ()
    article: str = ""
    site: dict = field(default_factory=dict)

    def lesson(self, key) -> Lesson:
        """A lesson by number (6), slug ("energy"), bank name or notebook name/stem."""
        for lesson in self.lessons:
            if key in (lesson.number, lesson.slug, lesson.bank, lesson.notebook, lesson.stem):
                return lesson
        raise KeyError(f"course.yaml has no lesson {key!r}")

    @property
    def banks(self) -> dict[int, str]:
        """Lesson number -> bank name."""
        return {lesson.number: lesson.bank for lesson in self.lessons}

    @property
    def cutoff_text(self) -> str:
        """The cutoff as people write it ("7 December 2021")."""
        return f"{self.cutoff.day} {self.cutoff:%B %Y}"


def manifest_path() -> Path:
    return Path(str(resources.files("crisis_course") / "content" / "course.yaml"))


def _schema() -> dict:
    return json.loads((resources.files("crisis_course") / "schemas" / "course.schema.json").read_text("utf-8"))


def errors(data) -> list[str]:
    """Every problem in a parsed manifest (empty when it is fine)."""
    if not isinstance(data, dict):
        return ["course.yaml: the file must be a mapping with title, cutoff and lessons"]
    out = safeyaml.schema_problems(data, _schema(), "course.yaml")
    if out:
        return out
    try:
        _dt.date.fromisoformat(data["cutoff"])
    except ValueError:
        out.append(f"course.yaml: cutoff: {data['cutoff']!r} is not a real date")
    for key in ("number", "slug", "bank", "notebook"):
        values = [lesson[key] for lesson in data["lessons"]]
        for v in sorted({v for v in values if values.count(v) > 1}, key=str):
            out.append(f"course.yaml: lessons: {key} {v!r} is used by more than one lesson")
    for lesson in data["lessons"]:
        if not lesson["notebook"].startswith(f"{lesson['number']:02d}_"):
            out.append(f"course.yaml: lesson {lesson['number']}: notebook {lesson['notebook']!r} must start "
                       f"with {lesson['number']:02d}_")
    return out


def parse(path: str | os.PathLike | None = None) -> Course:
    """Read and validate a manifest file (default: the package's)."""
    path = Path(path) if path is not None else manifest_path()
    data = safeyaml.load_valid(path, errors, ManifestError)
    lessons = tuple(
        Lesson(number=d["number"], slug=d["slug"], title=d["title"], notebook=d["notebook"], bank=d["bank"],
               minutes=d["minutes"], exercises=tuple(d.get("exercises", ())))
        for d in sorted(data["lessons"], key=lambda d: d["number"])
    )
    return Course(title=data["title"], short_title=data.get("short_title", data["title"]),
                  cutoff=_dt.date.fromisoformat(data["cutoff"]), lessons=lessons,
                  hindsight_lessons=tuple(data.get("hindsight_lessons", ())), article=data.get("article", ""),
                  site=dict(data.get("site", {})))


@lru_cache(maxsize=1)
def load() -> Course:
    """The package's manifest, read once per process."""
    return parse()


def find_root(start: str | os.PathLike | None = None) -> Path | None:
    """The course folder (the one holding ``lessons/`` with the manifest's lesson 0) at or above
    ``start`` (default: the working directory), or None. ``CRISIS_COURSE_ROOT`` wins if set."""
    env = os.environ.get("CRISIS_COURSE_ROOT")
    if env:
        return Path(env).resolve()
    first = load().lessons[0].notebook
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "lessons" / first).is_file():
            return folder
        if folder.name == "lessons" and (folder / first).is_file():
            return folder.parent
    return None
