"""The beslutningsprotokol (aarshjul/services/agenda_minutes.py): the protocol, the sagsgang and
the audit trail agree, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from aarshjul.app import App
from aarshjul.errors import Conflict, InvalidInput, WorkflowRefused
from aarshjul.reports.agenda_labels import Labels
from aarshjul.store.models import AuditEntry, Decision, Item
from tests.conftest import app_at
from tests.services.agenda_setup import MEETING, omu_meeting

AFTER = "2027-03-10T16:00"


def test_a_recorded_protocol_matches_the_items_states_decisions_and_audit(
        people: App) -> None:
    a, b, c, d, e = omu_meeting(people, ("Godkendes", "Sendes tilbage", "Udsættes",
                                         "Orientering", "Via advance"))
    people.agenda_editor.edit(MEETING, d, kind="orientering")
    held = app_at(people, AFTER)
    held.minutes.record(MEETING, a, "godkendt", text="Som indstillet")
    held.minutes.record(MEETING, b, "sendt tilbage", text="Flere data", to="kvalificering")
    held.minutes.record(MEETING, c, "udsat")
    held.minutes.record(MEETING, d, "taget-til-efterretning")
    held.moves.advance([e], decision="Godkendt af OMU")  # the old way still counts

    expected = {  # ref: (state, protocol text, decision filed in the sagsgang)
        a: ("buu", "Godkendt: Som indstillet", "Godkendt: Som indstillet"),
        b: ("kvalificering", "Sendt tilbage: Flere data", None),
        c: ("godkendelse-omu", "Udsat", None),
        d: ("godkendelse-omu", "Taget til efterretning", None),
        e: ("buu", "Godkendt af OMU", "Godkendt af OMU"),
    }
    view = held.agenda.show(MEETING)
    labels = Labels("da", minutes=True)
    protocol = {p.ref: labels.beslutning(p) for p in view.points if not p.fixed}
    assert protocol == {ref: text for ref, (_, text, _) in expected.items()}
    assert view.status == "afholdt"

    with held.db.transaction() as s:
        states = {ref: state for ref, state in s.execute(select(Item.ref, Item.state))}
        filed = {ref: text for ref, text in s.execute(
            select(Item.ref, Decision.text).join(Decision, Decision.item_id == Item.id))}
        meeting_ids = set(s.scalars(select(Decision.meeting_id)))
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    for ref, (state, _, decision) in expected.items():
        assert states[ref] == state, ref
        assert filed.get(ref) == decision, ref
    assert len(meeting_ids) == 1 and None not in meeting_ids  # filed under the meeting
    minutes = {x.item_ref: json.loads(x.data) for x in entries if x.action == "agenda-minutes"}
    assert set(minutes) == {a, b, c, d}
    for ref in (a, b, c, d):
        state, text, _ = expected[ref]
        assert minutes[ref]["decision"] == text
        assert (minutes[ref]["from"], minutes[ref]["to"]) == ("godkendelse-omu", state)
    moves = {(x.item_ref, x.action): json.loads(x.data) for x in entries
             if x.action in ("advance", "send-back")
             and json.loads(x.data)["from"] == "godkendelse-omu"}
    assert moves[(a, "advance")]["decision"] == "Godkendt: Som indstillet"
    assert moves[(b, "send-back")]["reason"] == "Sendt tilbage: Flere data"
    assert moves[(e, "advance")]["decision"] == "Godkendt af OMU"
    assert (c, "advance") not in moves and (d, "advance") not in moves
    assert held.audit.verify().ok


def test_minutes_need_a_held_meeting(people: App) -> None:
    [ref] = omu_meeting(people, ("Trivsel",))
    with pytest.raises(WorkflowRefused) as early:
        app_at(people, "2027-03-10T12:59").minutes.record(MEETING, ref, "godkendt")
    assert early.value.exit_code == 1


def test_a_refused_move_records_nothing(people: App) -> None:
    [ref] = omu_meeting(people, ("Trivsel",))
    held = app_at(people, AFTER)
    with pytest.raises(InvalidInput) as choose:
        held.minutes.record(MEETING, ref, "ikke-godkendt")  # two ways back: which?
    assert "kvalificering, droeftelse" in choose.value.message()
    with pytest.raises(InvalidInput):
        held.minutes.record(MEETING, ref, "udsat", to="buu")
    with pytest.raises(InvalidInput) as bad:
        held.minutes.record(MEETING, ref, "vedtaget")
    assert bad.value.key == "agenda.bad_decision"
    held.moves.pause(ref, reason="Afventer budget")
    with pytest.raises(WorkflowRefused):
        held.minutes.record(MEETING, ref, "godkendt")
    point = held.agenda.show(MEETING).points[1]
    assert (point.decision, point.state_key) == ("", "godkendelse-omu")
    assert "agenda-minutes" not in [e.action for e in held.items.history(ref)]


def test_a_decision_is_recorded_once_and_not_after_the_item_moved(people: App) -> None:
    a, b = omu_meeting(people, ("Trivsel", "Læring"))
    held = app_at(people, AFTER)
    held.minutes.record(MEETING, a, "godkendt")
    with pytest.raises(Conflict):
        held.minutes.record(MEETING, a, "godkendt")
    held.moves.advance([b], decision="Godkendt")
    with pytest.raises(Conflict) as moved:
        held.minutes.record(MEETING, b, "godkendt")
    assert f"aarshjul history {b}" in moved.value.message()
