"""The space of cases, and the invariants every planned case must keep.

The space is an explicit matrix: role x age at creation x requester's place x platform (every
platform in the directory, so new ones are covered automatically, plus an unknown website) x
history (never reported, reported and refused, a notice sent and ignored). `cases()` yields
(label, answers) pairs; `plan_violations(plan)` checks a plan against the rules that live in
`bases.py`, the directory and the planner; `text_violations(doc, text)` checks a rendered
document's text.

To add an invariant: write a function `(plan) -> list[str]` (one message per violation, naming
the document) and add it to `PLAN_INVARIANTS`, or `(plan, doc, text) -> list[str]` and add it to
`TEXT_INVARIANTS`. tests/test_case_space.py runs them all.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

from takedown_helper.bases import missing_elements
from takedown_helper.calendar import reminders
from takedown_helper.case import Role
from takedown_helper.casefile import parse_case
from takedown_helper.directory import directory
from takedown_helper.documents import FOR_THE_USER, capacity, house_paper
from takedown_helper.geography import in_eu
from takedown_helper.planner import Plan, plan

TODAY = date(2026, 11, 23)
ROLES = tuple(r.value for r in Role)
AGES = ("yes", "no", "not_sure")
# (country, region): the requester's place.
PLACES = (("US", None), ("US", "TX"), ("GB", None), ("DE", None), ("FR", None), ("IE", None),
          ("AU", None), ("CA", None), ("BR", None))
UNKNOWN = "other"
UNKNOWN_HOST = "unknown-site.example"
HISTORIES = ("never_reported", "refused", "sent_and_ignored")


def platforms() -> tuple[str, ...]:
    return (*(r.id for r in directory().platforms()), UNKNOWN)


def dimensions() -> dict[str, tuple]:
    return {"role": ROLES, "age": AGES, "place": PLACES, "platform": platforms(),
            "history": HISTORIES}


def size() -> int:
    total = 1
    for values in dimensions().values():
        total *= len(values)
    return total


def answers(role: str, age: str, place: tuple[str, str | None], platform: str,
            history: str) -> dict[str, Any]:
    """A complete, valid case file for one point of the space."""
    country, region = place
    if platform == UNKNOWN:
        url, target = f"https://{UNKNOWN_HOST}/gallery/1", UNKNOWN_HOST
    else:
        url, target = directory().get(platform).sample_urls[0], platform
    data: dict[str, Any] = {
        "schema_version": 1,
        "language": "en",
        "requester": {"role": role, "country": country, "region": region},
        "person_shown": {"minor_when_made": age, "name": None},
        "items": [{"url": url, "platform": platform}],
        "history": {"platform_reports": [], "police": None, "cybertip_number": None,
                    "notices_sent": []},
        "threats": {"present": False, "details": None},
        "signer": {"name": "Sam Sample", "email": "sam@example.org", "phone": None,
                   "address": ["1 Example Street", "Example Town"],
                   "organisation": "Example Aid" if role == "advocate" else None},
        "websites": [{"hostname": UNKNOWN_HOST, "host_name": "Example Hosting Ltd",
                      "host_abuse_email": "abuse@hosting.example", "registrar_name": None,
                      "registrar_abuse_email": None}] if platform == UNKNOWN else [],
        "choices": {"documents": None, "dmca": False},
    }
    if history == "refused":
        data["history"]["platform_reports"] = [{
            "platform": platform, "reported_on": (TODAY - timedelta(days=10)).isoformat(),
            "reference": "R-1", "answer": "no_violation",
            "answered_on": (TODAY - timedelta(days=8)).isoformat(), "note": None}]
    if history == "sent_and_ignored":
        data["history"]["notices_sent"] = [{
            "platform": target, "kind": "host_notice" if platform == UNKNOWN else "platform_notice",
            "sent_on": (TODAY - timedelta(days=5)).isoformat(), "route": "form",
            "reference": "N-1"}]
    return data


def cases() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every point of the space, as (label, answers)."""
    for role, age, place, platform, history in itertools.product(*dimensions().values()):
        label = f"{role}/{age}/{place[0]}{'-' + place[1] if place[1] else ''}/{platform}/{history}"
        yield label, answers(role, age, place, platform, history)


def plan_of(data: dict[str, Any]) -> Plan:
    return plan(parse_case(data, TODAY), TODAY)


# Plan-level invariants ---------------------------------------------------------------------

def one_house_style(p: Plan) -> list[str]:
    want = house_paper(p.case.country)
    return [f"{d.slug}: paper {d.paper}, house {want}" for d in p.documents if d.paper != want]


