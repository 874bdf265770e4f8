"""plan(case): which documents this case needs, for which recipients, on which legal basis."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from takedown_helper.case import Case
from takedown_helper.documents import (
    Document,
    DocumentKind,
    delisting,
    escalation,
    follow_up,
    guide,
    host_notice,
    ncmec_worksheet,
    platform_notice,
    police_referral,
    threat_report,
)
from takedown_helper.i18n import in_language

# In the order a survivor should act on them.
# The guide comes last in the packet (it explains the rest, and its file name, 00-your-guide.pdf,
# sorts first among the files).
# A threat report (what to do now) comes first when someone threatens: it is the most urgent.
KINDS: tuple[DocumentKind, ...] = (
    threat_report.KIND,
    platform_notice.KIND,
    ncmec_worksheet.KIND,
    police_referral.KIND,
    host_notice.KIND,
    delisting.KIND,
    follow_up.KIND,
    escalation.KIND,
    guide.KIND,
)


def kind(key: str) -> DocumentKind:
    return next(k for k in KINDS if k.key == key)


@dataclass(frozen=True)
class Plan:
    case: Case
    today: date
    documents: tuple[Document, ...]

    @property
    def complete(self) -> bool:
        """True when every document has what it needs to be sent."""
        return all(not d.missing for d in self.documents)


def recommended_kinds(case: Case) -> tuple[str, ...]:
    return tuple(k.key for k in KINDS if k.recommended(case))


def plan(case: Case, today: date | None = None) -> Plan:
    today = today or date.today()
    chosen = case.documents if case.documents is not None else recommended_kinds(case)
    # What documents tell their user (checks, why a detail is needed) is in the user's language.
    with in_language(case.language):
        documents = [doc for k in KINDS if k.key in chosen for doc in k.build(case, today)]
    return Plan(case=case, today=today, documents=tuple(documents))
