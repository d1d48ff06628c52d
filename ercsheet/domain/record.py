"""The record code: a SHA-256 over a canonical form of a signed sheet's content.

Any change to what was signed (unit wording, candidate, a row, a tick, a signature or a date)
gives another code, so a printed code proves the sheet on file is the one that was signed.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ercsheet.catalogue.snapshot import unit_data
from ercsheet.domain.sheet import SheetContent, Signature

# The short form printed on paper: enough to find a sheet and spot tampering by eye.
SHORT_LENGTH = 12


def canonical_content(content: SheetContent) -> dict[str, Any]:
    data = _canonical_content(content)
    # The grade awarded exists since graded units (format version 2): a sheet without one hashes
    # as every sheet did before.
    if content.grade is not None:
        data["grade"] = content.grade.value
    return data


def _canonical_content(content: SheetContent) -> dict[str, Any]:
    return {
        "unit": unit_data(content.unit),
        "qualification": content.qualification,
        "candidate": [
            content.candidate.name,
            content.candidate.candidate_number,
            content.candidate.centre_number,
        ],
        "assessor": [content.assessor.name, content.assessor.qualified],
        "iv": [content.iv.name, content.iv.qualified] if content.iv else None,
        "evidence": [
            [
                row.ref,
                row.title,
                row.method.value,
                row.date.isoformat() if row.date else None,
                sorted(row.criteria),
                row.notes,
            ]
            for row in content.evidence
        ],
        # By role, then by line (of a unit's own lines): the order of the first format.
        "signatures": sorted(
            (signature_data(s) for s in content.signatures), key=lambda s: (str(s[0]), s[5:])
        ),
    }


def signature_data(signature: Signature) -> list[Any]:
    """A signature in the canonical form (and in an addendum's body). The line of a unit's
    own sign-off line exists since format version 2: every other signature is written as it
    always was, so earlier codes and addenda verify."""
    data: list[Any] = [
        signature.role.value,
        signature.name,
        signature.date.isoformat(),
        signature.kind.value,
        [[list(point) for point in stroke] for stroke in signature.strokes],
    ]
    return [*data, signature.line] if signature.line else data


# One encoder for every call: json.dumps with these options makes a new one each time, a third
# of the cost of hashing a small event (the bytes are the same: the encoder keeps no state).
_CANONICAL = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
)


def canonical_bytes(data: Any) -> bytes:
    return _CANONICAL.encode(data).encode("utf-8")


def record_code(content: SheetContent) -> str:
    """The full code: 64 hexadecimal digits."""
    return hashlib.sha256(canonical_bytes(canonical_content(content))).hexdigest()


def short_code(code: str) -> str:
    """`3F2A-9C1B-77D0`: the printed form, grouped for reading aloud."""
    head = code[:SHORT_LENGTH].upper()
    return "-".join(head[i : i + 4] for i in range(0, SHORT_LENGTH, 4))


def normalise_typed_code(text: str) -> str:
    """A code as typed from paper, in the form codes are stored (lower-case hex, no dashes)."""
    return "".join(ch for ch in text.lower() if ch in "0123456789abcdef")
