"""The guided form: one question per page, answers carried in the form, documents made on request.

Every view here is thin: it reads the hidden answers, copies the page's fields in, and lets
`parse_case` / `plan` / `render_plan` decide. Nothing is kept between requests; downloads re-post
the answers and get one file back.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_babel import get_locale, gettext

from takedown_helper.calendar import ICS_NAME, plan_ics
from takedown_helper.casefile import CaseError, FieldError, case_to_dict, parse_case
from takedown_helper.directory import directory
from takedown_helper.geography import country_name
from takedown_helper.organisation import deployment_plan
from takedown_helper.render import (
    PACKET_NAME,
    ZIP_NAME,
    render_document,
    render_packet,
    render_plan,
    zip_bytes,
)
from takedown_helper.web import steps
from takedown_helper.web.answers import (
    MAX_PASTE_CHARS,
    Answers,
    BrokenAnswers,
    check_step,
    dump,
    full_case,
    load,
)

ANSWERS_FILE = "takedown-answers.json"


def _today() -> date:
    return date.today()


def _language() -> str:
    return str(get_locale() or "en")


def _answers() -> Answers:
    return load(request.form.get("answers"), _language())


def _errors_for_page(errors: list[FieldError], answers: Answers) -> list[dict[str, str]]:
    found = []
    for error in errors:
        message = error.message
        path = error.path
        if path[:1] == ("items",) and len(path) > 1 and isinstance(path[1], int) and path[2:] != (
            "account",
        ):
            message = gettext("Link %(n)d: %(message)s", n=error.path[1] + 1, message=message)
        found.append({"id": steps.field_id(error, answers), "message": message})
    return found


def _broken(code: int = 400) -> tuple[str, int]:
    return render_template("pages/broken.html"), code


def render_step(name: str, answers: Answers, errors: list[FieldError] | None = None,
                return_to: str | None = None, extra_slots: dict[str, int] | None = None) -> str:
    step = steps.BY_NAME[name]
    today = _today()
    page_errors = _errors_for_page(errors or [], answers)
    return render_template(
        step.template,
        step=name,
        answers=steps.view(answers),
        state=dump(answers),
        errors=page_errors,
        inline={e["id"]: e["message"] for e in reversed(page_errors)},
        return_to=return_to,
        back=steps.previous_step(name, answers, today) is not None,
        extra_slots=extra_slots or {},
        directory=directory(),
        **step.context(answers, today),
    )


def render_check(answers: Answers, errors: list[FieldError] | None = None) -> str:
    today = _today()
    case = None
    problems = []
    try:
        case = full_case(answers, today)
    except CaseError as error:
        errors = (errors or []) + error.errors
    for error in errors or []:
        problems.append({"id": f"row-{steps.step_for(error.path)}", "message": error.message})
    documents = deployment_plan(case, today).documents if case else ()
    return render_template(
        "pages/check.html",
        step=steps.CHECK,
        answers=steps.view(answers),
        state=dump(answers),
        case=case,
        documents=documents,
        errors=problems,
        inline={},
        directory=directory(),
        has_other_sites=bool(steps.other_hosts(answers)),
        signer_needed=bool(steps.signer_needs(answers, today)),
        sites=steps.matched_sites(answers),
        country_label=lambda code: country_name(code, _language()),
    )


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
        action = request.form.get("action", "continue")
        current = request.form.get("step", "")
        return_to = request.form.get("return_to") or None
        if current not in steps.BY_NAME and current != steps.CHECK:
            current = ""
        if action == "start" or not current:
            return render_step(steps.STEPS[0].name, answers)
        if action == "language":
            if current == steps.CHECK:
                return render_check(answers)
            return render_step(current, answers, return_to=return_to)
        if action.startswith("change:"):
            target = action.removeprefix("change:")
            if target not in steps.BY_NAME:
                abort(400)
            return render_step(target, answers, return_to=steps.CHECK)
        if action == "back":
            previous = steps.previous_step(current, answers, today)
            return render_step(previous or steps.STEPS[0].name, answers)
        if current == steps.CHECK:
            return render_check(answers)
        step = steps.BY_NAME[current]
        step.read(request.form, answers)
        try:
            errors = check_step(answers, step.prefixes, today)
        except BrokenAnswers:
            return _broken()
        if current == "documents" and not (answers.get("choices") or {}).get("documents"):
            # Making nothing is not a choice: at least one document.
            errors = [FieldError(("choices", "documents"), gettext("Choose at least one document."))]
        if action.startswith("add-report:") and current == "reported":
            # One more set of boxes for that website; what was typed so far stays on the page.
            site = action.removeprefix("add-report:")
            wanted = {site: min(steps.report_slots(request.form, site) + 1, steps.MAX_REPORTS_PER_SITE)}
            return render_step(current, answers, errors, return_to=return_to, extra_slots=wanted)
        if errors:
            return render_step(current, answers, errors, return_to=return_to)
        following = steps.next_step(current, answers, today)
        # After a change, back to the check page, unless the change opened a page not seen yet.
        opened = following in ("websites", "threat_help") or (
            following == "signer" and current == "documents"
        )
        if return_to == steps.CHECK and not opened:
            following = steps.CHECK
        if following == steps.CHECK:
            return render_check(answers)
        return render_step(following, answers, return_to=return_to)

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
                "pages/no_documents.html", state=dump(answers), answers=answers, step=steps.CHECK,
                errors=[], inline={},
            )
        output = render_plan(planned)
        return render_template(
            "pages/documents.html",
            state=dump(answers),
            answers=answers,
            step=steps.CHECK,
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
        wanted = request.form.get("file", "")
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
        pasted = request.form.get("case_file", "")
        problem = None
        if not pasted.strip():
            problem = gettext("Paste the contents of your saved answers file.")
        elif len(pasted) > MAX_PASTE_CHARS:
            problem = gettext("This is too long to be a saved answers file.")
        else:
            try:
                data = json.loads(pasted)
            except ValueError:
                data = None
                problem = gettext(
                    "This is not a saved answers file. Open the file takedown-answers.json, "
                    "copy everything in it, and paste it here."
                )
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
