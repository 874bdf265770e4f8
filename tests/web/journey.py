"""Drive the guided form with Flask's test client, as a browser without JavaScript would."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any


class Page(HTMLParser):
    """What a test needs from a page: title, ids, forms and their fields."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.ids: list[str] = []
        self.forms: list[dict[str, Any]] = []
        self.file_inputs = 0
        self._title: list[str] = []
        self._in_title = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "title":
            self._in_title = True
        if tag == "form":
            self.forms.append({"method": a.get("method"), "action": a.get("action"), "fields": {}})
        if tag == "input" and a.get("type") == "file":
            self.file_inputs += 1
        if tag == "input" and a.get("type") == "hidden" and self.forms:
            self.forms[-1]["fields"][a.get("name")] = a.get("value")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)

    @property
    def title(self) -> str:
        return "".join(self._title).strip()

    @property
    def answers(self) -> str:
        found = re.search(r'name="answers" value="([^"]*)"', self.text)
        return html.unescape(found.group(1)) if found else ""


class Journey:
    """One person's way through the form. Every response is kept for privacy checks."""

    def __init__(self, client: Any, lang: str = "en") -> None:
        self.client = client
        self.lang = lang
        self.responses: list[Any] = []
        self.page: Page | None = None
        self.response: Any = None

    def _keep(self, response: Any) -> Page:
        self.responses.append(response)
        self.response = response
        self.page = Page(response.get_data(as_text=True))
        return self.page

    def start(self) -> Page:
        self._keep(self.client.get(f"/?lang={self.lang}"))
        return self._keep(self.client.post("/questions", data={"action": "start", "lang": self.lang}))

    def answer(self, step: str, action: str = "continue", **fields: Any) -> Page:
        assert self.page is not None
        data = {"answers": self.page.answers, "step": step, "lang": self.lang, "action": action}
        # Every hidden field of the page's own form (not the language switch), as a browser sends.
        for form in self.page.forms:
            hidden = form["fields"]
            if hidden.get("step") == step and hidden.get("lang") == self.lang:
                data.update({k: v for k, v in hidden.items() if k})
        data.update(fields)
        return self._keep(self.client.post("/questions", data=data))

    def post(self, url: str, **fields: Any) -> Any:
        assert self.page is not None
        data = {"answers": self.page.answers, "lang": self.lang, **fields}
        response = self.client.post(url, data=data)
        self.responses.append(response)
        if response.mimetype == "text/html":
            self.response = response
            self.page = Page(response.get_data(as_text=True))
        return response


X_POSTS = ("https://x.com/fictional_account_01/status/1111111111111111111",
           "https://twitter.com/fictional_account_02/status/2222222222222222222")


def step_of(page: Page, lang: str = "en") -> str | None:
    """The question a page asks (its own form's hidden `step`), or "check"."""
    for form in page.forms:
        fields = form["fields"]
        if ("step" in fields and fields.get("lang") == lang and "action" not in fields
                and form["action"] == "/questions"):
            return fields["step"]
    return None


def walk(journey: Journey, **pages: dict[str, Any]) -> Page:
    """Answer each page the form shows with the fields given for it (nothing for the others),
    until Check your answers. Every answer must be accepted."""
    assert journey.page is not None
    page = journey.page
    for _ in range(40):
        step = step_of(page, journey.lang)
        if step in (None, "check"):
            return page
        page = journey.answer(step, **pages.get(step, {}))
        assert "There is a problem" not in page.text and "Hay un problema" not in page.text, (
            step, re.findall(r'<a href="#[^"]+">([^<]+)</a>', page.text))
    raise AssertionError("the form never reached Check your answers")


def date_fields(name: str, iso: str) -> dict[str, str]:
    """A date as the three boxes (day, month, year) the form asks it in."""
    year, month, day = iso.split("-")
    return {f"{name}-day": str(int(day)), f"{name}-month": str(int(month)), f"{name}-year": year}


def parent_of_minor_on_x(journey: Journey) -> Page:
    """Parent, under 18, two posts on X, an earlier refusal, threats: up to Check your answers."""
    journey.start()
    return walk(
        journey,
        role={"role": "parent"},
        age={"minor_when_made": "yes"},
        where={"country": "US", "region": "CA"},
        where_you={"same": "yes"},
        kind={"kind": "real"},
        whereabouts={"where": ["public"]},
        links={"links-0": X_POSTS[0], "links-1": X_POSTS[1]},
        accounts={"items-0-account": "@fictional_account_01"},
        reported={"reports-0-platform": "x", **date_fields("reports-0-reported_on", "2026-11-15"),
                  "reports-0-reference": "0123456789", "reports-0-answer": "no_violation"},
        police={"reported": "no"},
        threats={"threats": "yes"},
        documents={"documents": ["platform_notice", "guide"]},
        signer={"name": "Alex Example", "email": "alex.example@example.com"},
    )
