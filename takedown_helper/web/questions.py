"""The questions, one per page, in order: each a WTForms form that says what it asks, when it
applies, how its answers are kept (`load` / `save`) and which case-file fields it owns.

Fields and their rules are declared once here; `parse_case` checks the whole case again on every
post (see `answers.check_step`), and its errors come back to the field that asked.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, ClassVar
from urllib.parse import urlsplit

from flask_babel import get_locale, gettext, lazy_gettext
from markupsafe import escape
from wtforms import Form, FormField

from takedown_helper.case import OTHER_WEBSITE, CopyrightHolder, Role
from takedown_helper.casefile import CaseError, Path
from takedown_helper.directory import directory, normalise_host
from takedown_helper.documents import Document
from takedown_helper.geography import country_names, place_name, region_names
from takedown_helper.organisation import deployment_plan
from takedown_helper.planner import KINDS, recommended_kinds
from takedown_helper.web.answers import Answers, full_case, owns, section
from takedown_helper.web.fields import (
    ChecksField,
    ChoiceField,
    Count,
    CountField,
    DateParts,
    LinesField,
    LongTextField,
    MaxLength,
    NotFuture,
    Required,
    Rows,
    TextField,
    YesNoField,
    email_rule,
    phone_rule,
    url_rule,
)

# Marked for extraction (N_ is a Babel keyword) and translated when shown, in the page language.
N_ = lazy_gettext


# --- what the answers hold so far ---------------------------------------------------------------


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def item_urls(answers: Answers) -> list[str]:
    return [str(i.get("url") or "") for i in answers.get("items") or []]


def matched_sites(answers: Answers) -> list[tuple[str, str]]:
    """(url, platform id or OTHER_WEBSITE) for each link, recognised from the directory."""
    known = directory()
    return [(url, known.match_url(url)) for url in item_urls(answers)]


def other_hosts(answers: Answers) -> list[str]:
    seen: dict[str, None] = {}
    for url, site in matched_sites(answers):
        if site == OTHER_WEBSITE:
            try:
                host = urlsplit(url).hostname
            except ValueError:
                host = None
            if host:
                seen.setdefault(normalise_host(host))
    return list(seen)


def case_platforms(answers: Answers) -> list[str]:
    seen: dict[str, None] = {}
    for _url, site in matched_sites(answers):
        if site != OTHER_WEBSITE:
            seen.setdefault(site)
    return list(seen)


def _role(answers: Answers) -> str | None:
    return _dict(answers.get("requester")).get("role")


def _where(answers: Answers) -> list[str]:
    where = _dict(answers.get("imagery")).get("where")
    return list(where) if isinstance(where, list) else ["public"]


def _threatened(answers: Answers) -> bool:
    return _dict(answers.get("threats")).get("present") is True


def police_reported(answers: Answers) -> bool:
    """A police report was made: the police page asks its date (a letter-only agency has none)."""
    return bool(_dict(_dict(answers.get("history")).get("police")).get("reported_on"))


def _set(target: dict[str, Any], key: str, value: Any) -> None:
    """Keep a value, or drop the key when the answer was left empty."""
    if value in (None, "", []):
        target.pop(key, None)
    else:
        target[key] = value


def _language() -> str:
    return str(get_locale() or "en")


def _platform_name(platform: str) -> str:
    known = directory()
    return known.get(platform).name_in(_language()) if platform in known else platform


def kind_names() -> dict[str, str]:
    """What each kind of document is called on the page."""
    return {
        "threat_report": gettext("Threat report: what to do now"),
        "platform_notice": gettext("Removal request to each website"),
        "ncmec_worksheet": gettext("CyberTipline report worksheet"),
        "police_referral": gettext("Letter to the police"),
        "delisting_request": gettext("Request to remove it from search results"),
        "host_notice": gettext("Notice to the website's host and registrar"),
        "follow_up": gettext("Follow-up letter"),
        "escalation": gettext("Complaint to a regulator"),
        "guide": gettext("Your own guide: what to do next"),
    }


# --- the base of every question ------------------------------------------------------------------


class Question(Form):
    """One page. Subclasses declare fields; `PATHS` maps a field to the case-file field it fills."""

    step: ClassVar[str]
    title: ClassVar[Any]
    heading: ClassVar[str | None] = None  # the field whose label is the page's h1
    intro: ClassVar[str | None] = None  # a template with the page's own words, above the fields
    template: ClassVar[str] = "pages/questions/layout.html"
    prefixes: ClassVar[tuple[Path, ...]] = ()
    PATHS: ClassVar[dict[str, Path]] = {}
    # A page that a changed answer can open (after "Change", the form goes on to it).
    opened_by_change: ClassVar[bool] = False

    # Fields shown under one answer of the heading question (GOV.UK's conditional reveal).
    reveal: ClassVar[dict[str, tuple[str, ...]]] = {}
    reveal_hint: ClassVar[Any] = None

    def __init__(self, formdata: Any, answers: Answers, today: date) -> None:
        self.answers = answers
        self.today = today
        self.posted = formdata is not None
        super().__init__(formdata, data=None if formdata is not None else self.load(answers))
        self.setup()

    @classmethod
    def applies(cls, answers: Answers, today: date) -> bool:
        return True

    def question(self) -> str:
        return self.heading_for(self.answers)

    @classmethod
    def heading_for(cls, answers: Answers) -> str:
        return str(cls.title)

    def load(self, answers: Answers) -> dict[str, Any]:
        """Each field's answer, read at its case-file path."""
        return {name: _at(answers, path) for name, path in self.PATHS.items()}

    def save(self, answers: Answers) -> None:
        """Each field's answer written at its case-file path (an empty answer removes it)."""
        for name, path in self.PATHS.items():
            target = answers
            for key in path[:-1]:
                target = section(target, str(key))
            field = self[name]
            _set(target, str(path[-1]), field.value if isinstance(field, YesNoField) else field.data)

    def setup(self) -> None:
        """Choices and rows that depend on the answers so far."""

    def page_context(self) -> dict[str, Any]:
        return {}

    def field_for(self, path: Path) -> str | None:
        """The field (its form name) that asked for a case-file path, for parse_case's errors."""
        for name, owned in self.PATHS.items():
            if tuple(path[: len(owned)]) == owned:
                return name
        return None

    @property
    def owned(self) -> tuple[Path, ...]:
        """The case-file fields this page answers (its errors are shown here)."""
        return self.prefixes

    @property
    def revealed(self) -> set[str]:
        return {name for names in self.reveal.values() for name in names}

    @property
    def has_rows(self) -> bool:
        return any(isinstance(f, Rows) for f in self)

    def summary(self) -> list[str]:
        """The answers as the check page shows them: a choice by its words, a box as typed."""
        lines = []
        for name in self.PATHS:
            field = self[name]
            words = {c[0]: str(c[1]) for c in getattr(field, "choices", [])}
            values = field.data if isinstance(field.data, list) else [field.data]
            lines.append(", ".join(words.get(v, str(v)) for v in values if v not in (None, "")))
        return lines


def _at(data: Any, path: Path) -> Any:
    for key in path:
        data = _dict(data).get(str(key))
    return data


