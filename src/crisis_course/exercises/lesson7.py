"""Exercise 7 (lesson 7, coercive diplomacy): the bargaining model by hand and by computer.

Expected answers come from :func:`crisis_course.bargaining.analyse` with the settings the
notebook passes in (``settings=SETTINGS``), so a student who explores other numbers is checked
against the model with those numbers.
"""
from __future__ import annotations

from .feedback import Wrong, as_number, task
from .openanswers import check_open_text

__all__ = [
    "INPUTS",
    "expected_range",
    "expected_outcomes",
    "expected_min_credibility",
    "show_outcome",
    "task_7_1",
    "task_7_2",
    "task_7_3",
    "task_7_4",
]

#: The model's five inputs (bargaining.analyse's parameters).
INPUTS = ("p", "cost_challenger", "cost_defender", "offer", "credibility")


def _settings(settings) -> dict:
    from crisis_course import bargaining

    base = dict(bargaining.DEFAULTS)
    if settings:
        if not isinstance(settings, dict):
            raise Wrong("`SETTINGS` should be a dict of the model's inputs.", hint="Run the set-up cell again.")
        base.update({k: v for k, v in settings.items() if k in INPUTS})
    return base


def expected_range(settings=None) -> tuple[float, float]:
    from crisis_course import bargaining

    r = bargaining.analyse(**_settings(settings))
    return r.range_low, r.range_high


def expected_outcomes(credibilities, settings=None) -> dict:
    from crisis_course import bargaining

    s = _settings(settings)
    return {float(q): bargaining.analyse(**{**s, "credibility": float(q)}).outcome for q in credibilities}


def expected_min_credibility(settings=None):
    """The smallest credibility at which the model predicts a deal, or None if there is none."""
    from crisis_course import bargaining

    s = _settings(settings)
    r = bargaining.analyse(**{**s, "credibility": 1.0})
    if r.outcome != bargaining.DEAL:
        return None
    high_raw = s["p"] + s["cost_defender"]
    if high_raw <= s["offer"]:
        return 0.0
    return max(0.0, (r.range_low - s["offer"]) / (high_raw - s["offer"]))


@task("7.1", answers=2)
def task_7_1(range_low, range_high, settings=None):
    """The bargaining range worked out by hand (challenger's share of the stake, 0-1)."""
    s = _settings(settings)
    low, high = expected_range(s)
    lo = as_number(range_low, "`range_low`")
    hi = as_number(range_high, "`range_high`")
    if lo > 1.5 or hi > 1.5:
        raise Wrong("Give shares of the stake between 0 and 1, not percentages.", hint="0.4, not 40.")
    ok_lo, ok_hi = abs(lo - low) < 1e-6, abs(hi - high) < 1e-6
    if ok_lo and ok_hi:
        return (f"The range runs from {low:.2f} to {high:.2f}: {high - low:.2f} wide, the sum of the two costs of "
                "war. Every deal in it is better for both sides than fighting.")
    if abs(lo - high) < 1e-6 and abs(hi - low) < 1e-6:
        raise Wrong("The two ends are swapped.", hint="The challenger accepts any x >= p - cost_challenger (the low end).")
    if not ok_lo:
        if abs(lo - (s["p"] + s["cost_challenger"])) < 1e-6:
            raise Wrong("`range_low` adds the challenger's cost; war *costs* the challenger, so subtract it.",
                        hint="range_low = p - cost_challenger.")
        raise Wrong(f"`range_low` = {lo:g} is not right.", hint="What war is worth to the challenger: p - cost_challenger.")
    if abs(hi - ((1 - s["p"]) - s["cost_defender"])) < 1e-6:
        raise Wrong("`range_high` is what war is worth to the defender, but the range is measured as the "
                    "challenger's share.",
                    hint="The defender keeps 1 - x; it prefers a deal while 1 - x >= (1 - p) - cost_defender, "
                         "i.e. x <= p + cost_defender.")
    if abs(hi - (s["p"] - s["cost_defender"])) < 1e-6:
        raise Wrong("`range_high` subtracts the defender's cost; the defender would give up *more* to avoid war.",
                    hint="range_high = p + cost_defender.")
    raise Wrong(f"`range_high` = {hi:g} is not right.", hint="range_high = p + cost_defender.")


