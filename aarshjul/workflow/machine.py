"""The state machine: one ``transitions.Machine`` per workflow definition, shared by all items.

Building a machine is expensive (DESIGN.md §9), so machines are built once per definition and
cached; an item is attached only for the one move (``add_model`` → trigger → ``remove_model``)
through a small token, never as the ORM row itself. The machine knows the structure (which moves
exist from which state) and enforces the guards through conditions; what each guard means lives in
:mod:`aarshjul.workflow.guards`.

Moves and their trigger names:

- ``advance`` to one of the state's ``next`` states — trigger ``advance:<key>``, guarded;
- ``send-back`` to one of its ``send_back`` states — trigger ``send-back:<key>``;
- ``withdraw`` to ``trukket-tilbage`` from any non-terminal state.

Pause and resume set a flag on the item and are not state changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from transitions import Machine, MachineError

from aarshjul.workflow.definitions import WITHDRAWN, WorkflowDef

MoveKind = Literal["advance", "send-back", "withdraw"]
GuardCheck = Callable[[str], bool]


@dataclass(frozen=True)
class Move:
    kind: MoveKind
    target: str

    @property
    def trigger(self) -> str:
        return f"{self.kind}:{self.target}"


class _Token:
    """What the machine moves: just a state, so the ORM row never gets machine methods."""

    def __init__(self, state: str) -> None:
        self.state = state


def _condition(guard: str) -> Callable[[Any], bool]:
    def check(event: Any) -> bool:
        passes: GuardCheck = event.kwargs["passes"]
        return passes(guard)

    check.__name__ = f"guard_{guard.replace('-', '_')}"
    return check


@lru_cache(maxsize=64)
def machine_for(defn: WorkflowDef) -> Machine:
    transitions: list[dict[str, Any]] = []
    for s in defn.states:
        guards = [_condition(g) for g in s.exit_guards]
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
    """Every move the definition allows from ``state``: forward, back, withdraw, each in the
    order the definition lists them (the machine itself does not keep an order)."""
    moves = []
    for trigger in machine_for(defn).get_triggers(state):
        kind, _, target = trigger.partition(":")
        if kind in ("advance", "send-back", "withdraw"):
            moves.append(Move(kind, target))  # type: ignore[arg-type]
    here = defn.state(state)
    listed = {("advance", t): i for i, t in enumerate(here.next)}
    listed |= {("send-back", t): i for i, t in enumerate(here.send_back)}
    order = {"advance": 0, "send-back": 1, "withdraw": 2}
    return sorted(moves, key=lambda m: (order[m.kind], listed.get((m.kind, m.target), 0)))


def fire(defn: WorkflowDef, state: str, move: Move, passes: GuardCheck) -> str | None:
    """Run ``move`` from ``state``; return the new state, or None when a guard said no.

    Raises ``MachineError`` for a move the definition does not have from ``state``.
    """
    machine = machine_for(defn)
    token = _Token(state)
    machine.add_model(token, initial=state)
    try:
        ok = token.trigger(move.trigger, passes=passes)  # type: ignore[attr-defined]
    finally:
        machine.remove_model(token)
    return token.state if ok else None


__all__ = ["MachineError", "Move", "fire", "machine_for", "moves_from"]
