"""Start page and fixed information pages."""

from __future__ import annotations

from flask import Blueprint, render_template


def make_blueprint() -> Blueprint:
    bp = Blueprint("pages", __name__)

    @bp.get("/")
    def start() -> str:
        return render_template("pages/start.html")

    return bp
