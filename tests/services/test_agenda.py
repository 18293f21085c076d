"""The agenda of a meeting (aarshjul/services/agenda.py and agenda_edit.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from aarshjul.app import App
from aarshjul.config import AgendaConfig, Config
from aarshjul.errors import InvalidInput
from aarshjul.services.agenda import point_defaults
from aarshjul.store.models import AgendaPoint, Booking
from tests.conftest import app_at
from tests.services.agenda_setup import MEETING, omu_meeting


def test_every_booking_is_a_numbered_point_between_the_fixed_points(people: App) -> None:
    refs = omu_meeting(people)
    view = people.agenda.show(MEETING)
    assert [p.title for p in view.points] == [
        "Godkendelse af dagsorden", "Trivsel", "Læring", "Overgange", "Meddelelser",
        "Eventuelt"]
    assert [p.number for p in view.points] == [1, 2, 3, 4, 5, 6]
    assert [p.ref for p in view.points if not p.fixed] == refs
    assert {p.kind for p in view.points if not p.fixed} == {"beslutning"}
    assert view.status == "aaben" and view.deadline.isoformat() == "2027-03-03"
    # Nothing is stored until someone edits a point.
    with people.db.transaction() as s:
        assert s.query(AgendaPoint).count() == 0


def test_the_default_kind_and_case_number_are_decided_in_one_place(people: App) -> None:
    omu_meeting(people, ("Trivsel",))
    with people.db.transaction() as s:
        booking = s.query(Booking).one()
        defaults = point_defaults(booking)
    assert (defaults.kind, defaults.case_number) == ("beslutning", "")
    people.items.edit(booking_ref(people), case_number="27.00.00-A00-1-26")
    with people.db.transaction() as s:
        assert point_defaults(s.query(Booking).one()).case_number == "27.00.00-A00-1-26"
    assert people.agenda.show(MEETING).points[1].case_number == "27.00.00-A00-1-26"
    with people.db.transaction() as s:
        s.query(Booking).one().orientation = True
    point = people.agenda.show(MEETING).points[1]
    assert point.kind == "orientering" and point.missing == ()  # no indstilling is asked


def booking_ref(app: App) -> str:
    with app.db.transaction() as s:
        return s.query(Booking).one().item.ref


def test_fixed_points_come_from_the_settings_per_body(people: App) -> None:
    omu_meeting(people, ("Trivsel",))
    config = Config(agenda=AgendaConfig(opening=("Godkendelse af dagsorden",),
                                        closing=("Eventuelt",),
                                        by_body=(("OMU", None, ("Nyt fra MED", "Eventuelt")),)))
    app = people.at(replace(people.ctx, config=config))
    assert [p.title for p in app.agenda.show(MEETING).points] == [
        "Godkendelse af dagsorden", "Trivsel", "Nyt fra MED", "Eventuelt"]


def test_edit_sets_texts_from_text_or_file_and_clears_what_is_missing(
        people: App, tmp_path: Path) -> None:
    [ref] = omu_meeting(people, ("Trivsel",))
    assert people.agenda.show(MEETING).points[1].missing == ("indstilling",)
    file = tmp_path / "indstilling.txt"
    file.write_text("Forvaltningen indstiller,\n\nat planen godkendes.\n", encoding="utf-8")
    point = people.agenda_editor.edit(MEETING, ref, kind="Drøftelse",
                                      texts={"indstilling": str(file),
                                             "sagsfremstilling": "Baggrund <b>fed</b>"})
    assert point.kind == "droeftelse"
    assert point.indstilling == "Forvaltningen indstiller,\n\nat planen godkendes."
    assert point.sagsfremstilling == "Baggrund <b>fed</b>"
    assert point.missing == ()
    history = [e.action for e in people.items.history(ref)]
    assert history[-1] == "agenda-edit"


def test_bad_input_to_edit_is_refused_and_writes_nothing(people: App, tmp_path: Path) -> None:
    [ref] = omu_meeting(people, ("Trivsel",))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Økonomi".encode("latin-1"))
    with pytest.raises(InvalidInput) as bad_file:
        people.agenda_editor.edit(MEETING, ref, texts={"okonomi": str(latin1)})
    assert bad_file.value.key == "agenda.file_not_utf8"
    with pytest.raises(InvalidInput) as bad_kind:
        people.agenda_editor.edit(MEETING, ref, kind="beslut")
    assert "beslutning, orientering, drøftelse" in bad_kind.value.message()
    other = people.items.add("Ikke booket").ref
    with pytest.raises(InvalidInput) as not_booked:
        people.agenda_editor.edit(MEETING, other, texts={"indstilling": "x"})
    assert f"aarshjul book {other} --meeting {MEETING}" in not_booked.value.message()
    with people.db.transaction() as s:
        assert s.query(AgendaPoint).count() == 0


def test_a_case_booked_or_edited_after_the_sagsfrist_is_late(people: App) -> None:
    [ref] = omu_meeting(people, ("Trivsel",))
    people.agenda_editor.edit(MEETING, ref, texts={"indstilling": "Godkendes."})
    assert people.agenda.show(MEETING).points[1].missing == ()
    late = app_at(people, "2027-03-04T09:00")
    late.agenda_editor.edit(MEETING, ref, texts={"indstilling": "Godkendes, med rettelser."})
    view = late.agenda.show(MEETING)
    assert view.points[1].missing == ("late",)
    assert view.status == "lukket"


def test_bilag_by_reference_copied_or_linked_and_missing_on_disk(
        people: App, tmp_path: Path) -> None:
    [ref] = omu_meeting(people, ("Trivsel",))
    people.agenda_editor.edit(MEETING, ref, texts={"indstilling": "Godkendes."})
    report = tmp_path / "rapport.pdf"
    report.write_bytes(b"%PDF-1.4 test")
    kept = people.agenda_editor.attach(MEETING, ref, str(report))
    assert kept.location == str(report.resolve()) and kept.title == "rapport.pdf"
    folder = tmp_path / "bilag"
    copying = people.at(replace(people.ctx, config=Config(
        agenda=AgendaConfig(bilag_dir=str(folder)))))
    copied = copying.agenda_editor.attach(MEETING, ref, str(report), title="Rapport")
    assert copied.location == str((folder / MEETING / "rapport.pdf").resolve())
    again = copying.agenda_editor.attach(MEETING, ref, str(report))
    assert again.location.endswith("rapport-2.pdf")
    link = people.agenda_editor.attach(MEETING, ref, "https://kommune.example/plan.pdf")
    assert link.is_link
    with pytest.raises(InvalidInput) as missing:
        people.agenda_editor.attach(MEETING, ref, str(tmp_path / "findes-ikke.pdf"))
    assert missing.value.key == "agenda.no_such_bilag"

    point = people.agenda.show(MEETING).points[1]
    assert [b.title for b in point.bilag] == ["rapport.pdf", "Rapport", "rapport.pdf",
                                              "https://kommune.example/plan.pdf"]
    assert point.missing == ()
    report.unlink()
    point = people.agenda.show(MEETING).points[1]
    assert point.missing == ("bilag",)
    assert [b.missing for b in point.bilag] == [True, False, False, False]


def test_order_puts_the_named_items_first(people: App) -> None:
    a, b, c = omu_meeting(people)
    view = people.agenda_editor.order(MEETING, [c, a])
    assert [p.ref for p in view.points if not p.fixed] == [c, a, b]
    assert [p.number for p in view.points] == [1, 2, 3, 4, 5, 6]
    view = people.agenda_editor.order(MEETING, [b])
    assert [p.ref for p in view.points if not p.fixed] == [b, c, a]
    with pytest.raises(InvalidInput):
        people.agenda_editor.order(MEETING, [a, a])


def test_unbooking_removes_the_point_and_its_bilag(people: App, tmp_path: Path) -> None:
    [ref] = omu_meeting(people, ("Trivsel",))
    people.agenda_editor.attach(MEETING, ref, "https://kommune.example/plan.pdf")
    people.meetings.unbook(ref, MEETING)
    assert [p.fixed for p in people.agenda.show(MEETING).points] == [True, True, True]
    with people.db.transaction() as s:
        assert s.query(AgendaPoint).count() == 0


def test_a_point_removed_after_publication_is_named(people: App) -> None:
    from aarshjul.services.agenda import freeze
    from aarshjul.services.meetings import find_meeting

    a, _ = omu_meeting(people, ("Trivsel", "Læring"))
    with people.db.transaction() as s:
        freeze(s, people.ctx, find_meeting(s, MEETING))
    people.meetings.unbook(a, MEETING)
    view = people.agenda.show(MEETING)
    assert view.changed and view.removed == ("Trivsel",)
    # Renumbered points are changed points: their number moved.
    assert [p.title for p in view.points if p.changed] == ["Læring", "Meddelelser", "Eventuelt"]


def test_the_agenda_settings_are_read_and_checked(tmp_path: Path) -> None:
    from aarshjul.config import load
    from aarshjul.errors import EnvironmentProblem

    path = tmp_path / "aarshjul.toml"
    path.write_text('[agenda]\nbilag_dir = "/srv/bilag"\nclosing = ["Eventuelt"]\n'
                    '[agenda.body.kb]\nopening = []\n', encoding="utf-8")
    agenda = load(str(path)).agenda
    assert agenda.bilag_dir == "/srv/bilag"
    assert agenda.fixed_points("KB") == ((), ("Eventuelt",))
    assert agenda.fixed_points("BUU") == (None, ("Eventuelt",))
    path.write_text('[agenda]\nclosing = ["", 3]\n', encoding="utf-8")
    with pytest.raises(EnvironmentProblem) as bad:
        load(str(path))
    assert "agenda.closing" in bad.value.message()


def test_item_show_places_each_point_as_the_meeting_agenda_does(people: App) -> None:
    """``item show`` builds only the item's own point; its number, status, decision and
    'changed since published' must be those of the meeting's whole agenda."""
    from aarshjul.services.agenda import freeze
    from aarshjul.services.meetings import find_meeting

    _, b, c = omu_meeting(people)
    people.agenda_editor.order(MEETING, [c])
    with people.db.transaction() as s:
        freeze(s, people.ctx, find_meeting(s, MEETING))

    def agree() -> list[tuple[int, bool]]:
        view = people.agenda.show(MEETING)
        cases = [p for p in view.points if p.ref]
        for p in cases:
            [place] = people.agenda.of_item(p.ref or "")
            assert (place.number, place.status, place.decision, place.missing,
                    place.changed) == (p.number, view.status, p.decision, p.missing, p.changed)
        return [(p.number, p.changed) for p in cases]

    people.agenda_editor.edit(MEETING, b, texts={"indstilling": "At OMU godkender."})
    assert agree() == [(2, False), (3, False), (4, True)]  # c, a, b: only b's text changed
    people.agenda_editor.order(MEETING, [b, c])
    assert agree() == [(2, True), (3, True), (4, True)]  # b, c, a: every number moved