@task("7.2", answers=1)
def task_7_2(outcomes, settings=None, credibilities=(0.2, 0.5, 0.8)):
    """The model's outcome for each credibility in ``credibilities``, as a dict."""
    from crisis_course import bargaining

    want = expected_outcomes(credibilities, settings)
    if not isinstance(outcomes, dict):
        raise Wrong("`outcomes` should be a dict: credibility -> outcome.",
                    hint="Build it with a loop or a dict comprehension: `{q: bargaining.analyse(..., credibility=q).outcome for q in CREDIBILITIES}`.")
    got = {}
    for k, v in outcomes.items():
        try:
            got[round(float(k), 6)] = v
        except (TypeError, ValueError):
            raise Wrong(f"The key {k!r} is not a credibility (a number between 0 and 1).",
                        hint="Use the numbers in `CREDIBILITIES` as keys.") from None
    missing = [q for q in want if round(q, 6) not in got]
    if missing:
        raise Wrong(f"No outcome for credibility {missing[0]:g}.", hint="One entry per value in `CREDIBILITIES`.")
    allowed = {bargaining.STATUS_QUO, bargaining.DEAL, bargaining.WAR_RISK}
    for q, outcome in want.items():
        value = got[round(q, 6)]
        if isinstance(value, bargaining.Result):
            raise Wrong("The values are whole results; the task asks for the outcome only.",
                        hint="Take the `.outcome` of each result.")
        if str(value) not in allowed:
            raise Wrong(f"{value!r} is not one of the model's outcomes ({', '.join(sorted(allowed))}).",
                        hint="Use `result.outcome` rather than typing the words.")
        if str(value) != outcome:
            raise Wrong(f"At credibility {q:g} the model does not give {value!r}.",
                        hint="Call `bargaining.analyse(**SETTINGS, credibility=q)` for each q; do not guess.")
    changes = ", ".join(f"{q:g}: {o}" for q, o in want.items())
    return (f"{changes}. The same threat works or fails depending only on how far the other side believes it. "
            "That is why credibility is at the centre of coercive diplomacy (lesson 7, section 3).")


@task("7.3", answers=1)
def task_7_3(min_credibility, settings=None):
    """The smallest credibility (to 0.01) at which the model predicts a peaceful deal."""
    from crisis_course import bargaining

    s = _settings(settings)
    want = expected_min_credibility(s)
    x = as_number(min_credibility, "`min_credibility`")
    if want is None:
        raise Wrong("With these settings no credibility produces a deal, so there is no minimum.",
                    hint="Reset `SETTINGS` to the lesson's values and run the notebook again.")
    if x > 1.5:
        raise Wrong("Give the credibility as a number between 0 and 1, not a percentage.", hint="0.25, not 25.")
    if want - 1e-9 <= x <= want + 0.0101:
        return (f"About {want:.2f}: below that, the defender doubts the threat too much to concede enough, and "
                "the model predicts a risk of war although a deal both prefer exists.")
    outcome = bargaining.analyse(**{**s, "credibility": min(max(x, 0.0), 1.0)}).outcome
    if x < want:
        raise Wrong(f"At credibility {x:.2f} the model still predicts '{outcome}'.",
                    hint="Search upward in steps of 0.01 and stop at the *first* value whose outcome is 'deal'.")
    raise Wrong(f"At {x:.2f} there is a deal, but there is one at lower credibility too.",
                hint="Search upward from 0 in steps of 0.01 and stop at the first 'deal'.")


@task("7.4", answers=2)
def task_7_4(my_scenario, my_reason):
    """Open task: your own numbers for 7 December 2021, with reasons."""
    from crisis_course import bargaining

    if not isinstance(my_scenario, dict):
        raise Wrong("`my_scenario` should be a dict of the five inputs.",
                    hint='Copy `SETTINGS` and change the values: `dict(SETTINGS, credibility=0.7)`.')
    missing = [k for k in INPUTS if k not in my_scenario]
    if missing:
        raise Wrong(f"`my_scenario` has no value for {', '.join(missing)}.", hint=f"Give all five: {', '.join(INPUTS)}.")
    values = {}
    for k in INPUTS:
        v = as_number(my_scenario[k], f"`my_scenario[{k!r}]`")
        if not 0 <= v <= 1:
            raise Wrong(f"`{k}` = {v:g} is outside 0-1.", hint="Every input is a share or a probability between 0 and 1.")
        values[k] = v
    check_open_text(my_reason, "`my_reason`", min_words=40,
                    evidence=["credib", "cost", "chance", "offer", "probab", "sanction", "win"],
                    evidence_hint="Justify at least one number: why that chance of winning, cost or credibility?")
    r = bargaining.analyse(**values)
    return (f"With your numbers the model says '{r.outcome}' (range {r.range_low:.2f}-{r.range_high:.2f}). "
            "Nobody could measure these numbers in 2021: the model shows how the pieces fit, not what will happen. "
            "Compare your numbers with a classmate's.")


def show_outcome(credibility) -> None:
    """Run the lesson's bargaining model with another ``credibility`` and print the outcome (task 7.a).

    The number may be typed with or without quotation marks, with a decimal point or comma; a value
    outside 0-1 or one that is not a number gets a plain message."""
    from crisis_course import bargaining

    from .feedback import Wrong, read_number

    try:
        value = read_number(credibility, "credibility")
    except Wrong as exc:
        print(f"{exc.message} {exc.hint}")
        return
    if not 0 <= value <= 1:
        print(f"credibility must be between 0 and 1 (you typed {credibility!r}). Type for example \"0.2\" and "
              "run the cell again.")
        return
    result = bargaining.analyse(**dict(bargaining.DEFAULTS, credibility=value))
    print("credibility:", f"{value:g}")
    print("outcome:", result.outcome)
