"""Reading an exchange file's sheet: its shape (pydantic, in plain words), then every rule of the
domain, its record code, addenda, key and audit trail, each verified against its content.

Both versions of the format end here: a version 2 sheet is expanded into the version 1 sheet it
stands for (exchange_v2.py) and checked by these same steps, so a sheet means one thing and its
record code verifies one way whichever file carried it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ercsheet import safe_read
from ercsheet.catalogue.model import Unit
from ercsheet.domain import audit as audit_chain
from ercsheet.domain import rules
from ercsheet.domain.audit import AuditEntry, Change
from ercsheet.domain.seal import Addendum, make_addendum, seal
from ercsheet.domain.sheet import SheetContent
from ercsheet.domain.text import unsafe_text_problem
from ercsheet.domain.vocabulary import Role
from ercsheet.safe_read import location_text
from ercsheet.store import keys
from ercsheet.store.exchange_format import FORMAT, MAX_DEPTH, VERSION, SheetV1, content_of
from ercsheet.store.import_operations import Incoming, SignedBy
from ercsheet.store.values import ImportRefused

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ParsedSheet:
    content: SheetContent
    record_code: str | None
    audit: list[AuditEntry]
    incoming: Incoming
    # What the rules warn about (over-mapped items), already in words with their place.
    warnings: tuple[str, ...] = ()


# --- import -------------------------------------------------------------------------------


def parse_sheet(text: str, units: Callable[[str], Unit | None], today: dt.date) -> SheetContent:
    """The sheet a file describes, checked against every rule; ImportRefused otherwise."""
    return parse_exchange(text, units, today).content


def parse_exchange(text: str, units: Callable[[str], Unit | None], today: dt.date) -> ParsedSheet:
    """The sheet of a version 1 file, its record code and audit trail, all checked;
    ImportRefused otherwise."""
    return sheet_of(read_json(text), units, today)


def sheet_of(
    data: dict[str, Any], units: Callable[[str], Unit | None], today: dt.date
) -> ParsedSheet:
    """A version 1 file's JSON object, checked whole."""
    check_version(data, FORMAT, VERSION, "sheet")
    return checked_sheet(validated(SheetV1, data), units, today)


def read_json(text: str) -> dict[str, Any]:
    """The file's JSON object. Bounded whatever the text holds: JSON nested deeper than
    MAX_DEPTH, whole numbers of more than 18 digits, a key given twice, NaN are refused before
    anything is built from them (version 2's deepest point, a stroke's, is within it too)."""
    try:
        data = safe_read.load_json(text, MAX_DEPTH)
    except safe_read.NotReadable as error:
        raise ImportRefused(str(error)) from None
    if not isinstance(data, dict):
        raise ImportRefused("not an ercsheet sheet (the file is not a JSON object)")
    return data


def check_version(data: dict[str, Any], format_name: str, version: int, what: str) -> None:
    """The file says it is `format_name` in `version`: a later version asks for an update."""
    if data.get("format") != format_name:
        raise ImportRefused(f'format: not an ercsheet {what} (expected "format": "{format_name}")')
    found = data.get("version")
    if type(found) is not int:
        raise ImportRefused(
            f"version: must be the whole number {version}, not {json.dumps(found)[:40]}"
        )
    if found != version:
        raise ImportRefused(
            f"version: this is version {found}; this ercsheet reads version "
            f"{version}. Update ercsheet to import it."
        )


