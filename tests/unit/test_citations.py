"""The pandoc citation parser, table-style: text in, citations and problems out."""

from __future__ import annotations

import pytest

from build_kb.citations import parse_locator
from build_kb.markdown_scan import find_citations


def items(text: str) -> list[tuple[str, str, str, bool, bool]]:
    citations, _ = find_citations(text)
    return [(i.key, i.prefix, i.suffix, i.suppress_author, c.narrative) for c in citations for i in c.items]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[@wenger1998communities]", [("wenger1998communities", "", "", False, False)]),
        ("[@wenger1998, p. 47]", [("wenger1998", "", "p. 47", False, False)]),
        ("[see @a; @b, ch. 2]", [("a", "see", "", False, False), ("b", "", "ch. 2", False, False)]),
        ("[-@clot2005]", [("clot2005", "", "", True, False)]),
        ("As @wenger1998 shows.", [("wenger1998", "", "", False, True)]),
        ("As @wenger1998 [p. 3] shows.", [("wenger1998", "", "p. 3", False, True)]),
        ("@{odd:key.1}", [("odd:key.1", "", "", False, True)]),
        # Keys of any script, as pandoc reads them (Better BibTeX keys of Chinese and Japanese works).
        (
            "[@土居2011生物; @2016_罗明_p2424-2431]",
            [("土居2011生物", "", "", False, False), ("2016_罗明_p2424-2431", "", "", False, False)],
        ),
        ("As @béguin2004 shows.", [("béguin2004", "", "", False, True)]),
        ("Ends with @key.", [("key", "", "", False, True)]),
        ("mail me at a@b.org", []),
        ("`[@code]` and\n\n```\n@fenced\n```", []),
        ("[a link @x](https://example.org)", []),
        ("\\@escaped", []),
        # Issue 15: an "@" inside a link's destination, an autolink or a bare path is no citation.
        ("[M](https://mastodon.social/@crinon2021reseaux)", []),
        ("<https://mastodon.social/@crinon2021reseaux>", []),
        ("see https://mastodon.social/@crinon2021reseaux", []),
        ("[M](https://mastodon.social/@x) and @wenger1998", [("wenger1998", "", "", False, True)]),
        ("    @indented is code", []),
        ("![@alt](https://e.org/p.png)", []),
        ("[@a](https://e.org/)", []),
        # pandoc reads a bracket followed by a colon as a citation (Python-Markdown era code did not).
        ("as shown [@a]: it holds", [("a", "", "", False, False)]),
        ("> quoted [@a, p. 2]", [("a", "", "p. 2", False, False)]),
        ("| a | [@b] |\n|---|---|\n| @c | d |", [("b", "", "", False, False), ("c", "", "", False, True)]),
    ],
)
def test_finds_citations(text: str, expected: list[tuple[str, str, str, bool, bool]]) -> None:
    assert items(text) == expected


@pytest.mark.parametrize(
    ("text", "offset", "message"),
    [
        ("[@a @b]", 4, "two keys in one citation item"),
        ("x [@a, p. 3", 2, "citation bracket is never closed"),
        ("[@a; p. 3]", 4, "citation item 'p. 3' has no key"),
        ("[@]", 1, "'@' is not followed by a citation key"),
    ],
)
def test_reports_malformed_citations(text: str, offset: int, message: str) -> None:
    _, problems = find_citations(text)
    assert [(p.start, p.message) for p in problems] == [(offset, message)]


@pytest.mark.parametrize(
    "text",
    [
        "One.\n\n- item [@a, p. 3]\n  and @b\n\n> quote @c",
        "Windows\r\nline [@a]\r\n\r\n1. then @b",
        "  indented [@a]\n   more @b",
        "Tabs\tand [@a]\n\t- item @b",
        "\u2028\r\n[@a] and\n\u00a0\n@b",  # whitespace-only lines trimmed off a paragraph's start
    ],
)
def test_offsets_point_into_the_text_as_written(text: str) -> None:
    citations, _ = find_citations(text)
    assert citations
    for citation in citations:
        assert text[citation.start] in "[@"
        assert text[citation.end - 1] in "]abc"
        for item in citation.items:
            assert text[item.start : item.start + 1 + len(item.key)] == "@" + item.key


def test_hand_written_pages_read_indented_lines_as_text() -> None:
    page = '<div class="kb-lang" lang="en" markdown>\n\n    Indented [@a] for md_in_html.\n\n</div>'
    assert [i.key for c in find_citations(page, page=True)[0] for i in c.items] == ["a"]
    assert find_citations('<a href="https://x.org/@a">x</a>', page=True) == ([], [])


@pytest.mark.parametrize(
    ("suffix", "locator"),
    [
        ("p. 12", ("page", "12")),
        ("pp. 12-15", ("page", "12-15")),
        ("para. 10", ("paragraph", "10")),
        ("§ 42", ("section", "42")),  # as pandoc reads it in English; a paragraph in French
        ("chap. 3", ("chapter", "3")),
        ("and elsewhere", None),
    ],
)
def test_parses_locators(suffix: str, locator: tuple[str, str] | None) -> None:
    assert parse_locator(suffix) == locator


def test_slugs_stay_distinct_for_non_latin_names() -> None:
    from build_kb.ids import slugify

    assert slugify("Étienne Wenger") == "etienne-wenger"
    assert slugify("محمد") != slugify("王")
    assert slugify("محمد").startswith("x-") and slugify("محمد") == slugify("محمد")
    assert slugify("../../etc") == "etc"