def channels_fit_the_facts(p: Plan) -> list[str]:
    age = "minor" if p.case.possibly_minor else "adult"
    out = []
    for d in p.documents:
        if d.kind not in ("platform_notice", "follow_up") or d.recipient is None:
            continue
        for c in d.channels:
            if not c.fits(age=age):
                out.append(f"{d.slug}: channel {c.target} is for {c.ages}, case is {age}")
            if age == "adult" and c.purpose == "csam":
                out.append(f"{d.slug}: adult notice to child-abuse route {c.target}")
    return out


def right_entity(p: Plan) -> list[str]:
    out = []
    for d in p.documents:
        if d.kind == "platform_notice" and d.recipient and d.recipient.id not in p.case.platforms:
            out.append(f"{d.slug}: recipient {d.recipient.id} not in the case")
        if d.recipient and d.kind in ("platform_notice", "follow_up") and (
            {i.platform for i in d.items} != {d.recipient.id}
        ):
            out.append(f"{d.slug}: items of another platform")
    return out


def every_notice_has_somewhere_to_go(p: Plan) -> list[str]:
    """A removal notice made today names a channel that fits its facts, or a confirmed postal or
    email address: never a letter with nowhere to send it (a minor's iCloud link once got one)."""
    return [
        f"{d.slug}: no channel and no address"
        for d in p.documents
        if d.kind == "platform_notice" and not d.channels
        and not (d.addressee and (d.addressee.lines or d.addressee.email))
    ]


def no_unconfirmed_postal_address(p: Plan) -> list[str]:
    return [
        f"{d.slug}: unconfirmed postal address printed"
        for d in p.documents
        if d.addressee and d.addressee.lines and d.addressee.provenance
        and d.addressee.provenance.unconfirmed
    ]


def law_of_the_place(p: Plan) -> list[str]:
    case, out = p.case, []
    us = case.law_country == "US"
    for d in p.documents:
        if d.kind == "police_referral" and (("police_us" in d.bases) is not us):
            out.append(f"{d.slug}: US preservation basis {d.bases} for {case.law_country}")
        if d.kind == "escalation" and ("escalation_eu" in d.bases) is not in_eu(case.law_country):
            out.append(f"{d.slug}: DSA escalation for {case.law_country}")
        us_law = {"take_it_down", "csam_us", "dmca"} & set(d.bases)
        if us_law and not (d.recipient and "us_take_it_down" in d.recipient.regimes):
            out.append(f"{d.slug}: US statute {us_law} to a provider outside it")
        if d.kind == "platform_notice" and in_eu(case.law_country) and d.recipient and (
            "eu_dsa" in d.recipient.regimes
        ) and not {"eu_dsa", "eu_dsa_csam", "dmca"} & set(d.bases):
            out.append(f"{d.slug}: EU case without a DSA notice")
    return out


def dates_consistent(p: Plan) -> list[str]:
    out = []
    for d in p.documents:
        if d.deadline and d.deadline <= d.dated:
            out.append(f"{d.slug}: deadline {d.deadline} not after {d.dated}")
        if d.follow_up_on and d.deadline and d.follow_up_on <= d.deadline:
            out.append(f"{d.slug}: follow-up {d.follow_up_on} not after deadline {d.deadline}")
        if d.kind == "follow_up":
            e = d.earlier
            if e is None or d.refers_to != e.sent_on:
                out.append(f"{d.slug}: follow-up cites no sending date")
                continue
            if not e.sent_on < e.deadline < d.dated:
                out.append(f"{d.slug}: sent {e.sent_on}, deadline {e.deadline}, follow-up {d.dated}")
            if d.dated < p.today:
                out.append(f"{d.slug}: follow-up dated in the past {d.dated}")
        if d.kind != "follow_up" and d.dated != p.today:
            out.append(f"{d.slug}: dated {d.dated}, not today")
    return out


def history_remembered(p: Plan) -> list[str]:
    case, out = p.case, []
    fresh = {d.recipient.id if d.recipient else d.items[0].hostname
             for d in p.documents if d.kind in ("platform_notice", "host_notice")}
    follow_ups = {d.refers_to for d in p.documents if d.kind == "follow_up"}
    for n in case.notices_sent:
        if n.platform in fresh and not case.new_notices:
            out.append(f"fresh notice to {n.platform}, already sent on {n.sent_on}")
        known = n.platform in directory()
        if (not known or directory().get(n.platform).kind == "platform") and (
            n.sent_on not in follow_ups
        ):
            out.append(f"no follow-up citing the notice of {n.sent_on} to {n.platform}")
    return out


