"""Reading with a few plain SQL queries on the DB-API connection, not ORM objects.

Opening a 300-row sheet builds thousands of rows and ticks: as plain tuples this is several times
faster than as mapped objects, and opening a sheet is what an assessor waits for most often. It
needs no SQLAlchemy either: the store reads through these functions on a connection of its own
(store.py), so the window and `ercsheet pdf` read without loading it. Edits still load the ORM
objects they change (operations.py, passing their session's connection here for their checks);
both paths build the same content (tests/store/test_reading.py holds them together).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ercsheet.catalogue.model import Grade
from ercsheet.catalogue.snapshot import unit_from_json
from ercsheet.domain.audit import AuditEntry, changes_from_json
from ercsheet.domain.folding import search_words
from ercsheet.domain.seal import Seal, addendum_from_row, addendum_line
from ercsheet.domain.sheet import Candidate, EvidenceRow, Person, SheetContent, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.store.strokes import strokes_from_json
from ercsheet.store.values import CandidateInfo, Profile


@dataclass(frozen=True)
class SheetSummary:
    id: int
    unit_id: str
    unit_title: str
    unit_label: str  # "Unit 40 (F17)": the unit as the sheet's qualification numbers it
    qualification: str
    candidate_id: int
    candidate_name: str
    candidate_number: str
    covered: int
    total: int
    status: str


class SheetMissing(LookupError):
    pass


SHEET_HEAD = """
    SELECT sheet.unit_snapshot, sheet.qualification, sheet.assessor_name,
           sheet.assessor_qualified, sheet.iv_name, sheet.iv_qualified,
           candidate.name, candidate.candidate_number, candidate.centre_number
    FROM sheet JOIN candidate ON candidate.id = sheet.candidate_id
    WHERE sheet.id = ?"""
SEAL = "SELECT seal, record_code FROM sheet WHERE id = ?"
# Since schema 6; asked for apart, so a migration of an earlier schema reads the rest.
GRADE = "SELECT grade FROM sheet WHERE id = ?"
ITEMS = """
    SELECT id, ref, title, method, date, notes FROM evidence_item
    WHERE sheet_id = ? ORDER BY position"""
TICKS = """
    SELECT tick.evidence_id, tick.criterion
    FROM tick JOIN evidence_item ON evidence_item.id = tick.evidence_id
    WHERE evidence_item.sheet_id = ?"""
SIGNATURES = """
    SELECT role, name, date, kind, strokes, line FROM signature WHERE sheet_id = ? ORDER BY id"""
# Before schema 7 no signature was on a unit's own line.
SIGNATURES_BEFORE_7 = """
    SELECT role, name, date, kind, strokes, '' FROM signature WHERE sheet_id = ? ORDER BY id"""


def read_sheet(connection: sqlite3.Connection, sheet_id: int) -> tuple[SheetContent, list[int]]:
    """The sheet's content and its evidence items' ids, in the order of its rows.

    A signed sheet names the candidate as they were when the assessor signed (its seal): a
    correction of their details made since applies to drafts only."""
    content, ids = read_rows(connection, sheet_id)
    sealed = connection.execute(SEAL, (sheet_id,)).fetchone()
    if sealed is not None and sealed[0] is not None:
        content = replace(content, candidate=Seal(sealed[0], sealed[1]).candidate)
    return content, ids


def read_rows(
    connection: sqlite3.Connection, sheet_id: int, current: bool = True
) -> tuple[SheetContent, list[int]]:
    """The sheet as its rows say, with the candidate as they are now (no seal applied).
    `current=False` for a store before schema 6, which has no grade awarded (schema 6) and no
    signature on a unit's own line (schema 7) to read."""
    head = connection.execute(SHEET_HEAD, (sheet_id,)).fetchone()
    if head is None:
        raise SheetMissing(sheet_id)
    snapshot, qualification, assessor, assessor_qualified, iv, iv_qualified, *candidate = head
    grade = connection.execute(GRADE, (sheet_id,)).fetchone()[0] if current else ""
    items = connection.execute(ITEMS, (sheet_id,)).fetchall()
    ticks: dict[int, set[str]] = defaultdict(set)
    for evidence_id, criterion in connection.execute(TICKS, (sheet_id,)):
        ticks[evidence_id].add(criterion)
    content = SheetContent(
        unit=unit_from_json(snapshot),
        candidate=Candidate(*candidate),
        assessor=Person(assessor, bool(assessor_qualified)),
        qualification=qualification,
        iv=Person(iv, bool(iv_qualified)) if iv is not None else None,
        grade=Grade(grade) if grade else None,
        evidence=tuple(
            EvidenceRow(
                ref=ref,
                title=title,
                method=Method(method),
                date=_date(date),
                criteria=frozenset(ticks.get(item_id, ())),
                notes=notes,
            )
            for item_id, ref, title, method, date, notes in items
        ),
        signatures=tuple(
            Signature(
                Role(role),
                name,
                dt.date.fromisoformat(date),
                SignatureKind(kind),
                strokes_from_json(strokes),
                line,
            )
            for role, name, date, kind, strokes, line in connection.execute(
                SIGNATURES if current else SIGNATURES_BEFORE_7, (sheet_id,)
            )
        ),
    )
    return content, [item[0] for item in items]


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def record_code(connection: sqlite3.Connection, sheet_id: int) -> str | None:
    row = connection.execute("SELECT record_code FROM sheet WHERE id = ?", (sheet_id,)).fetchone()
    if row is None:
        raise SheetMissing(sheet_id)
    return row[0]  # type: ignore[no-any-return]


