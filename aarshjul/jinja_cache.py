"""Compiled Jinja templates kept between runs: every command is a new process, and compiling
the status report's template from its source took 0.15 s of each ``report status`` (issue 19).

Jinja's own file cache, in its default place (``_jinja2-cache-<uid>`` in the system's temp
folder, made readable by the user alone, which Jinja checks): a template is compiled again
whenever its source changes (the cache compares a checksum), and a cache file is replaced in one
step, so processes running side by side never read half of one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import BytecodeCache


def bytecode_cache() -> BytecodeCache | None:
    """The cache, or None where no safe folder can be had (the templates are then compiled
    each run, as before)."""
    from jinja2 import FileSystemBytecodeCache

    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # RuntimeError: Jinja found the folder not the user's own
        return None
