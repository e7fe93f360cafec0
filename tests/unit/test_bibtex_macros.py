"""``@string`` macros and ``#`` concatenation: read as BibTeX reads them, and reported when they cannot be."""

from __future__ import annotations

from pathlib import Path

import pytest
from bibtexparser import entrypoint
from bibtexparser.middlewares import RemoveEnclosingMiddleware, default_parse_stack
from hypothesis import given, settings
from hypothesis import strategies as st

from build_kb.config import load_config
from build_kb.load.bibtex import parse_bibtex, parse_bibtex_file
from build_kb.load.bibtex_cache import parse_bibtex_cached
from build_kb.load.bibtex_macros import resolve_macros, split_value
from build_kb.pipeline import load_references

TESTS = Path(__file__).parents[1]
REPO = TESTS.parent


def _fields(text: str) -> dict[str, str]:
    references, diagnostics = parse_bibtex(text, "x.bib")
    assert diagnostics == []
    (reference,) = references
    return dict(reference.fields)


def test_concatenation_joins_quoted_braced_numbers_and_macros() -> None:
    fields = _fields(
        '@string{rfp = "Revue fran{\\c c}aise"}\n'
        '@article{a, author = {Doe, Jane}, year = 2020,\n title = "Former " # {les {ENSEIGNANTS}},\n'
        ' journal = rfp # " de p{\\\'e}dagogie, n" # 3,\n note = "M\\"uller" # rfp}'
    )
    assert fields["title"] == "Former les ENSEIGNANTS"
    assert fields["journal"] == "Revue française de pédagogie, n3"
    assert fields["note"] == "MüllerRevue française"


def test_a_definition_uses_those_before_it_and_later_ones_win() -> None:
    fields = _fields(
        "@string{a = {Alpha}}\n@string{ab = a # { and Beta}}\n@string{A = {ALPHA}}\n"
        "@misc{k, author = {Doe, Jane}, title = ab, year = 2001, note = a}"
    )
    assert fields["title"] == "Alpha and Beta"  # Resolved when defined, as BibTeX does.
    assert fields["note"] == "ALPHA"  # Names are case-insensitive; the last definition wins.


def test_months_are_macros_and_a_bare_month_stays_a_month() -> None:
    fields = _fields(
        '@misc{k, author = {Doe, Jane}, title = {T}, year = 2001, month = jan, note = "Seen " # dec # "~3"}'
    )
    assert fields["month"] == "jan"  # Kept for the exports and read by the CSL conversion.
    assert fields["note"] == "Seen December\u00a03"
    redefined = _fields(
        "@string{jan = {janvier}}\n@misc{k, author = {Doe, Jane}, title = {T}, year = 2001, month = jan}"
    )
    assert redefined["month"] == "janvier"


def test_an_undefined_macro_is_reported_at_its_line_and_kept_as_written() -> None:
    text = (
        "@string{s = early # { copy}}\n@string{early = {Early}}\n\n"
        "@misc{k,\n  author = {Doe, Jane},\n  title = {T},\n  year = 2001,\n  journal = nowhere # { else}\n}\n"
    )
    references, diagnostics = parse_bibtex(text, "references/x.bib")
    found = [(d.code, d.severity.value, d.position.line, d.position.column, d.message) for d in diagnostics]
    assert found == [
        ("undefined-macro", "error", 1, 9, "@string 's' uses 'early', which no @string defines"),
        ("undefined-macro", "error", 8, 3, "entry 'k', field 'journal' uses 'nowhere', which no @string defines"),
    ]
    assert (references[0].written or {})["journal"] == "nowhere # { else}"  # Nothing dropped:
    assert references[0].fields["journal"].startswith("nowhere #")  # the text as written, decoded.


def test_a_value_that_is_no_expression_is_reported_and_kept() -> None:
    references, diagnostics = parse_bibtex(
        "@misc{k, author = {Doe, Jane}, title = {T}, year = 2001, pages = 12--15}", "x.bib"
    )
    assert [(d.code, d.severity.value) for d in diagnostics] == [("bibtex-value", "warning")]
    assert references[0].fields["pages"] == "12–15"


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        ("{a} # b", [(False, "a"), (True, "b")]),
        ('"x {"} y" # 12', [(False, 'x {"} y'), (False, "12")]),
        ("  jtp  ", [(True, "jtp")]),
        ('"M\\"uller"', [(False, 'M\\"uller')]),
        ("{a} #", None),
        ("{a", None),
        ("a b", None),
        ("", None),
    ],
)
def test_split_value(value: str, parts: list[tuple[bool, str]] | None) -> None:
    assert split_value(value) == parts


