"""Spanish is complete: every marked string in the code and templates has a translation, the
catalogue and its template hold no string the code no longer marks, and the compiled catalog the
app loads is the one the .po file says. `scripts/translations` brings them in step."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "takedown_helper/translations/es/LC_MESSAGES/messages.po"
MO = PO.with_suffix(".mo")
POT = ROOT / "takedown_helper/translations/messages.pot"


def _key(value):
    """Plural messages have a tuple of ids and strings."""
    return value if isinstance(value, str) else tuple(value)


def _translated(value) -> bool:
    return bool(value) and (isinstance(value, str) or all(value))


def _extracted(tmp_path: Path) -> dict:
    """Every string the code and templates mark for translation (the project's extraction), with
    the files that mark it."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-o", str(pot), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    return _files_of(pot)


def _files_of(catalogue: Path) -> dict:
    with catalogue.open("rb") as handle:
        return {_key(m.id): {path for path, _line in m.locations} for m in read_po(handle) if m.id}


def _marked(tmp_path: Path) -> set:
    return set(_extracted(tmp_path))


def _spanish() -> dict:
    with PO.open("rb") as handle:
        return {_key(m.id): m.string for m in read_po(handle) if m.id}


def test_every_marked_string_has_a_spanish_translation(tmp_path):
    spanish = _spanish()
    missing = sorted(str(m) for m in _marked(tmp_path) if not _translated(spanish.get(m)))
    assert missing == []


def test_the_catalogue_holds_no_string_the_code_no_longer_marks(tmp_path):
    """A dead entry is a translation nobody reviews any more, and it hides a string that was
    reworded in English but not in Spanish (found: 54 of them)."""
    dead = sorted(str(m) for m in set(_spanish()) - _marked(tmp_path))
    assert dead == []


def test_compiled_catalog_matches_the_po_file():
    with PO.open("rb") as po, MO.open("rb") as mo:
        source = {_key(m.id): _key(m.string) for m in read_po(po) if m.id and _translated(m.string)}
        compiled = {_key(m.id): _key(m.string) for m in read_mo(mo) if m.id}
    assert compiled == source


def test_the_template_holds_exactly_the_strings_the_code_marks(tmp_path):
    """The committed messages.pot once kept 48 strings no code marked and lacked 359 it did."""
    marked = _marked(tmp_path)
    template = set(_files_of(POT))
    assert sorted(map(str, template - marked)) == []  # dead
    assert sorted(map(str, marked - template)) == []  # missing


def test_the_catalogue_names_the_files_that_mark_each_string(tmp_path):
    """A location comment tells a translator where a string is shown; the catalogue once named
    files that no longer held the string."""
    extracted = _extracted(tmp_path)
    stale = {str(m): sorted(files) for m, files in _files_of(PO).items()
             if m in extracted and files != extracted[m]}
    assert stale == {}
