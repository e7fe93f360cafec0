"""The data of the link previews: each card's kind, summary and strongest evidence, per page tree.

Hovering, focusing or long-pressing a link to a card shows a small popover (``kb.js``);
what it shows comes from JSON files of this site, fetched once, on the first preview, never
written into the pages: a card page links to about twenty cards and an A-Z list to every
card, so data inline in each page would weigh more than one file read once (docs/about.en.md,
"Link previews", gives the measures).

The cards are spread over files of at most :data:`PER_FILE` cards, each card in the file
:func:`file_number` gives its page URL (a hash ``kb.js`` computes the same way), so the first
preview reads one small file however large the base grows. The files are the same bytes for
the same input (keys sorted, no dates).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from build_kb.model import Card
from build_kb.render import urls
from build_kb.render.context import SiteContext, in_language
from build_kb.render.i18n import evidence_meaning, evidence_name, kind_name, word
from build_kb.render.markdown import colon

PREVIEWS_DIR = "assets/build_kb/previews"
"""The files of one tree: ``<PREVIEWS_DIR>/<lang>/<n>.json``, next to ``kb.js``."""
PER_FILE = 250
"""Most cards in one file: about 75 kB of JSON (25 kB compressed) for the first preview of a page."""


def _badges(site: SiteContext) -> tuple[str, ...]:
    """The vocabulary's evidence levels from the strongest, then ``theory``."""
    return (*site.kb.vocabulary.level_names, "theory")


def file_count(cards: int) -> int:
    """How many files hold the previews of ``cards`` cards (at least one)."""
    return max(1, -(-cards // PER_FILE))


def file_number(key: str, count: int) -> int:
    """The file holding a card's preview: a 32-bit string hash of its page URL (Java's), modulo ``count``.

    ``kb.js`` computes the same (``Math.imul(h, 31) + code``) over the URL's UTF-16 code
    units; URLs of cards are ASCII (card ids are), so both read the same numbers.
    """
    value = 0
    for char in key:
        value = (value * 31 + ord(char)) & 0xFFFFFFFF
    return value % count


def strongest_level(site: SiteContext, card: Card) -> str:
    """The best evidence level among the card's claims (its own and those it refers to), ``theory``
    when all are theoretical, "" without claims."""
    levels = [claim.level for written in card.claims if (claim := site.kb.resolve(written)) is not None]
    order = _badges(site)
    known = [level for level in levels if level in order]
    return min(known, key=order.index) if known else ""


def _entry(site: SiteContext, card: Card, lang: str) -> dict[str, str]:
    summary, _ = in_language(card.summary, lang, site.all_languages)
    kind = kind_name(card.kind, lang, site.kb.vocabulary)
    entry = {"label": site.label(card, lang), "kind": kind, "summary": " ".join(summary.split())}
    level = strongest_level(site, card)
    if level:
        entry["level"] = level
    return entry


def _levels(site: SiteContext, lang: str) -> dict[str, dict[str, str]]:
    """Each level's badge as the pages show it (:func:`~build_kb.render.card_page.evidence_badge`)."""
    vocabulary = site.kb.vocabulary
    found = {}
    for level in _badges(site):
        known = vocabulary.level(level)
        marks = known.marks if known is not None else ""
        name, title = evidence_name(level, lang, vocabulary), evidence_meaning(level, lang, vocabulary)
        found[level] = {"name": name, "marks": marks, "title": title}
    return found


def preview_files(site: SiteContext) -> Iterator[tuple[str, str]]:
    """``(site path, JSON)`` of every preview file of ``site``'s tree (its language)."""
    lang = site.language
    count = file_count(len(site.card_uris))
    shards: list[dict[str, dict[str, str]]] = [{} for _ in range(count)]
    for card_id, uri in site.card_uris.items():
        key = urls.page_url(uri, site.options.directory_urls)
        shards[file_number(key, count)][key] = _entry(site, site.kb.cards[card_id], lang)
    words = {"evidence": word("preview_evidence", lang) + colon(lang)}
    for number, cards in enumerate(shards):
        data = {"cards": cards, "levels": _levels(site, lang), "words": words}
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        yield f"{PREVIEWS_DIR}/{lang}/{number}.json", text + "\n"
