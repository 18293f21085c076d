"""Writing the files a person opens (aarshjul/files.py): whole, private, never over a database."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from aarshjul.errors import InvalidInput
from aarshjul.files import write_atomically


def _write(target: Path, data: bytes = b"<html>report</html>") -> None:
    write_atomically(target, data, error="report.cannot_write", file=str(target))


def _sqlite(path: Path, *, wal: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE item (title TEXT)")
    conn.execute("INSERT INTO item VALUES ('Trivsel')")
    conn.commit()
    return conn


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_is_whole_and_private(tmp_path: Path) -> None:
    target = tmp_path / "status.html"
    _write(target)
    assert target.read_bytes() == b"<html>report</html>"
    assert _mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["status.html"]


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "aarshjul.ics"
    target.write_bytes(b"old")
    target.chmod(0o640)  # a calendar feed the web server's group reads
    _write(target, b"new")
    assert (target.read_bytes(), _mode(target)) == (b"new", 0o640)


def test_a_planted_symlink_at_the_old_part_name_is_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    target = tmp_path / "status.html"
    (tmp_path / "status.html.part").symlink_to(victim)
    _write(target)
    assert victim.read_bytes() == b"precious"
    assert target.read_bytes() == b"<html>report</html>" and not target.is_symlink()


@pytest.mark.parametrize("wal", [False, True])
def test_a_sqlite_database_is_never_overwritten(tmp_path: Path, wal: bool) -> None:
    db = tmp_path / "aarshjul.db"
    conn = _sqlite(db, wal=wal)
    try:
        targets = [db, tmp_path / "aarshjul.db-wal"] if wal else [db]
        for target in targets:
            before = target.read_bytes()
            with pytest.raises(InvalidInput) as refused:
                _write(target)
            assert refused.value.key == "file.is_database"
            assert refused.value.exit_code == 2
            assert str(target) in refused.value.message("da")
            assert target.read_bytes() == before
        assert conn.execute("SELECT title FROM item").fetchall() == [("Trivsel",)]
    finally:
        conn.close()
    assert not list(tmp_path.glob("*.part"))


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "folder"
    target.mkdir()
    with pytest.raises(InvalidInput) as failed:
        _write(target)
    assert failed.value.key == "report.cannot_write"
    assert [p.name for p in tmp_path.iterdir()] == ["folder"]


def test_a_file_written_in_pieces_is_whole_or_not_there(tmp_path: Path) -> None:
    target = tmp_path / "aarshjul.ics"
    write_atomically(target, (piece for piece in (b"BEGIN", b":", b"VCALENDAR")), error="x")
    assert target.read_bytes() == b"BEGIN:VCALENDAR"

    def failing() -> Iterator[bytes]:
        yield b"half"
        raise RuntimeError("the data ran out")

    with pytest.raises(RuntimeError):
        write_atomically(target, failing(), error="x")
    assert target.read_bytes() == b"BEGIN:VCALENDAR"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aarshjul.ics"]
