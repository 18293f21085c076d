"""Every sentence a user reads from the library, in Danish (the default) and English.

Errors and guard results carry a key and parameters; :func:`translate` makes the sentence. A test
checks that every key has both languages and that the parameters agree.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    # environment
    "db.unreachable": (
        "Databasen {url} kan ikke bruges: {reason}. Tjek --db eller AARSHJUL_DB.",
        "The database {url} cannot be used: {reason}. Check --db or AARSHJUL_DB."),
    "db.not_initialised": (
        "Databasen {url} er ikke oprettet. Opret den med: aarshjul init",
        "The database {url} has not been created. Create it with: aarshjul init"),
    "db.wrong_revision": (
        "Databasen har skemaversion {found}, men programmet forventer {expected}. "
        "Opgrader den med: aarshjul init",
        "The database has schema version {found} but this program expects {expected}. "
        "Upgrade it with: aarshjul init"),
    "config.invalid": (
        "Konfigurationen {file} er ugyldig: {reason}",
        "The configuration {file} is invalid: {reason}"),
    "conflict.stale": (
        "Punktet blev ændret af en anden imens. Intet er gemt; se punktet igen og prøv igen.",
        "The item was changed by someone else meanwhile. Nothing was saved; look again and retry."),
    "conflict.locked": (
        "Databasen er optaget af en anden kommando. Intet er gemt; prøv igen om lidt.",
        "The database is busy with another command. Nothing was saved; try again shortly."),
    "conflict.already_there": (
        "Punkt {ref} er allerede i \"{state}\" — nogen har flyttet det imens. Intet er gemt.",
        "Item {ref} is already in \"{state}\" — someone moved it meanwhile. Nothing was saved."),
    # input
    "input.bad_datetime": (
        "{option}: \"{value}\" er ikke en dato/tid. Brug fx 2027-03-01 eller 2027-03-01T09:00.",
        "{option}: \"{value}\" is not a date/time. Use e.g. 2027-03-01 or 2027-03-01T09:00."),
    "input.bad_date": (
        "{option}: \"{value}\" er ikke en dato. Brug formen ÅÅÅÅ-MM-DD, fx 2027-03-01.",
        "{option}: \"{value}\" is not a date. Use the form YYYY-MM-DD, e.g. 2027-03-01."),
    "input.empty": (
        "{what} må ikke være tom.",
        "{what} must not be empty."),
    "input.bad_ref": (
        "\"{ref}\" er ikke et gyldigt nummer. Brug tal adskilt af punktum, fx 1.2.1.",
        "\"{ref}\" is not a valid number. Use numbers separated by dots, e.g. 1.2.1."),
    "input.bad_kind": (
        "Ukendt type \"{kind}\". Brug en af: {known}.",
        "Unknown kind \"{kind}\". Use one of: {known}."),
    "input.bad_lang": (
        "Ukendt sprog \"{language}\". Brug da eller en.",
        "Unknown language \"{language}\". Use da or en."),
    "input.bad_email": (
        "\"{email}\" er ikke en e-mailadresse.",
        "\"{email}\" is not an email address."),
    "input.reason_needed": (
        "{option} kræver en begrundelse: tilføj --reason \"...\".",
        "{option} needs a reason: add --reason \"...\"."),
    "file.unreadable": (
        "Filen {file} kan ikke læses: {reason}",
        "The file {file} cannot be read: {reason}"),
    # items
    "item.unknown": (
        "Punkt {ref} findes ikke. Se numrene med: aarshjul item list",
        "Item {ref} does not exist. See the numbers with: aarshjul item list"),
    "item.ref_taken": (
        "Nummer {ref} er allerede brugt (\"{title}\"). Vælg et andet eller udelad --ref.",
        "Number {ref} is already used (\"{title}\"). Choose another or leave out --ref."),
    "item.ref_parent": (
        "Nummer {ref} passer ikke under {parent}: det skal være {parent}.N.",
        "Number {ref} does not fit under {parent}: it must be {parent}.N."),
    "item.parent_missing": (
        "Overordnet punkt {parent} findes ikke. Opret det først, eller vælg et andet nummer.",
        "Parent item {parent} does not exist. Create it first, or choose another number."),
    "item.unknown_state_filter": (
        "Ingen arbejdsgang har tilstanden \"{state}\". Se dem med: aarshjul workflow show NAVN",
        "No workflow has the state \"{state}\". See them with: aarshjul workflow show NAME"),
    "item.cannot_spawn": (
        "Punkt {ref} er i \"{state}\": handleplaner oprettes først under udmøntningen.",
        "Item {ref} is in \"{state}\": action plans are spawned only during implementation."),
    "item.bad_template": (
        "Skabelonen {file} har {count} fejl:",
        "The template {file} has {count} problem(s):"),
    "item.already_spawned": (
        "{logins} har allerede en handleplan under {ref}.",
        "{logins} already have an action plan under {ref}."),
    "item.nothing_to_edit": (
        "Intet at ændre: angiv mindst ét felt, fx --title.",
        "Nothing to change: give at least one field, e.g. --title."),
    # people
    "person.unknown": (
        "Personen {login} findes ikke. Opret med: aarshjul person add {login} --name ... --email ...",
        "The person {login} does not exist. Add with: aarshjul person add {login} --name ... --email ..."),
    "person.exists": (
        "Personen {login} findes allerede.",
        "The person {login} already exists."),
    "person.manager_loop": (
        "{manager} kan ikke være leder for {login}: det giver en ring af ledere.",
        "{manager} cannot be the manager of {login}: that makes a loop of managers."),
    # workflows
    "workflow.unknown": (
        "Arbejdsgangen \"{name}\" findes ikke. Kendte: {known}.",
        "The workflow \"{name}\" does not exist. Known: {known}."),
    "workflow.invalid": (
        "Arbejdsgangen i {file} har {count} fejl:",
        "The workflow in {file} has {count} problem(s):"),
    "workflow.version_taken": (
        "{name} version {version} findes allerede med et andet indhold. Sæt version op.",
        "{name} version {version} already exists with other content. Raise the version."),
    "workflow.version_old": (
        "{name} version {version} er ældre end den nyeste ({newest}). Sæt version op.",
        "{name} version {version} is older than the newest ({newest}). Raise the version."),
    # moves
    "move.unknown_state": (
        "Tilstanden \"{state}\" findes ikke i {workflow}. Mulige: {known}.",
        "The state \"{state}\" does not exist in {workflow}. Possible: {known}."),
    "move.not_allowed": (
        "Punkt {ref} kan ikke {move} \"{target}\" fra \"{state}\". Mulige træk: {allowed}.",
        "Item {ref} cannot {move} \"{target}\" from \"{state}\". Possible moves: {allowed}."),
    "move.choose_next": (
        "Punkt {ref} kan gå til flere tilstande fra \"{state}\": vælg med --to ({choices}).",
        "Item {ref} can go to several states from \"{state}\": choose with --to ({choices})."),
    "move.paused": (
        "Punkt {ref} er sat i bero. Genoptag det først: aarshjul resume {ref}",
        "Item {ref} is paused. Resume it first: aarshjul resume {ref}"),
    "move.not_paused": (
        "Punkt {ref} er ikke sat i bero.",
        "Item {ref} is not paused."),
    "move.already_paused": (
        "Punkt {ref} er allerede sat i bero.",
        "Item {ref} is already paused."),
    "move.terminal": (
        "Punkt {ref} er afsluttet (\"{state}\") og kan ikke flyttes.",
        "Item {ref} is finished (\"{state}\") and cannot be moved."),
    "move.guard": (
        "Punkt {ref} kan ikke gå videre fra \"{state}\": {missing}",
        "Item {ref} cannot move on from \"{state}\": {missing}"),
    "move.single": ("{text}", "{text}"),
    "move.until_not_consultation": (
        "--until gælder kun når punktet sendes i høring.",
        "--until applies only when the item goes to public consultation."),
    "move.until_past": (
        "Høringsperioden skal slutte efter i dag ({today}); --until {until} er for tidligt.",
        "The consultation must end after today ({today}); --until {until} is too early."),
    "meeting.not_working_day": (
        "{day} er ikke en arbejdsdag ({why}). Er datoen rigtig? Næste arbejdsdag er {next}; holdes mødet alligevel den dag, så tilføj --force.",
        "{day} is not a working day ({why}). Is the date right? The next working day is {next}; if the meeting really is on that day, add --force."),
    "meeting.weekday_5": ("en lørdag", "a Saturday"),
    "meeting.weekday_6": ("en søndag", "a Sunday"),
    "move.until_not_working_day": (
        "Høringen skal slutte på en arbejdsdag; {until} er ikke en arbejdsdag. Vælg fx {before} eller {after}.",
        "The consultation must end on a working day; {until} is not one. Choose e.g. {before} or {after}."),
    "move.until_after_sagsfrist": (
        "Punkt {ref}: høringen slutter {until}, efter sagsfristen for punktets næste møde. Den kan senest slutte {latest}.",
        "Item {ref}: the consultation ends {until}, after the case deadline of the item's next meeting. It can end {latest} at the latest."),
    # guards
    "guard.decision": (
        "der mangler en beslutning. Tilføj --decision \"...\" med det, mødet besluttede.",
        "a decision is missing. Add --decision \"...\" with what the meeting decided."),
    "guard.not_booked": (
        "det er ikke booket på et afholdt {body}-møde. Book det med: "
        "aarshjul book {ref} --meeting {meeting}",
        "it is not booked on a {body} meeting that has taken place. Book it with: "
        "aarshjul book {ref} --meeting {meeting}"),
    "guard.meeting_not_held": (
        "det er booket på {meeting}, som ikke er afholdt endnu.",
        "it is booked on {meeting}, which has not taken place yet."),
    "guard.no_meetings": (
        "{body} har ingen møder i årshjulet. Tilføj et med: aarshjul meeting add {body} DATO",
        "{body} has no meetings in the årshjul. Add one with: aarshjul meeting add {body} DATE"),
    "guard.no_consultation_period": (
        "der er ingen høringsperiode registreret.",
        "no consultation period is recorded."),
    "guard.consultation_running": (
        "høringen løber til og med {until}.",
        "the consultation runs until {until} inclusive."),
    "guard.force_hint": (
        "Gennemtving med --force --reason \"...\" (bliver logget).",
        "Override with --force --reason \"...\" (this is logged)."),
    # bodies, meetings, bookings
    "body.unknown": (
        "Organet \"{body}\" findes ikke. Kendte: {known}.",
        "The body \"{body}\" does not exist. Known: {known}."),
    "body.exists": (
        "Organet {body} findes allerede. Ret det med: aarshjul body edit {body}",
        "The body {body} already exists. Change it with: aarshjul body edit {body}"),
    "body.bad_key": (
        "\"{body}\" kan ikke bruges som forkortelse: brug bogstaver og tal, fx BUU.",
        "\"{body}\" cannot be used as a key: use letters and digits, e.g. BUU."),
    "body.bad_days": (
        "Sagsfristen skal være mellem 0 og 100 arbejdsdage, ikke {days}.",
        "The case deadline must be between 0 and 100 working days, not {days}."),
    "body.in_use": (
        "Organet {body} kan ikke fjernes, fordi det stadig bruges: {uses}.",
        "The body {body} cannot be removed because it is still in use: {uses}."),
    "body.used_by_meeting": ("{count} møde i årshjulet", "{count} meeting in the årshjul"),
    "body.used_by_meetings": ("{count} møder i årshjulet", "{count} meetings in the årshjul"),
    "body.used_by_workflows": ("arbejdsgangene {names}", "the workflows {names}"),
    "body.removed": ("Organet {body} er fjernet.", "The body {body} is removed."),
    "meeting.unknown": (
        "Mødet {meeting} findes ikke. Se møderne med: aarshjul meeting list",
        "The meeting {meeting} does not exist. See the meetings with: aarshjul meeting list"),
    "meeting.bad_time": (
        "--time \"{value}\" er ikke et klokkeslæt. Brug TT:MM, fx 09:30.",
        "--time \"{value}\" is not a time of day. Use HH:MM, e.g. 09:30."),
    "meeting.already_cancelled": (
        "Mødet {meeting} er aflyst.",
        "The meeting {meeting} is cancelled."),
    "booking.wrong_body": (
        "\"{state}\" behandles af {state_body}, ikke af {body}.",
        "\"{state}\" is treated by {state_body}, not by {body}."),
    "booking.no_state": (
        "{body} behandler ikke punkt {ref} i nogen af dets resterende tilstande.",
        "{body} does not treat item {ref} in any of its remaining states."),
    "booking.exists": (
        "Punkt {ref} er allerede booket på {meeting}.",
        "Item {ref} is already booked on {meeting}."),
    "booking.none": (
        "Punkt {ref} er ikke booket på {meeting}.",
        "Item {ref} is not booked on {meeting}."),
    "deadlines.bad_days": (
        "--days skal være 0 eller mere, ikke {days}.",
        "--days must be 0 or more, not {days}."),
    "deliver.nothing": (
        "Punkt {ref} har ingen åben sagsfrist at markere som leveret.",
        "Item {ref} has no open deadline to mark as delivered."),
    # reminders
    "mail.down": (
        "E-mail kan ikke sendes: {reason}. Intet er markeret som sendt; påmindelser, der venter: "
        "{waiting}. De sendes ved næste kørsel (eller nu med: aarshjul outbox retry).",
        "Email cannot be sent: {reason}. Nothing was marked sent; reminders waiting: "
        "{waiting}. They go out on the next run (or now with: aarshjul outbox retry)."),
    "mail.no_folder": (
        "Der er ingen mappe til e-mails: sæt [mail] dir i konfigurationen.",
        "There is no folder for emails: set [mail] dir in the configuration."),
    "scheduler.running": (
        "En anden scheduler kører allerede på denne database (proces {pid}, lås {lock}). "
        "Stop den først; på SQLite kan kun én køre ad gangen.",
        "Another scheduler is already running on this database (process {pid}, lock {lock}). "
        "Stop it first; on SQLite only one can run at a time."),
    "ui.remind_summary": (
        "{queued} nye påmindelser; {sent} sendt i {digests}; {waiting} venter; "
        "{failed} fejlet.",
        "{queued} new reminders; {sent} sent in {digests}; {waiting} waiting; "
        "{failed} failed."),
    # meeting import (issue 4.2)
    "meeting.import_invalid": (
        "Møderne i {file} er ikke indlæst: filen har {count} fejl. Intet er gemt; ret fejlene og indlæs filen igen:",
        "The meetings in {file} were not imported: the file has {count} problem(s). Nothing was saved; fix them and import the file again:"),
    "meeting.import_row": ("række {row} (linje {line})", "row {row} (line {line})"),
    "meeting.import_table": ("[[meetings]] nr. {row}", "[[meetings]] no. {row}"),
    "meeting.import_event": ("begivenhed {row} (UID {uid})", "event {row} (UID {uid})"),
    "meeting.import_bad_extension": (
        "filtypen \"{ext}\" kendes ikke. Brug en fil der ender på .csv, .toml eller .ics.",
        "the file type \"{ext}\" is not known. Use a file ending in .csv, .toml or .ics."),
    "meeting.import_cannot_open": (
        "filen kan ikke åbnes: {reason}. Tjek navnet og stien.",
        "the file cannot be opened: {reason}. Check the name and the path."),
    "meeting.import_unreadable": (
        "filen kan ikke læses: {reason}. Gem den igen som CSV (UTF-8), TOML eller iCalendar.",
        "the file cannot be read: {reason}. Save it again as CSV (UTF-8), TOML or iCalendar."),
    "meeting.import_empty": (
        "filen indeholder ingen møder. Skriv ét møde pr. række under overskriften {columns}.",
        "the file holds no meetings. Write one meeting per row under the header {columns}."),
    "meeting.import_unknown_column": (
        "kolonnen \"{column}\" kendes ikke. Brug kolonnerne {known}.",
        "the column \"{column}\" is not known. Use the columns {known}."),
    "meeting.import_missing_column": (
        "kolonnen \"{column}\" mangler i overskriften. Første række skal være fx {known}.",
        "the header has no \"{column}\" column. The first row should be e.g. {known}."),
    "meeting.import_extra_cells": (
        "rækken har {count} felter, men overskriften kun {columns}. Tjek skilletegn i felterne.",
        "the row has {count} fields but the header only {columns}. Check for separators inside fields."),
    "meeting.import_unknown_key": (
        "nøglen \"{name}\" kendes ikke. Brug {known}.",
        "the key \"{name}\" is not known. Use {known}."),
    "meeting.import_no_tables": (
        "filen skal bestå af [[meetings]]-tabeller med body og date.",
        "the file must consist of [[meetings]] tables with body and date."),
    "meeting.import_recurring": (
        "en gentaget begivenhed (RRULE/RDATE) kan ikke indlæses. Eksportér møderne enkeltvis.",
        "a recurring event (RRULE/RDATE) cannot be imported. Export the meetings one by one."),
    "meeting.import_no_date": (
        "datoen mangler. Skriv den som ÅÅÅÅ-MM-DD, fx 2027-09-14.",
        "the date is missing. Write it as YYYY-MM-DD, e.g. 2027-09-14."),
    "meeting.import_bad_date": (
        "\"{value}\" er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD, fx 2027-09-14.",
        "\"{value}\" is not a date. Write it as YYYY-MM-DD, e.g. 2027-09-14."),
    "meeting.import_no_body": (
        "organet mangler. Skriv fx BUU, OMU, ØK eller KB.",
        "the body is missing. Write e.g. BUU, OMU, ØK or KB."),
    "meeting.import_unknown_body": (
        "organet \"{body}\" findes ikke. Kendte: {known}; eller opret det med: aarshjul body add",
        "the body \"{body}\" does not exist. Known: {known}; or create it with: aarshjul body add"),
    "meeting.import_bad_time": (
        "\"{value}\" er ikke et klokkeslæt. Skriv det som TT:MM, fx 16:00.",
        "\"{value}\" is not a time of day. Write it as HH:MM, e.g. 16:00."),
    "meeting.import_too_long": (
        "feltet {field} er længere end {max} tegn. Forkort det.",
        "the field {field} is longer than {max} characters. Shorten it."),
    "meeting.import_exists": (
        "{body} har allerede et møde {date} ({meeting}). Fjern rækken fra filen.",
        "{body} already has a meeting on {date} ({meeting}). Remove the row from the file."),
    "meeting.import_duplicate": (
        "{body} {date} står også i {other}. Fjern den ene række.",
        "{body} {date} also appears in {other}. Remove one of the rows."),
    "ui.meetings_imported": ("{count} møder indlæst fra {file}.", "{count} meetings imported from {file}."),
    # calendar export (issue 4.7)
    "calendar.unwritable": (
        "Kalenderen kan ikke skrives til {path}: {reason}. Vælg en fil i en mappe, du kan skrive i.",
        "The calendar cannot be written to {path}: {reason}. Choose a file in a folder you can write to."),
    "ics.calendar_name": ("Årshjul", "Årshjul"),
    "ics.meeting_description": (
        "{name}. Sagsfrist for sager til mødet: {deadline}.",
        "{name}. Deadline for cases for the meeting: {deadline}."),
    "ics.sagsfrist": ("Sagsfrist: {ref} {title} → {meeting}", "Case deadline: {ref} {title} → {meeting}"),
    "ics.hoering": ("Høringsfrist: {ref} {title}", "Consultation ends: {ref} {title}"),
    "ics.due": ("Frist: {ref} {title}", "Due: {ref} {title}"),
    "ics.deadline_description": (
        "Ansvarlig: {owner}. Tilstand: {state}.",
        "Responsible: {owner}. State: {state}."),
    "ics.alarm": ("Næste arbejdsdag: {summary}", "Next working day: {summary}"),
    "ui.calendar_exported": (
        "{path}: {meetings} møder og {deadlines} frister.",
        "{path}: {meetings} meetings and {deadlines} deadlines."),
    # the årshjul wheel (reports/wheel.py)
    "wheel.cannot_write": (
        "Filen {file} kan ikke skrives: {reason}. Vælg en anden sti med -o.",
        "The file {file} cannot be written: {reason}. Choose another path with -o."),
    "wheel.title": ("Årshjul", "Annual wheel"),
    "wheel.summary": (
        "Årshjul {period}: {meetings} møder ({cancelled} aflyst) i {bodies} organer; {bookings} punkter booket på kommende møder; i dag {today}.",
        "Annual wheel {period}: {meetings} meetings ({cancelled} cancelled) in {bodies} bodies; {bookings} items booked on coming meetings; today {today}."),
    "wheel.ring_line": (
        "{body} ({name}): {meetings} møder.",
        "{body} ({name}): {meetings} meetings."),
    "wheel.booking_line": (
        "Punkt {ref} {title}: {body} {date}, sagsfrist {deadline}.",
        "Item {ref} {title}: {body} {date}, deadline {deadline}."),
    "wheel.meeting_tip": ("{body} {date} — {what}", "{body} {date} — {what}"),
    "wheel.booking_tip": (
        "{ref} {title} — {body} {date}; sagsfrist {deadline}",
        "{ref} {title} — {body} {date}; deadline {deadline}"),
    "wheel.items_none": ("ingen punkter", "no items"),
    "wheel.items_one": ("1 punkt", "1 item"),
    "wheel.items_many": ("{count} punkter", "{count} items"),
    "wheel.cancelled": ("aflyst", "cancelled"),
    "wheel.today": ("I dag", "Today"),
    "wheel.today_date": ("I dag: {date}", "Today: {date}"),
    "wheel.rings": ("RINGE, UDEFRA OG IND", "RINGS, OUTERMOST FIRST"),
    "wheel.symbols": ("SÅDAN LÆSES HJULET", "HOW TO READ THE WHEEL"),
    "wheel.key_meeting": ("møde; tallet er dagen i måneden", "meeting; the number is the day"),
    "wheel.key_cancelled": ("aflyst møde", "cancelled meeting"),
    "wheel.key_booking": ("sagsfrist for et booket punkt → mødet", "deadline of a booked item → the meeting"),
    "wheel.key_today": ("i dag; det grå felt er tiden, der er gået", "today; the grey part is time gone by"),
    "wheel.coming": ("KOMMENDE PUNKTER", "COMING ITEMS"),
    "wheel.none_booked": ("Ingen punkter er booket på kommende møder.", "No items are booked on coming meetings."),
    "wheel.more": ("… og {count} flere", "… and {count} more"),
    # planning backwards from a target meeting
    "plan.step_too_late": (
        "Punkt {ref} kan ikke nå {target}: {state} ({body}) skulle behandle det senest {end} for at nå {next}, men intet {body}-møde til og med {end} har en sagsfrist, der ikke er overskredet (tidligst {start}). Tidligst mulige {target_body}-møde er {earliest}: aarshjul plan {ref} --target {earliest}",
        "Item {ref} cannot reach {target}: {state} ({body}) would have to treat it by {end} to reach {next}, but no {body} meeting on or before {end} has a case deadline that has not passed (on or after {start}). The earliest {target_body} meeting it can reach is {earliest}: aarshjul plan {ref} --target {earliest}"),
    "plan.step_too_late_none": (
        "Punkt {ref} kan ikke nå {target}: {state} ({body}) skulle behandle det senest {end} for at nå {next}, men intet {body}-møde til og med {end} har en sagsfrist, der ikke er overskredet (tidligst {start}), og intet senere {target_body}-møde i årshjulet kan nås. Tilføj møder med: aarshjul meeting add {body} DATO",
        "Item {ref} cannot reach {target}: {state} ({body}) would have to treat it by {end} to reach {next}, but no {body} meeting on or before {end} has a case deadline that has not passed (on or after {start}), and no later {target_body} meeting in the årshjul can be reached. Add meetings with: aarshjul meeting add {body} DATE"),
    "plan.target_too_late": (
        "Punkt {ref} kan ikke nå {target}: sagsfristen {deadline} ligger før {ready}, hvor sagen tidligst kan være klar. Tidligst mulige {target_body}-møde er {earliest}: aarshjul plan {ref} --target {earliest}",
        "Item {ref} cannot reach {target}: its case deadline {deadline} is before {ready}, the earliest day the case can be ready. The earliest {target_body} meeting it can reach is {earliest}: aarshjul plan {ref} --target {earliest}"),
    "plan.target_too_late_none": (
        "Punkt {ref} kan ikke nå {target}: sagsfristen {deadline} ligger før {ready}, hvor sagen tidligst kan være klar, og intet senere {target_body}-møde i årshjulet kan nås. Tilføj et med: aarshjul meeting add {target_body} DATO",
        "Item {ref} cannot reach {target}: its case deadline {deadline} is before {ready}, the earliest day the case can be ready, and no later {target_body} meeting in the årshjul can be reached. Add one with: aarshjul meeting add {target_body} DATE"),
    "plan.applied": (
        "{count} nye bookinger af punkt {ref}.",
        "{count} new bookings of item {ref}."),
    "plan.col_date": ("Dato", "Date"),
    "plan.col_deadline": ("Sagsfrist", "Case deadline"),
    "plan.col_status": ("Status", "Status"),
    "plan.booked": ("booket", "booked"),
    "plan.new": ("ny", "new"),
    # spreadsheets
    "spreadsheet.bad_extension": (
        "{file}: brug en .xlsx- eller .csv-fil.",
        "{file}: use an .xlsx or .csv file."),
    "spreadsheet.empty": (
        "{file} er tom.",
        "{file} is empty."),
    "spreadsheet.missing_columns": (
        "{file} mangler disse kolonner i første række: {columns}.",
        "{file} lacks these columns in its first row: {columns}."),
    "spreadsheet.invalid": (
        "{file} har {count} fejl; intet er ændret:",
        "{file} has {count} problem(s); nothing was changed:"),
    "spreadsheet.row": (
        "{file}: række {row}, {column}: {reason}",
        "{file}: row {row}, {column}: {reason}"),
    "spreadsheet.twice": ("{ref} står to gange i filen.", "{ref} appears twice in the file."),
    "spreadsheet.bad_date": (
        "\"{value}\" er ikke en dato; brug ÅÅÅÅ-MM-DD.",
        "\"{value}\" is not a date; use YYYY-MM-DD."),
    "spreadsheet.wrong_parent": (
        "{ref} skal ligge under {parent}.",
        "{ref} belongs under {parent}."),
    "spreadsheet.no_parent": (
        "{parent} findes hverken i databasen eller i filen.",
        "{parent} is neither in the database nor in the file."),
    "spreadsheet.missing": ("skal udfyldes.", "must be filled in."),
    "spreadsheet.no_moves": (
        "\"{state}\": en import flytter ikke punkter. Brug aarshjul advance {ref}.",
        "\"{state}\": an import does not move items. Use aarshjul advance {ref}."),
    "file.unwritable": (
        "Filen {file} kan ikke skrives: {reason}",
        "The file {file} cannot be written: {reason}"),
    "ui.exported": ("{count} punkter skrevet til {file}.", "{count} items written to {file}."),
    "ui.imported": ("{new} nye og {changed} ændrede punkter fra {file}.",
                    "{new} new and {changed} changed items from {file}."),
    "ui.import_preview": ("Prøvekørsel: intet er gemt.", "Dry run: nothing was saved."),
    # indicators
    "indicator.bad_point": (
        "{option} \"{value}\" skal have formen VÆRDI@ÅR, fx 60@2026 eller 62,5@2027.",
        "{option} \"{value}\" must look like VALUE@YEAR, e.g. 60@2026 or 62.5@2027."),
    "indicator.bad_value": (
        "\"{value}\" er ikke et tal.",
        "\"{value}\" is not a number."),
    "indicator.bad_direction": (
        "--direction skal være up eller down, ikke \"{value}\".",
        "--direction must be up or down, not \"{value}\"."),
    "indicator.bad_years": (
        "Årene skal stige fra udgangspunktet og hvert år må kun stå én gang: {years}.",
        "The years must rise from the baseline and each year may appear only once: {years}."),
    "indicator.bad_cadence": (
        "--cadence skal være 0-60 måneder (0 = ingen påmindelser), ikke {value}.",
        "--cadence must be 0-60 months (0 = no reminders), not {value}."),
    "indicator.exists": (
        "Punkt {ref} har allerede indikatoren \"{name}\".",
        "Item {ref} already has the indicator \"{name}\"."),
    "indicator.unknown": (
        "Punkt {ref} har ingen indikator \"{name}\". Kendte: {known}.",
        "Item {ref} has no indicator \"{name}\". Known: {known}."),
    "indicator.ahead": ("foran", "ahead"),
    "indicator.on-track": ("på sporet", "on track"),
    "indicator.behind": ("bagud", "behind"),
    "indicator.no-data": ("ingen målinger", "no measurements"),
    # conversations
    "conversation.bad_window": (
        "Der er ingen arbejdsdage mellem {start} og {end} at holde samtaler på.",
        "There are no working days between {start} and {end} to hold conversations on."),
    "conversation.unknown": (
        "Samtalen {code} findes ikke. Se dem med: aarshjul conversation list",
        "The conversation {code} does not exist. See them with: aarshjul conversation list"),
    "conversation.bad_answers": (
        "{file} skal have answers = [...] med {count} svar i rækkefølge: {questions}",
        "{file} needs answers = [...] with {count} answers in order: {questions}"),
    "conversation.done": ("afholdt", "held"),
    "conversation.plan-overdue": ("strategiplan for sent", "strategy plan overdue"),
    "conversation.plan-due": ("strategiplan snart", "strategy plan due soon"),
    "conversation.planned": ("planlagt", "planned"),
    # the status report (reports/status.py, reports/xlsx.py, report status / report send)
    "report.since_future": (
        "--since {since} ligger efter i dag ({today}). Vælg en dag i fortiden, fx forrige ledermøde.",
        "--since {since} is after today ({today}). Choose a day in the past, e.g. the previous leader meeting."),
    "report.bad_format": (
        "Ukendt format \"{format}\". Brug et af: {known}.",
        "Unknown format \"{format}\". Use one of: {known}."),
    "report.cannot_write": (
        "Rapporten kan ikke skrives til {file}: {reason}. Vælg en anden fil med -o.",
        "The report cannot be written to {file}: {reason}. Choose another file with -o."),
    "report.no_pdf": (
        "PDF kræver WeasyPrint, som ikke kan indlæses ({reason}). Installer det med: pip install 'aarshjul[pdf]' — eller brug --format html og udskriv siden.",
        "PDF needs WeasyPrint, which cannot be loaded ({reason}). Install it with: pip install 'aarshjul[pdf]' — or use --format html and print the page."),
    "report.no_members": (
        "{body} har ingen medlemmer at sende rapporten til. Tilføj dem med: aarshjul body edit {body} --member LOGIN",
        "{body} has no members to send the report to. Add them with: aarshjul body edit {body} --member LOGIN"),
    "report.sent": (
        "Statusrapporten til {meeting}: {queued} nye i udbakken, {already} havde den allerede ({members} medlemmer); {sent} e-mails sendt nu, {waiting} venter.",
        "The status report for {meeting}: {queued} new in the outbox, {already} had it already ({members} members); {sent} emails sent now, {waiting} waiting."),
    "report.no_email": (
        "Uden e-mailadresse, får den ikke: {names}. Tilføj en med: aarshjul person edit LOGIN --email ...",
        "Without an email address, not sent: {names}. Add one with: aarshjul person edit LOGIN --email ..."),
    "report.title": ("Statusrapport", "Status report"),
    "report.eyebrow": ("Årshjulet · sagsgang og frister", "Annual wheel · process and deadlines"),
    "report.for_meeting": ("til {name} {date}", "for {name} {date}"),
    "report.cancelled": ("aflyst", "cancelled"),
    "report.generated": ("Dannet", "Generated"),
    "report.since": ("Ændringer siden", "Changes since"),
    "report.horizon": ("Frister til og med", "Deadlines up to"),
    "report.next_meeting_short": ("næste møde i {body}", "the next meeting of {body}"),
    "report.scope": ("Afgrænsning", "Scope"),
    "report.scope_all": ("Alle punkter", "All items"),
    "report.meeting": ("Til mødet", "For the meeting"),
    "report.at_time": ("kl. {time}", "at {time}"),
    "report.scope_owner": ("ejer {name} ({owner})", "owner {name} ({owner})"),
    "report.scope_subtree": ("under {ref} {title}", "under {ref} {title}"),
    "report.contents": ("Indhold", "Contents"),
    "report.section.summary": ("Overblik", "Overview"),
    "report.section.changes": ("Ændringer", "Changes"),
    "report.section.overdue": ("Overskredet", "Overdue"),
    "report.section.soon": ("Snart", "Due soon"),
    "report.section.items": ("Punkter", "Items"),
    "report.section.handlemaal": ("Handlemål", "Action goals"),
    "report.section.indicators": ("Indikatorer", "Indicators"),
    "report.section.conversations": ("Strategiske samtaler", "Strategic conversations"),
    "report.caption.indicators": ("Indikatorerne med seneste måling mod det forventede", "The indicators with the latest measurement against the expected value"),
    "report.caption.conversations": ("Årets strategiske samtaler og strategiplanerne før dem", "This year's strategic conversations and the strategy plans before them"),
    "report.none_indicators": ("Ingen indikatorer i afgrænsningen.", "No indicators in scope."),
    "report.none_conversations": ("Ingen strategiske samtaler i år.", "No strategic conversations this year."),
    "report.indicators_help": ("Et årstal står for 1. juli det år; imellem interpoleres lineært. Foran/bagud: mere end 5 % af den samlede planlagte ændring fra det forventede.", "A year stands for 1 July of that year, interpolated linearly between. Ahead/behind: more than 5 % of the whole planned change from the expected value."),
    "report.chart_alt": ("Planlagt forløb og målinger for {name}", "Planned course and measurements for {name}"),
    "report.col.indicator": ("Indikator", "Indicator"),
    "report.col.latest": ("Seneste måling", "Latest measurement"),
    "report.col.expected": ("Forventet", "Expected"),
    "report.col.status": ("Status", "Status"),
    "report.col.course": ("Forløb", "Course"),
    "report.col.unit": ("Enhed", "Unit"),
    "report.col.baseline": ("Udgangspunkt", "Baseline"),
    "report.col.targets": ("Mål", "Targets"),
    "report.col.measured_on": ("Målt den", "Measured on"),
    "report.col.workplace": ("Arbejdssted (leder)", "Workplace (leader)"),
    "report.col.with": ("Med", "With"),
    "report.col.conversation_date": ("Samtale", "Conversation"),
    "report.col.plan_due": ("Strategiplan senest", "Strategy plan due"),
    "report.section.tree": ("Træ", "Tree"),
    "report.heading.changes": ("Ændringer siden {date}", "Changes since {date}"),
    "report.heading.overdue": ("Overskredne frister", "Overdue deadlines"),
    "report.heading.soon": ("Frister til og med {date}", "Deadlines up to {date}"),
    "report.heading.items": ("Punkterne", "The items"),
    "report.heading.handlemaal": ("Handlemål", "Action goals"),
    "report.heading.tree": ("Træet", "The tree"),
    "report.caption.changes": ("Revisionssporets poster om punkterne, nyeste først", "The audit trail's entries about the items, newest first"),
    "report.caption.overdue": ("Åbne frister, der er passeret pr. {date}, ældste først", "Open deadlines passed as of {date}, oldest first"),
    "report.caption.soon": ("Åbne frister, der ikke er passeret, tidligste først", "Open deadlines not yet passed, soonest first"),
    "report.caption.items": ("Hvert punkt med ejer, tilstand, næste møde og nærmeste frist", "Every item with owner, state, next meeting and nearest deadline"),
    "report.caption.handlemaal": ("Handlemålene med strategiens kolonner", "The action goals in the strategy document's columns"),
    "report.caption.tree": ("Strategiens træ med hvert punkts tilstand", "The strategy's tree with each item's state"),
    "report.headline": (
        "{total} punkter: {overdue} med overskredet frist, {at_risk} i risiko, {on_track} på sporet, {paused} i bero og {done} afsluttet.",
        "{total} items: {overdue} with an overdue deadline, {at_risk} at risk, {on_track} on track, {paused} paused and {done} done."),
    "report.by_health": ("Punkter efter status", "Items by status"),
    "report.health.overdue": ("Overskredet", "Overdue"),
    "report.health.at_risk": ("I risiko", "At risk"),
    "report.health.on_track": ("På sporet", "On track"),
    "report.health.paused": ("I bero", "Paused"),
    "report.health.done": ("Afsluttet", "Done"),
    "report.health_help": (
        "Overskredet: en åben frist er passeret. I risiko: en åben frist inden for {days} arbejdsdage, eller en booking på et flyttet eller aflyst møde. Afsluttet: punktet er i en sluttilstand. Arbejdsdage tæller ikke weekender, helligdage og kommunens lukkedage.",
        "Overdue: an open deadline has passed. At risk: an open deadline within {days} working days, or a booking on a moved or cancelled meeting. Done: the item is in a final state. Working days leave out weekends, public holidays and the municipality's closing days."),
    "report.by_state": ("Punkter pr. tilstand", "Items by state"),
    "report.total": ("I alt", "Total"),
    "report.activity": ("Siden {date}", "Since {date}"),
    "report.activity_changes": ("Ændringer i alt", "Changes in all"),
    "report.activity_moves": ("Flytninger i sagsgangen", "Moves in the process"),
    "report.activity_decisions": ("Beslutninger", "Decisions"),
    "report.activity_send_backs": ("Sendt tilbage", "Sent back"),
    "report.activity_overdue": ("Overskredne frister nu", "Overdue deadlines now"),
    "report.activity_soon": ("Frister til og med {date}", "Deadlines up to {date}"),
    "report.wheel_caption": (
        "Årshjulet for de kommende tolv måneder: hvert organs møder, de bookede punkters sagsfrister og dagen i dag. Hjulets tekstbeskrivelse følger med for skærmlæsere.",
        "The annual wheel for the coming twelve months: each body's meetings, the booked items' deadlines and today. The wheel carries a text description for screen readers."),
    "report.flagged": ("mødet er flyttet/aflyst", "meeting moved/cancelled"),
    "report.days_left": ("{n} tilbage", "{n} left"),
    "report.days_over": ("{n} over", "{n} over"),
    "report.none_changes": ("Ingen ændringer siden {date}.", "No changes since {date}."),
    "report.none_overdue": ("Ingen frister er overskredet.", "No deadline is overdue."),
    "report.none_soon": ("Ingen åbne frister til og med {date}.", "No open deadlines up to {date}."),
    "report.none_items": ("Ingen punkter i afgrænsningen.", "No items in scope."),
    "report.none_handlemaal": ("Ingen handlemål i afgrænsningen.", "No action goals in scope."),
    "report.deadline_sagsfrist": ("Sagsfrist til {meeting}", "Case deadline for {meeting}"),
    "report.deadline_hoering": ("Høringen slutter", "Consultation ends"),
    "report.deadline_due": ("Punktets frist", "The item's due date"),
    "report.deadline_samtale": ("Strategisk samtale{meeting}", "Strategic conversation{meeting}"),
    "report.what_book": ("{meeting}, sagsfrist {deadline}", "{meeting}, deadline {deadline}"),
    "report.reason": ("Begrundelse: {text}", "Reason: {text}"),
    "report.forced": ("Tvunget igennem: {text}", "Forced: {text}"),
    "report.until": ("Høring til {date}.", "Consultation until {date}."),
    "report.action.create": ("Oprettet", "Created"),
    "report.action.edit": ("Redigeret", "Edited"),
    "report.action.advance": ("Ført videre", "Moved forward"),
    "report.action.send-back": ("Sendt tilbage", "Sent back"),
    "report.action.pause": ("Sat i bero", "Paused"),
    "report.action.resume": ("Genoptaget", "Resumed"),
    "report.action.withdraw": ("Trukket tilbage", "Withdrawn"),
    "report.action.book": ("Booket", "Booked"),
    "report.action.unbook": ("Booking fjernet", "Unbooked"),
    "report.action.deliver": ("Sag leveret", "Case delivered"),
    "report.action.indicator-add": ("Indikator oprettet", "Indicator added"),
    "report.action.indicator-measure": ("Måling registreret", "Measurement recorded"),
    "report.kind.strategi": ("Strategi", "Strategy"),
    "report.kind.indsatsomraade": ("Indsatsområde", "Focus area"),
    "report.kind.delmaal": ("Delmål", "Sub-goal"),
    "report.kind.handlemaal": ("Handlemål", "Action goal"),
    "report.kind.aktivitet": ("Aktivitet", "Activity"),
    "report.col.ref": ("Nr.", "Ref"),
    "report.col.title": ("Titel", "Title"),
    "report.col.kind": ("Type", "Kind"),
    "report.col.owner": ("Ejer", "Owner"),
    "report.col.state": ("Tilstand", "State"),
    "report.col.paused": ("I bero", "Paused"),
    "report.col.next_meeting": ("Næste møde", "Next meeting"),
    "report.col.meeting_date": ("Mødedato", "Meeting date"),
    "report.col.deadline": ("Frist", "Deadline"),
    "report.col.days": ("Arb.dage", "Work days"),
    "report.col.days_left": ("Arbejdsdage tilbage", "Working days left"),
    "report.col.health": ("Status", "Status"),
    "report.col.for": ("Hvad", "For"),
    "report.col.at": ("Tidspunkt", "Time"),
    "report.col.action": ("Handling", "Action"),
    "report.col.what": ("Hvad", "What"),
    "report.col.decision": ("Beslutning og bemærkning", "Decision and note"),
    "report.col.actor": ("Af", "By"),
    "report.col.handlemaal": ("Handlemål", "Action goal"),
    "report.col.succeskriterier": ("Succeskriterier", "Success criteria"),
    "report.col.evaluering": ("Evaluering", "Evaluation"),
    "report.col.plan": ("Tids- og handleplan", "Timeline and action plan"),
    "report.col.tovholder": ("Tovholder", "Coordinator"),
    "report.col.level": ("Niveau", "Level"),
    "report.col.topic": ("Emne", "Topic"),
    "report.col.count": ("Antal", "Count"),
    "report.col.value": ("Værdi", "Value"),
    "report.footer": (
        "Dannet af aarshjul {generated} fra sekretariatets data. Tider er dansk tid.",
        "Generated by aarshjul {generated} from the secretariat's data. Times are Danish time."),
    # audit: see the block "audit: anchoring, time order, checkpoints" at the end
    # init
    "init.done": (
        "Databasen er klar: {url}",
        "The database is ready: {url}"),
    "init.demo_loaded": (
        "Demoen er indlæst: {items} punkter, {people} personer, {meetings} møder.",
        "The demo is loaded: {items} items, {people} people, {meetings} meetings."),
    "init.demo_skipped": (
        "Databasen har allerede punkter; demoen indlæses kun i en tom database.",
        "The database already has items; the demo loads only into an empty database."),
    # labels used by the command line's text output
    "ui.ref": ("Nr.", "Ref"),
    "ui.title": ("Titel", "Title"),
    "ui.progress": ("Fremdrift", "Progress"),
    "ui.indicators": ("Indikatorer:", "Indicators:"),
    "ui.expected": ("forventet", "expected"),
    "ui.progress_value": ("{done} af {total} underpunkter er færdige",
                          "{done} of {total} sub-items are done"),
    "ui.kind": ("Type", "Kind"),
    "ui.state": ("Tilstand", "State"),
    "ui.owner": ("Ejer", "Owner"),
    "ui.workflow": ("Arbejdsgang", "Workflow"),
    "ui.since": ("siden", "since"),
    "ui.paused": ("i bero", "paused"),
    "ui.parent": ("Under", "Parent"),
    "ui.description": ("Beskrivelse", "Description"),
    "ui.succeskriterier": ("Succeskriterier", "Success criteria"),
    "ui.evaluering": ("Evaluering", "Evaluation"),
    "ui.tids_og_handleplan": ("Tids- og handleplan", "Timeline and action plan"),
    "ui.tovholder": ("Tovholder", "Coordinator"),
    "ui.consultation_until": ("Høring til og med", "Consultation until"),
    "ui.next_moves": ("Mulige træk nu:", "Possible moves now:"),
    "ui.missing": ("mangler", "missing"),
    "ui.decisions": ("Beslutninger:", "Decisions:"),
    "ui.none": ("(ingen)", "(none)"),
    "ui.login": ("Login", "Login"),
    "ui.name": ("Navn", "Name"),
    "ui.email": ("E-mail", "Email"),
    "ui.role": ("Rolle", "Role"),
    "ui.manager": ("Leder", "Manager"),
    "ui.when": ("Tidspunkt", "When"),
    "ui.who": ("Hvem", "Who"),
    "ui.what": ("Hvad", "What"),
    "ui.version": ("Version", "Version"),
    "ui.body": ("Organ", "Body"),
    "ui.paused_done": ("{ref} er sat i bero.", "{ref} is paused."),
    "ui.resumed_done": ("{ref} er genoptaget i \"{state}\".", "{ref} is resumed in \"{state}\"."),
    "ui.forced": ("(gennemtvunget, logget)", "(forced, logged)"),
    "ui.valid": ("{file}: gyldig ({name} v{version}, {count} tilstande)",
                 "{file}: valid ({name} v{version}, {count} states)"),
    "ui.workflow_added": ("Arbejdsgangen {name} v{version} er tilføjet.",
                          "The workflow {name} v{version} is added."),
    "ui.person_forgotten": ("{login} er glemt: navn, login og e-mail er erstattet.",
                            "{login} is forgotten: name, login and email are replaced."),
    "ui.delivered": ("{ref}: leveret til {meetings}.", "{ref}: delivered for {meetings}."),
    "ui.due": ("Frist", "Due"),
    "ui.left": ("Arb.dage", "Work days"),
    "ui.meeting": ("Møde", "Meeting"),
    "deadline.sagsfrist": ("sagsfrist", "case deadline"),
    "deadline.hoering": ("høring slutter", "consultation ends"),
    "deadline.due": ("frist", "due date"),
    "deadline.maaling": ("ny måling af indikator", "new indicator measurement"),
    "deadline.samtale": ("Strategiplan til strategisk samtale", "Strategy plan for the strategic conversation"),
    "action.create": ("oprettet", "created"),
    "action.advance": ("videre", "advanced"),
    "action.send-back": ("sendt tilbage", "sent back"),
    "action.pause": ("sat i bero", "paused"),
    "action.resume": ("genoptaget", "resumed"),
    "action.withdraw": ("trukket tilbage", "withdrawn"),
    "action.edit": ("rettet", "edited"),
    "action.book": ("booket", "booked"),
    "action.unbook": ("fjernet fra dagsordenen", "taken off the agenda"),
    "action.deliver": ("leveret", "delivered"),
    "weblink.forgotten": (
        "{login} er glemt (GDPR) og kan ikke få et link.",
        "{login} is forgotten (GDPR) and cannot get a link."),
    "weblink.issued": (
        "Personligt link til {name} ({login}) — send det kun til personen selv:",
        "Personal link for {name} ({login}) — send it only to the person:"),
    "weblink.page": ("Mine frister: {url}", "My deadlines: {url}"),
    "weblink.mine_ics": ("Min kalender: {url}", "My calendar: {url}"),
    "weblink.all_ics": ("Hele årshjulet: {url}", "The whole årshjul: {url}"),
    "weblink.revoked_none": (
        "{login} havde intet gyldigt link; intet er spærret.",
        "{login} had no valid link; nothing was revoked."),
    "weblink.revoked_one": (
        "{login}: 1 link er spærret og åbner ikke længere noget.",
        "{login}: 1 link is revoked and no longer opens anything."),
    "weblink.revoked_many": (
        "{login}: {count} links er spærret og åbner ikke længere noget.",
        "{login}: {count} links are revoked and no longer open anything."),
    "web.serving": (
        "aarshjul serve lytter på http://{host}:{port}/ ({threads} tråde). Stop med Ctrl+C.",
        "aarshjul serve is listening on http://{host}:{port}/ ({threads} threads). Stop with Ctrl+C."),
    "web.title": ("Årshjul", "Annual wheel"),
    "web.hint_heading": ("Log ind med dit personlige link", "Sign in with your personal link"),
    "web.hint": (
        "Her ser ledere deres frister og årshjulet. Du skal bruge dit personlige link: bed sekretariatet om det. Linket er personligt — del det ikke.",
        "Here leaders see their deadlines and the annual wheel. You need your personal link: ask the secretariat for it. The link is personal — do not share it."),
    "web.my_deadlines": ("Mine frister", "My deadlines"),
    "web.none": ("Du har ingen åbne frister.", "You have no open deadlines."),
    "web.col_due": ("Frist", "Due"),
    "web.col_left": ("Arbejdsdage tilbage", "Working days left"),
    "web.col_item": ("Punkt", "Item"),
    "web.col_what": ("Hvad", "What"),
    "web.col_state": ("Tilstand", "State"),
    "web.col_meeting": ("Møde", "Meeting"),
    "web.subscribe": ("Abonnér på kalenderen", "Subscribe to the calendar"),
    "web.subscribe_hint": (
        "Kopiér et link og tilføj det i Outlook under Tilføj kalender → Fra internettet.",
        "Copy a link and add it in Outlook under Add calendar → From the internet."),
    "web.mine_ics": ("Mine frister og møder", "My deadlines and meetings"),
    "web.all_ics": ("Hele årshjulet", "The whole annual wheel"),
    "web.body_ics": ("{body}: møder og sagsfrister", "{body}: meetings and case deadlines"),
    "web.no_links": (
        "Kalenderabonnementer kræver dit personlige link: bed sekretariatet om det.",
        "Calendar subscriptions need your personal link: ask the secretariat for it."),
    "web.not_found": ("Siden findes ikke.", "The page does not exist."),
    "web.not_allowed": ("Her kan kun læses.", "This site is read-only."),
    "web.unavailable": ("Årshjulet er ikke tilgængeligt lige nu.", "The annual wheel is not available right now."),
    "file.is_database": (
        "{file} er en database og bliver ikke overskrevet. Intet er skrevet: vælg et andet "
        "filnavn, fx status.html.",
        "{file} is a database and will not be overwritten. Nothing was written: choose another "
        "file name, e.g. status.html."),
    "web.nav": ("Sider", "Pages"),
    "web.status": ("Statusrapport", "Status report"),
    "web.wheel": ("Årshjulet", "The annual wheel"),
    "web.search": ("Søg", "Search"),
    "web.wheel_caption": (
        "Årshjulet: møderne ligger på en ring pr. organ; listen herunder siger det samme i tekst.",
        "The annual wheel: the meetings lie on one ring per body; the list below says the same "
        "in text."),
    "web.coming_meetings": ("Kommende møder", "Coming meetings"),
    "web.no_meetings": ("Der er ingen kommende møder i årshjulet.",
                        "There are no coming meetings in the annual wheel."),
    "web.cancelled": ("aflyst", "cancelled"),
    "web.booked_count": ("punkter på dagsordenen: {count}", "items on the agenda: {count}"),
    "web.date": ("Dato", "Date"),
    "web.time": ("Tidspunkt", "Time"),
    "web.place": ("Sted", "Place"),
    "web.body": ("Organ", "Body"),
    "web.sagsfrist": ("Sagsfrist", "Case deadline"),
    "web.status_for_meeting": ("Statusrapport til mødet", "Status report for the meeting"),
    "web.booked_items": ("Punkter booket på mødet", "Items booked on the meeting"),
    "web.no_bookings": ("Der er ingen punkter booket på mødet.",
                        "No items are booked on the meeting."),
    "web.moves": ("Mulige træk nu", "Possible moves now"),
    "web.no_moves": ("Ingen: punktet er afsluttet.", "None: the item is closed."),
    "web.item_meetings": ("Møder", "Meetings"),
    "web.decisions": ("Beslutninger", "Decisions"),
    "web.history": ("Historik", "History"),
    "web.search_label": ("Søg efter titel eller nummer", "Search by title or number"),
    "web.search_button": ("Søg", "Search"),
    "web.hits": ("Fundne punkter: {count}", "Items found: {count}"),
    "web.no_hits": ("Ingen punkter passer på søgningen.", "No items match the search."),
    "web.more_hits": ("Kun de første 200 vises: søg mere præcist.",
                      "Only the first 200 are shown: search more precisely."),
    "web.children": ("Underpunkter", "Sub-items"),
    "web.skip": ("Gå til indholdet", "Skip to the content"),
    # appended for issue 20 (bad input)
    "input.date_out_of_range": (
        "{option}: \"{value}\" ligger uden for de datoer, programmet kan regne arbejdsdage for. "
        "Brug en dato mellem {first} og {last}.",
        "{option}: \"{value}\" is outside the dates the program can count working days for. "
        "Use a date between {first} and {last}."),
    "input.not_utf8": (
        "\"{value}\" indeholder tegn, der ikke er gyldig UTF-8 (vist som \ufffd). Intet er gemt; "
        "skriv teksten igen, og sæt terminalen til UTF-8 (fx LANG=da_DK.UTF-8).",
        "\"{value}\" contains characters that are not valid UTF-8 (shown as \ufffd). Nothing was "
        "saved; type the text again and set the terminal to UTF-8 (e.g. LANG=en_DK.UTF-8)."),
    "db.not_a_database": (
        "{file} er ikke en database ({reason}). Intet er ændret; tjek --db eller AARSHJUL_DB, "
        "eller opret en ny database med: aarshjul --db NY-FIL.db init",
        "{file} is not a database ({reason}). Nothing was changed; check --db or AARSHJUL_DB, "
        "or create a new database with: aarshjul --db NEW-FILE.db init"),
    "input.too_long": (
        "Teksten til \"{field}\" er for lang: {length} tegn, højst {limit}. Intet er gemt: forkort den.",
        "The text for \"{field}\" is too long: {length} characters, at most {limit}. Nothing was saved: shorten it."),
    "input.nul_character": (
        "Teksten til \"{field}\" indeholder et NUL-tegn, som ikke kan gemmes. Intet er gemt: fjern tegnet.",
        "The text for \"{field}\" holds a NUL character, which cannot be stored. Nothing was saved: remove it."),
    # --- sagsgang: case numbers, workplaces, høringsparter, conversations (issue 15: 4, 5, 7, 9)
    "ui.case_number": ("Sagsnr.", "Case no."),
    "ui.sagsfrist": ("sagsfrist", "deadline"),
    "workplace.person_without": (
        "{login} hører ikke til nogen arbejdsplads, så handleplanen kan ikke bookes på arbejdspladsens eget udvalg. Intet er gemt; angiv arbejdspladsen med: aarshjul person edit {login} --workplace ARBEJDSPLADS",
        "{login} belongs to no workplace, so the action plan cannot be booked on the workplace's own body. Nothing was saved; set the workplace with: aarshjul person edit {login} --workplace WORKPLACE"),
    "workplace.no_body": (
        "Arbejdspladsen {workplace} ({login}) har intet {role}. Intet er gemt; opret det med: aarshjul body add {role}-NAVN --name \"{role} …\" --deadline-days N --workplace {workplace}",
        "The workplace {workplace} ({login}) has no {role}. Nothing was saved; add it with: aarshjul body add {role}-NAME --name \"{role} …\" --deadline-days N --workplace {workplace}"),
    "workplace.no_meeting": (
        "{body} ({workplace}) har intet kommende møde, hvis sagsfrist ikke er overskredet. Intet er gemt; tilføj et møde med: aarshjul meeting add {body} DATO",
        "{body} ({workplace}) has no coming meeting whose deadline has not passed. Nothing was saved; add a meeting with: aarshjul meeting add {body} DATE"),
    "hoering.no_hoering": (
        "Punkt {ref} følger arbejdsgangen {workflow}, som ikke har nogen høring, så det har ingen høringsparter.",
        "Item {ref} follows the workflow {workflow}, which has no public consultation, so it has no consultation parties."),
    "hoering.party_exists": (
        "{party} er allerede høringspart for punkt {ref}.",
        "{party} is already a consultation party for item {ref}."),
    "hoering.unknown_party": (
        "{party} er ikke høringspart for punkt {ref}. Høringsparter: {known}. Tilføj den med: aarshjul hoering parts {ref} --add \"{party}\"",
        "{party} is not a consultation party for item {ref}. Parties: {known}. Add it with: aarshjul hoering parts {ref} --add \"{party}\""),
    "hoering.party_answered": (
        "{party} har allerede afgivet høringssvar til punkt {ref} (modtaget {received}) og kan ikke fjernes; svaret bliver stående.",
        "{party} has already answered the consultation on item {ref} (received {received}) and cannot be removed; the answer stays."),
    "hoering.received_future": (
        "--received {received} ligger efter i dag ({today}): et høringssvar registreres, når det er modtaget.",
        "--received {received} is after today ({today}): register a consultation answer once it has been received."),
    "hoering.no_such_file": (
        "--file: filen {file} findes ikke. Intet er gemt; angiv stien til høringssvaret, eller brug --link URL.",
        "--file: the file {file} does not exist. Nothing was saved; give the path of the answer, or use --link URL."),
    "hoering.bad_link": (
        "--link: \"{link}\" er ikke en webadresse. Angiv en adresse, der begynder med https://",
        "--link: \"{link}\" is not a web address. Give an address beginning with https://"),
    "hoering.responses": ("{received} af {total} høringssvar modtaget", "{received} of {total} consultation answers received"),
    "hoering.col.party": ("Høringspart", "Party"),
    "hoering.col.received": ("Modtaget", "Received"),
    "hoering.col.where": ("Svar", "Answer"),
    "hoering.until": ("Høringen slutter {date}", "The consultation ends {date}"),
    "hoering.no_parties": (
        "Ingen høringsparter endnu. Tilføj med: aarshjul hoering parts {ref} --add NAVN",
        "No consultation parties yet. Add one with: aarshjul hoering parts {ref} --add NAME"),
    "hoering.not_answered": ("ikke modtaget", "not received"),
    "action.hoering-party-add": ("høringspart tilføjet", "consultation party added"),
    "action.hoering-party-remove": ("høringspart fjernet", "consultation party removed"),
    "action.hoering-answer": ("høringssvar registreret", "consultation answer registered"),
    "report.action.hoering-party-add": ("Høringspart tilføjet", "Consultation party added"),
    "report.action.hoering-party-remove": ("Høringspart fjernet", "Consultation party removed"),
    "report.action.hoering-answer": ("Høringssvar modtaget", "Consultation answer received"),
    "hoering.add_or_remove": ("Brug enten --add eller --remove, ikke begge.", "Use either --add or --remove, not both."),
    "hoering.email_needs_add": ("--email hører sammen med --add NAVN.", "--email goes with --add NAME."),
    "report.case_number": ("sagsnr. {nr}", "case no. {nr}"),
    "report.responses": ("{received} af {total} høringssvar modtaget", "{received} of {total} consultation answers received"),
    "conversation.cancelled": ("aflyst", "cancelled"),
    "conversation.col.id": ("Samtale", "Conversation"),
    "conversation.col.date": ("Dato", "Date"),
    "conversation.col.time": ("Tid", "Time"),
    "conversation.col.with": ("Med", "With"),
    "conversation.col.plan_due": ("Strategiplan senest", "Strategy plan due"),
    "conversation.col.status": ("Status", "Status"),
    "conversation.col.place": ("Sted", "Place"),
    "conversation.at": ("kl.", "at"),
    "conversation.participants": ("Deltagere", "Participants"),
    "conversation.answers": ("De fire spørgsmål", "The four questions"),
    "conversation.agenda": ("Dagsordenspunkter", "Agenda points"),
    "conversation.nothing_to_edit": (
        "Intet at ændre: angiv mindst én af --time, --place og --participant.",
        "Nothing to change: give at least one of --time, --place and --participant."),
    "conversation.bad_agenda": (
        "{file}: agenda = [...] skal have {count} punkter i rækkefølge: {points}",
        "{file}: agenda = [...] needs {count} points in order: {points}"),
    "conversation.not_yet_held": (
        "Samtalen {code} holdes først {day} {time}: svarene kan registreres, når den er holdt. Intet er gemt. Er den flyttet, så flyt den med: aarshjul conversation move {code} DATO",
        "The conversation {code} is not held until {day} {time}: the answers can be recorded once it has been held. Nothing was saved. If it was moved, move it with: aarshjul conversation move {code} DATE"),
    "conversation.already_held": (
        "Samtalen {code} er allerede holdt (svarene er registreret) og kan ikke flyttes eller aflyses.",
        "The conversation {code} has already been held (its answers are recorded) and cannot be moved or cancelled."),
    "conversation.is_cancelled": (
        "Samtalen {code} er aflyst og kan ikke ændres. Intet er gemt. Se den med: aarshjul conversation show {code}",
        "The conversation {code} is cancelled and cannot be changed. Nothing was saved. See it with: aarshjul conversation show {code}"),
    "conversation.not_working_day": (
        "{day} er ikke en arbejdsdag. Vælg en arbejdsdag, fx {next}.",
        "{day} is not a working day. Choose a working day, e.g. {next}."),
    "ics.conversation": ("Strategisk samtale", "Strategic conversation"),
    "report.conversation_answers": ("Svar fra de holdte samtaler", "Answers from the conversations held"),
    "report.col.case_number": ("Sagsnr.", "Case no."),
    "report.col.responses": ("Høringssvar", "Consultation answers"),
    # --- agenda: issue 16, dagsorden and beslutningsprotokol ---
    "agenda.kind.beslutning": ("Beslutning", "Decision"),
    "agenda.kind.orientering": ("Orientering", "Information"),
    "agenda.kind.droeftelse": ("Drøftelse", "Discussion"),
    "agenda.decision.godkendt": ("Godkendt", "Approved"),
    "agenda.decision.ikke-godkendt": ("Ikke godkendt", "Not approved"),
    "agenda.decision.taget-til-efterretning": ("Taget til efterretning", "Noted"),
    "agenda.decision.udsat": ("Udsat", "Postponed"),
    "agenda.decision.sendt-tilbage": ("Sendt tilbage", "Sent back"),
    "agenda.status.aaben": ("åben for sager", "open for cases"),
    "agenda.status.lukket": ("lukket for sager", "closed for cases"),
    "agenda.status.udsendt": ("dagsorden udsendt", "agenda published"),
    "agenda.status.afholdt": ("afholdt", "held"),
    "agenda.status.aflyst": ("aflyst", "cancelled"),
    "agenda.missing.indstilling": ("mangler indstilling", "no recommendation"),
    "agenda.missing.late": ("sagen kom efter sagsfristen", "the case came after the deadline"),
    "agenda.missing.bilag": ("bilag mangler på disken", "a bilag is missing on disk"),
    "agenda.fixed.approve": ("Godkendelse af dagsorden", "Approval of the agenda"),
    "agenda.fixed.news": ("Meddelelser", "Announcements"),
    "agenda.fixed.other": ("Eventuelt", "Any other business"),
    "agenda.bad_kind": (
        "Ukendt punkttype \"{kind}\". Brug en af: {known}.",
        "Unknown kind of point \"{kind}\". Use one of: {known}."),
    "agenda.bad_decision": (
        "Ukendt beslutning \"{decision}\". Brug en af: {known}.",
        "Unknown decision \"{decision}\". Use one of: {known}."),
    "agenda.not_booked": (
        "Punkt {ref} er ikke booket på {meeting} og er derfor ikke på dagsordenen. Book det med: aarshjul book {ref} --meeting {meeting}",
        "Item {ref} is not booked on {meeting}, so it is not on the agenda. Book it with: aarshjul book {ref} --meeting {meeting}"),
    "agenda.file_not_utf8": (
        "{option}: filen {file} er ikke UTF-8-tekst. Intet er gemt; gem filen som UTF-8 (ren tekst), eller skriv teksten direkte.",
        "{option}: the file {file} is not UTF-8 text. Nothing was saved; save the file as UTF-8 (plain text), or give the text itself."),
    "agenda.file_unreadable": (
        "{option}: filen {file} kan ikke læses: {reason}. Intet er gemt.",
        "{option}: the file {file} cannot be read: {reason}. Nothing was saved."),
    "agenda.nothing_to_edit": (
        "Intet at ændre: angiv mindst én af --sagsfremstilling, --indstilling, --okonomi eller --kind.",
        "Nothing to change: give at least one of --sagsfremstilling, --indstilling, --okonomi or --kind."),
    "agenda.no_such_bilag": (
        "Bilaget {file} findes ikke (og er ikke et link, der begynder med http:// eller https://). Intet er gemt; tjek stien.",
        "The bilag {file} does not exist (and is not a link starting with http:// or https://). Nothing was saved; check the path."),
    "agenda.cannot_copy": (
        "Bilaget {file} kan ikke kopieres til {folder}: {reason}. Intet er gemt; tjek [agenda] bilag_dir i indstillingerne.",
        "The bilag {file} cannot be copied to {folder}: {reason}. Nothing was saved; check [agenda] bilag_dir in the settings."),
    "agenda.order_twice": (
        "Et punkt er nævnt to gange i den nye rækkefølge. Intet er ændret; nævn hvert punkt én gang.",
        "An item is named twice in the new order. Nothing was changed; name each item once."),
    "agenda.not_held": (
        "{meeting} er ikke afholdt endnu, så der kan ikke føres beslutningsprotokol. Prøv igen efter mødets start.",
        "{meeting} has not been held yet, so no minutes can be recorded. Try again after the meeting has begun."),
    "agenda.already_decided": (
        "Beslutningen om punkt {ref} på {meeting} er allerede ført til protokol ({decision}). Intet er ændret.",
        "The decision on item {ref} at {meeting} is already in the minutes ({decision}). Nothing was changed."),
    "agenda.to_without_move": (
        "--to kan kun bruges, når beslutningen flytter punktet (godkendt, taget til efterretning, ikke godkendt, sendt tilbage, og ikke ved en orientering).",
        "--to can only be used when the decision moves the item (approved, noted, not approved, sent back, and not for an information point)."),
    "agenda.already_moved": (
        "Punkt {ref} er allerede flyttet fra \"{booked}\", som det var booket til på {meeting}; det står nu i \"{state}\". Intet er ført til protokol; se aarshjul history {ref}.",
        "Item {ref} has already left \"{booked}\", which it was booked for at {meeting}; it is now in \"{state}\". Nothing was recorded; see aarshjul history {ref}."),
    "agenda.choose_back": (
        "Hvor skal punkt {ref} sendes tilbage til? Angiv --to med en af: {choices}.",
        "Where should item {ref} be sent back to? Give --to with one of: {choices}."),
    "agenda.no_members": (
        "{body} har ingen medlemmer at sende dagsordenen til. Tilføj dem med: aarshjul body edit {body} --member LOGIN",
        "{body} has no members to send the agenda to. Add them with: aarshjul body edit {body} --member LOGIN"),
    "agenda.cannot_write": (
        "Dokumentet kan ikke skrives til {file}: {reason}. Vælg en anden fil med -o.",
        "The document cannot be written to {file}: {reason}. Choose another file with -o."),
    "agenda.no_soffice": (
        "Dokumentet kan ikke laves som {format}: {reason}.",
        "The document cannot be made as {format}: {reason}."),
    "agenda.edited": ("Punkt {number} på {meeting} er opdateret.", "Point {number} on {meeting} is updated."),
    "agenda.attached": ("Bilag \"{title}\" er tilføjet: {location}", "Bilag \"{title}\" added: {location}"),
    "agenda.published": (
        "Dagsordenen til {meeting} er udsendt som version {version}{new}: {queued} nye i udbakken, {already} havde den allerede, {sent} e-mails sendt, {waiting} venter.",
        "The agenda for {meeting} is published as version {version}{new}: {queued} new in the outbox, {already} had it already, {sent} emails sent, {waiting} waiting."),
    "agenda.published_new": (" (ny)", " (new)"),
    "agenda.recorded": (
        "{ref}: {decision} ført til protokol; {moved}",
        "{ref}: {decision} recorded in the minutes; {moved}"),
    "agenda.moved": ("punktet er flyttet til \"{state}\".", "the item moved to \"{state}\"."),
    "agenda.stays": ("punktet bliver i \"{state}\".", "the item stays in \"{state}\"."),
    "agenda.changed_since": (
        "Ændret efter udsendelse (version {version}, {when})",
        "Changed after publication (version {version}, {when})"),
    "agenda.removed_since": ("Taget af dagsordenen efter udsendelse: {titles}", "Removed from the agenda after publication: {titles}"),
    "agenda.doc.agenda": ("Dagsorden", "Agenda"),
    "agenda.doc.minutes": ("Beslutningsprotokol", "Minutes"),
    "agenda.doc.meeting": ("Møde", "Meeting"),
    "agenda.doc.date": ("Dato", "Date"),
    "agenda.doc.time": ("Tidspunkt", "Time"),
    "agenda.doc.place": ("Sted", "Place"),
    "agenda.doc.deadline": ("Sagsfrist", "Case deadline"),
    "agenda.doc.status": ("Status", "Status"),
    "agenda.doc.contents": ("Indhold", "Contents"),
    "agenda.doc.point": ("Punkt", "Item"),
    "agenda.doc.case": ("Sagsnr.", "Case no."),
    "agenda.doc.owner": ("Ansvarlig", "Responsible"),
    "agenda.doc.kind": ("Type", "Kind"),
    "agenda.doc.state": ("Tilstand", "State"),
    "agenda.doc.sagsfremstilling": ("Sagsfremstilling", "Background"),
    "agenda.doc.indstilling": ("Indstilling", "Recommendation"),
    "agenda.doc.okonomi": ("Økonomi", "Finances"),
    "agenda.doc.beslutning": ("Beslutning", "Decision"),
    "agenda.doc.bilag": ("Bilag", "Attachments"),
    "agenda.doc.bilagsliste": ("Bilagsliste", "List of attachments"),
    "agenda.doc.none": ("Ingen.", "None."),
    "agenda.doc.not_decided": ("Ingen beslutning ført til protokol.", "No decision recorded."),
    "agenda.doc.published": ("Udsendt {when} (version {version})", "Published {when} (version {version})"),
    "agenda.doc.notes": ("Bemærkninger", "Notes"),
    "agenda.doc.changed": ("ændret efter udsendelse", "changed after publication"),
    "agenda.minutes_need_item": (
        "--decision, --text og --to kræver et punkt: aarshjul meeting minutes ID PUNKT --decision …",
        "--decision, --text and --to need an item: aarshjul meeting minutes ID ITEM --decision …"),
    "agenda.minutes_need_decision": (
        "Angiv beslutningen med --decision (godkendt, ikke-godkendt, taget-til-efterretning, udsat eller sendt-tilbage).",
        "Give the decision with --decision (godkendt, ikke-godkendt, taget-til-efterretning, udsat or sendt-tilbage)."),
    "ics.agenda": ("Dagsorden:", "Agenda:"),
    "agenda.no_such_number": (
        "Punkt {ref} har intet bilag nummer \"{bilag}\" (det har {count}). Se numrene med: aarshjul meeting agenda ID",
        "Item {ref} has no bilag number \"{bilag}\" (it has {count}). See the numbers with: aarshjul meeting agenda ID"),
    "agenda.detached": ("Bilag \"{title}\" er taget af dagsordenen.", "Bilag \"{title}\" is taken off the agenda."),
    "action.agenda-detach": ("bilag fjernet", "bilag removed"),
    "action.agenda-edit": ("dagsordenpunkt ændret", "agenda point edited"),
    "action.agenda-attach": ("bilag tilføjet", "bilag added"),
    "action.agenda-order": ("dagsorden ordnet", "agenda ordered"),
    "action.agenda-minutes": ("ført til beslutningsprotokol", "recorded in the minutes"),
    "action.agenda-publish": ("dagsorden udsendt", "agenda published"),
    # --- web: issue 18, the status page's meeting choice
    "web.for_meeting_label": ("Statusrapport til møde", "Status report for meeting"),
    "web.for_meeting_none": ("Intet møde – ændringer de seneste 14 dage",
                             "No meeting – changes in the last 14 days"),
    "web.for_meeting_button": ("Vis rapporten", "Show the report"),
    "web.overdue": ("overskredet", "overdue"),
    "web.body_meetings": ("Møder fra {start} til {end}", "Meetings from {start} to {end}"),
    "web.no_body_meetings": ("Organet har ingen møder i perioden.",
                             "The body has no meetings in the period."),
    "web.bodies": ("Organer", "Bodies"),
    "web.body_deadline": ("{days} arbejdsdage før mødet", "{days} working days before the meeting"),
    "web.col_date": ("Dato", "Date"),
    "web.col_booked": ("Bookede punkter", "Booked items"),
    "web.path": ("Sagsgangen", "The process"),
    "web.path_hint": ("Punktets vej gennem sagsgangen; det nuværende trin er fremhævet.",
                      "The item's way through the process; the current step is marked."),
    "web.now": ("nu", "now"),
    "web.indicators": ("Indikatorer", "Indicators"),
    "web.col_indicator": ("Indikator", "Indicator"),
    "web.col_latest": ("Seneste måling", "Latest measurement"),
    "web.col_expected": ("Forventet", "Expected"),
    "web.col_status": ("Status", "Status"),

    # --- chains: issue 15, points 1-3 and 6 (chained bodies, orientation, events, closed days)
    "meeting.import_closed_day": (
        "{day} er ikke en arbejdsdag ({why}); næste arbejdsdag er {next}. Ret datoen, eller "
        "indlæs filen med --force, hvis mødet virkelig holdes den dag.",
        "{day} is not a working day ({why}); the next working day is {next}. Correct the date, "
        "or import the file with --force if the meeting really is on that day."),
    "body.days_or_none": (
        "Giv organet enten en sagsfrist (--deadline-days, arbejdsdage før mødet) eller "
        "--no-deadline (ingen sagsfrist: dets møder er arrangementer uden sager), ikke begge.",
        "Give the body either a sagsfrist (--deadline-days, working days before the meeting) or "
        "--no-deadline (no sagsfrist: its meetings are events without cases), not both."),
    "booking.no_sagsfrist": (
        "{meeting} er et arrangement: {body} har ingen sagsfrist, så der kan ikke bookes sager "
        "på det. Intet er gemt. Book på et andet organs møde, eller giv {body} en sagsfrist med: "
        "aarshjul body edit {body} --deadline-days N",
        "{meeting} is an event: {body} has no sagsfrist, so no cases can be booked on it. Nothing "
        "was saved. Book on another body's meeting, or give {body} a sagsfrist with: "
        "aarshjul body edit {body} --deadline-days N"),
    "body.no_deadline_booked": (
        "{body} kan ikke miste sin sagsfrist: der er punkter booket på {meeting}. Intet er "
        "ændret; flyt eller fjern bookingerne først (aarshjul unbook REF --meeting {meeting}).",
        "{body} cannot lose its sagsfrist: items are booked on {meeting}. Nothing was changed; "
        "move or remove the bookings first (aarshjul unbook REF --meeting {meeting})."),
    "booking.orientation_state": (
        "En orientering er ikke for en bestemt tilstand: punktet står på dagsordenen i den "
        "tilstand, det er i. Intet er gemt; fjern --state.",
        "An orientation is not for a particular state: the item is on the agenda in the state "
        "it is in. Nothing was saved; leave out --state."),
    "ui.booked": ("{ref} → {meeting} ({state}), sagsfrist {deadline}",
                  "{ref} → {meeting} ({state}), sagsfrist {deadline}"),
    "ui.booked_orientation": (
        "{ref} er booket til orientering på {meeting}; sagsfrist for materialet {deadline}. "
        "Meld det afleveret med: aarshjul deliver {ref} --meeting {code}",
        "{ref} is booked for information at {meeting}; the material is due {deadline}. "
        "Report it delivered with: aarshjul deliver {ref} --meeting {code}"),
    "ui.no_sagsfrist": ("ingen", "none"),
    "ui.bookings": ("Booket på", "Booked on"),
    "ui.for_orientation": ("til orientering", "for information"),
    "deadline.chained": ("beslutningen i {body}", "decision of {body}"),
    "wheel.event_tip": ("{body} {date}: {title} — {what}", "{body} {date}: {title} — {what}"),
    "wheel.event_line": ("{body} {date}: {title}.", "{body} {date}: {title}."),
    "wheel.events": ("Arrangementer", "Events"),
    "report.events": ("Arrangementer", "Events"),
    "report.what_book_orientation": ("{meeting} til orientering, sagsfrist for materialet {deadline}",
                                     "{meeting} for information, material due {deadline}"),
    "wheel.orientation": ("(til orientering)", "(for information)"),
    "ui.orientations": ("orientering", "information"),
    "ui.meeting_title": ("titel", "title"),
    "deadline.orientering": ("materiale til orientering", "material for information"),
    "report.deadline_orientering": ("Materiale til orientering på {meeting}",
                                    "Material for information at {meeting}"),
    "report.deadline_chained": ("Sagsfrist til {meeting}: beslutningen i {body}",
                                "Case deadline for {meeting}: the decision of {body}"),
    "ics.orientering": ("Materiale til orientering: {ref} {title} → {meeting}",
                        "Material for information: {ref} {title} → {meeting}"),
    "ics.chained": ("Sagsfrist: {ref} {title} → {meeting} (beslutningen i {body})",
                    "Case deadline: {ref} {title} → {meeting} (decision of {body})"),
    # --- audit: anchoring, time order, checkpoints (issue 20 point 8, issue 19 point 3) ---
    "audit.ok": (
        "Revisionssporet er i orden. Poster: {total}, alle kontrolleret.",
        "The audit trail is intact. Entries: {total}, all checked."),
    "audit.ok_since": (
        "Revisionssporet er i orden. Poster: {total}; kontrolleret nu: {checked}, dem efter "
        "post {start} (alle: aarshjul audit verify --full).",
        "The audit trail is intact. Entries: {total}; checked now: {checked}, those after "
        "entry {start} (all of them: aarshjul audit verify --full)."),
    "audit.backdated": (
        "Tilbagedateret med en begrundelse (handlingen \"backdate\" i sporet): {count}.",
        "Backdated with a reason (the action \"backdate\" in the trail): {count}."),
    "audit.broken.missing": (
        "Revisionssporet er brudt: post {id} mangler (intakte poster før den: {checked}). "
        "Poster er slettet; sammenlign med en sikkerhedskopi.",
        "The audit trail is broken: entry {id} is missing (intact entries before "
        "it: {checked}). Entries were deleted; compare with a backup."),
    "audit.broken.chain": (
        "Revisionssporet er brudt ved post {id}: den peger ikke på posten før den (intakte "
        "poster før den: {checked}). Poster er slettet eller byttet om; sammenlign med en "
        "sikkerhedskopi.",
        "The audit trail is broken at entry {id}: it does not point to the entry before it "
        "(intact entries before it: {checked}). Entries were deleted or reordered; compare "
        "with a backup."),
    "audit.broken.content": (
        "Revisionssporet er brudt ved post {id}: indholdet er ændret (intakte poster før "
        "den: {checked}). Sammenlign med en sikkerhedskopi.",
        "The audit trail is broken at entry {id}: its content was changed (intact entries "
        "before it: {checked}). Compare with a backup."),
    "audit.broken.anchor": (
        "Revisionssporet stemmer ikke med ankeret: post {id} er ikke længere i sporet med den "
        "hash, ankeret har. Sporet er slettet, afkortet eller genberegnet; sammenlign med en "
        "sikkerhedskopi.",
        "The audit trail does not match the anchor: entry {id} is no longer in the trail with "
        "the anchored hash. The trail was wiped, cut short or recomputed; compare with a backup."),
    "audit.broken.checkpoint": (
        "Revisionssporet er ændret før post {id}, som en tidligere kontrol fandt i orden: "
        "posterne er genberegnet eller slettet. Sammenlign med en sikkerhedskopi.",
        "The audit trail was changed before entry {id}, which an earlier check found intact: "
        "the entries were recomputed or deleted. Compare with a backup."),
    "audit.broken.order": (
        "Revisionssporet er ikke i tidsorden. Poster dateret før en tidligere post, uden "
        "begrundelse: {count}; den første er post {id}. Se den med: aarshjul history.",
        "The audit trail is not in time order. Entries dated before an earlier entry, without "
        "a reason: {count}; the first is entry {id}. See it with: aarshjul history."),
    "audit.out_of_order": (
        "Tiden {at} ligger før revisionssporets seneste post ({latest}), så intet er gemt. Kør "
        "kommandoen uden --now, eller angiv hvorfor den skal dateres tilbage med "
        "--backdate \"BEGRUNDELSE\" (det logges).",
        "The time {at} is before the audit trail's latest entry ({latest}), so nothing was saved. "
        "Run the command without --now, or say why it must be backdated with "
        "--backdate \"REASON\" (it is logged)."),
    "audit.anchored": (
        "Ankeret er skrevet til {file}: post {id}, hash {hash}…. Gem det uden for databasen "
        "(fx i ESDH-journalen).",
        "The anchor was written to {file}: entry {id}, hash {hash}…. Keep it outside the "
        "database (e.g. in the ESDH journal)."),
    "audit.anchor_broken": (
        "Revisionssporet er brudt ved post {id}, så der skrives intet anker. Se hvad der er "
        "galt med: aarshjul audit verify --full",
        "The audit trail is broken at entry {id}, so no anchor was written. See what is wrong "
        "with: aarshjul audit verify --full"),
    "audit.anchor_write_failed": (
        "Ankeret kunne ikke skrives til {file}: {reason}. Vælg en anden fil med -o.",
        "The anchor could not be written to {file}: {reason}. Choose another file with -o."),
    "audit.anchor_unreadable": (
        "Ankeret {file} kan ikke læses: {reason}. Angiv filen, som aarshjul audit anchor skrev.",
        "The anchor {file} cannot be read: {reason}. Give the file aarshjul audit anchor wrote."),
    "audit.anchor_malformed": (
        "{file} linje {line} er ikke et anker fra aarshjul audit anchor. Angiv den fil, "
        "kommandoen skrev, uændret.",
        "{file} line {line} is not an anchor from aarshjul audit anchor. Give the file the "
        "command wrote, unchanged."),
    # --- torture: issue 20 — duplicate clicks, roles, honest outbox records ---
    "conflict.moved_meanwhile": (
        "Punkt {ref} er allerede flyttet fra \"{seen}\" til \"{state}\" af en anden kommando, "
        "mens din ventede. Intet er gemt. Se hvad der skete med: aarshjul history {ref}",
        "Item {ref} was already moved from \"{seen}\" to \"{state}\" by another command while "
        "yours waited. Nothing was saved. See what happened with: aarshjul history {ref}"),
    "conflict.just_moved": (
        "Punkt {ref} er allerede flyttet til \"{state}\" af en anden kommando, efter at din "
        "blev startet — det ligner samme klik to gange. Intet er gemt. Skal det virkelig et "
        "trin videre, så skriv målet: aarshjul advance {ref} --to {target}",
        "Item {ref} was already moved to \"{state}\" by another command after yours was "
        "started — it looks like one click twice. Nothing was saved. If it really must move "
        "one step further, name the target: aarshjul advance {ref} --to {target}"),
    "role.unknown": (
        "\"{access}\" er ikke en rolle. Brug sekretariat, leder eller læser.",
        "\"{access}\" is not a role. Use sekretariat, leder or læser."),
    "role.secretariat_only": (
        "Kun sekretariatet må bruge {what}, og {login} er ikke sekretariat. Intet er gemt. Bed "
        "sekretariatet ({secretariat}) om at gøre det, eller om at give dig rollen med: "
        "aarshjul person edit {login} --access sekretariat",
        "Only the secretariat may use {what}, and {login} is not the secretariat. Nothing was "
        "saved. Ask the secretariat ({secretariat}) to do it, or to give you the role with: "
        "aarshjul person edit {login} --access sekretariat"),
    "role.last_secretariat": (
        "{login} er den sidste i sekretariatet og kan ikke fjernes eller glemmes. Intet er gemt. "
        "Giv først en anden rollen: aarshjul person edit LOGIN --access sekretariat",
        "{login} is the last member of the secretariat and cannot be removed or forgotten. "
        "Nothing was saved. First give someone else the role: aarshjul person edit LOGIN "
        "--access sekretariat"),
    "person.erase_failed": (
        "Personen kunne ikke slettes fra mappen med sendte mails ({reason}). Intet er ændret; "
        "ret adgangen til mappen, og kør kommandoen igen.",
        "The person could not be erased from the folder of sent mails ({reason}). Nothing was "
        "changed; fix access to the folder and run the command again."),
    "init.secretariat": (
        "Sekretariatet: {login}. Kun sekretariatet må handle for andre (--as), tvinge (--force), "
        "glemme personer og ændre forløb, organer og roller; flere: aarshjul person edit LOGIN "
        "--access sekretariat",
        "The secretariat: {login}. Only the secretariat may act for others (--as), force "
        "(--force), forget people and change workflows, bodies and roles; more: aarshjul person "
        "edit LOGIN --access sekretariat"),
    "ui.access": ("Adgang", "Access"),
    "access.sekretariat": ("sekretariat", "secretariat"),
    "access.leder": ("leder", "leader"),
    "access.laeser": ("læser", "reader"),
    "input.blank_actor": (
        "--as: \"{value}\" er ikke et login. Intet er gemt; skriv et login, eller udelad --as "
        "for at handle som dig selv.",
        "--as: \"{value}\" is not a login. Nothing was saved; give a login, or leave out --as "
        "to act as yourself."),
    # --- labels: issue 17 (labels not keys, Danish formats, plurals) ---
    "fmt.week": ("uge {number}", "week {number}"),
    "label.meeting_of": ("{body}'s møde {date}", "the {body} meeting on {date}"),
    "label.the_meeting": ("{body} {date}", "{body} on {date}"),
    "label.for_meeting": ("til {meeting}", "for {meeting}"),
    "label.booked": ("{ref} er booket til {meeting} ({state}); sagsfrist {deadline}.",
                     "{ref} is booked for {meeting} ({state}); case deadline {deadline}."),
    "label.booking_no_body": (
        "\"{state}\" behandles ikke på et møde, så punktet kan ikke bookes på {body}'s møde i den tilstand.",
        "\"{state}\" is not treated at a meeting, so the item cannot be booked on a {body} meeting in that state."),
    "label.conversation": ("strategisk samtale", "strategic conversation"),
    "label.move.advance": ("videre", "forward"),
    "label.move.send-back": ("send tilbage", "send back"),
    "label.move.pause": ("sæt i bero", "pause"),
    "label.move.resume": ("genoptag", "resume"),
    "label.move.withdraw": ("træk tilbage", "withdraw"),
    "label.guard.decision": ("beslutning skrevet", "decision recorded"),
    "label.guard.held-meeting": ("mødet er afholdt", "meeting held"),
    "label.guard.consultation-ended": ("høringen er slut", "consultation over"),
    "label.guards": ("Betingelser", "Conditions"),
    "label.next": ("Videre til", "Next"),
    "label.back": ("Tilbage til", "Back to"),
    "label.short_name": ("Kort navn", "Short name"),
    "label.sagsfrist": ("Sagsfrist", "Case deadline"),
    "label.date": ("Dato", "Date"),
    "label.time": ("Kl.", "Time"),
    "label.items": ("Punkter", "Items"),
    "label.place": ("Sted", "Place"),
    "label.meeting_id": ("Møde-id", "Meeting id"),
    "label.cancelled": ("aflyst", "cancelled"),
    "label.status": ("Status", "Status"),
    "label.to": ("Til", "To"),
    "label.rule": ("Påmindelse", "Reminder"),
    "label.sent": ("Sendt", "Sent"),
    "label.error": ("Fejl", "Error"),
    "label.email": ("E-mail", "Email"),
    "label.outbox.pending": ("venter", "waiting"),
    "label.outbox.sending": ("sendes", "sending"),
    "label.outbox.sent": ("sendt", "sent"),
    "label.outbox.failed": ("fejlet", "failed"),
    "label.outbox.unknown": ("ukendt (afbrudt)", "unknown (interrupted)"),
    "label.rule.before.one": ("{count} arbejdsdag før fristen", "{count} working day before the deadline"),
    "label.rule.before.other": ("{count} arbejdsdage før fristen", "{count} working days before the deadline"),
    "label.rule.overdue.one": ("{count} arbejdsdag over fristen", "{count} working day overdue"),
    "label.rule.overdue.other": ("{count} arbejdsdage over fristen", "{count} working days overdue"),
    "label.rule.escalate.one": ("til lederen: {count} arbejdsdag over fristen", "to the manager: {count} working day overdue"),
    "label.rule.escalate.other": ("til lederen: {count} arbejdsdage over fristen", "to the manager: {count} working days overdue"),
    "label.rule.stalled": ("står stille", "not moving"),
    "label.rule.weekly": ("ugeoversigt, {week}", "weekly overview, {week}"),
    "action.indicator-add": ("indikator tilføjet", "indicator added"),
    "action.indicator-measure": ("måling registreret", "measurement recorded"),
    "label.action.other": ("registreret", "recorded"),
    "label.forced": ("gennemtvunget", "forced"),
    "move.refused_many.one": (
        "{count} punkt kan ikke flyttes; intet er flyttet:",
        "{count} item cannot be moved; nothing was moved:"),
    "move.refused_many.other": (
        "{count} punkter kan ikke flyttes; intet er flyttet:",
        "{count} items cannot be moved; nothing was moved:"),
    "ui.remind_unknown.one": (
        "{count} påmindelse blev afbrudt under afsendelse og er måske sendt: se "
        "aarshjul outbox list --failed.",
        "{count} reminder was interrupted while sending and may have gone out: see "
        "aarshjul outbox list --failed."),
    "ui.remind_unknown.other": (
        "{count} påmindelser blev afbrudt under afsendelse og er måske sendt: se "
        "aarshjul outbox list --failed.",
        "{count} reminders were interrupted while sending and may have gone out: see "
        "aarshjul outbox list --failed."),
    "ui.retry_done.one": ("{count} påmindelse sendes ved næste kørsel.",
                          "{count} reminder goes out on the next run."),
    "ui.retry_done.other": ("{count} påmindelser sendes ved næste kørsel.",
                            "{count} reminders go out on the next run."),
    "n.working_days.one": ("{count} arbejdsdag", "{count} working day"),
    "n.working_days.other": ("{count} arbejdsdage", "{count} working days"),
    "n.days_left.one": ("{count} arbejdsdag tilbage", "{count} working day left"),
    "n.days_left.other": ("{count} arbejdsdage tilbage", "{count} working days left"),
    "n.overdue.one": ("{count} overskredet", "{count} overdue"),
    "n.overdue.other": ("{count} overskredne", "{count} overdue"),
    "n.meetings.one": ("{count} møde", "{count} meeting"),
    "n.meetings.other": ("{count} møder", "{count} meetings"),
    "n.items.one": ("{count} punkt", "{count} item"),
    "n.items.other": ("{count} punkter", "{count} items"),
    "n.mails.one": ("{count} mail", "{count} email"),
    "n.mails.other": ("{count} mails", "{count} emails"),
    "n.reminders.one": ("{count} påmindelse", "{count} reminder"),
    "n.reminders.other": ("{count} påmindelser", "{count} reminders"),
    "n.deadlines.one": ("{count} frist", "{count} deadline"),
    "n.deadlines.other": ("{count} frister", "{count} deadlines"),
    # --- agenda2 (issue 16, point 5): the status report links each item to its next agenda ---
    "report.agenda_point": ("punkt {number} på dagsordenen", "item {number} on the agenda"),
    "report.col.agenda_point": ("Punkt på dagsordenen", "Agenda item"),
    "report.col.agenda_status": ("Dagsordenens status", "Agenda status"),
    # --- web2: the agenda on the meeting page (issue 18, point 2) ---
    "web.agenda_download": ("Hent dagsordenen", "Download the agenda"),
    "web.agenda_not_published": ("ikke udsendt endnu", "not published yet"),
    "web.agenda_no_points": ("Der er ingen sager på dagsordenen.", "There are no cases on the agenda."),
    # --- orgs (issue 19) ---
    "org.unknown": (
        "Organisationen \"{org}\" findes ikke. Kendte: {known}.",
        "The organisation \"{org}\" does not exist. Known: {known}."),
    "org.choose": (
        "Databasen rummer flere organisationer ({known}). Vælg en med --org eller AARSHJUL_ORG.",
        "The database holds several organisations ({known}). Choose one with --org or "
        "AARSHJUL_ORG."),
    "org.none": (
        "Databasen rummer ingen organisation. Opret den med: aarshjul init",
        "The database holds no organisation. Create it with: aarshjul init"),
    "org.exists": (
        "Organisationen \"{org}\" findes allerede.",
        "The organisation \"{org}\" already exists."),
    "org.bad_key": (
        "\"{org}\" kan ikke bruges som organisationsnøgle: brug 1-30 bogstaver (a-z), cifre, "
        "- eller _, fx K147.",
        "\"{org}\" cannot be an organisation key: use 1-30 letters (a-z), digits, - or _, "
        "e.g. K147."),
    "org.blank_name": (
        "Organisationen skal have et navn: --name \"Aarhus Kommune\".",
        "The organisation needs a name: --name \"Aarhus Kommune\"."),
    "org.added": ("Organisation {org} oprettet: {name}.", "Organisation {org} added: {name}."),
    "org.col.key": ("Nøgle", "Key"),
    "org.col.name": ("Navn", "Name"),
    "org.col.people": ("Personer", "People"),
    "org.col.items": ("Punkter", "Items"),
}

#: Babel's pattern for a date in a sentence: "tirsdag den 15. december 2026".
LONG_DATE = {"da": ("da_DK", "EEEE 'den' d. MMMM y"), "en": ("en_GB", "EEEE d MMMM y")}


def format_long_date(day: date, lang: str) -> str:
    """``tirsdag den 15. december 2026`` / ``Tuesday 15 December 2026`` (Babel, loaded on first
    use). The one home of the pattern: :mod:`aarshjul.dates.formats` uses it, and so does
    :func:`translate` for a date given as a parameter."""
    from babel.dates import format_date

    locale, pattern = LONG_DATE.get(lang, LONG_DATE["da"])
    return str(format_date(day, pattern, locale=locale))


def plural_category(count: int, lang: str) -> str:
    """Babel's CLDR plural category of ``count`` in ``lang``: ``one`` or ``other``."""
    from babel import Locale

    locale = LONG_DATE.get(lang, LONG_DATE["da"])[0]
    return str(Locale.parse(locale).plural_form(abs(count)))


def translate(key: str, lang: str = "da", **params: Any) -> str:
    """The sentence ``key`` in ``lang`` with ``params`` filled in.

    A sentence with plural forms is stored as ``key.one`` and ``key.other`` and chosen by
    Babel's plural rules for the ``count`` parameter ("1 påmindelse", "2 påmindelser"). A
    ``date`` parameter is written as a long date ("tirsdag den 15. december 2026"), never ISO.
    """
    pair = MESSAGES.get(key)
    if pair is None and isinstance(params.get("count"), int):
        form = plural_category(params["count"], lang)
        pair = MESSAGES.get(f"{key}.{form}") or MESSAGES.get(f"{key}.other")
    if pair is None:
        return key + (f" {params}" if params else "")
    template = pair[1] if lang == "en" else pair[0]
    for name, value in params.items():
        if isinstance(value, date) and not isinstance(value, datetime):
            params[name] = format_long_date(value, lang)
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
