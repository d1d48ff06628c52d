"""The fixed words of an ERS: assessment methods, signature roles and kinds."""

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
        return _METHOD_LABELS[self][0]

    @property
    def abbreviation(self) -> str:
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


class Role(StrEnum):
    CANDIDATE = "candidate"
    ASSESSOR = "assessor"
    ASSESSOR_COUNTERSIGN = "assessor_countersign"
    IV = "iv"
    IV_COUNTERSIGN = "iv_countersign"
    LINE_MANAGER = "line_manager"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS: dict[Role, str] = {
    Role.CANDIDATE: "Candidate",
    Role.ASSESSOR: "Assessor",
    Role.ASSESSOR_COUNTERSIGN: "Countersigning qualified assessor",
    Role.IV: "Internal verifier",
    Role.IV_COUNTERSIGN: "Countersigning qualified IV",
    Role.LINE_MANAGER: "Line manager / owner-manager",
}


class SignatureKind(StrEnum):
    DRAWN = "drawn"
    TYPED = "typed"
    PAPER = "paper"
