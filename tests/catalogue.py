"""Keeping the Spanish catalogue complete: what is left to translate, filling it in, and the
checks tests/integration/test_spanish_catalogue.py runs.

    bin/translations-todo > todo.json        # makemessages, then every entry still to translate
    (fill in each "msgstr" / "msgstr_plural")
    bin/translations-apply todo.json         # write them into the .po, compile the .mo

The JSON is a list of entries, one per message: ``msgid`` (and ``msgid_plural``, ``msgctxt``
where the source has them) say which message; ``msgstr`` (or ``msgstr_plural``, a list — the
singular then the plural; Spanish's third form, for round millions, repeats the plural) is
the translation. A ``fuzzy_guess`` is gettext's guess from a similar old message: a hint only.

Needs polib (a test dependency) and, for makemessages and msgfmt, GNU gettext.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "orgkit" / "locale"
LANGUAGE = "es"
# makemessages walks the tree below the working directory; these hold no source of orgkit's.
IGNORE = [".venv", "orgkit/locale", "var", "staticfiles", "test-artifacts", "benchmarks"]
HEADER = {
    "Project-Id-Version": "orgkit",
    "Last-Translator": "orgkit contributors",
    "PO-Revision-Date": "2026-12-01 00:00+0000",
    "Language": LANGUAGE,
    "Language-Team": "Spanish",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}
FIX_COMMAND = (
    "bin/translations-todo > todo.json, translate it, then bin/translations-apply todo.json"
)

# What must come through a translation unchanged, in any order.
# (msgfmt --check compares python-format too, but not the names; "% of" in an English label is
# no placeholder, hence no space flag here.)
PERCENT = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0+]?\d*(?:\.\d+)?[sdfr%]")
BRACE = re.compile(r"(?<!\{)\{[A-Za-z_][A-Za-z0-9_.]*\}(?!\})")
# Markup that appears inside messages ("<address>" in "orgkit.example/o/<address>/" is a word).
TAG = re.compile(r"</?(?:a|abbr|b|br|code|em|i|kbd|li|mark|p|small|span|strong|time|ul)\b")


def po_path(language: str = LANGUAGE, locale: Path = LOCALE) -> Path:
    return locale / language / "LC_MESSAGES" / "django.po"


def mo_path(language: str = LANGUAGE, locale: Path = LOCALE) -> Path:
    return locale / language / "LC_MESSAGES" / "django.mo"


def key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def is_done(entry: polib.POEntry) -> bool:
    return "fuzzy" not in entry.flags and all(translations(entry))


def placeholder_problems(entry: polib.POEntry) -> list[str]:
    """What a translation dropped, added or changed of the source's placeholders and tags."""
    problems = []
    for label, pattern in [("placeholders", PERCENT), ("{fields}", BRACE), ("HTML tags", TAG)]:
        # A singular may leave the count out ("one vote" for "%(counter)s vote"): compare it
        # with the singular, and every plural form with the plural.
        sources = [entry.msgid] + [entry.msgid_plural] * (len(translations(entry)) - 1)
        for source, text in zip(sources, translations(entry), strict=True):
            want, got = Counter(pattern.findall(source)), Counter(pattern.findall(text))
            if entry.msgid_plural and source == entry.msgid:
                want.pop("%(counter)s", None)
                got.pop("%(counter)s", None)
            if text and want != got:
                problems.append(
                    f"{label} {sorted(want.elements())} became {sorted(got.elements())}"
                )
    return problems


def makemessages(language: str = LANGUAGE) -> Path:
    """Update orgkit's catalogue from the code (new messages come in untranslated, changed
    ones fuzzy) and return its path. Obsolete entries are dropped: the code no longer says
    them."""
    command = [sys.executable, "manage.py", "makemessages", "-l", language, "--no-obsolete"]
    run(command + [f"--ignore={pattern}" for pattern in IGNORE])
    return po_path(language)


def run(command: list[str]) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")


def save(catalogue: polib.POFile, po: Path) -> None:
    """Save, then let gettext lay the file out (msgcat wraps as makemessages does), so that
    the next makemessages changes only what changed."""
    set_header(catalogue)
    catalogue.save(str(po))
    run(["msgcat", "-o", str(po), str(po)])


def compile_mo(po: Path) -> None:
    run(["msgfmt", "--check", "-o", str(po.with_suffix(".mo")), str(po)])


