"""Legal bases and the elements each requires, as data the planner, templates and checks share.

Sources are in ../shared/reference/legal-elements.md; each basis names its citation. A document's
rendered text is checked against `Basis.elements` (see `missing_elements`), so a template that drops
an element fails the test suite rather than reaching a platform.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from takedown_helper.documents import Document


@dataclass(frozen=True)
class Element:
    """One thing the law requires in a notice, and how to see it in the rendered text."""

    key: str
    description: str
    present: Callable[[Document, str], bool]


def _has(*phrases: str) -> Callable[[Document, str], bool]:
    return lambda _doc, text: all(p in text for p in phrases)


def _all_urls(doc: Document, text: str) -> bool:
    # A long URL may wrap across lines in the PDF's text: compare without whitespace.
    joined = "".join(text.split())
    return bool(doc.items) and all(item.url in joined for item in doc.items)


def _signature(doc: Document, text: str) -> bool:
    return bool(doc.signer.name) and f"/s/ {doc.signer.name}" in text


def _contact(doc: Document, text: str) -> bool:
    parts = [p for p in (doc.signer.email, doc.signer.phone, *doc.signer.address) if p]
    return bool(parts) and all(p in text for p in parts)


def _deadline(doc: Document, text: str) -> bool:
    return doc.deadline is not None and doc.format_date(doc.deadline) in text


# Fixed sentences the templates print and the checks look for.
TIDA_GOOD_FAITH = (
    "I have a good-faith belief that each intimate visual depiction identified above "
    "was published without the consent of the identifiable individual shown"
)
CSAM_KNOWLEDGE = "this notice gives you actual knowledge of apparent child sexual abuse material"
CSAM_REPORT_DUTY = "18 U.S.C. § 2258A"
CSAM_PRESERVE = "preserve"
IDENTICAL_COPIES = "known identical copies"


@dataclass(frozen=True)
class Basis:
    key: str
    name: str
    citation: str
    elements: tuple[Element, ...]


TAKE_IT_DOWN = Basis(
    key="take_it_down",
    name="TAKE IT DOWN Act",
    citation="TAKE IT DOWN Act, Pub. L. No. 119-12, § 3(a)(1)(B) and § 3(a)(3)",
    elements=(
        Element("signature", "Physical or electronic signature (§ 3(a)(1)(B)(i))", _signature),
        Element(
            "identification",
            "Identification of each depiction and information to locate it: exact URLs "
            "(§ 3(a)(1)(B)(ii))",
            _all_urls,
        ),
        Element(
            "good_faith",
            "Brief statement of good-faith belief that it is not consensual (§ 3(a)(1)(B)(iii))",
            _has(TIDA_GOOD_FAITH),
        ),
        Element("contact", "Contact information of the requester (§ 3(a)(1)(B)(iv))", _contact),
        Element("deadline", "Removal within 48 hours, as a date (§ 3(a)(3))", _deadline),
        Element(
            "identical_copies",
            "Reasonable efforts to remove known identical copies (§ 3(a)(3))",
            _has(IDENTICAL_COPIES),
        ),
    ),
)

CSAM_US = Basis(
    key="csam_us",
    name="Child sexual abuse material (United States)",
    citation="18 U.S.C. § 2258A, as amended by the REPORT Act, Pub. L. No. 118-59",
    elements=(
        Element("knowledge", "The notice gives actual knowledge", _has(CSAM_KNOWLEDGE)),
        Element("report", "The duty to report to NCMEC's CyberTipline", _has(CSAM_REPORT_DUTY)),
        Element("preserve", "Preservation for one year", _has(CSAM_PRESERVE, "one year")),
        Element("urls", "Exact URLs", _all_urls),
    ),
)

BASES: dict[str, Basis] = {b.key: b for b in (TAKE_IT_DOWN, CSAM_US)}


def missing_elements(doc: Document, text: str) -> list[str]:
    """Elements of the document's legal bases that its rendered text lacks (empty when complete)."""
    text = " ".join(text.split())
    return [
        f"{basis.key}.{element.key}"
        for basis in (BASES[key] for key in doc.bases)
        for element in basis.elements
        if not element.present(doc, text)
    ]
