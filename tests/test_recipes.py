"""Every end-to-end recipe in docs/AUTHORING.md ("Recipes"), followed step by step in a copy of the course.

Each test copies the course (package source, lessons, exercises, solutions, tools, the answer
vectors) into a tmp folder, does what its recipe says there, and runs the commands the recipe
names with that copy first on ``PYTHONPATH`` and ``CRISIS_COURSE_ROOT`` pointing at it, so the
copy's package, content and data are the ones read (``course.find_root``). Nothing in the
repository is changed. Each test also shows that the step the recipe adds is needed: without it,
the command the recipe runs fails and says what is missing.

The recipe tests run subprocesses that import the whole package (about 30-50 s each on the shared
2-core machine), so they are marked ``slow``; ``test_every_recipe_has_its_test`` is in the fast tier.
Each ``crisis-course`` process costs about 3 s of CPU before it does anything (the command line
imports nbconvert, nbformat and jsonschema), so checks that follow one another with no edit
between them run in one process (``cli.main``, the command's own entry point); every command a
recipe names still runs against the changed copy, after the change.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import REPO

AUTHORING = REPO / "docs" / "AUTHORING.md"
COPIED = ("src", "lessons", "exercises", "solutions", "seeds", "tools", "pyproject.toml", "tests/answer_vectors.yaml")
IGNORED = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.egg-info", "course_files")


class Copy:
    """A copy of the course in ``root``; :meth:`run` runs a command against it."""

    def __init__(self, root: Path):
        self.root = root
        self.pkg = root / "src" / "crisis_course"

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
        env = {**os.environ, "PYTHONPATH": str(self.root / "src"), "CRISIS_COURSE_ROOT": str(self.root),
               "CRISIS_COURSE_PROGRESS_DIR": str(self.root / ".progress"), "PYTHONDONTWRITEBYTECODE": "1"}
        proc = subprocess.run(list(args), cwd=self.root, env=env, capture_output=True, text=True, timeout=900)
        if ok:
            assert proc.returncode == 0, f"{' '.join(args)} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        return proc

    def python(self, code: str, ok: bool = True) -> subprocess.CompletedProcess:
        return self.run(sys.executable, "-c", code, ok=ok)

    def crisis_course(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
        return self.run(sys.executable, "-m", "crisis_course", *args, ok=ok)

    def regenerate(self, tool: str) -> None:
        """Run ``tools/<tool>`` after showing that its ``--check`` finds the generated file out of date."""
        stale = self.run(sys.executable, f"tools/{tool}", "--check", ok=False)
        assert stale.returncode == 1, stale.stdout
        self.run(sys.executable, f"tools/{tool}")

    def passes(self, *groups: str) -> None:
        """``crisis-course check`` (only ``groups`` if given) finds no problem."""
        proc = self.crisis_course("check", *(a for g in groups for a in ("--only", g)), "--quiet")
        assert "All checks passed" in proc.stdout

    def question(self, bank: str, qid: str, setup: str, check: str | None = None, **exprs: str) -> dict:
        """The values of Python expressions about question ``qid`` of ``bank`` (``q``), run in the copy.

        ``check``: first run ``crisis-course check --only <check>`` in the same process (one import of
        the package instead of two) and assert that it passes."""
        first = (f"from crisis_course import cli\nprint('check', cli.main(['check', '--only', {check!r}, '--quiet']))\n"
                 if check else "")
        code = (f"import json\n{first}from crisis_course.quiz import Quiz, load_bank\n{setup}\n"
                f"q = {{q.id: q for q in load_bank({bank!r}).questions}}[{qid!r}]\n"
                f"print(json.dumps({{{', '.join(f'{k!r}: {v}' for k, v in exprs.items())}}}))")
        out = self.python(code).stdout
        if check:
            assert "All checks passed" in out and "check 0" in out.splitlines(), out
        return json.loads(out.strip().splitlines()[-1])

    def append(self, relpath: str, text: str) -> None:
        path = self.root / relpath
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def course_copy(tmp_path) -> Copy:
    root = tmp_path / "course"
    for name in COPIED:
        src, dst = REPO / name, root / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=IGNORED)
        else:
            shutil.copy2(src, dst)
    copy = Copy(root)
    # the copy, not the repository, is what the commands import
    where = copy.python("import crisis_course; print(crisis_course.__file__)").stdout.strip()
    assert Path(where).resolve().is_relative_to(root.resolve()), where
    return copy


def _recipes() -> dict[str, str]:
    """Recipe name ("Add a lesson") -> its text, from the Recipes section of AUTHORING.md."""
    text = AUTHORING.read_text(encoding="utf-8")
    section = text.split("### Recipes", 1)[1].split("\n### ", 1)[0]
    return dict(re.findall(r"^- \*\*(Add [^*]+)\*\*: (.*?)(?=^- \*\*|\Z)", section, flags=re.M | re.S))


def _test_name(recipe: str) -> str:
    return "test_recipe_" + re.sub(r"\W+", "_", recipe.lower()).strip("_")


def test_every_recipe_has_its_test():
    recipes = _recipes()
    assert set(recipes) == {"Add a lesson", "Add a question", "Add a question type", "Add an exercise",
                            "Add a dataset"}, recipes
    missing = [r for r in recipes if _test_name(r) not in globals()]
    assert not missing, f"recipes without a test named after them: {missing}"


def _problems(proc) -> list[str]:
    return [line for line in proc.stdout.splitlines() if line.startswith("PROBLEM")]


# ----------------------------------------------------------------------------- add a lesson ----

def _new_lesson(copy: Copy) -> None:
    """Lesson 9 "Review" from lesson 0's skeleton: notebook, bank (ids renamed) and notes file."""
    nb = nbformat.read(copy.root / "lessons" / "00_orientation.ipynb", as_version=4)
    for cell in nb.cells:
        cell.source = re.sub(r"^# Lesson 0:[^\n]*", "# Lesson 9: Review", cell.source, flags=re.M)
        cell.source = cell.source.replace('"orientation"', '"review"').replace('"review", "orientation-', '"review", "review-')
    nbformat.write(nb, copy.root / "lessons" / "09_review.ipynb")
    bank = (copy.pkg / "banks" / "orientation.yaml").read_text(encoding="utf-8")
    bank = re.sub(r"^title: .*$", 'title: "Lesson 9 quiz: review"', bank, count=1, flags=re.M)
    bank = bank.replace("bank: orientation", "bank: review").replace("lesson: 0", "lesson: 9")
    (copy.pkg / "banks" / "review.yaml").write_text(bank.replace("orientation-", "review-"), encoding="utf-8")
    shutil.copy(copy.pkg / "content" / "notes" / "00_orientation.yaml", copy.pkg / "content" / "notes" / "09_review.yaml")


