"""The state machine: one per definition, moves from a state, guards as conditions."""

from __future__ import annotations

import pytest

from aarshjul.workflow.definitions import WITHDRAWN, shipped
from aarshjul.workflow.machine import MachineError, Move, fire, machine_for, may, moves_from

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


# -- the machine decides: its conditions are the exit guards ------------------------------------


def test_a_guarded_move_asks_every_exit_guard_of_its_state_even_after_one_fails() -> None:
    asked: list[str] = []

    def nothing_met(guard: str) -> bool:
        asked.append(guard)
        return False

    assert fire(DEFN, "buu", Move("advance", "hoering"), nothing_met) is None
    assert asked == list(DEFN.state("buu").exit_guards)
    assert len(asked) >= 2  # a political, booked state: decision and held meeting


def test_a_guarded_move_without_a_guard_check_is_refused() -> None:
    assert DEFN.state("hoering").exit_guards
    assert fire(DEFN, "hoering", Move("advance", "oek")) is None


def test_an_unguarded_move_needs_no_guard_check() -> None:
    assert not DEFN.state("droeftelse").exit_guards
    assert fire(DEFN, "droeftelse", Move("advance", "kvalificering")) == "kvalificering"
    assert fire(DEFN, "buu", Move("send-back", "droeftelse")) == "droeftelse"
    assert fire(DEFN, "buu", Move("withdraw", WITHDRAWN)) == WITHDRAWN


def test_each_guard_is_a_condition_of_the_machine_for_every_forward_move() -> None:
    machine = machine_for(DEFN)
    for s in DEFN.states:
        for target in s.next:
            (transition,) = machine.events[Move("advance", target).trigger].transitions[s.key]
            assert bool(transition.conditions) == bool(s.exit_guards), (s.key, target)
        for target in s.send_back:
            (transition,) = machine.events[Move("send-back", target).trigger].transitions[s.key]
            assert transition.conditions == []


@pytest.mark.parametrize("move", [Move("advance", "droeftelse"), Move("advance", WITHDRAWN),
                                  Move("send-back", "kb"), Move("withdraw", "afsluttet")])
def test_a_trigger_no_state_has_is_a_machine_error_too(move: Move) -> None:
    with pytest.raises(MachineError):
        fire(DEFN, "buu", move, lambda g: True)


def test_may_evaluates_the_conditions_and_moves_nothing() -> None:
    moves = moves_from(DEFN, "buu")
    asked: list[str] = []

    def decision_missing(guard: str) -> bool:
        asked.append(guard)
        return guard != "decision"

    now = may(DEFN, "buu", moves, decision_missing)
    assert now == {m: m.kind != "advance" for m in moves}
    assert "decision" in asked
    assert may(DEFN, "buu", moves, lambda g: True) == dict.fromkeys(moves, True)
    assert may(DEFN, "buu", [Move("advance", "kb")], lambda g: True) == {
        Move("advance", "kb"): False}
    assert machine_for(DEFN).models == []
