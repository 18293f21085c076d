"""The message catalogues' upkeep with Babel: ``python -m aarshjul.cli.catalogue COMMAND``.

- ``compile``: every ``.po`` under ``aarshjul/locale`` to its ``.mo`` (the files the program
  reads; committed, and tests/test_catalogue.py checks they are the ``.po`` files compiled).
- ``add FILE``: sentences written as ``"id": ("dansk", "English"),`` lines (the old MESSAGES
  dict's form; ``id.one``/``id.other`` pairs become one plural entry) appended to both
  ``aarshjul.po`` files, then compiled.
- ``update-cli``: the command line's words — every help text of the command tree and click's
  own messages, extracted from the installed click with Babel — merged into
  ``da/LC_MESSAGES/cli.po`` (new ones empty, to be translated; gone ones marked obsolete).

docs/translating.md has the workflow.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from aarshjul.clickwords import USAGE_WORDS, source
from aarshjul.messages import LANGUAGES, LOCALE_DIR

#: How the catalogues are written: 100 columns, in the order the sentences were added.
_WRITE = {"width": 100, "sort_output": False, "no_location": True}


def po_file(lang: str, domain: str = "aarshjul") -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def read(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=path.parent.parent.name, domain=path.stem)


def write(catalog: Catalog, path: Path) -> None:
    with path.open("wb") as po:
        write_po(po, catalog, **_WRITE)  # type: ignore[arg-type]


def compiled(path: Path) -> bytes:
    """The ``.mo`` content of the ``.po`` file at ``path``."""
    out = BytesIO()
    write_mo(out, read(path))
    return out.getvalue()


def compile_all() -> list[Path]:
    done = []
    for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        po.with_suffix(".mo").write_bytes(compiled(po))
        done.append(po.with_suffix(".mo"))
    return done


def add(entries: dict[str, tuple[str, str]]) -> None:
    """Append ``entries`` (id → (Danish, English)) to both catalogues and compile them."""
    plural = {k[:-4] for k in entries if k.endswith(".one") and f"{k[:-4]}.other" in entries}
    for index, lang in enumerate(LANGUAGES):
        catalog = read(po_file(lang))
        for key, pair in entries.items():
            base, _, form = key.rpartition(".")
            if base in plural and form in ("one", "other"):
                one, other = entries[f"{base}.one"][index], entries[f"{base}.other"][index]
                catalog.add((base, base), (one, other))
            else:
                catalog.add(key, pair[index])
        write(catalog, po_file(lang))
    compile_all()


def parse_entries(text: str) -> dict[str, tuple[str, str]]:
    """``"id": ("da", "en"),`` lines, with or without the surrounding braces."""
    text = text.strip()
    found = ast.literal_eval(text if text.startswith("{") else "{" + text + "}")
    if not isinstance(found, dict):
        raise SystemExit("expected a dict of id: (Danish, English)")
    return found


def command_texts(group: click.Group) -> Iterator[str]:
    """Every help text, short help and epilog of the command tree, and its options' help."""
    ctx = click.Context(group)

    def walk(command: click.Command) -> Iterator[str]:
        texts = [command.help, command.short_help, command.epilog]
        texts += [getattr(p, "help", None) for p in command.params]
        yield from (source(t) for t in texts if t)
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None:
                    yield from walk(sub)

    yield from walk(group)


def click_texts() -> Iterator[str | tuple[str, ...]]:
    """click's own messages ("Usage:", "Show this message and exit.", its errors), extracted
    from the installed click with Babel's Python extractor."""
    from babel.messages.extract import extract_from_dir

    keywords = {"_": None, "gettext": None, "ngettext": (1, 2)}
    for _file, _line, message, _comments, _context in extract_from_dir(
            Path(click.__file__).parent, keywords=keywords):
        yield message


def cli_template() -> Catalog:
    from aarshjul.cli.root import cli

    template = Catalog(domain="cli", project="aarshjul")
    for text in command_texts(cli):
        template.add(text)
    for message in click_texts():
        template.add(message)
    template.add("required")  # click's "[required]" in option help: _(extra["required"])
    for word in USAGE_WORDS:
        template.add(word)
    return template


def update_cli() -> Catalog:
    path = po_file("da", "cli")
    catalog = read(path)
    catalog.update(cli_template(), no_fuzzy_matching=True)
    write(catalog, path)
    compile_all()
    return catalog


def main(argv: list[str]) -> None:
    match argv:
        case ["compile"]:
            for mo in compile_all():
                print(mo)
        case ["add", file]:
            add(parse_entries(Path(file).read_text(encoding="utf-8")))
        case ["update-cli"]:
            catalog = update_cli()
            todo = [m.id for m in catalog if m.id and not m.string]
            print(f"{len(todo)} to translate in {po_file('da', 'cli')}")
        case _:
            raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
