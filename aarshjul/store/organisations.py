"""Which organisation (municipality) a command works in: ``--org KEY`` / ``AARSHJUL_ORG``, or
the only one there is. A single-municipality installation has one, made by ``init`` (or by
migration 0012 for its existing data), and never names it."""

from __future__ import annotations

from sqlalchemy import Connection, select

from aarshjul.errors import EnvironmentProblem, InvalidInput
from aarshjul.store.models import Organisation

#: The key of the organisation ``init`` makes for a new installation, and migration 0012 for
#: the data of an existing one.
DEFAULT_KEY = "default"
DEFAULT_NAME = "Kommunen"


def resolve(conn: Connection, key: str | None) -> int:
    """The id of the organisation ``key`` (case does not matter), or of the only one.

    Several and none named, or an unknown key, is refused naming the keys there are.
    """
    found = conn.execute(select(Organisation.id, Organisation.key)
                         .order_by(Organisation.key)).all()
    known = ", ".join(k for _, k in found)
    if key is not None and key.strip():
        wanted = key.strip().casefold()
        for id_, k in found:
            if k.casefold() == wanted:
                return int(id_)
        raise InvalidInput("org.unknown", org=key, known=known or "-")
    if not found:
        raise EnvironmentProblem("org.none")
    if len(found) > 1:
        raise InvalidInput("org.choose", known=known)
    return int(found[0][0])
