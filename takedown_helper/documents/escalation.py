"""Escalation sheet: where to complain when a platform does not act, by where the user is.

US: the FTC, which enforces the TAKE IT DOWN Act. EU: the Digital Services Coordinator (DSA Art. 53)
and out-of-court dispute settlement (Art. 21). Australia: eSafety. UK: the IWF for minors, the
Revenge Porn Helpline for adults. Canada: Cybertip.ca. Minors elsewhere: NCMEC's CyberTipline.
For the user, not sent.
"""

from __future__ import annotations

from datetime import date

from takedown_helper import situations
from takedown_helper.case import Case
from takedown_helper.directory import Channel, directory
from takedown_helper.documents import Document, DocumentKind
from takedown_helper.documents.platform_notice import checks_for, paper_for
from takedown_helper.geography import in_eu
from takedown_helper.i18n import _


def routes(case: Case) -> tuple[Channel, ...]:
    found: list[Channel] = []
    if case.country == "US":
        found += directory().get("ftc").channels_for("complaint")
    if case.country == "AU":
        found += directory().get("esafety").channels_for("report")
    if case.country == "GB":
        if case.possibly_minor:
            # The IWF takes a URL-only report. (Report Remove has the young person upload the
            # imagery, so the documents only name it, never ask for it.)
            iwf = directory().get("iwf-childline").channels_for("report")
            found += tuple(c for c in iwf if c.url and "iwf.org.uk" in c.url)
        else:
            found += directory().get("revenge-porn-helpline").channels_for("support")
    if case.country == "CA":
        found += directory().get("cybertip-ca").channels_for("report")
    if case.possibly_minor and case.country != "CA":
        found += directory().get("ncmec").channels_for("report")
    return tuple(found)


def build(case: Case, today: date) -> list[Document]:
    channels = routes(case)
    bases = ("escalation",) if channels else ()
    if in_eu(case.country):
        bases += ("escalation_eu",)
    return [
        Document(
            kind="escalation",
            slug="if-nothing-happens",
            title="If a website does not act",
            template="letters/escalation.html",
            language="en",
            paper=paper_for(case.country),
            dated=today,
            bases=bases,
            channels=channels,
            signer=case.signer,
            checks=checks_for(None, channels),
        )
    ]


KIND = DocumentKind(
    key="escalation",
    summary=_("Where to complain if a website does not remove the content."),
    build=build,
    # Escalation follows a notice: a case with no notice (threats, private chats only) has none.
    recommended=lambda case: situations.posted_publicly(case)
    and (bool(routes(case)) or in_eu(case.country)),
)
