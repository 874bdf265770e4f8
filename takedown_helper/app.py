"""The Flask application factory."""

from __future__ import annotations

import logging
import os
from typing import Any

from flask import Flask, render_template
from flask_babel import Babel
from jinja2 import StrictUndefined
from werkzeug.exceptions import HTTPException

from takedown_helper import capacity, organisation, security
from takedown_helper import config as settings
from takedown_helper.directory import directory
from takedown_helper.paths import STATIC_DIR, TEMPLATES_DIR, TRANSLATIONS_DIR


def create_app(config: dict[str, Any] | type | None = None) -> Flask:
    """Build the app. `config` is a mapping or a config class; by default the class named by
    TAKEDOWN_HELPER_CONFIG (production unless told otherwise), then TAKEDOWN_HELPER_* settings."""
    app = Flask(
        "takedown_helper",
        template_folder=str(TEMPLATES_DIR),
        static_folder=str(STATIC_DIR),
        static_url_path="/static",
    )
    # A bad setting stops here with one line naming it (ConfigError), before anything starts.
    app.config.from_object(settings.config_class(os.environ))
    app.config.update(settings.from_environment())
    if isinstance(config, type):
        app.config.from_object(config)
    elif config:
        app.config.update(config)
    app.config.update(settings.check(app.config))

    # Every template, print or page, is autoescaped; a missing variable is an error, not "".
    app.jinja_env.undefined = StrictUndefined
    app.select_jinja_autoescape = lambda filename: True  # type: ignore[method-assign]
    # Flask logs unhandled exceptions with the request path; keep it quiet and generic instead.
    app.logger.setLevel(logging.CRITICAL)

    # Pages follow the language the person chose (a form field, or ?lang= on information pages).
    from takedown_helper.web.language import select_locale

    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS_DIR))
    Babel(app, locale_selector=select_locale)

    directory()  # a bad recipient file stops start-up here, naming the file and the field
    organisation.configure(app)  # so does a bad organisation profile
    security.install(app)

    from takedown_helper import health
    from takedown_helper.web import register

    register(app)
    app.register_blueprint(health.make_blueprint())
    capacity.install(app)  # after the blueprints: it wraps the render views

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        return render_template("pages/error.html", code=error.code), error.code or 500

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int]:
        # Never a traceback, never the request's content in a log.
        return render_template("pages/error.html", code=500), 500

    return app
