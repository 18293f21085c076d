"""Fuzzing the command line (issue 20, build point 1): every command's arguments, the import
formats (items CSV/XLSX, meetings CSV/TOML/ICS) and the settings file, with hypothesis.

For every case: the exit code is one of DESIGN §5's (0–4), no traceback reaches the user, and a
refused command (exit ≠ 0) leaves the database exactly as it was (every row of every table
compared). In-process (click's CliRunner) for speed: the rules hold in the library and the
command layer, which is what a real process runs too.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aarshjul.app import App
from tests.conftest import app_at
from tests.torture.dbdump import dump

NASTY = ["", " ", "\x00", "\r", "\n", "-1", "0", "99999999999999999999", "-99999999999999999999",
         "0001-01-01", "9999-12-31", "1770-12-31", "2027-02-30", "2027-03-01T25:00", "nan", "inf",
         "=HYPERLINK(\"x\")", "+1", "@SUM(A1)", "<script>alert(1)</script>", "a" * 600, "1.1.1.1.1",
         "æøå ÆØÅ", "BUU", "KB", "OMU-2027-04-14", "droeftelse", "kvalificering", "1", "1.1", "2",
         "dir", "mette", "sek", "--help", "%s%n", "'; DROP TABLE items; --", "\u202e", "\ufeff",
         "x" * 101, "7", "2027-04-14"]
WORD = st.one_of(st.sampled_from(NASTY), st.text(max_size=40),
                 st.text(alphabet=string.digits + ".-:T", max_size=20))

COMMANDS: list[tuple[str, ...]] = [
    ("item", "add", "{}", "--owner", "{}"), ("item", "add", "{}", "--parent", "{}"),
    ("item", "edit", "{}", "--title", "{}"), ("item", "show", "{}"),
    ("item", "list", "--state", "{}"),
    ("advance", "{}"), ("advance", "{}", "--to", "{}"), ("advance", "{}", "{}", "--decision", "{}"),
    ("advance", "{}", "--until", "{}"), ("send-back", "{}", "--to", "{}", "--reason", "{}"),
    ("pause", "{}", "--reason", "{}"), ("resume", "{}"), ("withdraw", "{}", "--reason", "{}"),
    ("history", "{}"), ("book", "{}", "--meeting", "{}"), ("unbook", "{}", "{}"),
    ("meeting", "add", "{}", "{}"), ("meeting", "add", "{}", "{}", "--time", "{}"),
    ("meeting", "list", "--from", "{}"), ("body", "add", "{}", "--name", "{}",
                                          "--deadline-days", "{}"),
    ("person", "add", "{}", "--name", "{}", "--email", "{}"), ("person", "edit", "{}",
                                                               "--manager", "{}"),
    ("person", "edit", "{}", "--access", "{}"), ("deadlines", "--days", "{}"),
    ("report", "status", "--since", "{}"), ("outbox", "list", "--limit", "{}"),
    ("--now", "{}", "deadlines"), ("--as", "{}", "item", "list"), ("plan", "{}"),
    ("indicator", "add", "{}", "--name", "{}"), ("calendar", "export", "{}"),
    ("workflow", "show", "{}"), ("deliver", "{}"),
]


def _fill(template: tuple[str, ...], words: list[str]) -> list[str]:
    """The command line with the words in its slots. A NUL cannot reach a real program's
    arguments (the OS passes them as C strings), so it is shown as the two characters \\0."""
    pool = iter(word.replace("\x00", "\\0") for word in words)
    return [next(pool, "") if part == "{}" else part for part in template]


class Fuzzer:
    """Runs one fuzzed command line and checks the three rules; counts the outcomes."""

    def __init__(self, app: App, db_url: str, workdir: Path) -> None:
        self.app, self.db_url, self.workdir = app, db_url, workdir
        self.codes: dict[int, int] = {}

    def run(self, argv: list[str]) -> int:
        from aarshjul.cli import cli

        before = dump(self.app)
        result = CliRunner().invoke(
            cli, ["--db", self.db_url, "--now", "2027-03-01T10:00", *argv],
            env={"AARSHJUL_CONFIG": None, "HOME": str(self.workdir)}, catch_exceptions=True)
        code = result.exit_code
        assert code in (0, 1, 2, 3, 4), (argv, code, result.output, result.exception)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            argv, repr(result.exception))
        assert "Traceback" not in result.output, (argv, result.output)
        if code != 0:
            assert dump(self.app) == before, (argv, code, result.output)
        self.codes[code] = self.codes.get(code, 0) + 1
        return code


def _world(people: App) -> App:
    app = app_at(people, "2027-03-01T09:00")
    app.items.add("Strategi", owner="dir")
    app.items.add("Pejlemærke", parent="1", owner="mette")
    app.meetings.add("OMU", __import__("datetime").date(2027, 4, 14))
    return app


def _settings(trials: Any, short: int, long: int) -> Any:
    return settings(max_examples=trials(short, long), deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))


def test_fuzzed_command_arguments(people: App, db_url: str, tmp_path: Path, trials: Any,
                                  figures: Any) -> None:
    fuzzer = Fuzzer(_world(people), db_url, tmp_path)

    @_settings(trials, 30, 2000)
    @given(template=st.sampled_from(COMMANDS), words=st.lists(WORD, min_size=5, max_size=5))
    def case(template: tuple[str, ...], words: list[str]) -> None:
        argv = _fill(template, words)
        if argv[:2] == ["calendar", "export"]:
            argv[2] = str(tmp_path / "out" / (argv[2].replace("/", "_")[:50] or "x"))
        fuzzer.run(argv)

    case()
    figures(cases=sum(fuzzer.codes.values()), exit_codes=fuzzer.codes)
    assert sum(fuzzer.codes.values()) >= trials(30, 2000)


VALID = {
    "items.csv": "Nr.;Titel;Ansvarlig;Tilstand\n1;Strategi;dir;Drøftelse\n1.1;Mål;mette;\n",
    "meetings.csv": "organ;dato;tid;sted\nOMU;2027-05-12;09:00;Rådhuset\n",
    "meetings.toml": '[[meeting]]\nbody = "OMU"\ndate = 2027-05-12\ntime = "09:00"\n',
    "meetings.ics": ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//\r\nBEGIN:VEVENT\r\n"
                     "UID:1@x\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270512T090000\r\n"
                     "SUMMARY:OMU\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
}


def _mutated(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for position, value in edits:
        if out:
            out[position % len(out)] = value
    return bytes(out)


def test_fuzzed_import_files(people: App, db_url: str, tmp_path: Path, trials: Any,
                             figures: Any) -> None:
    fuzzer = Fuzzer(_world(people), db_url, tmp_path)
    xlsx = tmp_path / "items.xlsx"
    assert CliRunner().invoke(__import__("aarshjul.cli", fromlist=["cli"]).cli,
                              ["--db", db_url, "export", str(xlsx)]).exit_code == 0
    seeds = {name: text.encode("utf-8") for name, text in VALID.items()}
    seeds["items.xlsx"] = xlsx.read_bytes()

    @_settings(trials, 20, 1500)
    @given(name=st.sampled_from(sorted(seeds)),
           edits=st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), max_size=6),
           noise=st.one_of(st.just(b""), st.binary(max_size=200)), cut=st.integers(0, 1 << 20))
    def case(name: str, edits: list[tuple[int, int]], noise: bytes, cut: int) -> None:
        data = _mutated(seeds[name], edits)
        data = data[:cut % (len(data) + 1)] + noise if noise or cut % 3 == 0 else data
        path = tmp_path / f"fuzz-{name}"
        path.write_bytes(data)
        fuzzer.run(["import", str(path)] if name.startswith("items")
                   else ["meeting", "import", str(path)])

    case()
    figures(cases=sum(fuzzer.codes.values()), exit_codes=fuzzer.codes)


CONFIG_KEYS = ['lang = {}', '[mail]\ntransport = {}', '[mail]\nsender = {}', '[mail]\nport = {}',
               '[reminders]\nweekly_time = {}', '[reminders]\nweekly_day = {}',
               '[reminders]\nescalate_after = {}', '[reminders.default]\nbefore = {}',
               'closing_days = {}', 'hoering_days = {}', 'db = {}', '[reminders]\nsecretariat = {}']
VALUES = st.one_of(st.integers(-(1 << 70), 1 << 70).map(str), st.text(max_size=20).map(repr),
                   st.sampled_from(['"7"', "9", "-1", "[1, 2]", '["05-06", "x"]', "nan", "inf",
                                    '"smtp"', '"maildir"', '"a\\r\\nBcc: x"', "{}", "true", '""']))


def test_fuzzed_settings_files(people: App, db_url: str, tmp_path: Path, trials: Any,
                               figures: Any) -> None:
    fuzzer = Fuzzer(_world(people), db_url, tmp_path)
    config = tmp_path / "fuzz.toml"

    @_settings(trials, 20, 1500)
    @given(lines=st.lists(st.tuples(st.sampled_from(CONFIG_KEYS), VALUES), max_size=3),
           raw=st.one_of(st.just(""), st.text(max_size=60)),
           command=st.sampled_from([("deadlines",), ("remind", "--dry-run"), ("remind", "rules"),
                                    ("advance", "1"), ("report", "status")]))
    def case(lines: list[tuple[str, str]], raw: str, command: tuple[str, ...]) -> None:
        config.write_text("\n".join(k.format(v) for k, v in lines) + "\n" + raw,
                          encoding="utf-8", errors="surrogateescape")
        fuzzer.run(["--config", str(config), *command])

    case()
    figures(cases=sum(fuzzer.codes.values()), exit_codes=fuzzer.codes)
