"""The no-code track: tasks a student who has never programmed can do, and their checks.

Three kinds of task, all in prepared cells:

* **fill one blank**: ``my_answer = ...`` becomes a number, a word or a short sentence;
* **change one value and read the result**: a prepared cell has one setting (``as_of = "2021-12-07"``);
  the student changes it, runs the cell, and writes down what it shows;
* **choose** with :func:`choose`: radio buttons and a **Check** button (ipywidgets). The check runs
  on click and its feedback appears under the buttons; nothing is saved to quiz progress. Where
  widgets do not run (a static HTML page, a PDF, slides), the same options are shown as a lettered
  list and the student writes the letter instead: ``my_choice = "B"``.

Task ids use letters (``1.a``, ``1.b`` ...) so they never clash with the coding tasks (``1.1`` ...),
which follow as "Going further". Every number a check expects is computed from the course data at
run time (article, timeline, NATO members, readouts, World Bank, Eurostat, bargaining model); the
answers to choice tasks are judgements the lesson teaches, and where an option quotes a number,
the number is computed too.
"""
from __future__ import annotations

import html
import re

from .feedback import Wrong, as_number, task

__all__ = ["Choice", "choose", "options_for", "CHOICE_TASKS"]

LETTERS = "ABCDEFGH"


# --------------------------------------------------------------------- the widget ----

class Choice:
    """A multiple-choice answer: ``value`` is the chosen option's text, or ``...`` until chosen.

    Pass it to the task's check like any answer (``check.task_1_b(my_choice)``); the checks unwrap it.
    """

    def __init__(self, task_id: str, options, value=...):
        self.task_id = task_id
        self.options = [str(o) for o in options]
        self.value = value
        self._widget = None

    # the check decorator asks for the answer itself
    def __crisis_answer__(self):
        return self.value

    def _check(self):
        from .check import TASKS

        return TASKS[self.task_id](self.value)

    def _static_html(self) -> str:
        items = "".join(f"<li><strong>{L}.</strong> {html.escape(o)}"
                        + (" <strong>(chosen)</strong>" if o == self.value else "") + "</li>"
                        for L, o in zip(LETTERS, self.options))
        return (f'<div class="crisis-choice"><p><strong>Task {html.escape(self.task_id)}: choose one.</strong> '
                "If you see no buttons, write the letter of your choice in this cell, e.g. "
                "<code>my_choice = \"B\"</code>, and run the check cell below.</p>"
                f'<ol type="A" style="list-style:none;padding-left:0.5em">{items}</ol></div>')

    def _build(self):
        import ipywidgets as w

        labels = [f"{L}. {o}" for L, o in zip(LETTERS, self.options)]
        radio = w.RadioButtons(options=labels, value=None, layout=w.Layout(width="auto"),
                               description="", style={"description_width": "0px"})
        if self.value is not ... and self.value in self.options:
            radio.value = labels[self.options.index(self.value)]
        button = w.Button(description="Check", tooltip=f"Check task {self.task_id}", button_style="")
        out = w.Output()

        def on_pick(change):
            if change["new"] is not None:
                self.value = self.options[labels.index(change["new"])]

        def on_click(_):
            out.clear_output()
            with out:
                from IPython.display import display

                display(self._check())

        radio.observe(on_pick, names="value")
        button.on_click(on_click)
        return w.VBox([radio, button, out])

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": self._text(), "text/html": self._static_html()}
        try:
            if self._widget is None:
                self._widget = self._build()
            widget_bundle = self._widget._repr_mimebundle_(include=include, exclude=exclude) or {}
            if isinstance(widget_bundle, tuple):
                widget_bundle = widget_bundle[0]
            bundle.update({k: v for k, v in widget_bundle.items() if k != "text/plain"})
        except Exception:  # noqa: BLE001 - no ipywidgets or no kernel: the static list is the fallback
            pass
        return bundle

    def _text(self) -> str:
        lines = [f"Task {self.task_id}: choose one (write the letter, e.g. my_choice = \"B\")"]
        lines += [f"  {L}. {o}" for L, o in zip(LETTERS, self.options)]
        if self.value is not ...:
            lines.append(f"Chosen: {self.value}")
        return "\n".join(lines)

    __repr__ = _text


