"""A small bargaining model of war and coercion (lesson 7), with a figure and a slider explorer.

The model is the textbook "bargaining model of war" (James D. Fearon, "Rationalist Explanations
for War", *International Organization* 49(3), 1995), cut down to five numbers so that a student
can move sliders and read what happens. It is a thinking tool, not a forecast: the numbers are
illustrative and nobody can measure them for a real crisis.

The set-up
----------
Two sides dispute one stake, drawn as a line from 0 to 1. A point ``x`` on the line is a possible
deal: the **challenger** (the side making demands and threatening force; in lesson 7, Russia) gets
the share ``x`` and the **defender** (the side being pressed; the West and Ukraine) keeps ``1 - x``.

``p``                  the probability that the challenger would win a war (0-1)
``cost_challenger``    what a war would cost the challenger, on the same 0-1 scale as the stake
``cost_defender``      what a war would cost the defender, on the same scale
``offer``              the deal on the table now (the status quo): the challenger's share
``credibility``        how likely the defender thinks it is (0-1) that the challenger would really
                       fight if the offer is not improved

What the model says
-------------------
* Going to war gives the challenger, on average, ``p - cost_challenger``; so it prefers any deal
  ``x >= p - cost_challenger`` to war (its **reservation point**).
* War gives the defender ``(1 - p) - cost_defender``; so it prefers any deal
  ``x <= p + cost_defender`` to war.
* Every deal between those two points is better for *both* sides than fighting: that interval is
  the **bargaining range**. Because war destroys value (``cost_challenger + cost_defender``), the
  range exists whenever war is costly; its width is the sum of the two costs.
* If the current ``offer`` already gives the challenger at least its reservation point, a threat
  to fight over it is a bluff: war would leave the challenger worse off.
* Otherwise the defender must improve the offer to avoid war. It does not know for sure that the
  threat is real (bluffers threaten too: Fearon's "incentives to misrepresent"). Refusing risks war
  with probability ``credibility``; conceding costs it for certain. The most it will concede is
  ``offer + credibility * (p + cost_defender - offer)``. If that does not reach the challenger's
  reservation point, bargaining fails although a peaceful deal both prefer exists: **war risk**.

Functions
---------
:func:`analyse` computes all of this and returns a :class:`Result`; :func:`explain` turns a result
into plain sentences; :func:`plot` draws the stake line with the bargaining range;
:func:`plot_credibility` shows how the defender's concession grows with credibility;
:func:`explorer` returns an ipywidgets interface (sliders, figure, explanation) that recomputes
whenever a slider moves, and shows a static copy when the notebook is exported without a kernel.
"""
from __future__ import annotations

import html as _html
import os
from dataclasses import asdict, dataclass

from . import figure_cache
from .theme import EXPLORER_CSS, slider_names

__all__ = [
    "Result",
    "DEFAULTS",
    "analyse",
    "explain",
    "describe",
    "plot",
    "plot_credibility",
    "explorer",
    "BargainingExplorer",
]

#: Illustrative starting values used by the lesson and the explorer (not estimates of anything).
DEFAULTS = {
    "p": 0.6,
    "cost_challenger": 0.2,
    "cost_defender": 0.15,
    "offer": 0.3,
    "credibility": 0.5,
}

_LABELS = {
    "p": "Chance the challenger wins a war",
    "cost_challenger": "Challenger's cost of war",
    "cost_defender": "Defender's cost of war",
    "offer": "Current offer (challenger's share)",
    "credibility": "Credibility of the threat",
}

# Outcome codes
STATUS_QUO = "status_quo_holds"
DEAL = "deal"
WAR_RISK = "war_risk"


@dataclass(frozen=True)
class Result:
    """Everything :func:`analyse` works out for one set of inputs (all shares of the stake, 0-1)."""

    p: float
    cost_challenger: float
    cost_defender: float
    offer: float
    credibility: float
    challenger_war_value: float   # p - cost_challenger: what war is worth to the challenger
    defender_war_value: float     # (1 - p) - cost_defender: what war is worth to the defender
    range_low: float              # lowest deal the challenger prefers to war (clipped to 0-1)
    range_high: float             # highest deal the defender prefers to war (clipped to 0-1)
    range_exists: bool            # is there any deal both prefer to war?
    range_width: float            # range_high - range_low (0 if none)
    offer_in_range: bool          # does the current offer lie inside the bargaining range?
    challenger_accepts_offer: bool  # does the challenger prefer the current offer to war?
    defender_max_concession: float  # the most the defender will give, given its belief
    outcome: str                  # "status_quo_holds", "deal" or "war_risk"
    predicted_deal: float | None  # the deal the model expects, or None when war is the risk

    def as_dict(self) -> dict:
        return asdict(self)


