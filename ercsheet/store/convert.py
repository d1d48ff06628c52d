"""Turning stored rows into the domain's plain values."""

from __future__ import annotations

from ercsheet.catalogue.model import Grade, Unit
from ercsheet.catalogue.snapshot import unit_from_json
from ercsheet.domain.evidence_rules import reference_key
from ercsheet.domain.sheet import Candidate, EvidenceRow, Person, SheetContent, Signature
from ercsheet.domain.sheet import signer_label as domain_signer_label
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.store import models
from ercsheet.store.strokes import strokes_from_json, strokes_to_json


def unit_of(sheet: models.Sheet) -> Unit:
    return unit_from_json(sheet.unit_snapshot)


def signer_label(sheet: models.Sheet, record: models.SignatureRecord) -> str:
    """Who signed `record`, as the audit trail names them (the unit's label for its own lines)."""
    return domain_signer_label(unit_of(sheet), Role(record.role), record.line)


def evidence_row(item: models.EvidenceItem) -> EvidenceRow:
    return EvidenceRow(
        ref=item.ref,
        title=item.title,
        method=Method(item.method),
        date=item.date,
        criteria=frozenset(t.criterion for t in item.ticks),
        notes=item.notes,
    )


def evidence_item(row: EvidenceRow, position: int) -> models.EvidenceItem:
    item = models.EvidenceItem(
        position=position,
        ref=row.ref.strip(),
        ref_key=reference_key(row.ref),
        title=row.title,
        method=row.method.value,
        date=row.date,
        notes=row.notes,
    )
    item.ticks = [models.Tick(criterion=c) for c in sorted(row.criteria)]
    return item


def signature_record(signature: Signature) -> models.SignatureRecord:
    return models.SignatureRecord(
        role=signature.role.value,
        name=signature.name,
        date=signature.date,
        kind=signature.kind.value,
        strokes=strokes_to_json(signature.strokes),
        line=signature.line,
    )


def signature(record: models.SignatureRecord) -> Signature:
    return Signature(
        role=Role(record.role),
        name=record.name,
        date=record.date,
        kind=SignatureKind(record.kind),
        strokes=strokes_from_json(record.strokes),
        line=record.line,
    )


def sheet_content(sheet: models.Sheet, unit: Unit | None = None) -> SheetContent:
    return SheetContent(
        unit=unit or unit_of(sheet),
        candidate=Candidate(
            sheet.candidate.name, sheet.candidate.candidate_number, sheet.candidate.centre_number
        ),
        assessor=Person(sheet.assessor_name, sheet.assessor_qualified),
        qualification=sheet.qualification,
        iv=Person(sheet.iv_name, sheet.iv_qualified) if sheet.iv_name is not None else None,
        evidence=tuple(evidence_row(item) for item in sheet.evidence),
        signatures=tuple(signature(record) for record in sheet.signatures),
        grade=Grade(sheet.grade) if sheet.grade else None,
    )
