"""Every sentence a user reads from the library, in Danish (the default) and English.

The sentences live in gettext catalogues, managed with Babel (docs/translating.md):
``aarshjul/locale/{da,en}/LC_MESSAGES/aarshjul.po``, keyed by a symbolic id (``item.unknown``),
compiled to the ``.mo`` files beside them, which the standard library's :mod:`gettext` reads
(a few milliseconds, no Babel import). Errors and guard results carry an id and parameters;
:func:`translate` makes the sentence. The ``cli`` domain holds the command line's own words
(help texts, click's messages): its ids are the English texts, translated in ``da`` only.
tests/test_catalogue.py checks that every id the code uses is in both catalogues, with the same
parameters, and that the ``.mo`` files are the ``.po`` files compiled.
"""

from __future__ import annotations

import gettext
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment

#: ``locale/<lang>/LC_MESSAGES/<domain>.po`` and ``.mo``.
LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = ("da", "en")


@cache
def catalogue(lang: str, domain: str = "aarshjul") -> gettext.NullTranslations:
    """The compiled catalogue of ``domain`` in ``lang`` (Danish for an unknown language); a
    language without a catalogue of that domain (English ``cli``: its ids are the English
    texts) gets the ids themselves."""
    lang = lang if lang in LANGUAGES else "da"
    try:
        with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.mo", "rb") as mo:
            return gettext.GNUTranslations(mo)
    except FileNotFoundError:
        return gettext.NullTranslations()


def has(key: str, lang: str = "da") -> bool:
    """Whether ``key`` is a sentence of the catalogue (plain or with plural forms)."""
    return catalogue(lang).gettext(key) != key  # a plural entry answers with its first form


#: Babel's pattern for a date in a sentence: "tirsdag den 15. december 2026".
LONG_DATE = {"da": ("da_DK", "EEEE 'den' d. MMMM y"), "en": ("en_GB", "EEEE d MMMM y")}


@lru_cache(maxsize=4096)
def format_long_date(day: date, lang: str) -> str:
    """``tirsdag den 15. december 2026`` / ``Tuesday 15 December 2026`` (Babel, loaded on first
    use). The one home of the pattern: :mod:`aarshjul.dates.formats` uses it, and so does
    :func:`translate` for a date given as a parameter. Remembered: a report names the same few
    hundred days thousands of times, and Babel takes 0.1 ms a date."""
    from babel.dates import format_date

    locale, pattern = LONG_DATE.get(lang, LONG_DATE["da"])
    return str(format_date(day, pattern, locale=locale))


def translate(key: str, lang: str = "da", **params: Any) -> str:
    """The sentence ``key`` in ``lang`` with ``params`` filled in.

    A sentence with plural forms is a gettext plural entry, its form chosen by the catalogue's
    ``Plural-Forms`` for the ``count`` parameter ("1 påmindelse", "2 påmindelser"). A
    ``date`` parameter is written as a long date ("tirsdag den 15. december 2026"), never ISO.
    """
    found = catalogue(lang)
    count = params.get("count")
    template = found.ngettext(key, key, abs(count)) if isinstance(count, int) else key
    if template == key:  # no plural entry: the plain one
        template = found.gettext(key)
    if template == key:
        return key + (f" {params}" if params else "")
    for name, value in params.items():
        if isinstance(value, date) and not isinstance(value, datetime):
            params[name] = format_long_date(value, lang)
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def install_in(env: Environment) -> None:
    """Let the templates of ``env`` read the catalogue through Jinja's i18n extension:
    ``{{ _("report.title") }}``, ``{{ _("n.items", count=3) }}`` or
    ``{{ ngettext("n.items", "n.items", 3) }}``, in the language of the template's ``lang``
    (Danish when it has none), with :func:`translate`'s parameters and dates."""
    from jinja2 import pass_context

    @pass_context
    def gettext(context: Any, key: str, /, **params: Any) -> str:
        return translate(key, context.get("lang", "da"), **params)

    @pass_context
    def ngettext(context: Any, key: str, _plural: str, count: int, /, **params: Any) -> str:
        return translate(key, context.get("lang", "da"), count=count, **params)

    env.add_extension("jinja2.ext.i18n")
    # Old style: the callables get the template's parameters themselves (the new style would
    # format the result once more with %, and "82,9 %" would not survive it).
    env.install_gettext_callables(gettext, ngettext, newstyle=False)  # type: ignore[attr-defined]
