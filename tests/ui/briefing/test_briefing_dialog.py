"""The briefing pack dialog and the PDF it writes, against the fixture library."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QCheckBox, QDialog, QLineEdit, QListWidget, QPushButton, QTreeWidget, QWidget
from pytestqt.qtbot import QtBot

from explorer.formats import briefing
from explorer.formats.briefing import BriefingRequest
from explorer.library.store import Library
from explorer.ui.briefing.briefing_dialog import PDF_FILTER, BriefingDialog
from explorer.ui.briefing.pack_output import export_pdf, pdf_writer
from explorer.ui.briefing.page_layout import layout_pack
from explorer.userdata.store import UserData
from tests.helpers.messages import Told

OPENING = ["report/opening", "report/opening#tutoring-in-small-groups", "report/opening#places",
           "report/opening#case-study-tutoring-pilot"]
HEADINGS = ["1 Opening chapter", "1.1 Tutoring in small groups", "1.2 Places and mobility",
            "1.2.1 Case study: Tutoring pilot"]
NOTE = "Ask the chief executive what tutoring costs per pupil"
JOB_TIMEOUT = 20_000     # ms; the PDF is written off the main thread


@pytest.fixture
def userdata(tmp_path: Path, library: Library) -> Iterator[UserData]:
    data = UserData(tmp_path / "user.sqlite", backup=False)
    paragraph = library.paragraphs("report/opening#tutoring-in-small-groups")[0]
    data.add_annotation("note", paragraph.id, paragraph.section_id, paragraph.text, NOTE)
    data.add_annotation("bookmark", paragraph.id, paragraph.section_id, paragraph.text)
    yield data
    data.close()


def make_dialog(qtbot: QtBot, library: Library, userdata: UserData | None,
                chapter: str | None = "report/opening") -> BriefingDialog:
    dialog = BriefingDialog(library, userdata, preselect_chapter=chapter)
    qtbot.addWidget(dialog)
    return dialog


def pages_text(path: Path) -> list[str]:
    """Each page's text with its whitespace collapsed (so words wrapped onto two lines still match)."""
    reader = pypdf.PdfReader(path)
    return [" ".join(page.extract_text(extraction_mode="layout").split()) for page in reader.pages]


def tick(widget: QListWidget, key: str) -> None:
    for row in range(widget.count()):
        if widget.item(row).data(Qt.ItemDataRole.UserRole) == key:
            widget.item(row).setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"no item {key}")


# The PDF -----------------------------------------------------------------------------------------
def test_export_pdf_holds_the_chosen_text_notes_and_bibliography(
        qtbot: QtBot, tmp_path: Path, library: Library, userdata: UserData) -> None:
    ids = [p.id for section in OPENING for p in library.paragraphs(section)]
    notes = briefing.notes_by_paragraph(userdata.annotations_for(ids))
    request = BriefingRequest(tuple(OPENING), ("chetty-2014",), ("sutton-trust",), True, "March board")
    path = tmp_path / "pack.pdf"

    pages = export_pdf(library, request, path, notes)

    assert path.read_bytes().startswith(b"%PDF")
    texts = pages_text(path)
    assert len(texts) == pages
    # Title, contents, the chapter, sources, organisations, bibliography: one page each here.
    assert 6 <= pages <= 9
    everything = " ".join(texts)
    assert "Briefing pack: March board" in texts[0]
    assert "Fixture Review" in texts[0] and "0.9.0" in texts[0]
    assert library.edition().content_hash[:8] not in everything     # a hash is for IT, in About
    assert "Page" not in texts[0]                 # no footer on the title page
    assert f"Page 2 of {pages}" in texts[1]
    assert f"Bibliography {pages}" in texts[1]      # the contents list gives each part's page
    for heading in HEADINGS:
        assert heading in everything
    assert "§1.1 ¶1 Small-group tutoring" in everything
    assert f"My note: {NOTE}" in everything
    assert "Where is the land of opportunity?" in everything       # the source card
    assert "Sutton Trust" in everything                            # the organisation card
    bibliography = texts[-1]
    assert bibliography.startswith("Bibliography")
    assert "Chetty, R. et al. (2014)" in bibliography
    assert "Cooper, K. and Stewart, K. (2013)" in bibliography


