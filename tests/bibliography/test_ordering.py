"""Orders: the bibliography's (plain sort keys give what the comparison gives) and a citation's works."""

from __future__ import annotations

import dataclasses
from functools import cmp_to_key
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from build_kb.bibliography import CslStyle, Formatter, load_style
from build_kb.bibliography.sort_keys import SortKey, compare_keys, plain_keys
from build_kb.load.bibtex import parse_bibtex
from build_kb.markdown_scan import find_citations
from build_kb.model import Reference
from tests.bibliography.conftest import style

NUMBERS = ["1", "2", "10", "02", "2013"]
WORDS = ["", "a", "B", "b", "ab", "Émile", "x1"]
COLUMN = st.sampled_from([NUMBERS, WORDS, NUMBERS + WORDS]).map(
    lambda pool: st.one_of(st.none(), st.sampled_from(pool))
)


def _by_comparison(keys: dict[str, SortKey], descending: tuple[bool, ...]) -> list[str]:
    def compare(a: str, b: str) -> int:
        return compare_keys(keys[a], keys[b], descending) or (a > b) - (a < b)

    return sorted(keys, key=cmp_to_key(compare))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(COLUMN, min_size=1, max_size=3).flatmap(
        lambda columns: st.tuples(
            st.lists(st.tuples(*columns), min_size=1, max_size=12),
            st.tuples(*[st.booleans() for _ in columns]),
        )
    )
)
def test_plain_keys_sort_as_the_comparison(case: tuple[list[tuple[str | None, ...]], tuple[bool, ...]]) -> None:
    rows, descending = case
    keys = {f"k{index:02d}": SortKey(row) for index, row in enumerate(rows)}
    plain = plain_keys(keys, descending)
    if plain is not None:
        assert sorted(keys, key=plain.__getitem__) == _by_comparison(keys, descending)


def test_columns_without_a_key_function_fall_back() -> None:
    mixed = {"a": SortKey(("10",)), "b": SortKey(("9",)), "c": SortKey(("1a",))}  # 9 < 10 < 1a < 9
    assert plain_keys(mixed, (False,)) is None
    assert plain_keys({"a": SortKey(("x",)), "b": SortKey(("y",))}, (True,)) is None
    assert plain_keys({"a": SortKey(("x",)), "b": SortKey(("y", "z"))}, (False, False)) is None


def test_formatters_of_one_library_share_its_preparation(library: dict[str, Reference]) -> None:
    apa = style("apa")
    english, french = Formatter(library, apa, "en-US"), Formatter(library, apa, "fr-FR")
    assert english.csl_json("clot2000genres") is french.csl_json("clot2000genres")
    assert english.bibliography_keys() == french.bibliography_keys()
    changed = {**library, "clot2000genres": dataclasses.replace(library["clot2000genres"], line=99)}
    assert Formatter(changed, apa, "en-US").csl_json("clot2000genres") is not english.csl_json("clot2000genres")


LAVE = r"""
@book{lave1991, author = {Lave, Jean and Wenger, Etienne}, title = {Situated Learning}, year = 1991, publisher = {CUP}}
@article{lave2020, author = {Lave, Jean and Yates, Anna and Zhu, Bo}, title = {Later}, year = 2020, journal = {J}}
@book{lave1988, author = {Lave, Jean}, title = {Cognition in Practice}, year = {1988}, publisher = {CUP}}
"""


def _lave() -> dict[str, Reference]:
    references, diagnostics = parse_bibtex(LAVE, "lave.bib")
    assert diagnostics == []
    return {reference.key: reference for reference in references}


def _cite(formatter: Formatter, text: str) -> str:
    citations, problems = find_citations(text)
    assert len(citations) == 1 and not problems
    return formatter.cite(citations[0])


def test_apa_orders_a_citations_works_as_the_reference_list() -> None:
    # APA 7, 8.12: the reference list's order. APA's CSL citation sort reads one name of a
    # work with three or more authors, which put "Lave et al., 2020" before "Lave & Wenger".
    apa = Formatter(_lave(), style("apa"), "en-US")
    assert apa.style.cites_in_bibliography_order
    assert apa.bibliography_keys() == ["lave1988", "lave1991", "lave2020"]
    expected = "(Lave, 1988; Lave & Wenger, 1991; see Lave et al., 2020)"
    assert _cite(apa, "[see @lave2020; @lave1991; @lave1988]") == expected
    assert _cite(apa, "[@lave1988; see @lave2020; @lave1991]") == expected


def test_apa_citation_order_is_the_bibliography_order(library: dict[str, Reference]) -> None:
    apa = Formatter(library, style("apa"), "en-US")
    citations, _ = find_citations("[" + "; ".join(f"@{key}" for key in sorted(library, reverse=True)) + "]")
    assert [part.key for part in apa.cite_parts(citations[0]).parts] == apa.bibliography_keys()


