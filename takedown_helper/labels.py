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
    "Digital Services Act",
    "Revenge Porn Helpline",
    "Cyber Civil Rights Initiative",
    "eSafety Commissioner",
    "Online enticement",
    "Content Removal Request",
    "Report",  # an app's own button, quoted after its Spanish name: "Denunciar (Report)"
    "1-800-THE-LOST",
    "1-800-CALL-FBI",
)
_LONGEST_FIRST = sorted(ENGLISH_NAMES, key=len, reverse=True)


def _is_word(char: str) -> bool:
    return char.isalnum() or char in "-_"


def _names_in(html: str) -> list[tuple[int, int]]:
    """Where the names occur as whole words ("Report" in "Report it", not in "Reporte"), the
    longest name winning an overlap, in order. (str.find: a regex alternation with lookarounds
    took ~20 ms on a 50 kB page.)"""
    candidates: list[tuple[int, int]] = []
    for name in _LONGEST_FIRST:
        at = html.find(name)
        while at >= 0:
            end = at + len(name)
            if (at == 0 or not _is_word(html[at - 1])) and (
                end == len(html) or not _is_word(html[end])
            ):
                candidates.append((at, -end))
            at = html.find(name, at + 1)
    found: list[tuple[int, int]] = []
    for at, negative_end in sorted(candidates):  # by start, the longest first
        if not found or at >= found[-1][1]:
            found.append((at, -negative_end))
    return found


_RAW = re.compile(r"<(script|style|textarea|title|option)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_LANG_START = re.compile(r"""<([a-zA-Z][\w-]*)\b[^>]*?\slang\s*=\s*["']?([\w-]*)[^>]*>""")


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
    The language of a text is its nearest element's `lang`, else `language`; a document whose
    root is English (or has no language and none is given) is returned as it is. Written for
    speed (pages are marked on every response): C-level searches, Python only per match."""
    names = _names_in(html)
    if not names:
        return html
    root = _LANG_START.search(html)
    top = root.group(2) if root and root.group(1).lower() == "html" else language
    if not top or top.split("-")[0].lower() == "en":
        return html
    skip = [m.span() for m in _RAW.finditer(html)]
    for start in _LANG_START.finditer(html):
        tag, lang = start.group(1).lower(), start.group(2).lower()
        if tag == "html" or not lang.startswith("en"):
            continue
        depth, end = 0, len(html)
        for edge in re.finditer(rf"<(/?){tag}\b[^>]*>", html[start.end():], re.I):
            if edge.group(1):
                if depth == 0:
                    end = start.end() + edge.end()
                    break
                depth -= 1
            elif not edge.group(0).endswith("/>"):
                depth += 1
        skip.append((start.start(), end))
    merged: list[list[int]] = []
    for a, b in sorted(skip):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, last, next_skip = [], 0, 0
    for at, end in names:
        while next_skip < len(merged) and merged[next_skip][1] <= at:
            next_skip += 1
        if next_skip < len(merged) and merged[next_skip][0] <= at:
            continue  # in a raw element, or in an element already marked English
        if html.rfind("<", 0, at) > html.rfind(">", 0, at):
            continue  # inside a tag (an attribute's value)
        out += [html[last:at], f'<span lang="en">{html[at:end]}</span>']
        last = end
    out.append(html[last:])
    return "".join(out)
