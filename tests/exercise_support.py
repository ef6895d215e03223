"""Helpers the exercise tests share."""
from __future__ import annotations


def border_lengths(ns, crs=None, scale=1.0) -> dict:
    """Length of each of ``ns["neighbours"]``'s borders with Russia on ``ns["countries"]`` (a worked
    answer to task 3.4), in ``crs`` units times ``scale``."""
    countries = ns["countries"]
    proj = countries.to_crs(crs) if crs else countries
    russia = proj[proj["iso_a3"] == "RUS"].geometry.union_all().boundary
    return {n: proj[proj["name"] == n].geometry.union_all().boundary.intersection(russia).length * scale
            for n in ns["neighbours"]}
