"""Members' Markdown renders to safe HTML: formatting yes, script and foreign markup no."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from orgkit.core.markdown import render_markdown


def test_formatting_survives():
    html = render_markdown("# Report\n\n**We disagree** with *item 3*.\n\n- one\n- two\n\n> quoted")
    assert "<h2>Report</h2>" in html and "<strong>We disagree</strong>" in html
    assert "<em>item 3</em>" in html and "<li>one</li>" in html and "<blockquote>" in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        '<a href="https://evil.example" onclick="x()">a</a>',
        "<iframe src=https://evil.example></iframe>",
        "<style>body{display:none}</style>",
        "![tracker](https://evil.example/pixel.png)",
    ],
)
def test_hostile_markup_is_inert(hostile):
    # Inert means: no such element and no such attribute in the HTML — the same text shown
    # escaped, as words on the page, is fine.
    tags, attributes = [], []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append(tag)
            attributes.extend((name, value or "") for name, value in attrs)

    Collect().feed(render_markdown(hostile))
    assert not set(tags) & {"script", "img", "iframe", "style"}, tags
    assert not [name for name, _ in attributes if name.startswith("on")], attributes
    assert not [v for name, v in attributes if name == "href" and not v.startswith("https:")]


def test_links_cannot_carry_the_opener():
    html = render_markdown("[our site](https://example.org)")
    assert 'href="https://example.org"' in html and "noopener" in html
