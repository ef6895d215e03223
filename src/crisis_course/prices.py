"""Monthly prices for two arguments the lessons make.

- Lesson 6, "the 2021 price spike": :func:`gas_price_chart` draws European and US gas prices month
  by month (World Bank Pink Sheet) up to November 2021, the last whole month before the cutoff;
  December 2021's average includes the record of 21 December, so it is left out and said so.
- Lesson 5, "did sanctions sink the rouble?": :func:`oil_rouble_chart` puts the Brent oil price
  beside the rouble's dollar rate, 2013-2016, with the sanctions steps marked: the confounder the
  lesson argues about.

Each chart has a matching ``*_alt_text()`` computed from the same data, so the text for screen
readers cannot drift from the picture. Both use :func:`slide_style` sizes (text at least 13 pt).
"""
from __future__ import annotations

from functools import partial

from . import data, figure_cache

__all__ = ["gas_monthly", "gas_price_chart", "gas_price_alt_text", "oil_rouble", "oil_rouble_chart",
           "oil_rouble_alt_text", "LAST_MONTH_BEFORE_CUTOFF", "SANCTION_STEPS"]

#: The last whole month before the knowledge cutoff (7 December 2021).
LAST_MONTH_BEFORE_CUTOFF = "2021-11"

#: Sanctions steps of 2014 marked on the oil-and-rouble chart (month, label); sources in lesson 5.
SANCTION_STEPS = [
    ("2014-03", "first EU/US sanctions\n(Crimea, individuals)"),
    ("2014-07", "sectoral sanctions\n(finance, oil technology)"),
]

#: Where the notebook layout writes the "December 2021 left out" note (axes fraction x, y, ha, va):
#: under the legend, where no line runs before 2018 (at the bottom right, 0.99, 0.02, it lay on both
#: lines); the slide layout puts it under the title.
_NOTEBOOK_NOTE_AT = (0.01, 0.6, "left", "top")

_EUROPE, _US, _BRENT = "Natural gas, Europe", "Natural gas, US (Henry Hub)", "Crude oil, Brent"
_FONT = 13


def _month_index(months):
    import pandas as pd

    return pd.to_datetime(months + "-15")


def gas_monthly(start: str = "2015-04", end: str = LAST_MONTH_BEFORE_CUTOFF):
    """Europe and US gas prices per month (US$/MMBtu), wide: columns ``month``, ``europe``, ``us``.

    Starts in April 2015 by default, when the World Bank's Europe series became the Dutch TTF hub
    price (before, it was an oil-indexed import price: README_prices_worldbank.md)."""
    df = data.prices_monthly()
    df = df[(df["month"] >= start) & (df["month"] <= end)]
    wide = df.pivot(index="month", columns="series", values="value").reset_index()
    wide = wide.rename(columns={_EUROPE: "europe", _US: "us", _BRENT: "brent"})
    return wide[["month", "europe", "us"]].reset_index(drop=True)


def _fmt_month(month: str) -> str:
    import calendar

    year, mon = month.split("-")
    return f"{calendar.month_name[int(mon)]} {year}"


def _check_layout(layout: str) -> None:
    if layout not in ("notebook", "slide"):
        raise ValueError(f"layout must be 'notebook' or 'slide', not {layout!r}")


