"""The ``aarshjul`` command line: parse options, call the library, render the result.

No business rule lives here. Library errors (:mod:`aarshjul.errors`) become one or two lines on
stderr in the user's language and the exit code of DESIGN.md §5. The library is imported inside
the commands, so ``aarshjul --help`` loads neither SQLAlchemy nor transitions nor Jinja2.
"""

from __future__ import annotations

import functools
import getpass
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from aarshjul.app import App
    from aarshjul.services.items import ItemView
    from aarshjul.services.moves import MoveResult

F = TypeVar("F", bound=Callable[..., Any])


class Settings:
    """The global options, resolved lazily into an :class:`App`."""

    def __init__(self, db: str | None, config: str | None, actor: str | None, now: str | None,
                 lang: str | None, as_json: bool) -> None:
        self.db_option, self.config_path, self.actor_option = db, config, actor
        self.now_option, self.lang_option, self.json = now, lang, as_json
        self._app: App | None = None

    @functools.cached_property
    def config(self) -> Any:
        from aarshjul.config import load

        return load(self.config_path)

    @property
    def lang(self) -> str:
        try:
            configured = self.config.lang
        except Exception:
            configured = None
        return self.lang_option or configured or "da"

    def context(self) -> Any:
        from aarshjul.context import Context
        from aarshjul.dates.timeutil import parse_datetime

        now = parse_datetime(self.now_option) if self.now_option else datetime.now(UTC)
        try:
            actor = self.actor_option or getpass.getuser()
        except (KeyError, OSError):
            actor = "ukendt"
        return Context(actor=actor, now=now, lang=self.lang, config=self.config)

    def db_url(self) -> str:
        from aarshjul.store.db import default_db_path

        return self.db_option or self.config.db or default_db_path()

    def app(self, *, check: bool = True) -> App:
        if self._app is None:
            from aarshjul.app import App

            self._app = App(self.db_url(), self.context(), check=check)
        return self._app

    def close(self) -> None:
        """Return the database connections: a command leaves nothing open behind it."""
        if self._app is not None:
            self._app.db.dispose()
            self._app = None

    def t(self, key: str, **params: Any) -> str:
        from aarshjul.messages import translate

        return translate(key, self.lang, **params)


