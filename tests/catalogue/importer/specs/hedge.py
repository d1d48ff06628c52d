"""An invented unit (wording of our own) whose specification says everything format version 2
holds beyond the first format: lettered criteria, rule sentences naming them by letter, range and
outcome, methods allowed and required, an employer's and an expert witness's sign-off lines, both
kinds of outcome, its own candidate declaration. Written out as text, as a PDF whose table has
no heading row (its columns found from its numbers), and as Word with the outcomes' numbers and
the criteria's letters drawn by Word's automatic lists:

    python tests/catalogue/importer/specs/hedge.py OUT_DIR   # hedge.txt, hedge.pdf, hedge.docx
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[4]))

from ercsheet.catalogue.methods import Method
from ercsheet.catalogue.model import (
    Criterion,
    Kind,
    LearningOutcome,
    QualificationContext,
    SignOffLine,
    Unit,
    UnitDeclarations,
)
from tests.catalogue.importer.specs import render, render_docx

TITLE = "Lay and maintain a country hedge"
ASSESSMENT = (
    "This unit assesses both knowledge and competence. Criteria 1a and 1b may be assessed by "
    "professional discussion or questioning. Criteria 2a–2c must be evidenced by observation. "
    "Criteria 3a to 3d may be evidenced by observation or witness testimony. Learning outcome 4 "
    "must be assessed by direct observation or expert witness. Simulation is not allowed for "
    "AC 3(b)."
)
EVIDENCE = (
    "The candidate's employer must confirm that the hedge was laid to the standard of the "
    "workplace. An expert witness, if used, must sign the evidence record sheet."
)
DECLARATION = "I confirm that the hedge work in this evidence is my own."
GUIDANCE = (
    f"The record sheet carries the centre's own declaration.\nCandidate declaration: {DECLARATION}"
)
OBSERVED, PD, QA, WT, EW = (
    Method.OBSERVATION,
    Method.PROFESSIONAL_DISCUSSION,
    Method.QUESTION_ANSWER,
    Method.WITNESS_TESTIMONY,
    Method.EXPERT_WITNESS,
)
# (title, kind, ((text, guidance, real work, methods, required methods), …)) per outcome.
OUTCOMES = (
    (
        "Understand how a hedge is laid",
        Kind.KNOWLEDGE,
        (
            ("Describe the parts of a laid hedge", "Parts may include:\n• pleachers\n• stakes"),
            ("Explain why hedges are laid in winter", ""),
        ),
        (PD, QA),
        (),
    ),
    (
        "Be able to prepare a hedge for laying",
        Kind.COMPETENCE,
        (
            ("Clear dead wood and brambles from the hedge line", ""),
            ("Select the stems to be laid", ""),
            ("Check that the tools are safe to use", "Tools include a billhook and a bow saw."),
        ),
        (),
        (OBSERVED,),
    ),
    (
        "Be able to lay a hedge",
        Kind.COMPETENCE,
        (
            ("Cut each pleacher to the right depth", ""),
            ("Lay the pleachers at an even angle", ""),
            ("Drive in stakes along the line", "Stakes stand about half a metre apart."),
            ("Weave binders along the top of the stakes", ""),
        ),
        (OBSERVED, WT),
        (),
    ),
    (
        "Be able to finish the work",
        Kind.COMPETENCE,
        (("Clear the site", ""), ("Record the work done", "")),
        (OBSERVED, EW),
        (),
    ),
)


def expected_unit() -> Unit:
    outcomes = tuple(
        LearningOutcome(
            str(index),
            title,
            tuple(
                Criterion(
                    f"{index}{letter}",
                    text,
                    guidance,
                    real_work=f"{index}{letter}" == "3b",
                    methods=methods,
                    required_methods=required,
                )
                for letter, (text, guidance) in zip("abcd", criteria, strict=False)
            ),
            kind=kind,
        )
        for index, (title, kind, criteria, methods, required) in enumerate(OUTCOMES, start=1)
    )
    return Unit(
        id="lay-and-maintain-a-country-hedge-u7",
        title=TITLE,
        urn="Z/999/0701",
        level=2,
        credit=4,
        glh=30,
        purpose="This unit is about laying a hedge in the traditional way and leaving the site "
        "in good order.",
        assessment=ASSESSMENT,
        evidence_requirements=EVIDENCE,
        assessment_guidance=GUIDANCE,
        qualifications=(
            QualificationContext("Example Awarding Body Level 2 Certificate in Countryside", "7"),
        ),
        learning_outcomes=outcomes,
        kind=Kind.MIXED,
        declarations=UnitDeclarations(candidate=DECLARATION),
        sign_off=(
            SignOffLine(
                "employer",
                "Employer",
                "Signature of employer (confirming that the hedge was laid to the standard of "
                "the workplace):",
            ),
            SignOffLine(
                "expert_witness", "Expert witness", "Signature of expert witness (if used):", False
            ),
        ),
    )


def text() -> str:
    """The specification as running text: the title block, the outcomes and their lettered
    criteria in reading order (no guidance: a flattened table's is the LO's, not the AC's), the
    assessment sections."""
    unit = expected_unit()
    lines = [f"{unit.qualifications[0].title} – Unit 7", ""]
    lines += [f"{label} {value}" for label, value in render.title_block(unit)]
    lines += ["", "Unit purpose and aim", "", unit.purpose, ""]
    lines.append("Learning Outcomes Assessment Criteria Guidance")
    for lo in unit.learning_outcomes:
        lines.append(f"{lo.number} {lo.title}")
        lines += [f"{c.number[-1]}) {c.text}" for c in lo.criteria]
    for title, section in render.sections(unit):
        lines += ["", title, "", *section.split("\n")]
    return "\n".join(lines) + "\n"


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "hedge.txt").write_text(text(), encoding="utf-8")
    render.write_pdf(out / "hedge.pdf", unit=expected_unit(), lettered="{})", heading_row=False)
    render_docx.write_docx(out / "hedge.docx", expected_unit(), automatic=("lowerLetter", "%2)"))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
