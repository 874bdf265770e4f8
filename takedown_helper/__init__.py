"""takedown-helper: takedown notices and referral letters as PDFs, from a case file.

The public Python API is the same path the web form, the CLI and the JSON API use::

    from takedown_helper import example_case, parse_case, plan, render_plan, zip_bytes

    case = parse_case(example_case())          # raises CaseError; .errors names each field
    documents = plan(case)                     # which letters, to whom, on which legal basis
    output = render_plan(documents)            # PDFs in memory: output.files(), output.packet
    archive = zip_bytes(output)                # every PDF in one ZIP, neutral file names

Nothing here writes to disk, logs or the network; what you do with the bytes is up to you.
`create_app(config)` builds the web app (and the JSON API under /api/v1/).

Names are imported lazily, so `import takedown_helper` stays cheap (the PDF engine loads only
when `render_plan` is first used). The planner module is `takedown_helper.planner`, so `plan`
here is always the function.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = [
    "Case",
    "CaseError",
    "case_to_dict",
    "create_app",
    "example_case",
    "parse_case",
    "plan",
    "render_plan",
    "zip_bytes",
]

_WHERE = {
    "Case": "takedown_helper.case",
    "CaseError": "takedown_helper.casefile",
    "parse_case": "takedown_helper.casefile",
    "case_to_dict": "takedown_helper.casefile",
    "render_plan": "takedown_helper.render",
    "zip_bytes": "takedown_helper.render",
    "example_case": "takedown_helper.example",
    "create_app": "takedown_helper.app",
    "plan": "takedown_helper.planner",
}

if TYPE_CHECKING:
    from takedown_helper.app import create_app
    from takedown_helper.case import Case
    from takedown_helper.casefile import CaseError, case_to_dict, parse_case
    from takedown_helper.example import example_case
    from takedown_helper.planner import plan
    from takedown_helper.render import render_plan, zip_bytes


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'takedown_helper' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
