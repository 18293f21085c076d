"""Writing the files a person opens (reports, the wheel, calendar feeds) safely.

A file is written next to its target and renamed over it, so a reader — a browser, Outlook's
calendar subscription — never sees half a file, and a failed write leaves the old one intact.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from aarshjul.errors import InvalidInput


def write_atomically(target: Path, data: bytes, /, *, error: str, **params: Any) -> None:
    """Replace ``target`` with ``data`` whole; a failure raises ``InvalidInput(error, reason=…)``
    with ``params`` (each caller names its file in its own message)."""
    part = target.with_name(target.name + ".part")
    try:
        part.write_bytes(data)
        os.replace(part, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise InvalidInput(error, reason=exc.strerror or str(exc), **params) from None
