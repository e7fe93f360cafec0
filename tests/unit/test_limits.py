"""Issue 15: every limit checked before the work, and every refusal a diagnostic, never a crash."""

from __future__ import annotations

import json
import os
import shutil
import tracemalloc
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TypeVar

import pytest

from build_kb.config import load_config
from build_kb.diagnostics import Diagnostic, Position
from build_kb.ids import MAX_SLUG_LENGTH, CiteKey, author_slug, reference_slug, slugify
from build_kb.load.bibtex import check_reference, parse_bibtex, parse_bibtex_file
from build_kb.load.bibtex_macros import MAX_EXPANSION
from build_kb.load.cards import parse_card
from build_kb.load.yamlmarks import load_yaml
from build_kb.model import Person
from build_kb.output import format_github, format_text, to_json
from build_kb.pipeline import load_project
from tests.scenario_runner import BASE

T = TypeVar("T")

CARD = (BASE / "concepts" / "alpha.yaml").read_text(encoding="utf-8")
ENTRY = "@book{{{key},\n  author = {{{author}}},\n  title = {{T}},\n  year = {{{year}}}\n}}\n"


@pytest.fixture()
def project(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    yield root


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


# Integers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["1" * 5000, "-" + "9" * 19, "0x" + "f" * 40, "1" + ":30" * 3000, "1_000" * 10],
    ids=["5000-digits", "19-digits", "hex", "sexagesimal", "underscores"],
)
def test_a_long_integer_anywhere_in_a_card_is_a_diagnostic(number: str) -> None:
    key = "9" * 25  # a key is at most 1,024 characters in YAML
    doc, diagnostics = load_yaml(f"kind: {number}\n{key}: x\n", "c.yaml")
    assert codes(diagnostics) == ["number-too-large", "number-too-large"]
    assert diagnostics[0].position == Position(1, 7) and diagnostics[1].position == Position(2, 1)
    assert doc.data == {"kind": number, key: "x"}  # kept as written text


def test_an_integer_within_the_bound_is_a_number() -> None:
    doc, diagnostics = load_yaml("a: 123456789012345678\nb: 0x1f\n", "c.yaml")
    assert diagnostics == [] and doc.data == {"a": 123456789012345678, "b": 31}


def test_a_long_integer_in_mkdocs_yml_is_a_config_diagnostic(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        f"site_name: t\nextra: {{n: {'7' * 5000}}}\nplugins:\n  - build_kb:\n      per_page: {'1' * 5000}\n",
        encoding="utf-8",
    )
    config, diagnostics = load_config(project)
    assert [(d.code, d.position) for d in diagnostics] == [("config", Position(2, 12)), ("config", Position(5, 7))]
    assert "MkDocs cannot read mkdocs.yml" in diagnostics[0].message  # MkDocs' own loader fails there
    assert config.per_page == 50


def test_a_huge_integer_in_a_text_option_of_build_kb_is_reported_too(project: Path) -> None:
    """An option read as text would take the number's text, and MkDocs would still fail on the file."""
    (project / "mkdocs.yml").write_text(
        f"site_name: t\nplugins:\n  - build_kb:\n      concepts_dir: {'1' * 5000}\n", encoding="utf-8"
    )
    _, diagnostics = load_config(project)
    assert [(d.code, d.position) for d in diagnostics if d.is_error()][:1] == [("config", Position(4, 21))]
    assert "a whole number of 5,000 digits" in diagnostics[0].message


def test_mkdocs_yml_with_ordinary_anchors_dates_and_numbers_reads_cleanly(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        "site_name: t\nextra:\n  base: &base {a: 1, b: [x, y]}\n  copy: *base\n  when: 2024-02-29\n"
        f"  big: {'9' * 4000}\n  hex: 0x{'f' * 100}\n",
        encoding="utf-8",
    )
    assert load_config(project)[1] == []


