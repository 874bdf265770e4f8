"""Letters a lawyer would sign: the statute's own words per basis and role, and none of
the overstatements a close reading found, over many generated cases.

The letters are checked as rendered HTML turned into text (the same template and data the PDF is
made from; the PDF tests in test_documents.py read the PDFs themselves). Each assertion names the
provision it follows; the sources are in takedown_helper/bases.py and docs/legal-review.md.
"""

from __future__ import annotations

import copy
import itertools
import re
from html import unescape

import pytest
from scenarios import SCENARIOS, TODAY

from takedown_helper import bases
from takedown_helper.casefile import parse_case
from takedown_helper.letters import document_html
from takedown_helper.planner import plan

ROLES = ("survivor", "parent", "advocate", "trusted_adult")
AGES = ("yes", "no", "not_sure")


def text_of(html: str) -> str:
    html = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def letters(data: dict) -> list[tuple[object, str]]:
    p = plan(parse_case(data, TODAY), TODAY)
    return [(d, text_of(document_html(d, p))) for d in p.documents]


def case_data(base: str = "b-adult-ca", **changes) -> dict:
    data = copy.deepcopy(SCENARIOS[base]())
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    return data


def _us_case(role: str, age: str, forgery: bool = False, context: str | None = None) -> dict:
    data = case_data("b-adult-ca", requester__role=role, person_shown__minor_when_made=age)
    imagery = data.setdefault("imagery", {})
    imagery["kind"] = "forgery" if forgery else "real"
    imagery["context"] = context
    return data


# --- TAKE IT DOWN Act § 3(a)(1)(B)(iii): whose belief, in which words ----------------------------


@pytest.mark.parametrize("role", ROLES)
def test_tida_statement_is_the_identifiable_individuals_belief(role):
    for doc, text in letters(_us_case(role, "no")):
        if "take_it_down" not in doc.bases:
            continue
        assert bases.TIDA_GOOD_FAITH in text
        if role == "survivor":
            assert bases.TIDA_BELIEF_SELF in text
            assert "on their behalf" not in text.split("(§ 3(a)(1)(B)(iii))")[1][:400]
        else:
            # The identifiable individual holds the belief; the signer states it for them.
            assert bases.tida_belief(role) in text
            assert "I make this statement on their behalf, and I share that belief" in text
        # Never the signer's own belief in place of the individual's.
        assert "I have a good-faith belief that each intimate visual depiction" not in text
        assert bases.missing_elements(doc, text) == []


def test_tida_statement_quotes_the_relevant_information_and_a_forgery():
    context = "My ex-partner posted these after I ended the relationship."
    (_doc, text), *_ = [(d, t) for d, t in letters(_us_case("survivor", "no", True, context))
                       if "take_it_down" in d.bases]
    assert f"{bases.TIDA_RELEVANT}:" in text
    assert context in text
    assert bases.FORGERY_STATEMENT in text  # the forgery wording, in the same notice


def test_tida_statement_text_is_the_statutes():
    # The pinpoint text of § 3(a)(1)(B)(iii), as bases.py holds it.
    assert bases.TIDA_STATEMENT_TEXT.startswith(
        "a brief statement that the identifiable individual has a good faith belief"
    )
    assert "including any relevant information" in bases.TIDA_STATEMENT_TEXT


# --- Nothing overstated, across generated cases ------------------------------------------------

OVERSTATEMENTS = (
    # 47 U.S.C. § 223(h)(2) has more elements than publication without consent.
    "is a federal crime under the TAKE IT DOWN Act",
    # No duty asserted for reports made before any TAKE IT DOWN request.
    "Those answers do not meet your duties",
    # "May have been under 18" is not "is therefore CSAM".
    "may have been under 18 when the imagery was made. It is therefore also child sexual abuse",
    "may have been under 18 when the imagery was made. It is child sexual abuse material",
    # The NCA duty binds a non-UK provider only for UK-linked content (OSA 2023 s. 66(2)).
    "as UK law requires of you",
    # The DSA sets no deadline.
    "The deadline has passed" + "@dsa",
    # Receipt is not sending (TIDA § 3(a)(3)).
    "received today at the latest",
    # Copyright is not claimed unless confirmed.
    "They were made by me",
)


