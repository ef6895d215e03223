"""What each choice task of the no-code track offers: its options, the right one and why, and
feedback for each wrong option.

``CHOICE_TASKS[task_id]`` is ``(options, right, feedback)``: ``options()`` gives the options (a
function, so numbers quoted in them come from the data at run time); ``right()`` gives the index of
the right option and the message shown when it is chosen; ``feedback`` maps the index of a wrong
option to ``(message, hint)`` (a dict, or a function of the index). Options are plain text, short
enough for one line of a radio button: a widget label shows no Markdown.
"""
from __future__ import annotations

import re

from .feedback import Wrong

__all__ = ["CHOICE_TASKS"]

# Each entry: options (a function, so numbers in them come from the data), the index of the right
# option (a function), feedback for each wrong option (message, hint), and the message when right.

def _opts_1b():
    return ["A typing mistake by the author",
            "The text passed through French (a translation or a French source)",
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
        raise Wrong("The table of neighbours does not give exactly one answer among these options.", hint="Ask your instructor.")
    from .lesson3 import _joined, _names

    names = _names()
    code = country_code(_opts_3b()[right[0]])
    joined = _joined(code)
    since = f", a member since {joined.year}," if joined is not None else ""
    listed = ", ".join(sorted(names.get(c, c) for c in neighbours))
    return right[0], (f"{names.get(code, code)}{since} shares a land border with Russia. On 7 December 2021 "
                      f"{len(neighbours)} members bordered Russia on the course map: {listed} (Lithuania and "
                      "Poland through Kaliningrad). Finland, which has the longest border with Russia of these four options, "
                      "was not a member.")


_FEEDBACK_3B = {
    0: ("Finland has the longest border with Russia of these, but on 7 December 2021 it was not a NATO member.",
        "In the table of Russia's neighbours, find a row that says 'yes' in the NATO member column."),
    2: ("Belarus borders Russia, but it is Russia's ally in the Union State and the CSTO, not a NATO member.",
        "In the table of Russia's neighbours, find a row that says 'yes' in the NATO member column."),
    3: ("Sweden was not a NATO member in December 2021, and it has no land border with Russia: it is not in the "
        "table of Russia's neighbours.",
        "Pick a country that is in the table and says 'yes' in the NATO member column."),
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
            "Oil and the rouble fell too, so these numbers cannot isolate sanctions",
            "Russia's economy grew, so the sanctions failed",
            "Sanctions had no effect: Russia's economy was still large in 2015"]


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
    x = f"{h['share_of_member_imports_pct']:.1f}%"
    return [f"Nothing: {x} is the share of the gas the EU used",
            f"{x} is a share of the gas imported, not of the gas used",
            f"{x} includes the United Kingdom",
            f"{x} is a forecast for 2021"]


_KEYS_6A = "`share_of_member_imports_pct` and `share_of_consumption_pct`"
_FEEDBACK_6A = {
    0: ("The two shares are close in 2020, but they are different figures: one divides by the gas the members "
        "imported, the other by the gas they used.",
        f"In the cell's output (the list in curly brackets), compare {_KEYS_6A}: what is each one a share of?"),
    2: ("The figures are for the EU27 (the 27 members of 2020), without the United Kingdom.",
        f"The problem is the word 'used': in the cell's output, compare {_KEYS_6A}. Which one did the friend "
        "copy?"),
    3: ("The figures are Eurostat's reported values for 2020, not a forecast.",
        f"The problem is the word 'used': in the cell's output, compare {_KEYS_6A}. Which one did the friend "
        "copy?"),
}


def _right_6a():
    from crisis_course.energy import eu_headline

    h = eu_headline(2020)
    return 1, (f"The friend copied the share of imports ({h['share_of_member_imports_pct']:.1f}%); the share of "
               f"the gas used is `share_of_consumption_pct` ({h['share_of_consumption_pct']:.1f}%). Match the "
               "figure to its definition: 'share of imports' is not 'share of consumption'. For the EU "
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
    2: ("The terminals' capacity to turn LNG back into gas is a separate number in the cell; the ship size does "
        "not change it.",
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
