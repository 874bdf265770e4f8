"""Search-engine delisting requests (Google, Bing), for every URL in the case.

Search engines only remove links from their results; the content stays on the host, which is why
these come after the notices to the platforms.
"""

from __future__ import annotations

from datetime import date

from takedown_helper.case import Case
from takedown_helper.directory import directory
from takedown_helper.documents import Addressee, Document, DocumentKind
from takedown_helper.documents.platform_notice import checks_for
from takedown_helper.i18n import _

ENGINES = ("google-search", "bing")


def build(case: Case, today: date) -> list[Document]:
    documents = []
    for engine_id in ENGINES:
        engine = directory().get(engine_id)
        channels = engine.channels_for("delisting")
        addressee = Addressee.from_recipient(engine)
        documents.append(
            Document(
                kind="delisting_request",
                slug=f"search-removal-{engine_id.removesuffix('-search')}",
                title="Search result removal request",
                template="letters/delisting.html",
                language="en",
                paper="letter",
                dated=today,
                addressee=addressee,
                recipient=engine,
                bases=("delisting",),
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
)
