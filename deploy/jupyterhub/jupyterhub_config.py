# JupyterHub configuration that serves the course to a class.
#
#   jupyterhub -f deploy/jupyterhub/jupyterhub_config.py
#
# What it sets up (guide: deploy/jupyterhub/README.md):
# - every student gets their own single-user Jupyter server, opening JupyterLab (/lab); the course
#   package (crisis_course) and nbgitpuller must be installed in the environment that runs it;
# - students reach the lessons through an nbgitpuller link (deploy/jupyterhub/nbgitpuller_link.py
#   writes it), which copies the notebooks into their home folder on first use and merges updates later;
# - quiz progress is per user: it is saved under each user's home
#   (~/.local/share/crisis-course/progress.json), never shared;
# - an idle culler (jupyterhub-idle-culler, a hub-managed service) stops servers idle for an hour;
# - a per-user memory limit (default 1G) and CPU limit (default 1). Only spawners that can enforce them do
#   (SystemdSpawner as used by The Littlest JupyterHub, KubeSpawner in Zero to JupyterHub, DockerSpawner);
#   the plain LocalProcessSpawner only passes them to the server as MEM_LIMIT / CPU_LIMIT.
#
# Site choices come from environment variables, so the same file serves a real class and the
# end-to-end test (tests/test_hub.py), which runs it with a dummy authenticator on 127.0.0.1:
#
#   CRISIS_HUB_BIND_URL        public URL the proxy listens on            (default http://:8000)
#   CRISIS_HUB_HUB_BIND_URL    where the hub process listens             (default http://127.0.0.1:8081)
#   CRISIS_HUB_PROXY_API_URL   configurable-http-proxy's API             (default http://127.0.0.1:8001)
#   CRISIS_HUB_PROXY_CMD       path of configurable-http-proxy (npm)     (default: found on PATH)
#   CRISIS_HUB_STATE_DIR       database, cookie secret, pid file          (default: current folder)
#   CRISIS_HUB_AUTHENTICATOR   pam | dummy | <any authenticator class>   (default pam: the machine's accounts)
#   CRISIS_HUB_ALLOWED_USERS   comma-separated usernames allowed to log in (default: see below)
#   CRISIS_HUB_ADMIN_USERS     comma-separated admin usernames
#   CRISIS_HUB_SPAWNER         local | simple | systemd | <any spawner class>  (default local)
#   CRISIS_HUB_HOME_TEMPLATE   home folder per user for the "simple" spawner   (default /tmp/{username})
#   CRISIS_HUB_MEM_LIMIT       per-user memory limit                      (default 1G)
#   CRISIS_HUB_CPU_LIMIT       per-user CPU limit (cores)                 (default 1)
#   CRISIS_HUB_CULL_TIMEOUT    seconds of inactivity before a server is stopped (default 3600; 0: no culler)
#   CRISIS_HUB_CULL_EVERY      how often the culler checks, seconds       (default 300)
#
# "dummy" lets anyone in with any password and "simple" runs every user as the hub's own system
# user with a separate home folder: they are for tests and demonstrations on 127.0.0.1 only.
import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)
env = os.environ.get

# ---------------------------------------------------------------- network
c.JupyterHub.bind_url = env("CRISIS_HUB_BIND_URL", "http://:8000")
c.JupyterHub.hub_bind_url = env("CRISIS_HUB_HUB_BIND_URL", "http://127.0.0.1:8081")
c.ConfigurableHTTPProxy.api_url = env("CRISIS_HUB_PROXY_API_URL", "http://127.0.0.1:8001")
_proxy = env("CRISIS_HUB_PROXY_CMD") or shutil.which("configurable-http-proxy")
if _proxy:
    c.ConfigurableHTTPProxy.command = [_proxy]

# ---------------------------------------------------------------- state
_state = Path(env("CRISIS_HUB_STATE_DIR", ".")).resolve()
_state.mkdir(parents=True, exist_ok=True)
c.JupyterHub.db_url = f"sqlite:///{_state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(_state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(_state / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True   # stopping the hub stops the students' servers
c.JupyterHub.cleanup_proxy = True

