"""Every name and channel label a user can read has Spanish text.

Recipients' names and channel labels are shown on the documents page, in the guide, the
CyberTipline worksheet, the sheet for when nothing happens, the check pages and the reminders, in
the user's language. A brand stays itself ("Reddit"), but is still given as `display_name_es`, so
a recipient added without Spanish fails here, not in front of a reader.
"""

from __future__ import annotations

from takedown_helper.directory import directory
from takedown_helper.labels import localized


def test_every_recipient_has_a_spanish_name():
    lacking = [r.id for r in directory().all() if not (r.display_name_es or "").strip()]
    assert lacking == [], f"add display_name_es to: {lacking}"


def test_every_channel_has_a_spanish_label():
    lacking = [
        f"{r.id}: {c.label}"
        for r in directory().all()
        for c in r.channels
        if not (c.label_es or "").strip()
    ]
    assert lacking == [], "add label_es to:\n" + "\n".join(lacking)


def test_a_spanish_reader_gets_the_spanish_label():
    ncmec = directory().get("ncmec")
    report = ncmec.channels_for("report")[0]
    assert localized(report, "es") == "Reporte en línea a la CyberTipline"
    assert localized(report, "en") == "CyberTipline online report"
    assert "Centro Nacional para Niños Desaparecidos y Explotados" in localized(ncmec, "es")
