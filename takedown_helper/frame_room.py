"""Room on the interpreter's frame stack for a render, so that CPython does not map and unmap
memory thousands of times while WeasyPrint lays out and writes a document.

CPython 3.11 keeps the frames of running Python functions on a stack made of chunks, 16 KiB
each unless one frame needs more, each mapped with `mmap` (Python/pystate.c: `push_chunk`,
`allocate_chunk`). A chunk is unmapped as soon as the frame at its start returns
(`_PyThreadState_PopFrame`), so a recursion that goes up and down across the end of a chunk maps
and unmaps one at every crossing. WeasyPrint's layout and drawing recurse that way: a render of
the example case crossed 2,200 to 6,600 times (`strace`: that many 16 KiB `mmap` and `munmap`
calls per render), and the system calls and page faults cost some 8 % of its CPU time.

`with_room(call)` calls `call` from a frame that asks for a chunk of its own: a frame of some
123 KB of local slots, never used, for which CPython 3.11 maps a 256 KiB chunk (the frame plus
1,000 slots, rounded up to a power of two), leaving about 139 KB free above it. Every frame the
call makes fits in that: one `mmap` per call in place of thousands. Calls nest without asking
again (the inner call already has the room). On another CPython the frame is only a large
frame: nothing else changes.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

# Local slots of the roomy frame: with its own few, just over half a 256 KiB chunk (8 bytes a
# slot, 1,000 slots to spare): 8 * (15_400 + about 15 + 1_000) > 131_072.
_SLOTS = 15_400

_inside = threading.local()  # whether this thread is already running inside the room


def _in_room(call: Callable[[], T]) -> T:
    _inside.depth = getattr(_inside, "depth", 0) + 1
    try:
        return call()
    finally:
        _inside.depth -= 1


# The same function with `_SLOTS` more local variables, which nothing reads or writes: only
# the size of its frame changes.
_in_room.__code__ = _in_room.__code__.replace(
    co_varnames=_in_room.__code__.co_varnames + tuple(f"_room{i}" for i in range(_SLOTS)),
    co_nlocals=_in_room.__code__.co_nlocals + _SLOTS,
)


def with_room(call: Callable[[], T]) -> T:
    """`call()`, from a frame with room above it on this thread's frame stack (see the
    module's docstring); directly if this thread is inside such a call already."""
    if getattr(_inside, "depth", 0):
        return call()
    return _in_room(call)


def in_room(function: Callable[P, T]) -> Callable[P, T]:
    """`function`, each call made through `with_room`."""

    @functools.wraps(function)
    def roomy(*args: P.args, **kwargs: P.kwargs) -> T:
        return with_room(lambda: function(*args, **kwargs))

    return roomy
