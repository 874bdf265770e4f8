"""The web interface: blueprints registered on the app."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from takedown_helper.web import pages

    app.register_blueprint(pages.make_blueprint())
