"""Taking away what pages add to a specification's text, before anything is read from it.

Footers and headers ("© OCR 2010 1", a lone page number, the unit's header repeated at the top
of every page), a page printed twice, words broken at line ends ("organisa-" / "tion"), and
bullets that came through as private-use glyphs (U+F0B7) or stray symbols.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import groupby

from ercsheet.catalogue.importer.lines import Line, source_text

BULLET = "• "
# Glyphs a bullet comes out as: Symbol and Wingdings private-use code points, the usual bullets,
# and what a scanner reads a bullet as (®, «) when a space follows.
_BULLET_GLYPHS = "\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8•●▪■◦∙·➢➤►-–®«"
_LEADING_BULLET = re.compile(rf"^(\s*)[{re.escape(_BULLET_GLYPHS)}](?:\s+|$)")
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)\s*")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_LIGATURES = {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "\u00ad": "", "\u00a0": " "}
_HTML_BREAK = re.compile(r"</?(?:p|br|ul|ol|div)\b[^>]*>", re.IGNORECASE)
_HTML_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[a-z][a-z0-9]*\b[^>]*>", re.IGNORECASE)

_COPYRIGHT = re.compile(r"^\s*©")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\s*$", re.IGNORECASE)
# How far from a page's top or bottom a header or footer stands, in lines with text.
_EDGE = 3
# Endings a word is broken before at a line end without a hyphen ("organisa" / "tion").
_SUFFIX = re.compile(r"^(tions?|sions?|ments?|ness|ances?|ences?|ities|ity|ing|ised|ized|ation)\b")
_HYPHENATED = re.compile(r"[A-Za-z]-$")
_FRAGMENT = re.compile(r"[a-z]{2,}$")


def normalise(text: str) -> str:
    """One line's characters: ligatures and no-break spaces undone, bullets as "• "."""
    for glyph, plain in _LIGATURES.items():
        text = text.replace(glyph, plain)
    # A glyph the PDF's font does not map to a character: a bullet where it starts a line.
    text = _UNMAPPED_GLYPH.sub(
        lambda m: "• " if m.start() == len(m.string) - len(m.string.lstrip()) else "", text
    )
    text = _LEADING_BULLET.sub(lambda m: m[1] + BULLET, text)
    return _PRIVATE_USE.sub(" ", text)


def html_to_text(text: str) -> str:
    """Cell text exported with HTML tags (<p>, <ul><li>): paragraphs and items as lines."""
    text = _HTML_ITEM.sub("\n" + BULLET, text)
    text = _HTML_BREAK.sub("\n", text)
    return _HTML_TAG.sub("", text)


def clean(lines: list[Line]) -> list[Line]:
    lines = [line.with_text(normalise(line.text)) for line in lines]
    pages = [list(page) for _, page in groupby(lines, key=lambda line: line.page)]
    pages = _without_repeated_pages(pages)
    pages = _without_edges(pages)
    return _joined_words([line for page in pages for line in page])


def _key(line: Line) -> str:
    """A line as headers and footers are compared: without a page number at either end (not
    "13.1", which is an AC's). Table cells are never a page's furniture."""
    if line.column is not None:
        return ""
    text = re.sub(r"\s+", " ", line.text).strip()
    return re.sub(
        r"^(?:page\s*)?\d+\s+|\s+(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$", "", text, flags=re.I
    ).casefold()


def _page_key(page: list[Line]) -> tuple[str, ...]:
    """A page's text, its footer and page number aside (a page printed twice has its own)."""
    texts = [re.sub(r"\s+", " ", line.text).strip() for line in page]
    return tuple(t for t in texts if t and not _COPYRIGHT.match(t) and not _PAGE_NUMBER.match(t))


def _without_repeated_pages(pages: list[list[Line]]) -> list[list[Line]]:
    seen: set[tuple[str, ...]] = set()
    kept = []
    for page in pages:
        key = _page_key(page)
        if key and key in seen:
            continue
        seen.add(key)
        kept.append(page)
    return kept


def _edges(page: list[Line]) -> tuple[list[int], list[int]]:
    filled = [i for i, line in enumerate(page) if line.text.strip()]
    top = filled[:_EDGE]
    # On a short page the two bands would meet: a line is at one edge only.
    return top, [i for i in filled[-_EDGE:] if i not in top]


def _without_edges(pages: list[list[Line]]) -> list[list[Line]]:
    """Copyright lines anywhere; page numbers at a page's edge; lines repeated at the edges
    of several pages (a header's first copy stays: it may be the table's heading or the
    unit's title; a footer goes everywhere)."""
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for page in pages:
        top, bottom = _edges(page)
        tops.update({_key(page[i]) for i in top})
        bottoms.update({_key(page[i]) for i in bottom})
    several = len(pages) > 1
    # A header or footer stands on most pages; a line at the edge of two pages of many may be
    # content that happens to repeat.
    often = max(2, len(pages) // 2)
    seen_headers: set[str] = set()
    result = []
    for page in pages:
        top, bottom = _edges(page)
        kept = []
        for index, line in enumerate(page):
            key = _key(line)
            at_top, at_bottom = index in top, index in bottom
            if _COPYRIGHT.match(line.text):
                continue
            if several and (at_top or at_bottom) and _PAGE_NUMBER.match(line.text):
                continue
            if key and at_bottom and bottoms[key] >= often:
                continue
            if key and at_top and tops[key] >= often:
                if key in seen_headers:
                    continue
                seen_headers.add(key)
            kept.append(line)
        result.append(kept)
    return result


def _joined_words(lines: list[Line]) -> list[Line]:
    """A word broken at a line's end rejoined on the first line: "organisa-" + "tion of" ->
    "organisation" + "of"; "organisa" + "tion of" likewise (a known ending only)."""
    result = list(lines)
    for index, line in enumerate(result):
        text = line.text.rstrip()
        following = _next_in_column(result, index)
        if following is None:
            continue
        after = result[following].text.lstrip()
        hyphen = _HYPHENATED.search(text) and after[:1].islower()
        split = _FRAGMENT.search(text) and _SUFFIX.match(after)
        if not (hyphen or split):
            continue
        word, _, rest = after.partition(" ")
        result[index] = line.with_text((text[:-1] if hyphen else text) + word)
        result[following] = result[following].with_text(rest)
    return result


def _next_in_column(lines: list[Line], index: int) -> int | None:
    line = lines[index]
    for later in range(index + 1, min(index + 4, len(lines))):
        other = lines[later]
        if (other.page, other.column, other.row) == (line.page, line.column, line.row) and (
            other.text.strip()
        ):
            return later
    return None


def shown_source(lines: list[Line]) -> str:
    """The source as a reviewer sees it beside the unit: as read, bullet glyphs as bullets."""
    return source_text([line.with_text(normalise(line.text)) for line in lines])
