"""The over-mapping warning (one item ticked against nearly every criterion) shown in the window,
never blocking: in the grid while ticking, in the assessor's sign dialog, in the import summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QTextDocument

from ercsheet.domain.sheet import Signature
from ercsheet.domain.vocabulary import Role, SignatureKind
from ercsheet.gui.grid_model import TITLE
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.signing.sign_dialog import SignDialog
from tests.conftest import PIN, TODAY
from tests.gui.window.clicks import tick
from tests.gui.window.file_dialogs import open_files, save_to
from tests.gui.window.modal import read_next_message

# The example sheet's E01 covers 1.1, 1.2 and 3.1 of Unit 40's ten criteria; with these it
# covers eight (over-mapped: 80 %), 3.4 among them, so the sheet is then fully covered.
MORE = ["1.3", "2.1", "2.2", "2.3"]
LAST = "3.4"
WARNING = "Evidence 'E01' is ticked against 8 of the unit's 10 criteria"


def title_cell(window: MainWindow, role: Qt.ItemDataRole) -> object:
    return window.sheet_view.model.index(0, TITLE).data(role)


def as_read(rich_text: object) -> str:
    """Rich text as the user reads it (a tooltip, a label): without its markup."""
    document = QTextDocument()
    document.setHtml(str(rich_text))
    return document.toPlainText()


def over_map_e01(window: MainWindow) -> None:
    for criterion in [*MORE, LAST]:
        tick(window, 0, criterion)


def test_a_tick_that_over_maps_an_item_warns_in_the_status_bar_and_on_its_row(
    window: MainWindow, example_sheet: int
) -> None:
    for criterion in MORE:
        tick(window, 0, criterion)
    assert "ticked against" not in window.statusBar().currentMessage()  # 7 of 10: no warning
    assert title_cell(window, Qt.ItemDataRole.DecorationRole) is None

    tick(window, 0, LAST)

    message = window.statusBar().currentMessage()
    assert message.startswith(f"Warning: {WARNING}: verifiers question items mapped to nearly")
    tooltip = as_read(title_cell(window, Qt.ItemDataRole.ToolTipRole))
    assert tooltip.startswith("Observation of the weekly customer service team briefing")
    assert f"Warning: {WARNING}" in tooltip
    assert isinstance(title_cell(window, Qt.ItemDataRole.DecorationRole), QIcon)
    assert "Warning: " + WARNING in str(title_cell(window, Qt.ItemDataRole.AccessibleTextRole))
    assert LAST in window.store.sheet(example_sheet).evidence[0].criteria  # never blocked
    assert window.coverage_label.text() == "Covered 10/10"

    tick(window, 0, LAST)  # back to seven: the row's warning goes
    assert title_cell(window, Qt.ItemDataRole.DecorationRole) is None
    assert "Warning" not in as_read(title_cell(window, Qt.ItemDataRole.ToolTipRole))


def test_the_assessor_s_sign_dialog_lists_the_over_mapped_items_and_still_signs(
    window: MainWindow, example_sheet: int
) -> None:
    window.store.set_pin(PIN)
    over_map_e01(window)
    candidate = Signature(Role.CANDIDATE, "Siân Llewellyn", TODAY, SignatureKind.TYPED)
    window.store.add_signature(example_sheet, candidate, TODAY)
    window.sheet_view.reload()
    panel = window.sheet_view.signing_panel
    assert panel is not None
    panel.sign_buttons[Role.ASSESSOR].click()
    dialog = panel.dialog
    assert isinstance(dialog, SignDialog) and dialog.isVisible()
    assert dialog.warnings.isVisible()
    shown = as_read(dialog.warnings.text())
    assert shown.startswith("Check before signing (you can still sign):")
    assert f"Evidence mapped to nearly everything: {WARNING}" in shown
    assert not dialog.known_problems.isVisible()  # nothing blocks
    dialog.tabs.setCurrentIndex(1)  # Type name
    dialog.pin.setText(PIN)
    dialog.sign_button.click()
    assert window.store.sheet(example_sheet).signature(Role.ASSESSOR) is not None


def test_only_the_assessor_s_dialog_shows_the_warning(
    window: MainWindow, example_sheet: int
) -> None:
    over_map_e01(window)
    panel = window.sheet_view.signing_panel
    assert panel is not None
    panel.sign_buttons[Role.CANDIDATE].click()
    dialog = panel.dialog
    assert isinstance(dialog, SignDialog)
    assert not dialog.warnings.isVisible()
    dialog.reject()


def test_the_import_summary_shows_each_sheet_s_over_mapping_warning(
    window: MainWindow, example_sheet: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    over_map_e01(window)
    sent = tmp_path / "sent.json"
    save_to(monkeypatch, sent)
    window.controller.export_exchange()
    data = json.loads(sent.read_text(encoding="utf-8"))
    data["candidate"]["candidate_number"] = "0099"
    sent.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    open_files(monkeypatch, sent)
    seen: list[str] = []
    read_next_message(seen)
    window.controller.import_files()
    [summary] = seen
    assert "1 of 1 file(s) imported, 1 with a warning (not a refusal)." in summary
    assert f"✓ sent.json: imported as sheet {window.sheet_view.sheet_id}" in summary
    assert f"    ⚠ Warning: {WARNING}: verifiers question" in summary
