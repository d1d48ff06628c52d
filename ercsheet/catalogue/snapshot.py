"""A unit as JSON: the snapshot a sheet keeps, and the canonical form its record code hashes.

`unit_data` must give, for ever, exactly the JSON form record codes were first computed over
(pydantic's `model_dump(mode="json")` of the unit: every field, dates as ISO text, tuples as
lists); tests hold it to codes made by earlier versions. A field added since (unit format
version 2, marked OMITTED_AT_DEFAULT) is written only when it differs from its default, so a
unit that does not use it hashes as it always did; reading fills it back with its default.
Snapshots were checked when their unit file was loaded, so they are read back without the
validator, which is what lets printing and the window start without importing pydantic.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import fields, is_dataclass
from typing import Any

from ercsheet.catalogue.methods import Method
from ercsheet.catalogue.model import (
    OMITTED_AT_DEFAULT,
    Criterion,
    Grade,
    Kind,
    LearningOutcome,
    MethodName,
    QualificationContext,
    SignOffLine,
    Unit,
    UnitDeclarations,
    UnitRules,
)


class SnapshotDamaged(ValueError):
    """A stored unit snapshot is not one ercsheet wrote (edited outside it, or damaged)."""


def unit_data(unit: Unit) -> dict[str, Any]:
    """Every field of the unit, as JSON values."""
    data = _json_value(unit)
    assert isinstance(data, dict)
    return data


def _json_value(value: object) -> object:
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _json_value(getattr(value, f.name))
            for f in fields(value)
            if not (f.metadata.get(OMITTED_AT_DEFAULT) and getattr(value, f.name) == f.default)
        }
    if isinstance(value, tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def unit_to_json(unit: Unit) -> str:
    return json.dumps(unit_data(unit), ensure_ascii=False, separators=(",", ":"))


@functools.lru_cache(maxsize=64)
def unit_from_json(text: str) -> Unit:
    """The unit a snapshot holds. Most sheets share a few units' snapshots: each is parsed
    once (a Unit is immutable, so sharing it is safe)."""
    try:
        return unit_from_data(json.loads(text))
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise SnapshotDamaged(f"the sheet's copy of its unit is damaged ({error})") from None


def _criterion(data: dict[str, Any]) -> Criterion:
    grade = data.get("grade")
    return Criterion(
        **{
            **data,
            "grade": Grade(grade) if grade is not None else None,
            "methods": tuple(Method(m) for m in data.get("methods", ())),
            "required_methods": tuple(Method(m) for m in data.get("required_methods", ())),
        }
    )


def _outcome(data: dict[str, Any]) -> LearningOutcome:
    kind = data.get("kind")
    return LearningOutcome(
        **{
            **data,
            "criteria": tuple(_criterion(c) for c in data.get("criteria", ())),
            "kind": Kind(kind) if kind is not None else None,
        }
    )


def unit_from_data(data: dict[str, Any]) -> Unit:
    """A unit from `unit_data`'s form; a key an older snapshot lacks takes its default."""
    expires = data.get("expires")
    return Unit(
        **{
            **data,
            "expires": dt.date.fromisoformat(expires) if expires else None,
            "nos": tuple(data.get("nos", ())),
            "rules": UnitRules(**data.get("rules", {})),
            "qualifications": tuple(
                QualificationContext(**context) for context in data.get("qualifications", ())
            ),
            "learning_outcomes": tuple(_outcome(lo) for lo in data["learning_outcomes"]),
            "methods": tuple(
                MethodName(**{**named, "method": Method(named["method"])})
                for named in data.get("methods", ())
            ),
            "kind": Kind(data.get("kind", Kind.COMPETENCE)),
            "declarations": UnitDeclarations(**data.get("declarations", {})),
            "sign_off": tuple(SignOffLine(**line) for line in data.get("sign_off", ())),
        }
    )
