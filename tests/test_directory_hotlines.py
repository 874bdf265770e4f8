"""National hotlines (INHOPE members) and EU Digital Services Coordinators: every country the app
serves resolves to its own, through `directory().tagged(tag, country)`."""

from __future__ import annotations

import pytest

from takedown_helper.directory import directory
from takedown_helper.geography import EU_MEMBER_STATES

# Countries with no INHOPE member hotline, each with the source that says so. None of the
# countries below: INHOPE's own hotline guide says "INHOPE is made up of hotlines around the
# world that operate in all EU member states" (https://www.inhope.org/EN/hotline-guide), and the
# UK (IWF), Canada (Cybertip.ca) and Australia (eSafety) are members. eSafety's own page says it is
# "the Australian member of INHOPE" since 2000
# (https://www.esafety.gov.au/report/illegal-harmful-content/the-actions-we-can-take).
NO_INHOPE_MEMBER: dict[str, str] = {}

HOTLINE_COUNTRIES = sorted(EU_MEMBER_STATES | {"GB", "CA", "AU"})
# Files that existed before the national hotlines were added; other helpers keep their wording.
EARLIER_FILES = {"iwf-childline", "cybertip-ca", "ncmec", "esafety"}
NATIONAL_HOTLINES = [h for h in directory().tagged("inhope") if h.id not in EARLIER_FILES]


@pytest.mark.parametrize("country", HOTLINE_COUNTRIES)
def test_every_country_resolves_to_its_national_hotline(country):
    if country in NO_INHOPE_MEMBER:
        assert not directory().tagged("inhope", country), NO_INHOPE_MEMBER[country]
        return
    hotlines = directory().tagged("inhope", country)
    assert hotlines, f"no INHOPE hotline for {country}"
    # At least one of them takes reports about a minor: that is what the planner asks for.
    assert any(h.channels_for("report", age="minor") for h in hotlines), country


@pytest.mark.parametrize("hotline", NATIONAL_HOTLINES, ids=lambda r: r.id)
def test_national_hotlines_serve_one_country_and_speak_spanish(hotline):
    assert hotline.kind == "hotline"
    assert len(hotline.jurisdictions) == 1 and hotline.jurisdictions[0] in EU_MEMBER_STATES
    assert hotline.display_name_es and hotline.notes_es
    assert all(c.label_es for c in hotline.channels)


def test_hotlines_only_for_children_never_receive_an_adults_case():
    # A hotline that takes only child sexual abuse material marks its report channels minor-only,
    # so an adult's case is never routed there.
    for hotline_id in ("stopline-at", "meldpunt-kinderporno-nl", "stoponline-cz", "ecpat-se"):
        hotline = directory().get(hotline_id)
        assert hotline.channels_for("report", age="minor")
        assert not hotline.channels_for("report", age="adult"), hotline_id


@pytest.mark.parametrize("hotline", NATIONAL_HOTLINES, ids=lambda r: r.id)
def test_unconfirmed_hotline_facts_say_why(hotline):
    for name, provenance in hotline.facts():
        if provenance.unconfirmed:
            assert provenance.reason, name


# Member states whose Digital Services Coordinator cannot take users' complaints, with the source.
DSC_WITHOUT_COMPLAINTS = {
    # The President of UKE is Poland's temporary coordinator since 13 May 2025; the powers UKE's
    # own page lists do not include receiving complaints (https://uke.gov.pl/uslugi-cyfrowe/koordynator).
    "PL": "https://uke.gov.pl/uslugi-cyfrowe/koordynator",
}


@pytest.mark.parametrize("country", sorted(EU_MEMBER_STATES))
def test_every_member_state_resolves_to_its_digital_services_coordinator(country):
    coordinators = directory().tagged("dsc", country)
    assert len(coordinators) == 1, country
    coordinator = coordinators[0]
    assert coordinator.kind == "authority" and coordinator.jurisdictions == (country,)
    assert coordinator.display_name_es and all(c.label_es for c in coordinator.channels)
    if country in DSC_WITHOUT_COMPLAINTS:
        assert not coordinator.channels_for("complaint")
        assert coordinator.channels_for("general")
    else:
        assert coordinator.channels_for("complaint"), country
    for name, provenance in coordinator.facts():
        if provenance.unconfirmed:
            assert provenance.reason, f"{coordinator.id}: {name}"