def follow_ups_promised_are_produced(p: Plan) -> list[str]:
    produced = {(d.bookmark_name, d.dated) for d in p.documents if d.kind == "follow_up"}
    chosen = {d.kind for d in p.documents}
    if "follow_up" not in chosen:
        return []
    return [
        f"{d.slug}: promises a follow-up on {d.follow_up_on} that is not produced"
        for d in p.documents
        if d.follow_up_on and d.kind in ("platform_notice", "host_notice")
        and "dmca" not in d.bases and (d.bookmark_name, d.follow_up_on) not in produced
    ]


def unconfirmed_facts_have_check_lines(p: Plan) -> list[str]:
    out = []
    for d in p.documents:
        if d.kind == "guide":
            continue  # it lists the other documents' checks and its own in its text
        for c in d.channels:
            if c.provenance.unconfirmed and not any(c.target in note for note in d.checks):
                out.append(f"{d.slug}: unconfirmed {c.target} without a check line")
    return out


def services_fit_the_age(p: Plan) -> list[str]:
    minor, out = p.case.possibly_minor, []
    for d in p.documents:
        if d.kind != "guide":
            continue
        if ("guide_minor" in d.bases) is not minor:
            out.append(f"{d.slug}: tracker for the wrong age {d.bases}")
        for c in d.channels:
            if c.ages and ("minor" if minor else "adult") not in c.ages:
                out.append(f"{d.slug}: lists {c.target}, meant for {c.ages}")
    return out


def honest_capacity(p: Plan) -> list[str]:
    phrase = capacity(p.case)
    return [f"capacity reads '{phrase}'"] if phrase.startswith("acting") or (
        p.case.role is Role.TRUSTED_ADULT and "authoriz" in phrase
    ) else []


def reminders_on_the_right_days(p: Plan) -> list[str]:
    items = reminders(p)
    out = [f"reminder in the past: {r}" for r in items if r.day < p.today]
    for d in p.documents:
        if d.kind == "follow_up" and not any(
            r.kind == "follow_up" and r.day == d.dated for r in items
        ):
            out.append(f"{d.slug}: no reminder on {d.dated}")
    return out


PLAN_INVARIANTS: list[Callable[[Plan], list[str]]] = [
    one_house_style,
    channels_fit_the_facts,
    right_entity,
    every_notice_has_somewhere_to_go,
    no_unconfirmed_postal_address,
    law_of_the_place,
    dates_consistent,
    history_remembered,
    follow_ups_promised_are_produced,
    unconfirmed_facts_have_check_lines,
    services_fit_the_age,
    honest_capacity,
    reminders_on_the_right_days,
]


def plan_violations(p: Plan) -> list[str]:
    return [f"{check.__name__}: {v}" for check in PLAN_INVARIANTS for v in check(p)]


# Text invariants (on a rendered document's text, whitespace normalised) ---------------------

US_DATE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|"
                     r"November|December) \d{1,2}, \d{4}\b")
GB_DATE = re.compile(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|"
                     r"October|November|December) \d{4}\b")


def elements_present(p: Plan, doc, text: str) -> list[str]:
    return [f"{doc.slug}: missing {m}" for m in missing_elements(doc, text)]


def one_date_style(p: Plan, doc, text: str) -> list[str]:
    if doc.language != "en":
        return []
    wrong = GB_DATE if doc.paper == "letter" else US_DATE
    found = wrong.search(text)
    return [f"{doc.slug}: date '{found.group(0)}' in a {doc.paper} case"] if found else []


def no_foreign_statute(p: Plan, doc, text: str) -> list[str]:
    if p.case.law_country == "US":
        return []
    us_provider = doc.recipient is not None and "us_take_it_down" in doc.recipient.regimes and (
        doc.kind in ("platform_notice", "follow_up")
    )
    if "U.S.C." in text and not us_provider:
        return [f"{doc.slug}: US statute in a letter for {p.case.law_country}"]
    return []


def user_documents_are_not_sent(p: Plan, doc, text: str) -> list[str]:
    if doc.kind in FOR_THE_USER and "before you send it" in text.lower():
        return [f"{doc.slug}: says 'before you send it'"]
    return []


def blank_answers_say_nothing(p: Plan, doc, text: str) -> list[str]:
    blank = [r for r in p.case.platform_reports if r.answer is None]
    if blank and not any(r.answer for r in p.case.platform_reports) and (
        "not replied" in text or "no reply" in text
    ):
        return [f"{doc.slug}: speaks of a reply nobody reported"]
    return []


TEXT_INVARIANTS: list[Callable[[Plan, Any, str], list[str]]] = [
    elements_present,
    one_date_style,
    no_foreign_statute,
    user_documents_are_not_sent,
    blank_answers_say_nothing,
]


def text_violations(p: Plan, doc, text: str) -> list[str]:
    return [f"{check.__name__}: {v}" for check in TEXT_INVARIANTS for v in check(p, doc, text)]
