"""Print layout: tables keep their designed columns, whatever the case holds."""

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


def test_long_addresses_and_names_wrap_inside_their_own_cell():
    data = copy.deepcopy(example_case())
    data["items"][0]["url"] = LONG_URL
    data["items"][0]["account"] = LONG_ACCOUNT
    the_plan = plan(parse_case(data, today=TODAY), today=TODAY)
    notice = next(d for d in the_plan.documents if d.kind == "platform_notice")
    document = pdf.layout(document_html(notice, the_plan))
    cells = [
        box
        for page in document.pages
        for box in _boxes(page._page_box)
        if type(box).__name__ == "TableCellBox"
    ]
    assert cells
    for cell in cells:
        left = cell.content_box_x()
        right = left + cell.width
        for box in _boxes(cell):
            if type(box).__name__ == "TextBox":
                # Nothing is drawn past the cell's own edges (half a point for rounding).
                assert left - 0.5 <= box.position_x
                assert box.position_x + box.width <= right + 0.5, box.text
    # The designed widths hold: a longer address does not widen its column.
    header = [c for c in cells if c.element_tag == "th"][:4]
    widths = [c.width for c in header]
    assert widths[1] > widths[2] > 0 and widths[0] < widths[3]


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
