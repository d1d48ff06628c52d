"""Reading a whole sheet with four column queries instead of loading ORM objects.

Opening a 300-row sheet builds thousands of rows and ticks: as plain tuples this is several times
faster than as mapped objects, and opening a sheet is what an assessor waits for most often.
Edits still load the ORM objects they change (store.py); both paths build the same content
(tests/store/test_reading.py holds them together).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ercsheet.domain.sheet import Candidate, EvidenceRow, Person, SheetContent
from ercsheet.domain.vocabulary import Method, Role
from ercsheet.store import convert, models


@dataclass(frozen=True)
class SheetSummary:
    id: int
    unit_id: str
    unit_title: str
    qualification: str
    candidate_id: int
    candidate_name: str
    candidate_number: str
    covered: int
    total: int
    status: str


class SheetMissing(LookupError):
    pass


def read_sheet(session: Session, sheet_id: int) -> tuple[SheetContent, list[int]]:
    """The sheet's content and its evidence items' ids, in the order of its rows."""
    head = session.execute(
        select(
            models.Sheet.unit_snapshot,
            models.Sheet.qualification,
            models.Sheet.assessor_name,
            models.Sheet.assessor_qualified,
            models.Sheet.iv_name,
            models.Sheet.iv_qualified,
            models.Candidate.name,
            models.Candidate.candidate_number,
            models.Candidate.centre_number,
        )
        .join(models.Candidate)
        .where(models.Sheet.id == sheet_id)
    ).one_or_none()
    if head is None:
        raise SheetMissing(sheet_id)
    items = session.execute(
        select(
            models.EvidenceItem.id,
            models.EvidenceItem.ref,
            models.EvidenceItem.title,
            models.EvidenceItem.method,
            models.EvidenceItem.date,
            models.EvidenceItem.notes,
        )
        .where(models.EvidenceItem.sheet_id == sheet_id)
        .order_by(models.EvidenceItem.position)
    ).all()
    ticks: dict[int, set[str]] = defaultdict(set)
    for evidence_id, criterion in session.execute(
        select(models.Tick.evidence_id, models.Tick.criterion)
        .join(models.EvidenceItem)
        .where(models.EvidenceItem.sheet_id == sheet_id)
    ):
        ticks[evidence_id].add(criterion)
    signatures = session.scalars(
        select(models.SignatureRecord)
        .where(models.SignatureRecord.sheet_id == sheet_id)
        .order_by(models.SignatureRecord.id)
    )
    content = SheetContent(
        unit=convert.unit_from_snapshot(head.unit_snapshot),
        candidate=Candidate(head.name, head.candidate_number, head.centre_number),
        assessor=Person(head.assessor_name, head.assessor_qualified),
        qualification=head.qualification,
        iv=Person(head.iv_name, head.iv_qualified) if head.iv_name is not None else None,
        evidence=tuple(
            EvidenceRow(
                ref=item.ref,
                title=item.title,
                method=Method(item.method),
                date=item.date,
                criteria=frozenset(ticks.get(item.id, ())),
                notes=item.notes,
            )
            for item in items
        ),
        signatures=tuple(convert.signature(record) for record in signatures),
    )
    return content, [item.id for item in items]


def summaries(
    session: Session, candidate_id: int | None = None, sheet_id: int | None = None
) -> list[SheetSummary]:
    """Sheets with their coverage and status, by id (a candidate's, one, or all)."""

    heads = select(
        models.Sheet.id,
        models.Sheet.unit_id,
        models.Sheet.unit_snapshot,
        models.Sheet.qualification,
        models.Sheet.candidate_id,
        models.Candidate.name,
        models.Candidate.candidate_number,
    ).join(models.Candidate)
    ticked_query = (
        select(models.EvidenceItem.sheet_id, models.Tick.criterion).join(models.Tick).distinct()
    )
    signed_query = select(models.SignatureRecord.sheet_id, models.SignatureRecord.role).where(
        models.SignatureRecord.role == Role.ASSESSOR.value
    )
    if candidate_id is not None:
        heads = heads.where(models.Sheet.candidate_id == candidate_id)
        ticked_query = ticked_query.join(models.Sheet).where(
            models.Sheet.candidate_id == candidate_id
        )
        signed_query = signed_query.join(models.Sheet).where(
            models.Sheet.candidate_id == candidate_id
        )
    if sheet_id is not None:
        heads = heads.where(models.Sheet.id == sheet_id)
        ticked_query = ticked_query.where(models.EvidenceItem.sheet_id == sheet_id)
        signed_query = signed_query.where(models.SignatureRecord.sheet_id == sheet_id)
    ticked: dict[int, set[str]] = defaultdict(set)
    for sheet, criterion in session.execute(ticked_query):
        ticked[sheet].add(criterion)
    signed = {sheet for sheet, _role in session.execute(signed_query)}
    found = []
    for head in session.execute(heads.order_by(models.Sheet.id)):
        unit = convert.unit_from_snapshot(head.unit_snapshot)
        numbers = unit.criterion_numbers
        found.append(
            SheetSummary(
                id=head.id,
                unit_id=head.unit_id,
                unit_title=unit.display_title,
                qualification=head.qualification,
                candidate_id=head.candidate_id,
                candidate_name=head.name,
                candidate_number=head.candidate_number,
                covered=len(ticked.get(head.id, set()) & set(numbers)),
                total=len(numbers),
                status="signed" if head.id in signed else "draft",
            )
        )
    return found