def test_a_mkdocs_yml_over_a_mebibyte_is_not_read(project: Path) -> None:
    (project / "mkdocs.yml").write_text("site_name: t\nextra:\n  pad: '" + "x" * 1_100_000 + "'\n", encoding="utf-8")
    _, diagnostics = load_config(project)
    assert [(d.code, d.position) for d in diagnostics] == [("config", Position(1, 1))]
    assert "1,100,0" in diagnostics[0].message and "1,048,576" in diagnostics[0].message


def test_a_mkdocs_yml_that_is_not_utf8_is_placed_at_its_first_bad_byte(project: Path) -> None:
    (project / "mkdocs.yml").write_bytes("site_name: t\nsite_description: café\n".encode("latin-1"))
    _, diagnostics = load_config(project)
    assert [(d.code, d.position) for d in diagnostics] == [("config", Position(2, 22))]
    assert "byte 0xe9 is not UTF-8" in diagnostics[0].message


def test_check_reports_deep_nesting_in_mkdocs_yml_instead_of_failing(project: Path) -> None:
    """PyYAML's composer recurses: 100,000 open brackets were an internal error (RecursionError) of check."""
    deep = "[" * 100_000 + "]" * 100_000
    (project / "mkdocs.yml").write_text(f"site_name: t\nextra: {deep}\n", encoding="utf-8")
    loaded = load_project(project)
    assert [(d.code, d.position) for d in loaded.diagnostics if d.is_error()] == [("config", Position(2, 71))]


# Language keys --------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["'x y'", "'1'", "e_n", '"en\\n"', "'fr '", "FR"])
@pytest.mark.parametrize("field", ["label", "summary", "definition", "implications"])
def test_a_key_that_is_no_language_code_is_an_error_and_stays_out_of_the_card(key: str, field: str) -> None:
    text = CARD.replace(f"{field}:\n", f"{field}:\n  {key}: Bad\n", 1)
    assert text != CARD
    card, diagnostics = parse_card(text, "concepts/alpha.yaml", "alpha")
    assert card is not None
    assert "unknown-field" in codes(diagnostics)
    assert all(d.position.line > 1 for d in diagnostics)
    assert set(getattr(card, field)) == {"fr", "en"}


def test_bad_language_keys_under_aliases_and_claims_stay_out() -> None:
    text = CARD.replace("claims:\n", "aliases: {'x y': [A], en: [B]}\nclaims:\n", 1)
    text = text.replace("      en: Alpha helps.\n", "      en: Alpha helps.\n      '1': Un.\n", 1)
    card, diagnostics = parse_card(text, "concepts/alpha.yaml", "alpha")
    assert card is not None and codes(diagnostics) == ["unknown-field", "unknown-field"]
    assert dict(card.aliases) == {"en": ("B",)}
    assert set(card.claims[0].statement) == {"fr", "en"}


# Names that become file names -----------------------------------------------------------


def test_slugs_are_bounded_and_stay_distinct() -> None:
    long_a, long_b = "a" * 300, "a" * 299 + "b"
    assert len(reference_slug(CiteKey(long_a))) <= MAX_SLUG_LENGTH
    assert reference_slug(CiteKey(long_a)) != reference_slug(CiteKey(long_b))
    # Two keys whose full slugs are equal still share a page (and reference-slug-clash says so).
    assert reference_slug(CiteKey(long_a.upper())) == reference_slug(CiteKey(long_a))
    assert len(author_slug(Person("Jane", "", "Verylongname" * 30))) <= MAX_SLUG_LENGTH
    assert slugify("short key") == "short-key"


# BibTeX ---------------------------------------------------------------------------------


def test_a_year_that_is_no_year_is_reported() -> None:
    text = ENTRY.format(key="k", author="Doe, J", year="1" * 4301)
    references, _ = parse_bibtex(text + ENTRY.format(key="j", author="Doe, J", year="in press"), "r.bib")
    found = [d for r in references for d in check_reference(r)]
    assert [(d.code, d.position.line) for d in found] == [("bad-year", 1)]


