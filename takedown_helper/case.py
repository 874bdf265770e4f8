"""The `Case`: one validated, immutable value holding everything a document may need.

A Case is only ever built by `takedown_helper.casefile.parse_case`, which checks every rule about
answers; the rest of the program trusts it. Nothing here touches disk, logs or the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

OTHER_WEBSITE = "other"


class Role(StrEnum):
    """Who is asking."""

    SURVIVOR = "survivor"
    PARENT = "parent"
    ADVOCATE = "advocate"
    TRUSTED_ADULT = "trusted_adult"


class MinorWhenMade(StrEnum):
    """Was the person shown under 18 when the imagery was made?"""

    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"


class PlatformAnswer(StrEnum):
    """What a platform said to an earlier report."""

    NO_REPLY = "no_reply"
    NO_VIOLATION = "no_violation"
    REMOVED_THEN_BACK = "removed_then_back"
    PARTLY_REMOVED = "partly_removed"
    OTHER = "other"


class ImageryKind(StrEnum):
    """Is the imagery real, or a digital forgery ("deepfake", "nudify" app) of the person?"""

    REAL = "real"
    FORGERY = "forgery"
    NOT_SURE = "not_sure"


class Where(StrEnum):
    """Where the imagery is now (a case may be several at once)."""

    PUBLIC = "public"  # posted on a website or app that anyone can see: there are links
    PRIVATE = "private"  # shared in private chats or groups
    NOT_POSTED = "not_posted"  # threatened, not posted (yet)
    UNKNOWN = "unknown"  # someone said it is online; no link is known


class CopyrightHolder(StrEnum):
    """Who holds the copyright: a DMCA notice may be sent only by the holder (17 U.S.C. § 512(f))."""

    TOOK_IT = "took_it"  # the person shown took the picture or video themselves
    ASSIGNED = "assigned"  # the person shown holds it by a written assignment
    SOMEONE_ELSE = "someone_else"
    NOT_SURE = "not_sure"


class Route(StrEnum):
    """How a notice was sent."""

    FORM = "form"  # the platform's own web form (its TAKE IT DOWN process, say)
    EMAIL = "email"
    POST = "post"
    OTHER = "other"


@dataclass(frozen=True)
class ContentItem:
    """One place the imagery is: an exact URL and what the user noticed about it."""

    url: str
    platform: str  # a directory platform id, or OTHER_WEBSITE
    hostname: str
    account: str | None = None
    first_seen: date | None = None
    views: int | None = None
    shares: int | None = None


@dataclass(frozen=True)
class PlatformReport:
    """An earlier report to a platform and its answer."""

    platform: str
    reported_on: date
    reference: str | None = None
    # None when the user left it blank: a document then says nothing about a reply.
    answer: PlatformAnswer | None = None
    answered_on: date | None = None
    note: str | None = None


@dataclass(frozen=True)
class NoticeSent:
    """A notice the user already sent with this app (a returning user's history)."""

    platform: str  # a directory platform id, or the hostname of a standalone website
    sent_on: date
    route: Route = Route.FORM
    kind: str = "platform_notice"  # the document kind that was sent
    reference: str | None = None  # the reference number the platform gave


@dataclass(frozen=True)
class ThreatAccount:
    """An account that threatened the person shown, and where (for police, NCMEC, the platform)."""

    platform: str  # a directory platform id, or OTHER_WEBSITE
    account: str | None = None


@dataclass(frozen=True)
class PoliceAgency:
    """The police agency the user names: reported to already, or to receive the referral."""

    name: str
    address: tuple[str, ...] = ()
    email: str | None = None
    case_number: str | None = None
    reported_on: date | None = None


@dataclass(frozen=True)
class WebsiteContacts:
    """Abuse contacts for a standalone website, found by the user with an RDAP lookup."""

    hostname: str
    host_name: str | None = None
    host_abuse_email: str | None = None
    registrar_name: str | None = None
    registrar_abuse_email: str | None = None


@dataclass(frozen=True)
class Signer:
    """Who signs the letters and where replies go. Each part is optional unless a document needs it."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: tuple[str, ...] = ()
    organisation: str | None = None


@dataclass(frozen=True)
class Case:
    role: Role
    minor_when_made: MinorWhenMade
    country: str  # ISO 3166-1 alpha-2
    items: tuple[ContentItem, ...]
    region: str | None = None  # e.g. a US state code
    language: str = "en"
    person_shown_name: str | None = None
    platform_reports: tuple[PlatformReport, ...] = ()
    police: PoliceAgency | None = None
    cybertip_number: str | None = None
    threats: bool = False
    threat_details: str | None = None
    signer: Signer = field(default_factory=Signer)
    websites: tuple[WebsiteContacts, ...] = ()
    documents: tuple[str, ...] | None = None  # None: the recommended set
    dmca: bool = False  # chosen only after the risks were shown
    # Where the person shown lives, when it differs from the requester (an advocate abroad):
    # the law of the place follows the person shown.
    person_shown_country: str | None = None
    person_shown_region: str | None = None
    imagery_kind: ImageryKind = ImageryKind.REAL
    where: tuple[Where, ...] = (Where.PUBLIC,)
    # TAKE IT DOWN Act § 3(a)(1)(B)(iii): "relevant information" for the platform to see that
    # the depiction was published without consent, in the person's words.
    context: str | None = None
    copyright_holder: CopyrightHolder | None = None
    private_platforms: tuple[str, ...] = ()  # apps where it was shared privately (no link)
    threat_money: bool = False  # money was demanded (sextortion)
    threat_started_on: date | None = None
    threat_accounts: tuple[ThreatAccount, ...] = ()
    notices_sent: tuple[NoticeSent, ...] = ()
    new_notices: bool = False  # make fresh notices even where one was sent already

    @property
    def possibly_minor(self) -> bool:
        """'Not sure' is handled as possibly a minor: the stronger protections apply."""
        return self.minor_when_made is not MinorWhenMade.NO

    @property
    def forgery(self) -> bool:
        return self.imagery_kind is ImageryKind.FORGERY

    @property
    def law_country(self) -> str:
        """Whose law applies: where the person shown lives, else where the requester is."""
        return self.person_shown_country or self.country

    @property
    def law_region(self) -> str | None:
        return self.person_shown_region if self.person_shown_country else self.region

    def notices_sent_to(self, platform: str) -> tuple[NoticeSent, ...]:
        return tuple(
            sorted((n for n in self.notices_sent if n.platform == platform), key=lambda n: n.sent_on)
        )

    @property
    def platforms(self) -> tuple[str, ...]:
        """Directory platforms in the case, in the order the user listed them."""
        seen: dict[str, None] = {}
        for item in self.items:
            if item.platform != OTHER_WEBSITE:
                seen.setdefault(item.platform)
        return tuple(seen)

    @property
    def other_hostnames(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for item in self.items:
            if item.platform == OTHER_WEBSITE:
                seen.setdefault(item.hostname)
        return tuple(seen)

    def items_on(self, platform: str) -> tuple[ContentItem, ...]:
        return tuple(i for i in self.items if i.platform == platform)

    def items_on_host(self, hostname: str) -> tuple[ContentItem, ...]:
        return tuple(
            i for i in self.items if i.platform == OTHER_WEBSITE and i.hostname == hostname
        )

    def reports_to(self, platform: str) -> tuple[PlatformReport, ...]:
        return tuple(
            sorted(
                (r for r in self.platform_reports if r.platform == platform),
                key=lambda r: r.reported_on,
            )
        )

    def website(self, hostname: str) -> WebsiteContacts | None:
        return next((w for w in self.websites if w.hostname == hostname), None)
