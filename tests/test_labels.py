"""English names in Spanish text are marked English, in text only (labels.mark_english)."""

from __future__ import annotations

from takedown_helper.labels import mark_english


def test_names_in_spanish_text_are_marked_and_nothing_else_is_touched():
    html = (
        '<html lang="es"><head><title>Take It Down</title></head><body>'
        '<p>Use Take It Down y la ley TAKE IT DOWN. Reporte: elija Denunciar (Report).</p>'
        '<p lang="en">The Take It Down <span>form</span>, Report Remove</p>'
        '<textarea lang="en">TAKE IT DOWN</textarea><select><option>Take It Down</option></select>'
        '<input value="Take It Down"><a href="https://takeitdown.ncmec.org/" title="Report">x</a>'
        '<script>let s = "<p>Take It Down";</script><p>Report Remove</p></body></html>'
    )
    marked = mark_english(html)
    assert marked.count('<span lang="en">') == 4
    assert '<p>Use <span lang="en">Take It Down</span> y la ley <span lang="en">TAKE IT DOWN</span>.' in marked
    assert 'Reporte: elija Denunciar (<span lang="en">Report</span>)' in marked
    assert '<p><span lang="en">Report Remove</span></p>' in marked
    for untouched in ('<title>Take It Down</title>', '<option>Take It Down</option>',
                      'value="Take It Down"', 'title="Report"', '"<p>Take It Down"',
                      '<p lang="en">The Take It Down <span>form</span>, Report Remove</p>'):
        assert untouched in marked


def test_an_english_page_is_left_as_it_is():
    html = '<html lang="en"><p>Use Take It Down. Report it.</p></html>'
    assert mark_english(html) == html
