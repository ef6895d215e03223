"""Exercise 3 (lesson 3, NATO): membership over time, members bordering Russia, border lengths.

Expected answers are computed at run time from ``data.nato_members`` and the 1:50m country
shapes of ``data.europe_map`` (Natural Earth 4.0.0), never typed in. The tests compare the
computed list of neighbours with the list known from atlases (Norway, Estonia, Latvia,
Lithuania, Poland), so a damaged map file would be noticed.
"""
from __future__ import annotations

from crisis_course import course as _course

from .feedback import Wrong, as_number, as_series, as_str_list, task
from .openanswers import check_chart

__all__ = [
    "CUTOFF",
    "PROJECTED_CRS",
    "expected_members_by_year",
    "expected_neighbours",
    "expected_border_km",
    "russia_neighbours_table",
    "country_code",
    "task_3_1",
    "task_3_2",
    "task_3_3",
    "task_3_4",
]

CUTOFF = _course.load().cutoff.isoformat()  # the manifest's knowledge cutoff
#: ETRS89 / LAEA Europe: a projection in metres made for measuring Europe.
PROJECTED_CRS = "EPSG:3035"


# ----------------------------------------------------------------- expected answers ----

def expected_members_by_year():
    """Total NATO members at the end of each year in which members joined, up to the cutoff."""
    from crisis_course import data

    members = data.nato_members(as_of=CUTOFF)
    return members.groupby("year_joined").size().cumsum()


def _map_and_russia():
    from crisis_course import data

    countries = data.europe_map()
    russia = countries[countries["iso_a3"] == "RUS"]
    return countries, russia


def expected_neighbours() -> list[str]:
    """ISO codes of the NATO members (on 7 Dec 2021) whose shapes touch Russia's on the course map."""
    from crisis_course import data

    countries, russia = _map_and_russia()
    shape = russia.geometry.union_all()
    members = set(data.nato_members(as_of=CUTOFF)["iso_a3"].astype(str))
    candidates = countries[countries["iso_a3"].isin(members)]
    return sorted(candidates.loc[candidates.intersects(shape), "iso_a3"].astype(str))


def _touching_russia() -> list[str]:
    """ISO codes of every country (member or not) whose shape touches Russia's on the map."""
    countries, russia = _map_and_russia()
    shape = russia.geometry.union_all()
    others = countries[countries["iso_a3"] != "RUS"]
    return sorted(others.loc[others.intersects(shape), "iso_a3"].astype(str))


def _border_km(iso: str) -> float:
    """Length (km) of the line a country's shape shares with Russia's on the map, in EPSG:3035."""
    countries, _ = _map_and_russia()
    projected = countries.to_crs(PROJECTED_CRS)
    russia_line = projected[projected["iso_a3"] == "RUS"].geometry.union_all().boundary
    shape = projected[projected["iso_a3"] == iso].geometry.union_all()
    return shape.boundary.intersection(russia_line).length / 1000


def expected_border_km():
    """Length (km) of each NATO neighbour's border with Russia on the 1:50m map, in EPSG:3035."""
    import pandas as pd

    return pd.Series({iso: _border_km(iso) for iso in expected_neighbours()}, name="border_km")


#: Russia's neighbours whose only land border with Russia is its Kaliningrad exclave.
_KALININGRAD = {"LTU", "POL"}


def russia_neighbours_table():
    """Every country whose shape touches Russia's on the course map, and whether it was a NATO
    member on the cutoff (7 December 2021): a table a student can read instead of knowing it.

    Columns: ``country``, ``NATO member on 7 December 2021`` ("yes, since 1999" or "no") and
    ``note`` (Kaliningrad). Computed from the map (``data.europe_map``) and ``data.nato_members``.
    """
    import pandas as pd

    from crisis_course import data

    members = data.nato_members(as_of=CUTOFF)
    joined = dict(zip(members["iso_a3"].astype(str), members["year_joined"].astype(int)))
    names = _names()
    rows = []
    for iso in _touching_russia():
        member = f"yes, since {joined[iso]}" if iso in joined else "no"
        note = "borders Russia's Kaliningrad region" if iso in _KALININGRAD else ""
        rows.append({"country": names.get(iso, iso), f"NATO member on {_cutoff_text()}": member, "note": note})
    table = pd.DataFrame(rows).sort_values("country", ignore_index=True)
    table.index = range(1, len(table) + 1)
    return table


