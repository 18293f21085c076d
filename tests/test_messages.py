"""The sentences (aarshjul/messages.py over the gettext catalogues): plural forms, dates as
words, both languages."""

from __future__ import annotations

from datetime import date

from aarshjul.messages import has, translate


def test_a_sentence_is_read_from_the_catalogue_of_the_language() -> None:
    assert translate("item.unknown", ref="9.9") == (
        "Punkt 9.9 findes ikke. Se numrene med: aarshjul item list")
    assert translate("item.unknown", "en", ref="9.9") == (
        "Item 9.9 does not exist. See the numbers with: aarshjul item list")


def test_a_count_chooses_the_plural_form_of_the_language() -> None:
    assert [translate("n.reminders", count=n) for n in (0, 1, 2)] == [
        "0 påmindelser", "1 påmindelse", "2 påmindelser"]
    assert [translate("n.working_days", "en", count=n) for n in (1, 5)] == [
        "1 working day", "5 working days"]
    assert translate("n.items", count=-1) == "-1 punkt"


def test_a_date_parameter_is_written_as_a_long_date() -> None:
    assert translate("meeting.import_exists", body="BUU", date=date(2026, 12, 15), meeting="m") == (
        "BUU har allerede et møde tirsdag den 15. december 2026 (m). Fjern rækken fra filen.")


def test_an_unknown_id_shows_itself_with_its_parameters() -> None:
    assert translate("no.such.sentence") == "no.such.sentence"
    assert translate("no.such.sentence", ref="1") == "no.such.sentence {'ref': '1'}"
    assert not has("no.such.sentence") and has("item.unknown") and has("n.items")
