"""Hostile content: every pack either fails with FILE:LINE errors or builds into HTML that is safe.

Overlays live in tests/fixtures/hostile/ (laid over the good pack, like tests/fixtures/bad/);
huge inputs are generated here into tmp_path. Inline `javascript:`/`file:` links and inline
images are refused at load: tests/content/test_validation.py (the `unsafe-links` case).
"""

from __future__ import annotations

import functools
import html
import math
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import LinkInlineProcessor

from explorer.cli import main
from explorer.content.brackets import bracket_problems
from explorer.content.build import build_library
from explorer.content.load import load_content
from explorer.content.markup import Renderer
from explorer.errors import ContentErrors
from explorer.formats.exports import export_stakeholders
from explorer.library.store import Library
from explorer.search.engine import Search
from tests.conftest import GOOD_PACK, make_pack

DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "style", "link", "meta", "form", "svg",
                  "base", "frame", "frameset", "applet"}
SAFE_SCHEMES = ("https:", "http:", "mailto:", "source:", "stakeholder:", "figure:", "glossary:",
                "section:", "#")


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            target = "".join((value or "").split()).lower()   # "java\tscript:" is javascript:
            if name.startswith("on"):
                self.problems.append(f"{name}= attribute on <{tag}>")
            elif name == "href" and not target.startswith(SAFE_SCHEMES):
                self.problems.append(f"<{tag} href={value!r}>")
            elif name == "src" and not (tag == "img" and target.startswith("figure:")):
                self.problems.append(f"<{tag} src={value!r}>")
            elif name in ("style", "srcset", "formaction", "action", "data", "background"):
                self.problems.append(f"{name}= attribute on <{tag}>")


def html_problems(fragment: str) -> list[str]:
    """What in `fragment` a reader could run or fetch: elements, handlers, links, images."""
    audit = _Audit()
    audit.feed(fragment)
    audit.close()
    if "<script" in fragment.lower():
        audit.problems.append("'<script' in the markup")
    return audit.problems


def assert_library_safe(library: Library) -> None:
    for section_id, fragment in library.db.execute("SELECT id, html FROM sections"):
        assert html_problems(fragment) == [], section_id
    for figure in library.figures():
        assert "<script" not in figure.svg.lower() and " on" not in figure.svg.lower()


@pytest.mark.parametrize("case", [
    '<a href="javascript:alert(1)">x</a>', '<a href=" JaVa\tScRiPt:alert(1)">x</a>',
    '<img src="https://example.org/p.png">', '<img src="x" onerror="alert(1)">',
    "<script>alert(1)</script>", '<a href="file:///etc/passwd">x</a>', "<svg onload=alert(1)>",
])
def test_the_audit_catches_what_it_looks_for(case: str) -> None:
    assert html_problems(case)


@pytest.mark.parametrize("safe", [
    '<a href="source:eef" title="&lt;script&gt;">x</a>', '<img src="figure:test-bars" alt="x">',
    "<p>&lt;script&gt;alert(1)&lt;/script&gt; onerror=alert(1)</p>",
])
def test_the_audit_passes_escaped_text(safe: str) -> None:
    assert html_problems(safe) == []


def test_raw_html_is_shown_as_text_never_run(tmp_path: Path) -> None:
    library = Library(build_library(make_pack(tmp_path, "raw-html", "hostile"), tmp_path / "lib").path)
    assert_library_safe(library)
    page = library.section("report/hostile")
    assert "<script>alert(1)</script>" in page.text       # the reader sees what was written
    assert html.escape("<script>alert(1)</script>", quote=False) in page.html
    # Hostile source fields end up only inside an escaped title attribute and link text.
    assert 'title="&lt;b onmouseover=alert(1)&gt;Hostile' in page.html
    mention = library.section("report/hostile#hostile").html
    assert '"&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>' in mention
    assert Search(library.index_path).search("script alert").total > 0


def test_links_hidden_in_references_lose_their_target(tmp_path: Path) -> None:
    library = Library(build_library(make_pack(tmp_path, "hidden-links", "hostile"), tmp_path / "lib").path)
    assert_library_safe(library)
    page = library.section("report/hidden").html
    assert "<a>reference link</a>" in page and '<img alt="pixel">' in page
    for target in ("javascript", "etc/hostname", "evil.example", "base64"):
        assert target not in page.replace("&lt;javascript:alert(1)&gt;", "")


