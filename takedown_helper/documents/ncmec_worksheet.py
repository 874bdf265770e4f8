"""NCMEC CyberTipline worksheet: the case's facts in the order the CyberTipline form asks for them.

For the user (not sent): it prepares the online report at report.cybertip.org or a phone call. The
person shown's name appears only if the user gave it; the form lets the reporter stay anonymous.
In the user's language; the form's own English names are kept beside their translation.
"""

from __future__ import annotations

from datetime import date

from takedown_helper import situations
from takedown_helper.case import Case
from takedown_helper.directory import directory
from takedown_helper.documents import Document, DocumentKind, house_paper
from takedown_helper.documents.platform_notice import checks_for
from takedown_helper.i18n import N_, _

# What the worksheet prints translated (the form's section names, the signer's capacity from
# documents.capacity, fixed phrases from bases): listed here so the catalog extracts them.
MESSAGES = (
    N_("Reporting person"),
    N_("Incident type and date"),
    N_("Internet details"),
    N_("Child victim"),
    N_("Suspect"),
    N_("Additional information"),
    N_("make a note that you have them"),
    N_("No link"),
    N_("not known to have been posted"),
    N_("the person shown in the depictions"),
    N_("the parent or legal guardian of the person shown, acting on their behalf"),
    N_("an authorized representative of the person shown, acting on their behalf"),
    N_("a trusted adult helping the person shown"),
)


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
            # The user's own sheet, in the user's language; the form is in English, so each part
            # also gives the form's English name (marked as English).
            language=case.language,
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
