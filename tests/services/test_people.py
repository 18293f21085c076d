"""People: owners, their managers, and the actors the audit trail names by key."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from aarshjul.app import App
from aarshjul.errors import InvalidInput
from aarshjul.store.models import AuditEntry, Person
from tests.conftest import app_at


def _refused(key: str, call: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()  # type: ignore[operator]
    assert caught.value.key == key


def test_add_edit_and_list(people: App) -> None:
    people.people.add("ali", name=" Ali Hansen ", email=" ali@kommune.example ", manager="mette",
                      lang="en")
    edited = people.people.edit("ali", role="skoleleder", email="ali.h@kommune.example")
    assert (edited.name, edited.email, edited.role, edited.manager, edited.lang) == (
        "Ali Hansen", "ali.h@kommune.example", "skoleleder", "mette", "en")
    assert [p.login for p in people.people.all()] == ["ali", "dir", "mette", "sek"]


def test_an_unknown_language_is_refused_with_a_message_not_a_type_error(people: App) -> None:
    """The message's placeholder was ``{lang}``, which collides with translate's own ``lang``."""
    with pytest.raises(InvalidInput) as caught:
        people.people.edit("dir", lang="de")
    assert caught.value.message("en") == 'Unknown language "de". Use da or en.'
    assert caught.value.message("da") == 'Ukendt sprog "de". Brug da eller en.'


def test_bad_input_is_refused_and_changes_nothing(people: App) -> None:
    _refused("input.bad_email", lambda: people.people.add("x", name="X", email="x@"))
    _refused("input.bad_lang", lambda: people.people.add("x", name="X", email="x@k.dk",
                                                         lang="de"))
    _refused("input.empty", lambda: people.people.add(" ", name="X", email="x@k.dk"))
    _refused("person.exists", lambda: people.people.add("dir", name="D", email="d@k.dk"))
    _refused("person.unknown", lambda: people.people.add("x", name="X", email="x@k.dk",
                                                         manager="nobody"))
    _refused("person.manager_loop", lambda: people.people.edit("dir", manager="mette"))
    assert people.people.edit("mette").manager == "dir"
    assert "x" not in [p.login for p in people.people.all()]


def test_a_login_seen_only_as_an_actor_is_completed_not_refused(people: App) -> None:
    app_at(people, "2027-03-01T09:00", actor="vikar").items.add("Strategi")
    with people.db.transaction() as s:
        key = s.scalars(select(Person.key).where(Person.login == "vikar")).one()
    view = people.people.add("vikar", name="Vera Vikar", email="vera@kommune.example")
    assert (view.name, view.email) == ("Vera Vikar", "vera@kommune.example")
    with people.db.transaction() as s:
        assert s.scalars(select(Person.key).where(Person.login == "vikar")).one() == key


def test_forget_replaces_name_login_and_email_and_keeps_the_key(people: App) -> None:
    with people.db.transaction() as s:
        key = s.scalars(select(Person.key).where(Person.login == "mette")).one()
    view = people.people.forget("mette")
    assert (view.login, view.name, view.email, view.forgotten) == (
        f"glemt-{key}", "Glemt person", None, True)
    with people.db.transaction() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None and (last.action, last.data) == (
            "person-forget", f'{{"person":"{key}"}}')
