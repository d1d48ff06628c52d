"""Exchange files encrypted with a passphrase, for sending a sheet by e-mail or on a stick.

The file is JSON, so it is recognised on import: `{"format": "ercsheet.encrypted", "version": 1,
"kdf": {"name": "scrypt", "n", "r", "p", "salt"}, "cipher": "AES-256-GCM", "nonce",
"ciphertext"}` (base64 values). The key is scrypt(passphrase, salt); the plaintext is the
exchange file's UTF-8 text; the envelope's header is authenticated with it, so no field can be
changed unnoticed. docs/exchange-format.md describes it.

The file names its own scrypt cost, so an opened file could ask for any amount of work (p=2^20
never finishes; n=2^24 asks for 16 GB). Only the costs in ACCEPTED_N with r=8, p=1 are used (the
cost ercsheet writes, and a little either side for files from other versions); anything else is
refused, with the reason, before any key is derived.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ercsheet import safe_read

FORMAT = "ercsheet.encrypted"
VERSION = 1
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
# scrypt's memory is 128·r·n bytes: 16 MB to 128 MB, about a tenth of a second to a second.
ACCEPTED_N = (2**14, 2**15, 2**16, 2**17)
SALT_BYTES, NONCE_BYTES = 16, 12


class EnvelopeError(Exception):
    """The envelope cannot be opened: wrong passphrase, or damaged."""


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _header(kdf: dict[str, Any]) -> bytes:
    return json.dumps({"format": FORMAT, "version": VERSION, "kdf": kdf}, sort_keys=True).encode()


def seal(plaintext: str, passphrase: str) -> str:
    salt, nonce = os.urandom(16), os.urandom(12)
    kdf = {"name": "scrypt", **SCRYPT, "salt": base64.b64encode(salt).decode()}
    key = _key(passphrase, salt, SCRYPT["n"], SCRYPT["r"], SCRYPT["p"])
    ciphertext = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), _header(kdf))
    envelope = {
        "format": FORMAT,
        "version": VERSION,
        "kdf": kdf,
        "cipher": "AES-256-GCM",
        "nonce": base64.b64encode(nonce).decode(),
        "ciphertext": base64.b64encode(ciphertext).decode(),
    }
    return json.dumps(envelope, indent=2) + "\n"


def is_sealed(text: str) -> bool:
    return text.lstrip().startswith("{") and f'"{FORMAT}"' in text[:200]


def unseal(text: str, passphrase: str) -> str:
    try:
        envelope = safe_read.load_json(text, max_depth=4)
    except safe_read.NotReadable as error:
        raise EnvelopeError(f"the encrypted file is damaged ({error})") from None
    if not isinstance(envelope, dict):
        raise EnvelopeError("the encrypted file is damaged (not a JSON object)")
    if envelope.get("format") != FORMAT or envelope.get("version") != VERSION:
        raise EnvelopeError("not an ercsheet encrypted file of a version this app reads")
    kdf = envelope.get("kdf")
    if not isinstance(kdf, dict):
        raise EnvelopeError("the encrypted file is damaged (kdf: missing)")
    if kdf.get("name") != "scrypt" or envelope.get("cipher") != "AES-256-GCM":
        raise EnvelopeError("encrypted with a method this app does not know")
    n, r, p = _cost(kdf)
    salt = _bytes(kdf, "salt", SALT_BYTES, "kdf.salt")
    nonce = _bytes(envelope, "nonce", NONCE_BYTES, "nonce")
    data = _bytes(envelope, "ciphertext", None, "ciphertext")
    try:
        key = _key(passphrase, salt, n, r, p)
        return AESGCM(key).decrypt(nonce, data, _header(kdf)).decode("utf-8")
    except InvalidTag:
        raise EnvelopeError("the passphrase is wrong, or the file was changed") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise EnvelopeError(f"the encrypted file is damaged ({error})") from None


def _cost(kdf: dict[str, Any]) -> tuple[int, int, int]:
    """scrypt's n, r, p from the file, if they are ones ercsheet uses; EnvelopeError otherwise."""
    n, r, p = kdf.get("n"), kdf.get("r"), kdf.get("p")
    accepted = ", ".join(f"2^{value.bit_length() - 1}" for value in ACCEPTED_N)
    if type(n) is not int or n not in ACCEPTED_N:
        raise EnvelopeError(
            f"kdf.n: the file asks for an scrypt cost n={str(n)[:20]}; ercsheet opens files "
            f"made with n = {accepted} (with r = 8, p = 1) and does not try others"
        )
    if type(r) is not int or r != 8 or type(p) is not int or p != 1:
        raise EnvelopeError(
            f"kdf: the file asks for scrypt r={str(r)[:20]}, p={str(p)[:20]}; ercsheet opens "
            "files made with r = 8, p = 1 and does not try others"
        )
    return n, r, p


def _bytes(data: dict[str, Any], key: str, size: int | None, where: str) -> bytes:
    value = data.get(key)
    if not isinstance(value, str):
        raise EnvelopeError(f"the encrypted file is damaged ({where}: missing)")
    try:
        decoded = base64.b64decode(value, validate=True)
    except ValueError:
        raise EnvelopeError(f"the encrypted file is damaged ({where}: not base64)") from None
    if size is not None and len(decoded) != size:
        raise EnvelopeError(
            f"the encrypted file is damaged ({where}: {len(decoded)} bytes, not {size})"
        )
    return decoded
