"""The årshjul's meetings: adding, moving and cancelling them, and bookings with their
sagsfrister."""

from __future__ import annotations

from datetime import date

import pytest

from aarshjul.app import App
from aarshjul.errors import InvalidInput
from tests.conftest import Cli


def test_meeting_add_takes_a_time_the_way_an_import_file_does(app: App, cli: Cli) -> None:
    """``--time 9:30`` was refused while a file with 9:30 was accepted: one clock parser now."""
    result = cli("meeting", "add", "BUU", "2027-09-14", "--time", "9:30")
    assert result.exit_code == 0, result.output
    assert app.meetings.add("OMU", date(2027, 9, 15), time="16.00").time == "16:00"
    times = {m.id: m.time for m in app.meetings.query()}
    assert times == {"BUU-2027-09-14": "09:30", "OMU-2027-09-15": "16:00"}


@pytest.mark.parametrize("value", ["25:00", "9", "kl. 9", "09:30:00"])
def test_meeting_add_refuses_what_is_no_time_of_day(app: App, cli: Cli, value: str) -> None:
    result = cli("meeting", "add", "BUU", "2027-09-14", "--time", value)
    assert result.exit_code == 2
    assert f'--time "{value}" er ikke et klokkeslæt' in result.stderr
    with pytest.raises(InvalidInput):
        app.meetings.add("BUU", date(2027, 9, 14), time=value)
    assert app.meetings.query() == []
