"""The unit's facts from its title block: title, numbers, URN, level, credit, hours, expiry.

A label and its value may stand on one line ("Level: 3"), on two ("Level:" / "3"), or in two
blocks ("Level:" "Credit value:" … "3" "4", as a two-column block is often extracted). Values
taken from a block of their own are marked unsure: the order is a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ercsheet.catalogue.importer.result import ParsedQualification, ParsedUnit, quoted

URN = re.compile(r"\b([A-Z])\s?/\s?([0-9OIlS]{3})\s?/\s?([0-9OIlS]{4})\b")
_DIGIT_LOOKALIKES = str.maketrans("OIlS", "0115")

LABELS: tuple[tuple[str, str], ...] = (
    ("sector_unit_number", r"sector unit (?:number|code|reference)"),
    (
        "urn",
        r"unit reference (?:number|no\.?)|urn|ofqual (?:unit )?(?:reference|number|code)"
        r"|(?:qcf|rqf) unit (?:reference|number|code)|unit accreditation number|uan"
        r"|unit reference(?=\s*:)",
    ),
    (
        "unit_number",
        r"(?:ocr |pearson |btec |vtct |gateway |city & guilds |awarding body )?"
        r"unit (?:number|no\.?|code)",
    ),
    ("title", r"unit title|title of unit|unit name|title(?=\s*:)"),
    ("level", r"(?:unit )?level"),
    ("credit", r"credit(?: value)?s?"),
    ("glh", r"guided learning hours|glh"),
    ("expires", r"(?:unit )?expiry date|(?:unit )?review date|last date for certification"),
)
_LABEL = [
    (name, re.compile(rf"^\s*(?:{pattern})\b\s*(?::|\t|\s{{2,}}|(?=\s*\S))\s*(.*)$", re.IGNORECASE))
    for name, pattern in LABELS
]
QUALIFICATION = re.compile(
    r"^\s*((?:[A-Z][\w&]*\s+)*Level\s+\d\b.*?\b(?:NVQ|Certificate|Diploma|Award|Qualification)"
    r"\b.*?)\s*(?:[–—-]\s*Unit\s+([A-Z]?\d+[A-Z]?)\s*)?$"
)
_UNIT_HEADING = re.compile(r"^Unit\s+([A-Z]?\d+[A-Z]?)\s*[:–—]\s*(\S.+)$")
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTHS = {month: number for number, month in enumerate(_MONTH_NAMES.split(), 1)}


@dataclass
class _Pending:
    name: str
    index: int


def label_of(text: str) -> tuple[str, str] | None:
    """(field, value after the label) when the line starts with a known label."""
    for name, pattern in _LABEL:
        found = pattern.match(text)
        if found:
            return name, found[1].strip()
    return None


def read_head(lines: list[str], unit: ParsedUnit) -> ParsedQualification:
    """Fill the unit's title-block fields from `lines`; the qualification context found."""
    context = ParsedQualification()
    pending: list[_Pending] = []
    values: dict[str, tuple[str, bool]] = {}
    for index, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            continue
        qualification = QUALIFICATION.match(text)
        if qualification and not context.title:
            context.title = qualification[1].strip()
            context.unit_number = qualification[2] or ""
            continue
        heading = _UNIT_HEADING.match(text)
        if heading and "title" not in values:
            # "Unit 1: Exploring business" (Pearson, City & Guilds): the title and the number.
            context.unit_number = context.unit_number or heading[1]
            values["title"] = (heading[2].strip(), False)
            continue
        labelled = label_of(text)
        if labelled is not None:
            name, value = labelled
            if name == "unit_number" and URN.search(value):
                name = "urn"  # "Unit Number: D/600/9804" (seed 000): the value's shape decides
            if value:
                values.setdefault(name, (value, False))
            elif name not in values:
                pending.append(_Pending(name, index))
            continue
        if pending:
            first = pending.pop(0)
            # A value after more than one waiting label, or after the next label: a guess.
            values.setdefault(first.name, (text, bool(pending) or index - first.index > 3))
        elif (
            "title" in values and values["title"][0] and _continues_title(values["title"][0], text)
        ):
            values["title"] = (values["title"][0] + " " + text, values["title"][1])
    for name, (value, guessed) in values.items():
        _set(unit, context, name, value, guessed)
    for waiting in pending:
        unit.mark(waiting.name, "the label is there but no value was found for it.")
    return context


