"""Personal web tokens: random, stored only as a hash, audited, revocable, refused when dead."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from aarshjul.app import App
from aarshjul.errors import InvalidInput
from aarshjul.services.web_access import WebAccess
from aarshjul.store.models import AuditEntry, Person, WebToken


@pytest.fixture
def access(people: App) -> WebAccess:
    return WebAccess(people.db, people.ctx)


def test_a_token_is_long_random_and_only_its_hash_is_stored(access: WebAccess,
                                                           people: App) -> None:
    first, second = access.issue("mette"), access.issue("mette")
    assert first != second and len(first) >= 43  # 32 random bytes, base64url
    with people.db.transaction() as s:
        stored = s.scalars(select(WebToken).order_by(WebToken.id)).all()
        assert [r.token_hash for r in stored] == [
            hashlib.sha256(t.encode()).hexdigest() for t in (first, second)]
        assert all(r.created_at == people.ctx.now and r.revoked_at is None for r in stored)
        assert all(r.person.login == "mette" for r in stored)


def test_issuing_and_revoking_are_audited_with_the_actors_key(access: WebAccess,
                                                              people: App) -> None:
    access.issue("mette")
    access.revoke("mette")
    with people.db.transaction() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action.like("web-token-%"))
                            .order_by(AuditEntry.id)).all()
        sek = s.scalars(select(Person.key).where(Person.login == "sek")).one()
        mette = s.scalars(select(Person.key).where(Person.login == "mette")).one()
        assert [(e.action, e.actor_key) for e in entries] == [
            ("web-token-issue", sek), ("web-token-revoke", sek)]
        assert mette in entries[0].data and mette in entries[1].data
    assert people.audit.verify().ok


def test_identify_finds_the_owner_of_a_live_token(access: WebAccess) -> None:
    token = access.issue("mette")
    person = access.identify(token)
    assert person is not None and person.login == "mette" and person.name == "Mette Holm"
    assert access.identify(token + "x") is None
    assert access.identify("") is None and access.identify("../../etc/passwd") is None


def test_revoke_kills_every_live_token_of_the_person_only(access: WebAccess) -> None:
    mine = [access.issue("mette"), access.issue("mette")]
    theirs = access.issue("dir")
    assert access.revoke("mette") == 2
    assert [access.identify(t) for t in mine] == [None, None]
    assert access.identify(theirs) is not None
    assert access.revoke("mette") == 0


def test_a_forgotten_person_is_not_identified_and_gets_no_new_token(access: WebAccess,
                                                                   people: App) -> None:
    token = access.issue("mette")
    forgotten = people.people.forget("mette")
    assert access.identify(token) is None
    with pytest.raises(InvalidInput) as refused:
        access.issue(forgotten.login)
    assert refused.value.key == "weblink.forgotten"


def test_an_unknown_person_is_bad_input_in_both_languages(access: WebAccess) -> None:
    for call in (access.issue, access.revoke):
        with pytest.raises(InvalidInput) as refused:
            call("nobody")
        assert "nobody findes ikke" in refused.value.message("da")
        assert "nobody does not exist" in refused.value.message("en")


def test_identify_login_refuses_unknown_and_forgotten_people(access: WebAccess,
                                                             people: App) -> None:
    found = access.identify_login("dir")
    assert found is not None and found.name == "Dorthe Iversen"
    assert access.identify_login("nobody") is None
    forgotten = people.people.forget("dir")
    assert access.identify_login(forgotten.login) is None


def test_last_change_is_the_newest_audit_entry(access: WebAccess, people: App) -> None:
    from tests.conftest import app_at

    later = app_at(people, "2027-03-05T12:30")
    later.people.edit("mette", role="centerchef")
    assert access.last_change() == later.ctx.now


def test_last_change_is_the_organisations_own_not_another_municipalitys(
        access: WebAccess, people: App) -> None:
    from dataclasses import replace

    from aarshjul.config import Config
    from tests.conftest import app_at

    before = access.last_change()
    host = replace(people.ctx, config=Config(administrators=(people.ctx.actor,)))
    people.at(host).organisations.add("B", "Anden Kommune")
    other = App(people.db.url, app_at(people, "2027-03-09T08:00").ctx, org="B")
    try:
        other.people.add("bo", name="Bo Berg", email="bo@anden.example")
    finally:
        other.db.dispose()
    assert before is not None and access.last_change() == before
