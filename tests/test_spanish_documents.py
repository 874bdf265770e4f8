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
