"""Checks for open tasks: written judgements and charts, where no single answer is right.

An open check cannot tell a good argument from a bad one. It checks what *can* be checked (the
answer is text of a useful length that points to evidence; a chart has a title, labelled axes and
the right data) and says plainly that the rest is for a reader: the model answer in
``solutions/``, a classmate, or the instructor.
"""
from __future__ import annotations

import re

from .feedback import Wrong, as_figure, as_text

__all__ = ["check_open_text", "check_chart", "plotted_values"]

_OPEN_NOTE = ("This is an open task: the check only looks at length and evidence. Compare your reasoning "
              "with the model answer in the solutions notebook, or with a classmate's.")


def check_open_text(value, name: str, min_words: int = 30, evidence=(), evidence_hint: str = "",
                    min_evidence: int = 1) -> str:
    """Raise :class:`Wrong` unless ``value`` is text of at least ``min_words`` words that mentions
    at least ``min_evidence`` of the ``evidence`` strings (case-insensitive); return the message
    for a complete answer."""
    text = as_text(value, name)
    words = len(re.findall(r"[\w’'-]+", text))
    if words < min_words:
        raise Wrong(f"{name} has {words} word(s); write at least {min_words}.",
                    hint="Say what you conclude, and which evidence from the text or data supports it.")
    found = [e for e in evidence if e.lower() in text.lower()]
    if evidence and len(found) < min_evidence:
        raise Wrong(f"{name} does not point to any evidence yet.", hint=evidence_hint)
    cited = f" You cite: {', '.join(found)}." if found else ""
    return f"Complete: {words} words.{cited} {_OPEN_NOTE}"


def plotted_values(fig) -> list[float]:
    """Every y value drawn in the figure's axes: line data, bar heights (or widths for horizontal
    bars) and scatter offsets. Colour bars and legends are ignored."""
    import numpy as np
    from matplotlib.patches import Rectangle

    values: list[float] = []
    for ax in fig.axes:
        if ax.get_label() == "<colorbar>":
            continue
        for line in ax.get_lines():
            ys = np.asarray(line.get_ydata(), dtype=float)
            values += [float(v) for v in ys if np.isfinite(v)]
        for container in ax.containers:
            for patch in getattr(container, "patches", []):
                if isinstance(patch, Rectangle):
                    horizontal = getattr(container, "orientation", "vertical") == "horizontal"
                    values.append(float(patch.get_width() if horizontal else patch.get_height()))
        for coll in ax.collections:
            offsets = np.asarray(coll.get_offsets(), dtype=float)
            if offsets.ndim == 2 and offsets.shape[1] == 2 and len(offsets) > 1:
                values += [float(v) for v in offsets[:, 1] if np.isfinite(v)]
    return values


def check_chart(fig, name: str = "fig", need_labels: bool = True, need_title: bool = True):
    """Raise :class:`Wrong` unless ``fig`` is a Figure with data, a title and labelled axes; returns
    the Figure and the list of plotted values."""
    fig = as_figure(fig, name)
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    if not axes:
        raise Wrong(f"{name} is an empty figure: it has no axes.",
                    hint="Draw on the axes: `fig, ax = plt.subplots()` then e.g. `ax.plot(x, y)` or `ax.bar(x, y)`.")
    values = plotted_values(fig)
    has_map = any(ax.collections for ax in axes)
    if not values and not has_map:
        raise Wrong(f"{name} has axes but nothing drawn on them.",
                    hint="Plot your data on `ax`: `ax.plot(...)`, `ax.bar(...)` or `ax.barh(...)`.")
    if need_title:
        titles = [ax.get_title(loc) for ax in axes for loc in ("left", "center", "right")]
        if fig._suptitle is not None:
            titles.append(fig._suptitle.get_text())
        if not any(t.strip() for t in titles):
            raise Wrong(f"{name} has no title.",
                        hint="Say what the chart shows, where and when: `ax.set_title(\"...\")`.")
    if need_labels:
        ax = axes[0]
        if not ax.get_xlabel().strip() and not ax.get_ylabel().strip():
            raise Wrong(f"The axes of {name} are not labelled.",
                        hint="Name what the values measure, with the unit: `ax.set_ylabel(\"members\")` "
                             "(or `ax.set_xlabel(...)` for horizontal bars).")
    return fig, values
