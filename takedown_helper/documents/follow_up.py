"""Follow-up notice per platform, dated the day after the first notice's deadline."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from takedown_helper.case import Case
from takedown_helper.documents import Document, DocumentKind, platform_notice
from takedown_helper.i18n import _

# A second, shorter deadline for the answer to the follow-up.
ANSWER_DAYS = 2


def build(case: Case, today: date) -> list[Document]:
    documents = []
    for notice in platform_notice.build(case, today):
        if notice.follow_up_on is None or "dmca" in notice.bases:
            continue
        documents.append(
            replace(
                notice,
                kind="follow_up",
                slug=notice.slug.replace("removal-request", "follow-up"),
                title="Follow-up to removal request",
                template="letters/follow_up.html",
                dated=notice.follow_up_on,
                refers_to=notice.dated,
                deadline=notice.follow_up_on + timedelta(days=ANSWER_DAYS),
                follow_up_on=None,
                bases=("follow_up",),
            )
        )
    return documents


KIND = DocumentKind(
    key="follow_up",
    summary=_("A follow-up letter to send if a website has not answered by its deadline."),
    build=build,
    recommended=lambda case: bool(case.platforms),
)
