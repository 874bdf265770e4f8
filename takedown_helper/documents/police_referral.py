"""Referral letter to the police agency the user names, with the FBI and HSI tip routes alongside.

The addressee comes from the user, never from the directory. Without an agency the document is
still planned, with `missing` naming `history.police.agency`, so the user sees it is needed.
"""

from __future__ import annotations

from datetime import date

from takedown_helper import places, situations
from takedown_helper.case import Case
from takedown_helper.directory import directory
from takedown_helper.documents import Addressee, Document, DocumentKind, Requirement, house_paper
from takedown_helper.documents.platform_notice import (
    checks_for,
    missing_from,
    sign_requirements,
)
from takedown_helper.i18n import _

AGENCY = Requirement(
    paths=(("history", "police", "agency"),),
    why=_("Name the police agency the letter goes to."),
)


def bases_for(case: Case) -> tuple[str, ...]:
    """Links: the referral lists them. Threats: the accounts and dates. Neither (private chats,
    links not known): the referral says no link is known."""
    found: tuple[str, ...] = ("police_referral",) if case.items else ()
    if situations.threatened(case):
        found += ("police_threat",)
    return found or ("police_no_links",)


def build(case: Case, today: date) -> list[Document]:
    addressee = None
    if case.police:
        addressee = Addressee(
            name=case.police.name, lines=case.police.address, email=case.police.email
        )
    # The law of the place: a US letter asks the agency for a § 2703(f) preservation request
    # (only a governmental entity can make one) and lists the FBI and HSI; anywhere else the
    # letter names no foreign statute and asks for preservation through each platform's
    # law-enforcement process.
    us = case.law_country == "US"
    channels = places.police_routes(case)
    # The letter lists each platform's law-enforcement route for the officers: those facts are
    # checked like any other the letter is built from.
    for_officers = tuple(
        c
        for p in situations.platforms_involved(case)
        for c in directory().get(p).channels_for("law_enforcement")
    )
    missing: tuple[Requirement, ...] = () if case.police else (AGENCY,)
    missing += missing_from(case, sign_requirements(_("The agency needs to know who writes.")))
    return [
        Document(
            kind="police_referral",
            slug="police-referral",
            title="Referral to law enforcement",
            template="letters/police_referral.html",
            language="en",
            paper=house_paper(case.country),
            dated=today,
            addressee=addressee,
            bases=bases_for(case) + (("police_us", "us_tip_routes") if us else ()),
            items=case.items,
            channels=channels,
            signer=case.signer,
            missing=missing,
            checks=checks_for(None, channels + for_officers),
            accounts=case.threat_accounts,
            since=case.threat_started_on,
        )
    ]


KIND = DocumentKind(
    key="police_referral",
    summary=_("A letter asking the police to open a case and preserve the evidence."),
    build=build,
)
