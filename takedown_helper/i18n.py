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
from babel.support import NullTranslations, Translations
from flask_babel import lazy_gettext, ngettext

from takedown_helper.paths import TRANSLATIONS_DIR

_chosen: ContextVar[NullTranslations | None] = ContextVar("takedown_helper_language", default=None)
_chosen_code: ContextVar[str | None] = ContextVar("takedown_helper_language_code", default=None)


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalog for a language (English needs none: it is the source language)."""
    return Translations.load(str(TRANSLATIONS_DIR), [language], domain="messages")


@contextmanager
def in_language(language: str) -> Iterator[None]:
    token = _chosen.set(translations(language))
    code = _chosen_code.set(language)
    try:
        yield
    finally:
        _chosen_code.reset(code)
        _chosen.reset(token)


def current_language() -> str:
    """The language `in_language` chose, else the page's (in a request), else English."""
    if chosen := _chosen_code.get():
        return chosen
    try:
        return str(flask_babel.get_locale() or "en")
    except Exception:  # outside an app context: no page language to follow
        return "en"


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


__all__ = ["N_", "_", "current_language", "gettext", "in_language", "lazy_gettext", "ngettext", "translations"]
