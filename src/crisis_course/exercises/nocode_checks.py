"""The checks of the no-code track (task ids with a letter: ``1.a``, ``1.b`` ...).

Fill-a-blank and change-a-value tasks are checked here; choice tasks hand over to
:func:`crisis_course.exercises.nocode.check_choice`. Text blanks are pre-filled with empty
quotation marks (``quoted_person = ""``): the ``text=`` argument of :func:`~.feedback.task` names
them, so an untouched blank is "not attempted" with a message that says what to type where.
Every number a check expects is computed from the course data at run time.
"""
from __future__ import annotations

import re

from .feedback import Wrong, read_number, task
from .nocode import check_choice as _check_choice


def _surname(name: str) -> str:
    words = [w for w in re.split(r"[\s.]+", str(name).strip()) if w and w.lower() not in {"mr", "ms", "dr"}]
    return words[-1].lower() if words else ""


@task("1.a", text={"quoted_person": "a surname (for example Smith)"})
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


@task("2.a", text={"years_between": "the number (digits only are fine)"})
def task_2_a(years_between):
    """Whole years from the Budapest Memorandum to the annexation of Crimea."""
    from .lesson2 import expected_events

    e = expected_events()
    start = e.loc[e["event"].str.contains("Budapest Memorandum"), "when"].iloc[0]
    end = e.loc[e["event"].str.contains("annexing Crimea"), "when"].iloc[0]
    exact = (end - start).days / 365.25
    x = read_number(years_between, "`years_between`", "years")
    calendar = end.year - start.year
    if round(x) in (calendar, int(exact)) and abs(x - round(x)) < 0.6:
        return (f"{calendar} years from {start.year} to {end.year} (counted from the day, {start.day} {start:%B %Y} to "
                f"{end.day} {end:%B %Y}, that is {int(exact)} full years and a few months; both answers are "
                "accepted). The security assurances, given when Ukraine gave up its nuclear weapons, were followed "
                "by the annexation of part of its territory by one of the states that gave them.")
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


@task("3.a", text={"members_at_founding_act": "the number (digits only are fine)"})
def task_3_a(members_at_founding_act):
    """Members of NATO on the day the NATO-Russia Founding Act was signed."""
    from crisis_course import data

    want = len(data.nato_members(as_of=FOUNDING_ACT))
    now = len(data.nato_members(as_of="2021-12-07"))
    x = read_number(members_at_founding_act, "`members_at_founding_act`", "members")
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


@task("4.b", text={"largest_count": "the number (digits only are fine)"})
def task_4_b(largest_count):
    """Read the table: the largest autumn head-count of troops near the border."""
    from crisis_course import readouts

    from .lesson4 import expected_largest_autumn_count

    row = expected_largest_autumn_count()
    x = read_number(largest_count, "`largest_count`", "troops")
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


@task("5.a", text={"eu_times_russia": "the number (digits only are fine)"})
def task_5_a(eu_times_russia):
    """How many times larger the EU's economy was than Russia's in 2020."""
    from .lesson5 import YEAR, _gdp, expected_ratios

    want, _ = expected_ratios()
    x = read_number(eu_times_russia, "`eu_times_russia`")
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


@task("6.b", text={"eu_share_went": "one word, up or down,"})
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


@task("6.c", answers=1, text={"cargoes_per_day_small": "the number (digits only are fine)"})
def task_6_c(cargoes_per_day_small, twh_per_bcm=10.8, bcm_per_cargo=0.07):
    """Cargoes a day with a smaller LNG carrier (BCM_PER_CARGO = 0.07)."""
    from .lesson6 import expected_lng_arithmetic

    want = expected_lng_arithmetic(twh_per_bcm, bcm_per_cargo, 160.0)["cargoes_per_day"]
    base = expected_lng_arithmetic(twh_per_bcm, 0.1, 160.0)["cargoes_per_day"]
    x = read_number(cargoes_per_day_small, "`cargoes_per_day_small`", "cargoes a day")
    if abs(x - want) <= 0.051:
        return (f"About {want:.1f} cargoes a day instead of {base:.1f}: with smaller ships you need more of them. "
                "Task 6.d asks what else this one change did, and did not, change.")
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


@task("7.a", text={"outcome_at_0_2": "the word printed after `outcome:`"})
def task_7_a(outcome_at_0_2):
    """The bargaining model's outcome when credibility is 0.2 (the lesson's other numbers)."""
    from crisis_course import bargaining

    want = bargaining.analyse(**{**bargaining.DEFAULTS, "credibility": 0.2}).outcome
    base = bargaining.analyse(**bargaining.DEFAULTS).outcome
    if not isinstance(outcome_at_0_2, str):
        raise Wrong("`outcome_at_0_2` should be the word the cell prints, in quotation marks.",
                    hint=f'For example `outcome_at_0_2 = "{base}"`, with the word you read.')
    def norm(word):
        return re.sub(r"[\s_\-'\"`.:]+", "", str(word)).lower()

    got = norm(outcome_at_0_2)
    if got == norm(want):
        return (f"'{want}' at credibility 0.2 (it was '{base}' at 0.5): the same threat, believed less, no longer "
                "brings the defender to concede. Credibility is the heart of coercive diplomacy.")
    if got == norm(base) and base != want:
        raise Wrong(f"'{base}' is the outcome at the lesson's credibility (0.5), before your change.",
                    hint="Change `credibility = 0.5` to `credibility = 0.2` in the cell above, run it, and copy "
                         "the word after 'outcome:'.")
    raise Wrong(f"{outcome_at_0_2!r} is not what the model gives at credibility 0.2.",
                hint="Set `credibility = 0.2`, run the cell, and copy the word after 'outcome:' exactly.")


@task("7.b", text={"least_acceptable": "the number (digits only are fine)"})
def task_7_b(least_acceptable):
    """The smallest share of the stake the challenger accepts rather than fight (p - cost)."""
    from crisis_course import bargaining

    d = bargaining.DEFAULTS
    want = d["p"] - d["cost_challenger"]
    x = read_number(least_acceptable, "`least_acceptable`")
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


@task("5.c", text={"why_hold_back": "one or two sentences (at least 12 words)"})
def task_5_c(why_hold_back):
    """One or two sentences: why might an economy ten times Russia's still hesitate to use sanctions?"""
    from .openanswers import check_open_text

    return check_open_text(why_hold_back, "`why_hold_back`", min_words=12,
                           evidence=["gas", "energy", "oil", "depend", "import", "supply", "price", "trade",
                                     "winter", "heating"],
                           evidence_hint="Name what Europe bought from Russia (lesson 6) and what sanctions could "
                                         "cost Europe itself.")


@task("7.c", text={"why_credibility": "one or two sentences (at least 12 words)"})
def task_7_c(why_credibility):
    """One or two sentences: why the same threat works at one credibility and not at another."""
    from .openanswers import check_open_text

    return check_open_text(why_credibility, "`why_credibility`", min_words=12,
                           evidence=["believ", "credib", "doubt", "bluff", "concede", "give in", "real", "serious"],
                           evidence_hint="Say what the defender *believes* about the threat, and what it then "
                                         "decides to give or refuse.")
