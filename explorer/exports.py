"""Exports of the source library and the stakeholder map: BibTeX, RIS, CSV, CSL-JSON, GraphML."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as etree

from explorer.library import LinkRecord, SourceRecord, StakeholderRecord

SOURCE_FORMATS = ("bibtex", "ris", "csv", "csl-json")
STAKEHOLDER_FORMATS = ("csv", "graphml")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_BIBTEX_TYPES = {"article": "article", "book": "book", "chapter": "incollection",
                 "working-paper": "techreport", "report": "techreport",
                 "evaluation": "techreport", "policy": "techreport"}
_RIS_TYPES = {"article": "JOUR", "book": "BOOK", "chapter": "CHAP", "report": "RPRT",
              "working-paper": "RPRT", "evaluation": "RPRT", "policy": "GOVDOC",
              "statistics": "DATA", "dataset": "DATA", "web": "ELEC", "speech": "SOUND"}
_CSL_TYPES = {"article": "article-journal", "book": "book", "chapter": "chapter",
              "report": "report", "working-paper": "report", "evaluation": "report",
              "policy": "report", "statistics": "dataset", "dataset": "dataset",
              "web": "webpage", "speech": "speech"}


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()


def _bibtex_escape(text: str) -> str:
    for char, escaped in (("\\", r"\textbackslash{}"), ("{", r"\{"), ("}", r"\}"),
                          ("&", r"\&"), ("%", r"\%"), ("$", r"\$"), ("#", r"\#"),
                          ("_", r"\_"), ("~", r"\textasciitilde{}"), ("^", r"\^{}")):
        text = text.replace(char, escaped)
    return text


def sources_bibtex(sources: list[SourceRecord]) -> str:
    import bibtexparser
    from bibtexparser.model import Entry, Field

    library = bibtexparser.Library()
    for s in sources:
        kind = _BIBTEX_TYPES.get(s.type, "misc")
        fields = [Field("title", "{" + _bibtex_escape(s.title) + "}"),
                  Field("author", " and ".join(
                      _bibtex_escape(a) if "," in a else "{" + _bibtex_escape(a) + "}"
                      for a in (s.authors or (s.organisation,)))),
                  Field("year", str(s.year)),
                  Field("institution" if kind == "techreport" else "publisher",
                        _bibtex_escape(s.organisation)),
                  Field("url", s.url)]
        if s.accessed:
            fields.append(Field("urldate", s.accessed))
        library.add(Entry(kind, s.key, fields))
    return bibtexparser.write_string(library)


def sources_ris(sources: list[SourceRecord]) -> str:
    import rispy

    entries = []
    for s in sources:
        entry = {"type_of_reference": _RIS_TYPES.get(s.type, "GEN"), "title": s.title,
                 "authors": list(s.authors) or [s.organisation], "year": str(s.year),
                 "publisher": s.organisation, "urls": [s.url], "abstract": s.summary,
                 "keywords": list(s.topics), "id": s.key}
        entries.append({k: _ris_clean(v) for k, v in entry.items()})
    return rispy.dumps(entries)


def _ris_clean(value: object) -> object:
    """RIS is one field per line: a newline inside a value would start a forged field."""
    if isinstance(value, str):
        return re.sub(r"[\r\n]+", " ", value)
    if isinstance(value, list):
        return [re.sub(r"[\r\n]+", " ", str(v)) for v in value]
    return value


def sources_csv(sources: list[SourceRecord]) -> str:
    rows: list[list[object]] = [["key", "type", "title", "authors", "organisation", "year", "url",
                                 "accessed", "phases", "topics", "summary"]]
    rows += [[s.key, s.type, s.title, "; ".join(s.authors), s.organisation, s.year, s.url,
              s.accessed, "; ".join(s.phases), "; ".join(s.topics), s.summary] for s in sources]
    return _csv(rows)


def sources_csl_json(sources: list[SourceRecord]) -> str:
    items = []
    for s in sources:
        authors = []
        for a in s.authors or (s.organisation,):
            if "," in a:
                family, given = (p.strip() for p in a.split(",", 1))
                authors.append({"family": family, "given": given})
            else:
                authors.append({"literal": a})
        items.append({"id": s.key, "type": _CSL_TYPES.get(s.type, "document"), "title": s.title,
                      "author": authors, "issued": {"date-parts": [[s.year]]},
                      "publisher": s.organisation, "URL": s.url, "abstract": s.summary,
                      **({"accessed": {"date-parts": [[int(p) for p in s.accessed.split("-")]]}}
                         if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s.accessed) else {})})
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def export_sources(sources: list[SourceRecord], fmt: str) -> str:
    """The sources in one of SOURCE_FORMATS."""
    return {"bibtex": sources_bibtex, "ris": sources_ris, "csv": sources_csv,
            "csl-json": sources_csl_json}[fmt](sources)


def export_stakeholders(
    stakeholders: list[StakeholderRecord], links: list[LinkRecord], fmt: str,
) -> str:
    """The stakeholders (and, for GraphML, their links) in one of STAKEHOLDER_FORMATS."""
    if fmt == "csv":
        rows: list[list[object]] = [["key", "name", "aliases", "sector", "phases", "region",
                                     "summary", "url", "founded"]]
        rows += [[h.key, h.name, "; ".join(h.aliases), h.sector, "; ".join(h.phases), h.region,
                  h.summary, h.url, h.founded or ""] for h in stakeholders]
        return _csv(rows)
    import networkx as nx

    graph = nx.DiGraph()
    for h in stakeholders:
        graph.add_node(h.key, name=h.name, sector=h.sector, phases=";".join(h.phases),
                       url=h.url, x=h.x, y=h.y)
    for link in links:
        graph.add_edge(link.from_key, link.to_key, kind=link.kind, note=link.note)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    text = buffer.getvalue().decode("utf-8")
    etree.fromstring(text.encode())  # must be well-formed XML
    return text
