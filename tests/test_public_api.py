"""`from takedown_helper import ...`: the documented Python API is the one data path."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import takedown_helper
from takedown_helper import app, case, casefile, example, render

EXPECTED = {
    "Case": case.Case,
    "CaseError": casefile.CaseError,
    "parse_case": casefile.parse_case,
    "case_to_dict": casefile.case_to_dict,
    "render_plan": render.render_plan,
    "zip_bytes": render.zip_bytes,
    "example_case": example.example_case,
    "create_app": app.create_app,
}


def test_all_lists_the_documented_names():
    assert sorted(takedown_helper.__all__) == sorted([*EXPECTED, "plan"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_name_is_the_real_object(name):
    assert getattr(takedown_helper, name) is EXPECTED[name]


def test_plan_is_the_planner_function(example, today):
    from takedown_helper import parse_case, plan
    from takedown_helper.planner import Plan
    from takedown_helper.planner import plan as planner_plan

    the_plan = plan(parse_case(example, today), today)
    assert isinstance(the_plan, Plan) and the_plan.documents
    assert plan is planner_plan


def test_plan_is_the_function_whichever_module_is_imported_first():
    # A fresh interpreter that imports the renderer (which imports the planner module) first.
    code = (
        "import takedown_helper.render\n"
        "from takedown_helper import plan, parse_case, example_case\n"
        "print(type(plan(parse_case(example_case()))).__name__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "Plan"


def test_unknown_names_are_attribute_errors():
    with pytest.raises(AttributeError):
        takedown_helper.no_such_name  # noqa: B018
    with pytest.raises(ImportError):
        exec("from takedown_helper import no_such_name", {})  # noqa: S102


def test_importing_the_package_does_not_load_the_pdf_engine():
    code = "import takedown_helper, sys; print('weasyprint' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def _docstring_example() -> str:
    doc = takedown_helper.__doc__ or ""
    block = doc.split("::\n", 1)[1]
    lines = []
    for line in block.splitlines()[1:]:
        if line and not line.startswith("    "):
            break
        lines.append(line)
    return textwrap.dedent("\n".join(lines))


def test_the_docstring_example_runs(monkeypatch):
    source = _docstring_example()
    assert len([line for line in source.splitlines() if line.strip()]) == 5
    namespace: dict = {}
    exec(compile(source, "takedown_helper.__doc__", "exec"), namespace)  # noqa: S102 - our own docstring
    assert namespace["archive"].startswith(b"PK")
    assert namespace["output"].packet.startswith(b"%PDF-")