def find_field(form: Form, name: str) -> Any:
    """A field by its full form name ("reports-1-reported_on"), inside rows too."""
    for field in form:
        if field.name == name:
            return field
        if isinstance(field, Rows):
            for entry in field.entries:
                if entry.name == name:
                    return entry
                if isinstance(entry, FormField):
                    for sub in entry:
                        if sub.name == name:
                            return sub
    return None


# --- who, how old, where ---------------------------------------------------------------------------


def _roles() -> list[tuple[str, Any, Any]]:
    return [
        ("survivor", N_("I am the person shown"), None),
        ("parent", N_("I am their parent or guardian"), None),
        ("advocate", N_("I am an advocate or lawyer helping them"), None),
        ("trusted_adult", N_("I am another trusted adult helping them"),
         N_("For example a teacher, relative or friend they asked for help.")),
    ]


class RoleQuestion(Question):
    step = "role"
    title = N_("Who are you?")
    heading = "role"
    prefixes = (("requester", "role"),)
    PATHS: ClassVar[dict[str, Path]] = {"role": ("requester", "role")}
    role = ChoiceField(N_("Who are you?"), choices=_roles(),
                       description=N_("We use this to write the letters in the right voice."),
                       validators=[Required(("requester", "role"), choose=True)])

    def save(self, answers: Answers) -> None:
        super().save(answers)
        if self.role.data == "survivor":  # they live where they live: one place
            person = section(answers, "person_shown")
            person.pop("country", None)
            person.pop("region", None)


def _ages() -> list[tuple[str, Any, Any]]:
    return [
        ("yes", N_("Under 18"), None),
        ("no", N_("18 or over"), None),
        ("not_sure", N_("I'm not sure"),
         N_("We will treat it as possibly under 18, so the strongest protections apply.")),
    ]


class AgeQuestion(Question):
    step = "age"
    title = N_("How old was the person shown when the images were made?")
    heading = "minor_when_made"
    prefixes = (("person_shown", "minor_when_made"),)
    PATHS: ClassVar[dict[str, Path]] = {"minor_when_made": ("person_shown", "minor_when_made")}
    minor_when_made = ChoiceField(
        N_("How old was the person shown when the images were made?"), choices=_ages(),
        description=N_("Images of anyone under 18 are child sexual abuse material (CSAM). "
                      "Websites must remove them and report them."),
        validators=[Required(("person_shown", "minor_when_made"), choose=True)])


def _countries(answers: Answers) -> list[tuple[str, Any, Any]]:
    names = country_names(answers.get("language") or "en")
    return [("", gettext("Choose a country"), None)] + [(c, n, None) for c, n in names.items()]


def _regions() -> list[tuple[str, Any, Any]]:
    language = _language()
    return (
        [("", gettext("Choose a state or UK nation"), None)]
        + [(code, name, None) for code, name in region_names("US", language).items()]
        + [(code, f"{name} ({gettext('UK')})", None)
           for code, name in region_names("GB", language).items()]
    )


def place_text(answers: Answers, country: str | None, region: str | None) -> str:
    if not country:
        return ""
    return place_name(country, region, answers.get("language") or "en")


def _place_fields(path: str, country_label: Any, region_label: Any, required: bool,
                  why: Any = None) -> tuple[ChoiceField, ChoiceField]:
    rules = [Required((path, "country"), choose=True)] if required else []
    return (
        ChoiceField(country_label, kind="select", validators=rules, description=why),
        ChoiceField(region_label, kind="select",
                    description=N_("Only in the United States or the United Kingdom. "
                                  "Laws there differ from place to place.")),
    )


class WhereQuestion(Question):
    """Where the person shown lives: the law of that place applies (for a survivor, their home)."""

    step = "where"
    title = N_("Where do you live?")
    prefixes = (("requester", "country"), ("requester", "region"),
                ("person_shown", "country"), ("person_shown", "region"))
    PATHS: ClassVar[dict[str, Path]] = {"country": ("requester", "country"), "region": ("requester", "region")}
    country, region = _place_fields(
        "requester", N_("Country"), N_("State or UK nation (optional)"), required=True,
        why=N_("The laws that help depend on this place. The letters use its law."))

    @classmethod
    def heading_for(cls, answers: Answers) -> str:
        if _role(answers) in (None, "survivor"):
            return gettext("Where do you live?")
        return gettext("Where does the person shown live?")

    def field_for(self, path: Path) -> str | None:
        if path[:1] == ("person_shown",) or (path[:1] == ("requester",) and self._survivor):
            return "region" if path[-1] == "region" else "country"
        return None

    @property
    def _survivor(self) -> bool:
        return _role(self.answers) in (None, "survivor")

    @property
    def owned(self) -> tuple[Path, ...]:
        return self.prefixes[:2] if self._survivor else self.prefixes[2:]

    def setup(self) -> None:
        self.country.choices = _countries(self.answers)
        self.region.choices = _regions()

    def load(self, answers: Answers) -> dict[str, Any]:
        requester = _dict(answers.get("requester"))
        person = _dict(answers.get("person_shown"))
        if _role(answers) in (None, "survivor") or not person.get("country"):
            return {"country": requester.get("country"), "region": requester.get("region")}
        return {"country": person.get("country"), "region": person.get("region")}

    def save(self, answers: Answers) -> None:
        requester = section(answers, "requester")
        region = self.region.data if self.country.data in ("US", "GB") else None
        if self._survivor:
            requester["country"], requester["region"] = self.country.data, region
            return
        person = section(answers, "person_shown")
        before = (person.get("country"), person.get("region"))
        same = (requester.get("country"), requester.get("region")) == before
        person["country"], person["region"] = self.country.data, region
        if requester.get("country") and same:  # "the same place" (the next page) still holds
            requester["country"], requester["region"] = self.country.data, region

    def summary(self) -> list[str]:
        answers = self.answers
        requester = _dict(answers.get("requester"))
        person = _dict(answers.get("person_shown"))
        if person.get("country"):
            return [place_text(answers, person.get("country"), person.get("region"))]
        return [place_text(answers, requester.get("country"), requester.get("region"))]


