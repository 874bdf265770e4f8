"""Fictional cases for the benchmarks, dated relative to today so they stay valid.

Every name, number and address is invented; the URLs point at posts that do not exist.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from takedown_helper.example import example_case


def _day(today: date, days_ago: int) -> str:
    return (today - timedelta(days=days_ago)).isoformat()


def three_platform_case(today: date) -> dict[str, Any]:
    """A minor, three platforms (X, Reddit, TikTok), earlier reports and a police report."""
    case = copy.deepcopy(example_case())
    case["items"] = [
        {
            "url": "https://x.com/fictional_account_01/status/1111111111111111111",
            "platform": "x",
            "account": "@fictional_account_01",
            "first_seen": _day(today, 8),
            "views": 167000,
            "shares": 2223,
        },
        {
            "url": "https://x.com/fictional_account_02/status/2222222222222222222",
            "platform": "x",
            "account": "@fictional_account_02",
            "first_seen": _day(today, 6),
            "views": None,
            "shares": None,
        },
        {
            "url": "https://www.reddit.com/r/fictional_sub/comments/abc123/fictional_post/",
            "platform": "reddit",
            "account": "u/fictional_user_03",
            "first_seen": _day(today, 7),
            "views": None,
            "shares": None,
        },
        {
            "url": "https://www.tiktok.com/@fictional_user_04/video/7333333333333333333",
            "platform": "tiktok",
            "account": "@fictional_user_04",
            "first_seen": _day(today, 5),
            "views": 5000,
            "shares": 12,
        },
    ]
    case["history"]["platform_reports"] = [
        {
            "platform": "x",
            "reported_on": _day(today, 7),
            "reference": "0123456789",
            "answer": "no_violation",
            "answered_on": _day(today, 5),
            "note": "We didn't find a violation of our policies.",
        },
        {
            "platform": "reddit",
            "reported_on": _day(today, 6),
            "reference": None,
            "answer": "no_reply",
            "answered_on": None,
            "note": None,
        },
    ]
    case["history"]["police"]["reported_on"] = _day(today, 4)
    case["choices"] = {"documents": None, "dmca": False}
    return case


def one_platform_case(today: date) -> dict[str, Any]:
    """The smallest real request: one X post (used for the 500-render memory run)."""
    case = three_platform_case(today)
    case["items"] = case["items"][:1]
    case["history"]["platform_reports"] = case["history"]["platform_reports"][:1]
    return case


def renderable(case: dict[str, Any], today: date) -> tuple[dict[str, Any], list[str]]:
    """The case limited to document kinds that render today, and the kinds left out.

    The tree grows new kinds while their templates are written; a benchmark should measure
    what works and say what it skipped rather than stop.
    """
    from takedown_helper.casefile import parse_case
    from takedown_helper.letters import checks_html, document_html
    from takedown_helper.planner import plan

    the_plan = plan(parse_case(case, today), today)
    broken = set()
    for doc in the_plan.documents:
        try:
            document_html(doc, the_plan)
        except Exception:
            broken.add(doc.kind)
    checks_html(the_plan)
    if not broken:
        return case, []
    limited = copy.deepcopy(case)
    kinds = dict.fromkeys(d.kind for d in the_plan.documents if d.kind not in broken)
    limited["choices"]["documents"] = list(kinds)
    return limited, sorted(broken)


# Fifteen platforms of the bundled directory, in the order links are spread over them.
SCALING_PLATFORMS = (
    "x", "reddit", "tiktok", "instagram", "facebook", "youtube", "pornhub", "vimeo", "tumblr",
    "imgur", "telegram", "snapchat", "onlyfans", "redgifs", "bluesky",
)


def scaled_case(today: date, links: int, platforms: int = 1) -> dict[str, Any]:
    """The three-platform case with `links` public links spread over the first `platforms` of
    SCALING_PLATFORMS (round robin), each a long, distinct address built from the platform's own
    sample URL in the directory. Earlier reports stay only for the platforms kept."""
    from takedown_helper.directory import directory

    case = three_platform_case(today)
    chosen = SCALING_PLATFORMS[:platforms]
    items = []
    for i in range(links):
        platform = chosen[i % len(chosen)]
        sample = directory().get(platform).sample_urls[0]
        sep = "&" if "?" in sample else "?"
        items.append({
            "url": f"{sample}{sep}fictional_share_reference={i:04d}x{'9' * (i % 7 * 6)}",
            "platform": platform,
            "account": f"@fictional_account_{i:03d}" if i % 3 else None,
            "first_seen": _day(today, 3 + i % 9),
            "views": 1000 * (i + 1) if i % 2 else None,
            "shares": 10 * i if i % 4 == 1 else None,
        })
    case["items"] = items
    case["history"]["platform_reports"] = [
        r for r in case["history"]["platform_reports"] if r["platform"] in chosen
    ]
    return case
