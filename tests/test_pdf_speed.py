"""pdf.py's speed changes keep WeasyPrint's output: arrays for the font subsetter, subset fonts."""

from __future__ import annotations

import io

import pypdf

from takedown_helper import pdf
from takedown_helper.paths import STATIC_DIR


def test_subsetter_arrays_hold_the_same_values():
    ffi = pdf._pdf_fonts.ffi
    array = ffi.new("hb_codepoint_t[3]", [5, 6, 7])
    assert (len(array), list(array)) == (3, [5, 6, 7])
    # A declared size that differs from the data keeps cffi's meaning (zero-filled tail).
    padded = ffi.new("hb_codepoint_t[4]", [1, 2])
    assert list(padded) == [1, 2, 0, 0]


def test_fonts_are_still_embedded_as_subsets():
    html = (
        "<!doctype html><html lang='en'><head><title>Test</title></head>"
        "<body><p>Plain <strong>bold</strong> <em>italic</em></p></body></html>"
    )
    reader = pypdf.PdfReader(io.BytesIO(pdf.html_to_pdf(html)))
    embedded = {}
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        for descendant in font.get_object()["/DescendantFonts"]:
            descriptor = descendant.get_object()["/FontDescriptor"].get_object()
            embedded[str(descriptor["/FontName"]).lstrip("/")] = len(descriptor["/FontFile2"].get_object().get_data())
    assert len(embedded) == 3  # serif regular, bold, italic
    smallest_source = (STATIC_DIR / "fonts/SourceSerifPro-It.ttf").stat().st_size
    # A subset name starts with six capitals and "+"; each is far smaller than any source file.
    assert all(name[6] == "+" for name in embedded)
    assert all(size < smallest_source / 4 for size in embedded.values())
