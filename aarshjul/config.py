"""Settings: from a TOML file (``--config`` or ``AARSHJUL_CONFIG``) and the environment.

Nothing secret is read from a file: an SMTP password comes from the environment only. A file
with an unknown key or a wrong type is refused with :class:`EnvironmentProblem` (exit 4), naming
the key, rather than silently ignored.

Example ``aarshjul.toml``::

    db = "sqlite:////srv/aarshjul/aarshjul.db"
    lang = "da"

    [calendar]
    closing_days = ["06-05", "12-24", "12-31"]   # the municipality's own closing days
    hoering_days = 14                            # default length of a public consultation
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aarshjul.errors import EnvironmentProblem

DEFAULT_CLOSING_DAYS = ("06-05", "12-24", "12-31")


@dataclass(frozen=True)
class Config:
    db: str | None = None
    lang: str | None = None
    closing_days: tuple[str, ...] = DEFAULT_CLOSING_DAYS
    hoering_days: int = 14
    source: str | None = field(default=None, compare=False)


_SCHEMA: dict[str, dict[str, type]] = {
    "": {"db": str, "lang": str},
    "calendar": {"closing_days": list, "hoering_days": int},
}


def load(path: str | None) -> Config:
    if path is None:
        return Config()
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise EnvironmentProblem("config.invalid", file=path, reason=str(exc)) from None
    values: dict[str, Any] = {}
    for key, value in raw.items():
        section = value if isinstance(value, dict) else None
        if section is not None and key in _SCHEMA:
            for sub, subvalue in section.items():
                _check(path, f"{key}.{sub}", _SCHEMA[key].get(sub), subvalue)
                values[sub] = subvalue
        else:
            _check(path, key, _SCHEMA[""].get(key), value)
            values[key] = value
    if values.get("lang") not in (None, "da", "en"):
        raise EnvironmentProblem("config.invalid", file=path, reason="lang must be da or en")
    if "closing_days" in values:
        from aarshjul.workflow.workdays import parse_closing_days

        try:
            parse_closing_days(values["closing_days"])
        except ValueError as exc:
            raise EnvironmentProblem("config.invalid", file=path, reason=str(exc)) from None
        values["closing_days"] = tuple(values["closing_days"])
    return Config(source=path, **values)


def _check(path: str, key: str, expected: type | None, value: object) -> None:
    if expected is None:
        raise EnvironmentProblem("config.invalid", file=path, reason=f"unknown key '{key}'")
    if not isinstance(value, expected) or isinstance(value, bool):
        raise EnvironmentProblem("config.invalid", file=path,
                                 reason=f"'{key}' must be a {expected.__name__}")
