"""The state machine: one ``transitions.Machine`` per workflow definition, shared by all items.

Building a machine is expensive (about 600 µs and 35 KiB each), so machines are built once per
definition and cached; an item is attached only for the one operation (``add_model`` → trigger or
``may_`` → ``remove_model``) through a small token, never as the ORM row itself. The machine
decides: a move the definition lacks is a ``MachineError``, and a forward move is taken only when
its conditions — the exit guards of the state — pass. What each guard means lives in
:mod:`aarshjul.workflow.guards`; the machine asks the token's :data:`GuardCheck` for every exit
guard (all of them, not just up to the first that fails, so that a refusal can name everything that
is missing).

Moves and their trigger names:

- ``advance`` to one of the state's ``next`` states — trigger ``advance:<key>``, guarded;
- ``send-back`` to one of its ``send_back`` states — trigger ``send-back:<key>``;
- ``withdraw`` to ``trukket-tilbage`` from any non-terminal state.

Pause and resume set a flag on the item and are not state changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from transitions import EventData, Machine, MachineError

from aarshjul.workflow.definitions import WITHDRAWN, WorkflowDef

MoveKind = Literal["advance", "send-back", "withdraw"]
#: Answers whether the named exit guard lets the item go (a forced move answers yes for a guard
#: that is not met); :class:`aarshjul.workflow.guards.Check` evaluates the real guards.
GuardCheck = Callable[[str], bool]


@dataclass(frozen=True)
class Move:
    kind: MoveKind
    target: str

    @property
    def trigger(self) -> str:
        return f"{self.kind}:{self.target}"


class _Token:
    """What the machine moves: a state and the guard check for it, so the ORM row never gets
    machine methods."""

    def __init__(self, state: str, passes: GuardCheck | None) -> None:
        self.state = state
        self.passes = passes


def _exit_guards(names: tuple[str, ...]) -> Callable[[EventData], bool]:
    """The condition of a guarded move: every named guard must pass. Each is asked (a list, not
    a short-circuiting ``all``), so the check has seen every guard that is not met. A token
    without a check fails closed."""

    def check(event: EventData) -> bool:
        passes: GuardCheck | None = event.model.passes  # type: ignore[attr-defined]
        if passes is None:
            return False
        return all([passes(name) for name in names])

    check.__name__ = "guards_" + "_".join(n.replace("-", "_") for n in names)
    return check


@lru_cache(maxsize=64)
def machine_for(defn: WorkflowDef) -> Machine:
    transitions: list[dict[str, Any]] = []
    for s in defn.states:
        guards = [_exit_guards(s.exit_guards)] if s.exit_guards else []
        for target in s.next:
            transitions.append({"trigger": Move("advance", target).trigger, "source": s.key,
                                "dest": target, "conditions": guards})
        for target in s.send_back:
            transitions.append({"trigger": Move("send-back", target).trigger, "source": s.key,
                                "dest": target})
        if not s.terminal:
            transitions.append({"trigger": Move("withdraw", WITHDRAWN).trigger, "source": s.key,
                                "dest": WITHDRAWN})
    return Machine(model=None, states=list(defn.keys), transitions=transitions,
                   initial=defn.initial, auto_transitions=False, send_event=True,
                   model_attribute="state")


def moves_from(defn: WorkflowDef, state: str) -> list[Move]:
    """Every move the definition has from ``state``, before asking any guard: forward, back,
    withdraw, each in the order the definition lists them (the machine itself does not keep an
    order)."""
    return list(_moves_from(defn, state))


@lru_cache(maxsize=1024)
def _moves_from(defn: WorkflowDef, state: str) -> tuple[Move, ...]:
    moves = []
    for trigger in machine_for(defn).get_triggers(state):
        kind, _, target = trigger.partition(":")
        if kind in ("advance", "send-back", "withdraw"):
            moves.append(Move(kind, target))  # type: ignore[arg-type]
    here = defn.state(state)
    listed = {("advance", t): i for i, t in enumerate(here.next)}
    listed |= {("send-back", t): i for i, t in enumerate(here.send_back)}
    order = {"advance": 0, "send-back": 1, "withdraw": 2}
    return tuple(sorted(moves, key=lambda m: (order[m.kind], listed.get((m.kind, m.target), 0))))


@contextmanager
def _attached(defn: WorkflowDef, state: str, passes: GuardCheck | None) -> Iterator[Any]:
    """A token in ``state`` attached to the definition's machine for one operation."""
    machine = machine_for(defn)
    token = _Token(state, passes)
    machine.add_model(token, initial=state)
    try:
        yield token
    finally:
        machine.remove_model(token)


def fire(defn: WorkflowDef, state: str, move: Move, passes: GuardCheck | None = None) -> str | None:
    """Run ``move`` from ``state``; return the new state, or None when the guards said no.

    ``passes`` answers for each exit guard of a guarded move (see :data:`GuardCheck`); without
    it a guarded move is refused. Raises ``MachineError`` for a move the definition does not
    have from ``state``.
    """
    if move.trigger not in machine_for(defn).events:  # transitions: AttributeError
        raise MachineError(f"No move {move.trigger!r} in {defn.name} {defn.version}.")
    with _attached(defn, state, passes) as token:
        ok = token.trigger(move.trigger)
    return token.state if ok else None


def may(defn: WorkflowDef, state: str, moves: list[Move],
        passes: GuardCheck | None = None) -> dict[Move, bool]:
    """For each of ``moves``, whether the machine would take it from ``state`` now (its
    ``may_<trigger>``: the conditions are evaluated, nothing moves). A move the definition does
    not have from ``state`` is False."""
    with _attached(defn, state, passes) as token:
        return {move: bool(token.may_trigger(move.trigger)) for move in moves}


__all__ = ["GuardCheck", "MachineError", "Move", "fire", "machine_for", "may", "moves_from"]
