"""What keeps a lesson's run close to an empty notebook's (issue 17; benchmarks/run.py measures it).

No timings here (the machine is shared): each test checks one cause of lost seconds that was
found by profiling the lessons and removed, so that it cannot come back unnoticed.
"""
import json
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _fresh_python(code: str, cwd: Path = REPO) -> dict:
    """Run ``code`` in a new interpreter (nothing imported yet) and return the JSON it prints last."""
    res = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                         env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
                              "CRISIS_COURSE_PROGRESS_DIR": str(REPO / "build" / "no-progress-written")},
                         timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout.strip().splitlines()[-1])


def _first_code_cell(notebook: Path) -> str:
    nb = json.loads(notebook.read_text("utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code")
    return "".join(cell["source"])


def test_lessons_never_import_jsonschemas_format_helpers():
    # rfc3987_syntax (pulled in by jsonschema[format-nongpl]) compiles ~40 Lark grammars when
    # jsonschema is imported: 1.3 s CPU, 4-15 s of wall time on a busy machine, once per lesson.
    # The course validates its content without format checks, so it imports jsonschema through
    # crisis_course._jsonschema.load(). This runs what lessons do first: their import cells, then
    # reading every kind of validated content (manifest, editorial files, dataset registry, a bank).
    imports = "\n".join(_first_code_cell(nb) for nb in sorted((REPO / "lessons").glob("*.ipynb")))
    code = imports + """
import json, sys
from crisis_course import course, data, editorial, energy, textanalysis, timeline
from crisis_course.quiz import Quiz
course.load(); editorial.load("reading"); editorial.load("energy_caveats")
data.gas_imports(); data.europe_map(); Quiz.from_bank("nato"); timeline.load(lessons=[3])
print(json.dumps({"jsonschema": "jsonschema" in sys.modules,
                  "helpers": sorted(m for m in ("rfc3987_syntax", "isoduration", "webcolors", "uri_template")
                                    if sys.modules.get(m) is not None)}))
"""
    seen = _fresh_python(code, cwd=REPO / "lessons")
    assert seen["jsonschema"], "the content was not validated at all: this test no longer tests anything"
    assert seen["helpers"] == [], (
        f"{seen['helpers']} imported while a lesson loads its content: some module imports jsonschema "
        "directly; import it through crisis_course._jsonschema.load()")


def test_the_command_line_tool_never_imports_jsonschemas_format_helpers():
    # every crisis-course process builds its parser from all subcommand modules, which import
    # nbconvert and nbformat, which import jsonschema: with its format helpers that cost ~1.3 s of
    # CPU per command (tests run dozens). nbformat validates without a format checker.
    code = """
import json, sys
from crisis_course import cli
cli.build_parser()
print(json.dumps({"nbformat": "nbformat" in sys.modules, "jsonschema": "jsonschema" in sys.modules,
                  "helpers": sorted(m for m in ("rfc3987_syntax", "isoduration", "webcolors", "uri_template")
                                    if sys.modules.get(m) is not None)}))
"""
    seen = _fresh_python(code)
    assert seen["nbformat"] and seen["jsonschema"], "the parser no longer imports them: test something else"
    assert seen["helpers"] == [], f"{seen['helpers']} imported by crisis-course's parser: see cli.build_parser"


def test_jsonschema_load_hides_the_helpers_only_while_importing():
    code = """
import json, sys
from crisis_course._jsonschema import FORMAT_HELPERS, load
js = load()
hidden_after = [m for m in FORMAT_HELPERS if m in sys.modules and sys.modules[m] is None]
errors = [e.message for e in js.Draft202012Validator({"type": "object", "required": ["a"]}).iter_errors({})]
import idna  # importable again once jsonschema is in
print(json.dumps({"rfc": "rfc3987_syntax" in sys.modules, "left": hidden_after, "errors": errors,
                  "same": load() is js, "idna": idna.__name__}))
"""
    seen = _fresh_python(code)
    assert seen == {"rfc": False, "left": [], "errors": ["'a' is a required property"], "same": True,
                    "idna": "idna"}


def _png(fig) -> bytes:
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=60)
    plt.close(fig)
    return buf.getvalue()


