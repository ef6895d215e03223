"""The energy tables: tidy DataFrames with short column names, computed from the course's
Eurostat, BP and World Bank files (through :mod:`crisis_course.data`; nothing is downloaded)."""
from __future__ import annotations

from .definitions import _BENCHMARKS, _ECONOMY_DEFAULT, _SHORT_NAMES, EU27, YEARS, caveat_for

# -------------------------------------------------------------------- EU import trend ----

def _aggregate_years(frame, aggregate: str, caller: str, hint: str = ""):
    """(the rows of ``aggregate`` in ``frame`` by year, a new frame holding only their ``year``);
    ValueError naming ``caller`` when the aggregate has no rows."""
    rows = frame[frame["iso_a3"] == aggregate].sort_values("year")
    if rows.empty:
        raise ValueError(f"{caller}: no rows for aggregate {aggregate!r}{hint}")
    return rows, rows[["year"]].copy()


def eu_imports_trend(aggregate: str = EU27):
    """EU gas imports by partner, one row per year 2011-2020.

    Columns: ``year``, ``total_twh`` (all imports, pipeline + LNG), ``from_russia_twh``,
    ``from_others_twh``, ``share_russia_pct`` (share of *imports*), ``lng_from_russia_twh``.
    ``aggregate`` is ``"EU27_2020"`` (default), ``"EU28"`` or ``"EA19"``.
    """
    from crisis_course import data

    g, out = _aggregate_years(data.gas_imports(), aggregate, "eu_imports_trend", " (try 'EU27_2020')")
    out["total_twh"] = g["gas_imports_total_twh"].round(1)
    out["from_russia_twh"] = g["gas_imports_from_russia_twh"].round(1)
    out["from_others_twh"] = (g["gas_imports_total_twh"] - g["gas_imports_from_russia_twh"]).round(1)
    out["share_russia_pct"] = g["share_of_gas_imports_from_russia_pct"].round(1)
    out["lng_from_russia_twh"] = (g["lng_imports_from_russia_tj"] / 3600).round(1)
    return out.reset_index(drop=True)



def eu_supply_trend(aggregate: str = EU27):
    """The EU's gas balance by year, 2011-2020, in TWh: ``production_twh``, ``imports_twh``,
    ``exports_twh``, ``consumption_twh`` (gross inland consumption) and ``import_dependency_pct``.

    The aggregate sums member states, so ``imports`` and ``exports`` include gas traded between
    them; the net figure (imports - exports) is what comes from outside.
    """
    from crisis_course import data

    b, out = _aggregate_years(data.gas_balance(), aggregate, "eu_supply_trend")
    out["production_twh"] = b["production_twh"].round(0)
    out["imports_twh"] = b["imports_twh"].round(0)
    out["exports_twh"] = b["exports_twh"].round(0)
    out["consumption_twh"] = b["gross_inland_consumption_twh"].round(0)
    out["import_dependency_pct"] = b["import_dependency_pct"].round(1)
    return out.reset_index(drop=True)


# ------------------------------------------------------------------ dependence table ----

