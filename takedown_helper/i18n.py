"""Translation markers usable outside a request (CLI, API, PDF rendering).

Inside a request Flask-Babel translates into the page's language. Outside one, Flask-Babel falls
back to the untranslated string, unless a caller has said which language to use with
`in_language(...)`: the planner does, so what a document tells its user ("check this", "we need
your email because ...") is in the user's language wherever the case came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any

import flask_babel
from babel.support import Translations
from flask_babel import lazy_gettext, ngettext

from takedown_helper.paths import TRANSLATIONS_DIR

_chosen: ContextVar[Translations | None] = ContextVar("takedown_helper_language", default=None)


@cache
def translations(language: str) -> Translations:
    """The compiled catalog for a language (English needs none: it is the source language)."""
    return Translations.load(str(TRANSLATIONS_DIR), [language], domain="messages")


@contextmanager
def in_language(language: str) -> Iterator[None]:
    token = _chosen.set(translations(language))
    try:
        yield
    finally:
        _chosen.reset(token)


def gettext(string: str, **variables: Any) -> str:
    chosen = _chosen.get()
    if chosen is None:
        return flask_babel.gettext(string, **variables)
    text = chosen.gettext(string)
    return text % variables if variables else text


_ = gettext


def N_(message: str) -> str:
    """Marks a message for extraction; it is translated later, where it is shown."""
    return message


__all__ = ["N_", "_", "gettext", "in_language", "lazy_gettext", "ngettext", "translations"]
