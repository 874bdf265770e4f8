"""`takedown-helper directory report`: the confirmed share overall, for the facts letters print,
and per recipient; `--strict` fails on a fact with no source or an unconfirmed fact with no reason."""

from __future__ import annotations

from datetime import date

import pytest

from takedown_helper import cli
from takedown_helper import directory as directory_package
from takedown_helper.directory import directory
from takedown_helper.directory.load import parse_recipient
from takedown_helper.directory.report import Tally, is_letter_fact, problems, render, tally

CONFIRMED = {"source": "https://example.org/help", "checked": date(2026, 11, 1)}


def _recipient(**extra):
    raw = {
        "id": "example",
        "kind": "platform",
        "display_name": "Example",
        "legal_name": "Example Ltd",
        "channels": [
            {"purpose": "ncii", "label": "Intimate images form", "url": "https://example.org/ncii",
             **CONFIRMED},
            {"purpose": "copyright", "label": "DMCA email", "email": "dmca@example.org",
             "unconfirmed": True, "reason": "Seen only in a third-party guide."},
            {"purpose": "general", "label": "Help centre", "url": "https://example.org/help",
             "unconfirmed": True},
        ],
        **extra,
    }  # fmt: skip
    return parse_recipient(raw, "example.toml")


def test_facts_letters_print_are_counted_apart_from_the_rest():
    r = _recipient(address={"lines": ["1 Main St"], "country": "US", **CONFIRMED})
    t = tally(r)
    # Printed: the address, the NCII form, the DMCA email. Not printed: the help centre.
    assert (t.letter.confirmed, t.letter.total) == (2, 3)
    assert (t.other.confirmed, t.other.total) == (0, 1)
    assert (t.overall.confirmed, t.overall.total) == (2, 4)
    assert is_letter_fact("address") and is_letter_fact("channel report: https://x.org")
    assert not is_letter_fact("channel support: 1-800-000-0000")
    assert not is_letter_fact("private_content")


def test_strict_problems_name_the_unconfirmed_fact_without_a_reason():
    found = problems((_recipient(),))
    assert found == [
        "example: channel general: https://example.org/help: unconfirmed without a reason"
    ]


def test_a_share_is_rounded_down_so_it_never_reads_higher_than_it_is():
    assert Tally(261, 291).share == "89.6 %"  # 89.69 %: short of a 90 % goal, and it says so
    assert Tally(262, 291).share == "90.0 %"
    assert Tally(291, 291).share == "100.0 %"
    assert Tally(0, 0).share == "-"


def test_render_gives_shares_and_the_oldest_check():
    r = _recipient(address={"lines": ["1 Main St"], "country": "US", "source": "https://example.org/a",
                            "checked": date(2026, 6, 1)})  # fmt: skip
    lines = render((r,), date(2026, 11, 23))
    text = "\n".join(lines)
    assert "All facts:             2 of 4 confirmed (50.0 %)" in text
    assert "Facts letters print:   2 of 3 confirmed (66.6 %)" in text
    assert "Oldest check:          2026-06-01 (example: address)" in text
    assert any(line.startswith("example ") for line in lines)


def test_report_on_the_bundled_directory_lists_every_recipient(capsys):
    code = cli.main(["directory", "report"])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in out + err
    assert out.startswith("Recipient directory report")
    listed = {line.split()[0] for line in out.splitlines() if line.split() and line.split()[0] in
              {r.id for r in directory().all()}}  # fmt: skip
    assert listed == {r.id for r in directory().all()}


@pytest.fixture
def unreasoned_directory(tmp_path, monkeypatch):
    """A data folder with one recipient whose unconfirmed fact gives no reason."""
    (tmp_path / "example.toml").write_text(
        '\n'.join([
            'id = "example"', 'kind = "hotline"', 'display_name = "Example"',
            'legal_name = "Example"', '[[channels]]', 'purpose = "report"',
            'label = "Report form"', 'url = "https://example.org/report"', 'unconfirmed = true',
        ]) + '\n',
        encoding="utf-8",
    )  # fmt: skip
    monkeypatch.setattr(directory_package, "DIRECTORY_DATA_DIR", tmp_path)
    directory.cache_clear()
    yield tmp_path
    directory.cache_clear()


def test_strict_report_fails_when_an_unconfirmed_fact_has_no_reason(capsys, unreasoned_directory):
    assert cli.main(["directory", "report"]) == 0
    capsys.readouterr()
    assert cli.main(["directory", "report", "--strict"]) == cli.EXIT_INVALID
    out, err = capsys.readouterr()
    assert (
        "example: channel report: https://example.org/report: unconfirmed without a reason" in out
    )
    assert "--strict" in err


def test_the_bundled_directory_passes_the_strict_check(capsys):
    # Every fact names its source and check date, or says it is unconfirmed and why.
    assert problems(directory().all()) == []
    assert cli.main(["directory", "report", "--strict"]) == 0
    assert "confirmed" in capsys.readouterr().out
