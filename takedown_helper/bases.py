"""Legal bases and the elements each requires, as data the planner, templates and checks share.

Sources are in ../shared/reference/legal-elements.md; each basis names its citation. A document's
rendered text is checked against `Basis.elements` (see `missing_elements`), so a template that drops
an element fails the test suite rather than reaching a platform.
"""

from __future__ import annotations

import re
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
    """Each phrase is in the text: as it is, or (in a document of the user's own, in the user's
    language) as the catalog translates it."""
    return lambda doc, text: all(p in text or _translated(p, doc) in text for p in phrases)


def _translated(phrase: str, doc: Document) -> str:
    if doc.language == "en":
        return phrase
    from takedown_helper.i18n import translations

    return translations(doc.language).gettext(phrase)


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


def _notifier(doc: Document, text: str) -> bool:
    """DSA Art. 16(2)(c): the notifier's name and email address."""
    name, email = doc.signer.name, doc.signer.email
    if not (name and email):
        return False
    return name in text and email in text


def _first_notice(doc: Document, text: str) -> bool:
    return doc.refers_to is not None and doc.format_date(doc.refers_to) in text


def _channels(doc: Document, text: str) -> bool:
    """Every route the document lists (URL, email or phone) is printed in full."""
    joined = "".join(text.split())
    return bool(doc.channels) and all("".join(c.target.split()) in joined for c in doc.channels)


def _tida_belief(_doc: Document, text: str) -> bool:
    """§ 3(a)(1)(B)(iii): the identifiable individual's belief, stated by them or for them."""
    return TIDA_GOOD_FAITH in text and (TIDA_BELIEF_SELF in text or TIDA_BELIEF_FOR in text)


def _uk_offence(_doc: Document, text: str) -> bool:
    return any(offence in text for offence in UK_OFFENCES.values())


def _uk_child_offence(_doc: Document, text: str) -> bool:
    return any(offence in text for offence in UK_CHILD_OFFENCES.values())


def _follow_up_status(_doc: Document, text: str) -> bool:
    """A follow-up says the deadline passed, or (DSA, no deadline) quotes Art. 16(6)."""
    return FOLLOW_UP_OVERDUE in text or (FOLLOW_UP_DSA in text and DSA_TIMELY in text)


def _in_order(*headings: str) -> Callable[[Document, str], bool]:
    def check(_doc: Document, text: str) -> bool:
        position = -1
        for heading in headings:
            position = text.find(heading, position + 1)
            if position < 0:
                return False
        return True

    return check


# Fixed sentences the templates print and the checks look for.
#
# TAKE IT DOWN Act, Pub. L. No. 119-12, § 3(a)(1)(B)(iii), in the statute's own words (read
# 2026-11-23 in the copy of section 3 at gdpr-ccpa.org/take-it-down/section-3-notice-and-removal-
# of-nonconsensual-intimate-visual-depictions; the enrolled text is at congress.gov, S. 146): "a brief statement that the identifiable individual has a good faith belief that any
# intimate visual depiction identified under clause (ii) is not consensual, including any relevant
# information for the covered platform to determine the intimate visual depiction was published
# without the consent of the identifiable individual". The belief is the identifiable individual's:
# when a parent or representative signs, they state it on that person's behalf (and may add their
# own); they never replace it with their own belief.
TIDA_STATEMENT_TEXT = (
    "a brief statement that the identifiable individual has a good faith belief that any intimate "
    "visual depiction identified under clause (ii) is not consensual, including any relevant "
    "information for the covered platform to determine the intimate visual depiction was "
    "published without the consent of the identifiable individual"
)
# The core words every TIDA statement carries, whoever signs (the check looks for them).
TIDA_GOOD_FAITH = (
    "good faith belief that each intimate visual depiction identified above is not consensual"
)
TIDA_BELIEF_SELF = (
    "I am the identifiable individual shown. I have a " + TIDA_GOOD_FAITH
    + ": it was published without my consent"
)
TIDA_BELIEF_FOR = (
    "The identifiable individual shown has a " + TIDA_GOOD_FAITH
    + ": it was published without their consent. I make this statement on their behalf"
)
TIDA_BELIEF_SHARED = "and I share that belief"
TIDA_RELEVANT = "Relevant information"


def tida_belief(role: str) -> str:
    """The § 3(a)(1)(B)(iii) statement for a signer in this role ("survivor", "parent", ...)."""
    if role == "survivor":
        return TIDA_BELIEF_SELF
    return f"{TIDA_BELIEF_FOR}, {TIDA_BELIEF_SHARED}"


