"""A drawn signature's strokes as the store keeps them: JSON lists of [x, y] points."""

from __future__ import annotations

import json

from ercsheet.domain.sheet import Stroke


def strokes_from_json(text: str) -> tuple[Stroke, ...]:
    return tuple(tuple((float(x), float(y)) for x, y in stroke) for stroke in json.loads(text))


def strokes_to_json(strokes: tuple[Stroke, ...]) -> str:
    return json.dumps([[list(point) for point in stroke] for stroke in strokes])
