"""Export the course for instructors: reveal.js slides, handouts (HTML/PDF) and the answer key.

Subcommands (registered on the ``crisis-course`` command line by :func:`register`):

``crisis-course slides [LESSON ...] [--offline] [--output DIR]``
    Execute lessons and write reveal.js decks (``NN_slug.slides.html``) plus an ``index.html``.
    Quizzes show as their static HTML (question, options, click-to-reveal answer) because the
    executed notebooks carry no widget state (see :func:`execute_notebook`). With ``--offline`` reveal.js
    (with its notes plugin and the local Source Sans Pro font of the ``white`` theme),
    require.js and jQuery are copied into ``DIR/_assets/`` and referenced by relative paths, so
    the folder opens from disk with no network. The assets come from the npm registry, fetched
    once with ``npm`` into a cache (see :func:`asset_cache_dir`).
``crisis-course handouts [LESSON ...]``
    A standalone HTML file per lesson (images embedded, no scripts from the network, speaker
    notes left out) and a PDF of it when Chromium is installed (``/usr/bin/chromium``).
``crisis-course answer-key``
    One HTML and one Markdown document with every quiz question, its answer, explanation and
    source, plus the key results of the exercise solutions.
``crisis-course assets``
    Fetch (or show) the offline slide assets, e.g. on a connected machine before class.

The Python functions behind them (:func:`execute_notebook`, :func:`export_slides`,
:func:`export_handout`, :func:`build_answer_key`, ...) are used by the tests and the benchmark.
"""
from __future__ import annotations

import argparse
import copy
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "ExportError",
    "AssetError",
    "TEMPLATES_DIR",
    "ASSET_PACKAGES",
    "find_lessons_dir",
    "list_lessons",
    "resolve_lessons",
    "execute_notebook",
    "asset_cache_dir",
    "ensure_assets",
    "copy_assets",
    "export_slides",
    "export_handout",
    "write_slides",
    "write_handouts",
    "html_to_pdf",
    "find_chromium",
    "remote_asset_refs",
    "build_answer_key",
    "write_answer_key",
    "split_quizzes",
    "register",
]

#: nbconvert templates that ship with the package (crisis_reveal, crisis_handout).
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

#: npm packages (exact versions) whose files make an offline deck. reveal.js 4.0.2 is the version
#: nbconvert 7's reveal template is written for; jQuery 2 is what that template expects.
ASSET_PACKAGES = {"reveal.js": "4.0.2", "requirejs": "2.3.8", "jquery": "2.2.4"}

#: Files (relative to the npm ``node_modules`` folder) that an offline deck needs.
_ASSET_FILES = [
    "reveal.js/dist/reveal.js",
    "reveal.js/dist/reveal.css",
    "reveal.js/plugin/notes/notes.js",
    "reveal.js/LICENSE",
    "requirejs/require.js",
    "requirejs/package.json",
    "jquery/dist/jquery.min.js",
    "jquery/LICENSE.txt",
]

#: reveal.js themes that load no web fonts (the others import fonts from fonts.googleapis.com).
OFFLINE_THEMES = {"white": "source-sans-pro", "black": "source-sans-pro", "serif": None}

LESSON_PATTERN = re.compile(r"^(\d\d)_[A-Za-z0-9_\-]+\.ipynb$")


class ExportError(RuntimeError):
    """An export step failed; the message says which lesson and why."""


class AssetError(ExportError):
    """The offline slide assets are missing and could not be fetched."""


# --------------------------------------------------------------------------------------------
# Finding lessons
# --------------------------------------------------------------------------------------------

