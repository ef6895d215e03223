"""Exercise 1 (lesson 1, reading the article): checks and the answers they expect.

Every expected answer is computed from the article at run time with
:mod:`crisis_course.textanalysis` and :mod:`crisis_course.article`, so the checks follow the text
that ships with the course.
"""
from __future__ import annotations

import re

from .feedback import Wrong, as_int, as_int_list, as_series, as_str_list, task
from .openanswers import check_open_text

__all__ = [
    "expected_actor_totals",
    "expected_quotations",
    "expected_honorifics",
    "expected_artefact_paragraphs",
    "ARTEFACT_WORDS",
    "task_1_1",
    "task_1_2",
    "task_1_3",
    "task_1_4",
    "task_1_5",
]

#: The spellings task 1.4 looks for: the French spelling of Putin and the older spelling of Kyiv.
ARTEFACT_WORDS = ("Poutine", "Kiev")


# ----------------------------------------------------------------- expected answers ----

def expected_actor_totals():
    """Total mentions of each actor in the article body, most-mentioned first (a Series)."""
    from crisis_course import textanalysis

    return textanalysis.actor_mentions().sum().sort_values(ascending=False, kind="stable")


def expected_quotations() -> tuple[int, list[str]]:
    """(number of quoted passages, the distinct people quoted, full names, sorted)."""
    from crisis_course import textanalysis

    q = textanalysis.quotations()
    people: dict[str, str] = {}
    for name in q["speaker"]:
        name = str(name).strip()
        if not name:
            continue
        key = _surname(name)
        if len(name) > len(people.get(key, "")):
            people[key] = name
    return len(q), sorted(people.values())


def expected_honorifics() -> dict:
    from crisis_course import textanalysis

    return dict(textanalysis.honorific_styles())


def expected_artefact_paragraphs() -> dict[str, list[int]]:
    """For each word in :data:`ARTEFACT_WORDS`, the paragraphs (numbered from 0) that contain it."""
    from crisis_course import article

    paragraphs = article.paragraphs()
    return {w: [i for i, p in enumerate(paragraphs) if re.search(rf"\b{w}\b", p)] for w in ARTEFACT_WORDS}


def _surname(name: str) -> str:
    words = [w for w in re.split(r"[\s.]+", str(name).strip()) if w and w.lower() not in {"mr", "ms", "mrs", "dr"}]
    return words[-1].lower() if words else ""


# ------------------------------------------------------------------------- checks ----

def _missing_or_extra(missing, extra, on_missing: tuple[str, str], on_extra: tuple[str, str]) -> None:
    """Raise :class:`Wrong` with ``(message, hint)`` ``on_missing`` if anything is missing, else
    ``on_extra`` if anything is extra."""
    for found, (message, hint) in ((missing, on_missing), (extra, on_extra)):
        if found:
            raise Wrong(message, hint=hint)


@task("1.1")
def task_1_1(actor_totals):
    """Total mentions per actor, most-mentioned first."""
    import pandas as pd

    from crisis_course import textanalysis

    counts = textanalysis.actor_mentions()
    expected = expected_actor_totals()
    if isinstance(actor_totals, pd.DataFrame) and actor_totals.shape[1] > 2:
        raise Wrong("`actor_totals` is still the whole table (one row per paragraph, one column per actor).",
                    hint="Add up each column to get one total per actor: `counts.sum()`.")
    s = as_series(actor_totals, "`actor_totals`", "mention counts")
    per_paragraph = counts.sum(axis=1)
    labels = [str(i) for i in s.index]
    if not set(labels) & set(expected.index) and len(s) == len(per_paragraph):
        raise Wrong("These look like totals per paragraph (one number per row of the table), not per actor.",
                    hint="`counts.sum()` adds up each column (one total per actor); `counts.sum(axis=1)` adds "
                         "up each row.")
    missing = [a for a in expected.index if a not in labels]
    extra = [a for a in labels if a not in expected.index]
    _missing_or_extra(
        missing, extra,
        (f"Actor(s) missing: {', '.join(missing)}.",
         "Keep every column of `textanalysis.actor_mentions()`, even actors named only once."),
        (f"Unexpected label(s): {', '.join(extra[:5])}. The labels should be the actor names.",
         "Start from `textanalysis.actor_mentions()` and add up its columns."))
    values = pd.to_numeric(pd.Series(list(s), index=labels), errors="coerce")
    if values.isna().any():
        raise Wrong("Some totals are not numbers.", hint="Add up the counts with `.sum()`; do not type them in.")
    for actor in expected.index:
        if round(float(values[actor])) != int(expected[actor]):
            raise Wrong(f"The total for {actor} is {values[actor]:g}, but the table adds up to a different number.",
                        hint="Use `counts.sum()` on the whole table rather than counting by eye.")
    order = list(values)
    if any(a < b for a, b in zip(order, order[1:])):
        raise Wrong("The numbers are right, but they are not sorted from most to least mentioned.",
                    hint="Sort the totals: `.sort_values(ascending=False)`.")
    top, second = expected.index[0], expected.index[1]
    return (f"{top} is named most often ({int(expected[top])} times), then {second} "
            f"({int(expected[second])}). Note who is at the bottom too: what is the article *not* about?")


