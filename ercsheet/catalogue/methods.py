"""The assessment methods an evidence item is assessed by, with their usual names.

They live with the units (not with the rest of the ERS's words in domain/vocabulary.py, which
re-exports them) because a unit file may give the awarding body's own name and abbreviation
for a method (`EP = examination of products`), and the catalogue checks the method it names.
"""

from __future__ import annotations

from enum import StrEnum


class Method(StrEnum):
    OBSERVATION = "observation"
    PROFESSIONAL_DISCUSSION = "professional_discussion"
    WITNESS_TESTIMONY = "witness_testimony"
    PRODUCT = "product"
    QUESTION_ANSWER = "question_answer"
    REFLECTIVE_ACCOUNT = "reflective_account"
    EXPERT_WITNESS = "expert_witness"
    RPL = "rpl"
    SIMULATION = "simulation"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The standard name; a unit may call the method otherwise (`Unit.method_label`)."""
        return _METHOD_LABELS[self][0]

    @property
    def abbreviation(self) -> str:
        """The standard abbreviation; a unit may have its own (`Unit.method_abbreviation`)."""
        return _METHOD_LABELS[self][1]


_METHOD_LABELS: dict[Method, tuple[str, str]] = {
    Method.OBSERVATION: ("Observation", "O"),
    Method.PROFESSIONAL_DISCUSSION: ("Professional discussion", "PD"),
    Method.WITNESS_TESTIMONY: ("Witness testimony", "WT"),
    Method.PRODUCT: ("Product (work product)", "P"),
    Method.QUESTION_ANSWER: ("Questions and answers", "Q&A"),
    Method.REFLECTIVE_ACCOUNT: ("Reflective account", "RA"),
    Method.EXPERT_WITNESS: ("Expert witness", "EW"),
    Method.RPL: ("Recognition of prior learning", "RPL"),
    Method.SIMULATION: ("Simulation", "S"),
    Method.OTHER: ("Other", "OTH"),
}
