"""The seal: what the assessor signed, frozen, and the addenda signed after it.

When the assessor signs, the sheet as it stands (unit wording, candidate's details, rows, ticks
and the signatures so far) is written down in the canonical form of domain.record; the record
code is the SHA-256 of that text and never changes afterwards. Later signatures (an IV's
initials, a countersignature, a late line manager) are addenda: each its own small record,
bound to the sealed code and to the addendum before it, so the code printed on any paper, before
or after them, still finds and verifies the sheet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ercsheet.catalogue.model import Unit
from ercsheet.domain.dates import uk
from ercsheet.domain.record import (
    canonical_bytes,
    canonical_content,
    short_code,
    signature_data,
)
from ercsheet.domain.sheet import Candidate, Person, SheetContent, Signature, signer_label
from ercsheet.domain.vocabulary import Role, SignatureKind

ADDENDUM_TAG = "ercsheet.addendum.1"


@dataclass(frozen=True)
class Seal:
    text: str  # the canonical JSON that was hashed
    code: str  # its SHA-256, 64 hex digits

    @property
    def data(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.text)
        return loaded

    @property
    def candidate(self) -> Candidate:
        name, number, centre = self.data["candidate"]
        return Candidate(str(name), str(number), str(centre))


def seal(content: SheetContent) -> Seal:
    text = canonical_bytes(canonical_content(content)).decode("utf-8")
    return Seal(text, code_of(text))


def code_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Addendum:
    """A signature added after the seal, chained to the seal and to the addendum before it."""

    number: int
    code: str  # the sealed record code it is bound to
    prev: str  # the previous addendum's hash, or the code for the first
    signature: Signature
    iv: Person | None  # the IV as recorded with their initials
    hash: str
    key: str | None = None
    key_signature: str | None = None

    @property
    def body(self) -> list[Any]:
        return addendum_body(self.number, self.code, self.prev, self.signature, self.iv)


def addendum_body(
    number: int, code: str, prev: str, signature: Signature, iv: Person | None
) -> list[Any]:
    return [
        ADDENDUM_TAG,
        number,
        code,
        prev,
        signature_data(signature),
        [iv.name, iv.qualified] if iv is not None else None,
    ]


def make_addendum(
    previous: Sequence[Addendum], code: str, signature: Signature, iv: Person | None
) -> Addendum:
    number = len(previous) + 1
    prev = previous[-1].hash if previous else code
    digest = hashlib.sha256(
        canonical_bytes(addendum_body(number, code, prev, signature, iv))
    ).hexdigest()
    return Addendum(number, code, prev, signature, iv, digest)


def addendum_from_row(
    number: int,
    code: str,
    prev: str,
    body: str,
    digest: str,
    key: str | None = None,
    key_signature: str | None = None,
) -> Addendum:
    """An addendum as the store keeps it: its body is `addendum_body` in JSON."""
    _tag, _number, _code, _prev, signed, iv = json.loads(body)
    role, name, date, kind, strokes, *line = signed
    signature = Signature(
        Role(role),
        name,
        dt.date.fromisoformat(date),
        SignatureKind(kind),
        tuple(tuple((float(x), float(y)) for x, y in stroke) for stroke in strokes),
        *line,
    )
    person = Person(iv[0], bool(iv[1])) if iv else None
    return Addendum(number, code, prev, signature, person, digest, key, key_signature)


def addendum_line(addendum: Addendum, unit: Unit) -> str:
    """How an addendum is printed on the sheet and listed beside its code."""
    signed = addendum.signature
    who = signer_label(unit, signed.role, signed.line)
    return (
        f"Addendum {addendum.number}: {who}, {signed.name}, {uk(signed.date)} — "
        f"signed after sealing, bound to record code {short_code(addendum.code)}"
    )


def sealed_view(live: SheetContent, sealed: Seal, addenda: Sequence[Addendum]) -> SheetContent:
    """The live sheet as it must read to match its seal: the candidate as signed, and without
    what the addenda added (their signatures, and the IV recorded with the initials)."""
    added = {a.signature.signer for a in addenda}
    adds_iv = any(a.iv is not None for a in addenda)
    return replace(
        live,
        candidate=sealed.candidate,
        iv=None if adds_iv else live.iv,
        signatures=tuple(s for s in live.signatures if s.signer not in added),
    )


def seal_problem(live: SheetContent, sealed: Seal, addenda: Sequence[Addendum]) -> str | None:
    """What is wrong with a sealed sheet's record, or None when it verifies."""
    if code_of(sealed.text) != sealed.code:
        return f"its sealed record no longer matches its record code {short_code(sealed.code)}"
    try:
        view = sealed_view(live, sealed, addenda)
    except (ValueError, TypeError, KeyError):
        return "its sealed record cannot be read"
    if canonical_bytes(canonical_content(view)).decode("utf-8") != sealed.text:
        return (
            "its content no longer matches what was signed (record code "
            f"{short_code(sealed.code)}): it was changed after signing, outside ercsheet"
        )
    return addenda_problem(live, sealed.code, addenda)


def addenda_problem(live: SheetContent, code: str, addenda: Sequence[Addendum]) -> str | None:
    prev = code
    for index, addendum in enumerate(addenda, start=1):
        expected = make_addendum(addenda[: index - 1], code, addendum.signature, addendum.iv)
        who = live.signer_label(*addendum.signature.signer)
        if addendum.number != index or addendum.code != code or addendum.prev != prev:
            return f"addendum {index} is not bound to the sealed record"
        if expected.hash != addendum.hash:
            return f"addendum {index} ({who}) was changed"
        if live.signature(*addendum.signature.signer) != addendum.signature:
            return f"the {who.lower()}'s signature was changed"
        if addendum.iv is not None and live.iv != addendum.iv:
            return "the internal verifier recorded with the initials was changed"
        prev = addendum.hash
    return None