def todo(catalogue: polib.POFile) -> list[dict]:
    """The entries still to translate, as the JSON skeleton bin/translations-apply reads."""
    rows = []
    for entry in catalogue:
        if entry.obsolete or is_done(entry):
            continue
        row: dict = {"msgid": entry.msgid}
        if entry.msgctxt:
            row["msgctxt"] = entry.msgctxt
        if entry.msgid_plural:
            row["msgid_plural"] = entry.msgid_plural
            row["msgstr_plural"] = ["", ""]
        else:
            row["msgstr"] = ""
        if "fuzzy" in entry.flags and any(translations(entry)):
            row["fuzzy_guess"] = translations(entry)
        rows.append(row)
    return rows


def apply(catalogue: polib.POFile, rows: list[dict]) -> tuple[int, list[str]]:
    """Write the filled rows into ``catalogue``; return how many were applied and why the
    others were not (unknown message, empty, or placeholders that do not match)."""
    entries = {key(entry): entry for entry in catalogue if not entry.obsolete}
    applied, refused = 0, []
    for row in rows:
        entry = entries.get((row.get("msgctxt", ""), row["msgid"]))
        if entry is None:
            refused.append(f"not in the catalogue: {row['msgid']!r}")
            continue
        before = (entry.msgstr, dict(entry.msgstr_plural), list(entry.flags))
        if not fill(entry, row, nplurals(catalogue)):
            refused.append(f"no translation given: {row['msgid']!r}")
            continue
        problems = placeholder_problems(entry)
        if problems:
            entry.msgstr, entry.msgstr_plural, entry.flags = before
            refused.append(f"{row['msgid']!r}: {'; '.join(problems)}")
            continue
        applied += 1
    return applied, refused


def nplurals(catalogue: polib.POFile) -> int:
    found = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    return int(found.group(1)) if found else 2


def fill(entry: polib.POEntry, row: dict, count: int) -> bool:
    if entry.msgid_plural:
        forms = [text for text in row.get("msgstr_plural") or [] if text]
        if len(forms) < 2:
            return False
        # Forms past the ones given repeat the last (Spanish's third, for round millions).
        entry.msgstr_plural = {i: forms[min(i, len(forms) - 1)] for i in range(count)}
    else:
        if not row.get("msgstr"):
            return False
        entry.msgstr = row["msgstr"]
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    return True


def set_header(catalogue: polib.POFile) -> None:
    catalogue.metadata.update(HEADER)
    catalogue.metadata_is_fuzzy = False
    catalogue.header = "Spanish translation of orgkit. See orgkit/locale/README.md."


def main_todo(argv: list[str]) -> int:
    """bin/translations-todo [--no-update]: update the catalogue from the code, then print
    what remains to translate as JSON (an empty list when the catalogue is complete)."""
    po = po_path()
    if "--no-update" not in argv:
        makemessages()
    catalogue = polib.pofile(str(po), wrapwidth=1000)
    save(catalogue, po)
    rows = todo(catalogue)
    json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    print(f"{len(rows)} entries to translate in {po.relative_to(ROOT)}", file=sys.stderr)
    return 0


def main_apply(argv: list[str]) -> int:
    """bin/translations-apply FILE.json [...]: write the translations in, compile the .mo."""
    if not argv:
        print("usage: bin/translations-apply FILE.json [FILE.json ...]", file=sys.stderr)
        return 2
    po = po_path()
    catalogue = polib.pofile(str(po), wrapwidth=1000)
    applied, refused = 0, []
    for name in argv:
        try:
            rows = json.loads(Path(name).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"{name}: not a JSON list of entries ({error})", file=sys.stderr)
            return 2
        done, problems = apply(catalogue, rows)
        applied, refused = applied + done, refused + problems
    save(catalogue, po)
    compile_mo(po)
    remaining = len(todo(catalogue))
    for problem in refused:
        print(f"refused {problem}", file=sys.stderr)
    print(
        f"applied {applied}, refused {len(refused)}, {remaining} still to translate; "
        f"compiled {mo_path().relative_to(ROOT)}",
        file=sys.stderr,
    )
    return 1 if refused else 0


if __name__ == "__main__":
    command, *rest = sys.argv[1:] or ["todo"]
    sys.exit({"todo": main_todo, "apply": main_apply}[command](rest))
