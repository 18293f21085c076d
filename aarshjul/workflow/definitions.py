"""Workflow definitions: the TOML format, its loader and its validator.

A workflow is data, shipped as TOML beside this module. This module turns a TOML text into a frozen
:class:`WorkflowDef` and refuses a text with problems, naming every problem at once with file and
key, so that the secretariat can fix a definition in one go. It imports nothing heavy: the CLI uses
it to validate files without touching the database or the state machine library.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from aarshjul.errors import InvalidInput

WITHDRAWN = "trukket-tilbage"
KINDS = ("strategi", "indsatsomraade", "delmaal", "handlemaal", "aktivitet")
_SPELLED = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def folded(text: str) -> str:
    """How two spellings of a word are compared: case, spaces, hyphens and æ/ø/å spelled out
    do not matter (``Handlemål`` = ``handlemaal``; ``Godkendelse i OMU`` = ``godkendelse-omu``
    does not hold, but ``godkendelse i omu`` = ``Godkendelse i OMU`` does)."""
    return re.sub(r"[\s_-]+", "-", text.strip().casefold()).translate(_SPELLED)


def find_kind(text: str) -> str | None:
    """The kind key ``text`` names: its key or its Danish or English label, however spelled."""
    from aarshjul.messages import translate

    wanted = folded(text)
    for key in KINDS:
        labels = (key, translate(f"report.kind.{key}", "da"), translate(f"report.kind.{key}", "en"))
        if wanted in {folded(label) for label in labels}:
            return key
    return None

#: Guards a state may name in ``guards``; flags imply some (see :attr:`StateDef.exit_guards`).
GUARD_NAMES = ("decision", "held-meeting", "consultation-ended")

_Problem = Callable[[str, str], None]
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TOP_KEYS = {"name", "version", "initial", "kinds", "title", "states"}
_STATE_KEYS = {
    "key", "da", "en", "body", "political", "booking", "consultation", "terminal", "spawns",
    "next", "send_back", "guards", "chained",
}


@dataclass(frozen=True)
class StateDef:
    key: str
    da: str
    en: str
    body: str | None = None
    political: bool = False
    booking: bool = False
    consultation: bool = False
    terminal: bool = False
    spawns: bool = False  # handleplaner per workplace may be spawned from here
    #: The case comes to this body on the previous booked state's indstilling (ØK → KB): its
    #: sagsfrist is that meeting's decision, not counted back from its own meeting
    #: (:func:`aarshjul.services.meetings.sagsfrist`).
    chained: bool = False
    next: tuple[str, ...] = ()
    send_back: tuple[str, ...] = ()
    guards: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.da

    @property
    def exit_guards(self) -> tuple[str, ...]:
        """Guards checked when the item moves forward out of this state.

        The flags are the usual way to say it (a political state needs a decision, a booked
        state a held meeting, a høring its period ended); ``guards`` adds any others by name.
        """
        implied = []
        if self.political:
            implied.append("decision")
        if self.booking:
            implied.append("held-meeting")
        if self.consultation:
            implied.append("consultation-ended")
        return tuple(dict.fromkeys([*implied, *self.guards]))


_WITHDRAWN_STATE = StateDef(key=WITHDRAWN, da="Trukket tilbage", en="Withdrawn", terminal=True)


@dataclass(frozen=True)
class WorkflowDef:
    name: str
    version: int
    initial: str
    title_da: str
    title_en: str
    kinds: tuple[str, ...]
    states: tuple[StateDef, ...]
    source: str = field(repr=False, compare=False)

    def __hash__(self) -> int:
        # Definitions key the machine and move caches; the generated hash would walk every
        # state on every lookup (80 ms of a 10,000-row ``item list``). Equal definitions share
        # name and version, so this agrees with ``==``.
        return hash((self.name, self.version))

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_da

    def state(self, key: str) -> StateDef:
        try:
            return self._by_key[key]
        except KeyError:
            raise KeyError(key) from None

    # A definition is immutable, so what is derived from its states is derived once: the
    # reminder scan asks for states and the process order some 200,000 times at 100k items.
    # (cached_property writes the instance's __dict__ directly, which a frozen dataclass allows.)
    @cached_property
    def _by_key(self) -> dict[str, StateDef]:
        return {s.key: s for s in reversed(self.states)}  # the first of a key wins, as before

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.states)

    def find_state(self, text: str) -> StateDef | None:
        """The state whose key or Danish or English label is ``text``, however it is spelled
        (:func:`folded`: ``høring``, ``Høring``, ``hoering``, ``godkendelse i omu``)."""
        wanted = folded(text)
        for s in self.states:
            if wanted in (folded(s.key), folded(s.da), folded(s.en)):
                return s
        return None

    def main_line(self) -> tuple[StateDef, ...]:
        """The states in process order: the forward path from the initial state."""
        return self._main_line

    def chain_source(self, key: str) -> StateDef | None:
        """For a ``chained`` state, the booked state before it on the main line, whose meeting
        sends the case on (ØK for KB); None for any other state."""
        line = self._main_line
        keys = [s.key for s in line]
        if key not in keys or not self.state(key).chained:
            return None
        return next((s for s in reversed(line[:keys.index(key)]) if s.booking and s.body), None)

    @cached_property
    def _main_line(self) -> tuple[StateDef, ...]:
        order: list[StateDef] = []
        seen: set[str] = set()
        key: str | None = self.initial
        while key is not None and key not in seen:
            seen.add(key)
            s = self.state(key)
            order.append(s)
            key = s.next[0] if s.next else None
        order += [s for s in self.states if s.key not in seen]
        return tuple(order)

    def mermaid(self, lang: str = "da") -> str:
        """A Mermaid state diagram, for pasting into documentation."""
        ids = {s.key: s.key.replace("-", "_") for s in self.states}
        lines = ["stateDiagram-v2"]
        for s in self.states:
            lines.append(f'    {ids[s.key]}: {s.label(lang).replace(":", " ")}')
        lines.append(f"    [*] --> {ids[self.initial]}")
        for s in self.states:
            lines += [f"    {ids[s.key]} --> {ids[t]}" for t in s.next]
            back = "send back" if lang == "en" else "sendes tilbage"
            lines += [f"    {ids[s.key]} --> {ids[t]}: {back}" for t in s.send_back]
            if s.terminal:
                lines.append(f"    {ids[s.key]} --> [*]")
        return "\n".join(lines) + "\n"


def load_text(text: str, origin: str) -> WorkflowDef:
    """Parse and validate a definition; raise :class:`InvalidInput` listing every problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput("workflow.invalid", file=origin, count=1,
                           details=[f"{origin}: {exc}"]) from None
    problems: list[str] = []

    def problem(where: str, what: str) -> None:
        problems.append(f"{origin}: {where}: {what}")

    for key in sorted(set(raw) - _TOP_KEYS):
        problem(key, "unknown key")
    name = raw.get("name")
    if not isinstance(name, str) or not _SLUG.match(name):
        problem("name", "must be an ASCII slug such as 'strategiproces'")
        name = str(name)
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problem("version", "must be a whole number of 1 or more")
        version = 0
    title = raw.get("title", {})
    if not isinstance(title, dict) or not isinstance(title.get("da"), str) \
            or not isinstance(title.get("en"), str):
        problem("title", "needs da and en, e.g. [title] da = \"...\" en = \"...\"")
        title = {"da": name, "en": name}
    kinds = raw.get("kinds", [])
    if not isinstance(kinds, list) or any(k not in KINDS for k in kinds):
        problem("kinds", f"must be a list of: {', '.join(KINDS)}")
        kinds = []

    states = _parse_states(raw.get("states"), problem)
    _check_graph(states, raw.get("initial"), problem)

    if problems:
        raise InvalidInput("workflow.invalid", file=origin, count=len(problems), details=problems)
    assert isinstance(name, str) and isinstance(version, int)
    return WorkflowDef(
        name=name, version=version, initial=str(raw["initial"]), title_da=title["da"],
        title_en=title["en"], kinds=tuple(kinds), states=(*states, _WITHDRAWN_STATE), source=text,
    )


