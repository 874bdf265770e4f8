"""Which language a page is in: English or Spanish.

The choice travels as a `lang` form field (with the answers) or `?lang=` on information pages,
never in a cookie. Without either, the browser's preferred language decides.
"""

from __future__ import annotations

from flask import request
from wtforms import Form, StringField

LANGUAGES = ("en", "es")


class _Lang(Form):
    lang = StringField()


def _posted_lang() -> str | None:
    return _Lang(request.form).lang.data


def select_locale() -> str:
    try:
        chosen = _posted_lang() if request.method == "POST" else request.args.get("lang")
    except Exception:  # an oversized or malformed body: the error page still needs a language
        chosen = None
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "en"
