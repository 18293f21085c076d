"""The status report rendered as Markdown, as one HTML page, and as PDF from that page.

The renderers are pure functions of the :class:`~aarshjul.reports.status_data.StatusReport`
value: Markdown and HTML from the Jinja2 templates in ``reports/templates/`` (HTML autoescaped,
with the årshjul wheel inlined as SVG), and PDF from the HTML with WeasyPrint when the ``pdf``
extra is installed. They import only the value's module; the spreadsheet is
:mod:`aarshjul.reports.xlsx`, and :mod:`aarshjul.reports.status` chooses between them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import IO, TYPE_CHECKING, Any

from jinja2 import pass_context

from aarshjul.dates import formats
from aarshjul.errors import EnvironmentProblem
from aarshjul.messages import install_in, translate
from aarshjul.reports.status_data import (
    AT_RISK_DAYS,
    OrgStatus,
    StatusReport,
    deadline_what,
    describe_scope,
)
from aarshjul.services.conversations import AGENDA, QUESTIONS

if TYPE_CHECKING:
    from jinja2 import Environment


@pass_context
def short_date(context: Any, day: date | None) -> str:
    """A date in a table cell, in the report's language: ``07.12.2026``."""
    return formats.short_date(day, context.get("lang", "da"))


@pass_context
def clock(context: Any, moment: datetime) -> str:
    """A moment in a table cell, in Copenhagen time: ``07.12.2026 10:00``."""
    return formats.short_moment(moment, context.get("lang", "da"))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")
_MD_HTML = {"<": "&lt;", ">": "&gt;"}
_ENTITY = re.compile(r"&(?=#?\w+;)")


def md_cell(value: object) -> str:
    """User text in a Markdown table cell: one line, pipes and markup escaped.

    ``<`` and ``>`` become character references (and an ``&`` that would start one is escaped
    itself), so a title like ``<script>`` or ``<img onerror=…>`` stays text whatever turns the
    Markdown into HTML: a backslash before ``<`` is honoured by CommonMark but not by every
    renderer (Python-Markdown passes ``\\<script>`` through as HTML).
    """
    text = "" if value is None else " ".join(str(value).split())
    text = _ENTITY.sub("&amp;", text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"[<>]", lambda m: _MD_HTML[m.group(0)], text)


_CODE_OR_DATE = re.compile(r"(?:[A-Z0-9]+-)*\d{4}-\d{2}-\d{2}(?:-\d+)?")


def keep_together(value: object) -> Any:
    """Escaped text in which dates and meeting codes (BUU-2026-12-07) never break at a hyphen.

    The text is escaped first, so what is wrapped can hold no markup of its own.
    """
    from markupsafe import Markup, escape

    text = str(escape("" if value is None else value))
    return Markup(_CODE_OR_DATE.sub(lambda m: f'<span class="date">{m.group(0)}</span>', text))


@lru_cache(maxsize=1)
def report_env() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    from aarshjul.jinja_cache import bytecode_cache

    env = Environment(loader=PackageLoader("aarshjul.reports", "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html",),
                                                   default_for_string=False),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, bytecode_cache=bytecode_cache())
    env.filters["md"] = md_cell
    env.filters["iso"] = short_date
    env.filters["clock"] = clock
    env.filters["oneline"] = lambda v: " ".join(str(v).split())
    env.filters["together"] = keep_together
    install_in(env)
    return env


def _context(report: StatusReport) -> dict[str, Any]:
    lang = report.lang

    def t(key: str, /, **params: object) -> str:
        return translate(f"report.{key}", lang, **params)

    # counted as the spooled changes pass, never held in a list (issue 19: bounded memory)
    moves = sum(1 for c in report.changes if c.action in ("advance", "send-back", "withdraw"))
    from aarshjul.reports.charts import indicator_chart

    return {
        "r": report, "lang": lang,
        "chart": lambda v: indicator_chart(v, t("chart_alt", name=v.name)),
        "indicator_status": lambda s: translate(f"indicator.{s}", lang),
        "conversation_status": lambda s: translate(f"conversation.{s}", lang),
        "agenda_status": lambda s: translate(f"agenda.status.{s}", lang),
        "questions": QUESTIONS["en" if lang == "en" else "da"],
        "agenda_points": AGENDA["en" if lang == "en" else "da"],
        "health_label": lambda h: t(f"health.{h}"),
        "long_date": lambda d: formats.long_date(d, lang),
        "days": lambda n: t("days_over", n=-n) if n < 0 else t("days_left", n=n),
        "deadline_what": lambda d: deadline_what(d, lang, report.names),
        "quantity": lambda value, unit: formats.quantity(value, unit, lang),
        "for_meeting": lambda m: translate("label.for_meeting", lang, meeting=report.names.meeting(
            m.code, prose=True, body=m.body, day=m.date)),
        "meeting": lambda code, day=None: report.names.meeting(code, day=day) if code else "",
        "scope": describe_scope(report),
        "at_risk_days": AT_RISK_DAYS,
        "moves": moves,
        "decisions": sum(1 for c in report.changes if c.decision),
        "send_backs": sum(1 for c in report.changes if c.action == "send-back"),
    }


