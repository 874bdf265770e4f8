"""A letter as plain text, to paste into a platform's own reporting form.

The platform's own process is the primary route (TAKE IT DOWN Act § 3(a)(1)(A)(ii), (a)(3): the 48
hours run from receipt of a request made through it), and such forms take text, not PDFs. The text
is made from the very HTML the PDF is made from (`letters.document_html`), so the two cannot say
different things; it leaves out what a form already knows or asks for separately (the letterhead,
the postal window and the date/recipient block, page furniture) and keeps everything the law asks
a request to contain: the statements, the exact URLs, the contact details and the signature.

Nothing here writes anything anywhere: the text is returned to the caller.
"""

from __future__ import annotations

from html.parser import HTMLParser

from takedown_helper.documents import Document
from takedown_helper.letters import document_html
from takedown_helper.planner import Plan

# Documents sent through a platform's form: they get a paste-ready text.
TEXT_KINDS = ("platform_notice", "follow_up")
# Parts of the printed letter a form does not need (CSS classes in templates/letters/base.html
# and _parts.html). A link's printed number is left out: the text numbers list items itself.
_SKIPPED_CLASSES = {"letterhead", "window", "after-window", "bookmark", "meta", "formhead",
                    "link-number"}
_SKIPPED_TAGS = {"head", "title", "style", "script"}
_BLOCKS = {"p", "div", "h1", "h2", "h3", "li", "tr", "dl", "dt", "dd", "ol", "ul", "table",
           "thead", "tbody", "br"}
_VOID = {"br", "img", "hr", "meta", "link", "input"}


class _TextWriter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.skip_depth = 0  # >0 while inside a skipped element
        self.stack: list[tuple[str, bool]] = []  # (tag, opened a skip)
        self.lists: list[list[int | None]] = []  # numbering of the open lists (None: bullets)
        self.cells = 0

    def _break(self) -> None:
        text = " ".join("".join(self.line).split())
        if text:
            self.lines.append(text)
        self.line = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        skipping = tag in _SKIPPED_TAGS or bool(classes & _SKIPPED_CLASSES)
        if tag not in _VOID:
            self.stack.append((tag, skipping))
        if skipping:
            self.skip_depth += 1
        if self.skip_depth:
            return
        if tag in _BLOCKS:
            self._break()
        if tag in ("h1", "h2", "h3") and self.lines:
            self.lines.append("")
        if tag == "ol":
            self.lists.append([0])
        elif tag == "ul":
            self.lists.append([None])
        elif tag == "li" and self.lists:
            counter = self.lists[-1]
            if counter[0] is None:
                self.line.append("- ")
            else:
                counter[0] += 1
                self.line.append(f"{counter[0]}. ")
        elif tag == "tr":
            self.cells = 0
        elif tag in ("td", "th"):
            if self.cells:
                self.line.append(" | ")
            self.cells += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        while self.stack:
            open_tag, skipping = self.stack.pop()
            if skipping:
                self.skip_depth -= 1
            elif not self.skip_depth:
                if open_tag in ("ol", "ul") and self.lists:
                    self.lists.pop()
                if open_tag == "dt":
                    self.line.append(":")
                    continue
                if open_tag in _BLOCKS:
                    self._break()
                if open_tag in ("h1", "h2", "h3"):
                    self.lines.append("")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.line.append(data)

    def text(self) -> str:
        self._break()
        out: list[str] = []
        for line in self.lines:
            if line == "" and (not out or out[-1] == ""):
                continue
            out.append(line)
        return "\n".join(out).strip() + "\n"


def html_to_text(html: str) -> str:
    writer = _TextWriter()
    writer.feed(html)
    writer.close()
    return writer.text()


def has_text(doc: Document) -> bool:
    return doc.kind in TEXT_KINDS


def document_text(doc: Document, plan: Plan) -> str:
    """The document as plain text for a platform's form: the same words as its PDF."""
    return html_to_text(document_html(doc, plan))


def text_filename(doc: Document) -> str:
    """Neutral, like the PDF's: the document's slug, never a person's name."""
    return f"{doc.slug}.txt"
