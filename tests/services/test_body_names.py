"""Reading a body's name the one way, and the services importing each other one way only."""

from __future__ import annotations

import grimp

from aarshjul.services.body_names import ascii_key, resolve_body, split_name

BODIES = {"OEK": "Økonomiudvalget (ØK)", "BUU": "Børne- og Ungdomsudvalget (BUU)",
          "LEDERMOEDE": "Ledermøde"}


def test_what_people_type_names_the_body() -> None:
    assert ascii_key(" ØK ") == "OEK" and ascii_key("ledermøde") == "LEDERMOEDE"
    assert split_name("OEK", BODIES["OEK"]) == ("Økonomiudvalget", "ØK")
    assert split_name("LEDERMOEDE", "Ledermøde") == ("Ledermøde", "LEDERMOEDE")
    for text in ("ØK", "oek", "Økonomiudvalget", "økonomiudvalget (øk)", "ØK:"):
        assert resolve_body(text, BODIES) == "OEK", text
    assert resolve_body("Byrådet", BODIES) is None
    assert resolve_body(" :", BODIES) is None


def test_no_import_cycles_below_the_services() -> None:
    """Function-level imports count: a module that imports another lazily still depends on it."""
    graph = grimp.build_graph("aarshjul")
    ours = sorted(m for m in graph.modules
                  if m.split(".")[1:2] in (["services"], ["store"], ["dates"]))
    cycles = [(a, b) for a in ours for b in graph.find_modules_directly_imported_by(a)
              if graph.find_shortest_chain(importer=b, imported=a)]
    assert cycles == []
