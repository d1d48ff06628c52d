"""The status bar tells of what is so now: a refused edit is shown until the assessor moves on,
news for a few seconds."""

from __future__ import annotations

from ercsheet.domain.sheet import Person
from ercsheet.gui.main_window import MainWindow
from tests.gui.window.clicks import tick

READ_ONLY = "signed by the assessor and read-only"


def test_a_refusal_stays_until_another_sheet_is_chosen(
    window: MainWindow, signed_example: int
) -> None:
    tick(window, 1, "3.4")
    assert READ_ONLY in window.statusBar().currentMessage()

    summary = window.store.sheet_summary(signed_example)
    draft = window.store.create_sheet(
        summary.candidate_id,
        window.catalogue.units["teamlead-l3-u29-f17"],
        "",
        Person("Pat Jones", True),
    )
    window.candidates.refresh_sheets(select_sheet=draft)

    assert window.sheet_view.sheet_id == draft
    assert window.statusBar().currentMessage() == ""


def test_a_refusal_goes_when_the_next_edit_goes_through(
    window: MainWindow, example_sheet: int
) -> None:
    window.show_refusal("The tick was refused.")
    tick(window, 1, "3.4")  # a draft: the tick is made
    assert "3.4" in window.store.sheet(example_sheet).evidence[1].criteria
    assert window.statusBar().currentMessage() == ""


def test_news_is_not_taken_for_a_refusal(window: MainWindow, example_sheet: int) -> None:
    window.sheet_view.editor.delete_row()
    news = window.statusBar().currentMessage()
    assert news.startswith("Deleted E0")
    tick(window, 0, "2.1")
    assert window.statusBar().currentMessage() == news  # it goes with its time, not an edit
