"""Untrusted card and BibTeX text comes out inert: no script, handler, unsafe link or remote image."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_kb.render.html_guard import guard_html
from build_kb.render.markdown import defuse_markdown, escape_text
from build_kb.safety import SAFE_SCHEMES, link_scheme
from tests.site.helpers import FIXTURES, Built, article, build_site, snapshot

ALLOWED_TAGS = {
    "a", "article", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "hr", "li", "ol", "p", "pre",
    "span", "strong", "ul", "nav", "svg", "path", "label", "button", "input",
    "i", "b", "u", "sup", "sub",  # a formatted reference's own tags (build_kb.bibliography.markup)
    "figure", "figcaption", "g", "circle", "text", "defs", "marker",  # the graph pictures
    "table", "thead", "tbody", "tr", "th", "td",  # the graph's table of links
}  # fmt: skip


@pytest.fixture(scope="module")
def unsafe_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The unsafe fixture, built without --strict: the checker's errors must not be the only defence."""
    project = FIXTURES / "unsafe"
    before = snapshot(project)
    built = build_site(project, tmp_path_factory.mktemp("unsafe") / "site", strict=False)
    assert snapshot(project) == before
    return built


def _assert_inert(html: str) -> None:
    page = article(html)
    for element in page.elements:
        assert element.tag in ALLOWED_TAGS, element
        for name, value in element.attrs.items():
            assert not name.startswith("on"), element
            if name in ("href", "src", "xlink:href"):
                assert link_scheme(value) in (*SAFE_SCHEMES, None), element
        assert element.tag != "img", element


@pytest.mark.parametrize(
    "path", ["concepts/unsafe-card", "themes/networks", "concepts", "references", "references/evil2020", "graph"]
)
def test_generated_pages_are_inert(unsafe_site: Built, path: str) -> None:
    _assert_inert(unsafe_site.page(path))


def test_unsafe_text_is_shown_not_run(unsafe_site: Built) -> None:
    html = unsafe_site.both("concepts/unsafe-card")
    page = article(html)
    assert '<script>alert("label")</script> Trapped card' in page.text
    assert 'See <script>alert("definition")</script> and' in page.by_lang["en"]
    assert "pixel" in page.link_texts("en")  # the image became a link...
    assert "https://tracker.example.com/pixel.png" in page.hrefs("en")  # ...nothing loads from that host
    assert '<title>&lt;script&gt;alert("label")&lt;/script&gt; Fiche piégée' in html
    assert "Evil link" not in page.text  # a javascript: external link is dropped
    assert "alert('attr')" in page.text and "onclick" in page.text  # an attribute list is text, not attributes


def test_bibtex_text_is_escaped(unsafe_site: Built) -> None:
    page = article(unsafe_site.page("references/evil2020"))
    assert '<img src=x onerror=alert("bibtitle")>' in page.text
    assert not any("javascript" in href for href in page.hrefs())


def test_escape_text_makes_markdown_and_html_inert() -> None:
    assert escape_text("a *b* <i>c</i> [d](e) {: x} & f|g") == (
        "a \\*b\\* &lt;i&gt;c&lt;/i&gt; \\[d\\]\\(e\\) &#123;: x&#125; &amp; f&#124;g"
    )
    assert escape_text("1998. Start") == "1998\\. Start"
    assert escape_text("# not a heading") == "\\# not a heading"
    assert escape_text("line\nbreak\ttab") == "line break tab"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>x</script>", "&lt;script>x&lt;/script>"),
        ("<https://example.org> ok", "<https://example.org> ok"),
        ("<javascript:alert(1)>", "&lt;#>"),
        ("[a](javascript:alert(1))", "[a](#)"),
        ("[a]( JavaScript:alert(1))", "[a]( #)"),
        ("[a](jav&#x61;script:x)", "[a](#)"),
        ("[a](https://ok.org/x_(y))", "[a](https://ok.org/x_(y))"),
        ("[a](../relative/)", "[a](../relative/)"),
        ("[r]: javascript:x", "[r]: #"),
        ("![i](https://e.org/p.png)", "\\![i](https://e.org/p.png)"),
        ("wow\\![i](https://e.org/p.png)", "wow\\![i](https://e.org/p.png)"),
        ("\\\\![i](https://e.org/p.png)", "\\\\\\![i](https://e.org/p.png)"),
        ("text {: onclick=x}", "text &#123;: onclick=x&#125;"),
        ("\\`<b>`", "\\`&lt;b>`"),
        ("```\n<div>", "```\n&lt;div>\n```"),
        ("~~~~\ncode\n~~~~\nafter", "~~~~\ncode\n~~~~\nafter"),
        ("a\x00b\rc", "abc"),
    ],
)
def test_defuse_markdown(text: str, expected: str) -> None:
    assert defuse_markdown(text) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p onclick="x()">a</p>', "<p>a</p>"),
        ('<a href="javascript:x()">a</a>', '<a href="#">a</a>'),
        ("<a href='vbscript:x'>a</a>", '<a href="#">a</a>'),
        ('<img src="data:image/svg+xml,x" onerror="y">', '<img src="#">'),
        ("<script>x()</script>", "&lt;script>x()&lt;/script>"),
        ("<IFRAME src=x></iframe>", "&lt;IFRAME src=x>&lt;/iframe>"),
        ('<a href="https://ok.org/" title="t">ok</a>', '<a href="https://ok.org/" title="t">ok</a>'),
        (
            '<a href="../x/">rel</a><span class="kb-lang">s</span>',
            '<a href="../x/">rel</a><span class="kb-lang">s</span>',
        ),
    ],
)
def test_guard_html(html: str, expected: str) -> None:
    assert guard_html(html) == expected


def test_guard_html_leaves_clean_pages_unchanged(tmp_path: Path) -> None:
    built = build_site(FIXTURES / "small", tmp_path / "site")
    html = built.page("concepts/community-of-practice")
    body = html[html.index("<article") : html.index("</article>")]
    assert guard_html(body) == body


def test_labels_in_the_graph_pictures_are_text(unsafe_site: Built) -> None:
    assert '&lt;script&gt;alert("label")&lt;/script&gt; Fiche piégée</text>' in unsafe_site.page("graph")
    for path in ("graph", "concepts/unsafe-card"):  # a local graph cuts long labels, not the accessible name
        html = unsafe_site.page(path)
        assert 'aria-label="&lt;script&gt;alert(&quot;label&quot;)&lt;/script&gt; Fiche piégée' in html, path
