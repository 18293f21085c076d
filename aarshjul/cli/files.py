"""The item tree to and from a spreadsheet: ``export`` and ``import`` (XLSX or CSV).
"""

from __future__ import annotations

import click

from aarshjul.cli.settings import Settings, emit, json_option, out, pass_settings
from aarshjul.clickwords import Command


@click.command("export", cls=Command)
@click.argument("file", type=click.Path(dir_okay=False))
@pass_settings
def export_items(settings: Settings, file: str) -> None:
    """Write the item tree with the handlemål columns to an XLSX or CSV file.

    \b
    Example:
        aarshjul export strategi.xlsx
    """
    count = settings.app().spreadsheets.export(file)
    out(settings.t("words.exported", items=settings.t("n.items", count=count), file=file))


@click.command("import", cls=Command)
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
        t = settings.t
        lines = [f"{c.ref}: {t('words.import_new')}" if c.new else f"{c.ref}: " + "; ".join(
            f"{_field(settings, k)} \"{a}\" → \"{b}\"" for k, (a, b) in c.fields.items())
            for c in changes]
        new = sum(c.new for c in changes)
        lines.append(t("words.imported", new=t("words.new_items", count=new),
                       changed=t("words.changed_items", count=len(changes) - new), file=file))
        if dry_run:
            lines.append(settings.t("ui.import_preview"))
        return "\n".join(lines)

    emit(settings, changes, text)


def _field(settings: Settings, key: str) -> str:
    """A changed field by its label (``Titel``), not its key (``title``)."""
    from aarshjul.messages import has

    return settings.t(f"ui.{key}") if has(f"ui.{key}") else key