# 47 U.S.C. § 223(h)(2)(A) and (B) (added by § 2 of the Act) make publishing such depictions a
# crime only when further elements are met (knowing publication, a reasonable expectation of
# privacy, intended or actual harm, no public or commercial setting...): a letter can only say
# "may be".
TIDA_MAY_BE_CRIME = "may be a federal crime under 47 U.S.C. § 223(h)"
# § 3(a)(3): the 48 hours run from the platform's receipt of a valid request made "using the
# process described in paragraph (1)(A)(ii)", i.e. the platform's own notice-and-removal process.
TIDA_PROCESS = "your notice and removal process"
CSAM_KNOWLEDGE = "this notice gives you actual knowledge of apparent child sexual abuse material"
CSAM_REPORT_DUTY = "18 U.S.C. § 2258A"
CSAM_PRESERVE = "preserve"
IDENTICAL_COPIES = "known identical copies"
# EU Digital Services Act, Art. 16(2)(a) and (d).
DSA_EXPLANATION = "Why this content is illegal"
DSA_GOOD_FAITH = (
    "I confirm my bona fide belief that the information and allegations contained in this "
    "notice are accurate and complete"
)
DSA_ANONYMOUS = "Article 16(2)(c)"
# Article 16(6) of the DSA sets no deadline: providers "shall process any notices that they
# receive under the mechanisms referred to in paragraph 1 and take their decisions in respect of
# the information to which the notices relate, in a timely, diligent, non-arbitrary and objective
# manner" (Regulation (EU) 2022/2065, OJ L 277, 27.10.2022, eur-lex CELEX 32022R2065).
DSA_TIMELY = "in a timely, diligent, non-arbitrary and objective manner"
# United Kingdom: the offence differs by nation (geography.UK_NATIONS).
UK_OFFENCE = "section 66B of the Sexual Offences Act 2003"  # England and Wales
# legislation.gov.uk/asp/2016/22/section/2 (disclosing, or threatening to disclose, an intimate
# photograph or film: intent to cause, or recklessness as to, fear, alarm or distress).
UK_OFFENCE_SCT = "section 2 of the Abusive Behaviour and Sexual Harm (Scotland) Act 2016"
# legislation.gov.uk/nia/2016/21/section/51 (disclosing private sexual photographs and films with
# intent to cause distress).
UK_OFFENCE_NIR = "section 51 of the Justice Act (Northern Ireland) 2016"
UK_OFFENCES = {"ENG": UK_OFFENCE, "WLS": UK_OFFENCE, "SCT": UK_OFFENCE_SCT, "NIR": UK_OFFENCE_NIR}
# Online Safety Act 2023, s. 66(1)-(2): a UK provider reports detected and unreported CSEA content
# to the NCA; a non-UK provider only "UK-linked" CSEA content (s. 70). legislation.gov.uk/ukpga/
# 2023/50/section/66. The letter states the condition, never an unconditional duty.
UK_NCA_CONDITION = "if you are a UK provider, or the content is UK-linked"
# Distributing or showing an indecent photograph or pseudo-photograph of a child (a person under
# 18) is an offence in each nation: Protection of Children Act 1978 s. 1(1)(b), child under 18 by
# s. 7(6) as amended by the Sexual Offences Act 2003 s. 45 (legislation.gov.uk/ukpga/1978/37/
# section/1); Civic Government (Scotland) Act 1982 s. 52(1)(b), under 18 by s. 52(2) as amended in
# 2005 (legislation.gov.uk/ukpga/1982/45/section/52); Protection of Children (Northern Ireland)
# Order 1978 art. 3(1)(b), under 18 by art. 2(2) as amended in 2008 (legislation.gov.uk/nisi/1978/
# 1047/article/3).
UK_CHILD_OFFENCE = "section 1(1)(b) of the Protection of Children Act 1978"  # England and Wales
UK_CHILD_OFFENCE_SCT = "section 52(1)(b) of the Civic Government (Scotland) Act 1982"
UK_CHILD_OFFENCE_NIR = "Article 3(1)(b) of the Protection of Children (Northern Ireland) Order 1978"
UK_CHILD_OFFENCES = {"ENG": UK_CHILD_OFFENCE, "WLS": UK_CHILD_OFFENCE,
                     "SCT": UK_CHILD_OFFENCE_SCT, "NIR": UK_CHILD_OFFENCE_NIR}


def dmca_refusal(case: object, recipient: object) -> str | None:
    """For the templates: why no DMCA notice was made (see platform_notice.dmca_refusal)."""
    from takedown_helper.documents.platform_notice import dmca_refusal

    return dmca_refusal(case, recipient)  # type: ignore[arg-type]


def dsa_route(case: object, recipient: object) -> bool:
    """Whether a platform notice of this case goes under the DSA: the law of an EU member state
    applies and the platform is under the DSA (as `platform_notice.variant_for` decides)."""
    from takedown_helper.geography import in_eu

    country = getattr(case, "law_country", None) or getattr(case, "country", "")
    return bool(recipient) and in_eu(str(country or "")) and "eu_dsa" in getattr(recipient, "regimes", ())


