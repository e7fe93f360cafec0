"""The names of card kinds and evidence levels, in French and English: one table for the site and the RDF export.

The site's badges and headings and the vocabulary declared in ``kb.ttl`` (``rdfs:label``)
name the same things; kept apart, they had drifted ("Non démontré" on the site, "Aucune
preuve trouvée" in the graph).
"""

from __future__ import annotations

KIND_LABELS: dict[str, dict[str, str]] = {
    "theme": {"fr": "Thème", "en": "Theme"},
    "concept": {"fr": "Concept", "en": "Concept"},
    "model": {"fr": "Modèle", "en": "Model"},
    "method": {"fr": "Méthode ou dispositif", "en": "Method"},
    "case": {"fr": "Cas", "en": "Case"},
    "finding": {"fr": "Résultat de recherche", "en": "Research finding"},
}
"""A card kind, singular."""

EVIDENCE_LABELS: dict[str, dict[str, str]] = {
    "strong": {"fr": "Preuves solides", "en": "Strong evidence"},
    "moderate": {"fr": "Preuves modérées", "en": "Moderate evidence"},
    "limited": {"fr": "Preuves limitées", "en": "Limited evidence"},
    "mixed": {"fr": "Résultats contrastés", "en": "Mixed evidence"},
    "none-found": {"fr": "Non démontré", "en": "No evidence found"},
}
"""An evidence level, as its badge shows it."""

BASIS_LABELS: dict[str, dict[str, str]] = {
    "review": {"fr": "Revue systématique", "en": "Systematic review"},
    "experimental": {"fr": "Expérimental", "en": "Experimental"},
    "survey": {"fr": "Enquête ou corrélation", "en": "Survey or correlational"},
    "qualitative": {"fr": "Qualitatif", "en": "Qualitative"},
    "case": {"fr": "Étude de cas", "en": "Case account"},
    "theory": {"fr": "Théorie", "en": "Theory"},
}
"""What a claim rests on, as its badge shows it (``theory``: the only badge of an ungraded claim)."""
