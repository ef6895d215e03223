"""What the slide and figure checks share: boxes that cover each other, lines that run through a box.

The callers decide which box a text has (its own extent, or the box drawn around it); these helpers
only compare display-coordinate boxes (anything with x0, y0, x1, y1, e.g. a matplotlib Bbox).
"""
from __future__ import annotations

import itertools


def overlapping_boxes(named_boxes, *, more_than: float = 1.0, name_chars: int | None = None) -> list[str]:
    """One message for each pair of ``(name, box)`` whose boxes cover each other by more than
    ``more_than`` pixels both across and down (a touch is no overlap). ``name_chars`` shortens long
    names in the messages."""
    found = []
    for (a, ba), (b, bb) in itertools.combinations(list(named_boxes), 2):
        dx = min(ba.x1, bb.x1) - max(ba.x0, bb.x0)
        dy = min(ba.y1, bb.y1) - max(ba.y0, bb.y0)
        if dx > more_than and dy > more_than:
            a, b = (a[:name_chars], b[:name_chars]) if name_chars else (a, b)
            found.append(f"{a!r} and {b!r} overlap ({dx:.0f}x{dy:.0f} px)")
    return found


def lines_through_box(box, axes, *, inset: float = 1.5) -> list[str]:
    """The labels of the plotted lines of ``axes`` (its Line2D artists, as drawn: display coordinates)
    that run through ``box``, shrunk by ``inset`` pixels each side so that a line touching the edge
    does not count."""
    import shapely

    inner = shapely.box(box.x0 + inset, box.y0 + inset, box.x1 - inset, box.y1 - inset)
    found = []
    for line in axes.get_lines():
        if not line.get_visible() or line.get_linestyle() in ("None", "", " "):
            continue
        points = line.get_transform().transform(line.get_xydata())
        if len(points) >= 2 and inner.intersects(shapely.LineString(points)):
            found.append(line.get_label())
    return found
