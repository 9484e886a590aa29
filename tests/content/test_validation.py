"""Each kind of content mistake is reported as FILE:LINE: message, all in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.cli import main
from explorer.content.build import build_library
from explorer.content.load import load_content
from explorer.errors import ContentErrors
from explorer.library.store import Library
from tests.conftest import GOOD_PACK, make_pack

CASES = [
    # (overlay in tests/fixtures/bad, expected "file:line: message" fragments)
    ("unknown-citation", ["report/02-second.md:4: unknown citation key '@no-such-source'"]),
    ("unknown-mention", ["report/02-second.md:4: unknown stakeholder '[[Ministry of Nothing]]'"]),
    ("duplicate-source", ["sources/main.toml:27: duplicate source key 'chetty-2014' "
                          "(first at sources/extra.toml:1)"]),
    ("duplicate-stakeholder", ["stakeholders.csv:5: duplicate stakeholder key 'eef'"]),
    ("duplicate-chapter", ["report/02-second.md:0: duplicate chapter number 02"]),
    ("duplicate-anchor", ["report/02-second.md:8: duplicate heading anchor '#same'"]),
    ("malformed-toml", ["sources/main.toml:3: malformed TOML"]),
    ("malformed-csv", ["stakeholder_links.csv:3: row has 3 cells, the header has 5"]),
    ("malformed-front-matter", ["report/02-second.md:2: malformed front matter line",
                                "report/02-second.md:1: front matter not closed"]),
    ("link-unknown-stakeholder", ["stakeholder_links.csv:3: link names unknown stakeholder 'nobody'"]),
    ("bad-figure-csv", ["figures/test-bars.csv:3: column 'gap': 'ten' is not a number"]),
    ("not-utf8", ["report/02-second.md:4: file is not UTF-8 text"]),
    ("missing-field", ["sources/main.toml:1: source 'eef-toolkit': missing required field 'url'"]),
    ("unsafe-links", ["report/02-second.md:4: link to 'javascript:",
                      "report/02-second.md:4: link to 'file:///etc/passwd' not allowed",
                      "report/02-second.md:6: images are not allowed"]),
    ("unknown-vocabulary", ["stakeholders.csv:3: unknown sector 'think-tank'",
                            "stakeholders.csv:4: unknown phase 'nursery'"]),
    ("unbalanced-brackets", [
        "report/02-second.md:6: 25 unmatched '[' in this paragraph (the limit is 20); "
        "close them or escape them as \\[",
        "report/02-second.md:10: '[' nested 21 deep in this paragraph (the limit is 20); "
        "close them or escape them as \\["]),
]


def test_good_pack_loads() -> None:
    pack = load_content(GOOD_PACK)
    assert [c.id for c in pack.chapters] == ["report/opening", "report/second",
                                              "summary/opening-summary"]


@pytest.mark.parametrize(("overlay", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_pack_reports_file_and_line(tmp_path: Path, overlay: str, expected: list[str]) -> None:
    with pytest.raises(ContentErrors) as caught:
        load_content(make_pack(tmp_path, overlay))
    reported = [str(e) for e in caught.value.errors]
    for fragment in expected:
        assert any(line.startswith(fragment) for line in reported), (fragment, reported)


def test_every_error_reported_in_one_run(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, "unknown-citation")
    (pack / "stakeholder_links.csv").write_text(
        "from,to,kind,note,source\nnobody,eef,funds,,\n", encoding="utf-8")
    (pack / "figures" / "test-bars.csv").write_text("stage,gap\nAge 5,x\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_content(pack)
    files = {e.file for e in caught.value.errors}
    assert files == {"report/02-second.md", "stakeholder_links.csv", "figures/test-bars.csv"}


def test_check_command_prints_errors_and_exits_1(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--content", str(make_pack(tmp_path, "unknown-mention"))])
    err = capsys.readouterr().err
    assert code == 1
    assert "report/02-second.md:4: unknown stakeholder '[[Ministry of Nothing]]'" in err
    assert "1 error(s); nothing was written" in err


def test_check_command_passes_good_pack(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content", str(GOOD_PACK)]) == 0
    assert "content OK" in capsys.readouterr().out


MANY = "[" * 100
TEXT_AND_CODE = (
    "---\ntitle: Brackets\n---\n"
    "Escaped, they are text: " + "\\[" * 100 + ". Matched, they close: "
    + "[a link](https://example.org) " * 30 + "[[EEF]] [@chetty-2014] " * 30
    + "with a note[^1] and a `" + MANY + "` code span.\n\n"
    "```\n" + MANY + "\n```\n\n"          # a fence: the renderer reads it as one code span
    "    " + MANY + "\n\n"                   # an indented code block
    "[^1]: A footnote [that closes](https://example.org).\n"
)


def test_escaped_brackets_and_brackets_in_code_are_accepted(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    (pack / "report" / "03-brackets.md").write_text(TEXT_AND_CODE, encoding="utf-8")
    load_content(pack)
    page = Library(build_library(pack, tmp_path / "lib").path).section("report/brackets").html
    assert "[" * 100 + "." in page                          # the escaped ones, shown as text
    assert page.count(f"<code>{MANY}") == 3 and f"<pre><code>{MANY}" in page   # span, fence, block