def _check(name: str, value: float) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number between 0 and 1, got {value!r}") from None
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1, got {value}")
    return value


def analyse(p: float = DEFAULTS["p"], cost_challenger: float = DEFAULTS["cost_challenger"],
            cost_defender: float = DEFAULTS["cost_defender"], offer: float = DEFAULTS["offer"],
            credibility: float = DEFAULTS["credibility"]) -> Result:
    """Work out the bargaining range and the likely outcome. All inputs are between 0 and 1.

    >>> r = analyse(p=0.5, cost_challenger=0.2, cost_defender=0.1, offer=0.4, credibility=1)
    >>> (round(r.range_low, 2), round(r.range_high, 2), r.outcome)
    (0.3, 0.6, 'status_quo_holds')
    """
    p = _check("p", p)
    c_ch = _check("cost_challenger", cost_challenger)
    c_de = _check("cost_defender", cost_defender)
    offer = _check("offer", offer)
    q = _check("credibility", credibility)

    ch_war = p - c_ch                   # the challenger's expected value of war
    de_war = (1.0 - p) - c_de           # the defender's expected value of war
    low_raw, high_raw = ch_war, p + c_de  # challenger wants x >= low; defender wants x <= high
    low, high = max(0.0, low_raw), min(1.0, high_raw)
    exists = low <= high
    width = max(0.0, high - low) if exists else 0.0
    eps = 1e-12
    ch_accepts = offer >= low_raw - eps
    in_range = exists and (low - eps <= offer <= high + eps)

    # What the defender will concede when it doubts the threat: refusing risks war with
    # probability q, conceding costs for certain. It concedes up to m where
    # 1 - m = q * de_war + (1 - q) * (1 - offer)  =>  m = offer + q * (p + c_de - offer).
    max_concession = min(1.0, max(offer, offer + q * (high_raw - offer)))

    if ch_accepts:
        outcome, deal = STATUS_QUO, offer
    elif exists and max_concession >= low - eps:
        # The defender moves just far enough: to the challenger's reservation point.
        outcome, deal = DEAL, low
    else:
        outcome, deal = WAR_RISK, None

    return Result(p=p, cost_challenger=c_ch, cost_defender=c_de, offer=offer, credibility=q,
                  challenger_war_value=ch_war, defender_war_value=de_war, range_low=low,
                  range_high=high, range_exists=exists, range_width=width, offer_in_range=in_range,
                  challenger_accepts_offer=ch_accepts, defender_max_concession=max_concession,
                  outcome=outcome, predicted_deal=deal)


def _pct(x: float) -> str:
    return f"{round(100 * x):d}%"


