"""Regenerate the signing screenshots in docs/images (run under Xvfb):

    xvfb-run -a -s "-screen 0 1366x768x24" env PYTHONPATH=$PWD .venv/bin/python \
        docs/screenshots_signing.py

Builds a sheet in a temporary store, draws signatures with real mouse events and saves what
the dialogs and the panel look like, plus the signed page of the PDF.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from ercsheet import paths
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.domain.record import short_code
from ercsheet.domain.sheet import EvidenceRow, Person
from ercsheet.domain.vocabulary import Method, Role
from ercsheet.gui.signing.pad import SignaturePad
from ercsheet.gui.signing.panel import SigningPanel
from ercsheet.gui.signing.printing import current_sheet, pdf_bytes
from ercsheet.gui.signing.records import AuditTrailDialog, CodeLookupDialog, VersionsDialog
from ercsheet.gui.signing.sign_dialog import SignDialog
from ercsheet.store.store import Profile, Store

IMAGES = Path(__file__).resolve().parent / "images"
TODAY = dt.date(2026, 11, 22)
PIN = "2468"


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


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    catalogue = load_catalogue([paths.builtin_units_dir()])
    unit = catalogue.get("mgmt-l3-u40-f17")
    assert unit is not None
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "demo.sqlite3")
        store.set_profile(Profile("Pat Jones", qualified=True))
        store.set_pin(PIN)
        candidate = store.add_candidate("Siân Ní Bhriain", "0042", "12345")
        qualification = unit.qualifications[0].title
        sheet_id = store.create_sheet(candidate, unit, qualification, Person("Pat Jones"))
        numbers = unit.criterion_numbers
        for i in range(0, len(numbers) - 2, 3):
            store.add_evidence(
                sheet_id,
                EvidenceRow(
                    f"E{i // 3 + 1:02}",
                    "Observation of team briefing",
                    Method.OBSERVATION,
                    TODAY - dt.timedelta(days=9 - i),
                    frozenset(numbers[i : i + 3]),
                ),
                today=TODAY,
            )

        candidate_dialog = SignDialog(store, sheet_id, Role.CANDIDATE, TODAY)
        candidate_dialog.show()
        QTest.qWaitForWindowExposed(candidate_dialog)
        draw(candidate_dialog.pad, 0.4)
        shot(candidate_dialog, "sign-dialog-drawn.png")
        candidate_dialog.sign()

        blocked = SignDialog(store, sheet_id, Role.ASSESSOR, TODAY)
        shot(blocked, "sign-dialog-blocked.png")
        blocked.close()

        draft = SigningPanel(store, sheet_id, TODAY)
        draft.resize(760, draft.sizeHint().height())
        shot(draft, "signing-panel-draft.png")

        last = numbers[-1]
        store.add_evidence(
            sheet_id,
            EvidenceRow(
                "E05",
                "Professional discussion: review of the team's year",
                Method.PROFESSIONAL_DISCUSSION,
                TODAY,
                frozenset([last]),
            ),
            today=TODAY,
        )
        assessor = SignDialog(store, sheet_id, Role.ASSESSOR, TODAY)
        assessor.show()
        QTest.qWaitForWindowExposed(assessor)
        draw(assessor.pad, 2.1)
        assessor.pin.setText(PIN)
        assessor.sign()

        panel = SigningPanel(store, sheet_id, TODAY)
        panel.resize(760, panel.sizeHint().height())
        shot(panel, "signing-panel-locked.png")

        trail = AuditTrailDialog(store, sheet_id)
        shot(trail, "audit-trail.png")

        pdf = Path(folder) / "signed.pdf"
        pdf.write_bytes(pdf_bytes([current_sheet(store, sheet_id)]))
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(IMAGES / "signed-sheet-page"),
            ],
            check=True,
        )
        print(IMAGES / "signed-sheet-page.png")
        # The assessor's signature line at 300 dpi: the strokes are vector paths, sharp at any size.
        crop = ["-x", "90", "-y", "1980", "-W", "1500", "-H", "150"]
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "300",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                *crop,
                str(pdf),
                str(IMAGES / "signed-sheet-signature-300dpi"),
            ],
            check=True,
        )
        print(IMAGES / "signed-sheet-signature-300dpi.png")
        reopen = panel.open_reopen()
        reopen.reason.setPlainText("E03 was dated before the briefing took place")
        reopen.pin.setText(PIN)
        shot(reopen, "reopen-dialog.png")
        reopen.reopen()
        resign = SignDialog(store, sheet_id, Role.CANDIDATE, TODAY)
        resign.show()
        QTest.qWaitForWindowExposed(resign)
        draw(resign.pad, 0.9)
        resign.sign()
        again = SignDialog(store, sheet_id, Role.ASSESSOR, TODAY)
        again.show()
        QTest.qWaitForWindowExposed(again)
        draw(again.pad, 2.6)
        again.pin.setText(PIN)
        again.sign()
        versions = VersionsDialog(store, sheet_id)
        shot(versions, "superseded-versions.png")

        with sqlite3.connect(store.path) as db:  # what an edit outside the app would do
            db.execute(
                "UPDATE evidence_item SET title = 'Changed outside ercsheet' WHERE ref='E01'"
            )
        tampered = SigningPanel(store, sheet_id, TODAY)
        tampered.resize(760, tampered.sizeHint().height())
        shot(tampered, "signing-panel-tampered.png")
        lookup = CodeLookupDialog(store)
        lookup.code.setText(short_code(store.versions(sheet_id)[0].record_code))
        lookup.look_up()
        shot(lookup, "code-lookup.png")

        store.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