def generated_cases():
    """role x age x requester's place (US, GB nations, DE, FR, IE, AU) x threats x forgery."""
    places = [("US", "CA"), ("GB", "ENG"), ("GB", "SCT"), ("GB", "NIR"), ("DE", None),
              ("FR", None), ("IE", None), ("AU", None)]
    for role, age, (country, region), threats, forgery in itertools.product(
        ROLES, AGES, places, (False, True), (False, True)
    ):
        data = _us_case(role, age, forgery, "Context given." if forgery else None)
        data["requester"]["country"] = country
        data["requester"]["region"] = region
        data["threats"] = {"present": threats, "details": "Asked for money." if threats else None}
        # A case with earlier reports, so the "earlier reports" paragraph is rendered too.
        data["history"]["platform_reports"] = [
            {"platform": "reddit", "reported_on": "2026-11-10", "answer": "no_violation"}
        ]
        yield f"{role}-{age}-{country}{region or ''}-{threats}-{forgery}", data


@pytest.mark.parametrize("name,data", list(generated_cases())[::3])
def test_no_overstatement_in_any_letter(name, data):
    is_dsa = data["requester"]["country"] in ("DE", "FR", "IE")
    for doc, text in letters(data):
        for phrase in OVERSTATEMENTS:
            if phrase.endswith("@dsa"):
                # A platform's follow-up under the DSA (a host's follow-up cites its own date).
                if is_dsa and doc.kind == "follow_up" and doc.recipient is not None:
                    assert phrase.removesuffix("@dsa") not in text, (name, doc.slug)
                continue
            assert phrase not in text, (name, doc.slug, phrase)
        # No empty "Contact information" heading.
        assert not re.search(r"Contact information(?: \([^)]*\))? (?:/s/|Signature|Signed)", text)


def test_host_notice_says_may_be_a_federal_crime():
    host = next(t for d, t in letters(_us_case("survivor", "no")) if d.kind == "host_notice")
    assert bases.TIDA_MAY_BE_CRIME in host


# --- UK law by nation ---------------------------------------------------------------------------


@pytest.mark.parametrize(("region", "offence", "absent"), [
    ("ENG", bases.UK_OFFENCE, (bases.UK_OFFENCE_SCT, bases.UK_OFFENCE_NIR)),
    ("WLS", bases.UK_OFFENCE, (bases.UK_OFFENCE_SCT, bases.UK_OFFENCE_NIR)),
    ("SCT", bases.UK_OFFENCE_SCT, (bases.UK_OFFENCE, bases.UK_OFFENCE_NIR)),
    ("NIR", bases.UK_OFFENCE_NIR, (bases.UK_OFFENCE, bases.UK_OFFENCE_SCT)),
])
def test_uk_notice_names_the_offence_of_the_nation(region, offence, absent):
    data = _us_case("survivor", "no")
    data["requester"].update(country="GB", region=region)
    notice = next(t for d, t in letters(data) if d.kind == "platform_notice")
    assert offence in notice
    for other in absent:
        assert other not in notice


def test_uk_minor_notice_states_the_nca_duty_with_its_condition():
    data = _us_case("parent", "not_sure")
    data["requester"].update(country="GB", region="SCT")
    notice = next(t for d, t in letters(data) if d.kind == "platform_notice")
    assert "If so, it is also child sexual abuse material" in notice
    assert "Section 66 of the Online Safety Act 2023" in notice
    assert bases.UK_NCA_CONDITION in notice


# --- EU: the national offence, Art. 16(6), anonymous notices --------------------------------------


@pytest.mark.parametrize("country", sorted(bases.EU_NATIONAL_OFFENCES))
def test_eu_adult_notice_names_the_national_offence(country):
    data = _us_case("survivor", "no")
    data["requester"].update(country=country, region=None)
    texts = {d.kind: t for d, t in letters(data) if d.recipient is not None}
    assert bases.EU_NATIONAL_OFFENCES[country][0] in texts["platform_notice"]
    assert "14 June 2027" in texts["platform_notice"]
    follow = texts["follow_up"]
    assert bases.FOLLOW_UP_DSA in follow and bases.DSA_TIMELY in follow
    assert bases.FOLLOW_UP_OVERDUE not in follow


def test_anonymous_csam_notice_and_follow_up_ask_for_no_reply():
    for doc, text in letters(SCENARIOS["c-eu-anonymous-minor"]()):
        if doc.kind not in ("platform_notice", "follow_up"):
            continue
        assert "Contact information" not in text, doc.slug
        assert "Give me a reference number" not in text, doc.slug
        assert "Tell me the outcome" not in text, doc.slug
        assert "Tell me the reference number" not in text, doc.slug
        assert "Please confirm receipt" not in text, doc.slug
