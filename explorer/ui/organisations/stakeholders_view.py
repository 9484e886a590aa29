"""The Organisations view: matrix and network tabs beside the card of one organisation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from explorer.formats.cards import organisation_card
from explorer.library.store import Library
from explorer.model.vocabulary import SECTOR_LABELS
from explorer.ui.common import file_dialogs
from explorer.ui.common.card_browser import CardBrowser
from explorer.ui.common.messages import Messages
from explorer.ui.organisations.network_view import NetworkView
from explorer.ui.organisations.stakeholder_matrix import StakeholderMatrix

EXPORTS = {"png": ("organisation-network.png", "PNG image (*.png)"),
           "svg": ("organisation-network.svg", "SVG drawing (*.svg)")}


class StakeholdersView(QWidget):
    """Organisations as a sectors-by-phases matrix and as a network, and the card of the one shown.

    Signals:
        open_location(str): an organisation, section, source or web address was chosen.
    """

    open_location = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.current_key: str | None = None
        self._build()
        self._connect_signals()

    @classmethod
    def ask_save_path(cls, parent: QWidget | None, suggested_name: str, file_filter: str) -> str | None:
        """Ask where to save an export (tests patch this)."""
        return file_dialogs.ask_save_path(parent, "Export the network", suggested_name, file_filter)

    # Construction -------------------------------------------------------------------------
    def _button(self, text: str, name: str, accessible: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setToolTip(accessible)
        return button

    def _build(self) -> None:
        self.matrix = StakeholderMatrix(self.library, self)
        self.network = NetworkView(self.library, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("stakeholderTabs")
        self.tabs.setAccessibleName("Organisation views")
        self.tabs.addTab(self.matrix, "&Matrix")
        self.tabs.addTab(self.network, "&Network")
        self.zoom_out = self._button("−", "networkZoomOut", "Zoom the network out")
        self.zoom_all = self._button("Show all", "networkShowAll", "Show the whole network")
        self.zoom_in = self._button("+", "networkZoomIn", "Zoom the network in")
        self.export_png = self._button("Export PNG…", "exportPng", "Export the network as a PNG image")
        self.export_svg = self._button("Export SVG…", "exportSvg", "Export the network as an SVG drawing")
        self.network_status = QLabel("Hover or Tab to a node to see its links; click or Enter opens its card.", self)
        self.network_status.setObjectName("networkStatus")
        self.network_status.setAccessibleName("Network status")
        self.network_status.setWordWrap(True)
        self.network_status.setMinimumWidth(120)
        self.card = CardBrowser(self)
        self.card.setObjectName("stakeholderCard")
        self.card.setAccessibleName("Organisation card")
        self.card.setMinimumWidth(240)
        self.card.show_card("<p><i>Choose an organisation in the matrix or the network to see its card.</i></p>")

        bar = QHBoxLayout()
        bar.addWidget(self.network_status, 1)
        bar.addStretch(0)
        for button in (self.zoom_out, self.zoom_all, self.zoom_in, self.export_png, self.export_svg):
            bar.addWidget(button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tabs, 1)
        left_layout.addLayout(bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.card)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([700, 300])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._sync_buttons()

    def _connect_signals(self) -> None:
        self.matrix.open_location.connect(self.on_matrix_open_location)
        self.network.open_location.connect(self.on_network_open_location)
        self.network.current_changed.connect(self.on_network_current_changed)
        self.card.anchorClicked.connect(self.on_card_anchor_clicked)
        self.tabs.currentChanged.connect(self.on_tabs_current_changed)
        self.zoom_out.clicked.connect(self.on_zoom_out_clicked)
        self.zoom_all.clicked.connect(self.on_zoom_all_clicked)
        self.zoom_in.clicked.connect(self.on_zoom_in_clicked)
        self.export_png.clicked.connect(self.on_export_png_clicked)
        self.export_svg.clicked.connect(self.on_export_svg_clicked)

    # Public API -----------------------------------------------------------------------------
    def show_key(self, key: str) -> None:
        """Show an organisation's card, select it in the matrix and centre it in the network.

        Raises:
            LibraryError: no such organisation.
        """
        record = self.library.stakeholder(key)
        self.current_key = key
        self.card.show_card(organisation_card(self.library, record))
        self.network.set_current(key, centre=True)
        self.matrix.select_key(key)

    def export(self, kind: str) -> None:
        """Ask for a file and write the network to it as "png" or "svg"; failures are reported."""
        suggested, file_filter = EXPORTS[kind]
        chosen = self.ask_save_path(self, suggested, file_filter)
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(path.name + f".{kind}")
        try:
            (self.network.export_png if kind == "png" else self.network.export_svg)(path)
        except OSError as exc:
            Messages.error(self, "Export failed", f"The network could not be saved as {path.name}.",
                           exc.strerror or str(exc))

    def _sync_buttons(self) -> None:
        on_network = self.tabs.currentWidget() is self.network
        for widget in (self.network_status, self.zoom_out, self.zoom_all, self.zoom_in):
            widget.setVisible(on_network)

    # Slots ---------------------------------------------------------------------------------
    @Slot(str)
    def on_matrix_open_location(self, location: str) -> None:
        self.open_location.emit(location)

    @Slot(str)
    def on_network_open_location(self, location: str) -> None:
        self.open_location.emit(location)

    @Slot(str)
    def on_network_current_changed(self, key: str) -> None:
        record = self.network.nodes[key].record
        count = len(self.network.neighbours[key])
        self.network_status.setText(f"{record.name} · {SECTOR_LABELS.get(record.sector, record.sector)} · "
                                    f"{count} linked organisation{'s' if count != 1 else ''}. Enter opens its card.")

    @Slot(QUrl)
    def on_card_anchor_clicked(self, url: QUrl) -> None:
        # Nothing is opened here: the main window routes every location (and asks before a browser).
        self.open_location.emit(url.toString())

    @Slot(int)
    def on_tabs_current_changed(self, _index: int) -> None:
        self._sync_buttons()

    @Slot()
    def on_zoom_out_clicked(self) -> None:
        self.network.zoom_by(0.8)

    @Slot()
    def on_zoom_all_clicked(self) -> None:
        self.network.show_all()

    @Slot()
    def on_zoom_in_clicked(self) -> None:
        self.network.zoom_by(1.25)

    @Slot()
    def on_export_png_clicked(self) -> None:
        self.export("png")

    @Slot()
    def on_export_svg_clicked(self) -> None:
        self.export("svg")
