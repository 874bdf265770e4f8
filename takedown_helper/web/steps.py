"""The questions, one per page, in order: what each reads from the form and which fields it owns.

A step only copies form fields into the answers; `answers.check_step` (that is, `parse_case`)
decides whether they are valid. Which documents need which signer details comes from `plan()`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from flask_babel import gettext
from werkzeug.datastructures import MultiDict

from takedown_helper.case import OTHER_WEBSITE, PlatformAnswer, Role
from takedown_helper.casefile import MAX_REPORTS, CaseError, FieldError
from takedown_helper.directory import directory, normalise_host
from takedown_helper.documents import Document
from takedown_helper.geography import US_STATES, country_names
from takedown_helper.organisation import deployment_plan
from takedown_helper.planner import KINDS, recommended_kinds
from takedown_helper.web.answers import Answers, Path, full_case, section

Form = MultiDict[str, str]


def _text(form: Form, name: str) -> str | None:
    value = (form.get(name) or "").strip()
    return value or None


def _lines(value: str | None) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


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


@dataclass(frozen=True)
class Step:
    name: str
    prefixes: tuple[Path, ...]
    read: Callable[[Form, Answers], None]
    applies: Callable[[Answers, date], bool] = lambda _a, _t: True
    context: Callable[[Answers, date], dict[str, Any]] = lambda _a, _t: {}
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return f"pages/questions/{self.name}.html"


# --- reading each page ------------------------------------------------------------------------


def _read_role(form: Form, answers: Answers) -> None:
    section(answers, "requester")["role"] = _text(form, "role")


def _read_age(form: Form, answers: Answers) -> None:
    section(answers, "person_shown")["minor_when_made"] = _text(form, "minor_when_made")


def _read_where(form: Form, answers: Answers) -> None:
    requester = section(answers, "requester")
    requester["country"] = _text(form, "country")
    requester["region"] = _text(form, "region") if requester["country"] == "US" else None
    if requester["country"] is None:
        del requester["country"]  # reported as not answered, not as the wrong kind of answer


def _read_links(form: Form, answers: Answers) -> None:
    earlier = {str(i.get("url")): i for i in answers.get("items") or []}
    items = []
    for url in _lines(form.get("links")):
        item = {k: v for k, v in earlier.get(url, {}).items() if k != "platform"}
        item["url"] = url
        items.append(item)
    answers["items"] = items


def _read_websites(form: Form, answers: Answers) -> None:
    earlier = {str(w.get("hostname")): w for w in answers.get("websites") or []}
    sites = []
    for i, host in enumerate(other_hosts(answers)):
        site = dict(earlier.get(host, {}))
        site["hostname"] = host
        for name in ("host_name", "host_abuse_email", "registrar_name", "registrar_abuse_email"):
            site[name] = _text(form, f"site-{i}-{name}")
        sites.append(site)
    answers["websites"] = sites


def _read_accounts(form: Form, answers: Answers) -> None:
    for i, item in enumerate(answers.get("items") or []):
        item["account"] = _text(form, f"account-{i}")


MAX_REPORTS_PER_SITE = 10  # boxes "Add another report" may reach; a saved case file may hold more


def report_prefix(site: str, index: int) -> str:
    """The form-field prefix of one earlier report: the first keeps the plain name."""
    return f"report-{site}" if index == 0 else f"report{index + 1}-{site}"


def report_slots(form: Form, site: str) -> int:
    """How many report boxes the page showed for a website (a hidden field, bounded)."""
    try:
        shown = int(form.get(f"report-{site}-slots") or 1)
    except ValueError:
        shown = 1
    return min(max(shown, 1), MAX_REPORTS)


def _read_reported(form: Form, answers: Answers) -> None:
    history = section(answers, "history")
    shown = case_platforms(answers)
    earlier = [r for r in history.get("platform_reports") or [] if isinstance(r, dict)]
    kept = [r for r in earlier if r.get("platform") not in shown]
    for site in shown:
        before_site = [r for r in earlier if r.get("platform") == site]
        for index in range(report_slots(form, site)):
            p = report_prefix(site, index)
            values = {
                "reported_on": _text(form, f"{p}-date"),
                "reference": _text(form, f"{p}-reference"),
                "answer": _text(form, f"{p}-answer"),
            }
            if not any(values.values()):
                continue
            before = before_site[index] if index < len(before_site) else {}
            report = {**before, "platform": site}
            for key, value in values.items():
                if value:
                    report[key] = value
                else:
                    report.pop(key, None)
            kept.append(report)
    history["platform_reports"] = kept
    police_values = {
        "agency": _text(form, "police-agency"),
        "case_number": _text(form, "police-case_number"),
        "reported_on": _text(form, "police-reported_on"),
    }
    earlier_police = history.get("police") if isinstance(history.get("police"), dict) else {}
    if any(police_values.values()):
        police = {**earlier_police, **police_values}
        if police["agency"] is None:
            police.pop("agency")
        history["police"] = police
    else:
        history["police"] = None
    history["cybertip_number"] = _text(form, "cybertip_number")


def _read_threats(form: Form, answers: Answers) -> None:
    threats = section(answers, "threats")
    value = form.get("threats")
    threats["present"] = {"yes": True, "no": False}.get(value or "", value)
    if threats["present"] is None:
        threats.pop("present")
    if threats.get("present") is not True:
        threats.pop("details", None)  # what they said only matters when someone is threatening


def _read_threat_details(form: Form, answers: Answers) -> None:
    threats = section(answers, "threats")
    details = (form.get("threat_details") or "").strip()
    if details:
        threats["details"] = details
    else:
        threats.pop("details", None)


def _read_documents(form: Form, answers: Answers) -> None:
    choices = section(answers, "choices")
    choices["documents"] = form.getlist("documents")
    choices["dmca"] = form.get("dmca") == "yes"


SIGNER_FIELDS = ("name", "email", "phone", "address", "organisation")


def _read_signer(form: Form, answers: Answers) -> None:
    if "police_agency" in form:
        history = section(answers, "history")
        police = history.get("police") if isinstance(history.get("police"), dict) else {}
        agency = _text(form, "police_agency")
        if agency:
            history["police"] = {**police, "agency": agency}
        elif not any((police or {}).get(k) for k in ("case_number", "reported_on", "email")):
            history["police"] = None
        else:
            history["police"] = {k: v for k, v in police.items() if k != "agency"}
    signer = section(answers, "signer")
    for name in SIGNER_FIELDS:
        if name not in form:
            continue
        if name == "address":
            signer["address"] = _lines(form.get("address"))
        else:
            signer[name] = _text(form, name)


# --- when a page applies, and what it shows -----------------------------------------------------


def _threatened(answers: Answers, today: date) -> bool:
    return (answers.get("threats") or {}).get("present") is True


def _has_other_sites(answers: Answers, today: date) -> bool:
    return bool(other_hosts(answers))


def _field_for(path: tuple[str | int, ...]) -> str | None:
    """The signer page's field for a requirement path, if that page asks for it."""
    if len(path) == 2 and path[0] == "signer":
        return str(path[1])
    if path == ("history", "police", "agency"):
        return "police_agency"
    return None


