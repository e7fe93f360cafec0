"""The words of generated pages, per language; English for a language not listed.

Card text is translated by contributors; these are the page's own words (headings,
badges, kinds). A project in another language adds its column here.
"""

from __future__ import annotations

from build_kb.labels import BASIS_LABELS, EVIDENCE_LABELS, KIND_LABELS
from build_kb.model import KINDS
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
    "as_cited_in": {"fr": "cité par", "en": "as cited in"},
    "inferred": {"fr": "notre lecture", "en": "our reading"},
    "inferred_title": {
        "fr": "Ce résultat est notre lecture des sources, non un point qu'elles énoncent",
        "en": "This finding is our reading of the sources, not a point they state",
    },
    "basis_title": {"fr": "Sur quoi repose ce résultat", "en": "What this finding rests on"},
    "preview_evidence": {"fr": "Meilleur niveau de preuve", "en": "Strongest evidence"},
    "level_title": {"fr": "Niveau de preuve : voir la grille", "en": "Level of evidence: see the rubric"},
    "claim_home": {"fr": "Tiré de la fiche", "en": "From the card"},
    "claim_also": {"fr": "Concerne aussi", "en": "Also bears on"},
    "rubric_link": {"fr": "Comment les niveaux sont attribués : la grille", "en": "How the levels are set: the rubric"},
    "cards": {"fr": "Fiches", "en": "Cards"},
    "edit": {"fr": "Modifier cette fiche", "en": "Edit this card"},
    "untranslated": {"fr": "non traduit", "en": "not translated"},
    "page_untranslated": {
        "fr": "Cette page n'est pas encore traduite en français : "
        "elle est affichée dans sa langue d'origine ({language}).",
        "en": "This page has not been translated into English yet: it is shown in its original language ({language}).",
    },
    "no_claims": {
        "fr": "Aucun résultat de recherche n'est encore résumé ici.",
        "en": "No research finding is summarised here yet.",
    },
    "az_title": {"fr": "Fiches de A à Z", "en": "Cards A–Z"},
    "findings_title": {"fr": "Ce que dit la recherche", "en": "What research says"},
    "findings_intro": {
        "fr": "Tous les résultats de recherche résumés dans les fiches, des mieux établis aux moins établis, "
        "chacun avec ses sources et sa fiche, où il est expliqué.",
        "en": "Every research finding the cards summarise, from the best established to the least, "
        "each with its sources and its card, where it is explained.",
    },
    "findings_count": {"fr": "{n} résultats", "en": "{n} findings"},
    "findings_count_one": {"fr": "1 résultat", "en": "1 finding"},
    "design_title": {"fr": "Pour concevoir une formation", "en": "For training design"},
    "design_intro": {
        "fr": "Ce que chaque fiche retient pour concevoir une formation, fiche par fiche de A à Z ; "
        "chaque fiche dit sur quoi cela repose.",
        "en": "What each card draws for designing training, card by card from A to Z; each card says what it rests on.",
    },
    "no_implications": {
        "fr": "Aucune fiche ne dit encore ce qu'elle implique pour la formation.",
        "en": "No card says yet what it implies for training.",
    },
    "cards_count": {"fr": "{n} fiches", "en": "{n} cards"},
    "cards_count_one": {"fr": "1 fiche", "en": "1 card"},
    "page_of": {"fr": "page {k} sur {n}", "en": "page {k} of {n}"},
    "themes_title": {"fr": "Thèmes", "en": "Themes"},
    "theme_cards": {"fr": "Fiches de ce thème", "en": "Cards in this theme"},
    "no_cards": {"fr": "Aucune fiche pour l'instant.", "en": "No card yet."},
    "bibliography": {"fr": "Bibliographie", "en": "Bibliography"},
    "references_count": {"fr": "{n} références", "en": "{n} references"},
    "references_count_one": {"fr": "1 référence", "en": "1 reference"},
    "reference": {"fr": "Référence", "en": "Reference"},
    "cited_by": {"fr": "Cité par", "en": "Cited by"},
    "cited_by_none": {"fr": "Aucune fiche ne cite cette référence.", "en": "No card cites this work."},
    "more": {"fr": "… et {n} de plus", "en": "… and {n} more"},
    "previous": {"fr": "Page précédente", "en": "Previous page"},
    "next": {"fr": "Page suivante", "en": "Next page"},
    "pages": {"fr": "Pages", "en": "Pages"},
    # References, authors and data quality (build_kb.render.reference_page, authors, quality).
    "authors": {"fr": "Auteurs", "en": "Authors"},
    "authors_count": {"fr": "{n} auteurs", "en": "{n} authors"},
    "authors_count_one": {"fr": "1 auteur", "en": "1 author"},
    "authors_none": {"fr": "Aucun auteur pour l'instant.", "en": "No author yet."},
    "authors_title": {"fr": "Auteurs", "en": "Authors"},
    "author_cards": {"fr": "Fiches qui citent ses travaux", "en": "Cards citing their work"},
    "author_cards_none": {"fr": "Aucune fiche ne cite ses travaux.", "en": "No card cites their work."},
    "coauthors": {"fr": "Co-auteurs", "en": "Co-authors"},
    "coauthors_none": {"fr": "Aucun co-auteur dans la bibliothèque.", "en": "No co-author in the library."},
    "editors": {"fr": "Sous la direction de", "en": "Editors"},
    "works": {"fr": "Travaux dans la bibliothèque", "en": "Works in the library"},
    "works_count": {"fr": "{n} travaux", "en": "{n} works"},
    "works_count_one": {"fr": "1 travail", "en": "1 work"},
    "abstract": {"fr": "Résumé de l'article", "en": "Abstract"},
    "keywords": {"fr": "Mots-clés", "en": "Keywords"},
    "cite_as": {"fr": "Pour la citer dans une fiche", "en": "To cite it in a card"},
    "details": {"fr": "Détails", "en": "Details"},
    "work_unidentified": {"fr": "œuvre non identifiée", "en": "work not identified"},
    "work_probable": {"fr": "identification probable", "en": "probable identification"},
    "work_uncertain": {"fr": "identification incertaine", "en": "uncertain identification"},
    "cited_in": {"fr": "cité par", "en": "cited in"},
    "download_library": {"fr": "Toute la bibliothèque", "en": "The whole library"},
    "download_reference": {"fr": "Cette référence", "en": "This reference"},
    "see_also": {"fr": "Voir aussi", "en": "See also"},
    "no_references": {"fr": "Aucune référence pour l'instant.", "en": "No reference yet."},
    "part_definition": {"fr": "définition", "en": "definition"},
    "part_claim": {"fr": "résultat de recherche", "en": "research claim"},
    "part_note": {"fr": "remarque sur un résultat", "en": "note on a claim"},
    "part_implications": {"fr": "pour concevoir une formation", "en": "training design"},
    "incomplete": {"fr": "incomplète", "en": "incomplete"},
    "incomplete_entry": {"fr": "Notice incomplète", "en": "Incomplete entry"},
    "missing": {"fr": "il manque : {fields}", "en": "missing: {fields}"},
    "declared": {"fr": "déclaré dans la notice", "en": "declared in the entry"},
    "undeclared": {"fr": "non déclaré", "en": "not declared"},
    "quality_title": {"fr": "Qualité des références", "en": "Reference data quality"},
    "quality_intro": {
        "fr": "Les notices BibTeX à compléter : celles qui le déclarent (champ incomplete) et celles "
        "auxquelles manque un auteur (ou un directeur), un titre ou une année ; puis celles dont on n'est pas "
        "sûr qu'elles soient l'œuvre citée (champ identification) et celles que le style n'a pas pu mettre "
        "en forme. Corrigez-les dans les fichiers .bib de references/.",
        "en": "BibTeX entries to complete: those that say so (an incomplete field) and those that lack an "
        "author (or editor), a title or a year; then those that may not be the work cited (an identification "
        "field) and those the citation style could not format. "
        "Fix them in the .bib files of references/.",
    },
    "quality_incomplete": {"fr": "Notices incomplètes", "en": "Incomplete entries"},
    "quality_ambiguous": {"fr": "Noms ambigus", "en": "Ambiguous names"},
    "quality_ambiguous_intro": {
        "fr": "Ces noms peuvent désigner plusieurs personnes de la bibliothèque : ils gardent leur propre "
        "page. Complétez le prénom dans les notices citées, ou donnez un ORCID (champ orcid).",
        "en": "These names may be several people of the library: they keep a page of their own. Complete "
        "the given name in the entries listed, or give an ORCID (orcid field).",
    },
    "may_be": {"fr": "peut-être", "en": "may be"},
    "quality_failures": {
        "fr": "Notices que le style n'a pas pu mettre en forme",
        "en": "Entries the style could not format",
    },
    "quality_none": {"fr": "Aucune.", "en": "None."},
    "quality_identification": {
        "fr": "Notices dont l'identification n'est pas sûre",
        "en": "Entries whose identification is not sure",
    },
    "identification_probable": {"fr": "Identification probable", "en": "Probable identification"},
    "identification_uncertain": {"fr": "Identification incertaine", "en": "Uncertain identification"},
    "identification_unidentified": {"fr": "Œuvre non identifiée", "en": "Work not identified"},
    "identification_meaning_probable": {
        "fr": "cette notice est probablement l'œuvre que cite la source, sans certitude",
        "en": "this entry is probably, not surely, the work the source cites",
    },
    "identification_meaning_uncertain": {
        "fr": "il n'est pas sûr que cette notice soit l'œuvre que cite la source",
        "en": "it is uncertain whether this entry is the work the source cites",
    },
    "identification_meaning_unidentified": {
        "fr": "la source cite une œuvre qui n'a pas été retrouvée ; la notice ne donne que ce qu'en dit la source",
        "en": "the source cites a work that could not be found; the entry gives only what the source says of it",
    },
    # The graph pictures (build_kb.render.graph_page).
    "graph_title": {"fr": "Graphe des notions", "en": "Concept graph"},
    "graph_intro": {
        "fr": "{cards} fiches et {links} liens entre elles ; chaque thème a sa couleur.",
        "en": "{cards} cards and {links} links between them; each theme has its colour.",
    },
    "graph_help": {
        "fr": "Faites glisser l'image pour vous déplacer ; zoomez avec la molette, les boutons ou les touches + et −. "
        "Survolez une fiche pour voir ses voisins et son résumé, cliquez pour l'ouvrir. "
        "Le tableau sous l'image donne tous les liens en texte.",
        "en": "Drag the picture to move around; zoom with the wheel, the buttons or the + and − keys. "
        "Hover over a card to see its neighbours and summary, click to open it. "
        "The table below the picture gives every link as text.",
    },
    "downloads": {"fr": "Télécharger", "en": "Download"},
    "graph_links": {"fr": "Tous les liens", "en": "All links"},
    "links_count": {"fr": "{n} liens", "en": "{n} links"},
    "links_count_one": {"fr": "1 lien", "en": "1 link"},
    "card": {"fr": "Fiche", "en": "Card"},
    "legend_relations": {"fr": "Types de liens", "en": "Link types"},
    "neighbourhood": {"fr": "Voisinage dans le graphe", "en": "Neighbourhood in the graph"},
    "depth2": {"fr": "Voisins des voisins ({n})", "en": "Neighbours of neighbours ({n})"},
    "whole_graph": {"fr": "le graphe entier", "en": "the whole graph"},
    "not_drawn": {"fr": "{n} de plus ne sont pas dessinés : voir", "en": "{n} more are not drawn: see"},
    "zoom_in": {"fr": "Zoom avant", "en": "Zoom in"},
    "zoom_out": {"fr": "Zoom arrière", "en": "Zoom out"},
    "zoom_fit": {"fr": "Vue d'ensemble", "en": "Fit to view"},
    "find_card": {"fr": "Chercher une fiche", "en": "Find a card"},
    "skip_graph": {"fr": "Passer le graphe", "en": "Skip the graph"},
}

