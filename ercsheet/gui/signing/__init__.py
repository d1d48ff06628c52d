"""Signing in the window: the signature pad, the signing dialogs and panel, record checks.

The rules live in ercsheet.domain.rules and the store enforces them; these widgets ask the store,
show its answers in the assessor's words and never decide anything themselves.
"""

from ercsheet.gui.signing.pad import SignaturePad, SignatureView, paint_strokes

__all__ = ["SignaturePad", "SignatureView", "paint_strokes"]
