"""``aarshjul workflow``: the process definitions (TOML) — list, show, validate and add them.
"""

from __future__ import annotations

import click

from aarshjul.cli.settings import Settings, emit, json_option, out, pass_settings
from aarshjul.clickwords import Group


@click.group(cls=Group)
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
    from aarshjul.cli.render import table

    defs = settings.app().workflows.latest()
    lang = settings.lang
    emit(settings, [{"name": d.name, "version": d.version, "title": d.title(lang),
                     "kinds": list(d.kinds), "states": [s.key for s in d.main_line()]}
                    for d in defs],
         lambda: table([settings.t("ui.workflow"), settings.t("ui.version"),
                        settings.t("ui.title")],
                       [(d.name, d.version, d.title(lang)) for d in defs]))


@workflow.command("show")
@click.argument("name")
@click.option("--version", "version", type=click.IntRange(1, 2**31 - 1),
              help="A specific version (default the newest).")
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
    from aarshjul.cli.render import labels, table
    from aarshjul.messages import has

    defn = settings.app().workflows.get(name, version)
    lang = settings.lang
    if fmt == "mermaid":
        out(defn.mermaid(lang).rstrip())
        return
    t = settings.t

    def states(keys: tuple[str, ...]) -> str:
        return ", ".join(defn.state(k).label(lang) for k in keys)

    def guards(names: tuple[str, ...]) -> str:
        return ", ".join(t(f"label.guard.{g}") if has(f"label.guard.{g}") else g
                         for g in names)

    def text() -> str:
        names = labels(settings)
        rows = [(s.label(lang), names.body(s.body), states(s.next), states(s.send_back),
                 guards(s.exit_guards)) for s in defn.main_line()]
        return f"{defn.title(lang)} ({defn.name} v{defn.version})\n\n" + table(
            [t("ui.state"), t("ui.body"), t("label.next"), t("label.back"), t("label.guards")],
            rows)

    emit(settings, {"name": defn.name, "version": defn.version, "title": defn.title(lang),
                    "states": [{"key": s.key, "label": s.label(lang), "body": s.body,
                                "next": list(s.next), "send_back": list(s.send_back),
                                "guards": list(s.exit_guards), "terminal": s.terminal}
                               for s in defn.main_line()]},
         text)


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
    defn = settings.app().workflows.add(file)
    out(settings.t("ui.workflow_added", name=defn.name, version=defn.version))