class WhereYouQuestion(Question):
    """Where the requester is, when it is not where the person shown lives (an advocate abroad)."""

    step = "where_you"
    title = N_("Do you live in the same place as them?")
    heading = "same"
    prefixes = (("requester", "country"), ("requester", "region"))
    PATHS: ClassVar[dict[str, Path]] = {"country": ("requester", "country"), "region": ("requester", "region")}
    same = YesNoField(
        N_("Do you live in the same place as them?"),
        description=N_("The law where they live applies. We use your country for how to reach "
                      "you and which help is near you."),
        validators=[Required(("requester", "country"), choose=True)])
    country, region = _place_fields("requester", N_("If not, the country where you live"),
                                    N_("Your state or UK nation (optional)"), required=False)
    reveal: ClassVar[dict[str, tuple[str, ...]]] = {"no": ("country", "region")}

    @classmethod
    def applies(cls, answers: Answers, today: date) -> bool:
        return _role(answers) not in (None, "survivor")

    def setup(self) -> None:
        self.country.choices = _countries(self.answers)
        self.region.choices = _regions()

    def load(self, answers: Answers) -> dict[str, Any]:
        requester = _dict(answers.get("requester"))
        person = _dict(answers.get("person_shown"))
        if not requester.get("country"):
            return {}
        here = (requester.get("country"), requester.get("region"))
        same = here == (person.get("country"), person.get("region")) or not person.get("country")
        if same:
            return {"same": True}
        return {"same": False, "country": here[0], "region": here[1]}

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.same.data == "no" and not self.country.data:
            self.country.errors = [gettext("Choose the country where you live from the list.")]
            return False
        return valid

    def save(self, answers: Answers) -> None:
        requester = section(answers, "requester")
        person = _dict(answers.get("person_shown"))
        if self.same.data == "yes":
            requester["country"], requester["region"] = person.get("country"), person.get("region")
        else:
            region = self.region.data if self.country.data in ("US", "GB") else None
            requester["country"], requester["region"] = self.country.data, region

    def summary(self) -> list[str]:
        answers = self.answers
        requester = _dict(answers.get("requester"))
        person = _dict(answers.get("person_shown"))
        here = (requester.get("country"), requester.get("region"))
        if here == (person.get("country"), person.get("region")):
            return [gettext("Yes, the same place as them")]
        # The row's question is yes/no: answer it, then say where (not a bare country name).
        return [gettext("No. I live in %(place)s", place=place_text(answers, *here))]


class NameQuestion(Question):
    step = "name"
    title = N_("What is their name? (optional)")
    heading = "person_name"
    prefixes = (("person_shown", "name"),)
    PATHS: ClassVar[dict[str, Path]] = {"person_name": ("person_shown", "name")}
    person_name = TextField(
        N_("What is their name? (optional)"), autocomplete="off", width="two-thirds",
        description=N_("The letter to the police and the CyberTipline worksheet can name them. "
                      "Leave it empty if you prefer."),
        validators=[MaxLength(("person_shown", "name"))])

    @classmethod
    def applies(cls, answers: Answers, today: date) -> bool:
        return _role(answers) not in (None, "survivor")


# --- the imagery -----------------------------------------------------------------------------------


def _kinds() -> list[tuple[str, Any, Any]]:
    return [
        ("real", N_("Real"), N_("A real photo or video.")),
        ("forgery", N_("Fake"), N_("Made or changed with an app or AI, sometimes called a deepfake.")),
        ("not_sure", N_("I'm not sure"), None),
    ]


class KindQuestion(Question):
    step = "kind"
    title = N_("Are the images real or fake?")
    heading = "kind"
    prefixes = (("imagery", "kind"),)
    PATHS: ClassVar[dict[str, Path]] = {"kind": ("imagery", "kind")}
    kind = ChoiceField(
        N_("Are the images real or fake?"), choices=_kinds(),
        description=N_("The law covers fake images too. The letters say which kind they are."),
        validators=[Required(("imagery", "kind"), choose=True)])


def _places() -> list[tuple[str, Any, Any]]:
    return [
        ("public", N_("Posted on a website or app where others can see it"), None),
        ("private", N_("Shared in private messages or groups"), None),
        ("not_posted", N_("Not posted yet, but someone says they will"), None),
        ("unknown", N_("Someone says it is online, but I do not have a link"), None),
    ]


class WhereaboutsQuestion(Question):
    step = "whereabouts"
    title = N_("Where are the images now?")
    heading = "where"
    prefixes = (("imagery", "where"),)
    PATHS: ClassVar[dict[str, Path]] = {"where": ("imagery", "where")}
    where = ChecksField(N_("Where are the images now?"), choices=_places(),
                        description=N_("Choose all that apply."),
                        validators=[Required(("imagery", "where"), choose=True)])

    def load(self, answers: Answers) -> dict[str, Any]:
        return {"where": _dict(answers.get("imagery")).get("where") or (
            ["public"] if answers.get("items") else [])}

    def save(self, answers: Answers) -> None:
        super().save(answers)
        if "public" not in self.where.data:  # no links: nothing public to take down
            answers["items"] = []
            answers["websites"] = []
        if "private" not in self.where.data:
            section(answers, "imagery").pop("private_platforms", None)


class LinksQuestion(Question):
    step = "links"
    title = N_("Where is it online?")
    prefixes = (("items",),)
    intro = "pages/questions/_links.html"
    links = Rows(
        TextField(N_("Link"), input_type="url", spellcheck=False,
                  validators=[url_rule(), MaxLength(("items", "*", "url"))]),
        row_label=N_("Link %(n)d"), add_label=N_("Add another link"), max_rows=50,
    )

    @classmethod
    def applies(cls, answers: Answers, today: date) -> bool:
        return "public" in _where(answers)

    def load(self, answers: Answers) -> dict[str, Any]:
        return {"links": item_urls(answers) or [""]}

    def save(self, answers: Answers) -> None:
        earlier = {str(i.get("url")): i for i in answers.get("items") or []}
        items, self._rows = [], []
        for row, url in enumerate(self.links.data):
            if url:
                item = {k: v for k, v in earlier.get(url, {}).items() if k != "platform"}
                item["url"] = url
                items.append(item)
                self._rows.append(row)
        answers["items"] = items

    def field_for(self, path: Path) -> str | None:
        rows = getattr(self, "_rows", [])
        if len(path) > 1 and isinstance(path[1], int) and path[1] < len(rows):
            return f"links-{rows[path[1]]}"
        return "links-0" if path[:1] == ("items",) else None

    def page_context(self) -> dict[str, Any]:
        known = directory()
        return {"sites": [(url, known.get(s).name_in(_language()) if s != OTHER_WEBSITE else None)
                          for url, s in matched_sites(self.answers)]}

    def summary(self) -> list[str]:
        answers = self.answers
        known = directory()
        return [f"{url} ({known.get(s).name_in(_language()) if s != OTHER_WEBSITE else gettext('another website')})"
                for url, s in matched_sites(answers)]


def _apps() -> list[tuple[str, Any, Any]]:
    known = directory()
    apps = [(p.id, p.name_in(_language()), None) for p in known.platforms() if p.kind == "platform"]
    return [*apps, (OTHER_WEBSITE, N_("Another app"), None)]


class PrivateQuestion(Question):
    step = "private"
    title = N_("Which apps was it shared on? (optional)")
    heading = "apps"
    prefixes = (("imagery", "private_platforms"),)
    PATHS: ClassVar[dict[str, Path]] = {"apps": ("imagery", "private_platforms")}
    apps = ChecksField(
        N_("Which apps was it shared on? (optional)"),
        description=N_("Some apps act on reports about private chats. Your guide says how to "
                      "report it in each app you choose."))

    @classmethod
    def applies(cls, answers: Answers, today: date) -> bool:
        return "private" in _where(answers)

    def setup(self) -> None:
        self.apps.choices = _apps()


class SiteRow(Form):
    host_name = TextField(N_("Hosting company (optional)"), width="two-thirds",
                          validators=[MaxLength(("websites", "*", "host_name"))])
    host_abuse_email = TextField(N_("Hosting company's abuse email (optional)"),
                                 input_type="email", spellcheck=False, width="two-thirds",
                                 validators=[email_rule(),
                                             MaxLength(("websites", "*", "host_abuse_email"))])
    registrar_name = TextField(N_("Registrar (optional)"), width="two-thirds",
                               validators=[MaxLength(("websites", "*", "registrar_name"))])
    registrar_abuse_email = TextField(N_("Registrar's abuse email (optional)"), input_type="email",
                                      spellcheck=False, width="two-thirds",
                                      validators=[email_rule(),
                                                  MaxLength(("websites", "*", "registrar_abuse_email"))])


