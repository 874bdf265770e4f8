"""Directory names and channel labels in the reader's language.

The directory holds each label in English and, where known, in Spanish (`label_es`,
`display_name_es`). A page or document in Spanish shows the Spanish text; where the directory has
none yet, the English text is marked `lang="en"` so a screen reader switches voice for it.
"""

from __future__ import annotations

from markupsafe import Markup

from takedown_helper.directory import Channel, Recipient


def localized(value: Channel | Recipient, language: str) -> Markup:
    if isinstance(value, Channel):
        english, spanish = value.label, value.label_es
    else:
        english, spanish = value.display_name, value.display_name_es
    if language == "en":
        return Markup.escape(english)
    if language == "es" and spanish:
        return Markup.escape(spanish)
    return Markup('<span lang="en">{}</span>').format(english)
