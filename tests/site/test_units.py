"""The rendering pieces on their own: citations, references, placeholders, URLs, plugin glue."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from build_kb.diagnostics import Diagnostic, Position, Severity
from build_kb.docpages import PLACEHOLDER_NAMES, check_page
from build_kb.model import KnowledgeBase, Person, Reference
from build_kb.pipeline import Loaded
from build_kb.plugin import KnowledgeBasePlugin, format_diagnostic, log_diagnostic
from build_kb.render.cite import block_language, card_text_html, sources_html
from build_kb.render.context import SiteContext, SiteOptions
from build_kb.render.entries import entry_html
from build_kb.render.markdown import escape_attr, markdown_proof
from build_kb.render.placeholders import EXPANDERS, expand_page
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
    "odd": _ref("odd", (WENGER,), year="1999", title="A `tick` [x](y) *z*", url="javascript:alert(1)"),
}
SITE = SiteContext(KnowledgeBase({}, REFS, ("fr", "en")), SiteOptions())


def _anchor(key: str, text: str, lang: str = "en") -> str:
    title = escape_attr(SITE.library.formatter(lang).reference_text(key))
    return f'<a class="kb-cite" href="../../references/{key}/" title="{title}">{text}</a>'


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("[@wenger1998, p. 47]", "en", "({wenger1998:Wenger, 1998, p. 47})"),
        ("@wenger1998 says", "en", "{wenger1998:Wenger (1998)} says"),
        ("@wenger1998 [p. 3] says", "en", "{wenger1998:Wenger (1998, p. 3)} says"),
        ("[-@wenger1998]", "en", "({wenger1998:1998})"),
        (  # The reference list's order (APA 7, 8.12): Lave & Wenger before Lave, Wenger & van Berg.
            "[see @team2020; @lave1991, pp. 3-4]",
            "en",
            "({lave1991:Lave &amp; Wenger, 1991, pp. 3–4}; see {team2020:Lave et al., 2020})",
        ),
        ("[@lave1991, pp. 3-4]", "fr", "({lave1991:Lave &amp; Wenger, 1991, p. 3–4})"),
        ("[@unknown2000, p. 2]", "en", "(unknown2000?)"),
        ("[@nodate]", "fr", "({nodate:Wenger, s.\u00a0d.})"),
        ("[@nodate]", "en", "({nodate:Wenger, n.d.})"),
        ("`[@wenger1998]` in code", "en", "<code>[@wenger1998]</code> in code"),
    ],
)
def test_citations_render_in_the_style_and_language_each_work_linked(text: str, lang: str, expected: str) -> None:
    def link(match: re.Match[str]) -> str:
        return _anchor(match.group(1), match.group(2), lang)

    expected_html = "<p>" + re.sub(r"\{(\w+):([^}]*)\}", link, expected) + "</p>"
    assert card_text_html(SITE, text, lang, "concepts/x.md") == expected_html


def test_citation_html_is_ours_and_hover_shows_the_full_reference() -> None:
    html = card_text_html(SITE, "As [@odd] said.", "en", "concepts/x.md")
    assert '<a class="kb-cite" href="../../references/odd/" title="Wenger, É. (1999). A `tick` [x](y) *z*.">' in (
        __import__("html").unescape(html)
    )
    assert "<code>" not in html and "<em>" not in html and "javascript" not in html


def test_card_text_cannot_forge_a_held_citation() -> None:
    held = card_text_html(SITE, "a \ue2100\ue211 b <script>", "en", "concepts/x.md")
    assert held == "<p>a \ufffd0\ufffd b &lt;script&gt;</p>"  # the marks read as U+FFFD, never as a citation


def test_claim_sources_read_as_one_citation() -> None:
    html = sources_html(SITE, ["@wenger1998, p. 149", "@lave1991", "not a citation"], "en", "concepts/x.md")
    assert html.startswith("(" + _anchor("lave1991", "Lave &amp; Wenger, 1991") + "; ")
    assert html.endswith("); not a citation")


def test_block_language_follows_lang_divs() -> None:
    text = '<div lang="en" markdown>\n[@a]\n<div>[@b]</div>\n</div>\n[@c] <div class="kb-lang" lang="fr">[@d]'
    language = block_language(text, "fr")
    assert [language(text.index(key)) for key in ("@a", "@b", "@c", "@d")] == ["en", "en", "fr", "fr"]


def test_formatted_entries_link_their_title_and_flag_what_is_missing() -> None:
    entry = entry_html(SITE, "wenger1998", "en", "concepts/x.md")
    assert '<a href="../../references/wenger1998/">Communities of practice</a>' in entry
    undated = entry_html(SITE, "nodate", "fr", "references/index.md")
    assert 'title="il manque : year (non déclaré)">incomplète</span>' in undated
    unsafe = entry_html(SITE, "odd", "en", "references/index.md")
    assert "javascript" not in unsafe and '<a href="odd/">' in unsafe


def test_markdown_proof_keeps_tags_and_neutralises_markdown() -> None:
    assert markdown_proof('1998. a_b *c* `d` [e](f) <i>g</i> <a href="https://x.org/[y]">https://x.org</a>') == (
        "1998&#46; a&#95;b &#42;c&#42; &#96;d&#96; &#91;e&#93;(f) <i>g</i> "
        '<a href="https://x.org/&#91;y&#93;">https&#58;//x.org</a>'
    )
    assert markdown_proof("(Wenger, 1998)").startswith("&#40;Wenger")


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


def test_placeholders_expand_and_unknown_ones_are_reported_by_the_checker(small_loaded: Loaded) -> None:
    site = SiteContext(small_loaded.kb, SiteOptions(language="en"))
    text = "Cards: {{ kb.count.cards }}\n\n{{kb.count.case}} case\n`{{ kb.bad }}`\n{{ kb.bad }}\n"
    expanded = expand_page(text, site, "index.md")
    assert expanded.startswith("Cards: 7\n\n1 case\n`{{ kb.bad }}`\n{{ kb.bad }}")
    problems = list(check_page(text, "docs/index.md", small_loaded.kb.references))
    assert [(p.code, p.position.line, p.position.column) for p in problems] == [("unknown-placeholder", 5, 1)]
    assert set(EXPANDERS) == PLACEHOLDER_NAMES
    themes = expand_page("{{ kb.themes }}", site, "sub/page.md")
    assert '<a href="../../themes/learning/">Learning</a>' in themes


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
