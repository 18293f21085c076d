"""Every command on the demo (each one of the root's table: the reads, then the writes on the
same demo), the wheel it draws, the calendar file it writes and the mails the reminders send, in
Danish and English, speaks like the secretariat (issue 17, must hold): no internal key of a
state, kind, body or reminder rule outside ``--json``, no "(s)"/"(er)"/"(r)" plural hack, no ISO
date in prose, no English word or state label in the Danish output, no Danish column header in
the English output, and a mail in its recipient's language whatever the command's.

The keys are read from the workflow definitions and the database, not written down here, so a
new state or body is checked as soon as it exists. A key that is spelled like its label
("Planlagt"/"planlagt", "BUU") cannot be told apart from the label and is not looked for.
"""

from __future__ import annotations

import email
import itertools
import re
import xml.etree.ElementTree as ET
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from aarshjul.store.models import Body
from aarshjul.workflow.definitions import KINDS
from aarshjul.workflow.registry import Workflows
from tests.conftest import Cli, with_demo
from tests.snapshots import Snapshots

NOW = "2026-12-03T09:00"
#: Words of the program's own English that once showed in the Danish output.
ENGLISH = ("advance", "send-back", "withdraw", "failed", "pending", "key", "guards",
           "decision", "held-meeting", "consultation-ended", "overdue", "before", "escalate",
           "stalled", "the", "and", "working", "days", "due")
#: Danish column headers and words that once showed in the English output.
DANISH = ("dato", "kl.", "sted", "punkter", "sagsfrist", "arbejdsdage", "Tilstand", "Ejer",
          "Titel", "møder", "afbooket")
PLURAL_HACK = re.compile(r"\w\((s|er|r|e)\)")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
#: A sentence that starts with a small letter ("besluttede. det er booket"); not after "kl."
#: or "fx." and the like, nor in a number ("27.00.00-A00").
SMALL_AFTER_STOP = re.compile(r"\b(?!kl\.|fx\.|nr\.|ca\.|jf\.|e\.g\.)[a-zæøå]{2,}\. [a-zæøå]\w*")
RULE = re.compile(r"\b(before|overdue|escalate|stalled|weekly)-\d")
MEETING_ID = re.compile(r"\b[A-ZÆØÅ]+-\d{4}-\d{2}-\d{2}\b|\bSAMTALE-\d{4}-\w+")

COMMANDS: tuple[tuple[str, ...], ...] = (
    ("item", "list"), ("item", "tree"), ("item", "show", "1"), ("item", "show", "1.1.1"),
    ("item", "show", "4.1"), ("deadlines",), ("history", "1"), ("history", "1.1.1.1"),
    ("meeting", "list"), ("body", "list"), ("person", "list"), ("workflow", "list"),
    ("workflow", "show", "strategiproces"), ("workflow", "show", "handleplan"),
    ("remind", "--dry-run"), ("remind",), ("outbox", "list"), ("report", "status"),
    ("remind", "rules"), ("audit", "verify"), ("meeting", "show", "BUU-2026-12-07"),
    ("indicator", "list"), ("conversation", "list"), ("conversation", "show", "SAMTALE-2026-sara"),
    ("hoering", "show", "1"), ("plan", "1.3", "--target", "KB-2027-09-28"), ("init",),
    ("org", "list"),
)
#: Commands that write, run after the reads on the same demo, in this order ({dir} is the
#: test's folder): each one's answer is read like the others.
WRITES: tuple[tuple[str, ...], ...] = (
    ("book", "1.3", "--meeting", "OMU-2027-01-13"),
    ("unbook", "1.3", "--meeting", "OMU-2027-01-13"),
    ("advance", "1.3"), ("send-back", "1.3", "--to", "kvalificering", "--reason", "Mere arbejde"),
    ("pause", "3", "--reason", "Afventer budgettet"), ("resume", "2"),
    ("withdraw", "4.2", "--reason", "Udgår"), ("deliver", "1.1"),
    ("agenda", "order", "BUU-2026-12-07", "1.1"),
    ("export", "{dir}/punkter.xlsx"), ("import", "--dry-run", "{dir}/punkter.xlsx"),
    ("audit", "anchor", "-o", "{dir}/anker.json"), ("scheduler", "tick"),
    ("report", "wheel", "-o", "{dir}/hjul.svg"), ("calendar", "export", "{dir}/kalender.ics"),
)
#: Commands that are refused, with their exit code: a refusal is read like any answer.
REFUSED: tuple[tuple[tuple[str, ...], int], ...] = (
    (("advance", "1.2"), 1), (("advance", "1.1", "--to", "foo"), 2),
    (("item", "list", "--kind", "foo"), 2), (("meeting", "add", "BUU", "2027-03-20"), 2),
    (("advance", "1"), 1), (("conversation", "move", "SAMTALE-2026-ali", "2027-01-02"), 2),
)
#: Root commands not run here, and where their words are checked instead.
ELSEWHERE = {"serve": "tests/web/test_pages.py walks every page in Danish and English"}
#: Listings whose first column is the id a user types (``--meeting BUU-2026-12-07``).
ID_LISTINGS = ("meeting list", "conversation list")


