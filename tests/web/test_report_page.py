"""The status report and the wheel made fit for the site: no inline style, links escaped."""

from __future__ import annotations

from datetime import date

from aarshjul.reports.wheel import render_wheel
from aarshjul.reports.wheel_data import Mark, Ring, RingMeeting, WheelData
from aarshjul.web.report_page import link_meetings, report_css, report_page

SNEAKY = '<g class="meeting" data-code="EVIL"></g> "quoted" & <a href="x">'


def _wheel() -> str:
    data = WheelData(
        year_start=date(2027, 1, 1), today=date(2027, 3, 1),
        rings=(Ring("BUU", SNEAKY, (RingMeeting(date(2027, 9, 14), "BUU-2027-09-14", False, 1),
                                    RingMeeting(date(2027, 2, 1), "BUU-2027-02-01", True))),),
        bookings=(Mark("1.1", SNEAKY, date(2027, 9, 14), "BUU", date(2027, 8, 31),
                       "BUU-2027-09-14"),))
    return render_wheel(data, "da")


def test_each_meeting_on_the_wheel_becomes_one_link_and_user_text_never_does() -> None:
    svg = str(link_meetings(_wheel(), lambda code: f"/t/T/moede/{code}"))
    assert not svg.startswith("<?xml")
    assert svg.count("<a ") == 2
    assert '<a href="/t/T/moede/BUU-2027-09-14" tabindex="-1"><g class="meeting"' in svg
    assert '<a href="/t/T/moede/BUU-2027-02-01" tabindex="-1"><g class="meeting"' in svg
    assert "&lt;g class=" in svg and "moede/EVIL" not in svg  # the name's markup stays text
    assert '<a href="x">' not in svg


def test_a_link_target_is_escaped() -> None:
    svg = str(link_meetings(_wheel(), lambda code: f'/m/{code}?a=1&b="2"'))
    assert 'href="/m/BUU-2027-09-14?a=1&amp;b=&#34;2&#34;"' in svg


def test_the_report_page_has_no_inline_style_and_links_the_sites_css() -> None:
    html = ('<!DOCTYPE html><html lang="da"><head><title>x</title><style>body{}</style>'
            '</head><body>\n<div class="page"><table class="tree"><tr class="d2">'
            '<td class="title" style="--depth: 1">&lt;style&gt; style=&#34;--depth: 9&#34;</td>'
            '</tr></table></div></body></html>')
    page = report_page(html, "/rapport.css", "/static/favicon.svg", "<nav>N</nav>")
    assert "<style>" not in page and ' style="' not in page
    assert '<link rel="stylesheet" href="/rapport.css">' in page
    assert '<div class="page">\n<nav>N</nav>' in page
    assert "&lt;style&gt; style=&#34;--depth: 9&#34;" in page  # the report's text untouched


def test_the_report_css_is_the_templates_rules_and_the_depths() -> None:
    css = report_css()
    assert "<" not in css and "{%" not in css and "{{" not in css
    assert ".tree td.title { padding-left: calc(var(--depth) * 1.3em + 8px); }" in css
    assert ".tree tr.d1 td.title { --depth: 0; }" in css
    assert "nav.site" in css
