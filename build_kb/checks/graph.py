"""Graph rules: relations and themes must name existing cards, without loops.

Codes: ``unknown-concept``, ``not-a-theme``, ``self-relation``, ``broader-cycle``,
``redundant-relation``, ``related-also-typed``. (``duplicate-id`` is found while the cards are indexed.)

Failing example, in ``concepts/situated-learning.yaml``::

    relations:
      broader: [comunity-of-practice]   # unknown-concept: did you mean 'community-of-practice'?
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from build_kb.codes import report
from build_kb.diagnostics import Diagnostic
from build_kb.load.schema import suggest
from build_kb.model import Card, KnowledgeBase


def _unknown(card: Card, path: tuple[str | int, ...], target: str, kb: KnowledgeBase, what: str) -> Diagnostic:
    hint = suggest(target, kb.cards)
    return report(
        "unknown-concept",
        card.path,
        card.doc.value_position(path),
        f"{what} '{target}' is not a card of this knowledge base",
        hint or f"create concepts/{target}.yaml, or fix the id",
    )


def _check_themes(card: Card, kb: KnowledgeBase) -> Iterator[Diagnostic]:
    for index, theme in enumerate(card.themes):
        path = ("themes", index)
        target = kb.cards.get(theme)
        if target is None:
            themes = [c.id for c in kb.themes()]
            hint = suggest(theme, themes) or ("themes are: " + ", ".join(themes) if themes else "")
            yield report(
                "unknown-concept",
                card.path,
                card.doc.value_position(path),
                f"theme '{theme}' is not a card of this knowledge base",
                hint,
            )
        elif target.kind != "theme":
            yield report(
                "not-a-theme",
                card.path,
                card.doc.value_position(path),
                f"'{theme}' is listed as a theme but is a {target.kind or 'card'} card",
                "list it under relations instead, or make it a card of kind: theme",
            )


def _check_relations(card: Card, kb: KnowledgeBase) -> Iterator[Diagnostic]:
    seen: dict[str, str] = {}
    for rel_type, index, target in card.relation_targets():
        path = ("relations", rel_type, index)
        if target == card.id:
            yield report(
                "self-relation",
                card.path,
                card.doc.value_position(path),
                f"card '{card.id}' lists itself under {rel_type}",
                "remove it from the list",
            )
        elif target not in kb.cards:
            yield _unknown(card, path, target, kb, f"{rel_type} target")
        elif target in seen and seen[target] != rel_type:
            yield report(
                "redundant-relation",
                card.path,
                card.doc.value_position(path),
                f"'{target}' is already linked as {seen[target]}; a second type, {rel_type}, blurs both",
                "keep the one type that says most",
            )
        seen.setdefault(target, rel_type)


def strongly_connected(edges: Mapping[str, Iterable[str]]) -> list[set[str]]:
    """The strongly connected components of a directed graph (Tarjan's algorithm, iterative).

    Iterative so a long broader chain cannot exhaust Python's recursion limit; a few lines
    here spare every install a graph library for this one call.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []
    for root in edges:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(edges.get(target, ()))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    components.append(component)
    return components


def _broader_cycles(kb: KnowledgeBase) -> list[list[str]]:
    """Groups of cards that reach each other through broader links (a loop), sorted."""
    edges = {
        card.id: [t for t in card.relations.get("broader", ()) if t in kb.cards and t != card.id]
        for card in kb.cards.values()
    }
    return sorted(sorted(group) for group in strongly_connected(edges) if len(group) > 1)


def _broader_and_related_across_cards(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """SKOS keeps broader apart from related (and its sub-types), also across two cards.

    ``A broader B`` in one card and ``B related A`` in the other say two incompatible
    things; the same pair within one card is reported by :func:`_check_relations`.
    """
    broader_pairs = {
        frozenset((card.id, target)): card.path
        for card in kb.cards.values()
        for target in card.relations.get("broader", ())
        if target in kb.cards and target != card.id
    }
    for card in kb.cards.values():
        own_broader = set(card.relations.get("broader", ()))
        for rel_type, index, target in card.relation_targets():
            pair = frozenset((card.id, target))
            if rel_type == "broader" or target in own_broader or pair not in broader_pairs:
                continue
            yield report(
                "redundant-relation",
                card.path,
                card.doc.value_position(("relations", rel_type, index)),
                f"'{target}' is {rel_type} here but linked by broader in {broader_pairs[pair]}",
                "SKOS keeps broader and related apart: keep the broader link and drop this one",
            )


def _related_also_typed(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """``related`` to a card the other card links by a typed relation: its page would list it twice.

    ``A related B`` and ``B uses A``: A's page lists B under "Used by" and under "Related".
    A broader link and a second type within one card are :func:`_check_relations`' and
    :func:`_broader_and_related_across_cards`' (``redundant-relation``).
    """
    typed: dict[tuple[str, str], tuple[str, str]] = {}
    for card in kb.cards.values():
        for rel_type, _, target in card.relation_targets():
            if rel_type not in ("related", "broader") and target in kb.cards and target != card.id:
                typed.setdefault((target, card.id), (rel_type, card.path))
    for card in kb.cards.values():
        for index, target in enumerate(card.relations.get("related", ())):
            found = typed.get((card.id, target))
            if found is None or target in _own_targets(card):
                continue
            rel_type, path = found
            yield report(
                "related-also-typed",
                card.path,
                card.doc.value_position(("relations", "related", index)),
                f"'{target}' is related here and already linked to this card by {rel_type} in {path}; "
                "the page would list it twice",
                "remove it from related: the typed relation already says the two are related",
            )


def _own_targets(card: Card) -> set[str]:
    """The cards this card links by a type other than related (reported as ``redundant-relation``)."""
    return {target for rel_type, _, target in card.relation_targets() if rel_type != "related"}


def check(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Check every card's themes and relations, then the broader hierarchy."""
    for card in kb.cards.values():
        yield from _check_themes(card, kb)
        yield from _check_relations(card, kb)
    yield from _broader_and_related_across_cards(kb)
    yield from _related_also_typed(kb)
    for group in _broader_cycles(kb):
        members = set(group)
        for card_id in group:
            card = kb.cards[card_id]
            for index, target in enumerate(card.relations.get("broader", ())):
                if target in members:
                    yield report(
                        "broader-cycle",
                        card.path,
                        card.doc.value_position(("relations", "broader", index)),
                        "broader relations form a loop among: " + ", ".join(group),
                        "a card cannot be broader than itself: remove one broader link of the loop",
                    )
                    break
