"""Building blocks shared by the page renderers: a page's language part and pagination.

Each language has its own page tree, so a page is rendered for one language (the
renderers get ``site.languages``, the tree's one language). Given several, the parts follow
each other, one ``<div lang="..">`` each, labelled with the language's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from build_kb.render import tags, urls
from build_kb.render.i18n import language_name, word

T = TypeVar("T")

_WINDOW = 2
"""Pages shown each side of the current one in a pager: its size stays constant."""


def lang_block(lang: str, body: str, languages: Sequence[str]) -> str:
    """One language's part of a page (HTML): as it is on a page of one language, else labelled."""
    if len(languages) == 1:
        return body.strip() + "\n"
    label = f'<p class="kb-lang-label">{tags.text(language_name(lang))}</p>\n'
    return f'<div class="kb-lang" lang="{tags.attr(lang)}">\n{label}{body.strip()}\n</div>\n'


def title_heading(text: str, anchor: str, lang: str = "") -> str:
    """A page's title as ``<h1>`` (one per language when ``lang`` is given); kept out of the table of contents."""
    extra = f' class="kb-lang" lang="{tags.attr(lang)}"' if lang else ""
    return f'<h1 id="{tags.attr(anchor)}"{extra}>{tags.text(text)}</h1>'


def lang_blocks(
    languages: Sequence[str], render: Callable[[str], str], title: Callable[[str], str] | None = None
) -> str:
    """The same part of a page rendered once per language, after the page's titles if any.

    Args:
        languages: The site languages.
        render: Language -> that language's HTML.
        title: Language -> the page title in it (plain text), shown as that language's ``<h1>``.
    """
    several = len(languages) > 1
    titles = ""
    if title is not None:
        titles = "".join(
            title_heading(title(lang), f"{lang}-title", lang if several else "") + "\n" for lang in languages
        )
    return titles + "".join(lang_block(lang, render(lang), languages) for lang in languages)


@dataclass(frozen=True, slots=True)
class PageSlot:
    """Page ``number`` of ``count`` of a list whose first page is ``first``."""

    first: str
    number: int
    count: int

    @property
    def uri(self) -> str:
        return urls.paged_uri(self.first, self.number)


def page_count(total: int, per_page: int) -> int:
    """How many pages a list of ``total`` items takes (at least one, even when empty)."""
    return max(1, -(-total // per_page))


def page_items(items: Sequence[T], number: int, per_page: int) -> Sequence[T]:
    """The items of page ``number`` (1-based)."""
    return items[(number - 1) * per_page : number * per_page]


def pager(slot: PageSlot, lang: str, site_href: Callable[[str, str], str]) -> str:
    """Links to the previous, next, first, last and nearby pages: a constant-size line ("" for one page)."""
    if slot.count <= 1:
        return ""

    def to(number: int, body: str) -> str:
        return tags.a(site_href(slot.uri, urls.paged_uri(slot.first, number)), body)

    parts: list[str] = []
    if slot.number > 1:
        parts.append(to(slot.number - 1, f"← {tags.text(word('previous', lang))}"))
    numbers = sorted({1, slot.count, *range(max(1, slot.number - _WINDOW), min(slot.count, slot.number + _WINDOW) + 1)})
    previous = 0
    for number in numbers:
        if number - previous > 1:
            parts.append("…")
        parts.append(tags.strong(str(number)) if number == slot.number else to(number, str(number)))
        previous = number
    if slot.number < slot.count:
        parts.append(to(slot.number + 1, f"{tags.text(word('next', lang))} →"))
    return tags.p(" · ".join(parts), "kb-pager")


def list_title(languages: Sequence[str], key: str) -> str:
    """A list page's title: its name in every site language."""
    return " · ".join(dict.fromkeys(word(key, lang) for lang in languages))


def count_line(lang: str, key: str, total: int, slot: PageSlot) -> str:
    """``N cards, page k of n`` (just ``N cards`` on a list of one page)."""
    text = word(key, lang, n=total)
    return tags.p(
        tags.text(f"{text}, {word('page_of', lang, k=slot.number, n=slot.count)}" if slot.count > 1 else text)
    )
