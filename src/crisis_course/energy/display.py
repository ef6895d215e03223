"""The energy tables as students see them: plain-English headers, no index, a caption and a
note, as HTML with a plain-text alternative (``.frame`` holds the DataFrame behind it)."""
from __future__ import annotations

from .definitions import _ECONOMY_DEFAULT, EU27
from .tables import dependence_table, economy_table, eu_imports_trend, eu_supply_trend, imports_vs_consumption


class _ReadableTable:
    """A table for students: plain-English headers, no index, numbers right-aligned, a caption.

    Displays as HTML in Jupyter (and nbconvert HTML and slides) with a plain-text alternative
    for terminals; ``frame`` is the DataFrame behind it, with the same headers.
    """

    def __init__(self, frame, formats: dict, caption: str, note: str = ""):
        self.frame, self.formats, self.caption, self.note = frame, formats, caption, note

    def _records(self) -> list:
        # column by column, so integer columns stay integers (iterrows would make them floats)
        cols = list(self.frame.columns)
        return [dict(zip(cols, values)) for values in zip(*(self.frame[c].tolist() for c in cols))]

    def _cell(self, col, value) -> str:
        import pandas as pd

        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return "–"
        fmt = self.formats.get(col)
        return fmt.format(value) if fmt else str(value)

    def _repr_html_(self) -> str:
        import html

        esc = html.escape
        numeric = [c for c in self.frame.columns if c in self.formats]
        head = "".join(
            f'<th scope="col" style="text-align:{"right" if c in numeric else "left"};'
            f'border-bottom:2px solid #333;padding:4px 8px;vertical-align:bottom">{esc(c)}</th>'
            for c in self.frame.columns)
        rows = []
        for r in self._records():
            cells = "".join(
                f'<td style="text-align:{"right" if c in numeric else "left"};padding:3px 8px;'
                f'border-bottom:1px solid #ddd{";white-space:nowrap" if c in numeric else ""}">'
                f"{esc(self._cell(c, r[c]))}</td>"
                for c in self.frame.columns)
            rows.append(f"<tr>{cells}</tr>")
        note = (f'<p style="font-size:0.85em;color:#333;margin:0.3em 0 0.8em 0">{esc(self.note)}</p>'
                if self.note else "")
        return ('<table class="crisis-table" style="border-collapse:collapse;font-size:0.92em;margin:0.4em 0">'
                f'<caption style="caption-side:top;text-align:left;padding:0.3em 0;font-weight:bold">'
                f"{esc(self.caption)}</caption><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>{note}")

    def __repr__(self) -> str:
        cols = list(self.frame.columns)
        body = [[self._cell(c, r[c]) for c in cols] for r in self._records()]
        widths = [max([len(c)] + [len(row[i]) for row in body]) for i, c in enumerate(cols)]

        def line(values):
            return "  ".join(v.rjust(w) if c in self.formats else v.ljust(w)
                             for v, w, c in zip(values, widths, cols)).rstrip()

        out = [self.caption, line(cols)] + [line(row) for row in body]
        if self.note:
            out.append(self.note)
        return "\n".join(out)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/plain": repr(self)}


def _readable(df, columns, caption: str, note: str = "", drop_empty: bool = True):
    """Rename and format ``df`` for display. ``columns``: list of (column, header, format or None);
    a column in which every value is empty (NaN or "") is dropped when ``drop_empty``."""
    keep, formats = [], {}
    for col, header, fmt in columns:
        values = df[col]
        if drop_empty and (values.isna() | (values.astype(str).str.strip() == "")).all():
            continue
        keep.append((col, header))
        if fmt:
            formats[header] = fmt
    frame = df[[c for c, _ in keep]].copy()
    frame.columns = [h for _, h in keep]
    return _ReadableTable(frame.reset_index(drop=True), formats, caption, note)


def eu_imports_display(aggregate: str = EU27):
    """:func:`eu_imports_trend` as a table for students (plain-English headers, no index)."""
    t = eu_imports_trend(aggregate)
    label = "EU27" if aggregate == EU27 else aggregate
    return _readable(t, [
        ("year", "Year", "{:d}"),
        ("total_twh", "All gas imports (TWh)", "{:,.0f}"),
        ("from_russia_twh", "From Russia (TWh)", "{:,.0f}"),
        ("from_others_twh", "From other partners (TWh)", "{:,.0f}"),
        ("share_russia_pct", "Russia's share of imports (%)", "{:.1f}"),
        ("lng_from_russia_twh", "Of which Russian LNG (TWh)", "{:,.0f}"),
    ], caption=f"{label} natural-gas imports by partner, 2011-2020",
        note="Imports include gas traded between EU member states. LNG: liquefied natural gas, "
             "shipped by sea. Source: Eurostat nrg_ti_gas.")


