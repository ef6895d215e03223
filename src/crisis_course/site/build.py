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

import copy
import datetime as _dt
import html
import json
import os
import re
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlparse

__all__ = ["SiteError", "SiteSettings", "BuildResult", "build_site", "settings_from_manifest", "launch_links",
           "question_data", "grading_constants_js", "remote_refs"]

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "assets"
TEMPLATES = HERE / "templates"
DEFAULT_TITLE = "Two Agendas: Ukraine, NATO, sanctions and gas on 7 December 2021"

#: keys of a bank question that never reach a student's page
PRIVATE_KEYS = ("instructor_notes",)


class SiteError(RuntimeError):
    """The site could not be built (a lesson failed, a bad setting)."""


# --------------------------------------------------------------------------- settings

@dataclass
class SiteSettings:
    """Where the course lives, for the landing page's launch links (one setting: the repository)."""

    repository: str = ""        # https URL of the course's git repository ("" = not published)
    branch: str = "main"
    binder: str = "https://mybinder.org"
    hub: str = ""               # a JupyterHub's address ("" = the page asks the reader for it)
    title: str = DEFAULT_TITLE
    short_title: str = "Two Agendas"

    def __post_init__(self):
        self.repository = normalise_repository(self.repository)
        self.hub = (self.hub or "").strip().rstrip("/")
        self.binder = (self.binder or "https://mybinder.org").strip().rstrip("/")
        self.branch = (self.branch or "main").strip()
        for name in ("hub", "binder"):
            value = getattr(self, name)
            if value and not re.match(r"^https?://[^\s/]+", value):
                raise SiteError(f"site setting {name!r} must be an http(s) address, got {value!r}")


def normalise_repository(value: str | None) -> str:
    """``owner/name`` (GitHub) or an https URL -> an https URL without ``.git`` or a trailing slash."""
    value = (value or "").strip()
    if not value:
        return ""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+", value):
        value = f"https://github.com/{value}"
    if not re.match(r"^https?://[^\s/]+/\S+$", value):
        raise SiteError(f"the repository must be OWNER/NAME (GitHub) or an https URL, got {value!r}")
    value = value.rstrip("/")
    return value[:-4] if value.endswith(".git") else value


def settings_from_manifest(repository: str | None = None, hub: str | None = None,
                           branch: str | None = None) -> SiteSettings:
    """The manifest's ``site:`` block (``content/course.yaml``), overridden by any given flag."""
    site, title, short = {}, DEFAULT_TITLE, "Two Agendas"
    try:
        from .. import course

        c = course.load()
        site, title, short = dict(c.site or {}), c.title, c.short_title
    except Exception:  # no manifest (older checkout): flags only
        pass
    return SiteSettings(repository=repository if repository is not None else site.get("repository", ""),
                        branch=branch or site.get("branch") or "main",
                        binder=site.get("binder") or "https://mybinder.org",
                        hub=hub if hub is not None else site.get("hub", ""), title=title,
                        short_title=short)


def launch_links(settings: SiteSettings, first_notebook: str) -> dict:
    """Binder, JupyterHub (nbgitpuller) and download links from the one repository setting.

    Returns a dict with ``binder``, ``hub`` (a full link, or None when no hub is set),
    ``hub_path`` (the nbgitpuller path to append to any hub's address), ``download`` (GitHub's
    zip of the branch, or None for other hosts) and ``repository``; empty when unpublished.
    """
    repo = settings.repository
    if not repo:
        return {}
    parsed = urlparse(repo)
    name = parsed.path.rstrip("/").rsplit("/", 1)[-1]
    lab_path = f"lab/tree/lessons/{first_notebook}"
    if parsed.netloc == "github.com":
        owner_name = parsed.path.strip("/")
        binder = f"{settings.binder}/v2/gh/{owner_name}/{quote(settings.branch, safe='')}?urlpath={quote(lab_path, safe='/')}"
        download = f"{repo}/archive/refs/heads/{quote(settings.branch, safe='')}.zip"
    else:
        binder = f"{settings.binder}/v2/git/{quote(repo, safe='')}/{quote(settings.branch, safe='')}?urlpath={quote(lab_path, safe='/')}"
        download = None
    hub_path = ("/hub/user-redirect/git-pull?repo=" + quote(repo, safe="") + "&branch=" + quote(settings.branch, safe="")
                + "&urlpath=" + quote(f"lab/tree/{name}/lessons/{first_notebook}", safe=""))
    return {"repository": repo, "binder": binder, "hub": (settings.hub + hub_path) if settings.hub else None,
            "hub_path": hub_path, "download": download, "name": name}


