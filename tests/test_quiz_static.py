"""Static export: plain HTML, no script, answers behind <details> (or inline for instructors),
everything from a bank escaped."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from crisis_course.quiz import Quiz, bank_names, bank_to_html, load_bank
from crisis_course.quiz.markup import render, render_inline

FIXTURES = Path(__file__).parent / "banks"


class _Collector(HTMLParser):
    """Collect tags and attributes, and check that the HTML is well nested."""

    VOID = {"br", "img", "hr", "input", "meta", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Collector:
    c = _Collector()
    c.feed(html)
    c.close()
    assert c.stack == [], f"unclosed tags: {c.stack}"
    return c


ALLOWED_TAGS = {"section", "p", "div", "ol", "ul", "li", "details", "summary", "strong", "em", "code", "br", "a"}


def assert_safe(html: str):
    c = parse(html)
    for tag, attrs in c.tags:
        assert tag in ALLOWED_TAGS, f"unexpected <{tag}>"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler attribute {name}"
            if name == "href":
                assert value.startswith(("https://", "http://")), value
    assert "<script" not in html.lower()
    return c


@pytest.mark.parametrize("name", bank_names())
@pytest.mark.parametrize("instructor", [False, True])
def test_every_bank_exports_safe_static_html(name, instructor):
    bank = load_bank(name)
    html = bank_to_html(bank, instructor=instructor)
    c = assert_safe(html)
    assert html.startswith('<div class="crisis-quiz" role="region"')
    assert html.count('class="quiz-question"') == len(bank.questions)
    tags = [t for t, _ in c.tags]
    assert not any(re.fullmatch(r"h\d", t) for t in tags), "no headings: never breaks a page's heading order"
    assert "button" not in tags
    if instructor:
        assert "<details" not in html.replace("<details><summary", "") or "Hint" not in html
        assert html.count('class="quiz-answer"') == len(bank.questions)
        assert "<details" not in html
    else:
        assert html.count('<details class="quiz-answer"><summary') == len(bank.questions)
        assert html.count("Show answer</summary>") == len(bank.questions)


def test_static_orientation_content():
    html = bank_to_html("orientation")
    text = " ".join(parse(html).text)
    assert "Lesson 0 quiz" in text
    assert f"Question 1 of {len(load_bank('orientation').questions)}" in text
    for option in ["2021-12-07", "2021-12-17", "Joe Biden", "Vladimir Putin", "True", "False"]:
        assert option in text
    assert "Answer:" in text and "Source:" in text and "Tuesday" in text


def test_ordering_shows_shuffled_items_and_matching_shuffled_rights():
    bank = load_bank("orientation")
    q = bank.question("orientation-dates-order")
    html = bank_to_html(bank)
    section = html.split('id="quiz-orientation-dates-order"')[1].split("<details")[0]
    positions = [section.index(render_inline(i)) for i in q.items]
    assert positions != sorted(positions), "the static list must not show the correct order"
    xss = load_bank(FIXTURES / "xss.yaml").question("xss-matching")
    assert xss.display_rights() != xss.rights


def test_instructor_mode_marks_right_options():
    html = bank_to_html("orientation", instructor=True)
    assert "2021-12-07 <strong>✓ (correct)</strong>" in html
    assert "(answer key)" in html
    assert "✓ (correct)" not in bank_to_html("orientation")


def test_quiz_to_html_follows_its_own_order_and_mode():
    quiz = Quiz.from_bank("orientation", shuffle=True, seed=2, progress=False)
    html = quiz.to_html()
    ids = re.findall(r'id="quiz-([^"]+)"', html)
    assert ids == [q.id for q in quiz.questions]
    opts = quiz.option_order["orientation-article-date"]
    part = html.split('id="quiz-orientation-article-date"')[1].split("</ol>")[0]
    assert [part.index(o) for o in opts] == sorted(part.index(o) for o in opts)
    assert "<details" not in quiz.to_html(instructor=True)


def test_env_var_turns_on_instructor_html(monkeypatch):
    monkeypatch.setenv("CRISIS_COURSE_INSTRUCTOR", "1")
    data = Quiz.from_bank("orientation", progress=False)._repr_mimebundle_()
    assert "<details" not in data["text/html"] and "✓ (correct)" in data["text/html"]


XSS_NEEDLES = ["<script", "<img", "<svg", "<iframe", "<style", "<b ", "<b>", "onmouseover=\"",
               'href="javascript', "</div><script"]  # escaped text such as "onerror=" is harmless


@pytest.mark.parametrize("instructor", [False, True])
def test_xss_strings_are_escaped_in_static_html(instructor):
    html = bank_to_html(load_bank(FIXTURES / "xss.yaml"), instructor=instructor)
    lowered = html.lower()
    for needle in XSS_NEEDLES:
        assert needle not in lowered, needle
    assert_safe(html)
    assert "&lt;script&gt;alert(&#x27;prompt&#x27;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # the URL with a quote in it becomes a link whose href cannot break out of its attribute
    c = parse(html)
    hrefs = [a["href"] for t, a in c.tags if t == "a"]
    assert hrefs and all('"' not in h and "<" not in h for h in hrefs)
    # the visible text still says what the author wrote
    text = "".join(c.text)
    assert "<script>alert('prompt')</script>" in text


@pytest.mark.parametrize("src,expected", [
    ("**bold** and *it* and _it_", "<strong>bold</strong> and <em>it</em> and <em>it</em>"),
    ("`<b>x</b>` **`y`**", "<code>&lt;b&gt;x&lt;/b&gt;</code> <strong><code>y</code></strong>"),
    ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
    ("see https://www.nato.int/x.htm.", 'see <a href="https://www.nato.int/x.htm" rel="noopener noreferrer" '
                                        'style="color:#0b4f9c;text-decoration:underline">https://www.nato.int/x.htm</a>.'),
    ("[NATO](https://www.nato.int)", '<a href="https://www.nato.int" rel="noopener noreferrer" '
                                     'style="color:#0b4f9c;text-decoration:underline">NATO</a>'),
    ("[bad](javascript:alert(1))", "[bad](javascript:alert(1))"),
    ("2 * 3 * 4", "2 * 3 * 4"),
    ("snake_case_name", "snake_case_name"),
    ("line one\nline two", "line one<br>line two"),
    ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
    ('" onmouseover="x', "&quot; onmouseover=&quot;x"),
])
def test_markup_subset(src, expected):
    assert render_inline(src) == expected


def test_markup_paragraphs():
    assert render("one\n\ntwo") == "<p>one</p><p>two</p>"


def test_static_html_contrast_uses_dark_text():
    """All text colours used are dark (contrast >= 7:1 on white)."""
    html = bank_to_html("orientation") + bank_to_html("orientation", instructor=True)

    def lum(hex_colour):
        rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    colours = set(re.findall(r"(?<![-\w])color:#([0-9a-fA-F]{6})", html))
    assert colours
    for c in colours:
        ratio = (1.0 + 0.05) / (lum(c) + 0.05)
        # the lightest background used is #f3f3f3 (lum ~0.9): still require a ratio >= 7 on white
        assert ratio >= 7, (c, ratio)
