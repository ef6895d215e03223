"""PDFs of HTML handouts, printed with a headless Chromium through Playwright."""
from __future__ import annotations

import os
import shutil
from pathlib import Path


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
    """A lazily started headless Chromium (Playwright), reused for several PDFs.

    Playwright's synchronous API refuses to run in a thread with a running asyncio loop (a Jupyter
    kernel, where an instructor may call ``write_handouts``) or beside another sync Playwright
    session of the same thread; every call to Playwright therefore runs on this object's own
    thread (one at a time)."""

    def __init__(self, executable: str):
        from concurrent.futures import ThreadPoolExecutor

        self.executable = executable
        self._pw = self._browser = None
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crisis-course-pdf")

    def __enter__(self):
        return self

    def run(self, fn, *args):
        """``fn(*args)`` on the browser's thread; its result, or its exception raised here."""
        return self._thread.submit(fn, *args).result()

    def page(self):
        """A new page in a new context that blocks everything but local files (call through :meth:`run`)."""
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            self._pw = sync_playwright().start()
            self._browser = self._pw.chromium.launch(executable_path=self.executable, args=CHROMIUM_ARGS)
        context = self._browser.new_context()
        # A handout must not need the network; block anything that is not a local file.
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                      else route.abort())
        return context.new_page()

    def _close(self):
        if self._browser is not None:
            self._browser.close()
        if self._pw is not None:
            self._pw.stop()

    def __exit__(self, *exc):
        try:
            self.run(self._close)
        finally:
            self._thread.shutdown(wait=True)


def html_to_pdf(html_path: str | os.PathLike, pdf_path: str | os.PathLike, browser: _Browser) -> None:
    """Print an HTML file to an A4 PDF with Chromium."""
    browser.run(_print, html_path, pdf_path, browser)


def _print(html_path, pdf_path, browser: _Browser) -> None:
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


def open_browser(pdf: bool, result, progress, what: str):
    """A context manager giving a browser for printing ``what`` (handouts, worksheets) to PDF, or
    None when PDFs are not wanted or cannot be made; the reason is noted in ``result.notes`` and on
    ``progress``. The browser is closed when the ``with`` block ends."""
    from contextlib import nullcontext

    if not pdf:
        return nullcontext(None)
    chromium = find_chromium()
    message = None
    if not chromium:
        message = ("PDF skipped: Chromium not found (Debian/Ubuntu: apt-get install chromium; or set "
                   f"CRISIS_COURSE_CHROMIUM to a Chromium/Chrome binary). HTML {what} are written.")
    else:
        try:
            import playwright  # noqa: F401
        except ImportError:
            message = "PDF skipped: the Python package 'playwright' is not installed (pip install playwright)."
    if message:
        progress.line(message)
        result.notes.append(message)
        return nullcontext(None)
    return _Browser(chromium)


def save_printable(result, progress, name: str, target: Path, text: str, browser, kind: str, secs, t0: float) -> bool:
    """Write lesson ``name``'s HTML ``kind`` (handout, worksheet) to ``target``, print it to PDF when
    there is a ``browser``, and report both on the lesson's progress line; False if the HTML could
    not be written (recorded as a failure)."""
    import time

    if not result.save(progress, name, target, text):
        return False
    line = f"{f'executed {secs:.1f} s, ' if secs else ''}{kind} -> {target}"
    if browser:
        line += print_pdf(target, browser, result, name)
    progress.lesson(name, f"{line} ({time.perf_counter() - t0:.1f} s)")
    return True


def print_pdf(html_path: Path, browser: _Browser, result, name: str) -> str:
    """Print ``html_path`` to a PDF beside it; the text to add to the lesson's progress line. A
    failure is recorded against lesson ``name`` and never loses the HTML."""
    pdf_path = html_path.with_suffix(".pdf")
    try:
        html_to_pdf(html_path, pdf_path, browser)
    except Exception as exc:  # a broken browser must not lose the HTML
        result.failed.append(name)
        return f", PDF FAILED: {type(exc).__name__}: {exc}"
    result.written.append(pdf_path)
    return f", pdf -> {pdf_path}"
