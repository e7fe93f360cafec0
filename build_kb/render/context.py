"""What every page needs to know about the whole knowledge base, derived once.

Backlinks (incoming relations, narrower cards), theme membership and "cited by" are
cross-page facts: computed here in one pass over the cards, as Material's tags plugin
collects before it renders, so a page costs the same however large the base grows.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from build_kb.model import Card, KnowledgeBase, LangText
from build_kb.render import urls
from build_kb.render.library import Library
from build_kb.usage import CardCitation


@dataclass(frozen=True, slots=True)
class SiteOptions:
    """How pages are generated.

    Attributes:
        languages: The site's languages, the first the default.
        edit_base: URL a card's project-relative path is appended to for its edit
            link (e.g. ``https://github.com/o/r/edit/main/``), or empty for none.
        per_page: Items per page of a paginated list.
        paginate_above: A list of at most this many items is one page; a longer one is cut
            into pages of ``per_page`` (see :meth:`page_size`).
        list_cap: Most items a backlink list ("cited by", co-authors...) shows on one page.
        relation_cap: Most cards a card page lists under its relations, all types together
            (in the groups' order); the rest are counted, with a link to the whole graph, so
            a hub's page stays the size of any other.
        directory_urls: MkDocs' ``use_directory_urls``: raw HTML links (the graph
            pictures) are written final, since MkDocs rewrites only Markdown links.
        local_graph_neighbours: Most neighbours a card's local graph draws.
        local_graph_outer: Most neighbours of those it draws (hidden at first).
        language: The language of the page tree being made ("" : the first); the pages
            of the first language sit at the site's root, every other one's under
            ``<lang>/`` (see :attr:`SiteContext.prefix`).
        rubric: The hand-written page of the evidence rubric (``evidence.md``) when the
            project has one: every badge links to its level's or basis' anchor there.
    """

    languages: tuple[str, ...] = ("fr", "en")
    edit_base: str = ""
    per_page: int = 50
    paginate_above: int = 200
    list_cap: int = 50
    relation_cap: int = 24
    directory_urls: bool = True
    local_graph_neighbours: int = 24
    local_graph_outer: int = 24
    language: str = ""
    rubric: str = ""

    def page_size(self, total: int) -> int:
        """Items per page of a list of ``total`` items: all of them up to ``paginate_above``, else ``per_page``.

        A list a little longer than a page is not split into a full page and a nearly empty
        one, and no page holds more than ``max(paginate_above, per_page)`` items.
        """
        return self.per_page if total > self.paginate_above else max(total, 1)


def tree_prefix(lang: str, languages: tuple[str, ...]) -> str:
    """Where a language's page tree sits: "" for the first site language, ``<lang>/`` for the others."""
    return "" if not languages or lang == languages[0] else f"{lang}/"


def fold(text: str) -> str:
    """Text folded for sorting: accents removed, case ignored (locale-free, so stable)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def in_language(text: LangText, lang: str, languages: tuple[str, ...]) -> tuple[str, str]:
    """The text in ``lang``, else in the first site language that has it, else any.

    Returns:
        The text and the language it is in ("" when there is none).
    """
    if text.get(lang):
        return text[lang], lang
    for other in (*languages, *sorted(text)):
        if text.get(other):
            return text[other], other
    return "", ""


@dataclass(frozen=True)
class SiteContext:
    """The knowledge base with the indexes pages are made from.

    ``formatting`` is the build's :class:`~build_kb.render.library.Library` (the plugin's
    has the project's CSL style and disk cache); without it, pages use APA in memory.
    """

    kb: KnowledgeBase
    options: SiteOptions = field(default_factory=SiteOptions)
    formatting: Library | None = field(default=None, compare=False)

    @cached_property
    def library(self) -> Library:
        """Formatted references, authors and "cited by" (see :mod:`build_kb.render.library`)."""
        return self.formatting if self.formatting is not None else Library(self.kb, self.all_languages)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages a page shows: the one of the page tree being made."""
        return (self.language,)

    @property
    def all_languages(self) -> tuple[str, ...]:
        """Every site language, the first the default (fallback order, other languages' labels)."""
        return self.options.languages

    @property
    def language(self) -> str:
        """The language of the page tree being made."""
        return self.options.language or self.options.languages[0]

    @property
    def prefix(self) -> str:
        """Where this tree's pages sit in the site: "" for the first language, ``<lang>/`` for the others."""
        return tree_prefix(self.language, self.options.languages)

    @cached_property
    def card_uris(self) -> Mapping[str, str]:
        """Card id -> its page, for every card that can have one."""
        result = {}
        for card_id, card in sorted(self.kb.cards.items()):
            uri = urls.card_uri(card)
            if uri is not None:
                result[card_id] = uri
        return result

    @cached_property
    def reference_uris(self) -> Mapping[str, str]:
        """Reference key -> its page; when two keys share a slug, the first key owns it."""
        result: dict[str, str] = {}
        owners: dict[str, str] = {}
        for key in sorted(self.kb.references):
            uri = urls.reference_uri(key)
            if uri is not None and uri not in owners:
                owners[uri] = key
                result[key] = uri
        return result

    @cached_property
    def _url_cache(self) -> tuple[dict[str, str], dict[str, str]]:
        return {}, {}

    def href(self, from_uri: str, to_uri: str) -> str:
        """The relative URL from one generated page to another page or file, written final.

        The same URL as :func:`~build_kb.render.urls.html_link`, from two look-ups and a
        common-prefix cut: pages link to thousands of others per build. Both are paths in
        this language's tree (``concepts/x.md``); a page (``.md``) is in the tree too, any
        other file (a reference's ``.bib``, ``kb.ttl``) is one file for every tree, at the root.
        """
        folders, targets = self._url_cache
        folder = folders.get(from_uri)
        if folder is None:
            placed = self.prefix + from_uri
            folder = folders[from_uri] = urls.url_folder(urls.page_url(placed, self.options.directory_urls))
        target = targets.get(to_uri)
        if target is None:
            placed = self.prefix + to_uri if to_uri.endswith(".md") else to_uri
            target = targets[to_uri] = urls.page_url(placed, self.options.directory_urls)
        common = os.path.commonprefix((folder, target))  # noqa: RUF071 - cut back to a "/" below
        common = common[: common.rfind("/") + 1]
        return "../" * folder.count("/", len(common)) + target[len(common) :] or "./"

    def label(self, card: Card, lang: str) -> str:
        """The card's label in ``lang`` (or the best other language, or its id)."""
        return in_language(card.label, lang, self.all_languages)[0] or card.id

    def sort_key(self, card: Card, lang: str) -> tuple[str, str, str]:
        """A-Z order in one language: folded label, label, id."""
        label = self.label(card, lang)
        return (fold(label), label, card.id)

    @cached_property
    def theme_members(self) -> Mapping[str, tuple[str, ...]]:
        """Theme id -> ids of the cards that list it (theme cards with a page only)."""
        members: dict[str, list[str]] = {}
        for card in self.kb.cards.values():
            for theme in dict.fromkeys(card.themes):
                target = self.kb.cards.get(theme)
                if target is not None and target.kind == "theme" and card.id != theme:
                    members.setdefault(theme, []).append(card.id)
        return {key: tuple(sorted(value)) for key, value in sorted(members.items())}

    @cached_property
    def incoming(self) -> Mapping[str, Mapping[str, tuple[str, ...]]]:
        """Target id -> relation type -> ids of the cards that write that link to it."""
        result: dict[str, dict[str, list[str]]] = {}
        for card in self.kb.cards.values():
            for rel_type, _, target in card.relation_targets():
                if target in self.kb.cards and target != card.id:
                    result.setdefault(target, {}).setdefault(rel_type, []).append(card.id)
        return {
            target: {rel: tuple(sorted(set(ids))) for rel, ids in sorted(types.items())}
            for target, types in sorted(result.items())
        }

    def citations(self, card_id: str) -> list[CardCitation]:
        """The citations of one card (parsed once per build by the knowledge base)."""
        return self.kb.citations_of(card_id)[0]
