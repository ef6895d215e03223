"""Build the course website: ``crisis-course site [--output DIR]``.

Every lesson is executed (in its own kernel, with an empty temporary progress folder, see
:func:`crisis_course.export.execute_notebook`) and rendered with nbconvert's HTML exporter and the
course's own template (``templates/crisis_site``), then placed in a page of the site: navigation,
search box, light/dark theme, the page's quiz data. The quizzes in the executed notebooks are the
static HTML of :mod:`crisis_course.quiz.static`; ``assets/quiz.js`` turns them into graded quizzes
in the page (with ``assets/grader.js``, a port of the Python grader), so with script off the
``<details>`` version remains.

What the site holds: a landing page (outline, launch links built from the manifest's ``site:``
block or ``--repository``/``--hub``, progress export/reset), one page per lesson, the glossary,
the timeline, one page per exercise with its notebook to download, a zip of the student notebooks,
and an offline search page. It loads nothing from the network. Never on it: ``solutions/``,
instructor notes (the banks' ``instructor_notes`` are removed from the page data; lessons' notes
live outside the notebooks) and the instructor answer key.
"""
from __future__ import annotations

import datetime as _dt
import html
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .pages import (
    _exercise_title,
    _Pages,
    _slug,
    _write_download_zip,
    _write_exercises,
    _write_glossary,
    _write_index,
    _write_search,
    _write_timeline,
)
from .quizdata import all_questions, grading_constants_js, question_data  # noqa: F401 - some names re-exported for tests and tools
from .render import _student_notebook, index_entries, remote_refs, render_notebook  # noqa: F401 - some names re-exported for tests and tools
from .settings import (  # noqa: F401 - some names re-exported for tests and tools
    ASSETS,
    DEFAULT_TITLE,
    HERE,
    PRIVATE_KEYS,
    TEMPLATES,
    SiteError,
    SiteSettings,
    launch_links,
    normalise_repository,
    settings_from_manifest,
)

__all__ = ["SiteError", "SiteSettings", "BuildResult", "build_site", "settings_from_manifest", "launch_links",
           "question_data", "grading_constants_js", "remote_refs"]


# --------------------------------------------------------------------------- the build

@dataclass
class BuildResult:
    output: Path
    pages: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    execute_seconds: float = 0.0
    lesson_pages: dict = field(default_factory=dict)   # lesson number -> Path


def _lessons(lessons_dir: Path, only: list | None):
    """[(number, title, notebook path, bank, minutes, [exercise names])] from the manifest, or from
    the lessons folder when there is no manifest."""
    rows = []
    try:
        from .. import course

        for les in course.load().lessons:
            rows.append((les.number, les.title, lessons_dir / les.notebook, les.bank, les.minutes, list(les.exercises)))
    except Exception:
        from .. import export

        for p in export.list_lessons(lessons_dir):
            n = int(p.name[:2])
            rows.append((n, p.stem, p, None, None, []))
    if only:
        wanted = {int(x) for x in only}
        rows = [r for r in rows if r[0] in wanted]
    return rows



