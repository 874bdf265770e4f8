"""The guided form: one question per page, answers carried in the form, documents made on request.

Every view here is thin: it reads the hidden answers, copies the page's fields in, and lets
`parse_case` / `plan` / `render_plan` decide. Nothing is kept between requests; downloads re-post
the answers and get one file back.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_babel import get_locale, gettext
from wtforms import Form, FormField, StringField

from takedown_helper import safejson
from takedown_helper.calendar import ICS_NAME, plan_ics
from takedown_helper.casefile import CaseError, FieldError, case_to_dict, parse_case
from takedown_helper.directory import directory
from takedown_helper.organisation import deployment_plan
from takedown_helper.render import (
    PACKET_NAME,
    ZIP_NAME,
    list_plan,
    render_document,
    render_packet,
    render_plan,
    render_text,
    zip_bytes,
)
from takedown_helper.web import questions as q
from takedown_helper.web.answers import (
    MAX_PASTE_CHARS,
    Answers,
    BrokenAnswers,
    check_step,
    dump,
    full_case,
    load,
)
from takedown_helper.web.fields import Rows

ANSWERS_FILE = "takedown-answers.json"


def _today() -> date:
    return date.today()


def _language() -> str:
    return str(get_locale() or "en")


class Posted(Form):
    """What every post carries besides a page's own fields (those go to the page's form)."""

    answers = StringField()
    action = StringField(default="continue")
    step = StringField()
    return_to = StringField()
    file = StringField()
    case_file = StringField()


def formdata() -> Any:
    """The one place form data is read: it is handed to WTForms."""
    return request.form


def posted() -> Posted:
    return Posted(formdata())


def _answers() -> Answers:
    return load(posted().answers.data, _language())


def _broken(code: int = 400) -> tuple[str, int]:
    return render_template("pages/broken.html"), code


def _page_errors(form: q.Question) -> list[tuple[str, str, str]]:
    """Every field's errors in page order: (id, summary text, text at the field). In the summary,
    an error in a row says which row ("Link 2: ...")."""
    # An error about a detail this page does not show (only edited answers hold one): in the
    # summary, pointing at the page, never under another field's box.
    found = [("main", e, e) for e in form.form_errors]
    for field in form:
        if not isinstance(field, Rows):
            found += [(f"f-{field.name}", e, e) for e in field.errors]
            continue
        for n, entry in enumerate(field.entries, start=1):
            where = ""
            if field.row_label:
                where = str(field.row_label) % {"n": n} + ": "
            elif field.headings:
                where = field.headings[n - 1] + ": "
            subs = list(entry) if isinstance(entry, FormField) else [entry]
            found += [(f"f-{sub.name}", where + e, e) for sub in subs for e in sub.errors]
    return found


def render_step(form: q.Question, state: Answers, return_to: str | None = None) -> str:
    errors = _page_errors(form)
    return render_template(
        form.template,
        step=form.step,
        form=form,
        state=dump(state),
        errors=[{"id": i, "message": summary} for i, summary, _at in errors],
        inline={i: at for i, _summary, at in reversed(errors)},
        return_to=return_to,
        back=q.previous_step(form.step, state, _today()) is not None,
        directory=directory(),
        **form.page_context(),
    )


def show(step: str, answers: Answers, return_to: str | None = None) -> str:
    """A question as the answers so far fill it."""
    return render_step(q.BY_NAME[step](None, answers, _today()), answers, return_to)


def render_check(answers: Answers, errors: list[FieldError] | None = None) -> str:
    today = _today()
    case = None
    try:
        case = full_case(answers, today)
    except CaseError as error:
        errors = (errors or []) + error.errors
    problems = [{"id": f"row-{q.step_for(e.path, answers, today)}", "message": e.message}
                for e in errors or []]
    documents = deployment_plan(case, today).documents if case else ()
    rows = []
    for question in q.applying(q.QUESTIONS, answers, today):
        shown = question(None, answers, today)
        rows.append((question.step, shown.question(), shown.summary()))
    return render_template(
        "pages/check.html",
        step=q.CHECK,
        rows=rows,
        state=dump(answers),
        case=case,
        documents=documents,
        errors=problems,
        inline={},
        directory=directory(),
    )


def _edit_rows(form: q.Question, action: str) -> None:
    """"Add another" and "Remove": the same page again with one row more or less."""
    kind, _sep, rest = action.partition(":")
    name, _sep, index = rest.partition(":")
    rows = form._fields.get(name)
    if not isinstance(rows, Rows) or rows.fixed:
        abort(400)
    if kind == "add" and rows.can_add:
        rows.append_entry()
    elif kind == "remove" and index.isdigit() and int(index) < len(rows.entries):
        values = rows.data
        del values[int(index)]
        rows.reset(values)
    form.setup()


def _attach(form: q.Question, problems: list[FieldError]) -> None:
    """parse_case's errors, each at the field that asked for it (a list-wide one at the page's
    first field). An error about a detail the page does not show (a field it left out, as the
    signer page leaves out what no chosen document needs) belongs to the page, not to a box."""
    for problem in problems:
        name = form.field_for(problem.path)
        field = q.find_field(form, name) if name else next(iter(form), None)
        if field is None:
            if problem.message not in form.form_errors:
                form.form_errors.append(problem.message)
        elif problem.message not in field.errors:
            field.errors = [*field.errors, problem.message]


def make_blueprint() -> Blueprint:
    bp = Blueprint("form", __name__)

    @bp.post("/questions")
    def questions() -> Any:
        """Every question page posts here: the current step, the action, the answers so far."""
        try:
            answers = _answers()
        except BrokenAnswers:
            return _broken()
        today = _today()
        envelope = posted()
        action = envelope.action.data or "continue"
        current = envelope.step.data or ""
        return_to = envelope.return_to.data or None
        if current not in q.BY_NAME and current != q.CHECK:
            current = ""
        if action == "start" or not current:
            return show(q.QUESTIONS[0].step, answers)
        if action == "language":
            if current == q.CHECK:
                return render_check(answers)
            return show(current, answers, return_to)
        if action.startswith("change:"):
            target = action.removeprefix("change:")
            if target not in q.BY_NAME:
                abort(400)
            # Change buttons are on the check page; a change made elsewhere goes on from there.
            back_to = q.CHECK if current == q.CHECK else None
            reached = q.path(answers, today)
            if target in reached:
                return show(target, answers, back_to)
            # A stale or made-up Change button for a page these answers do not reach (the check
            # page offers none): where they stand instead, the check page or the first page
            # that still needs an answer, never a page out of place.
            if reached[-1] == q.CHECK:
                return render_check(answers)
            return show(reached[-1], answers, back_to)
        if action == "back":
            previous = q.previous_step(current, answers, today)
            return show(previous or q.QUESTIONS[0].step, answers)
        if current == q.CHECK:
            return render_check(answers)
        if not q.BY_NAME[current].applies(answers, today):
            # The step is the client's word: a page these answers do not reach is not run (its
            # fields were set up for answers that reach it). The page they reach next is shown.
            following = q.next_step(current, answers, today)
            return render_check(answers) if following == q.CHECK else show(following, answers)
        # The one place form data is read: WTForms takes the page's fields.
        form = q.BY_NAME[current](formdata(), answers, today)
        if action.startswith(("add:", "remove:")):
            _edit_rows(form, action)
            return render_step(form, answers, return_to)
        if not form.validate():
            return render_step(form, answers, return_to)
        draft = copy.deepcopy(answers)
        form.save(draft)
        try:
            problems = check_step(draft, form.owned, today)
        except BrokenAnswers:
            return _broken()
        if problems:
            _attach(form, problems)
            return render_step(form, answers, return_to)
        answers = draft
        following = q.next_step(current, answers, today)
        # After a change, back to the check page, unless the change opened a page not seen yet.
        if return_to == q.CHECK and not (
            following != q.CHECK and q.BY_NAME[following].opened_by_change
        ):
            following = q.CHECK
        if following == q.CHECK:
            return render_check(answers)
        return show(following, answers, return_to)

    @bp.post("/documents")
    def create_documents() -> Any:
        """Make the documents from the answers and show them, with their downloads."""
        try:
            answers = _answers()
        except BrokenAnswers:
            return _broken()
        today = _today()
        try:
            case = full_case(answers, today)
        except CaseError as error:
            return (render_check(answers), 400) if error.errors else _broken()
        planned = deployment_plan(case, today)
        if not planned.documents:
            return render_template(
                "pages/no_documents.html", state=dump(answers), answers=answers, step=q.CHECK,
                errors=[], inline={},
            )
        # The page lists the documents; each download makes only the file asked for.
        output = list_plan(planned)
        return render_template(
            "pages/documents.html",
            state=dump(answers),
            answers=answers,
            step=q.CHECK,
            plan=planned,
            output=output,
            has_reminders=output.ics is not None,
            errors=[],
            inline={},
        )

    @bp.post("/documents/file")
    def download_file() -> Any:
        """One file from the documents, made again from the answers posted with the request."""
        try:
            answers = _answers()
            case = full_case(answers, _today())
        except (BrokenAnswers, CaseError):
            return _broken()
        planned = deployment_plan(case, _today())
        if not planned.documents:
            return _broken()
        # Lay out only what is asked for: one document, the packet, or everything for the ZIP.
        wanted = posted().file.data or ""
        if wanted == "packet":
            return _attachment(render_packet(planned), PACKET_NAME, "application/pdf")
        if wanted == "ics" and (reminders := plan_ics(planned)):
            return _attachment(reminders, ICS_NAME, "text/calendar")
        if wanted == "zip":
            return _attachment(zip_bytes(render_plan(planned)), ZIP_NAME, "application/zip")
        for index, document in enumerate(planned.documents):
            if document.slug == wanted:
                body = render_document(planned, index)
                return _attachment(body, f"{document.slug}.pdf", "application/pdf")
            # The paste-ready text of a notice, as a file (the same text the page shows).
            if f"{document.slug}.txt" == wanted and (text := render_text(planned, index)):
                return _attachment(
                    text.encode("utf-8"), wanted, "text/plain; charset=utf-8"
                )
        abort(404)

    @bp.post("/answers")
    def download_answers() -> Any:
        """The case file: everything answered, to continue later. It holds personal details."""
        try:
            case = full_case(_answers(), _today())
        except (BrokenAnswers, CaseError):
            return _broken()
        body = json.dumps(case_to_dict(case), indent=2, ensure_ascii=False).encode()
        return _attachment(body, ANSWERS_FILE, "application/json")

    @bp.get("/continue")
    def resume_page() -> str:
        return render_template("pages/resume.html", errors=[], inline={}, pasted="")

    @bp.post("/continue")
    def resume() -> Any:
        """Continue from a saved file: its contents are pasted, checked, and never stored."""
        pasted = posted().case_file.data or ""
        problem = None
        if not pasted.strip():
            problem = gettext("Paste the contents of your saved answers file.")
        elif len(pasted) > MAX_PASTE_CHARS:
            problem = gettext("This is too long to be a saved answers file.")
        else:
            try:
                data = safejson.loads(pasted)
            except safejson.Refused as refused:
                data = None
                problem = safejson.paste_problem(refused)
            if problem is None:
                try:
                    case = parse_case(data, _today())
                except CaseError as error:
                    problem = gettext("The saved answers have a problem: %(message)s",
                                      message=error.errors[0].message)
                else:
                    answers = case_to_dict(case)
                    answers["language"] = _language()
                    return render_check(answers)
        errors = [{"id": "f-case_file", "message": problem}]
        return render_template(
            "pages/resume.html", errors=errors, inline={"f-case_file": problem}, pasted=""
        ), 400

    return bp


def _attachment(body: bytes, filename: str, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def exit_url() -> str:
    return str(current_app.config["EXIT_URL"])
