"""The command line: help, search --json, exports that parse back, stats, build errors."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.cli import main
from tests.conftest import ROOT, make_pack

COMMANDS = ["build", "check", "search", "export", "stats", "open", "diff", "repair"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help(command: str | None) -> None:
    result = run(*([command] if command else []), "--help")
    assert result.returncode == 0
    assert "usage:" in result.stdout
    assert "example" in result.stdout


def test_search_json(fixture_library_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--library", str(fixture_library_dir), "search", "tutorng", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"query", "suggestion", "total", "results"}
    assert data["suggestion"] == "tutoring"
    assert main(["--library", str(fixture_library_dir), "search", "tutoring", "--kind", "report",
                 "--limit", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] >= 2 and len(data["results"]) == 2
    assert set(data["results"][0]) == {"kind", "id", "title", "location", "snippet", "score"}
    assert all(r["kind"] == "report" for r in data["results"])


def test_stats_json(fixture_library_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--library", str(fixture_library_dir), "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["edition"]) == {"version", "date", "content_hash"}
    assert data["report"] == {"chapters": 2, "sections": 6, "words": data["report"]["words"]}
    for key in ("sources", "stakeholders", "links", "citations", "case_studies", "figures",
                "glossary_terms"):
        assert isinstance(data[key], int)
    assert data["uncited_sources"] == [] and data["unmentioned_stakeholders"] == []


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csv", "csl-json"])
def test_export_sources_parses_back(fixture_library_dir: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"sources.{fmt}"
    assert main(["--library", str(fixture_library_dir), "export", "sources", "--format", fmt,
                 "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    if fmt == "bibtex":
        import bibtexparser

        keys = {e.key for e in bibtexparser.parse_string(text).entries}
    elif fmt == "ris":
        import rispy

        keys = {e["id"] for e in rispy.loads(text)}
    elif fmt == "csv":
        keys = {row["key"] for row in csv.DictReader(io.StringIO(text))}
    else:
        keys = {item["id"] for item in json.loads(text)}
    assert keys == {"eef-toolkit", "cooper-stewart-2013", "chetty-2014"}


def test_export_stakeholders(fixture_library_dir: Path, tmp_path: Path) -> None:
    import networkx as nx

    out = tmp_path / "map.graphml"
    assert main(["--library", str(fixture_library_dir), "export", "stakeholders", "--format",
                 "graphml", "-o", str(out)]) == 0
    graph = nx.read_graphml(out)
    assert set(graph.nodes) == {"eef", "sutton-trust", "dfe"}
    assert graph.edges["dfe", "eef"]["kind"] == "funds"


def test_build_error_exit_code_and_previous_library(tmp_path: Path) -> None:
    out = tmp_path / "lib"
    good = make_pack(tmp_path)
    assert run("build", "--content", str(good), "--out", str(out)).returncode == 0
    before = (out / "CURRENT").read_text()
    bad = make_pack(tmp_path / "b", "unknown-citation")
    result = run("build", "--content", str(bad), "--out", str(out))
    assert result.returncode == 1
    assert "report/02-second.md:4: unknown citation key '@no-such-source'" in result.stderr
    assert (out / "CURRENT").read_text() == before


def test_missing_library_is_a_clear_message(tmp_path: Path) -> None:
    result = run("--library", str(tmp_path / "none"), "stats")
    assert result.returncode == 2
    assert "no library here" in result.stderr and "Traceback" not in result.stderr


def test_diff_command(fixture_library_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = make_pack(tmp_path)
    chapter = pack / "report" / "02-second.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n## Added later\n\nMore [@chetty-2014].\n",
                       encoding="utf-8")
    assert main(["build", "--content", str(pack), "--out", str(tmp_path / "new")]) == 0
    capsys.readouterr()
    assert main(["diff", str(fixture_library_dir), str(tmp_path / "new"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sections"]["added"] == [{"id": "report/second#added-later", "title": "Added later"}]
    assert main(["diff", str(fixture_library_dir), str(fixture_library_dir)]) == 0
    assert capsys.readouterr().out.strip().endswith("no changes")


@pytest.mark.parametrize("cache_only", [False, True], ids=["in-place", "cache-only"])
def test_repair_rebuilds_a_missing_index(fixture_library_dir: Path, tmp_path: Path, cache_only: bool,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from explorer import paths
    from explorer.library.store import Library

    library_dir = Path(shutil.copytree(fixture_library_dir, tmp_path / "library"))
    library = Library(library_dir)
    shutil.rmtree(library.index_path)
    assert library.check_index() == "the search index is missing"
    assert main(["--library", str(library_dir), "repair", *(["--cache-only"] if cache_only else [])]) == 0
    said = capsys.readouterr().out
    assert said.startswith("search index rebuilt in ")
    where = paths.cache_dir() if cache_only else library.folder
    assert f": {where}" in said
    assert Library(library_dir).check_index() is None
    assert main(["--library", str(library_dir), "search", "tutoring", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] > 0
