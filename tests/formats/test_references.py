"""Harvard and APA references: input -> output tables, plain text and HTML."""

from __future__ import annotations

import subprocess
import sys

import pytest

from explorer.formats.references import accessed_text, apa, apa_html, harvard, harvard_html
from explorer.library.store import Library, SourceRecord

JRF = "Joseph Rowntree Foundation"
MONEY = "Does money affect children's outcomes?"


def source(authors: tuple[str, ...] = (), organisation: str = JRF, year: int = 2013,
           title: str = MONEY, url: str = "https://www.jrf.org.uk/", accessed: str = "") -> SourceRecord:
    return SourceRecord(key="k", type="report", title=title, authors=authors, organisation=organisation,
                        year=year, url=url, accessed=accessed, summary="", topics=(), phases=(),
                        label="", name_label="")


CASES = [
    pytest.param(
        source(("Cooper, Kerris",)),
        f"Cooper, K. (2013) {MONEY} {JRF}. Available at: https://www.jrf.org.uk/.",
        f"Cooper, K. (2013). {MONEY} {JRF}. https://www.jrf.org.uk/",
        id="one-person"),
    pytest.param(
        source(("Cooper, Kerris", "Stewart, Kitty")),
        f"Cooper, K. and Stewart, K. (2013) {MONEY} {JRF}. Available at: https://www.jrf.org.uk/.",
        f"Cooper, K., & Stewart, K. (2013). {MONEY} {JRF}. https://www.jrf.org.uk/",
        id="two-people"),
    pytest.param(
        source(("Chetty, Raj", "Hendren, Nathaniel", "Kline, Patrick"), organisation="NBER", year=2014,
               title="Where is the land of opportunity?", url="https://www.nber.org/papers/w19843"),
        "Chetty, R., Hendren, N. and Kline, P. (2014) Where is the land of opportunity? NBER. "
        "Available at: https://www.nber.org/papers/w19843.",
        "Chetty, R., Hendren, N., & Kline, P. (2014). Where is the land of opportunity? NBER. "
        "https://www.nber.org/papers/w19843",
        id="three-people"),
    pytest.param(
        source(("Chetty, Raj", "Hendren, Nathaniel", "Kline, Patrick", "Saez, Emmanuel"), organisation="NBER",
               year=2014, title="Where is the land of opportunity?", url="https://www.nber.org/papers/w19843"),
        "Chetty, R. et al. (2014) Where is the land of opportunity? NBER. "
        "Available at: https://www.nber.org/papers/w19843.",
        "Chetty, R., Hendren, N., Kline, P., & Saez, E. (2014). Where is the land of opportunity? NBER. "
        "https://www.nber.org/papers/w19843",
        id="four-people-et-al"),
    pytest.param(
        source(("Education Endowment Foundation",), organisation="Education Endowment Foundation", year=2021,
               title="Teaching and Learning Toolkit", url="https://eef.org.uk/toolkit", accessed="2026-01-15"),
        "Education Endowment Foundation (2021) Teaching and Learning Toolkit. "
        "Available at: https://eef.org.uk/toolkit (Accessed: 15 January 2026).",
        "Education Endowment Foundation. (2021). Teaching and Learning Toolkit. https://eef.org.uk/toolkit",
        id="organisation-is-author-and-publisher"),
    pytest.param(
        source((), organisation="Education Policy Institute", year=2025, title="Annual Report 2025",
               url="https://epi.org.uk/"),
        "Education Policy Institute (2025) Annual Report 2025. Available at: https://epi.org.uk/.",
        "Education Policy Institute. (2025). Annual Report 2025. https://epi.org.uk/",
        id="no-authors-organisation-credited"),
    pytest.param(
        source(("Cabinet Office", "HM Treasury"), organisation="Cabinet Office", year=2023, title="Guidance",
               url=""),
        "Cabinet Office and HM Treasury (2023) Guidance. Cabinet Office.",
        "Cabinet Office, & HM Treasury. (2023). Guidance. Cabinet Office.",
        id="two-organisations-no-url"),
    pytest.param(
        source(("Smith, John Paul", "Dupont, Jean-Luc"), organisation="R&D Ltd.", title="Costs"),
        "Smith, J.P. and Dupont, J.-L. (2013) Costs. R&D Ltd. Available at: https://www.jrf.org.uk/.",
        "Smith, J. P., & Dupont, J.-L. (2013). Costs. R&D Ltd. https://www.jrf.org.uk/",
        id="two-given-names-hyphen-and-ending-stop"),
    pytest.param(
        source(("Mumford, E. R.",), year=0, title="  Old\n  notes  ", url=""),
        f"Mumford, E.R. (n.d.) Old notes. {JRF}.",
        f"Mumford, E. R. (n.d.). Old notes. {JRF}.",
        id="initials-already-no-year-multiline-title"),
    pytest.param(
        source(("Plato,",), title="Republic", url=""),
        f"Plato (2013) Republic. {JRF}.",
        f"Plato. (2013). Republic. {JRF}.",
        id="surname-only"),
]