def uk_offences(region: str | None) -> tuple[str, ...]:
    """The UK offence(s) for a nation; every nation's when the nation is not known."""
    if region in UK_OFFENCES:
        return (UK_OFFENCES[region],)
    return (UK_OFFENCE, UK_OFFENCE_SCT, UK_OFFENCE_NIR)


def uk_child_offences(region: str | None) -> tuple[str, ...]:
    """The UK offence(s) of distributing or showing indecent images of a child, for a nation;
    every nation's when the nation is not known."""
    if region in UK_CHILD_OFFENCES:
        return (UK_CHILD_OFFENCES[region],)
    return (UK_CHILD_OFFENCE, UK_CHILD_OFFENCE_SCT, UK_CHILD_OFFENCE_NIR)


# National offences of EU member states a DSA notice can name for an adult (Art. 16(2)(a) asks for
# a substantiated explanation of why the content is illegal). Only those read at a source; other
# member states get the EU-level explanation and docs/legal-review.md lists them as open.
# (name of the offence as the letter prints it, source)
EU_NATIONAL_OFFENCES: dict[str, tuple[str, str]] = {
    "DE": (
        "section 201a of the German Criminal Code (Strafgesetzbuch, StGB: violation of intimate "
        "privacy by taking or making available images)",
        "https://www.gesetze-im-internet.de/stgb/__201a.html",
    ),
    "FR": (
        "Article 226-2-1 of the French Penal Code (Code pénal: making public, without the "
        "person's agreement, a recording or document of a sexual nature)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000033207301",
    ),
    "IE": (
        "sections 2 and 3 of the Harassment, Harmful Communications and Related Offences Act "
        "2020 (Ireland: distributing or publishing an intimate image without consent)",
        "https://www.irishstatutebook.ie/eli/2020/act/32/enacted/en/print",
    ),
}
AU_ACT = "Online Safety Act 2021"
AU_ESAFETY = "eSafety Commissioner"
AU_24_HOURS = "within 24 hours"
# DMCA, 17 U.S.C. § 512(c)(3)(A)(ii), (v) and (vi).
DMCA_WORK = "The copyrighted work is"
DMCA_GOOD_FAITH = (
    "I have a good faith belief that use of the material in the manner complained of is not "
    "authorized by the copyright owner, its agent, or the law"
)
DMCA_PERJURY = (
    "The information in this notification is accurate, and under penalty of perjury, I am the "
    "owner, or authorized to act on behalf of the owner, of an exclusive right that is allegedly "
    "infringed"
)
# Law-enforcement referral. Every letter asks for preservation; only a US letter cites
# § 2703(f), which a US governmental entity invokes (§ 2711(4)), never a private person or
# police abroad (they use the platform's law-enforcement process or mutual legal assistance).
POLICE_PRESERVE_ASK = "preserve the posts, the accounts and the related records"
POLICE_PRESERVE = "18 U.S.C. § 2703(f)"
POLICE_ICAC = "Internet Crimes Against Children"
POLICE_VICTIM_SERVICES = "victim services"
POLICE_OPEN_CASE = "open a case"
POLICE_CASE_REF = "case number"
# NCMEC CyberTipline worksheet: the form's sections, in its order (legal-elements.md § 3).
CYBERTIP_SECTIONS = (
    "Reporting person",
    "Incident type and date",
    "Internet details",
    "Child victim",
    "Suspect",
    "Additional information",
)
CYBERTIP_SCREENSHOTS = "make a note that you have them"
# Search engines, hosts, follow-up.
DELIST_ASK = "remove these exact URLs from your search results"
HOST_ASK = "disable access to the content at these exact addresses"
FOLLOW_UP_OVERDUE = "The deadline has passed"
# A follow-up under the DSA: no deadline, the Art. 16(6) standard instead.
FOLLOW_UP_DSA = "Article 16(6) of the Digital Services Act"
# DMCA, 17 U.S.C. § 512(c)(3)(A)(vi) and § 512(f): only the copyright owner (or someone authorized
# to act for the owner) may send one; the notice names who owns it, truthfully.
DMCA_OWNER_TOOK = "who took them and owns the copyright in them"
DMCA_OWNER_ASSIGNED = "who owns the copyright in them by written assignment"
# The survivor's guide (English msgids; the guide is checked in English).
GUIDE_TRACKER = "StopNCII case number"
GUIDE_CYBERTIP = "CyberTipline report number"
GUIDE_NOT_ADVICE = "This is not legal advice"
# Digital forgeries: 47 U.S.C. § 223(h)(1)(B), added by the TAKE IT DOWN Act § 2 (Pub. L. 119-12;
# congress.gov/119/plaws/publ12/PLAW-119publ12.htm). The notice names the depiction a digital
# forgery "of an identifiable individual"; the individual's belief of non-consent still applies.
FORGERY_TERM = "digital forgery"
FORGERY_CITE = "47 U.S.C. § 223(h)(1)(B)"
FORGERY_STATEMENT = (
    "is a digital forgery of the identifiable individual shown: an intimate visual depiction of "
    "that individual created or altered with software or artificial intelligence"
)
FORGERY_NOT_SURE = "may be authentic or a digital forgery"
# Outside the US the notice states the fact in plain words and, where we found it, the law's own
# words: UK, Sexual Offences Act 2003 s. 66B(1)(a), a photograph or film which "shows, or appears
# to show" another person in an intimate state; EU adults, Directive (EU) 2024/1385 Art. 5(1)(b)
# (producing, manipulating or altering material that makes it appear that a person is engaged in
# sexually explicit activities, and making it accessible to the public without consent); EU
# minors, Directive 2011/93/EU Art. 2(c)(iv) ("realistic images of a child engaged in sexually
# explicit conduct"). Australia: the fact only (a lawyer should confirm the Act's wording).
FORGERY_MADE = "were made or altered with software or artificial intelligence"
FORGERY_UK = "shows, or appears to show"
FORGERY_EU = "Article 5(1)(b) of Directive (EU) 2024/1385"
FORGERY_EU_CSAM = "Article 2(c)(iv) of Directive 2011/93/EU"
# 18 U.S.C. § 2256(8)(C): a visual depiction "created, adapted, or modified to appear that an
# identifiable minor is engaging in sexually explicit conduct" is covered, so AI-made sexual
# imagery of a real child is reported to NCMEC like any other.
FORGERY_MINOR = "18 U.S.C. § 2256(8)(C)"
# Google's fake explicit imagery route (support.google.com/websearch/answer/9116649): the person is
# identifiably depicted; the imagery is fake and falsely depicts them nude or in a sexually
# explicit situation; it was distributed without consent.
DELIST_FORGERY = "falsely depict"
# Sextortion (threats, nothing posted): the CyberTipline form's incident type "Online enticement"
# (report.cybertip.org; legal-elements.md § 3), which the REPORT Act brought within § 2258A
# (18 U.S.C. § 2422(b)).
CYBERTIP_ENTICEMENT = "Online enticement"
THREAT_NOTHING_POSTED = "not known to have been posted"
CYBERTIP_NO_LINK = "No link"
POLICE_THREAT_ACCOUNTS = "Accounts that made the threats"
# The threat-report pack (for the user): NCMEC's steps for families facing sextortion
# (nationalcac.org/steps-to-take-following-financial-sextortion/, quoting NCMEC), FBI and CCRI.
THREAT_DO_NOT_PAY = "Do not pay"
THREAT_STOP_REPLYING = "Stop replying"
THREAT_KEEP = "Do not delete the messages or the account"
THREAT_TELL = "trust"
THREAT_BLOCK = "block"


