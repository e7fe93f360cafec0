"""Sorting by collation, not code points: Béguin among the Bs, Éduscol among the Es."""

from __future__ import annotations

import pytest

from build_kb.bibliography import FormatCache, Formatter
from build_kb.bibliography.collation import collated, collation_key
from build_kb.model import Reference
from tests.bibliography.conftest import style


def test_letters_first_then_accents_then_case() -> None:
    words = ["Smith", "Éduscol", "Butler", "Brass", "Bergviken", "béguin", "Béguin", "Beguin", "Baron", "Østergaard"]
    assert collated(words) == [
        "Baron",
        "Beguin",
        "béguin",
        "Béguin",
        "Bergviken",
        "Brass",
        "Butler",
        "Éduscol",
        "Østergaard",
        "Smith",
    ]


def test_keys_are_total_and_distinct() -> None:
    assert len({collation_key(w) for w in ["Béguin", "béguin", "Beguin", "BEGUIN"]}) == 4
    assert collation_key("Œuvre")[0] == "oeuvre" and collation_key("Łódź")[0] == "lodz"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_shipped_bibliography_sorts_accented_names_with_their_letter(shipped: dict[str, Reference], lang: str) -> None:
    formatter = Formatter(shipped, style("apa"), lang, FormatCache())
    order = formatter.bibliography_keys()
    firsts = [shipped[key].authors[0].last for key in order if shipped[key].authors]
    b_names = [name for name in firsts if collation_key(name)[0].startswith("b")]
    assert b_names[:6] == ["Baron", "Béguin", "Béguin", "Bergviken Rensfeldt", "Brass", "Brissaud"]
    assert firsts == sorted(firsts, key=lambda name: collation_key(name)[0])


def test_punctuation_and_symbols_sort_before_digits_and_letters() -> None:
    """Titles of the real-world corpus (German law commentaries): "§" sorts first, as in CLDR and pandoc."""
    assert collated(["vor § 305 BGB", "§ 305c BGB", "§ 305 BGB", "305 BGB"]) == [
        "§ 305 BGB",
        "§ 305c BGB",
        "305 BGB",
        "vor § 305 BGB",
    ]
