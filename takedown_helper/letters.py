"""Documents -> HTML, with the print templates: autoescaped, StrictUndefined, per-language gettext."""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from takedown_helper import bases, situations
from takedown_helper.directory import Channel, directory
from takedown_helper.documents import Document, capacity
from takedown_helper.documents.platform_notice import POST_DELIVERY_DAYS
from takedown_helper.documents.threat_report import report_channels
from takedown_helper.geography import country_name, in_eu, place_name
from takedown_helper.i18n import translations
from takedown_helper.labels import localized, mark_english
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
        phrases=bases, capacity=capacity, country_name=country_name, directory=directory,
        place_name=place_name,
        situation_helpers=situations, situation_report_channels=report_channels,
        in_eu=in_eu, post_days=POST_DELIVERY_DAYS,
    )
    env.filters["link"] = link
    env.filters["localized"] = lambda value: localized(value, language)
    return env


def _href(target: Channel | str) -> str | None:
    """Where a printed address leads: web addresses, emails (mailto:) and phones (tel:) only."""
    if isinstance(target, Channel):
        if target.url:
            return _href(target.url)
        if target.email:
            return f"mailto:{target.email}"
        digits = "".join(c for c in target.phone or "" if c.isdigit() or c == "+")
        return f"tel:{digits}" if digits else None
    if "@" in target and "/" not in target:
        return f"mailto:{target}"
    return target if urlsplit(target).scheme in ("http", "https") else None


def link(target: Channel | str) -> Markup:
    """A URL, email or phone printed as itself and as a real link, so a PDF reader can open it
    and an assistive tool announces it (a Link annotation whose description is the same text).
    Anything else is printed as plain text."""
    text = target.target if isinstance(target, Channel) else target
    href = _href(target)
    if href is None:
        return Markup('<span class="url">{}</span>').format(text)
    return Markup('<a class="url" href="{}">{}</a>').format(href, text)


def document_html(document: Document, plan: Plan) -> str:
    env = print_environment(document.language)
    template = env.get_template(document.template)
    html = template.render(doc=document, case=plan.case, plan=plan, today=plan.today)
    return mark_english(html) if document.language != "en" else html


def checks_html(plan: Plan) -> str | None:
    """One page for the whole case listing the unconfirmed facts its documents use, under each
    document: for the user, not to be sent. None when every fact is confirmed."""
    documents = [doc for doc in plan.documents if doc.checks]
    if not documents:
        return None
    language = plan.case.language
    template = print_environment(language).get_template("letters/checks.html")
    html = template.render(documents=documents, language=language, paper=plan.documents[0].paper)
    return mark_english(html) if language != "en" else html
