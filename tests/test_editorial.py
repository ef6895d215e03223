"""Editorial content lives in YAML (content/reading.yaml, content/energy_caveats.yaml); one loader
validates it and reports every problem of every file at once."""
import shutil

import pytest
import yaml
from conftest import REPO

from crisis_course import checks, editorial, energy, textanalysis


def test_shipped_files_are_valid_and_used():
    assert editorial.problems() == []
    assert textanalysis.ACTORS == editorial.load("reading")["actors"]
    assert energy.CAVEAT_YEARS["FIN"] == 2020 and "Balticconnector" in energy.REPORTING_CAVEATS["FIN"]


@pytest.fixture
def content_copy(tmp_path, monkeypatch):
    for name in editorial.FILES:
        shutil.copy(editorial.path(name), tmp_path / f"{name}.yaml")
    monkeypatch.setattr(editorial, "path", lambda name: tmp_path / f"{name}.yaml")
    editorial.load.cache_clear()
    yield tmp_path
    editorial.load.cache_clear()


def test_every_problem_of_every_file_at_once(content_copy):
    reading = yaml.safe_load((content_copy / "reading.yaml").read_text(encoding="utf-8"))
    reading["actors"]["Putin"].append("Put(in")                 # a broken regular expression
    reading["sentence_roles"][0]["role"] = "rumour"               # not a defined role
    reading["assumptions"][0]["lesson"] = 42                      # no such lesson
    (content_copy / "reading.yaml").write_text(yaml.safe_dump(reading, allow_unicode=True), encoding="utf-8")
    caveats = yaml.safe_load((content_copy / "energy_caveats.yaml").read_text(encoding="utf-8"))
    caveats["reporting_caveats"][0]["iso_a3"] = "Austria"
    (content_copy / "energy_caveats.yaml").write_text(yaml.safe_dump(caveats), encoding="utf-8")
    found = editorial.problems()
    text = "\n".join(found)
    assert "reading.yaml: actors/Putin: 'Put(in' is not a valid regular expression" in text
    assert "reading.yaml: sentence_roles/0: role 'rumour' is not one of role_labels" in text
    assert "reading.yaml: assumptions/0: lesson 42 is not in course.yaml" in text
    assert "energy_caveats.yaml: reporting_caveats/0/iso_a3" in text
    with pytest.raises(editorial.EditorialError) as err:
        editorial.load("reading")
    assert str(err.value).count("reading.yaml") == 3
    lines = [r.line() for r in checks.check_content(REPO) if not r.ok]
    assert any("energy_caveats.yaml" in line for line in lines) and any("reading.yaml" in line for line in lines)