def find_lessons_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The lessons folder: ``explicit`` if given, else ``./lessons``, else a ``lessons/`` folder in
    a parent of the current directory (so the tool also works from ``docs/`` or ``build/``)."""
    if explicit is not None:
        path = Path(explicit).expanduser()
        if not path.is_dir():
            raise ExportError(f"Lessons folder {str(path)!r} does not exist.")
        return path.resolve()
    here = Path.cwd()
    for folder in [here, *here.parents]:
        candidate = folder / "lessons"
        if candidate.is_dir():
            return candidate
    raise ExportError("No 'lessons' folder found here or in a parent folder; run the command from "
                      "the course folder or pass --lessons-dir.")


def list_lessons(lessons_dir: str | os.PathLike) -> list[Path]:
    """All lesson notebooks (``NN_slug.ipynb``) in ``lessons_dir``, in lesson order."""
    folder = Path(lessons_dir)
    return sorted(p for p in folder.iterdir() if p.is_file() and LESSON_PATTERN.match(p.name))


def resolve_lessons(specs: list[str] | None, lessons_dir: str | os.PathLike) -> list[Path]:
    """Turn LESSON arguments into notebook paths.

    Each spec may be a number (``3``, ``03``), a name with or without ``.ipynb``
    (``03_nato``) or a path to a notebook. No specs means every lesson.
    """
    lessons = list_lessons(lessons_dir)
    if not specs:
        if not lessons:
            raise ExportError(f"No lesson notebooks (NN_name.ipynb) in {lessons_dir}.")
        return lessons
    chosen: list[Path] = []
    for spec in specs:
        spec = str(spec)
        path = Path(spec).expanduser()
        if spec.endswith(".ipynb") and path.is_file():
            same = [p for p in lessons if p.resolve() == path.resolve()]
            match = same or [path.resolve()]
        elif spec.isdigit():
            match = [p for p in lessons if int(p.name[:2]) == int(spec)]
        else:
            stem = spec[:-6] if spec.endswith(".ipynb") else spec
            match = [p for p in lessons if p.stem == stem or p.stem == Path(stem).name]
        if not match:
            names = ", ".join(p.stem for p in lessons) or "none"
            raise ExportError(f"No lesson matches {spec!r} (lessons in {lessons_dir}: {names}).")
        for p in match:
            if p not in chosen:
                chosen.append(p)
    return chosen


# --------------------------------------------------------------------------------------------
# Executing
# --------------------------------------------------------------------------------------------

def read_notebook(path: str | os.PathLike):
    import nbformat

    return nbformat.read(str(path), as_version=4)


_EXECUTOR = None


def _executor_class():
    """nbconvert's ExecutePreprocessor, adjusted for exporting the course (built on first use).

    nbclient mimics a front end for ``ipywidgets.Output``: it captures what is displayed inside
    ``with out:`` and *sends it back to the kernel* as widget state. With a figure inside (as in
    an early lesson 6 year explorer; lesson 3's map explorer still uses an Output) that round trip
    can stall until the cell timeout (nbclient 0.11, ipykernel 7), and with
    ``store_widget_state=False`` it raises ``KeyError`` or stalls. Exports never use
    widget state, so the Output mimic here keeps the captured outputs locally and sends nothing.
    """
    global _EXECUTOR
    if _EXECUTOR is None:
        from nbclient.output_widget import OutputWidget
        from nbconvert.preprocessors import ExecutePreprocessor

        class _LocalOutputWidget(OutputWidget):
            def sync_state(self) -> None:  # do not echo captured outputs back to the kernel
                pass

        class CourseExecutePreprocessor(ExecutePreprocessor):
            def on_comm_open_jupyter_widget(self, msg):
                state = msg["content"]["data"]["state"]
                if (state.get("_model_module"), state.get("_model_name")) == ("@jupyter-widgets/output",
                                                                              "OutputModel"):
                    return _LocalOutputWidget(msg["content"]["comm_id"], state, self.kc, self)
                return super().on_comm_open_jupyter_widget(msg)

        _EXECUTOR = CourseExecutePreprocessor
    return _EXECUTOR


def execute_notebook(path: str | os.PathLike, timeout: int = 300, nb=None):
    """Execute a notebook in its own folder and return the executed copy (the file is untouched).

    The copy carries no widget state (``metadata.widgets`` is removed), so nbconvert renders
    each widget output's static fallback instead of a widget that needs a kernel and a CDN: a
    quiz shows its ``text/html`` copy. (Executing with ``store_widget_state=False`` would do the
    same, but nbclient 0.11 then fails with a ``KeyError`` in any cell whose ``ipywidgets.Output``
    captures output, so the state is stored and dropped afterwards; see :func:`_executor_class`.)
    Raises :class:`ExportError` naming the notebook and the failing cell.
    """
    from nbconvert.preprocessors import CellExecutionError

    path = Path(path)
    if nb is None:
        nb = read_notebook(path)
    else:
        nb = copy.deepcopy(nb)
    kernel = nb.metadata.get("kernelspec", {}).get("name", "python3")
    ep = _executor_class()(timeout=timeout, kernel_name=kernel, store_widget_state=True)
    if kernel == "python3":
        # ipykernel 7 warns on every start that its TCP transport is unencrypted (the kernel only
        # listens on localhost); keep the progress output readable.
        ep.extra_arguments = ["--IPKernelApp.log_level=ERROR"]
    try:
        ep.preprocess(nb, {"metadata": {"path": str(path.parent.resolve())}})
    except CellExecutionError as exc:
        detail = re.sub(r"\x1b\[[0-9;]*m", "", str(exc))  # no terminal colour codes in reports
        raise ExportError(f"{path.name}: a cell failed while executing:\n{detail}") from None
    except Exception as exc:  # kernel died, no such kernel, timeout ...
        raise ExportError(f"{path.name}: execution failed: {type(exc).__name__}: {exc}") from None
    nb.metadata.pop("widgets", None)
    return nb


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_STATIC_MIMES = ("text/html", "image/png", "image/svg+xml", "image/jpeg", "text/markdown")
WIDGET_NOTE = ('<p class="crisis-widget-note" style="font-style:italic;color:#404040">'
               "Interactive control: open the notebook in JupyterLab and run it to use it.</p>")


def static_widgets(nb):
    """Give every widget output without a static fallback a short note instead of its
    ``text/plain`` repr (``VBox(children=...)``), in place; returns ``nb``."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data") if out.get("output_type") in ("execute_result", "display_data") else None
            if data and WIDGET_VIEW in data and not any(m in data for m in _STATIC_MIMES):
                data["text/html"] = WIDGET_NOTE
                data["text/plain"] = "Interactive control: open the notebook in JupyterLab and run it to use it."
    return nb


# --------------------------------------------------------------------------------------------
# Offline assets
# --------------------------------------------------------------------------------------------

def asset_cache_dir() -> Path:
    """Where the npm assets are cached: ``$CRISIS_COURSE_ASSET_DIR`` or
    ``$XDG_CACHE_HOME/crisis-course/assets`` (default ``~/.cache/crisis-course/assets``)."""
    env = os.environ.get("CRISIS_COURSE_ASSET_DIR")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crisis-course" / "assets"


def _node_modules(cache: Path) -> Path:
    return cache / "node_modules"


def assets_missing(cache: str | os.PathLike | None = None) -> list[str]:
    """The asset files (and wrong versions) missing from the cache; empty when complete."""
    cache = Path(cache) if cache else asset_cache_dir()
    nm = _node_modules(cache)
    missing = [f for f in _ASSET_FILES if not (nm / f).is_file()]
    for pkg, version in ASSET_PACKAGES.items():
        meta = nm / pkg / "package.json"
        if meta.is_file():
            try:
                found = json.loads(meta.read_text(encoding="utf-8")).get("version")
            except ValueError:
                found = None
            if found != version:
                missing.append(f"{pkg}@{version} (cache has {found})")
    return missing


def fetch_assets(cache: str | os.PathLike | None = None, npm: str | None = None,
                 log=print) -> Path:
    """Install the asset packages from the npm registry into ``cache`` with ``npm install``.

    Uses the ordinary npm client (honouring the user's ``.npmrc``, proxy and registry settings),
    ``--ignore-scripts`` so nothing runs, and exact versions from :data:`ASSET_PACKAGES`.
    Raises :class:`AssetError` with advice when npm or the registry is unavailable.
    """
    cache = Path(cache) if cache else asset_cache_dir()
    npm = npm or shutil.which("npm")
    if not npm:
        raise AssetError(
            "Offline slides need reveal.js, require.js and jQuery from the npm registry, but 'npm' "
            "was not found. Install Node.js/npm (Debian/Ubuntu: apt-get install npm) and run again, "
            f"or copy an asset cache made on another machine ('crisis-course assets') into {cache} "
            "(or point CRISIS_COURSE_ASSET_DIR at it).")
    cache.mkdir(parents=True, exist_ok=True)
    specs = [f"{name}@{version}" for name, version in ASSET_PACKAGES.items()]
    cmd = [npm, "install", "--prefix", str(cache), "--no-audit", "--no-fund", "--no-save",
           "--no-package-lock", "--ignore-scripts", "--loglevel=error", *specs]
    log(f"Fetching offline slide assets from the npm registry into {cache} ({', '.join(specs)}) ...")
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AssetError(f"Could not run npm to fetch the slide assets: {exc}") from None
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-6:]
        raise AssetError(
            "npm could not fetch the slide assets (is the npm registry reachable? check proxy "
            "settings with 'npm config get registry'):\n  " + "\n  ".join(detail))
    missing = assets_missing(cache)
    if missing:
        raise AssetError(f"npm finished but the asset cache {cache} lacks: {', '.join(missing)}")
    (cache / "ASSETS.json").write_text(json.dumps(
        {"packages": ASSET_PACKAGES, "fetched": time.strftime("%Y-%m-%d %H:%M:%S")}, indent=2) + "\n",
        encoding="utf-8")
    return cache


