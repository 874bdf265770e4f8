"""Break each line of text once per render of a whole case.

A case's documents repeat their text: a 50-link case prints every address in six documents, at
the same width, in the same font, and fifteen platform notices share most of their paragraphs.
WeasyPrint breaks each line with Pango afresh (several Pango layouts per line, the costliest
step of its line layout). Inside `shared_lines()`, `split_first_line` is answered from a memo
keyed by everything it reads: the text, the width, and each style property that reaches Pango or
the line-breaking rules. The answer's Pango layout object is kept deactivated (text only); each
text box reactivates it with its own (equal) style when it is drawn, so sharing it between boxes
changes no byte of the output (`tests/test_line_memo.py` compares every document of a shared
render with the same document rendered alone).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import weasyprint.layout.inline as _inline
from weasyprint.text import line_break as _line_break

# Every style property `split_first_line` reads, directly or through Layout.setup,
# get_font_description, font_features and Layout.set_text (WeasyPrint 70).
TEXT_PROPERTIES = (
    "direction", "font_family", "font_feature_settings", "font_kerning",
    "font_language_override", "font_size", "font_stretch", "font_style",
    "font_variant_alternates", "font_variant_caps", "font_variant_east_asian",
    "font_variant_ligatures", "font_variant_numeric", "font_variant_position",
    "font_variation_settings", "font_weight", "hyphenate_character", "hyphenate_limit_chars",
    "hyphenate_limit_zone", "hyphens", "lang", "letter_spacing", "line_height",
    "overflow_wrap", "tab_size", "text_decoration_line", "white_space", "word_break",
    "word_spacing",
)

_split_first_line = _line_break.split_first_line
_MEMO: ContextVar[dict[Any, Any] | None] = ContextVar("_MEMO", default=None)
_KEY_ATTRIBUTE = "_takedown_text_key"


def _split_first_line_once(
    text: str,
    style: Any,
    context: Any,
    max_width: float | None,
    justification_spacing: float,
    is_line_start: bool = True,
    minimum: bool = False,
) -> Any:
    memo = _MEMO.get()
    # Ellipsis drawing rewrites a layout's text: such boxes keep a layout of their own.
    if memo is None or style["text_overflow"] != "clip":
        return _split_first_line(
            text, style, context, max_width, justification_spacing, is_line_start, minimum
        )
    key = (text, max_width, justification_spacing, is_line_start, minimum, _style_key(style))
    answer = memo.get(key)
    if answer is None:
        answer = memo[key] = _split_first_line(
            text, style, context, max_width, justification_spacing, is_line_start, minimum
        )
    return answer


def _style_key(style: Any) -> tuple[Any, ...]:
    """The text properties of a style, read once per style object (many boxes share one) and
    kept on the object itself: a memo keyed by the style's id would have to keep every style,
    and with it every document's styles, alive until the render ends. WeasyPrint changes a
    style in place only while building boxes, before any line is broken; its copies are new
    objects without the key."""
    key = style.__dict__.get(_KEY_ATTRIBUTE)
    if key is None:
        key = style.__dict__[_KEY_ATTRIBUTE] = (
            style.font_config, *(repr(style[name]) for name in TEXT_PROPERTIES))
    return key


@contextmanager
def shared_lines() -> Iterator[None]:
    """Within this block, a line of text met again (same text, width and style) is not broken
    again. The memo lives only as long as the block: one render."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


# Line layout (inline.py) is where text lines are broken; preferred widths (min-content) and
# SVG text keep WeasyPrint's own function.
if _inline.split_first_line is not _split_first_line_once:
    _inline.split_first_line = _split_first_line_once
