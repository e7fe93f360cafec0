"""Pandoc citations as the CSL style writes them, each cited work linked to its reference page.

``[@wenger1998, p. 47]`` -> "(Wenger, 1998, p. 47)", narrative ``@wenger1998`` -> "Wenger
(1998)", in the project's ``csl_style`` and the language of the block the citation
stands in (:meth:`~build_kb.render.library.Library.formatter`). Each work is an
``<a class="kb-cite">`` to its reference page whose ``title`` is the full reference as
plain text, so hovering a citation shows what it cites. The parser is the checker's
(:func:`build_kb.markdown_scan.find_citations`), so both see the same citations; an unknown
key reads ``key?`` (the checker reports it).

The citation is HTML the formatter made safe (every BibTeX text escaped), with links of
our own making. In card text it goes in after Markdown, where the reading put a mark
(:func:`~build_kb.render.text.card_html`), and is cleaned by nh3 like the text around it.
The links are raw HTML, which MkDocs does not rewrite, so they are written final
(:func:`~build_kb.render.urls.html_link`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from build_kb.bibliography import CitePart
from build_kb.citations import Citation, CitationItem
from build_kb.markdown_scan import find_citations
from build_kb.render import tags
from build_kb.render.context import SiteContext
from build_kb.render.i18n import word
from build_kb.render.markdown import escape_attr, markdown_attr, markdown_proof
from build_kb.render.sanitize import clean_html
from build_kb.render.text import card_html

_DIV_RE = re.compile(r"<div\b(?P<attrs>[^<>]*)>|</div\s*>", re.IGNORECASE)
_LANG_ATTR_RE = re.compile(r"""\blang\s*=\s*["']?(?P<lang>[A-Za-z0-9-]+)""")


def _linker(site: SiteContext, lang: str, from_uri: str, proof: bool) -> Callable[[CitePart], str]:
    """Each known work of a citation as a link to its reference page, its full reference on hover."""
    formatter = site.library.formatter(lang)
    quote = markdown_attr if proof else escape_attr

    def link(part: CitePart) -> str:
        title = quote(formatter.reference_text(part.key))
        target = site.reference_uris.get(part.key)
        if target is None:
            return f'<span class="kb-cite" title="{title}">{part.html}</span>'
        href = quote(site.href(from_uri, target))
        return f'<a class="kb-cite" href="{href}" title="{title}">{part.html}</a>'

    return link


def cite_html(site: SiteContext, citation: Citation, lang: str, from_uri: str, proof: bool = True) -> str:
    """One citation as HTML: each known work linked, with its reference on hover.

    Args:
        site: The site (its library gives the formatter of ``lang``).
        citation: The parsed citation.
        lang: The language of the text it stands in (the style's terms: "p.", "s. d.").
        from_uri: The page it goes on, for relative links.
        proof: Make it HTML that Markdown leaves alone (:func:`markdown_proof`), for a
            hand-written page; generated pages are HTML already.
    """
    markup = site.library.formatter(lang).cite_parts(citation).to_html(_linker(site, lang, from_uri, proof))
    return markdown_proof(markup) if proof else markup


def second_hand_html(site: SiteContext, sources: Citation, via: Citation, lang: str, from_uri: str) -> str:
    """Works known through another, the APA way (7th ed., 8.6): "(Macià & García, 2016, as cited in Crinon, 2021)".

    Two citations composed: the sources' and the reporter's, each formatted and sorted by
    the style, the reporter's without its own brackets, after the style's "as cited in"
    ("cité par" in French) inside the sources' brackets. A narrative or numeric style gets
    the same composition ("[1, as cited in 2]").
    """
    formatter = site.library.formatter(lang)
    link = _linker(site, lang, from_uri, proof=False)
    first, second = formatter.cite_parts(sources), formatter.cite_parts(via)
    inner = replace(first, open="", close="").to_html(link)
    reporter = replace(second, open="", close="").to_html(link)
    cited_in = html.escape(word("as_cited_in", lang), quote=False)
    opening, closing = html.escape(first.open, quote=False), html.escape(first.close, quote=False)
    return f"{opening}{inner}, {cited_in} {reporter}{closing}"


def card_text_html(site: SiteContext, text: str, lang: str, from_uri: str) -> str:
    """A card's Markdown as HTML (:func:`~build_kb.render.text.card_html`), its citations linked."""
    return card_html(text, lambda citation: cite_html(site, citation, lang, from_uri, proof=False))


def _items(source: str) -> list[CitationItem]:
    citations, problems = find_citations(f"[{source}]")
    return [] if problems else [item for citation in citations for item in citation.items]


def sources_html(site: SiteContext, sources: Sequence[str], lang: str, from_uri: str, via: str = "") -> str:
    """A claim's sources (``"@key, p. 12"`` each) as one citation (HTML, cleaned like card text); any other as text.

    With ``via`` (the work they are known through), the citation is second-hand:
    :func:`second_hand_html`.
    """
    items: list[CitationItem] = []
    loose: list[str] = []
    for source in sources:
        parsed = _items(source)
        if parsed:
            items.extend(parsed)
        else:
            loose.append(tags.text(source))
    through = _items(via) if via else []
    if items and through:
        cited = clean_html(
            second_hand_html(
                site, Citation(tuple(items), False, 0, 0), Citation(tuple(through), False, 0, 0), lang, from_uri
            )
        )
    else:
        cited = (
            clean_html(cite_html(site, Citation(tuple(items), False, 0, 0), lang, from_uri, proof=False))
            if items
            else ""
        )
    return "; ".join([cited, *loose]) if cited else "; ".join(loose)


def block_language(text: str, default: str) -> Callable[[int], str]:
    """Offset -> the language of the innermost ``<div lang="..">`` around it in a hand-written page.

    Pages hold one ``<div class="kb-lang" lang="fr" markdown>`` block per language, like
    generated ones; a citation outside any such block takes ``default``.
    """
    spans: list[tuple[int, int, str]] = []
    stack: list[tuple[int, str | None]] = []
    for match in _DIV_RE.finditer(text):
        if match.group(0).startswith("</"):
            if stack:
                start, lang = stack.pop()
                if lang:
                    spans.append((start, match.start(), lang))
            continue
        found = _LANG_ATTR_RE.search(match.group("attrs") or "")
        stack.append((match.end(), found.group("lang").lower() if found else None))
    spans.extend((start, len(text), lang) for start, lang in stack if lang)

    def language(offset: int) -> str:
        best = default
        best_start = -1
        for start, end, lang in spans:
            if start <= offset < end and start > best_start:
                best, best_start = lang, start
        return best

    return language
