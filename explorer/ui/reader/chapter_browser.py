"""The text pane of the reader: sets the text in a centred column, loads figures from the library
and nothing else, finds paragraphs."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QPoint, QRectF, QSize, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QImage,
    QPainter,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QTextBrowser, QWidget

from explorer.errors import LibraryError
from explorer.library.store import Library
from explorer.ui.common.theme import ReadingStyle

# Average letter width of running English text is about that of this sentence's characters.
_SAMPLE = "The review sets out what public evidence says about social mobility in England."
_MIN_MARGIN = 24     # px either side of the column when the pane is narrower than the column
_TOP_MARGIN = 16
_FIGURE_PADDING = 12


class ChapterBrowser(QTextBrowser):
    """A QTextBrowser that sets text in a centred column of `style.column` characters at most,
    with the style's line spacing, and loads figures from the library and nothing else."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.refused: list[str] = []   # resources asked for and refused (tests read this)
        self.style_in_use = ReadingStyle("serif", 12.0, 150, 68)
        self.figure_background = "#ffffff"
        self._margin = -1.0
        self.document().setUndoRedoEnabled(False)   # read-only text: no history to keep
        # Everything wraps to the column; a table's collapsed border pokes a pixel past it, which
        # would otherwise bring a useless horizontal scroll bar.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    # Setting the text -----------------------------------------------------------------------
    def set_style(self, style: ReadingStyle) -> None:
        """Use this font, size, spacing and column (the caller re-renders for the spacing)."""
        self.style_in_use = style
        font = QFont(style.family)
        font.setPointSizeF(style.point_size)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._margin = -1.0
        self._fit_column()

    def show_html(self, html: str) -> None:
        """Show a page: its text set in the column with the style's line spacing."""
        self.setHtml(html)
        # Qt's rich text reads no line-height from CSS; the block format carries it, as a share of
        # the font's own line height (Charis SIL's is 1.64 em, tall for stacked accents).
        spacing = QTextBlockFormat()
        spacing.setLineHeight(self.line_height_percent(),
                              QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(spacing)
        self._margin = -1.0
        self._fit_column()

    def line_height_percent(self) -> float:
        """The block line height that spaces lines `line_spacing` percent of the font's size apart."""
        natural_em = QFontMetricsF(self.font()).lineSpacing() / max(1, QFontInfo(self.font()).pixelSize())
        return self.style_in_use.line_spacing / natural_em

    def column_width(self) -> float:
        """The column's width in px: `column` characters of running text in the reading font."""
        metrics = QFontMetricsF(self.font())
        return self.style_in_use.column * metrics.horizontalAdvance(_SAMPLE) / len(_SAMPLE)

    def _fit_column(self) -> None:
        """Centre the column: equal side margins on the document's root frame."""
        side = float(max(_MIN_MARGIN, (self.viewport().width() - int(self.column_width())) // 2))
        if abs(side - self._margin) < 0.5:
            return
        self._margin = side
        root = self.document().rootFrame()
        frame = root.frameFormat()
        frame.setLeftMargin(side)
        frame.setRightMargin(side)
        frame.setTopMargin(_TOP_MARGIN)
        frame.setBottomMargin(_TOP_MARGIN * 3)
        root.setFrameFormat(frame)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        # The viewport also narrows when the scroll bar appears, without the widget resizing.
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:
            self._fit_column()
        return handled

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 (Qt API)
        name = url.toString() if isinstance(url, QUrl) else str(url)
        if name.startswith("figure:"):
            try:
                figure = self.library.figure(name.removeprefix("figure:"))
            except LibraryError:
                return QImage()
            width = min(self.column_width(), self.viewport().width() - 2 * _MIN_MARGIN) - 4
            return _svg_to_image(figure.svg, int(width), QColor(self.figure_background))
        # Nothing outside the library is ever loaded: no remote images, no local files.
        # (An empty image, not None: returning None from this override upsets PySide's refcounts.)
        self.refused.append(name)
        return QImage()

    # Finding paragraphs ---------------------------------------------------------------------
    def paragraph_ids_in(self, block: QTextBlock) -> list[str]:
        """Anchor names set on a block's text (a paragraph's id is one of them)."""
        names: list[str] = []
        iterator = block.begin()
        while not iterator.atEnd():
            names.extend(iterator.fragment().charFormat().anchorNames())
            iterator += 1
        return names

    def block_named(self, name: str) -> QTextBlock:
        """The block holding an anchor (a section heading, a paragraph); invalid if none does."""
        block = self.document().begin()
        while block.isValid() and name not in self.paragraph_ids_in(block):
            block = block.next()
        return block

    def paragraph_at(self, known: set[str], point: QPoint | None = None) -> str | None:
        """The id of the paragraph under `point` (viewport coordinates), at the text cursor when
        the reader has clicked or selected (where the selection starts), or at the top of the view."""
        if point is not None:
            block = self.cursorForPosition(point).block()
        elif self.cursor_placed():
            block = self.document().findBlock(self.textCursor().selectionStart())
        else:
            block = self.cursorForPosition(QPoint(int(self._margin) + 8, 8)).block()
        found = self._paragraph_block(block, known)
        return found[1] if found else None

    def cursor_placed(self) -> bool:
        """Has the reader clicked or selected in the text (a new chapter starts at position 0)?"""
        return self.textCursor().hasSelection() or self.textCursor().position() > 0

    def _paragraph_block(self, block: QTextBlock, known: set[str]) -> tuple[QTextBlock, str] | None:
        """The paragraph holding `block`: its first block (the one with the id) and its id."""
        while block.isValid():
            for name in self.paragraph_ids_in(block):
                if name in known:
                    return block, name
            block = block.previous()
        return None

    def cursor_place(self, known: set[str]) -> tuple[str, int, int] | None:
        """Where the reader's cursor is, in terms a re-render keeps: the paragraph's id, and the
        cursor's anchor and position counted back from the end of that paragraph's first block
        (a re-render changes what is drawn before a paragraph, never its text). None when the
        reader has not clicked or selected."""
        if not self.cursor_placed():
            return None
        cursor = self.textCursor()
        found = self._paragraph_block(self.document().findBlock(cursor.selectionStart()), known)
        if found is None:
            return None
        block, paragraph_id = found
        end = block.position() + block.length() - 1
        return paragraph_id, end - cursor.anchor(), end - cursor.position()

    def restore_cursor_place(self, place: tuple[str, int, int]) -> bool:
        """Put the cursor (and selection) back where `cursor_place` found it; False when the
        paragraph is no longer in the text."""
        paragraph_id, anchor_back, position_back = place
        block = self.document().begin()
        while block.isValid() and paragraph_id not in self.paragraph_ids_in(block):
            block = block.next()
        if not block.isValid():
            return False
        end = block.position() + block.length() - 1
        last = self.document().characterCount() - 1
        cursor = QTextCursor(self.document())
        cursor.setPosition(max(block.position(), min(last, end - anchor_back)))
        cursor.setPosition(max(block.position(), min(last, end - position_back)),
                           QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        return True


def _svg_to_image(svg: str, width: int, background: QColor) -> QImage:
    """The figure drawn `width` px wide on a panel of `background` with a little padding. Charts
    come with white paper of their own: it is toned to `background` too (white stays white)."""
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize()
    target_width = max(240, width) - 2 * _FIGURE_PADDING
    scale = target_width / max(size.width(), 1)
    drawn = QSize(int(size.width() * scale), int(size.height() * scale))
    image = QImage(drawn + QSize(2 * _FIGURE_PADDING, 2 * _FIGURE_PADDING), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(_FIGURE_PADDING, _FIGURE_PADDING, drawn.width(), drawn.height()))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
    painter.fillRect(image.rect(), background)
    painter.end()
    return image
