"""``aarshjul workflow`` (aarshjul/cli/workflows.py): validating a file and drawing a process."""

from __future__ import annotations

import pytest

from tests.conftest import Cli


def test_workflow_validate_lists_every_problem_and_exits_2(cli: Cli, tmp_path: object) -> None:
    import pathlib

    path = pathlib.Path(str(tmp_path)) / "bad.toml"
    path.write_text('name = "x"\nversion = 1\ninitial = "a"\n[title]\nda = "X"\nen = "X"\n'
                    '[[states]]\nkey = "a"\nda = "A"\nen = "A"\nnext = ["b", "zz"]\n'
                    '[[states]]\nkey = "b"\nda = "B"\nen = "B"\n'
                    '[[states]]\nkey = "c"\nda = "C"\nen = "C"\nterminal = true\n',
                    encoding="utf-8")
    result = cli("workflow", "validate", str(path))
    assert result.exit_code == 2
    assert "unknown state 'zz'" in result.stderr
    assert "states.b: dead end" in result.stderr
    assert "states.c: unreachable" in result.stderr


def test_workflow_show_as_mermaid(cli: Cli) -> None:
    result = cli("workflow", "show", "strategiproces", "--format", "mermaid")
    assert result.exit_code == 0
    assert result.output.startswith("stateDiagram-v2")
    assert "buu --> hoering" in result.output


@pytest.mark.parametrize("version", ["0", "-1", "9" * 25])
def test_a_version_that_is_no_count_is_refused(cli: Cli, version: str) -> None:
    result = cli("workflow", "show", "strategiproces", "--version", version)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--version" in result.stderr
