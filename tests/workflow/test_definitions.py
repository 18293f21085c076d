"""Workflow definitions: the shipped ones load, and a broken file is refused with every problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aarshjul.errors import InvalidInput
from aarshjul.workflow.definitions import WITHDRAWN, load_file, load_text, shipped

BROKEN = """
name = "broken"
version = 1
initial = "start"
[title]
da = "Brudt"
en = "Broken"
[[states]]
key = "start"
da = "Start"
en = "Start"
next = ["midt", "nowhere", "slut"]
[[states]]
key = "midt"
da = "Midt"
en = "Middle"
next = []
[[states]]
key = "island"
da = "Ø"
en = "Island"
next = ["slut"]
[[states]]
key = "slut"
da = "Slut"
en = "End"
terminal = true
"""


def test_shipped_workflows_have_the_states_of_the_process() -> None:
    defs = {d.name: d for d in shipped()}
    assert [s.key for s in defs["strategiproces"].main_line()] == [
        "droeftelse", "kvalificering", "godkendelse-omu", "buu", "hoering", "oek", "kb",
        "udmoentning", "afsluttet", WITHDRAWN]
    assert [s.key for s in defs["strategiproces-2-behandlinger"].main_line()][3:6] == [
        "buu-1", "hoering", "buu-2"]
    assert [s.key for s in defs["handleplan"].main_line()] == [
        "planlagt", "i-gang", "gennemfoert", "evalueret", WITHDRAWN]


def test_political_states_need_a_decision_and_a_held_meeting() -> None:
    defn = next(d for d in shipped() if d.name == "strategiproces")
    for key in ("godkendelse-omu", "buu", "oek", "kb"):
        assert {"decision", "held-meeting"} <= set(defn.state(key).exit_guards), key
    assert defn.state("hoering").exit_guards == ("consultation-ended",)
    assert defn.state("kvalificering").exit_guards == ()


@pytest.mark.parametrize("text", ["hoering", "Høring", "HØRING", "public consultation"])
def test_a_state_is_found_by_key_or_label_in_either_language(text: str) -> None:
    defn = next(d for d in shipped() if d.name == "strategiproces")
    found = defn.find_state(text)
    assert found is not None and found.key == "hoering"


def test_every_problem_is_reported_at_once_with_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        load_file(str(path))
    details = "\n".join(info.value.details)
    assert f"{path}: states.start.next: unknown state 'nowhere'" in details
    assert f"{path}: states.island: unreachable" in details
    assert f"{path}: states.midt: dead end" in details
    assert info.value.params["count"] == 3


def test_duplicate_keys_labels_and_unknown_fields_are_reported() -> None:
    text = BROKEN.replace('key = "island"', 'key = "midt"').replace('en = "Island"',
                                                                     'en = "Island"\ncolour = 1')
    with pytest.raises(InvalidInput) as info:
        load_text(text, "x.toml")
    details = "\n".join(info.value.details)
    assert "x.toml: states.midt: duplicate state key" in details
    assert "x.toml: states.midt.colour: unknown key" in details


def test_a_syntax_error_is_reported_not_raised() -> None:
    with pytest.raises(InvalidInput) as info:
        load_text("name = [", "bad.toml")
    assert info.value.details[0].startswith("bad.toml:")


def _linear(n: int) -> str:
    parts = ['name = "gen"\nversion = 1\ninitial = "s0"\n[title]\nda = "G"\nen = "G"\n']
    for i in range(n):
        last = i == n - 1
        nxt = "terminal = true" if last else f'next = ["s{i + 1}"]'
        parts.append(f'[[states]]\nkey = "s{i}"\nda = "D{i}"\nen = "E{i}"\n{nxt}\n')
    return "".join(parts)


@given(n=st.integers(min_value=2, max_value=12), data=st.data())
def test_validator_accepts_a_chain_and_names_the_dead_end_when_a_link_is_cut(
        n: int, data: st.DataObject) -> None:
    assert [s.key for s in load_text(_linear(n), "g.toml").main_line()][:n] == [
        f"s{i}" for i in range(n)]
    cut = data.draw(st.integers(min_value=0, max_value=n - 2))
    text = _linear(n).replace(f'next = ["s{cut + 1}"]', "next = []")
    with pytest.raises(InvalidInput) as info:
        load_text(text, "g.toml")
    details = "\n".join(info.value.details)
    assert f"states.s{cut}: dead end" in details
    for later in range(cut + 1, n):
        assert f"states.s{later}: unreachable" in details


def test_kb_receives_its_case_on_oek_s_indstilling_in_the_shipped_processes() -> None:
    for defn in shipped():
        if "kb" in defn.keys:
            assert defn.state("kb").chained
            assert defn.chain_source("kb") == defn.state("oek")
            assert defn.chain_source("oek") is None


def test_a_chained_state_must_be_a_booked_one() -> None:
    text = ('name = "x"\nversion = 1\ninitial = "a"\n[title]\nda = "X"\nen = "X"\n'
            '[[states]]\nkey = "a"\nda = "A"\nen = "A"\nbody = "KB"\nchained = true\n'
            'next = ["b"]\n[[states]]\nkey = "b"\nda = "B"\nen = "B"\nterminal = true\n')
    with pytest.raises(InvalidInput) as caught:
        load_text(text, "x.toml")
    assert any("chained" in line and "booking = true" in line
               for line in caught.value.details)
