"""Changing data from the window: every change of the store runs through `attempt`.

As Anki's `CollectionOp`: one place decides what counts as a refusal the user can act on — a
rule (with the rule's own words), a sheet or item no longer there, a full disk, a damaged or
locked database, a backup that cannot be used — and turns it into a `Refusal`, shown the same
way wherever it happens. Anything else is a defect and is left to raise, with its traceback.
Edits of a sheet's rows and ticks are undo commands (commands.py), which call `attempt`
themselves; `tests/test_one_way_in.py` checks that the window writes through nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from ercsheet.domain.rules import Problem, Rule
from ercsheet.store.opening import StoreError
from ercsheet.store.values import NotFound, RuleViolation

T = TypeVar("T")


@dataclass(frozen=True)
class Refusal:
    """Why a change was not made, in words for the user; `problems` when rules refused it."""

    text: str
    problems: tuple[Problem, ...] = ()

    @property
    def as_problems(self) -> list[Problem]:
        """The refusal as problems (a list a dialog's ProblemList shows)."""
        if self.problems:
            return list(self.problems)
        return [Problem(Rule.REQUIRED_FIELD, self.text)]


def attempt(action: Callable[[], T]) -> T | Refusal:
    """Run one store operation; its result, or the Refusal that stopped it (nothing changed)."""
    # Imported here: backups load with the window's file actions, not with its start.
    from ercsheet.store.backup import BackupError

    try:
        return action()
    except RuleViolation as refused:
        return Refusal(" ".join(p.message for p in refused.problems), tuple(refused.problems))
    except (NotFound, StoreError, BackupError) as error:  # StoreError: a full disk, a lock…
        return Refusal(str(error))
