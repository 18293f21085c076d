"""What people call things: the label of a state, kind, body or meeting for its key, and the key
for whatever a person types (issue 17).

Keys (``droeftelse``, ``OEK``, ``delmaal``, ``BUU-2026-12-07``) are the machine's words: they
appear in ``--json`` and are accepted where a user types, never in what a person reads. A
:class:`Labels` is read once per command from the workflow definitions and the bodies table; it
turns keys into labels at the point of output. The resolvers (:func:`resolve_kind`,
:meth:`WorkflowDef.find_state`) are the one place that reads what a user typed for a kind or a
state: key, label, any case, and the Danish letters spelled out (``handlemål``, ``Handlemål``,
``handlemaal``), by :func:`~aarshjul.workflow.definitions.find_kind` and
:meth:`~aarshjul.workflow.definitions.WorkflowDef.find_state`; bodies are read by
:func:`aarshjul.services.body_names.resolve_body`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aarshjul.dates.formats import long_date, short_date
from aarshjul.errors import InvalidInput
from aarshjul.messages import has, translate
from aarshjul.services.body_names import ascii_key, split_name
from aarshjul.store.models import Body
from aarshjul.workflow.definitions import KINDS, WorkflowDef, find_kind
from aarshjul.workflow.registry import Workflows

_CODE = re.compile(r"^(?P<body>.+)-(?P<day>\d{4}-\d{2}-\d{2})$")
def kind_label(key: str, lang: str) -> str:
    return translate(f"report.kind.{key}", lang) if key in KINDS else key


def resolve_kind(text: str, lang: str = "da") -> str:
    """The kind key a user means by ``text`` (:func:`find_kind`), or exit 2 naming the words
    that are accepted."""
    found = find_kind(text)
    if found is None:
        known = ", ".join(kind_label(k, lang).lower() for k in KINDS)
        raise InvalidInput("input.bad_kind", kind=text, known=known)
    return found


def state_words(workflows: Iterable[WorkflowDef], lang: str) -> str:
    """The state labels a user may type, for a refusal's message."""
    seen: dict[str, None] = {}
    for defn in workflows:
        for state in defn.states:
            seen.setdefault(state.label(lang), None)
    return ", ".join(seen)


@dataclass(frozen=True)
class Labels:
    """Labels for one language, read once: ``labels.state("hoering")`` → ``Høring``."""

    lang: str
    bodies: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # key: (name, short)
    states: Mapping[str, str] = field(default_factory=dict)

    def state(self, key: str | None) -> str:
        return self.states.get(key, key) if key else ""

    def kind(self, key: str | None) -> str:
        return kind_label(key, self.lang) if key else ""

    def body(self, key: str | None) -> str:
        """The body's short name: ``ØK``, ``BUU``, ``Ledermøde``."""
        return self.bodies[key][1] if key is not None and key in self.bodies else (key or "")

    def body_name(self, key: str | None) -> str:
        """The body's full name without its short form: ``Økonomiudvalget``."""
        return self.bodies[key][0] if key is not None and key in self.bodies else (key or "")

    def meeting(self, code: str | None, *, prose: bool = False, body: str | None = None,
                day: date | None = None) -> str:
        """A meeting as people name it. In a table ``BUU 07.12.2026``; in a sentence
        ``BUU's møde mandag den 7. december 2026`` or ``ledermødet tirsdag den 15. december
        2026``. Without ``body`` and ``day`` they are read from the code ``BUU-2026-12-07``;
        a code of another form (a strategic conversation's) is named as such."""
        if not code:
            return ""
        if body is None or day is None:
            match = _CODE.match(code)
            if match is None:
                return translate("label.conversation", self.lang)
            body, day = match.group("body"), date.fromisoformat(match.group("day"))
        short = self.body(body)
        if not prose:
            return f"{short} {short_date(day, self.lang)}"
        when = long_date(day, self.lang)
        if self.lang == "en":
            return translate("label.meeting_of", "en", body=short, date=when)
        if short.isupper():  # an abbreviation takes an apostrophe: BUU's møde
            return translate("label.meeting_of", "da", body=short, date=when)
        # a noun takes its definite form: ledermødet, temamødet
        return translate("label.the_meeting", "da", body=short.lower() + "t", date=when)


def name_and_short(key: str, name: str) -> tuple[str, str]:
    """``("Økonomiudvalget", "ØK")``; a name with no short form is its own (``Ledermøde``)."""
    full, short = split_name(key, name)
    return (full, full) if short == key and ascii_key(full) == key else (full, short)


def read_labels(s: Session, lang: str) -> Labels:
    bodies = {key: name_and_short(key, name)
              for key, name in s.execute(select(Body.key, Body.name))}
    states: dict[str, str] = {}
    for defn in Workflows(s).every():
        for state in defn.states:
            states.setdefault(state.key, state.label(lang))
    return Labels(lang=lang, bodies=bodies, states=states)


def history_line(entry: Any, names: Labels) -> str:
    """One entry of an item's history in words: labels of states and meetings, never their
    keys (``history`` and the item's page on the web)."""
    lang = names.lang

    def t(key: str, **params: Any) -> str:
        return translate(key, lang, **params)

    d = entry.data
    key = f"action.{entry.action}"
    what = t(key) if has(key) else t("label.action.other")
    if entry.action in ("advance", "send-back", "withdraw"):
        what += f": {names.state(d.get('from'))} → {names.state(d.get('to'))}"
    elif entry.action == "create":
        version = f"{d.get('workflow')} v{d.get('workflow_version')}"
        what += f": {names.state(d.get('state'))} ({version})"
    elif entry.action in ("book", "unbook"):
        what += f": {names.meeting(d.get('meeting'))}"
        if d.get("orientation"):
            what += f" ({t('ui.for_orientation')})"
    elif entry.action == "edit":
        what += ": " + ", ".join(t(f"ui.{k}") if has(f"ui.{k}") else k
                                 for k in sorted(d.get("after", {})))
    elif entry.action.startswith("hoering-"):
        what += f": {d.get('party')}"
    for key in ("decision", "reason", "note"):
        if d.get(key):
            what += f" — {d[key]}"
    if d.get("forced"):
        what += f" [{t('label.forced')}: {d['forced']['reason']}]"
    return what
