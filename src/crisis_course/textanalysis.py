"""Small text-analysis helpers for reading the course article closely (lesson 1), and a few
readable tables and descriptions that lessons 1 and 2 use to check what it says.

Every helper works on the article's paragraphs. By default they come from
``crisis_course.article.paragraphs()`` (paragraph 0 is the header line with the date and
headline, paragraphs 1-8 are the body); every helper also accepts ``paragraphs=`` (a list of
strings) or ``text=`` so it can be tried on any other news text.

========================  ===================================================================
helper                    what it returns
========================  ===================================================================
``actor_mentions``        how often each actor is named in each paragraph (a table)
``plot_actor_mentions``   that table as a colour-blind-safe heatmap (a matplotlib Figure)
``quotations``            each quoted passage, its speaker and whether its marks match
``translation_signs``     places where the wording suggests translation or careless editing
``honorific_styles``      how often "Mr" and "Mr." are used (a house-style check)
``sentence_roles``        the course authors' reading of each sentence: fact, claim, analysis...
``assumed_knowledge``     what the article assumes the reader knows -> the lesson that teaches it
``unanswered_questions``  what the article does not say, and where the course looks for it
``gas_import_share``      gas imports and Russia's share of them (Eurostat), plain-English headers
``country_figures``       population and GDP of some countries (World Bank), plain-English headers
``describe_timeline``     a text description (alt text) of a timeline chart, built from its events
``display_table``         any of these tables, left-aligned and without the row index, for reading
========================  ===================================================================

The pattern-based helpers (actors, quotations, translation signs, honorifics) *find* their
evidence in the text, so they also work on other articles. The two reading tables
(``sentence_roles``, ``assumed_knowledge``) are editorial judgements written by the course
authors for this article; each row names the sentence it is about by its opening words, and
the helper checks that the sentence is really in the text. Students are invited to disagree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import editorial, figure_cache

__all__ = [
    "ACTORS",
    "ROLE_LABELS",
    "get_paragraphs",
    "actor_mentions",
    "plot_actor_mentions",
    "quotations",
    "translation_signs",
    "honorific_styles",
    "sentence_roles",
    "role_summary",
    "assumed_knowledge",
    "unanswered_questions",
    "gas_import_share",
    "country_figures",
    "describe_timeline",
    "display_table",
]

# --------------------------------------------------------------------------------------
# Getting the text
# --------------------------------------------------------------------------------------


def get_paragraphs(paragraphs: list[str] | None = None, text: str | None = None) -> list[str]:
    """Return the paragraphs to analyse.

    ``paragraphs`` wins if given; else ``text`` is split on line breaks (blank lines dropped);
    else the course article is loaded with ``crisis_course.article.paragraphs()``.
    """
    if paragraphs is not None:
        return [str(p).strip() for p in paragraphs]
    if text is not None:
        return [line.strip() for line in str(text).splitlines() if line.strip()]
    from crisis_course import article  # imported here so this module loads on its own

    return [str(p).strip() for p in article.paragraphs()]


def _find_paragraph(paragraphs: list[str], fragment: str) -> int:
    """Index of the paragraph containing ``fragment`` (whitespace-insensitive); -1 if none."""
    want = " ".join(fragment.split())
    for i, par in enumerate(paragraphs):
        if want in " ".join(par.split()):
            return i
    return -1


# --------------------------------------------------------------------------------------
# 1. Who is mentioned where
# --------------------------------------------------------------------------------------

#: The course's reading of the article lives in content/reading.yaml (crisis_course.editorial).
_READING = editorial.load("reading")

#: Actors and the words that name them (regular expressions, matched as whole words).
#: "Putin" includes the French spelling "Poutine"; "Ukraine" includes "Kiev" and the
#: descriptions the article uses instead of the name ("the Eastern European nation",
#: "the former Soviet republic"), which therefore do not count for "Europe"; "United States"
#: includes "Washington", "US", "American" and "Biden administration".
ACTORS: dict[str, list[str]] = {k: list(v) for k, v in _READING["actors"].items()}


def _paragraph_of(pars: list[str], text: str, what: str) -> int:
    """The index of the paragraph holding ``text``; ValueError naming the ``what`` if none does."""
    idx = _find_paragraph(pars, text)
    if idx < 0:
        raise ValueError(f"{what} not found in the article: {text!r}")
    return idx


def _actor_regex(patterns: list[str]) -> re.Pattern:
    return re.compile(r"(?<![\w.])(?:" + "|".join(patterns) + r")(?![\w])")


def actor_mentions(paragraphs: list[str] | None = None, text: str | None = None,
                   actors: dict[str, list[str]] | None = None, include_header: bool = False):
    """Count how often each actor is named in each paragraph.

    Returns a pandas DataFrame: one row per paragraph (index ``paragraph``, numbered as in
    ``article.show(numbered=True)``), one column per actor, values = number of mentions.
    Each mention is counted once, under the first pattern that matches it ("Biden
    administration" counts for the United States, not for Biden the person). The header
    line (paragraph 0) is left out unless ``include_header=True``.
    """
    import pandas as pd

    pars = get_paragraphs(paragraphs, text)
    actors = actors or ACTORS
    rows = []
    for i, par in enumerate(pars):
        if i == 0 and not include_header and par.lower().lstrip().startswith("date"):
            continue
        rows.append({"paragraph": i, **{name: len(_actor_regex(pats).findall(par))
                                        for name, pats in actors.items()}})
    return pd.DataFrame(rows).set_index("paragraph")


#: Text sizes (points) of :func:`plot_actor_mentions` in each layout (slide: >= figures.SLIDE_MIN_PT).
_HEATMAP_SIZES = {"notebook": {"tick": 11, "label": 11, "cell": 12, "bar": 10, "title": 13},
                  "slide": {"tick": 12, "label": 12, "cell": 13, "bar": 11, "title": 14}}


@figure_cache.chart
def plot_actor_mentions(counts=None, title: str = "Who is mentioned in which paragraph?", layout: str = "notebook"):
    """Draw ``actor_mentions()`` as a heatmap: paragraphs down, actors across.

    Zero mentions are white; one, two, three... mentions are increasingly dark blue (a
    single-hue scale, readable with every common colour-vision deficiency and in greyscale).
    The count is written in every cell and each actor's total is given in its label, so
    colour is never the only cue. Returns a matplotlib Figure; show it with
    ``figures.show(fig, alt=..., ...)``. ``layout="slide"`` draws the same heatmap on the
    900x450 slide canvas (the notebook's figure carries it for exports, ``figures.for_slides``).
    """
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.colors import BoundaryNorm, ListedColormap

    from . import figures

    if layout not in _HEATMAP_SIZES:
        raise ValueError(f"layout must be 'notebook' or 'slide', not {layout!r}")
    sizes = _HEATMAP_SIZES[layout]
    if counts is None:
        counts = actor_mentions()
    values = counts.to_numpy()
    n_rows, n_cols = values.shape
    vmax = max(int(values.max()), 1)
    blues = plt.get_cmap("Blues")
    colours = ["#ffffff"] + [blues(0.3 + 0.65 * k / max(vmax - 1, 1)) for k in range(vmax)]
    cmap = ListedColormap(colours)
    norm = BoundaryNorm(np.arange(-0.5, vmax + 1.5, 1.0), cmap.N)

    if layout == "slide":
        fig, ax = plt.subplots(figsize=figures.SLIDE_FIGSIZE, dpi=figures.SLIDE_DPI)
    else:
        fig, ax = plt.subplots(figsize=(1.05 * n_cols + 2.4, 0.55 * n_rows + 1.9))
    im = ax.imshow(values, cmap=cmap, norm=norm, aspect="auto")
    totals = values.sum(axis=0)
    ax.set_xticks(np.arange(n_cols))
    if layout == "slide":  # level labels, a word a line (slanted ones would cover each other)
        import textwrap

        ax.set_xticklabels([textwrap.fill(name, 9) + f"\n({int(t)})" for name, t in zip(counts.columns, totals)],
                           fontsize=sizes["tick"], linespacing=1.0)
    else:
        ax.set_xticklabels([f"{name} ({int(t)})" for name, t in zip(counts.columns, totals)],
                           rotation=35, ha="right", fontsize=sizes["tick"])
    ax.set_yticks(np.arange(n_rows))
    ax.set_yticklabels([f"[{p}]" for p in counts.index], fontsize=sizes["tick"])
    ax.set_ylabel("paragraph of the article", fontsize=sizes["label"])
    ax.set_xlabel("actor (total mentions in the article)", fontsize=sizes["label"])
    ax.set_xticks(np.arange(-0.5, n_cols, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, n_rows, 1), minor=True)
    ax.grid(which="minor", color="#bbbbbb", linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    for r in range(n_rows):
        for c in range(n_cols):
            v = int(values[r, c])
            if v:
                ax.text(c, r, str(v), ha="center", va="center", fontsize=sizes["cell"],
                        fontweight="bold", color="white" if v >= 0.66 * vmax and v > 1 else "black")
    cbar = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02, ticks=range(vmax + 1))
    cbar.set_label("mentions in the paragraph", fontsize=sizes["bar"], labelpad=None if layout == "notebook" else 8)
    cbar.ax.tick_params(labelsize=sizes["bar"])
    ax.set_title(title, fontsize=sizes["title"], loc="left")
    fig.tight_layout()
    if layout == "slide":
        return fig
    from functools import partial

    return figures.for_slides(fig, partial(plot_actor_mentions, counts, title, layout="slide"))


# --------------------------------------------------------------------------------------
# 2. Quotations and their speakers
# --------------------------------------------------------------------------------------

_OPEN = "“"   # left double quotation mark
_CLOSE = "”"  # right double quotation mark
_QUOTE_CHARS = '“”"'
_SPEAKER_RE = re.compile(
    r"\b(?:said|says|added|wrote|told)\s+((?:Mr\.?|Ms\.?|Mrs\.?|Dr\.?)\s+)?"
    r"([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
)


def quotations(paragraphs: list[str] | None = None, text: str | None = None):
    """Find every quoted passage, its speaker, and whether its quotation marks match.

    Returns a DataFrame with columns ``paragraph``, ``quote`` (the words inside the marks),
    ``speaker`` (the name after "said", "added", ... in the same paragraph; empty if none),
    ``opening_mark``, ``closing_mark``, ``marks_match`` (True for “...”, False for a pair like
    “...“ where the closing mark is the opening kind) and ``words``.
    """
    import pandas as pd

    pars = get_paragraphs(paragraphs, text)
    rows = []
    for i, par in enumerate(pars):
        positions = [m.start() for m in re.finditer(f"[{_QUOTE_CHARS}]", par)]
        for a, b in zip(positions[0::2], positions[1::2]):
            quote = par[a + 1:b].strip(" ,.")
            after = par[b + 1:b + 160]
            m = _SPEAKER_RE.search(after)
            speaker = m.group(2) if m else ""
            opening, closing = par[a], par[b]
            matches = (opening == _OPEN and closing == _CLOSE) or (opening == closing == '"')
            rows.append({
                "paragraph": i,
                "quote": quote,
                "speaker": speaker,
                "opening_mark": opening,
                "closing_mark": closing,
                "marks_match": matches,
                "words": len(quote.split()),
            })
    return pd.DataFrame(rows, columns=["paragraph", "quote", "speaker", "opening_mark",
                                       "closing_mark", "marks_match", "words"])


# --------------------------------------------------------------------------------------
# 3. Signs of translation and careless editing
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Check:
    sign: str          # short name of the sign
    pattern: str       # regular expression that finds the evidence
    explanation: str   # what it suggests and why


#: The checks ``translation_signs`` runs. Each finds its evidence in the text.
TRANSLATION_CHECKS: tuple[_Check, ...] = tuple(
    _Check(c["sign"], c["pattern"], c["explanation"]) for c in _READING["translation_signs"])


_ABBREV_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|U\.S)|\b[A-Z])\.$")


def translation_signs(paragraphs: list[str] | None = None, text: str | None = None,
                      checks: tuple[_Check, ...] = TRANSLATION_CHECKS):
    """Find places where the wording suggests translation or careless editing.

    Returns a DataFrame with one row per piece of evidence: ``sign``, ``evidence`` (the exact
    words found), ``paragraph`` and ``explanation``. The mismatched quotation marks and the
    mixed "Mr"/"Mr." styles are added from ``quotations()`` and ``honorific_styles()``.
    The header line (paragraph 0) is not searched for fragments.
    """
    import pandas as pd

    pars = get_paragraphs(paragraphs, text)
    rows = []
    for check in checks:
        rx = re.compile(check.pattern)
        for i, par in enumerate(pars):
            if i == 0 and par.lower().startswith("date"):
                continue
            for m in rx.finditer(par):
                evidence = m.group(0).strip()
                if check.sign == "Dangling fragment" and (
                        _ABBREV_END.search(evidence) or _ABBREV_END.search(par[:m.start()].rstrip())):
                    continue  # an abbreviation ("Mr.", "V."), not the end of a sentence
                if len(evidence) > 90:
                    evidence = evidence[:87] + "..."
                rows.append({"sign": check.sign, "evidence": evidence, "paragraph": i,
                             "explanation": check.explanation})
    quotes = quotations(pars)
    for q in quotes[~quotes["marks_match"]].itertuples():
        rows.append({
            "sign": "Mismatched quotation marks",
            "evidence": f"{q.opening_mark}{q.quote[:30]} ... {q.quote[-20:]}{q.closing_mark}",
            "paragraph": q.paragraph,
            "explanation": "The quotation opens with “ and closes with “ again instead of ”. "
                           "Quotation marks differ between languages (French uses « », "
                           "German „ “); converting them automatically often goes wrong.",
        })
    styles = honorific_styles(pars)
    if styles.get("Mr", 0) and styles.get("Mr.", 0):
        rows.append({
            "sign": "Mixed house styles",
            "evidence": f"“Mr” {_times(styles['Mr'])}, “Mr.” {_times(styles['Mr.'])}",
            "paragraph": "whole text",
            "explanation": "American papers write “Mr.” with a full stop, British ones “Mr” "
                           "without. One text using both was probably assembled or re-edited "
                           "by more than one hand or tool.",
        })
    return pd.DataFrame(rows, columns=["sign", "evidence", "paragraph", "explanation"])


def _times(n: int) -> str:
    """'once', 'twice', '3 times': a count of occurrences in plain English."""
    return {1: "once", 2: "twice"}.get(int(n), f"{int(n)} times")


def honorific_styles(paragraphs: list[str] | None = None, text: str | None = None) -> dict:
    """Count "Mr" (British style) and "Mr." (American style) in the text: {"Mr": n, "Mr.": m}."""
    joined = "\n".join(get_paragraphs(paragraphs, text))
    return {
        "Mr": len(re.findall(r"\bMr(?![.\w])", joined)),
        "Mr.": len(re.findall(r"\bMr\.", joined)),
    }


# --------------------------------------------------------------------------------------
# 4. What kind of statement is each sentence? (the course authors' reading)
# --------------------------------------------------------------------------------------

#: The kinds of statement used in the classification, with a one-line definition.
ROLE_LABELS: dict[str, str] = dict(_READING["role_labels"])

# (opening words of the sentence, role, whose voice, note). Opening words are matched
# against the text, so a changed article is noticed by the tests.
_ROLES: tuple[tuple[str, str, str, str], ...] = tuple(
    (r["opening"], r["role"], r["voice"], r["note"]) for r in _READING["sentence_roles"])


def sentence_roles(paragraphs: list[str] | None = None, text: str | None = None):
    """The course authors' classification of every sentence of the article.

    Returns a DataFrame with columns ``paragraph``, ``sentence`` (opening words), ``role``
    (one of :data:`ROLE_LABELS`), ``voice`` (whose statement it is) and ``note``.
    Raises ``ValueError`` if a classified sentence is not found in the text.
    """
    import pandas as pd

    pars = get_paragraphs(paragraphs, text)
    rows = []
    for opening, role, voice, note in _ROLES:
        rows.append({"paragraph": _paragraph_of(pars, opening, "sentence"), "sentence": opening + " ...", "role": role,
                     "voice": voice, "note": note})
    return pd.DataFrame(rows)


def role_summary(roles=None):
    """How many sentences fall into each role (a small DataFrame, most frequent first)."""
    if roles is None:
        roles = sentence_roles()
    out = roles["role"].value_counts().rename_axis("role").reset_index(name="sentences")
    out["definition"] = out["role"].map(ROLE_LABELS)
    return out


# --------------------------------------------------------------------------------------
# 5. What the article assumes, and what it leaves out
# --------------------------------------------------------------------------------------

_ASSUMPTIONS: tuple[tuple[str, str, int, str], ...] = tuple(
    (r["phrase"], r["assumes"], r["lesson"], r["lesson_title"]) for r in _READING["assumptions"])


def assumed_knowledge(paragraphs: list[str] | None = None, text: str | None = None):
    """What the article assumes its reader already knows, and the lesson that teaches it.

    Returns a DataFrame with columns ``paragraph``, ``phrase`` (words quoted from the
    article), ``assumes the reader knows``, ``lesson`` and ``lesson title``, sorted by
    lesson. Raises ``ValueError`` if a phrase is not in the text.
    """
    import pandas as pd

    pars = get_paragraphs(paragraphs, text)
    rows = []
    for phrase, knows, lesson, title in _ASSUMPTIONS:
        rows.append({"paragraph": _paragraph_of(pars, phrase, "phrase"), "phrase": f"“{phrase}”",
                     "assumes the reader knows": knows, "lesson": lesson,
                     "lesson title": title})
    return pd.DataFrame(rows).sort_values(["lesson", "paragraph"]).reset_index(drop=True)


def unanswered_questions():
    """What the article does not say: questions a careful reader should ask, and where the
    course looks for answers. Returns a DataFrame (``question``, ``why it matters``,
    ``lesson``)."""
    import pandas as pd

    rows = [
        ("How many Russian troops, where, and by whose count?",
         "“Threatening rally” gives no number, no source and no date; estimates differed "
         "and measured different things.", 4),
        ("Which analysts are the “many analysts”?",
         "An unnamed majority cannot be checked; only one analyst is named.", 1),
        ("What did each government say about the call itself?",
         "The article reports neither the White House nor the Kremlin readout.", 4),
        ("How much is “much of their energy supply”, and for which countries?",
         "Dependence ranged from almost nothing to almost everything; imports are not "
         "consumption, and gas is not all energy.", 6),
        ("Which sanctions, and what had 2014's sanctions achieved?",
         "“Unify the sanctions” names no measure.", 5),
        ("What did Ukraine's government say?",
         "Ukraine is discussed but never quoted.", 4),
        ("Where did this text come from?",
         "No author, no outlet, no link to the analysis it quotes.", 1),
    ]
    return pd.DataFrame(rows, columns=["question", "why it matters", "lesson"])


# --------------------------------------------------------------------------------------
# 6. Checking the article's numbers: small tables with plain-English headers
# --------------------------------------------------------------------------------------

#: The EU-27 (2020 composition) row in the Eurostat gas data.
EU27 = "EU27_2020"


def gas_import_share(year: int = 2020, areas=(EU27,)):
    """One checkable figure behind the article's "depend on Russia for much of their energy
    supply": natural-gas imports, total and from Russia, and Russia's share of them.

    ``areas`` are codes of the course's Eurostat data (``"EU27_2020"`` for the EU's 27
    countries, or a country's ISO alpha-3 code such as ``"DEU"``). Returns a small DataFrame
    with plain-English column names: ``area``, ``year``, ``gas imports (TWh)``,
    ``of which from Russia (TWh)``, ``Russia's share of gas imports (%)``. The share is of
    *imports*, not of consumption (see lesson 6). Data: Eurostat nrg_ti_gas, via
    ``data.gas_imports()``.
    """
    import pandas as pd

    from crisis_course import data

    g = data.gas_imports()
    areas = [areas] if isinstance(areas, str) else list(areas)
    rows = g[g["iso_a3"].isin(areas) & (g["year"] == int(year))]
    missing = [a for a in areas if a not in set(rows["iso_a3"])]
    if missing:
        raise ValueError(f"gas_import_share: no gas-import data for {missing} in {year}")
    rows = rows.set_index("iso_a3").loc[areas]  # in the order asked for
    names = rows["country"].astype(str).replace({"EU27 (2020)": "EU-27 (the 27 member states)"})
    return pd.DataFrame({
        "area": names.to_numpy(),
        "year": rows["year"].astype(int).to_numpy(),
        "gas imports (TWh)": rows["gas_imports_total_twh"].round(1).to_numpy(),
        "of which from Russia (TWh)": rows["gas_imports_from_russia_twh"].round(1).to_numpy(),
        "Russia's share of gas imports (%)": rows["share_of_gas_imports_from_russia_pct"].round(1).to_numpy(),
    })


def country_figures(countries=("Russia", "Ukraine"), years=(2000, 2013, 2020)):
    """Population and GDP of some countries in some years, with plain-English column names.

    ``countries`` are country names (or ISO alpha-3 codes) as in ``data.population_gdp()``
    (World Bank World Development Indicators). Returns a DataFrame: ``country``, ``year``,
    ``population (millions)`` (one decimal) and ``GDP (billion US dollars, current prices)`` (whole
    numbers), sorted by country and year. GDP in current US dollars moves with exchange rates.
    """
    import pandas as pd

    from crisis_course import data

    pg = data.population_gdp()
    countries = [countries] if isinstance(countries, str) else list(countries)
    years = [int(y) for y in ([years] if isinstance(years, int) else years)]
    rows = pg[(pg["country"].isin(countries) | pg["iso_a3"].isin(countries)) & pg["year"].isin(years)]
    found = set(rows["country"]) | set(rows["iso_a3"])
    missing = [c for c in countries if c not in found]
    if missing:
        raise ValueError(f"country_figures: no World Bank data for {missing}")
    rows = rows.sort_values(["country", "year"])
    return pd.DataFrame({
        "country": rows["country"].astype(str).to_numpy(),
        "year": rows["year"].astype(int).to_numpy(),
        "population (millions)": (rows["population"] / 1e6).round(1).to_numpy(),
        "GDP (billion US dollars, current prices)":
            (rows["gdp_current_usd"] / 1e9).round(0).astype("Int64").to_numpy(),
    })


# --------------------------------------------------------------------------------------
# 7. A text description of a timeline chart, built from the events it draws
# --------------------------------------------------------------------------------------

_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
_NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                 "seventeen", "eighteen", "nineteen", "twenty"]
#: how the timeline chart's markers look, in words (Okabe-Ito colours, matplotlib markers)
_COLOUR_WORDS = {"#0072B2": "blue", "#009E73": "green", "#D55E00": "red-orange",
                 "#CC79A7": "pink", "#E69F00": "orange", "#56B4E9": "sky-blue", "#000000": "black"}
_MARKER_WORDS = {"o": "circles", "s": "squares", "^": "triangles", "D": "diamonds",
                 "v": "downward triangles", "P": "plus signs", "X": "crosses"}


def _count(n: int, noun: str) -> str:
    word = _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)
    return f"{word} {noun}{'' if n == 1 else 's'}"


def _spoken_date(date: str, with_year: bool = True) -> str:
    """'2021-12-07' -> '7 December 2021' (or '7 December'); '2021-12' -> 'December 2021'."""
    parts = str(date).split("-")
    if len(parts) == 3:
        text = f"{int(parts[2])} {_MONTH_NAMES[int(parts[1]) - 1]}"
        return f"{text} {parts[0]}" if with_year else text
    if len(parts) == 2:
        return f"{_MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def _plain_label(label: str) -> str:
    """'Military build-up' -> 'military build-up' inside a sentence; 'NATO' and names stay."""
    first = label.split()[0]
    if first.isupper() or first in {"Ukraine", "Russia", "Europe"}:
        return label
    return label[0].lower() + label[1:]


def describe_timeline(events, cutoff: str | None = None, meaning: str = "") -> str:
    """A text description (alt text) of ``timeline.plot(events)``, built from the same events.

    It says how many events the chart shows and over which dates, lists every event with its
    date in the order drawn, separates those known on the cutoff date (filled markers) from
    the later ones (hollow, ringed markers, labelled "hindsight"), and says what the marker
    shapes and colours stand for. ``meaning`` (optional) is appended: one or two sentences
    on what the chart shows. Because the text is generated from the DataFrame, it stays right
    when rows are added to or changed in the course timeline.
    """
    from crisis_course import timeline

    cutoff = cutoff or timeline.CUTOFF
    n = len(events)
    if n == 0:
        return "An empty timeline: no events in the chosen period."
    dates = list(events["date"].astype(str))
    one_year = len({d[:4] for d in dates}) == 1
    first = _spoken_date(dates[0], with_year=not one_year)
    last = _spoken_date(dates[-1])
    span = f"on {last}" if dates[0] == dates[-1] else f"from {first} to {last}"
    if one_year and len(dates[0]) < 10:  # "from December 2021 to ..." keeps its year anyway
        span = f"from {_spoken_date(dates[0])} to {last}"

    def listing(rows) -> str:
        items = []
        for _, ev in rows.iterrows():
            text = str(ev["event"]).strip().rstrip(".")
            items.append(f"{_spoken_date(ev['date'], with_year=not one_year)}: {text}.")
        return " ".join(items)

    before = events[~events["after_cutoff"].astype(bool)]
    after = events[events["after_cutoff"].astype(bool)]
    cut = _spoken_date(cutoff)
    parts = [f"Vertical timeline of {_count(n, 'event')} {span}, one per row, each with its date."]
    if len(before):
        lead = ("All of them are" if not len(after) else
                f"{_count(len(before), 'event').capitalize()} {'is' if len(before) == 1 else 'are'}")
        parts.append(f"{lead} on or before {cut} and drawn with filled markers: "
                     f"they could be known on that day. {listing(before)}")
    if len(after):
        lead = ("All of them are" if not len(before) else
                f"{_count(len(after), 'event').capitalize()} {'is' if len(after) == 1 else 'are'}")
        parts.append(f"{lead} after {cut}, drawn as hollow markers inside a dashed ring and "
                     f"labelled (hindsight): nobody could know them on that day. {listing(after)}")
    kinds = []  # (category label, "blue circles")
    for cat in dict.fromkeys(events["category"]):
        label, colour, marker = timeline.CATEGORIES.get(cat, ("Other", "#999999", "o"))
        kinds.append((label, f"{_COLOUR_WORDS.get(colour, 'grey')} {_MARKER_WORDS.get(marker, 'markers')}"))
    if len(kinds) == 1:
        parts.append(f"All markers are {kinds[0][1]} (category: {kinds[0][0]}).")
    else:
        parts.append("Marker shape and colour give the category: "
                     + ", ".join(f"{_plain_label(label)} ({look})" for label, look in kinds)
                     + "; a legend below the chart repeats this.")
    if meaning:
        parts.append(meaning.strip())
    return " ".join(parts)


def display_table(df, columns: list[str] | None = None, caption: str | None = None,
                  precision: int = 1):
    """Show a table for reading: text left-aligned and top-aligned, no row index, optional caption.

    ``columns`` picks and orders the columns to show; decimal numbers are shown with
    ``precision`` decimals. Returns a pandas Styler (rendered as an
    HTML table in Jupyter and in exported HTML and slides); the data are not changed.
    """
    if columns is not None:
        df = df[list(columns)]
    styler = df.style.hide(axis="index").format(precision=precision).set_properties(
        **{"text-align": "left", "vertical-align": "top"})
    styler = styler.set_table_styles([
        {"selector": "th", "props": [("text-align", "left"), ("vertical-align", "bottom")]},
        {"selector": "caption", "props": [("caption-side", "top"), ("text-align", "left"),
                                          ("font-weight", "bold")]},
    ])
    if caption:
        styler = styler.set_caption(caption)
    return styler
