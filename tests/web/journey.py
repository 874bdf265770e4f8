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


def parent_of_minor_on_x(journey: Journey) -> Page:
    """Parent, under 18, two posts on X, an earlier refusal, threats: up to Check your answers."""
    journey.start()
    journey.answer("role", role="parent")
    journey.answer("age", minor_when_made="yes")
    journey.answer("where", country="US", region="CA")
    journey.answer(
        "links",
        links="https://x.com/fictional_account_01/status/1111111111111111111\n"
        "https://twitter.com/fictional_account_02/status/2222222222222222222",
    )
    journey.answer("accounts", **{"account-0": "@fictional_account_01"})
    journey.answer(
        "reported",
        **{"report-x-date": "2026-11-15", "report-x-reference": "0123456789",
           "report-x-answer": "no_violation"},
    )
    journey.answer("threats", threats="yes")
    journey.answer("threat_help")
    journey.answer("documents", documents=["platform_notice", "guide"])
    return journey.answer("signer", name="Alex Example", email="alex.example@example.com")
