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
    answer: PlatformAnswer = PlatformAnswer.NO_REPLY
    answered_on: date | None = None
    note: str | None = None


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

    @property
    def possibly_minor(self) -> bool:
        """'Not sure' is handled as possibly a minor: the stronger protections apply."""
        return self.minor_when_made is not MinorWhenMade.NO

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
