"""Markdown becomes safe HTML: citations, stakeholder links, figures, glossary terms."""

from __future__ import annotations

import pytest

from explorer.content.load import load_content, stakeholder_index
from explorer.content.markup import Renderer
from tests.conftest import GOOD_PACK


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    pack = load_content(GOOD_PACK)
    return Renderer({s.key: s for s in pack.sources}, {s.key: s for s in pack.stakeholders},
                    stakeholder_index(pack.stakeholders), {f.key: f for f in pack.figures},
                    list(pack.glossary))


@pytest.mark.parametrize(("markdown", "expected"), [
    ("Income [@cooper-stewart-2013].",
     'Income <span class="cite">(<a class="cite" href="source:cooper-stewart-2013"'),
    ("A page [@eef-toolkit, p. 12].", ">EEF, 2021</a>, p. 12)</span>"),
    ("Two [@chetty-2014; @cooper-stewart-2013].",
     ">Chetty et al., 2014</a>; <a class=\"cite\" href=\"source:cooper-stewart-2013\""),
    ("The [[EEF]] funds.", '<a class="org" href="stakeholder:eef" title="Education Endowment '
                           'Foundation">EEF</a>'),
    ("By key [[dfe]].", '>Department for Education</a>'),
    ("Shown [[eef|the Foundation]].", '>the Foundation</a>'),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('<img src="x" onerror="alert(1)">', "&lt;img src=\"x\" onerror=\"alert(1)\"&gt;"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "<td>1</td>"),
    ("Note[^1].\n\n[^1]: The note.", 'class="footnote"'),
    ("[[figure:test-bars]]", '<img src="figure:test-bars" alt="Test bars">'),
    ("Pupils on FSM and FSM again.", '<a class="gloss" href="glossary:FSM"'),
])
def test_rendering(renderer: Renderer, markdown: str, expected: str) -> None:
    assert expected in renderer.render(markdown).html


def test_glossary_links_first_use_only(renderer: Renderer) -> None:
    html = renderer.render("FSM pupils and FSM again.").html
    assert html.count('href="glossary:FSM"') == 1


def test_references_collected(renderer: Renderer) -> None:
    rendered = renderer.render("See [@chetty-2014, p. 3] and [[EEF]], [[eef]].\n\n"
                               "[[figure:test-bars]]")
    assert rendered.citations == [("chetty-2014", "p. 3")]
    assert rendered.mentions == {"eef": 2}
    assert rendered.figures == ["test-bars"]
    assert "(Chetty et al., 2014, p. 3)" in rendered.text


def test_no_script_survives_sanitising(renderer: Renderer) -> None:
    html = renderer.render("[x](https://example.org \"t\") <a href='javascript:1'>y</a>").html
    assert "<script" not in html and "<a href='javascript" not in html
    assert 'href="https://example.org"' in html
