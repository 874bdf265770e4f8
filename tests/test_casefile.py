"""The case file: every bad input gets its own field-specific message; good input round-trips."""

from __future__ import annotations

from datetime import timedelta

import jsonschema
import pytest

from takedown_helper.case import OTHER_WEBSITE, MinorWhenMade, Role
from takedown_helper.casefile import CASE_SCHEMA, CaseError, case_to_dict, parse_case
from tests.conftest import TODAY


def errors_of(data) -> dict[str, str]:
    with pytest.raises(CaseError) as caught:
        parse_case(data, today=TODAY)
    return {e.dotted: e.message for e in caught.value.errors}


def test_example_is_valid_and_round_trips(example):
    case = parse_case(example, today=TODAY)
    assert case.role is Role.PARENT
    assert case.possibly_minor
    assert case.platforms == ("x",)
    again = parse_case(case_to_dict(case), today=TODAY)
    assert again == case


def test_case_file_matches_published_schema(example):
    jsonschema.Draft202012Validator(CASE_SCHEMA).validate(case_to_dict(parse_case(example, TODAY)))


def test_not_sure_is_treated_as_possibly_minor(example):
    example["person_shown"]["minor_when_made"] = "not_sure"
    case = parse_case(example, today=TODAY)
    assert case.minor_when_made is MinorWhenMade.NOT_SURE and case.possibly_minor
    example["person_shown"]["minor_when_made"] = "no"
    assert not parse_case(example, today=TODAY).possibly_minor


def test_platform_is_recognised_when_not_given(example):
    example["items"][0].pop("platform")
    example["items"][0]["url"] = "https://mobile.twitter.com/someone/status/1"
    assert parse_case(example, today=TODAY).items[0].platform == "x"


def test_unknown_host_is_another_website(example):
    example["items"][0] = {"url": "https://www.example-hosting.test/v/123"}
    case = parse_case(example, today=TODAY)
    assert case.items[0].platform == OTHER_WEBSITE
    assert case.other_hostnames == ("www.example-hosting.test",)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("x.com/a/status/1", "Enter the full link, starting with https://"),
        ("ftp://x.com/a", "The link must start with https:// or http://"),
        ("javascript:alert(1)", "The link must start with https:// or http://"),
        ("https://x.com/a b", "The link cannot contain spaces. Copy it again from the address bar."),
        ("https://", "This link is not complete. Copy it again from the address bar."),
        ("https://user:pw@x.com/a", "This link is not complete. Copy it again from the address bar."),
        ("https://localhost/a", "This link is not complete. Copy it again from the address bar."),
        ("https://reddit.com/r/a/1", "This link is on Reddit. Choose Reddit for it."),
        ("https://example.org/a", "This link is not on X (formerly Twitter). Check the link, or choose another website."),
    ],
)
def test_bad_urls_get_their_own_message(example, url, message):
    example["items"][0]["url"] = url
    assert errors_of(example) == {"items.0.url": message}


def test_future_date_is_refused(example):
    example["items"][0]["first_seen"] = (TODAY + timedelta(days=5)).isoformat()
    assert errors_of(example) == {
        "items.0.first_seen": "The date you first saw it must be today or in the past."
    }


def test_answer_before_report_is_refused(example):
    example["history"]["platform_reports"][0]["answered_on"] = "2026-11-01"
    assert "history.platform_reports.0.answered_on" in errors_of(example)


def test_not_a_date(example):
    example["history"]["platform_reports"][0]["reported_on"] = "28/01/2020"
    assert errors_of(example) == {
        "history.platform_reports.0.reported_on": "Enter the date you reported it as a real date, like 2026-03-28."
    }


def test_empty_required_items(example):
    example["items"] = []
    assert errors_of(example) == {"items": "Enter at least one link."}
    example["items"] = [{"url": "   "}]
    assert errors_of(example) == {"items.0.url": "Enter the link."}


def test_missing_required_answer(example):
    del example["requester"]["role"]
    assert errors_of(example) == {"requester.role": "Enter who you are."}


def test_bad_email_is_refused_without_network(example):
    example["signer"]["email"] = "alex@@example"
    assert errors_of(example) == {
        "signer.email": "Enter an email address in the right form, like name@example.com"
    }


def test_text_over_length_is_refused(example):
    example["signer"]["name"] = "A" * 201
    assert errors_of(example) == {"signer.name": "The name to sign with must be 200 characters or fewer."}


def test_unknown_choice_and_country(example):
    example["requester"]["role"] = "cousin"
    example["requester"]["country"] = "QQ"
    errors = errors_of(example)
    assert errors["requester.role"] == "Choose who you are from the list."
    example["requester"]["role"] = "parent"
    assert errors_of(example) == {
        "requester.country": "Choose the country where you live from the list."
    }


def test_duplicate_links(example):
    example["items"].append(dict(example["items"][0]))
    assert errors_of(example) == {"items.2.url": "You entered this link twice. Remove one of them."}


def test_not_an_object():
    assert errors_of([1, 2]) == {"": "This is not a takedown-helper case file."}


def test_every_error_has_a_pointer(example):
    example["items"][0]["url"] = "nope"
    example["signer"]["email"] = "nope"
    with pytest.raises(CaseError) as caught:
        parse_case(example, today=TODAY)
    assert sorted(e.pointer for e in caught.value.errors) == ["/items/0/url", "/signer/email"]


def test_optional_date_blank_or_malformed(example):
    example["items"][0]["first_seen"] = "  "
    assert parse_case(example, today=TODAY).items[0].first_seen is None
    example["items"][0]["first_seen"] = "2026-02-30"
    assert errors_of(example) == {
        "items.0.first_seen": "Enter the date you first saw it as a real date, like 2026-03-28."
    }