# --------------------------------------------------------------------------- quiz data

def _public_question(raw: dict) -> dict:
    return {k: v for k, v in raw.items() if k not in PRIVATE_KEYS}


def question_data(q, raw: dict | None = None) -> dict:
    """What a page needs to grade and show question ``q`` (a :class:`~crisis_course.quiz.Question`):
    the bank's fields minus ``instructor_notes``, with the display orders and rendered HTML."""
    from ..quiz.markup import render, render_inline

    feedback = {str(k): str(v) for k, v in (getattr(q, "feedback", None) or {}).items()}
    near = [{"value": float(n["value"]), "tolerance": float(n.get("tolerance", 0) or 0), "feedback": str(n["feedback"])}
            for n in (getattr(q, "near_misses", None) or [])]
    d = {
        "id": q.id, "bank": q.bank, "type": q.type,
        "options": list(q.options), "answer": q.answer, "tolerance": q.tolerance, "unit": q.unit,
        "items": list(q.items), "pairs": [list(p) for p in q.pairs], "accept": list(q.accept),
        "feedback": feedback, "near_misses": near,
        "display_items": q.display_items() if q.type == "ordering" else [],
        "display_rights": q.display_rights() if q.type == "matching" else [],
        "options_html": [render_inline(o) for o in q.options],
        "explanation_html": render(q.explanation), "source_html": render_inline(q.source),
        "hint_html": render(q.hint) if q.hint else "",
        "feedback_html": {v: render(v) for v in feedback.values()} | {n["feedback"]: render(n["feedback"]) for n in near},
        "level": getattr(q, "level", None), "checkpoint": bool(getattr(q, "checkpoint", False)),
    }
    if q.type == "numeric":
        d["answer"] = float(q.answer)
    return d


def all_questions() -> dict:
    """Question id -> page data for every question of every bank in the package."""
    from ..quiz import all_banks

    out = {}
    for bank in all_banks():
        for q in bank.questions:
            out[q.id] = question_data(q)
    return out


def grading_constants_js() -> str:
    """``window.CRISIS_GRADING``: the grader's word lists and character folds, taken from the
    Python module (so the page and the notebooks agree on them)."""
    from ..quiz import grading as g

    def table(t):
        return {chr(k): v for k, v in t.items()}

    consts = {
        "true_words": sorted(g._TRUE_WORDS), "false_words": sorted(g._FALSE_WORDS),
        "multipliers": g._MULTIPLIERS, "times_words": sorted(g._TIMES_WORDS),
        "edge_punct": g._EDGE_PUNCT, "dashes": table(g._DASHES), "quotes": table(g._QUOTES),
        "special": table(g._SPECIAL), "type_labels": g.TYPE_LABELS,
        "max_number_chars": getattr(g, "MAX_NUMBER_CHARS", 200),
        "max_significant_digits": getattr(g, "MAX_SIGNIFICANT_DIGITS", 15),
    }
    return ("/* generated by crisis_course.site from crisis_course.quiz.grading: do not edit */\n"
            "window.CRISIS_GRADING = " + json.dumps(consts, ensure_ascii=False, sort_keys=True) + ";\n")


def _script_json(data) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/").replace("<!--", "<\\!--")


# --------------------------------------------------------------------------- rendering

_QUIZ_ID = re.compile(r'\bid="quiz-([^"]+)"')
_TABLE = re.compile(r"<table\b", re.I)


def _wrap_tables(body: str) -> str:
    """Put every table in a focusable scrolling region, so a wide table scrolls inside the page
    (and keyboard users can scroll it) instead of widening a phone screen."""
    out, depth, pos = [], 0, 0
    for m in re.finditer(r"<(/?)table\b[^>]*>", body, re.I):
        out.append(body[pos:m.start()])
        if not m.group(1):
            if depth == 0:
                out.append('<div class="table-wrap" tabindex="0" role="region" aria-label="Table (scrolls sideways)">')
            depth += 1
            out.append(m.group(0))
        else:
            out.append(m.group(0))
            depth = max(0, depth - 1)
            if depth == 0:
                out.append("</div>")
        pos = m.end()
    out.append(body[pos:])
    return "".join(out)


