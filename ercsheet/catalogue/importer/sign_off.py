"""Signature lines a specification asks for beyond OCR's form: an employer's, a witness's, an
expert witness's, a workplace supervisor's or mentor's (the unit file's `[[sign_off]]`).

Read only from a sentence that asks the signer to sign or confirm: "The candidate's employer
must confirm that …", "… must be signed and dated by the employer", "An expert witness, if used,
must sign the record sheet", "The employer's signature is required". "Must" (or "is required")
makes the line required; "if used", "where applicable" makes it optional; "should", "may" or
"will" makes it optional too, and marked: the sentence asks, it does not require. The line is
worded from the sentence: "Signature of employer:", with what signing confirms where the
sentence says it ("Signature of employer (confirming that …):"). A signature asked on another
paper (a witness statement, a log) is written and marked. The line manager's is rules.py's
(`line_manager_signature`); a sentence naming ACs asks for no line of the whole unit: reported.
"""

from __future__ import annotations

import re
import unicodedata

from ercsheet.catalogue.importer import references
from ercsheet.catalogue.importer.result import CriterionRule, ParsedSignOff, ParsedUnit, quoted
from ercsheet.catalogue.model import MAX_SIGN_OFF_LABEL, MAX_SIGN_OFF_LINE

_WHO = (
    r"(?P<who>expert\s+witness(?:es)?|employers?|witness(?:es)?"
    r"|(?:workplace\s+)?supervisors?|(?:workplace\s+)?mentors?)"
)
_OWNER = r"(?:(?:the|an?|each|their)\s+)?(?:(?:candidate|learner|apprentice)(?:'s|’s)\s+)?"
_STRONG = r"must|shall|(?:is|are)\s+required\s+to|needs?\s+to|has\s+to|(?:is|are)\s+to"
_WEAK = ("should", "may", "will", "can")
_MODAL = rf"(?P<modal>{_STRONG}|{'|'.join(_WEAK)})"
_VERB = r"(?P<verb>sign|countersign|confirm|verify|authenticate|endorse)"
_ASKS = (
    # "The candidate's employer must confirm …", "An expert witness, if used, must sign …"
    re.compile(
        rf"\b{_OWNER}{_WHO}\b(?:\s*\([^)]*\)|\s*,[^,.]{{1,40}},)?\s+{_MODAL}\s+(?:also\s+)?"
        rf"(?:both\s+)?{_VERB}\b",
        re.IGNORECASE,
    ),
    # "… must be signed and dated by the employer"
    re.compile(
        rf"\b{_MODAL}\s+(?:also\s+)?be\s+(?P<verb>signed|countersigned|confirmed|verified|"
        rf"authenticated|endorsed)(?:\s+and\s+dated)?\s+by\s+{_OWNER}{_WHO}\b",
        re.IGNORECASE,
    ),
    # "The employer's signature is required", "the signature of an expert witness is needed"
    *(
        re.compile(
            rf"{signature}[^.]*?\b(?P<modal>(?:is|are)\s+(?:also\s+)?(?:required|needed|"
            r"essential)|must)\b",
            re.IGNORECASE,
        )
        for signature in (
            rf"\b{_OWNER}{_WHO}(?:'s|’s)\s+signature\b",
            rf"\bsignature\s+of\s+{_OWNER}{_WHO}\b",
        )
    ),
)
_OPTIONAL = re.compile(
    r"\b(?:if|where|when)\s+(?:one\s+is\s+|they\s+are\s+|an?\s+[\w ]{1,30}?\s+is\s+)?"
    r"(?P<condition>used|involved|applicable|available|appropriate)\b|\(if\s+any\)",
    re.IGNORECASE,
)
_SHEET = re.compile(r"\b(?:evidence\s+record\s+sheets?|ERS|record\s+sheets?|sheets?)\b", re.I)
_PAPER = re.compile(
    r"\b(?P<paper>(?:witness\s+)?(?:statements?|testimon(?:y|ies))|logs?|reports?|diar(?:y|ies)"
    r"|checklists?|forms?|letters?)\b",
    re.IGNORECASE,
)
# What signing confirms: "confirm that …", "sign … to confirm …".
_CONFIRMS = re.compile(r"\b(?:to\s+)?(?:confirm|verify)\s+(?P<what>.+?)\s*\.?$", re.IGNORECASE)


def read(sentence: str, named: tuple[str, ...], unit: ParsedUnit) -> None:
    sentence = sentence.strip()
    asked = next((found for pattern in _ASKS if (found := pattern.search(sentence))), None)
    if asked is None:
        return
    words = _singular(" ".join(asked["who"].lower().split()))
    label = words[:1].upper() + words[1:]
    said = f"The specification says {quoted(sentence.strip().rstrip('.'))}."
    if named:
        unit.criterion_rules.append(CriterionRule(named, "sign-off", sentence))
        unit.mark(
            "sign_off",
            f"the {words}'s signature asked for {references.said(named)} only — ercsheet holds "
            f"sign-off lines for a whole unit, so none was written; check. {said}",
        )
        return
    role = role_of(words)
    if any(line.role == role for line in unit.sign_off):
        return  # asked again: the first sentence's line stands
    optional = _OPTIONAL.search(sentence)
    modal = " ".join(asked["modal"].lower().split())
    weak = modal in _WEAK
    line = _line(words, sentence[asked.start() :], optional)
    checks = []
    if len(line) > MAX_SIGN_OFF_LINE:
        line = f"Signature of {words}:"
        checks.append("what signing confirms was left out of it, to fit the form's line")
    if weak:
        checks.append(f"it is written as optional, since the sentence says “{modal}”")
    paper = _PAPER.search(sentence)
    if paper and not _SHEET.search(sentence):
        checks.append(
            f"the signature is asked on a {paper['paper'].lower()}, which may not be the "
            "record sheet"
        )
    unit.sign_off.append(
        ParsedSignOff(role, label[:MAX_SIGN_OFF_LABEL], line, not (optional or weak))
    )
    if checks:
        unit.mark("sign_off", f"{quoted(line)}: {'; '.join(checks)}; check. {said}")


def role_of(label: str) -> str:
    """A line's key from who signs: "Expert witness" -> "expert_witness" (lower-case letters,
    digits and '_', starting with a letter: docs/units-format.md); "" when nothing is left."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"^[^a-z]+", "", re.sub(r"[^a-z0-9]+", "_", plain)).strip("_")[:40]


def _singular(words: str) -> str:
    return re.sub(r"(?<=witness)es$|(?<![s])s$", "", words)


def _line(words: str, asked: str, optional: re.Match[str] | None) -> str:
    """The line as printed: "Signature of employer (confirming that …):"; `asked` is the
    sentence from where it asks for the signature."""
    confirms = _CONFIRMS.search(asked)
    if confirms is not None:
        return f"Signature of {words} (confirming {confirms['what']}):"
    if optional is not None and (optional["condition"] or "").lower() == "used":
        return f"Signature of {words} (if used):"
    return f"Signature of {words}:"