def build_site(output: str | os.PathLike = "build/site", lessons: list | None = None,
               settings: SiteSettings | None = None, root: str | os.PathLike | None = None,
               timeout: int = 300, jobs: int = 1, executed: dict | None = None, log=print) -> BuildResult:
    """Build the website into ``output`` (replaced if it is an earlier site build).

    ``lessons``: lesson numbers to include (default all); ``executed``: notebook path -> an
    already executed notebook (tests and benchmarks reuse them); ``jobs``: kernels at once.
    Raises :class:`SiteError` when a lesson fails to execute.
    """
    from .. import export

    t0 = time.perf_counter()
    settings = settings or settings_from_manifest()
    if root is None:
        try:
            from .. import course

            root = course.find_root()
        except Exception:  # no manifest: the checkout this package sits in
            root = None
    root = Path(root) if root else Path(__file__).resolve().parents[3]
    lessons_dir = export.find_lessons_dir(root / "lessons" if (root / "lessons").is_dir() else None)
    root = lessons_dir.parent
    exercises_dir = root / "exercises"
    out = Path(output)
    if out.exists():
        if not (out / ".crisis-course-site").is_file() and any(out.iterdir()):
            raise SiteError(f"{out} exists and is not a course site built by this command: choose another --output")
        shutil.rmtree(out)
    (out / "assets").mkdir(parents=True)
    (out / "downloads").mkdir()
    (out / ".crisis-course-site").write_text("built by crisis-course site\n")
    built = _dt.date.today().isoformat()
    pages = _Pages(out, settings, built)

    rows = _lessons(lessons_dir, lessons)
    paths = [r[2] for r in rows]
    exec_t0 = time.perf_counter()
    given = {Path(k).name: nb for k, nb in (executed or {}).items()}
    executed = {p: given[p.name] for p in paths if p.name in given}
    todo = [p for p in paths if p not in executed]
    saved_env = {k: os.environ.get(k) for k in ("CRISIS_COURSE_INSTRUCTOR", "CRISIS_COURSE_PROGRESS_DIR")}
    tmp_progress = tempfile.mkdtemp(prefix="crisis-site-progress-")
    os.environ.pop("CRISIS_COURSE_INSTRUCTOR", None)   # students' view, never the instructor mode
    os.environ["CRISIS_COURSE_PROGRESS_DIR"] = tmp_progress  # nobody's saved answers in the site
    failures = []
    try:
        for path, nb, secs, err in export._executed_lessons(todo, timeout, jobs, None):
            if err:
                failures.append(err)
                log(f"  FAILED {path.name}")
            else:
                executed[path] = nb
                log(f"  executed {path.name} in {secs:.1f} s")
    finally:
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        shutil.rmtree(tmp_progress, ignore_errors=True)
    if failures:
        raise SiteError("some lessons failed to execute:\n" + "\n".join(failures))
    exec_secs = time.perf_counter() - exec_t0

    # assets
    for name in ("site.css", "site.js", "quiz.js", "grader.js"):
        shutil.copyfile(ASSETS / name, out / "assets" / name)
    (out / "assets" / "grading-constants.js").write_text(grading_constants_js(), encoding="utf-8")

    result = BuildResult(output=out, execute_seconds=exec_secs)
    lesson_links = [(n, title, f"lesson-{n:02d}.html") for n, title, *_ in rows]
    exercise_pages = []  # (lesson number, exercise name, page name)
    for n, title, path, bank, minutes, exercises in rows:
        if not exercises and exercises_dir.is_dir():
            exercises = sorted(p.name for p in exercises_dir.glob(f"{n:02d}_*.ipynb"))
        for ex in exercises:
            if (exercises_dir / ex).is_file():
                exercise_pages.append((n, ex, f"exercise-{_slug(Path(ex).stem)}.html"))

    pages.notebook_pages.update({path.name: url for (_, _, path, *_), (_, _, url) in zip(rows, lesson_links)})
    pages.notebook_pages.update({ex: page_name for _, ex, page_name in exercise_pages})
    for i, (n, title, path, bank, minutes, exercises) in enumerate(rows):
        body = render_notebook(_student_notebook(executed[path]))
        mine = [e for e in exercise_pages if e[0] == n]
        if mine:
            links = "".join(f'<li><a href="{p}">{html.escape(_exercise_title(ex))}</a></li>' for _, ex, p in mine)
            body += f'<section class="site-after" aria-label="Exercises for this lesson"><p><strong>Exercises for this lesson:</strong></p><ul>{links}</ul></section>'
        pager = {"prev": None, "next": None}
        if i > 0:
            pager["prev"] = {"url": lesson_links[i - 1][2], "title": f"Lesson {rows[i - 1][0]}"}
        if i + 1 < len(rows):
            pager["next"] = {"url": lesson_links[i + 1][2], "title": f"Lesson {rows[i + 1][0]}: {rows[i + 1][1]}"}
        page = pages.write(lesson_links[i][2], f"Lesson {n}: {title}", body, pager=pager)
        result.lesson_pages[n] = page
        log(f"  page {page.name}")

    _write_exercises(pages, exercise_pages, exercises_dir, out)
    _write_glossary(pages)
    _write_timeline(pages)
    _write_download_zip(out, lessons_dir, [r[2] for r in rows], exercises_dir, [e[1] for e in exercise_pages])
    _write_index(pages, rows, lesson_links, exercise_pages, settings, lessons_dir)
    _write_search(pages)
    result.pages = list(pages.written)
    result.seconds = time.perf_counter() - t0
    return result
