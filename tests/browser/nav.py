"""Browser actions that wait for the event that matters: the navigation a form post starts.

A title is read only after the navigation it belongs to has finished, so a slow render on a busy
machine makes a test wait longer, never fail or read the page before it.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page


def submit(target: Locator) -> None:
    """Press a button that posts its form, and wait until the page it leads to has loaded."""
    with target.page.expect_navigation():
        target.click()


def enter(page: Page, target: Locator | None = None) -> None:
    """Press Enter (in `target`, or wherever the focus is) to submit, and wait for the new page."""
    with page.expect_navigation():
        if target is None:
            page.keyboard.press("Enter")
        else:
            target.press("Enter")


def on(page: Page, title: str | re.Pattern[str]) -> None:
    """The page now shown has this title (exact text, or a pattern found in it)."""
    actual = page.title()
    if isinstance(title, re.Pattern):
        assert title.search(actual), f"{actual!r} does not match {title.pattern!r}"
    else:
        assert actual == title, f"on {actual!r}, expected {title!r}"
