"""Plain language: every English page of the guided form reads at US school grade 8 or below.

Measured with the Flesch-Kincaid grade on the text of each page's `<main>`, collected as a browser
without JavaScript sees it by walking the form with Flask's test client. Syllables come from
Pyphen's bundled hyphenation dictionaries (Pyphen is already installed with WeasyPrint), so nothing
is downloaded. (textstat was tried: its releases either fetch a dictionary from the internet,
install a top-level `tests` package that hides this project's own, or need `pkg_resources`.)

What is measured, and what is left out:
- Every heading, paragraph, list item, label, hint, legend, option and button is one sentence: a
  form's short labels carry no full stop, and run together they would read as one endless sentence.
- Left out: the links a person pasted and the website names we show back (`class="url"`, the
  `data-reading="skip"` parts), the text of links that name a web address (e.g. report.cybertip.org),
  and everything a person typed (input values and textareas are never text nodes here). These are not
  our prose, and a web address counts as one very long word.
- The document titles, document summaries and "what is missing" reasons on the documents and signer
  pages come from the planner, not the form; they are measured where they show, on those pages.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pyphen
import pytest

from tests.web.journey import Journey

GRADE_LIMIT = 8.0
# Every question page of the form (takedown_helper.web.questions.QUESTIONS), walked below.
STEPS = ["role", "age", "where", "where_you", "name", "kind", "whereabouts", "links", "private",
         "websites", "accounts", "context", "reported", "police", "sent", "threats", "threat_help",
         "threat_facts", "documents", "copyright", "signer"]

BLOCKS = {
    "h1", "h2", "h3", "p", "li", "label", "legend", "option", "button", "dt", "dd", "div", "summary",
}
ADDRESS = re.compile(r"^[\w.-]+\.(org|com|gov|net)\b", re.I)


class MainText(HTMLParser):
    """The prose of `<main>`, one sentence per block element."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.sentences: list[str] = []
        self._current: list[str] = []
        self._in_main = False
        self._skip_depth = 0
        self._stack: list[bool] = []  # per open element: does it start a skipped part?
        self.feed(text)
        self._flush()

    def _flush(self) -> None:
        sentence = " ".join("".join(self._current).split())
        self._current = []
        if sentence:
            self.sentences.append(sentence if sentence[-1] in ".?!:" else sentence + ".")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "main":
            self._in_main = True
        if tag in ("input", "br", "meta", "link"):
            return
        skip = (
            "url" in (a.get("class") or "").split()
            or a.get("data-reading") == "skip"
            or tag in ("textarea", "script", "style")
        )
        self._stack.append(skip)
        self._skip_depth += skip
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._flush()
            self._in_main = False
        if tag in ("input", "br", "meta", "link"):
            return
        if self._stack:
            self._skip_depth -= self._stack.pop()
        if tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._in_main or self._skip_depth:
            return
        if ADDRESS.match(data.strip()):
            data = re.sub(r"^\S+", "", data.strip())
        self._current.append(data)

    @property
    def prose(self) -> str:
        return " ".join(self.sentences)


_HYPHENATOR = pyphen.Pyphen(lang="en_US")
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


def syllables(word: str) -> int:
    """Syllables by Pyphen's bundled hyphenation dictionary (a close, offline estimate)."""
    return len(_HYPHENATOR.positions(word)) + 1


def flesch_kincaid_grade(sentences: list[str]) -> float:
    """0.39 x words per sentence + 11.8 x syllables per word - 15.59 (Kincaid et al., 1975)."""
    words = [w for sentence in sentences for w in _WORD.findall(sentence)]
    if not words:
        return 0.0
    per_sentence = len(words) / len(sentences)
    per_word = sum(syllables(w) for w in words) / len(words)
    return round(0.39 * per_sentence + 11.8 * per_word - 15.59, 1)


def test_the_formula_on_known_text():
    assert syllables("cat") == 1 and syllables("paper") == 2 and syllables("information") == 4
    # 2 sentences, 8 one-syllable words: 0.39 x 4 + 11.8 x 1 - 15.59 = -2.23
    assert flesch_kincaid_grade(["The cat sat.", "The dog ran to me."]) == -2.2


def grade(html: str) -> float:
    return flesch_kincaid_grade(MainText(html).sentences)


