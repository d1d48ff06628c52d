"""The store's operations on registrations and its read of a candidate's progress (part of the
one Store API, as library_api.py is)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING

from ercsheet.store.connection import Connection
from ercsheet.store.values import NotFound

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from ercsheet.catalogue.loaded import Catalogue
    from ercsheet.catalogue.qualification import Qualification
    from ercsheet.domain.sheet import Person
    from ercsheet.store import registration_operations
    from ercsheet.store.progress_reading import CandidateProgress, Registered


class RegistrationApi(Connection):
    def _orm_sessions(self, quick_check: bool = False) -> sessionmaker[Session]:
        # The registrations' operations, imported with the SQLAlchemy half (as in store.py).
        global registration_operations
        from ercsheet.store import registration_operations

        return super()._orm_sessions(quick_check)

    def register(
        self,
        candidate_id: int,
        qualification_id: str,
        *,
        catalogue: Catalogue,
        assessor: Person,
        number: str = "",
        registered_on: dt.date | None = None,
        optional_units: Collection[str] = (),
    ) -> int:
        """Register the candidate on a qualification of the catalogue, with the optional units
        chosen: a draft sheet for each of them and each mandatory unit (a sheet they already
        have of the unit in the qualification is linked instead). Refused (RuleViolation) for a
        choice no further choice mends, a number or date the domain refuses; a choice short of
        a minimum is allowed (domain/registration.py)."""
        qualification = _qualification(catalogue, qualification_id)
        return self._change(
            lambda tx: registration_operations.register(
                tx,
                candidate_id,
                qualification,
                catalogue.units,
                assessor,
                number,
                registered_on,
                optional_units,
            )
        )

    def choose_units(
        self,
        registration_id: int,
        add: Collection[str],
        *,
        catalogue: Catalogue,
        assessor: Person,
    ) -> list[int]:
        """Add optional units to a registration (checked as `register` checks them); the ids
        of their sheets."""
        from ercsheet.store import progress_reading  # on use: not at start

        qualification_id = self._read(progress_reading.qualification_of, registration_id)
        if qualification_id is None:
            raise NotFound(f"There is no registration {registration_id}.")
        qualification = _qualification(catalogue, qualification_id)
        return self._change(
            lambda tx: registration_operations.choose_units(
                tx, registration_id, qualification, catalogue.units, assessor, add
            )
        )

    def registrations(self, candidate_id: int) -> list[Registered]:
        from ercsheet.store import progress_reading  # on use: not at start

        return self._read(progress_reading.registrations, candidate_id)

    def progress(self, candidate_id: int, catalogue: Catalogue, top: int = 5) -> CandidateProgress:
        """The candidate's progress: each registration's units and rules of combination, their
        other sheets, the criteria still uncovered, the `top` items of evidence covering most."""
        from ercsheet.store import progress_reading  # on use: not at start

        return self._read(progress_reading.candidate_progress, candidate_id, catalogue, top)


def _qualification(catalogue: Catalogue, qualification_id: str) -> Qualification:
    found = catalogue.qualifications.get(qualification_id)
    if found is None:
        raise NotFound(
            f"There is no qualification {qualification_id} in the catalogue (ercsheet "
            "qualifications lists them)."
        )
    return found
