"""The API docs page renders the schema's descriptions as Markdown, where a bare ``<slug>``
is an HTML tag and disappears: a newcomer read "/api/v1/orgs//". Every placeholder in a
description must survive that rendering (inside backticks, or written ``{slug}``)."""

from __future__ import annotations

import re

import pytest
import yaml
from django.test import Client

pytestmark = pytest.mark.django_db

# A word in angle brackets outside a `code span`: Markdown renderers drop it as a tag.
BARE_TAG = re.compile(r"<[a-z_]+>")


def descriptions(node, path="$"):
    """Every description string in the schema, with where it was found."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield path, value
            else:
                yield from descriptions(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from descriptions(value, f"{path}[{index}]")


def test_no_description_loses_a_placeholder_in_the_docs_page():
    schema = yaml.safe_load(Client().get("/api/schema/").content)
    bad = []
    for where, text in descriptions(schema):
        outside_code = re.sub(r"`[^`]*`", "", text)
        if BARE_TAG.search(outside_code):
            bad.append(f"{where}: {text[:120]!r}")
    assert not bad, "descriptions with a bare <placeholder>:\n" + "\n".join(bad)
    assert "/api/v1/orgs/{org_slug}/" in schema["info"]["description"]
