"""Platform removal notice: one per platform, listing every URL of that platform in the case.

The basis follows from where the requester is: the EU Digital Services Act (Art. 16) in an EU
member state, s. 66B of the Sexual Offences Act 2003 in the UK, the Online Safety Act 2021 in
Australia, and otherwise the TAKE IT DOWN Act (plus the US child-sexual-abuse-material duties when
the person shown was, or may have been, under 18). A DMCA notice is added only when the user chose
it after seeing its risks (`case.dmca`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from takedown_helper import situations
from takedown_helper.case import Case, CopyrightHolder, NoticeSent, Route
from takedown_helper.directory import Channel, Recipient, directory
from takedown_helper.documents import (
    Addressee,
    Document,
    DocumentKind,
    EarlierNotice,
    Requirement,
    age_group,
    house_paper,
)
from takedown_helper.geography import in_eu
from takedown_helper.i18n import _, current_language

# TAKE IT DOWN Act § 3(a)(3): remove "as soon as possible, but not later than 48 hours after
# receiving" a valid request made through the platform's own process (§ 3(a)(1)(A)(ii)). The date
# a letter prints is the one that follows if the platform receives it, through that process, on
# the day it is dated; the letter says so in those words (a posted letter arrives later).
TIDA_HOURS = 48
# Online Safety Act 2021 (Cth) s. 77: an eSafety removal notice must be met within 24 hours.
AU_HOURS = 24
# A notice sent through the platform's own form or by email is received the day it is sent, so
# its deadline runs from the sending date. A posted letter's deadline runs from receipt, which
# the user cannot know: we allow 7 days for delivery (international post to a company's legal
# address) before counting the hours, so a follow-up never accuses a platform of missing a
# deadline that may not have started. The follow-up says so.
POST_DELIVERY_DAYS = 7


def deadline_after(sent_on: date, hours: int, route: Route = Route.FORM) -> date:
    """The day a notice's deadline falls, from the day it was sent and how."""
    received = sent_on + timedelta(days=POST_DELIVERY_DAYS if route is Route.POST else 0)
    return received + timedelta(hours=hours)


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
            if isinstance(part, int):
                value = value[part] if isinstance(value, tuple) and part < len(value) else None
            else:
                value = getattr(value, part, None)
        return bool(value)

    return tuple(r for r in requirements if not any(given(p) for p in r.paths))


def checks_for(addressee: Addressee | None, channels: tuple[Channel, ...]) -> tuple[str, ...]:
    """Facts from the directory that no public source confirmed: the user must check them."""
    notes = []
    if addressee and addressee.provenance and addressee.provenance.unconfirmed:
        notes.append(
            _("The postal address of %(name)s is not confirmed. Check it before posting.",
              name=addressee.name)
        )
    for channel in channels:
        if channel.provenance.unconfirmed:
            notes.append(
                _("%(label)s (%(target)s) is not confirmed. Check it before using it.",
                  label=channel.label_in(current_language()), target=channel.target)
            )
    return tuple(notes)


def paper_for(country: str | None) -> str:
    """The house paper of a case, from the REQUESTER's country (`case.country`): US Letter in the
    United States and Canada, A4 elsewhere. Every document of a case uses the same paper and
    date style; see `documents.house_paper`."""
    return house_paper(country or "US")


@dataclass(frozen=True)
class Variant:
    """One legal route for a removal notice."""

    regime: str  # the directory regime the recipient must be under
    bases: tuple[str, ...]
    template: str
    title: str
    hours: int
    eu_address: bool = False
    uk_address: bool = False  # to the company that serves people in the UK (`Recipient.uk_address`)
    anonymous: bool = False  # the basis lets the notifier stay anonymous


def variant_for(case: Case, recipient: Recipient) -> Variant | None:
    """The removal route that follows from where the requester is and what the imagery is."""
    regimes = recipient.regimes
    place = case.law_country  # the person shown's country, else the requester's
    if in_eu(place) and "eu_dsa" in regimes:
        if case.possibly_minor:
            return Variant("eu_dsa", ("eu_dsa_csam", *national_forgery(case, "eu_forgery_csam")),
                           "letters/platform_notice_eu.html",
                           "Notice of illegal content", TIDA_HOURS, eu_address=True,
                           anonymous=True)
        return Variant("eu_dsa", ("eu_dsa", *national_forgery(case, "eu_forgery")),
                       "letters/platform_notice_eu.html",
                       "Notice of illegal content", TIDA_HOURS, eu_address=True)
    if place == "GB" and "uk_osa" in regimes:
        child = ("uk_child",) if case.possibly_minor else ()
        return Variant("uk_osa", ("uk_66b", *child, *national_forgery(case, "uk_forgery")),
                       "letters/platform_notice_uk.html",
                       "Removal request", TIDA_HOURS, uk_address=True)
    if place == "AU" and "au_osa" in regimes:
        return Variant("au_osa", ("au_osa", *national_forgery(case, "au_forgery")),
                       "letters/platform_notice_au.html",
                       "Removal request", AU_HOURS)
    if "us_take_it_down" in regimes:
        bases: tuple[str, ...] = ("take_it_down", "csam_us") if case.possibly_minor else ("take_it_down",)
        bases += forgery_bases(case)
        return Variant("us_take_it_down", bases, "letters/platform_notice.html",
                       "Removal request", TIDA_HOURS)
    return None


