"""The package's public face (aarshjul/__init__.py): what ``__all__`` promises can be imported."""

from __future__ import annotations

import aarshjul


def test_public_names_are_importable() -> None:
    for name in aarshjul.__all__:
        assert getattr(aarshjul, name) is not None, name
