"""The ``aarshjul`` command line: click commands that parse options, call the library, and render
the result; no business rule lives here.

:mod:`~aarshjul.cli.root` holds the root group, its global options, the error handling and
``main`` (the console script); :mod:`~aarshjul.cli.settings` what every command shares. Each
group of commands has its own module (``items``, ``moves``, ``meetings``, ``reports``,
``reminders``, ``indicators``, ``people``, ``workflows``, ``files``, ``database``);
:mod:`~aarshjul.cli.render` turns results into tables or JSON, and
:mod:`~aarshjul.cli.reference` writes docs/cli.md from the commands' help.
"""

from aarshjul.cli.root import cli, main

__all__ = ["cli", "main"]
