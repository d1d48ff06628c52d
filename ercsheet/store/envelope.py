"""Exchange files encrypted with a passphrase, for sending a sheet by e-mail or on a stick.

The file is JSON, so it is recognised on import: `{"format": "ercsheet.encrypted", "version": 1,
"kdf": {"name": "scrypt", "n", "r", "p", "salt"}, "cipher": "AES-256-GCM", "nonce",
"ciphertext"}` (base64 values). The key is scrypt(passphrase, salt); the plaintext is the
exchange file's UTF-8 text; the envelope's header is authenticated with it, so no field can be
changed unnoticed. docs/exchange-format.md describes it.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

FORMAT = "ercsheet.encrypted"
VERSION = 1
SCRYPT = {"n": 2**15, "r": 8, "p": 1}


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
        envelope = json.loads(text)
        kdf = envelope["kdf"]
        if envelope.get("format") != FORMAT or envelope.get("version") != VERSION:
            raise EnvelopeError("not an ercsheet encrypted file of a version this app reads")
        if kdf.get("name") != "scrypt" or envelope.get("cipher") != "AES-256-GCM":
            raise EnvelopeError("encrypted with a method this app does not know")
        salt = base64.b64decode(kdf["salt"], validate=True)
        key = _key(passphrase, salt, int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
        nonce = base64.b64decode(envelope["nonce"], validate=True)
        data = base64.b64decode(envelope["ciphertext"], validate=True)
        return AESGCM(key).decrypt(nonce, data, _header(kdf)).decode("utf-8")
    except InvalidTag:
        raise EnvelopeError("the passphrase is wrong, or the file was changed") from None
    except (ValueError, KeyError, TypeError) as error:
        raise EnvelopeError(f"the encrypted file is damaged ({error})") from None
