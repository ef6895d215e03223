"""The course as a static website: ``crisis-course site [--output DIR]``.

Read and practise with nothing installed: every lesson executed (figures, tables, text), quizzes
and checkpoints graded in the page (``assets/grader.js``, a port of the Python grader; progress in
the browser's storage, with export and reset), open-writing answers saved in the browser, the
glossary, the timeline, each exercise with its notebook to download, a landing page with launch
links (Binder, JupyterHub with nbgitpuller, download) from one setting, offline search, light and
dark themes. Opens from disk or any web server; loads nothing from the network.

Public API: :func:`build_site`, :class:`SiteSettings`, :func:`settings_from_manifest`,
:func:`launch_links`; :func:`register` adds the subcommand to the ``crisis-course`` CLI.
"""
from __future__ import annotations

import argparse

from ..cmdline import add_command
from .build import BuildResult, SiteError, SiteSettings, build_site, launch_links, remote_refs, settings_from_manifest

__all__ = ["build_site", "SiteSettings", "SiteError", "BuildResult", "settings_from_manifest", "launch_links",
           "remote_refs", "register"]


def _cmd_site(args) -> int:
    import time

    try:
        settings = settings_from_manifest(repository=args.repository, hub=args.hub, branch=args.branch)
        t0 = time.perf_counter()
        result = build_site(args.output, lessons=args.lessons or None, settings=settings, timeout=args.timeout,
                            jobs=args.jobs, log=(lambda *a: None) if args.quiet else print)
    except SiteError as exc:
        print(f"crisis-course site: {exc}")
        return 1
    largest = max(result.pages, key=lambda p: p.stat().st_size)
    print(f"Wrote {len(result.pages)} pages to {result.output} in {time.perf_counter() - t0:.1f} s "
          f"(executing lessons: {result.execute_seconds:.1f} s); largest page {largest.name} "
          f"{largest.stat().st_size / 1e6:.2f} MB. Open {result.output / 'index.html'}")
    if not settings.repository:
        print("Note: no repository set (site.repository in course.yaml, or --repository): "
              "the landing page has no Binder/JupyterHub links.")
    return 0


def register(subparsers) -> None:
    p = add_command(
        subparsers, "site", _cmd_site, output="build/site", output_help="folder to write the site into",
        timeout="seconds allowed per notebook cell", jobs="lessons executed at once", quiet="print only the summary",
        help="build the course as a static website (offline, quizzes graded in the page)",
        description="Execute every lesson and build the course website: lessons, quizzes that grade in the "
                    "page, glossary, timeline, exercises to download, search. Opens from disk; loads nothing "
                    "from the network. Launch links come from site: in course.yaml, or the flags below.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("lessons", nargs="*", type=int, metavar="LESSON", help="lesson numbers to include (default: all)")
    p.add_argument("--repository", "--repo", default=None,
                   help="the course's repository (OWNER/NAME on GitHub, or an https URL) for the launch links; "
                        "default: site.repository in course.yaml")
    p.add_argument("--hub", default=None, help="a JupyterHub's address for the nbgitpuller link (default: site.hub)")
    p.add_argument("--branch", default=None, help="the repository's branch (default: site.branch, else main)")
