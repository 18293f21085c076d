"""The command reference (docs/cli.md), generated from click's own help so it cannot drift.

Regenerate with ``python -m aarshjul.cli.reference > docs/cli.md``; a test fails when it is stale.
In English, the language of the code's help texts and of docs/; the program shows them in Danish
unless ``--lang en`` (aarshjul/locale/da/LC_MESSAGES/cli.po).
"""

from __future__ import annotations

import click

from aarshjul import clickwords
from aarshjul.cli.root import cli


def _walk(command: click.Command, path: list[str]) -> list[str]:
    # The root's settings (help option names, width) apply to every command, as when run.
    ctx = click.Context(command, info_name=" ".join(path), terminal_width=100,
                        **cli.context_settings)
    parts = [f"## `{' '.join(path)}`", "", "```", command.get_help(ctx).rstrip(), "```", ""]
    if isinstance(command, click.Group):
        for name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, name)
            assert sub is not None
            parts += _walk(sub, [*path, name])
    return parts


def reference() -> str:
    head = ["# Command reference", "",
            "Generated from the program's own help "
            "(`python -m aarshjul.cli.reference > docs/cli.md`).",
            ""]
    before = clickwords.language()
    clickwords.set_language("en")
    try:
        return "\n".join(head + _walk(cli, ["aarshjul"])).rstrip() + "\n"
    finally:
        clickwords.set_language(before)


if __name__ == "__main__":
    print(reference(), end="")
