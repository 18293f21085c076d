"""The demo: an invented Danish børne- og ungestrategi, so a newcomer sees the product at once.

``aarshjul init --demo`` loads it after ``App.init``; it stands above ``App`` and the services,
which know nothing of it.

It is loaded through the same services a user calls, with the clock set back, so the audit
trail, the decisions and the bookings look exactly as if a secretariat had done the work over
the past months.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from aarshjul.dates.timeutil import start_of_day
from aarshjul.services.meetings import working_calendar

if TYPE_CHECKING:
    from aarshjul.app import App
    from aarshjul.dates.workdays import WorkingCalendar
    from aarshjul.services.meetings import Meetings

PEOPLE = [
    # login, name, role, manager
    ("dir", "Dorthe Iversen", "direktør", None),
    ("mette", "Mette Holm", "centerchef, Dagtilbud", "dir"),
    ("jens", "Jens Kragh", "centerchef, Skole", "dir"),
    ("sara", "Sara Nielsen", "skoleleder, Nordskolen", "jens"),
    ("ali", "Ali Demir", "dagtilbudsleder, Solsikken", "mette"),
    ("sek", "Karen Lund", "processekretær", "dir"),
]

ITEMS = [
    # ref, title, owner, extra fields
    ("1", "Børne- og ungestrategi 2027-2030: Alle børn skal lykkes", "dir",
     {"case_number": "27.00.00-A00-1-26"}),
    ("1.1", "Trivsel og fællesskaber", "mette", {}),
    ("1.1.1", "Flere børn oplever at høre til i et fællesskab", "mette", {}),
    ("1.1.1.1", "Fællesskabsmodel i alle dagtilbud", "ali", {
        "succeskriterier": "Mindst 80 % af forældrene oplever, at deres barn er en del af et "
                           "fællesskab, inden udgangen af 2027.",
        "evaluering": "Forældretilfredshedsundersøgelsen og dialogmøder i LMU.",
        "tids_og_handleplan": "Forår 2027: kompetenceforløb. Efterår 2027: afprøvning. "
                              "2028: fuld drift.",
        "tovholder": "Dagtilbudsleder, Solsikken"}),
    ("1.1.1.2", "Trivselsvejledere på alle skoler", "sara", {
        "succeskriterier": "Andelen af elever med høj trivsel stiger fra 84 % til 90 % i 2028.",
        "evaluering": "Den nationale trivselsmåling.",
        "tids_og_handleplan": "Ansættelse i 1. kvartal 2027; opfølgning hvert halvår.",
        "tovholder": "Skoleleder, Nordskolen"}),
    ("1.2", "Læring og dannelse", "jens", {}),
    ("1.2.1", "Flere elever forlader skolen med et godt fundament", "jens", {}),
    ("1.2.1.1", "Læseløft i indskolingen", "sara", {
        "succeskriterier": "Mindst 85 % af eleverne i 2. klasse er gode læsere i 2028.",
        "evaluering": "De nationale test og skolens egne læseprøver.",
        "tids_og_handleplan": "Skoleåret 2027/28: læsebånd og læsevejledere.",
        "tovholder": "Læsevejleder, Nordskolen"}),
    ("1.3", "Sammenhæng i overgange", "mette", {}),
    ("2", "Digital dannelse i dagtilbud og skole", "jens", {}),
    ("3", "Strategi for fritids- og ungdomsliv", "mette", {}),
]


def load_demo(app: App) -> dict[str, int] | None:
    """Load the demo into an empty database; return counts, or None if there were items."""
    from sqlalchemy import func, select

    from aarshjul.store.models import Item

    with app.db.transaction() as s:
        if (s.scalar(select(func.count(Item.id))) or 0) > 0:
            return None
    today = app.ctx.today
    start = today - timedelta(days=120)

    # The demo acts for its secretary "sek", on behalf of whoever runs it once a secretariat is
    # named (``init`` names them first); it steps its own items on day by day, so without the
    # duplicate-click guard (started=None).
    operator = app.ctx.operator if app.people.secretariat() else None

    def at(day: date) -> App:
        return app.at(replace(app.ctx, actor="sek", now=start_of_day(day) + timedelta(hours=10),
                              started=None, login=operator))

    setup = at(start)
    for login, name, role, manager in PEOPLE:
        setup.people.add(login, name=name, email=f"{login}@kommune.example", role=role,
                         manager=manager)
    codes = _meetings(setup.meetings, start, working_calendar(app.ctx))
    for ref, title, owner, fields in ITEMS:
        setup.items.add(title, ref=ref, owner=owner, texts=dict(fields))

    # The strategy itself has been through OMU and BUU and is in public consultation; the rest
    # is spread over the process. Steps run in date order so the history reads naturally.
    def held(body: str, after: date) -> tuple[date, str]:
        return next((d, c) for d, c in codes[body] if d >= after)

    steps: list[tuple[date, Callable[[App], object]]] = []

    def step(day: date, action: Callable[[App], object]) -> None:
        steps.append((day, action))

    d1, d2 = start + timedelta(days=7), start + timedelta(days=21)
    step(d1, lambda a: a.moves.advance(["1", "1.1", "1.2", "1.3"],
                                       note="Drøftet på ledermødet; input fra temamøder samles."))
    step(d2, lambda a: a.moves.advance(["1", "1.1", "1.2"], note="Udkast klar til OMU."))
    omu_day, omu = held("OMU", d2 + timedelta(days=7))
    step(d2 + timedelta(days=1), lambda a: a.meetings.book("1", omu))
    step(d2 + timedelta(days=1), lambda a: a.meetings.book("1.1", omu))
    step(omu_day + timedelta(days=1), lambda a: a.moves.advance(
        ["1", "1.1"], decision="OMU godkendte udkastet."))
    buu_day, buu = held("BUU", omu_day + timedelta(days=14))
    hoering_end = working_calendar(app.ctx).next_working_day(today + timedelta(days=10))
    step(omu_day + timedelta(days=2), lambda a: a.meetings.book("1", buu))
    step(buu_day + timedelta(days=1), lambda a: a.moves.advance(
        ["1"], decision="BUU sendte strategien i høring hos skole- og dagtilbudsbestyrelser.",
        until=hoering_end))
    later = today - timedelta(days=1)
    oek_day, oek = held("OEK", today + timedelta(days=35))
    # KB takes the case on ØK's indstilling eight days later: its sagsfrist is ØK's decision.
    for ref, code in (("1", oek), ("1", held("KB", oek_day)[1]),
                      ("1.2", held("OMU", today + timedelta(days=5))[1]),
                      ("1.1", held("BUU", today + timedelta(days=1))[1])):
        step(later, functools.partial(_book, ref=ref, code=code))
    # The ledermøde hears the status of the strategy process, for information only.
    step(later, functools.partial(_book, ref="1", code=held("LEDERMOEDE", today + timedelta(
        days=14))[1], orientation=True))
    step(start, lambda a: _themes(a, today))
    step(start + timedelta(days=30), lambda a: a.moves.advance(
        ["1.1.1.1", "1.1.1.2"], note="Handleplan sat i gang."))
    step(start + timedelta(days=90), lambda a: a.moves.advance(
        ["1.1.1.2"], note="Trivselsvejledere ansat."))
    step(start + timedelta(days=60), lambda a: a.moves.pause(
        "2", reason="Afventer den nationale strategi for digital dannelse."))
    # An older strategy, decided before the årshjul was taken into use, is being carried out
    # in the workplaces through handleplaner.
    step(start + timedelta(days=2), _older_strategy)
    step(start + timedelta(days=40), lambda a: a.workplaces.spawn(
        "4", ["sara", "ali"], book_on="LMU", due=date(today.year + 1, 6, 30)))
    step(start + timedelta(days=70), lambda a: a.moves.advance(
        ["4.1"], note="Forældrepaneler nedsat på Nordskolen."))
    # The delmål for belonging is followed by an indicator with yearly targets.
    year = today.year
    step(start + timedelta(days=3), lambda a: a.indicators.add(
        "1.1.1", name="Oplever at høre til", unit="%", baseline=f"78@{year - 1}",
        targets=[f"82@{year}", f"86@{year + 1}", f"90@{year + 2}"]))
    step(start + timedelta(days=50), lambda a: a.indicators.measure(
        "1.1.1", "Oplever at høre til", "81", start + timedelta(days=45)))
    # This year's strategic conversations: some held, some coming.
    step(start + timedelta(days=5), lambda a: a.conversations.plan(
        year, logins=["sara", "ali"], start=today - timedelta(days=20),
        end=today + timedelta(days=30)))
    step(today - timedelta(days=36), lambda a: a.conversations.deliver_plan(
        f"SAMTALE-{year}-sara"))
    step(today - timedelta(days=19), lambda a: a.conversations.record_answers(
        f"SAMTALE-{year}-sara", [
            "At alle elever oplever at høre til i en klasse og et fællesskab.",
            "Vi udvikler læsebånd i indskolingen og fastholder trivselsvejlederne.",
            "Fælles mål i teamene og opfølgning på hvert LMU-møde.",
            "PPR, sundhedsplejen og fritidsklubben i området."], agenda=[
            "Trivsel i udskolingen.", "Læsebånd i alle klasser.",
            "Flere timer til trivselsvejlederne i budgettet."]))
    _sagsgang(setup, step, start=start, today=today, hoering_from=buu_day + timedelta(days=1))
    for day, action in sorted(steps, key=lambda s: s[0]):
        action(at(day))

    with app.db.transaction() as s:
        from aarshjul.store.models import Meeting, Person

        counts = {"items": s.scalar(select(func.count(Item.id))) or 0,
                  "people": s.scalar(select(func.count(Person.id))) or 0,
                  "meetings": s.scalar(select(func.count(Meeting.id))) or 0}
    return counts


def _sagsgang(setup: App, step: Callable[[date, Callable[[App], object]], None], *,
              start: date, today: date, hoering_from: date) -> None:
    """Issue 15, points 4, 5 and 7: each workplace's own LMU (the older strategy's handleplaner
    are booked on them), the høring's parties and answers, and the conversations' time and
    place."""
    calendar = working_calendar(setup.ctx)
    for login, workplace, name, first in (("sara", "nordskolen", "Nordskolen", 50),
                                          ("ali", "solsikken", "Solsikken", 160)):
        setup.people.edit(login, workplace=workplace)
        key = f"LMU-{workplace.upper()}"
        setup.meetings.add_body(key, name=f"LMU {name}", deadline_days=5, workplace=workplace)
        for days in (first, first + 60):
            setup.meetings.add(key, calendar.next_working_day(start + timedelta(days=days)),
                               time="14:00", place=name)
    parties = ("Skolebestyrelsen, Nordskolen", "Forældrebestyrelsen, Solsikken", "Handicaprådet",
               "Ungdomsskolebestyrelsen", "Integrationsrådet")

    def hoering(app: App) -> None:
        for party in parties:
            app.hoering.add_party("1", party)

    step(hoering_from, hoering)
    for n, party in enumerate(parties[:3]):
        received = min(hoering_from + timedelta(days=3 + 4 * n), today - timedelta(days=1))
        step(received, functools.partial(_answer, party=party, received=received))
    year = today.year
    for login, clock, place in (("sara", "09:00", "Nordskolen, personalerummet"),
                                ("ali", "13:00", "Solsikken")):
        step(start + timedelta(days=6), functools.partial(
            _conversation_place, code=f"SAMTALE-{year}-{login}", clock=clock, place=place))


def _answer(app: App, *, party: str, received: date) -> object:
    return app.hoering.answer("1", party, received=received,
                              link="https://esdh.kommune.example/sag/27.00.00-A00-1-26")


def _conversation_place(app: App, *, code: str, clock: str, place: str) -> object:
    return app.conversations.edit(code, time=clock, place=place)


def _older_strategy(app: App) -> None:
    app.items.add("Strategi for forældresamarbejde 2025-2028", ref="4", owner="mette",
                  texts={"succeskriterier": "Forældre i alle dagtilbud og skoler oplever at "
                                            "blive inddraget (mindst 75 % i 2028).",
                         "evaluering": "Forældretilfredshedsundersøgelsen."})
    while app.items.show("4").state != "udmoentning":
        app.moves.advance(["4"], force=True, decision="Vedtaget af KB i 2025",
                          reason="Behandlet før årshjulet blev taget i brug.")


def _book(app: App, *, ref: str, code: str, orientation: bool = False) -> object:
    return app.meetings.book(ref, code, orientation=orientation)


def _meetings(meetings: Meetings, start: date,
              calendar: WorkingCalendar) -> dict[str, list[tuple[date, str]]]:
    """A year and a half of meetings for every body, the way an årshjul usually looks (none on
    a public holiday: that week's meeting is simply not held)."""
    plan = {  # body: (weekday, which week of the month, time, place)
        "LEDERMOEDE": (1, (1, 3), "09:00", "Rådhuset, mødelokale 1"),
        "OMU": (2, (2,), "13:00", "Rådhuset, mødelokale 3"),
        "BUU": (0, (1,), "16:00", "Byrådssalen"),
        "OEK": (0, (3,), "15:00", "Borgmesterens mødelokale"),  # a Monday; KB eight days later
        "LMU": (3, (2,), "14:00", "Nordskolen"),
    }
    codes: dict[str, list[tuple[date, str]]] = {key: [] for key in [*plan, "KB"]}
    first = date(start.year, start.month, 1)
    for month in range(18):
        year, mon = first.year + (first.month - 1 + month) // 12, (first.month - 1 + month) % 12 + 1
        if mon == 7:
            continue  # no meetings in July
        for key, (weekday, weeks, time, place) in plan.items():
            for week in weeks:
                day = _nth_weekday(year, mon, weekday, week)
                if day < start or not calendar.is_working_day(day):
                    continue
                codes[key].append((day, meetings.add(key, day, time=time, place=place).id))
                kb = day + timedelta(days=8)
                if key == "OEK" and calendar.is_working_day(kb):  # on ØK's indstilling
                    codes["KB"].append((kb, meetings.add("KB", kb, time="17:00",
                                                         place="Byrådssalen").id))
    return codes


#: The council's theme meetings: events with a title and no cases (a body without sagsfrist).
THEMES = ((4, "Temamøde: det lange perspektiv"), (6, "Temamøde: fireårshorisonten"),
          (8, "Temamøde: etårsperspektivet og budgettet"))


def _themes(app: App, today: date) -> None:
    app.meetings.add_body("TEMAMOEDE", name="Temamøde", deadline_days=None)
    for month, title in THEMES:
        year = today.year if month > today.month else today.year + 1
        app.meetings.add("TEMAMOEDE", _nth_weekday(year, month, 1, 2), time="17:00",
                         place="Byrådssalen", title=title)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    day = date(year, month, 1)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day + timedelta(weeks=n - 1)