def _continues_title(title: str, text: str) -> bool:
    return text[:1].islower() and not label_of(text)


def _set(
    unit: ParsedUnit, context: ParsedQualification, name: str, value: str, guessed: bool
) -> None:
    if guessed:
        unit.mark(name, f"{quoted(value)} stood apart from its label; check it belongs to it.")
    if name == "title":
        unit.title = value
    elif name in ("urn", "unit_number"):
        urn = URN.search(value)
        if urn:
            _set_urn(unit, urn)
        elif name == "unit_number":
            number = re.match(r"^[A-Za-z]?\d+[A-Za-z]?(?:\.\d+)?\b", value)
            if number:
                context.unit_number = number[0]
            else:
                unit.mark("unit_number", f"{quoted(value)} is not a unit number.")
        else:
            unit.mark("urn", f"{quoted(value)} is not of the form A/123/4567.")
    elif name == "sector_unit_number":
        unit.sector_unit_number = value.split()[0]
    elif name in ("level", "credit", "glh"):
        number = re.fullmatch(r"(?:level\s*)?(\d{1,4})(?:\s*(?:hours|credits?))?", value, re.I)
        if number and (name != "level" or 1 <= int(number[1]) <= 8):
            setattr(unit, name, int(number[1]))
        else:
            unit.mark(name, f"{quoted(value)} is not a whole number ercsheet can hold; left empty.")
    elif name == "expires":
        unit.expires = date_of(value)
        if unit.expires is None:
            unit.mark("expires", f"{quoted(value)} is not a date; left empty.")


def _set_urn(unit: ParsedUnit, found: re.Match[str]) -> None:
    digits = f"{found[2]}/{found[3]}"
    fixed = digits.translate(_DIGIT_LOOKALIKES)
    unit.urn = f"{found[1]}/{fixed}"
    if fixed != digits:
        unit.mark(
            "urn", f"read as {found[1]}/{digits}: letters taken for the digits they resemble."
        )


def date_of(text: str) -> dt.date | None:
    text = text.strip().rstrip(".")
    try:
        found = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        if found:
            return dt.date(int(found[3]), int(found[2]), int(found[1]))
        found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        if found:
            return dt.date(int(found[1]), int(found[2]), int(found[3]))
        found = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})", text)
        if found and found[2].casefold() in _MONTHS:
            return dt.date(int(found[3]), _MONTHS[found[2].casefold()], int(found[1]))
    except ValueError:
        return None
    return None


def read_sheet_context(lines: list[str], context: ParsedQualification, title: str) -> None:
    """The Evidence Record Sheet at a specification's end names the qualification above its
    heading and the unit as that qualification numbers it ("Unit F17 Manage …") below."""
    for index, raw in enumerate(lines):
        if not re.match(r"^\s*evidence record sheet", raw, re.IGNORECASE):
            continue
        before = [t.strip() for t in lines[max(0, index - 3) : index] if t.strip()]
        if before and QUALIFICATION.match(before[-1]) and not context.title:
            context.title = QUALIFICATION.match(before[-1])[1].strip()  # type: ignore[index]
        after = [t.strip() for t in lines[index + 1 : index + 4] if t.strip()]
        if not after:
            return
        line = re.match(r"^Unit\s+([A-Z]?\d+[A-Z]?)\s+(.+)$", after[0])
        if line and line[1] != context.unit_number and _same_title(line[2], title):
            context.sheet_unit_line = after[0]
        return


def _same_title(text: str, title: str) -> bool:
    return bool(title) and _words(text)[:4] == _words(title)[:4]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.casefold())