def _pages(client) -> dict[str, str]:
    """Every page of the form, in English, with the answers that make each one appear."""
    pages = {}
    for url in ("/", "/safety", "/exit-this-page", "/continue"):
        pages[url] = client.get(url).get_data(as_text=True)
    journey = Journey(client)
    seen = journey.start()
    pages["role"] = seen.text
    for step, fields in (
        ("role", {"role": "parent"}),
        ("age", {"minor_when_made": "yes"}),
        ("where", {"country": "US", "region": "CA"}),
        ("where_you", {"same": "yes"}),
        ("name", {}),
        ("kind", {"kind": "real"}),
        ("whereabouts", {"where": ["public", "private"]}),
        ("links", {"links-0": "https://x.com/fictional_account_01/status/1111111111111111111",
                   "links-1": "https://fictional-forum.example/thread/22"}),
        ("private", {}),
        ("websites", {}),
        ("accounts", {}),
        ("context", {}),
        ("reported", {}),
        ("police", {"reported": "no"}),
        ("sent", {}),
        ("threats", {"threats": "yes"}),
        ("threat_help", {}),
        ("threat_facts", {}),
        ("documents", {"documents": ["platform_notice", "police_referral", "host_notice", "guide"],
                       "dmca": "yes"}),
        ("copyright", {"copyright_holder": "took_it"}),
        ("signer", {"name": "Alex Example", "email": "alex.example@example.com",
                    "police_agency": "Example Police Department"}),
    ):
        seen = journey.answer(step, **fields)
        assert "There is a problem" not in seen.text, step
        assert "<h1" in seen.text
        following = re.search(r'name="step" value="([a-z_]+)"', seen.text)
        pages[following.group(1) if following else step] = seen.text
    pages["documents-ready"] = journey.post("/documents").get_data(as_text=True)
    return pages


@pytest.fixture(scope="module")
def english_pages():
    from takedown_helper.app import create_app

    app = create_app({"TESTING": True, "RATE_LIMIT_DOCUMENTS": 10_000})
    return _pages(app.test_client())


def test_every_step_of_the_form_was_walked(english_pages):
    expected = {*STEPS, "check", "documents-ready"}
    assert expected <= set(english_pages)


@pytest.mark.parametrize(
    "name",
    ["/", "/safety", "/exit-this-page", "/continue", *STEPS, "check", "documents-ready"],
)
def test_page_reads_at_grade_8_or_below(english_pages, name):
    text = MainText(english_pages[name])
    assert len(text.prose.split()) >= 5, "the page has prose to measure"
    measured = grade(english_pages[name])
    assert measured <= GRADE_LIMIT, f"{name}: grade {measured:.1f}\n" + "\n".join(text.sentences)


def test_the_measure_tells_plain_from_dense_text():
    plain = "<main><p>Paste the link. Do not open the images.</p></main>"
    dense = (
        "<main><p>Notwithstanding jurisdictional considerations, intermediary liability "
        "determinations necessitate comprehensive documentation of unauthorised "
        "dissemination.</p></main>"
    )
    assert grade(plain) <= GRADE_LIMIT < grade(dense)


def test_pasted_links_and_web_addresses_are_not_measured():
    page = ('<main><p>Go to <a href="https://lookup.icann.org">lookup.icann.org (opens in new tab)</a>'
            '</p><ul><li><span class="url">https://x.com/a/status/1</span>: X</li></ul></main>')
    assert MainText(page).sentences == ["Go to (opens in new tab).", ": X."]


def test_the_walk_covers_every_question_of_the_form():
    from takedown_helper.web.questions import QUESTIONS

    assert [q.step for q in QUESTIONS] == STEPS


@pytest.mark.parametrize("kind", ["forgery", "not_sure"])
def test_the_copyright_question_for_fake_images_reads_at_grade_8_or_below(client, kind):
    """The copyright page says, for fake images, that it is about the original photo or video:
    a longer hint than the walk above shows (its images are real)."""
    from tests.web.journey import X_POSTS, step_of, walk

    journey = Journey(client)
    journey.start()
    walk(journey, role={"role": "survivor"}, age={"minor_when_made": "no"},
         where={"country": "US", "region": "CA"}, kind={"kind": kind},
         whereabouts={"where": ["public"]}, links={"links-0": X_POSTS[0]},
         police={"reported": "no"}, threats={"threats": "no"},
         documents={"documents": ["platform_notice"], "dmca": "yes"},
         copyright={"copyright_holder": "took_it"}, signer={"name": "Sam Example",
                                                           "email": "sam@example.com"})
    page = journey.answer("check", action="change:copyright")
    assert step_of(page) == "copyright" and "original photo or video" in page.text
    measured = grade(page.text)
    assert measured <= GRADE_LIMIT, f"grade {measured:.1f}\n" + "\n".join(
        MainText(page.text).sentences)