@pytest.fixture
def demo(tmp_path: Path, snapshots: Snapshots) -> tuple[Cli, Path]:
    folder = tmp_path
    config = folder / "aarshjul.toml"
    config.write_text(f'[mail]\ntransport = "maildir"\ndir = "{folder / "mail"}"\n',
                      encoding="utf-8")
    return with_demo(snapshots, Cli(str(folder / "demo.db"), now=NOW, config=str(config))), folder


def _keys(db: str) -> set[str]:
    """Every key of a state, kind and body that is not spelled like its label."""
    from sqlalchemy.orm import Session

    engine = create_engine(f"sqlite:///{db}")
    with Session(engine) as s:
        pairs: list[tuple[str, str]] = []
        for defn in Workflows(s).every():
            pairs += [(st.key, st.label(lang)) for st in defn.states for lang in ("da", "en")]
        from aarshjul.messages import translate

        pairs += [(k, translate(f"report.kind.{k}", "da")) for k in KINDS]
        pairs += [(b.key, b.name) for b in s.scalars(select(Body))]
    engine.dispose()
    labels = {label.casefold() for _, label in pairs}
    return {key for key, _ in pairs if key.casefold() not in labels
            and not any(key.casefold() == part.casefold()
                        for _, label in pairs for part in re.findall(r"[\w-]+", label))}


def _english_states(db: str) -> set[str]:
    """The English state labels that are not also Danish words ("Discussion", "Withdrawn")."""
    from sqlalchemy.orm import Session

    engine = create_engine(f"sqlite:///{db}")
    with Session(engine) as s:
        pairs = [(st.label("da"), st.label("en")) for defn in Workflows(s).every()
                 for st in defn.states]
    engine.dispose()
    return {en for da, en in pairs if en != da and en.casefold() not in
            {d.casefold() for d, _ in pairs}}


