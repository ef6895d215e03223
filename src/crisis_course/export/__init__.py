"""Export the course for instructors: reveal.js slides, handouts (HTML/PDF) and the answer key.

Subcommands (registered on the ``crisis-course`` command line by :func:`register`):

``crisis-course slides [LESSON ...] [--offline] [--output DIR]``
    Execute lessons and write reveal.js decks (``NN_slug.slides.html``) plus an ``index.html``,
    with the instructor notes as speaker notes. Quizzes show as static HTML whose answers appear
    as reveal.js fragments (keyboard or clicker). With ``--offline`` reveal.js (with its notes
    plugin and the local Source Sans Pro font of the ``white`` theme), require.js and jQuery are
    copied into ``DIR/_assets/`` and referenced by relative paths, so the folder opens from disk
    with no network (assets fetched once from the npm registry with ``npm``).
    The same deck comes from plain nbconvert: ``jupyter nbconvert --to course_slides LESSON.ipynb``.
``crisis-course handouts [LESSON ...] [--instructor]``
    A standalone HTML file per lesson (images embedded, nothing from the network) and a PDF of
    it when Chromium is installed; students' edition without notes, instructor edition with them.
``crisis-course worksheets [LESSON ...]``
    A 2-4 page student worksheet per lesson: key points, main figure, questions with space to write.
``crisis-course answer-key``
    The answer key (HTML and Markdown) and a one-page answer grid per lesson.
``crisis-course assets``
    Fetch (or show) the offline slide assets, e.g. on a connected machine before class.

Modules (nbgrader-style: each notebook transformation is an nbconvert Preprocessor):

- :mod:`.core` errors, settings, finding lessons, progress lines;
- :mod:`.execute` executing lessons (empty temporary progress folder);
- :mod:`.preprocessors` the ordered Preprocessor lists of slides and handouts;
- :mod:`.slides` the ``course_slides`` nbconvert exporter and the slides driver;
- :mod:`.handouts` handouts; :mod:`.worksheets` worksheets; :mod:`.pdf` printing with Chromium;
- :mod:`.assets` offline reveal.js assets; :mod:`.answer_key` the answer key;
- :mod:`.commands` the command line.

Every public name stays importable from ``crisis_course.export``.
"""
from __future__ import annotations

import shutil  # noqa: F401  (tests patch export.shutil.which)

from .answer_key import (
                         SolutionResult,
                         _ordered_banks,
                         _solution_items,
                         build_answer_key,
                         find_solutions_dir,
                         solution_key_results,
                         write_answer_key,
)
from .assets import asset_cache_dir, assets_missing, copy_assets, ensure_assets, fetch_assets, remote_asset_refs
from .commands import register
from .core import (
                         _ASSET_FILES,
                         ASSET_PACKAGES,
                         LESSON_PATTERN,
                         OFFLINE_THEMES,
                         TEMPLATES_DIR,
                         AssetError,
                         ExportError,
                         Progress,
                         RunResult,
                         _lesson_title,
                         _slide_type,
                         find_lessons_dir,
                         list_lessons,
                         read_notebook,
                         resolve_lessons,
)
from .execute import _executed_lessons, _executor_class, _lessons_as_executed, execute_notebook
from .handouts import export_handout, write_handouts
from .pdf import CHROMIUM_ARGS, _Browser, find_chromium, html_to_pdf
from .preprocessors import (
                         HANDOUT_PREPROCESSORS,
                         SLIDE_PREPROCESSORS,
                         WIDGET_NOTE,
                         WIDGET_VIEW,
                         _handout_notebook,
                         _no_nested_sections,
                         _quiz_html,
                         handout_ready,
                         slide_ready,
                         split_quizzes,
                         spread_notes,
                         static_widgets,
)
from .slides import CourseSlidesExporter, _write_index, export_slides, write_slides
from .worksheets import render_worksheet, worksheet_model, write_worksheets

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
    "CourseSlidesExporter",
    "SLIDE_PREPROCESSORS",
    "HANDOUT_PREPROCESSORS",
    "write_worksheets",
]
