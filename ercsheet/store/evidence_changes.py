"""What every change of a sheet's evidence does besides the change: what it says in the audit
trail (old -> new, field by field, tick by tick), and the signatures it voids."""

from __future__ import annotations

from collections.abc import Sequence

from ercsheet.catalogue.model import criterion_order
from ercsheet.domain.audit import Change
from ercsheet.domain.dates import uk
from ercsheet.domain.sheet import EvidenceRow
from ercsheet.store import convert, models
from ercsheet.store.operations import diff
from ercsheet.store.tx import Tx


def void_earlier_signatures(
    tx: Tx,
    sheet: models.Sheet,
    signatures: Sequence[models.SignatureRecord],
    why: str = "the evidence changed after they signed: they sign again",
) -> None:
    """The candidate and the line manager signed the evidence as it was: a change to it
    removes their signatures (each an audit event, saying `why`), so no declaration stands
    over evidence its signer never saw."""
    for record in signatures:
        tx.session.delete(record)
        tx.log(
            "signature voided",
            why,
            sheet_id=sheet.id,
            candidate_id=sheet.candidate_id,
            changes=[
                Change(
                    convert.signer_label(sheet, record), f"{record.name}, {uk(record.date)}", ""
                ),
            ],
        )
    if signatures:
        tx.session.flush()
        tx.session.expire(sheet, ["signatures"])


def row_changes(old: EvidenceRow | None, new: EvidenceRow | None) -> list[Change]:
    def fields(row: EvidenceRow | None) -> list[str]:
        if row is None:
            return ["", "", "", "", "", ""]
        return [
            row.ref,
            row.title,
            row.method.label,
            uk(row.date),
            ", ".join(sorted(row.criteria, key=criterion_order)),
            row.notes,
        ]

    names = ["reference", "title", "method", "date", "criteria", "notes"]
    changes = diff(list(zip(names, fields(old), fields(new), strict=True)))
    if old is not None and new is not None:
        # An edit says what each field was, even when it was empty.
        changes = [Change(c.what, c.old or "(empty)", c.new or "(empty)") for c in changes]
        # Ticks are said one by one: "1.2 ticked", "2.1 cleared".
        changes = [c for c in changes if c.what != "criteria"]
        ref = new.ref
        changes += [
            Change(f"{ref} × {c}", *tick_states(True)) for c in sorted(new.criteria - old.criteria)
        ]
        changes += [
            Change(f"{ref} × {c}", *tick_states(False)) for c in sorted(old.criteria - new.criteria)
        ]
    return changes


def tick_states(covered: bool) -> tuple[str, str]:
    """(old, new) of a tick set (True) or cleared."""
    return ("not ticked", "ticked") if covered else ("ticked", "not ticked")
