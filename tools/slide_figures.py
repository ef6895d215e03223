"""Report each lesson's figures as a projector shows them, without a browser.

    .venv/bin/python tools/slide_figures.py lessons/03_nato.ipynb [--png-dir /tmp/slidefigs]

Executes the lessons as an export does (``CRISIS_COURSE_SLIDE_FIGURES=1``: every figure gets its
slide version) and prints, per figure, its smallest text in screen pixels on a 1280x720 screen:
``data-min-font-px`` x (width on the slide / natural width) x the reveal.js scale (0.989: a
960x700 slide with a 4% margin on a 720-pixel-high screen). The browser test
(tests/test_slide_overflow.py::test_figures_on_slides_are_readable_on_a_projector) measures the
same from the rendered page; this is the quick loop for drawing a chart's slide layout. With
``--png-dir`` the slide PNGs are written there to be looked at.
"""
from __future__ import annotations

import argparse
import base64
import re
import struct
import sys
from pathlib import Path

SCREEN_SCALE = min(1280 / (960 * 1.04), 720 / (700 * 1.04))
IMG = re.compile(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]*)"([^>]*)>')


def slide_figures(nb) -> list[dict]:
    """The slide figures of an executed notebook: cell outputs and widget pictures."""
    from crisis_course.figures import SLIDE_MIME

    htmls = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            if SLIDE_MIME in data:
                htmls.append((cell.get("id", "?"), data[SLIDE_MIME]))
            elif "crisis-slide-figure" in str(data.get("text/html", "")):
                htmls.append((cell.get("id", "?"), data["text/html"]))
    state = str(nb.metadata.get("widgets", ""))
    if "crisis-slide-figure" in state:
        htmls.append(("widget", state.encode().decode("unicode_escape", errors="ignore")))
    rows = []
    for where, html in htmls:
        for data, alt, attrs in IMG.findall(html):
            if "crisis-slide-figure" not in attrs:
                continue
            png = base64.b64decode(data)
            natural_w, natural_h = struct.unpack(">II", png[16:24])
            font = re.search(r'data-min-font-px="([\d.]+)"', attrs)
            shown = re.search(r'width="(\d+)"', attrs)
            font_px = float(font.group(1)) if font else float("nan")
            shown_w = int(shown.group(1)) if shown else natural_w
            rows.append({"cell": where, "alt": alt[:60], "natural": (natural_w, natural_h), "shown": shown_w,
                         "screen_px": font_px * shown_w / natural_w * SCREEN_SCALE, "png": png})
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="+", type=Path)
    parser.add_argument("--png-dir", type=Path)
    args = parser.parse_args(argv)
    from crisis_course.export.execute import execute_notebook

    worst = float("inf")
    for path in args.lessons:
        nb = execute_notebook(path)
        for i, row in enumerate(slide_figures(nb), 1):
            ok = "ok " if row["screen_px"] >= 14 else "LOW"
            worst = min(worst, row["screen_px"])
            print(f"{ok} {path.stem} #{i} [{row['cell']}] {row['screen_px']:5.1f} px  natural "
                  f"{row['natural'][0]}x{row['natural'][1]} shown {row['shown']}  {row['alt']}")
            if args.png_dir:
                args.png_dir.mkdir(parents=True, exist_ok=True)
                (args.png_dir / f"{path.stem}-{i:02d}.png").write_bytes(row["png"])
    print(f"smallest figure text: {worst:.1f} screen px (goal >= 14)")
    return 0 if worst >= 14 else 1


if __name__ == "__main__":
    sys.exit(main())
