"""Golden outputs of the exports: normalisation, fixtures and re-recording.

The golden files in ``tests/golden/`` were recorded from commit b232fb9 (before the export
package refactor) by exporting lessons 3 and 6 (slides, offline slides, HTML handouts) and the
answer key (no solutions) with an empty temporary progress folder. ``tests/test_export.py``
compares a fresh export of the same inputs with them after :func:`normalise`; see
``tests/golden/README.md`` for what is normalised and for the documented, intended changes.

Inputs kept with the golden files, so the comparison tests the export code alone (lessons and
banks keep changing):

- ``inputs/NN_slug.executed.ipynb``: the executed lesson as the exporter received it, with every
  base64 image payload replaced by ``HASH-<sha256 prefix>`` of the original bytes (the outputs
  are normalised the same way, so the hashes still match);
- ``banks/*.yaml``: the question banks of that commit.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
LESSONS = ["03_nato", "06_energy"]
#: (golden file, kind) pairs: kind is slides | slides-offline | handouts | answer_key
FILES = ([(f"slides/{n}.slides.html", "slides") for n in LESSONS]
         + [(f"slides-offline/{n}.slides.html", "slides-offline") for n in LESSONS]
         + [(f"handouts/{n}.html", "handouts") for n in LESSONS]
         + [("answer_key.html", "answer_key"), ("answer_key.md", "answer_key")])

_DATA_URI = re.compile(r"(data:image/[a-z+.-]+;base64,)([A-Za-z0-9+/=\s\\n-]+)")
_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)
_OWN_CSS = ("Course styles", "Course handout styles")


def stored(rel: str) -> Path:
    """Where the golden copy of an export ``rel`` is kept: HTML is stored as ``.html.txt`` (a
    normalised text snapshot, not a page to open; and code tools then do not count its lines)."""
    return GOLDEN / (rel + ".txt" if rel.endswith(".html") else rel)


def image_token(payload: str) -> str:
    """``HASH-<16 hex>`` for a base64 payload (idempotent: a token stays itself)."""
    payload = payload.strip()
    if payload.startswith("HASH-"):
        return payload
    clean = re.sub(r"\s|\\n", "", payload)
    return "HASH-" + hashlib.sha256(clean.encode()).hexdigest()[:16]


def _style(m: re.Match) -> str:
    body = m.group(2)
    if any(mark in body for mark in _OWN_CSS) or body.startswith("[nbconvert css sha256 "):
        return m.group(0)  # the course's own stylesheets are compared line by line
    return f"{m.group(1)}[nbconvert css sha256 {hashlib.sha256(body.encode()).hexdigest()[:16]}]{m.group(3)}"


def normalise(text: str) -> str:
    """Strip what varies between runs and machines: image bytes (-> hashes), pandas Styler's random
    table ids, nbconvert's bundled CSS (-> a hash), dates, absolute paths; trailing spaces."""
    text = _DATA_URI.sub(lambda m: m.group(1) + image_token(m.group(2)), text)
    text = re.sub(r"\bT_[0-9a-f]{5}(?=[_\"\s#.:,{])", "T_xxxxx", text)  # pandas Styler's random table ids
    text = _STYLE.sub(_style, text)
    text = re.sub(r"\bGenerated 20\d\d-\d\d-\d\d\b", "Generated <DATE>", text)  # the build date only
    text = re.sub(r"(/tmp|/work|/home|/root|/private)/[^\s\"'<>)]*?/(lessons|slides|handouts|src)/",
                  r"<PATH>/\2/", text)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def hash_notebook_images(nb):
    """In place: every image payload of ``nb``'s outputs (mime bundles and data: URIs in HTML)
    becomes its :func:`image_token`. Returns ``nb``."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            for mime in list(data):
                value = data[mime]
                if mime.startswith("image/") and mime != "image/svg+xml":
                    data[mime] = image_token("".join(value) if isinstance(value, list) else value)
                elif isinstance(value, str) and "base64," in value:
                    data[mime] = _DATA_URI.sub(lambda m: m.group(1) + image_token(m.group(2)), value)
        for name, att in (cell.get("attachments") or {}).items():
            for mime in list(att):
                att[mime] = image_token(att[mime])
    return nb


def fixture_inputs() -> dict:
    """lesson path (``NN_slug.ipynb``, not read) -> the stored executed notebook."""
    import nbformat

    return {Path(f"{n}.ipynb"): nbformat.read(str(GOLDEN / "inputs" / f"{n}.executed.ipynb"), as_version=4)
            for n in LESSONS}


def export_fixtures(export, out: Path, asset_cache=None, banks=None, **extra) -> dict:
    """Export the stored inputs with the ``export`` module into ``out``; return rel path -> text.

    ``extra`` goes to ``write_slides``/``write_handouts`` (for example ``notes=False``: the stored
    inputs still carry today's notes cells, so the notes files must not be merged a second time).
    """
    executed = fixture_inputs()
    paths = list(executed)
    quiet = export.Progress(len(paths), quiet=True)
    res = export.write_slides(paths, out / "slides", executed=executed, progress=quiet, **extra)
    assert not res.failed, res.failed
    if asset_cache is not None:
        res = export.write_slides(paths, out / "slides-offline", offline=True, asset_cache=asset_cache,
                                  executed=executed, progress=quiet, **extra)
        assert not res.failed, res.failed
    res = export.write_handouts(paths, out / "handouts", pdf=False, executed=executed, progress=quiet, **extra)
    assert not res.failed, res.failed
    kw = {"banks": banks} if banks is not None else {}
    page, md, _info = export.build_answer_key(solutions_dir=None, **kw)
    (out / "answer_key.html").write_text(page, encoding="utf-8")
    (out / "answer_key.md").write_text(md, encoding="utf-8")
    return {rel: normalise((out / rel).read_text(encoding="utf-8"))
            for rel, _kind in FILES if (out / rel).is_file()}


#: the level given to the golden banks' questions, which predate the (now required) ``level`` field
GOLDEN_LEVEL = "recall"


def golden_banks(folder: Path) -> list[Path]:
    """Copies of the golden banks in ``folder`` that load with today's schema: each question
    without a ``level`` gets :data:`GOLDEN_LEVEL` (nothing else changes)."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for src in sorted((GOLDEN / "banks").glob("*.yaml")):
        data = yaml.safe_load(src.read_text(encoding="utf-8"))
        for q in data.get("questions", []):
            q.setdefault("level", GOLDEN_LEVEL)
        dst = folder / src.name
        dst.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
        out.append(dst)
    return out
