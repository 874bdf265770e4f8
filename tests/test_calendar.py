"""The reminders file: RFC 5545 structure, CRLF, folding, dates, neutral wording."""

from __future__ import annotations

from datetime import date

from scenarios import rendered

from takedown_helper.calendar import ICS_NAME, Reminder, ics_bytes


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


def test_one_event_per_notice_deadline_and_one_per_follow_up_naming_the_platform():
    """The calendar once had one reminder, three days out, naming no platform: now each notice
    has its deadline day and each follow-up its sending day."""
    output = rendered("d-adult-au")
    ics = dict(output.files())[ICS_NAME]
    lines = unfold(ics)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    found = events(lines)
    # Two notices with a 24-hour deadline on November 23; their follow-ups on November 24.
    assert sorted((e["DTSTART;VALUE=DATE"], e["SUMMARY"]) for e in found) == [
        ("20261123", "Facebook: answer due"),
        ("20261123", "Instagram: answer due"),
        ("20261124", "Facebook: follow-up letter due"),
        ("20261124", "Instagram: follow-up letter due"),
    ]
    for event in found:
        assert event["DTSTAMP"] == "20261122T000000Z"
    assert len({e["UID"] for e in found}) == len(found)
    # The follow-up reminders fall on the follow-up letters' own dates.
    follow_ups = {d.dated.strftime("%Y%m%d") for d in output_documents("d-adult-au", "follow_up")}
    assert {e["DTSTART;VALUE=DATE"] for e in found if "follow-up" in e["SUMMARY"]} == follow_ups


def output_documents(name, kind):
    return [r.document for r in rendered(name).documents if r.document.kind == kind]


def test_reminders_say_nothing_about_the_person_or_the_imagery():
    ics = dict(rendered("e-advocate").files())[ICS_NAME].decode()
    for word in ("Riley", "Client", "http", "t.me", "image", "intimate", "abuse"):
        assert word not in ics
    assert "Discord: answer due" in ics and "Telegram: follow-up letter due" in ics


def test_a_website_host_is_named_without_its_address():
    ics = dict(rendered("b-adult-ca").files())[ICS_NAME].decode()
    assert "Website host: answer due" in ics and "fictional-leaks" not in ics


def test_long_lines_are_folded_without_splitting_characters():
    name = "é" * 60
    found = events(unfold(ics_bytes((Reminder(date(2026, 12, 1), "deadline", name),),
                                    date(2026, 11, 22))))
    assert found[0]["SUMMARY"] == f"{name}: answer due"


def test_escaping_and_several_dates():
    items = (Reminder(date(2026, 12, 1), "deadline", "A, B; C"),
             Reminder(date(2026, 12, 3), "follow_up", "A, B; C"))
    found = events(unfold(ics_bytes(items, date(2026, 11, 22))))
    assert [e["DTSTART;VALUE=DATE"] for e in found] == ["20261201", "20261203"]
    assert len({e["UID"] for e in found}) == 2
    assert found[0]["SUMMARY"] == "A\\, B\\; C: answer due"
