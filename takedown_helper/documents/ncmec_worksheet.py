"""NCMEC CyberTipline worksheet: the case's facts in the order the CyberTipline form asks for them.

For the user (not sent): it prepares the online report at report.cybertip.org or a phone call. The
person shown's name appears only if the user gave it; the form lets the reporter stay anonymous.
"""

from __future__ import annotations

from datetime import date

from takedown_helper import situations
from takedown_helper.case import Case
from takedown_helper.directory import directory
from takedown_helper.documents import Document, DocumentKind, house_paper
from takedown_helper.documents.platform_notice import checks_for
from takedown_helper.i18n import _


def bases_for(case: Case) -> tuple[str, ...]:
    """Links: the report lists them. No link (private chats, not known, nothing posted): the
    report says so. Threats (sextortion): also the incident type online enticement."""
    found: tuple[str, ...] = ("cybertipline",) if case.items else ("cybertipline_no_links",)
    if situations.threatened(case):
        found += ("cybertipline_enticement",)
    return found


def build(case: Case, today: date) -> list[Document]:
    ncmec = directory().get("ncmec")
    channels = (
        ncmec.channels_for("report") + ncmec.channels_for("hashing") + ncmec.channels_for("support")
    )
    return [
        Document(
            kind="ncmec_worksheet",
            slug="cybertipline-worksheet",
            title="CyberTipline report worksheet",
            template="letters/ncmec_worksheet.html",
            language="en",  # the CyberTipline form is in English
            paper=house_paper(case.country),
            dated=today,
            recipient=ncmec,
            bases=bases_for(case),
            items=case.items,
            channels=channels,
            signer=case.signer,
            checks=checks_for(None, channels),
            accounts=case.threat_accounts,
            since=case.threat_started_on,
        )
    ]


KIND = DocumentKind(
    key="ncmec_worksheet",
    summary=_("Your answers, ready for a report to NCMEC's CyberTipline."),
    build=build,
    recommended=lambda case: case.possibly_minor,
)
