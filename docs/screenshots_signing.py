"""Regenerate the signing screenshots in docs/images (run under Xvfb):

    xvfb-run -a -s "-screen 0 1366x768x24" env PYTHONPATH=$PWD .venv/bin/python \
        docs/screenshots_signing.py

Builds a sheet in a temporary store as a day's work (rows added, corrected, moved, ticks set
and cleared, the candidate's signature voided by a later row and signed again, the assessor's
seal with the PIN, an IV's addendum), draws signatures with real mouse events and saves what the
dialogs, the panel and the window look like, the printed pages before and after the addendum,
finding the sheet by the code printed before it, and reopening.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ercsheet import paths
from ercsheet.catalogue.loader import Catalogue, load_catalogue
from ercsheet.domain.record import short_code
from ercsheet.domain.sheet import EvidenceRow, Person, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.gui.candidate_dialog import CandidateDialog
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.settings import settings
from ercsheet.gui.signing.pad import SignaturePad
from ercsheet.gui.signing.panel import SigningPanel
from ercsheet.gui.signing.printing import current_sheet, pdf_bytes
from ercsheet.gui.signing.records import AuditTrailDialog, CodeLookupDialog, VersionsDialog
from ercsheet.gui.signing.sign_dialog import SignDialog
from ercsheet.store.store import Profile, Store

IMAGES = Path(__file__).resolve().parent / "images"
TODAY = dt.date(2026, 11, 22)
PIN = "2468"
# The assessor's signature line of the printed page, at 300 dpi: x, y, width, height.
SIGNATURE_CROP = (90, 2015, 1500, 130)


def handwriting(width: int, height: int, seed: float) -> list[list[tuple[int, int]]]:
    """Strokes that look like a quick signature: a looped scrawl, a flourish, an underline."""
    baseline, left = height * 0.68, width * 0.08
    scrawl = []
    loops = 6
    for i in range(240):
        t = i / 239 * loops * 2 * math.pi
        size = 0.17 + 0.06 * math.sin(t / 2.5 + seed)  # letters of uneven height
        x = left + width * 0.6 * t / (loops * 2 * math.pi) - height * 0.12 * math.sin(t)
        y = baseline - height * size * (1 - math.cos(t)) * (1.3 if i < 40 else 1)
        scrawl.append((round(x), round(y)))
    end_x, end_y = scrawl[-1]
    flourish = [
        (round(end_x + width * 0.12 * t), round(end_y - height * 0.35 * math.sin(math.pi * t)))
        for t in (i / 24 for i in range(25))
    ]
    underline = [
        (round(left + width * (0.02 + 0.78 * t)), round(baseline + 14 - 10 * t + 4 * t * t))
        for t in (i / 30 for i in range(31))
    ]
    return [scrawl, flourish, underline]


def draw(pad: SignaturePad, seed: float) -> None:
    for stroke in handwriting(pad.width(), pad.height(), seed):
        QTest.mousePress(
            pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*stroke[0])
        )
        for point in stroke[1:]:
            QTest.mouseMove(pad, QPoint(*point))
        QTest.mouseRelease(
            pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*stroke[-1])
        )


def shot(widget: QWidget, name: str) -> None:
    widget.show()
    widget.raise_()
    QTest.qWait(200)
    widget.grab().save(str(IMAGES / name))
    print(IMAGES / name)


class WorkDay:
    """The store's clock on the day of the visit, set to the time of each step, so the audit
    trail reads as a day's work (the app's clock is the system's)."""

    def __init__(self, day: dt.date) -> None:
        self.day = day
        self.moment = dt.datetime.combine(day, dt.time(9, 0))

    def at(self, hour: int, minute: int) -> None:
        self.moment = dt.datetime.combine(self.day, dt.time(hour, minute))

    def today(self) -> dt.date:
        return self.day

    def now(self) -> dt.datetime:
        return self.moment


def sign_with(dialog: SignDialog, seed: float | None = None, pin: str | None = None) -> None:
    """Sign in the dialog (drawn when `seed` is given, else typed); fail loudly if refused."""
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    if seed is not None:
        draw(dialog.pad, seed)
    else:
        dialog.set_kind(SignatureKind.TYPED)
    if pin is not None:
        dialog.pin.setText(pin)
    dialog.sign()
    if dialog.result() != QDialog.DialogCode.Accepted:
        raise SystemExit(f"{dialog.windowTitle()} refused: {dialog.problems.text()}")
    dialog.close()


def signed_drawn(dialog: SignDialog) -> None:
    """Sign with what is drawn on the pad already; fail loudly if refused."""
    dialog.sign()
    if dialog.result() != QDialog.DialogCode.Accepted:
        raise SystemExit(f"{dialog.windowTitle()} refused: {dialog.problems.text()}")
    dialog.close()


def panel_shot(store: Store, sheet_id: int, name: str) -> SigningPanel:
    panel = SigningPanel(store, sheet_id, TODAY)
    panel.resize(760, panel.sizeHint().height())
    shot(panel, name)
    return panel