def test_macros_carry_from_file_to_file_in_path_order(tmp_path: Path) -> None:
    (tmp_path / "concepts").mkdir()
    folder = tmp_path / "references"
    folder.mkdir()
    (folder / "a-strings.bib").write_text("@string{tt = {Teaching Today}}\n", encoding="utf-8")
    (folder / "b-works.bib").write_text(
        "@article{b, author = {Doe, Jane}, title = {B}, year = 2001, journal = tt # { Quarterly}}\n"
        "@string{late = {Late}}\n",
        encoding="utf-8",
    )
    (folder / "c-more.bib").write_text("@misc{c, author = {Doe, Jane}, title = late, year = 2002}\n", encoding="utf-8")
    (folder / "0-first.bib").write_text("@misc{z, author = {Doe, Jane}, title = late, year = 2003}\n", encoding="utf-8")
    config, _problems = load_config(tmp_path)
    references, diagnostics = load_references(config)
    assert references["b"].fields["journal"] == "Teaching Today Quarterly"
    assert references["c"].title == "Late"
    assert [(d.path, d.code) for d in diagnostics] == [("references/0-first.bib", "undefined-macro")]  # Read first.


def test_the_cached_parse_depends_on_the_macros_before_the_file(tmp_path: Path) -> None:
    text = "@misc{k, author = {Doe, Jane}, title = tt, year = 2001}\n"
    one, two = (parse_bibtex_file(f"@string{{tt = {{{title}}}}}\n", "a.bib", {})[2] for title in ("One", "Two"))
    first = parse_bibtex_cached(text, "references/k.bib", tmp_path, one)
    second = parse_bibtex_cached(text, "references/k.bib", tmp_path, two)
    assert (first[0][0].title, second[0][0].title) == ("One", "Two")
    assert parse_bibtex_cached(text, "references/k.bib", tmp_path)[1][0].code == "undefined-macro"


def _read(text: str, resolve: bool) -> dict[str, dict[str, str]]:
    """Field values after bibtexparser's default middlewares, or after ours in place of its string resolution."""
    library = entrypoint.parse_string(text, parse_stack=[])
    if resolve:
        resolve_macros(library, {})
        library = RemoveEnclosingMiddleware(allow_inplace_modification=True).transform(library=library)
    else:
        for middleware in default_parse_stack(allow_inplace_modification=True):
            library = middleware.transform(library=library)
    return {entry.key: {f.key: str(f.value) for f in entry.fields} for entry in library.entries}


BIB_FILES = sorted(
    path
    for path in {*REPO.joinpath("references").glob("*.bib"), *TESTS.rglob("*.bib")}
    if "#" not in path.read_text(encoding="utf-8", errors="replace")
)


@pytest.mark.parametrize("file", BIB_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_a_library_without_concatenation_reads_as_bibtexparser_reads_it(file: Path) -> None:
    text = file.read_text(encoding="utf-8", errors="replace")
    assert _read(text, resolve=True) == _read(text, resolve=False)


_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEF", min_size=1, max_size=8)
_PARTS = st.one_of(
    _WORDS.map(lambda w: (f"{{{w}}}", w)),
    _WORDS.map(lambda w: (f'"{w}"', w)),
    st.integers(0, 9999).map(lambda n: (str(n), str(n))),
    st.sampled_from(["ma", "mb", "feb"]).map(
        lambda name: (name, {"ma": "Alpha", "mb": "Beta", "feb": "February"}[name])
    ),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PARTS, min_size=1, max_size=6), st.sampled_from([" # ", "#", "  #\n  "]))
def test_any_expression_of_defined_parts_reads_as_their_text(parts: list[tuple[str, str]], joiner: str) -> None:
    written = joiner.join(source for source, _ in parts)
    text = '@string{ma = {Alpha}}\n@string{mb = {Be} # "ta"}\n'
    text += f"@misc{{k, author = {{Doe, Jane}}, year = 2001, title = {written}}}\n"
    fields = _fields(text)
    expected = "".join(value for _, value in parts)
    if len(parts) == 1 and parts[0][0] == "feb":
        expected = "feb"  # A bare month stays the month macro.
    assert fields["title"] == expected
