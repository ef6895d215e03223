"""reveal.js slide decks: the course's nbconvert exporter (``--to course_slides``) and the
``crisis-course slides`` driver that executes lessons and writes the decks and an index."""
from __future__ import annotations

import html
import json
import os
import time
from pathlib import Path

from nbconvert.exporters import SlidesExporter
from traitlets import Bool, default

from .assets import copy_assets, ensure_assets, remote_asset_refs
from .core import TEMPLATES_DIR, Progress, RunResult, _lesson_title, prepare_output
from .execute import execute_notebook
from .preprocessors import slide_ready


class CourseSlidesExporter(SlidesExporter):
    """The course's reveal.js exporter, registered with nbconvert as ``course_slides``::

        jupyter nbconvert --to course_slides lessons/03_nato.ipynb

    gives the same deck as ``crisis-course slides 3``: the lesson is executed (in its folder,
    with an empty temporary progress folder), the instructor notes files are merged in as speaker
    notes, and :data:`~crisis_course.export.preprocessors.SLIDE_PREPROCESSORS` run before the
    ``crisis_reveal`` template. Assets load from CDNs (use ``crisis-course slides --offline`` for a
    folder that needs no network).
    """

    export_from_notebook = "Course slides (reveal.js)"

    execute = Bool(True, help="Execute the notebook before exporting it (the course's executor: "
                              "no widget state, empty temporary progress folder).").tag(config=True)
    notes = Bool(True, help="Merge the lesson's instructor notes files in as speaker notes.").tag(config=True)
    quiz_per_slide = Bool(True, help="One quiz question per slide.").tag(config=True)
    mathjax = Bool(False, help="Load MathJax (the course has no LaTeX math).").tag(config=True)
    timeout = 300

    @default("template_name")
    def _template_name_default(self):
        return "crisis_reveal"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return [str(TEMPLATES_DIR)]

    @default("reveal_theme")
    def _reveal_theme_default(self):
        return "white"

    @default("reveal_scroll")
    def _reveal_scroll_default(self):
        return True

    @default("reveal_number")
    def _reveal_number_default(self):
        return "c/t"

    @default("exclude_input")
    def _exclude_input_default(self):
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self):
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self):
        return True

    def from_notebook_node(self, nb, resources=None, **kw):
        resources = dict(resources or {})
        meta = dict(resources.get("metadata") or {})
        name = meta.get("name") or "notebook"
        if self.execute:
            folder = meta.get("path") or os.getcwd()
            nb = execute_notebook(Path(folder) / f"{name}.ipynb", timeout=self.timeout, nb=nb)
        crisis = {"mathjax": self.mathjax, **(resources.get("crisis") or {})}
        lesson = crisis.get("lesson")
        if lesson is None and len(name) > 2 and name[:2].isdigit() and name[2] == "_":
            lesson = int(name[:2])  # NN_slug: the lesson whose notes file to merge
        nb = slide_ready(nb, quiz_per_slide=self.quiz_per_slide, notes=self.notes, lesson=lesson)
        resources["crisis"] = crisis
        resources["metadata"] = meta
        return super().from_notebook_node(nb, resources, **kw)


def export_slides(nb, name: str, offline_urls: dict | None = None, show_code: bool = False,
                  theme: str = "white", mathjax: bool = False, quiz_per_slide: bool = True,
                  notes: bool = True) -> str:
    """The reveal.js HTML of an (executed) notebook, using the course exporter and template.

    ``offline_urls`` (from :func:`copy_assets`) makes every asset URL relative; without it the
    deck loads reveal.js, require.js and jQuery from their CDNs like nbconvert's own deck.
    ``notes`` merges the lesson's instructor notes files (lesson number from ``name``).
    """
    from traitlets.config import Config

    c = Config()
    c.CourseSlidesExporter.reveal_theme = theme
    c.CourseSlidesExporter.exclude_input = not show_code
    if offline_urls:
        for key, value in offline_urls.items():
            setattr(c.CourseSlidesExporter, key, value)
    exporter = CourseSlidesExporter(config=c, execute=False, notes=notes, quiz_per_slide=quiz_per_slide,
                                    mathjax=mathjax)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    return body


def write_slides(paths: list[Path], output_dir: str | os.PathLike, offline: bool = False,
                 show_code: bool = False, theme: str = "white", timeout: int = 300, jobs: int = 1,
                 asset_cache: str | os.PathLike | None = None, progress: Progress | None = None,
                 executed: dict | None = None, quiz_per_slide: bool = True,
                 notes: bool = True, cut: str = "full") -> RunResult:
    """Execute ``paths`` and write their decks and an ``index.html`` into ``output_dir``.

    ``executed`` (lesson path -> executed notebook) skips execution for lessons already run;
    ``notes`` merges the instructor notes files in as speaker notes. ``cut="presenter"`` writes
    the presenter cut (crisis_course.presenter; ``NN_slug.presenter.slides.html``) for lessons
    that have a slide plan and the full deck for the others, saying so.
    """
    out = prepare_output(output_dir)
    progress = progress or Progress(len(paths))
    result = RunResult()
    urls = None
    if offline:
        cache = ensure_assets(asset_cache, log=progress.line)
        urls = copy_assets(cache, out, theme=theme)
    titles = {}
    for name, nb, secs in result.executed(progress, paths, executed, timeout, jobs):
        t0 = time.perf_counter()
        deck, suffix, use_notes = nb, ".slides.html", notes
        if cut == "presenter":
            from .. import presenter

            short = presenter.build(nb, int(name[:2])) if name[:2].isdigit() else None
            if short is None:
                progress.line(f"{name}: no slide plan yet (content/slides/), so the full deck is written")
            else:
                deck, suffix, use_notes = short, ".presenter.slides.html", False  # notes are in the plan
        body = export_slides(deck, name, offline_urls=urls, show_code=show_code, theme=theme,
                             quiz_per_slide=quiz_per_slide, notes=use_notes)
        target = out / f"{name}{suffix}"
        if not result.save(progress, name, target, body):
            continue
        titles[target.name] = _lesson_title(nb, name)
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
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Two Agendas: {kind}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}</style>
</head><body><h1>Two Agendas: {kind.lower()}</h1>
<ul>
{items}
</ul>
<p>{help_text}</p>
</body></html>
"""
    (out / "index.html").write_text(page, encoding="utf-8")


