"""WTForms pieces shared by every question: field types, and validators that call the case file's
own checks (`casefile.check_url`, `check_email`, `check_phone`, `check_not_future`) or read their
limits from `CASE_SCHEMA`, so a rule about answers is written once, in `casefile`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask_babel import gettext, lazy_gettext
from wtforms import Field, FieldList, Form
from wtforms.form import BaseForm
from wtforms.utils import unset_value
from wtforms.validators import StopValidation, ValidationError

from takedown_helper import casefile
from takedown_helper.casefile import CASE_SCHEMA, Path, label

N_ = lazy_gettext  # marked for extraction, translated when shown


def schema_at(path: Path) -> dict[str, Any]:
    """The JSON Schema of one field of the case file ("*" or an index for list items)."""
    node: dict[str, Any] = CASE_SCHEMA
    for part in path:
        node = node["items"] if isinstance(part, int) or part == "*" else node["properties"][part]
    return node


def _limit(path: Path, key: str) -> Any:
    node = schema_at(path)
    for option in [node, *node.get("anyOf", ())]:
        if key in option:
            return option[key]
    return None


class Rule:
    """Runs one of the case file's checks on a field's value: the message is the case file's."""

    def __init__(self, check: Callable[[Any], str | None]) -> None:
        self.check = check

    def __call__(self, form: Form, field: Field) -> None:
        if field.data not in (None, "") and (problem := self.check(field.data)):
            raise ValidationError(problem)


def url_rule() -> Rule:
    return Rule(casefile.check_url)


def email_rule() -> Rule:
    return Rule(casefile.check_email)


def phone_rule() -> Rule:
    return Rule(casefile.check_phone)


class MaxLength:
    """The longest answer the case file accepts for this path, read from CASE_SCHEMA."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.max = _limit(path, "maxLength")

    def __call__(self, form: Form, field: Field) -> None:
        values = field.data if isinstance(field.data, list) else [field.data]
        for value in values:
            if isinstance(value, str) and self.max is not None and len(value) > self.max:
                what = label(self.path)
                message = gettext(
                    "%(what)s must be %(n)d characters or fewer.", what=what, n=self.max
                )
                raise ValidationError(message[:1].upper() + message[1:])


class Count:
    """A whole number within the case file's bounds (views, shares)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.min = _limit(path, "minimum")
        self.max = _limit(path, "maximum")

    def __call__(self, form: Form, field: Field) -> None:
        if field.data is None and not getattr(field, "raw_data_text", ""):
            return
        if field.data is None or not (self.min <= field.data <= self.max):
            message = gettext("Enter %(what)s as a whole number, 0 or more.", what=label(self.path))
            raise StopValidation(message[:1].upper() + message[1:])


class Required:
    """An answer is needed: "Enter ..." for boxes, "Choose ... from the list." for choices."""

    def __init__(self, path: Path, choose: bool = False) -> None:
        self.path = path
        self.choose = choose
        self.field_flags = {"required": True}

    def message(self) -> str:
        what = label(self.path)
        if self.choose:
            message = gettext("Choose %(what)s from the list.", what=what)
        else:
            message = gettext("Enter %(what)s.", what=what)
        return message[:1].upper() + message[1:]

    def __call__(self, form: Form, field: Field) -> None:
        if field.data in (None, "", []):
            raise StopValidation(self.message())


class NotFuture:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(self, form: Form, field: Field) -> None:
        if field.data and (problem := casefile.check_not_future(
            self.path, date.fromisoformat(field.data), today_of(form)
        )):
            raise ValidationError(problem)


def today_of(form: Form) -> date:
    parent = getattr(form, "_parent_form", None)  # a row's form: its page's form knows the day
    while parent is not None:
        form, parent = parent, getattr(parent, "_parent_form", None)
    return getattr(form, "today", None) or date.today()


