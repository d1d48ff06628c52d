"""The candidate's evidence library: every item, the units it counts on, and where it is held —
a description ("portfolio p.12") and, if it is a file on this laptop, the file (its path and
SHA-256, read off the window's thread; never copied). An item no sheet uses can be deleted."""

from __future__ import annotations

from pathlib import Path

from ercsheet.domain.dates import uk
from ercsheet.domain.library import Holding
from ercsheet.gui.dialog_parts import error_label
from ercsheet.gui.evidence_picker import library_parts, uses_text
from ercsheet.gui.operation import Refusal, attempt
from ercsheet.gui.qt.core import Qt
from ercsheet.gui.qt.widgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from ercsheet.store.library_reading import LibraryEntry
from ercsheet.store.store import Store


def kept_text(entry: LibraryEntry) -> str:
    """Where a signed sheet keeps the item otherwise than it is now (signed before it was
    edited), and what it keeps: "Unit 40 (F17): ‘Team briefing, March’, dated 02/03/2026"."""
    now, lines = entry.fields, []
    for use in entry.kept_otherwise():
        kept = use.fields
        assert kept is not None
        parts = [
            kept.ref if kept.ref != now.ref else "",
            f"‘{kept.title}’" if kept.title != now.title else "",
            kept.method.label if kept.method != now.method else "",
            (f"dated {uk(kept.date)}" if kept.date else "undated") if kept.date != now.date else "",
            "the notes it had then" if kept.notes != now.notes else "",
        ]
        lines.append(f"{use.unit_label}: {', '.join(part for part in parts if part)}.")
    return "\n".join(lines)


class LibraryDialog(QDialog):
    def __init__(self, store: Store, candidate_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._candidate_id = store, candidate_id
        name = store.candidate(candidate_id).name
        self.setWindowTitle(f"Evidence of {name}")
        self.setObjectName("libraryDialog")
        self._file: Holding | None = None  # the file chosen and not yet saved
        self.search, self.model, self.table = library_parts(self, "libraryTable")
        self.search.textChanged.connect(self._reload)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())

        self.uses = QLabel(self)
        self.uses.setWordWrap(True)
        self.uses.setTextFormat(Qt.TextFormat.PlainText)
        # What the table shows is the item now; a sheet signed before an edit keeps it as
        # signed (its sealed record), and this says where and how.
        self.kept = QLabel(self)
        self.kept.setObjectName("keptAsSigned")
        self.kept.setWordWrap(True)
        self.kept.setTextFormat(Qt.TextFormat.PlainText)
        self.kept.setToolTip(
            "A signed sheet keeps the item as it was when signed; the table shows it as it is now."
        )
        self.held_at = QLineEdit(self)
        self.held_at.setObjectName("heldAt")
        self.held_at.setPlaceholderText("Portfolio p.12, the candidate's work email of 3 March…")
        self.held_at.setAccessibleName("Where the evidence is held")
        # Written as it is entered, as everything else in ercsheet is: Close loses nothing.
        self.held_at.editingFinished.connect(self._save)
        self.file = QLabel(self)
        self.file.setObjectName("heldFile")
        self.file.setWordWrap(True)
        self.file.setTextFormat(Qt.TextFormat.PlainText)
        self.file.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_file = QPushButton("Choose &file…", self)
        self.choose_file.clicked.connect(self._choose_file)
        self.forget_file = QPushButton("&Forget the file", self)
        self.forget_file.clicked.connect(self._forget_file)
        self.delete = QPushButton("&Delete item", self)
        self.delete.setObjectName("deleteLibraryItem")
        self.delete.clicked.connect(self._delete)
        # Enter in "Held at" writes it and closes, as in any dialog: no button here but Close
        # may be the default (it was Choose file…, whose file dialog opened on Enter).
        for button in (self.choose_file, self.forget_file, self.delete):
            button.setAutoDefault(False)
        self.error = error_label(self, "libraryError")
        files = QHBoxLayout()
        files.addWidget(self.choose_file)
        files.addWidget(self.forget_file)
        files.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.delete)
        actions.addStretch(1)
        form = QFormLayout()
        form.addRow("Counts on:", self.uses)
        form.addRow("Signed as:", self.kept)
        self._form = form
        form.addRow("&Held at:", self.held_at)
        form.addRow("File:", self.file)
        form.addRow("", files)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(actions)
        layout.addWidget(close)
        self.resize(900, 520)
        self._reload()

    def current(self) -> LibraryEntry | None:
        index = self.table.currentIndex()
        return self.model.entries[index.row()] if index.isValid() else None

    def _reload(self, keep: int | None = None) -> None:
        self.model.replace(self._store.library(self._candidate_id, self.search.text()))
        ids = [entry.id for entry in self.model.entries]
        if ids:
            self.table.selectRow(ids.index(keep) if keep in ids else 0)
        self._show_current()

    def _show_current(self) -> None:
        entry = self.current()
        self._file = None
        self.error.hide()
        for widget in (self.held_at, self.choose_file):
            widget.setEnabled(entry is not None)
        self.held_at.setText(entry.holding.held_at if entry else "")
        self.uses.setText(uses_text(entry.uses) or "No sheet yet." if entry else "")
        kept = kept_text(entry) if entry else ""
        self.kept.setText(kept)
        self._form.setRowVisible(self.kept, bool(kept))
        self._show_file(entry.holding if entry else Holding())
        self.delete.setEnabled(entry is not None and not entry.uses)
        self.delete.setToolTip(
            "Remove it from every sheet first." if entry is not None and entry.uses else ""
        )

    def _show_file(self, holding: Holding) -> None:
        if holding.file_path is None:
            self.file.setText("None recorded.")
        else:
            self.file.setText(f"{holding.file_path}\nSHA-256 {holding.file_sha256}")
        self.forget_file.setEnabled(holding.file_path is not None)

    def _choose_file(self) -> None:
        from ercsheet.gui.background import keeping_the_window_live
        from ercsheet.store.evidence_files import FileRefused, holding_for

        chosen, _ = QFileDialog.getOpenFileName(self, "The file that holds the evidence")
        if not chosen:
            return
        try:
            self._file = keeping_the_window_live(lambda: holding_for(Path(chosen)))
        except FileRefused as refused:
            self.error.setText(str(refused))
            self.error.show()
            return
        self._save()

    def _forget_file(self) -> None:
        self._file = Holding()
        self._save()

    def _save(self) -> None:
        entry = self.current()
        if entry is None:
            return
        file = self._file if self._file is not None else entry.holding
        holding = Holding(self.held_at.text().strip(), file.file_path, file.file_sha256)
        if holding == entry.holding:
            return
        result = attempt(lambda: self._store.update_library_item(entry.id, entry.fields, holding))
        if isinstance(result, Refusal):
            self.error.setText(result.text)
            self.error.show()
            return
        self._reload(keep=entry.id)

    def _delete(self) -> None:
        entry = self.current()
        if entry is None:
            return
        result = attempt(lambda: self._store.delete_library_item(entry.id))
        if isinstance(result, Refusal):
            self.error.setText(result.text)
            self.error.show()
            return
        self._reload()
