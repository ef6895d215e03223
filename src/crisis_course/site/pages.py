"""The page writer (one template, links between notebooks made site links) and the pages
besides the lessons: exercises, glossary, timeline, the landing page, search, the notebooks' zip."""
from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path

from .quizdata import _script_json, all_questions
from .render import _QUIZ_ID, _wrap_tables, index_entries, pygments_css, render_notebook
from .settings import TEMPLATES, SiteSettings, launch_links


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