@pytest.mark.slow
def test_recipe_add_a_lesson(course_copy):
    """Notebook + bank + notes file + manifest entry -> `crisis-course check` passes, the lesson runs
    (pytest-notebook), is a lesson of the course and is exported (answer key, slide export's list)."""
    assert "content/course.yaml" in _recipes()["Add a lesson"]
    _new_lesson(course_copy)
    # an open-writing box needs its prompt in writing.PROMPTS: the check names a key that has none
    # and without its manifest entry, the check says what to add (one run of the check names both)
    path = course_copy.root / "lessons" / "09_review.ipynb"
    path.write_text(path.read_text(encoding="utf-8").replace("orientation-summary", "review-summary"), encoding="utf-8")
    proc = course_copy.crisis_course("check", "--only", "notebooks", "--quiet", ok=False)
    assert proc.returncode == 1
    assert any("review-summary" in p and "PROMPTS" in p for p in _problems(proc)), proc.stdout
    assert any("lessons/09_review.ipynb" in p and "course.yaml" in p for p in _problems(proc)), proc.stdout
    path.write_text(path.read_text(encoding="utf-8").replace("review-summary", "orientation-summary"), encoding="utf-8")
    course_copy.append("src/crisis_course/content/course.yaml", """  - number: 9
    slug: review
    title: "Review"
    notebook: 09_review.ipynb
    bank: review
    minutes: 30
    exercises: []
""")
    course_copy.passes()
    course_copy.run(sys.executable, "-m", "pytest", "lessons/09_review.ipynb", "-q", "-p", "no:cacheprovider")
    # one process: the lesson in the course and the slide export's list, then the answer-key command
    listed = course_copy.python(
        "from crisis_course import cli, course, export\n"
        "c = course.load(); l = c.lesson(9)\n"
        "print(l.slug, l.bank, [p.name for p in export.resolve_lessons(['9'], export.find_lessons_dir(None))])\n"
        "print('answer-key', cli.main(['answer-key', '--no-solutions', '--quiet', '-o', 'key']))")
    assert listed.stdout.split()[-5:] == ["review", "review", "['09_review.ipynb']", "answer-key", "0"], listed.stdout
    key = (course_copy.root / "key" / "answer_key.md").read_text(encoding="utf-8")
    assert "Lesson 9" in key and "review-" in key