def pdf_page(
    pdf: Path, name: str, dpi: int = 80, crop: tuple[int, int, int, int] | None = None
) -> None:
    area = (
        []
        if crop is None
        else ["-x", str(crop[0]), "-y", str(crop[1]), "-W", str(crop[2]), "-H", str(crop[3])]
    )
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            *area,
            str(pdf),
            str(IMAGES / name.removesuffix(".png")),
        ],
        check=True,
    )
    print(IMAGES / name)


def line_manager_shots(store: Store, catalogue: Catalogue, clock: WorkDay) -> None:
    """A sheet of Unit 44 (seed 003) assessed by a trainee: the line manager's dialog, then the
    qualified assessor's countersignature. Last, so the other pictures do not show it."""
    unit = catalogue.get("reliable-cs-l3-u44")
    assert unit is not None
    clock.at(16, 10)
    candidate = store.add_candidate("Zoë Ødegård", "0043", "12345")
    sheet_id = store.create_sheet(candidate, unit, "", Person("Sam Lee", qualified=False))
    numbers = unit.criterion_numbers
    for i in range(0, len(numbers), 6):
        store.add_evidence(
            sheet_id,
            EvidenceRow(
                f"E{i // 6 + 1:02}",
                "Observation of the service desk",
                Method.OBSERVATION,
                TODAY,
                frozenset(numbers[i : i + 6]),
            ),
            today=TODAY,
        )
    clock.at(16, 30)
    store.add_signature(
        sheet_id, Signature(Role.CANDIDATE, "Zoë Ødegård", TODAY, SignatureKind.TYPED), TODAY
    )
    manager = SignDialog(store, sheet_id, Role.LINE_MANAGER, TODAY)
    manager.show()
    QTest.qWaitForWindowExposed(manager)
    manager.name.setText("Rhiannon Price")
    draw(manager.pad, 3.3)
    shot(manager, "sign-dialog-line-manager.png")
    signed_drawn(manager)
    clock.at(16, 40)
    store.add_signature(
        sheet_id, Signature(Role.ASSESSOR, "Sam Lee", TODAY, SignatureKind.TYPED), TODAY, PIN
    )
    countersign = SignDialog(store, sheet_id, Role.ASSESSOR_COUNTERSIGN, TODAY)
    countersign.set_kind(SignatureKind.TYPED)
    countersign.pin.setText(PIN)
    shot(countersign, "sign-dialog-countersign.png")
    countersign.close()


