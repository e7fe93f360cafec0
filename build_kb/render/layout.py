"""Building blocks shared by the page renderers: language blocks and pagination.

Every generated page holds all site languages, one ``<div lang="..">`` each; CSS shows
the reader's choice and, without JavaScript, both show, each under its language name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from build_kb.render import urls
from build_kb.render.i18n import language_name, word
from build_kb.render.markdown import escape_attr, heading1

T = TypeVar("T")

_WINDOW = 2
"""Pages shown each side of the current one in a pager: its size stays constant."""


def lang_block(lang: str, body: str, languages: Sequence[str]) -> str:
    """One language's part of a page, labelled when the page has several."""
    label = f'<p class="kb-lang-label">{escape_attr(language_name(lang))}</p>\n\n' if len(languages) > 1 else ""
    return f'<div class="kb-lang" lang="{escape_attr(lang)}" markdown>\n\n{label}{body.strip()}\n\n</div>\n'


def lang_blocks(
    languages: Sequence[str], render: Callable[[str], str], title: Callable[[str], str] | None = None
) -> str:
    """The same part of a page rendered once per language, after the page's titles if any.

    Args:
        languages: The site languages.
        render: Language -> that language's Markdown.
        title: Language -> the page title in it, shown as that language's ``<h1>``.
    """
    titles = "\n".join(heading1(title(lang), f"{lang}-title", lang) for lang in languages) + "\n\n" if title else ""
    return titles + "\n".join(lang_block(lang, render(lang), languages) for lang in languages)


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


def pager(slot: PageSlot, lang: str) -> str:
    """Links to the previous, next, first, last and nearby pages: a constant-size line."""
    if slot.count <= 1:
        return ""

    def to(number: int) -> str:
        return urls.link(slot.uri, urls.paged_uri(slot.first, number))

    parts: list[str] = []
    if slot.number > 1:
        parts.append(f"[← {word('previous', lang)}]({to(slot.number - 1)})")
    numbers = sorted({1, slot.count, *range(max(1, slot.number - _WINDOW), min(slot.count, slot.number + _WINDOW) + 1)})
    previous = 0
    for number in numbers:
        if number - previous > 1:
            parts.append("…")
        parts.append(f"**{number}**" if number == slot.number else f"[{number}]({to(number)})")
        previous = number
    if slot.number < slot.count:
        parts.append(f"[{word('next', lang)} →]({to(slot.number + 1)})")
    return " · ".join(parts) + "\n{: .kb-pager }\n"
