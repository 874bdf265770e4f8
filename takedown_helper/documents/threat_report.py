"""Threat report: what to do now, when someone threatens to share the imagery (sextortion).

For the user, not sent; in the user's language. It carries NCMEC's steps for families (stop
replying, do not pay, keep the messages, tell a trusted adult, report and block the account: see
`takedown_helper.situations`), each threatening account with its app's report route from the
directory, the hashing service that can block an upload before it happens (Take It Down for
imagery made under 18, StopNCII for adults), and the reporting routes (NCMEC, the FBI). With
nothing posted, it is the first document: there is nothing to take down yet.
"""

from __future__ import annotations

from datetime import date

from takedown_helper import situations
from takedown_helper.case import Case
from takedown_helper.directory import Channel, directory
from takedown_helper.documents import Document, DocumentKind
from takedown_helper.documents.platform_notice import checks_for, paper_for
from takedown_helper.i18n import _


def report_channels(case: Case) -> tuple[Channel, ...]:
    """Where to report the crime, by the law of the place: NCMEC for a child (anyone anywhere may
    report to the CyberTipline, report.cybertip.org/faqs) and the FBI in the US; eSafety in
    Australia (its report covers image-based abuse, esafety.gov.au/report); Cybertip.ca in
    Canada. Elsewhere, the local police (the referral letter)."""
    d = directory()
    country = case.law_country
    found: tuple[Channel, ...] = ()
    if country == "CA":
        found += d.get("cybertip-ca").channels_for("report")
    elif case.possibly_minor:
        found += d.get("ncmec").channels_for("report")
    if country == "US":
        found += d.get("fbi").channels_for("report")
    if country == "AU":
        found += d.get("esafety").channels_for("report")
    return found


def channels(case: Case) -> tuple[Channel, ...]:
    apps = tuple(c for route in situations.app_routes(case) for c in route.channels)
    seen: dict[str, Channel] = {}
    for c in (*apps, *situations.hashing_channels(case), *report_channels(case)):
        seen.setdefault(c.target, c)
    return tuple(seen.values())


def build(case: Case, today: date) -> list[Document]:
    found = channels(case)
    return [
        Document(
            kind="threat_report",
            slug="threat-report",
            title="Threat report: what to do now",
            template="letters/threat_report.html",
            language=case.language,
            paper=paper_for(case.country),
            dated=today,
            bases=("threat_report",),
            channels=found,
            signer=case.signer,
            checks=checks_for(None, found),
            accounts=case.threat_accounts,
            since=case.threat_started_on,
        )
    ]


KIND = DocumentKind(
    key="threat_report",
    summary=_("If someone threatens to share images: what to do now, and how to report them."),
    build=build,
    recommended=lambda case: situations.nothing_posted(case)
    or bool(case.threat_accounts)
    or case.threat_money,
)
