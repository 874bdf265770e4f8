"""The per-basis checklists: a rendered text without an element is reported missing."""

from __future__ import annotations

from scenarios import documents_with_text

from takedown_helper import bases
from takedown_helper.bases import BASES, missing_elements


def _doc(name: str, slug: str):
    return next((d, t) for d, t in documents_with_text(name) if d.slug == slug)


def test_every_document_basis_is_known():
    for name in ("a-parent-x", "c-eu-anonymous-minor", "d-adult-au"):
        for doc, _text in documents_with_text(name):
            assert all(key in BASES for key in doc.bases)


def test_dropping_a_tida_element_is_caught():
    doc, text = _doc("a-parent-x", "01-removal-request-x")
    assert missing_elements(doc, text) == []
    assert missing_elements(doc, text.replace(bases.TIDA_GOOD_FAITH, "")) == [
        "take_it_down.good_faith"
    ]
    assert "take_it_down.signature" in missing_elements(doc, text.replace("/s/", ""))
    # The URL wraps across lines in the PDF: drop its last segment to lose it.
    tail = doc.items[1].url.rsplit("/status/", 1)[1]
    assert "take_it_down.identification" in missing_elements(doc, text.replace(tail, ""))
    assert "csam_us.preserve" in missing_elements(doc, text.replace("one year", ""))


def test_eu_anonymous_basis_has_no_notifier_element_but_the_adult_one_does():
    assert "notifier" not in {e.key for e in bases.EU_DSA_CSAM.elements}
    assert "notifier" in {e.key for e in bases.EU_DSA.elements}
    doc, text = _doc("c-eu-anonymous-minor", "01-removal-request-tiktok")
    assert missing_elements(doc, text) == []
    assert missing_elements(doc, text.replace(bases.DSA_GOOD_FAITH, "")) == [
        "eu_dsa_csam.good_faith"
    ]


def test_cybertipline_sections_must_be_in_the_forms_order():
    doc, text = _doc("a-parent-x", "cybertipline-worksheet")
    assert missing_elements(doc, text) == []
    swapped = text.replace("Child victim", "@@").replace("Suspect", "Child victim").replace(
        "@@", "Suspect"
    )
    assert missing_elements(doc, swapped) == ["cybertipline.sections"]


def test_dmca_has_the_six_elements_of_512c3():
    assert [e.key for e in bases.DMCA.elements] == [
        "signature", "work", "material", "contact", "good_faith", "perjury"
    ]


def test_follow_up_must_cite_the_first_notice_date():
    doc, text = _doc("a-parent-x", "01-follow-up-x")
    assert missing_elements(doc, text) == []
    first = doc.format_date(doc.refers_to)
    assert "follow_up.first_notice" in missing_elements(doc, text.replace(first, ""))


def test_a_compound_word_broken_at_its_hyphen_by_a_line_end_still_counts():
    """PDF text of a wrapped line: "non-" ends one line, "arbitrary" starts the next. The phrase is
    on the page whole; a follow-up without it is still caught."""
    doc, text = _doc("c-eu-anonymous-minor", "01-follow-up-tiktok")
    flat = " ".join(text.split())
    assert missing_elements(doc, flat) == []
    broken = flat.replace("non-arbitrary", "non-\narbitrary")
    assert "non-\narbitrary" in broken and missing_elements(doc, broken) == []
    assert "follow_up.overdue" in missing_elements(doc, flat.replace(bases.DSA_TIMELY, ""))
