"""The status report and the årshjul wheel made fit to be pages of the site.

The status report (:func:`aarshjul.reports.render_status.render_html`) is one self-contained
file: an inline ``<style>`` block and ``style="--depth: N"`` attributes on the tree's rows. The
site's Content-Security-Policy (``style-src 'self'``) blocks both, and weakening it with
``'unsafe-inline'`` would undo the protection for every page. So the page is the report with
its ``<style>`` block replaced by a link to :func:`report_css` — the same rules, read once from
the report's template and served from this origin — and the depth attributes replaced by rules
on the rows' ``dN`` classes, which the template sets already. The report's text is not touched:
it was escaped when it was rendered.

The wheel (:func:`aarshjul.reports.wheel.render_wheel`) is built with ElementTree, so its user
text is escaped; :func:`link_meetings` wraps each meeting's group in a link to its page. The
group holds no nested group (a title, a circle, a text), so its end is the first ``</g>``.
The links are for the pointer only (``tabindex="-1"``): the picture is ``role="img"``, whose
parts a screen reader does not enter, and the page's text list carries the same links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache
from importlib.resources import files

from markupsafe import Markup, escape

_STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.S)
_DEPTH_ATTR = re.compile(r' style="--depth: \d+"')
_XML_DECLARATION = re.compile(r"^<\?xml[^>]*\?>\s*")
_MEETING_GROUP = re.compile(r'<g class="meeting" data-code="([^"]*)"[^>]*>.*?</g>', re.S)
_MAX_DEPTH = 12

#: What the site adds to the report's own rules: the tree's indentation and the site's nav.
_SITE_RULES = """
nav.site { padding: .5rem 0 1rem; }
nav.site ul { list-style: none; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; margin: 0;
              padding: 0; }
nav.site a { color: #0b4f9c; }
nav.site a[aria-current="page"] { font-weight: 600; text-decoration: none; color: inherit; }
nav.site a:focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
form.choice { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 0 0 1rem; }
form.choice select, form.choice button { font: inherit; padding: .2rem .5rem; }
form.choice select:focus-visible, form.choice button:focus-visible { outline: 3px solid #0b4f9c;
                                                                     outline-offset: 2px; }
a.skip { position: absolute; left: -999rem; }
a.skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .3rem .6rem; z-index: 1; }
@media print { nav.site, form.choice, a.skip { display: none; } }
"""


@lru_cache(maxsize=1)
def report_css() -> str:
    """The report's stylesheet: its template's ``<style>`` block, plus the rules the site adds."""
    source = files("aarshjul.reports").joinpath("templates/status.html").read_text("utf-8")
    found = _STYLE_BLOCK.search(source)
    rules = found.group(1) if found else ""
    depths = "\n".join(f".tree tr.d{n} td.title {{ --depth: {n - 1}; }}"
                       for n in range(1, _MAX_DEPTH + 1))
    return f"{rules.strip()}\n{depths}\n{_SITE_RULES.lstrip()}"


def report_page(report_html: str, css_href: str, icon_href: str, nav: str,
                skip: str = "Gå til indholdet") -> str:
    """The rendered report as a page of the site: linked stylesheet, no inline style, the nav,
    and a skip link to the report's ``<main>`` (first on the page, as on every other page)."""
    link = ('<meta name="robots" content="noindex, nofollow">\n'
            f'<link rel="stylesheet" href="{escape(css_href)}">\n'
            f'<link rel="icon" href="{escape(icon_href)}" type="image/svg+xml">')
    page = _STYLE_BLOCK.sub(lambda _m: link, report_html, count=1)
    page = _DEPTH_ATTR.sub("", page)
    # Inside the report's page frame when it has one, so the nav lines up with the report.
    frame = '<div class="page">' if '<div class="page">' in page else "<body>"
    page = page.replace(frame, f"{frame}\n{nav}", 1).replace("<main>", '<main id="main">', 1)
    return page.replace("<body>", f'<body>\n<a class="skip" href="#main">{escape(skip)}</a>', 1)


def link_meetings(svg: str, href: Callable[[str], str]) -> Markup:
    """The wheel as inline markup (no XML declaration), each meeting a link to ``href(code)``."""
    def wrap(m: re.Match[str]) -> str:
        target = escape(href(html.unescape(m.group(1))))
        return f'<a href="{target}" tabindex="-1">{m.group(0)}</a>'

    return Markup(_MEETING_GROUP.sub(wrap, _XML_DECLARATION.sub("", svg)))