def ensure_assets(cache: str | os.PathLike | None = None, fetch: bool = True, log=print) -> Path:
    """Return the asset cache folder, fetching the packages with npm first if they are missing."""
    cache = Path(cache) if cache else asset_cache_dir()
    missing = assets_missing(cache)
    if missing:
        if not fetch:
            raise AssetError(f"The offline slide assets are not in {cache} (missing: "
                             f"{', '.join(missing[:3])}...). Run 'crisis-course assets' to fetch them.")
        fetch_assets(cache, log=log)
    return cache


def copy_assets(cache: str | os.PathLike, output_dir: str | os.PathLike, theme: str = "white") -> dict:
    """Copy what a deck loads from the asset cache into ``output_dir/_assets``.

    Returns the exporter settings (relative URLs) that point the decks at those copies.
    """
    if theme not in OFFLINE_THEMES:
        raise ExportError(f"Theme {theme!r} loads web fonts; offline decks support: "
                          f"{', '.join(OFFLINE_THEMES)}.")
    nm = _node_modules(Path(cache))
    dest = Path(output_dir) / "_assets"
    files = list(_ASSET_FILES) + [f"reveal.js/dist/theme/{theme}.css"]
    font = OFFLINE_THEMES[theme]
    if font:
        files += [str(p.relative_to(nm)) for p in sorted((nm / "reveal.js/dist/theme/fonts" / font).iterdir())
                  if p.suffix in {".css", ".woff", ".ttf", ".eot"} or p.name == "LICENSE"]
    for rel in files:
        src, dst = nm / rel, dest / rel
        if not src.is_file():
            raise AssetError(f"Asset file {rel} is missing from the cache {cache}; "
                             "delete the cache folder and run 'crisis-course assets'.")
        dst.parent.mkdir(parents=True, exist_ok=True)
        if not dst.exists() or dst.stat().st_size != src.stat().st_size:
            shutil.copyfile(src, dst)
    lines = ["Assets for the offline slide decks in the folder above, copied from npm packages:", ""]
    lines += [f"- {name} {version} (MIT licence; see its LICENSE / package.json here)"
              for name, version in ASSET_PACKAGES.items()]
    lines += ["", "Fonts: Source Sans Pro (SIL Open Font License), shipped with reveal.js."]
    (dest / "README.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {
        "reveal_url_prefix": "_assets/reveal.js",
        "require_js_url": "_assets/requirejs/require.js",
        "jquery_url": "_assets/jquery/dist/jquery.min.js",
    }


# --------------------------------------------------------------------------------------------
# Exporting
# --------------------------------------------------------------------------------------------

def _slide_type(cell) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-") or "-"