@pytest.mark.parametrize(("record", "expected_harvard", "expected_apa"), CASES)
def test_plain_references(record: SourceRecord, expected_harvard: str, expected_apa: str) -> None:
    assert harvard(record) == expected_harvard
    assert apa(record) == expected_apa


def test_apa_lists_nineteen_authors_then_the_last_from_twenty_one() -> None:
    names = tuple(f"Author{i:02d}, A" for i in range(1, 23))
    text = apa(source(names))
    assert text.startswith("Author01, A., Author02, A.,")
    assert "Author19, A., . . . Author22, A. (2013)." in text
    assert "Author20" not in text and "Author21" not in text
    twenty = apa(source(names[:20]))
    assert "Author19, A., & Author20, A. (2013)." in twenty


@pytest.mark.parametrize(("record", "expected_harvard", "expected_apa"), [
    pytest.param(
        source(("Cooper, Kerris",), organisation="Smith & Co"),
        "Cooper, K. (2013) <i>Does money affect children's outcomes?</i> Smith &amp; Co. "
        "Available at: https://www.jrf.org.uk/.",
        "Cooper, K. (2013). <i>Does money affect children's outcomes?</i> Smith &amp; Co. https://www.jrf.org.uk/",
        id="title-in-italics-publisher-escaped"),
    pytest.param(
        source(("A & B Trust",), organisation="A & B Trust", title="<Draft> guide", url=""),
        "A &amp; B Trust (2013) <i>&lt;Draft&gt; guide</i>.",
        "A &amp; B Trust. (2013). <i>&lt;Draft&gt; guide</i>.",
        id="markup-in-names-and-titles-escaped"),
])
def test_html_references(record: SourceRecord, expected_harvard: str, expected_apa: str) -> None:
    assert harvard_html(record) == expected_harvard
    assert apa_html(record) == expected_apa


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-01-15", "15 January 2026"),
    ("2025-12-01", "1 December 2025"),
    ("", ""),
    ("spring 2024", "spring 2024"),
])
def test_accessed_text(value: str, expected: str) -> None:
    assert accessed_text(value) == expected


def test_fixture_library_references(library: Library) -> None:
    references = {s.key: harvard(s) for s in library.sources()}
    assert references["cooper-stewart-2013"] == (
        f"Cooper, K. and Stewart, K. (2013) {MONEY} {JRF}. Available at: https://www.jrf.org.uk/.")
    assert references["eef-toolkit"].endswith("(Accessed: 15 January 2026).")
    assert references["chetty-2014"].startswith("Chetty, R. et al. (2014) Where is the land of opportunity?")


def test_citations_do_not_import_qt() -> None:
    code = ("import sys, explorer.formats.references\n"
            "print(','.join(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