def test_a_year_of_4301_digits_is_formatted_without_a_crash(project: Path) -> None:
    (project / "references" / "library.bib").write_text(
        (project / "references" / "library.bib").read_text(encoding="utf-8")
        + ENTRY.format(key="huge2020", author="Doe, Jane", year="1" * 4301)
        + ENTRY.format(key="digits2020", author="Doe, Jane", year="2020").replace("{T}", "{" + "9" * 5000 + "}"),
        encoding="utf-8",
    )
    loaded = load_project(project)
    assert "bad-year" in codes(loaded.diagnostics)
    from build_kb.render.library import Library

    library = Library.for_project(loaded.kb, loaded.config, None)
    for language in loaded.kb.languages:
        assert {"huge2020", "digits2020"} <= set(library.order(language))  # the sort that crashed
        assert library.short("huge2020", language)


def test_keys_that_cannot_be_cited_and_a_missing_crossref_are_reported(project: Path) -> None:
    bib = project / "references" / "library.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8")
        + "@book{, author = {A, B}, title = {T}, year = {2000}}\n"
        + "@book{two words, author = {A, B}, title = {T}, year = {2000}}\n"
        + "@incollection{part2000, author = {A, B}, title = {T}, year = {2000}, crossref = {wenger1998comunities}}\n",
        encoding="utf-8",
    )
    diagnostics = load_project(project).diagnostics
    errors = [(d.code, d.position.line) for d in diagnostics if d.is_error()]
    assert errors == [("bad-key", 16), ("bad-key", 17)]
    crossref = next(d for d in diagnostics if d.code == "unknown-crossref")
    assert crossref.position.line == 18
    assert "did you mean 'wenger1998communities'" in crossref.hint


def _nested_macros(levels: int, copies: int = 8, entry: bool = True) -> str:
    lines = ["@string{m0 = {xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx}}"]
    lines += [f"@string{{m{i} = {' # '.join([f'm{i - 1}'] * copies)}}}" for i in range(1, levels + 1)]
    if entry:
        lines.append(f"@misc{{k, author = {{A, B}}, title = m{levels}, year = {{2000}}, note = m1 # m1}}")
    return "\n".join(lines) + "\n"


def _traced(read: Callable[[], T]) -> tuple[T, int]:
    """What ``read`` returns, and the most memory Python held meanwhile (bytes)."""
    tracemalloc.start()
    try:
        result = read()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def test_nested_macros_no_entry_uses_are_never_expanded() -> None:
    text = _nested_macros(9, entry=False)  # as the 523 bytes: m9 would hold 8^9 * 48 characters (6 GB)
    assert len(text) < 600
    deeper = _nested_macros(40, entry=False)  # 8^40 * 48 characters: more than any memory
    for bib in (text, deeper):
        (references, diagnostics, macros), peak = _traced(partial(parse_bibtex_file, bib, "r.bib", {}))
        assert references == [] and diagnostics == []  # defined, unused: nothing to say
        assert peak < 2 * 1024 * 1024
        assert sum(len(value) for value in macros.values()) < 20 * len(bib)  # definitions, not their texts


def test_nested_macros_an_entry_uses_are_refused_before_they_are_expanded() -> None:
    text = _nested_macros(12)  # m12 would hold 8^12 * 48 characters: 3 TB.
    assert len(text) < 1000
    (references, diagnostics), peak = _traced(lambda: parse_bibtex(text, "r.bib"))
    assert peak < 20 * 1024 * 1024
    too_large = [d for d in diagnostics if d.code == "macro-too-large"]
    assert [d.position.line for d in too_large] == [14]  # the entry's title only
    assert "field 'title' uses 'm12' (line 13), which would expand to more than 100,000" in too_large[0].message
    assert references[0].fields["title"] == "m12"  # kept as written
    assert references[0].fields["note"] == "x" * 48 * 16  # what an entry uses within the bound is expanded


