"""takedown_helper.line_memo: lines broken once per render change no byte of any document."""

from __future__ import annotations

from datetime import date

from benchmarks.cases import scaled_case
from takedown_helper import line_memo, pdf, render
from takedown_helper.casefile import parse_case
from takedown_helper.planner import plan


def test_every_document_of_a_shared_render_is_the_document_rendered_alone(today: date):
    # Three links on two platforms: the addresses and most paragraphs recur across ten documents,
    # so most lines of the later documents come from the memo.
    the_plan = plan(parse_case(scaled_case(today, 3, 2), today), today)
    full = render.render_plan(the_plan)  # laid out under line_memo.shared_lines()
    assert len(full.documents) > 8
    for index, document in enumerate(full.documents):
        alone = render.render_document(the_plan, index)  # no memo: a fresh layout
        assert alone == document.pdf, the_plan.documents[index].kind


PARAGRAPH = "The same paragraph, word for word, in every document."


def test_the_memo_answers_a_repeated_line_without_breaking_it_again():
    broken: list[str] = []
    original = line_memo._split_first_line

    def recording(*args, **kwargs):
        broken.append(args[0])
        return original(*args, **kwargs)

    html = f'<html lang="en"><body class="paper-letter">{f"<p>{PARAGRAPH}</p>" * 3}</body></html>'
    line_memo._split_first_line = recording
    try:
        with line_memo.shared_lines():
            first = pdf.write(pdf.layout(html))
            second = pdf.write(pdf.layout(html))
        inside = broken.count(PARAGRAPH)
        outside_before = len(broken)
        outside = pdf.write(pdf.layout(html))
    finally:
        line_memo._split_first_line = original
    assert first == second == outside
    # Inside the block the paragraph was broken once for all six copies; outside, once per copy.
    assert inside == 1
    assert broken[outside_before:].count(PARAGRAPH) == 3
