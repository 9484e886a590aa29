"""The Organisations view: matrix, network, card and exports, against the fixture and real libraries."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from explorer.content.layout import label_box, layout, node_label
from explorer.content.load import load_content
from explorer.content.model import PHASE_LABELS, PHASES
from explorer.errors import LibraryError
from explorer.library.store import Library
from explorer.ui.organisations.network_graph import DIM
from explorer.ui.organisations.network_view import NetworkView
from explorer.ui.organisations.stakeholder_matrix import StakeholderMatrix
from explorer.ui.organisations.stakeholders_view import StakeholdersView
from tests.conftest import GOOD_PACK
from tests.helpers.messages import Told

# Showing a top-level window on the offscreen platform logs this once; it says nothing about us.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def view(qtbot: QtBot, library: Library) -> StakeholdersView:
    widget = StakeholdersView(library)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def network(qtbot: QtBot, library: Library) -> NetworkView:
    widget = NetworkView(library)
    qtbot.addWidget(widget)
    widget.resize(900, 650)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_all()       # every node on screen, to be pointed at
    return widget


def node_point(network: NetworkView, key: str) -> QPoint:
    """Where a node's dot is on the viewport."""
    return network.mapFromScene(network.nodes[key].pos())


# Matrix -----------------------------------------------------------------------------------------
def test_matrix_lists_each_organisation_in_its_cells(qtbot: QtBot, qtmodeltester, library: Library) -> None:
    matrix = StakeholderMatrix(library)
    qtbot.addWidget(matrix)
    table = matrix.table
    assert [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())] == [
        PHASE_LABELS[p] for p in PHASES]
    assert [table.verticalHeaderItem(r).text() for r in range(table.rowCount())] == ["Government", "Charity"]
    for phase in PHASES:
        charity = matrix.cell_keys("charity", phase)
        assert "eef" in charity
        assert ("sutton-trust" in charity) == (phase in ("secondary", "higher-education"))
        assert matrix.cell_keys("government", phase) == ("dfe",)
    # Cells show the alias of long names and the name of short ones.
    cell = table.item(1, PHASES.index("secondary"))
    assert "EEF" in cell.text() and "Sutton Trust" in cell.text()
    assert "Education Endowment Foundation" in cell.toolTip()
    qtmodeltester.check(table.model())


@pytest.mark.parametrize(("text", "sector", "expected"), [
    ("", "", {"eef", "sutton-trust", "dfe"}),
    ("sutton", "", {"sutton-trust"}),
    ("eef", "", {"eef"}),            # by alias
    ("DEPARTMENT", "", {"dfe"}),     # any case
    ("", "charity", {"eef", "sutton-trust"}),
    ("dfe", "charity", set()),
])
def test_matrix_filters(qtbot: QtBot, library: Library, text: str, sector: str, expected: set[str]) -> None:
    matrix = StakeholderMatrix(library)
    qtbot.addWidget(matrix)
    matrix.sector.setCurrentIndex(matrix.sector.findData(sector))
    qtbot.keyClicks(matrix.filter, text)
    shown = {key for row in range(matrix.table.rowCount()) for column in range(len(PHASES))
             for key in matrix.table.item(row, column).data(Qt.ItemDataRole.UserRole)}
    assert shown == expected
    assert matrix.status.text() == (f"{len(expected)} of 3 organisations" if expected else "No organisation matches")


def test_matrix_keyboard_opens_an_organisation(qtbot: QtBot, library: Library) -> None:
    matrix = StakeholderMatrix(library)
    qtbot.addWidget(matrix)
    matrix.show()
    qtbot.waitExposed(matrix)
    matrix.table.setFocus()
    assert matrix.current_cell() == ("government", "early-years")
    qtbot.keyClick(matrix.table, Qt.Key.Key_Down)
    qtbot.keyClick(matrix.table, Qt.Key.Key_Right)
    qtbot.keyClick(matrix.table, Qt.Key.Key_Right)
    assert matrix.current_cell() == ("charity", "secondary")
    assert [matrix.list.item(i).text() for i in range(matrix.list.count())] == [
        "Education Endowment Foundation (EEF)", "Sutton Trust"]
    qtbot.keyClick(matrix.table, Qt.Key.Key_Return)
    assert matrix.focusWidget() is matrix.list
    qtbot.keyClick(matrix.list, Qt.Key.Key_Down)
    with qtbot.waitSignal(matrix.open_location) as blocker:
        qtbot.keyClick(matrix.list, Qt.Key.Key_Return)
    assert blocker.args == ["stakeholder:sutton-trust"]
    qtbot.keyClick(matrix.list, Qt.Key.Key_Escape)
    assert matrix.focusWidget() is matrix.table