def _cutoff_text() -> str:
    return _course.load().cutoff_text


_ALIASES = {
    "usa": "USA", "us": "USA", "u.s.": "USA", "america": "USA", "united states of america": "USA",
    "uk": "GBR", "britain": "GBR", "great britain": "GBR", "czech republic": "CZE",
    "the netherlands": "NLD", "holland": "NLD", "turkiye": "TUR", "türkiye": "TUR",
    "macedonia": "MKD", "kaliningrad": "RUS",
}


def _lookup() -> dict[str, str]:
    from crisis_course import data

    table = {}
    countries = data.europe_map()
    for col in ("name", "name_long", "ne_name"):
        if col in countries.columns:
            for name, iso in zip(countries[col].astype(str), countries["iso_a3"].astype(str)):
                table[name.strip().lower()] = iso
    alliances = data.alliances()
    for name, iso in zip(alliances["country"].astype(str), alliances["iso_a3"].astype(str)):
        table[name.strip().lower()] = iso
    for iso in set(table.values()) | {"USA", "CAN"}:
        table[iso.lower()] = iso
    table.update(_ALIASES)
    return table


def country_code(name) -> str | None:
    """The ISO 3166 alpha-3 code for a country name or code as a student might write it, or None."""
    return _lookup().get(str(name).strip().lower())


def _names() -> dict[str, str]:
    from crisis_course import data

    countries = data.europe_map()
    names = dict(zip(countries["iso_a3"].astype(str), countries["name"].astype(str)))
    names.setdefault("USA", "the United States")
    return names


def _joined(iso: str):
    from crisis_course import data

    a = data.alliances()
    row = a[(a["organisation"] == "NATO") & (a["iso_a3"] == iso)]
    return None if row.empty or row["joined"].isna().all() else row["joined"].iloc[0]


# ------------------------------------------------------------------------- checks ----

def _year_index(s):
    import pandas as pd

    years = []
    for label in s.index:
        if isinstance(label, pd.Timestamp):
            years.append(label.year)
            continue
        try:
            years.append(int(float(str(label))))
        except ValueError:
            raise Wrong(f"The labels should be years, but one of them is {label!r}.",
                        hint="Group by the `year_joined` column: `members.groupby(\"year_joined\").size()`.") from None
    return years


@task("3.1")
def task_3_1(members_by_year):
    """Total members after each enlargement year, up to 7 December 2021."""
    import pandas as pd

    expected = expected_members_by_year()
    s = as_series(members_by_year, "`members_by_year`", "member counts")
    if len(s) == 0:
        raise Wrong("`members_by_year` is empty.", hint="Check the filter: `data.nato_members(as_of=\"2021-12-07\")`.")
    years = _year_index(s)
    values = [as_number(v, "Each count") for v in s]
    got = dict(zip(years, values))
    new_per_year = expected.diff().fillna(expected.iloc[0])
    if set(got) == set(expected.index) and all(got[y] == new_per_year[y] for y in expected.index):
        raise Wrong("These are the new members of each year, not the total.",
                    hint="Add them up as you go: `.cumsum()` turns 12, 2, 1, ... into 12, 14, 15, ...")
    total = int(expected.iloc[-1])
    if max(values) > total:
        late = [y for y in years if y > pd.Timestamp(CUTOFF).year]
        raise Wrong(f"Your total reaches {max(values):g}, more than the {total} members of 7 December 2021"
                    + (f" (you include {', '.join(map(str, late))})." if late else "."),
                    hint="Keep only the members that had joined by the article's date: "
                         "`data.nato_members(as_of=\"2021-12-07\")`.")
    missing = [y for y in expected.index if y not in got]
    if missing:
        raise Wrong(f"Enlargement year(s) missing: {', '.join(map(str, missing))}.",
                    hint="Group by `year_joined` so that every year in which someone joined appears.")
    joined = expected.index
    for year, value in sorted(got.items()):
        earlier = [y for y in joined if y <= year]
        want = int(expected[earlier[-1]]) if earlier else 0
        if value != want:
            raise Wrong(f"For {year} you have {value:g} members; the alliance had {want} at the end of that year.",
                        hint="Count every member that had joined by the end of the year (`.cumsum()` of the "
                             "new members per year).")
    rounds = new_per_year.iloc[1:]
    return (f"From {int(expected.iloc[0])} founders in {joined[0]} to {total} members in {joined[-1]}, in "
            f"{len(rounds)} enlargements; the biggest was {int(rounds.idxmax())} (+{int(rounds.max())}).")


