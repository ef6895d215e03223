#!/usr/bin/env python3
"""Write the nbgitpuller link that gives students the course on a JupyterHub.

    python3 deploy/jupyterhub/nbgitpuller_link.py https://hub.example.edu https://github.com/OWNER/REPO
    python3 deploy/jupyterhub/nbgitpuller_link.py HUB REPO --branch main --lesson lessons/03_nato.ipynb

Following the link logs the student in (if needed), starts their server, clones REPO into a folder
of their home (named after the repository, or --folder) on first use, merges updates on later uses
without overwriting their own changes, and opens the lesson in JupyterLab. The clone is the one
network use: the hub's servers must be able to reach the git host (or use a git URL on the hub).
"""
from __future__ import annotations

import argparse
import sys
from urllib.parse import urlencode


def folder_for(repo: str) -> str:
    """The folder nbgitpuller clones into by default: the repository's last path part."""
    return repo.rstrip("/").split("/")[-1]


def make_link(hub: str, repo: str, branch: str = "main",
              lesson: str = "lessons/00_orientation.ipynb", folder: str | None = None) -> str:
    """The /hub/user-redirect/git-pull link for ``hub`` (base URL) that opens ``lesson`` in JupyterLab."""
    folder = folder or folder_for(repo)
    query = {"repo": repo, "branch": branch, "urlpath": f"lab/tree/{folder}/{lesson}"}
    if folder != folder_for(repo):
        query["targetpath"] = folder
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{urlencode(query)}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hub", help="the hub's base URL, e.g. https://hub.example.edu")
    parser.add_argument("repo", help="git URL of the course repository (your fork or mirror)")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--lesson", default="lessons/00_orientation.ipynb",
                        help="notebook to open, relative to the repository")
    parser.add_argument("--folder", help="folder in the student's home (default: the repository's name)")
    args = parser.parse_args(argv)
    print(make_link(args.hub, args.repo, args.branch, args.lesson, args.folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