@pytest.mark.parametrize("style", [
    {"color": "#F2F2F2", "edgecolor": "#666666", "linewidth": 0.6},
    {"facecolor": "none", "edgecolor": "#D55E00", "linewidth": 1.8, "hatch": "////"},
    {"color": "#DDDDDD", "edgecolor": "#FFFFFF", "linewidth": 0.4, "hatch": ".."},
])
def test_map_layers_draw_what_geopandas_draws(style):
    # maps._plot replaces GeoDataFrame.plot for one-style polygon layers (it converts each border
    # to a path once a session instead of once per layer and panel): same pixels, aspect, labels.
    from crisis_course import data, maps

    countries = data.europe_map()
    subset = countries[countries["iso_a3"].isin(["UKR", "RUS", "POL", "NOR"])]
    results = []
    for draw in (lambda gdf, ax: gdf.plot(ax=ax, **style), lambda gdf, ax: maps._plot(gdf, ax, **style)):
        fig, ax = plt.subplots(figsize=(4, 3))
        draw(countries, ax)
        draw(subset, ax)  # the last layer sets the aspect, as in geopandas
        results.append((ax.get_aspect(), ax.get_xlabel(), ax.get_ylabel(), ax.get_xlim(), _png(fig)))
    assert results[0][:4] == results[1][:4]
    assert results[0][4] == results[1][4], "maps._plot draws different pixels from GeoDataFrame.plot"


def test_map_layers_convert_each_border_once():
    from crisis_course import data, maps

    countries = data.europe_map()
    fig, ax = plt.subplots()
    maps._plot(countries, ax, color="#F2F2F2")
    paths = {id(g): maps._geom_path(g) for g in countries.geometry}
    maps._plot(data.europe_map(), ax, color="#DDDDDD")  # a fresh copy of the frame, the same shapes
    assert all(maps._geom_path(g) is paths[id(g)] for g in data.europe_map().geometry)
    plt.close(fig)


def test_map_layer_building_does_not_redraw_the_figure(monkeypatch):
    # geopandas asks for a full redraw after every layer; a map is drawn once, when it is shown.
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from crisis_course import energy, maps, pipelines

    draws = []
    original = FigureCanvasAgg.draw
    monkeypatch.setattr(FigureCanvasAgg, "draw", lambda self, *a, **k: draws.append(1) or original(self, *a, **k))
    for build in (lambda: maps.nato_small_multiples(years=(1949, 2004, 2020)), lambda: maps.locator_map(),
                  lambda: energy.dependence_figure(2020), lambda: pipelines.routes_map(),
                  lambda: maps.crimea_history_map()):
        plt.close(build())
    assert draws == []


def test_explorer_draws_each_year_once_a_session(monkeypatch):
    from crisis_course import figures
    from crisis_course.energy import explorer

    calls = []
    real = explorer.dependence_figure
    monkeypatch.setattr(explorer, "dependence_figure", lambda *a, **k: calls.append(a) or real(*a, **k))
    monkeypatch.setattr(explorer, "_PICTURES", {})
    monkeypatch.setattr(figures, "_SHOWN", {})  # the lesson's static figure not drawn yet
    first = explorer.dependence_explorer(2020)
    slider, picture = first.children[0], first.children[2]
    shown_2020 = picture.value
    slider.value = 2014
    assert picture.value != shown_2020 and "2014" in picture.value
    slider.value = 2020
    assert picture.value == shown_2020
    again = explorer.dependence_explorer(2020)  # the cell run a second time
    assert again.children[2].value == shown_2020
    assert [a[0] for a in calls] == [2020, 2014]
    plt.close("all")


def test_text_sizes_are_measured_once_per_resolution_and_pictures_do_not_change():
    # Text layout is the largest single cost of drawing the course's charts, and matplotlib
    # measured each label again for every renderer (a PNG uses three: the tight-bbox pass, the
    # drawing pass, the smallest-text check). figures._share_text_metrics shares the
    # measurements between Agg renderers of one resolution, figures._share_text_layouts each
    # text's layout (lines, box, alignment) between passes and texts; the PNGs must stay
    # byte-identical.
    code = """
import hashlib, json, sys
import matplotlib.text as mtext
from crisis_course import energy, figures, maps, prices, textanalysis, timeline
if sys.argv[-1] == "own":
    figures._share_text_metrics = lambda: False
    figures._share_text_layouts = lambda: False
builders = [lambda: maps.locator_map(title="Ukraine", extent=(17.0, 47.5, 41.0, 56.5)),
            lambda: timeline.plot(timeline.load(lessons=6), title="Gas", label_width=70),
            lambda: energy.dependence_figure(2020), prices.gas_price_chart,
            lambda: textanalysis.plot_actor_mentions(textanalysis.actor_mentions())]
pngs = [hashlib.sha256(figures._png_bytes(build(), dpi)).hexdigest() for build in builders for dpi in (110, 80)]
shared = getattr(mtext._get_text_metrics_function, "_crisis_course_shared", False)
layouts = getattr(mtext.Text._get_layout, "_crisis_course_shared", False) and len(figures._LAYOUT_CACHE) > 100
print(json.dumps({"pngs": pngs, "shared": [shared, layouts], "resolutions": sorted(k[0] for k in figures._SHARED_METRICS)}))
"""
    own = _fresh_python(code.replace("sys.argv[-1]", "'own'"))
    shared = _fresh_python(code)
    assert own["shared"] == [False, False] and shared["shared"] == [True, True]
    # one measuring renderer per resolution: the two PNG resolutions and the figures' own (layout)
    assert shared["resolutions"] == [80.0, 100.0, 110.0]
    assert shared["pngs"] == own["pngs"]


