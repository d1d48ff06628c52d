"""Sheets in a real store, ready for signing in the window."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Role
from ercsheet.store.store import Profile, Store
from tests.conftest import TODAY
from tests.factories import covering_all, make_unit, row, sign

PIN = "2468"

# The offscreen platform cannot pass size hints to a window system: harmless, and not ours.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@dataclass(frozen=True)
class Sheets:
    """Builds sheets in `store`: covered or not, with the signatures asked for."""

    store: Store

    def new(
        self,
        unit: Unit | None = None,
        *,
        covered: bool = True,
        assessor_qualified: bool = True,
        signed: tuple[Role, ...] = (),
    ) -> int:
        unit = unit or make_unit((2, 2))
        candidate = self.store.add_candidate("Siân Ní Bhriain", "0042", "12345")
        sheet_id = self.store.create_sheet(
            candidate,
            unit,
            "OCR Level 3 NVQ in Testing",
            Person("Pat Jones", assessor_qualified),
        )
        rows = covering_all(unit) if covered else [row("E01", unit.criterion_numbers[:1])]
        for evidence in rows:
            self.store.add_evidence(sheet_id, evidence, today=TODAY)
        self.new_signatures(sheet_id, signed)
        return sheet_id

    def new_signatures(self, sheet_id: int, roles: tuple[Role, ...]) -> None:
        """Typed signatures dated today, by the candidate or by Pat Jones."""
        for role in roles:
            name = "Siân Ní Bhriain" if role is Role.CANDIDATE else "Pat Jones"
            self.store.add_signature(sheet_id, sign(role, TODAY, name), TODAY, pin=PIN)


@pytest.fixture
def profiled(store: Store) -> Store:
    """A store whose assessor profile has a PIN."""
    store.set_profile(Profile("Pat Jones", qualified=True))
    store.set_pin(PIN)
    return store


@pytest.fixture
def sheets(profiled: Store) -> Sheets:
    return Sheets(profiled)
