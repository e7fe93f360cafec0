"""Untrusted card and BibTeX text comes out inert: no script, handler, unsafe link or remote image."""

from __future__ import annotations

import re

import pytest

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


_SRC_RE = re.compile(r"""\ssrc\s*=\s*["']?(?P<url>[^"'\s>]*)""", re.IGNORECASE)


@pytest.mark.parametrize("path", ["concepts/host-leaks", "research", "design", "concepts/unsafe-card"])
def test_nothing_loads_from_another_host(unsafe_site: Built, path: str) -> None:
    """Issue 15: images inside autolinks, reference images, direct images: no page asks another host."""
    html = unsafe_site.page(path)
    assert "evil.example" in html or path == "concepts/unsafe-card"  # the hostile text is there...
    for match in _SRC_RE.finditer(html):  # ...and every src on the whole page (theme included) is the site's
        url = match.group("url")
        assert link_scheme(url) is None and not url.startswith("//"), url
    assert all(element.tag != "img" for element in article(html).elements)


@pytest.mark.parametrize("path", ["concepts/host-leaks", "design"])
def test_a_link_holding_an_at_sign_stays_whole(unsafe_site: Built, path: str) -> None:
    page = article(unsafe_site.both(path))
    assert "https://mastodon.social/@crinon2021reseaux" in page.hrefs("en")
    assert "Mastodon" in page.link_texts("en")


def test_unsafe_definitions_in_containers_lose_their_link(unsafe_site: Built) -> None:
    page = article(unsafe_site.both("concepts/host-leaks"))
    assert "go" in page.by_lang["en"] and "quoted" in page.by_lang["en"] and "tab" in page.by_lang["en"]
    assert not [href for href in page.hrefs() if "script" in href]


def test_labels_in_the_graph_pictures_are_text(unsafe_site: Built) -> None:
    assert '&lt;script&gt;alert("label")&lt;/script&gt; Fiche piégée</text>' in unsafe_site.page("graph")
    for path in ("graph", "concepts/unsafe-card"):  # a local graph cuts long labels, not the accessible name
        html = unsafe_site.page(path)
        assert 'aria-label="&lt;script&gt;alert(&quot;label&quot;)&lt;/script&gt; Fiche piégée' in html, path
