"""`takedown-helper`: schema, example, directory list/show/check, and render (one case or a batch).
A user mistake is one sentence on stderr and exit 2; a failed case in a batch is exit 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from takedown_helper import cli
from takedown_helper import directory as directory_package
from takedown_helper.casefile import CASE_SCHEMA, parse_case
from takedown_helper.directory import directory
from takedown_helper.render import PACKET_NAME

BIN = Path(sys.executable).parent / "takedown-helper"


@pytest.fixture
def case(example):
    example["choices"]["documents"] = ["platform_notice"]
    return example


def _write(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _one_sentence(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("takedown-helper: ") and lines[0].endswith(".")
    return lines[0]


# --- schema, example, directory ------------------------------------------------------------------


def test_schema_prints_the_case_schema(capsys):
    code, out, _ = _run(capsys, "schema")
    assert code == 0
    assert json.loads(out) == CASE_SCHEMA


def test_example_prints_a_case_that_parses(capsys, today):
    code, out, _ = _run(capsys, "example")
    assert code == 0
    case = parse_case(json.loads(out), today)
    assert case.items and case.signer.name


def test_directory_list_and_show(capsys):
    code, out, _ = _run(capsys, "directory", "list")
    assert code == 0
    ids = {line.split()[0] for line in out.splitlines()}
    assert ids == {r.id for r in directory().all()}
    code, out, _ = _run(capsys, "directory", "show", "x")
    assert code == 0
    assert out.startswith(directory().get("x").display_name)


def test_directory_show_unknown_is_a_usage_error(capsys):
    code, _, err = _run(capsys, "directory", "show", "no-such-platform")
    assert code == cli.EXIT_USAGE
    assert "directory list" in _one_sentence(err)


def test_directory_check_passes_on_the_bundled_data(capsys):
    code, out, _ = _run(capsys, "directory", "check")
    assert code == 0
    assert out.strip().endswith("directory data is valid.")


@pytest.fixture
def bad_directory(tmp_path, monkeypatch):
    """A data folder with one recipient file that is not valid TOML."""
    (tmp_path / "broken.toml").write_text("id = \n", encoding="utf-8")
    monkeypatch.setattr(directory_package, "DIRECTORY_DATA_DIR", tmp_path)
    directory.cache_clear()
    yield tmp_path
    directory.cache_clear()


def test_directory_check_fails_on_invalid_data(capsys, bad_directory):
    code, _, err = _run(capsys, "directory", "check")
    assert code == cli.EXIT_INVALID
    assert "broken.toml" in err


# --- render: one case ----------------------------------------------------------------------------


def test_render_one_case_writes_the_pdfs_and_prints_them(capsys, tmp_path, case):
    path = _write(tmp_path / "case.json", case)
    out_dir = tmp_path / "out"
    code, out, _ = _run(capsys, "render", str(path), "--out", str(out_dir))
    assert code == 0
    printed = [Path(line) for line in out.splitlines()]
    assert out_dir / "01-removal-request-x.pdf" in printed
    assert out_dir / PACKET_NAME in printed
    for file in printed:
        assert file.parent == out_dir and file.read_bytes()
    assert (out_dir / PACKET_NAME).read_bytes().startswith(b"%PDF-")


def test_render_invalid_case_names_the_file_and_field(capsys, tmp_path, case):
    case["items"][0]["url"] = "x.com/somebody"
    path = _write(tmp_path / "case.json", case)
    code, out, err = _run(capsys, "render", str(path), "--out", str(tmp_path / "out"))
    assert code == cli.EXIT_INVALID
    assert f"{path}: /items/0/url: Enter the full link, starting with https://" in err
    assert out == "" and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: d / "missing.json", "does not exist"),
        (lambda d: _write(d / "case.json", "{not json"), "is not valid JSON"),
        (lambda d: (d / "empty").mkdir() or d / "empty", "has no case files"),
    ],
)
def test_user_mistakes_are_one_sentence_and_exit_2(capsys, tmp_path, make, words):
    target = make(tmp_path)
    code, _, err = _run(capsys, "render", str(target), "--out", str(tmp_path / "out"))
    assert code == cli.EXIT_USAGE
    assert words in _one_sentence(err)


def test_usage_errors_from_the_installed_command_have_no_traceback(tmp_path):
    result = subprocess.run(
        [str(BIN), "render", str(tmp_path / "nope.json"), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"takedown-helper: {tmp_path / 'nope.json'} does not exist."
    result = subprocess.run([str(BIN), "render"], capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr


# --- render: a batch -----------------------------------------------------------------------------


def test_batch_renders_each_case_into_its_own_folder_and_reports_failures(capsys, tmp_path, case):
    cases = tmp_path / "cases"
    _write(cases / "alpha.json", case)
    bad = json.loads(json.dumps(case))
    bad["items"][0]["url"] = "x.com/somebody"
    _write(cases / "bad.json", bad)
    _write(cases / "broken.json", "{")
    _write(cases / "notes.txt", "not a case")  # ignored: only *.json
    out_dir = tmp_path / "out"
    code, out, err = _run(capsys, "render", str(cases), "--out", str(out_dir))
    assert code == cli.EXIT_INVALID
    assert (out_dir / "alpha" / PACKET_NAME).read_bytes().startswith(b"%PDF-")
    assert (out_dir / "alpha" / "01-removal-request-x.pdf").exists()
    assert not (out_dir / "bad").exists() and not (out_dir / "broken").exists()
    assert f"{cases / 'bad.json'}: /items/0/url: Enter the full link" in err
    assert f"{cases / 'broken.json'} is not valid JSON" in err
    assert str(cases / "alpha.json") in out
    summary = err.strip().splitlines()[-1]
    assert summary == f"Rendered 1 of 3 cases into {out_dir}/. 2 failed: bad.json, broken.json."


def test_batch_of_several_files_exits_0_when_all_succeed(capsys, tmp_path, case):
    first = _write(tmp_path / "a" / "one.json", case)
    second = _write(tmp_path / "b" / "two.json", case)
    out_dir = tmp_path / "out"
    code, _, err = _run(capsys, "render", str(first), str(second), "--out", str(out_dir))
    assert code == 0
    assert (out_dir / "one" / PACKET_NAME).exists() and (out_dir / "two" / PACKET_NAME).exists()
    assert err.strip().splitlines()[-1] == f"Rendered 2 of 2 cases into {out_dir}/."


def test_long_batches_show_progress_on_stderr(capsys, tmp_path):
    # Seven cases that fail fast (no PDFs to lay out): progress and summary still show.
    for n in range(7):
        _write(tmp_path / "cases" / f"case{n}.json", {"schema_version": 1})
    code, _, err = _run(capsys, "render", str(tmp_path / "cases"), "--out", str(tmp_path / "o"))
    assert code == cli.EXIT_INVALID
    progress = [line for line in err.splitlines() if line.startswith("[")]
    assert progress[0] == "[" + "-" * 30 + "] 0/7 cases"
    assert progress[-1] == "[" + "#" * 30 + "] 7/7 cases, 7 failed"
    assert len(progress) == 8


def test_short_batches_off_a_terminal_show_no_progress(capsys, tmp_path):
    for n in range(2):
        _write(tmp_path / "cases" / f"case{n}.json", {"schema_version": 1})
    _, _, err = _run(capsys, "render", str(tmp_path / "cases"), "--out", str(tmp_path / "o"))
    assert not [line for line in err.splitlines() if line.startswith("[")]


def test_two_case_files_with_the_same_name_are_a_usage_error(capsys, tmp_path, case):
    first = _write(tmp_path / "a" / "case.json", case)
    second = _write(tmp_path / "b" / "case.json", case)
    code, _, err = _run(capsys, "render", str(first), str(second), "--out", str(tmp_path / "o"))
    assert code == cli.EXIT_USAGE
    assert "rename one" in _one_sentence(err)


def test_an_unusable_organisation_profile_is_a_usage_error(capsys, tmp_path, case):
    path = _write(tmp_path / "case.json", case)
    profile = _write(tmp_path / "org.toml", 'name = ""\n')
    code, _, err = _run(
        capsys, "render", str(path), "--out", str(tmp_path / "o"), "--organisation", str(profile)
    )
    assert code == cli.EXIT_USAGE
    assert "name" in _one_sentence(err)


def test_batches_on_a_terminal_redraw_the_progress_bar_in_place(capsys, tmp_path, monkeypatch):
    for n in range(2):
        _write(tmp_path / "cases" / f"case{n}.json", {"schema_version": 1})
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, _, err = _run(capsys, "render", str(tmp_path / "cases"), "--out", str(tmp_path / "o"))
    assert code == cli.EXIT_INVALID
    assert "\r[" + "#" * 30 + "] 2/2 cases, 2 failed" in err
    # Error lines are never glued to the bar: each starts on a cleared line.
    assert all(line.startswith(str(tmp_path)) for line in err.split("\r")[-1].splitlines()[:-1])


def test_an_unknown_field_is_named(tmp_path, capsys, case):
    case["requester"]["favourite_colour"] = "blue"
    path = _write(tmp_path / "case.json", case)
    code, _out, err = _run(capsys, "render", str(path), "--out", str(tmp_path / "out"))
    assert code == 1
    assert (f"{path}: /requester/favourite_colour: This case file has a field takedown-helper "
            "does not know (“favourite_colour”). Use a file it made.") in err


def test_an_unwritable_out_folder_is_one_usage_line_even_in_a_batch(tmp_path, capsys, case):
    one = _write(tmp_path / "a.json", case)
    two = _write(tmp_path / "b.json", case)
    for argv in ([str(one)], [str(one), str(two)]):
        code, out, err = _run(capsys, "render", *argv, "--out", "/dev/null/x")
        assert code == 2 and out == ""
        assert err.strip().splitlines() == [
            "takedown-helper: /dev/null/x cannot be created (/dev/null is a file); give a folder "
            "you can write to."
        ]


def test_version_is_printed(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("takedown-helper ")


def test_a_closed_pipe_ends_quietly():
    # `takedown-helper schema | head -1`: the reader stops early; no traceback, exit 0.
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL)
    done = subprocess.run([str(BIN), "schema"], stdout=reader.stdin, stderr=subprocess.PIPE,
                          timeout=60)
    reader.stdin.close()
    reader.wait(10)
    assert done.stderr == b"" and done.returncode == 0


def test_serve_help_documents_every_option_with_its_default():
    done = subprocess.run([str(BIN), "serve", "--help"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0
    help_text = " ".join(done.stdout.split())
    for option, default in (("--host", "127.0.0.1"), ("--port", "8000"), ("--workers", "2"),
                            ("--timeout", "30")):
        assert option in help_text and f"(default: {default})" in help_text