def choose(task_id: str, options=None, value=...) -> Choice:
    """Radio buttons and a Check button for a choice task (static lettered list as fallback).

    ``options`` default to the task's own (:func:`options_for`); ``value`` preselects an option
    (used by the worked solutions). Nothing is saved to quiz progress.
    """
    options = list(options if options is not None else options_for(task_id))
    if isinstance(value, str) and len(value.strip().rstrip(".")) == 1:   # a letter: the option it names
        letter = value.strip().rstrip(".").upper()
        if letter in LETTERS[:len(options)]:
            value = options[LETTERS.index(letter)]
    return Choice(task_id, options, value)


def _resolve(task_id: str, value) -> int:
    """The index of the chosen option: its text, or its letter ("B", "b", "B.")."""
    options = options_for(task_id)
    if isinstance(value, Choice):
        value = value.value
    if not isinstance(value, str):
        raise Wrong(f"Your choice should be one option: its letter in quotation marks, e.g. \"B\" (you gave "
                    f"{type(value).__name__}).", hint="Click an option above and press Check, or write "
                                                       "`my_choice = \"B\"` with the letter you choose.")
    text = value.strip()
    letter = text.rstrip(".").upper()
    if len(letter) == 1 and letter in LETTERS[:len(options)]:
        return LETTERS.index(letter)
    norm = [" ".join(o.lower().split()) for o in options]
    key = " ".join(re.sub(r"^[A-Ha-h][.)]\s+", "", text).lower().split())
    if key in norm:
        return norm.index(key)
    raise Wrong(f"{text[:40]!r} is not one of the options.",
                hint=f"Write only the letter of the option you choose, one of {', '.join(LETTERS[:len(options)])}: "
                     "`my_choice = \"B\"`.")


# ------------------------------------------------------------ choice task content ----
# Each entry: options (a function, so numbers in them come from the data), the index of the right
# option (a function), feedback for each wrong option (message, hint), and the message when right.

def _opts_1b():
    return ["A typing mistake by the author",
            "The text passed through French: a translation, or a French source copied in",
            "The spelling used in Russia, where the call took place",
            "An old English spelling that newspapers stopped using in 2019"]


def _right_1b():
    from .lesson1 import expected_artefact_paragraphs

    paras = expected_artefact_paragraphs()["Poutine"]
    if not paras:  # the article no longer has the word: no option is right, the check says so
        raise Wrong("The course's copy of the article has no 'Poutine'.", hint="Ask your instructor.")
    return 1, (f"'Poutine' (paragraph {', '.join(map(str, paras))}) is the French spelling of Putin. One word is "
               "not proof, but with the mixed 'Mr'/'Mr.' and the mismatched quotation marks it points to a text "
               "that was translated or re-edited: a reason to look for the original before quoting it.")


_FEEDBACK_1B = {
    0: ("A typo changes a letter or two by accident; 'Poutine' is a whole spelling system.",
        "Which language writes 'ou' for the sound 'u'? Think of 'vous', 'tout'."),
    2: ("In Russia the name is written in Cyrillic (Путин); in Latin letters it is 'Putin'.",
        "'Poutine' follows the spelling rules of another language: French writes 'ou' for 'u'."),
    3: ("That is the story of 'Kiev' and 'Kyiv' (the AP changed it in 2019), not of 'Poutine'.",
        "English has always written 'Putin'. Which language writes 'ou' for 'u'?"),
}


def _opts_2b():
    from .lesson2 import expected_events

    e = expected_events()
    picks = [t for t in e["date_text"] if re.match(r"^\d{1,2} [A-Z][a-z]{2} \d{4}$", t)]
    chosen = [picks[1], picks[0], picks[4]] if len(picks) > 4 else picks[:3]
    return [f"'{t}'" for t in chosen] + ["They cannot be put in any order"]


def _right_2b():
    texts = [o.strip("'") for o in _opts_2b()[:3]]
    first = sorted(texts)[0]
    return [o.strip("'") for o in _opts_2b()].index(first), (
        f"'{first}' comes first: text is sorted letter by letter, like words in a dictionary, so '1' comes "
        "before '2' whatever the year. That is why the coding task turns the text into real dates before sorting.")


