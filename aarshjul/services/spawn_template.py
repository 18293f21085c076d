"""What each handleplan spawned under a strategy item starts with (``item spawn --template``).

A TOML file names the title, the text fields, the due date and the workplace leaders; the text may
use ``{parent}``, ``{name}`` and ``{role}``, filled in per workplace by
:meth:`aarshjul.services.items.Items.spawn`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from aarshjul.errors import InvalidInput
from aarshjul.store.models import ITEM_TEXTS


@dataclass(frozen=True)
class SpawnTemplate:
    """What each spawned handleplan starts with; ``{parent}``, ``{name}`` and ``{role}`` are
    filled in per workplace."""

    title: str = "Handleplan: {parent} ({name})"
    texts: dict[str, str] = field(default_factory=dict)
    due: date | None = None
    logins: tuple[str, ...] = ()


def read_spawn_template(path: str) -> SpawnTemplate:
    """A TOML file: ``title``, the text fields, ``due`` and ``for`` (the workplace leaders)."""
    import string
    import tomllib

    try:
        with open(path, "rb") as handle:
            raw = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput("file.unreadable", file=path, reason=str(exc)) from None
    problems = [f"{path}: {key}: unknown key" for key in raw
                if key not in ("title", "due", "for", *ITEM_TEXTS)]
    for key in ("title", *ITEM_TEXTS):
        value = raw.get(key, "")
        if not isinstance(value, str):
            problems.append(f"{path}: {key}: must be text")
            continue
        fields = {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
        problems += [f"{path}: {key}: unknown placeholder {{{f}}} (use {{parent}}, {{name}}, "
                     "{role})" for f in sorted(fields - {"parent", "name", "role"})]
    due = raw.get("due")
    if due is not None and not isinstance(due, date):
        problems.append(f"{path}: due: must be a date like 2027-12-31")
    logins = raw.get("for", [])
    if not isinstance(logins, list) or not all(isinstance(x, str) for x in logins):
        problems.append(f"{path}: for: must be a list of logins")
    if problems:
        raise InvalidInput("item.bad_template", file=path, count=len(problems),
                           details=problems)
    return SpawnTemplate(
        title=raw.get("title") or SpawnTemplate.title,
        texts={k: raw[k] for k in ITEM_TEXTS if raw.get(k)}, due=due,
        logins=tuple(logins))
