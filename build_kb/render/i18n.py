"""The words of generated pages, per language; English for a language not listed.

Card text is translated by contributors; these are the page's own words (headings,
badges, kinds). A project in another language adds its column here.
"""

from __future__ import annotations

from build_kb.model import EVIDENCE_LEVELS, KINDS
from build_kb.relations import RELATION_TYPES

FALLBACK = "en"

LANGUAGE_NAMES = {"fr": "Français", "en": "English", "de": "Deutsch", "es": "Español", "it": "Italiano"}

_WORDS: dict[str, dict[str, str]] = {
    "kind": {"fr": "Type", "en": "Kind"},
    "themes": {"fr": "Thèmes", "en": "Themes"},
    "aliases": {"fr": "Autres appellations", "en": "Also known as"},
    "definition": {"fr": "Définition", "en": "Definition"},
    "research": {"fr": "Ce que dit la recherche", "en": "What research says"},
    "implications": {"fr": "Pour concevoir une formation", "en": "For training design"},
    "relations": {"fr": "Liens avec d'autres fiches", "en": "Related cards"},
    "links": {"fr": "Pour aller plus loin", "en": "Further reading"},
    "references": {"fr": "Références", "en": "References"},
    "evidence": {"fr": "Niveau de preuve", "en": "Evidence"},
    "sources": {"fr": "Sources", "en": "Sources"},
    "note": {"fr": "Remarque", "en": "Note"},
    "edit": {"fr": "Modifier cette fiche", "en": "Edit this card"},
    "untranslated": {"fr": "non traduit", "en": "not translated"},
    "no_claims": {
        "fr": "Aucun résultat de recherche n'est encore résumé ici.",
        "en": "No research finding is summarised here yet.",
    },
    "az_title": {"fr": "Fiches de A à Z", "en": "Cards A–Z"},
    "cards_count": {"fr": "{n} fiches", "en": "{n} cards"},
    "page_of": {"fr": "page {k} sur {n}", "en": "page {k} of {n}"},
    "themes_title": {"fr": "Thèmes", "en": "Themes"},
    "theme_cards": {"fr": "Fiches de ce thème", "en": "Cards in this theme"},
    "no_cards": {"fr": "Aucune fiche pour l'instant.", "en": "No card yet."},
    "bibliography": {"fr": "Bibliographie", "en": "Bibliography"},
    "references_count": {"fr": "{n} références", "en": "{n} references"},
    "reference": {"fr": "Référence", "en": "Reference"},
    "cited_by": {"fr": "Cité par", "en": "Cited by"},
    "cited_by_none": {"fr": "Aucune fiche ne cite cette référence.", "en": "No card cites this work."},
    "more": {"fr": "… et {n} de plus", "en": "… and {n} more"},
    "previous": {"fr": "Page précédente", "en": "Previous page"},
    "next": {"fr": "Page suivante", "en": "Next page"},
    "pages": {"fr": "Pages", "en": "Pages"},
}

_KINDS: dict[str, dict[str, str]] = {
    "theme": {"fr": "Thème", "en": "Theme"},
    "concept": {"fr": "Concept", "en": "Concept"},
    "model": {"fr": "Modèle", "en": "Model"},
    "method": {"fr": "Méthode ou dispositif", "en": "Method"},
    "case": {"fr": "Cas", "en": "Case"},
    "finding": {"fr": "Résultat de recherche", "en": "Research finding"},
}

_KIND_GROUPS: dict[str, dict[str, str]] = {
    "theme": {"fr": "Thèmes", "en": "Themes"},
    "concept": {"fr": "Concepts", "en": "Concepts"},
    "model": {"fr": "Modèles", "en": "Models"},
    "method": {"fr": "Méthodes et dispositifs", "en": "Methods"},
    "case": {"fr": "Cas", "en": "Cases"},
    "finding": {"fr": "Résultats de recherche", "en": "Research findings"},
    "": {"fr": "Autres", "en": "Other"},
}

_EVIDENCE: dict[str, dict[str, str]] = {
    "strong": {"fr": "Preuves solides", "en": "Strong evidence"},
    "moderate": {"fr": "Preuves modérées", "en": "Moderate evidence"},
    "limited": {"fr": "Preuves limitées", "en": "Limited evidence"},
    "mixed": {"fr": "Résultats contrastés", "en": "Mixed evidence"},
    "none-found": {"fr": "Non démontré", "en": "No evidence found"},
    "": {"fr": "Niveau non précisé", "en": "Evidence not stated"},
}

_EVIDENCE_MEANING: dict[str, dict[str, str]] = {
    "strong": {
        "fr": "résultats concordants de plusieurs études solides",
        "en": "consistent results from several robust studies",
    },
    "moderate": {
        "fr": "quelques études, ou des travaux qualitatifs concordants",
        "en": "a few studies, or consistent qualitative work",
    },
    "limited": {
        "fr": "une seule étude, de petits échantillons ou des déclarations des participants",
        "en": "one study, small samples or self-reports",
    },
    "mixed": {"fr": "les études se contredisent", "en": "studies disagree"},
    "none-found": {"fr": "affirmé, mais non démontré", "en": "claimed but not shown"},
}

KIND_ORDER = KINDS
EVIDENCE_ORDER = EVIDENCE_LEVELS


def _pick(table: dict[str, str], lang: str) -> str:
    return table.get(lang) or table[FALLBACK]


def word(key: str, lang: str, **values: object) -> str:
    """A page word in ``lang``, with ``{n}``-style values filled in."""
    text = _pick(_WORDS[key], lang)
    return text.format(**values) if values else text


def language_name(lang: str) -> str:
    """The language's name in itself: ``Français``, ``English``."""
    return LANGUAGE_NAMES.get(lang, lang)


def kind_name(kind: str, lang: str) -> str:
    """A card kind, singular, e.g. ``Méthode ou dispositif``."""
    return _pick(_KINDS.get(kind, _KIND_GROUPS[""]), lang)


def kind_group(kind: str, lang: str) -> str:
    """A card kind as a list heading, plural."""
    return _pick(_KIND_GROUPS.get(kind, _KIND_GROUPS[""]), lang)


def evidence_name(level: str, lang: str) -> str:
    """An evidence level as the badge shows it."""
    return _pick(_EVIDENCE.get(level, _EVIDENCE[""]), lang)


def evidence_meaning(level: str, lang: str) -> str:
    """What an evidence level means, in one phrase."""
    return _pick(_EVIDENCE_MEANING[level], lang)


def relation_name(rel_type: str, lang: str, inverse: bool = False) -> str:
    """How a page names a relation, from the writing card or (``inverse``) from its target."""
    relation = RELATION_TYPES[rel_type]
    return _pick(relation.inverse_label if inverse else relation.label, lang)