# --------------------------------------------------------------------------- add a question ----

NEW_QUESTION = """  - id: nato-members-after-2004
    type: numeric
    level: apply
    prompt: "NATO had 19 members after the 1999 round. Seven states joined in 2004. How many members did it have then?"
    answer: 26
    tolerance: 0
    unit: "members"
    explanation: >-
      19 + 7 = 26: Bulgaria, Estonia, Latvia, Lithuania, Romania, Slovakia and Slovenia joined on 29 March 2004.
    source: "NATO, 'Member countries' (nato.int)"
    near_misses:
      - value: 19
        feedback: 19 is the count before the 2004 round; add the seven states that joined then.
      - value: 30
        feedback: 30 is the count of 2021, after the rounds of 2009, 2017 and 2020.
"""


@pytest.mark.slow
def test_recipe_add_a_question(course_copy):
    """Append a question with level, explanation, source and near misses -> the answer vectors script
    adds its vectors, `check --only banks` passes, and the grader marks it (with the near-miss feedback)."""
    assert "tools/make_answer_vectors.py" in _recipes()["Add a question"]
    course_copy.append("src/crisis_course/banks/nato.yaml", NEW_QUESTION)
    course_copy.regenerate("make_answer_vectors.py")
    vectors = yaml.safe_load((course_copy.root / "tests" / "answer_vectors.yaml").read_text(encoding="utf-8"))
    mine = vectors.get("vectors", vectors)["nato-members-after-2004"]
    assert any(v["correct"] for v in mine) and any(not v["correct"] for v in mine), mine
    result = course_copy.question(  # `check --only banks` passes, then the grader marks it
        "nato", "nato-members-after-2004", f"vectors = json.loads({json.dumps(json.dumps(mine))})", check="banks",
        right="q.check('26').correct", unit="q.check('26 members').correct", near="q.check('19').feedback",
        agree="all(q.check(v['answer']).correct == v['correct'] for v in vectors)")
    assert result["right"] and result["unit"] and result["agree"], result
    assert "before the 2004 round" in result["near"], result
    # a question that breaks the bank rules is caught by the same command
    course_copy.append("src/crisis_course/banks/nato.yaml", NEW_QUESTION)      # the same id twice
    proc = course_copy.crisis_course("check", "--only", "banks", "--quiet", ok=False)
    assert proc.returncode == 1 and "nato-members-after-2004" in proc.stdout, proc.stdout


# ---------------------------------------------------------------------------- add a dataset ----

NEW_DATASET = """  - name: nato_founders
    file: nato_founders_1949.csv
    description: "the twelve states that signed the North Atlantic Treaty on 4 April 1949"
    years: "1949–1949"
    columns: {country: str, iso_a3: str, joined: date}
    key_columns: [country, iso_a3]
    attribution_key: alliances
    attribution: "Source: nato.int member list and accession dates; EU and CSTO official lists (table CC0)."
    licence: "facts; table CC0"
    origin: "rows of alliances_membership.csv with organisation NATO and joined 1949"
    transformation: "filtered and reduced to three columns"
    readme: README_nato_founders.md
    sha256: ""
    bytes: 0
"""


