"""Sample prints to look at: a signed sheet, the 28-AC unit, 300 rows, a blank form, 60 ACs.

    python benchmarks/pdf_samples.py OUT_DIR [--dpi 80]

Writes each as a PDF and its first pages as PNGs (with poppler's pdftoppm) into OUT_DIR.
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pdf_speed import DAY, rows, sheet, signatures

from ercsheet import paths
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.validation import parse_unit
from ercsheet.domain.record import record_code
from ercsheet.domain.sheet import EvidenceRow, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.pdf import PrintedSheet, render_pdf


def sixty_ac_unit() -> Unit:
    return parse_unit(
        {
            "id": "sixty",
            "title": "A unit with sixty assessment criteria",
            "qualifications": [{"title": "OCR Level 3 NVQ in Testing", "unit_number": "60"}],
            "learning_outcomes": [
                {
                    "number": str(lo),
                    "title": f"Outcome {lo}",
                    "criteria": [
                        {"number": f"{lo}.{ac}", "text": f"Criterion {lo}.{ac}"}
                        for ac in range(1, 13)
                    ],
                }
                for lo in range(1, 6)
            ],
        }
    )


def samples() -> dict[str, PrintedSheet]:
    catalogue = load_catalogue([paths.builtin_units_dir()])
    f17 = catalogue.get("mgmt-l3-u40-f17")
    operations = catalogue.get("cs-operations-l4-u1")
    reliable = catalogue.get("reliable-cs-l3-u44")
    assert f17 is not None and operations is not None and reliable is not None
    signed = sheet(f17, 12, True)
    iv = Signature(Role.IV, "Zoë Ødegård", DAY, SignatureKind.TYPED)
    content = dataclasses.replace(
        signed.content,
        evidence=(
            *signed.content.evidence,
            EvidenceRow(
                "E013",
                "Witness testimony from Łukasz Żółć (line manager) on the handling of a complaint "
                "about late delivery, with the follow-up letter and the customer's reply",
                Method.WITNESS_TESTIMONY,
                DAY,
                frozenset({"1.1", "2.3", "3.4"}),
            ),
        ),
        signatures=(*signatures(), iv),
    )
    superseded = PrintedSheet(
        content, record_code(content), "Superseded version 1 — reopened 20/11/2026: wrong date"
    )
    sixty = sixty_ac_unit()
    return {
        "signed": PrintedSheet(content, record_code(content)),
        "28-acs": sheet(operations, 12, False),
        "300-rows": sheet(operations, 300, False),
        "blank": dataclasses.replace(sheet(reliable, 0, False)),
        "60-acs": PrintedSheet(dataclasses.replace(sheet(sixty, 20, False).content)),
        "superseded": superseded,
        "long-title": PrintedSheet(
            dataclasses.replace(
                signed.content,
                signatures=(),
                evidence=(
                    EvidenceRow(
                        "L1", " ".join(["A very long account"] * 300), Method.REFLECTIVE_ACCOUNT
                    ),
                    *rows(f17, 3),
                ),
            )
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, printed in samples().items():
        pdf = args.out / f"{name}.pdf"
        render_pdf([printed], pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(args.dpi), "-png", "-l", "3", str(pdf), str(args.out / name)],
            check=True,
        )
        print(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
