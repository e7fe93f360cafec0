"""Each correction of citeproc-py (build_kb/bibliography/fixes.py, engine.py) on a small entry."""

from __future__ import annotations

from build_kb.bibliography import Formatter
from build_kb.load.bibtex import parse_bibtex
from build_kb.markdown_scan import find_citations
from build_kb.model import Reference
from tests.bibliography.conftest import style


def _library(text: str) -> dict[str, Reference]:
    references, problems = parse_bibtex(text, "x.bib")
    assert problems == []
    return {r.key: r for r in references}


def test_edited_book_prints_its_editor_once() -> None:
    library = _library("@book{big, editor = {Big, Ed}, title = {Soil fauna}, year = {2015}, publisher = {P}}")
    assert Formatter(library, style("apa"), "en-US").reference_text("big") == "Big, E. (Ed.). (2015). Soil fauna. P."


def test_a_title_printed_for_a_missing_author_is_not_printed_again() -> None:
    """From the real-world corpus (biblatex-examples.bib, ``ctan``), as pandoc prints it."""
    library = _library("@online{ctan, title = {CTAN}, date = {2006}, url = {http://www.ctan.org}}")
    assert Formatter(library, style("apa"), "en-US").reference_text("ctan") == "CTAN. (2006). http://www.ctan.org"
    chicago = Formatter(library, style("chicago-author-date"), "en-US").reference_text("ctan")
    assert chicago == "“CTAN.” 2006. http://www.ctan.org."
    # biblatex-examples.bib's ``cms``: APA's title macro holds the edition, printed once.
    library = _library("@book{cms, title = {The Manual}, edition = {15}, date = {2003}, publisher = {UCP}}")
    assert Formatter(library, style("apa"), "en-US").reference_text("cms") == "The Manual (15th ed.). (2003). UCP."


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


def test_title_case_leaves_particles_and_about_lower_case() -> None:
    """As pandoc's citeproc (CSL test suite, textcase_SkipNameParticlesInTitleCase)."""
    library = _library(
        "@article{w, author = {Wu, Wei}, title = {A note about the von Neumann and van der Waals rules of de Gennes},"
        " journal = {J}, year = {2000}, langid = {english}}"
    )
    text = Formatter(library, style("chicago-author-date"), "en-US").reference_text("w")
    assert "“A Note about the von Neumann and van Der Waals Rules of de Gennes.”" in text


def test_a_label_of_an_empty_variable_is_not_printed() -> None:
    library = _library("@article{c, author = {Crinon, Jacques}, title = {T}, year = {2021}, langid = {french}}")
    assert (
        Formatter(library, style("chicago-author-date"), "en-US").reference_text("c")
        == "Crinon, Jacques. 2021. T."  # no "Edition."
    )


def test_chinese_and_japanese_names_print_whole_family_name_first() -> None:
    """Real-world corpus entries (Better BibTeX fixtures), as citeproc-js and pandoc print them."""
    library = _library(
        "@book{xiao, author = {肖, 发民}, title = {法医学铁道损伤图谱}, date = {2003}, publisher = {郑州大学出版社}}\n"
        "@article{doi, author = {土居, 秀幸 and 岡村, 寛}, title = {T}, journaltitle = {日本生態学会誌}, date = {2011}}"
    )
    apa = Formatter(library, style("apa"), "en-US")
    assert apa.reference_text("xiao") == "肖发民. (2003). 法医学铁道损伤图谱. 郑州大学出版社."
    assert apa.reference_text("doi").startswith("土居秀幸, & 岡村寛. (2011).")
    assert apa.cite(find_citations("[@doi]")[0][0]) == "(土居 & 岡村, 2011)"
    chicago = Formatter(library, style("chicago-author-date"), "en-US")
    assert chicago.reference_text("doi").startswith("土居秀幸, and 岡村寛. 2011.")


def test_sort_keys_hold_neither_labels_nor_markup() -> None:
    """An edited book sorts by its title among its editor's works ("Gaonkar, D. P. (Ed.)" sorted
    after them), and an italic title by its words ("<i>" sorted before every letter)."""
    library = _library(
        "@collection{gaonkar, editor = {Gaonkar, Dilip}, title = {Alternative Modernities}, date = {2001}}\n"
        "@incollection{gaonkar:in, author = {Gaonkar, Dilip}, title = {On Alternative Modernities},"
        " booktitle = {Alternative Modernities}, date = {2001}}\n"
        "@unpublished{zed, author = {Zed, Ann}, title = {Zeta}, date = {2016}}\n"
        "@inproceedings{zed:conf, author = {Zed, Ann}, title = {Alpha}, booktitle = {P}, date = {2016}, pages = {1}}"
    )
    formatter = Formatter(library, style("apa"), "en-US")
    assert [formatter.year_suffix(key) for key in ("gaonkar", "gaonkar:in", "zed:conf", "zed")] == ["a", "b", "a", "b"]


def test_french_ordinals_come_from_the_french_locale() -> None:
    """biblatex-examples.bib's ``massa`` (2nd edition), as pandoc prints it in French."""
    library = _library("@book{massa, author = {Massa, Werner}, title = {Crystal}, edition = {2}, date = {2004}}")
    assert Formatter(library, style("apa"), "fr-FR").reference_text("massa") == "Massa, W. (2004). Crystal (2ᵉ éd.)."
    assert Formatter(library, style("apa"), "en-US").reference_text("massa") == "Massa, W. (2004). Crystal (2nd ed.)."