def signer_needs(answers: Answers, today: date) -> list[tuple[tuple[str, ...], str, list[Document]]]:
    """What the chosen documents need from the signer: (field names, why, documents), from each
    Document's `missing` requirements in a plan made as if none of these details were known."""
    history = answers.get("history") if isinstance(answers.get("history"), dict) else {}
    blank = {**answers, "signer": {}, "history": {**history, "police": None}}
    try:
        case = full_case(blank, today)
    except CaseError:
        return []
    needs: dict[tuple[tuple[str, ...], str], list[Document]] = {}
    for doc in deployment_plan(case, today).documents:
        for requirement in doc.missing:
            names = tuple(n for p in requirement.paths if (n := _field_for(p)))
            if names:
                needs.setdefault((names, requirement.why), []).append(doc)
    return [(names, why, docs) for (names, why), docs in needs.items()]


def _signer_applies(answers: Answers, today: date) -> bool:
    return bool(signer_needs(answers, today))


def signer_labels() -> dict[str, str]:
    return {
        "name": gettext("Full name to sign with"),
        "email": gettext("Email address"),
        "phone": gettext("Phone number"),
        "address": gettext("Postal address"),
        "organisation": gettext("Organisation"),
        "police_agency": gettext("Police department or agency"),
    }


def kind_names() -> dict[str, str]:
    """What each kind of document is called on the page."""
    return {
        "platform_notice": gettext("Removal request to each website"),
        "ncmec_worksheet": gettext("CyberTipline report worksheet"),
        "police_referral": gettext("Letter to the police"),
        "delisting_request": gettext("Request to remove it from search results"),
        "host_notice": gettext("Notice to the website's host and registrar"),
        "follow_up": gettext("Follow-up letter"),
        "escalation": gettext("Complaint to a regulator"),
        "guide": gettext("Your own guide: what to do next"),
    }