def test_pngs_have_the_pixels_matplotlib_draws():
    # figures._png_bytes draws through savefig(format="rgba") and writes the PNG itself (RGB when
    # opaque, a faster zlib level): the pixels, their size and the smallest-text figure must be
    # those of matplotlib's own PNG, drawn here without the course's shared text caches.
    code = """
import hashlib, io, json, sys
import numpy as np
from PIL import Image
import matplotlib.pyplot as plt
from crisis_course import energy, figures, maps, prices, textanalysis, timeline
builders = [lambda: maps.nato_small_multiples(years=(1949, 2004, 2020)),
            lambda: timeline.plot(timeline.load(lessons=6), title="Gas", label_width=70),
            lambda: energy.dependence_figure(2020), prices.gas_price_chart,
            lambda: textanalysis.plot_actor_mentions(textanalysis.actor_mentions())]
out = []
for build in builders:
    fig = build()
    if sys.argv[-1] == "matplotlib":
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", facecolor="white")
        png = buf.getvalue()
    else:
        png = figures._png_bytes(fig, 110)
    image = Image.open(io.BytesIO(png))
    pixels = hashlib.sha256(np.asarray(image.convert("RGBA")).tobytes()).hexdigest()
    out.append([image.mode, pixels, image.size, figures.smallest_font_px(fig, 110), len(png)])
    plt.close(fig)
print(json.dumps(out))
"""
    ours = _fresh_python(code)
    theirs = _fresh_python(code.replace("sys.argv[-1]", "'matplotlib'"))
    assert [o[1:4] for o in ours] == [t[1:4] for t in theirs], "the course's PNGs differ from matplotlib's"
    assert {o[0] for o in ours} == {"RGB"} and {t[0] for t in theirs} == {"RGBA"}
    assert all(o[4] < t[4] for o, t in zip(ours, theirs)), "the RGB PNGs should be smaller"


def test_smallest_font_px_checks_only_the_smallest_texts_and_finds_the_same_size(monkeypatch):
    # smallest_font_px asks whether a text is drawn (a costly extent) only for the smallest
    # texts; it must give what checking every text gives, and skip a smaller text not drawn
    from matplotlib.text import Text

    from crisis_course import energy, figures, timeline

    for fig in (energy.dependence_figure(2020), timeline.plot(timeline.load(lessons=6), title="Gas")):
        figures._png_bytes(fig, 110)
        every = min(t.get_fontsize() for t in fig.findobj(Text)
                    if t.get_visible() and t.get_text().strip() and figures._drawn(t))
        checked = []
        real = figures._drawn
        monkeypatch.setattr(figures, "_drawn", lambda t: checked.append(t) or real(t))
        assert figures.smallest_font_px(fig, 110) == round(every * 110 / 72, 1)
        assert 0 < len(checked) < len(fig.findobj(Text)) / 4
        monkeypatch.setattr(figures, "_drawn", real)
        plt.close(fig)
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.tick_params(labelsize=9)
    small = ax.text(0.5, 0.5, "not drawn", fontsize=4)
    figures._png_bytes(fig, 110)  # tick labels get their text when drawn
    monkeypatch.setattr(figures, "_drawn", lambda t: t is not small)
    assert figures.smallest_font_px(fig, 110) == round(9 * 110 / 72, 1)
    plt.close(fig)