@task("1.2")
def task_1_2(n_quoted_passages, quoted_speakers):
    """Number of quoted passages and the distinct people quoted."""
    n_expected, people = expected_quotations()
    n = as_int(n_quoted_passages, "`n_quoted_passages`")
    names = as_str_list(quoted_speakers, "`quoted_speakers`")
    if n != n_expected:
        if n == 2 * n_expected:
            raise Wrong(f"{n} is the number of quotation marks, not of quoted passages.",
                        hint="Each passage opens and closes with a mark: count pairs, or count the rows of "
                             "`textanalysis.quotations()`.")
        if n < n_expected:
            raise Wrong(f"You found {n} quoted passage(s); there are more.",
                        hint="Look at the closing marks: one passage in the article closes with “ (an opening "
                             "mark) instead of ”. A search for “...” misses it. `textanalysis.quotations()` "
                             "pairs the marks in order.")
        raise Wrong(f"You found {n} quoted passages; there are fewer.",
                    hint="Count passages between quotation marks, not sentences or paragraphs.")
    wanted = {_surname(p): p for p in people}
    given = [_surname(x) for x in names if x]
    if len(given) != len(set(given)):
        dup = next(g for g in given if given.count(g) > 1)
        raise Wrong(f"The same person is in your list twice (two forms of the name {wanted.get(dup, dup).split()[-1]!r}).",
                    hint="Count people, not ways of naming them: “Maxim Samorukov” and “Mr Samorukov” are one person.")
    paraphrased = {"putin", "poutine", "biden"} & set(given)
    if paraphrased:
        who = sorted(paraphrased)[0].capitalize()
        raise Wrong(f"{who} is reported, not quoted: the article never puts his words in quotation marks.",
                    hint="Reported speech (“Biden has said his goal is ...”) is a paraphrase. Only count words "
                         "inside quotation marks.")
    missing = [wanted[k] for k in wanted if k not in given]
    extra = [x for x, g in zip(names, given) if g not in wanted]
    _missing_or_extra(
        missing, extra,
        (f"Someone is missing from `quoted_speakers` ({len(wanted)} person(s) are quoted).",
         "After each quotation, look for “said ...” or “added ...”: the name that follows is the speaker."),
        (f"{extra[0]!r} is not quoted in the article." if extra else "",
         "Only people whose own words stand between quotation marks count."))
    return (f"{n_expected} quoted passages, all from {', '.join(people)}: one named voice in the whole article. "
            "Everyone else (Putin, Biden, “many analysts”, “US and NATO leaders”) is paraphrased.")