def explain(result: Result | None = None, **inputs) -> str:
    """Explain a result in plain English (a few short paragraphs, no formulas).

    Pass a :class:`Result`, or the inputs of :func:`analyse` as keywords.
    """
    r = result if result is not None else analyse(**inputs)
    lines = []
    lines.append(
        f"A war would give the challenger {_pct(r.p)} of the stake on average (its chance of "
        f"winning) minus its cost of {_pct(r.cost_challenger)}, so war is worth "
        f"{_pct(r.challenger_war_value)} to it. The challenger prefers any deal that gives it at "
        f"least {_pct(r.range_low)} to fighting.")
    lines.append(
        f"The defender expects to keep {_pct(1 - r.p)} in a war minus its cost of "
        f"{_pct(r.cost_defender)}, so it prefers any deal that gives the challenger at most "
        f"{_pct(r.range_high)}.")
    if r.range_exists and r.range_width > 0:
        why = ("because war destroys that much value (the two costs added together)"
               if abs(r.range_width - (r.cost_challenger + r.cost_defender)) < 1e-9 else
               "(the two costs added together, cut off where the line ends at 0% or 100%)")
        lines.append(
            f"A bargaining range exists: every deal from {_pct(r.range_low)} to {_pct(r.range_high)} "
            f"is better for both sides than war. It is {round(100 * r.range_width)} percentage "
            f"points wide {why}.")
    elif r.range_exists and r.cost_challenger + r.cost_defender == 0:
        lines.append(
            f"War costs nothing in this setting, so the bargaining range shrinks to a single "
            f"point ({_pct(r.range_low)}): the deal that mirrors the expected result of a war.")
    elif r.range_exists:
        lines.append(
            f"The bargaining range is squeezed to a single point ({_pct(r.range_low)}) at the end "
            f"of the line: only that deal is at least as good as war for both sides.")
    else:
        lines.append("No deal is better than war for both sides.")

    where = "inside" if r.offer_in_range else "outside"
    lines.append(f"The current offer gives the challenger {_pct(r.offer)}, which is {where} the "
                 f"bargaining range.")
    if r.outcome == STATUS_QUO:
        lines.append(
            "Outcome: the status quo holds. The challenger already gets at least as much from the "
            "current offer as it could expect from a war, so a threat to fight over it is a bluff - "
            "carrying it out would leave the challenger worse off.")
        if r.offer > r.range_high + 1e-12:
            lines.append(
                "Note: this offer gives the challenger more than the defender would lose in a "
                "war, so now it is the defender that would rather fight. The roles of challenger "
                "and defender would swap; the model in this lesson does not follow that case.")
    elif r.outcome == DEAL:
        lines.append(
            f"Outcome: a peaceful deal. The challenger would rather fight than accept the current "
            f"offer, and the defender believes the threat enough (credibility {_pct(r.credibility)}) "
            f"to raise its offer: it would go up to {_pct(r.defender_max_concession)}. The model "
            f"expects a deal at about {_pct(r.range_low)}, the least the challenger will take. "
            f"Coercion works here: the threat moves the deal without a war.")
    else:
        lines.append(
            f"Outcome: risk of war. The challenger would rather fight than accept the current "
            f"offer. Deals both sides prefer to war exist (from {_pct(r.range_low)} to "
            f"{_pct(r.range_high)}), but the defender thinks the threat is real only with "
            f"probability {_pct(r.credibility)}, so it will concede no more than "
            f"{_pct(r.defender_max_concession)}. Because bluffers make the same threats, a real "
            f"threat can be disbelieved: this is how private information and incentives to "
            f"misrepresent can lead to a war that both sides would have preferred to avoid.")
    return "\n\n".join(lines)


def _range_label(r: Result) -> str:
    """The words over the green mark: a range only when it is wider than a point."""
    return "bargaining range" if r.range_width > 0 else "one deal only"


def describe(result: Result) -> str:
    """A one-paragraph text description of :func:`plot`'s figure (its alt text)."""
    r = result
    outcome = {STATUS_QUO: "the status quo holds", DEAL: "a peaceful deal is expected",
               WAR_RISK: "bargaining fails and war is the risk"}[r.outcome]
    if r.range_exists and r.range_width > 0:
        shaded = (f"The shaded bargaining range runs from {_pct(r.range_low)} to {_pct(r.range_high)}: "
                  f"deals both sides prefer to war.")
    elif r.range_exists:
        shaded = (f"There is no range, only one deal, marked at {_pct(r.range_low)}, that both sides "
                  f"find at least as good as war.")
    else:
        shaded = "No deal is better than war for both sides, so no range is shaded."
    return (f"A horizontal line from 0 (everything to the defender) to 100% (everything to the "
            f"challenger). {shaded} The expected result of a war "
            f"is marked at {_pct(r.p)}, the current offer at {_pct(r.offer)}, and the most the "
            f"defender would concede, given how credible it finds the threat, at "
            f"{_pct(r.defender_max_concession)}. With these illustrative numbers {outcome}.")