class WebsitesQuestion(Question):
    step = "websites"
    title = N_("Who runs the other websites?")
    intro = "pages/questions/_websites.html"
    prefixes = (("websites",),)
    opened_by_change = True
    sites = Rows(FormField(SiteRow), fixed=True)

    @classmethod
    def applies(cls, answers: Answers, today: date) -> bool:
        return "public" in _where(answers) and bool(other_hosts(answers))

    def setup(self) -> None:
        hosts = other_hosts(self.answers)
        self.sites.headings = hosts
        self.sites.fit(len(hosts))

    def load(self, answers: Answers) -> dict[str, Any]:
        saved = {w.get("hostname"): w for w in answers.get("websites") or []}
        return {"sites": [saved.get(h, {}) for h in other_hosts(answers)]}

    def save(self, answers: Answers) -> None:
        answers["websites"] = [
            {"hostname": host, **row} for host, row in zip(other_hosts(answers), self.sites.data,
                                                          strict=False)
        ]

    def field_for(self, path: Path) -> str | None:
        if path[:1] == ("websites",) and len(path) >= 3:
            return f"sites-{path[1]}-{path[2]}"
        return None

    def summary(self) -> list[str]:
        answers = self.answers
        return [f"{w.get('hostname')}: " + ", ".join(
            str(w[k]) for k in ("host_name", "host_abuse_email", "registrar_name",
                                "registrar_abuse_email") if w.get(k)
        ) for w in answers.get("websites") or []]


class ItemRow(Form):
    account = TextField(N_("Account that posted it (optional)"), spellcheck=False,
                        width="two-thirds",
                        description=N_("The letters name the account, so the website can find it."),
                        validators=[MaxLength(("items", "*", "account"))])
    first_seen = DateParts(N_("When did you first see it? (optional)"),
                           path=("items", "*", "first_seen"),
                           description=N_("For example, 28 3 2026. The letters give this date."),
                           validators=[NotFuture(("items", "*", "first_seen"))])
    views = CountField(N_("Number of views shown on the post (optional)"), inputmode="numeric",
                       description=N_("The letters say how far it spread."),
                       validators=[Count(("items", "*", "views"))])
    shares = CountField(N_("Number of shares or reposts shown (optional)"), inputmode="numeric",
                        validators=[Count(("items", "*", "shares"))])


ITEM_DETAILS = ("account", "first_seen", "views", "shares")


class AccountsQuestion(Question):
    step = "accounts"
    title = N_("What do you know about each link? (optional)")
    intro = "pages/questions/_accounts.html"
    prefixes = (("items", "*", "account"), ("items", "*", "first_seen"), ("items", "*", "views"),
                ("items", "*", "shares"))
    items = Rows(FormField(ItemRow), fixed=True, row_label=N_("Link %(n)d"))

    @classmethod
    def applies(cls, answers: Answers, today: date) -> bool:
        return bool(answers.get("items"))

    def setup(self) -> None:
        urls = item_urls(self.answers)
        self.items.headings = urls
        self.items.fit(len(urls))

    def load(self, answers: Answers) -> dict[str, Any]:
        return {"items": [{k: i.get(k) for k in ITEM_DETAILS} for i in answers.get("items") or []]}

    def save(self, answers: Answers) -> None:
        for item, row in zip(answers.get("items") or [], self.items.data, strict=False):
            for key in ITEM_DETAILS:
                _set(item, key, row.get(key))

    def field_for(self, path: Path) -> str | None:
        if path[:1] == ("items",) and len(path) == 3 and path[2] in ITEM_DETAILS:
            return f"items-{path[1]}-{path[2]}"
        return None

    def summary(self) -> list[str]:
        answers = self.answers
        lines = []
        for n, item in enumerate(answers.get("items") or [], start=1):
            known = [str(item[k]) for k in ITEM_DETAILS if item.get(k) not in (None, "")]
            if known:
                lines.append(gettext("Link %(n)d", n=n) + ": " + ", ".join(known))
        return lines


class ContextQuestion(Question):
    step = "context"
    title = N_("What should the website know? (optional)")
    heading = "context"
    prefixes = (("imagery", "context"),)
    PATHS: ClassVar[dict[str, Path]] = {"context": ("imagery", "context")}
    context = LongTextField(
        N_("What should the website know? (optional)"), rows=5,
        description=N_("In a few words, say why this was shared without consent. For example: "
                      "I never agreed to this being posted. The removal requests quote it."),
        validators=[MaxLength(("imagery", "context"))])

    @classmethod
    def applies(cls, answers: Answers, today: date) -> bool:
        return bool(answers.get("items"))


def _platform_answers() -> list[tuple[str, Any, Any]]:
    return [
        ("", N_("Choose an answer"), None),
        ("no_reply", N_("They have not answered"), None),
        ("no_violation", N_("They said it does not break their rules"), None),
        ("removed_then_back", N_("They removed it, but it came back"), None),
        ("partly_removed", N_("They removed only some of it"), None),
        ("other", N_("Something else"), None),
    ]


REPORT_P = ("history", "platform_reports", "*")


class ReportRow(Form):
    platform = ChoiceField(N_("Website you reported it to"), kind="select")
    reported_on = DateParts(N_("Date you reported it"), path=(*REPORT_P, "reported_on"),
                            description=N_("For example, 28 3 2026."),
                            validators=[NotFuture((*REPORT_P, "reported_on"))])
    reference = TextField(N_("Reference or case number they gave you (optional)"),
                          spellcheck=False, width="two-thirds",
                          validators=[MaxLength((*REPORT_P, "reference"))])
    answer = ChoiceField(N_("What was their answer? (optional)"), kind="select",
                         choices=_platform_answers())
    answered_on = DateParts(N_("Date of their answer (optional)"), path=(*REPORT_P, "answered_on"),
                            validators=[NotFuture((*REPORT_P, "answered_on"))])
    note = LongTextField(N_("What did their answer say? (optional)"), rows=3,
                         description=N_("The follow-up letter quotes it."),
                         validators=[MaxLength((*REPORT_P, "note"))])


REPORT_KEYS = ("reported_on", "reference", "answer", "answered_on", "note")


