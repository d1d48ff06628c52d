"""The unit's reference number is read as one: seen in the window, the details panel broke
"URN D/600/9804" after "D/" when the side panel was narrow."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from ercsheet.catalogue.loader import Catalogue
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.unit_picker import UnitPicker
from tests.conftest import TODAY

URN = "D/600/9804"  # Unit 40 (F17), the example's unit


def shown_lines(document: QTextDocument) -> list[str]:
    """The document's text as it is laid out, line by line on screen."""
    document.size()  # laid out now, not when next painted
    lines = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            lines.append(block.text()[line.textStart() : line.textStart() + line.textLength()])
        block = block.next()
    return lines


def test_the_urn_is_never_broken_across_lines_in_the_details_panel(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    view = window.sheet_view
    details = view.details
    view.grid.setCurrentIndex(view.model.index(0, 1))  # not a criterion: the unit is shown
    assert URN in details.toPlainText()
    # From the panel's narrowest to a width it is often left at: each lays the text out anew.
    for width in range(details.minimumWidth(), 320, 6):
        left = view.splitter.width() - width - view.splitter.handleWidth()
        view.splitter.setSizes([left, width])
        qtbot.waitUntil(lambda: abs(view.side.width() - width) <= 6)  # noqa: B023 (waited here)
        lines = shown_lines(details.document())
        assert any(URN in line for line in lines), (width, lines)


def test_the_urn_is_one_line_in_the_unit_picker(qtbot: QtBot, catalogue: Catalogue) -> None:
    picker = UnitPicker(catalogue, TODAY)
    qtbot.addWidget(picker)
    picker.filter.setText("Unit 40")
    picker.show()
    # Laid out as the label lays it out (a rich text document), at widths narrower than any
    # the dialog allows, where a break would be most likely.
    document = QTextDocument()
    document.setDefaultFont(picker.details.font())
    document.setHtml(picker.details.text())
    for width in range(120, 400, 6):
        document.setTextWidth(width)
        lines = shown_lines(document)
        assert any(f"URN {URN}" in line for line in lines), (width, lines)