def _fb_2b(index):
    texts = [o.strip("'") for o in _opts_2b()[:3]]
    dates = {t: _as_date(t) for t in texts}
    if index == 3:
        return ("A computer can sort any text: it compares the characters one by one.",
                "Compare the first character of each text: which is smallest, '1', '2' or '5'?")
    t = texts[index]
    if dates[t] == min(dates.values()):
        return (f"'{t}' is the earliest *date*, but the computer is not sorting dates: these are texts.",
                "Compare the texts character by character, like words in a dictionary: which starts with the "
                "smallest character?")
    return (f"'{t}' is neither the earliest date nor first as text.",
            "Compare the first character of each text: '1' comes before '2', and '2' before '5'.")


def _as_date(text):
    import pandas as pd

    return pd.to_datetime(text, format="%d %b %Y")


def _opts_3b():
    return ["Finland", "Norway", "Belarus", "Sweden"]


def _right_3b():
    from .lesson3 import country_code, expected_neighbours

    neighbours = set(expected_neighbours())
    right = [i for i, o in enumerate(_opts_3b()) if country_code(o) in neighbours]
    if len(right) != 1:
        raise Wrong("The map does not give exactly one answer among these options.", hint="Ask your instructor.")
    from .lesson3 import _joined, _names

    names = _names()
    code = country_code(_opts_3b()[right[0]])
    joined = _joined(code)
    since = f", a member since {joined.year}," if joined is not None else ""
    listed = ", ".join(sorted(names.get(c, c) for c in neighbours))
    return right[0], (f"{names.get(code, code)}{since} shares a land border with Russia. On 7 December 2021 "
                      f"{len(neighbours)} members bordered Russia on the course map: {listed} (Lithuania and "
                      "Poland through Kaliningrad). Finland, with the longest border, was not a member.")


_FEEDBACK_3B = {
    0: ("Finland has the longest border with Russia of these, but on 7 December 2021 it was not a NATO member.",
        "Look for the country that was both a member (blue on the map) and touches Russia."),
    2: ("Belarus borders Russia, but it is Russia's ally in the Union State and the CSTO, not a NATO member.",
        "Look for the country that was both a member (blue on the map) and touches Russia."),
    3: ("Sweden was not a NATO member in December 2021, and it has no land border with Russia.",
        "Look at the far north of the map: which member's shape touches Russia's?"),
}


def _opts_4a():
    return ["The Russian troops near Ukraine", "NATO and who is responsible", "Threatened consequences",
            "Pandemic, climate, energy"]


def _right_4a():
    from .lesson4 import expected_one_sided_topics

    only_kremlin, _ = expected_one_sided_topics()
    right = [i for i, o in enumerate(_opts_4a()) if o in only_kremlin]
    if len(right) != 1:
        raise Wrong("The coverage table does not give exactly one answer among these options.",
                    hint="Ask your instructor.")
    others = [t for t in only_kremlin if t != _opts_4a()[right[0]]]
    also = f" (and also: {'; '.join(others)})" if others else ""
    return right[0], (f"Only the Kremlin's readout brings up '{_opts_4a()[right[0]]}'{also}; the White House's "
                      "readout does not mention it. Each readout tells its own side's agenda: the 'two agendas' of "
                      "the article's headline.")


def _fb_4a(index):
    from crisis_course import readouts

    from .lesson4 import coverage_columns

    cov = readouts.coverage()
    wh, kr = coverage_columns()
    topic = _opts_4a()[index]
    if topic not in cov.index:
        return (f"{topic!r} is not in the coverage table.", "Read the table above row by row.")
    w, k = cov.loc[topic, wh], cov.loc[topic, kr]
    if w == k == "not mentioned":
        return (f"Neither readout mentions '{topic}' (both columns say 'not mentioned').",
                "Find the row where the White House column says 'not mentioned' and the Kremlin column does not.")
    return (f"Both readouts mention '{topic}' (White House: {w}; Kremlin: {k}).",
            "Find the row where the White House column says 'not mentioned' and the Kremlin column does not.")


