"""Pictures of the course's charts, kept on disk so each is drawn once, not in every kernel.

A lesson's charts are drawn from the files the package ships, so the same course (code, data,
content) and the same libraries always draw the same picture, byte for byte. Drawing them is
most of a lesson's run: matplotlib's import and seven PNGs take two of lesson 6's three and a
half seconds, in every student's kernel, every time the lesson is run. In a notebook kernel the
chart functions marked :func:`chart` therefore return a :class:`Chart`, a figure not drawn yet;
:func:`crisis_course.figures.show` takes its picture from the cache when the same course drew
it before, and otherwise draws it (as it always did) and keeps the picture. Outside a kernel
(tests, scripts, the exporting process itself) the chart functions return matplotlib Figures as
before. While a lesson is executed for an export (``CRISIS_COURSE_SLIDE_FIGURES=1``) a picture is
kept with its slide version, under a key of its own.

A :class:`Chart` used as a Figure (``chart.axes``, ``chart.savefig(...)``, ``chart.figure``) is
drawn then and there, and its picture is never kept: a changed figure is not the chart.

Where pictures are kept: a list of folders, searched in order; a new picture is written to the
first one that can be written. By default ``<sys.prefix>/share/crisis-course/figures`` (beside the
installed course: a hub's administrator or image build fills it with ``crisis-course figures``,
and students, who cannot write there, only read it), then the user's own
``$XDG_CACHE_HOME/crisis-course/figures`` (``~/.cache/...``). ``CRISIS_COURSE_FIGURE_CACHE`` replaces
the list (folders separated by ``os.pathsep``; ``~`` is the user's home); ``off``: draw every time.
A folder that others can write to must not be listed: whoever writes it chooses the pictures.

The key of a picture is a SHA-256 of: every file of the installed package (code, data, content,
banks), the versions of Python, matplotlib, numpy, Pillow, pandas, geopandas and shapely, any
``matplotlibrc`` of the user's, matplotlib settings changed in this kernel, the chart's name, its
arguments (tables by their content) and the resolution. Change any of them (an instructor edits
``timeline.csv``) and the chart is drawn anew. A file that is not what was written (truncated,
edited, not a regular file) is ignored and drawn over. Nothing here raises into a lesson: a
folder that cannot be read or written only means drawing.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
import stat
import sys
import threading
from pathlib import Path

__all__ = ["chart", "Chart", "Picture", "active", "enabled", "drawing", "folders", "install_folder", "version_folder", "fingerprint", "lookup", "store", "ENV"]

ENV = "CRISIS_COURSE_FIGURE_CACHE"
#: An entry larger than this is not read (the course's pictures are 20-200 kB).
MAX_ENTRY_BYTES = 8 * 1024 * 1024
#: Entries, and bytes, kept per course version in a folder the cache writes; the oldest go beyond
#: either (a student's slider settings must not fill a small home folder).
MAX_ENTRIES = 300
MAX_BYTES = 48 * 1024 * 1024
#: Folders of other course versions kept beside the current one in a folder the cache writes.
MAX_VERSIONS = 3
_LIBRARIES = ("matplotlib", "numpy", "pillow", "pandas", "geopandas", "shapely")

_forced: list[bool] = []  # enabled() contexts (tests)
_lock = threading.Lock()


# --------------------------------------------------------------------------- when and where

def active() -> bool:
    """True when chart functions should return :class:`Chart`: in a notebook kernel (or inside
    :func:`enabled`), and not with the cache off."""
    if os.environ.get(ENV, "").strip().lower() in ("off", "0", "no", "false"):
        return False
    if _forced:
        return _forced[-1]
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


class enabled:
    """Context manager: chart functions return :class:`Chart` inside it (``on=False``: they do
    not), wherever the code runs. For tests and for building a cache outside a kernel."""

    def __init__(self, on: bool = True):
        self.on = on

    def __enter__(self):
        _forced.append(self.on)
        return self

    def __exit__(self, *exc):
        _forced.pop()


def folders() -> list[Path]:
    """The cache folders, in the order they are searched (see the module's docstring)."""
    value = os.environ.get(ENV, "").strip()
    if value.lower() in ("off", "0", "no", "false"):
        return []
    if value:
        return [Path(os.path.expanduser(p)) for p in value.split(os.pathsep) if p.strip()]
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.join(os.path.expanduser("~"), ".cache")
    return [install_folder(), Path(base) / "crisis-course" / "figures"]


def install_folder() -> Path:
    """The folder beside the installed course, ``<sys.prefix>/share/crisis-course/figures``: a hub's
    administrator (or an image build) fills it with ``crisis-course figures``; students, who cannot
    write there, read it and keep their own pictures in their user cache."""
    return Path(sys.prefix) / "share" / "crisis-course" / "figures"


# --------------------------------------------------------------------------- keys

@functools.lru_cache(maxsize=4)
def _package_digest(root: str) -> str:
    """SHA-256 of every file under ``root`` (relative paths and contents), bytecode left out."""
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            digest.update(os.path.relpath(path, root).encode("utf-8", "surrogateescape") + b"\0")
            try:
                with open(path, "rb") as handle:
                    digest.update(handle.read())
            except OSError:
                digest.update(b"<unreadable>")
            digest.update(b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _library_versions() -> str:
    from importlib import metadata

    versions = [sys.version]
    for name in _LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=absent")
    return "\n".join(versions)


def _matplotlibrc_files() -> list[Path]:
    """The ``matplotlibrc`` files of the user's that matplotlib would read (its own default is
    fixed by its version)."""
    try:
        found = [Path.cwd() / "matplotlibrc"]
    except OSError:  # the working folder was deleted
        found = []
    env = os.environ.get("MATPLOTLIBRC")
    if env:
        found += [Path(env), Path(env) / "matplotlibrc"]
    config = os.environ.get("MPLCONFIGDIR") or os.path.join(
        os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config"), "matplotlib")
    found.append(Path(config) / "matplotlibrc")
    return found


def fingerprint(root: str | os.PathLike | None = None) -> str:
    """A SHA-256 naming this course and the libraries that draw it: the package's files (``root``,
    default the installed package), the library versions and the user's matplotlibrc files."""
    root = str(root or Path(__file__).resolve().parent)
    digest = hashlib.sha256()
    digest.update(_package_digest(root).encode() + b"\n" + _library_versions().encode() + b"\n")
    for path in _matplotlibrc_files():
        try:
            if path.is_file():
                digest.update(str(path).encode() + b"\0" + path.read_bytes()[:1_000_000] + b"\0")
        except OSError:
            pass
    return digest.hexdigest()


#: Settings that do not change a picture: an IPython kernel turns ``interactive`` on when pyplot
#: is imported, and picks its backend.
_RC_NOT_DRAWN = frozenset({"backend", "backend_fallback", "interactive", "toolbar", "figure.raise_window"})


def _rc_changes() -> str:
    """The matplotlib settings this process changed from those it started with ('' when none, or
    when matplotlib is not imported: then nothing can have changed them)."""
    matplotlib = sys.modules.get("matplotlib")
    if matplotlib is None or not hasattr(matplotlib, "rcParamsOrig"):
        return ""
    rc, orig = matplotlib.rcParams, matplotlib.rcParamsOrig
    changed = sorted((k, repr(v)) for k, v in rc.items()
                     if k not in _RC_NOT_DRAWN and k in orig and repr(orig[k]) != repr(v))
    return repr(changed) if changed else ""


class _Unkeyable(Exception):
    pass


def _canonical(value, depth: int = 0):
    """A JSON-able description of an argument that equal arguments share, or _Unkeyable."""
    if depth > 6:
        raise _Unkeyable
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return ["int", str(value)]
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, (list, tuple)):
        if len(value) > 1000:
            raise _Unkeyable
        return [type(value).__name__, [_canonical(v, depth + 1) for v in value]]
    if isinstance(value, dict):
        if len(value) > 1000 or not all(isinstance(k, str) for k in value):
            raise _Unkeyable
        return ["dict", [[k, _canonical(value[k], depth + 1)] for k in sorted(value)]]
    module = type(value).__module__.split(".")[0]
    if module == "numpy" and getattr(value, "shape", None) == ():
        return _canonical(value.item(), depth + 1)
    if module in ("pandas", "geopandas") and type(value).__name__ in ("DataFrame", "Series", "GeoDataFrame"):
        return ["table", _table_digest(value)]
    raise _Unkeyable


def _table_digest(table) -> str:
    import pandas as pd

    digest = hashlib.sha256()
    digest.update(type(table).__name__.encode())
    digest.update(repr(getattr(table, "name", None)).encode())
    columns = list(table.columns) if hasattr(table, "columns") else []
    digest.update(repr([(str(c), str(table[c].dtype)) for c in columns] if columns else str(table.dtype)).encode())
    digest.update(repr(list(table.index)).encode() if len(table) < 10_000 else b"long")
    try:
        hashed = pd.util.hash_pandas_object(table, index=True)
    except TypeError:  # cells pandas cannot hash (lists, geometries): their text instead
        digest.update(table.to_csv().encode("utf-8", "surrogateescape"))
    else:
        digest.update(hashed.to_numpy().tobytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=64)
def _signature(func):
    import inspect

    return inspect.signature(func)


def call_key(name: str, args: tuple, kwargs: dict, func=None) -> str | None:
    """The part of a picture's key that names the call (chart and arguments), or None for
    arguments the cache cannot describe (then the chart is simply drawn). With ``func``, the
    arguments are named and defaults filled in first, so ``f(2020)`` and ``f(2020, 1.0)`` share
    a picture when 1.0 is the default."""
    try:
        if func is not None:
            bound = _signature(func).bind(*args, **kwargs)
            bound.apply_defaults()
            args, kwargs = (), bound.arguments
        described = [name, _canonical(list(args)), _canonical(dict(kwargs))]
    except _Unkeyable:
        return None
    except Exception:  # noqa: BLE001 - an argument that cannot be described is drawn, never an error
        return None
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def _for_export() -> bool:
    """True while a lesson is executed for an export: a picture then also has a slide version."""
    return os.environ.get("CRISIS_COURSE_SLIDE_FIGURES") == "1"


def _entry_name(call: str, dpi: float) -> str:
    mode = "export" if _for_export() else "notebook"
    return hashlib.sha256(f"{call}\0{float(dpi)!r}\0{mode}\0{_rc_changes()}".encode()).hexdigest()[:40] + ".json"


# --------------------------------------------------------------------------- reading and writing

class Picture(tuple):
    """(PNG, smallest text px) of a chart, and for an export its slide version: ``slide`` is
    (PNG, smallest text px, width in slide px) or None, ``slide_layout`` as figures.show has it."""

    slide = None
    slide_layout = False


def _png(text: str) -> bytes:
    png = base64.b64decode(text, validate=True)
    if not png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError("not a PNG")
    return png


def _font(value) -> float | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise ValueError("not a size")
    return float(value) if value is not None else None


def version_folder(folder: str | os.PathLike) -> Path:
    """Where ``folder`` keeps the pictures of this course version."""
    return Path(folder) / fingerprint()[:24]


def lookup(call: str, dpi: float) -> Picture | None:
    """The :class:`Picture` drawn for ``call`` at ``dpi`` by this course, or None. While a lesson is
    executed for an export only pictures with their slide version count."""
    name = _entry_name(call, dpi)
    for folder in folders():
        found = _read_entry(version_folder(folder) / name)
        if found is not None:
            return found
    return None


def _read_entry(path: Path) -> tuple[bytes, float | None] | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(MAX_ENTRY_BYTES + 1)
        entry = json.loads(raw)
        png, font = _png(entry["png"]), _font(entry.get("min_font_px"))
        slide = entry.get("slide")
        digest = hashlib.sha256(png)
        if slide is not None:
            slide_png, slide_font, width = _png(slide["png"]), _font(slide.get("min_font_px")), slide["width"]
            if isinstance(width, bool) or not isinstance(width, int) or width <= 0:
                return None
            digest.update(slide_png)
        if digest.hexdigest() != entry["sha256"] or (slide is None) == _for_export():
            return None
        picture = Picture((png, font))
        if slide is not None:
            picture.slide = (slide_png, slide_font, width)
            picture.slide_layout = bool(slide.get("layout"))
        return picture
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    finally:
        os.close(fd)


def store(call: str, dpi: float, png: bytes, font: float | None, chart_name: str = "",
          slide: tuple | None = None, slide_layout: bool = False) -> Path | None:
    """Keep a picture (and for an export its slide version: (PNG, smallest text px, width)) in the
    first cache folder that can be written; the path, or None."""
    if (slide is None) == _for_export():
        return None  # an export's picture without its slide version, or the other way round
    name = _entry_name(call, dpi)
    digest = hashlib.sha256(png)
    entry = {"chart": chart_name, "dpi": float(dpi), "min_font_px": font,
             "png": base64.b64encode(png).decode("ascii")}
    if slide is not None:
        digest.update(slide[0])
        entry["slide"] = {"png": base64.b64encode(slide[0]).decode("ascii"), "min_font_px": slide[1],
                          "width": int(slide[2]), "layout": bool(slide_layout)}
    entry["sha256"] = digest.hexdigest()
    body = json.dumps(entry).encode()
    for folder in folders():
        target = version_folder(folder)
        temporary = target / f".{name}.{os.getpid()}.{threading.get_ident()}.tmp"
        with _lock:
            try:
                new_version = not target.is_dir()
                target.mkdir(parents=True, exist_ok=True)
                with open(temporary, "wb") as handle:
                    handle.write(body)
                os.replace(temporary, target / name)
            except OSError:
                try:
                    temporary.unlink(missing_ok=True)
                except OSError:
                    pass
                continue
            _prune(target, folder if new_version else None)
            return target / name
    return None


def _prune(version_folder: Path, root: Path | None) -> None:
    """Keep at most :data:`MAX_ENTRIES` pictures and :data:`MAX_BYTES` in ``version_folder`` and, when a new course
    version started (``root`` given), at most :data:`MAX_VERSIONS` older version folders."""
    try:
        entries = [(p.stat(), p) for p in version_folder.iterdir() if p.suffix == ".json"]
        total = sum(info.st_size for info, _ in entries)
        if len(entries) > MAX_ENTRIES or total > MAX_BYTES:
            entries.sort(key=lambda e: e[0].st_mtime)
            while entries and (len(entries) > MAX_ENTRIES or total > MAX_BYTES):
                info, old = entries.pop(0)
                old.unlink(missing_ok=True)
                total -= info.st_size
        if root is not None:
            others = [p for p in root.iterdir() if p.is_dir() and p != version_folder and len(p.name) == 24]
            others.sort(key=lambda p: p.stat().st_mtime)
            for old in others[: max(0, len(others) - MAX_VERSIONS)]:
                for item in old.iterdir():
                    item.unlink(missing_ok=True)
                old.rmdir()
    except OSError:
        pass


# --------------------------------------------------------------------------- charts

class Chart:
    """A chart not drawn yet: what a :func:`chart` function returns in a notebook kernel.

    Give it to :func:`crisis_course.figures.show` (or ``figures.to_html``) like a Figure. Anything
    else you do with it (``chart.axes``, ``chart.savefig(...)``) uses the matplotlib Figure,
    drawn then; ``chart.figure`` is that Figure."""

    __slots__ = ("_name", "_func", "_args", "_kwargs", "_call", "_figure", "_touched")

    def __init__(self, name, func, args, kwargs, call):
        for slot, value in zip(self.__slots__, (name, func, args, kwargs, call, None, False)):
            object.__setattr__(self, slot, value)

    @property
    def figure(self):
        """The matplotlib Figure (drawn on first use); its picture is not kept in the cache."""
        object.__setattr__(self, "_touched", True)
        return self._draw()

    def _draw(self):
        if self._figure is None:
            object.__setattr__(self, "_figure", _call_drawing(self._func, self._args, self._kwargs))
        return self._figure

    def picture(self, dpi: float) -> Picture | None:
        """The cached :class:`Picture` at ``dpi``, or None (not cached, or changed)."""
        if self._touched or self._figure is not None:
            return None
        return lookup(self._call, dpi)

    def keep(self, dpi: float, png: bytes, font: float | None, slide: tuple | None = None,
             slide_layout: bool = False) -> None:
        """Keep the picture just drawn from :meth:`_draw`, unless the figure or the arguments
        were changed since the call."""
        if self._touched or call_key(self._name, self._args, self._kwargs, self._func) != self._call:
            return
        store(self._call, dpi, png, font, self._name, slide, slide_layout)

    def __getattr__(self, name):
        if name.startswith("_"):  # IPython's and copy's probes must not draw the chart
            raise AttributeError(name)
        return getattr(self.figure, name)

    def __setattr__(self, name, value):
        setattr(self.figure, name, value)

    def __repr__(self):
        return f"<Chart {self._name}: show it with figures.show(chart, alt=...)>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        from crisis_course import figures

        png, _ = figures._render(self.figure, 110)
        return {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": repr(self)}


_state = threading.local()


def _call_drawing(func, args, kwargs):
    """Call a chart function; charts it calls in turn return Figures (it draws on them)."""
    with drawing():
        return func(*args, **kwargs)


class drawing:
    """Context manager: chart functions called inside it return Figures (code that draws on them,
    such as a slide layout drawn for an export)."""

    def __enter__(self):
        _state.depth = getattr(_state, "depth", 0) + 1
        return self

    def __exit__(self, *exc):
        _state.depth -= 1


def chart(func):
    """Mark a function that draws a chart from its arguments and the shipped files alone (no
    other state): in a notebook kernel it returns a :class:`Chart` (see the module's docstring).
    Arguments the cache cannot describe (an ``ax`` to draw on) make it draw as before."""
    name = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if getattr(_state, "depth", 0) or not active():
            return _call_drawing(func, args, kwargs)
        call = call_key(name, args, kwargs, func)
        if call is None:
            return _call_drawing(func, args, kwargs)
        return Chart(name, func, args, kwargs, call)

    wrapper._crisis_course_chart = name
    return wrapper
