"""Each correction of citeproc-py (build_kb/bibliography/fixes.py, engine.py) on a small entry."""

from __future__ import annotations

from build_kb.bibliography import Formatter
from build_kb.load.bibtex import parse_bibtex
from build_kb.model import Reference
from tests.bibliography.conftest import style


def _library(text: str) -> dict[str, Reference]:
    references, problems = parse_bibtex(text, "x.bib")
    assert problems == []
    return {r.key: r for r in references}


def test_edited_book_prints_its_editor_once() -> None:
    library = _library("@book{big, editor = {Big, Ed}, title = {Soil fauna}, year = {2015}, publisher = {P}}")
    assert Formatter(library, style("apa"), "en-US").reference_text("big") == "Big, E. (Ed.). (2015). Soil fauna. P."


def test_date_range_within_a_year_prints_the_year() -> None:
    library = _library("@article{a, author = {A, B}, title = {T}, journal = {J}, date = {2021-06/2021-07}}")
    assert Formatter(library, style("apa"), "en-US").reference_text("a").startswith("A, B. (2021). T.")


def test_thesis_genre_without_publication_number() -> None:
    library = _library("@thesis{t, author = {A, B}, title = {T}, date = {2019}, type = {phdthesis}, institution = {U}}")
    text = Formatter(library, style("apa"), "en-US").reference_text("t")
    assert text == "A, B. (2019). T [PhD thesis]. U."  # no "(Publication)"


def test_chicago_keeps_given_names_whole_and_hyphenated_initials() -> None:
    library = _library(
        "@book{w, author = {Wenger, Étienne and Lee, Soo-jin}, title = {T}, year = {1998}, publisher = {P}}"
    )
    assert (
        Formatter(library, style("chicago-author-date"), "en-US")
        .reference_text("w")
        .startswith("Wenger, Étienne, and Soo-jin Lee. 1998.")
    )
    assert Formatter(library, style("apa"), "en-US").reference_text("w").startswith("Wenger, É., & Lee, S.-j. (1998).")


def test_title_case_after_parentheses_and_hyphens_and_quotes_inside_quotes() -> None:
    library = _library(
        "@article{c, author = {Clement, Mieke}, title = {The (failed) case of instrument-mediated 'liking'},"
        " journal = {J}, year = {2000}, langid = {english}}"
    )
    text = Formatter(library, style("chicago-author-date"), "en-US").reference_text("c")
    assert "“The (Failed) Case of Instrument-Mediated ‘Liking.’”" in text  # punctuation inside, inner quotes


def test_a_label_of_an_empty_variable_is_not_printed() -> None:
    library = _library("@article{c, author = {Crinon, Jacques}, title = {T}, year = {2021}, langid = {french}}")
    assert (
        Formatter(library, style("chicago-author-date"), "en-US").reference_text("c")
        == "Crinon, Jacques. 2021. T."  # no "Edition."
    )
