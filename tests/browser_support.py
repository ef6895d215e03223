"""Shared set-up for the real-browser tests: Debian's Chromium driven by Playwright, no outside network.

- :func:`chromium_or_skip` skips a test when Chromium or Playwright is missing, unless
  ``CRISIS_COURSE_REQUIRE_BROWSER=1`` (set by ``.ci/run``), where it fails instead.
- :func:`launch` starts headless Chromium with the flags that work as root on these machines.
- :func:`block_outside` aborts every request not to an allowed prefix and records it, so a test can
  assert that nothing tried to reach the network.
- :data:`ARTIFACTS` is where screenshots go (``test-artifacts/browser/``).
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts" / "browser"
CHROMIUM = os.environ.get("CRISIS_COURSE_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


def chromium_or_skip():
    """Return Playwright's sync API module, or skip/fail with a clear reason."""
    required = os.environ.get("CRISIS_COURSE_REQUIRE_BROWSER") == "1"
    problem = None
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        problem = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        from playwright import sync_api
    except ImportError:
        problem = "playwright is not installed (pip install -e '.[test]')"
        sync_api = None
    if problem:
        if required:
            pytest.fail(f"browser tests are required here but {problem}")
        pytest.skip(problem)
    return sync_api


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)


def block_outside(context, allowed_prefixes: tuple[str, ...]) -> list[str]:
    """Abort every request whose URL does not start with an allowed prefix; return the list
    that records the blocked URLs (data: and blob: URLs are always allowed)."""
    blocked: list[str] = []

    def handle(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or url.startswith(allowed_prefixes):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", handle)
    return blocked


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


# --------------------------------------------------------------------------- JupyterLab

#: What a copy of the course for JupyterLab holds (lessons read no other files of the repository).
COURSE_FOLDERS = ("lessons", "exercises", "solutions", "seeds")


_TEMP_DIRS: list[Path] = []


def temp_dir(prefix: str) -> Path:
    """A new temporary folder, removed when the test process ends (JupyterLab's settings, workspaces,
    logs, progress and course copies: hundreds of them piled up in /tmp over a day of runs)."""
    import atexit
    import tempfile

    if not _TEMP_DIRS:
        atexit.register(lambda: [shutil.rmtree(d, ignore_errors=True) for d in _TEMP_DIRS])
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    _TEMP_DIRS.append(folder)
    return folder


def course_copy(target: Path | None = None) -> Path:
    """A copy of the course's notebook folders in ``target`` (default: a new temporary folder).

    JupyterLab in tests serves such a copy, never the working tree: a test that fails half-way on
    a busy machine (a save, an autosave, a kernel that wrote outputs) can then never leave a
    tracked notebook modified.
    """
    target = Path(target) if target is not None else temp_dir("course-copy-")
    target.mkdir(parents=True, exist_ok=True)
    for name in COURSE_FOLDERS:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, target / name, dirs_exist_ok=True)
    return target


class LabServer:
    """JupyterLab started by the README's first command (``scripts/open-course``, as written: no
    ``--allow-root`` added here) on 127.0.0.1.

    The server gets a token, a private settings folder (notebook windowing off so every cell is
    in the page; no news or update checks), and a private progress folder for the quizzes.
    Use as a context manager; ``url`` is the base URL, ``token`` the token. ``root``: the course
    folder to serve (default: a fresh :func:`course_copy`, so the working tree is never touched);
    ``theme``: a JupyterLab theme name such as "JupyterLab Dark" (default: JupyterLab's own).
    """

    def __init__(self, progress_dir: Path, token: str = "crisis-course-test", root: Path | None = None,
                 theme: str | None = None):
        self.progress_dir = Path(progress_dir)
        self.token = token
        self.root = Path(root) if root is not None else None
        self.theme = theme
        self.proc = None
        self.log = None

    def __enter__(self):
        import json
        import socket
        import subprocess
        import time
        import urllib.request

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        settings = temp_dir("lab-settings-")
        for ext, name, value in [
            ("@jupyterlab/notebook-extension", "tracker", {"windowingMode": "none"}),
            ("@jupyterlab/apputils-extension", "notification", {"fetchNews": "false", "checkForUpdates": False}),
            # no autosave: running a lesson must never write its outputs into the repository's notebooks
            ("@jupyterlab/docmanager-extension", "plugin", {"autoStartDefaultKernel": True, "autosave": False}),
        ] + ([("@jupyterlab/apputils-extension", "themes", {"theme": self.theme})] if self.theme else []):
            folder = settings / ext
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.jupyterlab-settings").write_text(json.dumps(value))
        workspaces = temp_dir("lab-workspaces-")
        env = dict(os.environ, CRISIS_COURSE_PROGRESS_DIR=str(self.progress_dir), MPLBACKEND="module://matplotlib_inline.backend_inline")
        self.log = open(temp_dir("lab-log-") / "lab.log", "w+")
        if self.root is None:
            self.root = course_copy()
        # the repository's own script, serving self.root; it adds --allow-root itself when run as root
        cmd = [str(REPO / "scripts" / "open-course"), "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
               f"--IdentityProvider.token={self.token}", f"--LabApp.user_settings_dir={settings}",
               f"--LabApp.workspaces_dir={workspaces}", "--ServerApp.disable_check_xsrf=False",
               f"--ServerApp.root_dir={self.root}"]
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early:\n{self.read_log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"JupyterLab did not start within 120 s:\n{self.read_log()}")

    def read_log(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-5000:]

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except Exception:
                self.proc.kill()
        if self.log:
            self.log.close()