@dataclass(frozen=True)
class Basis:
    key: str
    name: str
    citation: str
    elements: tuple[Element, ...]


def _urls_element(citation: str) -> Element:
    return Element("urls", f"The exact URL of each item ({citation})", _all_urls)


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
            _tida_belief,
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

_DSA_COMMON = (
    Element(
        "explanation",
        "A sufficiently substantiated explanation of why the content is illegal (Art. 16(2)(a))",
        _has(DSA_EXPLANATION, "Article 16"),
    ),
    Element("urls", "The exact electronic location: URLs (Art. 16(2)(b))", _all_urls),
    Element(
        "good_faith",
        "Statement of bona fide belief that the notice is accurate and complete (Art. 16(2)(d))",
        _has(DSA_GOOD_FAITH),
    ),
)

EU_DSA = Basis(
    key="eu_dsa",
    name="Digital Services Act, Article 16",
    citation="Regulation (EU) 2022/2065, Art. 16(2)",
    elements=(
        *_DSA_COMMON,
        Element("notifier", "Name and email address of the notifier (Art. 16(2)(c))", _notifier),
    ),
)

# Art. 16(2)(c): no name or email is required for offences under Articles 3 to 7 of Directive
# 2011/93/EU (child sexual abuse and child sexual abuse material): the notifier may stay anonymous.
EU_DSA_CSAM = Basis(
    key="eu_dsa_csam",
    name="Digital Services Act, Article 16 (child sexual abuse material)",
    citation="Regulation (EU) 2022/2065, Art. 16(2); Directive 2011/93/EU, Arts. 3 to 7",
    elements=(
        *_DSA_COMMON,
        Element("offence", "Names the child sexual abuse offence", _has("Directive 2011/93/EU")),
    ),
)