@task("3.2")
def task_3_2(fig):
    """A labelled chart of NATO membership over time."""
    expected = expected_members_by_year()
    fig, values = check_chart(fig, "`fig`")
    total = int(expected.iloc[-1])
    top = max(values) if values else 0
    if round(top) == total:
        return (f"A labelled chart that ends at {total} members. A step chart (`ax.step(..., where=\"post\")`) "
                "is the honest shape: membership changes on a date, it does not grow smoothly between rounds.")
    if top > total:
        raise Wrong(f"Your chart goes up to {top:g}, above the {total} members of 7 December 2021.",
                    hint="Plot the totals from task 3.1 (members as of 2021-12-07).")
    new_max = int(expected.diff().fillna(expected.iloc[0]).max())
    if round(top) == new_max:
        raise Wrong("The chart seems to show new members per year, not the total.",
                    hint="Plot the running total from task 3.1 (`members_by_year`).")
    raise Wrong(f"The highest value drawn is {top:g}; the total on 7 December 2021 was {total}.",
                hint="Plot `members_by_year` from task 3.1: `ax.step(members_by_year.index, members_by_year.values, where=\"post\")`.")


def _codes(values, name):
    items = as_str_list(values, name)
    codes = []
    for item in items:
        code = country_code(item)
        if code is None:
            raise Wrong(f"{item!r} is not a country name or code that the course map knows.",
                        hint="Use the names of the map's `name` column (e.g. 'Norway') or ISO codes ('NOR').")
        codes.append(code)
    return items, codes


