"""Shared setup for the agenda tests: an OMU meeting with items booked for godkendelse-omu."""

from __future__ import annotations

from datetime import date

from aarshjul.app import App

MEETING = "OMU-2027-03-10"


def omu_meeting(app: App, titles: tuple[str, ...] = ("Trivsel", "Læring", "Overgange")
                ) -> list[str]:
    """Items in godkendelse-omu, booked on OMU-2027-03-10 (sagsfrist 3 March); their refs."""
    app.meetings.add("OMU", date(2027, 3, 10), time="13:00", place="Rådhuset")
    refs = []
    for title in titles:
        ref = app.items.add(title, owner="mette").ref
        app.moves.advance([ref])  # drøftelse → kvalificering
        app.moves.advance([ref])  # → godkendelse-omu
        app.meetings.book(ref, MEETING)
        refs.append(ref)
    return refs
