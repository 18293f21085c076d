"""``aarshjul audit``: the tamper-evident audit trail — ``verify`` checks its hash chain (from
the last verified checkpoint, or ``--full``, or against anchors), ``anchor`` writes its head
down outside the database.
"""

from __future__ import annotations

import sys

import click

from aarshjul.cli.settings import Settings, json_option, out, pass_settings
from aarshjul.clickwords import Group


@click.group(cls=Group)
def audit() -> None:
    """The tamper-evident audit trail."""


@audit.command("verify")
@click.option("--full", is_flag=True, help="Check every entry, not only the new ones.")
@click.option("--anchor", "anchors", metavar="FILE", multiple=True,
              help="An anchor written by 'audit anchor': its entry must still be in the chain.")
@json_option
@pass_settings
def audit_verify(settings: Settings, full: bool, anchors: tuple[str, ...]) -> None:
    """Check the audit trail's hash chain; exit 1 at the first broken entry.

    Without --full only the entries added since the last check are walked; an anchor always
    means the whole chain.

    \b
    Example:
        aarshjul audit verify --anchor revisionsspor-anker.json
    """
    # The installation's chain: no organisation to choose, and --as changes nothing it does.
    result = settings.app(installation=True).audit.verify(full=full, anchors=anchors)
    if settings.json:
        from aarshjul.cli.render import dumps

        out(dumps(result))
    elif result.ok:
        out(settings.t("audit.ok", total=result.total, checked=result.checked)
            if result.start_id == 0 else
            settings.t("audit.ok_since", total=result.total, checked=result.checked,
                       start=result.start_id))
        if result.backdated:
            out(settings.t("audit.backdated", count=result.backdated))
    if not result.ok:
        if not settings.json:
            click.echo(settings.t(f"audit.broken.{result.reason}", id=result.broken_id,
                                  checked=result.checked, count=result.out_of_order),
                       err=True)
        sys.exit(1)


@audit.command("anchor")
@click.option("-o", "--output", metavar="FILE",
              help="Write the anchor to this file (default: print it, e.g. for the ESDH journal).")
@json_option
@pass_settings
def audit_anchor(settings: Settings, output: str | None) -> None:
    """Write the audit trail's head (last entry, hash, count, time) down outside the database.

    Keep the anchor where the database's administrators cannot change it (the ESDH journal, a
    mail); 'audit verify --anchor FILE' then finds a trail wiped, cut short or recomputed.

    \b
    Example:
        aarshjul audit anchor -o revisionsspor-anker.json
    """
    from aarshjul.services.audit_trail import anchor_line

    anchor = settings.app(installation=True).audit.anchor(output)
    if output is None or settings.json:
        out(anchor_line(anchor))
    else:
        out(settings.t("audit.anchored", file=output, id=anchor.last_id,
                       hash=anchor.hash[:16]))
