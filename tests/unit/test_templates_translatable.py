"""Every word a template shows goes through {% translate %} or {% blocktranslate %}.

Each template in the folders of ``CHECKED`` is split with Django's own template Lexer. Text
outside a translation tag is read as HTML: the words of its text nodes, and of the ``alt``,
``title``, ``aria-label`` and ``placeholder`` attributes (a screen reader or a tooltip shows
them), must be none. Tags, other attributes, ``{{ variables }}``, whitespace and punctuation
are ignored. A folder joins ``CHECKED`` once its templates are translated; a template that
fails names its line and the words.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

TEMPLATES = Path(__file__).resolve().parents[2] / "orgkit" / "templates"

# Template folders whose every word is translatable; "" is the top-level templates only.
# Apps add their folder here when they translate it.
CHECKED = [
    "",
    "core",
    "organizations",
    "registration",
    "emails",
    "rotations",
    "emails/rotations",
    "elections",
    "casestudies",
    "health",
    "skills",
    "decisions",
]

# Words that stay as they are in every language: the product's name.
UNTRANSLATED_WORDS = {"orgkit"}

VISIBLE_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}

# What a non-text token becomes in the text handed to the HTML parser: none is a letter, so a
# translated phrase or a variable never counts as a word.
TRANSLATED, VARIABLE, TAG = "\x01", "\x02", "\x03"
WORD = re.compile(r"[^\W\d_]+")
OPENS_TRANSLATION = ("blocktranslate", "blocktrans")
CLOSES_TRANSLATION = ("endblocktranslate", "endblocktrans")


def _tag_name(token) -> str:
    return token.contents.split(maxsplit=1)[0] if token.contents.strip() else ""


def flatten(source: str) -> str:
    """The template as the HTML parser should see it: text tokens as they are, everything
    inside {% blocktranslate %}…{% endblocktranslate %} and each {% translate %} as one
    TRANSLATED mark, variables and other tags as marks, comments dropped. Newlines are kept
    so the parser's line numbers are the template's."""
    parts: list[str] = []
    skipping: tuple[str, ...] | None = None  # the closing tag names while inside a block
    for token in Lexer(source).tokenize():
        newlines = "\n" * token.contents.count("\n")
        if skipping is not None:
            if token.token_type == TokenType.BLOCK and _tag_name(token) in skipping:
                skipping = None
            parts.append(newlines)
            continue
        if token.token_type == TokenType.TEXT:
            parts.append(token.contents)
        elif token.token_type == TokenType.VAR:
            parts.append(VARIABLE + newlines)
        elif token.token_type == TokenType.COMMENT:
            parts.append(newlines)
        else:
            name = _tag_name(token)
            if name in OPENS_TRANSLATION:
                skipping = CLOSES_TRANSLATION
                parts.append(TRANSLATED + newlines)
            elif name == "comment":
                skipping = ("endcomment",)
                parts.append(newlines)
            elif name in ("translate", "trans"):
                parts.append(TRANSLATED + newlines)
            else:
                parts.append(TAG + newlines)
    return "".join(parts)


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []  # (line, where, words)
        self._skip_depth = 0

    def _note(self, text: str, where: str) -> None:
        words = [w for w in WORD.findall(text) if w.lower() not in UNTRANSLATED_WORDS]
        if words:
            self.found.append((self.getpos()[0], where, " ".join(words)))

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip_depth += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self._note(value, f'{tag} {name}="…"')

    def handle_startendtag(self, tag, attrs):
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self._note(value, f'{tag} {name}="…"')

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip_depth:
            self._skip_depth -= 1

    def handle_data(self, data):
        if not self._skip_depth:
            self._note(data, "text")


def untranslated(source: str) -> list[tuple[int, str, str]]:
    """``(line, where, words)`` for each piece of visible text outside a translation tag."""
    parser = _VisibleText()
    parser.feed(flatten(source))
    parser.close()
    return parser.found


def checked_templates() -> list[Path]:
    found: list[Path] = []
    for folder in CHECKED:
        directory = TEMPLATES / folder
        found += sorted(
            p for p in directory.iterdir() if p.is_file() and p.suffix in {".html", ".txt"}
        )
    return found


@pytest.mark.parametrize(
    "template", checked_templates(), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_every_word_of_the_template_is_translatable(template: Path):
    problems = untranslated(template.read_text(encoding="utf-8"))
    assert not problems, "\n".join(
        f"{template.relative_to(TEMPLATES)}:{line}: {where} not translated: {words}"
        for line, where, words in problems
    )


def test_every_checked_folder_exists_and_has_templates():
    for folder in CHECKED:
        directory = TEMPLATES / folder
        assert directory.is_dir(), folder
        assert any(p.suffix in {".html", ".txt"} for p in directory.iterdir()), folder


# --- the checker itself: it must catch what it claims to catch ------------------------------


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("<p>Hello there</p>", "Hello there"),
        ('{% load i18n %}<img src="x.png" alt="A cat">', "A cat"),
        ("<button title='Close it'>{% translate 'Close' %}</button>", "Close it"),
        ('<nav aria-label="Pages">', "Pages"),
        ('<input placeholder="Your name">', "Your name"),
        ("<span>{{ counter }} members</span>", "members"),
        ("{% if x %}Save{% endif %}", "Save"),
        ("<a href=\"{% url 'home' %}\">Home</a>", "Home"),
        ("{% translate 'One' %} and {% translate 'two' %}", "and"),
        ("Plain text email body\n{{ link }}", "Plain text email body"),
    ],
)
def test_the_check_finds_untranslated_words(source, words):
    assert [found[2] for found in untranslated(source)] == [words]


@pytest.mark.parametrize(
    "source",
    [
        "{% load i18n %}<p>{% translate 'Hello' %}</p>",
        "<p>{% blocktranslate with n=x %}You have <strong>{{ n }}</strong> votes{% endblocktranslate %}</p>",
        "{% blocktranslate count counter=n %}{{ counter }} member{% plural %}{{ counter }} members{% endblocktranslate %}",
        '<a href="/x" class="button secondary" {% if a %}aria-current="page"{% endif %}>{{ name }}</a>',
        "<nav aria-label=\"{% translate 'Pages' %}\"></nav><p>{{ a }} · {{ b }} — 2026</p>",
        "{# a comment with words #}{% comment %}more words{% endcomment %}<title>orgkit</title>",
        '<meta content=\'{"includeIndicatorStyles": false}\'><input name="q" type="search">',
        "<p>&nbsp;&amp; — …</p>",
    ],
)
def test_the_check_accepts_translated_templates(source):
    assert untranslated(source) == []