# Network ----------------------------------------------------------------------------------------
def test_network_has_the_library_nodes_and_links(network: NetworkView, library: Library) -> None:
    assert set(network.nodes) == {"eef", "sutton-trust", "dfe"}
    assert len(network.edges) == 2
    # Positions are the ones computed at build time, not recomputed here.
    assert network.node_positions() == {h.key: (h.x, h.y) for h in library.stakeholders()}
    tips = sorted(edge.toolTip() for edge in network.edges)
    assert tips == ["Department for Education — funds → Education Endowment Foundation\nFounding grant",
                    "Sutton Trust — founded → Education Endowment Foundation\nLead founder"]
    assert network.neighbours["eef"] == {"dfe", "sutton-trust"}
    assert network.nodes["eef"].text.text() == "EEF"


def test_layout_is_stable_and_is_what_the_library_holds(library: Library) -> None:
    pack = load_content(GOOD_PACK)
    first = layout(pack.stakeholders, pack.links)
    assert first == layout(pack.stakeholders, pack.links)
    assert first == {h.key: (h.x, h.y) for h in library.stakeholders()}


def test_clicking_a_node_opens_its_card(qtbot: QtBot, network: NetworkView) -> None:
    with qtbot.waitSignal(network.open_location) as blocker:
        qtbot.mouseClick(network.viewport(), Qt.MouseButton.LeftButton, pos=node_point(network, "dfe"))
    assert blocker.args == ["stakeholder:dfe"]
    assert network.current == "dfe"


def test_hovering_a_node_highlights_its_neighbours(qtbot: QtBot, network: NetworkView) -> None:
    nodes = network.nodes
    qtbot.mouseMove(network.viewport(), node_point(network, "sutton-trust"))
    qtbot.waitUntil(lambda: network.hovered == "sutton-trust")
    assert nodes["dfe"].opacity() == pytest.approx(DIM)
    assert nodes["eef"].opacity() == 1.0 and nodes["eef"].emphasised
    assert nodes["sutton-trust"].opacity() == 1.0
    by_kind = {edge.link.kind: edge for edge in network.edges}
    assert by_kind["founded"].emphasised and by_kind["founded"].opacity() == 1.0
    assert by_kind["funds"].opacity() == pytest.approx(DIM)
    qtbot.mouseMove(network.viewport(), QPoint(2, 2))
    qtbot.waitUntil(lambda: network.hovered is None)
    assert all(node.opacity() == 1.0 and not node.emphasised for node in nodes.values())


