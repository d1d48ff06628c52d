"""The side panel: the current column's AC in full with its guidance and what its learning
outcome says of all its ACs (knowledge, understanding and skills; range), or the unit itself."""

from __future__ import annotations

import html

from ercsheet.catalogue.model import Criterion, Unit
from ercsheet.domain.dates import uk
from ercsheet.domain.evidence_rules import criterion_method_rules
from ercsheet.domain.rules import incomplete_unit
from ercsheet.domain.sheet import SheetContent
from ercsheet.gui.qt.widgets import QTextBrowser, QWidget


def urn_line(urn: str) -> str:
    """The unit reference number on a line of its own that never wraps: "D/600/9804" broken
    after "D/" reads as two numbers, and is no longer the one on the awarding body's site.
    (Qt's white-space:nowrap only keeps spaces; a block of `pre` keeps the slashes too.)"""
    return f"<div style='white-space:pre'>URN {html.escape(urn)}</div>" if urn else ""


def _paragraph(label: str, text: str) -> str:
    # Line breaks kept: specifications list what an outcome covers a line (a bullet) each.
    shown = html.escape(text).replace("\n", "<br>")
    return f"<p><b>{html.escape(label)}</b><br>{shown}</p>" if text else ""


class UnitDetails(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unitDetails")
        self.setAccessibleName("Assessment criterion details")
        self.setOpenLinks(False)
        self.setMinimumWidth(180)

    def show_criterion(self, criterion: Criterion, unit: Unit) -> None:
        outcome = unit.outcome_of(criterion.number)
        parts = [
            f"<p style='color:#555'>{html.escape(f'{outcome.label} {outcome.title}')}</p>"
            if outcome
            else "",
            f"<h3>{html.escape(criterion.number)}</h3>",
            f"<p>{html.escape(criterion.text)}</p>",
            _paragraph("Guidance", criterion.guidance),
            _paragraph("Methods", " ".join(criterion_method_rules(unit, criterion.number))),
        ]
        if outcome is not None:
            parts += [
                _paragraph(
                    f"Knowledge, understanding and skills ({outcome.label})", outcome.knowledge
                ),
                _paragraph(f"Range ({outcome.label})", outcome.range),
            ]
        parts.append(_paragraph("Evidence requirements", unit.evidence_requirements))
        self.setHtml("".join(parts))

    def show_unit(self, content: SheetContent) -> None:
        unit = content.unit
        facts = [
            f"Level {unit.level}" if unit.level else "",
            f"{unit.credit} credits" if unit.credit is not None else "",
            f"{unit.glh} guided learning hours" if unit.glh is not None else "",
            f"expired {uk(unit.expires)}" if unit.expires else "",
        ]
        rules = [
            "Simulation is not allowed." if not unit.rules.simulation_allowed else "",
            "The line manager signs this sheet." if unit.rules.line_manager_signature else "",
            *(
                f"The {line.label.lower()} signs this sheet"
                + ("." if line.required else " (where there is one).")
                for line in unit.sign_off
            ),
        ]
        parts = [
            f"<h3>{html.escape(unit.display_title)}</h3>",
            f"<p>{html.escape(' · '.join(f for f in facts if f))}{urn_line(unit.urn)}</p>",
            _paragraph("Qualification", content.qualification),
            _paragraph("Rules", " ".join(r for r in rules if r)),
            *(_paragraph("Not complete", p.message) for p in incomplete_unit(unit)),
            _paragraph("Purpose", unit.purpose),
            "<p style='color:#555'>Select a criterion's column to see it in full here.</p>",
        ]
        self.setHtml("".join(parts))