class ReportedQuestion(Question):
    step = "reported"
    title = N_("Has it been reported already?")
    intro = "pages/questions/_reported.html"
    prefixes = (("history", "platform_reports"), ("history", "cybertip_number"))
    reports = Rows(FormField(ReportRow), row_label=N_("Report %(n)d"),
                   add_label=N_("Add another report"), max_rows=20)
    cybertip_number = TextField(
        N_("CyberTipline report number (optional)"), spellcheck=False, width="one-third",
        description=N_("Only if it was reported to the National Center for Missing & Exploited "
                      "Children (NCMEC)."),
        validators=[MaxLength(("history", "cybertip_number"))])

    @classmethod
    def applies(cls, answers: Answers, today: date) -> bool:
        return bool(case_platforms(answers))

    def setup(self) -> None:
        shown = case_platforms(self.answers)
        for report in _dict(self.answers.get("history")).get("platform_reports") or []:
            if isinstance(report, dict) and report.get("platform") not in shown:
                shown.append(str(report.get("platform")))
        choices = [(p, _platform_name(p), None) for p in shown]
        for entry in self.reports.entries:
            entry.platform.choices = choices

    def load(self, answers: Answers) -> dict[str, Any]:
        history = _dict(answers.get("history"))
        reports = [r for r in history.get("platform_reports") or [] if isinstance(r, dict)]
        return {"reports": reports or [{}], "cybertip_number": history.get("cybertip_number")}

    def save(self, answers: Answers) -> None:
        history = section(answers, "history")
        kept, self._rows = [], []
        for row, data in enumerate(self.reports.data):
            if not any(data.get(k) for k in REPORT_KEYS):
                continue  # a blank row is not a report
            report = {"platform": data.get("platform")}
            for key in REPORT_KEYS:
                _set(report, key, data.get(key))
            kept.append(report)
            self._rows.append(row)
        history["platform_reports"] = kept
        _set(history, "cybertip_number", self.cybertip_number.data)

    def field_for(self, path: Path) -> str | None:
        rows = getattr(self, "_rows", [])
        if path[:2] == ("history", "platform_reports") and len(path) >= 3:
            index = path[2]
            if isinstance(index, int) and index < len(rows):
                key = path[3] if len(path) > 3 else "reported_on"
                return f"reports-{rows[index]}-{key}"
        if path == ("history", "cybertip_number"):
            return "cybertip_number"
        return None

    def summary(self) -> list[str]:
        answers = self.answers
        history = _dict(answers.get("history"))
        names = {v: str(t) for v, t, _h in _platform_answers()}
        lines = []
        for r in history.get("platform_reports") or []:
            parts = [r.get("reported_on") or "", r.get("reference"), names.get(r.get("answer") or "")]
            lines.append(f"{_platform_name(str(r.get('platform')))}: " + ", ".join(p for p in parts if p))
        if history.get("cybertip_number"):
            lines.append(gettext("CyberTipline report") + ": " + str(history["cybertip_number"]))
        return lines


POLICE = ("history", "police")


class PoliceQuestion(Question):
    step = "police"
    title = N_("Have you reported it to the police?")
    heading = "reported"
    intro = None
    prefixes = (POLICE,)
    PATHS: ClassVar[dict[str, Path]] = {
        "agency": (*POLICE, "agency"), "case_number": (*POLICE, "case_number"),
        "reported_on": (*POLICE, "reported_on"), "address": (*POLICE, "address"),
        "email": (*POLICE, "email"),
    }
    reported = YesNoField(N_("Have you reported it to the police?"),
                          description=N_("If you have, the letters can give the police case."),
                          validators=[Required(POLICE, choose=True)])
    agency = TextField(N_("Police department or agency"), width="two-thirds",
                       validators=[MaxLength((*POLICE, "agency"))])
    reported_on = DateParts(N_("Date you reported it to the police"), path=(*POLICE, "reported_on"),
                            description=N_("For example, 28 3 2026."),
                            validators=[NotFuture((*POLICE, "reported_on"))])
    case_number = TextField(N_("Police case number (optional)"), width="one-third",
                            spellcheck=False, validators=[MaxLength((*POLICE, "case_number"))])
    email = TextField(N_("Police email address (optional)"), input_type="email", spellcheck=False,
                      width="two-thirds", validators=[email_rule(), MaxLength((*POLICE, "email"))])
    address = LinesField(N_("Police postal address (optional)"), rows=4,
                         validators=[MaxLength((*POLICE, "address", "*"))])
    reveal: ClassVar[dict[str, tuple[str, ...]]] = {
        "yes": ("agency", "reported_on", "case_number", "email", "address")}
    reveal_hint = N_("If you reported it, tell us about the report.")

    def load(self, answers: Answers) -> dict[str, Any]:
        police = _dict(_dict(answers.get("history")).get("police"))
        if not police_reported(answers):
            return {"reported": False} if "police" in _dict(answers.get("history")) else {}
        return {"reported": True, **{k: police.get(k) for k in self.PATHS}}

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.reported.data == "yes":
            for name in ("agency", "reported_on"):
                field = self[name]
                if not field.data and not field.errors:
                    field.errors = [Required(self.PATHS[name]).message()]
                    valid = False
        return valid

    def save(self, answers: Answers) -> None:
        history = section(answers, "history")
        if self.reported.data == "yes":
            history["police"] = {k: self[k].data for k in self.PATHS}
        elif police_reported(answers):
            history["police"] = None
        else:  # a police agency named only to receive the letter (asked with the signer) stays
            history.setdefault("police", None)

    def summary(self) -> list[str]:
        answers = self.answers
        police = _dict(_dict(answers.get("history")).get("police"))
        if not police_reported(answers):
            return [gettext("No")]
        parts = [police.get("agency"), police.get("reported_on"), police.get("case_number"),
                 police.get("email"), *(police.get("address") or [])]
        return [", ".join(str(p) for p in parts if p)]


def _notice_kinds() -> list[tuple[str, Any, Any]]:
    return [
        ("platform_notice", N_("Removal request"), None),
        ("host_notice", N_("Notice to the host or registrar"), None),
        ("dmca_notice", N_("Copyright (DMCA) notice"), None),
    ]


def _routes() -> list[tuple[str, Any, Any]]:
    return [
        ("form", N_("On their website's form"), None),
        ("email", N_("By email"), None),
        ("post", N_("By post"), None),
        ("other", N_("Another way"), None),
    ]


SENT_P = ("history", "notices_sent", "*")


class SentRow(Form):
    platform = ChoiceField(N_("Sent to"), kind="select")
    kind = ChoiceField(N_("Which notice"), kind="select", choices=_notice_kinds())
    sent_on = DateParts(N_("Date you sent it"), path=(*SENT_P, "sent_on"),
                        description=N_("For example, 28 3 2026."),
                        validators=[NotFuture((*SENT_P, "sent_on"))])
    route = ChoiceField(N_("How you sent it"), kind="select", choices=_routes())
    reference = TextField(N_("Reference number they gave you (optional)"), spellcheck=False,
                          width="two-thirds", validators=[MaxLength((*SENT_P, "reference"))])


SENT_KEYS = ("sent_on", "reference")


