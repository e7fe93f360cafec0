"""One person, one page: name variants of the same person merged; ambiguous ones listed; ORCID kept."""

from __future__ import annotations

import pytest

from build_kb.bibliography.people import compatible, identities
from build_kb.load.bibtex import parse_bibtex
from build_kb.model import Reference


def _library(text: str) -> list[Reference]:
    references, problems = parse_bibtex(text, "x.bib")
    assert problems == []
    return references


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("", "Jacques", True),
        ("J.", "Jacques", True),
        ("J.-M.", "Jean-Marie", True),
        ("Deborah L.", "Deborah", True),
        ("Jacques", "Jean", False),
        ("J.", "Marie", False),
        ("Étienne", "Etienne", True),
    ],
)
def test_compatible_given_names(a: str, b: str, same: bool) -> None:
    assert compatible(a, b) is same and compatible(b, a) is same


def test_shipped_base_has_one_page_per_person(shipped: dict[str, Reference]) -> None:
    people = identities(shipped[key] for key in sorted(shipped))
    merged = {slug: head for slug, head in people.canonical.items() if slug != head}
    assert merged == {
        "clot": "clot-yves",
        "day": "day-christopher",
        "pastre": "pastre-pierre",
        "quentin": "quentin-isabelle",
    }
    assert people.ambiguous == {}
    assert people.persons["crinon-jacques"].display == "Jacques Crinon"
    assert "crinon" not in people.persons  # the library names him in full in every entry now


def test_a_name_that_fits_two_people_is_ambiguous() -> None:
    references = _library(
        "@misc{a, author = {Crinon, Jacques}, title = {A}, year = {2001}}\n"
        "@misc{b, author = {Crinon, Marie}, title = {B}, year = {2002}}\n"
        "@misc{c, author = {Crinon}, title = {C}, year = {2003}}\n"
        "@misc{d, author = {Crinon, J.}, title = {D}, year = {2004}}\n"
    )
    people = identities(references)
    assert people.canonical["crinon-j"] == "crinon-jacques"  # J. can only be Jacques
    assert people.canonical["crinon"] == "crinon" and people.ambiguous["crinon"] == ("crinon-jacques", "crinon-marie")
    assert people.canonical["crinon-marie"] == "crinon-marie"


def test_different_particles_or_orcids_are_different_people() -> None:
    references = _library(
        "@misc{a, author = {van der Berg, Anna}, title = {A}, year = {2001}}\n"
        "@misc{b, author = {Berg, Anna}, title = {B}, year = {2002}}\n"
        "@misc{c, author = {Smith, John}, title = {C}, year = {2003}, orcid = {0000-0002-1825-0097}}\n"
        "@misc{d, author = {Smith, J.}, title = {D}, year = {2004}, orcid = {Smith: 0000-0001-5109-3700}}\n"
        "@misc{e, author = {Smith}, title = {E}, year = {2005}}\n"
    )
    people = identities(references)
    assert people.canonical["van-der-berg-anna"] != people.canonical["berg-anna"]
    assert people.canonical["smith-j"] == "smith-j" and people.canonical["smith-john"] == "smith-john"
    assert people.orcid == {"smith-john": "0000-0002-1825-0097", "smith-j": "0000-0001-5109-3700"}
    assert people.ambiguous["smith"] == ("smith-john", "smith-j")
