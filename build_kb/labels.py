"""The names of a claim's basis, in French and English: one table for the site and the RDF export.

The site's badges and the vocabulary declared in ``kb.ttl`` (``rdfs:label``) name the same
things; kept apart, they had drifted. Card kinds and evidence levels are the project's
vocabulary (:mod:`build_kb.vocabulary`), with their labels.
"""

from __future__ import annotations

BASIS_LABELS: dict[str, dict[str, str]] = {
    "review": {"fr": "Revue systématique", "en": "Systematic review"},
    "experimental": {"fr": "Expérimental", "en": "Experimental"},
    "survey": {"fr": "Enquête ou corrélation", "en": "Survey or correlational"},
    "qualitative": {"fr": "Qualitatif", "en": "Qualitative"},
    "case": {"fr": "Étude de cas", "en": "Case account"},
    "theory": {"fr": "Théorie", "en": "Theory"},
}
"""What a claim rests on, as its badge shows it (``theory``: the only badge of an ungraded claim)."""
