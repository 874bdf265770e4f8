"""Hidden answers that read as a case but do not fit the page they are posted with.

The randomized fuzz found one 500: `POST /questions` with `step=signer` and answers whose chosen
documents need nothing from the signer page, so the page had no fields left, while the answers
held a signer detail that parse_case refuses. The error had no field to go to and the page
picked "the first field", which did not exist (StopIteration). Two things were wrong: a page
was processed for answers that never reach it (the step is the client's word), and an error
about a detail the page does not show was put under an unrelated box."""

from __future__ import annotations

import copy
import json
import re

from takedown_helper.example import example_case


def _post(client, answers, step, **fields):
    return client.post("/questions", data={"answers": json.dumps(answers), "step": step,
                                           "action": "continue", **fields})


def _summary(text: str) -> list[tuple[str, str]]:
    """(link target, message) of each entry in the page's error summary."""
    found = re.search(r'class="error-summary__list">(.*?)</ul>', text, re.S)
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', found.group(1)) if found else []


def test_the_signer_step_posted_when_no_document_needs_it_gives_no_500(client):
    """The input the randomized fuzz found: no documents chosen, a refused signer email."""
    answers = copy.deepcopy(example_case())
    answers["choices"]["documents"] = []
    answers["signer"]["email"] = "not an email"
    response = _post(client, answers, "signer")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    # The answers do not reach the signer page: the next page they do reach is shown (here the
    # check page), and the refused email is named there.
    assert 'name="step" value="check"' in text
    assert "Enter an email address in the right form" in text


def test_every_step_posted_for_answers_that_do_not_reach_it_gives_no_500(client):
    """The class: a step is the client's word; a page the answers do not reach is not run."""
    from takedown_helper.web import questions as q

    answers = copy.deepcopy(example_case())
    answers["choices"]["documents"] = []
    answers["signer"]["email"] = "not an email"
    answers["history"]["police"]["email"] = "not an email either"
    for step in q.BY_NAME:
        for action in ("continue", "add:links", "remove:links:0"):
            response = _post(client, answers, step, action=action)
            assert response.status_code < 500, (step, action, response.status_code)


def test_an_error_about_a_detail_the_page_does_not_show_is_not_put_under_another_box(client):
    """The signer page of a parent (not an advocate) does not ask for an organisation; a refused
    organisation in the answers is named in the error summary, not under the name box."""
    answers = copy.deepcopy(example_case())
    answers["signer"]["organisation"] = "x" * 5000
    response = _post(client, answers, "signer", name="Alex Example",
                     email="alex.example@example.com")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert 'name="organisation"' not in text
    summary = _summary(text)
    assert summary and all(target == "main" for target, _message in summary), summary
    assert any("organisation" in message.lower() for _target, message in summary), summary
    assert 'id="f-name-error"' not in text


def _changed(path, value):
    answers = copy.deepcopy(example_case())
    answers.setdefault("imagery", {"where": ["public"]})
    target = answers
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return answers


# Found by the deep fuzz (valid cases with one field changed): a list or an object where the
# schema allows only a choice (an enum) or a date (anyOf) was taken for an answer, and the check
# page's summary failed on it (TypeError: unhashable type).
CONTAINERS_WHERE_A_CHOICE_BELONGS = [
    (("person_shown", "minor_when_made"), {"a": 1}),
    (("imagery", "where"), ["public", [[]]]),
    (("requester", "role"), ["survivor"]),
    (("items", 0, "first_seen"), {"year": 2026}),
    (("history", "platform_reports", 0, "answer"), ["no_reply"]),
]


def test_a_list_or_object_where_a_choice_belongs_is_refused_as_edited_answers(client):
    for path, value in CONTAINERS_WHERE_A_CHOICE_BELONGS:
        answers = json.dumps(_changed(path, value))
        for url, extra in (("/documents", {}), ("/answers", {}),
                           ("/questions", {"step": "check", "action": "continue"}),
                           ("/questions", {"step": "role", "action": "language"})):
            response = client.post(url, data={"answers": answers, **extra})
            assert response.status_code == 400, (path, url, response.status_code)


def test_the_same_pasted_or_sent_to_the_api_gets_a_field_message(client):
    for path, value in CONTAINERS_WHERE_A_CHOICE_BELONGS:
        data = _changed(path, value)
        problem = client.post("/api/v1/plan", json=data)
        assert problem.status_code == 422, (path, problem.status_code)
        pasted = client.post("/continue", data={"case_file": json.dumps(data)})
        assert pasted.status_code == 400, (path, pasted.status_code)
