"""Composing the digest email: one per recipient and run, grouped by deadline date.

Templates live in ``templates/<message>/`` (``subject.txt``, ``body.txt``, ``body.html``; HTML is
autoescaped). The subject is made one line before it reaches a header, so a title with a line
break can never add a header. Every message is multipart text + HTML, UTF-8, with a Message-ID,
a Date and an ``.ics`` attachment holding the deadlines it mentions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from functools import lru_cache
from itertools import groupby
from typing import TYPE_CHECKING, Any

from aarshjul.dates.formats import long_date, plural, week
from aarshjul.dates.timeutil import local
from aarshjul.messages import LANGUAGES, install_in
from aarshjul.services.labels import Labels, name_and_short

if TYPE_CHECKING:
    from jinja2 import Environment

@dataclass(frozen=True)
class Digest:
    message_id: str
    email: str
    name: str
    lang: str
    entries: tuple[dict[str, Any], ...]

    @property
    def weekly(self) -> bool:
        return any(e.get("kind") == "weekly" for e in self.entries)

    @property
    def report(self) -> bool:
        return any(e.get("kind") == "report" for e in self.entries)

    @property
    def agenda(self) -> bool:
        return any(e.get("kind") == "agenda" for e in self.entries)


@lru_cache(maxsize=1)
def _env() -> Environment:
    # Imported here: a dry run or a scan that sends nothing never needs the templates.
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    from aarshjul.jinja_cache import bytecode_cache

    env = Environment(loader=PackageLoader("aarshjul.notifications", "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html",),
                                                   default_for_string=False),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, bytecode_cache=bytecode_cache())
    install_in(env)
    return env


def one_line(text: str) -> str:
    return " ".join(text.split())


def _groups(entries: Sequence[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Entries grouped by deadline date, overdue first; stalled items last."""
    flat: list[dict[str, Any]] = []
    for e in entries:
        flat += e["items"] if e.get("kind") == "weekly" else [e]
    dated = sorted((e for e in flat if e.get("due")), key=lambda e: (e["due"], e["ref"]))
    groups = [(day, list(items)) for day, items in groupby(dated, key=lambda e: str(e["due"]))]
    stalled = [e for e in flat if not e.get("due")]
    if stalled:
        groups.append(("", stalled))
    return groups


def compose(digest: Digest, *, sender: str, now: datetime) -> EmailMessage:
    lang = digest.lang if digest.lang in LANGUAGES else "da"
    if digest.report:
        return compose_report(digest, sender=sender, now=now)
    if digest.agenda:
        return compose_agenda(digest, sender=sender, now=now)
    kind = "weekly" if digest.weekly else "reminder"
    groups = _groups(digest.entries)
    flat = [e for _, items in groups for e in items]
    context = {
        "lang": lang, "name": digest.name, "groups": groups,
        "first_name": (digest.name.split() or [digest.name])[0],
        "count": len(flat), "overdue": sum(1 for e in flat if e.get("working_days_left", 0) < 0),
        "long_date": lambda v: long_date(v, lang), "week": _week(digest.entries, lang),
        # only items of others, none with a deadline: the secretariat's overview of stalled items
        "secretariat": all(e.get("rule") == "stalled" and e.get("owner_name") != digest.name
                           for e in flat),
        "meeting": lambda e: _meeting(e, lang),
        "n": lambda count, key: plural(int(count), key, lang),
    }
    env = _env()
    subject = one_line(env.get_template(f"{kind}/subject.txt").render(context))
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = digest.email
    message["Date"] = format_datetime(local(now))
    message["Message-ID"] = digest.message_id
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(env.get_template(f"{kind}/body.txt").render(context))
    message.add_alternative(env.get_template(f"{kind}/body.html").render(context),
                            subtype="html")
    ics = deadlines_ics(flat, now, lang)
    if ics is not None:
        # the calendar is UTF-8 text: say so, or "Årshjul" reads "��rshjul" in a mail client
        message.add_attachment(ics, maintype="text", subtype="calendar",
                               filename="frister.ics" if lang == "da" else "deadlines.ics",
                               params={"method": "PUBLISH", "charset": "utf-8"})
    return message


