"""The message catalogue (aarshjul/messages.py): every message in both languages."""

from __future__ import annotations

import string

from aarshjul.messages import MESSAGES


def test_every_message_has_both_languages_with_the_same_fields() -> None:
    fields = string.Formatter()
    for key, (da, en) in MESSAGES.items():
        da_fields = {f for _, f, _, _ in fields.parse(da) if f}
        en_fields = {f for _, f, _, _ in fields.parse(en) if f}
        assert da and en and da_fields == en_fields, key
