"""Spanish is complete: every message orgkit's code says is in the Spanish catalogue,
translated (not empty, not fuzzy, nothing obsolete left behind), with the English's
placeholders and tags, accepted by ``msgfmt --check``, and compiled into the committed .mo.

When one fails, the fix is the same: ``bin/translations-todo > todo.json``, translate what it
lists, ``bin/translations-apply todo.json`` (orgkit/locale/README.md)."""

from __future__ import annotations

import os
import shutil
import subprocess

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from tests import catalogue as cat
from tests.support import skip_or_fail

HOW_TO_FIX = f"Fix: {cat.FIX_COMMAND} (orgkit/locale/README.md)."
# gettext is installed in CI (.ci/run); elsewhere these tests skip without it, and say so.
GETTEXT_REQUIRED = bool(os.environ.get("CI") or os.environ.get("ORGKIT_REQUIRE_BROWSER"))


@pytest.fixture(scope="module")
def spanish() -> polib.POFile:
    return polib.pofile(str(cat.po_path()))


@pytest.fixture
def gettext_tools():
    if not (shutil.which("xgettext") and shutil.which("msgfmt")):
        skip_or_fail(
            "GNU gettext is not installed (apt-get install gettext)", required=GETTEXT_REQUIRED
        )


def listing(messages) -> str:
    return "\n".join(f"  {msgid!r}" for msgid in messages)


def test_every_entry_is_translated(spanish):
    untranslated = [e.msgid for e in spanish if not e.obsolete and not cat.is_done(e)]
    obsolete = [e.msgid for e in spanish.obsolete_entries()]
    assert not untranslated, (
        f"{len(untranslated)} Spanish entries are untranslated or fuzzy:\n"
        f"{listing(untranslated)}\n{HOW_TO_FIX}"
    )
    assert not obsolete, (
        f"{len(obsolete)} obsolete entries (#~) remain; the code no longer says them:\n"
        f"{listing(obsolete)}\n{HOW_TO_FIX}"
    )


def test_translations_keep_the_placeholders_and_tags(spanish):
    problems = [
        f"  {entry.msgid!r}: {'; '.join(found)}"
        for entry in spanish
        if (found := cat.placeholder_problems(entry))
    ]
    assert not problems, "Translations that change placeholders or tags:\n" + "\n".join(problems)


def test_plural_entries_fill_every_spanish_form(spanish):
    forms = cat.nplurals(spanish)
    assert forms == 3, spanish.metadata.get("Plural-Forms")  # Django's Spanish: one, millions, many
    short = [e.msgid for e in spanish if e.msgid_plural and len(e.msgstr_plural) != forms]
    assert not short, f"plural entries without {forms} forms:\n{listing(short)}\n{HOW_TO_FIX}"


def test_the_committed_mo_is_the_compiled_po(spanish):
    """Django reads the .mo: it must say what the .po says (bin/translations-apply compiles
    it; after editing the .po by hand, run manage.py compilemessages -l es)."""
    compiled = polib.mofile(str(cat.mo_path()))
    in_mo = {cat.key(e): cat.translations(e) for e in compiled if e.msgid}
    in_po = {cat.key(e): cat.translations(e) for e in spanish if not e.obsolete and e.msgid}
    stale = sorted(k[1] for k in in_po.keys() | in_mo.keys() if in_po.get(k) != in_mo.get(k))
    assert not stale, (
        f"django.mo differs from django.po for {len(stale)} messages:\n{listing(stale[:40])}\n"
        "Fix: manage.py compilemessages -l es (or bin/translations-apply)."
    )


def test_msgfmt_accepts_the_catalogue(gettext_tools):
    check = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(cat.po_path())],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


def test_every_message_the_code_says_is_in_the_catalogue(
    gettext_tools, spanish, tmp_path, monkeypatch
):
    """makemessages, run afresh into a temporary folder, finds nothing the committed catalogue
    lacks — a string someone added or changed without translating it fails here."""
    monkeypatch.chdir(settings.BASE_DIR)  # makemessages reads the tree below the cwd
    monkeypatch.setattr(settings, "LOCALE_PATHS", [tmp_path])  # leave orgkit/locale alone
    call_command("makemessages", locale=[cat.LANGUAGE], verbosity=0, ignore_patterns=cat.IGNORE)
    fresh = polib.pofile(str(cat.po_path(locale=tmp_path)))
    said = {cat.key(e) for e in fresh if e.msgid}
    have = {cat.key(e) for e in spanish if not e.obsolete and e.msgid}
    missing = sorted(msgid for _, msgid in said - have)
    gone = sorted(msgid for _, msgid in have - said)
    assert not missing, (
        f"{len(missing)} messages in the code are missing from the Spanish catalogue:\n"
        f"{listing(missing)}\n{HOW_TO_FIX}"
    )
    assert not gone, (
        f"{len(gone)} Spanish entries are for messages the code no longer says:\n"
        f"{listing(gone)}\n{HOW_TO_FIX}"
    )


def test_the_checker_catches_a_dropped_placeholder_or_tag():
    """The placeholder check can fail: a translation that loses a name, a field or a tag."""
    dropped = polib.POEntry(msgid="Hello %(name)s, see {target}", msgstr="Hola, mira {objetivo}")
    assert len(cat.placeholder_problems(dropped)) == 2
    untagged = polib.POEntry(msgid="Your slate: <strong>%(s)s</strong>", msgstr="Tu lista: %(s)s")
    assert cat.placeholder_problems(untagged) == ["HTML tags ['</strong', '<strong'] became []"]
    counted = polib.POEntry(
        msgid="one vote",
        msgid_plural="%(counter)s votes",
        msgstr_plural={0: "un voto", 1: "%(counter)s votos", 2: "votos"},
    )
    assert cat.placeholder_problems(counted) == ["placeholders ['%(counter)s'] became []"]
