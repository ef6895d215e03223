"""The figure cache (issue 17): a chart drawn once per course version, its picture reused by every
kernel; never a stale or a changed picture, never an error from a bad cache folder."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from crisis_course import energy, figure_cache, figures, timeline
from crisis_course.figure_cache import Chart

REPO = Path(__file__).resolve().parents[1]
CALLS: list = []


@figure_cache.chart
def _bars(values=(3, 1, 2), title: str = "Test bars"):
    """A small chart of the kind the lessons draw (counts its calls)."""
    import matplotlib.pyplot as plt

    CALLS.append((values, title))
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.bar(range(len(values)), list(values))
    ax.set_title(title)
    return fig


@figure_cache.chart
def _table_chart(table, title: str = "Table"):
    import matplotlib.pyplot as plt

    CALLS.append(("table", title))
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot(table["x"], table["y"])
    ax.set_title(title)
    return fig


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "figures"
    monkeypatch.setenv(figure_cache.ENV, str(folder))
    monkeypatch.delenv("CRISIS_COURSE_SLIDE_FIGURES", raising=False)
    CALLS.clear()
    with figure_cache.enabled():
        yield folder


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*/*.json"))


def test_outside_a_kernel_chart_functions_return_figures():
    from matplotlib.figure import Figure

    fig = _bars()
    assert isinstance(fig, Figure)
    with figure_cache.enabled(False):
        assert isinstance(energy.price_chart(), Figure)


def test_a_miss_draws_and_keeps_the_picture_a_hit_draws_nothing(cache):
    first = _bars()
    assert isinstance(first, Chart) and CALLS == []  # nothing drawn at the call
    shown = figures.show(first, alt="Three bars.")
    assert len(CALLS) == 1 and len(_entries(cache)) == 1
    again = figures.show(_bars(), alt="Three bars.")
    assert len(CALLS) == 1, "a cached chart was drawn again"
    assert again.png == shown.png and again.min_font_px == shown.min_font_px
    with figure_cache.enabled(False):  # the picture is the one show draws from the Figure itself
        live = figures.show(_bars(), alt="Three bars.")
    assert live.png == shown.png and live.min_font_px == shown.min_font_px
    html = figures.to_html(_bars(), alt="Three bars.")
    assert len(CALLS) == 2  # the live one above; to_html at the same dpi took the cached picture
    assert shown._repr_mimebundle_()["image/png"] in html


def test_a_real_course_chart_from_the_cache_is_byte_identical(cache):
    drawn = figures.show(energy.share_comparison_chart(2020), alt="Bars.")
    cached = figures.show(energy.share_comparison_chart(2020), alt="Bars.")
    with figure_cache.enabled(False):
        live = figures.show(energy.share_comparison_chart(2020), alt="Bars.")
    assert drawn.png == cached.png == live.png
    assert len(_entries(cache)) == 1


def test_keys_follow_the_arguments(cache):
    figures.show(_bars((1, 2)), alt="Bars.")
    figures.show(_bars((1, 2), "Test bars"), alt="Bars.")  # the default spelled out: same picture
    figures.show(_bars(values=(1, 2)), alt="Bars.")
    assert len(CALLS) == 1
    figures.show(_bars((2, 1)), alt="Bars.")
    figures.show(_bars((1, 2), "Another title"), alt="Bars.")
    figures.show(_bars((1, 2)), alt="Bars.", dpi=80)
    assert len(CALLS) == 4 and len(_entries(cache)) == 4


def test_tables_are_keyed_by_their_content(cache):
    table = pd.DataFrame({"x": [1, 2, 3], "y": [1.0, 4.0, 9.0]})
    figures.show(_table_chart(table), alt="A line.")
    figures.show(_table_chart(table.copy()), alt="A line.")
    assert len(CALLS) == 1
    changed = table.copy()
    changed.loc[2, "y"] = 8.0
    figures.show(_table_chart(changed), alt="A line.")
    assert len(CALLS) == 2
    events = timeline.load(lessons=6)
    assert figure_cache.call_key("t", (events,), {}) == figure_cache.call_key("t", (events.copy(),), {})
    assert figure_cache.call_key("t", (events,), {}) != figure_cache.call_key("t", (events.iloc[:-1],), {})


def test_arguments_the_cache_cannot_describe_are_drawn_as_before(cache):
    from matplotlib.figure import Figure

    fig = _bars(values=[1, 2], title=object())  # a title that is not text cannot be described: drawn at once
    assert isinstance(fig, Figure) and len(CALLS) == 1
    assert figure_cache.call_key("x", (lambda: 1,), {}) is None


def test_a_changed_chart_is_shown_changed_and_never_kept(cache):
    chart = _bars()
    chart.axes[0].set_title("Changed by a student")  # uses the Figure: drawn now
    assert len(CALLS) == 1
    changed = figures.show(chart, alt="Bars.")
    assert _entries(cache) == []
    plain = figures.show(_bars(), alt="Bars.")
    assert plain.png != changed.png and len(_entries(cache)) == 1
    from matplotlib.figure import Figure

    assert isinstance(_bars().figure, Figure)


def test_a_table_changed_between_call_and_show_is_not_kept(cache):
    table = pd.DataFrame({"x": [1, 2, 3], "y": [1.0, 4.0, 9.0]})
    chart = _table_chart(table)
    table.loc[0, "y"] = 5.0
    figures.show(chart, alt="A line.")
    assert _entries(cache) == []


def test_damaged_or_strange_entries_are_drawn_over(cache):
    figures.show(_bars(), alt="Bars.")
    (entry,) = _entries(cache)
    good = entry.read_bytes()
    damaged = {
        "truncated": good[: len(good) // 2],
        "not json": b"\x00\x01 not json",
        "wrong picture": json.dumps({**json.loads(good), "png": "aGVsbG8="}).encode(),
        "bad font": json.dumps({**json.loads(good), "min_font_px": "large"}).encode(),
    }
    for what, body in damaged.items():
        entry.write_bytes(body)
        before = len(CALLS)
        figures.show(_bars(), alt="Bars.")
        assert len(CALLS) == before + 1, what
        assert entry.read_bytes() == good, what  # drawn and written again
    entry.unlink()
    os.mkfifo(entry)  # a FIFO would block a plain open(): it is skipped, then replaced
    figures.show(_bars(), alt="Bars.")
    assert entry.is_file() and entry.read_bytes() == good
    entry.unlink()
    entry.symlink_to("/dev/zero")
    figures.show(_bars(), alt="Bars.")
    assert not entry.is_symlink() and entry.read_bytes() == good


def test_folders_are_searched_in_order_and_the_first_writable_is_written(tmp_path, monkeypatch):
    shared, own = tmp_path / "shared", tmp_path / "own"
    monkeypatch.delenv("CRISIS_COURSE_SLIDE_FIGURES", raising=False)
    CALLS.clear()
    with figure_cache.enabled():
        monkeypatch.setenv(figure_cache.ENV, str(shared))
        figures.show(_bars(), alt="Bars.")  # an administrator builds the shared folder
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("a file where a folder should be")
        monkeypatch.setenv(figure_cache.ENV, os.pathsep.join([str(blocker / "sub"), str(shared), str(own)]))
        figures.show(_bars(), alt="Bars.")
        assert len(CALLS) == 1  # found in the shared folder
        figures.show(_bars((5, 6)), alt="Bars.")
        assert len(CALLS) == 2
        assert len(_entries(shared)) == 2 and _entries(own) == []  # shared is writable here: first writable
        monkeypatch.setenv(figure_cache.ENV, os.pathsep.join([str(blocker / "sub"), str(own)]))
        figures.show(_bars((7, 8)), alt="Bars.")
        assert len(_entries(own)) == 1
        monkeypatch.setenv(figure_cache.ENV, str(blocker / "sub"))  # nothing writable: drawn, no error
        shown = figures.show(_bars((9, 9)), alt="Bars.")
        assert shown.png.startswith(b"\x89PNG")


def test_off_draws_figures(tmp_path, monkeypatch):
    from matplotlib.figure import Figure

    monkeypatch.setenv(figure_cache.ENV, "off")
    with figure_cache.enabled():
        assert isinstance(_bars(), Figure)


def test_an_export_keeps_each_picture_with_its_slide_version(cache, monkeypatch):
    """A lesson executed for an export shows each figure with its slide version (the chart's own
    slide layout here): kept together, under a key of their own, byte-identical to drawing."""
    monkeypatch.setenv("CRISIS_COURSE_SLIDE_FIGURES", "1")
    drawn = figures.show(energy.share_comparison_chart(2020), alt="Bars.")
    cached = figures.show(energy.share_comparison_chart(2020), alt="Bars.")
    with figure_cache.enabled(False):
        live = figures.show(energy.share_comparison_chart(2020), alt="Bars.")
    assert drawn.slide is not None and drawn.slide_layout
    assert drawn._repr_mimebundle_() == cached._repr_mimebundle_() == live._repr_mimebundle_()
    assert figures.SLIDE_MIME in cached._repr_mimebundle_()
    assert len(_entries(cache)) == 1
    monkeypatch.delenv("CRISIS_COURSE_SLIDE_FIGURES")  # the notebook's picture is another entry
    plain = figures.show(energy.share_comparison_chart(2020), alt="Bars.")
    assert plain.slide is None and plain.png == drawn.png and len(_entries(cache)) == 2
    (entry,) = [p for p in _entries(cache) if "slide" in json.loads(p.read_text())]
    body = json.loads(entry.read_text())
    del body["slide"]  # an export's entry without its slide version is not an export's picture
    entry.write_text(json.dumps(body))
    monkeypatch.setenv("CRISIS_COURSE_SLIDE_FIGURES", "1")
    assert energy.share_comparison_chart(2020).picture(110) is None


def test_an_export_draws_a_widget_picture_and_a_slide_layout_given_later(cache, monkeypatch):
    from matplotlib.figure import Figure

    monkeypatch.setenv("CRISIS_COURSE_SLIDE_FIGURES", "1")
    chart = _bars()
    fig = figures.for_slides(chart, lambda: None)  # the explorer gives its own slide layout: drawn now
    assert isinstance(fig, Figure) and fig._crisis_course_slide is not None
    html = figures.to_html(_bars((4, 4)), alt="Bars.")
    assert 'class="crisis-slide-figure"' in html and _entries(cache) == []


def test_changed_matplotlib_settings_make_another_picture(cache):
    import matplotlib

    figures.show(_bars(), alt="Bars.")
    with matplotlib.rc_context({"font.size": 16}):
        figures.show(_bars(), alt="Bars.")
    assert len(CALLS) == 2 and len(_entries(cache)) == 2
    figures.show(_bars(), alt="Bars.")
    assert len(CALLS) == 2


def test_the_fingerprint_covers_every_package_file_but_bytecode(tmp_path):
    package = REPO / "src" / "crisis_course"
    copy = tmp_path / "crisis_course"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = figure_cache.fingerprint(copy)
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"bytecode")
    figure_cache._package_digest.cache_clear()
    assert figure_cache.fingerprint(copy) == before
    timeline_csv = copy / "content" / "timeline.csv"
    timeline_csv.write_text(timeline_csv.read_text() + "\n")  # an instructor edits the timeline
    figure_cache._package_digest.cache_clear()
    assert figure_cache.fingerprint(copy) != before


def test_old_versions_and_too_many_entries_are_pruned(cache, monkeypatch):
    for n in range(5):
        (cache / f"{n:024d}").mkdir(parents=True)
    monkeypatch.setattr(figure_cache, "MAX_ENTRIES", 3)
    for n in range(5):
        figures.show(_bars((n, 1)), alt="Bars.")
    versions = [p for p in cache.iterdir() if p.is_dir()]
    assert len(versions) == figure_cache.MAX_VERSIONS + 1
    assert len(_entries(cache)) == 3
    largest = max(p.stat().st_size for p in _entries(cache))
    monkeypatch.setattr(figure_cache, "MAX_BYTES", int(largest * 1.5))
    path = figure_cache.store("new-call", 110, b"\x89PNG\r\n\x1a\n" + b"0" * largest, None)
    left = _entries(cache)  # over the byte limit: the oldest went, the newest stayed
    assert path in left and len(left) == 1
    assert sum(p.stat().st_size for p in left) <= figure_cache.MAX_BYTES


def test_an_exercise_check_takes_a_chart_as_its_figure(cache):
    from matplotlib.figure import Figure

    from crisis_course.exercises.answers import as_figure

    assert isinstance(as_figure(_bars()), Figure)


@pytest.mark.slow
def test_a_lesson_from_a_warm_cache_shows_the_same_pictures_without_matplotlib(tmp_path):
    """Lesson 6 (seven charts and the explorer) executed twice in a kernel with an empty cache:
    the second run draws nothing (matplotlib is never imported) and shows the same pictures."""
    script = r"""
