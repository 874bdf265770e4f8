"""Follow-up notices: one per removal notice or host abuse notice, sent or to send.

A follow-up is dated the day after the notice's deadline (or today, when a returning user's
deadline has already passed) and cites the notice's real sending date and reference. The deadline
of a notice sent through the platform's form or by email runs from the day it was sent; of a
posted one, from receipt (see `platform_notice.deadline_after`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from takedown_helper.case import Case, Route
from takedown_helper.documents import (
    Document,
    DocumentKind,
    EarlierNotice,
    host_notice,
    platform_notice,
)
from takedown_helper.i18n import _

# A second, shorter deadline for the answer to the follow-up.
ANSWER_DAYS = 2


def follow_up_of(notice: Document, today: date) -> Document:
    if notice.deadline is None:  # every notice has one; a follow-up cites it
        raise ValueError(f"{notice.slug} has no deadline to follow up")
    dated = max(today, notice.follow_up_on or today)
    slug = notice.slug.replace("removal-request", "follow-up").replace(
        "abuse-notice", "follow-up"
    )
    return replace(
        notice,
        kind="follow_up",
        slug=slug,
        title="Follow-up to removal request",
        template="letters/follow_up.html",
        dated=dated,
        refers_to=notice.dated,
        # A notice planned today: how the user will send it is not known, so the follow-up
        # names no route (Route.OTHER) rather than guess one.
        earlier=notice.earlier or EarlierNotice(notice.dated, notice.deadline, Route.OTHER),
        deadline=dated + timedelta(days=ANSWER_DAYS),
        follow_up_on=None,
        bases=("follow_up",),
    )


def build(case: Case, today: date) -> list[Document]:
    notices = platform_notice.notices(case, today) + host_notice.notices(case, today)
    return [follow_up_of(n, today) for n in notices if n.follow_up_on and n.deadline]


KIND = DocumentKind(
    key="follow_up",
    summary=_("A follow-up letter to send if a website has not answered by its deadline."),
    build=build,
    recommended=lambda case: bool(case.platforms or case.other_hostnames),
)
