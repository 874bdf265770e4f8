"""The survivor's own guide and record: what to send where, in which order, by which channel,
the deadlines as dates, every fact to check, a tracker to fill in by hand, and support lines.

In the user's language (`case.language`): every string in its template is marked for translation.
"""

from __future__ import annotations

from datetime import date

from takedown_helper import places
from takedown_helper.case import Case
from takedown_helper.directory import Channel
from takedown_helper.documents import Document, DocumentKind, house_paper
from takedown_helper.documents.platform_notice import without_a_route
from takedown_helper.i18n import N_, _

# Document titles the guide prints translated: listed here so the catalog extracts them.
TITLES = (
    N_("Removal request"),
    N_("Notice of illegal content"),
    N_("Copyright notice"),
    N_("CyberTipline report worksheet"),
    N_("Referral to law enforcement"),
    N_("Search result removal request"),
    N_("Abuse notice"),
    N_("Follow-up to removal request"),
    N_("If a website does not act"),
    N_("Your guide and record"),
    N_("Threat report: what to do now"),
)


def support_channels(case: Case) -> tuple[Channel, ...]:
    """Support lines and hashing services that apply to this case, best first (by place and
    age: see `takedown_helper.places`)."""
    return places.support_routes(case)


def no_route(case: Case, today: date) -> tuple[str, ...]:
    """A line for each platform that gets no removal notice because it has nowhere to send one
    for these facts (`platform_notice.without_a_route`)."""
    return tuple(
        _("%(name)s: we found no reporting form or address of theirs for this. Look in their "
          "help pages or in the app for a way to report it; the other documents here do not "
          "depend on it.", name=recipient.name_in(case.language))
        for recipient in without_a_route(case, today)
    )


def build(case: Case, today: date) -> list[Document]:
    return [
        Document(
            kind="guide",
            slug="00-your-guide",
            title="Your guide and record",
            template="letters/guide.html",
            language=case.language,
            paper=house_paper(case.country),
            dated=today,
            # The tracker has a line for the case numbers this case can have: a StopNCII case
            # (adults) or a CyberTipline report (imagery made under 18), never the other.
            bases=("guide", "guide_minor" if case.possibly_minor else "guide_adult"),
            channels=support_channels(case),
            gaps=places.gaps(case) + no_route(case, today),
            signer=case.signer,
            # The guide lists every fact to check itself (its own and the other documents').
            checks=(),
        )
    ]


KIND = DocumentKind(
    key="guide",
    summary=_("Your own plan: what to send where, deadlines, and a record to fill in."),
    build=build,
)