import json, os, sys
import nbformat
from nbclient import NotebookClient
path, folder = sys.argv[1], sys.argv[2]
os.environ["CRISIS_COURSE_FIGURE_CACHE"] = folder
os.environ.pop("CRISIS_COURSE_SLIDE_FIGURES", None)
runs = []
for _ in range(2):
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import sys; print('matplotlib' in sys.modules)"))
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": os.path.dirname(path)}}).execute()
    pngs = [o["data"]["image/png"] for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if "image/png" in o.get("data", {})]
    runs.append({"pngs": pngs, "matplotlib": nb.cells[-1].outputs[0]["text"].strip()})
print(json.dumps(runs))
"""
    lesson = tmp_path / "lessons" / "06_energy.ipynb"
    lesson.parent.mkdir()
    shutil.copy(REPO / "lessons" / "06_energy.ipynb", lesson)
    env = {**os.environ, "CRISIS_COURSE_PROGRESS_DIR": str(tmp_path / "progress")}
    out = subprocess.run([sys.executable, "-c", script, str(lesson), str(tmp_path / "cache")], capture_output=True,
                         text=True, timeout=600, env=env, check=True).stdout
    cold, warm = json.loads(out.strip().splitlines()[-1])
    assert len(cold["pngs"]) == 7 and cold["pngs"] == warm["pngs"]
    assert cold["matplotlib"] == "True" and warm["matplotlib"] == "False"
    assert len(_entries(tmp_path / "cache")) == 7


def test_the_figures_command_fills_a_folder_and_names_what_it_cannot_do(tmp_path, monkeypatch, capsys):
    """``crisis-course figures`` (what binder/postBuild and a hub's administrator run): executes
    lessons on copies, fills the folder; a folder it cannot write is an error before any run."""
    from crisis_course import cli

    monkeypatch.delenv("CRISIS_COURSE_SLIDE_FIGURES", raising=False)
    lesson = REPO / "lessons" / "07_coercive_diplomacy.ipynb"
    before = lesson.read_bytes()
    assert cli.main(["figures", "--cache", str(tmp_path / "built"), str(lesson)]) == 0
    assert lesson.read_bytes() == before
    names = sorted(json.loads(p.read_text())["chart"] for p in _entries(tmp_path / "built"))
    # lesson 7: its two static charts and the explorer's starting picture (plot at the explorer's dpi)
    assert set(names) == {"crisis_course.bargaining.plot", "crisis_course.bargaining.plot_credibility"}
    assert len(names) == 3
    blocker = tmp_path / "file"
    blocker.write_text("x")
    # one `error:` line and exit status 1, as every export command (crisis_course.cmdline.fail)
    assert cli.main(["figures", "--cache", str(blocker / "sub"), str(lesson)]) == 1
    assert "cannot create the output folder" in capsys.readouterr().err
    assert cli.main(["figures", "--cache", str(tmp_path / "x"), str(tmp_path / "missing.ipynb")]) == 1
    assert "missing.ipynb" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()  # nothing run, nothing made
    assert "crisis-course figures --lessons-dir lessons" in (REPO / "binder" / "postBuild").read_text()


def test_by_default_the_install_folder_is_read_first_and_the_users_cache_second(monkeypatch, tmp_path):
    monkeypatch.delenv(figure_cache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert figure_cache.folders() == [Path(sys.prefix) / "share" / "crisis-course" / "figures",
                                      tmp_path / "crisis-course" / "figures"]
    monkeypatch.setenv(figure_cache.ENV, "off")
    assert figure_cache.folders() == []
