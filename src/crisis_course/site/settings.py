"""Where the site's files are, and the settings that make its launch links (Binder, JupyterHub
with nbgitpuller, download) from one repository address."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlparse

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "assets"
TEMPLATES = HERE / "templates"
DEFAULT_TITLE = "Two Agendas: Ukraine, NATO, sanctions and gas on 7 December 2021"

#: keys of a bank question that never reach a student's page
PRIVATE_KEYS = ("instructor_notes",)


class SiteError(RuntimeError):
    """The site could not be built (a lesson failed, a bad setting)."""


# --------------------------------------------------------------------------- settings

@dataclass
class SiteSettings:
    """Where the course lives, for the landing page's launch links (one setting: the repository)."""

    repository: str = ""        # https URL of the course's git repository ("" = not published)
    branch: str = "main"
    binder: str = "https://mybinder.org"
    hub: str = ""               # a JupyterHub's address ("" = the page asks the reader for it)
    title: str = DEFAULT_TITLE
    short_title: str = "Two Agendas"

    def __post_init__(self):
        self.repository = normalise_repository(self.repository)
        self.hub = (self.hub or "").strip().rstrip("/")
        self.binder = (self.binder or "https://mybinder.org").strip().rstrip("/")
        self.branch = (self.branch or "main").strip()
        for name in ("hub", "binder"):
            value = getattr(self, name)
            if value and not re.match(r"^https?://[^\s/]+", value):
                raise SiteError(f"site setting {name!r} must be an http(s) address, got {value!r}")


def normalise_repository(value: str | None) -> str:
    """``owner/name`` (GitHub) or an https URL -> an https URL without ``.git`` or a trailing slash."""
    value = (value or "").strip()
    if not value:
        return ""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+", value):
        value = f"https://github.com/{value}"
    if not re.match(r"^https?://[^\s/]+/\S+$", value):
        raise SiteError(f"the repository must be OWNER/NAME (GitHub) or an https URL, got {value!r}")
    value = value.rstrip("/")
    return value[:-4] if value.endswith(".git") else value


def settings_from_manifest(repository: str | None = None, hub: str | None = None,
                           branch: str | None = None) -> SiteSettings:
    """The manifest's ``site:`` block (``content/course.yaml``), overridden by any given flag."""
    site, title, short = {}, DEFAULT_TITLE, "Two Agendas"
    try:
        from .. import course

        c = course.load()
        site, title, short = dict(c.site or {}), c.title, c.short_title
    except Exception:  # no manifest (older checkout): flags only
        pass
    return SiteSettings(repository=repository if repository is not None else site.get("repository", ""),
                        branch=branch or site.get("branch") or "main",
                        binder=site.get("binder") or "https://mybinder.org",
                        hub=hub if hub is not None else site.get("hub", ""), title=title,
                        short_title=short)


def launch_links(settings: SiteSettings, first_notebook: str) -> dict:
    """Binder, JupyterHub (nbgitpuller) and download links from the one repository setting.

    Returns a dict with ``binder``, ``hub`` (a full link, or None when no hub is set),
    ``hub_path`` (the nbgitpuller path to append to any hub's address), ``download`` (GitHub's
    zip of the branch, or None for other hosts) and ``repository``; empty when unpublished.
    """
    repo = settings.repository
    if not repo:
        return {}
    parsed = urlparse(repo)
    name = parsed.path.rstrip("/").rsplit("/", 1)[-1]
    lab_path = f"lab/tree/lessons/{first_notebook}"
    if parsed.netloc == "github.com":
        owner_name = parsed.path.strip("/")
        binder = f"{settings.binder}/v2/gh/{owner_name}/{quote(settings.branch, safe='')}?urlpath={quote(lab_path, safe='/')}"
        download = f"{repo}/archive/refs/heads/{quote(settings.branch, safe='')}.zip"
    else:
        binder = f"{settings.binder}/v2/git/{quote(repo, safe='')}/{quote(settings.branch, safe='')}?urlpath={quote(lab_path, safe='/')}"
        download = None
    hub_path = ("/hub/user-redirect/git-pull?repo=" + quote(repo, safe="") + "&branch=" + quote(settings.branch, safe="")
                + "&urlpath=" + quote(f"lab/tree/{name}/lessons/{first_notebook}", safe=""))
    return {"repository": repo, "binder": binder, "hub": (settings.hub + hub_path) if settings.hub else None,
            "hub_path": hub_path, "download": download, "name": name}