class TextField(Field):
    """A one-line answer: stripped, blank read as not given."""

    kind = "text"

    def __init__(self, *args: Any, input_type: str = "text", autocomplete: str | None = None,
                 width: str = "", spellcheck: bool | None = None, inputmode: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inputmode = inputmode
        self.input_type = input_type
        self.autocomplete = autocomplete
        self.width = width
        self.spellcheck = spellcheck

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = (valuelist[0].strip() or None) if valuelist else None

    def _value(self) -> str:
        return "" if self.data is None else str(self.data)


class LongTextField(TextField):
    kind = "textarea"

    def __init__(self, *args: Any, rows: int = 5, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = (valuelist[0].strip().replace("\r\n", "\n") or None) if valuelist else None


class LinesField(LongTextField):
    """A postal address: one line per line of the box."""

    def process_formdata(self, valuelist: list[str]) -> None:
        text = valuelist[0] if valuelist else ""
        self.data = [line.strip() for line in text.splitlines() if line.strip()]

    def _value(self) -> str:
        return "\n".join(self.data or [])


class CountField(TextField):
    """A whole number typed in a box (views, shares)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("width", "one-third")
        super().__init__(*args, **kwargs)
        self.raw_data_text = ""

    def process_formdata(self, valuelist: list[str]) -> None:
        self.raw_data_text = (valuelist[0] if valuelist else "").strip().replace(",", "")
        try:
            self.data = int(self.raw_data_text) if self.raw_data_text else None
        except ValueError:
            self.data = None

    def _value(self) -> str:
        if self.raw_data_text:
            return self.raw_data_text
        return "" if self.data is None else str(self.data)


class ChoiceField(Field):
    """Radios or a select list. Choices are (value, label, hint) and may be set per request."""

    def __init__(self, *args: Any, choices: list[tuple[str, Any, Any]] | None = None,
                 kind: str = "radios", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = list(choices or [])
        self.kind = kind

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = (valuelist[0] or None) if valuelist else None

    def pre_validate(self, form: BaseForm) -> None:
        if self.data is not None and self.data not in [c[0] for c in self.choices]:
            raise StopValidation(gettext("Choose an answer from the list."))


class YesNoField(ChoiceField):
    """Yes or No, kept in the answers as true / false."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, choices=[("yes", N_("Yes"), None),
                                         ("no", N_("No"), None)], **kwargs)

    def process_data(self, value: Any) -> None:
        self.data = {True: "yes", False: "no"}.get(value)

    @property
    def value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.data or "")


class ChecksField(Field):
    """Checkboxes: a list of the chosen values."""

    kind = "checkboxes"

    def __init__(self, *args: Any, choices: list[tuple[str, Any, Any]] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = list(choices or [])

    def process_data(self, value: Any) -> None:
        self.data = list(value or [])

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = [v for v in valuelist if v]

    def pre_validate(self, form: BaseForm) -> None:
        known = [c[0] for c in self.choices]
        if any(v not in known for v in self.data):
            raise StopValidation(gettext("Choose an answer from the list."))


class DateParts(Field):
    """A date typed as day, month and year in three boxes (the GOV.UK date input).

    Its value in the answers is an ISO date string, as the case file stores it."""

    kind = "date"
    PARTS = ("day", "month", "year")

    def __init__(self, *args: Any, path: Path = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.path = path
        self.parts: dict[str, str] = dict.fromkeys(self.PARTS, "")

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        self.process_errors = []
        if data is unset_value:
            data = None
        self.object_data = data
        self.data = data if isinstance(data, str) and data else None
        if self.data:
            try:
                found = date.fromisoformat(self.data)
                self.parts = {"day": str(found.day), "month": str(found.month),
                              "year": str(found.year)}
            except ValueError:
                self.data = None
        if formdata is None:
            return
        self.parts = {p: (formdata.get(f"{self.name}-{p}") or "").strip() for p in self.PARTS}
        self.raw_data = list(self.parts.values())
        self.data = None
        if not any(self.parts.values()):
            return
        try:
            year = int(self.parts["year"])
            if year < 1900:
                raise ValueError
            self.data = date(year, int(self.parts["month"]), int(self.parts["day"])).isoformat()
        except (ValueError, OverflowError):
            what = label(self.path)
            message = gettext("%(what)s must be a real date, like 28 3 2026.", what=what)
            self.process_errors.append(message[:1].upper() + message[1:])


class Rows(FieldList):
    """"Add another" rows: a blank row is dropped when saved; Remove takes one row out."""

    kind = "rows"

    def __init__(self, *args: Any, add_label: Any = None, remove_label: Any = None,
                 row_label: Any = None, max_rows: int = 20, fixed: bool = False,
                 **kwargs: Any) -> None:
        kwargs.setdefault("min_entries", 0 if fixed else 1)
        kwargs.setdefault("max_entries", None if fixed else max_rows)
        super().__init__(*args, **kwargs)
        self.fixed = fixed  # one row per thing already named (a website, a link): no Add/Remove
        self.headings: list[str] = []
        self.add_label = add_label
        self.remove_label = remove_label
        self.row_label = row_label

    def reset(self, values: list[Any]) -> None:
        """Show exactly these rows (for Add another and Remove)."""
        self.entries = []
        self.last_index = -1
        for value in values[: self.max_entries]:
            self.append_entry(value)
        if not self.entries:
            self.append_entry()

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        self._formdata = formdata
        super().process(formdata, data, extra_filters)

    def fit(self, count: int) -> None:
        """Exactly rows 0 to count - 1 (one per website or link named earlier), as posted."""
        if [e.name for e in self.entries] == [f"{self.name}-{i}" for i in range(count)]:
            return
        posted = getattr(self, "_formdata", None)
        self.entries = []
        self.last_index = -1
        for index in range(count):
            # FieldList's own row builder (not in the type stubs): it reads the posted rows.
            self._add_entry(posted, unset_value, index=index)  # type: ignore[attr-defined]

    @property
    def can_add(self) -> bool:
        if self.fixed:
            return False
        return self.max_entries is None or len(self.entries) < self.max_entries


