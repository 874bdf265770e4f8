"""The reminders file: RFC 5545 structure, CRLF, folding, dates, neutral wording."""

from __future__ import annotations

from datetime import date

from scenarios import rendered

from takedown_helper.calendar import ICS_NAME, fold, ics_bytes


def unfold(data: bytes) -> list[str]:
    """Content lines of an iCalendar file (RFC 5545 § 3.1), checking CRLF and line length."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert "\n" not in "".join(physical)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def events(lines: list[str]) -> list[dict[str, str]]:
    found, current, depth = [], None, []
    for line in lines:
        name, _, value = line.partition(":")
        if name == "BEGIN":
            depth.append(value)
            if value == "VEVENT":
                current = {}
        elif name == "END":
            assert depth.pop() == value
            if value == "VEVENT":
                found.append(current)
        elif current is not None and depth[-1] == "VEVENT":
            current[name] = value
    assert depth == []
    return found


def test_one_all_day_event_per_follow_up_date():
    output = rendered("d-adult-au")
    ics = dict(output.files())[ICS_NAME]
    lines = unfold(ics)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    found = events(lines)
    # Two notices with a 24-hour deadline on November 23: one reminder on November 24.
    assert [e["DTSTART;VALUE=DATE"] for e in found] == ["20261124"]
    for event in found:
        assert event["SUMMARY"] == "Reminder: check replies"
        assert event["DTSTAMP"] == "20261122T000000Z"
        assert event["UID"].startswith("reminder-1-20261124@")


def test_reminders_say_nothing_about_the_case():
    ics = dict(rendered("e-advocate").files())[ICS_NAME].decode()
    for word in ("Riley", "Client", "discord", "Discord", "telegram", "pornhub", "http"):
        assert word not in ics


def test_long_lines_are_folded_without_splitting_characters():
    line = "DESCRIPTION:" + "é" * 60
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_escaping_and_several_dates():
    data = ics_bytes([date(2026, 12, 1), date(2026, 12, 3)], date(2026, 11, 22))
    found = events(unfold(data))
    assert [e["DTSTART;VALUE=DATE"] for e in found] == ["20261201", "20261203"]
    assert len({e["UID"] for e in found}) == 2
    assert "none\\, send" in found[0]["DESCRIPTION"]