def _opts_5b():
    from .lesson5 import expected_russia_change_pct

    pct = expected_russia_change_pct()
    return [f"Sanctions shrank Russia's economy by {abs(pct):.0f}%",
            "The dollar value fell, but oil prices and the rouble fell at the same time, so these numbers "
            "alone cannot say how much was due to sanctions",
            "Russia's economy grew, so the sanctions failed",
            "Sanctions had no effect, because Russia still had a large economy in 2015"]


_FEEDBACK_5B = {
    0: ("That gives sanctions all the credit. In the second half of 2014 oil prices collapsed and the rouble "
        "fell against the dollar, and both shrink a GDP measured in dollars.",
        "Ask: what else happened to Russia in 2014-2015 that would lower its GDP in dollars?"),
    2: ("The numbers fell: a negative change means the economy, measured in dollars, shrank.",
        "Read the sign of the change in the cell above."),
    3: ("A large economy can still be hurt; and these numbers cannot tell the sanctions' effect from the oil "
        "price's either way.",
        "The question is not *whether* the economy fell but *why*: which option names more than one cause?"),
}


def _right_5b():
    from .lesson5 import expected_russia_change_pct

    pct = expected_russia_change_pct()
    return 1, (f"Right: {pct:.0f}% in dollars mixes three things (sanctions, the oil price, the rouble). Separating "
               "them needs a comparison, e.g. with other oil exporters; lesson 5 shows what studies found.")


def _opts_6a():
    from crisis_course.energy import eu_headline

    h = eu_headline(2020)
    return ["Nothing: it is the same number",
            f"It mixes two definitions: {h['share_of_member_imports_pct']:.1f}% is a share of the gas the members "
            f"*imported* (gas traded between members counts too), not of the gas they *used* "
            f"({h['share_of_consumption_pct']:.1f}% in 2020)",
            "The figure includes the United Kingdom",
            "The figure is a forecast for 2021"]


_FEEDBACK_6A = {
    0: ("The two figures are close in 2020, but they measure different things: one divides by imports, the "
        "other by the gas used.",
        "Compare the two rows of the table above: what is divided by what?"),
    2: ("The table is for the EU27 (the 27 members of 2020), without the United Kingdom.",
        "The problem is the word 'used': compare what each row of the table divides by."),
    3: ("The figures are Eurostat's reported values for 2020, not a forecast.",
        "The problem is the word 'used': compare what each row of the table divides by."),
}


def _right_6a():
    return 1, ("Match the figure to its definition: 'share of imports' is not 'share of consumption'. For the EU "
               "in 2020 the two happen to be close; for a single country they can be far apart (a country that "
               "produces most of its own gas can import all of the rest from Russia and still depend on it "
               "little). A careful sentence says which one it uses.")


def _opts_6d():
    return ["The number of ships needed, not the amount of gas to replace",
            "The amount of gas the EU imported from Russia",
            "The EU's capacity to turn LNG back into gas",
            "Nothing at all"]


_FEEDBACK_6D = {
    1: ("The gas to replace comes from Eurostat's data; a different ship size does not change it.",
        "Look at which numbers in the cell changed when you changed BCM_PER_CARGO, and which stayed."),
    2: ("Terminal capacity is a separate assumption (REGAS_CAPACITY_BCM); the ship size does not change it.",
        "Look at which numbers in the cell changed when you changed BCM_PER_CARGO, and which stayed."),
    3: ("The cargoes a day did change when you ran the cell with a smaller ship.",
        "Compare the cargoes a day before and after your change."),
}


def _right_6d():
    from .lesson6 import expected_lng_arithmetic

    a = expected_lng_arithmetic(10.8, 0.1, 160.0)
    return 0, (f"The ship size changes how many cargoes are needed, not the {a['pipeline_bcm']:,.0f} bcm to "
               "replace or the terminals' spare capacity. Conclusions that rest on data survive a changed "
               "assumption; conclusions that rest on the assumption move with it.")


def _opts_0():  # pragma: no cover - placeholder for an unknown id
    return []


