"""Data typeset as pandoc prints it: typographic quotes and apostrophes, French spacing."""

from __future__ import annotations

import pytest

from build_kb.bibliography.markup import typographic

EN = ("\u201c", "\u201d")
FR = ("«\u00a0", "\u00a0»")


@pytest.mark.parametrize(
    ("text", "quotes", "expected"),
    [
        ("Revue des sciences de l'éducation", EN, "Revue des sciences de l’éducation"),
        ("Teachers' professional development", EN, "Teachers’ professional development"),
        ("Boulc'h", EN, "Boulc’h"),
        (
            "Some remarks on 't Hooft's S-matrix",
            EN,
            "Some remarks on ’t Hooft’s S-matrix",
        ),  # itzhaki, biblatex-examples
        ("Teachers 'liking' their work?", EN, "Teachers “liking” their work?"),
        ("Teachers 'liking' their work?", FR, "Teachers «\u00a0liking\u00a0» their work?"),
        ('"Together we are better": networks', FR, "«\u00a0Together we are better\u00a0»: networks"),
        ("“Together we are better”", EN, "“Together we are better”"),
        ("un instrument ?", EN, "un instrument\u202f?"),
        ("la « Twictée ». Premiers", EN, "la «\u202fTwictée\u202f». Premiers"),
        ("A : B ; C !", EN, "A : B\u202f; C\u202f!"),
        ("https://example.org/?a=1", EN, "https://example.org/?a=1"),
    ],
)
def test_typographic(text: str, quotes: tuple[str, str], expected: str) -> None:
    assert typographic(text, *quotes) == expected


def test_names_keep_their_spaces() -> None:
    assert typographic("Inversons la classe !", *EN, spacing=False) == "Inversons la classe !"
    assert typographic("Boulc'h", *EN, spacing=False) == "Boulc’h"


def test_a_title_ending_with_a_period_takes_no_second_one() -> None:
    """``prost2015`` of the real-world corpus in Chicago, as pandoc prints it; an ellipsis stays."""
    from build_kb.bibliography.markup import finish

    assert finish("<i>Une enquête à Lille 3.</i>. Report.") == "<i>Une enquête à Lille 3.</i> Report."
    assert finish("Wait....") == "Wait...."
    assert finish("U.S. Report.") == "U.S. Report."
