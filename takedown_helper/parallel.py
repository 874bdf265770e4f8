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
from takedown_helper.calendar import plan_ics
from takedown_helper.plan import Plan
from takedown_helper.render import Output, RenderedDocument

PACKET_TITLE = "Documents"


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


def document_pdf(the_plan: Plan, index: int) -> bytes:
    """One document's PDF (with its check page, if any), laid out and written in this process."""
    doc = the_plan.documents[index]
    return pdf.join(render._layouts(doc, the_plan), title=doc.title)


def packet_pdf(the_plan: Plan) -> bytes:
    """Every document in one PDF, each with its own bookmark and page numbers."""
    parts = [part for doc in the_plan.documents for part in render._layouts(doc, the_plan)]
    return pdf.join(parts, title=PACKET_TITLE)


def render_plan(the_plan: Plan, pool: Executor) -> Output:
    """The same Output as `render.render_plan`, its PDFs rendered by the pool's workers.

    tests/test_parallel.py pins that both give the same files, byte for byte: render.py should
    offer one `assemble(plan, pdfs, packet)` for both (see docs/performance.md)."""
    if not the_plan.documents:
        raise ValueError("the plan has no documents to render")
    # The packet is the longest task: start it first so it does not finish last alone.
    packet = pool.submit(packet_pdf, the_plan)
    documents = [pool.submit(document_pdf, the_plan, i) for i in range(len(the_plan.documents))]
    rendered = tuple(
        RenderedDocument(doc, future.result())
        for doc, future in zip(the_plan.documents, documents, strict=True)
    )
    return Output(documents=rendered, packet=packet.result(), ics=plan_ics(the_plan))