def _lesson_title(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def _quiz_html(cell) -> tuple[int, str] | None:
    """(output index, HTML) of a code cell's static quiz output, or None."""
    for i, out in enumerate(cell.get("outputs", [])):
        data = out.get("data", {}) if out.get("output_type") in ("execute_result", "display_data") else {}
        text = data.get("text/html")
        if text is not None:
            text = "".join(text) if isinstance(text, list) else text
            if 'class="crisis-quiz"' in text:
                return i, text
    return None


def _no_nested_sections(text: str) -> str:
    """HTML with every ``<section>`` element renamed to ``<div>`` (attributes kept).

    reveal.js 4 treats *any* ``section`` inside a slide as a vertical sub-slide, hidden as a
    "future" slide, which breaks navigation. The course's own quizzes emit no ``<section>``; this
    guards against one in other HTML outputs or in a lesson's Markdown.
    """
    if "<section" not in text:
        return text
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all("section"):
        tag.name = "div"
        if "aria-label" in tag.attrs and "role" not in tag.attrs:
            tag["role"] = "region"
    return str(soup)


def spread_notes(nb):
    """Show each section's speaker notes on every slide of the section, in place; returns ``nb``.

    nbconvert attaches a ``notes`` cell to the (sub)slide it sits in, and lessons put one notes
    cell per ``##`` section, usually at its end: the speaker view would show nothing on the
    section's first screens. Here the notes cells of a section (from one ``slide`` cell to the
    next) are moved to follow every ``slide``/``subslide`` start of that section, so the speaker
    view always shows what the instructor says about the section in view.
    """
    def stype(cell):
        return _slide_type(cell)

    sections, current = [], []
    for cell in nb.cells:
        if stype(cell) == "slide" and current:
            sections.append(current)
            current = []
        current.append(cell)
    if current:
        sections.append(current)
    cells = []
    for section in sections:
        notes = [c for c in section if stype(c) == "notes"]
        starts = [c for c in section if stype(c) in ("slide", "subslide")]
        if not notes or len(starts) < 2:
            cells.extend(section)  # one screen (or no notes): nothing to spread
            continue
        for cell in section:
            if stype(cell) == "notes":
                continue
            cells.append(cell)
            if stype(cell) in ("slide", "subslide"):
                for k, note in enumerate(notes):
                    twin = copy.deepcopy(note)
                    twin["id"] = f"{str(cell.get('id', 'c'))[:40]}-notes{k}"
                    cells.append(twin)
    nb.cells = cells
    return nb


def slide_ready(nb, quiz_per_slide: bool = True):
    """A copy of an executed notebook prepared for reveal.js: no ``<section>`` elements inside
    outputs (see :func:`_no_nested_sections`) and, with ``quiz_per_slide``, one quiz question
    per slide (see :func:`split_quizzes`)."""
    if quiz_per_slide:
        nb = split_quizzes(nb)
    else:
        nb = copy.deepcopy(nb)
    static_widgets(nb)
    spread_notes(nb)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data") if out.get("output_type") in ("execute_result", "display_data") else None
            if data and "text/html" in data:
                text = data["text/html"]
                text = "".join(text) if isinstance(text, list) else text
                data["text/html"] = _no_nested_sections(text)
        if cell.cell_type == "markdown" and "<section" in cell.source:
            cell.source = _no_nested_sections(cell.source)
    return nb


def split_quizzes(nb):
    """A copy of ``nb`` whose quiz outputs are split into one question per (vertical) slide.

    A quiz cell's static HTML (``<section class="crisis-quiz">`` holding ``div.quiz-question``
    elements, from :mod:`crisis_course.quiz.static`) becomes one cell per question: the first
    keeps the cell's place and slide type, each further question is a ``subslide`` that repeats
    the quiz title. The instructor shows a question, lets the class answer, then clicks
    "Show answer". Cells without quiz output are untouched.
    """
    from bs4 import BeautifulSoup
    from nbformat.v4 import new_output

    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        found = _quiz_html(cell) if cell.cell_type == "code" else None
        if not found:
            cells.append(cell)
            continue
        index, text = found
        soup = BeautifulSoup(text, "html.parser")
        quiz = soup.find(class_="crisis-quiz")
        questions = quiz.find_all("div", class_="quiz-question", recursive=False) if quiz else []
        if len(questions) < 2:
            cells.append(cell)
            continue
        for q in questions:
            q.extract()
        for n, q in enumerate(questions):
            piece = copy.deepcopy(cell)
            shell = copy.copy(quiz)  # bs4 copies are deep: the section with its title and note
            if n:  # later questions repeat only the quiz title, not the introductory note
                for extra in shell.find_all("p", recursive=False):
                    if "quiz-title" not in (extra.get("class") or []):
                        extra.decompose()
            shell.append(q)
            out = piece.outputs[index]
            extra = {"execution_count": out.get("execution_count")} if out["output_type"] == "execute_result" else {}
            piece.outputs = [new_output(out["output_type"],
                                        data={"text/html": str(shell), "text/plain": q.get_text(" ", strip=True)},
                                        **extra)]
            if n:
                piece.source = ""
                piece.metadata.setdefault("slideshow", {})["slide_type"] = "subslide"
                piece["id"] = f"{str(cell.get('id', 'quiz'))[:50]}-q{n + 1}"
            cells.append(piece)
    nb.cells = cells
    return nb


def export_slides(nb, name: str, offline_urls: dict | None = None, show_code: bool = False,
                  theme: str = "white", mathjax: bool = False, quiz_per_slide: bool = True) -> str:
    """The reveal.js HTML of an (executed) notebook, using the course template.

    ``offline_urls`` (from :func:`copy_assets`) makes every asset URL relative; without it the
    deck loads reveal.js, require.js and jQuery from their CDNs like nbconvert's own deck.
    """
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    c = Config()
    c.SlidesExporter.extra_template_basedirs = [str(TEMPLATES_DIR)]
    c.SlidesExporter.template_name = "crisis_reveal"
    c.SlidesExporter.reveal_theme = theme
    c.SlidesExporter.reveal_scroll = True
    c.SlidesExporter.reveal_number = "c/t"
    c.SlidesExporter.exclude_input = not show_code
    c.SlidesExporter.exclude_input_prompt = True
    c.SlidesExporter.exclude_output_prompt = True
    if offline_urls:
        for key, value in offline_urls.items():
            setattr(c.SlidesExporter, key, value)
    exporter = SlidesExporter(config=c)
    nb = slide_ready(nb, quiz_per_slide=quiz_per_slide)
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": name}, "crisis": {"mathjax": mathjax}})
    return body


def _handout_notebook(nb):
    """A copy of ``nb`` without speaker notes (``notes`` cells) and without cells tagged
    ``instructor`` or ``remove``: what a student may take home."""
    nb = copy.deepcopy(nb)
    keep = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if _slide_type(cell) == "notes" or tags & {"instructor", "remove", "remove-cell"}:
            continue
        keep.append(cell)
    nb.cells = keep
    return static_widgets(nb)


def export_handout(nb, name: str, show_code: bool = False, banner: str | None = None) -> str:
    """A standalone HTML handout of an (executed) notebook: images embedded, nothing loaded from
    the network, speaker notes removed, code hidden unless ``show_code``."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    c = Config()
    c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES_DIR)]
    c.HTMLExporter.template_name = "crisis_handout"
    c.HTMLExporter.embed_images = True
    c.HTMLExporter.theme = "light"
    c.HTMLExporter.exclude_input = not show_code
    c.HTMLExporter.exclude_input_prompt = True
    c.HTMLExporter.exclude_output_prompt = True
    exporter = HTMLExporter(config=c)
    body, _ = exporter.from_notebook_node(
        _handout_notebook(nb), resources={"metadata": {"name": name}, "crisis": {"banner": banner or ""}})
    return body


_ASSET_ATTR = re.compile(
    r"""<(script|link|img|source|iframe|audio|video|embed)\b[^>]*?\s(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""",
    re.IGNORECASE)
_CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])\s*((?:https?:)?//[^"')\s]+)""", re.IGNORECASE)
_JS_IMPORT = re.compile(r"""\bimport\s*(?:\(|[^;'"]*?from\s*)\s*["']((?:https?:)?//[^"']+)""")
_REQUIRE_URL = re.compile(r"""["']((?:https?:)?//[^"']+\.(?:js|mjs|css))["']""")


def remote_asset_refs(text: str) -> list[str]:
    """URLs of network *assets* in an HTML page: ``src``/``href`` of script, link, img ...;
    CSS ``url()``/``@import``; JS ``import``; quoted ``.js``/``.css`` URLs (require.js paths).
    Ordinary ``<a href="https://...">`` links to sources are not assets and are not reported."""
    found = [m.group(2) for m in _ASSET_ATTR.finditer(text)]
    found += _CSS_URL.findall(text)
    found += _JS_IMPORT.findall(text)
    found += _REQUIRE_URL.findall(text)
    seen: list[str] = []
    for url in found:
        if url not in seen:
            seen.append(url)
    return seen


# --------------------------------------------------------------------------------------------
# Progress and driving several lessons
# --------------------------------------------------------------------------------------------

class Progress:
    """One line per lesson on stderr: ``[3/9] 03_nato ... executed 4.1 s, slides 0.6 s -> path``."""

    def __init__(self, total: int, stream=None, quiet: bool = False):
        self.total, self.done, self.quiet = total, 0, quiet
        self.stream = stream or sys.stderr
        self.start = time.perf_counter()

    def line(self, text: str) -> None:
        if not self.quiet:
            print(text, file=self.stream, flush=True)

    def lesson(self, name: str, text: str) -> None:
        self.done += 1
        self.line(f"[{self.done}/{self.total}] {name}: {text}")

    def elapsed(self) -> float:
        return time.perf_counter() - self.start


@dataclass
class RunResult:
    written: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _executed_lessons(paths: list[Path], timeout: int, jobs: int, progress: Progress):
    """Yield ``(path, executed_nb_or_None, seconds, error)`` in lesson order; with ``jobs > 1``
    several kernels run at once (each lesson still in its own kernel)."""
    def run(path):
        t0 = time.perf_counter()
        try:
            return path, execute_notebook(path, timeout=timeout), time.perf_counter() - t0, None
        except ExportError as exc:
            return path, None, time.perf_counter() - t0, str(exc)

    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield run(path)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(run, paths)


def _lessons_as_executed(paths: list[Path], executed: dict | None, timeout: int, jobs: int):
    """Yield ``(path, nb, seconds, error)`` for each lesson as soon as it is ready, in order:
    lessons in ``executed`` first-hand (0 s), the others executed now (see :func:`_executed_lessons`)."""
    executed = executed or {}
    todo = [p for p in paths if p not in executed]
    running = iter(_executed_lessons(todo, timeout, jobs, None)) if todo else iter(())
    for path in paths:
        if path in executed:
            yield path, executed[path], 0.0, None
        else:
            yield next(running)


def write_slides(paths: list[Path], output_dir: str | os.PathLike, offline: bool = False,
                 show_code: bool = False, theme: str = "white", timeout: int = 300, jobs: int = 1,
                 asset_cache: str | os.PathLike | None = None, progress: Progress | None = None,
                 executed: dict | None = None, quiz_per_slide: bool = True) -> RunResult:
    """Execute ``paths`` and write their decks and an ``index.html`` into ``output_dir``.

    ``executed`` (lesson path -> executed notebook) skips execution for lessons already run.
    """
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    progress = progress or Progress(len(paths))
    result = RunResult()
    urls = None
    if offline:
        cache = ensure_assets(asset_cache, log=progress.line)
        urls = copy_assets(cache, out, theme=theme)
    titles = {}
    for path, nb, secs, err in _lessons_as_executed(paths, executed, timeout, jobs):
        name = path.stem
        if err:
            result.failed.append(name)
            progress.lesson(name, f"FAILED: {err}")
            continue
        t0 = time.perf_counter()
        body = export_slides(nb, name, offline_urls=urls, show_code=show_code, theme=theme,
                             quiz_per_slide=quiz_per_slide)
        target = out / f"{name}.slides.html"
        target.write_text(body, encoding="utf-8")
        titles[target.name] = _lesson_title(nb, name)
        result.written.append(target)
        if offline:
            remote = remote_asset_refs(body)
            if remote:
                result.failed.append(name)
                progress.lesson(name, f"PROBLEM: the offline deck still loads {', '.join(remote[:3])}")
                continue
        what = f"executed {secs:.1f} s, " if secs else ""
        progress.lesson(name, f"{what}slides {time.perf_counter() - t0:.1f} s -> {target}")
    _write_index(out, titles, "Slides", offline)
    return result


def _write_index(out: Path, titles: dict, kind: str, offline: bool) -> None:
    """An index page linking every file written to ``out`` (merged with an existing index)."""
    index = out / "index.json"
    entries = {}
    if index.is_file():
        try:
            entries = json.loads(index.read_text(encoding="utf-8"))
        except ValueError:
            entries = {}
    entries.update(titles)
    entries = {k: v for k, v in entries.items() if (out / k).is_file()}
    index.write_text(json.dumps(entries, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    items = "\n".join(f'<li><a href="{html.escape(k)}">{html.escape(v)}</a></li>'
                      for k, v in sorted(entries.items()))
    help_text = ("Keys in a deck: arrows or space to move, <kbd>S</kbd> speaker view with notes, "
                 "<kbd>Esc</kbd> overview, <kbd>F</kbd> full screen." if kind == "Slides" else "")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Two Agendas: {kind}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;line-height:1.5}}</style>
</head><body><h1>Two Agendas: {kind.lower()}</h1>
<ul>
{items}
</ul>
<p>{help_text}</p>
</body></html>
"""
    (out / "index.html").write_text(page, encoding="utf-8")


def find_chromium() -> str | None:
    """Path of a Chromium binary for PDFs: ``$CRISIS_COURSE_CHROMIUM``, else Debian's
    ``/usr/bin/chromium``, else ``chromium``/``chromium-browser``/``google-chrome`` on PATH."""
    env = os.environ.get("CRISIS_COURSE_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class _Browser:
    """A lazily started headless Chromium (Playwright), reused for several PDFs."""

    def __init__(self, executable: str):
        self.executable = executable
        self._pw = self._browser = None

    def __enter__(self):
        return self

    def page(self):
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            self._pw = sync_playwright().start()
            self._browser = self._pw.chromium.launch(executable_path=self.executable, args=CHROMIUM_ARGS)
        context = self._browser.new_context()
        # A handout must not need the network; block anything that is not a local file.
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                      else route.abort())
        return context.new_page()

    def __exit__(self, *exc):
        if self._browser is not None:
            self._browser.close()
        if self._pw is not None:
            self._pw.stop()


def html_to_pdf(html_path: str | os.PathLike, pdf_path: str | os.PathLike, browser: "_Browser") -> None:
    """Print an HTML file to an A4 PDF with Chromium."""
    page = browser.page()
    try:
        page.goto(Path(html_path).resolve().as_uri(), wait_until="load")
        page.emulate_media(media="print")
        page.pdf(path=str(pdf_path), format="A4", print_background=True,
                 margin={"top": "15mm", "bottom": "15mm", "left": "14mm", "right": "14mm"},
                 display_header_footer=True, header_template="<span></span>",
                 footer_template='<div style="font-size:8px;width:100%;text-align:center;color:#666">'
                                 '<span class="title"></span> &middot; page <span class="pageNumber"></span>'
                                 ' of <span class="totalPages"></span></div>')
    finally:
        page.context.close()


def write_handouts(paths: list[Path], output_dir: str | os.PathLike, pdf: bool = True,
                   show_code: bool = False, timeout: int = 300, jobs: int = 1,
                   progress: Progress | None = None, executed: dict | None = None) -> RunResult:
    """Execute ``paths`` and write ``NN_slug.html`` (and ``.pdf`` when Chromium is present)."""
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    progress = progress or Progress(len(paths))
    result = RunResult()
    chromium = find_chromium() if pdf else None
    if pdf and not chromium:
        msg = ("PDF skipped: Chromium not found (Debian/Ubuntu: apt-get install chromium; or set "
               "CRISIS_COURSE_CHROMIUM to a Chromium/Chrome binary). HTML handouts are written.")
        progress.line(msg)
        result.notes.append(msg)
    elif pdf:
        try:
            import playwright  # noqa: F401
        except ImportError:
            msg = "PDF skipped: the Python package 'playwright' is not installed (pip install playwright)."
            progress.line(msg)
            result.notes.append(msg)
            chromium = None
    titles = {}
    browser = _Browser(chromium) if chromium else None
    try:
        for path, nb, secs, err in _lessons_as_executed(paths, executed, timeout, jobs):
            name = path.stem
            if err:
                result.failed.append(name)
                progress.lesson(name, f"FAILED: {err}")
                continue
            t0 = time.perf_counter()
            banner = "Two Agendas: a course on the Biden-Putin call of 7 December 2021 - handout"
            body = export_handout(nb, name, show_code=show_code, banner=banner)
            target = out / f"{name}.html"
            target.write_text(body, encoding="utf-8")
            result.written.append(target)
            titles[target.name] = _lesson_title(nb, name)
            what = f"executed {secs:.1f} s, " if secs else ""
            line = f"{what}html -> {target}"
            if browser:
                pdf_path = target.with_suffix(".pdf")
                try:
                    html_to_pdf(target, pdf_path, browser)
                    result.written.append(pdf_path)
                    line += f", pdf -> {pdf_path}"
                except Exception as exc:  # a broken browser must not lose the HTML handouts
                    result.failed.append(name)
                    line += f", PDF FAILED: {type(exc).__name__}: {exc}"
            progress.lesson(name, f"{line} ({time.perf_counter() - t0:.1f} s)")
    finally:
        if browser:
            browser.__exit__(None, None, None)
    _write_index(out, titles, "Handouts", False)
    return result


# --------------------------------------------------------------------------------------------
# Answer key
# --------------------------------------------------------------------------------------------

def find_solutions_dir(explicit: str | os.PathLike | None = None) -> Path | None:
    """``explicit``, else ``./solutions`` or a parent's ``solutions/``; None when there is none."""
    if explicit is not None:
        path = Path(explicit).expanduser()
        return path.resolve() if path.is_dir() else None
    here = Path.cwd()
    for folder in [here, *here.parents]:
        if (folder / "solutions").is_dir():
            return folder / "solutions"
        if (folder / "lessons").is_dir():  # the course root: stop here
            return None
    return None


def _ordered_banks():
    """Every bank (loaded), ordered by lesson number; plus error messages for unloadable banks."""
    from .quiz import QuizBankError, bank_names, load_bank

    banks, errors = [], []
    for name in bank_names():
        try:
            banks.append(load_bank(name))
        except QuizBankError as exc:
            errors.append(str(exc))
    banks.sort(key=lambda b: (b.lesson if b.lesson is not None else 99, b.name))
    return banks, errors


def _md_escape_cell(text: str) -> str:
    return str(text).replace("\n", " ").strip()


def _question_markdown(q, number: int) -> list[str]:
    lines = [f"**{number}. `{q.id}`** ({q.type}) {_md_escape_cell(q.prompt)}", ""]
    if q.type in ("single", "multiple"):
        right = {q.answer} if q.type == "single" else set(q.answer)
        for i, opt in enumerate(q.options):
            mark = " **(correct)**" if opt in right else ""
            lines.append(f"   {chr(65 + i)}. {_md_escape_cell(opt)}{mark}")
        lines.append("")
    if q.type == "ordering":
        answer = " → ".join(q.items)
    elif q.type == "matching":
        answer = "; ".join(f"{a} → {b}" for a, b in q.pairs)
    else:
        answer = q.answer_text()
    lines += [f"   - *Answer:* {_md_escape_cell(answer)}",
              f"   - *Explanation:* {_md_escape_cell(q.explanation)}",
              f"   - *Source:* {_md_escape_cell(q.source)}", ""]
    return lines


@dataclass
class SolutionResult:
    """The key results of one exercise solution notebook: ``items`` are
    ``(section, html, text)`` tuples in notebook order."""

    name: str
    title: str
    items: list[tuple[str, str, str]] = field(default_factory=list)
    error: str | None = None


def _output_html_text(outputs) -> tuple[str, str]:
    """HTML and plain text for a list of notebook outputs (images embedded)."""
    parts_html, parts_text = [], []
    for out in outputs:
        otype = out.get("output_type")
        if otype == "stream":
            text = "".join(out.get("text", ""))
            parts_html.append(f"<pre>{html.escape(text)}</pre>")
            parts_text.append(text.rstrip())
        elif otype in ("execute_result", "display_data"):
            data = out.get("data", {})
            plain = "".join(data.get("text/plain", ""))
            if "text/html" in data:
                parts_html.append("".join(data["text/html"]))
            elif "image/png" in data:
                png = "".join(data["image/png"]).replace("\n", "")
                parts_html.append(f'<img alt="{html.escape(plain or "figure", quote=True)}" '
                                  f'src="data:image/png;base64,{png}" style="max-width:100%">')
            elif plain:
                parts_html.append(f"<pre>{html.escape(plain)}</pre>")
            if plain:
                parts_text.append(plain.rstrip())
        elif otype == "error":
            text = f"{out.get('ename')}: {out.get('evalue')}"
            parts_html.append(f"<pre>{html.escape(text)}</pre>")
            parts_text.append(text)
    return "\n".join(parts_html), "\n".join(parts_text)


_CODE_BLOCK = re.compile(r"^\s*###\s*BEGIN SOLUTION\b.*?$(.*?)^\s*###\s*END SOLUTION\b.*?$", re.M | re.S)
_MD_BLOCK = re.compile(r"<!--\s*BEGIN SOLUTION\s*-->(.*?)<!--\s*END SOLUTION\s*-->", re.S)
_KEY_TAGS = {"key-result", "key_result"}


def _solution_code(source: str) -> str:
    """The solution lines of a code cell (between the BEGIN/END SOLUTION markers, without the
    ``#>`` starter lines); the whole cell when it has no markers."""
    blocks = _CODE_BLOCK.findall(source)
    if not blocks:
        return source.strip()
    lines = [l for b in blocks for l in b.strip("\n").splitlines() if not l.lstrip().startswith("#>")]
    return "\n".join(lines).strip()


def _markdown_html(text: str) -> str:
    try:
        import mistune

        return mistune.html(text)
    except Exception:  # mistune comes with nbconvert; fall back to escaped text
        return f"<pre>{html.escape(text)}</pre>"


def _solution_items(nb) -> list[tuple[str, str, str]]:
    """``(section, html, text)`` for the key results of an executed solution, in order:

    - code cells tagged ``key-result`` (or ``key_result``): their outputs, with the solution code
      folded under them;
    - model answers in Markdown (between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->``);
    - if a solution marks neither, the last code cell with output of every ``##`` section.
    (Markers and tags: ``crisis_course.exercises.generate``.)
    """
    items, section = [], "Result"
    tagged = any(c.cell_type == "code" and _KEY_TAGS & set(c.get("metadata", {}).get("tags", []))
                 for c in nb.cells)
    models = any(c.cell_type == "markdown" and _MD_BLOCK.search(c.source) for c in nb.cells)
    last_by_section: dict[str, object] = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            heading = cell.source.lstrip()
            if heading.startswith("## "):
                section = heading[3:].splitlines()[0].strip()
            for block in _MD_BLOCK.findall(cell.source):
                text = block.strip()
                items.append((section, '<div class="model-answer"><p><em>Model answer:</em></p>'
                              + _markdown_html(text) + "</div>", "Model answer: " + text))
        elif cell.cell_type == "code":
            tags = set(cell.get("metadata", {}).get("tags", []))
            if tagged and tags & _KEY_TAGS:
                body_html, body_text = _output_html_text(cell.get("outputs", []))
                code = _solution_code(cell.source)
                if code:
                    body_html += (f"<details><summary>Solution code</summary><pre>{html.escape(code)}</pre>"
                                  "</details>")
                items.append((section, body_html or "<p>(no output)</p>", body_text))
            elif cell.get("outputs"):
                last_by_section[section] = cell
    if not tagged and not models:
        for sec, cell in last_by_section.items():
            body_html, body_text = _output_html_text(cell.get("outputs", []))
            items.append((sec, body_html, body_text))
    return items


def solution_key_results(path: str | os.PathLike, timeout: int = 300) -> SolutionResult:
    """Execute one solution notebook and collect its key results (see :func:`_solution_items`)."""
    path = Path(path)
    try:
        nb = execute_notebook(path, timeout=timeout)
    except ExportError as exc:
        return SolutionResult(path.stem, path.stem, error=str(exc))
    return SolutionResult(path.stem, _lesson_title(nb, path.stem), _solution_items(nb))


_KEY_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:54rem;margin:1.5rem auto;
padding:0 1rem;line-height:1.45;color:#1a1a1a}
h1{font-size:1.7em} h2{border-bottom:2px solid #1a1a1a;padding-bottom:.2em;margin-top:2em}
code.qid{font-size:.85em;background:#eee;padding:0 .3em}
.toc li{margin:.1em 0} pre{white-space:pre-wrap;background:#f6f6f6;padding:.4em}
.model-answer{border-left:4px solid #009E73;padding:.2em .8em;background:#f4fbf8}
table{border-collapse:collapse} td,th{border:1px solid #bbb;padding:.2em .4em}
@media print{h2{break-before:page} .quiz-question{break-inside:avoid}}
"""


def build_answer_key(solutions_dir: str | os.PathLike | None = None, timeout: int = 300,
                     progress: Progress | None = None) -> tuple[str, str, dict]:
    """Build the answer key as ``(html, markdown, info)``.

    ``info`` holds ``question_ids`` (every id covered), ``banks``, ``solutions`` (names) and
    ``problems`` (bank or solution errors). ``solutions_dir=None`` leaves the exercises out.
    """
    from .quiz.static import question_to_html

    banks, problems = _ordered_banks()
    today = time.strftime("%Y-%m-%d")
    info = {"question_ids": [], "banks": [b.name for b in banks], "solutions": [], "problems": problems}
    total = sum(len(b.questions) for b in banks)
    h = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
         '<title>Two Agendas: answer key (instructors)</title>', f"<style>{_KEY_CSS}</style>",
         "</head><body>", "<h1>Two Agendas: answer key</h1>",
         f"<p><strong>For instructors.</strong> Every quiz question of the course ({total} questions in "
         f"{len(banks)} banks) with its answer, explanation and source, and the key results of the "
         f"exercise solutions. Generated {today} by <code>crisis-course answer-key</code> from the "
         "question banks (<code>src/crisis_course/banks/</code>) and <code>solutions/</code>.</p>",
         '<nav><ul class="toc">']
    md = ["# Two Agendas: answer key", "",
          f"For instructors. Every quiz question of the course ({total} questions in {len(banks)} banks) "
          "with its answer, explanation and source, and the key results of the exercise solutions. "
          f"Generated {today} by `crisis-course answer-key`.", ""]
    for b in banks:
        lesson = f"Lesson {b.lesson}: " if b.lesson is not None and not b.title.startswith("Lesson") else ""
        h.append(f'<li><a href="#bank-{html.escape(b.name)}">{html.escape(lesson + b.title)}</a> '
                 f"({len(b.questions)} questions)</li>")
    h.append('<li><a href="#exercises">Exercise solutions: key results</a></li></ul></nav>')
    if problems:
        h.append("<h2>Problems</h2><ul>" + "".join(f"<li><pre>{html.escape(p)}</pre></li>" for p in problems)
                 + "</ul>")
        md += ["## Problems", ""] + [f"- {p}" for p in problems] + [""]
    for b in banks:
        h.append(f'<h2 id="bank-{html.escape(b.name)}">{html.escape(b.title)}</h2>')
        h.append(f'<p>Bank <code>{html.escape(b.name)}</code> '
                 f'(<code>src/crisis_course/banks/{html.escape(b.name)}.yaml</code>), '
                 f"{len(b.questions)} questions.</p>")
        md += [f"## {b.title}", "", f"Bank `{b.name}` (`src/crisis_course/banks/{b.name}.yaml`), "
               f"{len(b.questions)} questions.", ""]
        h.append(f'<section class="crisis-quiz" data-bank="{html.escape(b.name)}">')
        for n, q in enumerate(b.questions, 1):
            info["question_ids"].append(q.id)
            h.append(f'<p style="margin:1.2em 0 0 0">Question id <code class="qid">{html.escape(q.id)}</code> '
                     f"· type {html.escape(q.type)}</p>")
            h.append(question_to_html(q, n, len(b.questions), instructor=True))
            md += _question_markdown(q, n)
        h.append("</section>")
    h.append('<h2 id="exercises">Exercise solutions: key results</h2>')
    md += ["## Exercise solutions: key results", ""]
    sols = sorted(Path(solutions_dir).glob("*.ipynb")) if solutions_dir else []
    if not sols:
        why = ("no exercise solutions were found (solutions/ is empty or missing)" if solutions_dir
               else "the exercise solutions were left out")
        h.append(f"<p>None: {why}.</p>")
        md += [f"None: {why}.", ""]
    progress = progress or Progress(len(sols), quiet=True)
    progress.total = len(sols)
    for path in sols:
        t0 = time.perf_counter()
        res = solution_key_results(path, timeout=timeout)
        info["solutions"].append(res.name)
        h.append(f"<h3>{html.escape(res.title)}</h3>"
                 f"<p><code>solutions/{html.escape(path.name)}</code></p>")
        md += [f"### {res.title}", "", f"`solutions/{path.name}`", ""]
        if res.error:
            problems.append(res.error)
            h.append(f"<p><strong>Could not run this solution:</strong></p><pre>{html.escape(res.error)}</pre>")
            md += ["**Could not run this solution:**", "", "```", res.error, "```", ""]
            progress.lesson(res.name, "FAILED")
            continue
        if not res.items:
            h.append("<p>(This solution has no outputs to report.)</p>")
            md += ["(This solution has no outputs to report.)", ""]
        previous = None
        for label, body_html, body_text in res.items:
            if label != previous:
                h.append(f"<h4>{html.escape(label)}</h4>")
                md += [f"#### {label}", ""]
                previous = label
            h.append(body_html)
            if body_text.startswith("Model answer: "):
                md += [body_text, ""]
            else:
                md += ["```", body_text or "(a figure; see the HTML answer key)", "```", ""]
        progress.lesson(res.name, f"{len(res.items)} key result(s) ({time.perf_counter() - t0:.1f} s)")
    h.append("</body></html>")
    return "\n".join(h) + "\n", "\n".join(md) + "\n", info


def write_answer_key(output_dir: str | os.PathLike, solutions_dir=None, timeout: int = 300,
                     progress: Progress | None = None) -> tuple[list[Path], dict]:
    """Write ``answer_key.html`` and ``answer_key.md`` into ``output_dir``."""
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    page, md, info = build_answer_key(solutions_dir, timeout=timeout, progress=progress)
    paths = [out / "answer_key.html", out / "answer_key.md"]
    paths[0].write_text(page, encoding="utf-8")
    paths[1].write_text(md, encoding="utf-8")
    return paths, info


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------

def _add_common(p: argparse.ArgumentParser, default_out: str) -> None:
    p.add_argument("lessons", nargs="*", metavar="LESSON",
                   help='lessons to export: a number ("3", "03"), a name ("03_nato") or a path; '
                        "default: every lesson")
    p.add_argument("--output", "-o", default=default_out, metavar="DIR",
                   help=f"output folder (default: {default_out})")
    p.add_argument("--lessons-dir", metavar="DIR",
                   help="folder holding the lesson notebooks (default: ./lessons, or a parent's lessons/)")
    p.add_argument("--show-code", action="store_true",
                   help="also show the code cells (by default only their output: figures, tables, quizzes)")
    p.add_argument("--timeout", type=int, default=300, metavar="S",
                   help="seconds a single cell may run (default: 300)")
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                   help="execute N lessons at once (default: 1)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines")


def _cmd_slides(args) -> int:
    try:
        paths = resolve_lessons(args.lessons, find_lessons_dir(args.lessons_dir))
        progress = Progress(len(paths), quiet=args.quiet)
        progress.line(f"Exporting {len(paths)} lesson(s) as {'offline ' if args.offline else ''}"
                      f"reveal.js slides into {args.output}")
        result = write_slides(paths, args.output, offline=args.offline, show_code=args.show_code,
                              theme=args.theme, timeout=args.timeout, jobs=args.jobs, progress=progress,
                              quiz_per_slide=not args.quiz_one_slide)
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return _finish(result, progress, args.output, "index.html")


def _cmd_handouts(args) -> int:
    try:
        paths = resolve_lessons(args.lessons, find_lessons_dir(args.lessons_dir))
        progress = Progress(len(paths), quiet=args.quiet)
        progress.line(f"Writing handouts for {len(paths)} lesson(s) into {args.output}")
        result = write_handouts(paths, args.output, pdf=not args.no_pdf, show_code=args.show_code,
                                timeout=args.timeout, jobs=args.jobs, progress=progress)
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return _finish(result, progress, args.output, "index.html")


def _finish(result: RunResult, progress: Progress, output: str, index: str) -> int:
    if result.failed:
        progress.line(f"Done in {progress.elapsed():.1f} s with problems in: {', '.join(result.failed)}")
        return 1
    progress.line(f"Done in {progress.elapsed():.1f} s: open {Path(output) / index}")
    return 0


def _cmd_assets(args) -> int:
    cache = Path(args.dir) if args.dir else asset_cache_dir()
    try:
        if args.force and (cache / "node_modules").exists():
            shutil.rmtree(cache / "node_modules")
        ensure_assets(cache, fetch=True)
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Offline slide assets are in {cache}:")
    for name, version in ASSET_PACKAGES.items():
        print(f"  {name} {version}")
    return 0


def register(subparsers) -> None:
    """Add the ``slides``, ``handouts``, ``answer-key`` and ``assets`` subcommands."""
    p = subparsers.add_parser(
        "slides", help="execute lessons and export reveal.js slide decks",
        description="Execute lessons and export them as reveal.js slide decks (NN_name.slides.html) "
                    "plus an index.html. Quizzes appear as static HTML with click-to-reveal answers; "
                    "press S in a deck for the speaker view with notes. With --offline every asset "
                    "(reveal.js, require.js, jQuery, fonts) is copied into the output folder, so the "
                    "decks open from disk with no network; the assets are fetched once from the npm "
                    "registry with npm into ~/.cache/crisis-course/assets (or $CRISIS_COURSE_ASSET_DIR).")
    _add_common(p, "build/slides")
    p.add_argument("--offline", action="store_true",
                   help="copy every asset into DIR/_assets and use relative paths (no network needed)")
    p.add_argument("--theme", default="white",
                   help="reveal.js theme (default: white; offline: white, black or serif, which load no web fonts)")
    p.add_argument("--quiz-one-slide", action="store_true",
                   help="show each quiz as one (scrolling) slide instead of one question per slide")
    p.set_defaults(func=_cmd_slides)

    p = subparsers.add_parser(
        "handouts", help="write a standalone HTML (and PDF) handout per lesson",
        description="Execute lessons and write a standalone HTML handout per lesson (images embedded, "
                    "no network needed, speaker notes left out, quiz answers folded away). A PDF of each "
                    "is printed with Chromium when it is installed (/usr/bin/chromium, or "
                    "$CRISIS_COURSE_CHROMIUM); otherwise the command says that PDFs were skipped.")
    _add_common(p, "build/handouts")
    p.add_argument("--no-pdf", action="store_true", help="write HTML only")
    p.set_defaults(func=_cmd_handouts)

    p = subparsers.add_parser(
        "answer-key", help="write the instructors' answer key (all quiz answers, exercise key results)",
        description="Write one document for instructors with every quiz question, its answer, "
                    "explanation and source (from the question banks), and the key results of the "
                    "exercise solutions (solutions/*.ipynb, executed). Writes answer_key.html and "
                    "answer_key.md.")
    p.add_argument("--output", "-o", default="build/answer-key", metavar="DIR",
                   help="output folder (default: build/answer-key)")
    p.add_argument("--solutions-dir", metavar="DIR",
                   help="folder of exercise solutions (default: ./solutions, or a parent's solutions/)")
    p.add_argument("--no-solutions", action="store_true",
                   help="leave out the exercise solutions (no notebooks are executed)")
    p.add_argument("--timeout", type=int, default=300, metavar="S",
                   help="seconds a single solution cell may run (default: 300)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines")
    p.set_defaults(func=_cmd_answer_key)

    p = subparsers.add_parser(
        "assets", help="fetch the offline slide assets (reveal.js, require.js, jQuery) with npm",
        description="Fetch the files offline decks need from the npm registry with npm "
                    f"({', '.join(f'{k}@{v}' for k, v in ASSET_PACKAGES.items())}) into the asset "
                    "cache, or report that they are already there. Run it on a connected machine "
                    "before class; 'slides --offline' also does this by itself when needed.")
    p.add_argument("--dir", metavar="DIR",
                   help="cache folder (default: $CRISIS_COURSE_ASSET_DIR or ~/.cache/crisis-course/assets)")
    p.add_argument("--force", action="store_true", help="fetch again even if the cache is complete")
    p.set_defaults(func=_cmd_assets)


def _cmd_answer_key(args) -> int:
    progress = Progress(0, quiet=args.quiet)
    solutions = None if args.no_solutions else find_solutions_dir(args.solutions_dir)
    if args.solutions_dir and solutions is None and not args.no_solutions:
        print(f"error: solutions folder {args.solutions_dir!r} does not exist", file=sys.stderr)
        return 1
    progress.line("Writing the answer key" + (f" (executing the solutions in {solutions})" if solutions else ""))
    paths, info = write_answer_key(args.output, solutions, timeout=args.timeout, progress=progress)
    progress.line(f"{len(info['question_ids'])} questions from {len(info['banks'])} banks, "
                  f"{len(info['solutions'])} exercise solutions -> {paths[0]} and {paths[1]}")
    for problem in info["problems"]:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if info["problems"] else 0
