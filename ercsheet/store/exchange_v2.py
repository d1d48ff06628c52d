"""Reading a candidate's exchange file (version 2): its shape, the references between its
library and its sheets, and each sheet expanded into the version 1 sheet it stands for and
checked by the same steps (exchange_checks.py), so its rules and record code are version 1's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ercsheet.catalogue.model import Unit
from ercsheet.domain.library import Holding, ItemFields, item_problems
from ercsheet.domain.registration import details_problems
from ercsheet.domain.sheet import Candidate
from ercsheet.store.candidate_import_operations import (
    IncomingCandidate,
    IncomingItem,
    IncomingRegistration,
    IncomingSheet,
)
from ercsheet.store.exchange_checks import check_version, checked_sheet, validated
from ercsheet.store.exchange_format import FORMAT, VERSION, SheetV1
from ercsheet.store.exchange_v2_format import (
    FORMAT_V2,
    ROW_FIELDS,
    VERSION_V2,
    CandidateFileV2,
    ItemV2,
    RegistrationV2,
    SheetV2,
)
from ercsheet.store.values import ImportRefused


@dataclass(frozen=True)
class ParsedCandidate:
    incoming: IncomingCandidate
    units: tuple[Unit, ...]  # each sheet's, in the file's order
    warnings: tuple[str, ...] = ()


def is_candidate_file(data: dict[str, Any]) -> bool:
    return data.get("format") == FORMAT_V2


def parse_candidate(
    data: dict[str, Any], units: Callable[[str], Unit | None], today: dt.date
) -> ParsedCandidate:
    """The candidate, their items and sheets, every sheet checked against every rule as a
    version 1 file's is; ImportRefused, naming the place and the reason, otherwise."""
    check_version(data, FORMAT_V2, VERSION_V2, "candidate file")
    file = validated(CandidateFileV2, data)
    problem = _reference_problem(file)
    if problem is not None:
        raise ImportRefused(problem)
    items = {item.uuid: item for item in file.library}
    incoming_items = tuple(_item(index, item) for index, item in enumerate(file.library))
    sheets: list[IncomingSheet] = []
    sheet_units: list[Unit] = []
    warnings: list[str] = []
    for index, sheet in enumerate(file.sheets):
        try:
            parsed = checked_sheet(validated(SheetV1, expanded(file, sheet, items)), units, today)
        except ImportRefused as refusal:
            raise ImportRefused(f"sheets[{index}]: {refusal}") from None
        rows = tuple(row.item for row in sheet.evidence)
        sheets.append(IncomingSheet(sheet.uuid, parsed.incoming, rows, sheet.registration))
        sheet_units.append(parsed.content.unit)
        warnings += [f"sheets[{index}]: {warning}" for warning in parsed.warnings]
    person = file.candidate
    candidate = Candidate(person.name, person.candidate_number, person.centre_number)
    registrations = tuple(
        _registration(index, registration, today)
        for index, registration in enumerate(file.registrations)
    )
    return ParsedCandidate(
        IncomingCandidate(person.uuid, candidate, incoming_items, tuple(sheets), registrations),
        tuple(sheet_units),
        tuple(warnings),
    )


def expanded(file: CandidateFileV2, sheet: SheetV2, items: dict[str, ItemV2]) -> dict[str, Any]:
    """The version 1 sheet a version 2 sheet stands for: the file's candidate (or the one it
    was signed with), and each row its item's fields, overridden by the row's own."""
    candidate = sheet.candidate or file.candidate
    rows = []
    for row in sheet.evidence:
        fields = items[row.item].model_dump(mode="json", include=set(ROW_FIELDS))
        rows.append({**fields, **row.model_dump(mode="json", exclude_unset=True, exclude={"item"})})
    return {
        "format": FORMAT,
        "version": VERSION,
        "candidate": candidate.model_dump(
            mode="json", include={"name", "candidate_number", "centre_number"}
        ),
        "evidence": rows,
        **sheet.model_dump(
            mode="json",
            exclude_unset=True,
            exclude={"uuid", "candidate", "evidence", "registration"},
        ),
    }


def _item(index: int, item: ItemV2) -> IncomingItem:
    fields = ItemFields(item.ref.strip(), item.title, item.method, item.date, item.notes)
    # The file's name stands where this laptop's path would: a name without a folder is no
    # file here until the assessor links it again, and the digest still says which file it is.
    holding = Holding(
        item.held_at,
        item.file.name if item.file else None,
        item.file.sha256 if item.file else None,
    )
    problems = item_problems(fields, holding, f"library[{index}]")
    if problems:
        raise ImportRefused("; ".join(str(p) for p in problems[:10]))
    return IncomingItem(item.uuid, fields, holding)


def _registration(index: int, registration: RegistrationV2, today: dt.date) -> IncomingRegistration:
    problems = details_problems(registration.number, registration.registered_on, today)
    if problems:
        where = f"registrations[{index}]"
        raise ImportRefused("; ".join(f"{where}: {p.message} [{p.rule}]" for p in problems))
    return IncomingRegistration(
        registration.uuid,
        registration.qualification,
        registration.number.strip(),
        registration.registered_on,
    )


def _reference_problem(file: CandidateFileV2) -> str | None:
    """A uuid given twice, or a row naming an item the library lacks or a row its sheet has."""
    repeated = _repeated("library", (item.uuid for item in file.library), "item")
    repeated = repeated or _repeated("sheets", (sheet.uuid for sheet in file.sheets), "sheet")
    repeated = repeated or _repeated(
        "registrations", (r.uuid for r in file.registrations), "registration"
    )
    if repeated:
        return repeated
    known = {item.uuid for item in file.library}
    registrations = {registration.uuid for registration in file.registrations}
    for index, sheet in enumerate(file.sheets):
        if sheet.registration is not None and sheet.registration not in registrations:
            return (
                f"sheets[{index}].registration: the file has no registration {sheet.registration}"
            )
        seen: dict[str, int] = {}
        for row_index, row in enumerate(sheet.evidence):
            where = f"sheets[{index}].evidence[{row_index}].item"
            if row.item not in known:
                return f"{where}: the library has no item {row.item}"
            if row.item in seen:
                return (
                    f"{where}: the item of evidence[{seen[row.item]}] again; an item is one "
                    "row of a sheet"
                )
            seen[row.item] = row_index
    return None


def _repeated(key: str, uuids: Iterable[str], what: str) -> str | None:
    seen: dict[str, int] = {}
    for index, uuid in enumerate(uuids):
        if uuid in seen:
            return (
                f"{key}[{index}].uuid: the uuid of {key}[{seen[uuid]}] again; each {what} "
                "has its own"
            )
        seen[uuid] = index
    return None
