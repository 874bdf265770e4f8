"""Abuse notice to the hosting provider (and registrar) of each standalone website in the case.

The contacts come from the user, who finds them with an RDAP lookup (the guide explains how); the
app never looks anything up. Missing contacts are reported through `missing`.
"""

from __future__ import annotations

from datetime import date, timedelta

from takedown_helper import situations
from takedown_helper.case import Case
from takedown_helper.documents import Addressee, Document, DocumentKind, Requirement
from takedown_helper.documents.platform_notice import (
    TIDA_HOURS,
    missing_from,
    paper_for,
    sign_requirements,
)
from takedown_helper.i18n import _


def _contacts_needed(case: Case, hostname: str) -> tuple[Requirement, ...]:
    why = _("Find the abuse contact of the website's host or registrar with an RDAP lookup.")
    index = next((i for i, w in enumerate(case.websites) if w.hostname == hostname), None)
    if index is None:
        return (Requirement(paths=(("websites",),), why=why),)
    site = case.websites[index]
    if site.host_abuse_email or site.registrar_abuse_email:
        return ()
    return (
        Requirement(
            paths=(("websites", index, "host_abuse_email"),
                   ("websites", index, "registrar_abuse_email")),
            why=why,
        ),
    )


def build(case: Case, today: date) -> list[Document]:
    documents: list[Document] = []
    if not situations.posted_publicly(case):
        return documents  # a standalone website's content is public, or there is no notice
    for number, hostname in enumerate(case.other_hostnames, start=1):
        site = case.website(hostname)
        name = (site and (site.host_name or site.registrar_name)) or f"Abuse team, host of {hostname}"
        email = site and (site.host_abuse_email or site.registrar_abuse_email)
        addressee = Addressee(name=name, attention="Attn: Abuse team", email=email or None)
        deadline = today + timedelta(hours=TIDA_HOURS)
        documents.append(
            Document(
                kind="host_notice",
                slug=f"{number:02d}-abuse-notice-website",
                title="Abuse notice",
                template="letters/host_notice.html",
                language="en",
                paper=paper_for(case.country),
                dated=today,
                addressee=addressee,
                bases=("host_abuse",),
                items=case.items_on_host(hostname),
                signer=case.signer,
                deadline=deadline,
                follow_up_on=deadline + timedelta(days=1),
                missing=_contacts_needed(case, hostname)
                + missing_from(case, sign_requirements(_("An abuse notice must be signed."))),
            )
        )
    return documents


KIND = DocumentKind(
    key="host_notice",
    summary=_("An abuse notice to the company hosting each standalone website."),
    build=build,
    recommended=lambda case: bool(case.other_hostnames) and situations.posted_publicly(case),
)