def summaries(
    connection: sqlite3.Connection, candidate_id: int | None = None, sheet_id: int | None = None
) -> list[SheetSummary]:
    """Sheets with their coverage and status, by id (a candidate's, one, or all)."""
    # Only the filters given, so SQLite can use the candidate and sheet indexes.
    filters = {"sheet.candidate_id = :candidate": candidate_id, "sheet.id = :sheet": sheet_id}
    which = " AND ".join(f for f, value in filters.items() if value is not None) or "1"
    chosen: dict[str, object] = {"candidate": candidate_id, "sheet": sheet_id}
    ticked = ticked_criteria(connection, which, chosen)
    signed = assessor_signed(connection, which, chosen)
    found = []
    for sheet, unit_id, snapshot, qualification, candidate, name, number in connection.execute(
        "SELECT sheet.id, sheet.unit_id, sheet.unit_snapshot, sheet.qualification,"
        " sheet.candidate_id, candidate.name, candidate.candidate_number"
        f" FROM sheet JOIN candidate ON candidate.id = sheet.candidate_id WHERE {which}"
        " ORDER BY sheet.id",
        chosen,
    ):
        unit = unit_from_json(snapshot)
        numbers = unit.criterion_numbers
        found.append(
            SheetSummary(
                id=sheet,
                unit_id=unit_id,
                unit_title=unit.display_title,
                unit_label=unit.unit_label(unit.context(qualification)),
                qualification=qualification,
                candidate_id=candidate,
                candidate_name=name,
                candidate_number=number,
                covered=len(ticked.get(sheet, set()) & set(numbers)),
                total=len(numbers),
                status="signed" if sheet in signed else "draft",
            )
        )
    return found


def ticked_criteria(
    connection: sqlite3.Connection, which: str, chosen: dict[str, object]
) -> dict[int, set[str]]:
    """The criteria ticked on each sheet `which` (a filter of `sheet`) selects."""
    ticked: dict[int, set[str]] = defaultdict(set)
    for sheet, criterion in connection.execute(
        "SELECT DISTINCT evidence_item.sheet_id, tick.criterion FROM tick"
        " JOIN evidence_item ON evidence_item.id = tick.evidence_id"
        f" JOIN sheet ON sheet.id = evidence_item.sheet_id WHERE {which}",
        chosen,
    ):
        ticked[sheet].add(criterion)
    return ticked


def assessor_signed(
    connection: sqlite3.Connection, which: str, chosen: dict[str, object]
) -> set[int]:
    """The sheets `which` selects that the assessor has signed off."""
    return {
        sheet
        for (sheet,) in connection.execute(
            "SELECT signature.sheet_id FROM signature JOIN sheet ON sheet.id = signature.sheet_id"
            f" WHERE signature.role = :role AND {which}",
            {**chosen, "role": Role.ASSESSOR.value},
        )
    }


def signed_count(connection: sqlite3.Connection) -> int:
    """How many sheets the assessor has signed off: those `summaries` lists as signed."""
    (count,) = connection.execute(
        "SELECT count(DISTINCT sheet.id) FROM sheet"
        " JOIN candidate ON candidate.id = sheet.candidate_id"
        " JOIN signature ON signature.sheet_id = sheet.id WHERE signature.role = ?",
        (Role.ASSESSOR.value,),
    ).fetchone()
    return int(count)


# --- candidates and the assessor ----------------------------------------------------------------

CANDIDATE_COLUMNS = "SELECT id, name, candidate_number, centre_number FROM candidate"


