"""An invented unit (wording of our own, no awarding body's text) that the test specifications
are made from, in every shape: the unit file it should import as is `expected_unit()`."""

from __future__ import annotations

import datetime as dt

from ercsheet.catalogue.model import (
    Criterion,
    LearningOutcome,
    QualificationContext,
    Unit,
    UnitRules,
)

TITLE = "Prepare and maintain a safe grounds-care work area"
QUALIFICATION = "Example Awarding Body Level 2 Certificate in Grounds Care"
PURPOSE = (
    "This unit is about getting a grounds-care work area ready and keeping it safe while the "
    "work goes on. Learners will show they can spot hazards, protect themselves and others, and "
    "know the duties the law places on them."
)
ASSESSMENT = (
    "This unit is assessed in the workplace by the centre and checked by an external "
    "verifier. Simulation is not allowed for AC 2.2 and 2.3."
)
EVIDENCE = (
    "Learners must show all the assessment criteria in real work. The learner's line manager "
    "must sign and date the evidence record sheet to confirm the work was the learner's own."
)
NOS = ("LANGC12", "LANGC13", "LANGC14")
NOS_TITLES = (
    "Prepare work areas for grounds care",
    "Maintain safe working practices",
    "Report incidents at work",
)

OUTCOMES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Be able to prepare a work area for grounds-care tasks",
        (
            (
                "Identify the hazards present in the work area before starting a task",
                "Hazards may include:\n• uneven ground\n• overhead cables\n• members of the public",
            ),
            ("Select personal protective equipment suited to the task and the conditions", ""),
            (
                "Explain how to set up barriers and signs to keep others away from the work",
                "Explain the purpose of each sign to the assessor.",
            ),
        ),
    ),
    (
        "Be able to maintain the work area while a task is carried out",
        (
            ("Keep tools and materials stored so that they do not create new hazards", ""),
            (
                "Respond to changes in weather or ground conditions that affect safety",
                "Changes may include heavy rain, frost or high winds.",
            ),
            ("Report incidents and near misses to the responsible person without delay", ""),
        ),
    ),
    (
        "Understand the legal duties that apply to grounds-care work",
        (
            ("Outline the duties of employers and employees under health and safety law", ""),
            (
                "Describe the records that must be kept after an accident at work",
                "Records include the accident book and any report to the enforcing authority.",
            ),
            ("Explain why risk assessments are reviewed after any change of method", ""),
            ("State where the organisation's safety procedures can be found", ""),
        ),
    ),
)


def expected_unit(outcomes: int = 0) -> Unit:
    """The unit as written by hand; `outcomes` > 3 repeats the LOs (a long specification)."""
    los = []
    for index, (title, criteria) in enumerate(_outcomes(outcomes), start=1):
        los.append(
            LearningOutcome(
                str(index),
                title,
                tuple(
                    Criterion(f"{index}.{n}", text, guidance)
                    for n, (text, guidance) in enumerate(criteria, 1)
                ),
            )
        )
    return Unit(
        id="grounds-care",
        title=TITLE,
        urn="K/615/0042",
        level=2,
        credit=3,
        glh=20,
        expires=dt.date(2027, 7, 31),
        purpose=PURPOSE,
        assessment=ASSESSMENT,
        evidence_requirements=EVIDENCE,
        nos=tuple(f"{code} {title}" for code, title in zip(NOS, NOS_TITLES, strict=True)),
        rules=UnitRules(line_manager_signature=True),
        qualifications=(QualificationContext(QUALIFICATION, "12"),),
        learning_outcomes=tuple(los),
    )


def _outcomes(count: int) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    if count <= len(OUTCOMES):
        return list(OUTCOMES)
    return [OUTCOMES[i % len(OUTCOMES)] for i in range(count)]