UK_66B = Basis(
    key="uk_66b",
    name="Intimate image offences of the United Kingdom, by nation",
    citation="Sexual Offences Act 2003, s. 66B (England and Wales); Abusive Behaviour and Sexual "
    "Harm (Scotland) Act 2016, s. 2; Justice Act (Northern Ireland) 2016, s. 51",
    elements=(
        Element("offence", "Names the offence of the person's nation: s. 66B SOA 2003 (England "
                "and Wales), s. 2 ABSHA 2016 (Scotland), s. 51 Justice Act (NI) 2016",
                _uk_offence),
        _urls_element("s. 66B"),
        Element("signature", "Signature", _signature),
        Element("contact", "Contact details for the reply", _contact),
        Element("deadline", "A removal deadline as a date", _deadline),
        Element("identical_copies", "Removal of identical copies", _has(IDENTICAL_COPIES)),
    ),
)

UK_CHILD = Basis(
    key="uk_child",
    name="Indecent images of children (United Kingdom), by nation",
    citation="Protection of Children Act 1978, s. 1(1)(b) (England and Wales); Civic Government "
    "(Scotland) Act 1982, s. 52(1)(b); Protection of Children (Northern Ireland) Order 1978, "
    "art. 3(1)(b); Online Safety Act 2023, s. 66",
    elements=(
        Element("offence", "Names the offence of distributing or showing indecent images of a "
                "child in the person's nation", _uk_child_offence),
        Element("nca", "States the conditional duty to report to the National Crime Agency",
                _has(UK_NCA_CONDITION)),
    ),
)

AU_OSA = Basis(
    key="au_osa",
    name="Online Safety Act 2021 (Australia)",
    citation="Online Safety Act 2021 (Cth), ss. 32, 33, 77 and 78",
    elements=(
        Element("act", "Names the Act", _has(AU_ACT)),
        Element(
            "esafety",
            "The eSafety route and its 24-hour removal notices (s. 77)",
            _has(AU_ESAFETY, AU_24_HOURS, "esafety.gov.au/report"),
        ),
        _urls_element("s. 77"),
        Element("signature", "Signature", _signature),
        Element("contact", "Contact details for the reply", _contact),
        Element("deadline", "A removal deadline as a date", _deadline),
    ),
)

DMCA = Basis(
    key="dmca",
    name="DMCA notification",
    citation="17 U.S.C. § 512(c)(3)(A)",
    elements=(
        Element("signature", "Physical or electronic signature (§ 512(c)(3)(A)(i))", _signature),
        Element("work", "Identification of the copyrighted work (§ 512(c)(3)(A)(ii))",
                _has(DMCA_WORK)),
        Element("material", "The infringing material and where it is (§ 512(c)(3)(A)(iii))",
                _all_urls),
        Element("contact", "Contact information (§ 512(c)(3)(A)(iv))", _contact),
        Element("good_faith", "Good-faith statement of no authorization (§ 512(c)(3)(A)(v))",
                _has(DMCA_GOOD_FAITH)),
        Element("perjury", "Accuracy and, under penalty of perjury, authority (§ 512(c)(3)(A)(vi))",
                _has(DMCA_PERJURY)),
    ),
)

# The worksheet with or without links: the form's sections, and how to send it.
_CYBERTIP_SECTIONS = Element(
    "sections", "The form's sections, in the form's order", _in_order(*CYBERTIP_SECTIONS)
)
_CYBERTIP_ROUTES = (
    Element("routes", "How to submit: online form and phone", _channels),
    Element("no_images", "Screenshots cannot be attached: note that you have them",
            _has(CYBERTIP_SCREENSHOTS)),
    Element("take_it_down", "Take It Down, hashing on one's own device",
            _has("takeitdown.ncmec.org")),
)

CYBERTIPLINE = Basis(
    key="cybertipline",
    name="NCMEC CyberTipline report (worksheet)",
    citation="report.cybertip.org; 18 U.S.C. § 2258A",
    elements=(_CYBERTIP_SECTIONS, _urls_element("Internet details"), *_CYBERTIP_ROUTES),
)

POLICE_REFERRAL = Basis(
    key="police_referral",
    name="Law-enforcement referral",
    citation="Preservation through each platform's law-enforcement process",
    elements=(
        _urls_element("every location"),
        Element("case", "Asks to open a case, or cites the case number",
                lambda _d, t: POLICE_OPEN_CASE in t or POLICE_CASE_REF in t),
        Element("preservation", "Asks for the content and records to be preserved",
                _has(POLICE_PRESERVE_ASK)),
        Element("victim_services", "Asks to connect the family with victim services",
                _has(POLICE_VICTIM_SERVICES)),
    ),
)