def test_a_style_whose_citations_sort_otherwise_keeps_its_order(tmp_path: Path) -> None:
    xml = style("apa").xml.decode("utf-8")
    start = xml.index("<sort>", xml.index("<citation"))
    end = xml.index("</sort>", start) + len("</sort>")
    newest_first = xml[:start] + '<sort><key variable="issued" sort="descending"/></sort>' + xml[end:]
    (tmp_path / "newest.csl").write_text(newest_first, encoding="utf-8")
    found = load_style("newest.csl", tmp_path)
    assert isinstance(found, CslStyle) and not found.cites_in_bibliography_order
    formatter = Formatter(_lave(), found, "en-US")
    newest = "(Lave et al., 2020; Lave & Wenger, 1991; Lave, 1988)"
    assert _cite(formatter, "[@lave1988; @lave1991; @lave2020]") == newest


SHARED_FIRST_AUTHOR = (
    "@article{zed, author = {Smith, John and Zed, Zoe}, title = {A}, journal = {J}, year = {2000}}\n"
    "@article{adams, author = {Smith, John and Adams, Amy and Clark, Carl}, title = {C}, journal = {J},"
    " year = {1999}}\n"
    "@article{alone, author = {Smith, John}, title = {B}, journal = {J}, year = {2001}}\n"
)


def test_names_sort_by_name_not_by_the_and_term() -> None:
    references, _ = parse_bibtex(SHARED_FIRST_AUTHOR, "x.bib")
    library = {r.key: r for r in references}
    # APA 7 (9.46): one author before several; then by the second author's name, Adams before Zed.
    # With "&" in the sort key ("Smith, J., & Zed"), "&" sorted before every letter.
    for name in ("apa", "chicago-author-date", "modern-language-association"):
        orders = {locale: Formatter(library, style(name), locale).bibliography_keys() for locale in ("en-US", "fr-FR")}
        assert orders["en-US"] == orders["fr-FR"], name  # "and" and "et" no longer give two orders.
        assert orders["en-US"].index("adams") < orders["en-US"].index("zed"), name
    assert Formatter(library, style("apa"), "en-US").bibliography_keys() == ["alone", "adams", "zed"]


def _english(text: str, style_name: str) -> Formatter:
    """A formatter in American English over a BibTeX library that parses without a problem."""
    references, problems = parse_bibtex(text, "x.bib")
    assert problems == []
    return Formatter({r.key: r for r in references}, style(style_name), "en-US")


def test_year_suffixes_follow_the_bibliography_order() -> None:
    """As CSL assigns them (real-world corpus: Chaudhari & Soatto, Kullback, Apathy, as pandoc prints them).

    APA sorts a year alone before a full date of that year, then by title (collation:
    "Sicherungsübereignung" before "Sicherungszession"), then in the library's order.
    """
    text = """
@inproceedings{c1, author = {Chaudhari, Pratik}, title = {SGD}, date = {2018-02-15}}
@article{c2, author = {Chaudhari, Pratik}, title = {SGD}, journaltitle = {J}, date = {2018}}
@incollection{zession, author = {Apathy, Peter}, title = {Die Sicherungszession}, booktitle = {B}, date = {2012}}
@incollection{ueber, author = {Apathy, Peter}, title = {Die Sicherungsübereignung}, booktitle = {B}, date = {2012}}
@book{kullback:reprint, author = {Kullback, Solomon}, title = {Information Theory}, date = {1997}}
@book{kullback:related, author = {Kullback, Solomon}, title = {Information Theory}, date = {1997}}
"""
    formatter = _english(text, "apa")
    suffixes = {key: formatter.year_suffix(key) for key in formatter.bibliography_keys()}
    assert suffixes == {
        "ueber": "a",
        "zession": "b",
        "c2": "a",
        "c1": "b",
        "kullback:reprint": "a",
        "kullback:related": "b",
    }
    assert formatter.reference_text("c2").startswith("Chaudhari, P. (2018a).")
    assert formatter.cite(find_citations("[@c1]")[0][0]) == "(Chaudhari, 2018b)"


def test_chicago_suffixes_empty_macro_keys_first_and_printed_suffix_ignored() -> None:
    """biblatex-examples.bib's ``baez/online`` and ``baez/article``, Kullback's two 1997 books:
    as pandoc orders them. A sort macro that prints nothing (no container) is an empty key,
    before any other; Chicago's date key prints the suffix ("1997b"), which must not decide it."""
    text = """
@article{baez/article, author = {Baez, John C.}, title = {Higher-Dimensional Algebra V}, journaltitle = {TAC},
  volume = {12}, date = {2004}}
@online{baez/online, author = {Baez, John C.}, title = {Higher-Dimensional Algebra V}, date = {2004-10-27}}
@book{kullback:reprint, author = {Kullback, Solomon}, title = {Information Theory}, date = {1997}}
@book{kullback:related, author = {Kullback, Solomon}, title = {Information Theory}, date = {1997}}
"""
    formatter = _english(text, "chicago-author-date")
    suffixes = {key: formatter.year_suffix(key) for key in formatter.bibliography_keys()}
    assert suffixes == {"baez/online": "a", "baez/article": "b", "kullback:reprint": "a", "kullback:related": "b"}
