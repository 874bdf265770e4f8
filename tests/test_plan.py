"""The planner: which documents each case gets, what each still needs, and in which order."""

from __future__ import annotations

from datetime import timedelta

from scenarios import SCENARIOS, TODAY, planned

from takedown_helper.casefile import _DOCUMENT_KINDS, parse_case
from takedown_helper.planner import KINDS, plan, recommended_kinds


def test_every_schema_kind_has_a_builder_and_no_other():
    assert sorted(k.key for k in KINDS) == sorted(_DOCUMENT_KINDS)


def test_notices_first_follow_ups_after_them_and_the_guide_last():
    kinds = [d.kind for d in planned("a-parent-x").documents]
    assert kinds[0] == "platform_notice" and kinds[-1] == "guide"
    assert kinds.index("platform_notice") < kinds.index("follow_up") < kinds.index("escalation")


def test_minor_case_gets_the_ncmec_worksheet_adult_case_does_not():
    assert "ncmec_worksheet" in recommended_kinds(planned("a-parent-x").case)
    assert "ncmec_worksheet" not in recommended_kinds(planned("b-adult-ca").case)


def test_host_notice_only_for_standalone_websites():
    assert [d.slug for d in planned("b-adult-ca").documents if d.kind == "host_notice"] == [
        "01-abuse-notice-website"
    ]
    assert not [d for d in planned("e-advocate").documents if d.kind == "host_notice"]


def test_host_notice_without_contacts_reports_them_missing():
    data = SCENARIOS["b-adult-ca"]()
    data["websites"] = []
    (doc,) = [d for d in plan(parse_case(data, TODAY), TODAY).documents if d.kind == "host_notice"]
    assert [m.key for m in doc.missing] == ["websites"]
    data["websites"] = [{"hostname": "fictional-leaks.example", "host_name": "Example Hosting Inc.",
                         "host_abuse_email": None, "registrar_name": None,
                         "registrar_abuse_email": None}]
    (doc,) = [d for d in plan(parse_case(data, TODAY), TODAY).documents if d.kind == "host_notice"]
    assert [m.key for m in doc.missing] == [
        "websites.0.host_abuse_email or websites.0.registrar_abuse_email"
    ]


def test_police_referral_is_planned_without_an_agency_and_names_what_is_missing():
    (doc,) = [d for d in planned("b-adult-ca").documents if d.kind == "police_referral"]
    assert [m.key for m in doc.missing] == ["history.police.agency"]
    assert doc.addressee is None
    (doc,) = [d for d in planned("a-parent-x").documents if d.kind == "police_referral"]
    assert doc.missing == () and doc.addressee.name == "Example City Police Department"


def test_missing_signer_is_reported_for_tida_notices():
    data = SCENARIOS["e-advocate"]()
    data["signer"] = {"name": None, "email": None, "phone": None, "address": [],
                      "organisation": None}
    p = plan(parse_case(data, TODAY), TODAY)
    notice = next(d for d in p.documents if d.kind == "platform_notice")
    assert [m.key for m in notice.missing] == [
        "signer.name", "signer.email or signer.phone or signer.address"
    ]
    assert not p.complete


def test_follow_up_is_dated_the_day_after_the_deadline_and_cites_the_notice():
    documents = planned("d-adult-au").documents
    notices = [d for d in documents if d.kind == "platform_notice"]
    follow_ups = [d for d in documents if d.kind == "follow_up"]
    assert len(notices) == len(follow_ups) == 2
    for notice, follow in zip(notices, follow_ups, strict=True):
        assert follow.recipient == notice.recipient
        assert follow.refers_to == notice.dated == TODAY
        assert follow.dated == notice.deadline + timedelta(days=1)


def test_user_choice_of_documents_is_respected():
    data = SCENARIOS["a-parent-x"]()
    data["choices"]["documents"] = ["platform_notice", "guide"]
    kinds = {d.kind for d in plan(parse_case(data, TODAY), TODAY).documents}
    assert kinds == {"platform_notice", "guide"}


def test_paper_follows_the_requesters_country_for_every_document():
    """One house style per case: A4 outside the US and Canada, Letter in them, whoever the
    recipient is (the Australian case once mixed A4 and Letter)."""
    assert {d.paper for d in planned("c-eu-anonymous-minor").documents} == {"a4"}
    assert {d.paper for d in planned("d-adult-au").documents} == {"a4"}
    assert {d.paper for d in planned("b-adult-ca").documents} == {"letter"}


def test_slugs_are_unique_and_carry_no_names():
    for name in SCENARIOS:
        slugs = [d.slug for d in planned(name).documents]
        assert len(slugs) == len(set(slugs))
        case = planned(name).case
        for secret in filter(None, (case.signer.name, case.person_shown_name)):
            assert not any(secret.split()[0].lower() in s for s in slugs)


def test_every_title_is_listed_for_translation():
    from takedown_helper.documents.guide import TITLES

    for name in SCENARIOS:
        assert {d.title for d in planned(name).documents} <= set(TITLES)


def test_escalation_only_where_there_is_a_route():
    from takedown_helper.documents import escalation

    data = SCENARIOS["d-adult-au"]()
    data["requester"]["country"] = "JP"
    assert not escalation.KIND.recommended(parse_case(data, TODAY))
    data["requester"]["country"] = "CA"
    data["person_shown"]["minor_when_made"] = "yes"
    routes = escalation.routes(parse_case(data, TODAY))
    assert [c.target for c in routes] == ["https://www.cybertip.ca/app/en/report_general",
                                          "1-866-658-9022"]


def test_what_a_document_tells_its_user_is_in_the_users_language(example, today, monkeypatch):
    """Outside any request (CLI, API), the checks and the reasons are still in Spanish."""
    from dataclasses import replace

    from takedown_helper.casefile import parse_case
    from takedown_helper.directory import directory
    from takedown_helper.planner import plan as make_plan

    # X's address is confirmed at its source (x.com/en/tos); mark it unconfirmed here so the
    # check a user would see for an unconfirmed address appears.
    x = directory().get("x")
    unsure = replace(x.address, provenance=replace(x.address.provenance, unconfirmed=True))
    monkeypatch.setitem(directory()._recipients, "x", replace(x, address=unsure))
    # Reddit's report form is confirmed at its source too: mark its channels unconfirmed here.
    reddit = directory().get("reddit")
    unsure_channels = tuple(
        replace(c, provenance=replace(c.provenance, unconfirmed=True, reason="for this test"))
        for c in reddit.channels
    )
    monkeypatch.setitem(
        directory()._recipients, "reddit", replace(reddit, channels=unsure_channels)
    )
    example["language"] = "es"
    example["signer"]["name"] = None
    example["items"] = [{"url": "https://www.reddit.com/r/example/comments/abc123/post/",
                         "platform": "reddit"}]
    example["history"]["platform_reports"] = []
    notice = next(
        d for d in make_plan(parse_case(example, today), today).documents
        if d.kind == "platform_notice"
    )
    unconfirmed = [c for c in notice.channels if c.provenance.unconfirmed]
    assert unconfirmed and notice.checks == tuple(
        f"{c.label_es or c.label} ({c.target}) no está confirmado. Revíselo antes de usarlo." for c in unconfirmed
    )
    assert [r.why for r in notice.missing] == ["Una solicitud de retiro debe llevar firma."]
    assert notice.language == "en"  # the notice itself stays in English for a US platform