CHOICE_TASKS = {
    "1.b": (_opts_1b, _right_1b, _FEEDBACK_1B),
    "2.b": (_opts_2b, _right_2b, _fb_2b),
    "3.b": (_opts_3b, _right_3b, _FEEDBACK_3B),
    "4.a": (_opts_4a, _right_4a, _fb_4a),
    "5.b": (_opts_5b, _right_5b, _FEEDBACK_5B),
    "6.a": (_opts_6a, _right_6a, _FEEDBACK_6A),
    "6.d": (_opts_6d, _right_6d, _FEEDBACK_6D),
}


def options_for(task_id: str) -> list[str]:
    """The options of a choice task (computed: some quote numbers from the data)."""
    return list(CHOICE_TASKS[task_id][0]())


def _check_choice(task_id: str, value) -> str:
    _, right, feedback = CHOICE_TASKS[task_id]
    index = _resolve(task_id, value)
    right_index, message = right()
    if index == right_index:
        return message
    fb = feedback(index) if callable(feedback) else feedback.get(index)
    msg, hint = fb if fb else ("That is not the best answer.", "Read the options again.")
    raise Wrong(f"{LETTERS[index]}: {msg}", hint=hint)


# ------------------------------------------------------------------- the checks ----

def _surname(name: str) -> str:
    words = [w for w in re.split(r"[\s.]+", str(name).strip()) if w and w.lower() not in {"mr", "ms", "dr"}]
    return words[-1].lower() if words else ""


@task("1.a")
def task_1_a(quoted_person):
    """Who is the one person quoted in their own words?"""
    from .lesson1 import expected_quotations

    _, people = expected_quotations()
    if not isinstance(quoted_person, str):
        raise Wrong("`quoted_person` should be a name in quotation marks.", hint='For example `quoted_person = "Smith"`.')
    given = _surname(quoted_person)
    wanted = {_surname(p): p for p in people}
    if given in wanted:
        return (f"{wanted[given]} is the only person whose own words stand between quotation marks. Putin and "
                "Biden, the two leaders of the headline, are only reported ('Biden has said ...'): the reader "
                "depends on the writer's summary of what they said.")
    if given in {"putin", "poutine", "biden"}:
        raise Wrong(f"{quoted_person.strip()} is reported, not quoted: the article never puts his words in "
                    "quotation marks.",
                    hint="Look at the `speaker` column of the table above: the name after 'said' or 'added'.")
    raise Wrong(f"{quoted_person.strip()!r} is not the person quoted in the article.",
                hint="Look at the `speaker` column of the table above: the name after 'said' or 'added'. "
                     "A surname is enough.")


@task("1.b")
def task_1_b(my_choice):
    """Choice: what does the spelling 'Poutine' suggest?"""
    return _check_choice("1.b", my_choice)


@task("2.a")
def task_2_a(years_between):
    """Whole years from the Budapest Memorandum to the annexation of Crimea."""
    from .lesson2 import expected_events

    e = expected_events()
    start = e.loc[e["event"].str.contains("Budapest Memorandum"), "when"].iloc[0]
    end = e.loc[e["event"].str.contains("annexing Crimea"), "when"].iloc[0]
    exact = (end - start).days / 365.25
    x = as_number(years_between, "`years_between`", "years")
    if abs(x - exact) <= 0.5 or x in (int(exact), end.year - start.year):
        return (f"{int(exact)} full years ({exact:.1f}; {start.year} to {end.year}): the security assurances of "
                f"{start.day} {start:%B %Y}, given when Ukraine gave up its nuclear weapons, were followed by the "
                "annexation of part of its territory by one of the states that gave them.")
    if x < 0:
        raise Wrong("The answer is negative: subtract the earlier year from the later one.",
                    hint=f"{end.year} - {start.year}.")
    if abs(x - (end.year - 1991)) < 1e-9 or abs(x - (end.year - 1996)) < 1e-9:
        raise Wrong(f"{x:g} starts from another event (independence or the last warheads), not the Budapest "
                    "Memorandum.", hint="Find the row that starts 'Budapest Memorandum' and use its year.")
    raise Wrong(f"{x:g} years is not right.",
                hint="Find the two rows in the table ('Budapest Memorandum' and 'Russia signs treaty annexing "
                     "Crimea') and subtract the earlier year from the later one.")


@task("2.b")
def task_2_b(my_choice):
    """Choice: which text comes first when dates are sorted as text?"""
    return _check_choice("2.b", my_choice)


