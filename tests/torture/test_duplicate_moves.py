"""Two people, one click (issue 20, point 1): six processes running ``advance 1`` without
``--to`` at the same moment move the item one step, not two; every other one exits 3 with
"nothing saved", and the audit trail has one move.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from aarshjul.app import App
from aarshjul.context import Context
from tests.conftest import NOW, app_at
from tests.torture.conftest import process_env, run_together


def test_six_identical_advances_at_once_move_the_item_once(people: App, db_url: str,
                                                           trials: Any, figures: Any) -> None:
    n = trials(1, 50)  # per backend: 2 × 50 = 100 trials in the long form
    env = process_env(db_url)
    double = []
    for trial in range(n):
        ref = people.items.add(f"Strategi {trial}", owner="dir").ref
        results = run_together(["advance", ref], 6, env)
        codes = sorted(r.code for r in results)
        for r in results:
            assert "Traceback" not in r.stderr, r.stderr
            if r.code == 3:
                assert "Intet er gemt" in r.stderr
        moves = [h for h in people.items.history(ref) if h.action == "advance"]
        if people.items.show(ref).state != "kvalificering" or len(moves) != 1:
            double.append((trial, codes, people.items.show(ref).state))
        assert codes.count(0) == 1 and set(codes) <= {0, 3}, (trial, results)
    figures(trials=n, processes=6, double_moves=len(double))
    assert double == []


def _command(app: App, launched: datetime, moved: datetime) -> App:
    """The app as one command sees it: launched at one moment, moving at another."""
    ctx = app.ctx
    return app.at(Context(actor=ctx.actor, now=ctx.now, lang=ctx.lang, config=ctx.config,
                          started=launched, clock=lambda: moved))


def test_a_click_launched_before_the_move_is_refused_and_names_the_way_on(people: App) -> None:
    from aarshjul.errors import Conflict

    people.items.add("Strategi", owner="dir")
    t0 = datetime(2027, 3, 1, 9, 0, 0, tzinfo=UTC)
    _command(people, t0, t0 + timedelta(seconds=1)).moves.advance(["1"])
    late_starter = _command(people, t0 + timedelta(seconds=0.5), t0 + timedelta(seconds=2))
    with pytest.raises(Conflict) as refused:
        late_starter.moves.advance(["1"])
    assert refused.value.key == "conflict.just_moved"
    assert "--to godkendelse-omu" in refused.value.message("da")
    assert people.items.show("1").state == "kvalificering"
    # Naming the target is a deliberate step; so is the same command launched after the move.
    late_starter.moves.advance(["1"], to="godkendelse-omu")
    people.items.add("Strategi 2", owner="dir")
    _command(people, t0, t0 + timedelta(seconds=1)).moves.advance(["2"])
    _command(people, t0 + timedelta(seconds=1.1), t0 + timedelta(seconds=2)).moves.advance(["2"])
    assert people.items.show("2").state == "godkendelse-omu"


def test_two_commands_in_a_row_on_the_command_line_make_two_steps(people: App, cli: Any) -> None:
    people.items.add("Strategi", owner="dir")
    assert cli("advance", "1").exit_code == 0
    assert cli("advance", "1").exit_code == 0
    assert people.items.show("1").state == "godkendelse-omu"


def test_two_steps_in_a_row_from_python_stay_two_steps(people: App) -> None:
    people.items.add("Strategi", owner="dir")
    people.moves.advance(["1"])
    app_at(people, NOW).moves.advance(["1"])  # a library caller has no command start
    assert people.items.show("1").state == "godkendelse-omu"