def dependence_table(year: int = 2020, min_imports_twh: float = 1.0, include_aggregates: bool = False):
    """Dependence on Russian gas for one year, one row per reporting country, highest share first.

    Columns: ``country``, ``iso_a3``, ``imports_twh``, ``from_russia_twh``,
    ``share_of_imports_pct`` (share of imports from Russia), ``consumption_twh`` (gross inland
    consumption), ``import_dependency_pct`` (net imports / consumption),
    ``russia_share_of_consumption_pct`` (imports from Russia / consumption; approximate, see the
    module notes) and ``caveat`` (text, empty when none).

    Reporters whose total imports are below ``min_imports_twh`` are left out: a share of almost
    nothing (Norway imported 0.4 TWh in 2020) says nothing about dependence.
    """
    import pandas as pd

    from crisis_course import data

    if year not in YEARS:
        raise ValueError(f"dependence_table: year must be between {YEARS[0]} and {YEARS[-1]} (got {year})")
    g = data.gas_imports()
    b = data.gas_balance()
    g = g[g["year"] == year]
    b = b[b["year"] == year][["iso_a3", "gross_inland_consumption_twh", "import_dependency_pct"]]
    if not include_aggregates:
        g = g[~g["is_aggregate"]]
    g = g[g["gas_imports_total_twh"] >= min_imports_twh]
    t = g.merge(b, on="iso_a3", how="left")
    out = pd.DataFrame({
        "country": t["country"].astype(str),
        "iso_a3": t["iso_a3"].astype(str),
        "imports_twh": t["gas_imports_total_twh"].round(1),
        "from_russia_twh": t["gas_imports_from_russia_twh"].round(1),
        "share_of_imports_pct": t["share_of_gas_imports_from_russia_pct"].round(1),
        "consumption_twh": t["gross_inland_consumption_twh"].round(1),
        "import_dependency_pct": t["import_dependency_pct"].round(1),
    })
    cons = t["gross_inland_consumption_twh"].where(t["gross_inland_consumption_twh"] > 0)
    out["russia_share_of_consumption_pct"] = (100 * t["gas_imports_from_russia_twh"] / cons).round(1).values
    out["caveat"] = [caveat_for(iso, year) for iso in out["iso_a3"]]
    out = out.sort_values(["share_of_imports_pct", "imports_twh"], ascending=[False, False])
    return out.reset_index(drop=True)


def eu_headline(year: int = 2020) -> dict:
    """The EU27 measures of dependence on Russian gas for ``year``, computed from the course data.

    Keys: ``year``; ``from_russia_twh`` (imports with partner Russia, summed over the members'
    reports); ``consumption_twh`` (EU27 gross inland consumption); ``imports_twh`` (all imports
    the members report, *including gas bought from other member states*);
    ``share_of_consumption_pct`` = from_russia / consumption: the course's headline measure
    ("Russian gas as a share of the gas the EU used"; approximate: re-exports, storage and gas
    recorded under a neighbour are not corrected); ``share_of_member_imports_pct`` =
    from_russia / imports (counts intra-EU trade in the denominator, so it is lower than the
    share of imports from outside the EU).
    """
    from crisis_course import data

    g = data.gas_imports()
    b = data.gas_balance()
    gi = g[(g["iso_a3"] == EU27) & (g["year"] == year)]
    bi = b[(b["iso_a3"] == EU27) & (b["year"] == year)]
    if gi.empty or bi.empty:
        raise ValueError(f"eu_headline: no EU27 data for {year}")
    ru = float(gi["gas_imports_from_russia_twh"].iloc[0])
    cons = float(bi["gross_inland_consumption_twh"].iloc[0])
    imp = float(gi["gas_imports_total_twh"].iloc[0])
    return {
        "year": year,
        "from_russia_twh": round(ru, 1),
        "consumption_twh": round(cons, 1),
        "imports_twh": round(imp, 1),
        "share_of_consumption_pct": round(100 * ru / cons, 1),
        "share_of_member_imports_pct": round(100 * ru / imp, 1),
    }


def _eu_share(year: int) -> float:
    from crisis_course import data

    g = data.gas_imports()
    row = g[(g["iso_a3"] == EU27) & (g["year"] == year)]
    return float(row["share_of_gas_imports_from_russia_pct"].iloc[0])


# ------------------------------------------------------- imports versus consumption ----