#: The date of the NATO-Russia Founding Act (lesson 3), for task 3.a.
FOUNDING_ACT = "1997-05-27"


@task("3.a")
def task_3_a(members_at_founding_act):
    """Members of NATO on the day the NATO-Russia Founding Act was signed."""
    from crisis_course import data

    want = len(data.nato_members(as_of=FOUNDING_ACT))
    now = len(data.nato_members(as_of="2021-12-07"))
    x = as_number(members_at_founding_act, "`members_at_founding_act`", "members")
    if round(x) == want:
        return (f"{want} members in May 1997, {now} on 7 December 2021: {now - want} countries joined after the "
                "Founding Act, all of them in central, eastern and south-eastern Europe. Russia calls this a broken promise; "
                "NATO says no such promise was made and that each country chose (lesson 3).")
    if round(x) == now:
        raise Wrong(f"{now} is the number on 7 December 2021: the cell still uses the article's date.",
                    hint=f"Change `as_of` to \"{FOUNDING_ACT}\" in the cell above, run it (Shift+Enter), and "
                         "read the number it prints.")
    if round(x) == now - want:
        raise Wrong(f"{x:g} is the number that joined *after* the Founding Act, not the members on that day.",
                    hint=f"Set `as_of = \"{FOUNDING_ACT}\"`, run the cell, and read the number of members it prints.")
    raise Wrong(f"{x:g} is not the number of members on {FOUNDING_ACT}.",
                hint=f"Set `as_of = \"{FOUNDING_ACT}\"` exactly (year-month-day), run the cell, and read the number "
                     "it prints.")


@task("3.b")
def task_3_b(my_choice):
    """Choice: which country was a NATO member bordering Russia on 7 Dec 2021?"""
    return _check_choice("3.b", my_choice)


@task("4.a")
def task_4_a(my_choice):
    """Choice: which topic does only the Kremlin's readout mention?"""
    return _check_choice("4.a", my_choice)


@task("4.b")
def task_4_b(largest_count):
    """Read the table: the largest autumn head-count of troops near the border."""
    from crisis_course import readouts

    from .lesson4 import expected_largest_autumn_count

    row = expected_largest_autumn_count()
    x = as_number(largest_count, "`largest_count`", "troops")
    if round(x) == int(row["estimate"]):
        return (f"{int(row['estimate']):,}, from {row['label']}: the largest autumn estimate that counts troops "
                "present near the border. Bigger numbers were quoted, but they measured something else (a "
                "planned force); always ask *what* a number counts.")
    t = readouts.troop_estimates(unit="troops")
    match = t[t["estimate"] == round(x)]
    if 50 < x < 300:
        raise Wrong(f"{x:g} looks like thousands.", hint="Write the whole number as in the table, e.g. `70000`.")
    if not match.empty:
        r = match.iloc[0]
        if r["period"] != "autumn":
            raise Wrong(f"{round(x):,} is a spring estimate ({r['label']}).",
                        hint="Look only at the rows whose `period` is 'autumn'.")
        if r["measure_type"] != "deployed_now":
            raise Wrong(f"{round(x):,} did not count troops near the border: its `measure_type` is "
                        f"'{r['measure_type']}'.",
                        hint="Look only at rows whose `measure_type` is 'deployed_now', then take the largest.")
        raise Wrong(f"{round(x):,} is an autumn head-count, but not the largest one.",
                    hint="Among the autumn rows with `measure_type` 'deployed_now', take the biggest `estimate`.")
    raise Wrong(f"{x:,.0f} is not one of the estimates in the table.",
                hint="Copy a number from the `estimate` column: autumn, `deployed_now`, the largest.")


