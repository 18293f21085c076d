"""The gettext catalogues (aarshjul/locale) and their upkeep (aarshjul/cli/catalogue.py): every
id the code uses is there in both languages with the same parameters, and the committed ``.mo``
files are the ``.po`` files compiled."""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from aarshjul.cli.catalogue import compiled, po_file, read
from aarshjul.messages import LANGUAGES, LOCALE_DIR

PACKAGE = Path(__file__).resolve().parent.parent / "aarshjul"


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def _forms(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    found = {}
    for message in catalog:
        if message.id:
            key = message.id[0] if message.pluralizable else message.id
            strings = message.string if message.pluralizable else (message.string,)
            found[key] = tuple(strings)
    return found


@pytest.mark.parametrize("po", sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_the_committed_mo_file_is_its_po_file_compiled(po: Path) -> None:
    """Edit a .po without ``python -m aarshjul.cli.catalogue compile`` and this fails."""
    assert po.with_suffix(".mo").read_bytes() == compiled(po)


def test_every_sentence_is_in_both_languages_with_the_same_parameters() -> None:
    da, en = (_forms(read(po_file(lang))) for lang in LANGUAGES)
    assert sorted(da) == sorted(en)
    for key in da:
        assert all(da[key]) and all(en[key]), key
        assert len({frozenset(_fields(s)) for s in da[key] + en[key]}) == 1, key


def _literal_ids(node: ast.expr) -> Iterator[str]:
    """The ids an argument can be: a literal, or either branch of ``a if c else b``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _literal_ids(node.body)
        yield from _literal_ids(node.orelse)


def code_ids() -> Iterator[tuple[str, str, str]]:
    """(file, function, id) for every literal id given to ``translate`` or a ``t`` helper.

    An AST walk, not Babel's Python extractor: that one joins the two branches of
    ``translate("a" if x else "b")`` into one id. Ids built at run time (``f"label.state.{s}"``)
    are checked by the label tests.
    """
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in ("translate", "t"):
                for key in _literal_ids(node.args[0]):
                    yield str(path.relative_to(PACKAGE)), name, key


def test_every_id_the_code_uses_is_in_the_catalogue() -> None:
    known = _forms(read(po_file("da")))
    found = list(code_ids())
    assert len(found) > 300
    # ``translate`` takes whole ids; a ``t`` helper may add its module's prefix ("report.").
    missing = [(file, name, key) for file, name, key in found
               if key not in known and (name == "translate"
                                        or not any(k.endswith(f".{key}") for k in known))]
    assert missing == []


def test_every_help_text_and_click_word_has_its_danish() -> None:
    """A new command, option or docstring, or a click with new messages, fails here until
    ``python -m aarshjul.cli.catalogue update-cli`` and the Danish in cli.po."""
    from aarshjul.cli.catalogue import cli_template

    danish = _forms(read(po_file("da", "cli")))
    template = list(cli_template())[1:]
    assert len(template) > 250
    for message in template:
        key = message.id[0] if message.pluralizable else message.id
        assert key in danish and all(danish[key]), key
        english = message.id if message.pluralizable else (message.id,)
        fields = set().union(*(_fields(s) for s in english))
        assert all(_fields(s) <= fields for s in danish[key]), key


def template_ids() -> Iterator[tuple[str, str]]:
    """(file, id) for every literal id of the Jinja templates, found with Jinja's Babel
    extractor (ids built in the template, ``_("mail." ~ e.kind)``, are not literals)."""
    from babel.messages.extract import extract_from_dir

    method_map = [("**/templates/**", "jinja2.ext:babel_extract")]
    options = {"**/templates/**": {"trim_blocks": "true", "lstrip_blocks": "true"}}
    for file, _line, message, _comments, _context in extract_from_dir(
            PACKAGE, method_map, options, keywords={"_": None, "gettext": None,
                                                    "ngettext": (1, 2)}):
        yield file, message[0] if isinstance(message, tuple) else message


def test_every_id_of_the_templates_is_in_the_catalogue() -> None:
    known = _forms(read(po_file("da")))
    found = list(template_ids())
    assert len(found) > 300
    assert {file.split("/")[0] for file, _ in found} == {"notifications", "reports", "web"}
    assert [(file, key) for file, key in found if key not in known] == []


def test_the_templates_speak_the_language_of_their_render() -> None:
    from jinja2 import Environment

    from aarshjul.messages import install_in

    env = Environment()
    install_in(env)
    template = env.from_string('{{ _("n.items", count=n) }} / '
                               '{{ ngettext("n.items", "n.items", n) }} / {{ _("mail.hello") }}')
    assert template.render(n=2) == "2 punkter / 2 punkter / Kære"
    assert template.render(n=1, lang="en") == "1 item / 1 item / Dear"