@pytest.mark.slow
def test_recipe_add_a_dataset(course_copy):
    """File + README + one registry entry + `data.write_checksums()` -> `data.load(name)` reads it with its
    checksum verified, `check --only data` passes, SOURCES.md/README.md list it, and a damaged copy is caught."""
    recipe = _recipes()["Add a dataset"]
    assert "datasets.yaml" in recipe and "write_checksums" in recipe
    data_dir = course_copy.pkg / "data"
    course_copy.python(
        "from crisis_course import data\n"
        "f = data.nato_members(as_of='1949-12-31')[['country', 'iso_a3', 'joined']]\n"
        f"f.to_csv({str(data_dir / 'nato_founders_1949.csv')!r}, index=False, date_format='%Y-%m-%d')")
    (data_dir / "README_nato_founders.md").write_text("# nato_founders_1949.csv\n\nThe founders (see README_alliances.md).\n",
                                                     encoding="utf-8")
    # the file alone: the check says it has no registry entry
    proc = course_copy.crisis_course("check", "--only", "data", "--quiet", ok=False)
    assert any("nato_founders_1949.csv" in p and "datasets.yaml" in p for p in _problems(proc)), proc.stdout
    course_copy.append("src/crisis_course/data/datasets.yaml", NEW_DATASET)
    course_copy.python("from crisis_course import data; data.write_checksums()")      # the recipe's command
    # one process after it: the dataset loads, then `crisis-course check --only data` passes
    loaded = course_copy.python(
        "from crisis_course import cli, data\n"
        "f = data.load('nato_founders')\n"
        "print(len(f), f['joined'].dt.year.unique().tolist(), data.checksums()['nato_founders_1949.csv'][1] > 0)\n"
        "print('check', cli.main(['check', '--only', 'data', '--quiet']))")
    assert loaded.stdout.split()[:3] == ["12", "[1949]", "True"], loaded.stdout
    assert "All checks passed" in loaded.stdout and loaded.stdout.split()[-1] == "0", loaded.stdout
    for doc in ("SOURCES.md", "README.md"):
        assert "`nato_founders_1949.csv`" in (data_dir / doc).read_text(encoding="utf-8"), doc
    # checksum verified: a changed file no longer loads, and the check names it
    path = data_dir / "nato_founders_1949.csv"
    text = path.read_text(encoding="utf-8")
    changed = re.sub(r"1949-\d\d-\d\d", "1949-01-01", text, count=1)
    assert changed != text and len(changed) == len(text)
    path.write_text(changed, encoding="utf-8")
    # one process: the load fails with the file named, then the check (exit status 1) names it
    proc = course_copy.python(
        "import sys, traceback\nfrom crisis_course import cli, data\n"
        "try:\n    data.load('nato_founders')\nexcept Exception:\n    traceback.print_exc()\n"
        "else:\n    print('LOADED')\n"
        "sys.exit(cli.main(['check', '--only', 'data', '--quiet']))", ok=False)
    assert "LOADED" not in proc.stdout and "nato_founders_1949.csv" in proc.stderr and "SHA-256" in proc.stderr
    assert proc.returncode == 1 and any("nato_founders_1949.csv" in p for p in _problems(proc)), proc.stdout


# --------------------------------------------------------------------------- add an exercise ----

NEW_CHECK = '''

@task("3.9")
def task_3_9(founders):
    """How many states founded NATO in 1949."""
    n = as_number(founders, "`founders`")
    if n != 12:
        raise Wrong(f"{n:g} is not the number of founders.",
                    hint="Count the rows of `data.nato_members(as_of=\\"1949-12-31\\")`.")
    return "Right: twelve states signed the treaty in Washington on 4 April 1949."
'''


def _solution_notebook() -> nbformat.NotebookNode:
    new_md, new_code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        new_md("# Exercise 3 (extra): NATO's founders\n\nCount the states that founded NATO."),
        new_md("This is the worked solution.", metadata={"tags": ["solution-only"]}),
        new_code("from crisis_course import data\nfrom crisis_course.exercises import check",
                 metadata={"tags": ["setup"]}),
        new_md("## Task 3.9: How many founders? (guided)"),
        new_code("members = data.nato_members(as_of=\"1949-12-31\")\n### BEGIN SOLUTION\n"
                 "#> founders = ...  # a number\nfounders = len(members)\n### END SOLUTION\nfounders",
                 metadata={"tags": ["key-result"]}),
        new_code("check.task_3_9(founders)"),
        new_md("## Sources\n\n1. NATO, 'Member countries' (nato.int)."),
    ]
    for i, cell in enumerate(nb.cells):
        cell.id = f"founders-{i}"
    return nb


