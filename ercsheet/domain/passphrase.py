"""What a new passphrase or PIN must be, for every place one is chosen.

The database's passphrase (the first run, Assessor → Database encryption…, `ercsheet
passphrase`, a new database created encrypted from the command line), an encrypted exchange
file's (File → Export exchange file, encrypted…, `ercsheet export --encrypt`) and the assessor's
PIN (Assessor → PIN…) are all checked here, so the window and the commands agree.
"""

from __future__ import annotations

from ercsheet.domain.rules import Problem, Rule

# A passphrase guards every candidate's records against whoever finds the laptop or the file:
# a few words. A PIN only stops a laptop left open from signing for its owner.
PASSPHRASE_MIN_LENGTH = 8
PIN_MIN_LENGTH = 4


def passphrase_problems(text: str) -> list[Problem]:
    """Why `text` will not do as a new passphrase (empty: it will)."""
    if len(text) < PASSPHRASE_MIN_LENGTH or not text.strip():
        return [
            Problem(
                Rule.PASSPHRASE,
                f"A passphrase needs at least {PASSPHRASE_MIN_LENGTH} characters: a few words "
                "you will remember are best.",
            )
        ]
    return []


def pin_problems(pin: str) -> list[Problem]:
    """Why `pin` will not do as the assessor's new PIN (empty: it will)."""
    if len(pin) < PIN_MIN_LENGTH or not pin.strip():
        return [
            Problem(Rule.ASSESSOR_PIN, f"Choose a PIN of at least {PIN_MIN_LENGTH} characters.")
        ]
    return []
