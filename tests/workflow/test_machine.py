"""The state machine: one per definition, moves from a state, guards as conditions."""

from __future__ import annotations

import pytest

from aarshjul.workflow.definitions import WITHDRAWN, shipped
from aarshjul.workflow.machine import MachineError, Move, fire, machine_for, moves_from

DEFN = next(d for d in shipped() if d.name == "strategiproces")


def test_one_machine_per_definition_is_built_and_reused() -> None:
    assert machine_for(DEFN) is machine_for(DEFN)
    fire(DEFN, "droeftelse", Move("advance", "kvalificering"), lambda g: True)
    assert machine_for(DEFN).models == []  # nothing stays attached after a move


def test_moves_from_a_political_state() -> None:
    assert moves_from(DEFN, "buu") == [
        Move("advance", "hoering"), Move("send-back", "kvalificering"),
        Move("send-back", "droeftelse"), Move("withdraw", WITHDRAWN)]
    assert moves_from(DEFN, "afsluttet") == []


def test_a_failing_guard_stops_the_move_and_a_passing_one_lets_it_through() -> None:
    asked: list[str] = []

    def passes(guard: str) -> bool:
        asked.append(guard)
        return guard != "decision"

    assert fire(DEFN, "buu", Move("advance", "hoering"), passes) is None
    assert "decision" in asked
    assert fire(DEFN, "buu", Move("advance", "hoering"), lambda g: True) == "hoering"


def test_a_move_the_definition_does_not_have_is_a_machine_error() -> None:
    with pytest.raises(MachineError):
        fire(DEFN, "droeftelse", Move("advance", "kb"), lambda g: True)
