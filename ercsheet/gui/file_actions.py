"""The File menu's exchange files and backups: each file imported whole or refused with its
reason, a progress dialog that can stop between files, backups through the store's backup API."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ercsheet.atomic import write_text_atomic
from ercsheet.domain import evidence_rules
from ercsheet.gui import background, file_passphrase
from ercsheet.gui.operation import Refusal, attempt
from ercsheet.gui.qt.core import QSettings, Qt
from ercsheet.gui.qt.widgets import (
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)
from ercsheet.gui.saved_notice import in_status_bar
from ercsheet.gui.settings import save_folder
from ercsheet.store import backup, exchange_names
from ercsheet.store.store import Store
from ercsheet.store.values import EncryptedRefused, ExpiredUnitRefused, ImportRefused

if TYPE_CHECKING:
    from ercsheet.catalogue.loader import Catalogue


@dataclass(frozen=True)
class Done:
    """A file taken in: its sheet, and whether that sheet was in the store already."""

    sheet_id: int
    already: bool = False
    # A candidate's file (exchange version 2) brings several sheets: (sheet, already, its copy
    # here differs) of each.
    sheets: tuple[tuple[int, bool, bool], ...] = ()

    def each(self) -> tuple[tuple[int, bool, bool], ...]:
        return self.sheets or ((self.sheet_id, self.already, False),)


T = TypeVar("T")
Outcome = tuple[Path, Done | ImportRefused | None]  # imported, refused, or not attempted


def import_paths(
    parent: QWidget,
    store: Store,
    catalogue: Catalogue,
    today: dt.date,
    paths: Sequence[Path],
    allow_expired: bool = False,
    passphrases: Mapping[Path, str] | None = None,
) -> list[Outcome]:
    """Import each file in turn (an encrypted one with its passphrase in `passphrases`).

    Each file is read and checked on a thread of its own while the window stays responsive,
    then written (one brief store operation, on the window's thread, as every change is).
    Stop leaves the file being read, and those after it, untouched."""
    # Imported on use, as in export_exchange: the exchange format loads pydantic and
    # SQLAlchemy, which the window does not need to start.
    from ercsheet.store.exchange import prepare_file, store_prepared

    progress = QProgressDialog("Importing…", "Stop", 0, len(paths), parent)
    progress.setWindowTitle("Import exchange files")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    outcomes: list[Outcome] = []
    for done, path in enumerate(paths):
        progress.setValue(done)
        progress.setLabelText(f"Importing {path.name} ({done + 1} of {len(paths)})…")
        passphrase = (passphrases or {}).get(path)
        prepare = functools.partial(
            prepare_file, path, catalogue.get, today, allow_expired, passphrase
        )
        try:
            prepared = background.off_the_window_thread(prepare, "import", progress.wasCanceled)
        except ImportRefused as refusal:
            outcomes.append((path, refusal))
            continue
        if prepared is None:  # stopped: this file and the rest are left as they are
            outcomes += [(rest, None) for rest in paths[done:]]
            break
        try:
            imported = attempt(functools.partial(store_prepared, store, prepared))
        except ImportRefused as refusal:  # e.g. its candidate number is another name's here
            outcomes.append((path, refusal))
            continue
        if isinstance(imported, Refusal):  # the store itself refused: a full disk, a lock
            outcomes.append((path, ImportRefused(f"{path}: {imported.text}")))
        else:
            sheets = tuple((s.sheet_id, s.already, s.differs) for s in imported.sheets)
            outcomes.append((path, Done(imported.sheet_id, imported.already, sheets)))
    progress.setValue(len(paths))
    progress.close()
    progress.deleteLater()
    return outcomes


def over_mapping_warnings(store: Store, outcomes: Sequence[Outcome]) -> dict[Path, list[str]]:
    """The domain's over-mapping warnings of each imported sheet (they never block an import)."""
    found: dict[Path, list[str]] = {}
    for path, outcome in outcomes:
        if isinstance(outcome, Done):
            found[path] = [
                p.message
                for sheet_id, already, _differs in outcome.each()
                if not already
                for p in evidence_rules.over_mapped_items(store.sheet(sheet_id))
            ]
    return found


def summary(
    outcomes: Sequence[Outcome], warnings: Mapping[Path, Sequence[str]] | None = None
) -> str:
    from ercsheet.store.exchange import already_said  # loaded by the import already

    lines = []
    for path, outcome in outcomes:
        if isinstance(outcome, Done):
            for sheet_id, already, differs in outcome.each():
                lines.append(
                    f"= {path.name}: {already_said(sheet_id, differs)}"
                    if already
                    else f"✓ {path.name}: imported as sheet {sheet_id}"
                )
            lines += [f"    ⚠ Warning: {warning}" for warning in (warnings or {}).get(path, ())]
        elif outcome is None:
            lines.append(f"– {path.name}: not imported (stopped before it)")
        else:
            reason = str(outcome).removeprefix(f"{path}: ")
            lines.append(f"✗ {path.name}: refused — {reason}")
    return "\n".join(lines)


def import_files(
    parent: QWidget,
    store: Store,
    catalogue: Catalogue,
    today: dt.date,
    settings: QSettings,
    paths: Sequence[Path] | None = None,
) -> list[int]:
    """Ask for files (several at once), import them, show what happened. The new sheets' ids."""
    if paths is None:
        folder = str(settings.value("folders/exchange", str(Path.home())))
        names, _filter = QFileDialog.getOpenFileNames(
            parent, "Import exchange files", folder, exchange_names.OPEN_FILTER
        )
        paths = [Path(name) for name in names]
    if not paths:
        return []
    settings.setValue("folders/exchange", str(paths[0].parent))
    outcomes = import_paths(parent, store, catalogue, today, paths)
    passphrases: dict[Path, str] = {}
    outcomes = _import_encrypted(parent, store, catalogue, today, outcomes, passphrases)
    expired = [path for path, outcome in outcomes if isinstance(outcome, ExpiredUnitRefused)]
    if expired:
        answer = QMessageBox.question(
            parent,
            "Expired units",
            f"{len(expired)} file(s) are for units that have expired. Certification against an "
            "expired unit may no longer be possible. Import them anyway?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            again = dict(import_paths(parent, store, catalogue, today, expired, True, passphrases))
            outcomes = [(path, again.get(path, outcome)) for path, outcome in outcomes]
    imported = [outcome.sheet_id for _path, outcome in outcomes if isinstance(outcome, Done)]
    warnings = over_mapping_warnings(store, outcomes)
    warned = sum(1 for found in warnings.values() if found)
    box = QMessageBox(parent)
    box.setWindowTitle("Import exchange files")
    box.setIcon(
        QMessageBox.Icon.Information if len(imported) == len(outcomes) else QMessageBox.Icon.Warning
    )
    with_warnings = f", {warned} with a warning (not a refusal)" if warned else ""
    # A file whose sheets were all in the store already brought nothing: not counted as imported.
    done = [outcome for _path, outcome in outcomes if isinstance(outcome, Done)]
    old = sum(1 for outcome in done if all(already for _id, already, _ in outcome.each()))
    had = f", {old} already in the store" if old else ""
    box.setText(f"{len(done) - old} of {len(outcomes)} file(s) imported{had}{with_warnings}.")
    box.setInformativeText(summary(outcomes, warnings))
    box.exec()
    return imported


def _import_encrypted(
    parent: QWidget,
    store: Store,
    catalogue: Catalogue,
    today: dt.date,
    outcomes: list[Outcome],
    passphrases: dict[Path, str],
) -> list[Outcome]:
    """Files refused for want of their passphrase: ask for it and import them again, until each
    opens or the assessor leaves them (then their refusal stays in the summary). `passphrases`
    gets the passphrase of each file it opened."""
    wrong = False
    while True:
        locked = [path for path, outcome in outcomes if isinstance(outcome, EncryptedRefused)]
        if not locked:
            return outcomes
        asked = file_passphrase.ask_import_passphrase(parent, [p.name for p in locked], wrong)
        if asked is None:
            return outcomes
        tried = {path: asked for path in locked}
        again = dict(import_paths(parent, store, catalogue, today, locked, passphrases=tried))
        opened = [p for p in locked if not isinstance(again.get(p), EncryptedRefused)]
        passphrases.update({p: asked for p in opened})
        wrong = not opened
        outcomes = [(path, again.get(path, outcome)) for path, outcome in outcomes]


def export_exchange(
    parent: QWidget,
    store: Store,
    sheet_id: int,
    settings: QSettings,
    path: Path | None = None,
    encrypt: bool = False,
) -> Path | None:
    """Write the sheet's exchange file where the assessor chooses; `encrypt`: sealed with a
    passphrase they choose first (store/envelope.py)."""
    from ercsheet.store.exchange import export_sheet

    content = store.sheet(sheet_id)
    suggested = exchange_names.sheet_file_name(content.candidate.candidate_number, content.unit.id)
    return _export(
        parent, settings, suggested, lambda: export_sheet(store, sheet_id), path, encrypt
    )


def export_candidate_file(
    parent: QWidget,
    store: Store,
    candidate_id: int,
    settings: QSettings,
    path: Path | None = None,
    encrypt: bool = False,
) -> Path | None:
    """Write one file with the candidate's evidence and every sheet of theirs (exchange
    format version 2), where the assessor chooses."""
    from ercsheet.store.exchange import export_candidate

    candidate = store.candidate(candidate_id)
    suggested = exchange_names.candidate_file_name(candidate.candidate_number)
    return _export(
        parent, settings, suggested, lambda: export_candidate(store, candidate_id), path, encrypt
    )


def _export(
    parent: QWidget,
    settings: QSettings,
    suggested: str,
    text_of: Callable[[], str],
    path: Path | None,
    encrypt: bool,
) -> Path | None:
    from ercsheet.store import envelope

    passphrase = file_passphrase.ask_export_passphrase(parent) if encrypt else None
    if encrypt and passphrase is None:
        return None
    if path is None:
        folder = save_folder(settings, "exchange")
        name, _filter = QFileDialog.getSaveFileName(
            parent, "Export exchange file", str(folder / suggested), exchange_names.SAVE_FILTER
        )
        if not name:
            return None
        path = Path(name)
    try:
        text = text_of()
        write_text_atomic(path, envelope.seal(text, passphrase) if passphrase else text)
    except OSError as error:
        QMessageBox.warning(parent, "Export", f"{path} could not be written: {error.strerror}.")
        return None
    settings.setValue("folders/exchange", str(path.parent))
    # Said where it went: the assessor sends this file on, and the window said nothing before.
    in_status_bar(parent, f"Exported {path}")
    return path


def back_up(parent: QWidget, store: Store) -> Path | None:
    try:
        written = store.backup("manual")
    except backup.BackupError as error:
        QMessageBox.warning(parent, "Back up", str(error))
        return None
    QMessageBox.information(parent, "Back up", f"Backed up to {written}.")
    return written


def restore_backup(parent: QWidget, store: Store, path: Path | None = None) -> bool:
    """Replace the database with a backup the assessor picks; the current one is backed up first.
    True when restored (the caller shows everything again)."""
    if path is None:
        name, _filter = QFileDialog.getOpenFileName(
            parent,
            "Restore a backup",
            str(backup.backups_dir(store.path)),
            "ercsheet databases (*.sqlite3);;All files (*)",
        )
        if not name:
            return False
        path = Path(name)
        answer = QMessageBox.question(
            parent,
            "Restore a backup",
            f"Replace everything in ercsheet with the backup {path.name}? The current data is "
            "backed up first, so this can be undone by restoring that backup.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
    # The window keeps its lock on the database throughout.
    saved = attempt(lambda: store.restore(path))
    if isinstance(saved, Refusal):
        QMessageBox.warning(parent, "Restore a backup", saved.text)
        return False
    kept = f" The data as it was is kept in {saved}." if saved else ""
    QMessageBox.information(parent, "Restore a backup", f"Restored {path.name}.{kept}")
    return True
