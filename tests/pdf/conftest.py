"""The seed units the PDF tests print."""

from __future__ import annotations

import pytest

from ercsheet.catalogue.loader import Catalogue
from ercsheet.catalogue.model import Unit


def _unit(catalogue: Catalogue, unit_id: str) -> Unit:
    unit = catalogue.get(unit_id)
    assert unit is not None, unit_id
    return unit


@pytest.fixture
def operations(catalogue: Catalogue) -> Unit:
    """Seed 002: 28 ACs in five LOs."""
    return _unit(catalogue, "cs-operations-l4-u1")


@pytest.fixture
def reliable(catalogue: Catalogue) -> Unit:
    """Seed 003: the line manager signs each ERS."""
    return _unit(catalogue, "reliable-cs-l3-u44")


@pytest.fixture
def team_leading(catalogue: Catalogue) -> Unit:
    """Seed 001: Unit F17 of the Level 3 NVQ in Team Leading."""
    return _unit(catalogue, "teamlead-l3-u29-f17")