POLICE_US = Basis(
    key="police_us",
    name="Law-enforcement referral (United States)",
    citation="18 U.S.C. § 2703(f) (preservation on request of a governmental entity, § 2711(4))",
    elements=(
        Element("preservation_us", "Asks the agency to send § 2703(f) preservation requests",
                _has(POLICE_PRESERVE, "only a governmental entity can")),
    ),
)

US_TIP_ROUTES = Basis(
    key="us_tip_routes",
    name="Federal tip routes (FBI, HSI)",
    citation="tips.fbi.gov; dhs.gov/hsi/tipline",
    elements=(Element("tip_routes", "FBI and HSI tip routes, in full", _channels),),
)

DELISTING = Basis(
    key="delisting",
    name="Search-engine removal request",
    citation="The search engine's own policy for intimate imagery shared without consent",
    elements=(_urls_element("every URL"), Element("ask", "The request", _has(DELIST_ASK))),
)

HOST_ABUSE = Basis(
    key="host_abuse",
    name="Abuse notice to a hosting provider or registrar",
    citation="The provider's acceptable-use policy; TAKE IT DOWN Act § 3 where it applies",
    elements=(
        _urls_element("every URL"),
        Element("ask", "The request", _has(HOST_ASK)),
        Element("identical_copies", "Identical copies", _has(IDENTICAL_COPIES)),
        Element("signature", "Signature", _signature),
        Element("contact", "Contact details", _contact),
    ),
)

FOLLOW_UP = Basis(
    key="follow_up",
    name="Follow-up notice",
    citation="Cites the first notice",
    elements=(
        _urls_element("every URL still online"),
        Element("first_notice", "The first notice and its date", _first_notice),
        Element("overdue", "The deadline has passed, or (DSA) the Art. 16(6) standard",
                _follow_up_status),
        Element("deadline", "A new date to answer by", _deadline),
    ),
)

ESCALATION = Basis(
    key="escalation",
    name="Escalation routes",
    citation="FTC (TAKE IT DOWN Act § 3(b)); NCMEC; eSafety (Online Safety Act 2021)",
    elements=(Element("routes", "Every escalation route from the directory, in full", _channels),),
)

ESCALATION_EU = Basis(
    key="escalation_eu",
    name="Escalation routes under the Digital Services Act",
    citation="Regulation (EU) 2022/2065, Arts. 20, 21 and 53",
    elements=(
        Element("complaint", "Complaint to the Digital Services Coordinator (Art. 53)",
                _has("Digital Services Coordinator", "Article 53")),
        Element("dispute", "Out-of-court dispute settlement (Art. 21)", _has("Article 21")),
    ),
)

GUIDE = Basis(
    key="guide",
    name="Your guide and record",
    citation="",
    elements=(
        Element("support", "Support lines", _channels),
        Element("not_advice", "Not legal advice", _has(GUIDE_NOT_ADVICE)),
    ),
)

def _accounts(doc: Document, text: str) -> bool:
    """Every threatening account the user named is printed (none named: nothing to check)."""
    joined = "".join(text.split())
    return all("".join(a.account.split()) in joined for a in doc.accounts if a.account)


def _since(doc: Document, text: str) -> bool:
    """The date the threats started, when the user gave it."""
    return doc.since is None or doc.format_date(doc.since) in text


def _no_notice_promised(doc: Document, text: str) -> bool:
    """A letter with no link must not say that removal requests are being sent."""
    return bool(doc.items) or "removal requests are being sent" not in text.lower()


TAKE_IT_DOWN_FORGERY = Basis(
    key="take_it_down_forgery",
    name="TAKE IT DOWN Act: digital forgery",
    citation="47 U.S.C. § 223(h)(1)(B); TAKE IT DOWN Act § 3(a)(1)(B)(iii) and § 4",
    elements=(
        Element(
            "forgery",
            "Names each depiction a digital forgery of the identifiable individual, with the "
            "definition's citation",
            _has(FORGERY_STATEMENT, FORGERY_CITE),
        ),
        Element(
            "good_faith",
            "The identifiable individual's belief of non-consent still stated (§ 3(a)(1)(B)(iii))",
            _has(TIDA_GOOD_FAITH),
        ),
    ),
)

TAKE_IT_DOWN_MAYBE_FORGERY = Basis(
    key="take_it_down_maybe_forgery",
    name="TAKE IT DOWN Act: authentic or digital forgery, not known",
    citation="47 U.S.C. § 223(h)(1)(B); TAKE IT DOWN Act § 3(a)(1)(B)(iii)",
    elements=(
        Element("either", "Says it may be authentic or a digital forgery, and cites the definition",
                _has(FORGERY_NOT_SURE, FORGERY_CITE)),
        Element("good_faith", "The belief of non-consent still stated", _has(TIDA_GOOD_FAITH)),
    ),
)