class SentQuestion(Question):
    step = "sent"
    title = N_("Did you send notices made here before? (optional)")
    intro = "pages/questions/_sent.html"
    prefixes = (("history", "notices_sent"), ("choices", "new_notices"))
    sent = Rows(FormField(SentRow), row_label=N_("Notice %(n)d"),
                add_label=N_("Add another notice"), max_rows=20)
    new_notices = ChecksField(
        N_("New notices"), choices=[("yes", N_("Make new notices for these websites too"),
                                    N_("Leave this empty to get a follow-up instead."))])

    @classmethod
    def applies(cls, answers: Answers, today: date) -> bool:
        return bool(answers.get("items"))

    def setup(self) -> None:
        targets = case_platforms(self.answers) + other_hosts(self.answers)
        for notice in _dict(self.answers.get("history")).get("notices_sent") or []:
            if isinstance(notice, dict) and notice.get("platform") not in targets:
                targets.append(str(notice.get("platform")))
        choices = [(t, _platform_name(t), None) for t in targets]
        for entry in self.sent.entries:
            entry.platform.choices = choices

    def load(self, answers: Answers) -> dict[str, Any]:
        history = _dict(answers.get("history"))
        sent = [n for n in history.get("notices_sent") or [] if isinstance(n, dict)]
        new = _dict(answers.get("choices")).get("new_notices")
        return {"sent": sent or [{}], "new_notices": ["yes"] if new else []}

    def save(self, answers: Answers) -> None:
        kept, self._rows = [], []
        for row, data in enumerate(self.sent.data):
            if not any(data.get(k) for k in SENT_KEYS):
                continue
            notice = {k: data.get(k) for k in ("platform", "kind", "route")}
            for key in SENT_KEYS:
                _set(notice, key, data.get(key))
            kept.append(notice)
            self._rows.append(row)
        section(answers, "history")["notices_sent"] = kept
        section(answers, "choices")["new_notices"] = "yes" in self.new_notices.data

    def field_for(self, path: Path) -> str | None:
        rows = getattr(self, "_rows", [])
        if path[:2] == ("history", "notices_sent") and len(path) >= 3:
            index = path[2]
            if isinstance(index, int) and index < len(rows):
                return f"sent-{rows[index]}-{path[3] if len(path) > 3 else 'sent_on'}"
        if path == ("choices", "new_notices"):
            return "new_notices"
        return None

    def summary(self) -> list[str]:
        answers = self.answers
        kinds = {v: str(t) for v, t, _h in _notice_kinds()}
        lines = [f"{_platform_name(str(n.get('platform')))}: " + ", ".join(
            p for p in (kinds.get(n.get("kind") or "", ""), n.get("sent_on"), n.get("reference")) if p)
            for n in _dict(answers.get("history")).get("notices_sent") or []]
        if _dict(answers.get("choices")).get("new_notices"):
            lines.append(gettext("Make new notices for these websites too"))
        return lines


# --- threats -----------------------------------------------------------------------------------------


class ThreatsQuestion(Question):
    step = "threats"
    title = N_("Is anyone threatening you or asking for more images?")
    heading = "threats"
    prefixes = (("threats", "present"),)
    PATHS: ClassVar[dict[str, Path]] = {"threats": ("threats", "present")}
    threats = YesNoField(
        N_("Is anyone threatening you or asking for more images?"),
        description=N_("For example, someone says they will share the images unless you pay "
                      "or send more."),
        validators=[Required(("threats", "present"), choose=True)])

    def save(self, answers: Answers) -> None:
        super().save(answers)
        threats = section(answers, "threats")
        if threats.get("present") is not True:  # what they said only matters when someone threatens
            for key in ("details", "money_demanded", "started_on", "accounts"):
                threats.pop(key, None)


class ThreatHelpQuestion(Question):
    step = "threat_help"
    title = N_("What to do right now")
    intro = "pages/questions/_threat_help.html"
    prefixes = (("threats", "details"),)
    PATHS: ClassVar[dict[str, Path]] = {"threat_details": ("threats", "details")}
    opened_by_change = True
    threat_details = LongTextField(
        N_("What did they say or ask for? (optional)"), rows=5,
        description=N_("This goes in the letter to the police and the CyberTipline worksheet. "
                      "You can copy their words. Do not copy or attach any images."),
        validators=[MaxLength(("threats", "details"))])

    @classmethod
    def applies(cls, answers: Answers, today: date) -> bool:
        return _threatened(answers)


class _Name:
    """A directory name in the page's language, read when the page renders (the select's choices
    are made once, when the form class is defined)."""

    def __init__(self, recipient_id: str) -> None:
        self.recipient_id = recipient_id

    def __str__(self) -> str:
        return directory().get(self.recipient_id).name_in(_language())

    def __html__(self) -> str:
        return str(escape(str(self)))


def _threat_apps() -> list[tuple[str, Any, Any]]:
    known = directory()
    apps = [(p.id, _Name(p.id), None) for p in known.platforms() if p.kind == "platform"]
    return [("", N_("Choose an app or website"), None), *apps,
            (OTHER_WEBSITE, N_("Another app or website"), None)]


THREAT_P = ("threats", "accounts", "*")


class ThreatAccountRow(Form):
    platform = ChoiceField(N_("App or website"), kind="select", choices=_threat_apps())
    account = TextField(N_("Their account name (optional)"), spellcheck=False, width="two-thirds",
                        validators=[MaxLength((*THREAT_P, "account"))])


class ThreatFactsQuestion(Question):
    step = "threat_facts"
    title = N_("What do you know about the threats? (optional)")
    intro = "pages/questions/_threat_facts.html"
    prefixes = (("threats", "money_demanded"), ("threats", "started_on"), ("threats", "accounts"))
    PATHS: ClassVar[dict[str, Path]] = {"money": ("threats", "money_demanded"), "started_on": ("threats", "started_on")}
    opened_by_change = True
    money = YesNoField(N_("Did they ask for money? (optional)"))
    started_on = DateParts(N_("When did the threats start? (optional)"),
                           path=("threats", "started_on"), description=N_("For example, 28 3 2026."),
                           validators=[NotFuture(("threats", "started_on"))])
    accounts = Rows(FormField(ThreatAccountRow), row_label=N_("Account %(n)d"),
                    add_label=N_("Add another account"), max_rows=20)

    @classmethod
    def applies(cls, answers: Answers, today: date) -> bool:
        return _threatened(answers)

    def load(self, answers: Answers) -> dict[str, Any]:
        threats = _dict(answers.get("threats"))
        accounts = [a for a in threats.get("accounts") or [] if isinstance(a, dict)]
        return {"money": threats.get("money_demanded"), "started_on": threats.get("started_on"),
                "accounts": accounts or [{}]}

    def save(self, answers: Answers) -> None:
        threats = section(answers, "threats")
        _set(threats, "money_demanded", self.money.value)
        _set(threats, "started_on", self.started_on.data)
        kept, self._rows = [], []
        for row, data in enumerate(self.accounts.data):
            if data.get("platform") or data.get("account"):
                kept.append({"platform": data.get("platform") or OTHER_WEBSITE,
                             "account": data.get("account")})
                self._rows.append(row)
        _set(threats, "accounts", kept)

    def field_for(self, path: Path) -> str | None:
        rows = getattr(self, "_rows", [])
        if path[:2] == ("threats", "accounts") and len(path) >= 3:
            index = path[2]
            if isinstance(index, int) and index < len(rows):
                return f"accounts-{rows[index]}-{path[3] if len(path) > 3 else 'platform'}"
        return super().field_for(path)

    def summary(self) -> list[str]:
        answers = self.answers
        threats = _dict(answers.get("threats"))
        lines = []
        if threats.get("money_demanded") is not None:
            lines.append(gettext("They asked for money") + ": "
                         + (gettext("Yes") if threats["money_demanded"] else gettext("No")))
        if threats.get("started_on"):
            lines.append(gettext("Started") + ": " + str(threats["started_on"]))
        names = {v: str(t) for v, t, _h in _threat_apps()}
        for account in threats.get("accounts") or []:
            lines.append(f"{names.get(account.get('platform'), '')}: {account.get('account') or ''}")
        return lines


