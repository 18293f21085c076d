"""Items: registering, editing and reading them."""

from __future__ import annotations

from dataclasses import fields

from aarshjul.app import App
from aarshjul.services.items import TEXT_FIELDS, ItemView
from aarshjul.services.spreadsheet import COLUMNS, EDITABLE
from aarshjul.store.models import ITEM_TEXTS, Item


def test_the_item_text_fields_are_listed_once_and_everything_follows_them() -> None:
    assert all(hasattr(Item, k) for k in ITEM_TEXTS)
    assert set(ITEM_TEXTS) <= {f.name for f in fields(ItemView)}
    assert ("title", *ITEM_TEXTS, "case_number") == TEXT_FIELDS  # the sagsnr. is one line
    assert set(ITEM_TEXTS) <= set(EDITABLE) <= {key for key, _, _ in COLUMNS}


def test_every_text_field_is_stored_shown_and_edited(people: App) -> None:
    texts = {k: f"{k} tekst" for k in ITEM_TEXTS}
    people.items.add("Børne- og ungestrategi", texts=dict(texts))
    shown = people.items.show("1")
    assert {k: getattr(shown, k) for k in ITEM_TEXTS} == texts
    people.items.edit("1", **{k: f"{k} ny" for k in ITEM_TEXTS})
    edited = people.items.show("1")
    assert {k: getattr(edited, k) for k in ITEM_TEXTS} == {k: f"{k} ny" for k in ITEM_TEXTS}


def test_the_listing_streams_one_item_at_a_time(people: App) -> None:
    """item list reads items as it writes them (issue 19, point 2): the stream is lazy and gives
    the listing's items in number order, the state filter applied on the way."""
    people.items.add("Strategi", owner="dir")
    people.items.add("Trivsel", parent="1", owner="mette")
    people.items.add("Læring", parent="1")
    stream = people.items.stream()
    assert iter(stream) is stream
    first = next(stream)
    assert [first, *stream] == people.items.query()
    assert [v.ref for v in people.items.stream(state="droeftelse", owner="mette")] == ["1.1"]
