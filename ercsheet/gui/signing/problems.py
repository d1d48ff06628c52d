"""Showing refused changes: each problem with its rule named in words and what to do."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from ercsheet.domain.rules import Problem, Rule, blocking, check_signature
from ercsheet.domain.sheet import SheetContent, Signature
from ercsheet.domain.vocabulary import Role, SignatureKind
from ercsheet.gui.dialog_parts import grow_to_fit
from ercsheet.gui.qt.core import Qt, Signal
from ercsheet.gui.qt.widgets import QLabel, QWidget

RULE_TITLES: dict[Rule, str] = {
    Rule.FULL_COVERAGE: "Every criterion covered",
    Rule.INCOMPLETE_UNIT: "Unit fully transcribed",
    Rule.GRADE: "Grade awarded chosen",
    Rule.SIMULATION_FORBIDDEN: "No simulation for this unit",
    Rule.CRITERION_METHODS: "Methods a criterion allows",
    Rule.REQUIRED_METHODS: "Methods a criterion requires",
    Rule.LINE_MANAGER: "Line manager's signature",
    Rule.SIGN_OFF_LINE: "Sign-off lines the unit asks for",
    Rule.COUNTERSIGNATURE: "Countersignature",
    Rule.DATE_ORDER: "Dates in order",
    Rule.FUTURE_DATE: "No date in the future",
    Rule.EXPIRED_UNIT: "Expired unit",
    Rule.UNIQUE_REFERENCE: "Unique evidence references",
    Rule.UNKNOWN_CRITERION: "Criteria of this unit only",
    Rule.REQUIRED_FIELD: "Required information",
    Rule.SIGNATURE_ORDER: "Order of signatures",
    Rule.OVER_MAPPING: "Evidence mapped to nearly everything",
    Rule.ASSESSOR_PIN: "Assessor's PIN",
    Rule.PASSPHRASE: "Passphrase",
    Rule.REOPEN_REASON: "Reason for reopening",
    Rule.NO_EVIDENCE: "Evidence to sign for",
    Rule.EARLY_DATE: "A plausible date",
    Rule.SIGNATURE_SIZE: "Signature size",
    Rule.SHEET_SIZE: "Sheet size",
    Rule.SAFE_TEXT: "Plain text only",
    Rule.RULES_OF_COMBINATION: "Rules of combination",
    Rule.UNIT_UPDATE: "Updating the sheet's unit",
    Rule.REGISTRATION: "Registration on a qualification",
}

CRITERION_LINK = "criterion:"


def standing_problems(
    content: SheetContent,
    role: Role,
    date: dt.date,
    today: dt.date,
    name: str = "-",
    line: str = "",
) -> list[Problem]:
    """What would block `role` (on the unit's `line`, for its own lines) signing on `date` as
    the sheet stands, whoever signs and how."""
    provisional = Signature(role, name or "-", date, SignatureKind.TYPED, line=line)
    return [
        problem
        for problem in blocking(check_signature(content, provisional, today))
        if problem.rule is not Rule.REQUIRED_FIELD
    ]


def criterion_links(numbers: Sequence[str]) -> str:
    return ", ".join(
        f'<a href="{CRITERION_LINK}{html.escape(n)}">{html.escape(n)}</a>' for n in numbers
    )


def in_sentence(role: Role | str) -> str:
    """A role's label (or a unit's own line's) inside a sentence: "countersigning qualified
    IV" (acronyms kept)."""
    label = role.label if isinstance(role, Role) else role
    return label[0].lower() + label[1:]


class ProblemList(QLabel):
    """A red list of problems; uncovered criteria appear as links that emit `jump_to_criterion`."""

    jump_to_criterion = Signal(str)
    COLOUR = "#a40000"
    ACCESSIBLE_NAME = "Problems"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setOpenExternalLinks(False)
        self.linkActivated.connect(self._follow)
        self.setAccessibleName(self.ACCESSIBLE_NAME)
        self._problems: list[Problem] = []
        self.hide()

    def show_problems(
        self, problems: Sequence[Problem], uncovered: Sequence[str] = (), heading: str = ""
    ) -> None:
        """Show `problems`; `uncovered` criteria become links under the coverage problem."""
        self._problems = list(problems)
        if not problems:
            self.clear()
            self.hide()
            return
        items = []
        for problem in problems:
            title = RULE_TITLES.get(problem.rule, str(problem.rule))
            message = html.escape(problem.message, quote=False)
            text = f"<b>{html.escape(title, quote=False)}:</b> {message}"
            if problem.rule is Rule.FULL_COVERAGE and uncovered:
                text += f"<br>Go to criterion: {criterion_links(uncovered)}"
            items.append(f"<li>{text}</li>")
        top = f"<p><b>{html.escape(heading)}</b></p>" if heading else ""
        self.setText(
            f'<div style="color:{self.COLOUR}">{top}<ul style="margin-left:-20px">'
            f"{''.join(items)}</ul></div>"
        )
        self.show()
        grow_to_fit(self.window())  # room for the list, not taken from the dialog's fields

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def _follow(self, link: str) -> None:
        if link.startswith(CRITERION_LINK):
            self.jump_to_criterion.emit(link.removeprefix(CRITERION_LINK))


class WarningList(ProblemList):
    """Warnings (nothing blocked): the same list, in amber rather than a refusal's red."""

    COLOUR = "#7a4b00"
    ACCESSIBLE_NAME = "Warnings"
