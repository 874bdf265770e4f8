"""Abuse notice to the hosting provider (and registrar) of each standalone website in the case.

The contacts come from the user, who finds them with an RDAP lookup (the guide explains how); the
app never looks anything up. Missing contacts are reported through `missing`.
"""

from __future__ import annotations

from datetime import date, timedelta

from takedown_helper import situations
from takedown_helper.case import Case, NoticeSent, Route
from takedown_helper.documents import (
    Addressee,
    Document,
    DocumentKind,
    EarlierNotice,
    Requirement,
    house_paper,
)
from takedown_helper.documents.platform_notice import (
    TIDA_HOURS,
    deadline_after,
    last_sent,
    missing_from,
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


def notice_for(
    case: Case, today: date, number: int, hostname: str, sent: NoticeSent | None = None
) -> Document:
    """The abuse notice to one website's host: planned today, or (`sent`) the one the user
    already sent, dated and timed as it really went, for its follow-up to cite."""
    site = case.website(hostname)
    name = (site and (site.host_name or site.registrar_name)) or f"Abuse team, host of {hostname}"
    email = site and (site.host_abuse_email or site.registrar_abuse_email)
    addressee = Addressee(name=name, attention="Attn: Abuse team", email=email or None)
    dated = sent.sent_on if sent else today
    deadline = deadline_after(dated, TIDA_HOURS, sent.route if sent else Route.EMAIL)
    return Document(
        kind="host_notice",
        slug=f"{number:02d}-abuse-notice-website",
        title="Abuse notice",
        template="letters/host_notice.html",
        language="en",
        paper=house_paper(case.country),
        dated=dated,
        addressee=addressee,
        bases=("host_abuse",),
        items=case.items_on_host(hostname),
        signer=case.signer,
        deadline=deadline,
        follow_up_on=deadline + timedelta(days=1),
        earlier=EarlierNotice(sent.sent_on, deadline, sent.route, sent.reference) if sent else None,
        missing=_contacts_needed(case, hostname)
        + missing_from(case, sign_requirements(_("An abuse notice must be signed."))),
    )


def notices(case: Case, today: date) -> list[Document]:
    """Every host notice of the case, sent already or to send now: what follow-ups follow."""
    if not situations.posted_publicly(case) and not any(
        n.kind == "host_notice" for n in case.notices_sent
    ):
        return []
    return [
        notice_for(case, today, number, host, last_sent(case, host, "host_notice"))
        for number, host in enumerate(case.other_hostnames, start=1)
    ]


def build(case: Case, today: date) -> list[Document]:
    if not situations.posted_publicly(case):
        return []  # a standalone website's content is public, or there is no notice
    return [
        notice_for(case, today, number, host)
        for number, host in enumerate(case.other_hostnames, start=1)
        # A host that already has the user's notice gets a follow-up, not a fresh notice.
        if case.new_notices or not last_sent(case, host, "host_notice")
    ]


KIND = DocumentKind(
    key="host_notice",
    summary=_("An abuse notice to the company hosting each standalone website."),
    build=build,
    recommended=lambda case: bool(case.other_hostnames) and situations.posted_publicly(case),
)
