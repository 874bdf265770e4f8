"""The five cases the document tests plan and render (all fictional; URLs point nowhere).

(a) a parent of a 13-year-old, two posts on X, earlier refusals, a police case number;
(b) an adult in California with Reddit posts and a standalone website;
(c) a requester in Germany reporting a TikTok video of a minor, giving no name or email;
(d) an adult in Australia with Instagram and Facebook posts;
(e) an advocate signing for a client across Discord, Telegram and Pornhub;
(f) an adult in New York whose AI-made fake images are on Reddit (a digital forgery);
(g) a parent whose 14-year-old's photo was turned into fake nudes by a "nudify" app, on Instagram;
(h) a 15-year-old threatened on Snapchat for money, nothing posted yet (sextortion);
(i) an adult whose images were shared in private Telegram and Discord groups, no links;
(j) an adult told "your pictures are online", no link known.
"""

from __future__ import annotations

import copy
import io
from datetime import date
from functools import cache
from typing import Any

from pypdf import PdfReader

from takedown_helper.casefile import parse_case
from takedown_helper.example import example_case
from takedown_helper.planner import Plan, plan
from takedown_helper.render import Output, render_plan


def _base(**changes: Any) -> dict[str, Any]:
    case = copy.deepcopy(example_case())
    case["history"] = {"platform_reports": [], "police": None, "cybertip_number": None}
    case["threats"] = {"present": False, "details": None}
    case.update(changes)
    return case


def parent_of_minor_on_x() -> dict[str, Any]:
    return copy.deepcopy(example_case())


def adult_in_california() -> dict[str, Any]:
    return _base(
        requester={"role": "survivor", "country": "US", "region": "CA"},
        person_shown={"minor_when_made": "no", "name": None},
        items=[
            {"url": "https://www.reddit.com/r/example_sub/comments/abc123/example_post/",
             "platform": "reddit", "account": "u/fictional_poster"},
            {"url": "https://www.reddit.com/r/other_example/comments/def456/another_post/",
             "platform": "reddit"},
            {"url": "https://fictional-leaks.example/gallery/4471", "platform": "other"},
        ],
        signer={"name": "Sam Sample", "email": "sam.sample@example.org", "phone": None,
                "address": [], "organisation": None},
        websites=[{"hostname": "fictional-leaks.example", "host_name": "Example Hosting Inc.",
                   "host_abuse_email": "abuse@hosting.example", "registrar_name": None,
                   "registrar_abuse_email": None}],
    )


def anonymous_minor_in_germany() -> dict[str, Any]:
    return _base(
        requester={"role": "trusted_adult", "country": "DE", "region": None},
        person_shown={"minor_when_made": "yes", "name": None},
        items=[{"url": "https://www.tiktok.com/@fictional_user/video/7234567890123456789",
                "platform": "tiktok"}],
        signer={"name": None, "email": None, "phone": None, "address": [],
                "organisation": None},
    )


def adult_in_australia() -> dict[str, Any]:
    return _base(
        requester={"role": "survivor", "country": "AU", "region": None},
        person_shown={"minor_when_made": "no", "name": None},
        items=[
            {"url": "https://www.instagram.com/p/FictionalPost1/", "platform": "instagram"},
            {"url": "https://www.facebook.com/fictional.page/posts/1234567890",
             "platform": "facebook"},
        ],
        signer={"name": "Jo Citizen", "email": "jo.citizen@example.com.au", "phone": None,
                "address": ["1 Example Road", "Sampleton NSW 2000"], "organisation": None},
    )


def advocate_for_client() -> dict[str, Any]:
    return _base(
        requester={"role": "advocate", "country": "US", "region": "NY"},
        person_shown={"minor_when_made": "no", "name": "Client Fictional"},
        items=[
            {"url": "https://discord.com/channels/111111111111111111/222222222222222222/333333333333333333",
             "platform": "discord"},
            {"url": "https://t.me/fictional_channel/123", "platform": "telegram"},
            {"url": "https://www.pornhub.com/view_video.php?viewkey=fictional0001",
             "platform": "pornhub"},
        ],
        signer={"name": "Riley Advocate", "email": "riley@advocacy.example", "phone": "555 010 0100",
                "address": ["2 Example Avenue", "New York, NY 10001"],
                "organisation": "Example Legal Aid"},
    )