def test_a_link_cycle_builds_lays_out_and_exports(tmp_path: Path) -> None:
    library = Library(build_library(make_pack(tmp_path, "link-cycle", "hostile"), tmp_path / "lib").path)
    pairs = {(link.from_key, link.to_key) for link in library.links()}
    assert {("eef", "sutton-trust"), ("sutton-trust", "eef"), ("eef", "dfe"), ("dfe", "eef")} <= pairs
    assert all(math.isfinite(h.x) and math.isfinite(h.y) for h in library.stakeholders())
    graphml = export_stakeholders(library.stakeholders(), library.links(), "graphml")
    assert graphml.count("<edge ") == 4


def test_empty_folder_gives_file_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ContentErrors) as caught:
        load_content(empty)
    assert [str(e) for e in caught.value.errors] == [
        "pack.toml:0: pack.toml is missing",
        "report/:0: the report needs at least one chapter file",
        "stakeholders.csv:0: stakeholders.csv is missing",
    ]
    assert main(["build", "--content", str(empty), "--out", str(tmp_path / "out")]) == 1
    assert "3 error(s); nothing was written" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_empty_files_give_file_line_errors(tmp_path: Path) -> None:
    pack = tmp_path / "blank"
    for name in ("pack.toml", "stakeholders.csv", "stakeholder_links.csv", "glossary.toml",
                 "sources/main.toml", "report/01-empty.md", "summary/01-empty.md",
                 "figures/figures.toml"):
        (pack / name).parent.mkdir(parents=True, exist_ok=True)
        (pack / name).write_text("", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_content(pack)
    reported = [str(e) for e in caught.value.errors]
    for expected in ("pack.toml:1: missing required field 'id'",
                     "report/01-empty.md:1: front matter missing",
                     "stakeholders.csv:1: empty file: a header row is needed"):
        assert any(line.startswith(expected) for line in reported), (expected, reported)


def test_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ContentErrors) as caught:
        load_content(tmp_path / "nowhere")
    assert [e.message for e in caught.value.errors] == ["content folder not found"]


PROSE = ("Mobility varies by place and by decade, and the gap that opens before school widens "
         "through it; pupils from poorer homes fall behind early and rarely catch up. ")
PARAGRAPH = PROSE * 8 + "The [[EEF]] funds tutoring trials [@chetty-2014]. <script>alert({n})</script>"


def _write_chapter(pack: Path, body: str) -> None:
    (pack / "report" / "03-hostile.md").write_text("---\ntitle: Hostile\n---\n" + body,
                                                   encoding="utf-8")


def test_a_five_megabyte_chapter_builds_in_bounded_time(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    parts, size, n = [], 0, 0
    while size < 5_000_000:
        n += 1
        block = (f"## Part {n}\n\n" if n % 100 == 1 else "") + PARAGRAPH.format(n=n) + "\n\n"
        parts.append(block)
        size += len(block.encode("utf-8"))
    _write_chapter(pack, "".join(parts))
    started = time.perf_counter()
    result = build_library(pack, tmp_path / "lib")
    seconds = time.perf_counter() - started
    assert seconds < 180, f"a 5 MB chapter took {seconds:.0f} s to build"   # loose: a hang guard
    library = Library(result.path)
    assert result.counts["paragraphs"] >= n
    assert_library_safe(library)
    assert Search(library.index_path).search("tutoring", kind="report").total > 0


@pytest.mark.parametrize("citation", ["[@chetty-2014]", "[@chetty-2014; @eef-toolkit, p. 4]"])
def test_ten_thousand_citations_in_one_paragraph(tmp_path: Path, citation: str) -> None:
    pack = make_pack(tmp_path)
    _write_chapter(pack, "Cited to death " + " ".join([citation] * 10_000) + ".\n")
    library = Library(build_library(pack, tmp_path / "lib").path)
    cites = citation.count("@")
    rows = library.db.execute("SELECT COUNT(*) FROM citations WHERE section_id = 'report/hostile'")
    assert rows.fetchone()[0] == 10_000 * cites
    assert [p.number for p in library.paragraphs("report/hostile")] == [1]
    assert_library_safe(library)


# Python-Markdown reads from every `[` to its `]` or the paragraph's end: without the content rule
# (explorer/content/brackets.py) each of these takes about a minute to build.
@pytest.mark.parametrize(("line", "message"), [
    ("[" * 20_000, "20000 unmatched '[' in this paragraph"),
    ("[" * 20_000 + "]" * 20_000, "'[' nested 20000 deep in this paragraph"),
], ids=["unmatched", "nested"])
def test_twenty_thousand_open_brackets_are_a_file_line_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, message: str) -> None:
    out = tmp_path / "lib"
    build_library(make_pack(tmp_path / "good"), out)
    before = (out / "CURRENT").read_text()
    pack = make_pack(tmp_path)
    _write_chapter(pack, "Fine [@chetty-2014].\n\nPasted " + line + " here.\n")
    expected = (f"report/03-hostile.md:6: {message} (the limit is 20); "
                "close them or escape them as \\[\n")
    assert main(["check", "--content", str(pack)]) == 1
    assert capsys.readouterr().err == expected + "1 error(s); nothing was written\n"
    assert main(["build", "--content", str(pack), "--out", str(out)]) == 1
    assert capsys.readouterr().err == expected + "1 error(s); nothing was written\n"
    assert (out / "CURRENT").read_text() == before


