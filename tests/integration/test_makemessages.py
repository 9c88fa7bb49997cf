"""``makemessages`` collects orgkit's strings: Python (services, forms, models, API), templates
(pages and emails, plurals included). Needs GNU gettext (xgettext, msgfmt): it skips without
it locally and fails in CI (.ci/run installs it)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.support import skip_or_fail

# One string from each kind of place in the shared layer, as xgettext writes its msgid.
SAMPLES = [
    'msgid "Only organizers can do this."',  # a service error and the API's permission
    'msgid "Reports to (parent body)"',  # a form label
    'msgid "congress / delegate body"',  # a model choice
    'msgid "Settings saved."',  # a flash message
    'msgid "Skip to content"',  # base.html
    'msgid "%(counter)s member"',  # a template plural…
    'msgid_plural "%(counter)s members"',
    'msgid "You are invited to join %(organization)s on orgkit"',  # an email template
    'msgid "Reset your orgkit password"',
    'msgid "set {target}\'s language to {language}"',  # an audit phrase
    'msgid "Choose one of the languages orgkit speaks."',
]


@pytest.fixture
def gettext_tools():
    if not (shutil.which("xgettext") and shutil.which("msgfmt")):
        skip_or_fail(
            "GNU gettext is not installed (apt-get install gettext)",
            required=bool(os.environ.get("CI")),
        )


def test_makemessages_collects_the_shared_layers_strings(gettext_tools, tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    locale.mkdir()
    monkeypatch.chdir(settings.BASE_DIR)  # makemessages reads the tree below the cwd
    # Into a LOCALE_PATHS of its own, so the test leaves the working tree as it was (the real
    # orgkit/locale is ignored, or makemessages would write the catalogue there).
    monkeypatch.setattr(settings, "LOCALE_PATHS", [locale])
    call_command(
        "makemessages",
        locale=["es"],
        verbosity=0,
        ignore_patterns=["orgkit/locale", "var", "staticfiles"],
    )
    catalogue = locale / "es" / "LC_MESSAGES" / "django.po"
    text = catalogue.read_text(encoding="utf-8")
    missing = [sample for sample in SAMPLES if sample not in text]
    assert not missing, f"not collected: {missing}"
    # The catalogue is well formed: placeholders are consistent, plurals complete.
    check = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(catalogue)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
