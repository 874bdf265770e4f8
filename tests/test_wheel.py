"""A non-editable install carries templates, static files and directory data, and works."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("takedown_helper-*.whl"))


def test_wheel_carries_templates_static_and_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "takedown_helper/templates/letters/platform_notice.html",
        "takedown_helper/templates/pages/start.html",
        "takedown_helper/static/css/print.css",
        "takedown_helper/static/fonts/SourceSerifPro-Regular.ttf",
        "takedown_helper/static/fonts/LICENSE-OFL.txt",
        "takedown_helper/directory/data/x.toml",
    ):
        assert needed in names, needed


def test_installed_wheel_renders_from_its_own_files(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True,
        capture_output=True,
    )
    script = (
        "import json, takedown_helper.paths as p;"
        "from takedown_helper.casefile import parse_case;"
        "from takedown_helper.example import example_case;"
        "from takedown_helper.planner import plan;"
        "from takedown_helper.render import render_plan;"
        "out = render_plan(plan(parse_case(example_case())));"
        "print(json.dumps([str(p.TEMPLATES_DIR), str(p.STATIC_DIR), out.packet[:5].decode()]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    templates, static, magic = __import__("json").loads(result.stdout)
    assert templates.startswith(str(target)) and static.startswith(str(target))
    assert magic == "%PDF-"