@figure_cache.chart
def plot(p: float = DEFAULTS["p"], cost_challenger: float = DEFAULTS["cost_challenger"],
         cost_defender: float = DEFAULTS["cost_defender"], offer: float = DEFAULTS["offer"],
         credibility: float = DEFAULTS["credibility"], title: str = "", ax=None, layout: str = "notebook"):
    """Draw the stake line with the bargaining range, the war point and the current offer.

    Returns the matplotlib Figure (show it with ``figures.show(fig, alt=bargaining.describe(...))``).
    ``layout="slide"`` draws the same picture for a projector (:func:`_plot_slide`); the default
    layout's figure carries it for exports (``figures.for_slides``).
    """
    if layout == "slide":
        return _plot_slide(analyse(p, cost_challenger, cost_defender, offer, credibility), title)
    if layout != "notebook":
        raise ValueError(f"layout must be 'notebook' or 'slide', not {layout!r}")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    from .figures import PALETTE

    r = analyse(p, cost_challenger, cost_defender, offer, credibility)
    own_figure = ax is None
    if ax is None:
        fig, ax = plt.subplots(figsize=(9.5, 3.9))
    else:
        fig = ax.figure

    y = 0.0
    # the stake line
    ax.plot([0, 1], [y, y], color=PALETTE["black"], lw=2, zorder=2)
    for t in (0, 0.25, 0.5, 0.75, 1):
        ax.plot([t, t], [y - 0.04, y + 0.04], color=PALETTE["black"], lw=1, zorder=2)
        ax.text(t, y - 0.1, _pct(t), ha="center", va="top", fontsize=10)
    ax.text(0, y - 0.3, "all to the defender", ha="left", va="top", fontsize=10,
            color=PALETTE["blue"])
    ax.text(1, y - 0.3, "all to the challenger", ha="right", va="top", fontsize=10,
            color=PALETTE["vermillion"])

    # what each side prefers to war (arrows above the line)
    ya, yb = 0.62, 0.42
    ax.annotate("", xy=(1, ya), xytext=(r.range_low, ya),
                arrowprops=dict(arrowstyle="->", color=PALETTE["vermillion"], lw=2))
    ax.plot([r.range_low, r.range_low], [ya - 0.05, ya + 0.05], color=PALETTE["vermillion"], lw=2)
    ax.text(r.range_low, ya + 0.08, f"challenger prefers these deals to war (\u2265 {_pct(r.range_low)})",
            ha="left" if r.range_low < 0.55 else "right", va="bottom", fontsize=10,
            color=PALETTE["vermillion"])
    ax.annotate("", xy=(0, yb), xytext=(r.range_high, yb),
                arrowprops=dict(arrowstyle="->", color=PALETTE["blue"], lw=2))
    ax.plot([r.range_high, r.range_high], [yb - 0.05, yb + 0.05], color=PALETTE["blue"], lw=2)
    ax.text(r.range_high, yb - 0.07, f"defender prefers these deals to war (\u2264 {_pct(r.range_high)})",
            ha="right" if r.range_high > 0.45 else "left", va="top", fontsize=10,
            color=PALETTE["blue"])

    # the bargaining range
    if r.range_exists:
        ax.add_patch(Rectangle((r.range_low, y - 0.05), max(r.range_width, 0.004), 0.1,
                               facecolor=PALETTE["green"], alpha=0.45, edgecolor=PALETTE["green"],
                               zorder=1))
        ax.text(min(0.9, max(0.1, (r.range_low + r.range_high) / 2)), y + 0.1, _range_label(r),
                ha="center",
                va="bottom", fontsize=10, color=PALETTE["green"], fontweight="bold")

    # markers below the line
    _plot_markers(ax, r, y)
    ax.legend(handles=_marker_handles(r), loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=3,
              fontsize=10, frameon=False, handletextpad=0.3, columnspacing=1.2)

    verdict = {STATUS_QUO: "Outcome: status quo holds (the threat is a bluff)",
               DEAL: f"Outcome: peaceful deal at about {_pct(r.range_low)}",
               WAR_RISK: "Outcome: risk of war (the threat is disbelieved)"}[r.outcome]
    ax.set_title(title or verdict, fontsize=12, loc="left")
    ax.set_xlim(-0.04, 1.04)
    ax.set_ylim(-0.42, 0.85)
    ax.axis("off")
    fig.tight_layout()
    if own_figure:
        from functools import partial

        from .figures import for_slides

        fig = for_slides(fig, partial(plot, p, cost_challenger, cost_defender, offer, credibility, title,
                                      layout="slide"))
    return fig


def _verdict(r: Result) -> str:
    return {STATUS_QUO: "Outcome: status quo holds (the threat is a bluff)",
            DEAL: f"Outcome: peaceful deal at about {_pct(r.range_low)}",
            WAR_RISK: "Outcome: risk of war (the threat is disbelieved)"}[r.outcome]


#: Text sizes (points) of the stake line on a slide (at least ``figures.SLIDE_MIN_PT``): the
#: explorer's low picture, and the figure's own slide (the whole 900x450 slide box).
_SLIDE_SIZES = {"title": 13, "text": 11, "legend": 11}
_SLIDE_SIZES_FIGURE = {"title": 16, "text": 15, "legend": 15}
#: The explorer's slide picture's canvas in inches (900x220 px at figures.SLIDE_DPI): the full slide
#: width but low, so that in the explorer's export the picture and its explanation fit one slide
#: together. The figure on its own slide (``plot(..., layout="slide")``) uses figures.SLIDE_FIGSIZE.
SLIDE_FIGSIZE = (9.0, 2.2)