def imports_vs_consumption(year: int = 2020, countries=("ROU", "ITA", "POL", EU27)):
    """The three measures of dependence side by side for a few reporters (worked example).

    Columns: ``country``, ``iso_a3``, ``production_twh``, ``imports_twh``, ``exports_twh``,
    ``consumption_twh``, ``from_russia_twh``, ``share_of_imports_pct``,
    ``import_dependency_pct``, ``russia_share_of_consumption_pct``. Rows in the order given.
    """
    import pandas as pd

    from crisis_course import data

    g = data.gas_imports()
    b = data.gas_balance()
    g = g[g["year"] == year]
    b = b[b["year"] == year]
    rows = []
    for iso in countries:
        gi = g[g["iso_a3"] == iso]
        bi = b[b["iso_a3"] == iso]
        if gi.empty or bi.empty:
            raise ValueError(f"imports_vs_consumption: no {year} data for {iso!r}")
        gi, bi = gi.iloc[0], bi.iloc[0]
        cons = float(bi["gross_inland_consumption_twh"])
        rows.append({
            "country": "EU27" if iso == EU27 else str(gi["country"]),
            "iso_a3": iso,
            "production_twh": round(float(bi["production_twh"]), 1),
            "imports_twh": round(float(bi["imports_twh"]), 1),
            "exports_twh": round(float(bi["exports_twh"]), 1),
            "consumption_twh": round(cons, 1),
            "from_russia_twh": round(float(gi["gas_imports_from_russia_twh"]), 1),
            "share_of_imports_pct": round(float(gi["share_of_gas_imports_from_russia_pct"]), 1),
            "import_dependency_pct": round(float(bi["import_dependency_pct"]), 1),
            "russia_share_of_consumption_pct": round(100 * float(gi["gas_imports_from_russia_twh"]) / cons, 1),
        })
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- prices ----

def price_table(start: int = 2000, end: int = 2020, benchmarks=("TTF (Netherlands)", "Henry Hub (US)",
                                                              "JKM (LNG, Japan-Korea)", "German import price")):
    """Annual average gas prices, US$ per million Btu, one column per benchmark, one row per year.

    Benchmark names: see ``_BENCHMARKS`` keys ("TTF (Netherlands)", "NBP (UK)",
    "German import price", "Henry Hub (US)", "LNG Japan CIF", "JKM (LNG, Japan-Korea)").
    The source ends in 2020: the 2021 price spike is not in this table.
    """
    from crisis_course import data

    unknown = [b for b in benchmarks if b not in _BENCHMARKS]
    if unknown:
        raise ValueError(f"price_table: unknown benchmark(s) {unknown}; choose from {list(_BENCHMARKS)}")
    p = data.gas_prices()
    p = p[(p["year"] >= start) & (p["year"] <= end)]
    wide = p.pivot_table(index="year", columns="benchmark", values="price_usd_per_mmbtu")
    wide = wide[[_BENCHMARKS[b] for b in benchmarks]]
    wide.columns = list(benchmarks)
    return wide.round(2)



# ------------------------------------------------------------------------ economies ----

def economy_table(year: int = 2020, countries=_ECONOMY_DEFAULT):
    """Population and GDP side by side for ``year`` (World Bank WDI, current US$).

    Columns: ``country``, ``iso_a3``, ``population_m`` (millions), ``gdp_usd_bn`` (billions of
    current US$), ``gdp_per_capita_usd``, ``gdp_vs_russia`` (GDP as a multiple of Russia's).
    Rows in the order given. ``EUU`` is the European Union (27 members).
    """
    import pandas as pd

    from crisis_course import data

    p = data.population_gdp()
    p = p[p["year"] == year].set_index("iso_a3")
    missing = [c for c in countries if c not in p.index]
    if missing:
        raise ValueError(f"economy_table: no {year} data for {missing}")
    rus_gdp = float(p.loc["RUS", "gdp_current_usd"]) if "RUS" in p.index else float("nan")
    rows = []
    for iso in countries:
        r = p.loc[iso]
        rows.append({
            "country": _SHORT_NAMES.get(iso, str(r["country"])),
            "iso_a3": iso,
            "population_m": round(float(r["population"]) / 1e6, 1),
            "gdp_usd_bn": round(float(r["gdp_current_usd"]) / 1e9, 0),
            "gdp_per_capita_usd": round(float(r["gdp_per_capita_current_usd"]), -1),
            "gdp_vs_russia": round(float(r["gdp_current_usd"]) / rus_gdp, 2),
        })
    return pd.DataFrame(rows)
