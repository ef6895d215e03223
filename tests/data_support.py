"""The package's data folder copied into tmp with the loaders pointed at it (tests that damage
data files, the registry or the generated docs must never touch the shipped ones)."""
from __future__ import annotations

import shutil

from crisis_course import data


def data_copy(tmp_path, monkeypatch):
    """Copy ``crisis_course/data/`` (files, registry, READMEs) to ``tmp_path/data`` and point
    :func:`crisis_course.data.data_path` there, with empty caches; return the copy's folder."""
    fake = tmp_path / "data"
    shutil.copytree(data.data_path(data.REGISTRY_FILE).parent, fake, dirs_exist_ok=True)
    monkeypatch.setattr(data, "data_path", lambda name: fake / name)
    monkeypatch.setattr(data, "_cache", {})
    monkeypatch.setattr(data, "_verified", {})
    return fake
