"""Print layout: links and table columns keep their designed places, whatever the case holds."""

from __future__ import annotations

import copy

from takedown_helper import pdf
from takedown_helper.casefile import parse_case
from takedown_helper.example import example_case
from takedown_helper.letters import document_html
from takedown_helper.planner import plan
from tests.conftest import TODAY

LONG_URL = "https://x.com/fictional_account_01/status/1111111111111111111?" + "s=" + "9" * 180
LONG_ACCOUNT = "@" + "fictional_account_with_a_very_long_name_" * 3


def _boxes(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def _notice_layout(data):
    the_plan = plan(parse_case(data, today=TODAY), today=TODAY)
    notice = next(d for d in the_plan.documents if d.kind == "platform_notice")
    return pdf.layout(document_html(notice, the_plan))


def test_long_addresses_and_names_wrap_inside_the_links_list_with_the_number_hanging():
    data = copy.deepcopy(example_case())
    data["items"][0]["url"] = LONG_URL
    data["items"][0]["account"] = LONG_ACCOUNT
    document = _notice_layout(data)
    lists = [
        box
        for page in document.pages
        for box in _boxes(page._page_box)
        if getattr(box, "element_tag", None) == "ol"
        and "links" in (box.element.get("class") or "").split()
    ]
    items = [child for ol in lists for child in ol.children if child.element_tag == "li"]
    assert len(items) == len(data["items"])
    for index, item in enumerate(items):
        left = item.content_box_x()
        right = left + item.width
        texts = [b for b in _boxes(item) if type(b).__name__ == "TextBox"]
        number, *rest = texts
        # The number hangs in the list's margin, left of everything else.
        assert number.text.strip() == f"{index + 1}."
        assert number.position_x < left - 0.5
        for box in rest:
            # Nothing is drawn past the item's own edges (half a point for rounding): a long
            # address or account name wraps inside it, and every line of the address starts
            # at the same left edge, beside the number.
            assert left - 0.5 <= box.position_x, box.text
            assert box.position_x + box.width <= right + 0.5, box.text
        url_lines = [b for b in rest if b.element_tag == "a"]
        if index == 0:
            assert "".join(b.text for b in url_lines) == LONG_URL
        assert {round(b.position_x) for b in url_lines} == {round(left)}


def test_a_notice_whose_platform_has_no_channel_for_the_case_still_gets_its_guide():
    """XVIDEOS lists only an EU route; a US case with one of its links used to stop the guide
    (and the whole render) at 'No first item, sequence was empty'."""
    data = copy.deepcopy(example_case())
    data["items"] = [
        {"url": "https://www.xvideos.com/video12345678/example_title", "platform": "xvideos"}
    ]
    data["history"]["platform_reports"] = []
    the_plan = plan(parse_case(data, today=TODAY), today=TODAY)
    guide = next(d for d in the_plan.documents if d.kind == "guide")
    assert "XVIDEOS" in document_html(guide, the_plan).upper()
