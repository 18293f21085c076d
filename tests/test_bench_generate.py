"""The benchmark data generator (``bench/generate.py``) keeps producing data the product accepts.

The benchmarks themselves are never run here (no timed assertions); a tiny data set is generated
into the test's database on both backends instead, so that a schema or audit-chain change that
breaks the generator fails CI rather than the next benchmark run.
"""

from __future__ import annotations

import json
from pathlib import Path

from aarshjul.cli.settings import os_login
from bench.generate import generate, municipality_numbers
from tests.conftest import Cli

#: States whose exit has no guard: advancing needs no meeting, decision or ended høring.
UNGUARDED = {"droeftelse", "kvalificering", "udmoentning", "planlagt", "i-gang", "gennemfoert"}


def test_generated_data_passes_audit_verify_and_lists_every_item(db_url: str, cli: Cli) -> None:
    stats = generate(db_url, 50)

    assert stats.items == 50
    assert stats.bookings > 0 and stats.audit_entries > stats.items
    verified = cli("audit", "verify")
    assert verified.exit_code == 0, verified.output
    assert f"Poster: {stats.audit_entries}," in verified.output
    listed = cli("item", "list", "--json")
    assert listed.exit_code == 0, listed.output
    items = json.loads(listed.output)
    assert len(items) == 50
    assert {i["workflow"] for i in items} == {"strategiproces", "handleplan"}


def test_generated_data_takes_further_writes(db_url: str, cli: Cli) -> None:
    """Rows are inserted with explicit ids (COPY on PostgreSQL): a later command must still get
    fresh ids for a new person and a new audit entry, and extend the hash chain."""
    stats = generate(db_url, 50)
    items = json.loads(cli("item", "list", "--json").output)
    ref = next(i["ref"] for i in items if i["state"] in UNGUARDED and not i["paused"])

    moved = cli("advance", ref, actor="ny-bruger")

    assert moved.exit_code == 0, moved.output
    verified = cli("audit", "verify")
    assert verified.exit_code == 0, verified.output
    assert f"Poster: {stats.audit_entries + 1}," in verified.output


def test_same_seed_gives_the_same_data(tmp_path: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    generate(str(first), 50, seed=7)
    generate(str(second), 50, seed=7)

    def dump(path: Path) -> str:
        result = Cli(str(path))("item", "list", "--json")
        assert result.exit_code == 0, result.output
        return result.output

    assert dump(first) == dump(second)
    other = tmp_path / "c.db"
    generate(str(other), 50, seed=8)
    assert dump(other) != dump(first)


#: The states a meeting decides: left with ``--decision`` once the booked meeting is held.
POLITICAL = {"godkendelse-omu", "buu", "oek", "kb"}


def test_every_municipality_is_an_organisation_whose_items_pass_their_guards(
        db_url: str, cli: Cli, tmp_path: Path) -> None:
    """Issue 19: a municipality's items are booked on its own BUU, OMU …, so an item waiting in
    a political state on a held meeting moves on with the decision, in any municipality."""
    stats = generate(db_url, 400, municipalities=2)
    host = tmp_path / "aarshjul.toml"  # org list of several is the administrators'
    host.write_text(f'[installation]\nadministrators = ["{os_login()}"]\n', encoding="utf-8")
    listed = Cli(db_url, config=str(host))("org", "list", "--json")
    assert [o["key"] for o in json.loads(listed.output)] == ["K101", "K147"]
    assert stats.municipalities == 2
    for org, actor in (("K101", "k101-sek"), ("K147", "k147-sek")):
        items = json.loads(cli("--org", org, "item", "list", "--json").output)
        assert {i["ref"].split(".")[0] for i in items} == {org[1:]}
        waiting = [i["ref"] for i in items if i["state"] in POLITICAL and not i["paused"]]
        moved = [ref for ref in waiting if cli("--org", org, "advance", ref, "--decision",
                                               "Godkendt", actor=actor).exit_code == 0]
        assert moved, (org, waiting)
    verified = cli("--org", "K101", "audit", "verify")
    assert verified.exit_code == 0, verified.output


def test_more_organisations_than_kommunekoder_are_numbered_past_them() -> None:
    numbers = municipality_numbers(100)
    assert numbers[:2] == [101, 147] and numbers[97:] == [860, 1001, 1002]
    assert len(set(numbers)) == 100