def forgery_bases(case: Case) -> tuple[str, ...]:
    """A US notice about a digital forgery names it as one (47 U.S.C. § 223(h)(1)(B)); for a
    child, the definition of 18 U.S.C. § 2256(8)(C) keeps the duty to report to NCMEC."""
    if situations.forgery(case):
        return ("take_it_down_forgery", "csam_forgery") if case.possibly_minor else (
            "take_it_down_forgery",)
    if situations.maybe_forgery(case):
        return ("take_it_down_maybe_forgery",)
    return ()


def national_forgery(case: Case, key: str) -> tuple[str, ...]:
    """Outside the US a forgery is stated as a fact, with the national law's words (bases.py)."""
    return (key,) if situations.forgery(case) else ()


def platform_bases(case: Case, recipient: Recipient) -> tuple[str, ...]:
    variant = variant_for(case, recipient)
    return variant.bases if variant else ()


def _purposes(case: Case, variant: Variant) -> list[str]:
    """Which of a platform's routes fit the case, best first. A minor's notice goes to a child
    sexual abuse route first; an adult's never does (a route for minors is for other facts)."""
    purposes = ["csam", "ncii"] if case.possibly_minor else ["ncii", "privacy"]
    if variant.regime == "eu_dsa":
        purposes.insert(0, "eu_dsa")
    return purposes


def notice_channels(case: Case, recipient: Recipient, variant: Variant) -> tuple[Channel, ...]:
    """The platform's routes for this notice, chosen by the facts (age, regime) as the directory
    states them: never a channel whose `ages` or `regimes` exclude the case. Without a dedicated
    route that fits, the platform's general contact (if it fits)."""
    age = age_group(case)
    found: list[Channel] = []
    for purpose in _purposes(case, variant):
        for channel in recipient.channels_for(purpose, age=age, regime=variant.regime):
            if channel not in found:
                found.append(channel)
    return tuple(found) or recipient.channels_for("general", age=age, regime=variant.regime)


def notice_for(
    case: Case, today: date, number: int, recipient: Recipient, sent: NoticeSent | None = None
) -> Document | None:
    """The removal notice to one platform: planned today, or (`sent`) the one the user already
    sent, dated and timed as it really went, for its follow-up to cite."""
    variant = variant_for(case, recipient)
    if variant is None:
        return None
    addressee = Addressee.from_recipient(recipient, eu=variant.eu_address, uk=variant.uk_address)
    channels = notice_channels(case, recipient, variant)
    dated = sent.sent_on if sent else today
    deadline = deadline_after(dated, variant.hours, sent.route if sent else Route.FORM)
    needs = () if variant.anonymous else sign_requirements(_("A removal request must be signed."))
    if variant.regime == "eu_dsa" and not variant.anonymous:
        needs = (
            Requirement(paths=(("signer", "name"),),
                        why=_("The Digital Services Act asks for your name.")),
            Requirement(paths=(("signer", "email"),),
                        why=_("The Digital Services Act asks for your email address.")),
        )
    return Document(
        kind="platform_notice",
        slug=f"{number:02d}-removal-request-{recipient.id}",
        title=variant.title,
        template=variant.template,
        language="en",  # notices to platforms stay in English
        paper=house_paper(case.country),
        dated=dated,
        addressee=addressee,
        recipient=recipient,
        bases=variant.bases,
        items=case.items_on(recipient.id),
        channels=channels,
        signer=case.signer,
        deadline=deadline,
        follow_up_on=deadline + timedelta(days=1),
        earlier=EarlierNotice(sent.sent_on, deadline, sent.route, sent.reference) if sent else None,
        missing=missing_from(case, needs),
        checks=checks_for(addressee, channels),
    )


def last_sent(case: Case, platform: str, kind: str = "platform_notice") -> NoticeSent | None:
    """The latest notice of this kind the user already sent to this platform or website."""
    sent = [n for n in case.notices_sent_to(platform) if n.kind == kind]
    return sent[-1] if sent else None


