"""The whole space of cases (tests/casespace.py), planned and checked against every invariant.

In CI: a fixed sample of the space at plan level, and a handful rendered to PDF text. The full
matrix (every case planned, a larger sample rendered) runs with `-m slow`:

    .venv/bin/python -m pytest -q -s -m slow tests/test_case_space.py

and prints the size of the space and the number of cases and documents checked.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from casespace import (
    cases,
    plan_of,
    plan_violations,
    size,
    text_violations,
)
from scenarios import pdf_text

from takedown_helper.directory import directory
from takedown_helper.documents import Addressee
from takedown_helper.render import render_plan

SEED = 11
PLAN_SAMPLE = 600
RENDER_SAMPLE = 4
FULL_RENDER_SAMPLE = 40


def _sample(k: int, seed: int = SEED) -> list[tuple[str, dict]]:
    everything = list(cases())
    # A fixed, reproducible sample (not for anything secret).
    return random.Random(seed).sample(everything, min(k, len(everything)))  # noqa: S311


def _check_plans(sample) -> tuple[int, list[str]]:
    found = []
    for label, data in sample:
        found += [f"{label}: {v}" for v in plan_violations(plan_of(data))]
    return len(sample), found


def _check_renders(sample) -> tuple[int, list[str]]:
    found, documents = [], 0
    for label, data in sample:
        p = plan_of(data)
        for r in render_plan(p).documents:
            documents += 1
            text = " ".join(pdf_text(r.pdf).split())
            found += [f"{label}: {v}" for v in text_violations(p, r.document, text)]
    return documents, found


def test_the_space_covers_every_directory_platform_and_an_unknown_site():
    labels = {label.split("/")[3] for label, _data in cases()}
    assert {r.id for r in directory().platforms()} | {"other"} == labels
    assert size() == len(list(cases())) >= 2000


def test_a_sample_of_the_space_keeps_every_plan_invariant():
    checked, violations = _check_plans(_sample(PLAN_SAMPLE))
    assert checked == PLAN_SAMPLE
    assert violations == []


def test_a_rendered_sample_keeps_every_text_invariant():
    documents, violations = _check_renders(_sample(RENDER_SAMPLE, seed=SEED + 1))
    assert documents > RENDER_SAMPLE
    assert violations == []


def test_the_invariants_catch_the_defects_they_are_for():
    """Each defect once found in plans, put back into a plan, is reported."""
    _label, data = next((lbl, d) for lbl, d in cases()
                       if lbl == "survivor/no/AU/telegram/sent_and_ignored")
    p = plan_of(data)
    assert plan_violations(p) == []
    follow = next(d for d in p.documents if d.kind == "follow_up")
    telegram = directory().get("telegram")
    stopca = next(c for c in telegram.channels if c.target == "stopCA@telegram.org")
    broken = [
        replace(follow, channels=(stopca,)),  # an adult's notice to the child-abuse address
        replace(follow, paper="letter"),  # mixed paper in an Australian case
        replace(follow, refers_to=p.today),  # cites today, not the real sending date
    ]
    fresh = replace(follow, kind="platform_notice", dated=p.today, follow_up_on=None,
                    earlier=None, slug="01-removal-request-telegram")
    nowhere = replace(follow, kind="platform_notice", channels=(),
                      addressee=Addressee(name="Telegram"), slug="01-removal-request-telegram")
    broken.append(nowhere)  # a notice with no channel and no address (a minor's iCloud link)
    for doc in broken:
        assert plan_violations(replace(p, documents=(doc,))), doc
    assert any("fresh notice" in v for v in plan_violations(replace(p, documents=(fresh, follow))))


@pytest.mark.slow
def test_the_full_case_space(request, capsys):
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("the full case space runs with -m slow")
    everything = list(cases())
    checked, violations = _check_plans(everything)
    documents, text_violations_found = _check_renders(_sample(FULL_RENDER_SAMPLE, seed=SEED + 2))
    with capsys.disabled():
        print(
            f"\ncase space: {size()} cases; planned and checked {checked} "
            f"({len(violations)} plan violations); rendered {FULL_RENDER_SAMPLE} cases, "
            f"{documents} documents ({len(text_violations_found)} text violations)"
        )
    assert checked >= 2000
    assert violations == []
    assert text_violations_found == []