# A cell whose code is hidden (metadata.jupyter.source_hidden: the figure cells) shows an empty
# prompt: such prompts are skipped; the cells after it can only have run if it ran.
ALL_RUN_JS = r"""() => {
  const prompts = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]
    .map(p => p.textContent.trim()).filter(t => t !== '');
  return prompts.length > 0 && prompts.every(t => /\[\d+\]/.test(t));
}"""
STARTED_JS = r"""() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]
  .some(p => /\[(\*|\d+)\]/.test(p.textContent))"""


def open_notebook(page, server: LabServer, relpath: str, timeout: float = 60_000):
    """Open a notebook in a fresh layout and wait until the server has started its kernel (accepting
    JupyterLab's kernel question whenever it comes) and the kernel is idle. On a busy machine the
    page can look idle before any kernel exists; waiting for the server's session avoids that."""
    import time

    page.goto(f"{server.url}/lab/tree/{relpath}?reset&token={server.token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=timeout)
    auth = {"Authorization": f"token {server.token}"}
    deadline = time.time() + timeout / 1000
    while True:
        accept_kernel_dialog(page, 500)
        sessions = page.request.get(f"{server.url}/api/sessions", headers=auth).json()
        if any(s.get("path") == relpath and s.get("kernel") for s in sessions):
            break
        if time.time() > deadline:
            raise RuntimeError(f"JupyterLab started no kernel for {relpath} within {timeout / 1000:.0f} s")
        time.sleep(0.5)
    wait_kernel_idle(page, timeout)


def accept_kernel_dialog(page, wait_ms: int = 1500) -> bool:
    """If JupyterLab asks which kernel to start, accept its proposal (Python 3); True if it asked.

    On a busy machine the question can come late (or when Run All finds no kernel): callers
    that wait for something call this again while they wait."""
    dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    try:
        dialog.wait_for(timeout=wait_ms)
        dialog.locator("button.jp-mod-accept").click()
        return True
    except Exception:
        return False


def wait_kernel_idle(page, timeout: float = 60_000):
    page.wait_for_function(
        """() => { const s = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator');
                   return s && s.getAttribute('data-status') === 'idle'; }""", timeout=timeout)


def menu(page, top: str, item: str):
    page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
    page.locator(".lm-Menu-content .lm-Menu-itemLabel", has_text=item).first.click()


def run_all(page, timeout: float = 180_000):
    """Run > Run All Cells, then wait until every code cell shows an execution count and the
    kernel is idle. (After a kernel restart the old counts are cleared by JupyterLab.)

    The lessons collapse their code cells (students see figures and tables, not code), and a
    collapsed cell shows no execution count; View > Expand All Code first makes the counts
    visible, so the wait below sees every cell run."""
    menu(page, "View", "Expand All Code")
    for attempt in range(3):
        accept_kernel_dialog(page, 200)
        menu(page, "Run", "Run All Cells")
        accept_kernel_dialog(page, 3000)  # Run All with no kernel yet asks for one
        try:  # on a busy machine a click on a menu that is still opening can miss: check it started
            page.wait_for_function(STARTED_JS, timeout=30_000)
            break
        except Exception:
            if attempt == 2:
                raise
            if not accept_kernel_dialog(page, 200):
                page.keyboard.press("Escape")
    page.wait_for_function(ALL_RUN_JS, timeout=timeout)
    wait_kernel_idle(page, timeout)


def shutdown_kernels(page, timeout: float = 30.0):
    """Shut down every kernel and wait until the server has none, so the next test's kernel can
    never be caught by this shutdown (a race seen on a busy machine). Through the server's REST
    API with the page's own login; never raises (it runs in ``finally`` blocks)."""
    import time
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(page.url)
        base = f"{parts.scheme}://{parts.netloc}"
        token = dict(q.split("=", 1) for q in parts.query.split("&") if "=" in q).get("token", "") or page.evaluate(
            "() => { const e = document.getElementById('jupyter-config-data');"
            "        return e ? (JSON.parse(e.textContent).token || '') : ''; }")
        auth = {"Authorization": f"token {token}"} if token else {}
        deadline = time.time() + timeout
        while time.time() < deadline:
            kernels = page.request.get(f"{base}/api/kernels", headers=auth).json()
            if not kernels:
                return
            for k in kernels:
                page.request.delete(f"{base}/api/kernels/{k['id']}", headers=auth)
            time.sleep(0.5)
    except Exception:  # noqa: BLE001 - a cleanup step must not hide the test's own failure
        pass


def restart_kernel(page, timeout: float = 60_000):
    menu(page, "Kernel", "Restart Kernel…")
    page.locator(".jp-Dialog button.jp-mod-accept").first.click()
    page.wait_for_timeout(500)
    wait_kernel_idle(page, timeout)


def error_outputs(page) -> list[str]:
    """Texts of error outputs (tracebacks) in the open notebook."""
    return page.eval_on_selector_all(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
        "els => els.map(e => e.textContent).filter(t => /Traceback|Error|Exception/.test(t))")


# --------------------------------------------------------------------------- axe-core

AXE_VERSION = "4.10.3"


def axe_script() -> str:
    """The source of axe-core (from the npm registry, cached under ~/.cache/crisis-course/test-npm).

    Fetched once with ``npm install --ignore-scripts``; later runs use the cache (no network).
    Skips (or fails when browser tests are required) if npm is missing or the registry is unreachable.
    """
    import subprocess

    cache = Path(os.environ.get("CRISIS_COURSE_TEST_NPM_DIR", Path.home() / ".cache" / "crisis-course" / "test-npm"))
    script = cache / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        npm = shutil.which("npm")
        problem = None
        if not npm:
            problem = "npm not found (needed once to fetch axe-core from the npm registry)"
        else:
            cache.mkdir(parents=True, exist_ok=True)
            res = subprocess.run([npm, "install", "--prefix", str(cache), "--no-audit", "--no-fund", "--no-save",
                                  "--ignore-scripts", f"axe-core@{AXE_VERSION}"], capture_output=True, text=True,
                                 timeout=300)
            if res.returncode != 0 or not script.is_file():
                problem = f"npm could not fetch axe-core@{AXE_VERSION}: {res.stderr[-500:]}"
        if problem:
            if os.environ.get("CRISIS_COURSE_REQUIRE_BROWSER") == "1":
                pytest.fail(problem)
            pytest.skip(problem)
    return script.read_text(encoding="utf-8")


def run_axe(page, axe_source: str, context_selector: str | None = None) -> list[dict]:
    """Run axe-core on the page (or on the element ``context_selector`` selects); return its
    violations (id, impact, help, the first nodes' targets). Injects axe-core once per page."""
    if context_selector is None:
        return axe_check(page, axe_source)["violations"]
    return axe_check(page, axe_source, f"document.querySelector({json.dumps(context_selector)})")["violations"]


def axe_check(page, axe_source: str, context_js: str | None = None, rules: list[str] | None = None) -> dict:
    """Run axe-core once (every rule of its default set) on the page, or on what the JavaScript
    expression ``context_js`` gives (an element or an array of elements). Returns
    ``{"violations": [...], "contrast": {"passes": bool, "incomplete": [...]}}``: violations as
    :func:`run_axe` gives them; whether colour contrast passed anywhere, and up to five nodes whose
    contrast axe could not decide (those are neither passes nor violations: a test that needs the
    contrast checked asserts there are none). Passes are not itemised (``resultTypes``), which spares
    axe building a result for every node. ``rules``: only these axe rules (default: axe's default
    set). Injects axe-core once per page."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async ([ctxJs, rules]) => {
             let ctx = ctxJs ? (0, eval)(ctxJs) : document;
             if (Array.isArray(ctx)) ctx = {include: ctx};
             const options = {resultTypes: ['violations', 'incomplete']};
             if (rules) options.runOnly = {type: 'rule', values: rules};
             const r = await axe.run(ctx, options);
             const incomplete = r.incomplete.filter(v => v.id === 'color-contrast').flatMap(v => v.nodes);
             return {violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                        targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))})),
                     contrast: {passes: r.passes.some(v => v.id === 'color-contrast'),
                                incomplete: incomplete.slice(0, 5).map(n => [n.target.join(' '),
                                  (n.any[0] && n.any[0].data && n.any[0].data.messageKey) || 'undecided'])}};
           }""", [context_js, rules])


@contextlib.contextmanager
def axe_browser():
    """``(browser, axe-core source)`` in Debian's Chromium for a module's accessibility checks (the
    test is skipped when Chromium or Playwright is missing); the browser is closed afterwards."""
    sync_api = chromium_or_skip()
    axe = axe_script()
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        try:
            yield browser, axe
        finally:
            browser.close()