@figure_cache.chart
def gas_price_chart(start: str = "2015-04", layout: str = "notebook"):
    """Line chart of monthly gas prices, Europe (TTF) and US (Henry Hub), to November 2021.

    The note that December 2021 is left out sits under the legend, clear of the lines (the notebook
    layout) or under the title (``layout="slide"``: the same lines, labels and note on the 900x450
    slide canvas); the notebook's figure carries the slide drawing for exports."""
    import matplotlib.pyplot as plt

    from .figures import PALETTE, SLIDE_DPI, SLIDE_FIGSIZE, for_slides

    _check_layout(layout)
    slide = layout == "slide"
    font = 12 if slide else _FONT
    df = gas_monthly(start)
    when = _month_index(df["month"].astype(str))
    if slide:
        fig = plt.figure(figsize=SLIDE_FIGSIZE, dpi=SLIDE_DPI)
        ax = fig.add_axes((0.12, 0.12, 0.86, 0.66))
    else:
        fig, ax = plt.subplots(figsize=(11, 5.2))
    ax.plot(when, df["europe"], color=PALETTE["blue"], lw=2.5, label="Europe (Dutch TTF hub)")
    ax.plot(when, df["us"], color=PALETTE["orange"], lw=2.5, ls="--", label="United States (Henry Hub)")
    import pandas as pd

    peak = int(df["europe"].idxmax())
    for i, dy in ((peak, 0.0), (len(df) - 1, -4.5)):
        row = df.iloc[i]
        ax.annotate(f"{_fmt_month(str(row['month']))}: {row['europe']:.1f} dollars",
                    (when.iloc[i], row["europe"]), xytext=(pd.Timestamp("2018-09-01"), row["europe"] + dy),
                    textcoords="data", fontsize=font, color=PALETTE["blue"], va="center",
                    arrowprops=dict(arrowstyle="->", color=PALETTE["blue"]))
    ax.set_ylabel("US dollars per million British thermal units" if not slide else
                  "US$ per million British\nthermal units", fontsize=font)
    ax.tick_params(labelsize=font)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=font, loc="upper left", frameon=False)
    note = "December 2021 left out: its average includes days after 7 December"
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if slide:  # the note under the title, clear of the lines
        ax.set_yticks(range(5, int(df[["europe", "us"]].max().max()) + 1, 5))
        fig.text(0.01, 0.97, "Monthly average gas prices, April 2015 to November 2021", fontsize=14, va="top")
        fig.text(0.01, 0.895, note, fontsize=11, va="top", color="#333333")
        return fig
    ax.set_title("Monthly average gas prices, April 2015 to November 2021", fontsize=_FONT + 2)
    x, y, ha, va = _NOTEBOOK_NOTE_AT
    ax.text(x, y, note, transform=ax.transAxes, ha=ha, va=va, fontsize=_FONT - 2, color="#333333")
    fig.tight_layout()
    return for_slides(fig, partial(gas_price_chart, start, layout="slide"))


def gas_price_alt_text(start: str = "2015-04") -> str:
    df = gas_monthly(start)
    eu = df.set_index("month")["europe"]
    us = df.set_index("month")["us"]
    low_month = eu.idxmin()
    y2020 = eu[[m for m in eu.index if m.startswith("2020")]]
    before = eu[[m for m in eu.index if m < "2020"]]
    return (f"Line chart of monthly average gas prices from {_fmt_month(df['month'].iloc[0])} to "
            f"{_fmt_month(df['month'].iloc[-1])}, in US dollars per million British thermal units. "
            f"The European (Dutch TTF) price mostly stays between {before.quantile(0.1):.0f} and "
            f"{before.quantile(0.9):.0f} dollars until 2020, falls to a low of {eu.min():.1f} in "
            f"{_fmt_month(low_month)} (2020 average {y2020.mean():.1f}), then climbs through 2021 to "
            f"{eu.max():.1f} in {_fmt_month(eu.idxmax())} and {eu.iloc[-1]:.1f} in "
            f"{_fmt_month(eu.index[-1])}. The US Henry Hub price stays between {us.min():.1f} and "
            f"{us.max():.1f} dollars throughout. December 2021 is left out because its average "
            "includes days after the course's cutoff of 7 December 2021.")


def oil_rouble(start: str = "2013-01", end: str = "2016-12"):
    """Brent (US$/barrel) and roubles per dollar per month: columns ``month``, ``brent``, ``rub_per_usd``."""
    prices = data.prices_monthly()
    brent = prices[prices["series"] == _BRENT][["month", "value"]].rename(columns={"value": "brent"})
    rub = data.rouble_per_dollar()[["month", "rub_per_usd"]]
    df = brent.merge(rub, on="month", how="inner")
    df = df[(df["month"] >= start) & (df["month"] <= end)]
    return df.reset_index(drop=True)


