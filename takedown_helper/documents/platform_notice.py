"""Platform removal notice: one per platform, listing every URL of that platform in the case.

The basis follows from the case: the TAKE IT DOWN Act for US covered platforms, plus the
child-sexual-abuse-material duties when the person shown was, or may have been, under 18.
"""

from __future__ import annotations

from datetime import date, timedelta

from takedown_helper.case import Case
from takedown_helper.directory import Channel, Recipient, directory
from takedown_helper.documents import Addressee, Document, DocumentKind, Requirement
from takedown_helper.i18n import _

# TAKE IT DOWN Act § 3(a)(3): remove "as soon as possible, but not later than 48 hours after
# receiving" a valid request. A notice sent today is received today at the latest.
TIDA_HOURS = 48


def sign_requirements(why: str) -> tuple[Requirement, ...]:
    """A signed request with contact details: what every written notice needs from the signer."""
    return (
        Requirement(paths=(("signer", "name"),), why=why),
        Requirement(
            paths=(("signer", "email"), ("signer", "phone"), ("signer", "address")),
            why=_("The law asks for contact details so the platform can reply."),
        ),
    )


def missing_from(case: Case, requirements: tuple[Requirement, ...]) -> tuple[Requirement, ...]:
    def given(path: tuple[str | int, ...]) -> bool:
        value: object = case
        for part in path:
            value = getattr(value, str(part), None)
        return bool(value)

    return tuple(r for r in requirements if not any(given(p) for p in r.paths))


def checks_for(addressee: Addressee, channels: tuple[Channel, ...]) -> tuple[str, ...]:
    """Facts from the directory that no public source confirmed: the user must check them."""
    notes = []
    if addressee.provenance and addressee.provenance.unconfirmed:
        notes.append(
            _("The postal address of %(name)s is not confirmed. Check it before posting.",
              name=addressee.name)
        )
    for channel in channels:
        if channel.provenance.unconfirmed:
            notes.append(
                _("%(label)s (%(target)s) is not confirmed. Check it before using it.",
                  label=channel.label, target=channel.target)
            )
    return tuple(notes)


def paper_for(country: str | None) -> str:
    """US Letter for US recipients, A4 elsewhere."""
    return "letter" if country in (None, "US") else "a4"


def platform_bases(case: Case, recipient: Recipient) -> tuple[str, ...]:
    bases: list[str] = []
    if "us_take_it_down" in recipient.regimes:
        bases.append("take_it_down")
        if case.possibly_minor:
            bases.append("csam_us")
    return tuple(bases)


def build(case: Case, today: date) -> list[Document]:
    documents = []
    for number, platform_id in enumerate(case.platforms, start=1):
        recipient = directory().get(platform_id)
        if recipient.kind != "platform":
            continue
        bases = platform_bases(case, recipient)
        if not bases:
            continue
        addressee = Addressee.from_recipient(recipient)
        purposes = ("csam", "ncii") if case.possibly_minor else ("ncii", "csam")
        channels = tuple(c for p in purposes for c in recipient.channels_for(p))
        deadline = today + timedelta(hours=TIDA_HOURS)
        documents.append(
            Document(
                kind="platform_notice",
                slug=f"{number:02d}-removal-request-{recipient.id}",
                title="Removal request",
                template="letters/platform_notice.html",
                language="en",  # notices to US platforms stay in English
                paper=paper_for(addressee.country),
                dated=today,
                addressee=addressee,
                recipient=recipient,
                bases=bases,
                items=case.items_on(platform_id),
                channels=channels,
                signer=case.signer,
                deadline=deadline,
                follow_up_on=deadline + timedelta(days=1),
                missing=missing_from(
                    case, sign_requirements(_("The TAKE IT DOWN Act asks for a signature."))
                ),
                checks=checks_for(addressee, channels),
            )
        )
    return documents


KIND = DocumentKind(
    key="platform_notice",
    summary=_("A legal removal request to each website, with a deadline."),
    build=build,
)