# --- documents and who signs -------------------------------------------------------------------------


class DocumentsQuestion(Question):
    step = "documents"
    title = N_("Which documents do you want?")
    heading = "documents"
    prefixes = (("choices", "documents"), ("choices", "dmca"))
    PATHS: ClassVar[dict[str, Path]] = {"documents": ("choices", "documents"), "dmca": ("choices", "dmca")}
    documents = ChecksField(
        N_("Which documents do you want?"),
        description=N_("We have chosen the ones we recommend for you. You can change this."))
    dmca = ChecksField(
        N_("A copyright (DMCA) notice (optional)"),
        choices=[("yes", N_("I want a copyright (DMCA) notice too"),
                  N_("Most people do not need this. We will explain the risks next."))])

    def setup(self) -> None:
        names = kind_names()
        recommended: tuple[str, ...] = ()
        with contextlib.suppress(CaseError):
            recommended = recommended_kinds(full_case(self.answers, self.today))
        self.documents.choices = [
            (k.key, names.get(k.key, k.key) + (" " + gettext("(recommended)")
                                               if k.key in recommended else ""), gettext(k.summary))
            for k in KINDS
        ]
        if _dict(self.answers.get("choices")).get("documents") is None and not self.posted:
            self.documents.data = list(recommended)

    def load(self, answers: Answers) -> dict[str, Any]:
        choices = _dict(answers.get("choices"))
        return {"documents": choices.get("documents") or [],
                "dmca": ["yes"] if choices.get("dmca") else []}

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if not self.documents.data:
            self.documents.errors = [gettext("Choose at least one document.")]
            return False
        return valid

    def save(self, answers: Answers) -> None:
        choices = section(answers, "choices")
        choices["documents"] = list(self.documents.data)
        choices["dmca"] = "yes" in self.dmca.data

    def summary(self) -> list[str]:
        return []  # the check page lists the planned documents themselves


def _holders() -> list[tuple[str, Any, Any]]:
    return [
        (CopyrightHolder.TOOK_IT.value, N_("The person shown took it themselves"), None),
        (CopyrightHolder.ASSIGNED.value, N_("Someone else took it, but gave the copyright to the "
                                           "person shown in writing"), None),
        (CopyrightHolder.SOMEONE_ELSE.value, N_("Someone else took it"), None),
        (CopyrightHolder.NOT_SURE.value, N_("I'm not sure"), None),
    ]


class CopyrightQuestion(Question):
    step = "copyright"
    # The page's heading names the notice; the question comes after the risks, as its legend
    # (GOV.UK: content between heading and question means the legend is not the heading).
    title = N_("A copyright (DMCA) notice")
    intro = "pages/questions/_copyright.html"
    prefixes = (("imagery", "copyright_holder"),)
    PATHS: ClassVar[dict[str, Path]] = {"copyright_holder": ("imagery", "copyright_holder")}
    opened_by_change = True
    copyright_holder = ChoiceField(
        N_("Who took the picture or video?"), choices=_holders(),
        description=N_("Only the person who owns the copyright may send this notice. Usually that "
                      "is the person who took the photo or video."),
        validators=[Required(("imagery", "copyright_holder"), choose=True)])

    @classmethod
    def applies(cls, answers: Answers, today: date) -> bool:
        return bool(_dict(answers.get("choices")).get("dmca"))

    def setup(self) -> None:
        # For a fake, the copyright is in the photo or video it was made from (the DMCA notice
        # says so: "the original photographs or videos from which the items below were copied
        # and altered").
        kind = _dict(self.answers.get("imagery")).get("kind")
        if kind == "forgery":
            self.copyright_holder.description = N_(
                "The images are fake, so this is about the original photo or video they were "
                "made from. Only the person who owns the copyright in that original may send "
                "this notice. Usually that is the person who took it.")
        elif kind == "not_sure":
            self.copyright_holder.description = N_(
                "If the images are fake, this is about the original photo or video they were "
                "made from. Only the person who owns the copyright in that original may send "
                "this notice. Usually that is the person who took it.")


SIGNER_FIELDS = ("name", "email", "phone", "address", "organisation")
POLICE_FOR_LETTER = ("police_agency", "police_address", "police_email")


def _field_for_need(path: tuple[str | int, ...]) -> str | None:
    """The signer page's field for a requirement path, if that page asks for it."""
    if len(path) == 2 and path[0] == "signer":
        return str(path[1])
    if path == (*POLICE, "agency"):
        return "police_agency"
    return None


def signer_needs(answers: Answers, today: date) -> list[tuple[tuple[str, ...], str, list[Document]]]:
    """What the chosen documents need on the signer page: (field names, why, documents), from each
    Document's `missing` requirements in a plan made as if none of this page's details were known.
    The police agency is asked here only when no police report was made (the police page asks)."""
    history = _dict(answers.get("history"))
    police = history.get("police") if police_reported(answers) else None
    blank = {**answers, "signer": {}, "history": {**history, "police": police}}
    try:
        case = full_case(blank, today)
    except CaseError:
        return []
    needs: dict[tuple[tuple[str, ...], str], list[Document]] = {}
    for doc in deployment_plan(case, today).documents:
        for requirement in doc.missing:
            names = tuple(n for p in requirement.paths if (n := _field_for_need(p)))
            if names:
                needs.setdefault((names, requirement.why), []).append(doc)
    return [(names, why, docs) for (names, why), docs in needs.items()]