def test_a_macro_of_a_file_before_is_expanded_where_an_entry_uses_it(tmp_path: Path) -> None:
    macros: dict[str, str] = {}
    for text in (_nested_macros(12, entry=False), "@string{a = {Alpha}}\n@string{ab = a # { and Beta}}\n"):
        _, diagnostics, defined = parse_bibtex_file(text, "a.bib", macros)
        assert diagnostics == []
        macros.update(defined)
    text = "@string{a = {ALPHA}}\n@misc{k, author = {A, B}, title = ab, note = a # m2, year = 2000, series = m9}\n"
    (references, diagnostics, _), peak = _traced(lambda: parse_bibtex_file(text, "b.bib", macros))
    assert peak < 20 * 1024 * 1024
    fields = references[0].fields
    assert fields["title"] == "Alpha and Beta"  # the "a" in force when "ab" was defined
    assert fields["note"] == "ALPHA" + "x" * 48 * 64  # this file's "a"; m2 from the file before
    assert [(d.code, d.position.line) for d in diagnostics] == [("macro-too-large", 2)]
    assert "uses 'm9', which" in diagnostics[0].message  # defined in another file: no line of this one


def test_long_chains_and_empty_macros_expand_in_bounded_steps() -> None:
    chain = ["@string{c0 = {x}}"] + [f"@string{{c{i} = c{i - 1} # {{x}}}}" for i in range(1, 5001)]
    empty = ["@string{e0 = {}}"] + [f"@string{{e{i} = {' # '.join([f'e{i - 1}'] * 8)}}}" for i in range(1, 60)]
    entry = "@misc{k, author = {A, B}, title = c5000, note = {n} # e59, year = 2000}"
    references, diagnostics = parse_bibtex("\n".join([*chain, *empty, entry]) + "\n", "r.bib")
    assert diagnostics == []
    assert references[0].fields["title"] == "x" * 5001 and references[0].fields["note"] == "n"


