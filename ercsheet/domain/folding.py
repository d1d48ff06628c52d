"""Text as people search and sort it: one folding rule for names, numbers and units.

An assessor on a UK keyboard types "Lukasz", "zolc" or "sian" for Łukasz Żółć and Siân, and
expects Łukasz among the L's, not after Zoë. `fold` is what both use: case folded, accents
and other marks dropped (â → a, ŵ → w, ż → z), and the Latin letters that carry their mark
inside the letter, which Unicode does not decompose (ł, ø, đ, ħ), written as the letters people
type for them (l, o, d, h; æ → ae, œ → oe, þ → th, ß → ss).

The store keeps each candidate's folded name and number (the search and sort keys of the
candidate table, schema 5): a change of this rule changes those keys, so it needs a migration
that writes them again.
"""

from __future__ import annotations

import re
import unicodedata

# Letters with no decomposition in Unicode, as a UK keyboard types them. Lower case only: the
# text is case folded first.
_LETTERS = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ŧ": "t",
        "ŀ": "l",
        "ƀ": "b",
        "ƚ": "l",
        "ɨ": "i",
        "ʉ": "u",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ĸ": "k",
        "ƒ": "f",
        # Typographic apostrophes and dashes (O’Brien from a Word file) as typed ones.
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2013": "-",
        "\u2014": "-",
    }
)
# Combining accents, dots, cedillas and enclosing marks; and the invisible format characters
# (a soft hyphen or zero-width joiner pasted with a name), which no one types when searching.
_DROPPED = frozenset({"Mn", "Me", "Cf"})
_SPACES = re.compile(r"\s+")
MAX_WORDS = 8  # a search longer than this is not what someone types; the rest is ignored


def fold(text: str) -> str:
    """`text` as it is searched and sorted: "Łukasz Żółć" → "lukasz zolc"."""
    # Compatibility decomposition before and after case folding: folding can produce a letter
    # that decomposes further, and a decomposition a capital that folding then lowers.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(c for c in decomposed if unicodedata.category(c) not in _DROPPED)
    return bare.translate(_LETTERS)


def search_words(text: str) -> tuple[str, ...]:
    """The folded words of a search, each to be found ("zolc luk" finds Łukasz Żółć): at
    most MAX_WORDS, without repeats, in the order typed."""
    words = dict.fromkeys(w for w in _SPACES.split(fold(text)) if w)
    return tuple(words)[:MAX_WORDS]
