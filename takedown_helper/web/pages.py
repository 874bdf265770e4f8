"""Start page, fixed information pages, and the exit endpoint."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template
from werkzeug.wrappers import Response

# Asks the browser to drop what this site left behind (it keeps no cookies, but a browser cache
# or storage from an extension-free visit is cleared too). History is not erased by this.
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'


def make_blueprint() -> Blueprint:
    bp = Blueprint("pages", __name__)

    @bp.get("/")
    def start() -> str:
        return render_template("pages/start.html")

    @bp.get("/safety")
    def safety() -> str:
        return render_template("pages/safety.html")

    @bp.get("/exit-this-page")
    def about_exit() -> str:
        return render_template("pages/about_exit.html")

    @bp.get("/exit")
    def leave() -> Response:
        response = redirect(current_app.config["EXIT_URL"], code=303)
        response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response

    return bp
