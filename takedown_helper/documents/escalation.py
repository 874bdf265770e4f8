"""Escalation sheet: where to complain when a platform does not act, by the place whose law
applies (the person shown's, else the requester's) and the age.

US: the FTC, which enforces the TAKE IT DOWN Act. EU: the Digital Services Coordinator (DSA Art. 53)
and out-of-court dispute settlement (Art. 21). Australia: eSafety. UK: the IWF for minors, the
Revenge Porn Helpline for adults. Canada: Cybertip.ca for minors. Minors elsewhere: the national
hotline, and NCMEC's CyberTipline. The rules are in `takedown_helper.places`. For the user, not sent:
in the user's language (the routes' names from the directory's Spanish labels).
"""

from __future__ import annotations

from datetime import date

from takedown_helper import places, situations
from takedown_helper.case import Case
from takedown_helper.directory import Channel
from takedown_helper.documents import Document, DocumentKind, house_paper
from takedown_helper.documents.platform_notice import checks_for
from takedown_helper.geography import in_eu
from takedown_helper.i18n import _


def routes(case: Case) -> tuple[Channel, ...]:
    """Where to turn if a platform does not act, for the place whose law applies and the age
    (see `takedown_helper.places.escalation_routes`)."""
    return places.escalation_routes(case)


def build(case: Case, today: date) -> list[Document]:
    channels = routes(case)
    bases: tuple[str, ...] = ("escalation",) if channels else ()
    if in_eu(case.law_country):
        bases += ("escalation_eu",)
    return [
        Document(
            kind="escalation",
            slug="if-nothing-happens",
            title="If a website does not act",
            template="letters/escalation.html",
            language=case.language,  # the user's own sheet, in the user's language
            paper=house_paper(case.country),
            dated=today,
            bases=bases,
            channels=channels,
            signer=case.signer,
            checks=checks_for(None, channels),
            gaps=places.gaps(case),
        )
    ]


KIND = DocumentKind(
    key="escalation",
    summary=_("Where to complain if a website does not remove the content."),
    build=build,
    # Escalation follows a notice: a case with no notice (threats, private chats only) has none.
    recommended=lambda case: situations.posted_publicly(case)
    and (bool(routes(case)) or in_eu(case.law_country)),
)
