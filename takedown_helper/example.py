"""A complete, fictional example case (`takedown-helper example`). Every name, number and
address is invented; the URLs point at accounts and posts that do not exist."""

from __future__ import annotations

from typing import Any


def example_case() -> dict[str, Any]:
    return {
        "schema_version": 1,
        "language": "en",
        "requester": {"role": "parent", "country": "US", "region": "CA"},
        "person_shown": {"minor_when_made": "yes", "name": None},
        "items": [
            {
                "url": "https://x.com/fictional_account_01/status/1111111111111111111",
                "platform": "x",
                "account": "@fictional_account_01",
                "first_seen": "2026-11-14",
                "views": 167000,
                "shares": 2223,
            },
            {
                "url": "https://twitter.com/fictional_account_02/status/2222222222222222222/video/1",
                "platform": "x",
                "account": "@fictional_account_02",
                "first_seen": "2026-11-16",
                "views": None,
                "shares": None,
            },
        ],
        "history": {
            "platform_reports": [
                {
                    "platform": "x",
                    "reported_on": "2026-11-15",
                    "reference": "0123456789",
                    "answer": "no_violation",
                    "answered_on": "2026-11-17",
                    "note": "We didn't find a violation of our policies.",
                }
            ],
            "police": {
                "agency": "Example City Police Department",
                "address": ["100 Example Plaza", "Example City, CA 90000"],
                "email": None,
                "case_number": "26-000123",
                "reported_on": "2026-11-18",
            },
            "cybertip_number": None,
        },
        "threats": {"present": True, "details": "The account holder asked for more videos."},
        "signer": {
            "name": "Alex Example",
            "email": "alex.example@example.com",
            "phone": "555 010 0199",
            "address": ["1 Sample Street", "Example City, CA 90000"],
            "organisation": None,
        },
        "websites": [],
        "choices": {"documents": None, "dmca": False},
    }
