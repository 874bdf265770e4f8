"""Recipients as immutable values. Every fact carries where it came from and when it was checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PURPOSES = (
    "csam",  # report child sexual abuse material
    "ncii",  # intimate images shared without consent / TAKE IT DOWN Act request
    "privacy",
    "copyright",  # DMCA designated agent
    "law_enforcement",
    "eu_dsa",  # Digital Services Act Article 16 notice route
    "delisting",  # search-engine removal
    "report",  # a hotline's or authority's report route
    "support",
    "complaint",  # a regulator's complaint portal
    "hashing",  # on-device hashing (Take It Down, StopNCII)
    "general",
)
KINDS = ("platform", "search_engine", "hotline", "authority", "support")
REGIMES = ("us_take_it_down", "eu_dsa", "uk_osa", "au_osa")
# Whom a channel is for: the person shown was a minor when the imagery was made, or an adult.
AGES = ("minor", "adult")
# What a hotline or authority is, so the planner can find "the national hotline of DE".
TAGS = (
    "inhope",  # an INHOPE member hotline (national CSAM hotline)
    "dsc",  # an EU Digital Services Coordinator (DSA Art. 49, complaints under Art. 53)
    "regulator",
    "police",
    "victim_support",
    "hashing",
)


@dataclass(frozen=True)
class Provenance:
    source: str | None
    checked: date | None
    unconfirmed: bool
    reason: str | None = None  # for an unconfirmed fact: what was tried, and why it is not confirmed

    def is_due(self, today: date, max_age_days: int) -> bool:
        """A fact is due for re-checking when unconfirmed or older than the allowed age."""
        return self.unconfirmed or self.checked is None or (today - self.checked).days > max_age_days


@dataclass(frozen=True)
class Address:
    lines: tuple[str, ...]
    country: str
    provenance: Provenance
    legal_name: str | None = None


@dataclass(frozen=True)
class Channel:
    purpose: str
    label: str
    provenance: Provenance
    url: str | None = None
    email: str | None = None
    phone: str | None = None
    no_account_needed: bool | None = None
    # The facts this channel fits. Empty means any: the planner never picks a channel whose
    # ages or regimes exclude the case (an adult's notice never goes to a child-abuse address).
    ages: tuple[str, ...] = ()
    regimes: tuple[str, ...] = ()
    # The platform's own designated process for this purpose (its TAKE IT DOWN form, say):
    # named first in letters; other channels of the purpose are fallbacks.
    primary: bool = False
    label_es: str | None = None
    asks: str | None = None  # what the form asks for (name, account, ID...), from its own page

    def fits(self, age: str | None = None, regime: str | None = None) -> bool:
        """Whether this channel is meant for these facts (None: that fact does not matter)."""
        return (age is None or not self.ages or age in self.ages) and (
            regime is None or not self.regimes or regime in self.regimes
        )

    def label_in(self, language: str) -> str:
        return self.label_es if language == "es" and self.label_es else self.label

    @property
    def target(self) -> str:
        """The URL, email or phone number, whichever this channel is."""
        return self.url or self.email or self.phone or ""

    @property
    def medium(self) -> str:
        return "url" if self.url else "email" if self.email else "phone"


@dataclass(frozen=True)
class PrivateContent:
    """Whether a platform acts on reports about private chats and groups, and who says so."""

    acts: bool
    provenance: Provenance
    note: str | None = None


@dataclass(frozen=True)
class DmcaAgent:
    """A provider's designated DMCA agent (17 U.S.C. § 512(c)(2)), as the US Copyright Office's
    directory or the provider's own page lists it."""

    name: str
    lines: tuple[str, ...]
    country: str
    provenance: Provenance
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Recipient:
    id: str
    kind: str
    display_name: str
    legal_name: str
    jurisdictions: tuple[str, ...]
    regimes: tuple[str, ...]
    take_it_down: bool
    stopncii: bool
    hostnames: tuple[str, ...]
    sample_urls: tuple[str, ...]
    channels: tuple[Channel, ...]
    address: Address | None = None
    eu_address: Address | None = None  # the company EU law addresses (Digital Services Act)
    uk_address: Address | None = None  # the company that serves people in the UK, if not `address`
    notes: str | None = None
    tags: tuple[str, ...] = ()
    display_name_es: str | None = None
    notes_es: str | None = None
    private_content: PrivateContent | None = None
    dmca_agent: DmcaAgent | None = None

    def channels_for(
        self, purpose: str, age: str | None = None, regime: str | None = None
    ) -> tuple[Channel, ...]:
        """Channels of a purpose that fit the facts, the designated (primary) ones first."""
        found = [c for c in self.channels if c.purpose == purpose and c.fits(age, regime)]
        return tuple(sorted(found, key=lambda c: not c.primary))

    def name_in(self, language: str) -> str:
        return self.display_name_es if language == "es" and self.display_name_es else self.display_name

    def channel(self, *purposes: str) -> Channel | None:
        """The first channel serving the first purpose that has one."""
        for purpose in purposes:
            if found := self.channels_for(purpose):
                return found[0]
        return None

    def facts(self) -> list[tuple[str, Provenance]]:
        """Every sourced fact, named for people re-checking the directory."""
        named: list[tuple[str, Provenance]] = []
        if self.address:
            named.append(("address", self.address.provenance))
        if self.eu_address:
            named.append(("eu_address", self.eu_address.provenance))
        if self.uk_address:
            named.append(("uk_address", self.uk_address.provenance))
        if self.private_content:
            named.append(("private_content", self.private_content.provenance))
        if self.dmca_agent:
            named.append(("dmca_agent", self.dmca_agent.provenance))
        for channel in self.channels:
            named.append((f"channel {channel.purpose}: {channel.target}", channel.provenance))
        return named