CSAM_FORGERY = Basis(
    key="csam_forgery",
    name="AI-made or altered sexual imagery of a real child",
    citation="18 U.S.C. § 2256(8)(C); 18 U.S.C. § 2258A",
    elements=(
        Element("morphed", "Cites the definition covering imagery altered to show an identifiable "
                "minor", _has(FORGERY_MINOR)),
        Element("report", "The duty to report to NCMEC still applies", _has(CSAM_REPORT_DUTY)),
    ),
)

UK_FORGERY = Basis(
    key="uk_forgery",
    name="Sexual Offences Act 2003, s. 66B: images that appear to show the person",
    citation="Sexual Offences Act 2003, s. 66B(1)(a)",
    elements=(Element("forgery", "States the images are made or altered, and (England and Wales, "
                      "Scotland) that the offence covers images that appear to show the person",
                      lambda _d, t: FORGERY_MADE in t and (FORGERY_UK in t or "not authentic, but "
                                                           "they show an identifiable" in t)),),
)

EU_FORGERY = Basis(
    key="eu_forgery",
    name="Directive (EU) 2024/1385, Art. 5(1)(b): manipulated intimate material",
    citation="Directive (EU) 2024/1385, Art. 5(1)(b)",
    elements=(Element("forgery", "States the images are made or altered, with Art. 5(1)(b)",
                      _has(FORGERY_MADE, FORGERY_EU)),),
)

EU_FORGERY_CSAM = Basis(
    key="eu_forgery_csam",
    name="Directive 2011/93/EU, Art. 2(c)(iv): realistic images of a child",
    citation="Directive 2011/93/EU, Art. 2(c)(iv)",
    elements=(Element("forgery", "States the images are made or altered, with Art. 2(c)(iv)",
                      _has(FORGERY_MADE, FORGERY_EU_CSAM)),),
)

AU_FORGERY = Basis(
    key="au_forgery",
    name="Online Safety Act 2021 (Australia): altered images, stated as fact",
    citation="Online Safety Act 2021 (Cth) (wording on altered images to be confirmed)",
    elements=(Element("forgery", "States the images are made or altered", _has(FORGERY_MADE)),),
)

DELISTING_FORGERY = Basis(
    key="delisting_forgery",
    name="Google: fake explicit imagery",
    citation="support.google.com/websearch/answer/9116649",
    elements=(
        _urls_element("every URL"),
        Element("fake", "The imagery is fake and falsely depicts the person",
                _has(DELIST_FORGERY, "identifiabl")),
        Element("consent", "Distributed without consent", _has("without consent")),
        Element("route", "Google's fake-imagery route first", lambda d, t: bool(d.channels)
                and d.channels[0].target == "https://support.google.com/websearch/answer/9116649"
                and "answer/9116649" in "".join(t.split())),
    ),
)

# A CyberTipline report needs no link: anyone may report what they know (report.cybertip.org/faqs).
CYBERTIPLINE_NO_LINKS = Basis(
    key="cybertipline_no_links",
    name="NCMEC CyberTipline report (worksheet), no link known",
    citation="report.cybertip.org; 18 U.S.C. § 2258A",
    elements=(
        _CYBERTIP_SECTIONS,
        Element("no_link", "Says no link is known, and not to look for one",
                _has(CYBERTIP_NO_LINK, "Do not look for the images")),
        *_CYBERTIP_ROUTES,
    ),
)

# Added to the CyberTipline worksheet's own basis (with or without links), which carries the
# form's sections, routes and the rule on screenshots.
CYBERTIPLINE_ENTICEMENT = Basis(
    key="cybertipline_enticement",
    name="NCMEC CyberTipline report (worksheet): online enticement, sextortion",
    citation="report.cybertip.org (incident type Online enticement); 18 U.S.C. § 2258A as amended "
    "by the REPORT Act, Pub. L. No. 118-59 (18 U.S.C. § 2422(b))",
    elements=(
        Element("incident", "Incident type: online enticement", _has(CYBERTIP_ENTICEMENT)),
        Element("accounts", "Each threatening account, as a screen name", _accounts),
        Element("since", "When the threats started", _since),
    ),
)

POLICE_THREAT = Basis(
    key="police_threat",
    name="Law-enforcement referral: threats to share intimate images (sextortion)",
    citation="18 U.S.C. § 2703(f); 18 U.S.C. § 875(d); 47 U.S.C. § 223(h) (threats, TAKE IT "
    "DOWN Act § 2)",
    elements=(
        Element("accounts", "The accounts that made the threats, with their apps",
                lambda d, t: not d.accounts or (POLICE_THREAT_ACCOUNTS in t and _accounts(d, t))),
        Element("since", "When the threats started", _since),
        Element("case", "Asks to open a case, or cites the case number",
                lambda _d, t: POLICE_OPEN_CASE in t or POLICE_CASE_REF in t),
        Element("preservation", "Asks for the accounts' records to be preserved",
                _has(POLICE_PRESERVE_ASK)),
        Element("victim_services", "Asks to connect the family with victim services",
                _has(POLICE_VICTIM_SERVICES)),
        Element("no_removal_claimed", "Does not claim removal requests were sent",
                _no_notice_promised),
    ),
)

