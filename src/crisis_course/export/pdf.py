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


def html_to_pdf(html_path: str | os.PathLike, pdf_path: str | os.PathLike, browser: _Browser) -> None:
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