def validated(model: type[M], data: object) -> M:
    """`data` as `model`, or ImportRefused with the first ten problems in plain words.
    Lists are bounded by the models, so a file with more rows or signature points than the
    limits is refused before anything is built from them."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ImportRefused(
            "; ".join(_validation_message(e) for e in error.errors()[:10])
        ) from None


def checked_sheet(
    sheet: SheetV1, units: Callable[[str], Unit | None], today: dt.date
) -> ParsedSheet:
    """A validated sheet checked against every rule; the checks are linear in its rows."""
    unit = units(sheet.unit)
    if unit is None:
        raise ImportRefused(f"unit: there is no unit {sheet.unit!r} in the catalogue")
    content = content_of(sheet, unit)
    problems = rules.check_sheet(content, today)
    unsafe = _unsafe_audit_text(sheet)
    blocking = rules.blocking(problems) + ([unsafe] if unsafe else [])
    if blocking:
        raise ImportRefused("; ".join(str(p) for p in blocking[:10]))
    trail = _trail(sheet)
    warnings = tuple(str(p) for p in problems if not p.blocking)
    return ParsedSheet(
        content, sheet.record_code, trail, _incoming(sheet, content, trail), warnings
    )


def _trail(sheet: SheetV1) -> list[AuditEntry]:
    trail = [
        AuditEntry(
            **{
                **event.model_dump(exclude={"changes", "payload_hash"}),
                "changes": tuple(Change(*c) for c in event.changes or ()),
                "payload_hash": event.payload_hash or "",
            }
        )
        for event in sheet.audit
    ]
    if any(event.payload_hash is None for event in sheet.audit):
        broken = audit_chain.first_broken_legacy(trail)
        if broken is not None:
            raise ImportRefused(
                f"audit[{broken}]: the audit trail was altered (it does not verify)"
            )
        return trail
    for index, event in enumerate(trail):
        if audit_chain.entry_problem(event) is not None:
            raise ImportRefused(f"audit[{index}]: the audit trail was altered (it does not verify)")
    return trail


def _incoming(sheet: SheetV1, content: SheetContent, trail: list[AuditEntry]) -> Incoming:
    """The sheet's seal, addenda and key, each verified against the file's content."""
    signed = content.signature(Role.ASSESSOR) is not None
    if sheet.record_code is not None and not signed:
        raise ImportRefused("record_code: the sheet has a record code but no assessor signature")
    if sheet.addenda and sheet.record_code is None:
        raise ImportRefused("addenda: a sheet with addenda needs its record code")
    if not signed:
        return Incoming(content, None, trail=tuple(trail))
    added = {(a.role, a.line or "") for a in sheet.addenda}
    view = replace(
        content,
        iv=None if (Role.IV, "") in added else content.iv,
        signatures=tuple(s for s in content.signatures if s.signer not in added),
    )
    sealed = seal(view)
    if sheet.record_code is not None and sealed.code != sheet.record_code:
        raise ImportRefused(
            "record_code: the sheet's content does not match its record code: "
            "it was changed after it was signed"
        )
    signed_by = None
    if sheet.key is not None:
        signed_by = SignedBy(sheet.key.public_key, sheet.key.seal_signature)
        if not keys.verify(signed_by.public_key, keys.SEAL, sealed.code, signed_by.seal_signature):
            raise ImportRefused("key: the seal is not signed by the key the file names")
    addenda: list[Addendum] = []
    for index, entry in enumerate(sheet.addenda):
        signature = content.signature(entry.role, entry.line or "")
        if signature is None:
            named = f"{entry.role.value} {entry.line}" if entry.line else entry.role.value
            raise ImportRefused(f"addenda[{index}]: there is no {named} signature")
        iv = content.iv if entry.role is Role.IV else None
        made = make_addendum(addenda, sealed.code, signature, iv)
        if made.hash != entry.hash or made.prev != entry.prev_hash or made.number != entry.number:
            raise ImportRefused(f"addenda[{index}]: the addendum was changed after it was signed")
        if signed_by is None or not keys.verify(
            signed_by.public_key, keys.ADDENDUM, made.hash, entry.key_signature
        ):
            raise ImportRefused(f"addenda[{index}]: not signed by the key the file names")
        addenda.append(replace(made, key=signed_by.fingerprint, key_signature=entry.key_signature))
    return Incoming(
        content,
        sealed,
        tuple(addenda),
        signed_by,
        tuple(trail),
        code_in_file=sheet.record_code is not None,
    )


def _unsafe_audit_text(sheet: SheetV1) -> rules.Problem | None:
    for index, event in enumerate(sheet.audit):
        for name, value in (("actor", event.actor), ("action", event.action)):
            problem = unsafe_text_problem(f"audit[{index}].{name}", value)
            if problem is not None:
                return problem
        problem = unsafe_text_problem(f"audit[{index}].detail", event.detail, multiline=True)
        if problem is not None:
            return problem
    return None


# Pydantic's wording, for what goes wrong in a file written by hand or by another program.
PLAIN_MESSAGES = {
    "bool_type": "must be true or false (without quotes)",
    "float_type": "must be a number (without quotes)",
    "string_type": "must be text (in quotes)",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "model_type": "must be an object of keys",
    "model_attributes_type": "must be an object of keys",
    "string_unicode": "holds a lone surrogate (an escape such as \\udc00 that is not a character)",
}
# What a list holds, by its key (a stroke, strokes[i], holds points), for "at most N … here".
_LIST_ITEMS = {
    "evidence": "evidence items",
    "signatures": "signatures",
    "strokes": "strokes",
    "criteria": "criteria",
}


def _items(location: tuple[str | int, ...]) -> str:
    if len(location) >= 2 and location[-2] == "strokes":
        return "points"
    return _LIST_ITEMS.get(str(location[-1]), "items") if location else "items"


def _validation_message(error: Any) -> str:
    path = location_text(tuple(error["loc"])) or "(top level)"
    kind, context = error["type"], error.get("ctx") or {}
    if kind == "extra_forbidden":
        return f"{path}: unknown key"
    if kind == "missing":
        return f"{path}: required key is missing"
    if kind == "too_long" and "max_length" in context:
        actual = context.get("actual_length")
        has = f" (this has {actual:,})" if isinstance(actual, int) else ""
        return f"{path}: at most {context['max_length']:,} {_items(error['loc'])} here{has}"
    if kind == "too_short" and context.get("min_length") == 1:
        return f"{path}: must not be empty"
    if kind in PLAIN_MESSAGES:
        return f"{path}: {PLAIN_MESSAGES[kind]}"
    return f"{path}: {str(error['msg']).removeprefix('Value error, ')}"
