"""The article, the timeline and the glossary: shipped, validated, used as documented."""
import subprocess
import sys

import pytest

from crisis_course import article, glossary, maps, timeline


def test_packaged_article_is_the_seed_verbatim(repo):
    seed = (repo / "seeds" / "000_a01f77809c830506.txt").read_bytes()
    assert article.path().read_bytes() == seed


def test_article_structure():
    paras = article.paragraphs()
    assert paras[0].startswith("date 2021-12-07")
    assert any("Poutine" in p for p in paras)
    sents = article.sentences()
    assert "Biden administration." in sents  # the dangling fragment is its own sentence
    assert not any(s.endswith("Mr.") for s in sents)
    html = article.show()._repr_html_()
    assert "<script" not in html and "[0]" in html


def test_timeline_file_is_valid():
    assert timeline.validate() == []
    ev = timeline.load()
    assert ev["when"].is_monotonic_increasing
    assert not ev.loc[ev["date"] <= "2021-12-07", "after_cutoff"].any()
    assert ev.loc[ev["date"] > "2021-12-07", "after_cutoff"].all()


def test_timeline_validation_names_line_and_field(tmp_path):
    bad = tmp_path / "timeline.csv"
    bad.write_text("date,event,category,lessons,source\n"
                   "2021-13-40,Something,nato,3,\"A source, publisher, 2021\"\n"
                   "2021-12-07,Call,spaceflight,4,\"A source, publisher, 2021\"\n"
                   "2021-12-07,Call,diplomacy,x,short\n", encoding="utf-8")
    problems = timeline.validate(bad)
    text = "\n".join(problems)
    assert "line 2" in text and "'date'" in text
    assert "line 3" in text and "'category'" in text
    assert "line 4" in text and "'lessons'" in text and "'source'" in text
    with pytest.raises(timeline.TimelineError, match="timeline.csv line 2"):
        timeline.load(file=bad)


def test_timeline_filters_and_plot():
    ev = timeline.load(lessons=[2])
    assert ev["lessons"].map(lambda xs: 2 in xs).all()
    fig = timeline.plot(ev, title="t")
    assert fig.axes
    html = timeline.table(ev)._repr_html_()
    assert "<th scope='col'>Source</th>" in html


def test_glossary_is_valid_and_displays():
    assert glossary.validate() == []
    df = glossary.load()
    assert df["term"].is_unique
    html = glossary.show()._repr_html_()
    assert "column-count" not in html and html.count("<dt>") == len(df)
    assert "column-count:2" in glossary.show(columns=2)._repr_html_()
    lesson3 = glossary.show(lesson=3)._repr_html_()
    assert lesson3.count("<dt>") == sum(3 in xs for xs in df["lessons"])


def test_glossary_validation_names_term_and_field(tmp_path):
    bad = tmp_path / "glossary.yaml"
    bad.write_text("terms:\n  - term: NATO\n    definition: short\n    lessons: [12]\n"
                   "  - term: nato\n    definition: The North Atlantic Treaty Organization.\n",
                   encoding="utf-8")
    text = "\n".join(glossary.validate(bad))
    assert "term 'NATO'" in text and "'definition'" in text and "'lessons'" in text
    assert "duplicate" in text
    (tmp_path / "broken.yaml").write_text("terms: [unclosed", encoding="utf-8")
    assert "not valid YAML" in glossary.validate(tmp_path / "broken.yaml")[0]


@pytest.mark.parametrize("call", [
    lambda: maps.locator_map(),
    lambda: maps.nato_map(2021),
    lambda: maps.nato_small_multiples((1949, 2004)),
])
def test_maps_render(call):
    import matplotlib.pyplot as plt

    fig = call()
    assert fig.axes
    plt.close(fig)


def test_map_input_errors_are_clear():
    with pytest.raises(ValueError, match="no country with iso_a3='XXX'"):
        maps.locator_map(focus="XXX")
    with pytest.raises(ValueError, match="unknown contested area"):
        maps.locator_map(contested=("Atlantis",))
    with pytest.raises(ValueError, match="year"):
        maps.nato_map("2004")
    import pandas as pd
    with pytest.raises(ValueError, match="one row per country"):
        maps.choropleth(pd.DataFrame({"iso_a3": ["FRA", "FRA"], "v": [1, 2]}), "v")


def test_nato_slider_redraws():
    w = maps.nato_slider(2021)
    slider, caption = w.children[0], w.children[1]
    assert "2020: 30 members" in caption.value
    slider.value = 2004
    assert "2004: 26 members" in caption.value and "Estonia" in caption.value


def test_figures_show_requires_alt_text():
    import matplotlib.pyplot as plt

    from crisis_course import figures

    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="alt text"):
        figures.show(fig, alt="  ")
    shown = figures.show(fig, alt="A line <going> up", source="Test & co")
    bundle = shown._repr_mimebundle_()
    assert 'alt="A line &lt;going&gt; up"' in bundle["text/html"]
    assert "image/png" in bundle and bundle["text/plain"].startswith("[Figure]")


def test_import_is_cheap():
    """`import crisis_course` must not pull in heavy libraries (measured in benchmarks/run.py)."""
    code = ("import sys, crisis_course; heavy = [m for m in ('pandas', 'matplotlib', 'geopandas', "
            "'ipywidgets', 'yaml') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_glossary_in_parts():
    df = glossary.load()
    n = sum(5 in xs for xs in df["lessons"])
    one = glossary.show(lesson=5, part=1, parts=2)._repr_html_()
    two = glossary.show(lesson=5, part=2, parts=2)._repr_html_()
    assert "(1 of 2)" in one and "(2 of 2)" in two
    assert one.count("<dt>") + two.count("<dt>") == n and abs(one.count("<dt>") - two.count("<dt>")) <= 1
    with pytest.raises(ValueError, match="part must be between 1 and 2"):
        glossary.show(lesson=5, part=3, parts=2)


def test_article_shows_a_range_of_paragraphs():
    first = article.show(paragraphs_shown=range(0, 5))._repr_html_()
    second = article.show(paragraphs_shown=range(5, len(article.paragraphs())))._repr_html_()
    assert "[0]" in first and "[4]" in first and "[5]" not in first
    assert "[5]" in second and "[0]" not in second
    with pytest.raises(ValueError, match="paragraph numbers run from 0"):
        article.show(paragraphs_shown=[99])
