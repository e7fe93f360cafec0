"""The rendering pieces on their own: citations, references, placeholders, URLs, plugin glue."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from build_kb.citations import find_citations
from build_kb.diagnostics import Diagnostic, Position, Severity
from build_kb.model import Person, Reference
from build_kb.pipeline import Loaded
from build_kb.plugin import KnowledgeBasePlugin, format_diagnostic, log_diagnostic
from build_kb.render.cite import render_citation, replace_citations
from build_kb.render.context import SiteContext, SiteOptions
from build_kb.render.placeholders import EXPANDERS, expand_page
from build_kb.render.reference_text import author_label, format_reference, year_label
from build_kb.render.urls import card_uri, edit_base, reference_uri


def _ref(key: str, authors: tuple[Person, ...], **fields: str) -> Reference:
    return Reference(key, fields.pop("entry_type", "article"), fields, authors, (), "references/x.bib", 1, "")


WENGER = Person("Étienne", "", "Wenger")
LAVE = Person("Jean", "", "Lave")
REFS = {
    "wenger1998": _ref("wenger1998", (WENGER,), year="1998", title="Communities of practice"),
    "lave1991": _ref("lave1991", (LAVE, WENGER), year="1991", title="Situated learning"),
    "team2020": _ref("team2020", (LAVE, WENGER, Person("A", "van", "Berg")), year="2020", title="T"),
    "nodate": _ref("nodate", (WENGER,), title="Undated"),
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[@wenger1998, p. 47]", "([Wenger, 1998, p. 47](../references/wenger1998.md))"),
        ("@wenger1998 says", "[Wenger \\(1998\\)](../references/wenger1998.md) says"),
        ("@wenger1998 [p. 3] says", "[Wenger \\(1998, p. 3\\)](../references/wenger1998.md) says"),
        ("[-@wenger1998]", "([1998](../references/wenger1998.md))"),
        (
            "[see @lave1991; @team2020]",
            "(see [Lave & Wenger, 1991](../references/lave1991.md); [Lave et al., 2020](../references/team2020.md))",
        ),
        ("[@unknown2000, p. 2]", "(@unknown2000, p. 2)"),
        ("[@nodate]", "([Wenger, s. d.](../references/nodate.md))"),
        ("`[@wenger1998]` in code", "`[@wenger1998]` in code"),
    ],
)
def test_citations_render_as_links(text: str, expected: str) -> None:
    rendered, _ = replace_citations(text, "fr", REFS, "concepts/x.md")
    assert rendered == expected.replace("&", "&amp;")


def test_unknown_keys_are_returned_with_their_offset() -> None:
    _, unknown = replace_citations("Text [@wenger1998; @nope, p. 1].", "en", REFS, "index.md")
    assert [(u.key, u.start) for u in unknown] == [("nope", 19)]


def test_year_label_per_language() -> None:
    assert year_label(REFS["nodate"], "en") == "n.d."
    assert year_label(REFS["nodate"], "de") == "n.d."
    citation = find_citations("[@nodate]")[0][0]
    assert "n.d." in render_citation(citation, "en", REFS, "index.md")


def test_reference_formatting() -> None:
    assert author_label(REFS["team2020"]) == "Lave et al."
    assert author_label(_ref("anon", (), title="Anonymous work")) == "Anonymous work"
    book = _ref(
        "b",
        (WENGER,),
        entry_type="book",
        year="1998",
        title="Communities",
        publisher="CUP",
        doi="10.1017/CBO9780511803932",
    )
    assert format_reference(book) == (
        "Wenger, É. (1998). *Communities*. CUP. "
        "[https://doi.org/10.1017/CBO9780511803932](https://doi.org/10.1017/CBO9780511803932)"
    )
    article = _ref(
        "a", (LAVE, WENGER), year="2001", title="On (parens)", journal="J", volume="3", number="2", pages="1--9"
    )
    assert format_reference(article, "../references/a.md") == (
        "Lave, J., &amp; Wenger, É. (2001). [On \\(parens\\)](../references/a.md). *J*, *3*(2), 1–9."
    )
    odd_doi = _ref("d", (WENGER,), year="1999", title="T", doi="10.1002/(SICI)1099-0690<1>3.0.CO;2-X")
    assert "(https://doi.org/10.1002/%28SICI%291099-0690%3C1%3E3.0.CO;2-X)" in format_reference(odd_doi)
    unsafe = _ref("u", (WENGER,), year="1999", title="T", url="javascript:alert(1)")
    assert "javascript" not in format_reference(unsafe)


def test_reserved_names_get_no_page(small_loaded: Loaded) -> None:
    card = small_loaded.kb.cards["learning"]
    assert card_uri(card) == "themes/learning.md"
    assert reference_uri("index") is None
    assert reference_uri("Lave:1991") == "references/lave-1991.md"


@pytest.mark.parametrize(
    ("repo", "edit", "docs_to_root", "expected"),
    [
        ("https://github.com/o/r", "edit/main/docs/", "..", "https://github.com/o/r/edit/main/"),
        ("https://github.com/o/r/", "edit/main/docs", "..", "https://github.com/o/r/edit/main/"),
        ("", "https://gitlab.com/o/r/-/edit/main/docs/", "..", "https://gitlab.com/o/r/-/edit/main/"),
        ("https://github.com/o/r", "edit/main/", ".", "https://github.com/o/r/edit/main/"),
        ("https://github.com/o/r", "", "..", ""),
        ("javascript:alert(1)//", "x/", "..", ""),
    ],
)
def test_edit_base(repo: str, edit: str, docs_to_root: str, expected: str) -> None:
    assert edit_base(repo, edit, docs_to_root) == expected


def test_placeholders_expand_and_report_unknown_ones(small_loaded: Loaded) -> None:
    site = SiteContext(small_loaded.kb, SiteOptions())
    text = "Cards: {{ kb.count.cards }}\n\n{{kb.count.case}} case\n`{{ kb.bad }}`\n{{ kb.bad }}\n"
    expanded, problems = expand_page(text, site, "index.md")
    assert expanded.startswith("Cards: 7\n\n1 case\n`{{ kb.bad }}`\n{{ kb.bad }}")
    assert [(p.start, p.message) for p in problems] == [(67, "unknown placeholder '{{ kb.bad }}'")]
    assert "kb.field_reference" in EXPANDERS and "kb.diagnostic_codes" in EXPANDERS
    themes, _ = expand_page("{{ kb.themes }}", site, "sub/page.md")
    assert "[Learning](../themes/learning.md)" in themes


def test_diagnostics_are_logged_in_one_line_with_level_by_severity(caplog: pytest.LogCaptureFixture) -> None:
    error = Diagnostic("concepts/a.yaml", Position(3, 7), Severity.ERROR, "unknown-concept", "no such card", "fix it")
    warning = Diagnostic("references/x.bib", Position(1, 1), Severity.WARNING, "uncited-reference", "not cited")
    assert format_diagnostic(error) == "concepts/a.yaml:3:7: error[unknown-concept]: no such card (fix it)"
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.build_kb"):
        log_diagnostic(error)
        log_diagnostic(warning)
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.ERROR, "concepts/a.yaml:3:7: error[unknown-concept]: no such card (fix it)"),
        (logging.WARNING, "references/x.bib:1:1: warning[uncited-reference]: not cited"),
    ]


class _Server:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_cards_and_references(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from tests.site.helpers import FIXTURES

    config = load_config(config_file=str(FIXTURES / "small" / "mkdocs.yml"), site_dir=str(tmp_path))
    plugin = config.plugins["build_kb"]
    assert isinstance(plugin, KnowledgeBasePlugin)
    config = config.plugins.on_config(config)
    server = _Server()
    plugin.on_serve(server, config=config, builder=lambda: None)  # type: ignore[arg-type]
    assert server.watched == [str(FIXTURES / "small" / "concepts"), str(FIXTURES / "small" / "references")]


def test_page_words_cover_every_kind_evidence_level_and_relation() -> None:
    from build_kb.model import EVIDENCE_LEVELS, KINDS
    from build_kb.relations import RELATION_TYPES
    from build_kb.render import i18n

    for lang in ("fr", "en"):
        for kind in KINDS:
            assert i18n.kind_name(kind, lang) != i18n.kind_name("", lang)
            assert i18n.kind_group(kind, lang) != i18n.kind_group("", lang)
        for level in EVIDENCE_LEVELS:
            assert i18n.evidence_name(level, lang) != i18n.evidence_name("", lang)
            assert i18n.evidence_meaning(level, lang)
        for name in RELATION_TYPES:
            assert i18n.relation_name(name, lang) and i18n.relation_name(name, lang, inverse=True)
    assert i18n.word("cards_count", "de", n=3) == "3 cards"  # another language falls back to English
