"""Translation markers usable outside a request (CLI, API, PDF rendering).

Flask-Babel's functions fall back to the untranslated string when no app or request is active,
so core modules can mark their user-facing strings without depending on a request.
"""

from __future__ import annotations

from flask_babel import gettext, lazy_gettext, ngettext

_ = gettext


def N_(message: str) -> str:
    """Marks a message for extraction; it is translated later, where it is shown."""
    return message


__all__ = ["N_", "_", "gettext", "lazy_gettext", "ngettext"]
