"""What a rule finds: a `Problem`, naming its `Rule`. Here (not in rules.py) so that the modules
rules.py draws on (text.py) can return problems too; rules.py re-exports both."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Rule(StrEnum):
    FULL_COVERAGE = "full-coverage"
    INCOMPLETE_UNIT = "incomplete-unit"
    GRADE = "grade"
    SIMULATION_FORBIDDEN = "simulation-forbidden"
    CRITERION_METHODS = "criterion-methods"
    REQUIRED_METHODS = "required-methods"
    LINE_MANAGER = "line-manager-signature"
    SIGN_OFF_LINE = "sign-off-line"
    COUNTERSIGNATURE = "countersignature"
    DATE_ORDER = "date-order"
    FUTURE_DATE = "future-date"
    EARLY_DATE = "early-date"
    EXPIRED_UNIT = "expired-unit"
    UNIQUE_REFERENCE = "unique-reference"
    UNKNOWN_CRITERION = "unknown-criterion"
    REQUIRED_FIELD = "required-field"
    SIGNATURE_ORDER = "signature-order"
    SIGNATURE_SIZE = "signature-size"
    SHEET_SIZE = "sheet-size"
    SAFE_TEXT = "safe-text"
    OVER_MAPPING = "over-mapping"
    ASSESSOR_PIN = "assessor-pin"
    PASSPHRASE = "passphrase"
    REOPEN_REASON = "reopen-reason"
    NO_EVIDENCE = "no-evidence"
    RULES_OF_COMBINATION = "rules-of-combination"
    UNIT_UPDATE = "unit-update"
    REGISTRATION = "registration"


@dataclass(frozen=True)
class Problem:
    rule: Rule
    message: str
    path: str = ""
    blocking: bool = True

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.rule}]"
