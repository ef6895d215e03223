"""Offline slide assets: reveal.js, require.js and jQuery fetched once from the npm registry
with ``npm`` into a cache, copied next to offline decks; and a scanner for network assets."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from .core import _ASSET_FILES, ASSET_PACKAGES, OFFLINE_THEMES, AssetError, ExportError


def asset_cache_dir() -> Path:
    """Where the npm assets are cached: ``$CRISIS_COURSE_ASSET_DIR`` or
    ``$XDG_CACHE_HOME/crisis-course/assets`` (default ``~/.cache/crisis-course/assets``)."""
    env = os.environ.get("CRISIS_COURSE_ASSET_DIR")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crisis-course" / "assets"


def _node_modules(cache: Path) -> Path:
    return cache / "node_modules"


def assets_missing(cache: str | os.PathLike | None = None) -> list[str]:
    """The asset files (and wrong versions) missing from the cache; empty when complete."""
    cache = Path(cache) if cache else asset_cache_dir()
    nm = _node_modules(cache)
    missing = [f for f in _ASSET_FILES if not (nm / f).is_file()]
    for pkg, version in ASSET_PACKAGES.items():
        meta = nm / pkg / "package.json"
        if meta.is_file():
            try:
                found = json.loads(meta.read_text(encoding="utf-8")).get("version")
            except ValueError:
                found = None
            if found != version:
                missing.append(f"{pkg}@{version} (cache has {found})")
    return missing


def fetch_assets(cache: str | os.PathLike | None = None, npm: str | None = None,
                 log=print) -> Path:
    """Install the asset packages from the npm registry into ``cache`` with ``npm install``.

    Uses the ordinary npm client (honouring the user's ``.npmrc``, proxy and registry settings),
    ``--ignore-scripts`` so nothing runs, and exact versions from :data:`ASSET_PACKAGES`.
    Raises :class:`AssetError` with advice when npm or the registry is unavailable.
    """
    cache = Path(cache) if cache else asset_cache_dir()
    npm = npm or shutil.which("npm")
    if not npm:
        raise AssetError(
            "Offline slides need reveal.js, require.js and jQuery from the npm registry, but 'npm' "
            "was not found. Install Node.js/npm (Debian/Ubuntu: apt-get install npm) and run again, "
            f"or copy an asset cache made on another machine ('crisis-course assets') into {cache} "
            "(or point CRISIS_COURSE_ASSET_DIR at it).")
    cache.mkdir(parents=True, exist_ok=True)
    specs = [f"{name}@{version}" for name, version in ASSET_PACKAGES.items()]
    cmd = [npm, "install", "--prefix", str(cache), "--no-audit", "--no-fund", "--no-save",
           "--no-package-lock", "--ignore-scripts", "--loglevel=error", *specs]
    log(f"Fetching offline slide assets from the npm registry into {cache} ({', '.join(specs)}) ...")
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AssetError(f"Could not run npm to fetch the slide assets: {exc}") from None
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-6:]
        raise AssetError(
            "npm could not fetch the slide assets (is the npm registry reachable? check proxy "
            "settings with 'npm config get registry'):\n  " + "\n  ".join(detail))
    missing = assets_missing(cache)
    if missing:
        raise AssetError(f"npm finished but the asset cache {cache} lacks: {', '.join(missing)}")
    (cache / "ASSETS.json").write_text(json.dumps(
        {"packages": ASSET_PACKAGES, "fetched": time.strftime("%Y-%m-%d %H:%M:%S")}, indent=2) + "\n",
        encoding="utf-8")
    return cache


def ensure_assets(cache: str | os.PathLike | None = None, fetch: bool = True, log=print) -> Path:
    """Return the asset cache folder, fetching the packages with npm first if they are missing."""
    cache = Path(cache) if cache else asset_cache_dir()
    missing = assets_missing(cache)
    if missing:
        if not fetch:
            raise AssetError(f"The offline slide assets are not in {cache} (missing: "
                             f"{', '.join(missing[:3])}...). Run 'crisis-course assets' to fetch them.")
        fetch_assets(cache, log=log)
    return cache


def copy_assets(cache: str | os.PathLike, output_dir: str | os.PathLike, theme: str = "white") -> dict:
    """Copy what a deck loads from the asset cache into ``output_dir/_assets``.

    Returns the exporter settings (relative URLs) that point the decks at those copies.
    """
    if theme not in OFFLINE_THEMES:
        raise ExportError(f"Theme {theme!r} loads web fonts; offline decks support: "
                          f"{', '.join(OFFLINE_THEMES)}.")
    nm = _node_modules(Path(cache))
    dest = Path(output_dir) / "_assets"
    files = list(_ASSET_FILES) + [f"reveal.js/dist/theme/{theme}.css"]
    font = OFFLINE_THEMES[theme]
    if font:
        files += [str(p.relative_to(nm)) for p in sorted((nm / "reveal.js/dist/theme/fonts" / font).iterdir())
                  if p.suffix in {".css", ".woff", ".ttf", ".eot"} or p.name == "LICENSE"]
    for rel in files:
        src, dst = nm / rel, dest / rel
        if not src.is_file():
            raise AssetError(f"Asset file {rel} is missing from the cache {cache}; "
                             "delete the cache folder and run 'crisis-course assets'.")
        dst.parent.mkdir(parents=True, exist_ok=True)
        if not dst.exists() or dst.stat().st_size != src.stat().st_size:
            shutil.copyfile(src, dst)
    lines = ["Assets for the offline slide decks in the folder above, copied from npm packages:", ""]
    lines += [f"- {name} {version} (MIT licence; see its LICENSE / package.json here)"
              for name, version in ASSET_PACKAGES.items()]
    lines += ["", "Fonts: Source Sans Pro (SIL Open Font License), shipped with reveal.js."]
    (dest / "README.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {
        "reveal_url_prefix": "_assets/reveal.js",
        "require_js_url": "_assets/requirejs/require.js",
        "jquery_url": "_assets/jquery/dist/jquery.min.js",
    }



_ASSET_ATTR = re.compile(
    r"""<(script|link|img|source|iframe|audio|video|embed)\b[^>]*?\s(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""",
    re.IGNORECASE)
_CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])\s*((?:https?:)?//[^"')\s]+)""", re.IGNORECASE)
_JS_IMPORT = re.compile(r"""\bimport\s*(?:\(|[^;'"]*?from\s*)\s*["']((?:https?:)?//[^"']+)""")
_REQUIRE_URL = re.compile(r"""["']((?:https?:)?//[^"']+\.(?:js|mjs|css))["']""")


def remote_asset_refs(text: str) -> list[str]:
    """URLs of network *assets* in an HTML page: ``src``/``href`` of script, link, img ...;
    CSS ``url()``/``@import``; JS ``import``; quoted ``.js``/``.css`` URLs (require.js paths).
    Ordinary ``<a href="https://...">`` links to sources are not assets and are not reported."""
    found = [m.group(2) for m in _ASSET_ATTR.finditer(text)]
    found += _CSS_URL.findall(text)
    found += _JS_IMPORT.findall(text)
    found += _REQUIRE_URL.findall(text)
    seen: list[str] = []
    for url in found:
        if url not in seen:
            seen.append(url)
    return seen


