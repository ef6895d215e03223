"""Exercises 6 (lesson 6, energy): dependence on Russian gas (tasks 6.1-6.3) and replacing Russian
pipeline gas with LNG as arithmetic with stated assumptions (tasks 6.4-6.7).

Expected answers are computed at run time from the Eurostat tables (``data.gas_imports``). The
LNG checks take the student's own assumptions as keyword arguments, so a student who changes an
assumption is checked against the arithmetic with *that* assumption.
"""
from __future__ import annotations

from .feedback import Wrong, as_dataframe, as_number, as_series, close, describe, task
from .openanswers import check_chart, check_open_text

__all__ = [
    "YEAR",
    "EU27",
    "TOP_N",
    "MIN_IMPORTS_TWH",
    "TJ_PER_TWH",
    "expected_top",
    "expected_eu_share",
    "expected_map_table",
    "expected_pipeline_twh",
    "expected_lng_arithmetic",
    "show_eu_share",
    "show_lng_cargoes",
    "task_6_1",
    "task_6_2",
    "task_6_3",
    "task_6_4",
    "task_6_5",
    "task_6_6",
    "task_6_7",
]

YEAR = 2020
EU27 = "EU27_2020"
TOP_N = 10
#: Reporters importing less than this are left out: a share of almost nothing says nothing.
MIN_IMPORTS_TWH = 1.0
#: 1 TWh = 3,600 TJ (the data README).
TJ_PER_TWH = 3600.0
_SHARE = "share_of_gas_imports_from_russia_pct"


def _gas():
    from crisis_course import data

    return data.gas_imports()


def _reporters(year: int = YEAR):
    g = _gas()
    return g[(g["year"] == year) & (~g["is_aggregate"]) & (g["gas_imports_total_twh"] >= MIN_IMPORTS_TWH)]


def expected_top(year: int = YEAR, n: int = TOP_N):
    """The ``n`` reporting countries with the highest share of gas imports from Russia."""
    t = _reporters(year).sort_values([_SHARE, "gas_imports_total_twh"], ascending=[False, False])
    return t[["country", "iso_a3", _SHARE, "gas_imports_total_twh"]].head(n).reset_index(drop=True)


def expected_eu_share(aggregate: str = EU27):
    """The EU27 share of gas imports from Russia, % by year (a Series indexed by year)."""
    g = _gas()
    g = g[g["iso_a3"] == aggregate].sort_values("year")
    return g.set_index("year")[_SHARE]


def expected_map_table(year: int = YEAR):
    """One row per reporting country: ``iso_a3`` and ``share_pct`` (year, >= MIN_IMPORTS_TWH)."""
    r = _reporters(year)
    return r[["iso_a3", _SHARE]].rename(columns={_SHARE: "share_pct"}).reset_index(drop=True)


def _eu_row(year: int = YEAR):
    g = _gas()
    return g[(g["iso_a3"] == EU27) & (g["year"] == year)].iloc[0]


def expected_pipeline_twh(year: int = YEAR) -> float:
    """EU27 imports from Russia minus the LNG part: pipeline gas from Russia, TWh."""
    row = _eu_row(year)
    return float(row["gas_imports_from_russia_twh"] - row["lng_imports_from_russia_tj"] / TJ_PER_TWH)


def expected_lng_arithmetic(twh_per_bcm: float, bcm_per_cargo: float, regas_capacity_bcm: float,
                            year: int = YEAR) -> dict:
    """Every number of tasks 6.5-6.6 under the given assumptions."""
    pipeline_bcm = expected_pipeline_twh(year) / twh_per_bcm
    eu_lng_bcm = float(_eu_row(year)["lng_imports_total_tj"]) / TJ_PER_TWH / twh_per_bcm
    cargoes = pipeline_bcm / bcm_per_cargo
    spare = regas_capacity_bcm - eu_lng_bcm
    return {
        "pipeline_bcm": pipeline_bcm,
        "cargoes_per_year": cargoes,
        "cargoes_per_day": cargoes / 365,
        "eu_lng_bcm": eu_lng_bcm,
        "spare_regas_bcm": spare,
        "shortfall_bcm": pipeline_bcm - spare,
    }


# ------------------------------------------------------- no-code helpers (6.b, 6.c) ----