class SignerQuestion(Question):
    """Built from the union of what the chosen documents need: each detail asked once."""

    step = "signer"
    title = N_("How should the letters be signed?")
    intro = "pages/questions/_signer.html"
    template = "pages/questions/signer.html"
    prefixes = (("signer",), POLICE)
    PATHS: ClassVar[dict[str, Path]] = {**{n: ("signer", n) for n in SIGNER_FIELDS},
             "police_agency": (*POLICE, "agency"), "police_address": (*POLICE, "address"),
             "police_email": (*POLICE, "email")}
    opened_by_change = True
    police_agency = TextField(N_("Police department or agency the letter goes to"),
                              width="two-thirds", validators=[MaxLength((*POLICE, "agency"))],
                              description=N_("If you do not know it yet, leave it empty. The "
                                             "letter will have a space for it."))
    police_address = LinesField(N_("Its postal address (optional)"), rows=4,
                                validators=[MaxLength((*POLICE, "address", "*"))])
    police_email = TextField(N_("Its email address (optional)"), input_type="email",
                             spellcheck=False, width="two-thirds",
                             validators=[email_rule(), MaxLength((*POLICE, "email"))])
    name = TextField(N_("Full name to sign with"), autocomplete="name", width="two-thirds",
                     validators=[MaxLength(("signer", "name"))])
    organisation = TextField(N_("Organisation"), autocomplete="organization", width="two-thirds",
                             validators=[MaxLength(("signer", "organisation"))])
    email = TextField(N_("Email address"), input_type="email", autocomplete="email",
                      spellcheck=False, width="two-thirds",
                      validators=[email_rule(), MaxLength(("signer", "email"))])
    phone = TextField(N_("Phone number"), input_type="tel", autocomplete="tel", spellcheck=False,
                      width="two-thirds", validators=[phone_rule(), MaxLength(("signer", "phone"))])
    address = LinesField(N_("Postal address"), rows=4, autocomplete="street-address",
                         validators=[MaxLength(("signer", "address", "*"))])

    @classmethod
    def applies(cls, answers: Answers, today: date) -> bool:
        return bool(signer_needs(answers, today))

    def setup(self) -> None:
        self.needs = signer_needs(self.answers, self.today)
        asked: dict[str, tuple[str, list[Document], bool]] = {}
        self.groups: list[tuple[tuple[str, ...], str, list[Document]]] = []
        for names, why, docs in self.needs:
            fresh = tuple(n for n in names if n not in asked)
            for n in names:
                if n in asked:  # the union: one box, every document that needs it named once
                    asked[n][1].extend(d for d in docs if d not in asked[n][1])
            for n in fresh:
                asked[n] = (why, list(docs), len(names) == 1)
            if fresh:
                self.groups.append((fresh, why, asked[fresh[0]][1]))
        if _role(self.answers) == "advocate" and "organisation" not in asked and self.groups:
            # Not a requirement, but every letter an advocate signs names their organisation.
            signed: list[Document] = []
            for _n, _w, needed_by in self.needs:
                signed += [d for d in needed_by if all(d is not seen for seen in signed)]
            why = N_("Your letters say which organisation you write for. Leave it empty if none.")
            asked["organisation"] = (str(why), signed, False)
            self.groups.append((("organisation",), str(why), signed))
        if "police_agency" in asked:
            asked["police_address"] = asked["police_email"] = ("", [], False)
            self.groups = [
                ((*names, "police_address", "police_email") if "police_agency" in names else names,
                 why, docs) for names, why, docs in self.groups
            ]
        # A detail only this page gives is required; the police agency may be added by hand later.
        self.required = {n for n, (_w, _d, alone) in asked.items()
                         if alone and n != "police_agency"}
        for name in list(self._fields):
            if name not in asked:
                del self[name]

    def load(self, answers: Answers) -> dict[str, Any]:
        signer = _dict(answers.get("signer"))
        police = _dict(_dict(answers.get("history")).get("police"))
        return {**{n: signer.get(n) for n in SIGNER_FIELDS},
                "police_agency": police.get("agency"), "police_address": police.get("address"),
                "police_email": police.get("email")}

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for name in self.required:
            field = self[name]
            if not field.data and not field.errors:
                field.errors = [Required(self.PATHS[name]).message()]
                valid = False
        for names, _why, _docs in self.groups:
            several = [n for n in names if n in SIGNER_FIELDS]
            if len(several) > 1 and not any(self[n].data for n in several):
                first = self[several[0]]
                first.errors = [*first.errors, gettext("Give at least one way to reach you.")]
                valid = False
        return valid

    def save(self, answers: Answers) -> None:
        signer = section(answers, "signer")
        for name in SIGNER_FIELDS:
            if name in self:
                _set(signer, name, self[name].data)
        if "police_agency" in self:
            history = section(answers, "history")
            if self.police_agency.data:
                history["police"] = {"agency": self.police_agency.data,
                                     "address": self.police_address.data or [],
                                     "email": self.police_email.data}
            else:
                history["police"] = None

    def summary(self) -> list[str]:
        answers = self.answers
        s = _dict(answers.get("signer"))
        parts = [s.get("name"), s.get("organisation"), s.get("email"), s.get("phone"),
                 *(s.get("address") or [])]
        lines = [", ".join(str(p) for p in parts if p)]
        police = _dict(_dict(answers.get("history")).get("police"))
        if police and not police_reported(answers):
            lines.append(gettext("Letter to the police") + ": " + ", ".join(
                str(p) for p in (police.get("agency"), police.get("email"),
                                 *(police.get("address") or [])) if p))
        return lines


# --- the order -------------------------------------------------------------------------------------

QUESTIONS: tuple[type[Question], ...] = (
    RoleQuestion, AgeQuestion, WhereQuestion, WhereYouQuestion, NameQuestion, KindQuestion,
    WhereaboutsQuestion, LinksQuestion, PrivateQuestion, WebsitesQuestion, AccountsQuestion,
    ContextQuestion, ReportedQuestion, PoliceQuestion, SentQuestion, ThreatsQuestion,
    ThreatHelpQuestion, ThreatFactsQuestion, DocumentsQuestion, CopyrightQuestion, SignerQuestion,
)
BY_NAME = {q.step: q for q in QUESTIONS}
CHECK = "check"
ROLES = tuple(r.value for r in Role)


def applying(questions: Iterable[type[Question]], answers: Answers,
             today: date) -> Iterator[type[Question]]:
    """The one rule of the form's path: of these questions, in their order, those that apply to
    the answers. `next_step`, `previous_step`, `path` and the check page's rows all follow it."""
    return (question for question in questions if question.applies(answers, today))


def next_step(name: str, answers: Answers, today: date) -> str:
    names = [q.step for q in QUESTIONS]
    following = next(applying(QUESTIONS[names.index(name) + 1:], answers, today), None)
    return following.step if following else CHECK


def previous_step(name: str, answers: Answers, today: date) -> str | None:
    names = [q.step for q in QUESTIONS] + [CHECK]
    previous = next(applying(reversed(QUESTIONS[: names.index(name)]), answers, today), None)
    return previous.step if previous else None


def path(answers: Answers, today: date) -> list[str]:
    """The pages these answers reach, in order, ending with CHECK when they reach the check page.

    The pages are the questions that apply to the answers (`applying`). The walk stops at the
    first page that asks for an answer `parse_case` says is missing or wrong (`_asking`, as for
    the check page's error links): the pages after it are not reached yet."""
    waiting: set[str] = set()
    try:
        full_case(answers, today)
    except CaseError as error:
        waiting = {step for e in error.errors if (step := _asking(e.path, answers, today))}
    reached = []
    for question in applying(QUESTIONS, answers, today):
        reached.append(question.step)
        if question.step in waiting:
            return reached
    return [*reached, CHECK]


def _asking(path: Path, answers: Answers, today: date) -> str | None:
    """The page these answers reach that asks for a field: the last that does (the signer page
    asks for a police agency the police page left out), or, for a whole section not answered yet
    (parse_case names "person_shown" when nothing in it is), the first that asks for part of it."""
    for question in reversed(QUESTIONS):
        if owns(question.prefixes, path) and question.applies(answers, today):
            return question.step
    for question in applying(QUESTIONS, answers, today):
        if any(_inside(prefix, path) for prefix in question.prefixes):
            return question.step
    return None


def _inside(prefix: Path, path: Path) -> bool:
    """Whether a page's prefix lies inside a field path ("*" stands for any index)."""
    return len(prefix) >= len(path) and all(
        part == key or (part == "*" and isinstance(key, int))
        for part, key in zip(prefix, path, strict=False))


def step_for(path: Path, answers: Answers, today: date) -> str:
    """The page that asks for a field: where "Change" and error links go."""
    return _asking(path, answers, today) or QUESTIONS[0].step