@task("3.3")
def task_3_3(neighbours):
    """NATO members on 7 Dec 2021 that share a land border with Russia (computed on the map)."""
    expected = expected_neighbours()
    names = _names()
    items, codes = _codes(neighbours, "`neighbours`")
    given = set(codes)
    extra = [c for c in codes if c not in expected]
    touching = set(_touching_russia()) if extra else set()
    for code in extra:
        label = names.get(code, code)
        if code == "RUS":
            raise Wrong("Russia is in the list: a country does not border itself.",
                        hint="Leave out Russia's own row before testing which shapes touch it.")
        if code == "USA":
            raise Wrong("The United States is in your list, but it meets Russia only at sea, in the Bering Strait.",
                        hint="Test shapes on the map (`.intersects(russia)`): only land borders count here.")
        if code not in touching:
            raise Wrong(f"{label} does not share a land border with Russia on the map.",
                        hint="Keep only the members whose geometry intersects Russia's: `members[members.intersects(russia)]`.")
        joined = _joined(code)
        if joined is not None and str(joined.date()) > CUTOFF:
            raise Wrong(f"{label} is in your list, but it joined NATO on {joined.day} {joined:%B %Y}, after the article.",
                        hint="Take the members as of the article's date: `data.nato_members(as_of=\"2021-12-07\")`.")
        if joined is None:
            raise Wrong(f"{label} borders Russia but was not a NATO member on 7 December 2021.",
                        hint="Keep only the rows whose `iso_a3` is in `data.nato_members(as_of=\"2021-12-07\")`.")
        raise Wrong(f"{label} is not a NATO member that borders Russia.",
                    hint="Combine both tests: a member on 2021-12-07 *and* a shape that intersects Russia's.")
    missing = [c for c in expected if c not in given]
    if missing:
        if {"POL", "LTU"} & set(missing):
            who = " and ".join(names.get(c, c) for c in missing if c in ("POL", "LTU"))
            raise Wrong(f"{who} {'is' if ' and ' not in who else 'are'} missing.",
                        hint="Russia's Kaliningrad region, on the Baltic coast between Poland and Lithuania, is "
                             "part of Russia's shape on the map: do not keep only the largest polygon.")
        raise Wrong(f"{len(missing)} member(s) missing: your list has {len(given)}, the map gives {len(expected)}.",
                    hint="Test every member's shape against Russia's whole shape (all its parts), and keep the "
                         "members as of 2021-12-07.")
    if len(codes) != len(given):
        raise Wrong("A country appears twice in your list.", hint="Use each country once (`sorted(set(...))`).")
    listed = ", ".join(sorted(names.get(c, c) for c in expected))
    finland = _border_km("FIN")
    return (f"{listed}: {len(expected)} members bordered Russia in December 2021, two of them only through "
            f"Kaliningrad. Finland, whose border with Russia is the longest of any EU country's ({finland:,.0f} km on this map), was not yet a member.")


@task("3.4")
def task_3_4(border_km):
    """Each neighbour's shared border in kilometres, measured on the 1:50m map in a projection."""
    expected = expected_border_km()
    names = _names()
    s = as_series(border_km, "`border_km`", "lengths in km")
    got = {}
    for label, value in s.items():
        code = country_code(label)
        if code is None:
            raise Wrong(f"{label!r} is not a country the map knows.", hint="Label each length with the country's name or ISO code.")
        got[code] = as_number(value, f"The length for {label}", "km")
    missing = [c for c in expected.index if c not in got]
    extra = [c for c in got if c not in expected.index]
    if missing or extra:
        raise Wrong("The countries in `border_km` should be the neighbours from task 3.3"
                    + (f"; missing: {', '.join(names.get(c, c) for c in missing)}" if missing else "")
                    + (f"; not neighbours: {', '.join(names.get(c, c) for c in extra)}" if extra else "") + ".",
                    hint="Measure one border per neighbour found in task 3.3.")
    ratios = [got[c] / expected[c] for c in expected.index if expected[c] > 0]
    if all(v < 30 for v in got.values()):
        raise Wrong("These lengths are tiny: they look like degrees of longitude and latitude, not kilometres.",
                    hint=f"Project the shapes to metres before measuring: `.to_crs(\"{PROJECTED_CRS}\")`, then divide by 1000.")
    if all(r > 500 for r in ratios):
        raise Wrong("These lengths look like metres, not kilometres.", hint="Divide by 1000.")
    if all(1.3 < r < 2.6 for r in ratios):
        raise Wrong("The lengths are far too long: the projection stretches distances in the north.",
                    hint="Web Mercator (EPSG:3857) inflates lengths by about 1/cos(latitude), almost 2x at 60°N. "
                         f"Use an equal-area projection for Europe: `{PROJECTED_CRS}`.")
    for code in expected.index:
        if abs(got[code] - expected[code]) > max(5.0, 0.05 * expected[code]):
            raise Wrong(f"The length for {names.get(code, code)} ({got[code]:.0f} km) is not what the map gives.",
                        hint="Measure the line the two shapes share: `a.boundary.intersection(russia.boundary).length`, "
                             f"in `{PROJECTED_CRS}`, divided by 1000.")
    total = expected.sum()
    return (f"Together about {total:,.0f} km on this map. Compare with the published lengths below: the "
            "map's borders are simplified, so winding borders come out shorter.")
