"""Search-engine delisting requests (Google, Bing), for every URL in the case.

Search engines only remove links from their results; the content stays on the host, which is why
these come after the notices to the platforms.
"""

from __future__ import annotations

from datetime import date

from takedown_helper import situations
from takedown_helper.case import Case
from takedown_helper.directory import directory
from takedown_helper.documents import Addressee, Document, DocumentKind, house_paper
from takedown_helper.documents.platform_notice import checks_for
from takedown_helper.i18n import _

ENGINES = ("google-search", "bing")


def _routes(case: Case, engine_id: str) -> tuple:
    """Google has one route for real intimate images (answer/6302812) and one for fake explicit
    imagery (answer/9116649): a forgery goes to the fake-imagery route first, real imagery only to
    the other; when the user does not know, both are listed, the real-imagery route first."""
    channels = directory().get(engine_id).channels_for("delisting")
    fake = tuple(c for c in channels if c.url == situations.GOOGLE_FAKE_IMAGERY)
    other = tuple(c for c in channels if c.url != situations.GOOGLE_FAKE_IMAGERY)
    if situations.forgery(case):
        return fake + other
    if situations.maybe_forgery(case):
        return other + fake
    return other


def _bases(case: Case, channels: tuple) -> tuple[str, ...]:
    if situations.forgery(case) and any(c.url == situations.GOOGLE_FAKE_IMAGERY for c in channels):
        return ("delisting", "delisting_forgery")
    return ("delisting",)


def build(case: Case, today: date) -> list[Document]:
    documents: list[Document] = []
    if not case.items or not situations.posted_publicly(case):
        return documents  # nothing public to delist: the guide explains what to do instead
    for engine_id in ENGINES:
        engine = directory().get(engine_id)
        channels = _routes(case, engine_id)
        addressee = Addressee.from_recipient(engine)
        documents.append(
            Document(
                kind="delisting_request",
                slug=f"search-removal-{engine_id.removesuffix('-search')}",
                title="Search result removal request",
                template="letters/delisting.html",
                language="en",
                paper=house_paper(case.country),
                dated=today,
                addressee=addressee,
                recipient=engine,
                bases=_bases(case, channels),
                items=case.items,
                channels=channels,
                signer=case.signer,
                checks=checks_for(addressee, channels),
            )
        )
    return documents


KIND = DocumentKind(
    key="delisting_request",
    summary=_("Requests to Google and Bing to remove the links from search results."),
    build=build,
    recommended=lambda case: bool(case.items) and situations.posted_publicly(case),
)
