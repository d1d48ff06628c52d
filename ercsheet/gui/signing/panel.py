"""The signing panel of a sheet: who has signed, who still must, the lock and the record code."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import TypeVar

from ercsheet.catalogue.model import Unit
from ercsheet.domain import rules
from ercsheet.domain.audit import AuditEntry
from ercsheet.domain.coverage import sign_off_coverage
from ercsheet.domain.dates import uk
from ercsheet.domain.record import short_code
from ercsheet.domain.sheet import SheetContent, Signature, Signer
from ercsheet.domain.vocabulary import Role, SignatureKind
from ercsheet.gui.dialog_parts import BANNER_STYLE
from ercsheet.gui.qt.core import Qt, Signal
from ercsheet.gui.qt.widgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from ercsheet.gui.signing.grade import GradeChooser
from ercsheet.gui.signing.pad import SignatureView, typed_signature
from ercsheet.gui.signing.problems import (
    CRITERION_LINK,
    RULE_TITLES,
    criterion_links,
    in_sentence,
    standing_problems,
)
from ercsheet.gui.signing.records import AuditTrailDialog, VersionsDialog
from ercsheet.gui.signing.reopen import ReopenDialog
from ercsheet.gui.signing.sign_dialog import SignDialog
from ercsheet.store.store import Store

T = TypeVar("T")
LOCKED_STYLE = "background:#e7f1e4; color:#1d4d14; padding:6px; border-radius:4px;"
DRAFT_STYLE = "background:#fff6dc; color:#5c4400; padding:6px; border-radius:4px;"


VOIDED_STYLE = "background:#fff6dc; color:#5c4400; padding:6px; border-radius:4px;"
ADDENDUM_STYLE = "color:#5c6270; font-style:italic"
SIGNED = ("signed", "signed and sealed", "addendum signed")


# Why a signature was removed, as its audit event says it ("…: they sign again"): the evidence
# changed, or the sheet's unit was updated to its corrected file.
EVIDENCE_CHANGED = "the evidence changed after they signed"


@dataclass(frozen=True)
class Voided:
    """A signature an evidence change removed: who had signed, as what, on which day."""

    signer: Signer
    label: str  # as the audit event names the signer
    name: str
    date: str  # dd/mm/yyyy, as the audit event says it
    reason: str = EVIDENCE_CHANGED  # why, as the audit event says it

    @property
    def role(self) -> Role:
        return self.signer[0]


def voided_signatures(trail: list[AuditEntry], unit: Unit) -> list[Voided]:
    """The signatures removed by an evidence change and not signed again since, from the
    sheet's audit events (oldest first). A reopening starts the signing afresh."""
    by_label: dict[str, Signer] = {
        role.label: (role, "") for role in Role if role is not Role.EXTRA
    }
    by_label |= {line.label: (Role.EXTRA, line.role) for line in unit.sign_off}
    voided: dict[Signer, Voided] = {}
    for event in trail:
        if event.action == "reopened":
            voided.clear()
        elif event.action == "signature voided":
            for change in event.changes:
                signer = by_label.get(change.what)
                if signer is not None:
                    name, _, date = change.old.rpartition(", ")
                    reason = event.detail.partition(": ")[0] or EVIDENCE_CHANGED
                    voided[signer] = Voided(signer, change.what, name or change.old, date, reason)
        elif event.action in SIGNED:
            for change in event.changes:
                signer = by_label.get(change.what)
                if signer is not None:
                    voided.pop(signer, None)
    return list(voided.values())


def voided_text(voided: Voided) -> str:
    """What the assessor reads about one removed signature."""
    when = f", {voided.date}" if voided.date else ""
    return (
        f"{voided.name}'s signature ({in_sentence(voided.label)}{when}) was removed because "
        f"{voided.reason}: ask them to sign again."
    )


def offered_signers(content: SheetContent) -> list[Signer]:
    """The signature lines this sheet shows: the required ones, the unit's own lines (an
    optional one too: it is signed when there is one to sign), those signed, and the IV's
    (offered once the assessor has signed: an IV signs only the sheets they sample)."""
    shown = set(rules.required_signers(content)) | {s.signer for s in content.signatures}
    shown |= {(Role.EXTRA, line.role) for line in content.unit.sign_off}
    if rules.is_locked(content):
        shown.add((Role.IV, ""))
    own = [(Role.EXTRA, line.role) for line in content.unit.sign_off]
    order = [
        s for role in rules.SIGNING_ORDER for s in (own if role is Role.EXTRA else [(role, "")])
    ]
    return [signer for signer in order if signer in shown]


