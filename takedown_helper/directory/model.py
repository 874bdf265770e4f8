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


@dataclass(frozen=True)
class Provenance:
    source: str | None
    checked: date | None
    unconfirmed: bool

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

    @property
    def target(self) -> str:
        """The URL, email or phone number, whichever this channel is."""
        return self.url or self.email or self.phone or ""

    @property
    def medium(self) -> str:
        return "url" if self.url else "email" if self.email else "phone"


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
    eu_address: Address | None = None
    notes: str | None = None

    def channels_for(self, purpose: str) -> tuple[Channel, ...]:
        return tuple(c for c in self.channels if c.purpose == purpose)

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
        for channel in self.channels:
            named.append((f"channel {channel.purpose}: {channel.target}", channel.provenance))
        return named