def test_explorer_starts_on_the_picture_the_lesson_already_drew(monkeypatch):
    # lesson 6 shows dependence_figure(2020) and then the explorer starting on 2020: the
    # explorer shows that picture (at the explorer's width) instead of drawing the year again
    import re

    from crisis_course import energy, figures
    from crisis_course.energy import explorer

    monkeypatch.setattr(explorer, "_PICTURES", {})
    monkeypatch.setattr(figures, "_SHOWN", {})
    monkeypatch.delenv("CRISIS_COURSE_SLIDE_FIGURES", raising=False)
    static = figures.show(energy.dependence_figure(2020), alt="The 2020 map and bars.")
    calls = []
    real = explorer.dependence_figure
    monkeypatch.setattr(explorer, "dependence_figure", lambda *a, **k: calls.append(a) or real(*a, **k))
    picture = explorer.dependence_explorer(2020).children[2].value
    assert calls == [], "the explorer drew 2020 again"
    assert static._repr_mimebundle_()["image/png"] in picture
    natural = figures._png_size(static.png)[0]
    assert f'width="{round(natural * 80 / 110)}"' in picture
    assert re.search(r'alt="Map of Europe and ranked bar chart[^"]*2020', picture)
    explorer.dependence_explorer(2020).children[0].value = 2014  # another year is drawn, at 80 dpi
    assert [a[0] for a in calls] == [2014]
    plt.close("all")


def test_glossary_is_read_once_until_the_file_changes(tmp_path):
    # a lesson shows its terms in 3-5 cells; each read and parsed the whole glossary
    import shutil

    from crisis_course import glossary

    file = tmp_path / "glossary.yaml"
    shutil.copy(glossary.path(), file)
    first = glossary.load(file)
    first.loc[0, "lessons"].append(99)  # a caller changing its copy changes nothing kept
    again = glossary.load(file)
    assert 99 not in again.loc[0, "lessons"]
    assert glossary._LOADED and next(iter(glossary._LOADED))[0] == str(file.resolve())
    file.write_text(file.read_text("utf-8").replace("terms:", "terms:\n  - term: Aaa test term\n"
                                                    "    definition: A definition long enough.\n", 1), "utf-8")
    changed = glossary.load(file)
    assert changed.loc[0, "term"] == "Aaa test term" and len(changed) == len(again) + 1
    file.write_text("terms: [", "utf-8")
    with pytest.raises(glossary.GlossaryError, match="not valid YAML"):
        glossary.load(file)


@pytest.mark.parametrize("filename", ["europe_countries.geojson", "contested_areas.geojson",
                                      "world_countries_110m.geojson"])
def test_map_files_read_as_geopandas_reads_them(filename):
    # data._read_geojson reads the shipped maps with json and shapely instead of pyogrio/GDAL
    # (0.1-0.2 s of imports in every lesson with a map): the same frame, column for column
    import geopandas as gpd
    from geopandas.testing import assert_geodataframe_equal

    from crisis_course import data

    ours = data._read_geojson(data.data_path(filename))
    assert_geodataframe_equal(ours, gpd.read_file(data.data_path(filename)))
    assert ours.crs == "EPSG:4326" and list(ours.columns)[-1] == "geometry"


def test_lessons_draw_maps_without_gdal():
    code = """
import json, sys
from crisis_course import data, maps
import matplotlib.pyplot as plt
plt.close(maps.locator_map()); data.contested_areas(); data.world_map()
print(json.dumps({"pyogrio": "pyogrio" in sys.modules, "maps": len(data.europe_map())}))
"""
    seen = _fresh_python(code)
    assert seen["maps"] > 30 and seen["pyogrio"] is False


@pytest.mark.parametrize("text", ["{", '{"type": "Feature"}', '{"type": "FeatureCollection", "features": 3}',
                                  '{"type": "FeatureCollection", "features": [{"geometry": {"type": "Nope"}}]}'])
def test_a_broken_map_file_is_named(tmp_path, text):
    from crisis_course import data

    file = tmp_path / "x.geojson"
    file.write_text(text, "utf-8")
    with pytest.raises(Exception) as err:
        data._read_geojson(file)
    assert not isinstance(err.value, (SystemExit, KeyboardInterrupt))


def test_shared_text_sizes_and_layouts_follow_the_font_settings():
    # the same text and font properties measure and lay out differently when the generic family
    # names another font: the shared measurements and layouts must not hand out the old ones
    import matplotlib

    from crisis_course import figures

    widths = []
    for fonts in (["DejaVu Sans"], ["DejaVu Sans Mono"]):
        with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": fonts}):
            fig = plt.figure(figsize=(3, 1))
            text = fig.text(0.1, 0.5, "Width of this text")
            figures._png_bytes(fig, 110)
            widths.append(text.get_window_extent().width)
            plt.close(fig)
    assert figures._share_text_layouts() and figures._share_text_metrics()
    assert widths[0] != widths[1]