def test_network_keyboard(qtbot: QtBot, network: NetworkView) -> None:
    network.setFocus()
    qtbot.keyClick(network, Qt.Key.Key_Tab)
    assert network.current == "dfe"                     # nodes in label order: DfE, EEF, Sutton Trust
    assert network.nodes["dfe"].focused
    qtbot.keyClick(network, Qt.Key.Key_Tab)
    assert network.current == "eef"
    qtbot.keyClick(network, Qt.Key.Key_Backtab)
    assert network.current == "dfe"
    qtbot.keyClick(network, Qt.Key.Key_Right)           # EEF is right of and below DfE, Sutton Trust further
    assert network.current == "eef"
    with qtbot.waitSignal(network.open_location) as blocker:
        qtbot.keyClick(network, Qt.Key.Key_Return)
    assert blocker.args == ["stakeholder:eef"]
    scale = network.transform().m11()
    qtbot.keyClick(network, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert network.transform().m11() == pytest.approx(scale * 1.25)
    qtbot.keyClick(network, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert network.transform().m11() == pytest.approx(scale)
    qtbot.keyClick(network, Qt.Key.Key_Escape)
    assert network.current is None


def test_export_png_and_svg(network: NetworkView, tmp_path: Path) -> None:
    network.highlight("sutton-trust")
    network.export_png(tmp_path / "map.png")
    network.export_svg(tmp_path / "map.svg")
    image = QImage(str(tmp_path / "map.png"))
    assert not image.isNull() and image.width() > 1000
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Sutton Trust" in svg and "EEF" in svg
    assert network.nodes["dfe"].opacity() == pytest.approx(DIM)    # the highlight is back after exporting


# The view and its card ---------------------------------------------------------------------------
def test_show_key_fills_the_card_and_selects_the_node(view: StakeholdersView, library: Library) -> None:
    view.show_key("eef")
    text = view.card.toPlainText()
    for expected in ("Education Endowment Foundation", "EEF", "Funds and evaluates education programmes.",
                     "Charity", "All phases", "2011", "Links out (0)", "Links in (2)", "Sutton Trust",
                     "Department for Education", "Lead founder", "Founding grant", "Mentioned in (2)",
                     "Opening chapter › Tutoring in small groups"):
        assert expected in text
    html = view.card.toHtml()
    assert 'href="stakeholder:sutton-trust"' in html and 'href="source:eef-toolkit"' in html
    for ref in library.mentioning_sections("eef"):
        assert f'href="{ref.id}"' in html
    assert 'href="https://educationendowmentfoundation.org.uk/"' in html
    assert view.network.current == "eef"
    assert "eef" in view.matrix.table.currentItem().data(Qt.ItemDataRole.UserRole)
    view.show_key("dfe")
    assert "Links out (1)" in view.card.toPlainText() and view.network.current == "dfe"


def test_show_key_of_an_unknown_organisation_raises(view: StakeholdersView) -> None:
    with pytest.raises(LibraryError):
        view.show_key("nobody")


@pytest.mark.parametrize("location", ["stakeholder:dfe", "report/opening#tutoring-in-small-groups",
                                      "https://www.suttontrust.com/"])
def test_card_links_are_emitted_never_opened(qtbot: QtBot, view: StakeholdersView, location: str) -> None:
    view.show_key("sutton-trust")
    assert not view.card.openLinks() and not view.card.openExternalLinks()
    with qtbot.waitSignal(view.open_location) as blocker:
        view.card.anchorClicked.emit(QUrl(location))
    assert blocker.args == [location]


def test_matrix_and_network_locations_reach_the_view(qtbot: QtBot, view: StakeholdersView) -> None:
    with qtbot.waitSignal(view.open_location) as blocker:
        view.network.set_current("sutton-trust")
        view.network.open_current()
    assert blocker.args == ["stakeholder:sutton-trust"]
    view.tabs.setCurrentWidget(view.network)
    assert "Sutton Trust" in view.network_status.text()


@pytest.mark.parametrize(("kind", "chosen", "written"), [
    ("png", "map.png", "map.png"), ("svg", "map.svg", "map.svg"), ("svg", "map", "map.svg")])
def test_export_buttons_write_files(qtbot: QtBot, view: StakeholdersView, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch, kind: str, chosen: str, written: str) -> None:
    asked: list[tuple[str, str]] = []

    def ask(_cls: type, _parent: QWidget | None, suggested: str, file_filter: str) -> str:
        asked.append((suggested, file_filter))
        return str(tmp_path / chosen)

    monkeypatch.setattr(StakeholdersView, "ask_save_path", classmethod(ask))
    button = view.export_png if kind == "png" else view.export_svg
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked and asked[0][0].endswith(f".{kind}")
    data = (tmp_path / written).read_bytes()
    if kind == "png":
        assert not QImage.fromData(data).isNull()
    else:
        assert b"<svg" in data


def test_export_failure_is_reported(qtbot: QtBot, view: StakeholdersView, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch, told: Told) -> None:
    monkeypatch.setattr(StakeholdersView, "ask_save_path",
                        classmethod(lambda _cls, _p, _s, _f: str(tmp_path / "missing" / "map.png")))
    qtbot.mouseClick(view.export_png, Qt.MouseButton.LeftButton)
    assert told.error_titles == ["Export failed"]


def test_cancelled_export_writes_nothing(qtbot: QtBot, view: StakeholdersView, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StakeholdersView, "ask_save_path", classmethod(lambda _cls, _p, _s, _f: None))
    qtbot.mouseClick(view.export_svg, Qt.MouseButton.LeftButton)
    assert list(tmp_path.iterdir()) == []


def test_controls_have_accessible_names(view: StakeholdersView) -> None:
    for name in ("stakeholderTabs", "matrixFilter", "matrixSector", "matrixTable", "matrixList", "networkView",
                 "stakeholderCard", "networkZoomIn", "networkZoomOut", "networkShowAll", "exportPng", "exportSvg",
                 "networkStatus"):
        widget = view.findChild(QWidget, name)
        assert widget is not None and widget.accessibleName(), name


# The real content ---------------------------------------------------------------------------------
def test_real_network_labels_do_not_overlap(qtbot: QtBot, real_library: Library) -> None:
    records = real_library.stakeholders()
    boxes = [label_box(h.x, h.y, node_label(h.name, h.aliases)) for h in records]
    clashes = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])]
    assert clashes == []
    network = NetworkView(real_library)
    qtbot.addWidget(network)
    assert len(network.nodes) == len(records) and len(network.edges) == len(real_library.links())
    for node in network.nodes.values():
        # What is drawn stays inside the box the build kept clear of other labels.
        box = node.rect()
        assert node.background.pos() == node.pos()
        for drawn in (node.background.rect(), node.dot.mapRectToParent(node.dot.boundingRect()),
                      node.text.mapRectToParent(node.text.boundingRect())):
            assert box.left() <= drawn.left() and drawn.right() <= box.right() + 0.5, node.key
            assert box.top() <= drawn.top() and drawn.bottom() <= box.bottom(), node.key
