"""A real JupyterHub on 127.0.0.1 for the classroom test and benchmark, and students who use it over HTTP.

- :func:`ensure_proxy` installs configurable-http-proxy (npm) once into a cache folder with the
  machine's ``npm`` (like ``crisis_course.export.fetch_assets``) and returns its path.
- :func:`clone_course` makes a local git clone of the committed HEAD for nbgitpuller to pull from.
- :class:`Hub` runs ``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py`` with a dummy authenticator
  and ``SimpleLocalProcessSpawner`` (each user a home folder under the hub's temporary folder).
- :class:`Student` logs in with the login form, starts and stops their server through the hub's REST
  API, follows the nbgitpuller link, opens a notebook (a kernel session) and runs code in it over the
  kernel's websocket, as JupyterLab does.

Every request goes to 127.0.0.1; nothing here reaches the network except ``npm install`` in
:func:`ensure_proxy` when the proxy is not yet in the cache.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PROXY_PACKAGE = "configurable-http-proxy@5.3.0"


class HubError(RuntimeError):
    pass


# --------------------------------------------------------------------------- set-up

def proxy_cache_dir() -> Path:
    env = os.environ.get("CRISIS_COURSE_HUB_NPM_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("crisis-course", appauthor=False)) / "hub-npm"


def ensure_proxy(cache: Path | None = None, log=print) -> Path:
    """Path of configurable-http-proxy, installed from the npm registry into ``cache`` on first use."""
    cache = Path(cache) if cache else proxy_cache_dir()
    exe = cache / "node_modules" / ".bin" / "configurable-http-proxy"
    if exe.exists():
        return exe
    npm = shutil.which("npm")
    if not npm:
        raise HubError("JupyterHub's proxy, configurable-http-proxy, comes from npm, but 'npm' was not "
                       "found (Debian/Ubuntu: apt-get install npm).")
    cache.mkdir(parents=True, exist_ok=True)
    log(f"Installing {PROXY_PACKAGE} from the npm registry into {cache} ...")
    cmd = [npm, "install", "--prefix", str(cache), "--no-audit", "--no-fund", "--no-save",
           "--no-package-lock", "--ignore-scripts", "--loglevel=error", PROXY_PACKAGE]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 or not exe.exists():
        raise HubError(f"npm could not install {PROXY_PACKAGE} (is the npm registry reachable?):\n"
                       + (proc.stderr or proc.stdout)[-2000:])
    return exe


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clone_course(dest: Path, branch: str = "course") -> tuple[str, str]:
    """Clone the repository's committed HEAD into ``dest`` (a local git repository on branch
    ``branch``) and return (git URL, branch) for nbgitpuller."""
    dest = Path(dest)
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(dest)], check=True,
                   capture_output=True, text=True, timeout=300)
    subprocess.run(["git", "checkout", "--quiet", "-B", branch], cwd=dest, check=True,
                   capture_output=True, text=True)
    return dest.resolve().as_uri(), branch


def wait_for(predicate, timeout: float, what: str, interval: float = 0.5, alive=None):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if alive is not None:
            alive()
        try:
            value = predicate()
            if value:
                return value
        except Exception as exc:  # noqa: BLE001 - polling: remember why, try again
            last = exc
        time.sleep(interval)
    raise HubError(f"timed out after {timeout:.0f} s waiting for {what} (last error: {last!r})")


# --------------------------------------------------------------------------- the hub

class Hub:
    """JupyterHub with the course configuration on 127.0.0.1 (random free ports).

    Use as a context manager. ``url`` is the public URL, ``homes`` the folder of the users' homes.
    ``cull_timeout=0`` (the default here) leaves the idle culler out; a positive value runs it.
    """

    def __init__(self, workdir: Path, cull_timeout: int = 0, cull_every: int = 300,
                 mem_limit: str = "1G", start_timeout: float = 180, env: dict | None = None):
        self.workdir = Path(workdir)
        self.extra_env = dict(env or {})  # e.g. {"CRISIS_COURSE_FIGURE_CACHE": "off"}: the config passes it on
        self.homes = self.workdir / "homes"
        self.state = self.workdir / "state"
        self.cull_timeout = cull_timeout
        self.cull_every = cull_every
        self.mem_limit = mem_limit
        self.start_timeout = start_timeout
        self.proc = None
        self.leftover: dict[str, list[int]] = {}
        self.log_path = self.workdir / "jupyterhub.log"

    def __enter__(self):
        import requests

        proxy = ensure_proxy()
        self.homes.mkdir(parents=True, exist_ok=True)
        self.state.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("CRISIS_COURSE_", "JUPYTER", "XDG_"))}
        env.update({
            "CRISIS_HUB_BIND_URL": self.url,
            "CRISIS_HUB_HUB_BIND_URL": f"http://127.0.0.1:{free_port()}",
            "CRISIS_HUB_PROXY_API_URL": f"http://127.0.0.1:{free_port()}",
            "CRISIS_HUB_PROXY_CMD": str(proxy),
            "CRISIS_HUB_STATE_DIR": str(self.state),
            "CRISIS_HUB_AUTHENTICATOR": "dummy",
            "CRISIS_HUB_SPAWNER": "simple",
            "CRISIS_HUB_HOME_TEMPLATE": str(self.homes / "{username}"),
            "CRISIS_HUB_MEM_LIMIT": self.mem_limit,
            "CRISIS_HUB_CULL_TIMEOUT": str(self.cull_timeout),
            "CRISIS_HUB_CULL_EVERY": str(self.cull_every),
            "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        })
        env.update(self.extra_env)
        exe = Path(sys.executable).with_name("jupyterhub")
        if not exe.exists():
            raise HubError(f"{exe} not found: install the hub extra (pip install -e '.[hub]')")
        self.log = open(self.log_path, "w+")
        self.proc = subprocess.Popen([str(exe), "-f", str(CONFIG)], cwd=self.state, env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for(lambda: requests.get(f"{self.url}/hub/api/", timeout=5).status_code == 200,
                  self.start_timeout, "the hub to answer", alive=self._alive)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _alive(self):
        if self.proc.poll() is not None:
            raise HubError(f"JupyterHub exited ({self.proc.returncode}):\n{self.read_log()}")

    def read_log(self, chars: int = 6000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def user_processes(self) -> dict[str, list[int]]:
        """{username: [pids]} of the processes (servers, kernels) running with a home under ``homes``."""
        out: dict[str, list[int]] = {}
        prefix = f"HOME={self.homes}/".encode()
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                environ = Path(f"/proc/{entry}/environ").read_bytes()
            except OSError:
                continue
            for var in environ.split(b"\0"):
                if var.startswith(prefix):
                    out.setdefault(var[len(prefix):].decode(errors="replace"), []).append(int(entry))
                    break
        return out

    def __exit__(self, *exc):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the hub stops the servers and the proxy it started
            try:
                self.proc.wait(timeout=90)
            except subprocess.TimeoutExpired:
                pass
        if self.proc is not None:
            with _suppress():
                os.killpg(self.proc.pid, signal.SIGKILL)  # anything left in the hub's own group
            with _suppress():
                self.proc.wait(timeout=10)
        # what the hub did not stop (kernels end on their own within seconds once their server is gone)
        deadline = time.monotonic() + 30
        while self.user_processes() and time.monotonic() < deadline:
            time.sleep(0.5)
        self.leftover = self.user_processes()
        for pids in self.leftover.values():  # started by us, under our homes folder
            for pid in pids:
                with _suppress():
                    os.kill(pid, signal.SIGKILL)
        if getattr(self, "log", None):
            self.log.close()


class _suppress:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return exc[0] is not None and issubclass(exc[0], (OSError, subprocess.SubprocessError))


# --------------------------------------------------------------------------- a student

class Student:
    """One student in a browser-less session: cookies, the hub's API, their server's API."""

    def __init__(self, hub: Hub, name: str, password: str = "classroom"):
        import requests

        self.hub = hub
        self.name = name
        self.password = password
        self.http = requests.Session()
        self.server = f"{hub.url}/user/{name}"

    # ---- hub
    def _hub_xsrf(self) -> dict:
        token = self.http.cookies.get("_xsrf", path="/hub/") or self.http.cookies.get("_xsrf")
        return {"X-XSRFToken": token} if token else {}

    def login(self) -> None:
        r = self.http.get(f"{self.hub.url}/hub/login", timeout=60)
        r.raise_for_status()
        data = {"username": self.name, "password": self.password}
        token = self.http.cookies.get("_xsrf", path="/hub/") or self.http.cookies.get("_xsrf")
        if token:
            data["_xsrf"] = token
        r = self.http.post(f"{self.hub.url}/hub/login", data=data, allow_redirects=False, timeout=60)
        if r.status_code not in (302, 303):
            raise HubError(f"login of {self.name} failed: HTTP {r.status_code} {r.text[:500]}")

    def user_model(self) -> dict:
        r = self.http.get(f"{self.hub.url}/hub/api/users/{self.name}", headers=self._hub_xsrf(), timeout=60)
        r.raise_for_status()
        return r.json()

    def server_ready(self) -> bool:
        server = self.user_model().get("servers", {}).get("")
        return bool(server and server.get("ready"))

    def start_server(self, timeout: float = 240) -> None:
        r = self.http.post(f"{self.hub.url}/hub/api/users/{self.name}/server", headers=self._hub_xsrf(),
                           timeout=60)
        if r.status_code not in (201, 202, 400):  # 400: already running
            raise HubError(f"spawn of {self.name}: HTTP {r.status_code} {r.text[:500]}")
        wait_for(self.server_ready, timeout, f"{self.name}'s server", alive=self.hub._alive)

    def stop_server(self, timeout: float = 120) -> None:
        r = self.http.delete(f"{self.hub.url}/hub/api/users/{self.name}/server", headers=self._hub_xsrf(),
                             timeout=60)
        if r.status_code not in (202, 204):
            raise HubError(f"stop of {self.name}: HTTP {r.status_code} {r.text[:500]}")
        wait_for(lambda: not self.user_model().get("servers"), timeout, f"{self.name}'s server to stop")

    # ---- single-user server
    def _server_xsrf(self) -> dict:
        token = self.http.cookies.get("_xsrf", path=f"/user/{self.name}/")
        return {"X-XSRFToken": token} if token else {}

    def get_page(self, url: str):
        """GET a page (following the hub's OAuth redirects, as a browser would)."""
        r = self.http.get(url, timeout=120)
        r.raise_for_status()
        return r

    def open_lab(self):
        return self.get_page(f"{self.server}/lab")

    def git_pull(self, link: str, timeout: float = 300) -> dict:
        """Follow an nbgitpuller link: its page (through user-redirect and OAuth), then the pull its
        script starts (the server-sent event stream at git-pull/api); then the page it redirects to.
        Returns {"phases": [...], "urlpath": ...}."""
        from urllib.parse import parse_qs, urlparse

        page = self.get_page(link)
        if f"/user/{self.name}/git-pull" not in page.url:
            raise HubError(f"the nbgitpuller link led to {page.url}, not {self.name}'s git-pull page")
        query = {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}
        api = {k: query[k] for k in ("repo", "branch", "depth", "targetpath") if k in query}
        phases, messages = [], []
        with self.http.get(f"{self.server}/git-pull/api?{urlencode(api)}", stream=True,
                           timeout=timeout) as r:
            r.raise_for_status()
            for line in r.iter_lines(decode_unicode=True):
                if not line or not line.startswith("data:"):
                    continue
                event = json.loads(line[5:].strip())
                if "phase" in event:
                    phases.append(event["phase"])
                    if event["phase"] in ("finished", "error"):
                        messages.append(event.get("message", ""))
                        break
                elif "output" in event:
                    messages.append(event["output"])
        if not phases or phases[-1] != "finished":
            raise HubError(f"nbgitpuller did not finish for {self.name}: {phases} {messages[-5:]}")
        urlpath = query.get("urlpath", "")
        self.get_page(f"{self.server}/{urlpath}")
        return {"phases": phases, "urlpath": urlpath}

    def api(self, method: str, path: str, **kw):
        r = self.http.request(method, f"{self.server}/api/{path}", headers=self._server_xsrf(),
                              timeout=kw.pop("timeout", 120), **kw)
        r.raise_for_status()
        return r.json() if r.content else None

    def notebook(self, path: str) -> dict:
        return self.api("GET", f"contents/{quote(path)}?content=1")["content"]

    def open_notebook(self, path: str) -> Kernel:
        """Open a notebook as JupyterLab does: a session with a python3 kernel in its folder."""
        session = self.api("POST", "sessions", json={"path": path, "name": Path(path).name, "type": "notebook",
                                                     "kernel": {"name": "python3"}})
        return Kernel(self, session["kernel"]["id"])


class Kernel:
    """A kernel of a student's server, driven over its websocket (the Jupyter messaging protocol)."""

    def __init__(self, student: Student, kernel_id: str):
        import websocket

        self.student = student
        self.id = kernel_id
        self.session = uuid.uuid4().hex
        hub = student.hub
        url = (f"ws://127.0.0.1:{hub.port}/user/{student.name}/api/kernels/{kernel_id}/channels"
               f"?session_id={self.session}")
        cookies = "; ".join(f"{c.name}={c.value}" for c in student.http.cookies
                            if c.path in ("/", f"/user/{student.name}/", f"/user/{student.name}"))
        xsrf = student._server_xsrf()
        if xsrf:
            url += "&_xsrf=" + quote(xsrf["X-XSRFToken"])
        self.ws = websocket.create_connection(url, header=[f"Cookie: {cookies}", *(f"{k}: {v}" for k, v in xsrf.items())],
                                              timeout=300)

    def execute(self, code: str, timeout: float = 300) -> dict:
        """Run ``code``; return {"status", "stdout", "error", "data"} (data: last text/plain result)."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": self.student.name, "session": self.session,
                       "msg_type": "execute_request", "version": "5.3",
                       "date": _dt.datetime.now(_dt.timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        out = {"status": None, "stdout": "", "error": None, "data": None}
        idle = False
        deadline = time.monotonic() + timeout
        while not (idle and out["status"]):
            if time.monotonic() > deadline:
                raise HubError(f"cell did not finish within {timeout:.0f} s: {code[:200]!r}")
            msg = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["header"]["msg_type"], msg["content"]
            if kind == "stream":
                out["stdout"] += content.get("text", "")
            elif kind == "execute_result":
                out["data"] = content.get("data", {}).get("text/plain")
            elif kind == "error":
                out["error"] = f"{content.get('ename')}: {content.get('evalue')}"
            elif kind == "execute_reply":
                out["status"] = content.get("status")
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
        return out

    def run_notebook(self, cells: list[dict], timeout: float = 300) -> int:
        """Run every code cell in order, stopping at the first error (raised). Returns cells run."""
        n = 0
        for cell in cells:
            if cell.get("cell_type") != "code":
                continue
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            res = self.execute(source, timeout=timeout)
            if res["status"] != "ok":
                raise HubError(f"cell {cell.get('id')} of {self.student.name}'s notebook failed: {res['error']}")
            n += 1
        return n

    def close(self):
        with _suppress():
            self.ws.close()


def answer_code(bank: str, question: int | str = 0) -> str:
    """Code a student runs in the kernel: answer one question of ``bank``'s quiz (with its right answer,
    as a student who knows it would) through Quiz.answer, which puts the answer into the widgets and
    clicks Check, saving it; prints the question id and whether it was judged correct."""
    return (
        "from crisis_course.quiz import Quiz\n"
        f"_quiz = Quiz.from_bank({bank!r})\n"
        f"_view = _quiz.view({question!r})\n"
        "_key = _view.question.correct_answer\n"
        "_key = _key() if callable(_key) else _key\n"
        "_result = _quiz.answer(_view.question.id, _key)\n"
        "print(_view.question.id, _result.correct)\n"
    )


SAVED_CODE = (
    "import json\n"
    "from crisis_course.quiz import ProgressStore\n"
    "_store = ProgressStore()\n"
    "print(json.dumps({'path': str(_store.path), 'banks': _store.load()['banks']}))\n"
)
