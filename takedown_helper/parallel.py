"""A plan's PDFs rendered across processes: for one caller with idle cores (the CLI, a batch).

Not for the web server: gunicorn's workers already keep every core busy, and a pool inside a
request would only make them queue for each other (docs/performance.md has the figures).

WeasyPrint's laid-out documents live in one process (they hold Pango and font handles and cannot
be pickled), so the work is split by output file: each task lays out what one file needs and
returns its PDF bytes. The packet is its own task; it lays its documents out a second time,
because joining the per-document PDFs would need a PDF merger that keeps the tagged structure
(PDF/UA) and the bookmarks, and none does that today. Tasks carry the plan (plain frozen values)
to the worker in memory through a pipe; workers write nothing and keep nothing between tasks.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor

from takedown_helper import pdf, render
from takedown_helper.planner import Plan
from takedown_helper.render import Output


def _warm() -> None:
    pdf.warm_up()


def make_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """A pool whose workers have fonts and the stylesheet loaded before the first task.

    `spawn` starts clean interpreters: nothing of the parent's memory (answers of an earlier
    case) is copied into a worker, and no Pango or fontconfig state is shared across a fork.
    """
    return ProcessPoolExecutor(
        max_workers=workers or os.cpu_count() or 1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_warm,
    )


def render_plan(the_plan: Plan, pool: Executor) -> Output:
    """The same Output as `render.render_plan`, its PDFs rendered by the pool's workers."""
    if not the_plan.documents:
        raise ValueError("the plan has no documents to render")
    # The packet is the longest task: start it first so it does not finish last alone.
    packet = pool.submit(render.render_packet, the_plan)
    documents = [
        pool.submit(render.render_document, the_plan, i) for i in range(len(the_plan.documents))
    ]
    checks = pool.submit(render.render_checks, the_plan)
    return render.assemble(
        the_plan, [f.result() for f in documents], packet.result(), checks.result()
    )
