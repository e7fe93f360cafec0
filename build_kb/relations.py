"""Relation types between cards: their names, labels and RDF meaning in one place.

The card schema lists the same names (a test holds them together). ``narrower`` is
never written: it is derived from ``broader``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RelationType:
    """A kind of link between two cards.

    Attributes:
        name: The key in a card's ``relations``.
        label: How a page names the link from the card that writes it, per language.
        inverse_label: How the target's page names it, per language.
        symmetric: Whether the link reads the same both ways.
    """

    name: str
    label: dict[str, str]
    inverse_label: dict[str, str]
    symmetric: bool = False


RELATION_TYPES: dict[str, RelationType] = {
    r.name: r
    for r in (
        RelationType(
            "broader",
            {"fr": "Notion plus générale", "en": "Broader"},
            {"fr": "Notions plus spécifiques", "en": "Narrower"},
        ),
        RelationType(
            "related", {"fr": "Notions associées", "en": "Related"}, {"fr": "Notions associées", "en": "Related"}, True
        ),
        RelationType(
            "contrasts_with",
            {"fr": "S'oppose à", "en": "Contrasts with"},
            {"fr": "S'oppose à", "en": "Contrasts with"},
            True,
        ),
        RelationType(
            "builds_on", {"fr": "S'appuie sur", "en": "Builds on"}, {"fr": "Prolongé par", "en": "Built upon by"}
        ),
        RelationType("part_of", {"fr": "Fait partie de", "en": "Part of"}, {"fr": "Comprend", "en": "Has part"}),
        RelationType("example_of", {"fr": "Exemple de", "en": "Example of"}, {"fr": "Exemples", "en": "Examples"}),
        RelationType("uses", {"fr": "Mobilise", "en": "Uses"}, {"fr": "Mobilisé par", "en": "Used by"}),
        RelationType("leads_to", {"fr": "Produit", "en": "Leads to"}, {"fr": "Produit par", "en": "Resulting from"}),
    )
}