def _plot_markers(ax, r: Result, y: float, at=lambda share: share) -> None:
    """The stake line's three markers (war result, current offer, the defender's most), at ``y``;
    ``at`` turns a share into the axes' x coordinate (the slide layout draws in pixels)."""
    from .figures import PALETTE

    ax.plot([at(r.p)], [y], marker="X", ms=11, color=PALETTE["black"], zorder=4, linestyle="none")
    ax.plot([at(r.offer)], [y], marker="o", ms=10, color=PALETTE["orange"], markeredgecolor="black",
            zorder=5, linestyle="none")
    ax.plot([at(r.defender_max_concession)], [y], marker="v", ms=10, color=PALETTE["purple"],
            markeredgecolor="black", zorder=5, linestyle="none")


def _marker_handles(r: Result) -> list:
    """Legend entries for :func:`_plot_markers`, each with its value."""
    from matplotlib.lines import Line2D

    from .figures import PALETTE

    return [
        Line2D([], [], marker="X", color=PALETTE["black"], ls="none", ms=10,
               label=f"expected result of war ({_pct(r.p)})"),
        Line2D([], [], marker="o", color=PALETTE["orange"], markeredgecolor="black", ls="none",
               ms=9, label=f"current offer ({_pct(r.offer)})"),
        Line2D([], [], marker="v", color=PALETTE["purple"], markeredgecolor="black", ls="none",
               ms=9, label=f"most the defender will concede ({_pct(r.defender_max_concession)})"),
    ]


