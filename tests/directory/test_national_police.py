"""The national police route for a child's case outside the US: CEOP (UK, National Crime Agency)
and the ACCCE (Australia, Australian Federal Police). Each is a `police` recipient of its country;
the police referral lists it, the guide names it, and an adult's case never gets it."""

from __future__ import annotations

import pytest
from scenarios import SCENARIOS, TODAY

from takedown_helper import places
from takedown_helper.casefile import parse_case
from takedown_helper.directory import directory

ROUTES = {
    # country: (recipient, the report page its own site gives)
    "GB": ("ceop", "https://www.ceop.police.uk/Safety-Centre/"),
    "AU": ("accce", "https://www.accce.gov.au/report"),
}


def _case(country: str, minor: bool):
    data = SCENARIOS["a-parent-x"]()
    data["requester"] = {"role": "parent", "country": country, "region": None}
    data["person_shown"]["minor_when_made"] = "yes" if minor else "no"
    return parse_case(data, TODAY)


@pytest.mark.parametrize("country", sorted(ROUTES))
def test_the_country_resolves_to_its_national_police_route(country):
    rid, page = ROUTES[country]
    (police,) = directory().tagged("police", country)
    assert police.id == rid and police.kind == "authority"
    assert police.display_name_es and police.notes_es
    assert all(c.label_es for c in police.channels)
    reports = police.channels_for("report", age="minor")
    assert reports and reports[0].url.startswith(page)
    # Confirmed at the authority's own site, like every fact a letter prints.
    assert not reports[0].provenance.unconfirmed
    assert reports[0].provenance.source.startswith(page)
    # A child-protection route: never offered for an adult's case.
    assert not police.channels_for("report", age="adult")


@pytest.mark.parametrize("country", sorted(ROUTES))
def test_a_childs_police_referral_and_guide_name_it(country):
    rid, _page = ROUTES[country]
    route = directory().get(rid).channels_for("report", age="minor")[0]
    case = _case(country, minor=True)
    assert route in places.police_routes(case)
    assert route in places.support_routes(case)
    # The guide no longer says the directory lacks it.
    assert not any("not in our directory yet" in g and ("CEOP" in g or "ACCCE" in g)
                   for g in places.gaps(case, "en"))


@pytest.mark.parametrize("country", sorted(ROUTES))
def test_an_adults_case_gets_no_child_protection_route(country):
    rid, _page = ROUTES[country]
    case = _case(country, minor=False)
    police = directory().get(rid)
    assert not any(c in places.support_routes(case) for c in police.channels)
    assert not any(c in places.police_routes(case) for c in police.channels)
