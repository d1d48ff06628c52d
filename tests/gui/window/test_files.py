"""Print preview, printing, PDF export and exchange files from the window's File menu."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from ercsheet.gui import file_actions, print_job, printing
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.signing.printing import current_sheet, pdf_bytes
from ercsheet.store.example import create_example_candidate
from tests.conftest import TODAY
from tests.gui.window.file_dialogs import save_to
from tests.gui.window.modal import read_next_message, when_modal_opens


def test_print_preview_shows_the_real_pdf_of_the_sheet(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    seen: dict[str, object] = {}

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, printing.PrintPreviewDialog)
        seen["pages"] = dialog.document.pageCount()
        seen["status"] = dialog.document.status()
        seen["text"] = dialog.document.getAllText(0).text()
        dialog.reject()

    when_modal_opens(look, kind=printing.PrintPreviewDialog)
    window.controller.print_preview()
    assert seen["status"] == QPdfDocument.Status.Ready
    assert seen["pages"] == 1
    assert "Evidence Record Sheet" in str(seen["text"])
    assert "Siân Llewellyn" in str(seen["text"])


def test_printing_sends_every_page_to_the_printer(
    qtbot: QtBot, window: MainWindow, example_sheet: int, tmp_path: Path
) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    second = create_example_candidate(window.store, window.catalogue, TODAY)
    pdf = pdf_bytes([current_sheet(window.store, i) for i in (example_sheet, second)])
    read_next_message([])  # where it went
    assert print_job.print_pdf(window, pdf, printer)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 2


def test_export_pdf_writes_the_sheet_where_the_assessor_chose(
    window: MainWindow, example_sheet: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "exported.pdf"
    save_to(monkeypatch, out)
    said: list[str] = []
    read_next_message(said)
    window.controller.export_pdf()
    assert "exported.pdf" in said[0] and str(tmp_path) in said[0]
    text = PdfReader(out).pages[0].extract_text()
    assert "Siân Llewellyn" in text and "Evidence Record Sheet" in text


def test_all_sheets_of_a_candidate_export_as_one_pdf(
    window: MainWindow, example_sheet: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    candidate = window.store.sheets()[0].candidate_id
    window.store.create_sheet(
        candidate, window.catalogue.units["cs-operations-l4-u1"], "", window.store.sheet(1).assessor
    )
    out = tmp_path / "candidate.pdf"
    save_to(monkeypatch, out)
    read_next_message([])
    window.controller.export_candidate_pdf()
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert any("Manage customer service in own area" in page for page in pages)
    assert any("Manage customer service operations" in page for page in pages)


def test_an_unwritable_export_says_so_and_writes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    example_sheet: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_to(monkeypatch, tmp_path / "missing folder" / "out.pdf")
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: messages.append(text))
    window.controller.export_pdf()
    assert messages and "could not be written" in messages[0]
    assert not (tmp_path / "missing folder").exists()


def test_a_cancelled_pdf_writes_nothing(
    window: MainWindow, example_sheet: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda _self: True)
    save_to(monkeypatch, tmp_path / "never.pdf")
    window.controller.export_candidate_pdf()
    assert not (tmp_path / "never.pdf").exists()


def test_import_shows_each_file_s_outcome_and_imports_the_good_ones(
    qtbot: QtBot,
    window: MainWindow,
    example_sheet: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = tmp_path / "good.json"
    save_to(monkeypatch, good)
    window.controller.export_exchange()
    data = json.loads(good.read_text(encoding="utf-8"))
    data["candidate"]["candidate_number"] = "0099"
    good.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "ercsheet.sheet", "version": 1', encoding="utf-8")
    summary: list[str] = []
    read_next_message(summary)
    imported = file_actions.import_files(
        window, window.store, window.catalogue, TODAY, window.settings, [good, broken]
    )
    assert len(imported) == 1
    assert window.store.sheet(imported[0]).candidate.candidate_number == "0099"
    assert "1 of 2 file(s) imported" in summary[0]
    assert "✓ good.json: imported as sheet" in summary[0]
    assert "✗ broken.json: refused" in summary[0]


def test_importing_a_sheet_already_in_the_store_says_so_and_changes_nothing(
    window: MainWindow,
    example_sheet: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent = tmp_path / "sent.json"
    save_to(monkeypatch, sent)
    window.controller.export_exchange()
    before = window.store.sheets()
    summary: list[str] = []
    read_next_message(summary)
    file_actions.import_files(
        window, window.store, window.catalogue, TODAY, window.settings, [sent]
    )
    assert (
        f"= sent.json: already in the store (sheet {example_sheet}); nothing changed"
        in (summary[0])
    )
    # Not "1 of 1 file(s) imported" over a line saying nothing changed.
    assert summary[0].startswith("0 of 1 file(s) imported, 1 already in the store.")
    assert window.store.sheets() == before


def test_a_file_is_read_off_the_window_s_thread_and_stop_leaves_it_untouched(
    window: MainWindow,
    example_sheet: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ercsheet.store import exchange

    sent = tmp_path / "sent.json"
    save_to(monkeypatch, sent)
    window.controller.export_exchange()
    data = json.loads(sent.read_text(encoding="utf-8"))
    data["candidate"]["candidate_number"] = "0099"
    sent.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    real_prepare = exchange.prepare_file
    threads: list[str] = []
    reading, release = threading.Event(), threading.Event()

    def slow_prepare(*args: Any) -> exchange.Prepared:
        threads.append(threading.current_thread().name)
        reading.set()
        release.wait(5)  # a big file still being read when the assessor presses Stop
        return real_prepare(*args)

    monkeypatch.setattr(exchange, "prepare_file", slow_prepare)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda _self: reading.is_set())
    before = window.store.sheets()
    outcomes = file_actions.import_paths(
        window, window.store, window.catalogue, TODAY, [sent, sent]
    )
    release.set()
    assert threads == ["import"]  # not the window's thread
    assert outcomes == [(sent, None), (sent, None)]  # stopped: neither was imported
    assert window.store.sheets() == before

    monkeypatch.setattr(exchange, "prepare_file", real_prepare)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda _self: False)
    [(_path, done)] = file_actions.import_paths(
        window, window.store, window.catalogue, TODAY, [sent]
    )
    assert isinstance(done, file_actions.Done) and not done.already


def test_export_suggests_a_name_a_file_manager_opens_in_ercsheet(
    window: MainWindow, example_sheet: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []

    def answer(_parent: QWidget, _title: str, suggested: str, kinds: str) -> tuple[str, str]:
        asked.append((Path(suggested).name, kinds))
        return str(tmp_path / Path(suggested).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    window.controller.export_exchange()
    window.controller.export_candidate_file()
    assert asked == [
        ("EX-0001-mgmt-l3-u40-f17.ercsheet", "Exchange files (*.ercsheet)"),
        ("EX-0001-all-sheets.ercsheet", "Exchange files (*.ercsheet)"),
    ]
    assert (tmp_path / "EX-0001-all-sheets.ercsheet").is_file()


def test_an_exchange_export_says_in_the_status_bar_where_it_went(
    window: MainWindow, example_sheet: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found walking through the frozen app: the file was written and the window said nothing."""
    for export, name in (
        (window.controller.export_exchange, "sheet.ercsheet"),
        (window.controller.export_candidate_file, "candidate.ercsheet"),
    ):
        save_to(monkeypatch, tmp_path / name)
        export()
        assert (tmp_path / name).is_file()
        assert window.statusBar().currentMessage() == f"Exported {tmp_path / name}"