class SigningPanel(QWidget):
    """One line per signature of the sheet; signing and reopening go through dialogs."""

    sheet_changed = Signal()
    jump_to_criterion = Signal(str)

    def __init__(
        self, store: Store, sheet_id: int, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store, self._sheet_id, self._today = store, sheet_id, today
        self.dialog: QDialog | None = None  # the dialog open from this panel, if any
        self.sign_buttons: dict[Role, QPushButton] = {}
        self.notes: dict[Role, QLabel] = {}  # beside each sign button: what it waits for
        self.added_marks: dict[Role, QLabel] = {}  # "added after sealing", by signed role
        # The same for the unit's own sign-off lines (Role.EXTRA), by the line's key.
        self.line_buttons: dict[str, QPushButton] = {}
        self.line_notes: dict[str, QLabel] = {}
        self.line_marks: dict[str, QLabel] = {}
        self.grade_chooser: GradeChooser | None = None  # on a graded unit's sheet
        self._locked = False

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reopen_button = QPushButton("Reopen…", self)
        self.reopen_button.clicked.connect(self.open_reopen)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(BANNER_STYLE)
        self.voided = QLabel(self)
        self.voided.setWordWrap(True)
        self.voided.setStyleSheet(VOIDED_STYLE)
        self.voided.setTextFormat(Qt.TextFormat.PlainText)
        self.addenda: set[Signer] = set()  # the signatures added after sealing
        self.lines = QWidget(self)
        self.audit_button = QPushButton("Audit trail…", self)
        self.audit_button.clicked.connect(self.open_audit_trail)
        self.versions_button = QPushButton(self)
        self.versions_button.clicked.connect(self.open_versions)

        # The sheet-wide buttons on the first line, beside the status: on a small screen they
        # are in sight however many signature lines follow.
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.reopen_button)
        top.addWidget(self.audit_button)
        top.addWidget(self.versions_button)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(top)
        self._layout.addWidget(self.warning)
        self._layout.addWidget(self.voided)
        self._layout.addWidget(self.lines)
        self._layout.addStretch()
        self.reload()

    @property
    def sheet_id(self) -> int:
        return self._sheet_id

    @property
    def locked(self) -> bool:
        """Whether the sheet is read-only (the assessor has signed): the grid follows this."""
        return self._locked

    def reload(self) -> None:
        """Show the sheet as the store has it now."""
        content = self._store.sheet(self._sheet_id)
        locked = self._locked = rules.is_locked(content)
        code = self._store.record_code(self._sheet_id)
        missing = [content.signer_label(*signer) for signer in rules.missing_signers(content)]
        if locked:
            still = f" Still to sign: {_labels(missing)}." if missing else ""
            self.status.setText(
                f"<b>Signed — read-only.</b> Record code <b>{short_code(code or '')}</b>.{still}"
            )
            self.status.setStyleSheet(LOCKED_STYLE)
        else:
            self.status.setText(f"<b>Draft.</b> Still to sign: {_labels(missing)}.")
            self.status.setStyleSheet(DRAFT_STYLE)
        self.reopen_button.setVisible(locked)
        problem = self._store.check_record(self._sheet_id)
        self.warning.setText(
            f"<b>This sheet does not verify:</b> {html.escape(problem)}. Do not rely on it; "
            "check the audit trail and the printed copy."
            if problem
            else ""
        )
        self.warning.setVisible(problem is not None)
        removed = [
            v
            for v in voided_signatures(self._store.audit_trail(self._sheet_id), content.unit)
            if content.signature(*v.signer) is None
        ]
        self.voided.setText("\n".join(voided_text(v) for v in removed))
        self.voided.setVisible(bool(removed))
        self.addenda = (
            {a.signature.signer for a in self._store.sealed_record(self._sheet_id).addenda}
            if code is not None
            else set()
        )
        count = len(self._store.versions(self._sheet_id))
        self.versions_button.setText(f"Superseded versions ({count})…")
        self.versions_button.setVisible(count > 0)
        self._show_lines(content)

    def _show_lines(self, content: SheetContent) -> None:
        old = self.lines
        self.lines = QWidget(self)
        self._layout.replaceWidget(old, self.lines)
        old.deleteLater()
        self.sign_buttons, self.notes, self.added_marks = {}, {}, {}
        self.line_buttons, self.line_notes, self.line_marks = {}, {}, {}
        grid = QGridLayout(self.lines)
        grid.setContentsMargins(0, 4, 0, 4)
        required = set(rules.required_signers(content))
        self.grade_chooser = None
        if content.unit.graded:
            # The grade is chosen before the assessor signs: its line comes first.
            self.grade_chooser = GradeChooser(
                self._store, self._sheet_id, content, self._locked, self.lines
            )
            self.grade_chooser.changed.connect(self._changed)
            grid.addWidget(self.grade_chooser, 0, 0, 1, 5)
        first = 1 if content.unit.graded else 0
        for line, signer in enumerate(offered_signers(content), start=first):
            role = signer[0]
            label = QLabel(f"<b>{html.escape(content.signer_label(*signer))}</b>", self.lines)
            grid.addWidget(label, line, 0)
            signature = content.signature(*signer)
            if signature is not None:
                grid.addWidget(_signed_mark(signature, self.lines), line, 1)
                name = QLabel(signature.name, self.lines)
                name.setTextFormat(Qt.TextFormat.PlainText)
                grid.addWidget(name, line, 2)
                grid.addWidget(QLabel(uk(signature.date), self.lines), line, 3)
                if signer in self.addenda:
                    added = QLabel("added after sealing", self.lines)
                    added.setStyleSheet(ADDENDUM_STYLE)
                    added.setToolTip(
                        "Signed after the assessor sealed the sheet: an addendum bound to the "
                        "sealed record, with the assessor's PIN. The record code is unchanged."
                    )
                    _put(self.added_marks, self.line_marks, signer, added)
                    grid.addWidget(added, line, 4)
                continue
            text = f"Sign as {in_sentence(content.signer_label(*signer))}…"
            if role is Role.IV and signer not in required:
                text = "IV sampled? Sign as IV…"
            button = QPushButton(text, self.lines)
            button.clicked.connect(lambda _checked=False, s=signer: self.open_sign(*s))
            _put(self.sign_buttons, self.line_buttons, signer, button)
            grid.addWidget(button, line, 1)
            grid.addWidget(self._note(content, signer, signer in required), line, 2, 1, 3)
        grid.setColumnStretch(4, 1)

    def _note(self, content: SheetContent, signer: Signer, required: bool) -> QLabel:
        """ "required" or "optional", and what the signature still waits for, if anything."""
        role, key = signer
        waits = standing_problems(content, role, self._today, self._today, line=key)
        text = "required" if required else "optional"
        if waits:
            titles = ", ".join(dict.fromkeys(RULE_TITLES[p.rule].lower() for p in waits))
            text += f' — <span style="color:#a40000">waits for: {html.escape(titles)}</span>'
            if any(p.rule is rules.Rule.FULL_COVERAGE for p in waits):
                uncovered = sign_off_coverage(content.unit, content.evidence).uncovered
                text += f" ({criterion_links(uncovered)})"
        note = QLabel(text, self.lines)
        note.setStyleSheet("color:#5c6270")
        note.setWordWrap(True)
        note.setToolTip("\n".join(p.message for p in waits))
        note.linkActivated.connect(self._follow_link)
        _put(self.notes, self.line_notes, signer, note)
        return note

    def _follow_link(self, link: str) -> None:
        if link.startswith(CRITERION_LINK):
            self.jump_to_criterion.emit(link.removeprefix(CRITERION_LINK))

    # --- dialogs (opened window-modal, not blocking, so the panel stays testable) -------------

    def _open(self, dialog: QDialog, changes_sheet: bool = False) -> None:
        self.dialog = dialog
        if changes_sheet:
            dialog.accepted.connect(self._changed)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    def open_sign(self, role: Role, line: str = "") -> SignDialog:
        dialog = SignDialog(self._store, self._sheet_id, role, self._today, self, line)
        dialog.jump_to_criterion.connect(self.jump_to_criterion)
        self._open(dialog, changes_sheet=True)
        return dialog

    def open_reopen(self) -> ReopenDialog:
        dialog = ReopenDialog(self._store, self._sheet_id, self)
        self._open(dialog, changes_sheet=True)
        return dialog

    def open_audit_trail(self) -> AuditTrailDialog:
        dialog = AuditTrailDialog(self._store, self._sheet_id, self)
        self._open(dialog)
        return dialog

    def open_versions(self) -> VersionsDialog:
        dialog = VersionsDialog(self._store, self._sheet_id, self)
        self._open(dialog)
        return dialog

    def _changed(self) -> None:
        self.reload()
        self.sheet_changed.emit()


def _labels(labels: list[str]) -> str:
    return ", ".join(in_sentence(label) for label in labels) or "nobody"


def _put(by_role: dict[Role, T], by_line: dict[str, T], signer: Signer, value: T) -> None:
    """`value` under the signer's role, or, for a unit's own line, under the line's key."""
    role, line = signer
    if role is Role.EXTRA:
        by_line[line] = value
    else:
        by_role[role] = value


def _signed_mark(signature: Signature, parent: QWidget) -> QWidget:
    """The signature as it was given: its strokes drawn small, the typed name, or 'on paper'."""
    if signature.kind is SignatureKind.DRAWN:
        view = SignatureView(signature.strokes, parent)
        view.setFixedSize(150, 50)
        return view
    if signature.kind is SignatureKind.TYPED:
        return typed_signature(signature.name, 13, parent)
    paper = QLabel("signed on paper", parent)
    paper.setStyleSheet("color:#5c6270; font-style:italic")
    return paper