def main() -> int:
    os.environ["ERCSHEET_DATA_DIR"] = tempfile.mkdtemp(prefix="ercsheet-shots-")
    app = QApplication.instance() or QApplication(sys.argv)
    catalogue = load_catalogue([paths.builtin_units_dir()])
    unit = catalogue.get("mgmt-l3-u40-f17")
    assert unit is not None
    IMAGES.mkdir(exist_ok=True)
    clock = WorkDay(TODAY)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "demo.sqlite3", clock=clock)
        store.set_profile(Profile("Pat Jones", qualified=True, assessor_number="A-1234"))
        store.set_pin(PIN)
        candidate = store.add_candidate("Siân Ní Bhriain", "0042", "12345")
        qualification = unit.qualifications[0].title
        clock.at(9, 5)
        sheet_id = store.create_sheet(candidate, unit, qualification, Person("Pat Jones"))

        # The morning: rows added, one corrected, ticks set and cleared, a row moved.
        rows = [
            ("E01", "Observation of team briefing", Method.OBSERVATION, ["1.1", "1.2", "1.3"]),
            ("E02", "Customer complaints log, Q3", Method.PRODUCT, ["2.1", "2.2"]),
            (
                "E03",
                "Witness testimony: service manager",
                Method.WITNESS_TESTIMONY,
                ["3.1", "3.2", "3.3"],
            ),
        ]
        ids = []
        for minute, (ref, title, method, ticks) in zip((12, 26, 41), rows, strict=True):
            clock.at(9, minute)
            ids.append(
                store.add_evidence(
                    sheet_id,
                    EvidenceRow(ref, title, method, TODAY - dt.timedelta(days=3), frozenset(ticks)),
                    today=TODAY,
                )
            )
        clock.at(10, 3)
        e02 = store.evidence(ids[1])
        store.update_evidence(
            ids[1],
            EvidenceRow(
                "E02",
                "Customer complaints log and action plan, Q3",
                e02.method,
                TODAY - dt.timedelta(days=2),
                e02.criteria,
            ),
            today=TODAY,
        )
        clock.at(10, 4)
        store.set_tick(ids[1], "2.3", True)
        clock.at(10, 6)
        store.set_tick(ids[0], "1.3", False)  # the briefing did not show 1.3 after all
        clock.at(10, 7)
        store.set_tick(ids[2], "1.3", True)  # the witness testimony does

        clock.at(10, 20)
        candidate_dialog = SignDialog(store, sheet_id, Role.CANDIDATE, TODAY)
        candidate_dialog.show()
        QTest.qWaitForWindowExposed(candidate_dialog)
        draw(candidate_dialog.pad, 0.4)
        shot(candidate_dialog, "sign-dialog-drawn.png")
        candidate_dialog.sign()
        assert candidate_dialog.result() == QDialog.DialogCode.Accepted

        blocked = SignDialog(store, sheet_id, Role.ASSESSOR, TODAY)
        shot(blocked, "sign-dialog-blocked.png")
        blocked.close()
        panel_shot(store, sheet_id, "signing-panel-draft.png")

        # The row that covers 3.4 comes after the candidate signed: their signature goes.
        clock.at(11, 2)
        e04 = store.add_evidence(
            sheet_id,
            EvidenceRow(
                "E04",
                "Professional discussion: review of the team's year",
                Method.PROFESSIONAL_DISCUSSION,
                TODAY,
                frozenset(["3.4"]),
            ),
            today=TODAY,
        )
        clock.at(11, 4)
        store.move_evidence(e04, 1)
        panel_shot(store, sheet_id, "signing-panel-voided.png")

        clock.at(11, 30)
        sign_with(SignDialog(store, sheet_id, Role.CANDIDATE, TODAY), 0.9)
        clock.at(11, 36)
        assessor_dialog = SignDialog(store, sheet_id, Role.ASSESSOR, TODAY)
        assessor_dialog.show()
        QTest.qWaitForWindowExposed(assessor_dialog)
        draw(assessor_dialog.pad, 2.1)
        assessor_dialog.pin.setText(PIN)
        shot(assessor_dialog, "sign-dialog-assessor.png")  # the declaration, block capitals
        signed_drawn(assessor_dialog)

        trail = AuditTrailDialog(store, sheet_id)
        trail.resize(1300, 380)
        trail.show()
        QTest.qWait(100)
        trail.table.resizeRowsToContents()  # at the dialog's width: one line a change
        shot(trail, "audit-trail.png")
        trail.close()
        panel_shot(store, sheet_id, "signing-panel-locked.png")

        printed_code = store.record_code(sheet_id)
        assert printed_code is not None
        pdf = Path(folder) / "signed.pdf"
        pdf.write_bytes(pdf_bytes([current_sheet(store, sheet_id)]))
        pdf_page(pdf, "signed-sheet-page.png")
        # The assessor's signature line at 300 dpi: the strokes are vector paths, sharp at any size.
        pdf_page(pdf, "signed-sheet-signature-300dpi.png", 300, SIGNATURE_CROP)

        # The afternoon: the IV samples the sheet; their initials are an addendum.
        clock.at(14, 10)
        iv = SignDialog(store, sheet_id, Role.IV, TODAY)
        iv.name.setText("Gwen Morgan")
        iv.iv_qualified.setChecked(True)
        iv.set_kind(SignatureKind.TYPED)
        shot(iv, "sign-dialog-iv.png")  # no declaration on the form: what the initials record
        sign_with(iv, None, PIN)
        window = MainWindow(store, lambda: catalogue, TODAY, settings())
        window.resize(1366, 768)
        window.show()
        window.open_sheet(sheet_id)
        window.sheet_view.grid_and_signing.setSizes([300, 330])
        QTest.qWait(300)
        window.grab().save(str(IMAGES / "signing-panel-addendum.png"))
        print(IMAGES / "signing-panel-addendum.png")
        pdf.write_bytes(pdf_bytes([current_sheet(store, sheet_id)]))
        pdf_page(pdf, "signed-sheet-addendum-page.png")

        lookup = CodeLookupDialog(store)
        lookup.resize(900, 240)
        lookup.show()
        QTest.qWait(100)
        lookup.code.setText(short_code(printed_code))  # as printed before the IV signed
        lookup.look_up()
        shot(lookup, "code-lookup.png")
        lookup.close()

        edit = CandidateDialog(store, store.candidate(candidate))
        edit.centre.setText("12354")
        shot(edit, "candidate-edit-signed.png")
        edit.reject()

        panel = SigningPanel(store, sheet_id, TODAY)
        clock.at(15, 40)
        reopen = panel.open_reopen()
        reopen.reason.setPlainText("E03 was dated before the testimony was written")
        reopen.pin.setText(PIN)
        shot(reopen, "reopen-dialog.png")
        reopen.reopen()
        assert reopen.result() == QDialog.DialogCode.Accepted
        clock.at(15, 52)
        sign_with(SignDialog(store, sheet_id, Role.CANDIDATE, TODAY), 1.3)
        clock.at(15, 55)
        sign_with(SignDialog(store, sheet_id, Role.ASSESSOR, TODAY), 2.6, PIN)
        versions = VersionsDialog(store, sheet_id)
        shot(versions, "superseded-versions.png")

        with sqlite3.connect(store.path) as db:  # what an edit outside the app would do
            db.execute(
                "UPDATE evidence_item SET title = 'Changed outside ercsheet' WHERE ref='E01'"
            )
        panel_shot(store, sheet_id, "signing-panel-tampered.png")

        line_manager_shots(store, catalogue, clock)
        window.close()
        store.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    status = main()
    # Every image is written. Python's own exit then aborts in PySide6's teardown
    # ("Fatal Python error: none_dealloc" while finalizing, with or without the main window):
    # leave without it.
    sys.stdout.flush()
    os._exit(status)