def _student_notebook(nb):
    """A copy of an (executed) lesson with what students may see: no speaker-notes cells, no cells
    tagged instructor/remove, widget outputs with their static fallback."""
    from .. import export

    nb = copy.deepcopy(nb)
    keep = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        slide = cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "")
        if slide == "notes" or tags & {"instructor", "remove", "remove-cell"}:
            continue
        keep.append(cell)
    nb.cells = keep
    _key_writing_boxes(nb)
    return export.static_widgets(nb)


_WRITING_DIV = '<div class="crisis-writing"'
_WRITING_KEY = re.compile(r"^<writing '([^']+)'>$")


def _writing_prompts() -> dict:
    """Open-writing key -> its prompt as rendered in the static HTML (crisis_course.writing)."""
    try:
        from .. import writing
        from ..quiz.markup import render
    except ImportError:  # no open writing in this version of the course
        return {}
    return {key: render(prompt) for key, (_lesson, prompt) in writing.PROMPTS.items()}


def _key_writing_boxes(nb) -> None:
    """Mark each open-writing box's static HTML with ``data-open-answer="KEY"``, in place, so the
    page script can give it a text area saved in the browser. The key comes from the output's
    ``text/plain`` (``<writing 'KEY'>``) or, for several boxes in one output (lesson 8's
    ``show_mine``), from the prompt each box shows."""
    prompts = None
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            text = data.get("text/html")
            if isinstance(text, list):
                text = "".join(text)
            if not text or _WRITING_DIV not in text:
                continue
            plain = data.get("text/plain", "")
            plain = "".join(plain) if isinstance(plain, list) else plain
            single = _WRITING_KEY.match(plain.strip())
            parts = text.split(_WRITING_DIV)
            for i in range(1, len(parts)):
                key = single.group(1) if single and len(parts) == 2 else None
                if key is None:
                    prompts = prompts if prompts is not None else _writing_prompts()
                    key = next((k for k, rendered in prompts.items() if rendered in parts[i]), None)
                if key:
                    parts[i] = f' data-open-answer="{html.escape(key)}"' + parts[i]
            data["text/html"] = _WRITING_DIV.join(parts)


_EXPORTER = {}


def render_notebook(nb, fold_code: bool = True) -> str:
    """The cells of ``nb`` as HTML (no page around them)."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    key = "fold"  # one exporter per process (its Jinja environment is the slow part)
    if key not in _EXPORTER:
        c = Config()
        c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES)]
        c.HTMLExporter.template_name = "crisis_site"
        c.HTMLExporter.embed_images = True
        c.HTMLExporter.exclude_input_prompt = True
        c.HTMLExporter.exclude_output_prompt = True
        c.HTMLExporter.anchor_link_text = "#"
        _EXPORTER[key] = HTMLExporter(config=c)
    body, _ = _EXPORTER[key].from_notebook_node(nb, resources={"metadata": {"name": "page"},
                                                              "site_fold_code": fold_code})
    return _wrap_tables(body)


def pygments_css() -> str:
    from pygments.formatters import HtmlFormatter

    light = HtmlFormatter(style="bw").get_style_defs(".highlight")
    return light


class _TextIndexer(HTMLParser):
    """Collect a page's text by section (h1-h3 with an id), for the search index."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = [["", "", []]]  # [anchor, heading, [text]]
        self.skip = 0
        self.heading = None
        self.heading_id = ""
        self.heading_text = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("h1", "h2", "h3"):
            self.heading = tag
            self.heading_id = dict(attrs).get("id", "") or ""
            self.heading_text = []

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == self.heading:
            text = " ".join("".join(self.heading_text).split()).rstrip("#").strip()
            self.sections.append([self.heading_id, text, []])
            self.heading = None

    def handle_data(self, data):
        if self.skip:
            return
        if self.heading:
            self.heading_text.append(data)
        else:
            self.sections[-1][2].append(data)


def index_entries(page_title: str, url: str, body: str) -> list[dict]:
    parser = _TextIndexer()
    parser.feed(body)
    out = []
    for anchor, heading, texts in parser.sections:
        text = " ".join(" ".join(texts).split())
        if not text and not heading:
            continue
        out.append({"page": page_title, "section": heading or page_title,
                    "url": url + (f"#{anchor}" if anchor else ""), "text": text[:6000]})
    return out


