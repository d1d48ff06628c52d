"""Signing in the window: the signature pad, the signing dialogs and panel, record checks.

The rules live in ercsheet.domain.rules and the store enforces them; these widgets ask the store,
show its answers in the assessor's words and never decide anything themselves.
"""

from ercsheet.gui.signing.pad import SignaturePad, SignatureView, paint_strokes
from ercsheet.gui.signing.panel import SigningPanel
from ercsheet.gui.signing.records import AuditTrailDialog, CodeLookupDialog, VersionsDialog
from ercsheet.gui.signing.reopen import PinDialog, ReopenDialog
from ercsheet.gui.signing.sign_dialog import SignDialog

__all__ = [
    "AuditTrailDialog",
    "CodeLookupDialog",
    "PinDialog",
    "ReopenDialog",
    "SignDialog",
    "SignaturePad",
    "SignatureView",
    "SigningPanel",
    "VersionsDialog",
    "paint_strokes",
]
