"""Promise 2: nothing about a user is written to disk. An audit hook records every write the
process makes (open for writing, mkdir, rename, shutil.*, tempfile.mkstemp/mkdtemp)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from conftest import bodies, get_urls, post_rules
from privacy_support import TODAY, fill, writes

from takedown_helper import cli
from takedown_helper.casefile import parse_case
from takedown_helper.planner import plan
from takedown_helper.render import render_plan, zip_bytes


def test_the_recorder_sees_writes(tmp_path):
    # The recorder must catch each kind of write, or the tests below prove nothing.
    with writes() as seen:
        (tmp_path / "a.txt").write_text("x")
        (tmp_path / "d").mkdir()
        (tmp_path / "a.txt").rename(tmp_path / "b.txt")
        _fd, name = tempfile.mkstemp(dir=tmp_path)
        Path(name).unlink()
    events = [event for event, _ in seen]
    assert events.count("open") >= 1
    assert {"os.mkdir", "os.rename", "tempfile.mkstemp"} <= set(events)


def test_render_plan_writes_nothing(warm):
    data, placed = fill("ZqWriteMarker")
    assert placed
    with writes() as seen:
        output = render_plan(plan(parse_case(data, TODAY), TODAY))
        zip_bytes(output)
    assert seen == []


def test_app_journey_writes_nothing(app):
    client = app.test_client()
    data, _ = fill("ZqWriteMarker")
    data["choices"]["documents"] = ["platform_notice", "police_referral"]  # two renders suffice
    with writes() as seen:
        for url in get_urls(app):
            client.get(url)
        for _endpoint, rule, values in post_rules(app):
            with app.test_request_context():
                from flask import url_for

                url = url_for(rule.endpoint, **values)
            for body in bodies(data):
                client.post(url, **body)
    assert seen == []


def test_cli_writes_only_into_the_out_folder(warm, tmp_path):
    data, _ = fill("ZqWriteMarker")
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(data))
    out = tmp_path / "out"
    with writes() as seen:
        assert cli.main(["render", str(case_file), "--out", str(out)]) == 0
    assert seen, "the CLI wrote its PDFs"
    outside = [path for _event, path in seen if Path(path).resolve().parent != out.resolve()
               and Path(path).resolve() != out.resolve()]
    assert outside == []
    assert all("ZqWriteMarker" not in p.name for p in out.iterdir())
