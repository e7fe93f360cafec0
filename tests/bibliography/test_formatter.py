"""APA (and other styles) over the fixture library: entries, in-text citations, safety, styles, locales."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_kb.bibliography import (
    CiteParts,
    CslStyle,
    Formatter,
    StyleProblem,
    load_style,
    make_formatter,
    style_diagnostics,
    to_csl_json,
)
from build_kb.citations import Citation
from build_kb.config import ProjectConfig
from build_kb.load.bibtex import parse_bibtex
from build_kb.markdown_scan import find_citations
from build_kb.model import Reference
from tests.bibliography.conftest import style
from tests.cache_tools import rows

ALLOWED_TAGS = {"i", "b", "u", "sup", "sub", "span", "a"}


def citation(text: str) -> Citation:
    citations, problems = find_citations(text)
    assert len(citations) == 1 and not problems
    return citations[0]


def tags(markup: str) -> set[str]:
    return set(re.findall(r"</?([A-Za-z][A-Za-z0-9]*)", markup))


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "wenger1998communities",
            "Wenger, É. (1998). <i>Communities of practice: Learning, meaning, and identity</i>. Cambridge University"
            ' Press. <a href="https://doi.org/10.1017/CBO9780511803932">https://doi.org/10.1017/CBO9780511803932</a>',
        ),
        (
            "clot2000genres",
            "Clot, Y., &amp; Faïta, D. (2000). Genres et styles en analyse du travail. <i>Travailler</i>, <i>4</i>(2),"
            ' 7–42. <a href="https://doi.org/10.3917/trav.004.0007">https://doi.org/10.3917/trav.004.0007</a>',
        ),
        (
            "clot2005dispute",
            "Clot, Y. (2005). Le développement du métier. In A. van der Berg &amp; J. Dupont (Eds.),"
            " <i>Travail et formation</i> (pp. 12–25). Octarès.",
        ),
        ("huberman1989vie", "Huberman. (1989)."),
    ],
)
def test_apa_entries(apa: Formatter, key: str, expected: str) -> None:
    assert apa.reference_html(key) == expected


def test_plain_text_entry(apa: Formatter) -> None:
    assert apa.reference_text("clot2005dispute") == (
        "Clot, Y. (2005). Le développement du métier. In A. van der Berg & J. Dupont (Eds.), Travail et formation"
        " (pp. 12–25). Octarès."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[@wenger1998communities, p. 47]", "(Wenger, 1998, p. 47)"),
        ("[@wenger1998communities, pp. 47-49]", "(Wenger, 1998, pp. 47–49)"),
        ("[@wenger1998communities, ch. 3]", "(Wenger, 1998, ch. 3)"),  # not a CSL term: pandoc keeps it as text
        ("[@wenger1998communities, chap. 3]", "(Wenger, 1998, Chapter 3)"),
        ("[@wenger1998communities, para. 4]", "(Wenger, 1998, para. 4)"),
        ("@wenger1998communities", "Wenger (1998)"),
        ("@wenger1998communities [p. 47]", "Wenger (1998, p. 47)"),
        ("[-@wenger1998communities]", "(1998)"),
        ("[-@wenger1998communities, p. 3]", "(1998, p. 3)"),
        ("[@wenger1998communities; @clot2005dispute]", "(Clot, 2005; Wenger, 1998)"),
        ("[see @clot2000genres, and elsewhere]", "(see Clot & Faïta, 2000, and elsewhere)"),
        ("[@twictee2021site]", "(Association Twictée, n.d.)"),
        ("[@notitle2001]", "(2001)"),
        ("[@nokey; @wenger1998communities]", "(Wenger, 1998; nokey?)"),
    ],
)
def test_apa_in_text(apa: Formatter, text: str, expected: str) -> None:
    assert apa.cite(citation(text)) == expected


def test_cite_parts_let_a_renderer_link_each_work(apa: Formatter) -> None:
    parts = apa.cite_parts(citation("[@wenger1998communities, p. 47; see @clot2005dispute; @nokey]"))
    assert (parts.open, parts.delimiter, parts.close) == ("(", "; ", ")")
    assert [(p.key, p.known, p.prefix, p.text) for p in parts.parts] == [
        ("clot2005dispute", True, "see", "Clot, 2005"),
        ("wenger1998communities", True, "", "Wenger, 1998, p. 47"),
        ("nokey", False, "", "nokey?"),
    ]
    linked = parts.to_html(lambda part: f'<a href="/references/{part.key}/">{part.html}</a>')
    assert linked == (
        '(see <a href="/references/clot2005dispute/">Clot, 2005</a>;'
        ' <a href="/references/wenger1998communities/">Wenger, 1998, p. 47</a>; nokey?)'
    )


def test_narrative_citation_is_one_part(apa: Formatter) -> None:
    parts = apa.cite_parts(citation("As @clot2000genres [p. 12] shows"))
    assert parts == CiteParts("", "", "", parts.parts)
    assert parts.to_html(lambda p: f"<a>{p.html}</a>") == "<a>Clot &amp; Faïta (2000, p. 12)</a>"


def test_year_suffixes_agree_between_citation_and_bibliography(apa: Formatter) -> None:
    assert apa.year_suffix("crinon2018beta") == "a"  # "Alpha: ..." sorts before "Zeta: ...".
    assert apa.year_suffix("crinon2018alpha") == "b"
    assert "(2018a). Alpha:" in apa.reference_html("crinon2018beta")
    assert "(2018b). Zeta:" in apa.reference_html("crinon2018alpha")
    assert apa.cite(citation("[@crinon2018beta]")) == "(Crinon & Ferone, 2018a)"
    both = "(Crinon & Ferone, 2018a; Crinon & Ferone, 2018b)"
    assert apa.cite(citation("[@crinon2018alpha; @crinon2018beta]")) == both
    assert apa.bibliography_keys().index("crinon2018beta") < apa.bibliography_keys().index("crinon2018alpha")
    assert apa.year_suffix("wenger1998communities") == ""


def test_html_is_inert(apa: Formatter, library: dict[str, Reference]) -> None:
    entry = apa.reference_html("evil2020script")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in entry
    assert "<script" not in entry and "<img" not in entry and "javascript" not in entry
    for key in library:
        markup = apa.reference_html(key)
        assert tags(markup) <= ALLOWED_TAGS, key
        for href in re.findall(r'href="([^"]*)"', markup):
            assert href.startswith(("https://", "http://")), href


def test_citation_html_is_inert() -> None:
    text = "@book{anon, title = {<script>alert(1)</script> \\& co}, year = {2020}, langid = {english}}"
    references, _ = parse_bibtex(text, "x.bib")
    formatter = Formatter({r.key: r for r in references}, style("apa"), "en-US")
    markup = formatter.cite_html(citation("[@anon]"))
    assert markup == "(<i>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</i>, 2020)"  # APA title-cases in-text titles.
    assert formatter.cite(citation("[@anon]")) == "(<script>alert(1)</script> & Co, 2020)"  # Plain text, for text.


def test_only_an_entry_declared_english_is_title_cased() -> None:
    text = (
        "@article{fr, author = {Roy, Ana}, title = {Un titre}, journal = {Revue des sciences de l'{\\'e}ducation},"
        " year = {2005}}\n"
        "@article{en, author = {Roy, Ben}, title = {A title}, journal = {Journal of teacher practice},"
        " year = {2006}, langid = {english}}\n"
    )
    references, _ = parse_bibtex(text, "x.bib")
    for locale in ("en-US", "fr-FR"):
        formatter = Formatter({r.key: r for r in references}, style("apa"), locale)
        assert "<i>Revue des sciences de l’éducation</i>" in formatter.reference_html(
            "fr"
        )  # As written (apostrophe typeset).
        assert "<i>Journal of Teacher Practice</i>" in formatter.reference_html("en")  # APA's title case.
    assert "language" not in to_csl_json(references[0])  # Nothing is added to the exported data.


@pytest.mark.parametrize(
    ("name", "entry", "in_text"),
    [
        (
            "chicago-author-date",
            "Wenger, Étienne. 1998. <i>Communities of Practice: Learning, Meaning, and Identity</i>. Cambridge",
            "(Wenger 1998, 47)",
        ),
        (
            "modern-language-association",
            "Wenger, Étienne. <i>Communities of Practice: Learning, Meaning, and Identity</i>. Cambridge",
            "(Wenger 47)",
        ),
    ],
)
def test_the_style_changes_the_output(
    apa: Formatter, library: dict[str, Reference], name: str, entry: str, in_text: str
) -> None:
    formatter = Formatter(library, style(name), "en-US")
    assert formatter.reference_html("wenger1998communities").startswith(entry)
    assert formatter.reference_html("wenger1998communities") != apa.reference_html("wenger1998communities")
    assert formatter.cite(citation("[@wenger1998communities, p. 47]")) == in_text


def test_mla_has_no_year_suffix_and_keeps_page_ranges(library: dict[str, Reference]) -> None:
    mla = Formatter(library, style("modern-language-association"), "en-US")
    assert mla.year_suffix("crinon2018alpha") == ""
    assert "pp. 7–42" in mla.reference_html("clot2000genres")  # citeproc-py alone prints "7–2".


def test_french_locale(library: dict[str, Reference]) -> None:
    french = Formatter(library, style("apa"), "fr")
    assert french.locale == "fr-FR"
    assert french.cite(citation("[@twictee2021site]")) == "(Association Twictée, s.\u00a0d.)"  # No-break space.
    entry = french.reference_html("twictee2021site")
    assert entry.startswith("Association Twictée. (s.\u00a0d.). <i>Twictée</i>. Consulté")


def test_output_is_deterministic(apa: Formatter, library: dict[str, Reference]) -> None:
    again = Formatter(dict(reversed(list(library.items()))), style("apa"), "en-US")
    assert again.bibliography_keys() == apa.bibliography_keys()
    assert [again.reference_html(k) for k in again.bibliography_keys()] == [
        apa.reference_html(k) for k in apa.bibliography_keys()
    ]


def test_an_entry_citeproc_fails_on_gets_a_plain_fallback(
    library: dict[str, Reference], monkeypatch: pytest.MonkeyPatch
) -> None:
    from citeproc import model

    def fail(self: object, items: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(model.Layout, "render_bibliography", fail)
    formatter = Formatter(library, style("apa"), "en-US")
    assert formatter.failures["wenger1998communities"] == "RuntimeError: boom"
    assert formatter.reference_html("wenger1998communities") == (
        'Wenger, Étienne. (1998). Communities of practice: Learning, meaning, and identity. <a href="https://doi.org/'
        '10.1017/CBO9780511803932">https://doi.org/10.1017/CBO9780511803932</a>'
    )
    assert formatter.reference_html("notitle2001") == "(2001)"


def test_unknown_styles_are_values() -> None:
    assert isinstance(load_style("no-such-style"), StyleProblem)
    assert isinstance(load_style("../../etc/passwd"), StyleProblem)
    assert isinstance(load_style("bad name!"), StyleProblem)


def test_dependent_style_resolves_to_its_parent() -> None:
    found = load_style("bulletin-archeologique-des-ecoles-francaises-a-l-etranger")
    assert isinstance(found, CslStyle)
    assert found.path.name == "bulletin-de-correspondance-hellenique.csl"
    assert found.default_locale.startswith("fr")


def test_style_file_in_the_project(tmp_path: Path, library: dict[str, Reference]) -> None:
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "mine.csl").write_bytes(style("apa").xml)
    (tmp_path / "styles" / "broken.csl").write_text("<style", encoding="utf-8")
    (tmp_path / "styles" / "other.csl").write_text("<html/>", encoding="utf-8")
    config = ProjectConfig(root=tmp_path, csl_style="styles/mine.csl")
    formatter, diagnostics = make_formatter(library, config, "en")
    assert diagnostics == [] and formatter is not None
    assert formatter.cite(citation("[@wenger1998communities]")) == "(Wenger, 1998)"
    for name, message in [
        ("styles/missing.csl", "CSL style file 'styles/missing.csl' not found"),
        ("styles/broken.csl", "CSL style 'styles/broken.csl' is not well-formed XML"),
        ("styles/other.csl", "'styles/other.csl' is not a CSL style"),
        ("apa7", "unknown CSL style 'apa7'"),
    ]:
        formatter, diagnostics = make_formatter(library, ProjectConfig(root=tmp_path, csl_style=name))
        assert formatter is None
        assert [(d.code, d.path) for d in diagnostics] == [("unknown-style", "mkdocs.yml")]
        assert diagnostics[0].message.startswith(message), diagnostics[0].message


def test_unknown_locale(library: dict[str, Reference], tmp_path: Path) -> None:
    formatter, diagnostics = make_formatter(library, ProjectConfig(root=tmp_path), "xx")
    assert formatter is None and diagnostics[0].message == "no CSL locale for language 'xx'"
    with pytest.raises(ValueError, match="no CSL locale"):
        Formatter(library, style("apa"), "xx")


def test_make_formatter_caches_under_the_project(tmp_path: Path, library: dict[str, Reference]) -> None:
    formatter, diagnostics = make_formatter(library, ProjectConfig(root=tmp_path))
    assert diagnostics == [] and formatter is not None
    assert (formatter.style.name, formatter.locale) == ("apa", "en-US")
    assert formatter.save_cache()
    assert [kind for kind, *_ in rows(tmp_path / ".cache" / "build_kb")] == ["citations"]


def test_style_diagnostics_of_a_good_project(tmp_path: Path) -> None:
    assert style_diagnostics(ProjectConfig(root=tmp_path)) == []
    (problem,) = style_diagnostics(ProjectConfig(root=tmp_path, csl_style="apa7"))
    assert (problem.code, problem.path, problem.hint.startswith("use a style name")) == (
        "unknown-style",
        "mkdocs.yml",
        True,
    )


def test_an_empty_library(tmp_path: Path) -> None:
    formatter = Formatter({}, style("apa"), "en-US")
    assert formatter.bibliography_keys() == [] and formatter.stats.rendered == 0
    assert formatter.cite(citation("[@nokey]")) == "(nokey?)"


def test_a_publication_state_biblatex_names_is_in_the_page_language() -> None:
    text = (
        "@misc{soon, author = {Roy, Ana}, title = {Un outil}, pubstate = {forthcoming}}\n"
        "@misc{press, author = {Roy, Ben}, title = {Un autre}, pubstate = {in press}}\n"
        "@misc{sent, author = {Roy, Cy}, title = {Un dernier}, pubstate = {submitted}}\n"
    )
    references, _ = parse_bibtex(text, "x.bib")
    library = {r.key: r for r in references}
    french = Formatter(library, style("apa"), "fr-FR")
    english = Formatter(library, style("apa"), "en-US")
    assert "(à paraître)" in french.reference_html("soon") and "(forthcoming)" in english.reference_html("soon")
    assert "(sous presse)" in french.reference_html("press") and "(in press)" in english.reference_html("press")
    assert "(submitted)" in french.reference_html("sent")  # No CSL term: as written.
    assert french.cite(citation("[@soon]")) == "(A. Roy, à paraître)"  # three Roys: initials (APA 8.20)
