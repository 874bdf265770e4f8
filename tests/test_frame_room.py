"""takedown_helper.frame_room: a call inside the room runs its frames in one chunk of CPython's
frame stack, so a recursion that goes up and down maps no chunk (counted with strace)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from takedown_helper import frame_room

ROOT = Path(__file__).resolve().parent.parent

# A recursion 300 calls deep, 40 times: its frames (some 30 KB) cross the end of a 16 KiB chunk
# of the frame stack on the way down, and the chunk is unmapped on the way back up.
_PROGRAM = """
import os, sys
sys.path.insert(0, {root!r})
from takedown_helper import frame_room

def down(n):
    return 0 if n == 0 else 1 + down(n - 1)

def climb():
    return [down(300) for _ in range(40)]

{setup}
os.getppid()  # from here
{call}
os.getppid()  # to here
"""

_RENDER = """
from datetime import date
from takedown_helper import pdf, render
from takedown_helper.casefile import parse_case
from takedown_helper.example import example_case
from takedown_helper.planner import plan
day = date(2026, 11, 22)
the_plan = plan(parse_case(example_case(), day), day)
pdf.warm_up()
render.render_plan(the_plan)
"""


def _chunks_mapped(setup: str, call: str, tmp_path: Path) -> int:
    """16 KiB anonymous mappings (frame-stack chunks) made by `call`, after `setup`."""
    log = tmp_path / "strace.log"
    program = _PROGRAM.format(root=str(ROOT), setup=setup, call=call)
    traced = subprocess.run(
        ["strace", "-f", "-e", "trace=mmap,getppid", "-o", str(log), sys.executable, "-c", program],
        timeout=600, capture_output=True, text=True,
    )
    if traced.returncode and "ptrace" in traced.stderr.lower():
        pytest.skip(f"strace cannot trace here: {traced.stderr.strip()[:200]}")
    assert traced.returncode == 0, traced.stderr[-2000:]
    lines = log.read_text().splitlines()
    marks = [i for i, line in enumerate(lines) if "getppid" in line]
    between = lines[marks[0]:marks[-1]]
    return sum("mmap(NULL, 16384," in line and "MAP_ANONYMOUS" in line for line in between)


needs_strace = pytest.mark.skipif(shutil.which("strace") is None, reason="strace not installed")


@needs_strace
def test_a_recursion_inside_the_room_maps_no_chunk(tmp_path):
    assert _chunks_mapped("", "climb()", tmp_path) >= 40  # once per descent, outside the room
    assert _chunks_mapped("", "frame_room.with_room(climb)", tmp_path) == 0


@needs_strace
@pytest.mark.slow
def test_a_whole_render_maps_no_chunk(tmp_path):
    """The example case, every file and the packet: layout and writing run in the room."""
    assert _chunks_mapped(_RENDER, "render.render_plan(the_plan)", tmp_path) == 0


def test_with_room_returns_what_the_call_returns_and_raises_what_it_raises():
    assert frame_room.with_room(lambda: 42) == 42
    with pytest.raises(ZeroDivisionError):
        frame_room.with_room(lambda: 1 / 0)
    assert frame_room._inside.depth == 0  # left as it was, after raising too


def test_calls_nest_without_a_second_room():
    depths = frame_room.with_room(
        lambda: (frame_room._inside.depth, frame_room.with_room(lambda: frame_room._inside.depth)))
    assert depths == (1, 1)


def test_in_room_keeps_the_function_and_its_arguments():
    @frame_room.in_room
    def add(a: int, b: int = 0) -> int:
        """Adds."""
        return a + b + frame_room._inside.depth

    assert add(1, b=2) == 4
    assert add.__name__ == "add" and add.__doc__ == "Adds."


def test_the_room_is_a_frame_of_its_own_size():
    code = frame_room._in_room.__code__
    assert code.co_nlocals == 1 + frame_room._SLOTS  # `call` and the unused slots
    assert len(code.co_varnames) == code.co_nlocals