def _parse_states(raw_states: object, problem: _Problem) -> list[StateDef]:
    if not isinstance(raw_states, list) or not raw_states:
        problem("states", "at least one [[states]] table is needed")
        return []
    states: list[StateDef] = []
    seen_keys: set[str] = set()
    seen_labels: dict[str, str] = {}
    for i, rs in enumerate(raw_states, start=1):
        found = _state_key(i, rs, seen_keys, problem)
        if found is None:
            continue
        key, where = found
        state = _parse_state(key, where, rs, problem)
        if state is None:
            continue
        _check_names(state, where, seen_labels, problem)
        states.append(state)
    return states


def _state_key(i: int, rs: object, seen_keys: set[str],
               problem: _Problem) -> tuple[str, str] | None:
    """The key of the ``i``-th state table and where to report its problems, or None (with the
    problem reported) when the table cannot be read further."""
    if not isinstance(rs, dict):
        problem(f"states[{i}]", "must be a table")
        return None
    key = rs.get("key")
    where = f"states.{key}" if isinstance(key, str) else f"states[{i}]"
    for extra in sorted(set(rs) - _STATE_KEYS):
        problem(f"{where}.{extra}", "unknown key")
    if not isinstance(key, str) or not _SLUG.match(key):
        problem(f"{where}.key", "must be an ASCII slug such as 'godkendelse-omu'")
        return None
    if key == WITHDRAWN:
        problem(where, f"'{WITHDRAWN}' is reserved: every workflow has it already")
        return None
    if key in seen_keys:
        problem(where, "duplicate state key")
        return None
    seen_keys.add(key)
    return key, where