def _outputs(cli: Cli, folder: Path, lang: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for args in (*COMMANDS, *WRITES):
        args = tuple(a.replace("{dir}", str(folder)) for a in args)
        result = cli(*args, lang=lang)
        assert result.exit_code == 0, (args, result.output)
        found[" ".join(a for a in args if str(folder) not in a)] = result.output.replace(
            str(folder), "")
    for args, code in REFUSED:
        result = cli(*args, lang=lang)
        assert result.exit_code == code, (args, result.output)
        found["refused " + " ".join(args)] = result.output
    lines = (folder / "kalender.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    found["calendar file"] = "\n".join(
        line.split(":", 1)[1] for line in lines.splitlines()
        if line.startswith(("SUMMARY", "DESCRIPTION", "CATEGORIES")))
    # the mails the reminders sent: subject and text part
    for number, path in enumerate(sorted((folder / "mail").rglob("*.eml"))):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        body = message.get_body(("plain",))
        assert body is not None
        found[f"mail {number}"] = f"{message['Subject']}\n{body.get_content()}"
    # the wheel: what a person reads (its texts, tooltips and description), not its attributes
    svg = ET.parse(folder / "hjul.svg").getroot()
    found["wheel file"] = "\n".join(t for e in svg.iter() for t in (e.text, e.tail)
                                    if t and t.strip())
    return found


def _problems(name: str, text: str, keys: set[str], lang: str) -> list[str]:
    problems: list[str] = []
    words = set(re.findall(r"[\wæøåÆØÅ.-]+", text))
    # a meeting's id is what a user types after --meeting: the meeting list shows it
    prose = MEETING_ID.sub("", text) if name in ID_LISTINGS else text
    tokens = set(re.findall(r"[\wæøåÆØÅ-]+", prose))
    problems += [f"{name}: key {k!r}" for k in sorted(keys & tokens)]
    problems += [f"{name}: plural hack {m.group()!r}" for m in PLURAL_HACK.finditer(text)]
    problems += [f"{name}: ISO date {m.group()!r}" for m in ISO_DATE.finditer(prose)]
    problems += [f"{name}: rule {m.group()!r}" for m in RULE.finditer(text)]
    problems += [f"{name}: small letter after a full stop {m.group()!r}"
                 for m in SMALL_AFTER_STOP.finditer(text)]
    if name not in ID_LISTINGS:
        problems += [f"{name}: meeting id {m.group()!r}" for m in MEETING_ID.finditer(text)]
    if name.startswith("mail "):  # a heading in a text mail stands free of the paragraph above
        lines = text.splitlines()
        problems += [f"{name}: no blank line before {line!r}" for before, line
                     in itertools.pairwise(lines) if line.startswith("==") and before]
    if lang == "da":
        lower = {w.casefold() for w in re.findall(r"[\w-]+", text)}
        problems += [f"{name}: English {w!r}" for w in ENGLISH if w in lower]
    else:
        problems += [f"{name}: Danish {w!r}" for w in DANISH if w in words]
    return problems


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_read_command_speaks_in_labels_and_formats(demo: tuple[Cli, Path],
                                                         lang: str) -> None:
    cli, folder = demo
    keys = _keys(cli.db)
    assert {"droeftelse", "hoering", "delmaal", "OEK", "LEDERMOEDE"} <= keys  # read, not typed
    problems: list[str] = []
    outputs = _outputs(cli, folder, lang)
    assert any(name.startswith("mail ") for name in outputs)  # the reminders were mailed
    english = _english_states(cli.db)
    assert "Discussion" in english
    for name, text in outputs.items():
        # a mail speaks its recipient's language (the demo's people read Danish), whatever the
        # language of the command that sent it
        spoken = "da" if name.startswith("mail ") else lang
        problems += _problems(name, text, keys, spoken)
        if spoken == "da":
            problems += [f"{name}: English state {w!r}" for w in sorted(english)
                         if re.search(rf"\b{re.escape(w)}\b", text)]
    assert problems == [], "\n".join(problems)


def test_the_json_keeps_the_keys(demo: tuple[Cli, Path]) -> None:
    cli, _ = demo
    listing = cli("--json", "item", "list").output
    assert '"droeftelse"' in listing or '"hoering"' in listing


def test_every_root_command_is_walked() -> None:
    """A new command is read by the test above as soon as it exists (or says where it is)."""
    from aarshjul.cli.root import COMMANDS as ROOT

    walked = {args[0] for args in (*COMMANDS, *WRITES)}
    assert walked | set(ELSEWHERE) == set(ROOT), set(ROOT) ^ (walked | set(ELSEWHERE))


def test_no_help_names_a_kind_by_its_key() -> None:
    """``--kind`` and the like list the words a user may type: the labels, not the keys."""
    import click
    from click.testing import CliRunner

    from aarshjul.cli.root import cli as root
    from aarshjul.messages import translate

    keys = [k for k in KINDS if k != translate(f"report.kind.{k}", "da").casefold()]
    assert keys == ["indsatsomraade", "delmaal", "handlemaal"]
    context = click.Context(root)

    def walk(command: click.Command, path: list[str]) -> list[str]:
        shown = CliRunner().invoke(root, [*path, "--help"]).output
        found = [f"{' '.join(path)}: {k}" for k in keys if re.search(rf"\b{k}\b", shown)]
        if isinstance(command, click.Group):
            for name in command.list_commands(context):
                sub = command.get_command(context, name)
                assert sub is not None
                found += walk(sub, [*path, name])
        return found

    assert walk(root, []) == []