@task("1.3")
def task_1_3(honorifics):
    """How often the British "Mr" and the American "Mr." are used."""
    expected = expected_honorifics()
    s = as_series(honorifics, "`honorifics`", "counts")
    got = {str(k).strip(): v for k, v in s.items()}
    missing = [k for k in expected if k not in got]
    if missing:
        raise Wrong(f"`honorifics` needs the keys {', '.join(repr(k) for k in expected)}; "
                    f"{' and '.join(repr(k) for k in missing)} {'is' if len(missing) == 1 else 'are'} missing.",
                    hint='Write it as a dict: `{"Mr": ..., "Mr.": ...}`.')
    mr = as_int(got["Mr"], "The count for 'Mr'")
    mr_dot = as_int(got["Mr."], "The count for 'Mr.'")
    if mr == expected["Mr"] + expected["Mr."] and mr_dot == expected["Mr."]:
        raise Wrong(f"Your count for 'Mr' ({mr}) also counts every 'Mr.': the text 'Mr' is inside 'Mr.'.",
                    hint="Count 'Mr' only when no full stop follows: `len(re.findall(r\"\\bMr(?![.\\w])\", text))`, "
                         "or subtract the 'Mr.' count.")
    if mr != expected["Mr"]:
        raise Wrong(f"The count for 'Mr' ({mr}) is not right.",
                    hint="Search the whole text (`text = article.text()`) for 'Mr' as a whole word that is not "
                         "followed by a full stop: `len(re.findall(r\"\\bMr\\b(?!\\.)\", text))`. (`\\b` keeps "
                         "'Mrs' out; `(?!\\.)` keeps 'Mr.' out.)")
    if mr_dot != expected["Mr."]:
        hint = ("Escape the full stop in a regular expression: `len(re.findall(r\"\\bMr\\.\", text))`; a bare `.` "
                "matches any character, so `Mr.` also finds 'Mr ' with a space.")
        raise Wrong(f"The count for 'Mr.' ({mr_dot}) is not right.", hint=hint)
    return (f"'Mr' {expected['Mr']} times, 'Mr.' {expected['Mr.']} time(s): British and American house styles "
            "in one short text, a sign that more than one hand (or tool) worked on it.")


@task("1.4")
def task_1_4(artefact_paragraphs):
    """For "Poutine" and "Kiev", the numbers of the paragraphs that contain them (from 0)."""
    expected = expected_artefact_paragraphs()
    if not isinstance(artefact_paragraphs, dict):
        raise Wrong("`artefact_paragraphs` should be a dict: each word -> a list of paragraph numbers.",
                    hint='For example `{"Poutine": [3], "Kiev": [1, 2]}` (these numbers are made up).')
    got = {str(k).strip().lower(): v for k, v in artefact_paragraphs.items()}
    for word, paras in expected.items():
        if word.lower() not in got:
            raise Wrong(f"The word {word!r} is missing from `artefact_paragraphs`.",
                        hint=f"Add an entry for each of {', '.join(repr(w) for w in expected)}.")
        numbers = sorted(set(as_int_list(got[word.lower()], f"The entry for {word!r}")))
        if numbers == paras:
            continue
        if numbers == [p + 1 for p in paras]:
            raise Wrong(f"For {word!r} your paragraph numbers are one too high.",
                        hint="The course numbers paragraphs from 0: `enumerate(article.paragraphs())` starts "
                             "at 0, and [0] is the header line (as in `article.show()`).")
        if not numbers:
            raise Wrong(f"You found no paragraph with {word!r}, but it is in the article.",
                        hint="Match case exactly ('Kiev', not 'kiev') and search every paragraph.")
        raise Wrong(f"The paragraphs for {word!r} are not right (you gave {numbers}).",
                    hint="Loop over `enumerate(article.paragraphs())` and keep `i` when the word is in the "
                         "paragraph: `re.search(r\"\\bKiev\\b\", p)`.")
    where = "; ".join(f"{w} in paragraph {', '.join(map(str, p))}" for w, p in expected.items())
    return f"{where}. Both are spellings an English-language editor would normally change."


@task("1.5")
def task_1_5(my_judgement):
    """Open task: a short judgement about where the text came from, with evidence."""
    return check_open_text(my_judgement, "`my_judgement`", min_words=40,
                           evidence=["Poutine", "Kiev", "Mr.", "quotation", "fragment", "Biden administration",
                                     "translat", "Samorukov", "house style"],
                           evidence_hint="Name at least one sign from the text (e.g. 'Poutine', the mixed 'Mr'/'Mr.', "
                                         "the mismatched quotation marks, the fragment 'Biden administration.').")
