"""Exports of the source library and the stakeholder map: BibTeX, RIS, CSV, CSL-JSON, GraphML."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as etree

from explorer.library.store import LinkRecord, SourceRecord, StakeholderRecord

SOURCE_FORMATS = ("bibtex", "ris", "csv", "csl-json")
STAKEHOLDER_FORMATS = ("csv", "graphml")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Every character str.splitlines() breaks at: some reader of each format splits lines there.
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")

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
        # A bare CR is a row break to spreadsheets, but Python 3.11's writer only quotes cells
        # holding the line terminator ("\n"): as LF it is quoted and stays inside its cell.
        writer.writerow([safe_cell(v).replace("\r\n", "\n").replace("\r", "\n") for v in row])
    return buffer.getvalue()


_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                   "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\^{}"}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(char) for char in _BIBTEX_ESCAPES))


def _bibtex_escape(text: str) -> str:
    """LaTeX's special characters escaped, and line breaks as spaces (a line starting with `@`
    inside a value is a new entry to some BibTeX readers)."""
    # One pass: escaping in turn would escape the braces of `\textbackslash{}` again.
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m.group(0)], _LINE_BREAKS.sub(" ", text))


def sources_bibtex(sources: list[SourceRecord]) -> str:
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.model import Entry, Field

    library = Library()
    for s in sources:
        kind = _BIBTEX_TYPES.get(s.type, "misc")
        fields = [Field("title", "{" + _bibtex_escape(s.title) + "}"),
                  Field("author", " and ".join(
                      _bibtex_escape(a) if "," in a else "{" + _bibtex_escape(a) + "}"
                      for a in (s.authors or (s.organisation,)))),
                  Field("year", str(s.year)),
                  Field("institution" if kind == "techreport" else "publisher",
                        _bibtex_escape(s.organisation)),
                  Field("url", _bibtex_url(s.url))]
        if s.accessed:
            fields.append(Field("urldate", _bibtex_escape(s.accessed)))
        library.add(Entry(kind, s.key, fields))
    return write_string(library)


def _bibtex_url(url: str) -> str:
    """A URL that cannot close its braces: braces, backslashes and whitespace percent-encoded
    (the same address; `\\url` and every browser read it back)."""
    return re.sub(r"[{}\\\s]", lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), url)


def sources_ris(sources: list[SourceRecord]) -> str:
    import rispy

    entries = []
    for s in sources:
        entry = {"type_of_reference": _RIS_TYPES.get(s.type, "GEN"), "title": s.title,
                 "authors": list(s.authors) or [s.organisation], "year": str(s.year),
                 "publisher": s.organisation, "urls": [s.url], "abstract": s.summary,
                 "keywords": list(s.topics), "id": s.key}
        entries.append({k: _ris_clean(v) for k, v in entry.items()})
    text: str = rispy.dumps(entries)  # rispy is untyped: dumps returns the RIS text
    return text


def _ris_clean(value: object) -> object:
    """RIS is one field per line: a newline inside a value would start a forged field."""
    if isinstance(value, str):
        return _LINE_BREAKS.sub(" ", value)
    if isinstance(value, list):
        return [_LINE_BREAKS.sub(" ", str(v)) for v in value]
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


# What the source library's Export menu offers: (format id, label, file extension), and the scopes.
SOURCE_EXPORT_CHOICES: tuple[tuple[str, str, str], ...] = (
    ("bibtex", "BibTeX", "bib"), ("ris", "RIS", "ris"), ("csv", "CSV", "csv"))
SOURCE_EXPORT_SCOPES: tuple[tuple[str, str], ...] = (("selected", "Selected"), ("all", "All sources"))


def source_export_choice(fmt: str) -> tuple[str, str]:
    """The label and file extension of one of SOURCE_EXPORT_CHOICES."""
    return next((label, ext) for f, label, ext in SOURCE_EXPORT_CHOICES if f == fmt)


def source_export_name(sources: list[SourceRecord], scope: str, fmt: str) -> str:
    """The file name suggested for an export: the source's key when one is chosen."""
    ext = source_export_choice(fmt)[1]
    if scope == "selected" and len(sources) == 1:
        return f"{sources[0].key}.{ext}"
    return f"sources.{ext}" if scope == "all" else f"sources-selected.{ext}"


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
    return stakeholders_graphml(stakeholders, links)


_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_GRAPHML_KEYS = (("node", "name", "string"), ("node", "sector", "string"), ("node", "phases", "string"),
                 ("node", "url", "string"), ("node", "x", "double"), ("node", "y", "double"),
                 ("edge", "kind", "string"), ("edge", "note", "string"))


def stakeholders_graphml(stakeholders: list[StakeholderRecord], links: list[LinkRecord]) -> str:
    """The stakeholder network as GraphML (what Gephi, yEd, Cytoscape and networkx read).

    Written with the standard library rather than networkx: networkx is a build-time dependency
    (the layout), and keeping it out of the app keeps it out of the bundle.
    """
    root = etree.Element("graphml", {"xmlns": _GRAPHML_NS})  # plain names: no global prefix registry
    ids: dict[tuple[str, str], str] = {}
    for n, (domain, name, kind) in enumerate(_GRAPHML_KEYS):
        ids[domain, name] = f"d{n}"
        etree.SubElement(root, "key", {"id": f"d{n}", "for": domain, "attr.name": name, "attr.type": kind})
    graph = etree.SubElement(root, "graph", {"edgedefault": "directed"})

    def add(parent: etree.Element, domain: str, values: dict[str, object]) -> None:
        for name, value in values.items():
            etree.SubElement(parent, "data", {"key": ids[domain, name]}).text = str(value)

    known: set[str] = set()
    for h in stakeholders:
        known.add(h.key)
        node = etree.SubElement(graph, "node", {"id": h.key})
        add(node, "node", {"name": h.name, "sector": h.sector, "phases": ";".join(h.phases),
                           "url": h.url, "x": float(h.x), "y": float(h.y)})
    for key in dict.fromkeys(k for link in links for k in (link.from_key, link.to_key)):
        if key not in known:   # a link to an organisation outside this selection
            etree.SubElement(graph, "node", {"id": key})
    for link in links:   # every link, parallel ones too (GraphML allows them)
        edge = etree.SubElement(graph, "edge", {"source": link.from_key, "target": link.to_key})
        add(edge, "edge", {"kind": link.kind, "note": link.note})
    etree.indent(root)
    return etree.tostring(root, encoding="unicode").join(
        ("<?xml version='1.0' encoding='utf-8'?>\n", "\n"))