def candidates(
    connection: sqlite3.Connection, search: str = "", limit: int | None = None, offset: int = 0
) -> list[CandidateInfo]:
    """Candidates whose name or number holds every word of `search`, ignoring case and accents
    ("zolc luk" finds Łukasz Żółć), in the order people sort names (Łukasz among the L's).

    Both read the folded keys the store keeps beside each name and number (domain.folding):
    plain SQL, with no function of ours to call for each of a centre's 10,000 rows."""
    words = search_words(search)
    matches = [f"(instr(name_key, :w{n}) OR instr(number_key, :w{n}))" for n in range(len(words))]
    where = f" WHERE {' AND '.join(matches)}" if matches else ""
    # LIMIT -1 is SQLite's "no limit". The name breaks ties between names folded alike (Zoe and
    # Zoë), then the id: each page follows on from the last.
    rows = connection.execute(
        f"{CANDIDATE_COLUMNS}{where} ORDER BY name_key, name, id LIMIT :limit OFFSET :offset",
        {
            **{f"w{n}": word for n, word in enumerate(words)},
            "limit": -1 if limit is None else limit,
            "offset": offset,
        },
    )
    return [CandidateInfo(*row) for row in rows.fetchall()]


def candidate(connection: sqlite3.Connection, candidate_id: int) -> CandidateInfo | None:
    row = connection.execute(CANDIDATE_COLUMNS + " WHERE id = ?", (candidate_id,)).fetchone()
    return CandidateInfo(*row) if row else None


def candidate_by_number(connection: sqlite3.Connection, number: str) -> CandidateInfo | None:
    row = connection.execute(
        CANDIDATE_COLUMNS + " WHERE candidate_number = ? ORDER BY id", (number.strip(),)
    ).fetchone()
    return CandidateInfo(*row) if row else None


def profile(connection: sqlite3.Connection) -> tuple[Profile, bool] | None:
    """The assessor's profile, and whether a PIN is set."""
    row = connection.execute(
        "SELECT name, qualified, assessor_number, pin_hash FROM assessor_profile ORDER BY id"
    ).fetchone()
    if row is None:
        return None
    name, qualified, number, pin_hash = row
    return Profile(name, bool(qualified), number), bool(pin_hash)


def evidence_ids(connection: sqlite3.Connection, sheet_id: int) -> list[int]:
    rows = connection.execute(
        "SELECT id FROM evidence_item WHERE sheet_id = ? ORDER BY position", (sheet_id,)
    )
    return [item_id for (item_id,) in rows.fetchall()]


@dataclass(frozen=True)
class PrintRecord:
    """What the printed form says of a sheet's record beside its content."""

    code: str | None
    key_fingerprint: str | None  # grouped; "none (…)" for a seal made before signing keys
    addenda: tuple[str, ...]


def print_record(connection: sqlite3.Connection, sheet_id: int) -> PrintRecord:
    row = connection.execute(
        "SELECT record_code, seal_key, unit_snapshot FROM sheet WHERE id = ?", (sheet_id,)
    ).fetchone()
    if row is None:
        raise SheetMissing(sheet_id)
    code, key, snapshot = row
    if code is None:
        return PrintRecord(None, None, ())
    addenda = tuple(
        addendum_line(addendum_from_row(*found), unit_from_json(snapshot))
        for found in connection.execute(
            "SELECT number, record_code, prev_hash, body, hash FROM addendum"
            " WHERE sheet_id = ? AND version IS NULL ORDER BY number",
            (sheet_id,),
        )
    )
    fingerprint = (
        "-".join(key[i : i + 4] for i in range(0, len(key), 4))
        if key
        else "none (sealed before signing keys)"
    )
    return PrintRecord(code, fingerprint, addenda)


@dataclass(frozen=True)
class SealedSheet:
    """A sheet with a record code, and its seal as the store keeps it (None: removed)."""

    id: int
    record_code: str
    seal: str | None
    seal_key: str | None
    seal_signature: str | None


def sealed_sheets(connection: sqlite3.Connection, sheet_id: int | None) -> list[SealedSheet]:
    """Every sheet with a record code (or that one sheet, if it has one), by id."""
    which = "" if sheet_id is None else " AND id = ?"
    return [
        SealedSheet(*row)
        for row in connection.execute(
            "SELECT id, record_code, seal, seal_key, seal_signature FROM sheet"
            f" WHERE record_code IS NOT NULL{which} ORDER BY id",
            () if sheet_id is None else (sheet_id,),
        )
    ]


def record_codes(
    connection: sqlite3.Connection, sheet_id: int | None
) -> list[tuple[int, str | None]]:
    """(sheet, its record code or None) of every sheet, or of that one."""
    which = "" if sheet_id is None else " WHERE id = ?"
    return connection.execute(
        f"SELECT id, record_code FROM sheet{which}", () if sheet_id is None else (sheet_id,)
    ).fetchall()


