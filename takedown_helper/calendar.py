"""Reminders as an RFC 5545 iCalendar file, written by hand with the standard library.

One all-day event per follow-up date. Titles and descriptions are neutral ("Reminder: check
replies"): no names, no platforms, no URLs, so a synced or shared calendar reveals nothing. UIDs
are derived from the date and a counter only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from takedown_helper.planner import Plan

PRODID = "-//takedown-helper//reminders//EN"
TITLE = "Reminder: check replies"
DESCRIPTION = "Check for answers. If there is none, send the follow-up letter for this date."
ICS_NAME = "reminders.ics"


def reminder_dates(plan: Plan) -> tuple[date, ...]:
    """Each distinct follow-up date in the plan, earliest first."""
    return tuple(sorted({d.follow_up_on for d in plan.documents if d.follow_up_on}))


def _escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 § 3.3.11)."""
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line so no physical line exceeds 75 octets (RFC 5545 § 3.1).

    Continuation lines begin with one space, which counts towards their 75 octets. A UTF-8
    character is never split.
    """
    out: list[str] = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = " "
            limit = 75
        current += char
    out.append(current)
    return "\r\n".join(out)


def ics_bytes(dates: Iterable[date], stamp: date) -> bytes:
    """A VCALENDAR with one all-day VEVENT per date. `stamp` becomes DTSTAMP (midnight UTC)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for number, day in enumerate(dates, start=1):
        lines += [
            "BEGIN:VEVENT",
            f"UID:reminder-{number}-{day:%Y%m%d}@takedown-helper.invalid",
            f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"SUMMARY:{_escape(TITLE)}",
            f"DESCRIPTION:{_escape(DESCRIPTION)}",
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_escape(TITLE)}",
            "TRIGGER;RELATED=START:PT9H",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")


def plan_ics(plan: Plan) -> bytes | None:
    """The reminders for a plan, or None when nothing has a follow-up date."""
    dates = reminder_dates(plan)
    return ics_bytes(dates, plan.today) if dates else None
