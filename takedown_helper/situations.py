"""The situations people bring besides "real imagery, posted publicly, links known".

One place for the questions the planner, the documents and the templates ask about a case's
situation, so they cannot disagree:

- Digital forgeries ("deepfakes", "nudify" apps). The TAKE IT DOWN Act defines a "digital forgery"
  as "any intimate visual depiction of an identifiable individual created through the use of
  software, machine learning, artificial intelligence, or any other computer-generated or
  technological means ... that, when viewed as a whole by a reasonable person, is
  indistinguishable from an authentic visual depiction of the individual" (47 U.S.C.
  § 223(h)(1)(B), added by Pub. L. 119-12 § 2; text at
  https://www.congress.gov/119/plaws/publ12/PLAW-119publ12.htm). A forgery is therefore an
  intimate visual depiction, and the removal request of § 3 applies to it; the non-consent belief
  is still the identifiable individual's.
- Threats before anything is posted (sextortion). NCMEC's advice to families: the offender is to
  blame; get help before deciding whether to pay ("paying rarely stops the blackmail"); report the
  account through the platform's safety feature; block it but do not delete the profile or the
  messages, which help law enforcement; let NCMEC help remove images (NCMEC's steps as published by
  the National Children's Advocacy Center, https://www.nationalcac.org/steps-to-take-following-financial-sextortion/,
  and missingkids.org/theissues/sextortion). Take It Down is for images "that they believe have
  been or will be shared online", e.g. "you sent a picture to someone, but now they're threatening
  you" (https://takeitdown.ncmec.org/faq/); StopNCII is its counterpart for adults
  (https://stopncii.org/gyik). Both work only on participating, public or unencrypted platforms.
- Private chats and groups. Only routes that act on private content are named: the directory's
  `private_content` fact for each app (sourced, or unconfirmed with a reason), the in-app report of
  the account, and the police and NCMEC. No removal notice goes to a platform for content it says
  it does not act on (Telegram: "All Telegram chats and group chats are private amongst their
  participants. We do not process any requests related to them." https://telegram.org/faq).
- Links not known. Nothing to list in a notice: hashing (which needs no link), search-delisting
  guidance, and what a trusted adult may look for without viewing or saving the imagery (for an
  adult survivor only; for a minor nobody looks: NCMEC and the police do).
"""

from __future__ import annotations

from dataclasses import dataclass

from takedown_helper.case import OTHER_WEBSITE, Case, ImageryKind, Where
from takedown_helper.directory import Channel, Recipient, directory
from takedown_helper.directory.model import Provenance

# Google's route for fake explicit imagery: "You're identifiably depicted in the imagery. The
# imagery in question is fake and falsely depicts you nude or in a sexually explicit situation.
# The imagery was distributed without your consent." (support.google.com/websearch/answer/9116649)
GOOGLE_FAKE_IMAGERY = "https://support.google.com/websearch/answer/9116649"
# Google's route for real intimate images shared without consent (answer/6302812).
GOOGLE_REAL_IMAGERY = "https://support.google.com/websearch/answer/6302812"


def posted_publicly(case: Case) -> bool:
    """The imagery is on a website or app anyone can see: there are links for notices."""
    return Where.PUBLIC in case.where


def shared_privately(case: Case) -> bool:
    return Where.PRIVATE in case.where or bool(case.private_platforms)


def links_unknown(case: Case) -> bool:
    return Where.UNKNOWN in case.where


def threatened(case: Case) -> bool:
    """Someone threatens to share the imagery, or demands money or more images (sextortion)."""
    return (
        case.threats
        or Where.NOT_POSTED in case.where
        or case.threat_money
        or bool(case.threat_accounts)
    )


def nothing_posted(case: Case) -> bool:
    """Threatened, and not known to be anywhere yet: no takedown notice at all."""
    return set(case.where) == {Where.NOT_POSTED}


def forgery(case: Case) -> bool:
    return case.imagery_kind is ImageryKind.FORGERY


def maybe_forgery(case: Case) -> bool:
    return case.imagery_kind is ImageryKind.NOT_SURE


def notice_fits(case: Case, recipient: Recipient) -> bool:
    """Whether a removal notice to this platform is one it will process.

    Public links always get a notice. Without public links, only a platform that says it acts on
    reports about private chats gets one: never a notice the platform says it will not process.
    """
    if posted_publicly(case):
        return True
    fact = recipient.private_content
    return bool(fact and fact.acts and not fact.provenance.unconfirmed)


def hashing_channels(case: Case) -> tuple[Channel, ...]:
    """Take It Down for imagery made under 18 (or maybe), StopNCII for adults."""
    service = "ncmec" if case.possibly_minor else "stopncii"
    return directory().get(service).channels_for("hashing")


@dataclass(frozen=True)
class AppRoute:
    """An app where the imagery was shared privately or threats came from, and what acts there.

    `acts` is what the app says about reports on private chats (from the directory's
    `private_content`): True, False, or None when the directory has no such fact. `unconfirmed`
    marks a fact no public source confirmed (its `reason` says why): shown with "check this".
    """

    platform: str  # a directory id, or OTHER_WEBSITE
    recipient: Recipient | None
    acts: bool | None
    provenance: Provenance | None
    channels: tuple[Channel, ...]  # the app's own report routes, only where it acts
    accounts: tuple[str, ...] = ()  # threatening accounts on this app, as the user gave them

    @property
    def unconfirmed(self) -> bool:
        return self.acts is None or bool(self.provenance and self.provenance.unconfirmed)

    @property
    def reason(self) -> str | None:
        return self.provenance.reason if self.provenance else None


def _report_channels(case: Case, recipient: Recipient) -> tuple[Channel, ...]:
    age = "minor" if case.possibly_minor else "adult"
    # Report routes only: a platform's general contact or policy statement is not one.
    purposes = ("csam", "ncii") if case.possibly_minor else ("ncii",)
    for purpose in purposes:
        if found := recipient.channels_for(purpose, age=age):
            return found[:2]
    return ()


def app_routes(case: Case) -> tuple[AppRoute, ...]:
    """Each app where the imagery was shared privately or threats came from, in the user's order.

    An app that says it does not act on private chats gets no report route but the in-app report
    of the account (which the documents describe without a link): never a route it will not
    process.
    """
    known = directory()
    order: dict[str, list[str]] = {}
    for platform in case.private_platforms:
        order.setdefault(platform, [])
    for account in case.threat_accounts:
        names = order.setdefault(account.platform, [])
        if account.account and account.account not in names:
            names.append(account.account)
    routes = []
    for platform, names in order.items():
        recipient = known.get(platform) if platform != OTHER_WEBSITE and platform in known else None
        fact = recipient.private_content if recipient else None
        acts = fact.acts if fact else None
        routes.append(
            AppRoute(
                platform=platform,
                recipient=recipient,
                acts=acts,
                provenance=fact.provenance if fact else None,
                channels=_report_channels(case, recipient) if recipient and acts else (),
                accounts=tuple(names),
            )
        )
    return tuple(routes)


def platforms_involved(case: Case) -> tuple[str, ...]:
    """Directory platforms of the case: links, private shares and threatening accounts."""
    seen: dict[str, None] = dict.fromkeys(case.platforms)
    for platform in (*case.private_platforms, *(a.platform for a in case.threat_accounts)):
        if platform != OTHER_WEBSITE:
            seen.setdefault(platform)
    return tuple(seen)
