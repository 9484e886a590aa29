"""docs/reliability.md names real tests: every `tests/…py::test_…` it cites exists."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

DOC = ROOT / "docs" / "reliability.md"
CITED = re.compile(r"`(tests/[\w/]+\.py)::(\w+)")


def test_every_cited_test_exists() -> None:
    cited = CITED.findall(DOC.read_text(encoding="utf-8"))
    assert len(cited) > 40
    missing = []
    for path, name in sorted(set(cited)):
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        names = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        if name not in names:
            missing.append(f"{path}::{name}")
    assert missing == []
