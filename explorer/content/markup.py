"""Markdown to safe HTML: citations [@key], stakeholder links [[Name]], figures, glossary terms."""

from __future__ import annotations

import hashlib
import html
import re
import xml.etree.ElementTree as etree
from collections import Counter
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from explorer.content.chapters import CITATION_ITEM, FIGURE_LINE
from explorer.content.model import Figure, GlossaryTerm, Source, Stakeholder

# Schemes the reader resolves inside the library; plus web links opened only on click.
URL_SCHEMES = {"https", "http", "mailto", "source", "stakeholder", "figure", "glossary", "section"}
TAGS = {"p", "a", "em", "strong", "b", "i", "ul", "ol", "li", "table", "thead", "tbody", "tr",
        "th", "td", "blockquote", "code", "pre", "h2", "h3", "h4", "h5", "h6", "sup", "sub", "hr",
        "br", "img", "div", "span", "dl", "dt", "dd"}
ATTRIBUTES = {"a": {"href", "title", "class", "id"}, "img": {"src", "alt", "width"},
              "th": {"align"}, "td": {"align"}, "div": {"class", "id"}, "span": {"class"},
              "p": {"class", "id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "li": {"id", "class"},
              "sup": {"id"}, "ol": {"start"}}


@dataclass
class Rendered:
    """One section's HTML and what it refers to."""

    html: str
    text: str
    citations: list[tuple[str, str]] = field(default_factory=list)   # (source key, locator)
    mentions: Counter[str] = field(default_factory=Counter)
    figures: list[str] = field(default_factory=list)
    paragraphs: list[tuple[str, str]] = field(default_factory=list)   # (paragraph id, its text)


class _Collector:
    """What the inline processors saw while rendering the current section."""

    def __init__(self) -> None:
        self.citations: list[tuple[str, str]] = []
        self.mentions: Counter[str] = Counter()
        self.figures: list[str] = []
        self.paragraphs: list[tuple[str, str]] = []


class _CitationProcessor(InlineProcessor):
    def __init__(self, renderer: Renderer) -> None:
        super().__init__(r"\[(-?@[^\[\]]*)\]")
        self.renderer = renderer

    # The ignore: InlineProcessor's handleMatch changes Pattern's signature (Markdown's
    # own stubs ignore the same override error).
    def handleMatch(  # type: ignore[override]  # noqa: N802
        self, m: re.Match[str], data: str,
    ) -> tuple[etree.Element, int, int]:
        span = etree.Element("span", {"class": "cite"})
        span.text = "("
        last: etree.Element | None = None
        for n, item in enumerate(m.group(1).split(";")):
            parsed = CITATION_ITEM.match(item)
            if not parsed:
                continue
            key, locator = parsed.group(1), (parsed.group(2) or "")
            source = self.renderer.sources.get(key)
            self.renderer.collector.citations.append((key, locator))
            if last is not None:
                last.tail = (last.tail or "") + "; "
            elif n:
                span.text += ""
            link = etree.SubElement(span, "a", {"href": f"source:{key}", "class": "cite",
                                                "title": _reference_line(source) if source else key})
            link.text = source.label if source else key
            if locator:
                link.tail = f", {locator}"
            last = link
        if last is not None:
            last.tail = (last.tail or "") + ")"
        else:
            span.text += ")"
        return span, m.start(0), m.end(0)


class _MentionProcessor(InlineProcessor):
    def __init__(self, renderer: Renderer) -> None:
        super().__init__(r"\[\[([^\[\]|]+?)(?:\|([^\[\]]+))?\]\]")
        self.renderer = renderer

    # The ignore: InlineProcessor's handleMatch changes Pattern's signature (Markdown's
    # own stubs ignore the same override error).
    def handleMatch(  # type: ignore[override]  # noqa: N802
        self, m: re.Match[str], data: str,
    ) -> tuple[etree.Element, int, int]:
        target = m.group(1).strip()
        key = self.renderer.names.get(target.casefold(), "")
        holder = self.renderer.stakeholders.get(key)
        shown = (m.group(2) or "").strip() or (target if holder is None or target != key
                                                else holder.name)
        if holder is None:
            span = etree.Element("span")
            span.text = shown
            return span, m.start(0), m.end(0)
        self.renderer.collector.mentions[key] += 1
        link = etree.Element("a", {"href": f"stakeholder:{key}", "class": "org",
                                   "title": holder.name})
        link.text = shown
        return link, m.start(0), m.end(0)


class _FigurePreprocessor(Preprocessor):
    """A `[[figure:key]]` line becomes the figure block (stashed so Markdown leaves it alone)."""

    def __init__(self, md: markdown.Markdown, renderer: Renderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for line in lines:
            match = FIGURE_LINE.match(line)
            figure = self.renderer.figures.get(match.group(1).strip()) if match else None
            if figure is None:
                out.append(line)
                continue
            self.renderer.collector.figures.append(figure.key)
            out.extend(["", self.md.htmlStash.store(self.renderer.figure_html(figure)), ""])
        return out


class _GlossaryTreeprocessor(Treeprocessor):
    """Links the first use of each glossary term in a section to its definition."""

    SKIP = {"a", "code", "pre", "h2", "h3", "h4"}

    def __init__(self, md: markdown.Markdown, renderer: Renderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, root: etree.Element) -> None:
        if self.renderer.glossary_pattern is None:
            return
        self.used: set[str] = set()
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in self.SKIP:
            return
        children = list(element)
        if element.text:
            self._wrap_text(element, None)
        for child in children:
            self._walk(child)
            if child.tail:
                self._wrap_text(element, child)

    def _wrap_text(self, parent: etree.Element, after: etree.Element | None) -> None:
        text = after.tail if after is not None else parent.text
        assert text is not None and self.renderer.glossary_pattern is not None
        match = None
        for candidate in self.renderer.glossary_pattern.finditer(text):
            term = self.renderer.glossary_lookup[candidate.group(0).casefold()]
            if term.term not in self.used:
                match = candidate
                break
        if match is None:
            return
        term = self.renderer.glossary_lookup[match.group(0).casefold()]
        self.used.add(term.term)
        link = etree.Element("a", {"href": f"glossary:{term.term}", "class": "gloss",
                                   "title": term.definition})
        link.text = match.group(0)
        link.tail = text[match.end():]
        if after is not None:
            after.tail = text[: match.start()]
            index = list(parent).index(after) + 1
        else:
            parent.text = text[: match.start()]
            index = 0
        parent.insert(index, link)
        self._wrap_text(parent, link)


_STASH = re.compile("\x02wzxhzdk:\\d+\x03")


def paragraph_id(prefix: str, text: str) -> str:
    """A paragraph's stable id: the same text under the same prefix gives the same id."""
    normalised = " ".join(text.split()).casefold()
    return f"{prefix}-{hashlib.sha1(normalised.encode('utf-8')).hexdigest()[:10]}"


class _ParagraphTreeprocessor(Treeprocessor):
    """Gives every paragraph and list item an id derived from its text, so notes and bookmarks
    find it again after a rebuild while the text is unchanged."""

    def __init__(self, md: markdown.Markdown, renderer: Renderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, root: etree.Element) -> None:
        self._walk(root, inside_item=False)

    def _walk(self, element: etree.Element, inside_item: bool) -> None:
        for child in element:
            if child.tag == "div" and "footnote" in child.get("class", ""):
                continue
            if child.tag in ("table", "pre"):
                continue
            if child.tag == "p" and not inside_item or child.tag == "li":
                text = _STASH.sub("", "".join(child.itertext())).strip()
                if text:
                    self._number(child, text)
                if child.tag == "li":
                    continue   # a list item is one paragraph, with whatever it holds
            self._walk(child, inside_item or child.tag == "li")

    def _number(self, element: etree.Element, text: str) -> None:
        used = self.renderer.used_paragraph_ids
        base = paragraph_id(self.renderer.paragraph_prefix, text)
        pid, n = base, 1
        while pid in used:
            n += 1
            pid = f"{base}-{n}"
        used.add(pid)
        element.set("id", pid)
        self.renderer.collector.paragraphs.append((pid, " ".join(text.split())))


def _reference_line(source: Source) -> str:
    authors = "; ".join(source.authors) or source.organisation
    return f"{authors} ({source.year}). {source.title}. {source.organisation}."


class Renderer:
    """Renders section Markdown; one instance per build, reused for every section."""

    def __init__(
        self, sources: dict[str, Source], stakeholders: dict[str, Stakeholder],
        names: dict[str, str], figures: dict[str, Figure], glossary: list[GlossaryTerm],
    ) -> None:
        self.sources, self.stakeholders, self.names = sources, stakeholders, names
        self.figures = figures
        self.collector = _Collector()
        self.glossary_lookup: dict[str, GlossaryTerm] = {}
        for term in glossary:
            for label in (term.term, *term.aliases):
                self.glossary_lookup[label.casefold()] = term
        labels = sorted(self.glossary_lookup, key=len, reverse=True)
        self.glossary_pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(x) for x in labels) + r")(?![\w-])",
                       re.IGNORECASE) if labels else None)
        self.md = markdown.Markdown(
            extensions=["tables", "footnotes", "sane_lists"],
            extension_configs={"tables": {"use_align_attribute": True}},
            output_format="html",
        )
        # Raw HTML in content is shown as text, never interpreted.
        self.md.preprocessors.deregister("html_block")
        self.md.inlinePatterns.deregister("html")
        self.md.preprocessors.register(_FigurePreprocessor(self.md, self), "figures", 25)
        self.md.inlinePatterns.register(_MentionProcessor(self), "mention", 180)
        self.md.inlinePatterns.register(_CitationProcessor(self), "citation", 175)
        self.md.treeprocessors.register(_GlossaryTreeprocessor(self.md, self), "glossary", 5)
        self.md.treeprocessors.register(_ParagraphTreeprocessor(self.md, self), "paragraphs", 4)
        self.paragraph_prefix = "p"
        self.used_paragraph_ids: set[str] = set()

    def figure_html(self, figure: Figure) -> str:
        source = self.sources.get(figure.source)
        label = html.escape(source.label) if source else html.escape(figure.source)
        return (
            f'<div class="figure" id="figure-{figure.key}">'
            f'<p class="figure-image"><img src="figure:{figure.key}" alt="{html.escape(figure.title)}"></p>'
            f'<p class="caption"><b>{html.escape(figure.title)}.</b> {html.escape(figure.caption)} '
            f'Source: <a href="source:{figure.source}" class="cite">{label}</a>.</p></div>'
        )

    def start_chapter(self, chapter_id: str) -> None:
        """Paragraph ids are unique within a chapter and carry its slug (`early-years-1a2b…`)."""
        self.paragraph_prefix = chapter_id.replace("/", "-")
        self.used_paragraph_ids = set()

    def render(self, text: str, heading: str = "", level: int = 2, anchor: str = "") -> Rendered:
        """A section's Markdown as sanitised HTML, its plain text and its references."""
        self.collector = _Collector()
        self.md.reset()
        body = self.md.convert(text)
        head = ""
        if heading and level > 1:
            attrs = f' id="{html.escape(anchor)}"' if anchor else ""
            head = f"<h{level}{attrs}>{html.escape(heading)}</h{level}>"
        safe = sanitise(head + body)
        rendered = Rendered(html=safe, text=html_to_text(body))
        rendered.citations = self.collector.citations
        rendered.mentions = self.collector.mentions
        rendered.figures = self.collector.figures
        rendered.paragraphs = self.collector.paragraphs
        return rendered


def _only_library_images(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src" and not value.startswith("figure:"):
        return None  # nothing remote, nothing from disk
    return value


def sanitise(fragment: str) -> str:
    """Keep only the tags, attributes and link schemes the reader needs."""
    return nh3.clean(fragment, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     attribute_filter=_only_library_images, link_rel=None)


_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h\d|tr|td|th|div|blockquote)>|<br\s*/?>")


def html_to_text(fragment: str) -> str:
    """Readable plain text from rendered HTML, for search and word counts."""
    text = _BLOCK_END.sub(lambda m: m.group(0) + "\n", fragment)
    text = html.unescape(_TAG.sub("", text))
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\s*\n\s*", "\n", text).strip()
