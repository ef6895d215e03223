"""Lesson 2's historical map of Crimea (1954, 1991, 2014)."""
import matplotlib

matplotlib.use("Agg")

from crisis_course import maps  # noqa: E402


def test_map_labels_the_three_dates_and_says_how_crimea_is_drawn():
    fig = maps.crimea_history_map()
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    for fact in ("1954", "54.19%", "57.07%", "68/262"):
        assert fact in texts
    legend = " ".join(t.get_text() for t in fig.axes[0].get_legend().get_texts())
    assert "68/262" in legend
    alt = maps.crimea_history_alt_text()
    assert "Russia disputes" in alt and "54.19%" in alt


def test_the_map_repeats_the_lessons_own_figures():
    import nbformat
    from conftest import REPO

    nb = nbformat.read(REPO / "lessons" / "02_ukraine_and_russia.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "54.19%" in text and "57.07%" in text and "1954" in text