def test_many_macros_within_the_bound_share_one_budget_per_file() -> None:
    big = "y" * (MAX_EXPANSION // 2)
    lines = [f"@string{{b = {{{big}}}}}"] + [f"@string{{c{i} = b # b}}" for i in range(100)]
    _, diagnostics = parse_bibtex("\n".join(lines) + "\n", "r.bib")
    assert diagnostics == []  # defined, not used: nothing expanded
    lines += [f"@misc{{k{i}, author = {{A, B}}, title = c{i}, year = 2000}}" for i in range(100)]
    references, diagnostics = parse_bibtex("\n".join(lines) + "\n", "r.bib")
    refused = [d for d in diagnostics if d.code == "macro-too-large"]
    assert refused and all("past what macros may add to one file" in d.message for d in refused)
    expanded = [r for r in references if r.fields["title"] == big * 2]
    assert expanded and len(expanded) + len(refused) == 100  # the first ones, until the budget is spent


def test_a_field_over_the_size_limit_is_left_out_with_a_diagnostic() -> None:
    text = ENTRY.format(key="k", author="Doe, J", year="2000").replace("{T}", "{" + "\\'e" * 60_000 + "}")
    references, diagnostics = parse_bibtex(text, "r.bib")
    assert codes(diagnostics) == ["too-long"] and "title" not in references[0].fields


# Line ends and positions ----------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_positions_count_lines_as_editors_do(newline: str) -> None:
    text = "id: alpha\nkind: concept\nsumary: x\nlabel: [\n".replace("\n", newline)
    _, diagnostics = load_yaml(text, "c.yaml")
    assert [(d.code, d.position) for d in diagnostics] == [("yaml-syntax", Position(5, 1))]
    _, diagnostics = parse_card(CARD.replace("\n", newline).replace("summary:", "sumary:"), "c.yaml", "alpha")
    unknown = next(d for d in diagnostics if d.code == "unknown-field")
    assert unknown.position == Position(8, 1)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separators_are_characters_of_their_line(separator: str) -> None:
    # YAML breaks lines there, editors do not: the position is the editor's.
    _, diagnostics = load_yaml(f'a: "x{separator}y"\nb: [\n', "c.yaml")
    assert [(d.code, d.position) for d in diagnostics] == [("yaml-syntax", Position(3, 1))]  # YAML says line 4
    _, diagnostics = load_yaml(f"a: b\nx: 1{separator}- y\n", "c.yaml")  # YAML: '- y' at line 3, column 1
    assert [(d.code, d.position) for d in diagnostics] == [("yaml-syntax", Position(2, 6))]
    card_text = CARD.replace("  fr: Alpha\n", f'  fr: "Al{separator}pha"\n', 1).replace("summary:", "sumary:")
    _, problems = parse_card(card_text, "c.yaml", "alpha")
    assert next(d for d in problems if d.code == "unknown-field").position == Position(8, 1)


def test_a_tab_counts_as_one_column() -> None:
    _, diagnostics = parse_card(
        CARD.replace("  fr: La première notion.", "  fr: \tLa\tpremière", 1) + "x\t: 1\n", "c.yaml", "alpha"
    )
    assert [(d.code, d.position) for d in diagnostics if d.code == "unknown-field"] == [
        ("unknown-field", Position(CARD.count("\n") + 1, 1))  # the line added after the card
    ]


def test_bibtex_lines_count_cr_and_crlf(project: Path) -> None:
    for newline in ("\r", "\r\n"):
        text = "@book{a,\n  author = {A, B},\n  title = {T},\n  year = {2000}\n}\n\n@book{b,\n title = x # y\n}\n"
        references, diagnostics = parse_bibtex(text.replace("\n", newline), "r.bib")
        assert [r.line for r in references] == [1, 7]
        assert [(d.code, d.position) for d in diagnostics] == [("undefined-macro", Position(8, 2))]


# Diagnostics never carry control characters ---------------------------------------------

FORGED = "\x1b[2J\x1b[H\nconcepts/x.yaml:1:1: error[forged]: \x9b31m\u2028\x85\u202e"


def test_control_characters_are_escaped_in_every_format() -> None:
    text = CARD.replace("label:\n", f'label:\n  "{FORGED.encode("unicode_escape").decode()}": x\n', 1)
    _, diagnostics = parse_card(text, "concepts/alpha\x1b.yaml", "alpha")
    assert diagnostics
    outputs = [format_text(d) for d in diagnostics] + [format_github(d) for d in diagnostics]
    outputs.append(to_json(diagnostics))
    for output in outputs:
        assert not any(
            (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029\u202e" for c in output
        )
    for d in diagnostics:
        assert "\n" not in format_github(d) and format_text(d).count("\n") == (1 if d.hint else 0)
    assert "\\x1b[2J" in format_text(diagnostics[0]) and "alpha\\x1b.yaml" in format_text(diagnostics[0])
    assert json.loads(to_json(diagnostics))[0]["path"] == "concepts/alpha\\x1b.yaml"


def test_a_long_message_is_cut() -> None:
    _, diagnostics = parse_card(CARD.replace("label:\n", f"label:\n  {'k' * 100_000}: x\n", 1), "c.yaml", "alpha")
    assert diagnostics and all(len(d.message) <= 500 for d in diagnostics)


# Files and folders ----------------------------------------------------------------------


def test_links_out_of_the_project_are_refused_naming_the_link(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "gamma.yaml").write_text(CARD.replace("alpha", "gamma"), encoding="utf-8")
    (secret / "more.bib").write_text(ENTRY.format(key="s", author="A, B", year="2000"), encoding="utf-8")
    (project / "concepts" / "gamma.yaml").symlink_to(secret / "gamma.yaml")
    (project / "concepts" / "folder").symlink_to(secret, target_is_directory=True)
    (project / "references" / "more.bib").symlink_to(secret / "more.bib")
    (project / "concepts" / "inner.yaml").symlink_to(project / "concepts" / "beta.yaml")  # inside: read
    (project / "concepts" / "loop").symlink_to(project / "concepts", target_is_directory=True)  # read once
    (project / "concepts" / "z-real").mkdir()
    (project / "concepts" / "z-real" / "delta.yaml").write_text(CARD.replace("alpha", "delta"), encoding="utf-8")
    (project / "concepts" / "a-link").symlink_to(project / "concepts" / "z-real", target_is_directory=True)
    loaded = load_project(project)
    outside = [(d.path, d.code) for d in loaded.diagnostics if d.code == "outside-project"]
    assert outside == [
        ("concepts/folder", "outside-project"),
        ("concepts/gamma.yaml", "outside-project"),
        ("references/more.bib", "outside-project"),
    ]
    assert "gamma" not in loaded.kb.cards and "s" not in loaded.kb.references
    assert str(tmp_path) not in "".join(format_text(d) for d in loaded.diagnostics)
    assert loaded.kb.cards["delta"].path == "concepts/z-real/delta.yaml"  # by its real folder, once
    inner = [d for d in loaded.diagnostics if d.path == "concepts/inner.yaml"]
    assert [d.code for d in inner] == ["duplicate-id", "id-mismatch"]  # read, under the link's own name


@pytest.mark.parametrize("setting", ["nope", "/etc", "../elsewhere", "concepts/alpha.yaml"])
def test_a_configured_folder_must_exist_in_the_project(project: Path, tmp_path: Path, setting: str) -> None:
    (tmp_path / "elsewhere").mkdir()
    (project / "mkdocs.yml").write_text(
        f"site_name: t\nplugins:\n  - build_kb:\n      concepts_dir: {setting}\n", encoding="utf-8"
    )
    loaded = load_project(project)
    assert [(d.path, d.position, d.code) for d in loaded.diagnostics if d.is_error()] == [
        ("mkdocs.yml", Position(4, 7), "config")
    ]
    assert "/etc" not in loaded.diagnostics[0].message.replace(setting, "") or setting == "/etc"


def test_a_missing_default_folder_is_reported(project: Path) -> None:
    shutil.rmtree(project / "references")
    diagnostics = load_project(project).diagnostics
    assert [(d.path, d.code) for d in diagnostics if d.code == "config"] == [("references", "config")]


def test_an_unreadable_subfolder_is_reported(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = project / "concepts" / "drafts"
    drafts.mkdir()
    (drafts / "gamma.yaml").write_text(CARD.replace("alpha", "gamma"), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:  # chmod 000 means nothing to root: the error, simulated
        if Path(path) == drafts:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    diagnostics = load_project(project).diagnostics
    assert [(d.path, d.code) for d in diagnostics if d.is_error()] == [("concepts/drafts/", "unreadable")]


@pytest.mark.parametrize("block", ["[concepts]", "5", "'text'"])
def test_an_options_block_that_is_no_mapping_is_an_error(project: Path, block: str) -> None:
    (project / "mkdocs.yml").write_text(f"site_name: t\nplugins:\n  - build_kb: {block}\n", encoding="utf-8")
    _, diagnostics = load_config(project)
    assert [(d.code, d.position) for d in diagnostics] == [("config", Position(3, 5))]


def test_an_unknown_option_is_an_error_with_did_you_mean(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - build_kb:\n      concept_dir: concepts\n      zzz: 1\n", encoding="utf-8"
    )
    _, diagnostics = load_config(project)
    assert [(d.code, d.position.line, d.hint[:28]) for d in diagnostics] == [
        ("config", 4, "did you mean 'concepts_dir'?"),
        ("config", 5, "the options are: concepts_di"),
    ]


@pytest.mark.parametrize(
    "setting",
    [
        "site_url: 'https://x/\"><script>alert(1)</script>'",
        "repo_url: 'https://github.com/o/r onmouseover=alert(1)'",
        "site_url: javascript:alert(1)",
        'edit_uri: "edit/main/\'><img src=x>"',
        "site_url: 'https://x/`'",
    ],
)
def test_urls_material_writes_into_pages_must_be_plain(project: Path, setting: str) -> None:
    (project / "mkdocs.yml").write_text(f"site_name: t\n{setting}\n", encoding="utf-8")
    _, diagnostics = load_config(project)
    assert [(d.code, d.position) for d in diagnostics] == [("config", Position(2, 1))]


def test_plain_urls_pass(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        "site_name: t\nsite_url: https://example.org/kb/\n"
        "repo_url: https://github.com/o/r\nedit_uri: edit/main/docs/\n",
        encoding="utf-8",
    )
    assert load_config(project)[1] == []


# Serve: the last good version of a card, for every error --------------------------------


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("themes: [theme-one]", "themes: [theme-one]\nrelations: {related: [nowhere]}", "unknown-concept"),
        ("themes: [theme-one]", "themes: [theme-one]\nrelations: {related: [alpha]}", "self-relation"),
        ("[@wenger1998communities, p. 47].\n  en", "[@nowhere2000].\n  en", "unknown-reference"),
        ("Alpha est une notion", "Alpha <i>est</i> une notion", "raw-html"),
        ("label:\n", "label:\n  'x y': Alpha\n", "unknown-field"),
        ("kind: concept", "kind: 1111111111111111111111111", "number-too-large"),
    ],
)
def test_a_card_with_any_error_falls_back_on_its_last_good_version(
    project: Path, old: str, new: str, code: str
) -> None:
    good = load_project(project).good_cards()
    card = project / "concepts" / "alpha.yaml"
    text = card.read_text(encoding="utf-8")
    assert old in text
    card.write_text(text.replace(old, new, 1).replace("La première notion.", "Cassée.", 1), encoding="utf-8")
    loaded = load_project(project, last_good=good)
    assert code in codes(loaded.diagnostics)
    assert loaded.kb.cards["alpha"] is good["concepts/alpha.yaml"]
    assert loaded.good_cards().get("concepts/alpha.yaml") is None  # the broken version is never remembered as good
    assert load_project(project).kb.cards["alpha"].summary["fr"] == "Cassée."  # without a fallback: as written


def test_an_unreadable_card_is_reported(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    card = project / "concepts" / "alpha.yaml"
    real_read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == card:
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    diagnostics = load_project(project).diagnostics
    found = [(d.path, d.code, d.message) for d in diagnostics if d.path == "concepts/alpha.yaml"]
    assert found == [("concepts/alpha.yaml", "unreadable", "cannot read the file: Permission denied")]


def test_an_absolute_folder_inside_the_project_is_shown_relative(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        f"site_name: t\nplugins:\n  - build_kb:\n      concepts_dir: {project / 'concepts'}\n", encoding="utf-8"
    )
    loaded = load_project(project)
    assert sorted(card.path for card in loaded.kb.cards.values()) == [
        "concepts/alpha.yaml",
        "concepts/beta.yaml",
        "concepts/theme-one.yaml",
    ]


def test_a_key_with_a_line_break_is_reported_once() -> None:
    _, diagnostics = parse_card(CARD + '"id\\n": x\n', "concepts/alpha.yaml", "alpha")
    assert [(d.code, d.position) for d in diagnostics] == [("unknown-field", Position(CARD.count("\n") + 1, 1))]


def test_a_broken_card_whose_file_name_holds_a_control_character_is_never_remembered_as_good(project: Path) -> None:
    (project / "concepts" / "gam\x1bma.yaml").write_text(CARD.replace("id: alpha", "id: gamma"), encoding="utf-8")
    loaded = load_project(project)
    assert "concepts/gam\\x1bma.yaml" in {d.path for d in loaded.diagnostics if d.is_error()}  # shown escaped
    assert "concepts/gam\x1bma.yaml" not in loaded.good_cards()  # yet matched to its card


def test_options_in_the_mapping_form_of_plugins_are_read(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  search: {}\n  build_kb:\n    per_page: 7\n    per_pag: 8\n", encoding="utf-8"
    )
    config, diagnostics = load_config(project)
    assert config.per_page == 7
    assert [(d.code, d.position) for d in diagnostics] == [("config", Position(6, 5))]