OPEN = "[" * 25
CLOSE = "]" * 25


@pytest.mark.parametrize("body", [
    "- a " + OPEN + "\n  [x]: https://e.org/" + CLOSE + "\n  b",  # a definition Markdown removes
    "```\n# heading\n" + OPEN + "\n```",                          # a fence a heading splits
    OPEN + "`" + CLOSE + "`\n--|--",                              # code that may be a table
    "- item\n\n    " + OPEN,                                      # indented, but in the list
    "`` " + OPEN + " ```",                                        # backticks that do not pair
    "\\\\" + OPEN,                                                # an escaped backslash
    "\\`" + OPEN + "`",                                           # an escaped backtick
], ids=["definition", "fence-split", "table", "list-indent", "unpaired-ticks", "escaped-backslash",
        "escaped-tick"])
def test_brackets_markdown_may_read_are_counted(body: str) -> None:
    assert [message.split(" (")[0] for _, message in bracket_problems(body.splitlines(), 0)] == [
        "25 unmatched '[' in this paragraph"]


PREFIXES = ["", "", "", "- ", "  ", "    ", "> ", "> - ", "1. ", "# ", "#### ", "[x]: ", "[^1]: ",
            "  [y]: ", "* ", "\t", "---", "===", "--|--", "```", '"t"', "[[figure:test-bars]]"]
PIECES = ["[", "[", "[", "]", "]", "]", "`", "``", "```", "\\", "a", " ", "(u)", "[[a]]", "[@k]",
          "[^1]", "|", "!", '"', "(", ")", "[x]", "*"]
MARKDOWN_LINES = st.lists(st.tuples(st.sampled_from(PREFIXES), st.lists(st.sampled_from(PIECES), max_size=12))
                          .map(lambda line: line[0] + "".join(line[1])), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(lines=MARKDOWN_LINES, limit=st.integers(1, 5))
def test_markdown_never_has_more_brackets_open_than_the_rule_allows(lines: list[str], limit: int) -> None:
    """What the rule counts bounds what Python-Markdown's link scanner reads: wherever a text
    passes with `limit`, no character is inside more than `limit` of the scanner's reads."""
    if list(bracket_problems(lines, 0, limit)):
        return
    reads: dict[str, list[tuple[int, int]]] = {}
    get_text = LinkInlineProcessor.getText

    def recording(self: LinkInlineProcessor, data: str, index: int) -> tuple[str, int, bool]:
        text, end, handled = get_text(self, data, index)
        if type(self) is LinkInlineProcessor:
            reads.setdefault(data, []).append((index, end if handled else len(data)))
        return text, end, handled

    LinkInlineProcessor.getText = recording  # type: ignore[method-assign]
    try:
        _renderer().render("\n".join(lines))
    finally:
        LinkInlineProcessor.getText = get_text  # type: ignore[method-assign]
    for spans in map(set, reads.values()):
        for start, _ in spans:       # the most reads a character is inside, where one begins
            assert sum(1 for other, end in spans if other <= start < end) <= limit, (lines, limit)


@functools.cache
def _renderer() -> Renderer:
    return Renderer({}, {}, {}, {f.key: f for f in load_content(GOOD_PACK).figures}, [])