def _plot_slide(r: Result, title: str = "", low: bool = False):
    """:func:`plot` for a projector: the same stake line, arrows, range, markers, labels and legend,
    coordinates in pixels, every text at least ``figures.SLIDE_MIN_PT`` and inside the canvas.
    The figure's own slide fills the 900x450 slide box, text 15-16 pt ("all to the defender" and "all
    to the challenger" in a row under the line's percentages, the legend in two columns); ``low``
    (the explorer's picture, above its explanation) is 900x220 at 11-13 pt, the legend in one row and
    "all to ..." in the row of the percentages, beside 0% and 100%."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    from .figures import PALETTE, SLIDE_DPI, SLIDE_MIN_PT
    from .figures import SLIDE_FIGSIZE as FIGURE_FIGSIZE

    figsize = SLIDE_FIGSIZE if low else FIGURE_FIGSIZE
    sizes = {k: max(v, SLIDE_MIN_PT) for k, v in (_SLIDE_SIZES if low else _SLIDE_SIZES_FIGURE).items()}
    W, H = figsize[0] * SLIDE_DPI, figsize[1] * SLIDE_DPI
    M = 12  # margin: the PNG's tight bounding box adds 10 px around what is drawn
    fig = plt.figure(figsize=figsize, dpi=SLIDE_DPI)
    ax = fig.add_axes((M / W, M / H, 1 - 2 * M / W, 1 - 2 * M / H))
    ax.set_xlim(M, W - M)
    ax.set_ylim(H - M, M)  # y grows downwards, from the top of the canvas
    ax.axis("off")
    x0, x1 = M + 28, W - M - 28

    def x(share):
        return x0 + share * (x1 - x0)

    text = {"fontsize": sizes["text"]}
    ax.text(M, M, title or _verdict(r), ha="left", va="top", fontsize=sizes["title"])
    ya, yb, yline = (64, 86, 146) if low else (110, 160, 270)
    renderer = fig.canvas.get_renderer()

    def inside(label):
        """``label`` (x in canvas pixels) moved inside the canvas if its side of the mark would
        run past an edge: aligned the other way, else centred as far in as it must."""
        for ha in (label.get_ha(), "right" if label.get_ha() == "left" else "left", "center"):
            label.set_ha(ha)
            box = label.get_window_extent(renderer)
            if box.x0 >= M and box.x1 <= W - M:
                return
        label.set_x(min(max(label.get_position()[0], M + box.width / 2), W - M - box.width / 2))

    inside(ax.text(x(r.range_low), ya - 8, f"challenger prefers these deals to war (\u2265 {_pct(r.range_low)})",
                   ha="left" if r.range_low < 0.55 else "right", va="bottom", color=PALETTE["vermillion"],
                   **text))
    ax.annotate("", xy=(x(1), ya), xytext=(x(r.range_low), ya),
                arrowprops=dict(arrowstyle="->", color=PALETTE["vermillion"], lw=2))
    ax.plot([x(r.range_low)] * 2, [ya - 6, ya + 6], color=PALETTE["vermillion"], lw=2)
    ax.annotate("", xy=(x(0), yb), xytext=(x(r.range_high), yb),
                arrowprops=dict(arrowstyle="->", color=PALETTE["blue"], lw=2))
    ax.plot([x(r.range_high)] * 2, [yb - 6, yb + 6], color=PALETTE["blue"], lw=2)
    inside(ax.text(x(r.range_high), yb + 8, f"defender prefers these deals to war (\u2264 {_pct(r.range_high)})",
                   ha="right" if r.range_high > 0.45 else "left", va="top", color=PALETTE["blue"], **text))

    ax.plot([x(0), x(1)], [yline, yline], color=PALETTE["black"], lw=2, zorder=2)
    for t in (0, 0.25, 0.5, 0.75, 1):
        ax.plot([x(t)] * 2, [yline - 5, yline + 5], color=PALETTE["black"], lw=1, zorder=2)
        ax.text(x(t), yline + 10, _pct(t), ha="center", va="top", **text)
    if r.range_exists:
        ax.add_patch(Rectangle((x(r.range_low), yline - 6), max(x(r.range_high) - x(r.range_low), 3), 12,
                               facecolor=PALETTE["green"], alpha=0.45, edgecolor=PALETTE["green"], zorder=1))
        ax.text(x(min(0.9, max(0.1, (r.range_low + r.range_high) / 2))), yline - 9, _range_label(r),
                ha="center", va="bottom", color=PALETTE["green"], fontweight="bold", **text)
    (left, right), y_ends = ((x(0.035), x(0.965)), yline + 10) if low else ((x(0), x(1)), yline + 38)
    ax.text(left, y_ends, "all to the defender", ha="left", va="top", color=PALETTE["blue"], **text)
    ax.text(right, y_ends, "all to the challenger", ha="right", va="top", color=PALETTE["vermillion"], **text)
    _plot_markers(ax, r, yline, x)
    fig.legend(handles=_marker_handles(r), loc="lower center", bbox_to_anchor=(0.5, M / H), ncol=3 if low else 2,
               frameon=False, fontsize=sizes["legend"], borderaxespad=0, handletextpad=0.3, columnspacing=1.2)
    return fig


@figure_cache.chart
def plot_credibility(p: float = DEFAULTS["p"], cost_challenger: float = DEFAULTS["cost_challenger"],
                     cost_defender: float = DEFAULTS["cost_defender"],
                     offer: float = DEFAULTS["offer"], mark: float | None = None, title: str = "",
                     layout: str = "notebook"):
    """Line chart: the most the defender will concede as credibility goes from 0 to 1.

    Where the line crosses the challenger's reservation point, coercion starts to work; to the
    left of it, the model predicts a risk of war. ``mark`` adds a black dot at one credibility
    value (the current setting), with its own legend entry. ``layout="slide"`` draws the same
    lines, shading and legend on the 900x450 slide canvas, the legend beside the chart (the
    notebook's figure carries it for exports, ``figures.for_slides``).
    """
    import matplotlib.pyplot as plt

    from .figures import PALETTE, SLIDE_DPI, SLIDE_FIGSIZE, for_slides

    if layout not in ("notebook", "slide"):
        raise ValueError(f"layout must be 'notebook' or 'slide', not {layout!r}")
    slide = layout == "slide"
    sizes = {"text": 12, "label": 12, "tick": 12, "legend": 12, "title": 14} if slide else \
        {"text": 11, "label": 11, "tick": 10, "legend": 10, "title": 12}

    qs = [i / 100 for i in range(101)]
    conc = [analyse(p, cost_challenger, cost_defender, offer, q).defender_max_concession for q in qs]
    r = analyse(p, cost_challenger, cost_defender, offer, 1.0)
    if slide:
        fig = plt.figure(figsize=SLIDE_FIGSIZE, dpi=SLIDE_DPI)
        ax = fig.add_axes((0.1, 0.17, 0.48, 0.72))
    else:
        fig, ax = plt.subplots(figsize=(8, 4.2))
    ax.plot(qs, conc, color=PALETTE["purple"], lw=2.5, label="most the defender will concede")
    ax.axhline(r.range_low, color=PALETTE["vermillion"], lw=2, ls="--",
               label=f"least the challenger{chr(10) if slide else ' '}accepts ({_pct(r.range_low)})")
    ax.axhline(offer, color=PALETTE["orange"], lw=1.5, ls=":",
               label=f"current offer ({_pct(offer)})")
    threshold = None
    if r.challenger_accepts_offer:
        pass
    elif (r.range_high - offer) > 0:
        threshold = (r.range_low - offer) / (r.range_high - offer)
        if 0 <= threshold <= 1:
            ax.axvspan(0, threshold, color=PALETTE["grey"], alpha=0.18, lw=0)
            ax.text(threshold / 2, 0.97, "war risk", ha="center", va="top", fontsize=sizes["text"],
                    transform=ax.get_xaxis_transform())
            ax.text((1 + threshold) / 2, 0.97, "deal", ha="center", va="top", fontsize=sizes["text"],
                    transform=ax.get_xaxis_transform())
    if mark is not None:
        m = analyse(p, cost_challenger, cost_defender, offer, mark)
        ax.plot([mark], [m.defender_max_concession], "o", ms=9, color=PALETTE["black"],
                linestyle="none",
                label=(f"current setting: credibility {_pct(mark)},{chr(10) if slide else ' '}"
                       f"concession up to {_pct(m.defender_max_concession)}"))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("Credibility: how likely the defender\nthinks the threat is real" if slide else
                  "Credibility: how likely the defender thinks the threat is real", fontsize=sizes["label"],
                  labelpad=8 if slide else None)
    ax.set_ylabel("Challenger's share of the stake", fontsize=sizes["label"])
    ax.xaxis.set_major_formatter(lambda v, _: _pct(v))
    ax.yaxis.set_major_formatter(lambda v, _: _pct(v))
    ax.tick_params(labelsize=sizes["tick"])
    if slide:  # the legend beside the chart, one entry under another
        ax.legend(fontsize=sizes["legend"], loc="center left", bbox_to_anchor=(1.03, 0.5), frameon=False,
                  labelspacing=1.0)
    else:
        # a white legend box, so the 30% offer line does not run through the legend text
        ax.legend(fontsize=10, loc="lower right", frameon=True, facecolor="white", edgecolor="none",
                  framealpha=0.95)
    ax.set_title(title or "A more credible threat buys a bigger concession", fontsize=sizes["title"],
                 loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig._crisis_threshold = threshold  # used by the alt text helper below
    if slide:
        return fig
    fig.tight_layout()
    from functools import partial

    return for_slides(fig, partial(plot_credibility, p, cost_challenger, cost_defender, offer, mark, title,
                                   layout="slide"))


def describe_credibility(p: float = DEFAULTS["p"], cost_challenger: float = DEFAULTS["cost_challenger"],
                         cost_defender: float = DEFAULTS["cost_defender"],
                         offer: float = DEFAULTS["offer"], mark: float | None = None) -> str:
    """Alt text for :func:`plot_credibility` with the same inputs (including ``mark``)."""
    r = analyse(p, cost_challenger, cost_defender, offer, 1.0)
    text = (f"A line chart. The horizontal axis is credibility from 0 to 100%; the rising line is "
            f"the most the defender will concede, from the current offer of {_pct(offer)} at zero "
            f"credibility to {_pct(r.range_high)} at full credibility. A dashed line marks the "
            f"least the challenger will accept, {_pct(r.range_low)}.")
    if mark is not None:
        m = analyse(p, cost_challenger, cost_defender, offer, mark)
        text += (f" A black dot marks the current setting: at a credibility of {_pct(mark)} the "
                 f"defender would concede up to {_pct(m.defender_max_concession)}.")
    if r.challenger_accepts_offer:
        return text + " The current offer already satisfies the challenger, so no threat is needed."
    if r.range_high > offer:
        t = (r.range_low - offer) / (r.range_high - offer)
        if 0 <= t <= 1:
            return text + (f" The lines cross at a credibility of about {_pct(t)}: below it the "
                           f"model predicts a risk of war, above it a peaceful deal.")
    return text + " The lines never cross: no level of credibility produces a deal."


def _explanation_html(text: str) -> str:
    paras = "".join(f"<p style='margin:0.3em 0'>{_html.escape(p)}</p>" for p in text.split("\n\n"))
    return (f"<div class='bargaining-explanation crisis-explorer-text' role='status' aria-live='polite'>"
            f"{paras}</div>")


def _explorer_figure(result: Result):
    """The explorer's picture: :func:`plot`'s figure, drawn for slides on the low canvas (the
    explanation goes under it on the same slide)."""
    from functools import partial

    from .figures import for_slides

    fig = plot(result.p, result.cost_challenger, result.cost_defender, result.offer, result.credibility)
    return for_slides(fig, partial(_plot_slide, result, low=True))


def _figure_html(result: Result) -> str:
    from .figures import to_html

    return to_html(_explorer_figure(result), alt=describe(result), dpi=100)


try:  # ipywidgets is a dependency of the course, but keep the module importable without it
    import ipywidgets as _widgets
except ImportError:  # pragma: no cover
    _widgets = None


if _widgets is not None:

    class BargainingExplorer(_widgets.VBox):
        """Sliders for the five inputs, the figure and a plain-language explanation.

        Moving a slider recomputes :attr:`result`, redraws the figure and rewrites the
        explanation. When the notebook is exported without a kernel (HTML, slides, PDF), the
        ``text/html`` part of the display shows the figure and explanation for the values that
        were set when it was last displayed.
        """

        def __init__(self, **values):
            vals = {**DEFAULTS, **values}
            for k in values:
                if k not in DEFAULTS:
                    raise ValueError(f"unknown input {k!r}; use {', '.join(DEFAULTS)}")
            style = {"description_width": "250px"}
            layout = _widgets.Layout(width="520px")
            self.sliders = {
                k: _widgets.FloatSlider(value=_check(k, vals[k]), min=0.0, max=1.0, step=0.01,
                                        description=_LABELS[k], style=style, layout=layout,
                                        continuous_update=False, readout_format=".0%")
                for k in DEFAULTS
            }
            self.figure = _widgets.HTML()
            self.explanation = _widgets.HTML()
            self.result = None
            help_text = _widgets.HTML(
                EXPLORER_CSS + "<p class='crisis-explorer-text'><b>Move the sliders.</b> All values are shares of the disputed stake "
                "(0-100%). They are illustrative: nobody can measure them for a real crisis.</p>")
            names = [x for x in [slider_names()] if x is not None]  # accessible names for the handles
            super().__init__([help_text, *self.sliders.values(), self.figure, self.explanation, *names])
            for s in self.sliders.values():
                s.observe(self._on_change, names="value")
            self.update()

        def values(self) -> dict:
            return {k: s.value for k, s in self.sliders.items()}

        def _on_change(self, change):
            self.update()

        def update(self):
            """Recompute from the current slider values and refresh the figure and the text."""
            self.result = analyse(**self.values())
            self.figure.value = _figure_html(self.result)
            self.explanation.value = _explanation_html(explain(self.result))
            return self.result

        def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
            bundle = super()._repr_mimebundle_(**kwargs) or {}
            if isinstance(bundle, tuple):  # (data, metadata)
                data, meta = bundle
            else:
                data, meta = bundle, None
            data = dict(data)
            vals = ", ".join(f"{_LABELS[k].lower()} {_pct(v)}" for k, v in self.values().items())
            # an export (slides, handouts) has no sliders to move, and the explanation states
            # every value: the picture and the explanation only, so they fit one slide together
            header = "" if os.environ.get("CRISIS_COURSE_SLIDE_FIGURES") == "1" else (
                "<p><em>Interactive explorer (run the notebook to move the sliders). Values shown: "
                f"{_html.escape(vals)}.</em></p>")
            data["text/html"] = (f"<div class='bargaining-static'>{header}"
                                 f"{self.figure.value}{self.explanation.value}</div>")
            data["text/plain"] = "Bargaining explorer. " + explain(self.result)
            return (data, meta) if meta is not None else data

else:  # pragma: no cover
    BargainingExplorer = None


def explorer(**values):
    """Return the interactive bargaining explorer (an ipywidgets box).

    Keyword arguments set starting values, e.g. ``explorer(credibility=0.8)``. Use it as the
    last expression of a notebook cell.
    """
    if BargainingExplorer is None:  # pragma: no cover
        raise ImportError("bargaining.explorer() needs ipywidgets (pip install ipywidgets)")
    return BargainingExplorer(**values)
