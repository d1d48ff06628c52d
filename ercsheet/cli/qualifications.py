"""`ercsheet qualifications`: the catalogue's qualifications and their rules of combination."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from ercsheet.catalogue.qualification import Qualification, QualificationUnit, group_words
from ercsheet.cli.common import catalogue, print_json, reported, shown

INDENT = " " * 29  # under the title, past the id's column


def cmd_qualifications(args: argparse.Namespace) -> int:
    cat = catalogue(args)
    qualifications = cat.sorted_qualifications()
    if args.json:
        # The model as it is (every key of a qualification file, and its id).
        print_json([asdict(q) for q in qualifications])
    else:
        for qualification in qualifications:
            print("\n".join(shown(line) for line in lines(qualification)))
    return reported(cat)


def lines(qualification: Qualification) -> list[str]:
    """A qualification in a few lines: its id and title with its facts, then its rules."""
    facts = [
        qualification.awarding_body,
        f"L{qualification.level}",
        qualification.qualification_number,
        f"GLH {qualification.glh}" if qualification.glh is not None else "",
        f"TQT {qualification.tqt}" if qualification.tqt is not None else "",
    ]
    untranscribed = "" if qualification.complete else "  RULES OF COMBINATION NOT TRANSCRIBED"
    head = (
        f"{qualification.id:28} {qualification.title}  "
        f"[{', '.join(fact for fact in facts if fact)}]{untranscribed}"
    )
    credit = [
        f"at least {qualification.min_credit} credits" if qualification.min_credit else "",
        qualification.credit_at_level.rule_text if qualification.credit_at_level else "",
    ]
    rules = [
        "; ".join(rule for rule in credit if rule),
        _listed("mandatory", qualification.mandatory),
        *(
            _listed(f"{group_words(group.title, g)} ({group.rule_text})", group.units)
            for g, group in enumerate(qualification.groups)
        ),
        _listed("place not transcribed", qualification.unplaced),
    ]
    return [head, *(f"{INDENT}{rule}" for rule in rules if rule)]


def _listed(what: str, units: tuple[QualificationUnit, ...]) -> str:
    return f"{what}: {', '.join(entry.label for entry in units)}" if units else ""