def sheet_labels(connection: sqlite3.Connection, sheet_ids: set[int]) -> dict[int, tuple[str, str]]:
    """(candidate's name, or "" when the candidate is missing; unit id) of the sheets."""
    ids = sorted(sheet_ids)
    found: dict[int, tuple[str, str]] = {}
    for start in range(0, len(ids), 500):  # within SQLite's limit of bound values
        chunk = ids[start : start + 500]
        for sheet, name, unit_id in connection.execute(
            "SELECT sheet.id, candidate.name, sheet.unit_id FROM sheet"
            " LEFT JOIN candidate ON candidate.id = sheet.candidate_id"
            f" WHERE sheet.id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            found[sheet] = (name or "", unit_id)
    return found


def current_addenda(
    connection: sqlite3.Connection, sheet_id: int | None
) -> dict[int, list[tuple[Any, ...]]]:
    """Each sheet's addenda to its current seal (of every sheet, or of that one), in order, as
    rows of `addendum_from_row`'s arguments."""
    which = "" if sheet_id is None else " AND sheet_id = ?"
    found: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for sheet, *row in connection.execute(
        "SELECT sheet_id, number, record_code, prev_hash, body, hash, key, key_signature"
        f" FROM addendum WHERE version IS NULL{which} ORDER BY sheet_id, number, id",
        () if sheet_id is None else (sheet_id,),
    ):
        found[sheet].append(tuple(row))
    return found


def _as_text(column: str) -> str:
    return f"CASE WHEN typeof({column}) IN ('text', 'null') THEN {column} ELSE quote({column}) END"


# What an event's sheet or candidate column reads as when it holds no number (no row has it).
NOT_A_NUMBER = -1


def _as_integer(column: str) -> str:
    return (
        f"CASE WHEN typeof({column}) IN ('integer', 'null') THEN {column} ELSE {NOT_A_NUMBER} END"
    )


# An event's columns as ercsheet writes them. A value of another type (only an edit outside
# ercsheet puts a blob or a number where text belongs) is read as its SQL literal, or as the
# sheet or candidate NOT_A_NUMBER: the event's hash then fails and `check` names it, where
# Python would raise.
EVENT_FIELDS = ", ".join(
    _as_integer(column) if column in ("sheet_id", "candidate_id", "erased") else _as_text(column)
    for column in (
        *("at", "actor", "action", "detail", "prev_hash", "hash", "sheet_id", "candidate_id"),
        *("changes", "payload_hash", "erased", "key", "key_signature"),
    )
)
EVENT_COLUMNS = f"SELECT {EVENT_FIELDS} FROM audit_log"


def audit_events(
    connection: sqlite3.Connection,
    sheet_id: int | None = None,
    candidate_id: int | None = None,
    actions: tuple[str, ...] = (),
) -> list[AuditEntry]:
    """Events of the store's chain, oldest first: a sheet's, a candidate's, those of the given
    actions, or (none given) all of them. Plain SQL: a centre's chain has half a million."""
    filters: list[str] = []
    values: list[object] = []
    if sheet_id is not None:
        filters.append("sheet_id = ?")
        values.append(sheet_id)
    if candidate_id is not None:
        filters.append("candidate_id = ?")
        values.append(candidate_id)
    if actions:
        filters.append(f"action IN ({', '.join('?' * len(actions))})")
        values += actions
    where = f" WHERE {' AND '.join(filters)}" if filters else ""
    return _entries(connection.execute(EVENT_COLUMNS + where + " ORDER BY id", values))


def stored_events(connection: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    """The whole chain, oldest first, as rows of EVENT_FIELDS read as they are needed: a
    centre's million events are checked one by one, never all held at once."""
    cursor = connection.execute(EVENT_COLUMNS + " ORDER BY id")
    while rows := cursor.fetchmany(2000):
        yield from rows


def entry_of(row: Sequence[Any]) -> AuditEntry:
    """One row of EVENT_FIELDS as an entry."""
    return _entries([row])[0]


def sheet_events(
    connection: sqlite3.Connection, sheet_id: int, actions: tuple[str, ...]
) -> list[AuditEntry]:
    """A sheet's events and the store's events of `actions`, in the chain's order: each half
    read through its index (an OR would read the whole chain)."""
    marks = ", ".join("?" * len(actions))
    query = (
        f"SELECT {EVENT_FIELDS}, id FROM audit_log WHERE sheet_id = ?"
        f" UNION SELECT {EVENT_FIELDS}, id FROM audit_log WHERE action IN ({marks})"
        " ORDER BY id"
    )
    return _entries(row[:-1] for row in connection.execute(query, (sheet_id, *actions)))


def _entries(rows: Iterable[Sequence[Any]]) -> list[AuditEntry]:
    return [
        AuditEntry(
            at=at,
            actor=actor,
            action=action,
            detail=detail,
            prev_hash=prev_hash,
            hash=digest,
            sheet_id=sheet,
            candidate_id=candidate,
            changes=changes_from_json(changes),
            payload_hash=payload,
            erased=bool(erased),
            key=key,
            key_signature=signature,
        )
        for (
            at,
            actor,
            action,
            detail,
            prev_hash,
            digest,
            sheet,
            candidate,
            changes,
            payload,
            erased,
            key,
            signature,
        ) in rows
    ]
