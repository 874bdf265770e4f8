"""The form's path (takedown_helper.web.questions): which pages a set of answers reaches."""

from __future__ import annotations

import json

import pytest

from takedown_helper.web import questions as q
from tests.web.journey import Journey, parent_of_minor_on_x


@pytest.fixture
def context(app):
    with app.test_request_context():
        yield


def _walked(answers, today) -> list[str]:
    """The pages next_step leads through, from the first to the check page."""
    steps = [q.QUESTIONS[0].step]
    while steps[-1] != q.CHECK:
        steps.append(q.next_step(steps[-1], answers, today))
    return steps


def test_fresh_answers_reach_only_the_first_question(context, today):
    assert q.path({"schema_version": 1, "language": "en"}, today) == ["role"]


def test_part_answers_reach_up_to_the_first_question_still_to_answer(context, today):
    answers = {"schema_version": 1, "language": "en", "requester": {"role": "parent"}}
    assert q.path(answers, today) == ["role", "age"]


def test_complete_answers_reach_every_page_next_step_walks_and_the_check_page(client, today):
    check = parent_of_minor_on_x(Journey(client))
    answers = json.loads(check.answers)
    with client.application.test_request_context():
        reached = q.path(answers, today)
        assert reached == _walked(answers, today)
        assert reached[-1] == q.CHECK
        assert {"where_you", "threat_help", "signer"} <= set(reached)
        assert not {"private", "websites", "copyright"} & set(reached)
        for step in reached[1:-1]:  # and back again, page by page
            assert q.previous_step(step, answers, today) == reached[reached.index(step) - 1]
    # The check page offers a Change button for each page on the path, and for no other.
    offered = [line.split('"')[0] for line in check.text.split('value="change:')[1:]]
    assert offered == reached[:-1]


def test_a_missing_answer_stops_the_path_at_the_page_that_asks_it(client, today):
    answers = json.loads(parent_of_minor_on_x(Journey(client)).answers)
    del answers["person_shown"]["minor_when_made"]
    with client.application.test_request_context():
        assert q.path(answers, today) == ["role", "age"]
        assert q.step_for(("person_shown", "minor_when_made"), answers, today) == "age"