def test_bibliography_leaves_out_sources_the_pack_does_not_cite(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "second.pdf"
    export_pdf(library, BriefingRequest(("report/second", "report/second#tutoring-in-small-groups"),
                                        stakeholder_keys=("dfe",)), path)
    texts = pages_text(path)
    assert "2 Second chapter" in " ".join(texts)
    assert "Chetty" in texts[-1]
    everything = " ".join(texts)
    for uncited in ("Cooper", "Rowntree", "Teaching and Learning Toolkit"):
        assert uncited not in everything


def test_real_pack_keeps_headings_with_their_text(qtbot: QtBot, real_library: Library) -> None:
    request = BriefingRequest(tuple(s.id for s in real_library.chapter_sections("report/early-years")),
                              ("epi-annual-2025",), ("epi",))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # With this note (and DejaVu Serif), "6.3 Funded places…" would otherwise end page 3.
    paragraph = real_library.paragraphs("report/early-years#how-big-the-gap-is-at-five")[0]
    notes = {paragraph.id: ["Ask the chief executive how our nursery grants compare.\nBring the 2024 figures."]}
    document = layout_pack(real_library, request, notes, pdf_writer(buffer, request))
    layout, height = document.documentLayout(), document.pageSize().height()

    def page(y: float) -> int:
        return int((y + 0.5) // height) + 1

    headings = 0
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            text = block.next()
            while text.isValid() and text.blockFormat().headingLevel():
                text = text.next()
            if text.isValid():
                headings += 1
                line = text.layout().lineAt(0)
                first_line = layout.blockBoundingRect(text).top() + line.y() + line.height()
                assert page(layout.blockBoundingRect(block).top()) == page(first_line), block.text()
        block = block.next()
    assert headings > 15
    contents = document.toPlainText()
    assert re.search(r"6\.5\.1 Case study: Nuffield Early Language Intervention\s*\d+", contents)


def test_export_pdf_refuses_an_unwritable_path(tmp_path: Path, library: Library) -> None:
    with pytest.raises(OSError):
        export_pdf(library, BriefingRequest(("report/second",)), tmp_path / "missing" / "pack.pdf")


# The dialog --------------------------------------------------------------------------------------
@pytest.mark.parametrize("location", ["report/opening", "report/opening#places"])
def test_this_chapter_ticks_every_section_of_the_chapter(
        qtbot: QtBot, library: Library, location: str) -> None:
    dialog = make_dialog(qtbot, library, None, location)
    assert dialog.checked_sections() == OPENING
    chapter = dialog.chapter_items["report/opening"]
    assert chapter.checkState(0) == Qt.CheckState.Checked and chapter.isExpanded()
    assert dialog.chapter_items["report/second"].checkState(0) == Qt.CheckState.Unchecked
    assert chapter.parent().checkState(0) == Qt.CheckState.PartiallyChecked
    assert dialog.title_edit.text() == "Opening chapter"
    assert dialog.request() == BriefingRequest(tuple(OPENING), (), (), False, "Opening chapter")
    assert dialog.summary.text() == "4 sections, no source cards and no organisation cards, without notes."


def test_nothing_chosen_disables_export_and_print(qtbot: QtBot, library: Library, userdata: UserData) -> None:
    dialog = make_dialog(qtbot, library, userdata, None)
    assert dialog.checked_sections() == []
    assert not dialog.export_button.isEnabled() and not dialog.print_button.isEnabled()
    assert dialog.notes_box.isChecked() and dialog.notes_box.isEnabled()
    tick(dialog.organisations, "eef")
    assert dialog.export_button.isEnabled() and dialog.print_button.isEnabled()
    assert dialog.request().stakeholder_keys == ("eef",)


def test_filters_hide_items_and_keep_ticks(qtbot: QtBot, library: Library) -> None:
    dialog = make_dialog(qtbot, library, None)
    tick(dialog.sources, "chetty-2014")
    dialog.source_filter.setText("toolkit")
    shown = [dialog.sources.item(r).data(Qt.ItemDataRole.UserRole) for r in range(dialog.sources.count())
             if not dialog.sources.item(r).isHidden()]
    assert shown == ["eef-toolkit"]
    dialog.organisation_filter.setText("DfE")
    shown = [dialog.organisations.item(r).text() for r in range(dialog.organisations.count())
             if not dialog.organisations.item(r).isHidden()]
    assert shown == ["Department for Education (DfE)"]
    assert dialog.request().source_keys == ("chetty-2014",)


def test_every_control_has_an_accessible_name(qtbot: QtBot, library: Library) -> None:
    dialog = make_dialog(qtbot, library, None)
    controls = [w for kind in (QTreeWidget, QListWidget, QLineEdit, QCheckBox, QPushButton)
                for w in dialog.findChildren(kind)]
    assert len(controls) >= 10
    assert [w.objectName() for w in controls if not w.accessibleName()] == []
    assert isinstance(dialog, QWidget) and dialog.accessibleName() == "Briefing pack"


def test_export_through_the_dialog(qtbot: QtBot, tmp_path: Path, library: Library, userdata: UserData,
                                   told: Told, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, str]] = []

    def ask(_cls: type, _parent: QWidget | None, suggested: str, file_filter: str) -> str:
        asked.append((suggested, file_filter))
        return str(tmp_path / "board-pack")     # no suffix: the dialog adds ".pdf"

    monkeypatch.setattr(BriefingDialog, "ask_save_path", classmethod(ask))
    dialog = make_dialog(qtbot, library, userdata)
    tick(dialog.sources, "chetty-2014")
    dialog.organisation_filter.setText("sutton")
    tick(dialog.organisations, "sutton-trust")

    with qtbot.waitSignal(dialog.job_finished, timeout=JOB_TIMEOUT) as finished:
        dialog.export_button.click()
        assert dialog.busy and not dialog.export_button.isEnabled() and not dialog.cancel_button.isEnabled()

    assert finished.args == [True] and not dialog.busy
    assert asked and asked[0][0].endswith("Briefing pack - Opening chapter.pdf") and asked[0][1] == PDF_FILTER
    path = tmp_path / "board-pack.pdf"
    assert path.is_file()
    everything = " ".join(pages_text(path))
    assert all(heading in everything for heading in HEADINGS)
    assert f"My note: {NOTE}" in everything and "Sutton Trust" in everything
    assert told.errors == []
    assert told.infos and str(path) in told.infos[0][1]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_export_without_notes(qtbot: QtBot, tmp_path: Path, library: Library, userdata: UserData,
                              told: Told, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(BriefingDialog, "ask_save_path", classmethod(lambda *_a: str(tmp_path / "p.pdf")))
    dialog = make_dialog(qtbot, library, userdata)
    dialog.notes_box.setChecked(False)
    with qtbot.waitSignal(dialog.job_finished, timeout=JOB_TIMEOUT):
        dialog.export_button.click()
    assert NOTE not in " ".join(pages_text(tmp_path / "p.pdf"))


def test_cancelled_save_writes_nothing(qtbot: QtBot, tmp_path: Path, library: Library, told: Told,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(BriefingDialog, "ask_save_path", classmethod(lambda *_a: None))
    dialog = make_dialog(qtbot, library, None)
    dialog.export_button.click()
    assert list(tmp_path.iterdir()) == [] and told.infos == [] and told.errors == []
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_export_failure_is_told_not_raised(qtbot: QtBot, tmp_path: Path, library: Library, told: Told,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "no-such-folder" / "pack.pdf"
    monkeypatch.setattr(BriefingDialog, "ask_save_path", classmethod(lambda *_a: str(target)))
    dialog = make_dialog(qtbot, library, None)
    with qtbot.waitSignal(dialog.job_finished, timeout=JOB_TIMEOUT) as finished:
        dialog.export_button.click()
    assert finished.args == [False]
    assert told.error_titles == ["Could not export the briefing pack"]
    assert "no-such-folder" in told.errors[0][1]
    assert not target.exists() and told.infos == []
    assert dialog.export_button.isEnabled() and dialog.cancel_button.isEnabled()


def test_print_goes_through_the_print_dialog(qtbot: QtBot, tmp_path: Path, library: Library, told: Told,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "printed.pdf"
    shown: list[str] = []

    def ask_print(_cls: type, _parent: QWidget | None, printer: QPrinter) -> bool:
        # What a user choosing "print to file" would set up in the system dialog.
        shown.append(printer.docName())
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    monkeypatch.setattr(BriefingDialog, "ask_print", classmethod(ask_print))
    dialog = make_dialog(qtbot, library, None)
    with qtbot.waitSignal(dialog.job_finished, timeout=JOB_TIMEOUT):
        dialog.print_button.click()
    assert shown == ["Briefing pack: Opening chapter"]
    texts = pages_text(target)
    assert 4 <= len(texts) <= 7 and "1.1 Tutoring in small groups" in " ".join(texts)
    assert told.errors == [] and dialog.result() == QDialog.DialogCode.Accepted


def test_cancelled_print_prints_nothing(qtbot: QtBot, library: Library, told: Told,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(BriefingDialog, "ask_print", classmethod(lambda *_a: False))
    dialog = make_dialog(qtbot, library, None)
    dialog.print_button.click()
    assert told.errors == [] and dialog.result() != QDialog.DialogCode.Accepted
