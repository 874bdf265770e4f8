"""Documents -> HTML, with the print templates: autoescaped, StrictUndefined, per-language gettext."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from takedown_helper import bases
from takedown_helper.directory import directory
from takedown_helper.documents import Document, capacity
from takedown_helper.geography import country_name
from takedown_helper.i18n import translations
from takedown_helper.paths import TEMPLATES_DIR
from takedown_helper.planner import Plan


@cache
def print_environment(language: str) -> Environment:
    """One Jinja environment per language; user values are always escaped."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        phrases=bases, capacity=capacity, country_name=country_name, directory=directory
    )
    return env


def document_html(document: Document, plan: Plan) -> str:
    env = print_environment(document.language)
    template = env.get_template(document.template)
    return template.render(doc=document, case=plan.case, plan=plan, today=plan.today)


def checks_html(document: Document, language: str) -> str:
    """A cover page listing the unconfirmed facts a document uses: for the user, not to be sent."""
    template = print_environment(language).get_template("letters/checks.html")
    return template.render(doc=document, language=language)