@task("5.a")
def task_5_a(eu_times_russia):
    """How many times larger the EU's economy was than Russia's in 2020."""
    from .lesson5 import YEAR, _gdp, expected_ratios

    want, _ = expected_ratios()
    x = as_number(eu_times_russia, "`eu_times_russia`")
    if abs(x - want) <= 0.51:
        return (f"About {want:.0f} times ({YEAR}). An economy that size can hurt Russia's with trade and finance, "
                "which is why sanctions were the West's main threat; lesson 6 shows why Europe still hesitated.")
    if abs(x - 1 / want) <= 0.02:
        raise Wrong(f"{x:g} is Russia's economy as a share of the EU's: the division is upside down.",
                    hint="Divide the larger by the smaller: EU GDP / Russia GDP.")
    g = _gdp(YEAR)
    pop = float(g.loc["EUU", "population"] / g.loc["RUS", "population"])
    if abs(x - pop) <= 0.1:
        raise Wrong(f"{x:g} compares populations, not economies.", hint="Use the GDP column of the table.")
    if abs(x - want * 100) <= 60 or abs(x - (want - 1) * 100) <= 60:
        raise Wrong(f"{x:g} looks like a percentage.", hint="Give 'how many times', e.g. 3 for 'three times as large'.")
    raise Wrong(f"{x:g} is not right.", hint="EU GDP / Russia GDP, both from the table above (a calculator is fine).")


@task("5.b")
def task_5_b(my_choice):
    """Choice: what can Russia's 2013-2015 fall in dollar GDP tell us?"""
    return _check_choice("5.b", my_choice)


@task("6.a")
def task_6_a(my_choice):
    """Choice: what is wrong with 'Russia supplied X% of the gas the EU used'?"""
    return _check_choice("6.a", my_choice)


@task("6.b")
def task_6_b(eu_share_went):
    """Did the EU27's share of gas imports from Russia go up or down from 2015 to 2020?"""
    from .lesson6 import expected_eu_share

    s = expected_eu_share()
    a, b = float(s[2015]), float(s[2020])
    want = "up" if b > a else "down"
    if not isinstance(eu_share_went, str):
        raise Wrong("`eu_share_went` should be a word in quotation marks: \"up\" or \"down\".",
                    hint='Write `eu_share_went = "up"` or `eu_share_went = "down"`.')
    said = set(re.findall(r"[a-z]+", eu_share_went.lower()))
    ups = said & {"up", "increase", "increased", "rose", "risen", "higher", "grew"}
    downs = said & {"down", "decrease", "decreased", "fell", "fallen", "lower", "dropped"}
    word = "up" if ups and not downs else ("down" if downs and not ups else eu_share_went.strip())
    if word not in {"up", "down"}:
        raise Wrong(f"{eu_share_went!r} is not 'up' or 'down'.", hint='Write one word: `eu_share_went = "up"` or `eu_share_went = "down"`.')
    if word == want:
        return (f"{want.capitalize()}: {a:.1f}% in 2015, {b:.1f}% in 2020. A trend needs two points at least; "
                "lesson 6 explains why a large share of gas from Russia limited what Europe was ready to threaten "
                "in December 2021.")
    raise Wrong(f"Not {word}: compare the two numbers the cell prints for 2015 and for 2020.",
                hint="Set `year_shown = 2015`, run the cell, note the share; set `year_shown = 2020`, run it again, and compare.")


@task("6.c")
def task_6_c(cargoes_per_day_small, twh_per_bcm=10.8, bcm_per_cargo=0.07):
    """Cargoes a day with a smaller LNG carrier (BCM_PER_CARGO = 0.07)."""
    from .lesson6 import expected_lng_arithmetic

    want = expected_lng_arithmetic(twh_per_bcm, bcm_per_cargo, 160.0)["cargoes_per_day"]
    base = expected_lng_arithmetic(twh_per_bcm, 0.1, 160.0)["cargoes_per_day"]
    x = as_number(cargoes_per_day_small, "`cargoes_per_day_small`", "cargoes a day")
    if abs(x - want) <= 0.051:
        return (f"About {want:.1f} cargoes a day instead of {base:.1f}: with smaller ships you need more of them. "
                "The amount of gas to replace did not change.")
    if abs(x - base) <= 0.051:
        raise Wrong(f"{x:g} is the number with the original ship size (0.1 bcm).",
                    hint="Change `BCM_PER_CARGO = 0.1` to `BCM_PER_CARGO = 0.07` in the cell above, run it "
                         "(Shift+Enter), and copy the new 'cargoes a day'.")
    if abs(x - want * 365) <= 5:
        raise Wrong(f"{x:g} is cargoes a *year*.", hint="Copy the line 'cargoes a day' from the cell's output.")
    raise Wrong(f"{x:g} is not what the cell prints.",
                hint="Set `BCM_PER_CARGO = 0.07`, run the cell, and copy the number after 'cargoes a day' "
                     "(one decimal is enough).")


