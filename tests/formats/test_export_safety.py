"""Exports are safe to open: no spreadsheet formulas, no broken or forged BibTeX and RIS records.

Importing notes validates its input and names bad lines: tests/userdata/test_store.py
(test_import_reports_bad_lines).
"""

from __future__ import annotations

import csv
import io
import re

import bibtexparser
import pytest
import rispy

from explorer.formats.exports import export_sources, export_stakeholders, safe_cell
from explorer.library.store import LinkRecord, SourceRecord, StakeholderRecord

FORMULAS = ['=HYPERLINK("https://evil.example","click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1"]
SPECIAL = "Brackets {} % & $ # _ ~ ^ \\ and a line\nbreak"
FORGERY = "Innocent\n@misc{forged, title={pwned}}\nER  - \nTY  - JOUR\nTI  - forged\u2028ER  - "


def source(key: str, title: str, **changes: object) -> SourceRecord:
    fields: dict[str, object] = dict(
        key=key, type="report", title=title, authors=("Doe, Jane", "Org & Co"), organisation="Org & Co",
        year=2020, url="https://example.org/report", accessed="2024-01-15", summary="A summary.",
        topics=("evidence",), phases=("primary",), label="Doe, 2020", name_label="Doe")
    fields.update(changes)
    return SourceRecord(**fields)  # type: ignore[arg-type]


def holder(key: str, name: str, summary: str) -> StakeholderRecord:
    return StakeholderRecord(key, name, (name,), "charity", ("primary",), name, summary, "https://example.org",
                             2011, 0.0, 0.0)


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("1=1", "1=1"), ("Plain text", "Plain text"), ("", ""), (None, ""), (2020, "2020"),
])
def test_safe_cell(value: object, expected: str) -> None:
    assert safe_cell(value) == expected


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("formula", FORMULAS)
def test_sources_csv_neutralises_formulas(formula: str) -> None:
    record = source("evil", formula, authors=(formula,), organisation=formula, summary=formula,
                    topics=(formula,), accessed=formula)
    rows = _cells(export_sources([record], "csv"))
    assert len(rows) == 2                      # a line break inside a value starts no row
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert rows[1][2] == "'" + formula.replace("\r", "\n")   # kept, as text (a CR as LF: see _csv)


@pytest.mark.parametrize("formula", FORMULAS)
def test_stakeholders_csv_neutralises_formulas(formula: str) -> None:
    rows = _cells(export_stakeholders([holder("evil", formula, formula)], [], "csv"))
    assert len(rows) == 2
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert rows[1][1] == "'" + formula.replace("\r", "\n")


_UNESCAPE = {r"\textbackslash{}": "\\", r"\textasciitilde{}": "~", r"\^{}": "^"}


def _unescape_bibtex(text: str) -> str:
    return re.sub(r"\\textbackslash\{\}|\\textasciitilde\{\}|\\\^\{\}|\\([{}&%$#_])",
                  lambda m: m.group(1) or _UNESCAPE[m.group(0)], text)


@pytest.mark.parametrize("title", [SPECIAL, FORGERY, "}" * 5 + "{" * 3, "\\" * 7 + "}"])
def test_bibtex_escapes_and_keeps_its_structure(title: str) -> None:
    records = [source("hostile", title, url="https://example.org/a}b{c\\d e", accessed="2024}"),
               source("after", "An honest title")]
    library = bibtexparser.parse_string(export_sources(records, "bibtex"))
    assert library.failed_blocks == []
    assert [entry.key for entry in library.entries] == ["hostile", "after"]     # nothing forged
    hostile = library.entries[0]
    assert set(hostile.fields_dict) == {"title", "author", "year", "institution", "url", "urldate"}
    value = hostile.fields_dict["title"].value
    assert value.startswith("{") and value.endswith("}")
    assert _unescape_bibtex(value[1:-1]) == re.sub(r"[\n\u2028]+", " ", title)  # the title survives
    assert hostile.fields_dict["url"].value == "https://example.org/a%7Db%7Bc%5Cd%20e"
    assert library.entries[1].fields_dict["title"].value == "{An honest title}"


@pytest.mark.parametrize("title", [SPECIAL, FORGERY])
def test_ris_keeps_one_field_per_line(title: str) -> None:
    records = [source("hostile", title, summary=title, authors=(title,), topics=(title,)),
               source("after", "An honest title")]
    text = export_sources(records, "ris")
    entries = rispy.loads(text)
    assert [entry["id"] for entry in entries] == ["hostile", "after"]           # nothing forged
    flat = re.sub(r"[\r\n\u2028]+", " ", title)
    assert entries[0]["title"] == flat.rstrip() and entries[0]["abstract"] == flat.rstrip()
    assert "forged" not in {entry.get("title") for entry in entries}
    assert all(re.match(r"^(?:[A-Z][A-Z0-9]  - |\d+\.$|$)", line) for line in text.splitlines())


def test_graphml_escapes_markup(tmp_path: object) -> None:
    import xml.etree.ElementTree as etree

    text = export_stakeholders([holder("a", "<b>&\"'</b>", FORGERY), holder("b", "B", "")],
                               [LinkRecord("a", "b", "funds", "</data><data key='x'>", None)], "graphml")
    root = etree.fromstring(text.encode("utf-8"))
    names = [d.text for d in root.iter() if d.tag.endswith("data") and d.text and "<b>" in d.text]
    assert names == ["<b>&\"'</b>"]
    assert any(d.text == "</data><data key='x'>" for d in root.iter() if d.tag.endswith("data"))
