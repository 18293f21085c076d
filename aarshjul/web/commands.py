"""The click commands of the web view: ``serve`` and ``person link``.

They are plain commands that the command line registers (``cli.add_command(serve)``,
``person.add_command(link)``); they take the global options from the root group's object
(:class:`CliSettings`: the database URL, a context per call, the language, the :class:`App`),
so they work under whichever module holds the root group. Library errors propagate to the root
group, which turns them into a message and an exit code as for every other command. Only click
is imported at module level: registering the commands costs ``aarshjul --help`` nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

import click

from aarshjul.clickwords import Command

if TYPE_CHECKING:
    from collections.abc import Callable

    from aarshjul.app import App
    from aarshjul.context import Context

DEFAULT_BASE_URL = "http://127.0.0.1:8080"


class CliSettings(Protocol):
    """What these commands need from the root group's ``ctx.obj``."""

    @property
    def lang(self) -> str: ...

    @property
    def lang_option(self) -> str | None: ...

    @property
    def config_path(self) -> str | None: ...

    def db_url(self) -> str: ...

    @property
    def org(self) -> str | None: ...

    def context(self) -> Context: ...

    def app(self, *, check: bool = True) -> App: ...


def _settings() -> CliSettings:
    obj = click.get_current_context().obj
    if obj is None:
        raise click.UsageError("run this command through the aarshjul command line")
    return cast(CliSettings, obj)


def contexts(settings: CliSettings) -> Callable[[str | None], Context]:
    """A request's context in the organisation ``key`` names, as a command run with
    ``--org KEY`` would make it: that organisation's section of the settings file over the
    shared ones (issue 19), its language unless ``--lang`` says otherwise. None, or the
    organisation ``serve`` was started with: the command's own context."""
    import threading
    from dataclasses import replace

    from aarshjul.config import Config, load

    loaded: dict[str, Config] = {}
    lock = threading.Lock()

    def make(key: str | None) -> Context:
        ctx = settings.context()
        if key is None or key.casefold() == (settings.org or "").strip().casefold():
            return ctx
        with lock:
            config = loaded.get(key)
            if config is None:
                config = loaded[key] = load(settings.config_path, key)
        return replace(ctx, config=config, lang=settings.lang_option or config.lang or "da")

    return make


def _t(settings: CliSettings, key: str, **params: Any) -> str:
    from aarshjul.messages import translate

    return translate(key, settings.lang, **params)


@click.command("serve", cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; keep 127.0.0.1 behind a reverse proxy.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 15),
              help="Worker threads answering requests (at most 15: the database connection "
                   "pool's 5 plus 10 overflow).")
@click.option("--trusted-header", metavar="HEADER", envvar="AARSHJUL_TRUSTED_HEADER",
              help="Header in which a single sign-on proxy names the login, e.g. "
                   "X-Remote-User (env AARSHJUL_TRUSTED_HEADER). Only behind a proxy that "
                   "always sets or removes it. Serves one municipality: --org, or the only "
                   "one.")
def serve(host: str, port: int, threads: int, trusted_header: str | None) -> None:
    """Serve the read-only web view: leaders' deadlines and calendar feeds (waitress).

    One process serves every municipality's links, each in its own organisation; with
    --org only that one's.

    \b
    Example:
        aarshjul --db postgresql+psycopg://aarshjul@/aarshjul serve --port 8080
    """
    import logging

    from waitress import create_server

    from aarshjul.web.views import create_app

    settings = _settings()
    site = create_app(settings.db_url(), contexts(settings), trusted_header=trusted_header,
                      org=settings.org)
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("aarshjul.web").setLevel(logging.INFO)
    server = create_server(site, host=host, port=port, threads=threads, ident="aarshjul")
    click.echo(_t(settings, "web.serving", host=host, port=port, threads=threads), err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


@click.command("link", cls=Command)
@click.argument("login")
@click.option("--revoke", is_flag=True, help="Revoke every link the person has instead.")
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, metavar="URL",
              envvar="AARSHJUL_BASE_URL",
              help="Where leaders reach aarshjul serve (env AARSHJUL_BASE_URL).")
def link(login: str, revoke: bool, base_url: str) -> None:
    """Give a person a personal link to the web view and calendars, or revoke it.

    The link is shown once and only its hash is stored: send it to the person only.

    \b
    Example:
        aarshjul person link mette --base-url https://aarshjul.kommune.dk
    """
    if not base_url.startswith(("http://", "https://")):
        raise click.BadParameter("http://… / https://…", param_hint="--base-url")
    from aarshjul.services.meetings import Meetings
    from aarshjul.services.web_access import WebAccess
    from aarshjul.web.links import body_link, person_links

    settings = _settings()
    app = settings.app()
    access = WebAccess(app.db, app.ctx)
    if revoke:
        count = access.revoke(login)
        key = ("weblink.revoked_none" if count == 0 else
               "weblink.revoked_one" if count == 1 else "weblink.revoked_many")
        click.echo(_t(settings, key, login=login, count=count))
        return
    token = access.issue(login)
    person = access.identify(token)
    links = person_links(base_url, token)
    click.echo(_t(settings, "weblink.issued", name=person.name if person else login,
                  login=login))
    click.echo("  " + _t(settings, "weblink.page", url=links.page))
    click.echo("  " + _t(settings, "weblink.mine_ics", url=links.mine_ics))
    click.echo("  " + _t(settings, "weblink.all_ics", url=links.all_ics))
    for body in Meetings(app.db, app.ctx).bodies():
        click.echo(f"  {body.name}: {body_link(links, body.key)}")