def remote_refs(text: str) -> list[str]:
    """Addresses of assets a page would fetch from the network (script/img/link/... src or href,
    CSS url() and @import); links that a reader follows (<a href>) are not assets."""
    refs = re.findall(r"""<(?:script|link|img|source|iframe|audio|video|embed|track|object)\b[^>]*?\s(?:src|href|data|srcset)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""",
                      text, re.I)
    refs += re.findall(r"""(?:url\(\s*["']?|@import\s+["'])\s*((?:https?:)?//[^"')\s]+)""", text, re.I)
    return refs


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


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")


class _Pages:
    def __init__(self, out: Path, settings: SiteSettings, built: str):
        import jinja2

        self.out, self.settings, self.built = out, settings, built
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False,
                                      keep_trailing_newline=True)
        self.page = self.env.get_template("page.html.j2")
        self.index: list[dict] = []
        self.written: list[Path] = []
        self.css = pygments_css()
        self.questions = all_questions()
        self.notebook_pages: dict[str, str] = {}   # notebook file name -> its page on the site

    def write(self, name: str, title: str, body: str, pager=None, extra_scripts=(), index=True,
              with_questions=True) -> Path:
        body = _site_links(body, self.notebook_pages)
        ids = [i for i in _QUIZ_ID.findall(body) if i in self.questions]
        qs = {i: self.questions[i] for i in dict.fromkeys(ids)} if with_questions else {}
        text = self.page.render(
            title=html.escape(title), site_title=html.escape(self.settings.short_title), root="", body=body,
            pager=pager, built=self.built, questions_json=_script_json(qs) if qs else "",
            pygments_css=self.css if "highlight" in body else "", extra_scripts=list(extra_scripts))
        path = self.out / name
        path.write_text(text, encoding="utf-8")
        self.written.append(path)
        if index:
            self.index.extend(index_entries(title, name, body))
        return path


_NB_LINK = re.compile(r'<a\b([^>]*?)\shref="(?![a-z]+:|#|downloads/)([^"#]*?([^"/#]+\.ipynb))(#[^"]*)?"([^>]*)>(.*?)</a>',
                      re.S | re.I)


def _site_links(body: str, pages: dict) -> str:
    """Links between notebooks (``../exercises/03_nato_exercise.ipynb``, ``04_buildup_and_call.ipynb``)
    point to their pages on the site; a link to a notebook the site does not have (a worked
    solution) keeps its text and loses the link."""
    def fix(m):
        target = None if "solutions/" in m.group(2) else pages.get(m.group(3))
        if target is None:
            return f"<span>{m.group(6)}</span>"
        return f'<a{m.group(1)} href="{target}{m.group(4) or ""}"{m.group(5)}>{m.group(6)}</a>'
    return _NB_LINK.sub(fix, body)


def _exercise_notebook_copy(src: Path, dest: Path) -> None:
    """Copy an exercise notebook for download, without outputs (as committed)."""
    import nbformat

    nb = nbformat.read(str(src), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, str(dest))


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


def _exercise_title(name: str) -> str:
    stem = Path(name).stem
    m = re.match(r"(\d\d)_(.*?)(?:_exercise)?$", stem)
    if not m:
        return stem
    return f"Lesson {int(m.group(1))} exercise: {m.group(2).replace('_', ' ')}"