def test_pngs_are_cropped_without_a_layout_pass_and_glyphs_drawn_as_matplotlib_draws_them():
    # figures._png_bytes measures the tight box itself instead of letting savefig draw the whole
    # figure once with drawing switched off, and draws each text's glyphs with the per-text work
    # done once (figures._share_glyph_drawing): the PNGs must be byte-identical to those made
    # without either, for maps, charts, timelines and texts of every kind (rotated, mathtext with
    # and without rules, not antialiased, several sizes)
    code = """
import hashlib, json, sys
import matplotlib.figure
import matplotlib.pyplot as plt
from crisis_course import energy, figures, maps, prices, textanalysis, timeline
if sys.argv[-1] == "matplotlib":
    figures._tight_box = lambda fig, dpi: None
    figures._share_glyph_drawing = lambda: False
def texts():
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot([0, 1], [0, 1])
    ax.set_title("Title $x^2$ and $\\\\frac{a}{b}$ with $\\\\sqrt{2}$")
    ax.text(0.2, 0.5, "rotated 33", rotation=33, fontsize=13)
    ax.text(0.6, 0.2, "vertical", rotation=90, fontsize=8)
    ax.text(0.1, 0.9, "not antialiased", antialiased=False, fontsize=11)
    ax.annotate("arrow", (0.5, 0.5), (0.8, 0.8), arrowprops={"arrowstyle": "->"})
    fig.text(1.02, 0.5, "outside the axes, right", fontsize=9)
    return fig
builders = [lambda: maps.nato_small_multiples(years=(1949, 2004, 2020)), lambda: energy.dependence_figure(2020),
            lambda: timeline.plot(timeline.load(lessons=6), title="Gas", label_width=70), prices.gas_price_chart,
            lambda: textanalysis.plot_actor_mentions(textanalysis.actor_mentions()), texts]
draws = []
real = matplotlib.figure.Figure.draw
matplotlib.figure.Figure.draw = lambda self, renderer: draws.append(1) or real(self, renderer)
pngs = []
for build in builders:
    fig = build()
    pngs.append(hashlib.sha256(figures._png_bytes(fig, 110)).hexdigest())
    plt.close(fig)
print(json.dumps({"pngs": pngs, "draws": len(draws)}))
"""
    ours = _fresh_python(code)
    theirs = _fresh_python(code.replace("sys.argv[-1]", "'matplotlib'"))
    assert ours["pngs"] == theirs["pngs"]
    assert theirs["draws"] == 2 * len(ours["pngs"]) and ours["draws"] == len(ours["pngs"]), (
        "a PNG should draw its figure once (no pass with drawing switched off)")


def test_a_figure_placed_while_drawing_is_cropped_as_matplotlib_crops_it():
    # a text that changes while it is drawn (as legends or annotations could): the box measured
    # before drawing is wrong, so _png_bytes must notice and crop as savefig("tight") does
    import io

    import numpy as np
    from matplotlib.text import Text
    from PIL import Image

    from crisis_course import figures

    class Moving(Text):
        def draw(self, renderer):
            self.set_text("changed while drawn, and much longer")  # the tight box grows
            super().draw(renderer)

    def build():
        fig = plt.figure(figsize=(3, 2))
        fig.add_artist(Moving(0.2, 0.5, "short", transform=fig.transFigure))
        return fig

    fig = build()
    ours = Image.open(io.BytesIO(figures._png_bytes(fig, 80)))
    plt.close(fig)
    fig = build()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80, bbox_inches="tight", facecolor="white")
    plt.close(fig)
    theirs = Image.open(io.BytesIO(buf.getvalue()))
    assert ours.size == theirs.size and ours.size[0] > 2 * 80
    assert np.array_equal(np.asarray(ours.convert("RGBA")), np.asarray(theirs.convert("RGBA")))


def test_a_timeline_draws_each_events_two_markers_as_one_collection():
    # one scatter per event (its marker on the axis and at its label), not two: same drawing
    # order and pixels (the lessons' PNGs were compared), half the collections to build and draw
    from crisis_course import timeline

    events = timeline.load(lessons=6)
    fig = timeline.plot(events, title="Gas")
    markers = [c for c in fig.axes[0].collections if len(c.get_sizes()) and c.get_sizes()[0] == 60]
    assert len(markers) == len(events) > 5
    assert all(len(c.get_offsets()) == 2 for c in markers)
    plt.close(fig)
