"""Reminders as an RFC 5545 iCalendar file, written with the `icalendar` library.

One all-day event per notice on its deadline day ("Reddit: answer due") and one per follow-up on
the day to send it ("Reddit: follow-up letter due"), in the user's language (they are the user's
own reminders, like the guide). Titles name only the platform's display name
(a website's host is "Website host"): no person's name, no URL, nothing about the imagery, so a
synced or shared calendar reveals little. UIDs are built from the event's kind, a counter and its
date only. Dates already past on the day the plan is made get no event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from takedown_helper.i18n import N_, translations
from takedown_helper.planner import Plan

PRODID = "-//takedown-helper//reminders//EN"
ICS_NAME = "reminders.ics"
HOST = N_("Website host")
# The reminders' words, for the catalog (they are translated into the user's language).
MESSAGES = (
    N_("%(name)s: answer due"),
    N_("%(name)s: follow-up letter due"),
    N_("The deadline you gave %(name)s ends today. Check for an answer."),
    N_("If %(name)s has not answered, send the follow-up letter dated today (it is in your "
       "documents)."),
)
NOTICE_KINDS = ("platform_notice", "host_notice")


@dataclass(frozen=True, order=True)
class Reminder:
    day: date
    kind: str  # "deadline" or "follow_up"
    name: str  # the platform's display name (in the user's language), or HOST
    language: str = "en"  # the user's: the reminders are the user's own

    def _(self, message: str, **values: str) -> str:
        text = translations(self.language).gettext(message) if self.language != "en" else message
        return text % values if values else text

    @property
    def title(self) -> str:
        if self.kind == "deadline":
            return self._("%(name)s: answer due", name=self.name)
        return self._("%(name)s: follow-up letter due", name=self.name)

    @property
    def description(self) -> str:
        if self.kind == "deadline":
            return self._("The deadline you gave %(name)s ends today. Check for an answer.",
                          name=self.name)
        return self._(
            "If %(name)s has not answered, send the follow-up letter dated today "
            "(it is in your documents).", name=self.name
        )


def _name(doc, language: str) -> str:
    if doc.recipient:
        return doc.recipient.name_in(language)
    return translations(language).gettext(HOST) if language != "en" else HOST


def reminders(plan: Plan) -> tuple[Reminder, ...]:
    """Every reminder of the plan, earliest first, none before the day it was made."""
    found: set[Reminder] = set()
    language = plan.case.language
    for doc in plan.documents:
        if doc.kind in NOTICE_KINDS and doc.deadline and "dmca" not in doc.bases:
            found.add(Reminder(doc.deadline, "deadline", _name(doc, language), language))
        if doc.kind == "follow_up":
            if doc.earlier:  # the notice it follows (sent already, or in this plan)
                found.add(Reminder(doc.earlier.deadline, "deadline", _name(doc, language), language))
            found.add(Reminder(doc.dated, "follow_up", _name(doc, language), language))
    return tuple(sorted(r for r in found if r.day >= plan.today))


def reminder_dates(plan: Plan) -> tuple[date, ...]:
    """Each distinct reminder date in the plan, earliest first."""
    return tuple(sorted({r.day for r in reminders(plan)}))


def ics_bytes(items: tuple[Reminder, ...], stamp: date) -> bytes:
    """A VCALENDAR with one all-day VEVENT per reminder. `stamp` becomes DTSTAMP (midnight UTC)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    stamped = datetime(stamp.year, stamp.month, stamp.day, tzinfo=UTC)
    for number, item in enumerate(items, start=1):
        event = Event()
        event.add("uid", f"{item.kind.replace('_', '-')}-{number}-{item.day:%Y%m%d}"
                         "@takedown-helper.invalid")
        event.add("dtstamp", stamped)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.title)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.title)
        alarm.add("trigger", timedelta(hours=9), parameters={"RELATED": "START"})
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def plan_ics(plan: Plan) -> bytes | None:
    """The reminders for a plan, or None when nothing has a date to remember."""
    items = reminders(plan)
    return ics_bytes(items, plan.today) if items else None
