"""The assessor's signing key: an Ed25519 key pair whose private half is kept encrypted
under the assessor's PIN.

With it the seal of every signed sheet, every addendum and the audit chain's head are signed:
anyone able to write the database file can change rows and recompute hashes, but cannot make
these signatures without the PIN. The public half is kept in the clear and travels in every
export; its fingerprint is printed beside the record code.

Loaded with the store's write half (cryptography takes a while to import).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

# scrypt for the PIN: about 50 ms on a laptop, so a stolen file's PIN is slow to guess.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
FINGERPRINT_DIGITS = 16

# What each signature is over, so a signature of one kind can never pass for another.
SEAL = "ercsheet.seal.1\n"
ADDENDUM = "ercsheet.addendum.1\n"
EVENT = "ercsheet.audit-head.1\n"


class WrongPin(Exception):
    pass


def fingerprint(public_hex: str) -> str:
    """`3F2A9C1B77D011AB`: the first 64 bits of the public key's SHA-256, upper-case."""
    return hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:FINGERPRINT_DIGITS].upper()


def grouped(fingerprint_text: str) -> str:
    """`3F2A-9C1B-77D0-11AB`, the printed form."""
    return "-".join(fingerprint_text[i : i + 4] for i in range(0, len(fingerprint_text), 4))


@dataclass(frozen=True)
class LockedKey:
    """A key as the store keeps it: the public half, and the private half sealed by the PIN."""

    public_hex: str
    private_sealed: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_hex)


@dataclass(frozen=True)
class UnlockedKey:
    public_hex: str
    private: Ed25519PrivateKey

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_hex)

    def sign(self, purpose: str, text: str) -> str:
        return self.private.sign((purpose + text).encode("utf-8")).hex()


def _pin_key(pin: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, **_SCRYPT).derive(pin.encode("utf-8"))


def _seal_private(private: Ed25519PrivateKey, pin: str) -> str:
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    salt, nonce = os.urandom(16), os.urandom(12)
    box = AESGCM(_pin_key(pin, salt)).encrypt(nonce, raw, b"ercsheet.signing-key.1")
    return json.dumps({"salt": salt.hex(), "nonce": nonce.hex(), "box": box.hex()})


def new_key(pin: str) -> tuple[LockedKey, UnlockedKey]:
    private = Ed25519PrivateKey.generate()
    public_hex = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    return LockedKey(public_hex, _seal_private(private, pin)), UnlockedKey(public_hex, private)


def unlock(key: LockedKey, pin: str) -> UnlockedKey:
    try:
        sealed = json.loads(key.private_sealed)
        salt, nonce, box = (bytes.fromhex(sealed[k]) for k in ("salt", "nonce", "box"))
    except (ValueError, KeyError, TypeError):
        raise WrongPin("the signing key is damaged") from None
    try:
        raw = AESGCM(_pin_key(pin, salt)).decrypt(nonce, box, b"ercsheet.signing-key.1")
    except InvalidTag:
        raise WrongPin("wrong PIN") from None
    return UnlockedKey(key.public_hex, Ed25519PrivateKey.from_private_bytes(raw))


def relock(key: UnlockedKey, pin: str) -> LockedKey:
    """The same key under a new PIN."""
    return LockedKey(key.public_hex, _seal_private(key.private, pin))


def verify(public_hex: str, purpose: str, text: str, signature_hex: str) -> bool:
    try:
        _public_key(public_hex).verify(
            bytes.fromhex(signature_hex), (purpose + text).encode("utf-8")
        )
    except (InvalidSignature, ValueError):
        return False
    return True


@functools.lru_cache(maxsize=16)
def _public_key(public_hex: str) -> Ed25519PublicKey:
    """A public key made once: its first verification costs a third more than the next ones,
    and `ercsheet check` verifies tens of thousands of signatures by the same key."""
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