def _year_from(value):
    """A year from ``2015``, ``"2015"`` or ``" 2015 "``; None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def show_eu_share(year_shown) -> None:
    """Print the EU27's share of gas imports from Russia in ``year_shown`` (task 6.b).

    The year may be typed with or without quotation marks; a year without data gets a plain message
    naming the years there are."""
    s = expected_eu_share()
    years = [int(y) for y in s.index]
    year = _year_from(year_shown)
    if year is None or year not in years:
        print(f"There is no figure for {year_shown!r}. Type a year from {min(years)} to {max(years)}, "
              "for example 2015, and run the cell again.")
        return
    print(f"EU27, {year}: {float(s[year]):.1f}% of gas imports came from Russia")


def show_lng_cargoes(bcm_per_cargo, twh_per_bcm=10.8) -> None:
    """Print the EU's 2020 Russian pipeline gas as LNG cargoes a year and a day (task 6.c).

    Numbers may be typed with or without quotation marks, with a decimal comma or point."""
    from .feedback import Wrong, read_number

    try:
        cargo = read_number(bcm_per_cargo, "BCM_PER_CARGO")
        energy = read_number(twh_per_bcm, "TWH_PER_BCM")
    except Wrong as exc:
        print(f"{exc.message} {exc.hint}")
        return
    if cargo <= 0 or energy <= 0:
        print("Both numbers must be larger than 0 (a ship carries about 0.07 to 0.1 bcm). Change them and run "
              "the cell again.")
        return
    a = expected_lng_arithmetic(energy, cargo, 160.0)
    print(f"Russian pipeline gas to replace: {a['pipeline_bcm']:,.0f} bcm a year")
    print(f"cargoes a year: {a['cargoes_per_year']:,.0f}")
    print(f"cargoes a day: {a['cargoes_per_day']:.1f}")


# --------------------------------------------------------------- tasks 6.1 - 6.3 ----

def _name_to_iso():
    g = _gas()
    table = {str(c).strip().lower(): str(i) for c, i in zip(g["country"], g["iso_a3"])}
    table.update({str(i).lower(): str(i) for i in g["iso_a3"]})
    return table


def _iso(label) -> str | None:
    code = _name_to_iso().get(str(label).strip().lower())
    if code is None:
        from .lesson3 import country_code

        code = country_code(label)
    return code


def _labelled_values(answer, name: str, value_hint: str):
    """(labels, values) from a Series or a table with a country/iso_a3 column and one share column."""
    import pandas as pd

    if isinstance(answer, pd.DataFrame):
        label_col = "iso_a3" if "iso_a3" in answer.columns else ("country" if "country" in answer.columns else None)
        if label_col is None:
            raise Wrong(f"`{name}` needs a `country` or `iso_a3` column to say which country each row is.",
                        hint="Keep the `country` column when you select columns.")
        if _SHARE in answer.columns:
            value_col = _SHARE
        else:
            numeric = [c for c in answer.columns if c != label_col and pd.api.types.is_numeric_dtype(answer[c])]
            shares = [c for c in numeric if "share" in str(c).lower() or "pct" in str(c).lower()]
            value_col = (shares or numeric or [None])[0]
        if value_col is None:
            raise Wrong(f"`{name}` has no column of numbers.", hint=value_hint)
        return list(answer[label_col]), [as_number(v, f"A value in `{value_col}`") for v in answer[value_col]]
    if not isinstance(answer, (pd.Series, dict)):
        raise Wrong(f"`{name}` should be a table (a pandas DataFrame) with a `country` column and a column of "
                    f"shares, but it is {describe(answer)}.",
                    hint="Select rows and columns of the data table: `df[[\"country\", \"share_of_...\"]]`.")
    s = as_series(answer, f"`{name}`", "shares")
    return list(s.index), [as_number(v, "A value") for v in s]


@task("6.1")
def task_6_1(top10):
    """The 10 reporters with the highest share of imports from Russia in 2020, highest first."""
    expected = expected_top()
    labels, values = _labelled_values(top10, "top10", f"Keep the `{_SHARE}` column.")
    codes = [_iso(x) for x in labels]
    g = _gas()
    aggregates = set(g.loc[g["is_aggregate"], "iso_a3"].astype(str))
    agg = [lab for lab, c in zip(labels, codes) if c in aggregates]
    if agg:
        raise Wrong(f"{agg[0]!r} is a group of countries, not a country.",
                    hint="Drop the aggregates: `g[~g[\"is_aggregate\"]]`.")
    if len(labels) != TOP_N:
        raise Wrong(f"`top10` has {len(labels)} rows; the task asks for {TOP_N}.", hint="`.head(10)` after sorting.")
    if any(a < b for a, b in zip(values, values[1:])):
        if all(a <= b for a, b in zip(values, values[1:])):
            raise Wrong("These run from lowest to highest share.",
                        hint="`.sort_values(..., ascending=False)` puts the highest first, then `.head(10)`.")
        raise Wrong("`top10` is not sorted from the highest share down.", hint="`.sort_values(..., ascending=False)`.")
    threshold = float(expected[_SHARE].iloc[-1])
    rep = _reporters()
    must = set(rep.loc[rep[_SHARE] > threshold, "iso_a3"].astype(str))
    allowed = set(rep.loc[rep[_SHARE] >= threshold, "iso_a3"].astype(str))
    given = set(c for c in codes if c)
    if must <= given <= allowed:
        full = int((expected[_SHARE] >= 99.95).sum())
        ranked = rep.sort_values([_SHARE, "gas_imports_total_twh"], ascending=[False, False]).reset_index(drop=True)
        biggest = ranked["gas_imports_from_russia_twh"].idxmax()
        big = ranked.loc[biggest]
        return (f"{full} reporters took all their imported gas from Russia in {YEAR}. The biggest buyer in "
                f"TWh, {big['country']} ({big['gas_imports_from_russia_twh']:,.0f} TWh), ranks only {biggest + 1} by "
                "share: a ranking by share says nothing about size. Mind the reporting caveats: Austria's 0%, "
                "and Finland's 2020 and Germany's 2018-2020 shares, distorted by reporting changes.")
    for year in range(2011, 2021):
        if year == YEAR:
            continue
        r = _reporters(year)
        other = set(r.sort_values(_SHARE, ascending=False).head(TOP_N)["iso_a3"].astype(str))
        if given == other:
            raise Wrong(f"These look like the {year} values.", hint=f"Filter the year first: `g[g[\"year\"] == {YEAR}]`.")
    if all(v <= 1.0 for v in values):
        raise Wrong("The values are fractions, not percentages.", hint=f"Use the column `{_SHARE}`.")
    raise Wrong(f"Not the top {TOP_N} for {YEAR}: {len(given - allowed)} of your countries should not be there.",
                hint=f"Filter year == {YEAR}, drop aggregates and reporters importing less than {MIN_IMPORTS_TWH:g} TWh, "
                     "then sort by the share, highest first.")


@task("6.2")
def task_6_2(eu_share, fig):
    """The EU27 share of gas imports from Russia by year, and a labelled chart of it."""
    expected = expected_eu_share()
    s = as_series(eu_share, "`eu_share`", "shares in %")
    try:
        years = [int(float(str(y))) for y in s.index]
    except ValueError:
        raise Wrong("The labels of `eu_share` should be years.",
                    hint="Index the values by the `year` column: `.set_index(\"year\")[...]`.") from None
    values = [as_number(v, "A value of `eu_share`") for v in s]
    got = dict(zip(years, values))
    eu28 = expected_eu_share("EU28")
    if got and all(y in eu28.index and abs(got[y] - eu28[y]) < 0.05 for y in got):
        raise Wrong("These are the EU28 values (with the United Kingdom).",
                    hint=f"Use the rows with `iso_a3 == \"{EU27}\"`: the 27 countries that were members in 2020.")
    if set(got) != set(expected.index) and not set(got) & set(expected.index):
        raise Wrong(f"`eu_share` is labelled {min(got)}-{max(got)}: these are row numbers of the data table, not "
                    "years (a filter keeps the rows' original numbers).",
                    hint="Label the values by year: `eu_rows.set_index(\"year\")[\"share_of_gas_imports_from_russia_pct\"]` "
                         "(where `eu_rows` are the EU27 rows).")
    if set(got) != set(expected.index):
        raise Wrong(f"`eu_share` covers {min(got)}-{max(got)} ({len(got)} values); the data run "
                    f"{expected.index.min()}-{expected.index.max()}.",
                    hint="Keep one value for every year of the EU27 rows, labelled by year: "
                         "`eu_rows.set_index(\"year\")[\"share_of_gas_imports_from_russia_pct\"]`.")
    if all(v > 100 for v in values):
        raise Wrong("These are quantities (TWh), not shares.", hint=f"Use the column `{_SHARE}`.")
    for y in expected.index:
        if abs(got[y] - expected[y]) > 0.05:
            raise Wrong(f"The value for {y} ({got[y]:.1f}) is not the EU27 share of imports from Russia.",
                        hint=f"Rows with `iso_a3 == \"{EU27}\"`, column `{_SHARE}`.")
    fig, plotted = check_chart(fig, "`fig`")
    if plotted and not any(abs(v - expected.max()) < 0.5 for v in plotted):
        raise Wrong("The numbers are right, but the chart does not seem to plot them.",
                    hint="Plot `eu_share`: `ax.plot(eu_share.index, eu_share.values, marker=\"o\")`.")
    lo, hi = expected.idxmin(), expected.idxmax()
    from crisis_course.energy import eu_headline

    use = eu_headline(YEAR)["share_of_consumption_pct"]
    return (f"Russia supplied {expected[YEAR]:.1f}% of the gas imports the EU27 members reported in {YEAR}, "
            f"between {expected[lo]:.1f}% ({lo}) and {expected[hi]:.1f}% ({hi}). This sum counts gas traded "
            f"between members as imports; as a share of the gas the EU used, Russian gas was {use:.1f}% in "
            f"{YEAR}. If your y-axis does not start at 0, say so: a cut axis makes small changes look big.")


@task("6.3")
def task_6_3(map_table):
    """One row per reporting country for the 2020 map: ``iso_a3`` and ``share_pct``."""
    import pandas as pd

    if isinstance(map_table, pd.DataFrame) and _SHARE in map_table.columns and "share_pct" not in map_table.columns:
        raise Wrong(f"`map_table` has the shares, but in a column named `{_SHARE}`; the map needs `share_pct`.",
                    hint=f"Rename the column: `.rename(columns={{\"{_SHARE}\": \"share_pct\"}})`.")
    df = as_dataframe(map_table, "`map_table`", columns=["iso_a3", "share_pct"])
    expected = expected_map_table().set_index("iso_a3")["share_pct"]
    codes = df["iso_a3"].astype(str)
    if codes.duplicated().any():
        dup = codes[codes.duplicated()].iloc[0]
        raise Wrong(f"{dup} appears {int((codes == dup).sum())} times: a map needs one row per country.",
                    hint=f"Keep one year: `g[g[\"year\"] == {YEAR}]`.")
    g = _gas()
    aggregates = set(g.loc[g["is_aggregate"], "iso_a3"].astype(str))
    if aggregates & set(codes):
        raise Wrong(f"{sorted(aggregates & set(codes))[0]} is a group of countries; it has no shape on the map.",
                    hint="Drop the aggregates: `~g[\"is_aggregate\"]`.")
    missing = [c for c in expected.index if c not in set(codes)]
    extra = [c for c in codes if c not in expected.index]
    if extra:
        raise Wrong(f"{extra[0]} is in `map_table` but imported less than {MIN_IMPORTS_TWH:g} TWh in {YEAR} (or is "
                    "not a reporter).",
                    hint=f"Keep reporters with `gas_imports_total_twh >= {MIN_IMPORTS_TWH:g}`: a share of almost "
                         "nothing is not dependence.")
    if missing:
        raise Wrong(f"{len(missing)} reporting countries are missing, e.g. {missing[0]}.",
                    hint="Do not keep only the top 10: the map shows every reporter.")
    for code, value in zip(codes, df["share_pct"]):
        v = as_number(value, f"The share for {code}")
        if abs(v - expected[code]) > 0.05:
            raise Wrong(f"The share for {code} ({v:.1f}) is not its {YEAR} share of imports from Russia.",
                        hint=f"Rename the column `{_SHARE}` to `share_pct`: `.rename(columns={{...}})`.")
    return (f"{len(expected)} countries, ready for `maps.choropleth`. Grey on the map means no data, not zero: "
            "Russia, Belarus and countries outside Eurostat's reporting are not in this table.")


# --------------------------------------------------------------- tasks 6.4 - 6.7 ----

def _assumption(value, name: str, low: float, high: float, unit: str) -> tuple[float, str]:
    x = as_number(value, f"The assumption `{name}`", unit)
    if x <= 0:
        raise Wrong(f"The assumption `{name}` must be positive (it is {x:g}).", hint="Put back a value from the sources.")
    note = ""
    if not low <= x <= high:
        note = (f"Note: your assumption `{name}` = {x:g} {unit} is outside the range the sources give "
                f"({low:g}-{high:g}); the arithmetic below is checked with your value anyway.")
    return x, note


@task("6.4")
def task_6_4(russian_pipeline_twh):
    """EU27 imports of Russian *pipeline* gas in 2020, TWh."""
    want = expected_pipeline_twh()
    x = as_number(russian_pipeline_twh, "`russian_pipeline_twh`", "TWh")
    row = _eu_row()
    lng_twh = float(row["lng_imports_from_russia_tj"]) / TJ_PER_TWH
    if close(x, want, rel=0.002):
        return (f"About {want:,.0f} TWh of pipeline gas from Russia in {YEAR}; the other {lng_twh:,.0f} TWh from "
                "Russia already came as LNG by ship.")
    if close(x, float(row["gas_imports_from_russia_twh"]), rel=0.002):
        raise Wrong("This is all gas from Russia, including Russian LNG that already arrives by ship.",
                    hint="Subtract the LNG part: `lng_imports_from_russia_tj / 3600` gives it in TWh.")
    if close(x, want * TJ_PER_TWH, rel=0.002):
        raise Wrong("This is in terajoules (TJ), not TWh.", hint="Divide by 3600: 1 TWh = 3,600 TJ.")
    if close(x, float(row["gas_imports_from_russia_twh"]) - float(row["lng_imports_from_russia_tj"]), rel=0.01):
        raise Wrong("You subtracted terajoules from terawatt-hours.", hint="Convert the LNG column first: TJ / 3600 = TWh.")
    raise Wrong(f"{x:,.1f} TWh is not right.",
                hint=f"Row `iso_a3 == \"{EU27}\"`, year {YEAR}: `gas_imports_from_russia_twh` minus "
                     "`lng_imports_from_russia_tj / 3600`.")


# Plausibility ranges for the assumptions (a note, never a failure), from the sources cited in
# solutions/06_lng_replacement_exercise.ipynb: 38-40 PJ per bcm (data README) = 10.6-11.1 TWh;
# carriers of about 90,000-266,000 m3 of LNG at about 600 m3 of gas per m3 (IGU; MOL) = 0.05-0.16 bcm;
# EU regasification capacity about 160 bcm a year, EU + UK about 210 (FTI Consulting; EIA/GIIGNL).


@task("6.5", answers=3)
def task_6_5(pipeline_bcm, cargoes_per_year, cargoes_per_day, twh_per_bcm=10.8, bcm_per_cargo=0.1):
    """Pipeline gas in bcm, and the LNG cargoes a year and a day that would carry as much."""
    twh_per_bcm, note1 = _assumption(twh_per_bcm, "TWH_PER_BCM", 10.0, 11.5, "TWh per bcm")
    bcm_per_cargo, note2 = _assumption(bcm_per_cargo, "BCM_PER_CARGO", 0.05, 0.17, "bcm per cargo")
    want = expected_lng_arithmetic(twh_per_bcm, bcm_per_cargo, regas_capacity_bcm=0.0)
    bcm = as_number(pipeline_bcm, "`pipeline_bcm`", "bcm")
    per_year = as_number(cargoes_per_year, "`cargoes_per_year`")
    per_day = as_number(cargoes_per_day, "`cargoes_per_day`")
    if not close(bcm, want["pipeline_bcm"]):
        if close(bcm, expected_pipeline_twh() * twh_per_bcm):
            raise Wrong("`pipeline_bcm` is far too big: you multiplied by TWH_PER_BCM.",
                        hint="One bcm holds about 10.8 TWh, so bcm = TWh / TWH_PER_BCM.")
        raise Wrong(f"`pipeline_bcm` = {bcm:,.1f} is not right.",
                    hint="Convert your answer to task 6.4: `russian_pipeline_twh / TWH_PER_BCM`.")
    if not close(per_year, want["cargoes_per_year"]):
        if close(per_year, bcm * bcm_per_cargo):
            raise Wrong("`cargoes_per_year` is far too small: you multiplied by BCM_PER_CARGO.",
                        hint="Number of cargoes = volume / volume per cargo.")
        raise Wrong(f"`cargoes_per_year` = {per_year:,.0f} is not right.",
                    hint="`pipeline_bcm / BCM_PER_CARGO`.")
    if not close(per_day, want["cargoes_per_day"]):
        for days, word in ((12, "months"), (52, "weeks"), (360, "360 days")):
            if close(per_day, per_year / days):
                raise Wrong(f"You divided by {days} ({word}), not by the days in a year.", hint="Divide by 365.")
        raise Wrong(f"`cargoes_per_day` = {per_day:.1f} is not right.", hint="`cargoes_per_year / 365`.")
    fb_notes = [n for n in (note1, note2) if n]
    return (f"About {want['pipeline_bcm']:,.0f} bcm a year: {want['cargoes_per_year']:,.0f} cargoes, "
            f"{want['cargoes_per_day']:.1f} a day, every day, from ships that must also be found and filled."
            + (" " + " ".join(fb_notes) if fb_notes else ""))


@task("6.6", answers=3)
def task_6_6(eu_lng_bcm, spare_regas_bcm, shortfall_bcm, twh_per_bcm=10.8, regas_capacity_bcm=160.0):
    """EU LNG imports in 2020 (bcm), spare regasification capacity, and what it could not take."""
    twh_per_bcm, note1 = _assumption(twh_per_bcm, "TWH_PER_BCM", 10.0, 11.5, "TWh per bcm")
    capacity, note2 = _assumption(regas_capacity_bcm, "REGAS_CAPACITY_BCM", 120, 230, "bcm a year")
    want = expected_lng_arithmetic(twh_per_bcm, 0.1, capacity)
    lng = as_number(eu_lng_bcm, "`eu_lng_bcm`", "bcm")
    spare = as_number(spare_regas_bcm, "`spare_regas_bcm`", "bcm")
    short = as_number(shortfall_bcm, "`shortfall_bcm`", "bcm")
    row = _eu_row()
    if not close(lng, want["eu_lng_bcm"]):
        lng_russia = float(row["lng_imports_from_russia_tj"]) / TJ_PER_TWH / twh_per_bcm
        if close(lng, lng_russia):
            raise Wrong("`eu_lng_bcm` is only the LNG from Russia; the terminals also took LNG from everyone else.",
                        hint="Use `lng_imports_total_tj` (all partners).")
        if close(lng, float(row["lng_imports_total_tj"]) / TJ_PER_TWH):
            raise Wrong("`eu_lng_bcm` is still in TWh.", hint="Divide by TWH_PER_BCM.")
        raise Wrong(f"`eu_lng_bcm` = {lng:,.1f} is not right.",
                    hint=f"EU27 row for {YEAR}: `lng_imports_total_tj / 3600 / TWH_PER_BCM`.")
    if not close(spare, want["spare_regas_bcm"]):
        if close(spare, capacity):
            raise Wrong("`spare_regas_bcm` is the whole capacity: the terminals were already in use.",
                        hint="Spare capacity = REGAS_CAPACITY_BCM - eu_lng_bcm.")
        raise Wrong(f"`spare_regas_bcm` = {spare:,.1f} is not right.", hint="REGAS_CAPACITY_BCM - eu_lng_bcm.")
    target = want["shortfall_bcm"]
    if not (close(short, target, abs_=0.05) or (target < 0 and abs(short) < 0.05)):
        if close(short, -target, abs_=0.05):
            raise Wrong("`shortfall_bcm` has the wrong sign.", hint="pipeline_bcm - spare_regas_bcm: positive = gas with nowhere to land.")
        raise Wrong(f"`shortfall_bcm` = {short:,.1f} is not right.", hint="pipeline_bcm - spare_regas_bcm.")
    notes = " ".join(n for n in (note1, note2) if n)
    verdict = (f"Even with every terminal running flat out, about {target:,.0f} bcm of Russian pipeline gas "
               "could not have landed as LNG." if target > 0 else
               "On these assumptions the terminals could have taken it all; ship and LNG supply are the next questions.")
    return (f"The EU imported about {want['eu_lng_bcm']:,.0f} bcm of LNG in {YEAR}, leaving "
            f"{want['spare_regas_bcm']:,.0f} bcm of spare capacity. {verdict} {notes}").strip()


@task("6.7")
def task_6_7(what_else):
    """Open task: what the arithmetic leaves out."""
    return check_open_text(what_else, "`what_else`", min_words=50,
                           evidence=["LNG", "terminal", "pipeline", "price", "Asia", "demand", "storage", "Germany",
                                     "contract", "supply", "ship", "winter", "capacity"],
                           evidence_hint="Name a concrete limit: where the terminals are, whether LNG exists to buy, "
                                         "prices, pipelines inside Europe, contracts ...", min_evidence=2)