def _signer_context(answers: Answers, today: date) -> dict[str, Any]:
    return {"needs": signer_needs(answers, today), "field_labels": signer_labels()}


def _where_context(answers: Answers, today: date) -> dict[str, Any]:
    return {"countries": country_names(answers.get("language") or "en"), "us_states": US_STATES}


def _documents_context(answers: Answers, today: date) -> dict[str, Any]:
    chosen = (answers.get("choices") or {}).get("documents")
    recommended: tuple[str, ...] = ()
    with contextlib.suppress(CaseError):
        recommended = recommended_kinds(full_case(answers, today))
    return {
        "kinds": KINDS,
        "kind_names": kind_names(),
        "chosen": recommended if chosen is None else tuple(chosen),
        "recommended": recommended,
        "dmca": bool((answers.get("choices") or {}).get("dmca")),
    }


WEBSITE_FIELDS = (
    "hostname", "host_name", "host_abuse_email", "registrar_name", "registrar_abuse_email"
)
REPORT_FIELDS = ("platform", "reported_on", "reference", "answer")


def _reports_by_site(reports: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for report in reports:
        found.setdefault(str(report["platform"]), []).append(report)
    return found


def _sites_context(answers: Answers, today: date) -> dict[str, Any]:
    known = directory()
    shown = view(answers)
    return {
        "sites": [
            (url, known.get(site).display_name if site != OTHER_WEBSITE else None)
            for url, site in matched_sites(answers)
        ],
        "other_hosts": other_hosts(answers),
        "platforms": [known.get(p) for p in case_platforms(answers)],
        "site_contacts": {w["hostname"]: w for w in shown["websites"]},
        "blank_site": dict.fromkeys(WEBSITE_FIELDS),
        "reports": _reports_by_site(shown["history"]["platform_reports"]),
        "blank_report": dict.fromkeys(REPORT_FIELDS),
        "report_prefix": report_prefix,
        "max_reports_per_site": MAX_REPORTS_PER_SITE,
    }


ROLES = tuple(r.value for r in Role)
PLATFORM_ANSWERS = tuple(a.value for a in PlatformAnswer)

STEPS: tuple[Step, ...] = (
    Step("role", (("requester", "role"),), _read_role),
    Step("age", (("person_shown", "minor_when_made"),), _read_age),
    Step(
        "where", (("requester", "country"), ("requester", "region")), _read_where,
        context=_where_context,
    ),
    Step("links", (("items",),), _read_links, context=_sites_context),
    Step(
        "websites", (("websites",),), _read_websites, applies=_has_other_sites,
        context=_sites_context,
    ),
    Step("accounts", (("items", "*", "account"),), _read_accounts, context=_sites_context),
    Step("reported", (("history",),), _read_reported, context=_sites_context),
    Step("threats", (("threats",),), _read_threats),
    Step(
        "threat_help", (("threats", "details"),), _read_threat_details, applies=_threatened
    ),
    Step("documents", (("choices",),), _read_documents, context=_documents_context),
    Step(
        "signer", (("signer",), ("history", "police")), _read_signer, applies=_signer_applies, context=_signer_context
    ),
)
BY_NAME = {s.name: s for s in STEPS}
CHECK = "check"


def next_step(name: str, answers: Answers, today: date) -> str:
    names = [s.name for s in STEPS]
    for step in STEPS[names.index(name) + 1 :]:
        if step.applies(answers, today):
            return step.name
    return CHECK


def previous_step(name: str, answers: Answers, today: date) -> str | None:
    names = [s.name for s in STEPS] + [CHECK]
    for step in reversed(STEPS[: names.index(name)]):
        if step.applies(answers, today):
            return step.name
    return None


def step_for(path: Path) -> str:
    """The page that asks for a field: where "Change" and error links go."""
    from takedown_helper.web.answers import owns

    for step in reversed(STEPS):
        if owns(step.prefixes, path):
            return step.name
    return STEPS[0].name


def field_id(error: FieldError, answers: Answers) -> str:
    """The id of the input an error is about, so the error summary can link to it."""
    path = error.path
    if path[:1] == ("items",):
        if len(path) == 3 and path[2] == "account":
            return f"f-account-{path[1]}"
        return "f-links"
    if path[:2] == ("history", "platform_reports") and len(path) >= 3:
        reports = (answers.get("history") or {}).get("platform_reports") or []
        index = path[2]
        site, within = "", 0
        if isinstance(index, int) and index < len(reports) and isinstance(reports[index], dict):
            site = str(reports[index].get("platform") or "")
            within = sum(
                1 for r in reports[:index] if isinstance(r, dict) and r.get("platform") == site
            )
        part = "date"
        if len(path) > 3 and path[3] in ("reference", "answer"):
            part = str(path[3])
        return f"f-{report_prefix(site, within)}-{part}"
    if path[:2] == ("history", "police"):
        return f"f-police-{path[2] if len(path) > 2 else 'agency'}"
    if path[:1] == ("websites",) and len(path) >= 3:
        return f"f-site-{path[1]}-{path[2]}"
    if path[:1] == ("signer",) and len(path) >= 2:
        return f"f-{path[1]}"
    if path == ("threats", "details"):
        return "f-threat_details"
    if path == ("history", "cybertip_number"):
        return "f-cybertip_number"
    return "f-" + str(path[-1]) if path else "main"


def view(answers: Answers) -> dict[str, Any]:
    """The answers with every section present, for templates (which treat a missing key as an
    error). Only for display: what is sent back is always the answers themselves."""
    def part(key: str, names: tuple[str, ...]) -> dict[str, Any]:
        value = answers.get(key)
        value = value if isinstance(value, dict) else {}
        return {**dict.fromkeys(names), **value}

    history = part("history", ("platform_reports", "police", "cybertip_number"))
    history["platform_reports"] = [
        {**dict.fromkeys(REPORT_FIELDS), **r}
        for r in history["platform_reports"] or []
        if isinstance(r, dict)
    ]
    history["police"] = {
        **dict.fromkeys(("agency", "case_number", "reported_on", "address", "email")),
        **(history["police"] or {}),
    }
    signer = part("signer", SIGNER_FIELDS)
    return {
        "language": answers.get("language") or "en",
        "requester": part("requester", ("role", "country", "region")),
        "person_shown": part("person_shown", ("minor_when_made", "name")),
        "items": [{"url": "", "account": None, **i} for i in answers.get("items") or []],
        "websites": [
            {**dict.fromkeys(WEBSITE_FIELDS), **w}
            for w in answers.get("websites") or []
        ],
        "history": history,
        "threats": part("threats", ("present", "details")),
        "signer": {**signer, "address": signer["address"] or []},
        "choices": part("choices", ("documents", "dmca")),
    }
