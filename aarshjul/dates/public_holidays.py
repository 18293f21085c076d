"""Danish public holidays by year: computed by the ``holidays`` package and kept in a small
cache file, so that a deadline command does not pay for that package on every run.

Importing ``holidays`` and building its Danish calendar takes 0.1–0.15 s per process (its
country registry imports every country it knows), more than the query of a `deadlines`
listing. A year's holidays change only when the package does — a law such as the abolition of
store bededag arrives as a new release — so the cache file is named after the package's
version and a new release starts a new file. The cache is an optimisation only: when it can't
be read or written, the package answers and nothing else changes.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

__all__ = ["cache_file", "holidays_of"]

_YEARS_AHEAD = 3
"""A miss computes the year asked for and the next few, so one cache write serves the planning
horizon (this year's meetings, next year's årshjul) instead of one write per year."""


def holidays_of(year: int) -> dict[date, str]:
    """The Danish public holidays of ``year`` (date → Danish name).

    Raises ``ValueError`` for a year the ``holidays`` package has no data for: it would
    silently return no holidays at all, turning Christmas into a working day.
    """
    path = cache_file()
    cached = _read(path) if path is not None else {}
    if str(year) not in cached:
        fresh = _compute(range(year, year + _YEARS_AHEAD + 1), asked=year)
        if path is not None:
            _write(path, {**cached, **fresh})
        cached.update(fresh)
    return {date.fromisoformat(day): name for day, name in cached[str(year)].items()}


def _compute(years: range, *, asked: int) -> dict[str, dict[str, str]]:
    """Holidays of ``years`` from the package, as the cache file stores them (ISO dates).

    Years beyond the package's data are left out; ``asked`` must be covered.
    """
    from holidays import country_holidays

    danish = country_holidays("DK", years=list(years), language="da")
    first, last = danish.start_year, danish.end_year
    if not first <= asked <= last:
        raise ValueError(
            f"no Danish holiday data for {asked}: the holidays package covers {first}-{last}")
    table: dict[str, dict[str, str]] = {str(y): {} for y in years if first <= y <= last}
    for day, name in sorted(danish.items()):
        table[str(day.year)][day.isoformat()] = name
    return table


def cache_file() -> Path | None:
    """Where the cache lives for the installed ``holidays`` version (``None``: no cache)."""
    try:
        release = version("holidays")
    except PackageNotFoundError:  # pragma: no cover - only for a copy without metadata
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aarshjul" / f"helligdage-{release}.json"


def _read(path: Path) -> dict[str, dict[str, str]]:
    """The years the file holds in the shape this module writes; anything else is ignored."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {year: days for year, days in data.items() if _well_formed(year, days)}


def _well_formed(year: str, days: object) -> bool:
    if not isinstance(days, dict):
        return False
    try:
        return all(date.fromisoformat(day).year == int(year) and isinstance(name, str)
                   for day, name in days.items())
    except (TypeError, ValueError):
        return False


def _write(path: Path, table: Mapping[str, Mapping[str, str]]) -> None:
    """Replace the file whole, so a reader never sees half of it (two writers: last one wins,
    and both wrote the same package's answers)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(table, out, ensure_ascii=False, sort_keys=True)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
