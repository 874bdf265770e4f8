"""Places as a reader sees them: one rule (`place_name`) for every page and document. A region is
named where the code knows the country's regions (US states, UK nations); any other region is
printed as the user wrote it, labelled, so Spain's "CA" is never printed as a bare code or read as
California."""

from __future__ import annotations

import pytest

from takedown_helper.casefile import parse_case
from takedown_helper.example import example_case
from takedown_helper.geography import place_name
from takedown_helper.letters import document_html
from takedown_helper.plaintext import html_to_text
from takedown_helper.planner import plan
from takedown_helper.web.questions import place_text
from tests.scenarios import TODAY


@pytest.mark.parametrize(("country", "region", "language", "expected"), [
    ("US", "CA", "en", "United States, California"),
    ("US", "CA", "es", "Estados Unidos, California"),
    ("US", "NY", "es", "Estados Unidos, Nueva York"),
    ("GB", "SCT", "en", "United Kingdom, Scotland"),
    ("GB", "SCT", "es", "Reino Unido, Escocia"),
    # Regions the code does not know: as written, labelled in the reader's language.
    ("ES", "CA", "es", "España (región: CA)"),
    ("ES", "CA", "en", "Spain (region: CA)"),
    ("CA", "ON", "en", "Canada (region: ON)"),
    # No region, or only spaces: the country alone.
    ("ES", None, "es", "España"),
    ("ES", "  ", "en", "Spain"),
])
def test_place_name(country, region, language, expected):
    assert place_name(country, region, language) == expected


def _document_text(data: dict, kind: str) -> str:
    the_plan = plan(parse_case(data, TODAY), TODAY)
    (doc,) = [d for d in the_plan.documents if d.kind == kind]
    return " ".join(html_to_text(document_html(doc, the_plan)).split())


def test_the_spanish_worksheet_names_a_place_the_code_does_not_know_without_a_bare_code():
    data = example_case()
    data["language"] = "es"
    data["requester"] = {"role": "parent", "country": "ES", "region": "CA"}
    text = _document_text(data, "ncmec_worksheet")
    assert "Dónde está usted | España (región: CA)" in text
    assert "España, CA" not in text


def test_the_police_letter_names_a_us_state_not_its_code():
    text = _document_text(example_case(), "police_referral")
    assert "The person shown lives in United States, California." in text
    assert "(CA)" not in text


def test_the_check_your_answers_page_does_not_take_another_countrys_code_for_a_us_state():
    # A case file may give Spain the region "CA"; it once showed as "España, California".
    assert place_text({"language": "es"}, "ES", "CA") == "España (región: CA)"
    assert place_text({"language": "es"}, "US", "CA") == "Estados Unidos, California"