def _write_exercises(pages: _Pages, exercise_pages, exercises_dir: Path, out: Path) -> None:
    import nbformat

    items = []
    for n, ex, page_name in exercise_pages:
        src = exercises_dir / ex
        _exercise_notebook_copy(src, out / "downloads" / ex)
        nb = nbformat.read(str(src), as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        title = _exercise_title(ex)
        intro = (f'<p class="note">This is the exercise notebook as a page to read. To do it, download '
                 f'<a href="downloads/{html.escape(ex)}" download>{html.escape(ex)}</a> and open it in JupyterLab '
                 f'with the course installed (see <a href="index.html#launch">Open the course</a>): its checks run '
                 f'Python and give feedback as you go.</p>')
        body = intro + render_notebook(nb, fold_code=False)
        pages.write(page_name, title, body)
        items.append(f'<li><a href="{page_name}">{html.escape(title)}</a> · '
                     f'<a href="downloads/{html.escape(ex)}" download>download the notebook</a></li>')
    body = ('<h1 id="exercises">Exercises</h1><p>One or more exercises per lesson. Each page shows the exercise; '
            'download its notebook to work on it in JupyterLab (the checks run there). Worked solutions are for '
            'instructors and are not on this site.</p><ul>' + "".join(items) + "</ul>")
    pages.write("exercises.html", "Exercises", body)


def _write_glossary(pages: _Pages) -> None:
    from .. import glossary
    from ..quiz.markup import render

    df = glossary.load()
    rows = []
    for _, r in df.iterrows():
        anchor = "term-" + _slug(r["term"].lower())
        lessons = ", ".join(f'<a href="lesson-{int(n):02d}.html">{int(n)}</a>' for n in r["lessons"])
        extra = []
        if lessons:
            extra.append(f"Lessons: {lessons}")
        if r["see_also"]:
            extra.append("See also: " + ", ".join(
                f'<a href="#term-{_slug(s.lower())}">{html.escape(s)}</a>' for s in r["see_also"]))
        if r["source"]:
            extra.append(f"Source: {html.escape(r['source'])}")
        rows.append(f'<dt id="{anchor}">{html.escape(r["term"])}</dt><dd>{render(r["definition"])}'
                    f'<p class="muted">{" · ".join(extra)}</p></dd>')
    body = ('<h1 id="glossary">Glossary</h1><p>Every term the lessons use, with where its definition comes from.</p>'
            f'<dl class="glossary">{"".join(rows)}</dl>')
    pages.write("glossary.html", "Glossary", body)


def _write_timeline(pages: _Pages) -> None:
    from .. import timeline

    df = timeline.load()
    rows = []
    for _, ev in df.iterrows():
        flag = ' <span class="hindsight">(hindsight: after 7 December 2021)</span>' if ev["after_cutoff"] else ""
        cat = timeline.CATEGORIES.get(ev["category"], ("Other",))[0]
        lessons = ", ".join(f'<a href="lesson-{int(n):02d}.html">{int(n)}</a>' for n in ev["lessons"])
        rows.append(f"<tr><td>{html.escape(timeline._format_date(ev['date']))}</td><td>{html.escape(ev['event'])}{flag}</td>"
                    f"<td>{html.escape(cat)}</td><td>{lessons}</td><td>{html.escape(ev['source'])}</td></tr>")
    table = ('<table class="timeline"><caption>The course timeline, earliest first (sources in the last column)</caption>'
             '<thead><tr><th scope="col">Date</th><th scope="col">Event</th><th scope="col">Category</th>'
             '<th scope="col">Lessons</th><th scope="col">Source</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
    body = ('<h1 id="timeline">Timeline</h1><p>Every dated event the course uses. Lessons 0-7 speak from the '
            "article's date, 7 December 2021: events after it are marked as hindsight.</p>" + _wrap_tables(table))
    pages.write("timeline.html", "Timeline", body)


def _write_download_zip(out: Path, lessons_dir: Path, lesson_paths, exercises_dir: Path, exercises) -> None:
    """``downloads/course-notebooks.zip``: the student notebooks (lessons and exercises, no solutions)."""
    with zipfile.ZipFile(out / "downloads" / "course-notebooks.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for p in lesson_paths:
            z.write(p, f"lessons/{p.name}")
        for ex in exercises:
            z.write(exercises_dir / ex, f"exercises/{ex}")


def _write_index(pages: _Pages, rows, lesson_links, exercise_pages, settings: SiteSettings, lessons_dir: Path):
    links = launch_links(settings, rows[0][2].name if rows else "00_orientation.ipynb")
    outline = []
    banks = []
    for (n, title, path, bank, minutes, _ex), (_, _, url) in zip(rows, lesson_links):
        exs = " ".join(f'<a href="{p}">exercise{"" if len([e for e in exercise_pages if e[0] == n]) == 1 else " " + str(k + 1)}</a>'
                       for k, (_, _, p) in enumerate([e for e in exercise_pages if e[0] == n]))
        outline.append(f'<tr><td>{n}</td><td><a href="{url}">{html.escape(title)}</a></td>'
                       f'<td>{f"{minutes} min" if minutes else ""}</td><td>{exs or "—"}</td></tr>')
        ids = [i for i in _QUIZ_ID.findall((pages.out / url).read_text(encoding="utf-8")) if i in pages.questions]
        if ids:
            banks.append({"bank": bank or "", "title": f"Lesson {n}: {title}", "url": url, "ids": list(dict.fromkeys(ids))})
    launch = ['<h2 id="launch">Open the course to run it</h2>',
              "<p>This website is for reading and practising: figures, tables and quizzes work here with nothing "
              "installed. To run the code, change the models and do the exercises with their checks, open the "
              "notebooks in JupyterLab:</p><ul>"]
    if links:
        launch.append(f'<li><strong>Binder</strong> (free, in the browser, no account; takes a few minutes to start): '
                      f'<a href="{html.escape(links["binder"])}">launch on Binder</a>.</li>')
        if links["hub"]:
            launch.append(f'<li><strong>Your school\'s JupyterHub</strong> (copies the notebooks into your home folder with '
                          f'nbgitpuller): <a href="{html.escape(links["hub"])}">open on the hub</a>.</li>')
        else:
            launch.append('<li><strong>Your school\'s JupyterHub</strong> (nbgitpuller copies the notebooks into your home '
                          'folder): <form id="hub-form" data-path="' + html.escape(links["hub_path"]) + '">'
                          '<label for="hub-url">Your hub\'s address</label> <input type="text" id="hub-url" '
                          'inputmode="url" placeholder="https://hub.example.edu"> <button type="submit">Make the link</button>'
                          '</form><p id="hub-link" role="status"></p>'
                          f'<p class="muted">Without script: append <code>{html.escape(links["hub_path"])}</code> to the hub\'s address.</p></li>')
        if links["download"]:
            launch.append(f'<li><strong>Download the whole course</strong> (with the Python package, for your own computer): '
                          f'<a href="{html.escape(links["download"])}">zip of the repository</a>, then run '
                          '<code>./scripts/open-course</code> in it.</li>')
        launch.append(f'<li>The course\'s repository: <a href="{html.escape(links["repository"])}">'
                      f'{html.escape(links["repository"])}</a>.</li>')
    else:
        launch.append("<li>This copy of the site was built without the course's repository address, so it has no "
                      "Binder or JupyterHub links (the person who built it can set <code>site.repository</code> in "
                      "<code>course.yaml</code> or pass <code>--repository</code>).</li>")
    launch.append('<li><strong>Just the notebooks</strong>: <a href="downloads/course-notebooks.zip" download>'
                  'course-notebooks.zip</a> (lessons and exercises; they need the course\'s Python package to run).</li></ul>')
    body = f"""<h1 id="top">{html.escape(settings.title)}</h1>
<p>An open course built around one news article: the report, dated 7 December 2021, on the video call between
Presidents Joe Biden and Vladimir Putin. It teaches the context the article assumes (Ukraine and Russia, NATO,
sanctions, Europe's gas) so that you can re-read it at the end, understand every sentence, judge its claims and
see what it could and could not know on that day.</p>
<p class="note">Quizzes and checkpoints check your answers in this page and keep them in this browser only
(nothing is sent anywhere). They are for practice: the answers are part of the page, so they are not a test.</p>
<h2 id="lessons">Lessons</h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="Course outline"><table class="outline">
<caption>The course outline, with the time each lesson takes</caption>
<thead><tr><th scope="col">#</th><th scope="col">Lesson</th><th scope="col">Time</th><th scope="col">Exercises</th></tr></thead>
<tbody>{"".join(outline)}</tbody></table></div>
<p>Also: the <a href="glossary.html">glossary</a>, the sourced <a href="timeline.html">timeline</a>,
the <a href="exercises.html">exercises</a>, and <a href="search.html">search</a>.</p>
{"".join(launch)}
<h2 id="progress">Your saved answers</h2>
<p>Your quiz answers, checkpoints and written answers are saved in this browser on this device.</p>
<div id="progress-panel" hidden data-banks="{html.escape(json.dumps(banks))}">
<ul id="progress-list"></ul>
<p><button type="button" id="progress-export">Export my answers (JSON file)</button>
<button type="button" id="progress-reset" class="secondary">Reset: forget my answers</button></p>
<p id="progress-status" role="status"></p>
</div>
<noscript><p>With JavaScript off, the quizzes show their answers behind “Show answer” and nothing is saved.</p></noscript>
"""
    pages.write("index.html", "Home", body, with_questions=False)


def _write_search(pages: _Pages) -> None:
    index = pages.index
    (pages.out / "assets" / "search-index.js").write_text(
        "window.CRISIS_SEARCH_INDEX = " + json.dumps(index, ensure_ascii=False) + ";\n", encoding="utf-8")
    body = ('<h1 id="search">Search the course</h1>'
            '<p><label for="search-page-input">Words to find</label> '
            '<input type="search" id="search-page-input" autocomplete="off"></p>'
            '<p id="search-status" role="status" aria-live="polite"></p><ol id="search-results"></ol>'
            '<noscript><p>Search needs JavaScript.</p></noscript>')
    pages.write("search.html", "Search", body, extra_scripts=["assets/search-index.js"], index=False)
