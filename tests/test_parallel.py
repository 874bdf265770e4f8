"""takedown_helper.parallel gives the same files as the serial renderer, from other processes."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from takedown_helper import parallel, render
from takedown_helper.casefile import parse_case
from takedown_helper.planner import Plan, plan


@pytest.fixture(scope="module")
def pool():
    with parallel.make_pool(2) as executor:
        yield executor


def _small_plan(example: dict, today: date) -> Plan:
    case = copy.deepcopy(example)
    case["choices"]["documents"] = ["platform_notice"]
    return plan(parse_case(case, today), today)


def test_pool_output_is_byte_for_byte_the_serial_output(pool, example, today):
    the_plan = _small_plan(example, today)
    serial = render.render_plan(the_plan)
    pooled = parallel.render_plan(the_plan, pool)
    assert pooled.files() == serial.files()


def test_packet_alone_and_documents_alone_match_the_full_render(example, today):
    the_plan = _small_plan(example, today)
    full = render.render_plan(the_plan)
    assert render.render_packet(the_plan) == full.packet
    assert render.render_document(the_plan, 0) == full.documents[0].pdf


def test_an_empty_plan_is_refused_before_any_work(pool, example, today):
    empty = Plan(case=parse_case(example, today), today=today, documents=())
    with pytest.raises(ValueError, match="no documents"):
        parallel.render_plan(empty, pool)
