"""The command line's own words in the user's language: every help text and click's messages
("Usage:", "Show this message and exit.", its errors), Danish by default, English under
``--lang en`` or ``AARSHJUL_LANG=en``.

They are the ``cli`` gettext domain (docs/translating.md): the ids are the English texts as
written in the code, translated in ``aarshjul/locale/da/LC_MESSAGES/cli.po``. Help is
translated when it is shown, by :class:`Command` and :class:`Group` (every command of
aarshjul is one); the language is known before that, because the root group reads
``AARSHJUL_LANG`` before parsing and ``--lang`` is eager.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import inspect
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from aarshjul.messages import catalogue

_language = ["da"]


def set_language(lang: str | None) -> None:
    _language[0] = "en" if lang == "en" else "da"


def language() -> str:
    return _language[0]


def gettext(message: str) -> str:
    return catalogue(_language[0], "cli").gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalogue(_language[0], "cli").ngettext(singular, plural, n)


def install() -> None:
    """Route click's messages through :func:`gettext`.

    Each click module binds the standard library's ``gettext.gettext`` as ``_`` (and
    ``ngettext``) when imported and calls it when a message is shown. The standard route —
    ``gettext.textdomain`` plus ``bindtextdomain`` — takes the language from the LANGUAGE /
    LC_ALL / LANG environment variables and a process-wide domain, so choosing the language
    per command would mean rewriting the environment that every child process (LibreOffice,
    sendmail) inherits. Rebinding those two names in click's modules changes nothing else, and
    click looks them up at call time, so the current language applies. A click that stops
    importing them is left alone (the test of Danish help then fails).
    """
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types",
                 "utils"):
        module = sys.modules.get(f"click.{name}")
        if getattr(module, "_", None) is stdlib_gettext.gettext:
            module._ = gettext  # type: ignore[union-attr]
        if getattr(module, "ngettext", None) is stdlib_gettext.ngettext:
            module.ngettext = ngettext  # type: ignore[union-attr]


def source(text: str) -> str:
    """A help text as its catalogue id: the docstring without its indentation."""
    return inspect.cleandoc(text)


_TEXTS = ("help", "short_help", "epilog")


@contextmanager
def _translated(objects: Sequence[Any]) -> Iterator[None]:
    """The help texts of ``objects`` (commands, options) in the current language while click
    formats them; the English source is put back after."""
    saved = [(o, a, getattr(o, a)) for o in objects for a in _TEXTS if getattr(o, a, None)]
    try:
        for obj, attribute, text in saved:
            setattr(obj, attribute, gettext(source(text)))
        yield
    finally:
        for obj, attribute, text in saved:
            setattr(obj, attribute, text)


class Command(click.Command):
    """A command whose help is shown in the user's language."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated([self, *self.get_params(ctx)]):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated([self]):
            return super().get_short_help_str(limit)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # click makes the --help option once per command, its help in the language of that
        # moment (the root's before --lang is read): give it the current language each time.
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = gettext("Show this message and exit.")
        return option

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        # "[OPTIONS]" and "COMMAND [ARGS]...": click's metavars, not marked for translation
        return [gettext(piece) if piece in USAGE_WORDS else piece
                for piece in super().collect_usage_pieces(ctx)]


#: The words of a usage line that click does not translate itself.
USAGE_WORDS = ("[OPTIONS]", "COMMAND [ARGS]...")


class Group(Command, click.Group):
    """A group whose help, and its commands' short help, is shown in the user's language;
    the commands and groups made with its decorators are :class:`Command` and :class:`Group`."""

    command_class = Command
    group_class = type
