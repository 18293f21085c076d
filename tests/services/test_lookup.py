"""Bounded look-ups: a meeting with its items, children, search in SQL, the coming meetings."""

from __future__ import annotations

from datetime import date

import pytest

from aarshjul.app import App
from aarshjul.errors import InvalidInput
from aarshjul.services.lookup import Lookup


@pytest.fixture
def tree(people: App) -> App:
    people.items.add("Børne- og ungestrategi", owner="dir")          # 1
    people.items.add("ØKONOMI i balance", parent="1", owner="mette")  # 1.1
    people.items.add("Trivsel 100% _ok_", parent="1")                 # 1.2
    for n in range(3, 11):
        people.items.add(f"Delmål {n}", parent="1")                   # 1.3 … 1.10
    people.items.add("Under tiende", parent="1.10")                   # 1.10.1
    people.items.add("Klima", owner="dir")                            # 2
    people.meetings.add("BUU", date(2027, 9, 14), time="16:00")
    people.meetings.add("LEDERMOEDE", date(2027, 4, 6))
    people.meetings.add("OMU", date(2027, 3, 22))
    people.meetings.add("OMU", date(2027, 2, 1))  # past: not coming
    people.meetings.add("BUU", date(2027, 10, 5))
    people.meetings.cancel("BUU-2027-10-05")
    for ref in ("1.2", "1.1"):
        people.meetings.book(ref, "BUU-2027-09-14")
    return people


def _refs(views: object) -> list[str]:
    return [v.ref for v in views]  # type: ignore[attr-defined]


def test_a_meeting_comes_with_its_body_and_its_booked_items_in_number_order(tree: App) -> None:
    page = Lookup(tree.db, tree.ctx).meeting("buu-2027-09-14")
    assert page.meeting.id == "BUU-2027-09-14" and page.meeting.booked == 2
    assert page.body_name == "Børne- og Ungdomsudvalget (BUU)"
    assert _refs(page.items) == ["1.1", "1.2"]
    assert page.items[0].owner_name == "Mette Holm"
    assert page.items == tuple(v for v in tree.items.query() if v.ref in ("1.1", "1.2"))
    with pytest.raises(InvalidInput):
        Lookup(tree.db, tree.ctx).meeting("BUU-2027-09-15")


def test_children_are_the_items_directly_under_with_their_progress(tree: App) -> None:
    lookup = Lookup(tree.db, tree.ctx)
    children = lookup.children("1")
    assert _refs(children) == ["1.1", "1.2", *[f"1.{n}" for n in range(3, 11)]]
    assert children[-1].progress == (0, 1)
    assert children == [v for v in tree.items.query(under="1") if v.parent == "1"]
    assert lookup.children("2") == []


@pytest.mark.parametrize(("text", "refs"), [
    ("økonomi", ["1.1"]), ("ØKONOMI", ["1.1"]), ("  Børne-  og ", ["1"]), ("100%", ["1.2"]),
    ("_ok_", ["1.2"]), ("%", ["1.2"]), ("_", ["1.2"]), ("1.1", ["1.1"]),
    ("1.10", ["1.10", "1.10.1"]), ("2", ["2"]), ("9", ["1.9"]), ("findes ikke", []),
])
def test_search_finds_any_part_of_a_title_in_any_case_or_a_number_and_what_is_under_it(
        tree: App, text: str, refs: list[str]) -> None:
    hits = Lookup(tree.db, tree.ctx).search(text, limit=50)
    assert _refs(hits.items) == refs and not hits.more


def test_search_stops_at_the_limit_and_says_there_were_more(tree: App) -> None:
    lookup = Lookup(tree.db, tree.ctx)
    hits = lookup.search("Delmål", limit=3)
    assert _refs(hits.items) == ["1.3", "1.4", "1.5"] and hits.more
    exact = lookup.search("Delmål", limit=8)
    assert len(exact.items) == 8 and not exact.more
    assert lookup.search("   ", limit=3).items == ()


def test_coming_meetings_are_from_today_not_cancelled_and_ledermoeder_first(tree: App) -> None:
    coming = Lookup(tree.db, tree.ctx).coming_meetings()
    assert [c.meeting.id for c in coming] == ["LEDERMOEDE-2027-04-06", "BUU-2027-09-14",
                                              "OMU-2027-03-22"]
    assert coming[0].body_name == "Ledermøde"
    assert [c.meeting.id for c in Lookup(tree.db, tree.ctx).coming_meetings(days=30)] == [
        "OMU-2027-03-22"]


def test_search_finds_an_item_by_its_esdh_case_number_in_any_case(tree: App) -> None:
    tree.items.edit("1.1", case_number="27.00.00-A00-1-26")
    lookup = Lookup(tree.db, tree.ctx)
    assert _refs(lookup.search("a00-1-26", limit=10).items) == ["1.1"]
    assert _refs(lookup.search("27.00.00-A00", limit=10).items) == ["1.1"]