def eu_supply_display(aggregate: str = EU27):
    """:func:`eu_supply_trend` as a table for students (plain-English headers, no index)."""
    t = eu_supply_trend(aggregate)
    label = "EU27" if aggregate == EU27 else aggregate
    return _readable(t, [
        ("year", "Year", "{:d}"),
        ("production_twh", "Own production (TWh)", "{:,.0f}"),
        ("imports_twh", "Imports (TWh)", "{:,.0f}"),
        ("exports_twh", "Exports (TWh)", "{:,.0f}"),
        ("consumption_twh", "Gross inland consumption (TWh)", "{:,.0f}"),
        ("import_dependency_pct", "Import dependency (%)", "{:.1f}"),
    ], caption=f"The {label}'s gas balance, 2011-2020",
        note="Import dependency = (imports - exports) / gross inland consumption. "
             "Source: Eurostat nrg_cb_gas.")


def dependence_display(year: int = 2020, top: int | None = 12, min_imports_twh: float = 1.0):
    """The ``top`` countries of :func:`dependence_table` (all when ``None``), highest share of
    imports from Russia first, as a table for students. The reporting-caveat column appears
    only when a country shown has a caveat."""
    t = dependence_table(year, min_imports_twh)
    if top is not None:
        t = t.head(top)
    which = f"the {len(t)} countries with the highest share" if top is not None else "all reporting countries"
    return _readable(t, [
        ("country", "Country", None),
        ("imports_twh", "All gas imports (TWh)", "{:,.1f}"),
        ("from_russia_twh", "From Russia (TWh)", "{:,.1f}"),
        ("share_of_imports_pct", "Share of imports from Russia (%)", "{:.0f}"),
        ("caveat", "Reporting caveat", None),
    ], caption=f"Dependence on Russian gas, {year}: {which}",
        note=f"Countries importing less than {min_imports_twh:g} TWh are left out. "
             "Source: Eurostat nrg_ti_gas.")


def measures_display(year: int = 2020, countries=("ROU", "ITA", "POL", EU27)):
    """:func:`imports_vs_consumption` as a table for students: the gas balance and the three
    measures of dependence, one row per country."""
    t = imports_vs_consumption(year, countries)
    return _readable(t, [
        ("country", "Country", None),
        ("production_twh", "Own production (TWh)", "{:,.1f}"),
        ("imports_twh", "Imports (TWh)", "{:,.1f}"),
        ("exports_twh", "Exports (TWh)", "{:,.1f}"),
        ("consumption_twh", "Gross inland consumption (TWh)", "{:,.1f}"),
        ("from_russia_twh", "Imports from Russia (TWh)", "{:,.1f}"),
        ("share_of_imports_pct", "Share of imports from Russia (%)", "{:.0f}"),
        ("import_dependency_pct", "Import dependency (%)", "{:.0f}"),
        ("russia_share_of_consumption_pct", "Russian gas ÷ consumption (%)", "{:.0f}"),
    ], caption=f"Three measures of dependence on Russian gas, {year}",
        note="Share of imports = imports from Russia ÷ all imports; import dependency = "
             "(imports − exports) ÷ gross inland consumption; the last column assumes all "
             "gas imported from Russia is used at home. Source: Eurostat nrg_ti_gas, nrg_cb_gas.")


def economy_display(year: int = 2020, countries=_ECONOMY_DEFAULT):
    """:func:`economy_table` as a table for students (plain-English headers, no index)."""
    t = economy_table(year, countries)
    return _readable(t, [
        ("country", "Country", None),
        ("population_m", "Population (millions)", "{:,.1f}"),
        ("gdp_usd_bn", "GDP (billion US dollars)", "{:,.0f}"),
        ("gdp_per_capita_usd", "GDP per person (US dollars)", "{:,.0f}"),
        ("gdp_vs_russia", "GDP compared with Russia's (Russia = 1)", "{:.2f}"),
    ], caption=f"Population and GDP, {year} (current US dollars, market exchange rates)",
        note="Source: World Bank, World Development Indicators (CC BY 4.0).")
