"""A parsed unit as a unit file (docs/units-format.md) and as `ercsheet units --json` lists it.

The file says where it came from and, as comments, what the importer was unsure of and what it
could not place (guidance it could not tell apart per AC, a signature asked for some ACs only),
so the person who checks it against the specification sees them where they edit.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from typing import Any

from ercsheet.catalogue.importer.result import UNWRITTEN_RULES, ParsedUnit, to_unit_data
from ercsheet.catalogue.listing import unit_listing
from ercsheet.catalogue.snapshot import unit_from_data

# The keys written as tables after the unit's own values.
_TABLES = ("rules", "declarations", "qualifications", "methods", "sign_off", "learning_outcomes")


def unit_id(unit: ParsedUnit, fallback: str) -> str:
    """A unit id from the title (or URN, or the file's name): lower-case words joined by '-'."""
    numbers = [q.unit_number for q in unit.qualifications if q.unit_number]
    # The same unit sits in several qualifications under different numbers (seeds 000, 001):
    # its number in the qualification keeps their files apart.
    suffix = f"-u{_slug(numbers[0])}" if numbers and unit.title else ""
    slug = _slug(unit.title or unit.urn or fallback)[: 80 - len(suffix)].rstrip("-")
    return (slug + suffix).strip("-") or "imported-unit"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-")


def listing(unit: ParsedUnit, unit_id_: str) -> dict[str, Any]:
    """The unit as `ercsheet units --json` lists one, and what the importer was unsure of."""
    data = to_unit_data(unit)
    if "expires" in data:
        data["expires"] = data["expires"].isoformat()
    listed = unit_listing(unit_from_data({**data, "id": unit_id_}))
    if "declarations" in data:
        # Not a key of `ercsheet units --json`, but found here: shown for checking.
        listed["declarations"] = data["declarations"]
    # `field` for programs (the unit file's key), `said` for people (the review's words).
    listed["unsure"] = [
        {"field": mark.field, "reason": mark.reason, "said": str(mark)} for mark in unit.unsure
    ]
    return listed


def to_toml(unit: ParsedUnit, source_name: str) -> str:
    data = to_unit_data(unit)
    out = [f"# Imported from {_comment(source_name)} by `ercsheet unit import`: check every value"]
    out.append("# against the specification before use.")
    out += [f"# UNSURE {_comment(str(mark))}" for mark in unit.unsure]
    for rule in unit.criterion_rules:
        if rule.rule not in UNWRITTEN_RULES:
            # Written on the ACs it names (under them below).
            continue
        out.append(f"# RULE FOR {', '.join(rule.criteria)} ONLY: {_comment(rule.sentence)}")
    out.append("")
    for key, value in data.items():
        if key not in _TABLES:
            out.append(f"{key} = {_value(value)}")
    for key in ("rules", "declarations"):
        if key in data:
            out += ["", f"[{key}]"] + [f"{k} = {_value(v)}" for k, v in data[key].items()]
    for key in ("qualifications", "methods", "sign_off"):
        for table in data.get(key, []):
            out += ["", f"[[{key}]]"] + [f"{k} = {_value(v)}" for k, v in table.items()]
    for lo, parsed in zip(data["learning_outcomes"], unit.learning_outcomes, strict=True):
        out += ["", "[[learning_outcomes]]"]
        out += [f"{key} = {_value(value)}" for key, value in lo.items() if key != "criteria"]
        if parsed.unplaced_guidance:
            out.append("# Guidance of this LO that could not be placed against one AC:")
            out += [f"#   {_comment(line)}" for line in parsed.unplaced_guidance.splitlines()]
        for criterion in lo["criteria"]:
            out += ["", "[[learning_outcomes.criteria]]"]
            out += [f"{k} = {_value(v)}" for k, v in criterion.items()]
    return "\n".join(out) + "\n"


def _comment(text: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f]", " ", text)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        if len(value) < 2:
            return "[" + ", ".join(_value(v) for v in value) + "]"
        return "[\n" + "".join(f"    {_value(v)},\n" for v in value) + "]"
    text = str(value)
    if "\n" in text:
        # A multi-line string: backslashes, quote runs and control characters escaped.
        body = text.replace("\\", "\\\\").replace('"', '\\"')
        body = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", lambda m: f"\\u{ord(m[0]):04x}", body)
        return f'"""{body}"""'
    # A JSON string is a TOML basic string (the same escapes), but for DEL, which TOML escapes.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
