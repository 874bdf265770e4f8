"""Finding English text where a reader expects Spanish: in a page's text (each text node with the
language of its nearest `lang` ancestor) and in a tagged PDF (each marked-content run with the
language of its nearest structure element that has a /Lang, else the catalog's).

A run counts as English when it holds an English function word or a common English word of this
app's subject that Spanish never uses ("the", "your", "report", "online", ...). Web addresses,
email addresses and host names are removed first (they are the same in every language). Proper
names with no such word ("Cyber Civil Rights Initiative") pass: the test can miss them, never
flag Spanish.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pypdf
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# English words that are not Spanish words (so "a", "no", "he", "me", "se", "son", "once", "fin",
# "sin", "come", "era" and "has" are left out).
FUNCTION_WORDS = frozenset(re.findall(r"\w+", """
the and of to your you for with this that is are on by from or it in be if what how we our will
was were an at they their which who when before after about also only not can may must should
does have been into here there these those than then them its any all more out up would could
"""))
SUBJECT_WORDS = frozenset(re.findall(r"\w+", """
report reports reporting online form forms phone email help support page tips request removal
remove images image formerly send check download website helpline children child missing
exploited abuse survivors families worksheet answer due letter deadline notice
"""))
ENGLISH = FUNCTION_WORDS | SUBJECT_WORDS
# Addresses: URLs, emails, host names, and the pieces of a long URL wrapped across lines in a PDF
# (anything with a slash, or a lowercase slug like "take-it-down").
_ADDRESS = re.compile(
    r"\S+://\S+|\S+@\S+|\b[\w-]+(?:\.[\w-]+)+\S*|\S*/\S*|\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b"
)
_WORD = re.compile(r"[^\W\d_]+")  # whole words, accents included: "Mayús" is not "May"


def english_words(text: str) -> list[str]:
    """The English words of a run of text (addresses removed)."""
    plain = _ADDRESS.sub(" ", text)
    return [w for w in _WORD.findall(plain) if w.lower() in ENGLISH]


def share_in(runs: list[tuple[str, str]], language: str) -> float:
    """The share of a document's letters that are in runs of `language`."""
    total = sum(len(text.strip()) for _, text in runs) or 1
    return sum(len(t.strip()) for lang, t in runs if lang.split("-")[0] == language) / total


def unmarked_english(runs: list[tuple[str, str]], language: str = "es") -> list[str]:
    """Runs in `language` that hold English words: "words <- text"."""
    found = []
    for lang, text in runs:
        if (lang or "").split("-")[0].lower() != language:
            continue
        if words := english_words(text):
            found.append(f"{sorted(set(words))} <- {' '.join(text.split())[:160]!r}")
    return found


# A page's text nodes and readable attributes, with their nearest `lang` (run in the browser).
PAGE_RUNS_JS = """() => {
  const runs = [];
  const langOf = el => { const l = el && el.closest('[lang]'); return l ? l.getAttribute('lang') : ''; };
  runs.push([document.documentElement.getAttribute('lang'), document.title]);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || parent.closest('script, style, template')) continue;
    if (n.nodeValue.trim()) runs.push([langOf(parent), n.nodeValue]);
  }
  for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-description]')) {
    for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
      const v = el.getAttribute(a);
      if (v && v.trim()) runs.push([langOf(el), v]);
    }
  }
  return runs;
}"""


def _mcids(kids: object) -> Iterator[int | DictionaryObject]:
    kids = kids.get_object() if isinstance(kids, IndirectObject) else kids
    items = kids if isinstance(kids, ArrayObject) else [kids]
    for kid in items:
        yield kid.get_object() if isinstance(kid, IndirectObject) else kid


def pdf_runs(data: bytes) -> list[tuple[str, str]]:
    """Each marked-content run of a tagged PDF with its language from the structure tree."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    page_index = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    lang_of: dict[tuple[int, int], str] = {}

    def walk(node: DictionaryObject, lang: str, page: int | None) -> None:
        lang = str(node.get("/Lang", lang))
        if "/Pg" in node:
            page = page_index.get(node.raw_get("/Pg").idnum, page)
        for kid in _mcids(node.get("/K", ArrayObject())):
            if isinstance(kid, int):
                if page is not None:
                    lang_of[(page, int(kid))] = lang
            elif isinstance(kid, DictionaryObject):
                if kid.get("/Type") == "/MCR":
                    kid_page = page_index.get(kid.raw_get("/Pg").idnum, page) if "/Pg" in kid else page
                    lang_of[(kid_page, int(kid["/MCID"]))] = lang
                elif kid.get("/Type") != "/OBJR":
                    walk(kid, lang, page)

    catalog = str(root.get("/Lang", ""))
    walk(root["/StructTreeRoot"], catalog, None)
    runs: list[tuple[str, str]] = []
    for number, page in enumerate(reader.pages):
        current: list[int | None] = [None]
        texts: dict[int | None, list[str]] = {}

        def before(op: bytes, args: list, _cm: object, _tm: object, current=current) -> None:
            if op == b"BDC" and len(args) > 1 and hasattr(args[1], "get"):
                current[0] = args[1].get("/MCID")
            elif op == b"EMC":
                current[0] = None

        def text(value: str, *_: object, current=current, texts=texts) -> None:
            texts.setdefault(current[0], []).append(value)

        page.extract_text(visitor_operand_before=before, visitor_text=text)
        for mcid, parts in texts.items():
            joined = "".join(parts)
            if not joined.strip():
                continue
            # Running footers are marked but outside the tree: they are in the document's language.
            lang = lang_of.get((number, mcid), catalog) if mcid is not None else "artifact"
            # A long web address wraps after a slash: its next line continues the address.
            if runs and runs[-1][0] == lang and runs[-1][1].rstrip().endswith("/") and re.match(
                r"\s*[a-z0-9]", joined
            ):
                runs[-1] = (lang, runs[-1][1].rstrip() + joined.lstrip())
                continue
            runs.append((lang, joined))
    return runs


def html_runs(html: str) -> list[tuple[str, str]]:
    """Each text of an HTML document with the language of its nearest element with a `lang`."""
    from html.parser import HTMLParser

    void = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    class Runs(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[tuple[str, str]] = []  # (tag, lang) of every open element
            self.runs: list[tuple[str, str]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in void:
                return
            lang = dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else "")
            self.stack.append((tag, lang or ""))

        def handle_endtag(self, tag: str) -> None:
            for depth in range(len(self.stack) - 1, -1, -1):
                if self.stack[depth][0] == tag:
                    del self.stack[depth:]
                    break

        def handle_data(self, data: str) -> None:
            if data.strip() and not any(t in ("script", "style") for t, _ in self.stack):
                self.runs.append((self.stack[-1][1] if self.stack else "", data))

    parser = Runs()
    parser.feed(html)
    return parser.runs
