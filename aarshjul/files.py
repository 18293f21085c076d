"""Writing the files a person opens (reports, the wheel, calendar feeds, exports) safely.

A file is written next to its target and renamed over it, so a reader — a browser, Outlook's
calendar subscription — never sees half a file, and a failed write leaves the old one intact.

- The temporary file gets a fresh, unpredictable name and is created exclusively without
  following symlinks (``O_EXCL | O_NOFOLLOW``), so a link planted in a shared folder can never
  redirect the write into another file.
- A new file is private (0600): a status report names people and their deadlines. A file that
  is replaced keeps its mode (a calendar feed a web server serves stays readable).
- A SQLite database (or its WAL or rollback journal) is never overwritten: ``report status -o
  aarshjul.db`` is a slip of the finger, not a wish to lose the årshjul. The file's own header
  says what it is, so this holds for the database in use however its path is spelled (relative,
  through a link) and for any other database or copy, without every caller having to pass the
  database's path down to here.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import secrets
import stat
import tempfile
import weakref
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar, overload

from aarshjul.errors import InvalidInput

#: The first bytes of a SQLite database, of its write-ahead log (two byte orders) and of its
#: rollback journal.
SQLITE_MAGIC = (b"SQLite format 3\x00", b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83",
                b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7")
NEW_FILE_MODE = 0o600
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def write_atomically(target: Path, data: bytes | Iterable[bytes], /, *, error: str,
                     **params: Any) -> None:
    """Replace ``target`` with ``data`` whole; ``data`` may come in pieces (a feed written
    event by event), and nothing is left behind if making them fails.

    Refuses a ``target`` that is a SQLite database with ``InvalidInput("file.is_database")``;
    any other failure raises ``InvalidInput(error, reason=…)`` with ``params`` (each caller
    names its file in its own message). Nothing is written when it fails.
    """
    mode = _existing_mode(target)
    try:
        fd, part = _create_part(target)
    except OSError as exc:
        raise InvalidInput(error, reason=exc.strerror or str(exc), **params) from None
    try:
        try:
            os.fchmod(fd, mode)
            for piece in (data,) if isinstance(data, bytes) else data:
                view = memoryview(piece)
                while view:
                    view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(part, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InvalidInput(error, reason=exc.strerror or str(exc), **params) from None
        raise


def _existing_mode(target: Path) -> int:
    """The mode the written file gets: the existing file's, else private. Raises
    ``InvalidInput("file.is_database")`` when ``target`` is a SQLite database or journal."""
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return NEW_FILE_MODE
    except OSError:  # unreadable or a dangling link: not our database; the write will tell
        try:
            return stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            return NEW_FILE_MODE
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return NEW_FILE_MODE  # a folder or a device: os.replace refuses or replaces it
        header = os.read(fd, 16)
    finally:
        os.close(fd)
    if header.startswith(SQLITE_MAGIC):
        raise InvalidInput("file.is_database", file=str(target))
    return stat.S_IMODE(info.st_mode)


def _create_part(target: Path) -> tuple[int, Path]:
    """A new temporary file beside ``target`` under a name nobody could have guessed, created
    exclusively and never through a symlink: (open descriptor, path)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        part = target.with_name(f".{target.name}.{secrets.token_hex(8)}.part")
        try:
            return os.open(part, flags, NEW_FILE_MODE), part
        except FileExistsError:
            continue
    raise FileExistsError(f"{target.parent}: no free temporary name")


_T = TypeVar("_T")


class Spool(Sequence[_T]):
    """A sequence kept in an anonymous temporary file, not in memory (issue 19, point 2).

    A report section of 100,000 rows is written once as it is made and read back each time it
    is rendered: ``len()``, truth, iteration (any number of times) and indexing work as on a
    tuple; only ``batch`` values are in memory at a time. The values must pickle (frozen
    dataclasses do). The file goes when the spool does.
    """

    def __init__(self, values: Iterable[_T] = (), *, batch: int = 1000) -> None:
        # closed (and gone) with the spool, which outlives any one block
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="aarshjul-spool-")  # noqa: SIM115
        weakref.finalize(self, self._file.close)
        self._batch = batch
        self._pending: list[_T] = []
        self._len = 0
        self.extend(values)

    def append(self, value: _T) -> None:
        self._pending.append(value)
        self._len += 1
        if len(self._pending) >= self._batch:
            self._flush()

    def extend(self, values: Iterable[_T]) -> None:
        for value in values:
            self.append(value)

    def _flush(self) -> None:
        if self._pending:
            self._file.seek(0, os.SEEK_END)
            pickle.dump(self._pending, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._pending = []

    def __len__(self) -> int:
        return self._len

    def __bool__(self) -> bool:
        return self._len > 0

    def __iter__(self) -> Iterator[_T]:
        self._flush()
        end = self._file.seek(0, os.SEEK_END)
        offset = 0
        while offset < end:  # each pass reads from where it stopped: passes may interleave
            self._file.seek(offset)
            chunk: list[_T] = pickle.load(self._file)  # our own file
            offset = self._file.tell()
            yield from chunk

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> list[_T]: ...
    def __getitem__(self, index: int | slice) -> _T | list[_T]:
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError(index)
        return next(itertools.islice(self, index, None))

    def __repr__(self) -> str:
        return f"Spool({self._len} values)"