def _week(entries: Sequence[dict[str, Any]], lang: str) -> str:
    """``uge 49`` for a week overview (the rule's ``2026-W49``), else empty."""
    found = next((str(e["week"]) for e in entries if e.get("week")), "")
    year, _, number = found.partition("-W")
    if not (year.isdigit() and number.isdigit()):
        return found
    return week(date.fromisocalendar(int(year), int(number), 1), lang)


def _meeting(entry: dict[str, Any], lang: str) -> str:
    """The meeting of a deadline as a sentence names it: ``BUU's møde mandag den 7. december
    2026``; never its code."""
    code, body, day = entry.get("meeting"), entry.get("body"), entry.get("meeting_date")
    if not code:
        return ""
    bodies = {str(body): name_and_short(str(body), str(entry["body_name"]))} if (
        body and entry.get("body_name")) else {}
    return Labels(lang=lang, bodies=bodies).meeting(
        str(code), prose=True, body=str(body) if body else None,
        day=date.fromisoformat(str(day)) if day else None)


def compose_report(digest: Digest, *, sender: str, now: datetime) -> EmailMessage:
    """A status report for a meeting (``report send``): its own mail, never in a digest.

    The body says the headline and the overdue deadlines; the full report, as rendered when it
    was queued, is attached as a self-contained HTML page and as a spreadsheet.
    """
    import base64

    lang = digest.lang if digest.lang in LANGUAGES else "da"
    entry = digest.entries[0]
    context = {"lang": lang, "name": digest.name, "r": entry,
               "long_date": lambda v: long_date(v, lang),
               "n": lambda count, key: plural(int(count), key, lang)}
    env = _env()
    message = EmailMessage()
    message["Subject"] = one_line(env.get_template("report/subject.txt").render(context))
    message["From"] = sender
    message["To"] = digest.email
    message["Date"] = format_datetime(local(now))
    message["Message-ID"] = digest.message_id
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(env.get_template("report/body.txt").render(context))
    message.add_alternative(env.get_template("report/body.html").render(context),
                            subtype="html")
    name = str(entry.get("filename") or "statusrapport")
    message.add_attachment(str(entry["html"]), subtype="html", filename=f"{name}.html")
    if entry.get("xlsx"):
        message.add_attachment(
            base64.b64decode(entry["xlsx"]), maintype="application",
            subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename=f"{name}.xlsx")
    return message


def compose_agenda(digest: Digest, *, sender: str, now: datetime) -> EmailMessage:
    """A published agenda (``meeting publish``): its own mail with the document attached as
    PDF, as it was rendered when it was published."""
    import base64

    lang = digest.lang if digest.lang in LANGUAGES else "da"
    entry = digest.entries[0]
    context = {"lang": lang, "name": digest.name, "r": entry,
               "long_date": lambda v: long_date(v, lang)}
    env = _env()
    message = EmailMessage()
    message["Subject"] = one_line(env.get_template("agenda/subject.txt").render(context))
    message["From"] = sender
    message["To"] = digest.email
    message["Date"] = format_datetime(local(now))
    message["Message-ID"] = digest.message_id
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(env.get_template("agenda/body.txt").render(context))
    message.add_alternative(env.get_template("agenda/body.html").render(context),
                            subtype="html")
    message.add_attachment(base64.b64decode(entry["pdf"]), maintype="application",
                           subtype="pdf", filename=str(entry["filename"]))
    return message


def deadlines_ics(entries: Sequence[dict[str, Any]], now: datetime,
                  lang: str = "da") -> bytes | None:
    """The deadlines of a digest as calendar events, so they land in Outlook with one click."""
    from aarshjul.reports.ics import deadline_calendar

    dated = [e for e in entries if e.get("due")]
    return deadline_calendar(dated, now, lang=lang) if dated else None
