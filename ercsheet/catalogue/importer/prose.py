"""Lines of running text joined back into what was written: sentences rejoined across line
breaks, paragraphs kept apart, bullet lists as lines starting "• "."""

from __future__ import annotations

import re

from ercsheet.catalogue.importer.cleaning import BULLET

# Words a sentence does not end on: a line ending with one is continued by the next line, even
# one starting with a capital ("… in relation to" / "Customer service").
_DANGLING_WORDS = (
    "a an the of to and or for in on with by at from as that which who their its own be is are "
    "has have will can may must should into within between both either not than such these "
    "those this each any all more other about under over per via including e.g. i.e. & their "
    "they your our his her"
)
DANGLING = frozenset(_DANGLING_WORDS.split())
_TERMINAL = re.compile(r"[.!?]['’”)]?$")


def ends_dangling(text: str) -> bool:
    text = text.rstrip()
    if not text or text.endswith((",", "-", "/", "&", "(")):
        return True
    return text.rsplit(None, 1)[-1].casefold() in DANGLING


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def starts_upper(text: str) -> bool:
    return text[:1].isupper()


def is_bullet(raw: str, in_list: bool) -> bool:
    """A bullet item: "• …", or, in a list, a line indented by one space (the bullet glyph
    was lost in extraction and left its space: "This may include:" / " Measurable standards")."""
    text = raw.strip()
    if text.startswith(BULLET.strip()):
        return True
    return in_list and raw.startswith(" ") and not raw.startswith("   ") and starts_upper(text)


def _is_item(text: str) -> bool:
    return text.lstrip("\n").startswith(BULLET)


def join(raw_lines: list[str]) -> str:
    items: list[str] = []
    blank = False
    in_list = False
    for raw in raw_lines:
        text = raw.strip()
        if not text:
            blank = True
            continue
        bullet = is_bullet(raw, in_list)
        if bullet:
            body = text.removeprefix(BULLET.strip()).strip()
            items.append("\n" + BULLET + body if items else BULLET + body)
        elif not items:
            items.append(text)
        elif starts_upper(text) and (
            items[-1].endswith(":") or (_is_item(items[-1]) and not ends_dangling(items[-1]))
        ):
            # After a lead-in, or a finished bullet: a line of its own ("• public" / "Explain …").
            in_list = in_list and items[-1].endswith(":")
            items.append("\n" + text)
        elif blank and starts_upper(text) and not ends_dangling(items[-1]):
            in_list = False
            items.append("\n\n" + text)
        else:
            items[-1] += " " + text
            blank = False
            continue
        if text.endswith(":"):
            in_list = True
        blank = False
    return re.sub(r"[ \t]+", " ", "".join(items)).strip()
