"""Coverage warnings: what is not wrong, but leaves the knowledge base thinner.

Codes: ``uncited-reference``, ``no-citation``, ``missing-translation``, ``isolated-card``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from build_kb.codes import report
from build_kb.diagnostics import Diagnostic, Position
from build_kb.load.yamlmarks import YamlPath
from build_kb.model import Card, KnowledgeBase

_TRANSLATED = ("label", "summary", "definition")
"""The texts every card has; the vocabulary's sections (``implications``) follow them."""


def _lang_maps(card: Card, sections: tuple[str, ...]) -> Iterator[tuple[YamlPath, Any]]:
    data = card.doc.data if isinstance(card.doc.data, dict) else {}
    for name in (*_TRANSLATED, *sections):
        if name in data:
            yield (name,), data[name]
    claims = data.get("claims")
    if isinstance(claims, list):
        for index, claim in enumerate(claims):
            if isinstance(claim, dict):
                for part in ("statement", "note"):
                    if part in claim:
                        yield ("claims", index, part), claim[part]


def _missing_translations(card: Card, languages: tuple[str, ...], sections: tuple[str, ...]) -> Iterator[Diagnostic]:
    for path, value in _lang_maps(card, sections):
        if not isinstance(value, dict) or not value:
            continue  # The schema reports that.
        missing = [lang for lang in languages if not value.get(lang)]
        if missing:
            where = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in path).replace(".[", "[")
            yield report(
                "missing-translation",
                card.path,
                card.doc.value_position(path),
                f"{where} has no {', '.join(missing)} text",
                f"add {missing[0]}: ... beside the other languages",
            )


def check(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Warn about uncited references, cards citing nothing, and missing translations."""
    cited: set[str] = set()
    linked = {target for card in kb.cards.values() for _, _, target in card.relation_targets()}
    for card in kb.cards.values():
        if card.id not in linked and not any(card.relation_targets()):
            yield report(
                "isolated-card",
                card.path,
                card.doc.value_position(("id",)),
                f"card '{card.id}' has no relation to any other card",
                f"link it under relations ({', '.join([*list(kb.vocabulary.relation_types)[:2], '...'])}), "
                "so readers can reach it from the graph",
            )
        found, _ = kb.citations_of(card.id)
        cited.update(c.item.key for c in found)
        if not found:
            yield report(
                "no-citation",
                card.path,
                card.doc.value_position(("definition",)),
                f"card '{card.id}' cites no work",
                "support the definition or a claim with a citation such as [@key, p. 12]",
            )
        yield from _missing_translations(card, kb.languages, kb.vocabulary.section_names)
    for key, reference in kb.references.items():
        if key not in cited:
            yield report(
                "uncited-reference",
                reference.path,
                Position(reference.line),
                f"no card cites '{key}'",
                "cite it from a card, or remove it from the library",
            )
