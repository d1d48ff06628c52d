"""People's names and numbers as the store keeps them: one form on every path.

"Siân" typed on a Mac (one code point for â) and "Siân" from a file written on Windows (a plus
a combining circumflex) are the same name, and " 0042 " is candidate 0042: the window, import
and the commands all store what `normalise` returns, so each finds what the others stored.
"""

from __future__ import annotations

import unicodedata


def normalise(text: str) -> str:
    """Trimmed, in Unicode NFC."""
    return unicodedata.normalize("NFC", text).strip()
