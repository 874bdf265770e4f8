"""Every scenario, asked for in Spanish: the documents the user keeps (guide, CyberTipline
worksheet, sheet for when nothing happens, threat report) and the case's check page
are in Spanish, with English only where marked `lang="en"`; the letters to recipients stay in
their recipient's language (English) and say so in `<html lang>`; each Spanish document still
carries every element its basis requires (the check accepts the catalog's translation)."""

from __future__ import annotations

from functools import cache

import pytest

from takedown_helper.bases import missing_elements
from takedown_helper.calendar import reminders
from takedown_helper.casefile import parse_case
from takedown_helper.documents import FOR_THE_USER
from takedown_helper.letters import checks_html, document_html
from takedown_helper.planner import Plan, plan
from tests.english import english_words, html_runs, share_in, unmarked_english
from tests.scenarios import SCENARIOS, TODAY

USERS_OWN = (*FOR_THE_USER, "threat_report")


@cache
def spanish(name: str) -> Plan:
    data = SCENARIOS[name]()
    data["language"] = "es"
    return plan(parse_case(data, TODAY), TODAY)


def _own_words(value: object) -> set[str]:
    """The user's own free text in a case (the scenarios write it in English): printed as given."""
    if isinstance(value, dict):
        return {w for v in value.values() for w in _own_words(v)}
    if isinstance(value, list):
        return {w for v in value for w in _own_words(v)}
    return {value} if isinstance(value, str) and " " in value.strip() else set()


def _without_own_words(name: str, runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    words = sorted(_own_words(SCENARIOS[name]()), key=len, reverse=True)
    cleaned = []
    for lang, text in runs:
        for w in words:
            text = text.replace(w, " ")
        cleaned.append((lang, text))
    return cleaned


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_users_own_documents_are_spanish_except_marked_passages(name):
    the_plan = spanish(name)
    found = {}
    for doc in the_plan.documents:
        html = document_html(doc, the_plan)
        runs = _without_own_words(name, html_runs(html))
        if doc.kind in USERS_OWN:
            assert doc.language == "es", doc.slug
            problems = unmarked_english(runs)
            if share_in(runs, "es") < 0.8:
                problems.append(f"only {share_in(runs, 'es'):.0%} in Spanish")
            if problems:
                found[doc.slug] = problems
        else:
            assert doc.language == "en" and '<html lang="en">' in html, doc.slug
    # The case's check page (facts to check, under each document) is the user's.
    checks = checks_html(the_plan)
    if checks and (problems := unmarked_english(html_runs(checks))):
        found["check page"] = problems
    assert found == {}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_spanish_documents_keep_every_element(name):
    from takedown_helper.plaintext import html_to_text

    the_plan = spanish(name)
    for doc in the_plan.documents:
        if doc.kind in ("ncmec_worksheet", "escalation"):
            text = html_to_text(document_html(doc, the_plan))
            assert missing_elements(doc, text) == [], doc.slug


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_reminders_are_in_spanish(name):
    for reminder in reminders(spanish(name)):
        assert english_words(reminder.title) == [] and english_words(reminder.description) == []


def test_the_detector_reads_html_languages():
    runs = html_runs('<html lang="es"><p>Hola <span lang="en">the form</span> y</p>'
                     '<textarea lang="en">Dear team</textarea><p>the end</p></html>')
    assert unmarked_english(runs) == ["['the'] <- 'the end'"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_documents_page_never_says_to_send_what_the_user_keeps(client, language):
    """The worksheet, the escalation sheet and the guide stay with the user: their checks,
    missing details and routes say "before you use it" and "use it here", a letter's "before you
    send it" and "send it here" (the Spanish page once said "Revise estos datos antes de
    enviarlo" and "Envíelo aquí" for the worksheet)."""
    import json
    import re
    from datetime import date as day

    from takedown_helper.example import example_case

    answers = {**example_case(), "language": language}
    answers["signer"] = {**answers["signer"], "name": None}  # so letters miss a detail too
    page = client.post("/documents", data={"answers": json.dumps(answers), "lang": language})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    send = {"en": ("before you send it", "Before you send it", "Send it here"),
            "es": ("antes de enviarlo", "Antes de enviarlo", "Envíelo aquí")}[language]
    use = {"en": ("before you use it", "Before you use it", "Use it here"),
           "es": ("antes de usarlo", "Antes de usarlo", "Úselo aquí")}[language]
    planned = plan(parse_case(answers, max(day.today(), TODAY)), max(day.today(), TODAY))
    steps = re.findall(r'<li class="step">(.*?)</li>\s*(?=<li class="step">|</ol>)', html, re.S)
    assert len(steps) == len(planned.documents)
    said_use = said_send = 0
    for doc, step in zip(planned.documents, steps, strict=True):
        if doc.kind in FOR_THE_USER:
            assert not any(words in step for words in send), doc.kind
            said_use += any(words in step for words in use)
        else:
            assert not any(words in step for words in use), doc.kind
            said_send += any(words in step for words in send)
    assert said_use and said_send  # the example has checks on both kinds


@pytest.mark.parametrize(("language", "heading", "wrong"), [
    ("en", "Help and services in your guide:", ("Use it here:", "Send it here:")),
    ("es", "Ayuda y servicios de su guía:", ("Úselo aquí:", "Envíelo aquí:")),
])
def test_the_documents_page_names_the_guides_routes_as_help_not_a_place_to_use_it(
        client, language, heading, wrong):
    """The guide is not used at a support line or a hashing service: it names them. The page
    once listed them under "Use it here"."""
    import json
    import re

    from takedown_helper.example import example_case

    answers = {**example_case(), "language": language}
    page = client.post("/documents", data={"answers": json.dumps(answers), "lang": language})
    assert page.status_code == 200
    steps = re.findall(r'<li class="step">(.*?)</li>\s*(?=<li class="step">|</ol>)',
                       page.get_data(as_text=True), re.S)
    (guide,) = [s for s in steps if "00-your-guide" in s]
    assert heading in guide
    assert not any(words in guide for words in wrong)
