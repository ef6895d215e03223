"""Lesson 6's gas-routes map: a typed, sourced table drawn as a schematic map."""
import matplotlib

matplotlib.use("Agg")

from crisis_course import pipelines, safeyaml  # noqa: E402


def test_table_is_valid_and_sourced():
    assert pipelines.problems() == []
    names = {p["name"] for p in pipelines.load()}
    assert names == {"Ukrainian transit system", "Yamal-Europe", "Nord Stream 1", "Nord Stream 2", "TurkStream",
                     "Blue Stream"}
    for p in pipelines.load():
        assert p["source"].strip() and p["capacity_note"].strip()
    ns2 = next(p for p in pipelines.load() if p["name"] == "Nord Stream 2")
    assert ns2["status"] != "operating"          # on 7 December 2021 it carried no gas to customers


def test_problems_name_the_pipeline_and_field():
    data = safeyaml.load_file(pipelines.path())
    data["pipelines"][1]["capacity_bcm"] = -3
    data["pipelines"][2]["route"] = [[13.6, 54.1, "Lubmin"]]
    errs = pipelines.problems(data)
    assert "gas_pipelines.yaml: pipeline 'Yamal-Europe': field 'capacity_bcm'" in errs[0]
    assert "pipeline 'Nord Stream 1': field 'route'" in errs[1]


def test_map_draws_every_route_and_the_alt_text_names_each_capacity():
    fig = pipelines.routes_map()
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert len(legend) == len(pipelines.load())
    assert any("Nord Stream 2: 55 bcm a year (built, not in operation)" in t for t in legend)
    alt = pipelines.routes_alt_text()
    for p in pipelines.load():
        assert f"{p['name']} ({p['capacity_bcm']:g} bcm a year" in alt
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "Baltic Sea" in texts and "Black Sea" in texts