def render_markdown(report: StatusReport) -> str:
    return "".join(markdown_chunks(report))


def markdown_chunks(report: StatusReport) -> Iterator[str]:
    """:func:`render_markdown` in pieces as the template produces them (issue 19): a national
    report is written to its file without being held whole."""
    return report_env().get_template("status.md").generate(_context(report))


def render_html(report: StatusReport, wheel_svg: str = "") -> str:
    """One self-contained page: inline CSS and SVG, no script, printable on A4.

    ``wheel_svg`` comes from :func:`aarshjul.reports.wheel.render_wheel`, which builds it with
    ElementTree and so escapes every user text; it is inserted as markup, without its XML
    declaration.
    """
    return "".join(html_chunks(report, wheel_svg))


#: Where the wheel goes when it is read from a file: the template writes this, and
#: :func:`html_chunks` puts the file's text in its place.
_WHEEL_MARK = "\x00aarshjul-wheel\x00"


def html_chunks(report: StatusReport, wheel_svg: str | IO[str] = "", *,
                block: int = 1 << 16) -> Iterator[str]:
    """:func:`render_html` in pieces as the template produces them.

    ``wheel_svg`` may also be an open text file holding the ``<svg>`` element
    (:func:`aarshjul.reports.wheel.write_wheel_svg`): it is copied into the page ``block``
    characters at a time, never read whole (issue 19).
    """
    template = report_env().get_template("status.html")
    if isinstance(wheel_svg, str):
        svg = re.sub(r"^<\?xml[^>]*\?>\s*", "", wheel_svg)
        return template.generate(_context(report), wheel=svg)
    return _with_wheel(template.generate(_context(report), wheel=_WHEEL_MARK), wheel_svg,
                       block)


def _with_wheel(chunks: Iterable[str], wheel: IO[str], size: int = 1 << 16) -> Iterator[str]:
    for chunk in chunks:
        before, mark, after = chunk.partition(_WHEEL_MARK)
        yield before
        if mark:
            while piece := wheel.read(size):
                yield piece
            yield after


def encoded(chunks: Iterable[str], size: int = 1 << 16) -> Iterator[bytes]:
    """Text pieces as UTF-8 in blocks of about ``size`` characters (one write each)."""
    block: list[str] = []
    length = 0
    for chunk in chunks:
        block.append(chunk)
        length += len(chunk)
        if length >= size:
            yield "".join(block).encode("utf-8")
            block, length = [], 0
    if block:
        yield "".join(block).encode("utf-8")


def render_overview(rows: Sequence[OrgStatus], buckets: Sequence[str], generated: datetime,
                    lang: str) -> str:
    """The whole installation's overview page (``report status --all-orgs``): a line per
    municipality with its headline counts and a link to its own report beside it."""
    return report_env().get_template("status_all.html").render(
        rows=rows, buckets=buckets, generated=generated, lang=lang,
        totals={b: sum(r.health.get(b, 0) for r in rows) for b in buckets},
        total=sum(r.total for r in rows),
        health_label=lambda h: translate(f"report.health.{h}", lang),
        long_date=lambda d: formats.long_date(d, lang))


def require_weasyprint() -> Any:
    """WeasyPrint's ``HTML`` class, or a clear message saying how to install it."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        # OSError: WeasyPrint is installed but the Pango library it loads is not.
        raise EnvironmentProblem("report.no_pdf", reason=str(exc) or type(exc).__name__) \
            from None
    return HTML


def render_pdf(html: str) -> bytes:
    """The HTML report as PDF, with WeasyPrint from the optional ``pdf`` extra."""
    return bytes(require_weasyprint()(string=html).write_pdf())
