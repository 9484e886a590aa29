"""The text pane of the reader: loads figures from the library and nothing else; finds paragraphs."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRectF, QSize, QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QTextBlock, QTextCursor
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QTextBrowser, QWidget

from explorer.errors import LibraryError
from explorer.library.store import Library


class ChapterBrowser(QTextBrowser):
    """A QTextBrowser that loads figures from the library and nothing else."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.refused: list[str] = []   # resources asked for and refused (tests read this)

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 (Qt API)
        name = url.toString() if isinstance(url, QUrl) else str(url)
        if name.startswith("figure:"):
            try:
                figure = self.library.figure(name.removeprefix("figure:"))
            except LibraryError:
                return QImage()
            return _svg_to_image(figure.svg, self.viewport().width())
        # Nothing outside the library is ever loaded: no remote images, no local files.
        # (An empty image, not None: returning None from this override upsets PySide's refcounts.)
        self.refused.append(name)
        return QImage()


    def paragraph_ids_in(self, block: QTextBlock) -> list[str]:
        """Anchor names set on a block's text (a paragraph's id is one of them)."""
        names: list[str] = []
        iterator = block.begin()
        while not iterator.atEnd():
            names.extend(iterator.fragment().charFormat().anchorNames())
            iterator += 1
        return names

    def paragraph_at(self, known: set[str], point: QPoint | None = None) -> str | None:
        """The id of the paragraph under `point` (viewport coordinates), at the text cursor when
        the reader has clicked or selected (where the selection starts), or at the top of the view."""
        if point is not None:
            block = self.cursorForPosition(point).block()
        elif self.cursor_placed():
            block = self.document().findBlock(self.textCursor().selectionStart())
        else:
            block = self.cursorForPosition(QPoint(8, 8)).block()
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


def _svg_to_image(svg: str, width: int) -> QImage:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize()
    target_width = max(320, min(width - 40, 760))
    scale = target_width / max(size.width(), 1)
    image = QImage(QSize(int(size.width() * scale), int(size.height() * scale)),
                   QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    return image
