"""Directory names and channel labels in the reader's language, and English names marked as English.

The directory holds each label in English and in Spanish (`label_es`, `display_name_es`; a test
holds every recipient to it). A page or document in Spanish shows the Spanish text; where the
directory has none, the English text is marked `lang="en"` so a screen reader switches voice for it.

Some names stay English in Spanish text: a law's short title ("TAKE IT DOWN"), a service's or a
form's own name ("Take It Down", "Report Remove", "Report a Concern"). `mark_english` wraps each in
`<span lang="en">` wherever it appears in the text of a page or document in another language, so
a Spanish voice does not read "Take It Down" as Spanish. Only text is touched: never a tag, an
attribute, or the content of `<script>`, `<style>`, `<textarea>`, `<title>` or `<option>` (which
cannot hold markup), nor text already inside an element marked English.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from takedown_helper.directory import Channel, Recipient

# English proper names that Spanish text keeps as they are (longest first when matched).
ENGLISH_NAMES = (
    "TAKE IT DOWN",
    "Take It Down",
    "Report Remove",
    "Report a Concern",
    "Team HOPE",
    "Online Safety Act",
    "Revenge Porn Helpline",
    "Cyber Civil Rights Initiative",
    "eSafety Commissioner",
    "Online enticement",
    "Content Removal Request",
    "Report",  # an app's own button, quoted after its Spanish name: "Denunciar (Report)"
    "1-800-THE-LOST",
    "1-800-CALL-FBI",
)
_NAMES = re.compile(  # whole words only: "Report" is marked, "Reporte" is Spanish
    r"(?<![\w-])(?:"
    + "|".join(re.escape(n) for n in sorted(ENGLISH_NAMES, key=len, reverse=True))
    + r")(?![\w-])"
)
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][\w-]*)")
_LANG = re.compile(r"""\slang\s*=\s*["']?([\w-]*)""")
_RAW = frozenset({"script", "style", "textarea", "title", "option"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


def localized(value: Channel | Recipient, language: str) -> Markup:
    if isinstance(value, Channel):
        english, spanish = value.label, value.label_es
    else:
        english, spanish = value.display_name, value.display_name_es
    if language == "en":
        return Markup.escape(english)
    if language == "es" and spanish:
        return Markup.escape(spanish)  # English names in it are marked with the whole page
    return Markup('<span lang="en">{}</span>').format(english)


def mark_english(html: str, language: str | None = None) -> str:
    """`html` with each English name in text of another language wrapped in `<span lang="en">`.
    The language of a text is its nearest element's `lang`, else `language`."""
    out: list[str] = []
    stack: list[list] = []  # [tag, nested same-name depth, lang] for each element with a lang
    raw: str | None = None
    for part in _TAG.split(html):
        if not part:
            continue
        if part.startswith("<"):
            out.append(part)
            found = _TAG_NAME.match(part)
            if not found:
                continue
            closing, tag = found.group(1), found.group(2).lower()
            if raw and not (closing and tag == raw):
                continue  # inside <script>, <textarea>...: not markup
            raw = None
            if closing:
                if stack and stack[-1][0] == tag:
                    if stack[-1][1]:
                        stack[-1][1] -= 1
                    else:
                        stack.pop()
            else:
                if tag in _RAW:
                    raw = tag
                if tag in _VOID or part.endswith("/>"):
                    continue
                if lang := _LANG.search(part):
                    stack.append([tag, 0, lang.group(1)])
                elif stack and stack[-1][0] == tag:
                    stack[-1][1] += 1
            continue
        current = stack[-1][2] if stack else language
        if raw or not current or current.split("-")[0].lower() == "en":
            out.append(part)
        else:
            out.append(_NAMES.sub(lambda m: f'<span lang="en">{m.group(0)}</span>', part))
    return "".join(out)