def _parse_state(key: str, where: str, rs: dict[str, Any],
                 problem: _Problem) -> StateDef | None:
    """The state from its table, or None when it has problems (all of them reported)."""
    ok = _check_labels_and_flags(where, rs, problem)
    lists, lists_ok = _state_lists(where, rs, problem)
    body, body_ok = _state_body(where, rs, problem)
    if not (ok and lists_ok and body_ok):
        return None
    return StateDef(
        key=key, da=rs["da"], en=rs["en"], body=body, political=rs.get("political", False),
        booking=rs.get("booking", False), consultation=rs.get("consultation", False),
        terminal=rs.get("terminal", False), spawns=rs.get("spawns", False),
        chained=rs.get("chained", False), next=lists["next"],
        send_back=lists["send_back"], guards=lists["guards"],
    )


def _check_labels_and_flags(where: str, rs: dict[str, Any], problem: _Problem) -> bool:
    ok = True
    for lang in ("da", "en"):
        if not isinstance(rs.get(lang), str) or not rs[lang].strip():
            problem(f"{where}.{lang}", "a label is needed")
            ok = False
    for flag in ("political", "booking", "consultation", "terminal", "spawns", "chained"):
        if not isinstance(rs.get(flag, False), bool):
            problem(f"{where}.{flag}", "must be true or false")
            ok = False
    if rs.get("chained") is True and rs.get("booking") is not True:
        problem(f"{where}.chained", "only a state that needs a booking can receive its case "
                                    "from the previous body's meeting (add booking = true)")
        ok = False
    return ok


def _state_lists(where: str, rs: dict[str, Any],
                 problem: _Problem) -> tuple[dict[str, tuple[str, ...]], bool]:
    """``next``, ``send_back`` and ``guards`` (empty when not a list of strings), and whether
    they are fine."""
    ok = True
    lists: dict[str, tuple[str, ...]] = {}
    for list_key in ("next", "send_back", "guards"):
        value = rs.get(list_key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problem(f"{where}.{list_key}", "must be a list of state keys")
            ok = False
            value = []
        lists[list_key] = tuple(value)
    for guard in lists["guards"]:
        if guard not in GUARD_NAMES:
            known = ", ".join(GUARD_NAMES)
            problem(f"{where}.guards", f"unknown guard '{guard}' (known: {known})")
            ok = False
    return lists, ok


def _state_body(where: str, rs: dict[str, Any], problem: _Problem) -> tuple[Any, bool]:
    """The body that treats the item in this state, and whether it is fine."""
    ok = True
    body = rs.get("body")
    if body is not None and (not isinstance(body, str) or not body.strip()):
        problem(f"{where}.body", "must be a body key such as 'BUU'")
        ok = False
    if rs.get("booking") and not body:
        problem(f"{where}.booking", "a state that needs a booking must name its body")
        ok = False
    return body, ok


def _check_names(state: StateDef, where: str, seen_labels: dict[str, str],
                 problem: _Problem) -> None:
    """A state's key and labels may not name another state."""
    key = state.key
    for text in {key, state.da, state.en}:
        other = seen_labels.get(text.casefold())
        if other is not None and other != key:
            problem(where, f"'{text}' is also the name of state '{other}'")
        seen_labels[text.casefold()] = key


def _check_graph(states: list[StateDef], initial: object, problem: _Problem) -> None:
    by_key = {s.key: s for s in states}
    for s in states:
        for target in s.next:
            if target not in by_key:
                problem(f"states.{s.key}.next", f"unknown state '{target}'")
        for target in s.send_back:
            if target not in by_key:
                problem(f"states.{s.key}.send_back", f"unknown state '{target}'")
            elif target == s.key:
                problem(f"states.{s.key}.send_back", "a state cannot send back to itself")
        if s.terminal and s.next:
            problem(f"states.{s.key}", "a terminal state cannot have next states")
        if not s.terminal and not s.next:
            problem(f"states.{s.key}", "dead end: no next state and not marked terminal = true")
    if not isinstance(initial, str) or initial not in by_key:
        problem("initial", f"must be one of the states, not '{initial}'")
        return
    reached = _reachable(initial, by_key)
    for s in states:
        if s.key not in reached:
            problem(f"states.{s.key}", f"unreachable from the initial state '{initial}'")
    if not any(by_key[k].terminal for k in reached):
        problem("states", "no terminal state can be reached")


def _reachable(start: str, by_key: dict[str, StateDef]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for target in by_key[todo.pop()].next:
            if target in by_key and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def load_file(path: str) -> WorkflowDef:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput("file.unreadable", file=path, reason=str(exc)) from None
    return load_text(text, path)


def shipped() -> list[WorkflowDef]:
    """The definitions that come with the package, in a stable order."""
    from importlib import resources  # 7 ms that only ``init`` and ``workflow`` commands need

    folder = resources.files("aarshjul.workflow")
    found = [load_text(entry.read_text(encoding="utf-8"), f"aarshjul/workflow/{entry.name}")
             for entry in folder.iterdir() if entry.name.endswith(".toml")]
    return sorted(found, key=lambda d: d.name)

