"""The recipient directory: platforms, hotlines and authorities, each fact with its source.

`directory()` loads and validates the data files once per process; `match_url` resolves a pasted
content URL to its platform by hostname, looking nothing up over the network.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from urllib.parse import urlsplit

from takedown_helper.case import OTHER_WEBSITE
from takedown_helper.directory.load import DirectoryError, load_recipients
from takedown_helper.directory.model import Address, Channel, Provenance, Recipient
from takedown_helper.paths import DIRECTORY_DATA_DIR

__all__ = [
    "Address",
    "Channel",
    "Directory",
    "DirectoryError",
    "Provenance",
    "Recipient",
    "directory",
    "normalise_host",
]

RECHECK_AFTER_DAYS = 180


def normalise_host(host: str) -> str:
    return host.strip().lower().rstrip(".")


class Directory:
    """All recipients, with a hostname index for URL matching."""

    def __init__(self, recipients: dict[str, Recipient]) -> None:
        self._recipients = recipients
        self._by_host = {h: r.id for r in recipients.values() for h in r.hostnames}

    def __contains__(self, recipient_id: object) -> bool:
        return recipient_id in self._recipients

    def get(self, recipient_id: str) -> Recipient:
        return self._recipients[recipient_id]

    def all(self) -> tuple[Recipient, ...]:
        return tuple(self._recipients.values())

    def platforms(self) -> tuple[Recipient, ...]:
        """Places content is hosted or indexed, sorted by display name."""
        return tuple(
            sorted(
                (r for r in self._recipients.values() if r.kind in ("platform", "search_engine")),
                key=lambda r: r.display_name.lower(),
            )
        )

    def tagged(self, tag: str, country: str | None = None) -> tuple[Recipient, ...]:
        """Recipients with a tag ("inhope", "dsc", ...), serving `country` when given
        (a recipient serves the countries in its `jurisdictions`)."""
        return tuple(
            r
            for r in self._recipients.values()
            if tag in r.tags and (country is None or country in r.jurisdictions)
        )

    def platform_for_host(self, host: str) -> str:
        """The platform whose hostname is this host or a parent of it; else OTHER_WEBSITE."""
        labels = normalise_host(host).split(".")
        for start in range(len(labels) - 1):
            if found := self._by_host.get(".".join(labels[start:])):
                return found
        return OTHER_WEBSITE

    def match_url(self, url: str) -> str:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:  # a malformed link: casefile._check_url says so to the person
            return OTHER_WEBSITE
        return self.platform_for_host(host)

    def due_for_check(self, today: date, max_age_days: int = RECHECK_AFTER_DAYS):
        """(recipient id, fact name, provenance) for every fact to re-check."""
        return [
            (r.id, name, prov)
            for r in self._recipients.values()
            for name, prov in r.facts()
            if prov.is_due(today, max_age_days)
        ]


@cache
def directory() -> Directory:
    """The bundled directory, loaded and validated once per process."""
    return Directory(load_recipients(DIRECTORY_DATA_DIR))
