"""The folding rule search and sorting share: case and accents ignored, Unicode-aware."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from ercsheet.domain.folding import MAX_WORDS, fold, search_words

# Latin letters with and without their marks, as names across Europe hold them.
LATIN = st.characters(min_codepoint=0x20, max_codepoint=0x24F, exclude_categories=["Cc"])
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)


def test_what_a_uk_keyboard_types_finds_european_names() -> None:
    assert fold("Łukasz Żółć") == "lukasz zolc"
    assert fold("Siân Ní Bhriain") == "sian ni bhriain"
    assert fold("Dafydd ap Gruffŵdd") == "dafydd ap gruffwdd"
    assert fold("Zoë Ødegård") == "zoe odegard"
    assert fold("Æthelflæd Œuvray") == "aethelflaed oeuvray"
    assert fold("STRAẞE Straße") == "strasse strasse"
    assert fold("Þóra Hjörleifsdóttir") == "thora hjorleifsdottir"
    assert fold("Đorđe Ħaġar") == "dorde hagar"
    assert fold("O’Brien") == fold("O'Brien") == "o'brien"
    assert fold("Si\u0061\u0302n") == fold("Si\u00e2n") == "sian"  # decomposed as from Windows
    assert fold("Zo\u00adë") == "zoe"  # a soft hyphen pasted with the name


@given(ANY_TEXT)
def test_folding_twice_changes_nothing(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(ANY_TEXT)
def test_folded_text_has_no_marks_left(text: str) -> None:
    assert not any(unicodedata.category(c) in {"Mn", "Me", "Cf"} for c in fold(text))


@given(st.text(LATIN, max_size=30))
def test_case_never_matters_in_latin_scripts(text: str) -> None:
    assert fold(text.upper()) == fold(text.lower()) == fold(text)


@given(ANY_TEXT, ANY_TEXT, ANY_TEXT)
def test_what_a_name_contains_its_folded_form_contains(before: str, part: str, after: str) -> None:
    # The search looks for the folded words in the folded name: folding must keep every part of
    # a name a part of its folded form, or typing the name exactly could find nothing.
    assert fold(part) in fold(before + part + after)


@given(st.text(LATIN, max_size=30))
def test_names_that_differ_only_in_accents_and_case_sort_together(text: str) -> None:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    assert fold(plain) == fold(text)


def test_sorting_by_the_folded_name_puts_lukasz_among_the_l_s() -> None:
    names = ["Zoë Ødegård", "Łukasz Żółć", "Lara Smith", "aoife Byrne", "Ólafur Jónsson"]
    assert sorted(names, key=fold) == [
        "aoife Byrne",
        "Lara Smith",
        "Łukasz Żółć",
        "Ólafur Jónsson",
        "Zoë Ødegård",
    ]


def test_a_search_is_its_folded_words() -> None:
    assert search_words("  Żółć   ŁUKASZ ") == ("zolc", "lukasz")
    assert search_words("sian sian") == ("sian",)
    assert search_words(" \t ") == ()
    assert len(search_words(" ".join(f"w{n}" for n in range(20)))) == MAX_WORDS