@pytest.mark.slow
def test_recipe_add_an_exercise(course_copy):
    """Solution with markers + a check in exercises/lesson3.py (registered in exercises/check.py) + the
    manifest listing -> `crisis-course exercises` writes the exercise with the placeholder, the check
    grades it, and `crisis-course check` knows the notebook."""
    recipe = _recipes()["Add an exercise"]
    assert "exercises/check.py" in recipe and "course.yaml" in recipe
    name = "03_nato_founders_exercise.ipynb"
    nbformat.write(_solution_notebook(), course_copy.root / "solutions" / name)
    course_copy.append("src/crisis_course/exercises/lesson3.py", NEW_CHECK)
    check_py = course_copy.pkg / "exercises" / "check.py"
    text = check_py.read_text(encoding="utf-8")
    text = re.sub(r"^from \.lesson3 import (.*)$", r"from .lesson3 import \1, task_3_9", text, count=1, flags=re.M)
    text = text.replace("    task_3_1, task_3_2, task_3_3, task_3_4,\n", "    task_3_1, task_3_2, task_3_3, task_3_4, task_3_9,\n")
    check_py.write_text(text, encoding="utf-8")
    manifest = course_copy.pkg / "content" / "course.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "exercises: [03_nato_exercise.ipynb]", f"exercises: [03_nato_exercise.ipynb, {name}]"), encoding="utf-8")
    course_copy.crisis_course("exercises", "--quiet")
    exercise = nbformat.read(course_copy.root / "exercises" / name, as_version=4)
    code = "\n".join(c.source for c in exercise.cells if c.cell_type == "code")
    assert "founders = ...  # a number" in code and "len(members)" not in code and "BEGIN SOLUTION" not in code
    assert not any("solution-only" in c.metadata.get("tags", []) for c in exercise.cells)
    # one process: the check grades it, `exercises --check` finds exercises/ up to date, the notebook check passes
    graded = course_copy.python(
        "from crisis_course import cli\nfrom crisis_course.exercises import check\n"
        "print(check.TASKS['3.9'] is check.task_3_9, check.task_3_9(12).status, check.task_3_9(...).status,"
        " check.task_3_9(30).status)\n"
        "print('exercises-check', cli.main(['exercises', '--check', '--quiet']))\n"
        "print('check', cli.main(['check', '--only', 'notebooks', '--quiet']))")
    assert graded.stdout.split()[:4] == ["True", "correct", "not_attempted", "incorrect"], graded.stdout
    assert "exercises-check 0" in graded.stdout and "All checks passed" in graded.stdout, graded.stdout
    assert graded.stdout.split()[-2:] == ["check", "0"], graded.stdout
    # the manifest listing is needed: without it the check names the notebooks
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(f", {name}]", "]"), encoding="utf-8")
    proc = course_copy.crisis_course("check", "--only", "notebooks", "--quiet", ok=False)
    assert any(f"exercises/{name}" in p and "course.yaml" in p for p in _problems(proc)), proc.stdout


# ----------------------------------------------------------------------- add a question type ----

YEAR_TYPE = "\n".join([
    '"""``year``: a year, typed; common wrong years get feedback (``near_misses``)."""',
    "from .numeric import Numeric", "", "", "class Year(Numeric):",
    '    name, label, fields, required = "year", "Type a year.", ("answer", "near_misses"), ("answer",)',
    '    field_schemas = {"answer": {"type": "integer", "minimum": 1, "maximum": 2100}}', ""])

YEAR_QUESTION = """  - id: nato-founding-year
    type: year
    level: recall
    prompt: "In which year was the North Atlantic Treaty signed?"
    answer: 1949
    explanation: "The twelve founders signed it in Washington on 4 April 1949."
    source: "The North Atlantic Treaty, NATO, 4 April 1949"
    near_misses:
      - value: 1955
        feedback: 1955 is the year West Germany joined, and the Warsaw Pact was founded.
"""


@pytest.mark.slow
def test_recipe_add_a_question_type(course_copy):
    """A type class in quiz/types + its entry in TYPES + the schema written from the classes -> a bank
    question of the new type validates, is graded (with near-miss feedback) and renders as static HTML
    and as a live quiz."""
    recipe = _recipes()["Add a question type"]
    assert "schemas/quiz_bank.schema.json" in recipe
    course_copy.append("src/crisis_course/banks/nato.yaml", YEAR_QUESTION.replace("level: recall", "level: apply"))
    proc = course_copy.crisis_course("check", "--only", "banks", "--quiet", ok=False)
    assert proc.returncode == 1 and "nato-founding-year" in proc.stdout, proc.stdout      # unknown type
    types = course_copy.pkg / "quiz" / "types"
    (types / "year.py").write_text(YEAR_TYPE, encoding="utf-8")
    init = (types / "__init__.py").read_text(encoding="utf-8")
    assert "Text())" in init, "the TYPES registry changed: update this test and the recipe"
    init = init.replace("from .text import Text\n", "from .text import Text\nfrom .year import Year\n")
    (types / "__init__.py").write_text(init.replace("Text())", "Text(), Year())"), encoding="utf-8")
    course_copy.regenerate("write_bank_schema.py")
    result = course_copy.question(  # `check --only banks` passes, then the question is graded and rendered
        "nato", "nato-founding-year", "from crisis_course.quiz.static import question_to_html", check="banks",
        right="q.check('1949').correct", wrong="q.check('1955').correct", near="q.check('1955').feedback",
        html="question_to_html(q, 1, 1)", live="any(v.question.id == q.id for v in Quiz.from_bank('nato').views)")
    assert result["right"] and not result["wrong"] and "West Germany" in result["near"], result
    assert "Type a year." in result["html"] and "North Atlantic Treaty" in result["html"], result["html"]
    assert result["live"], result