_KINDS = KIND_LABELS

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
    **EVIDENCE_LABELS,
    "theory": {"fr": "Théorie ou définition", "en": "Theory or definition"},
    "": {"fr": "Niveau non précisé", "en": "Evidence not stated"},
}

_EVIDENCE_MEANING: dict[str, dict[str, str]] = {
    "strong": {
        "fr": "une revue systématique, ou au moins trois études expérimentales concordantes",
        "en": "a systematic review, or three or more consistent experimental studies",
    },
    "moderate": {
        "fr": "au moins deux travaux par enquête, expérimentaux ou de synthèse qui concordent",
        "en": "two or more survey, experimental or review works that agree",
    },
    "limited": {
        "fr": "un seul travail, ou des entretiens, déclarations, observations ou cas",
        "en": "one work, or interviews, self-reports, observations or cases",
    },
    "mixed": {"fr": "les études se contredisent", "en": "studies disagree"},
    "none-found": {"fr": "affirmé, mais non démontré", "en": "claimed but not shown"},
    "theory": {
        "fr": "un énoncé théorique ou une définition, qui n'est pas noté comme une preuve",
        "en": "a theoretical or definitional statement, not graded as evidence",
    },
}

KIND_ORDER = KINDS


def _pick(table: dict[str, str], lang: str) -> str:
    return table.get(lang) or table[FALLBACK]


def word(key: str, lang: str, **values: object) -> str:
    """A page word in ``lang``, with ``{n}``-style values filled in (``<key>_one`` for ``n=1`` when there is one)."""
    if values.get("n") == 1 and f"{key}_one" in _WORDS:
        key = f"{key}_one"
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


def basis_name(basis: str, lang: str) -> str:
    """What a claim rests on, as its badge shows it."""
    return _pick(BASIS_LABELS.get(basis, {"fr": basis, "en": basis}), lang)


def relation_name(rel_type: str, lang: str, inverse: bool = False) -> str:
    """How a page names a relation, from the writing card or (``inverse``) from its target."""
    relation = RELATION_TYPES[rel_type]
    return _pick(relation.inverse_label if inverse else relation.label, lang)