POLICE_NO_LINKS = Basis(
    key="police_no_links",
    name="Law-enforcement referral: shared in private, or links not known",
    citation="18 U.S.C. § 2703(f) (preservation on request of a governmental entity)",
    elements=(
        Element("no_link", "Says where it was shared, or that no link is known",
                _has(CYBERTIP_NO_LINK)),
        Element("case", "Asks to open a case, or cites the case number",
                lambda _d, t: POLICE_OPEN_CASE in t or POLICE_CASE_REF in t),
        Element("preservation", "Asks for the content and records to be preserved",
                _has(POLICE_PRESERVE_ASK)),
        Element("victim_services", "Asks to connect the family with victim services",
                _has(POLICE_VICTIM_SERVICES)),
        Element("no_removal_claimed", "Does not claim removal requests were sent",
                _no_notice_promised),
    ),
)

THREAT_REPORT = Basis(
    key="threat_report",
    name="Threat report: what to do now",
    citation="NCMEC sextortion guidance (missingkids.org/theissues/sextortion, as published by "
    "nationalcac.org); takeitdown.ncmec.org/faq; stopncii.org",
    elements=(
        Element("now", "What to do now: stop replying, do not pay, keep the messages, tell a "
                "trusted person, block after writing down the account",
                _has(THREAT_STOP_REPLYING, THREAT_DO_NOT_PAY, THREAT_KEEP, THREAT_TELL,
                     THREAT_BLOCK)),
        Element("accounts", "Each threatening account to report in its app", _accounts),
        Element("routes", "Hashing and reporting routes, in full", _channels),
    ),
)

# StopNCII is for adults (18+); Take It Down for imagery made under 18 (legal-elements.md § 3, § 8).
GUIDE_ADULT = Basis(
    key="guide_adult",
    name="Your guide and record (adult)",
    citation="stopncii.org",
    elements=(
        Element("tracker", "A tracker with room for a StopNCII case number and PIN",
                _has(GUIDE_TRACKER, "PIN")),
        Element("no_cybertip", "No line for a CyberTipline report number",
                lambda _d, t: GUIDE_CYBERTIP not in t),
    ),
)

GUIDE_MINOR = Basis(
    key="guide_minor",
    name="Your guide and record (imagery made under 18)",
    citation="takeitdown.ncmec.org",
    elements=(
        Element("tracker", "A tracker with room for a CyberTipline report number",
                _has(GUIDE_CYBERTIP)),
        Element("take_it_down", "Take It Down named", _has("takeitdown.ncmec.org")),
        Element("no_stopncii", "No StopNCII tracker line or route (adults only)",
                lambda _d, t: GUIDE_TRACKER not in t and "stopncii.org" not in t),
    ),
)

BASES: dict[str, Basis] = {
    b.key: b
    for b in (
        TAKE_IT_DOWN, CSAM_US, EU_DSA, EU_DSA_CSAM, UK_66B, UK_CHILD, AU_OSA, DMCA, CYBERTIPLINE,
        POLICE_REFERRAL, POLICE_US, US_TIP_ROUTES, DELISTING, HOST_ABUSE, FOLLOW_UP, ESCALATION,
        ESCALATION_EU, GUIDE, GUIDE_ADULT, GUIDE_MINOR,
        TAKE_IT_DOWN_FORGERY, TAKE_IT_DOWN_MAYBE_FORGERY, CSAM_FORGERY, DELISTING_FORGERY,
        UK_FORGERY, EU_FORGERY, EU_FORGERY_CSAM, AU_FORGERY,
        CYBERTIPLINE_NO_LINKS, CYBERTIPLINE_ENTICEMENT, POLICE_THREAT, POLICE_NO_LINKS, THREAT_REPORT,
    )
}  # fmt: skip


def missing_elements(doc: Document, text: str) -> list[str]:
    """Elements of the document's legal bases that its rendered text lacks (empty when complete)."""
    text = " ".join(text.split())
    # A compound broken at its hyphen by a line end ("non-" / "arbitrary") is one word again.
    text = re.sub(r"(?<=\w)- (?=\w)", "-", text)
    return [
        f"{basis.key}.{element.key}"
        for basis in (BASES[key] for key in doc.bases)
        for element in basis.elements
        if not element.present(doc, text)
    ]
