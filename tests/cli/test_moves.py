"""Moves and their trail (aarshjul/cli/moves.py): one line per moved item, the history table."""

from __future__ import annotations

from aarshjul.app import App
from tests.conftest import Cli


def test_moves_print_one_line_per_item_and_land_in_the_history(people: App, cli: Cli) -> None:
    people.items.add("Strategi", owner="dir")
    people.items.add("Trivsel", parent="1", owner="mette")
    people.items.add("Læring", parent="1", owner="mette")
    moved = cli("advance", "1.1", "1.2")
    assert moved.exit_code == 0
    assert moved.output.splitlines() == ["1.1  Trivsel: → Kvalificering",
                                         "1.2  Læring: → Kvalificering"]
    assert cli("pause", "1.1", "--reason", "Afventer").output == "1.1 er sat i bero.\n"
    assert cli("resume", "1.1").output == '1.1 er genoptaget i "Kvalificering".\n'
    assert cli("withdraw", "1.2", "--reason", "Slut").output == "1.2  Læring: → Trukket tilbage\n"
    history = cli("history", "1.1").output.splitlines()
    assert history[0].split() == ["Tidspunkt", "Hvem", "Hvad"]
    assert history[-1].endswith("sek   genoptaget")
    assert "sat i bero — Afventer" in history[-2]


def test_send_back_needs_a_reason(people: App, cli: Cli) -> None:
    people.items.add("Strategi", owner="dir")
    result = cli("send-back", "1", "--to", "droeftelse")
    assert result.exit_code == 2 and "--reason" in result.output
