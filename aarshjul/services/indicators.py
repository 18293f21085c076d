"""Indicators: a baseline and yearly targets for an udviklingsmål, and measurements against them.

The interpolation rule (documented in docs/guide.md): a yearly value — the baseline or a target
— describes the middle of its year (1 July). Between two yearly values the expected value on a
date is interpolated linearly by days; before the baseline's date it is the baseline, after the
last target it is the last target. A measurement is *ahead* when it beats the expected value by
more than the tolerance, *behind* when it falls short by more than it, *on track* otherwise. The
tolerance is 5 % of the whole planned change (baseline to last target). "Beats" means higher for
an indicator that should go up and lower for one that should go down.

Example: baseline 60 % (2026), targets 70 % (2027) and 80 % (2028): on 1 July 2027 70 % is
expected and the tolerance is 1 point, so 72 % is ahead and 65 % is behind; 71 % and 69 %,
exactly on the tolerance, are on track. The comparison is exact (fractions of the decimal values
as written), never judged by binary floating-point rounding.

An indicator has at most one measurement per date: a second one replaces the first, and the
audit entry keeps the value it replaced.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.errors import InvalidInput
from aarshjul.services.audit_trail import record
from aarshjul.services.items import load_item
from aarshjul.store.db import Database
from aarshjul.store.models import Indicator, Item, Measurement

TOLERANCE = Fraction(5, 100)
_POINT = re.compile(r"^\s*(-?[0-9]+(?:[.,][0-9]+)?)\s*%?\s*@\s*([0-9]{4})\s*$")


def parse_point(text: str, option: str) -> tuple[float, int]:
    """``60@2026``, ``62,5 %@2027`` → (value, year)."""
    match = _POINT.match(text)
    if match is None:
        raise InvalidInput("indicator.bad_point", value=text, option=option)
    return float(match.group(1).replace(",", ".")), int(match.group(2))


def parse_value(text: str) -> float:
    try:
        return float(text.strip().rstrip("%").strip().replace(",", "."))
    except ValueError:
        raise InvalidInput("indicator.bad_value", value=text) from None


def anchor(year: int) -> date:
    return date(year, 7, 1)


def exact(value: float) -> Fraction:
    """The decimal a person wrote (``93.15``), exactly: floats are stored, but their shortest
    decimal form is what was entered."""
    return Fraction(repr(float(value)))


def expected_exact(points: Sequence[tuple[int, float]], on: date) -> Fraction:
    """The interpolated target on a date, exactly; ``points`` are (year, value), baseline
    first."""
    ordered = sorted((year, exact(value)) for year, value in points)
    if on <= anchor(ordered[0][0]):
        return ordered[0][1]
    for (y0, v0), (y1, v1) in itertools.pairwise(ordered):
        start, end = anchor(y0), anchor(y1)
        if on <= end:
            return v0 + (v1 - v0) * (on - start).days / (end - start).days
    return ordered[-1][1]


def expected(points: Sequence[tuple[int, float]], on: date) -> float:
    """The interpolated target on a date, as a number to show."""
    return float(expected_exact(points, on))


def status(points: Sequence[tuple[int, float]], direction: str, value: float, on: date) -> str:
    ordered = sorted(points)
    tolerance = abs(exact(ordered[-1][1]) - exact(ordered[0][1])) * TOLERANCE
    diff = exact(value) - expected_exact(ordered, on)
    if direction == "down":
        diff = -diff
    if diff > tolerance:
        return "ahead"
    if diff < -tolerance:
        return "behind"
    return "on-track"


@dataclass(frozen=True)
class IndicatorView:
    ref: str
    name: str
    unit: str
    direction: str
    baseline: tuple[float, int]
    targets: tuple[tuple[float, int], ...]
    measurements: tuple[tuple[date, float], ...]
    expected: float | None  # at the last measurement
    status: str  # ahead | on-track | behind | no-data


@dataclass(frozen=True)
class MeasureResult:
    """``indicator measure``: the value entered and its verdict (not the latest one's)."""

    ref: str
    name: str
    unit: str
    value: float
    on: date
    expected: float
    status: str  # ahead | on-track | behind
    replaced: float | None  # the value this date had before, if any


class Indicators:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def add(self, ref: str, *, name: str, unit: str = "", direction: str = "up",
            baseline: str, targets: Sequence[str], cadence_months: int = 12) -> IndicatorView:
        if not name.strip():
            raise InvalidInput("input.empty", what="--name")
        if direction not in ("up", "down"):
            raise InvalidInput("indicator.bad_direction", value=direction)
        base = parse_point(baseline, "--baseline")
        goals = sorted((parse_point(t, "--target") for t in targets), key=lambda p: p[1])
        if not goals:
            raise InvalidInput("input.empty", what="--target")
        if not 0 <= cadence_months <= 60:
            raise InvalidInput("indicator.bad_cadence", value=cadence_months)
        years = [base[1], *(g[1] for g in goals)]
        if len(set(years)) != len(years) or years != sorted(years):
            raise InvalidInput("indicator.bad_years", years=", ".join(map(str, years)))
        with self.db.transaction() as s:
            item = load_item(s, ref)
            if self._find(s, item, name.strip(), missing_ok=True) is not None:
                raise InvalidInput("indicator.exists", ref=item.ref, name=name.strip())
            row = Indicator(item_id=item.id, name=name.strip(), unit=unit.strip(),
                            direction=direction, baseline_value=base[0], baseline_year=base[1],
                            targets=json.dumps({str(y): v for v, y in goals}),
                            cadence_months=cadence_months,
                            created_at=self.ctx.now)
            s.add(row)
            s.flush()
            record(s, self.ctx, "indicator-add", item=item,
                   data={"name": row.name, "baseline": [base[0], base[1]],
                         "targets": [[v, y] for v, y in goals]})
            return indicator_view(s, item, row)

    def measure(self, ref: str, name: str, value: str, on: date) -> MeasureResult:
        """Record a measurement; one on the same date is replaced (the audit keeps the old)."""
        number = parse_value(value)
        with self.db.transaction() as s:
            item = load_item(s, ref)
            row = self._find(s, item, name)
            assert row is not None
            same_day = s.scalars(select(Measurement).where(
                Measurement.indicator_id == row.id, Measurement.measured_on == on)).one_or_none()
            replaced = same_day.value if same_day is not None else None
            if same_day is None:
                s.add(Measurement(indicator_id=row.id, value=number, measured_on=on,
                                  created_at=self.ctx.now))
            else:
                same_day.value, same_day.created_at = number, self.ctx.now
            s.flush()
            data: dict[str, object] = {"name": row.name, "value": number, "on": on.isoformat()}
            if replaced is not None:
                data["replaced"] = replaced
            record(s, self.ctx, "indicator-measure", item=item, data=data)
            points = _points(row)
            return MeasureResult(ref=item.ref, name=row.name, unit=row.unit, value=number,
                                 on=on, expected=round(expected(points, on), 2),
                                 status=status(points, row.direction, number, on),
                                 replaced=replaced)

    def query(self, ref: str | None = None) -> list[IndicatorView]:
        with self.db.transaction() as s:
            q = select(Indicator, Item).join(Item, Item.id == Indicator.item_id).order_by(
                Item.sort_key, Indicator.name)
            if ref is not None:
                q = q.where(Indicator.item_id == load_item(s, ref).id)
            return [indicator_view(s, item, row) for row, item in s.execute(q)]

    def _find(self, s: Session, item: Item, name: str, *,
              missing_ok: bool = False) -> Indicator | None:
        row = s.scalars(select(Indicator).where(Indicator.item_id == item.id,
                                                Indicator.name == name.strip())).one_or_none()
        if row is None and not missing_ok:
            known = ", ".join(s.scalars(select(Indicator.name).where(
                Indicator.item_id == item.id))) or "-"
            raise InvalidInput("indicator.unknown", ref=item.ref, name=name, known=known)
        return row


def indicator_view(s: Session, item: Item, row: Indicator) -> IndicatorView:
    """An indicator with its measurements and where the last one stands."""
    goals = _goals(row)
    points = _points(row)
    measured = tuple((m.measured_on, m.value) for m in s.scalars(
        select(Measurement).where(Measurement.indicator_id == row.id)
        .order_by(Measurement.measured_on, Measurement.id)))
    if measured:
        on, value = measured[-1]
        expect: float | None = round(expected(points, on), 2)
        state = status(points, row.direction, value, on)
    else:
        expect, state = None, "no-data"
    return IndicatorView(ref=item.ref, name=row.name, unit=row.unit,
                         direction=row.direction,
                         baseline=(row.baseline_value, row.baseline_year), targets=goals,
                         measurements=measured, expected=expect, status=state)


def _goals(row: Indicator) -> tuple[tuple[float, int], ...]:
    """The yearly targets as (value, year), earliest first."""
    return tuple(sorted(((float(v), int(y)) for y, v in json.loads(row.targets).items()),
                        key=lambda p: p[1]))


def _points(row: Indicator) -> list[tuple[int, float]]:
    """(year, value) of the baseline and every target: what ``expected`` interpolates."""
    return [(row.baseline_year, row.baseline_value), *((y, v) for v, y in _goals(row))]