def test_chicago_names_an_edited_book_by_its_editor_in_full() -> None:
    """biblatex-examples.bib's ``matuz:doody``, as pandoc prints it (Chicago's editor substitute sits in a choose)."""
    library = _library(
        "@collection{m, editor = {Matuz, Roger}, title = {Criticism}, date = {1990}, publisher = {Gale}}"
    )
    chicago = Formatter(library, style("chicago-author-date"), "en-US")
    assert chicago.reference_text("m") == "Matuz, Roger, ed. 1990. Criticism. Gale."
    assert chicago.cite(find_citations("[@m]")[0][0]) == "(Matuz 1990)"


def test_a_cited_title_takes_the_comma_inside_its_quotation_marks_in_english() -> None:
    """The real-world corpus's untitled-author reports (Zenodo), as pandoc cites them: (“Title,” n.d.)."""
    library = _library("@article{z, title = {OpenAIRE's Experiments}, journaltitle = {Zenodo}}")
    assert Formatter(library, style("apa"), "en-US").cite(find_citations("[@z]")[0][0]) == (
        "(“OpenAIRE’s Experiments,” n.d.)"
    )
    assert Formatter(library, style("apa"), "fr-FR").cite(find_citations("[@z]")[0][0]) == (
        "(«\u00a0OpenAIRE’s Experiments\u00a0», s.\u00a0d.)"
    )


def test_terms_take_typographic_apostrophes() -> None:
    """APA's French "Consulté …, à l'adresse" is printed "à l’adresse", as pandoc typesets terms."""
    library = _library(
        "@online{w, author = {Birnbaum, David}, title = {XML}, url = {http://x.org}, urldate = {2016-10-19}}"
    )
    text = Formatter(library, style("apa"), "fr-FR").reference_text("w")
    assert text.endswith("Consulté 19 octobre 2016, à l’adresse http://x.org")


_ADD_NAMES = """
@article{four, author = {Ader, Ann and Bell, Bob and Cole, Cy and Dunn, Di}, title = {X}, journal = {J}, year = {2020}}
@article{three, author = {Ader, Ann and Bell, Bob and Eton, Ed}, title = {Y}, journal = {J}, year = {2020}}
@article{same1, author = {Fox, Fay and Gill, Gus and Hart, Hal}, title = {P}, journal = {J}, year = {2019}}
@article{same2, author = {Fox, Fay and Gill, Gus and Hart, Hal}, title = {Q}, journal = {J}, year = {2019}}
@article{other, author = {Fox, Fay and Ives, Ian and Hart, Hal}, title = {R}, journal = {J}, year = {2019}}
@article{eight1, author = {Kay, Kim and Lam, Lin and Moe, Max and Nye, Ned and Orr, Oz and Poe, Pat and Quy, Quin
  and Roy, Rex}, title = {S}, journal = {J}, year = {2018}}
@article{eight2, author = {Kay, Kim and Lam, Lin and Moe, Max and Nye, Ned and Ute, Una and Poe, Pat and Quy, Quin
  and Roy, Rex}, title = {T}, journal = {J}, year = {2018}}
@article{alone, author = {Ader, Ann and Bell, Bob and Cole, Cy}, title = {Z}, journal = {J}, year = {2021}}
"""


def test_names_are_added_to_tell_cites_apart() -> None:
    """CSL disambiguate-add-names (APA and Chicago ask for it), as pandoc 3.9 prints each of these.

    Names are added to all the works that read the same until some differ; works that never
    differ keep that many and take a year suffix; a work whose names are all shown has no
    "et al."; Chicago's bibliography, which abbreviates after three names, shows as many.
    """
    library = _library(_ADD_NAMES)
    apa = Formatter(library, style("apa"), "en-US")
    chicago = Formatter(library, style("chicago-author-date"), "en-US")
    expected = {
        "four": "Ader, Bell, Cole, et al., 2020",
        "three": "Ader, Bell, & Eton, 2020",
        "same1": "Fox, Gill, et al., 2019a",
        "same2": "Fox, Gill, et al., 2019b",
        "other": "Fox, Ives, et al., 2019",
        "eight1": "Kay, Lam, Moe, Nye, Orr, et al., 2018",
        "eight2": "Kay, Lam, Moe, Nye, Ute, et al., 2018",
        "alone": "Ader et al., 2021",
    }
    for key, text in expected.items():
        assert apa.cite(find_citations(f"[@{key}]")[0][0]) == f"({text})"
        chicago_text = text.replace(", 20", " 20").replace("& Eton", "and Eton")
        assert chicago.cite(find_citations(f"[@{key}]")[0][0]) == f"({chicago_text})"
    assert apa.cite(find_citations("@four")[0][0]) == "Ader, Bell, Cole, et al. (2020)"
    assert chicago.reference_text("eight2").startswith("Kay, Kim, Lin Lam, Max Moe, Ned Nye, Una Ute, et al. 2018.")
    assert chicago.reference_text("alone").startswith("Ader, Ann, Bob Bell, and Cy Cole. 2021.")
    assert apa.reference_text("eight1").startswith(
        "Kay, K., Lam, L., Moe, M., Nye, N., Orr, O., Poe, P., Quy, Q., & Roy"
    )
