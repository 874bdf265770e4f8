"""What a planned document is: kind, recipient, legal bases, dates, the case facts it carries.

Each document kind lives in its own module here and registers a `DocumentKind`: when it applies,
which case fields it needs, and how to build its `Document`s. The planner (`takedown_helper.planner`)
asks every kind; the renderer turns each `Document` into HTML with the kind's print template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from babel.dates import format_date as babel_format_date

from takedown_helper.case import Case, ContentItem, Role, Route, Signer, ThreatAccount
from takedown_helper.directory import Channel, Recipient
from takedown_helper.directory.model import Provenance

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Requirement:
    """A case field (or one of several) a document needs before it can be sent."""

    paths: tuple[Path, ...]
    why: str

    @property
    def key(self) -> str:
        return " or ".join(".".join(str(p) for p in path) for path in self.paths)

    @property
    def pointers(self) -> str:
        """The fields as RFC 6901 JSON Pointers, as the API and the CLI name them."""
        return " or ".join("".join(f"/{p}" for p in path) for path in self.paths)


@dataclass(frozen=True)
class Addressee:
    """Who a letter goes to: from the directory, or named by the user (police, a website's host)."""

    name: str
    lines: tuple[str, ...] = ()
    country: str | None = None
    attention: str | None = None
    email: str | None = None
    provenance: Provenance | None = None  # None when the user gave it

    @classmethod
    def from_recipient(cls, recipient: Recipient, eu: bool = False, uk: bool = False) -> Addressee:
        """The directory's postal address, only when a public source confirmed it. An unconfirmed
        address is never printed in a letter: the letter goes by the platform's form or email,
        and its addressee has no postal lines (so nothing is posted to a guessed address)."""
        # The company of the place whose law the letter cites, when the directory holds it.
        address = recipient.address
        if eu and recipient.eu_address:
            address = recipient.eu_address
        elif uk and recipient.uk_address:
            address = recipient.uk_address
        if address is None or address.provenance.unconfirmed:
            return cls(name=(address and address.legal_name) or recipient.legal_name)
        return cls(
            name=address.legal_name or recipient.legal_name,
            lines=address.lines,
            country=address.country,
            provenance=address.provenance,
        )


# Kinds of document the user keeps (never sent anywhere).
FOR_THE_USER = ("guide", "ncmec_worksheet", "escalation")


@dataclass(frozen=True)
class EarlierNotice:
    """A notice already sent (from the case's history), as a follow-up cites it."""

    sent_on: date
    deadline: date
    route: Route
    reference: str | None = None


@dataclass(frozen=True)
class Document:
    kind: str
    slug: str  # neutral file-name stem: never a person's name
    title: str  # neutral; becomes the PDF's Title
    template: str
    language: str
    paper: str  # "letter" or "a4"
    dated: date
    addressee: Addressee | None = None
    recipient: Recipient | None = None
    bases: tuple[str, ...] = ()
    items: tuple[ContentItem, ...] = ()
    channels: tuple[Channel, ...] = ()  # where to send it, best first
    signer: Signer = field(default_factory=Signer)
    deadline: date | None = None
    follow_up_on: date | None = None
    refers_to: date | None = None  # the date of the earlier notice a follow-up cites
    earlier: EarlierNotice | None = None  # that notice: when and how it went, its deadline
    missing: tuple[Requirement, ...] = ()
    checks: tuple[str, ...] = ()  # facts the user must check before sending (or using)
    accounts: tuple[ThreatAccount, ...] = ()  # accounts that threatened (sextortion)
    since: date | None = None  # when the threats started
    # Routes this place should have that the directory does not hold yet: the guide names them.
    gaps: tuple[str, ...] = ()

    @property
    def sent_by_user(self) -> bool:
        """Letters go to a recipient; the guide, worksheet and escalation sheet stay with the user."""
        return self.kind not in FOR_THE_USER

    @property
    def bookmark_name(self) -> str | None:
        """Whom the document is for, as its bookmark names it: the directory's name, or the name
        the user gave the recipient (a police agency, a website's host); never the person shown."""
        if self.recipient:
            return self.recipient.display_name
        return self.addressee.name if self.addressee else None

    @property
    def bookmark(self) -> str:
        """The packet's bookmark (in English): "Removal request – Reddit"."""
        return f"{self.title} – {self.bookmark_name}" if self.bookmark_name else self.title

    def format_date(self, value: date, language: str | None = None) -> str:
        """'November 24, 2026' in US letters, '24 November 2026' elsewhere, localised; in
        `language` when a page in another language than the document's shows the date."""
        language = language or self.language
        english = "en_US" if self.paper == "letter" else "en_GB"
        locale = english if language == "en" else language
        return babel_format_date(value, format="long", locale=locale)


@dataclass(frozen=True)
class DocumentKind:
    key: str
    summary: str  # one line saying why a user wants it
    build: Callable[[Case, date], list[Document]]
    recommended: Callable[[Case], bool] = lambda _case: True


def capacity(case: Case) -> str:
    """In what capacity the signer acts: the TAKE IT DOWN Act accepts the person shown or someone
    authorized to act for them (§ 3(a)(1)(B)(i))."""
    return {
        Role.SURVIVOR: "the person shown in the depictions",
        Role.PARENT: "the parent or legal guardian of the person shown, acting on their behalf",
        Role.ADVOCATE: "an authorized representative of the person shown, acting on their behalf",
        # The app never asks whether a teacher or other trusted adult holds an authorization,
        # so the letters claim none: they say what is true.
        Role.TRUSTED_ADULT: "a trusted adult helping the person shown",
    }[case.role]


def house_paper(country: str) -> str:
    """One house style per case, from the requester's country: US Letter (and "November 23,
    2026") in the United States and Canada, A4 (and "23 November 2026") everywhere else."""
    return "letter" if country in ("US", "CA") else "a4"


def age_group(case: Case) -> str:
    """The directory's age fact for a case: "not sure" is treated as possibly a minor."""
    return "minor" if case.possibly_minor else "adult"
