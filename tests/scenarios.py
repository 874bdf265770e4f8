"""The five cases the document tests plan and render (all fictional; URLs point nowhere).

(a) a parent of a 13-year-old, two posts on X, earlier refusals, a police case number;
(b) an adult in California with Reddit posts and a standalone website;
(c) a requester in Germany reporting a TikTok video of a minor, giving no name or email;
(d) an adult in Australia with Instagram and Facebook posts;
(e) an advocate signing for a client across Discord, Telegram and Pornhub.
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


SCENARIOS = {
    "a-parent-x": parent_of_minor_on_x,
    "b-adult-ca": adult_in_california,
    "c-eu-anonymous-minor": anonymous_minor_in_germany,
    "d-adult-au": adult_in_australia,
    "e-advocate": advocate_for_client,
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
