"""Readers the axe-core run cannot judge: forced colours (Windows High Contrast), a focused field
hidden under the sticky Exit bar (WCAG 2.2, 2.4.11), and Back after Exit.

Every question page is reached the way a returning user reaches it: the saved answers are pasted
on "Continue from a saved file", and each "Change" button on the check page opens its question.
"""

from __future__ import annotations

import io
import json

import pytest
from playwright.sync_api import Page

from takedown_helper.example import example_case

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (390, 844)]


def _check_page(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/continue")
    page.locator("#f-case_file").fill(json.dumps(example_case()))
    with page.expect_navigation():
        page.locator("main button[value=continue]").click()


def _change_actions(page: Page) -> list[str]:
    return list(dict.fromkeys(
        page.locator("button[value^='change:']").evaluate_all("bs => bs.map(b => b.value)")
    ))


def _open_question(page: Page, live_server: str, action: str) -> None:
    _check_page(page, live_server)
    with page.expect_navigation():
        page.locator(f"button[value='{action}']").first.click()


def _focus_hidden_under_exit_bar(page: Page) -> str | None:
    """The focused element's description if the sticky Exit bar covers any part of it."""
    return page.evaluate(
        """() => {
            const bar = document.querySelector('[data-exit-this-page]');
            const el = document.activeElement;
            if (!bar || !el || el === document.body || bar.contains(el)) return null;
            const b = bar.getBoundingClientRect(), r = el.getBoundingClientRect();
            if (r.height === 0 || r.bottom < 0) return null;  // not rendered (hidden input)
            const covered = r.top < b.bottom - 0.5 && r.bottom > b.top + 0.5;
            return covered ? `${el.tagName}#${el.id || el.name} top=${r.top} bar=${b.top}-${b.bottom}` : null;
        }"""
    )


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_focused_field_is_hidden_under_the_exit_bar(browser, live_server, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    _check_page(page, live_server)
    actions = _change_actions(page)
    assert len(actions) >= 5
    hidden: list[str] = []
    for action in actions:
        _open_question(page, live_server, action)
        # Forward through every focusable element, then back again with Shift+Tab: each focus
        # scrolls the element into view, which is where a sticky bar can cover it.
        count = page.evaluate(
            "() => document.querySelectorAll('main a[href], main button, main input:not([type=hidden]),"
            " main select, main textarea').length"
        )
        for key in ["Tab"] * (count + 3) + ["Shift+Tab"] * (count + 3):
            page.keyboard.press(key)
            if problem := _focus_hidden_under_exit_bar(page):
                hidden.append(f"{action} {key}: {problem}")
    page.close()
    assert hidden == []


def _dark_share(png: bytes) -> float:
    """The share of dark pixels in a screenshot."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    pixels = image.tobytes()
    return sum(1 for p in pixels if p < 128) / len(pixels)


def _dot_area(page: Page, index: int) -> bytes:
    """A screenshot of the middle of a radio button's circle, where the chosen dot is drawn."""
    box = page.locator("input[type=radio]").nth(index).bounding_box()
    assert box
    middle = {"x": box["x"] + box["width"] / 2 - 6, "y": box["y"] + box["height"] / 2 - 6,
              "width": 12, "height": 12}
    return page.screenshot(clip=middle)


@pytest.mark.parametrize("forced", ["active", "none"])
def test_the_chosen_radio_is_visible_in_forced_colors(browser, live_server, forced):
    page = browser.new_page(viewport={"width": 800, "height": 900})
    page.emulate_media(forced_colors=forced)
    _check_page(page, live_server)
    for action in _change_actions(page):
        _open_question(page, live_server, action)
        if page.locator("input[type=radio]").count() >= 2:
            break
    else:
        pytest.fail("no question with radio buttons was found")
    page.locator("input[type=radio]").nth(0).check(force=True)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    # The chosen button's dot fills the middle of its circle; the other one's middle is empty.
    assert _dark_share(_dot_area(page, 0)) > 0.9
    assert _dark_share(_dot_area(page, 1)) < 0.1
    page.close()


def test_back_after_exit_does_not_return_to_the_page_left(browser, live_server):
    page = browser.new_page()
    page.goto(f"{live_server}/")
    page.goto(f"{live_server}/safety")
    with page.expect_navigation(url="**/exit-target-for-tests"):
        page.locator("#exit-this-page").click()
    page.go_back()
    # The page that was left (/safety) was replaced in the history: Back goes to the one before.
    assert page.url.rstrip("/") == live_server
    page.close()