# ---------------------------------------------------------------- who may log in
_auth = env("CRISIS_HUB_AUTHENTICATOR", "pam")
c.JupyterHub.authenticator_class = _auth
_allowed = {u.strip() for u in env("CRISIS_HUB_ALLOWED_USERS", "").split(",") if u.strip()}
_admins = {u.strip() for u in env("CRISIS_HUB_ADMIN_USERS", "").split(",") if u.strip()}
if _allowed:
    c.Authenticator.allowed_users = _allowed
elif _auth == "dummy":
    c.Authenticator.allow_all = True   # test/demo only: anyone, any password
if _admins:
    c.Authenticator.admin_users = _admins

# ---------------------------------------------------------------- the students' servers
_spawner = env("CRISIS_HUB_SPAWNER", "local")
c.JupyterHub.spawner_class = {
    "local": "jupyterhub.spawner.LocalProcessSpawner",
    "simple": "jupyterhub.spawner.SimpleLocalProcessSpawner",
    "systemd": "systemdspawner.SystemdSpawner",
}.get(_spawner, _spawner)
if _spawner == "simple":
    c.SimpleLocalProcessSpawner.home_dir_template = env("CRISIS_HUB_HOME_TEMPLATE", "/tmp/{username}")

# The single-user server from the same environment as the hub, where the course is installed.
_singleuser = Path(sys.executable).with_name("jupyterhub-singleuser")
c.Spawner.cmd = [str(_singleuser) if _singleuser.exists() else "jupyterhub-singleuser"]
c.Spawner.args = []
if _spawner == "simple" and os.geteuid() == 0:
    # the simple spawner runs every user as the hub's user; as root Jupyter refuses without this
    c.Spawner.args.append("--allow-root")
# jupyter-lsp (installed with JupyterLab) does nothing without language servers, which the course
# does not install; switching it off saved ~6 MB and ~8% of each server's start-up CPU (measured).
c.Spawner.args.append('--ServerApp.jpserver_extensions={"jupyter_lsp": False}')
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
# Slow machines and a whole class logging in at once: give servers time to start.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.JupyterHub.concurrent_spawn_limit = 100

# Per-user limits (enforced by SystemdSpawner, KubeSpawner, DockerSpawner; LocalProcessSpawner
# and SimpleLocalProcessSpawner only pass them on as MEM_LIMIT / CPU_LIMIT environment variables).
c.Spawner.mem_limit = env("CRISIS_HUB_MEM_LIMIT", "1G")
c.Spawner.cpu_limit = float(env("CRISIS_HUB_CPU_LIMIT", "1"))

# Quiz progress: crisis_course saves it in the user's data folder under their own home
# (~/.local/share/crisis-course). Never set CRISIS_COURSE_PROGRESS_DIR here to one shared path.
c.Spawner.environment = {}
# Charts: students' kernels show the pictures `crisis-course figures` drew into the folder beside the
# installed course (<sys.prefix>/share/crisis-course/figures; guide: "Figures drawn once") instead of
# drawing them. CRISIS_COURSE_FIGURE_CACHE in the hub's environment (a folder list, or "off") is passed on.
if env("CRISIS_COURSE_FIGURE_CACHE"):
    c.Spawner.environment["CRISIS_COURSE_FIGURE_CACHE"] = env("CRISIS_COURSE_FIGURE_CACHE")

# ---------------------------------------------------------------- idle culler
_cull_timeout = int(env("CRISIS_HUB_CULL_TIMEOUT", "3600"))
if _cull_timeout > 0:
    c.JupyterHub.load_roles = [{
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }]
    c.JupyterHub.services = [{
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                    f"--timeout={_cull_timeout}", f"--cull-every={int(env('CRISIS_HUB_CULL_EVERY', '300'))}"],
    }]
    # servers report activity often enough for the culler to see students who are working
    c.Spawner.environment["JUPYTERHUB_ACTIVITY_INTERVAL"] = str(max(10, min(300, _cull_timeout // 3)))