def pass_settings(f: F) -> F:
    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return f(click.get_current_context().find_object(Settings), *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def json_option(f: F) -> F:
    """``--json`` after the command as well as before it."""

    def callback(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        settings = ctx.find_object(Settings)
        if value and settings is not None:
            settings.json = True

    return click.option("--json", "as_json", is_flag=True, expose_value=False, callback=callback,
                        help="Print JSON instead of text.")(f)


def out(text: str) -> None:
    click.echo(text)


def emit(settings: Settings, value: Any, text: Callable[[], str]) -> None:
    if settings.json:
        from aarshjul.render import dump

        dump(value, lambda piece: click.echo(piece, nl=False))
    else:
        out(text())


class AarshjulGroup(click.Group):
    """The root group: the one place where library errors become messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            from aarshjul.errors import AarshjulError

            settings = ctx.find_object(Settings)
            lang = settings.lang_option if settings and settings.lang_option else "da"
            if isinstance(exc, AarshjulError):
                if settings is not None:
                    lang = settings.lang
                click.echo(exc.message(lang), err=True)
                for line in exc.details:
                    click.echo(f"  {line}", err=True)
                ctx.exit(exc.exit_code)
            from sqlalchemy.exc import OperationalError

            if isinstance(exc, OperationalError):
                from aarshjul.messages import translate

                click.echo(translate("db.unreachable", lang, url="",
                                     reason=str(exc.orig).strip()), err=True)
                ctx.exit(4)
            raise
        finally:
            settings = ctx.find_object(Settings)
            if settings is not None:
                settings.close()


@click.group(cls=AarshjulGroup,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", envvar="AARSHJUL_DB", metavar="URL|PATH",
              help="Database: a file path or a SQLAlchemy URL (env AARSHJUL_DB).")
@click.option("--config", "config_path", envvar="AARSHJUL_CONFIG", metavar="FILE",
              help="Settings file (TOML; env AARSHJUL_CONFIG).")
@click.option("--as", "actor", metavar="LOGIN", help="Who is acting (default: your OS login).")
@click.option("--now", envvar="AARSHJUL_NOW", metavar="ISO",
              help="Run as if it were this time, e.g. 2027-03-01T09:00 (env AARSHJUL_NOW).")
@click.option("--lang", type=click.Choice(["da", "en"]), envvar="AARSHJUL_LANG",
              help="Language of messages (default da; env AARSHJUL_LANG).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.version_option(package_name="aarshjul")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config_path: str | None, actor: str | None,
        now: str | None, lang: str | None, as_json: bool) -> None:
    """aarshjul: the strategy process, the årshjul and its deadlines, from the command line.

    \b
    Example:
        aarshjul init --demo && aarshjul item tree
    """
    ctx.obj = Settings(db, config_path, actor, now, lang, as_json)


# -- init -------------------------------------------------------------------------------------


@cli.command()
@click.option("--demo", is_flag=True, help="Load an example strategy into an empty database.")
@pass_settings
def init(settings: Settings, demo: bool) -> None:
    """Create the database, or upgrade it to this version.

    \b
    Example:
        aarshjul --db ./aarshjul.db init --demo
    """
    app = settings.app(check=False)
    out(settings.t("init.done", url=app.init()))
    if demo:
        from aarshjul.demo import load_demo

        loaded = load_demo(app)
        out(settings.t("init.demo_loaded", **loaded) if loaded is not None
            else settings.t("init.demo_skipped"))


# -- workflows --------------------------------------------------------------------------------


@cli.group()
def workflow() -> None:
    """The process definitions (TOML)."""


@workflow.command("list")
@json_option
@pass_settings
def workflow_list(settings: Settings) -> None:
    """List the workflows and their newest versions.

    \b
    Example:
        aarshjul workflow list
    """
    from aarshjul.render import table

    defs = settings.app().workflows()
    lang = settings.lang
    emit(settings, [{"name": d.name, "version": d.version, "title": d.title(lang),
                     "kinds": list(d.kinds), "states": [s.key for s in d.main_line()]}
                    for d in defs],
         lambda: table([settings.t("ui.workflow"), settings.t("ui.version"),
                        settings.t("ui.title")],
                       [(d.name, d.version, d.title(lang)) for d in defs]))


@workflow.command("show")
@click.argument("name")
@click.option("--version", "version", type=int, help="A specific version (default the newest).")
@click.option("--format", "fmt", type=click.Choice(["text", "mermaid"]), default="text",
              show_default=True)
@json_option
@pass_settings
def workflow_show(settings: Settings, name: str, version: int | None, fmt: str) -> None:
    """Show a workflow's states and moves.

    \b
    Example:
        aarshjul workflow show strategiproces --format mermaid
    """
    from aarshjul.render import table

    defn = settings.app().workflow(name, version)
    lang = settings.lang
    if fmt == "mermaid":
        out(defn.mermaid(lang).rstrip())
        return
    rows = [(s.key, s.label(lang), s.body or "", ", ".join(s.next), ", ".join(s.send_back),
             ", ".join(s.exit_guards)) for s in defn.main_line()]
    emit(settings, {"name": defn.name, "version": defn.version, "title": defn.title(lang),
                    "states": [{"key": s.key, "label": s.label(lang), "body": s.body,
                                "next": list(s.next), "send_back": list(s.send_back),
                                "guards": list(s.exit_guards), "terminal": s.terminal}
                               for s in defn.main_line()]},
         lambda: f"{defn.title(lang)} ({defn.name} v{defn.version})\n\n" + table(
             ["key", settings.t("ui.state"), settings.t("ui.body"), "→", "↩", "guards"], rows))


@workflow.command("validate")
@click.argument("file", type=click.Path(dir_okay=False))
@pass_settings
def workflow_validate(settings: Settings, file: str) -> None:
    """Check a workflow file; every problem is listed at once.

    \b
    Example:
        aarshjul workflow validate min-proces.toml
    """
    from aarshjul.workflow.definitions import load_file

    defn = load_file(file)
    out(settings.t("ui.valid", file=file, name=defn.name, version=defn.version,
                   count=len(defn.states)))


@workflow.command("add")
@click.argument("file", type=click.Path(dir_okay=False))
@pass_settings
def workflow_add(settings: Settings, file: str) -> None:
    """Add a workflow, or a new version of one; items keep the version they started on.

    \b
    Example:
        aarshjul workflow add min-proces.toml
    """
    defn = settings.app().add_workflow(file)
    out(settings.t("ui.workflow_added", name=defn.name, version=defn.version))


# -- people -----------------------------------------------------------------------------------


@cli.group()
def person() -> None:
    """People: owners, their managers, and who acted."""


@person.command("add")
@click.argument("login")
@click.option("--name", required=True)
@click.option("--email", required=True)
@click.option("--role", help="E.g. centerchef, skoleleder.")
@click.option("--manager", metavar="LOGIN", help="Who gets escalations for this person.")
@click.option("--lang", "person_lang", type=click.Choice(["da", "en"]), default="da",
              help="Language of this person's emails.")
@json_option
@pass_settings
def person_add(settings: Settings, login: str, name: str, email: str, role: str | None,
               manager: str | None, person_lang: str) -> None:
    """Register a person.

    \b
    Example:
        aarshjul person add mette --name "Mette Holm" --email mette@kommune.dk --role centerchef
    """
    p = settings.app().people.add(login, name=name, email=email, role=role, manager=manager,
                                  lang=person_lang)
    emit(settings, p, lambda: p.login)


@person.command("edit")
@click.argument("login")
@click.option("--name")
@click.option("--email")
@click.option("--role")
@click.option("--manager", metavar="LOGIN")
@click.option("--lang", "person_lang", type=click.Choice(["da", "en"]))
@json_option
@pass_settings
def person_edit(settings: Settings, login: str, name: str | None, email: str | None,
                role: str | None, manager: str | None, person_lang: str | None) -> None:
    """Change a person's details.

    \b
    Example:
        aarshjul person edit mette --manager jens
    """
    p = settings.app().people.edit(login, name=name, email=email, role=role, manager=manager,
                                   lang=person_lang)
    emit(settings, p, lambda: p.login)


@person.command("list")
@json_option
@pass_settings
def person_list(settings: Settings) -> None:
    """List the people.

    \b
    Example:
        aarshjul person list
    """
    from aarshjul.render import table

    people = settings.app().people.all()
    t = settings.t
    emit(settings, people, lambda: table(
        [t("ui.login"), t("ui.name"), t("ui.email"), t("ui.role"), t("ui.manager")],
        [(p.login, p.name, p.email or "", p.role or "", p.manager or "") for p in people]))


@person.command("forget")
@click.argument("login")
@pass_settings
def person_forget(settings: Settings, login: str) -> None:
    """Pseudonymise a person (GDPR); the audit trail stays verifiable.

    \b
    Example:
        aarshjul person forget mette
    """
    settings.app().people.forget(login)
    out(settings.t("ui.person_forgotten", login=login))


# -- items ------------------------------------------------------------------------------------

_ITEM_FIELDS = [
    click.option("--description", help="What the item is about."),
    click.option("--succeskriterier", help="When is it reached (handlemål)."),
    click.option("--evaluering", help="How it is measured (handlemål)."),
    click.option("--tids-og-handleplan", "tids_og_handleplan", help="What happens when."),
    click.option("--tovholder", help="Coordinator, as written in the strategy document."),
    click.option("--due", metavar="DATE", help="An explicit due date (gets reminders)."),
]


def item_fields(f: F) -> F:
    for option in reversed(_ITEM_FIELDS):
        f = option(f)
    return f


@cli.group()
def item() -> None:
    """Strategy items: strategi, indsatsområde, delmål, handlemål, aktivitet."""


@item.command("add")
@click.argument("title")
@click.option("--ref", help="Number, e.g. 1.2.3 (default: the next free under --parent).")
@click.option("--parent", metavar="REF", help="The item this one belongs under.")
@click.option("--kind", help="strategi, indsatsomraade, delmaal, handlemaal or aktivitet.")
@click.option("--workflow", help="Workflow name (default: by kind).")
@click.option("--owner", metavar="LOGIN", help="The responsible leader.")
@item_fields
@json_option
@pass_settings
def item_add(settings: Settings, title: str, ref: str | None, parent: str | None,
             kind: str | None, workflow: str | None, owner: str | None,
             **fields: str | None) -> None:
    """Register an item; prints its number.

    \b
    Example:
        aarshjul item add "Alle børn skal trives" --parent 1 --owner mette
    """
    due = _date_option(fields.pop("due", None), "--due")
    view = settings.app().items.add(title, ref=ref, parent=parent, kind=kind, workflow=workflow,
                                    owner=owner, due=due, texts=fields)
    emit(settings, view, lambda: view.ref)


@item.command("edit")
@click.argument("ref")
@click.option("--title")
@click.option("--kind")
@click.option("--owner", metavar="LOGIN")
@item_fields
@json_option
@pass_settings
def item_edit(settings: Settings, ref: str, **changes: str | None) -> None:
    """Change an item's text fields or owner.

    \b
    Example:
        aarshjul item edit 1.2.1 --succeskriterier "Mindst 80 % er enige inden udgangen af 2027"
    """
    due = _date_option(changes.pop("due", None), "--due")
    view = settings.app().items.edit(ref, due=due, **changes)
    emit(settings, view, lambda: view.ref)


@item.command("list")
@click.option("--state", help="Only items in this state (key or label).")
@click.option("--owner", metavar="LOGIN")
@click.option("--kind")
@click.option("--workflow")
@click.option("--under", metavar="REF", help="Only this item and those below it.")
@click.option("--paused/--active", "paused", default=None, help="Only paused / only active.")
@json_option
@pass_settings
def item_list(settings: Settings, state: str | None, owner: str | None, kind: str | None,
              workflow: str | None, under: str | None, paused: bool | None) -> None:
    """List items, in number order.

    \b
    Example:
        aarshjul item list --state buu --owner mette
    """
    from aarshjul.render import table

    views = settings.app().items.query(state=state, owner=owner, kind=kind, workflow=workflow,
                                      under=under, paused=paused)
    t = settings.t
    emit(settings, views, lambda: table(
        [t("ui.ref"), t("ui.state"), t("ui.owner"), t("ui.title")],
        [(v.ref, _state_text(settings, v), v.owner or "", v.title) for v in views]))


def _date_option(value: str | None, option: str) -> Any:
    from aarshjul.dates.timeutil import parse_date

    return parse_date(value, option) if value else None


def _state_text(settings: Settings, v: ItemView) -> str:
    text = v.state_label + (f" ({settings.t('ui.paused')})" if v.paused else "")
    if v.progress:
        text += f" · {v.progress[0]}/{v.progress[1]}"
    return text


@item.command("spawn")
@click.argument("ref")
@click.option("--for", "logins", multiple=True, metavar="LOGIN",
              help="A workplace leader; repeat for each workplace.")
@click.option("--due", metavar="DATE", help="When the handleplaner are due.")
@click.option("--template", metavar="FILE",
              help="TOML with title, succeskriterier, evaluering, tids_og_handleplan, due, for.")
@json_option
@pass_settings
def item_spawn(settings: Settings, ref: str, logins: tuple[str, ...], due: str | None,
               template: str | None) -> None:
    """Create a handleplan per workplace under a decided strategy item (udmøntning).

    \b
    Example:
        aarshjul item spawn 1.1.1 --for sara --for ali --due 2027-12-31
        aarshjul item spawn 1.1.1 --template handleplan-skabelon.toml
    """
    from aarshjul.services.items import read_spawn_template

    views = settings.app().items.spawn(
        ref, logins, due=_date_option(due, "--due"),
        template=read_spawn_template(template) if template else None)
    emit(settings, views, lambda: "\n".join(f"{v.ref}  {v.title}" for v in views))


@item.command("show")
@click.argument("ref")
@json_option
@pass_settings
def item_show(settings: Settings, ref: str) -> None:
    """Show one item: where it stands, what can happen next, and what is missing.

    \b
    Example:
        aarshjul item show 1.2
    """
    from aarshjul.render import fields_of, indicators_text, item_text

    app = settings.app()
    view = app.items.show(ref)
    indicators = app.indicators.query(ref)
    emit(settings, {**fields_of(view), "indicators": indicators},
         lambda: item_text(view, settings.lang) + indicators_text(indicators, settings.lang))


@item.command("tree")
@click.argument("ref", required=False)
@json_option
@pass_settings
def item_tree(settings: Settings, ref: str | None) -> None:
    """Show the item tree with each item's state.

    \b
    Example:
        aarshjul item tree 1
    """
    views = settings.app().items.query(under=ref)
    base = views[0].depth if views else 1

    def text() -> str:
        lines = []
        for v in views:
            indent = "  " * (v.depth - base)
            lines.append(f"{indent}{v.ref}  {v.title}  [{_state_text(settings, v)}]")
        return "\n".join(lines) if lines else settings.t("ui.none")

    emit(settings, views, text)


# -- moves ------------------------------------------------------------------------------------


def _moved(settings: Settings, results: list[MoveResult]) -> None:
    def text() -> str:
        lines = []
        for r in results:
            line = f"{r.ref}  {r.title}: → {r.to_label}"
            if r.forced:
                line += f" {settings.t('ui.forced')}"
            lines.append(line)
        return "\n".join(lines)

    emit(settings, results, text)


@cli.command()
@click.argument("refs", nargs=-1, required=True)
@click.option("--to", "target", metavar="STATE", help="Target state (default: the next one).")
@click.option("--decision", help="What the meeting decided (needed to leave a political state).")
@click.option("--note", help="A note for the history.")
@click.option("--until", metavar="DATE", help="Last day of the public consultation (høring).")
@click.option("--force", is_flag=True, help="Override a guard; needs --reason and is logged.")
@click.option("--reason", help="Why a guard is overridden.")
@json_option
@pass_settings
def advance(settings: Settings, refs: tuple[str, ...], target: str | None, decision: str | None,
            note: str | None, until: str | None, force: bool, reason: str | None) -> None:
    """Move items forward; several items move together or not at all.

    \b
    Example:
        aarshjul advance 1.1 1.2 --decision "Godkendt af BUU"
    """
    from aarshjul.dates.timeutil import parse_date

    until_date = parse_date(until, "--until") if until else None
    results = settings.app().moves.advance(list(refs), to=target, decision=decision, note=note,
                                           force=force, reason=reason, until=until_date)
    _moved(settings, results)


@cli.command("send-back")
@click.argument("ref")
@click.option("--to", "target", required=True, metavar="STATE")
@click.option("--reason", required=True)
@json_option
@pass_settings
def send_back(settings: Settings, ref: str, target: str, reason: str) -> None:
    """Send an item back to an earlier state (a body asks for more work).

    \b
    Example:
        aarshjul send-back 1.2 --to kvalificering --reason "BUU ønsker flere data"
    """
    _moved(settings, [settings.app().moves.send_back(ref, to=target, reason=reason)])


@cli.command()
@click.argument("ref")
@click.option("--reason", required=True)
@json_option
@pass_settings
def pause(settings: Settings, ref: str, reason: str) -> None:
    """Put an item on hold (sat i bero).

    \b
    Example:
        aarshjul pause 1.3 --reason "Afventer budgetforhandlinger"
    """
    result = settings.app().moves.pause(ref, reason=reason)
    emit(settings, result, lambda: settings.t("ui.paused_done", ref=result.ref))


@cli.command()
@click.argument("ref")
@click.option("--note")
@json_option
@pass_settings
def resume(settings: Settings, ref: str, note: str | None) -> None:
    """Take an item off hold.

    \b
    Example:
        aarshjul resume 1.3
    """
    result = settings.app().moves.resume(ref, note=note)
    emit(settings, result, lambda: settings.t("ui.resumed_done", ref=result.ref,
                                              state=result.to_label))


@cli.command()
@click.argument("ref")
@click.option("--reason", required=True)
@json_option
@pass_settings
def withdraw(settings: Settings, ref: str, reason: str) -> None:
    """Withdraw an item (trukket tilbage); this ends it.

    \b
    Example:
        aarshjul withdraw 1.4 --reason "Indgår i ny strategi"
    """
    _moved(settings, [settings.app().moves.withdraw(ref, reason=reason)])


# -- audit ------------------------------------------------------------------------------------


@cli.command()
@click.argument("ref")
@json_option
@pass_settings
def history(settings: Settings, ref: str) -> None:
    """The audit trail of one item.

    \b
    Example:
        aarshjul history 1.2
    """
    from aarshjul.render import history_line, table, when

    entries = settings.app().items.history(ref)
    t = settings.t
    emit(settings, entries, lambda: table(
        [t("ui.when"), t("ui.who"), t("ui.what")],
        [(when(e.at), e.actor, history_line(e, settings.lang)) for e in entries]))


@cli.group()
def audit() -> None:
    """The tamper-evident audit trail."""


@audit.command("verify")
@json_option
@pass_settings
def audit_verify(settings: Settings) -> None:
    """Check the whole audit trail's hash chain; exit 1 at the first broken entry.

    \b
    Example:
        aarshjul audit verify
    """
    result = settings.app().verify_audit()
    if settings.json:
        from aarshjul.render import dumps

        out(dumps(result))
    elif result.ok:
        out(settings.t("audit.ok", checked=result.checked))
    if not result.ok:
        if not settings.json:
            click.echo(settings.t("audit.broken", id=result.broken_id, reason=result.reason,
                                  checked=result.checked), err=True)
        sys.exit(1)


# -- bodies, meetings, bookings -----------------------------------------------------------------


@cli.group()
def body() -> None:
    """Bodies (OMU, BUU, ØK, KB, ledermøde, LMU) and their sagsfrister."""


@body.command("add")
@click.argument("key")
@click.option("--name", required=True)
@click.option("--deadline-days", type=int, required=True,
              help="Sagsfrist: working days before a meeting the case must be ready.")
@click.option("--member", "members", multiple=True, metavar="LOGIN")
@json_option
@pass_settings
def body_add(settings: Settings, key: str, name: str, deadline_days: int,
             members: tuple[str, ...]) -> None:
    """Add a body.

    \b
    Example:
        aarshjul body add SU --name "Skoleudvalget" --deadline-days 8
    """
    view = settings.app().meetings.add_body(key, name=name, deadline_days=deadline_days,
                                            members=members)
    emit(settings, view, lambda: view.key)


@body.command("edit")
@click.argument("key")
@click.option("--name")
@click.option("--deadline-days", type=int)
@click.option("--member", "members", multiple=True, metavar="LOGIN",
              help="Replaces the member list.")
@json_option
@pass_settings
def body_edit(settings: Settings, key: str, name: str | None, deadline_days: int | None,
              members: tuple[str, ...]) -> None:
    """Change a body's name, sagsfrist or members; deadlines of bookings follow.

    \b
    Example:
        aarshjul body edit KB --deadline-days 16
    """
    view = settings.app().meetings.edit_body(key, name=name, deadline_days=deadline_days,
                                             members=members or None)
    emit(settings, view, lambda: view.key)


@body.command("list")
@json_option
@pass_settings
def body_list(settings: Settings) -> None:
    """List the bodies and their sagsfrister.

    \b
    Example:
        aarshjul body list
    """
    from aarshjul.render import table

    bodies = settings.app().meetings.bodies()
    emit(settings, bodies, lambda: table(
        ["key", "sagsfrist", settings.t("ui.name")],
        [(b.key, b.deadline_days, b.name) for b in bodies]))


@cli.group()
def meeting() -> None:
    """The årshjul: the meetings of the bodies."""


@meeting.command("add")
@click.argument("body_key", metavar="BODY")
@click.argument("day", metavar="DATE")
@click.option("--time", "at", metavar="HH:MM")
@click.option("--place", default="")
@click.option("--title", default="")
@json_option
@pass_settings
def meeting_add(settings: Settings, body_key: str, day: str, at: str | None, place: str,
                title: str) -> None:
    """Add a meeting; prints its id, e.g. BUU-2027-09-14.

    \b
    Example:
        aarshjul meeting add BUU 2027-09-14 --time 16:00 --place "Rådhuset, lokale 2"
    """
    from aarshjul.dates.timeutil import parse_date

    view = settings.app().meetings.add(body_key, parse_date(day), time=at, place=place,
                                       title=title)
    emit(settings, view, lambda: view.id)


@meeting.command("list")
@click.option("--body", "body_key", metavar="BODY")
@click.option("--from", "start", metavar="DATE")
@click.option("--to", "end", metavar="DATE")
@json_option
@pass_settings
def meeting_list(settings: Settings, body_key: str | None, start: str | None,
                 end: str | None) -> None:
    """List meetings with their sagsfrist.

    \b
    Example:
        aarshjul meeting list --body BUU --from 2027-01-01
    """
    from aarshjul.dates.timeutil import parse_date
    from aarshjul.render import table

    views = settings.app().meetings.query(
        body=body_key, start=parse_date(start, "--from") if start else None,
        end=parse_date(end, "--to") if end else None)
    emit(settings, views, lambda: table(
        ["id", "dato", "kl.", "sagsfrist", "punkter", "sted"],
        [(v.id + (" (aflyst)" if v.cancelled else ""), v.date, v.time or "", v.deadline,
          v.booked, v.place) for v in views]))


@meeting.command("cancel")
@click.argument("meeting_id", metavar="ID")
@json_option
@pass_settings
def meeting_cancel(settings: Settings, meeting_id: str) -> None:
    """Cancel a meeting; items booked on it are flagged.

    \b
    Example:
        aarshjul meeting cancel BUU-2027-09-14
    """
    flagged = settings.app().meetings.cancel(meeting_id)
    emit(settings, flagged, lambda: _flagged_text(settings, meeting_id, flagged))


@meeting.command("move")
@click.argument("meeting_id", metavar="ID")
@click.argument("day", metavar="DATE")
@json_option
@pass_settings
def meeting_move(settings: Settings, meeting_id: str, day: str) -> None:
    """Move a meeting to another date; deadlines are recomputed and items flagged.

    \b
    Example:
        aarshjul meeting move BUU-2027-09-14 2027-09-21
    """
    from aarshjul.dates.timeutil import parse_date

    flagged = settings.app().meetings.move(meeting_id, parse_date(day))
    emit(settings, flagged, lambda: _flagged_text(settings, meeting_id, flagged))


@meeting.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@json_option
@pass_settings
def meeting_import(settings: Settings, file: str) -> None:
    """Add the meetings in a CSV, TOML or ICS file; one bad row rejects the whole file.

    CSV: a header row with body,date,time,place,title (time, place and title may be left out;
    "," or ";" between columns). TOML: [[meetings]] tables with the same keys. ICS: each event
    is a meeting; the body is its category or the first word of its title. Every problem in
    the file is listed at once, and nothing is saved until the whole file is right.

    \b
    Example:
        aarshjul meeting import aarshjul-2027.csv
    """
    from aarshjul.render import table

    views = settings.app().meetings.import_file(file)
    emit(settings, views, lambda: settings.t("ui.meetings_imported", count=len(views),
                                             file=file) + "\n\n" + table(
        ["id", "dato", "kl.", "sagsfrist", "sted"],
        [(v.id, v.date, v.time or "", v.deadline, v.place) for v in views]))


def _flagged_text(settings: Settings, meeting_id: str, flagged: list[Any]) -> str:
    lines = [meeting_id.upper()]
    lines += [f"  {b.ref}  {b.title}  (sagsfrist {b.deadline})" for b in flagged]
    return "\n".join(lines)


@cli.command()
@click.argument("ref")
@click.option("--meeting", "meeting_id", required=True, metavar="ID")
@click.option("--state", metavar="STATE", help="Which state the booking is for, if ambiguous.")
@json_option
@pass_settings
def book(settings: Settings, ref: str, meeting_id: str, state: str | None) -> None:
    """Book an item on a meeting; its sagsfrist follows from the body.

    \b
    Example:
        aarshjul book 1.2 --meeting BUU-2027-09-14
    """
    view = settings.app().meetings.book(ref, meeting_id, state=state)
    emit(settings, view, lambda: f"{view.ref} → {view.meeting} ({view.state}), "
                                 f"sagsfrist {view.deadline}")


@cli.command()
@click.argument("ref")
@click.option("--meeting", "meeting_id", required=True, metavar="ID")
@json_option
@pass_settings
def unbook(settings: Settings, ref: str, meeting_id: str) -> None:
    """Remove an item's booking on a meeting.

    \b
    Example:
        aarshjul unbook 1.2 --meeting BUU-2027-09-14
    """
    views = settings.app().meetings.unbook(ref, meeting_id)
    emit(settings, views, lambda: "\n".join(f"{v.ref} ✕ {v.meeting}" for v in views))


@cli.command()
@click.argument("ref")
@click.option("--target", required=True, metavar="MEETING-ID",
              help="The meeting the item must reach, e.g. KB-2027-11-24.")
@click.option("--state", metavar="STATE", help="Which state the target is for, if ambiguous.")
@click.option("--apply", "apply_plan", is_flag=True,
              help="Book every proposed meeting (all or nothing).")
@json_option
@pass_settings
def plan(settings: Settings, ref: str, target: str, state: str | None, apply_plan: bool) -> None:
    """Plan backwards: which meeting each remaining step needs to reach a target meeting.

    Exits 1 when the target cannot be reached, naming the step that is too late and the
    earliest meeting that can be reached instead.

    \b
    Example:
        aarshjul plan 1.2 --target KB-2027-11-24 --apply
    """
    from aarshjul.render import table

    planner = settings.app().planner
    result = (planner.apply(ref, target, state=state) if apply_plan
              else planner.propose(ref, target, state=state))
    t = settings.t

    def text() -> str:
        shown = t("ui.none") if not result.steps else table(
            [t("ui.state"), t("ui.body"), t("ui.meeting"), t("plan.col_date"),
             t("plan.col_deadline"), t("plan.col_status")],
            [(s.state_label, s.body, s.meeting, s.meeting_date, s.deadline,
              t("plan.booked") if s.already_booked else t("plan.new")) for s in result.steps])
        if apply_plan:
            shown += "\n\n" + t("plan.applied", count=len(result.new_steps), ref=result.ref)
        return shown

    emit(settings, result, text)
    if result.problem is not None:
        click.echo(result.problem.message(settings.lang), err=True)
        sys.exit(1)


@cli.group("calendar")
def calendar_group() -> None:
    """The årshjul as a calendar file (ICS) to subscribe to in Outlook and the like."""


@calendar_group.command("export")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--owner", metavar="LOGIN",
              help="Only this person's deadlines, and meetings of bodies they are booked on.")
@click.option("--body", "body_key", metavar="BODY", help="Only this body's meetings and deadlines.")
@json_option
@pass_settings
def calendar_export(settings: Settings, file: str, owner: str | None,
                    body_key: str | None) -> None:
    """Write the meetings and open deadlines as an iCalendar file (.ics).

    Events keep their identity between exports, so a calendar that reads the file again
    updates its events instead of adding copies.

    \b
    Example:
        aarshjul calendar export aarshjul.ics --owner mette
    """
    result = settings.app().calendar.export(file, owner=owner, body=body_key)
    emit(settings, result, lambda: settings.t("ui.calendar_exported", path=result.path,
                                              meetings=result.meetings,
                                              deadlines=result.deadlines))


@cli.command()
@click.option("--days", type=int, help="Only deadlines within this many days (default: all).")
@click.option("--owner", metavar="LOGIN")
@click.option("--overdue", is_flag=True, help="Only deadlines that have passed.")
@json_option
@pass_settings
def deadlines(settings: Settings, days: int | None, owner: str | None, overdue: bool) -> None:
    """What is due, soonest first, with working days left.

    \b
    Example:
        aarshjul deadlines --days 30 --owner mette
    """
    from aarshjul.render import deadlines_text

    found = settings.app().deadlines.due(days=days, owner=owner, overdue=overdue)
    emit(settings, found, lambda: deadlines_text(found, settings.lang))


@cli.command()
@click.argument("ref")
@click.option("--meeting", "meeting_id", metavar="ID", help="Which booking (default: the next).")
@pass_settings
def deliver(settings: Settings, ref: str, meeting_id: str | None) -> None:
    """Mark an item's case as delivered for a meeting: its deadline is met.

    \b
    Example:
        aarshjul deliver 1.2 --meeting BUU-2027-09-14
    """
    codes = settings.app().deadlines.deliver(ref, meeting_id)
    out(settings.t("ui.delivered", ref=ref, meetings=", ".join(codes)))


# -- indicators ---------------------------------------------------------------------------------


@cli.group()
def indicator() -> None:
    """Indicators with yearly targets, and their measurements."""


@indicator.command("add")
@click.argument("ref")
@click.option("--name", required=True)
@click.option("--unit", default="", help="E.g. %, elever, point.")
@click.option("--direction", type=click.Choice(["up", "down"]), default="up", show_default=True)
@click.option("--baseline", required=True, metavar="VALUE@YEAR")
@click.option("--target", "targets", multiple=True, required=True, metavar="VALUE@YEAR")
@click.option("--cadence", type=int, default=12, show_default=True,
              help="Months between measurements; the owner is reminded (0: never).")
@json_option
@pass_settings
def indicator_add(settings: Settings, ref: str, name: str, unit: str, direction: str,
                  baseline: str, targets: tuple[str, ...], cadence: int) -> None:
    """Follow an item with an indicator: a baseline and a target per year.

    \b
    Example:
        aarshjul indicator add 1.1.1 --name Trivsel --unit % --baseline 60@2026 \\
            --target 70@2027 --target 80@2028
    """
    view = settings.app().indicators.add(ref, name=name, unit=unit, direction=direction,
                                         baseline=baseline, targets=targets,
                                         cadence_months=cadence)
    emit(settings, view, lambda: f"{view.ref}  {view.name}")


@indicator.command("measure")
@click.argument("ref")
@click.argument("name")
@click.argument("value")
@click.option("--date", "day", required=True, metavar="DATE")
@json_option
@pass_settings
def indicator_measure(settings: Settings, ref: str, name: str, value: str, day: str) -> None:
    """Record a measurement; prints whether it is ahead, on track or behind.

    \b
    Example:
        aarshjul indicator measure 1.1.1 Trivsel 72 --date 2027-07-01
    """
    view = settings.app().indicators.measure(ref, name, value, _date_option(day, "--date"))
    emit(settings, view, lambda: f"{view.ref}  {view.name}: "
                                 f"{settings.t('indicator.' + view.status)}"
                                 f" (forventet {view.expected:g}{view.unit})")


@indicator.command("list")
@click.argument("ref", required=False)
@json_option
@pass_settings
def indicator_list(settings: Settings, ref: str | None) -> None:
    """List indicators with their last measurement and status.

    \b
    Example:
        aarshjul indicator list
    """
    from aarshjul.render import table

    views = settings.app().indicators.query(ref)
    emit(settings, views, lambda: table(
        [settings.t("ui.ref"), "indikator", "udgangspunkt", "mål", "seneste", "status"],
        [(v.ref, v.name, f"{v.baseline[0]:g}{v.unit} ({v.baseline[1]})",
          ", ".join(f"{t:g}{v.unit} ({y})" for t, y in v.targets),
          f"{v.measurements[-1][1]:g}{v.unit} ({v.measurements[-1][0]})" if v.measurements
          else "-", settings.t("indicator." + v.status)) for v in views]))


# -- strategic conversations --------------------------------------------------------------------


@cli.group()
def conversation() -> None:
    """The yearly strategic conversations between workplaces and their centre heads."""


@conversation.command("plan")
@click.option("--year", type=int, required=True)
@click.option("--for", "logins", multiple=True, metavar="LOGIN",
              help="Workplace leaders (default: everyone with a manager who owns a handlemål).")
@click.option("--from", "start", metavar="DATE", help="First day (default 1 September).")
@click.option("--to", "end", metavar="DATE", help="Last day (default 31 October).")
@json_option
@pass_settings
def conversation_plan(settings: Settings, year: int, logins: tuple[str, ...], start: str | None,
                      end: str | None) -> None:
    """Schedule this year's conversations; the strategy plan is due 10 working days before.

    \b
    Example:
        aarshjul conversation plan --year 2027
    """
    views = settings.app().conversations.plan(year, logins=logins,
                                              start=_date_option(start, "--from"),
                                              end=_date_option(end, "--to"))
    emit(settings, views, lambda: _conversations_text(settings, views))


def _conversations_text(settings: Settings, views: list[Any]) -> str:
    from aarshjul.render import table

    return table(["id", "dato", "med", "strategiplan senest", "status"],
                 [(v.id, v.held_on, v.counterpart or "-", v.plan_due,
                   settings.t("conversation." + v.status)) for v in views])


@conversation.command("list")
@click.option("--year", type=int)
@json_option
@pass_settings
def conversation_list(settings: Settings, year: int | None) -> None:
    """List conversations: held, due and overdue.

    \b
    Example:
        aarshjul conversation list --year 2027
    """
    views = settings.app().conversations.query(year=year)
    emit(settings, views, lambda: _conversations_text(settings, views))


@conversation.command("record")
@click.argument("conversation_id", metavar="ID")
@click.option("--answers", "answers_file", required=True, metavar="FILE",
              help='TOML: answers = ["…", "…", "…", "…"], one per question.')
@pass_settings
def conversation_record(settings: Settings, conversation_id: str, answers_file: str) -> None:
    """Store the answers to the four questions; the conversation is then held.

    \b
    Example:
        aarshjul conversation record SAMTALE-2027-sara --answers svar.toml
    """
    view = settings.app().conversations.record(conversation_id, answers_file)
    out(f"{view.id}: {settings.t('conversation.' + view.status)}")


@conversation.command("deliver")
@click.argument("conversation_id", metavar="ID")
@pass_settings
def conversation_deliver(settings: Settings, conversation_id: str) -> None:
    """Mark the workplace's strategy plan as sent: its deadline is met.

    \b
    Example:
        aarshjul conversation deliver SAMTALE-2027-sara
    """
    view = settings.app().conversations.deliver_plan(conversation_id)
    out(f"{view.id}: {settings.t('conversation.' + view.status)}")


# -- spreadsheets ------------------------------------------------------------------------------


@cli.command("export")
@click.argument("file", type=click.Path(dir_okay=False))
@pass_settings
def export_items(settings: Settings, file: str) -> None:
    """Write the item tree with the handlemål columns to an XLSX or CSV file.

    \b
    Example:
        aarshjul export strategi.xlsx
    """
    count = settings.app().spreadsheets.export(file)
    out(settings.t("ui.exported", count=count, file=file))


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@json_option
@pass_settings
def import_items(settings: Settings, file: str, dry_run: bool) -> None:
    """Create and update items from an XLSX or CSV file; one bad row changes nothing.

    \b
    Example:
        aarshjul import strategi.xlsx --dry-run
    """
    changes = settings.app().spreadsheets.import_file(file, dry_run=dry_run)

    def text() -> str:
        lines = [f"{c.ref}: ny" if c.new else f"{c.ref}: " + "; ".join(
            f"{k} \"{a}\" → \"{b}\"" for k, (a, b) in c.fields.items()) for c in changes]
        lines.append(settings.t("ui.imported", new=sum(c.new for c in changes),
                                changed=sum(not c.new for c in changes), file=file))
        if dry_run:
            lines.append(settings.t("ui.import_preview"))
        return "\n".join(lines)

    emit(settings, changes, text)


# -- reminders ---------------------------------------------------------------------------------


@cli.group(invoke_without_command=True)
@click.option("--dry-run", is_flag=True, help="Show what would be sent; send and write nothing.")
@json_option
@click.pass_context
def remind(ctx: click.Context, dry_run: bool) -> None:
    """Send the reminders that are due now, once (safe to run from cron as often as you like).

    \b
    Example:
        aarshjul remind --dry-run
        aarshjul --now 2027-03-01T08:00 remind
    """
    if ctx.invoked_subcommand is not None:
        return
    settings = ctx.find_object(Settings)
    assert settings is not None
    from aarshjul.notifications.outbox import require_transport_up

    result = settings.app().outbox.run(dry_run=dry_run)
    if dry_run:
        emit(settings, list(result.planned), lambda: _planned_text(settings, result))
        return
    emit(settings, result, lambda: _run_text(settings, result))
    require_transport_up(result)


def _planned_text(settings: Settings, result: Any) -> str:
    from aarshjul.render import table

    new = [p for p in result.planned if p.new]
    if not new:
        return settings.t("ui.none")
    return table(["til", "e-mail", "regel", "nr.", "frist", settings.t("ui.title")],
                 [(p.recipient, p.email or "-", p.rule, p.ref or "", p.due or "", p.title)
                  for p in new])


def _run_text(settings: Settings, result: Any) -> str:
    lines = [settings.t("ui.remind_summary", queued=result.queued, sent=result.sent,
                        digests=result.digests, waiting=result.waiting, failed=result.failed)]
    if result.unknown:
        lines.append(settings.t("ui.remind_unknown", unknown=result.unknown))
    lines += [f"  {e}" for e in result.errors]
    return "\n".join(lines)


@remind.command("rules")
@json_option
@pass_settings
def remind_rules(settings: Settings) -> None:
    """Show when reminders go out (from the configuration).

    \b
    Example:
        aarshjul --config aarshjul.toml remind rules
    """
    from aarshjul.render import table

    cfg = settings.config.reminders
    rows = [("*", "*", cfg.default)] + [(b, "*", r) for b, r in cfg.by_body] + [
        ("*", s, r) for s, r in cfg.by_state]
    data = [{"body": b, "state": s, "before": list(r.before), "overdue": r.overdue,
             "escalate_after": r.escalate_after} for b, s, r in rows]
    emit(settings, {"rules": data, "stalled_after": cfg.stalled_after,
                    "secretariat": list(cfg.secretariat),
                    "interval_minutes": cfg.interval_minutes},
         lambda: table(["organ", "tilstand", "før (arb.dage)", "overskredet",
                        "leder efter (arb.dage)"],
                       [(b, s, ", ".join(map(str, r.before)), "hver arb.dag" if r.overdue
                         else "nej", r.escalate_after) for b, s, r in rows])
         + f"\nStillestående: efter {cfg.stalled_after} arbejdsdage uden booking"
         + f" (sekretariat: {', '.join(cfg.secretariat) or '-'})")


@cli.group()
def outbox() -> None:
    """What was sent, what failed and why."""


@outbox.command("list")
@click.option("--failed", is_flag=True, help="Only failed, unknown or retried ones.")
@click.option("--limit", type=int, default=200, show_default=True)
@json_option
@pass_settings
def outbox_list(settings: Settings, failed: bool, limit: int) -> None:
    """List reminders in the outbox, newest first.

    \b
    Example:
        aarshjul outbox list --failed
    """
    from aarshjul.render import table, when

    rows = settings.app().outbox.rows(failed=failed, limit=limit)
    emit(settings, rows, lambda: table(
        ["status", "til", "regel", "nr.", "sendt", "fejl"],
        [(r.status, f"{r.recipient} <{r.email or '-'}>", r.rule, r.ref or "", when(r.sent_at),
          r.last_error) for r in rows]))


@outbox.command("retry")
@click.option("--unknown", is_flag=True,
              help="Also resend those interrupted mid-send (may send them twice).")
@pass_settings
def outbox_retry(settings: Settings, unknown: bool) -> None:
    """Make failed and waiting reminders go out on the next run.

    \b
    Example:
        aarshjul outbox retry && aarshjul remind
    """
    count = settings.app().outbox.retry(unknown=unknown)
    out(settings.t("ui.retry_done", count=count))


@cli.group()
def scheduler() -> None:
    """The long-running reminder service."""


@scheduler.command("run")
@click.option("--interval", type=float, help="Minutes between scans (default from config: 15).")
@pass_settings
def scheduler_run(settings: Settings, interval: float | None) -> None:
    """Scan and send reminders every few minutes, and a week overview on Mondays; stop with
    Ctrl-C or SIGTERM.

    \b
    Example:
        aarshjul --config /etc/aarshjul.toml scheduler run
    """
    import os

    from aarshjul.dates.timeutil import parse_datetime
    from aarshjul.notifications import scheduler as service

    fixed = parse_datetime(settings.now_option) if settings.now_option else None

    def clock() -> datetime:
        return fixed or datetime.now(UTC)

    # The ticks run in child processes (see notifications/scheduler.py) and must see the same
    # database, settings file, language and fixed time; the database goes by environment, as
    # a URL may hold a password that the process list would show.
    options = ["--as", settings.actor_option] if settings.actor_option else []
    env = {**os.environ, "AARSHJUL_DB": settings.db_url()}
    for name, value in (("AARSHJUL_CONFIG", settings.config_path),
                        ("AARSHJUL_LANG", settings.lang_option),
                        ("AARSHJUL_NOW", settings.now_option)):
        if value:
            env[name] = value

    def tick(weekly: bool) -> int:
        return service.tick_in_child(options, env, weekly=weekly)

    app = settings.app()
    service.run(app.db, app.ctx, tick, out=sys.stdout, clock=clock, started=datetime.now(UTC),
                interval_minutes=interval or settings.config.reminders.interval_minutes)


@scheduler.command("tick")
@click.option("--weekly", is_flag=True,
              help="Also send this week's overview now, before its day and time.")
@click.option("--in-service", is_flag=True, hidden=True,
              help="Started by scheduler run: finish the tick whatever stop signal comes.")
@pass_settings
def scheduler_tick(settings: Settings, weekly: bool, in_service: bool) -> None:
    """Scan and send once, as the running scheduler does every few minutes: for cron or a
    systemd timer instead of scheduler run.

    \b
    Example:
        aarshjul --config /etc/aarshjul.toml scheduler tick
    """
    from aarshjul.notifications import scheduler as service

    if in_service:
        service.shield_tick()

    def report(result: Any) -> None:
        from aarshjul.dates.timeutil import local

        click.echo(f"{local(settings.app().ctx.now):%Y-%m-%d %H:%M}  "
                   f"{_run_text(settings, result)}")
        if result.down:
            click.echo(f"  {result.down}")

    app = settings.app()
    service.tick(app.db, app.ctx, report, weekly=weekly)


# -- reports ----------------------------------------------------------------------------------


@cli.group()
def report() -> None:
    """Reports for the ledermøde and the wall: the årshjul wheel and the status of items."""


@report.command("wheel")
@click.option("-o", "--output", required=True, metavar="FILE.svg",
              help="Where to write the picture (SVG, UTF-8); an existing file is replaced.")
@click.option("--from", "start", metavar="DATE",
              help="A day in the first month shown (default: the current month).")
@pass_settings
def report_wheel(settings: Settings, output: str, start: str | None) -> None:
    """Draw the årshjul for twelve months as an SVG: meetings, booked items, today.

    \b
    Example:
        aarshjul report wheel -o aarshjul.svg --from 2027-01-01
    """
    from aarshjul.reports.wheel import write_wheel

    app = settings.app()
    path = write_wheel(app.db, app.ctx, output, start=_date_option(start, "--from"))
    out(str(path))


@report.command("status")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "xlsx", "pdf"]), default="md",
              show_default=True, help="Markdown, one self-contained HTML page, XLSX or PDF.")
@click.option("-o", "--output", metavar="FILE",
              help="Where to write it (default: Markdown to the screen, other formats to "
                   "status-<today>.<format>).")
@click.option("--since", metavar="DATE", help="Changes since this day (default: 14 days ago).")
@click.option("--for-meeting", "for_meeting", metavar="ID",
              help="For this meeting: changes since the body's previous meeting, deadlines up "
                   "to its next one.")
@click.option("--owner", metavar="LOGIN", help="Only this person's items.")
@click.option("--subtree", metavar="REF", help="Only this item and the items under it.")
@click.option("--lang", "report_lang", type=click.Choice(["da", "en"]),
              help="Language of the report (default: the global --lang).")
@pass_settings
def report_status(settings: Settings, fmt: str, output: str | None, since: str | None,
                  for_meeting: str | None, owner: str | None, subtree: str | None,
                  report_lang: str | None) -> None:
    """The status report for a ledermøde: counts, changes, deadlines, items, handlemål, tree.

    \b
    Example:
        aarshjul report status --format html -o report.html --for-meeting LEDERMOEDE-2027-03-02
    """
    if report_lang:
        settings.lang_option = report_lang
    written = settings.app().reports.export(
        fmt, output, since=_date_option(since, "--since"), for_meeting=for_meeting,
        owner=owner, subtree=subtree)
    out(written.text.rstrip("\n") if written.text is not None else str(written.path))


@report.command("send")
@click.option("--meeting", "meeting_id", required=True, metavar="ID",
              help="The meeting the report is for; its body's members get it.")
@pass_settings
def report_send(settings: Settings, meeting_id: str) -> None:
    """Email the status report for a meeting to its body's members, once per member.

    The mail carries the headline and the overdue deadlines; the full report is attached as
    HTML and XLSX. Members are set with: aarshjul body edit KEY --member LOGIN.

    \b
    Example:
        aarshjul report send --meeting LEDERMOEDE-2027-03-02
    """
    result = settings.app().report_mail.send(meeting_id)
    out(settings.t("report.sent", meeting=result.meeting, queued=result.queued,
                   already=result.already, members=result.members, sent=result.sent,
                   waiting=result.waiting))
    if result.no_email:
        out(settings.t("report.no_email", names=", ".join(result.no_email)))


# -- entry point ------------------------------------------------------------------------------


def main() -> None:
    """The console script.

    The cycle collector runs less often than by default (every 10,000 new objects, not 700,
    and rarely over everything): a command is a short process that allocates a lot at once —
    SQLAlchemy's import, thousands of rows — and almost none of it is cyclic garbage, so the
    default spends 12–20 % of a listing or a reminder scan walking live objects. Memory stays
    bounded (measured: the same peak RSS); each tick of ``scheduler run`` is its own process.

    At the end every object still alive is frozen, so that the interpreter's last collection
    at exit does not walk them all once more (0.08 s of a 10,000-item listing): the process is
    ending, and the database, the files and the output streams are closed or flushed anyway.
    """
    import gc

    gc.set_threshold(10_000, 50, 1_000)
    try:
        cli(prog_name="aarshjul")
    finally:
        gc.freeze()
