"""The passphrase and PIN policy, held once in the domain for the window and the commands."""

from __future__ import annotations

from ercsheet.domain.passphrase import (
    PASSPHRASE_MIN_LENGTH,
    PIN_MIN_LENGTH,
    passphrase_problems,
    pin_problems,
)
from ercsheet.domain.rules import Rule


def test_a_passphrase_needs_eight_characters_said_in_an_assessor_s_words() -> None:
    assert PASSPHRASE_MIN_LENGTH == 8
    [problem] = passphrase_problems("abc")
    assert problem.rule is Rule.PASSPHRASE and problem.blocking
    assert problem.message == (
        "A passphrase needs at least 8 characters: a few words you will remember are best."
    )
    assert passphrase_problems("a" * 7) and not passphrase_problems("a" * 8)
    assert not passphrase_problems("ŵŷâêîôû!")  # characters, not bytes
    assert not passphrase_problems("a walk on Cadair Idris")


def test_a_passphrase_of_spaces_only_is_refused() -> None:
    assert [p.rule for p in passphrase_problems(" " * 12)] == [Rule.PASSPHRASE]


def test_a_pin_needs_four_characters() -> None:
    assert PIN_MIN_LENGTH == 4
    [problem] = pin_problems("123")
    assert problem.rule is Rule.ASSESSOR_PIN
    assert problem.message == "Choose a PIN of at least 4 characters."
    assert pin_problems("    ") and not pin_problems("2468")
