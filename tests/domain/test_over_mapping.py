"""Over-mapping: one warning, from the domain, wherever the window or an import shows it."""

from __future__ import annotations

from ercsheet.domain import evidence_rules, rules
from ercsheet.domain.rules import Rule
from tests.conftest import TODAY
from tests.factories import make_unit, row, sheet


def test_the_sheet_s_over_mapped_items_are_the_import_s_warnings() -> None:
    unit = make_unit()
    evidence = [
        row("E01", unit.criterion_numbers[:8]),
        row("E02", unit.criterion_numbers[:2]),
        row("E03", unit.criterion_numbers),
    ]
    content = sheet(unit, evidence)
    found = evidence_rules.over_mapped_items(content)
    assert [(p.rule, p.path, p.blocking) for p in found] == [
        (Rule.OVER_MAPPING, "evidence[0]", False),
        (Rule.OVER_MAPPING, "evidence[2]", False),
    ]
    assert "Evidence 'E03' is ticked against 10 of the unit's 10 criteria" in found[1].message
    assert found == [p for p in rules.check_sheet(content, TODAY) if not p.blocking]
    assert evidence_rules.over_mapping(unit, evidence[1]) == []
