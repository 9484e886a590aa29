"""Bookmarks and notes land on the paragraph the reader clicked in, even after the bookmark's
re-render; the note editor says which paragraph it is for and is safe at the keyboard.

The issue's case, on the shipped report: click in §8.7.3, Ctrl+D, Ctrl+Shift+N; the note used to
be saved at §8.7.1 (the paragraph at the top of the view once the re-render lost the cursor)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from explorer.library.store import Library, Paragraph
from explorer.ui.reader.note_editor import NoteEditor
from explorer.ui.shell.main_window import MainWindow
from tests.helpers.messages import Told
from tests.ui.shell.test_main_window import make_window

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, real_library: Library, tmp_path: Path, told: Told) -> MainWindow:
    return make_window(qtbot, real_library, tmp_path)


def click_in(qtbot: QtBot, window: MainWindow, paragraph: Paragraph) -> None:
    """A left click on a plain word of the paragraph (not a link, which would be followed)."""
    browser = window.reader.browser
    block = browser.document().begin()
    while paragraph.id not in browser.paragraph_ids_in(block):
        block = block.next()
    fragments = block.begin()
    while not fragments.atEnd():
        fragment = fragments.fragment()
        if not fragment.charFormat().anchorHref() and len(fragment.text().strip()) > 12:
            break
        fragments += 1
    assert not fragments.atEnd(), f"no plain words to click in {paragraph.label}"
    cursor = QTextCursor(browser.document())
    cursor.setPosition(fragment.position() + 6)
    browser.setTextCursor(QTextCursor(browser.document()))   # the click, not this, places it
    browser.ensureCursorVisible()
    place = browser.cursorRect(cursor)
    if not 0 <= place.top() < browser.viewport().height() - 40:
        bar = browser.verticalScrollBar()
        bar.setValue(bar.value() + place.top() - 60)
        place = browser.cursorRect(cursor)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=place.center())
    assert window.stack.currentWidget() is window.reader       # no link followed
    assert window.reader.current_paragraph() == paragraph   # the click landed where meant


def when_editor_opens(act: Callable[[NoteEditor], None]) -> list[NoteEditor]:
    """Run `act` on the note editor once it is open (exec() blocks until it closes); if none
    opens within two seconds, stop looking (the test then fails on the empty list)."""
    seen: list[NoteEditor] = []

    def look(tries: int) -> None:
        editors = [w for w in QApplication.topLevelWidgets() if isinstance(w, NoteEditor) and w.isVisible()]
        if editors:
            seen.append(editors[0])
            act(editors[0])
        elif tries:
            QTimer.singleShot(20, lambda: look(tries - 1))
    QTimer.singleShot(0, lambda: look(100))
    return seen


def type_and_save(qtbot: QtBot, text: str) -> Callable[[NoteEditor], None]:
    def act(dialog: NoteEditor) -> None:
        qtbot.keyClicks(dialog.editor, text)
        qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, CTRL)
        if dialog.isVisible():          # not saved: close it, so the test fails rather than hangs
            dialog.done(0)
    return act


@pytest.mark.parametrize("reference", ["§8.7.3 ¶1", "§8.7 ¶4"])
def test_bookmark_then_note_stay_on_the_paragraph_clicked(qtbot: QtBot, window: MainWindow,
                                                          real_library: Library, reference: str) -> None:
    paragraph = real_library.paragraph_at(reference)
    assert paragraph is not None
    window.navigate(paragraph.section_id)
    click_in(qtbot, window, paragraph)
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_D, CTRL)
    seen = when_editor_opens(type_and_save(qtbot, "Ask the board about this"))
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert seen, "Ctrl+Shift+N opened no note editor"
    annotations = window.userdata.annotations()
    assert [(a.kind, a.paragraph_id) for a in annotations] == [("bookmark", paragraph.id), ("note", paragraph.id)]
    first_of_chapter = real_library.chapter_paragraphs(paragraph.section_id.partition("#")[0])[0]
    assert paragraph.id != first_of_chapter.id
    assert annotations[1].body == "Ask the board about this"
    # The editor said which paragraph it was for, quoting its start.
    assert reference in seen[0].reference.text()
    assert paragraph.text.split()[1] in seen[0].quote.text()
    # ... and the panel lists the note there.
    listed = [window.notes_panel.list.item(i).text() for i in range(window.notes_panel.list.count())]
    assert any(line.startswith("Note · ") and reference in line for line in listed)


def test_a_selection_survives_the_bookmark_re_render(qtbot: QtBot, window: MainWindow,
                                                     real_library: Library) -> None:
    paragraph = real_library.paragraph_at("§8.7 ¶4")
    assert paragraph is not None
    window.navigate(paragraph.section_id)
    click_in(qtbot, window, paragraph)
    browser = window.reader.browser
    cursor = browser.textCursor()
    cursor.movePosition(cursor.MoveOperation.StartOfWord)
    cursor.movePosition(cursor.MoveOperation.Right, cursor.MoveMode.KeepAnchor, 20)
    browser.setTextCursor(cursor)
    selected = cursor.selectedText()
    assert len(selected) == 20 and selected in paragraph.text
    window.actions_by_name["bookmark"].trigger()
    assert window.reader.marks == {paragraph.id: "bookmark"}       # re-rendered with its mark
    assert browser.textCursor().selectedText() == selected
    assert window.reader.current_paragraph() == paragraph


def test_note_editor_keys_are_safe(qtbot: QtBot, real_library: Library, told: Told) -> None:
    paragraph = real_library.paragraph_at("§8.7.3 ¶1")
    assert paragraph is not None
    editor = NoteEditor(None, "Add a note", f"Secondary school {paragraph.label}", paragraph.text)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    editor.editor.setFocus()
    qtbot.keyClicks(editor.editor, "Half a thought")
    qtbot.keyClick(editor.editor, Qt.Key.Key_Tab)
    assert editor.text() == "Half a thought"               # Tab typed nothing ...
    assert not editor.editor.hasFocus()                     # ... it moved on
    told.answer = False                                     # "Discard this note?" No
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert told.questions == [("Discard this note?", "Your note has not been saved. Discard it?")]
    assert editor.isVisible() and editor.text() == "Half a thought"
    editor.buttons.button(editor.buttons.StandardButton.Cancel).click()
    assert len(told.questions) == 2 and editor.isVisible()
    editor.editor.setFocus()
    with qtbot.waitSignal(editor.accepted, timeout=2000):
        qtbot.keyClick(editor.editor, Qt.Key.Key_Return, CTRL)
    assert editor.result() == editor.DialogCode.Accepted


def test_an_empty_note_cancels_without_asking(qtbot: QtBot, told: Told) -> None:
    editor = NoteEditor(None, "Add a note", "§1 ¶1", "Some passage.")
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not told.questions and not editor.isVisible()
