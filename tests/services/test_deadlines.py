"""Open deadlines: a høring is a deadline while the item is in it, on whichever workflow version
the item is on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from aarshjul.app import App
from aarshjul.workflow.definitions import shipped
from tests.conftest import app_at


@pytest.fixture
def in_hoering(people: App) -> App:
    people.items.add("Børne- og ungestrategi", owner="dir")
    people.moves.advance(["1"])
    people.moves.advance(["1"])
    people.moves.advance(["1"], force=True, reason="test")
    people.moves.advance(["1"], force=True, reason="test", until=date(2027, 3, 19))
    return people


def _hoeringer(app: App) -> list[tuple[str, date]]:
    return [(d.ref, d.due) for d in app.deadlines.due() if d.kind == "hoering"]


def test_a_hoering_is_a_deadline_until_the_item_moves_on(in_hoering: App) -> None:
    assert _hoeringer(in_hoering) == [("1", date(2027, 3, 19))]
    later = app_at(in_hoering, "2027-03-21")
    later.moves.advance(["1"], decision="Høringen er afsluttet")
    assert later.items.show("1").consultation_until == date(2027, 3, 19)  # kept, not a deadline
    assert _hoeringer(later) == []


def test_an_item_on_an_older_version_keeps_its_hoering_when_a_newer_one_renames_it(
        in_hoering: App, tmp_path: Path) -> None:
    # Every process that has a høring gets a version 2 in which the state has another key.
    for defn in [d for d in shipped() if '"hoering"' in d.source]:
        v2 = (defn.source.replace("version = 1", "version = 2")
              .replace('"hoering"', '"offentlig-hoering"'))
        path = tmp_path / f"{defn.name}-v2.toml"
        path.write_text(v2, encoding="utf-8")
        in_hoering.workflows.add(str(path))
    assert in_hoering.items.show("1").workflow_version == 1
    assert _hoeringer(in_hoering) == [("1", date(2027, 3, 19))]
