"""Names in any European language print correctly: in the embedded font, read back exactly."""

from __future__ import annotations

import dataclasses

import pytest
from reportlab.pdfbase import pdfmetrics

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import Candidate, EvidenceRow, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.pdf.fonts import fonts
from tests.pdf.reading import page_texts, render
from tests.pdf.samples import SIGNED_ON, unsigned

NAMES = [
    "Łukasz Żółć",  # Polish
    "Siân Ní Bhriain",  # Welsh, Irish
    "Dafydd ap Gruffŵdd",  # Welsh
    "Zoë Ødegård",  # Norwegian
    "Þórunn Guðmundsdóttir",  # Icelandic
    "Åsa Öberg",  # Swedish
    "Jürgen Groß",  # German
    "Dvořák Šťastný",  # Czech
    "Erdős Pál Győző",  # Hungarian
    "Ștefan Țărână",  # Romanian
    "Gülşen Yıldız İnce",  # Turkish
    "Jānis Bērziņš",  # Latvian
    "Žydrūnas Ąžuolas",  # Lithuanian
    "Ljiljana Đurić",  # Croatian, Serbian Latin
    "Maëlle Bézier-Çelik",  # French
    "Nuño Muñoz",  # Spanish
    "Γιώργος Παπαδόπουλος",  # Greek
    "Анна Иванова",  # Bulgarian, Russian Cyrillic
    "Seán Ó Súilleabháin",  # Irish
]
LATIN_EXTENDED_A = [chr(code) for code in range(0x100, 0x180)]


@pytest.mark.parametrize("face", ["regular", "bold", "condensed", "condensed_bold"])
def test_every_font_has_every_european_letter(face: str) -> None:
    font = pdfmetrics.getFont(getattr(fonts(), face))
    letters = set("".join(NAMES) + "".join(LATIN_EXTENDED_A)) - {" ", "-"}
    missing = sorted(ch for ch in letters if ord(ch) not in font.face.charToGlyph)
    assert missing == []


def test_names_print_exactly_as_typed(f17: Unit) -> None:
    for name in NAMES:
        content = dataclasses.replace(
            unsigned(
                f17,
                [EvidenceRow("E01", f"Discussion with {name}", Method.PROFESSIONAL_DISCUSSION)],
                candidate=Candidate(name, "0042", "12345"),
            ),
            signatures=(Signature(Role.ASSESSOR, name, SIGNED_ON, SignatureKind.TYPED),),
        )
        text = page_texts(render([content]))[0]
        assert f"Candidate name: {name}" in text
        assert f"Discussion with {name}" in text
        assert f"Signature of assessor: {name} Name (in block capitals): {name.upper()}" in text
