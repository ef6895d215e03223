"""Progress-file tests: each test gets an empty progress folder of its own (never the user's)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def progress_dir(tmp_path, monkeypatch):
    """An empty progress folder in ``tmp_path`` (``CRISIS_COURSE_PROGRESS_DIR``), student mode.
    Imported by a test module, it applies to every test there."""
    d = tmp_path / "progress"
    monkeypatch.setenv("CRISIS_COURSE_PROGRESS_DIR", str(d))
    monkeypatch.delenv("CRISIS_COURSE_INSTRUCTOR", raising=False)
    return d


def read(path: Path) -> dict:
    """A progress file's JSON."""
    return json.loads(path.read_text(encoding="utf-8"))