def forgery_adult() -> dict[str, Any]:
    return _base(
        requester={"role": "survivor", "country": "US", "region": "NY"},
        person_shown={"minor_when_made": "no", "name": None},
        imagery={"kind": "forgery", "where": ["public"]},
        items=[{"url": "https://www.reddit.com/r/example_sub/comments/fak001/fake_post/",
                "platform": "reddit", "account": "u/fictional_faker"}],
        signer={"name": "Dana Sample", "email": "dana.sample@example.org", "phone": None,
                "address": [], "organisation": None},
    )


def forgery_minor() -> dict[str, Any]:
    return _base(
        requester={"role": "parent", "country": "US", "region": "TX"},
        person_shown={"minor_when_made": "yes", "name": None},
        imagery={"kind": "forgery", "where": ["public"],
                 "context": "A classmate used an app to make fake nude pictures from a school photo."},
        items=[{"url": "https://www.instagram.com/p/FictionalFake1/", "platform": "instagram",
                "account": "@fictional_classmate"}],
        signer={"name": "Pat Parent", "email": "pat.parent@example.com", "phone": None,
                "address": [], "organisation": None},
    )


def sextortion_minor() -> dict[str, Any]:
    return _base(
        requester={"role": "parent", "country": "US", "region": "CA"},
        person_shown={"minor_when_made": "yes", "name": None},
        imagery={"kind": "real", "where": ["not_posted"]},
        items=[],
        threats={"present": True, "details": "Pay 500 dollars or I send your pictures to everyone.",
                 "money_demanded": True, "started_on": "2026-11-20",
                 "accounts": [{"platform": "snapchat", "account": "fictional_snap_99"},
                              {"platform": "instagram", "account": "@fictional_backup_77"}]},
        history={"platform_reports": [], "cybertip_number": None,
                 "police": {"agency": "Example City Police Department",
                            "address": ["100 Example Plaza", "Example City, CA 90000"],
                            "email": None, "case_number": None, "reported_on": None}},
    )


def private_chats_adult() -> dict[str, Any]:
    return _base(
        requester={"role": "survivor", "country": "US", "region": "IL"},
        person_shown={"minor_when_made": "no", "name": None},
        imagery={"kind": "real", "where": ["private"],
                 "private_platforms": ["telegram", "discord"]},
        items=[],
        signer={"name": "Robin Sample", "email": "robin.sample@example.org", "phone": None,
                "address": [], "organisation": None},
    )


def links_unknown_adult() -> dict[str, Any]:
    return _base(
        requester={"role": "survivor", "country": "US", "region": "WA"},
        person_shown={"minor_when_made": "no", "name": None},
        imagery={"kind": "not_sure", "where": ["unknown"]},
        items=[],
        signer={"name": "Kim Sample", "email": "kim.sample@example.org", "phone": None,
                "address": [], "organisation": None},
    )


SCENARIOS = {
    "a-parent-x": parent_of_minor_on_x,
    "b-adult-ca": adult_in_california,
    "c-eu-anonymous-minor": anonymous_minor_in_germany,
    "d-adult-au": adult_in_australia,
    "e-advocate": advocate_for_client,
    "f-forgery-adult": forgery_adult,
    "g-forgery-minor": forgery_minor,
    "h-sextortion-minor": sextortion_minor,
    "i-private-chats": private_chats_adult,
    "j-links-unknown": links_unknown_adult,
}


# Rendering is the slow part (about a second per case): each scenario is planned and rendered
# once per test session and shared by the tests that read it.
TODAY = date(2026, 11, 22)


@cache
def planned(name: str) -> Plan:
    return plan(parse_case(SCENARIOS[name](), TODAY), TODAY)


@cache
def rendered(name: str) -> Output:
    return render_plan(planned(name))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    """Text without whitespace: long URLs and names may wrap across lines in a PDF."""
    return "".join(text.split())


@cache
def documents_with_text(name: str) -> tuple:
    """(Document, its PDF's text with whitespace normalised) for each rendered document."""
    return tuple(
        (r.document, " ".join(pdf_text(r.pdf).split())) for r in rendered(name).documents
    )
