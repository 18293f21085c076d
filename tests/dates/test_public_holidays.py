"""The public-holiday cache: the same answers as the ``holidays`` package, from a file that a
later process reads without importing that package, and never an error because of the file."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from holidays import country_holidays

from aarshjul.dates.public_holidays import cache_file, holidays_of


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = cache_file()
    assert path is not None and path.is_relative_to(tmp_path)
    return path


def test_the_answer_is_the_packages_and_is_kept_for_the_years_ahead(cache: Path) -> None:
    assert holidays_of(2027) == dict(country_holidays("DK", years=2027, language="da"))
    assert holidays_of(2027)[date(2027, 3, 26)] == "Langfredag"
    kept = json.loads(cache.read_text(encoding="utf-8"))
    assert sorted(kept) == ["2027", "2028", "2029", "2030"]
    assert kept["2029"]["2029-12-25"] == "Juledag"


def test_a_later_process_answers_from_the_file_without_the_package(cache: Path) -> None:
    holidays_of(2027)
    code = ("import sys; from datetime import date;"
            "from aarshjul.dates.public_holidays import holidays_of;"
            "print(holidays_of(2028)[date(2028, 4, 14)], 'holidays' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["Langfredag", "False"]


def test_a_damaged_file_is_ignored_and_replaced(cache: Path) -> None:
    cache.parent.mkdir(parents=True)
    cache.write_text('{"2027": {"2027-12-25": 3}, "2028": {"not a day": "x"}', encoding="utf-8")
    assert holidays_of(2027)[date(2027, 12, 25)] == "Juledag"
    kept = json.loads(cache.read_text(encoding="utf-8"))
    assert kept["2027"]["2027-12-25"] == "Juledag"
    cache.write_text('{"2027": {"2027-12-25": 3}}', encoding="utf-8")
    assert holidays_of(2027)[date(2027, 12, 25)] == "Juledag"


def test_an_unwritable_cache_folder_costs_speed_not_answers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert holidays_of(2027)[date(2027, 1, 1)] == "Nytårsdag"
    assert list(tmp_path.iterdir()) == [blocker]


def test_years_beyond_the_package_are_refused_not_cached(cache: Path) -> None:
    with pytest.raises(ValueError, match="2101"):
        holidays_of(2101)
    holidays_of(2099)
    assert "2101" not in json.loads(cache.read_text(encoding="utf-8"))
    assert "2100" in json.loads(cache.read_text(encoding="utf-8"))
