"""The review shows what the importer read of a unit's rules, for the assessor to correct before
saving: each AC's methods allowed and required (by abbreviation, checked against the unit's
methods), a mixed unit's outcomes' kinds, the unit's own sign-off lines and declarations."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from ercsheet.catalogue.importer.parse import parse_lines, parse_text
from ercsheet.catalogue.importer.reading import read_spec
from ercsheet.catalogue.loader import load_unit_file
from ercsheet.catalogue.model import Kind, SignOffLine, Unit
from ercsheet.gui.unit_review import UnitReviewDialog
from ercsheet.gui.unit_review_table import AC, KIND, LO, METHODS, REAL_WORK, REQUIRED
from tests.catalogue.importer.specs import hedge


@pytest.fixture(scope="module")
def specs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hedge")
    hedge.main(folder)
    return folder


def review(qtbot: QtBot, spec: Path, folder: Path) -> UnitReviewDialog:
    dialog = UnitReviewDialog("source", parse_lines(read_spec(spec)), spec.name, folder, None)
    qtbot.addWidget(dialog)
    return dialog


def rows(dialog: UnitReviewDialog) -> dict[str, int]:
    """Each LO's and AC's row by its number ("LO 1", "2a")."""
    table = dialog.table
    found = {}
    for row in range(table.rowCount()):
        lo, ac = table.cell(row, LO), table.cell(row, AC)
        found[f"LO {lo}" if lo else ac] = row
    return found


def saved(dialog: UnitReviewDialog) -> Unit:
    dialog.save_button.click()
    assert dialog.saved is not None, dialog.error.text()
    unit = load_unit_file(dialog.saved)
    assert isinstance(unit, Unit)
    return unit


def test_the_rules_read_are_shown_where_they_are_corrected(
    qtbot: QtBot, specs: Path, tmp_path: Path
) -> None:
    dialog = review(qtbot, specs / "hedge.pdf", tmp_path)
    table, at = dialog.table, rows(dialog)
    assert [table.cell(at[ac], METHODS) for ac in ("1a", "2a", "3b", "4a")] == [
        "PD, Q&A",
        "",
        "O, WT",
        "O, EW",
    ]
    assert table.cell(at["2a"], REQUIRED) == "O"
    assert table.real_work(at["3b"]) and not table.real_work(at["3a"])
    cell = table.item(at["3a"], METHODS)
    assert cell is not None and cell.background().color().name() == "#fff3bf"
    assert "“Criteria 3a to 3d may be evidenced by observation or witness testimony”" in (
        cell.toolTip()
    )
    # A mixed unit: the Assesses column shows, each outcome's kind as its title reads.
    assert dialog.kind.currentData() == "mixed" and not table.isColumnHidden(KIND)
    assert [table.kinds[at[f"LO {n}"]].currentData() for n in "1234"] == [
        "knowledge",
        "competence",
        "competence",
        "competence",
    ]
    assert [line.label for line in dialog.rules.sign_off.lines()] == ["Employer", "Expert witness"]
    assert dialog.rules.declarations["candidate"].text() == hedge.DECLARATION
    assert dialog.rules.declarations["assessor"].text() == ""


def test_corrections_of_the_rules_are_saved(qtbot: QtBot, specs: Path, tmp_path: Path) -> None:
    dialog = review(qtbot, specs / "hedge.docx", tmp_path)
    table, at = dialog.table, rows(dialog)
    table.item(at["1a"], METHODS).setText("")  # type: ignore[union-attr]
    table.item(at["2a"], REQUIRED).setText("observation, pd")  # type: ignore[union-attr]
    table.item(at["4b"], METHODS).setText("O; EW; WT")  # type: ignore[union-attr]
    table.kinds[at["LO 4"]].setCurrentIndex(table.kinds[at["LO 4"]].findData("knowledge"))
    sign_off = dialog.rules.sign_off
    sign_off.table.selectRow(1)
    sign_off.remove_button.click()
    sign_off.add_button.click()
    sign_off.table.item(1, 0).setText("Workplace mentor")  # type: ignore[union-attr]
    sign_off.table.item(1, 1).setText("Signature of workplace mentor:")  # type: ignore[union-attr]
    dialog.rules.declarations["assessor"].setText("I confirm that the hedge meets the standard.")
    unit = saved(dialog)
    criteria = {c.number: c for c in unit.criteria}
    assert criteria["1a"].methods == ()
    assert criteria["2a"].required_methods == ("observation", "professional_discussion")
    assert criteria["4b"].methods == ("observation", "expert_witness", "witness_testimony")
    assert [lo.kind for lo in unit.learning_outcomes][3] is Kind.KNOWLEDGE
    assert unit.sign_off == (
        hedge.expected_unit().sign_off[0],
        SignOffLine("workplace_mentor", "Workplace mentor", "Signature of workplace mentor:"),
    )
    assert unit.declarations.assessor == "I confirm that the hedge meets the standard."


def test_what_cannot_be_saved_is_said_and_nothing_is_written(
    qtbot: QtBot, specs: Path, tmp_path: Path
) -> None:
    dialog = review(qtbot, specs / "hedge.txt", tmp_path)
    table, at = dialog.table, rows(dialog)
    table.item(at["2b"], METHODS).setText("O, XY")  # type: ignore[union-attr]
    dialog.save_button.click()
    assert dialog.saved is None
    assert dialog.error.text() == (
        "Not saved: AC 2b, methods: “XY” names no method; write abbreviations such as O, PD, "
        "WT, P, Q&A, RA, EW, RPL, S, OTH, separated by commas."
    )
    table.item(at["2b"], METHODS).setText("O")  # type: ignore[union-attr]
    table.kinds[at["LO 2"]].setCurrentIndex(0)
    dialog.save_button.click()
    assert dialog.error.text() == (
        "Not saved: say what LO 2 assesses (competence or knowledge) in the Assesses column."
    )
    table.kinds[at["LO 2"]].setCurrentIndex(1)
    dialog.rules.sign_off.add_button.click()
    dialog.rules.sign_off.table.item(2, 0).setText("Witness")  # type: ignore[union-attr]
    dialog.save_button.click()
    assert dialog.error.text() == (
        "Not saved: sign-off line 3 needs both who signs and the line as printed."
    )
    assert list(tmp_path.glob("*.toml")) == []


def test_the_assesses_column_shows_for_a_mixed_unit_only(qtbot: QtBot, tmp_path: Path) -> None:
    spec = tmp_path / "mower.txt"
    spec.write_text(
        "Unit Title: Service a mower\n\nLearning Outcomes Assessment Criteria Guidance\n"
        "1 Know how a mower works\n1.1 Name its parts\n2 Be able to service a mower\n"
        "2.1 Change the oil\n",
        encoding="utf-8",
    )
    dialog = review(qtbot, spec, tmp_path)
    assert dialog.kind.currentData() == "" and dialog.table.isColumnHidden(KIND)
    dialog.kind.setCurrentIndex(dialog.kind.findData("mixed"))
    assert not dialog.table.isColumnHidden(KIND)
    unit = saved(dialog)  # each outcome's kind offered from its title
    assert unit.kind is Kind.MIXED
    assert [lo.kind for lo in unit.learning_outcomes] == [Kind.KNOWLEDGE, Kind.COMPETENCE]


def test_methods_are_shown_in_the_unit_s_own_abbreviations(qtbot: QtBot) -> None:
    unit = parse_text(
        "Unit Title: Bake bread\n\nLearning Outcomes Assessment Criteria Guidance\n"
        "1 Be able to bake\n1.1 Prove the dough\n\nAssessment\n\nAC 1.1 must be evidenced by "
        "examination of products.\n\nKey to assessment methods: EP = Examination of products\n"
    )
    dialog = UnitReviewDialog("source", unit, "bread.txt", Path("."), None)
    qtbot.addWidget(dialog)
    assert dialog.table.cell(rows(dialog)["1.1"], REQUIRED) == "EP"
    assert dialog.table.outcomes(unit.methods)[0].criteria[0].required_methods == ["product"]
    assert dialog.table.item(rows(dialog)["1.1"], REAL_WORK).checkState() == Qt.CheckState.Unchecked  # type: ignore[union-attr]


MNEMONIC = re.compile(r"&([^&\s])")


def test_each_alt_letter_of_the_review_does_one_thing_on_every_tab(
    qtbot: QtBot, specs: Path, tmp_path: Path
) -> None:
    dialog = review(qtbot, specs / "hedge.pdf", tmp_path)
    dialog.show()
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        texts = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        texts += [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisibleTo(dialog)]
        texts += [
            label.text()
            for label in dialog.findChildren(QLabel)
            if label.buddy() is not None and label.isVisibleTo(dialog)
        ]
        used = Counter(m.casefold() for text in texts for m in MNEMONIC.findall(text))
        assert [letter for letter, count in used.items() if count > 1] == [], index
        assert len(used) > 3