@task("6.d")
def task_6_d(my_choice):
    """Choice: what does changing the cargo size change?"""
    return _check_choice("6.d", my_choice)


@task("7.a")
def task_7_a(outcome_at_0_2):
    """The bargaining model's outcome when credibility is 0.2 (the lesson's other numbers)."""
    from crisis_course import bargaining

    want = bargaining.analyse(**{**bargaining.DEFAULTS, "credibility": 0.2}).outcome
    base = bargaining.analyse(**bargaining.DEFAULTS).outcome
    if not isinstance(outcome_at_0_2, str):
        raise Wrong("`outcome_at_0_2` should be the word the cell prints, in quotation marks.",
                    hint=f'For example `outcome_at_0_2 = "{base}"`, with the word you read.')
    got = outcome_at_0_2.strip().strip("'\"").lower()
    if got == want.lower():
        return (f"'{want}' at credibility 0.2 (it was '{base}' at 0.5): the same threat, believed less, no longer "
                "brings the defender to concede. Credibility is the heart of coercive diplomacy.")
    if got == base.lower() and base != want:
        raise Wrong(f"'{base}' is the outcome at the lesson's credibility (0.5), before your change.",
                    hint="Change `credibility = 0.5` to `credibility = 0.2` in the cell above, run it, and copy "
                         "the word after 'outcome:'.")
    raise Wrong(f"{outcome_at_0_2!r} is not what the model gives at credibility 0.2.",
                hint="Set `credibility = 0.2`, run the cell, and copy the word after 'outcome:' exactly.")


@task("7.b")
def task_7_b(least_acceptable):
    """The smallest share of the stake the challenger accepts rather than fight (p - cost)."""
    from crisis_course import bargaining

    d = bargaining.DEFAULTS
    want = d["p"] - d["cost_challenger"]
    x = as_number(least_acceptable, "`least_acceptable`")
    if abs(x - want) < 0.005:
        return (f"{want:.2f}: war is worth p - cost = {d['p']:g} - {d['cost_challenger']:g} to the challenger, so "
                "any deal that gives at least that is better than fighting. The other end of the range, "
                f"p + the defender's cost = {d['p'] + d['cost_defender']:.2f}, is the most the defender gives.")
    if abs(x - want * 100) < 0.5:
        raise Wrong("That is a percentage; the model uses shares between 0 and 1.", hint=f"Write {want:.2f}, not {want * 100:g}.")
    if abs(x - (d["p"] + d["cost_challenger"])) < 0.005:
        raise Wrong("You added the cost of war; war *costs* the challenger, so it is worth less than p.",
                    hint="Subtract: p - cost_challenger.")
    if abs(x - d["p"]) < 0.005:
        raise Wrong("That is the chance of winning alone; fighting also costs something.",
                    hint="Subtract the challenger's cost of war: p - cost_challenger.")
    raise Wrong(f"{x:g} is not right.", hint=f"p - cost_challenger = {d['p']:g} - {d['cost_challenger']:g}.")


@task("5.c")
def task_5_c(why_hold_back):
    """One or two sentences: why might an economy ten times Russia's still hesitate to use sanctions?"""
    from .openanswers import check_open_text

    return check_open_text(why_hold_back, "`why_hold_back`", min_words=12,
                           evidence=["gas", "energy", "oil", "depend", "import", "supply", "price", "trade",
                                     "winter", "heating"],
                           evidence_hint="Name what Europe bought from Russia (lesson 6) and what sanctions could "
                                         "cost Europe itself.")


@task("7.c")
def task_7_c(why_credibility):
    """One or two sentences: why the same threat works at one credibility and not at another."""
    from .openanswers import check_open_text

    return check_open_text(why_credibility, "`why_credibility`", min_words=12,
                           evidence=["believ", "credib", "doubt", "bluff", "concede", "give in", "real", "serious"],
                           evidence_hint="Say what the defender *believes* about the threat, and what it then "
                                         "decides to give or refuse.")