def notices(case: Case, today: date) -> list[Document]:
    """Every removal notice of the case, sent already or to send now: what follow-ups follow."""
    found = []
    for number, platform_id in enumerate(case.platforms, start=1):
        recipient = directory().get(platform_id)
        if recipient.kind != "platform":
            continue
        sent = last_sent(case, platform_id)
        if sent is None and not situations.notice_fits(case, recipient):
            continue  # no notice planned, so no follow-up either
        doc = notice_for(case, today, number, recipient, sent)
        if doc is not None and (sent is not None or can_be_sent(doc)):
            found.append(doc)
    return found


def can_be_sent(doc: Document) -> bool:
    """A notice has somewhere to go: a channel that fits its facts, or a postal address or email
    address a public source confirmed. One with none is not made (a letter with no address is
    no use to anyone); the guide names the platform instead (`without_a_route`)."""
    addressee = doc.addressee
    return bool(doc.channels or (addressee and (addressee.lines or addressee.email)))


def without_a_route(case: Case, today: date) -> tuple[Recipient, ...]:
    """The platforms of the case that would get a removal notice today but have no channel that
    fits its facts and no confirmed address (a minor's iCloud link: Apple states none)."""
    return tuple(recipient for _number, recipient, doc in _due_today(case, today)
                 if not can_be_sent(doc))


def _due_today(case: Case, today: date) -> Iterator[tuple[int, Recipient, Document]]:
    """(number, platform, notice) for each platform that gets a fresh notice today, whether or
    not it has anywhere to send it."""
    for number, platform_id in enumerate(case.platforms, start=1):
        recipient = directory().get(platform_id)
        if recipient.kind != "platform":
            continue
        if not situations.notice_fits(case, recipient):
            continue  # never a notice the platform says it will not process (private chats)
        # A platform that already has the user's notice gets a follow-up, not a fresh 48-hour
        # notice dated today (unless the user asks for new notices).
        if last_sent(case, platform_id) and not case.new_notices:
            continue
        doc = notice_for(case, today, number, recipient)
        if doc is not None:
            yield number, recipient, doc


def build(case: Case, today: date) -> list[Document]:
    documents = []
    for number, recipient, doc in _due_today(case, today):
        if can_be_sent(doc):
            documents.append(doc)
        if case.dmca and (dmca := _dmca(case, today, number, recipient)) is not None:
            documents.append(dmca)
    return documents


def copyright_confirmed(case: Case) -> bool:
    """The person shown holds the copyright: took the picture themselves, or holds it by written
    assignment. Only then may a DMCA notice be sent (17 U.S.C. § 512(c)(3)(A)(vi), § 512(f))."""
    return case.copyright_holder in (CopyrightHolder.TOOK_IT, CopyrightHolder.ASSIGNED)


def dmca_refusal(case: Case, recipient: Recipient) -> str | None:
    """Why no DMCA notice is made for this platform although the user chose one (None: it is
    made): "copyright" (the person shown's copyright is not confirmed) or "agent" (no designated
    agent in the directory). The guide says it in the user's language."""
    if not case.dmca:
        return None
    if not copyright_confirmed(case):
        return "copyright"
    if recipient.dmca_agent is None:
        return "agent"
    return None


def _dmca(case: Case, today: date, number: int, recipient: Recipient) -> Document | None:
    """A DMCA notice to the platform's designated agent: only when the user chose it (never the
    default), confirmed that the person shown holds the copyright, and the directory holds the
    platform's designated agent. Otherwise none (the guide says why: `dmca_refusal`)."""
    agent = recipient.dmca_agent
    if agent is None or dmca_refusal(case, recipient) is not None:
        return None
    channels = recipient.channels_for("copyright")
    addressee = Addressee(
        name=agent.name, lines=agent.lines, country=agent.country,
        attention="Attn: Designated Copyright Agent", email=agent.email,
        provenance=agent.provenance,
    )
    missing = missing_from(case, sign_requirements(_("A DMCA notice must be signed.")))
    deadline = today + timedelta(hours=TIDA_HOURS)
    return Document(
        kind="platform_notice",
        slug=f"{number:02d}-copyright-notice-{recipient.id}",
        title="Copyright notice",
        template="letters/dmca_notice.html",
        language="en",
        paper=house_paper(case.country),
        dated=today,
        addressee=addressee,
        recipient=recipient,
        bases=("dmca",),
        items=case.items_on(recipient.id),
        channels=channels,
        signer=case.signer,
        deadline=deadline,
        missing=missing,
        checks=checks_for(addressee, channels),
    )


KIND = DocumentKind(
    key="platform_notice",
    summary=_("A legal removal request to each website, with a deadline."),
    build=build,
)
