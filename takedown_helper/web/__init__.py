"""The web interface: blueprints registered on the app."""

from __future__ import annotations

from flask import Flask, Response

from takedown_helper.labels import mark_english


def register(app: Flask) -> None:
    from takedown_helper.web import form, pages

    app.register_blueprint(pages.make_blueprint())
    app.register_blueprint(form.make_blueprint())
    app.context_processor(_page_globals)
    app.add_template_filter(_localized, "localized")
    app.after_request(_mark_english_names)
    from takedown_helper import api

    app.register_blueprint(api.make_blueprint())


def _localized(value: object) -> object:
    """A directory name or channel label in the page's language (labels.localized)."""
    from flask_babel import get_locale

    from takedown_helper.labels import localized

    return localized(value, str(get_locale() or "en"))  # type: ignore[arg-type]


def _mark_english_names(response: Response) -> Response:
    """English names in a page in another language are marked `lang="en"` (labels.mark_english)."""
    if response.mimetype != "text/html" or response.direct_passthrough:
        return response
    from flask_babel import get_locale

    if str(get_locale() or "en") != "en":
        response.set_data(mark_english(response.get_data(as_text=True)))
    return response


def _page_globals() -> dict[str, str]:
    from flask_babel import get_locale

    lang = str(get_locale() or "en")
    other = "es" if lang == "en" else "en"
    return {
        "lang": lang,
        "other_lang": other,
        "other_lang_name": {"en": "English", "es": "Español"}[other],
    }