@figure_cache.chart
def oil_rouble_chart(layout: str = "notebook"):
    """Two panels sharing the time axis: Brent oil price (top) and roubles per dollar (bottom,
    axis inverted so that down means a weaker rouble), with the 2014 sanctions steps marked.

    ``layout="slide"``: :func:`_oil_rouble_slide`; the notebook's figure carries it for exports."""
    import matplotlib.pyplot as plt
    import pandas as pd

    from .figures import PALETTE, for_slides

    _check_layout(layout)
    if layout == "slide":
        return _oil_rouble_slide()
    df = oil_rouble()
    when = _month_index(df["month"].astype(str))
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 6.4), sharex=True)
    top.plot(when, df["brent"], color=PALETTE["black"], lw=2.5)
    top.set_ylabel("Brent oil,\nUS$ per barrel", fontsize=_FONT)
    bottom.plot(when, df["rub_per_usd"], color=PALETTE["vermillion"], lw=2.5)
    bottom.set_ylabel("Roubles per\nUS dollar", fontsize=_FONT)
    bottom.invert_yaxis()
    bottom.text(0.01, 0.05, "axis upside down: lower line = weaker rouble", transform=bottom.transAxes,
                fontsize=_FONT - 2, color="#333333")
    for (month, label), (ha, y) in zip(SANCTION_STEPS, (("right", 0.30), ("left", 0.05))):
        x = pd.Timestamp(month + "-01")
        for ax in (top, bottom):
            ax.axvline(x, color=PALETTE["blue"], ls=":", lw=2)
        pad = " " if ha == "left" else ""
        top.text(x, top.get_ylim()[0] + y * (top.get_ylim()[1] - top.get_ylim()[0]),
                 (pad + label.replace("\n", "\n" + pad)) if ha == "left" else label.replace("\n", " \n") + " ",
                 fontsize=_FONT - 2, color=PALETTE["blue"], va="bottom", ha=ha)
    import matplotlib.dates as mdates

    bottom.xaxis.set_major_locator(mdates.YearLocator())
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    for ax in (top, bottom):
        ax.tick_params(labelsize=_FONT)
        ax.grid(axis="y", alpha=0.3)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    top.set_title("Oil price and the rouble, 2013-2016 (monthly averages)", fontsize=_FONT + 2)
    fig.tight_layout()
    return for_slides(fig, partial(oil_rouble_chart, layout="slide"))


def _oil_rouble_slide():
    """:func:`oil_rouble_chart` on the 900x450 slide canvas: the same two panels, lines and dotted
    sanctions lines; the two sanctions labels in a row above the panels (no line runs through
    them) and "upside down: lower = weaker rouble" in the rouble axis's label."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import pandas as pd

    from .figures import PALETTE, SLIDE_DPI, SLIDE_FIGSIZE

    df = oil_rouble()
    when = _month_index(df["month"].astype(str))
    fig = plt.figure(figsize=SLIDE_FIGSIZE, dpi=SLIDE_DPI)
    top = fig.add_axes((0.19, 0.48, 0.79, 0.28))
    bottom = fig.add_axes((0.19, 0.08, 0.79, 0.32), sharex=top)
    top.plot(when, df["brent"], color=PALETTE["black"], lw=2.5)
    top.set_ylabel("Brent oil,\nUS$ per barrel", fontsize=12)
    bottom.plot(when, df["rub_per_usd"], color=PALETTE["vermillion"], lw=2.5)
    bottom.set_ylabel("Roubles per US$\n(upside down:\nlower = weaker)", fontsize=12)
    bottom.invert_yaxis()
    for (month, label), ha in zip(SANCTION_STEPS, ("right", "left")):
        x = pd.Timestamp(month + "-01")
        for ax in (top, bottom):
            ax.axvline(x, color=PALETTE["blue"], ls=":", lw=2)
        top.annotate(label, xy=(x, 1.0), xycoords=("data", "axes fraction"), xytext=(-4 if ha == "right" else 4, 2),
                     textcoords="offset points", fontsize=11, color=PALETTE["blue"], va="bottom", ha=ha,
                     annotation_clip=False)
    top.tick_params(labelbottom=False)
    bottom.xaxis.set_major_locator(mdates.YearLocator())
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    for ax in (top, bottom):
        ax.tick_params(labelsize=12)
        ax.grid(axis="y", alpha=0.3)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    fig.text(0.01, 0.97, "Oil price and the rouble, 2013-2016 (monthly averages)", fontsize=14, va="top")
    return fig


def oil_rouble_alt_text() -> str:
    df = oil_rouble().set_index("month")
    b, r = df["brent"], df["rub_per_usd"]
    return (f"Two line charts, one above the other, January 2013 to December 2016. Top: the Brent oil "
            f"price, about {b['2013-01':'2014-06'].mean():.0f} dollars a barrel until mid-2014, then falling "
            f"to {b['2015-01']:.0f} in January 2015 and a low of {b.min():.0f} in {_fmt_month(b.idxmin())}. "
            f"Bottom: roubles per US dollar, {r['2014-01']:.0f} in January 2014, {r['2014-12']:.0f} in "
            f"December 2014 and a peak of {r.max():.0f} in {_fmt_month(r.idxmax())}. Dotted lines mark the first "
            "sanctions (March 2014) and the sectoral sanctions (July 2014): the rouble's steepest fall comes "
            "in late 2014, when the oil price was falling fastest, months after both sanctions steps.")

#: Source lines for the figures (the datasets' attribution).
SOURCE_GAS = data.ATTRIBUTION["pinksheet"]
SOURCE_OIL_ROUBLE = data.ATTRIBUTION["pinksheet"] + " " + data.ATTRIBUTION["gem"]
