"""The project's own vocabulary: card kinds, evidence levels, relation types and card sections.

The shipped defaults (:data:`DEFAULT_VOCABULARY`) are the teachers' professional
development base's; a project replaces any of the four lists in its settings (the
``kinds``, ``evidence_levels``, ``relations`` and ``sections`` options of the build_kb
block of ``mkdocs.yml``, read by :mod:`build_kb.vocabulary_settings`). The card schema,
the checks, the pages and the RDF vocabulary all read the names and labels from here.
Labels are the project's words, per language: they are not interface words, so they are
not in the interface catalogs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

LangText = Mapping[str, str]

FALLBACK = "en"


def pick(table: LangText, lang: str, default: str = "") -> str:
    """``table``'s text in ``lang``, else in English, else in any language, else ``default``."""
    return table.get(lang) or table.get(FALLBACK) or next(iter(table.values()), default) or default


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of card.

    Attributes:
        name: The value of a card's ``kind``.
        label: Its name, singular (the card page's "Kind"), per language.
        plural: Its name as a list heading (A–Z grouped by kind), per language.
        description: What it is, for the schema (editors show it).
    """

    name: str
    label: LangText
    plural: LangText
    description: str = ""


@dataclass(frozen=True, slots=True)
class EvidenceLevel:
    """A level of evidence a claim is graded with.

    Attributes:
        name: The value of a claim's ``evidence``.
        label: Its badge, per language.
        meaning: What it takes, in one phrase of the rubric, per language (the badge's tooltip).
        marks: Marks before the name, so levels differ by more than colour (WCAG 1.4.1).
        description: What it takes, for the schema.
    """

    name: str
    label: LangText
    meaning: LangText
    marks: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class RelationType:
    """A kind of link between two cards.

    Attributes:
        name: The key in a card's ``relations``.
        label: How a page names the link from the card that writes it, per language.
        inverse_label: How the target's page names it, per language.
        symmetric: Whether the link reads the same both ways.
        shown: Whether a card page shows it (the graph, the data and the exports have it either way).
        description: What it means, for the schema.
        section: Whether a card page shows it as a section of its own, headed by its label
            (by its inverse label on the target's page), rather than as a line of "Related cards".
    """

    name: str
    label: LangText
    inverse_label: LangText
    symmetric: bool = False
    shown: bool = True
    description: str = ""
    section: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """A Markdown section of a card, with its heading on the card page.

    Attributes:
        name: The card's field (``implications``).
        label: The heading, per language.
        description: What to write there, for the schema.
        property_label: The RDF property's label (``bkb:<name>``), per language; the heading when empty.
        overview: Whether the section has an overview page (``design/``): every card's section, A–Z.
        intro: The overview page's first paragraph, per language.
        empty: What the overview page says when no card has the section, per language.
        cited_as: How a reference page names this part of a card that cites it; the heading when empty.
        catalog: For the default section: the interface catalog's word for each of ``label``,
            ``title`` (of the overview page), ``intro``, ``empty`` and ``cited_as``
            (``{"label": "implications", ...}``), so a
            project's catalog translates the shipped section into its language; a project's
            own sections carry their texts instead.
    """

    name: str
    label: LangText
    description: str = ""
    property_label: LangText = field(default_factory=dict)
    overview: bool = False
    intro: LangText = field(default_factory=dict)
    empty: LangText = field(default_factory=dict)
    cited_as: LangText = field(default_factory=dict)
    catalog: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The four lists, in the order pages, schema and exports show them.

    Attributes:
        graded_rubric: The default evidence levels are in use, so the rubric's ceilings
            (:mod:`build_kb.checks.claims`) apply; a project with its own levels has none.
    """

    kinds: tuple[Kind, ...]
    evidence_levels: tuple[EvidenceLevel, ...]
    relations: tuple[RelationType, ...]
    sections: tuple[Section, ...]
    graded_rubric: bool = True

    @cached_property
    def kind_names(self) -> tuple[str, ...]:
        return tuple(kind.name for kind in self.kinds)

    @cached_property
    def level_names(self) -> tuple[str, ...]:
        return tuple(level.name for level in self.evidence_levels)

    @cached_property
    def relation_types(self) -> Mapping[str, RelationType]:
        """Relation types by name, in their order."""
        return {relation.name: relation for relation in self.relations}

    @cached_property
    def section_names(self) -> tuple[str, ...]:
        return tuple(section.name for section in self.sections)

    @cached_property
    def _kinds(self) -> Mapping[str, Kind]:
        return {kind.name: kind for kind in self.kinds}

    @cached_property
    def _levels(self) -> Mapping[str, EvidenceLevel]:
        return {level.name: level for level in self.evidence_levels}

    def kind(self, name: str) -> Kind | None:
        return self._kinds.get(name)

    def level(self, name: str) -> EvidenceLevel | None:
        return self._levels.get(name)

    @property
    def overview(self) -> Section | None:
        """The section with an overview page, if any."""
        return next((section for section in self.sections if section.overview), None)


_KINDS = (
    Kind(
        "theme", {"fr": "Thème", "en": "Theme"}, {"fr": "Thèmes", "en": "Themes"}, "a top-level theme that groups cards"
    ),
    Kind("concept", {"fr": "Concept", "en": "Concept"}, {"fr": "Concepts", "en": "Concepts"}, "an idea"),
    Kind("model", {"fr": "Modèle", "en": "Model"}, {"fr": "Modèles", "en": "Models"}, "a model or theory"),
    Kind(
        "method",
        {"fr": "Méthode ou dispositif", "en": "Method"},
        {"fr": "Méthodes et dispositifs", "en": "Methods"},
        "a method, device or practice",
    ),
    Kind("case", {"fr": "Cas", "en": "Case"}, {"fr": "Cas", "en": "Cases"}, "a network, programme or study site"),
    Kind(
        "finding",
        {"fr": "Résultat de recherche", "en": "Research finding"},
        {"fr": "Résultats de recherche", "en": "Research findings"},
        "a research result",
    ),
)

_LEVELS = (
    EvidenceLevel(
        "strong",
        {"fr": "Preuves solides", "en": "Strong evidence"},
        {
            "fr": "une revue systématique, ou au moins trois études expérimentales concordantes",
            "en": "a systematic review, or three or more consistent experimental studies",
        },
        "●●●",
        "a review of two works or more, or three or more experimental studies",
    ),
    EvidenceLevel(
        "moderate",
        {"fr": "Preuves modérées", "en": "Moderate evidence"},
        {
            "fr": "au moins deux travaux par enquête, expérimentaux ou de synthèse qui concordent",
            "en": "two or more survey, experimental or review works that agree",
        },
        "●●○",
        "two or more survey, experimental or review works",
    ),
    EvidenceLevel(
        "limited",
        {"fr": "Preuves limitées", "en": "Limited evidence"},
        {
            "fr": "un seul travail, ou des entretiens, déclarations, observations ou cas",
            "en": "one work, or interviews, self-reports, observations or cases",
        },
        "●○○",
        "one work, or qualitative or case studies",
    ),
    EvidenceLevel(
        "mixed",
        {"fr": "Résultats contrastés", "en": "Mixed evidence"},
        {"fr": "les études se contredisent", "en": "studies disagree"},
        "◐",
        "studies disagree",
    ),
    EvidenceLevel(
        "none-found",
        {"fr": "Non démontré", "en": "No evidence found"},
        {"fr": "affirmé, mais non démontré", "en": "claimed but not shown"},
        "○○○",
        "claimed but not shown",
    ),
)

_RELATIONS = (
    RelationType(
        "broader",
        {"fr": "Notion plus générale", "en": "Broader"},
        {"fr": "Notions plus spécifiques", "en": "Narrower"},
        description="A more general card (SKOS broader).",
    ),
    RelationType(
        "related",
        {"fr": "Notions associées", "en": "Related"},
        {"fr": "Notions associées", "en": "Related"},
        True,
        description="An associated card (SKOS related).",
    ),
    RelationType(
        "contrasts_with",
        {"fr": "S'oppose à", "en": "Contrasts with"},
        {"fr": "S'oppose à", "en": "Contrasts with"},
        True,
        description="A card this one is opposed to or distinguished from.",
    ),
    RelationType(
        "builds_on",
        {"fr": "S'appuie sur", "en": "Builds on"},
        {"fr": "Prolongé par", "en": "Built upon by"},
        description="A card whose ideas this one takes up and extends.",
    ),
    RelationType(
        "part_of",
        {"fr": "Fait partie de", "en": "Part of"},
        {"fr": "Comprend", "en": "Has part"},
        description="A whole (model, method, network) this card is a component of.",
    ),
    RelationType(
        "example_of",
        {"fr": "Exemple de", "en": "Example of"},
        {"fr": "Exemples", "en": "Examples"},
        description="A concept this card is an instance or case of.",
    ),
    RelationType(
        "uses",
        {"fr": "Mobilise", "en": "Uses"},
        {"fr": "Mobilisé par", "en": "Used by"},
        description="A method, tool or concept this card puts to work.",
    ),
    RelationType(
        "leads_to",
        {"fr": "Produit", "en": "Leads to"},
        {"fr": "Produit par", "en": "Resulting from"},
        description="An effect or outcome this card is reported to produce.",
    ),
)

_SECTIONS = (
    Section(
        "implications",
        {},
        "What this means for people who design training, per language. Markdown with citations.",
        {"fr": "implications pour la formation", "en": "implications for training design"},
        overview=True,
        catalog={
            "label": "implications",  # "Pour concevoir une formation", "For training design"
            "title": "design_title",  # the overview page's title (the same words)
            "intro": "design_intro",
            "empty": "no_implications",
            "cited_as": "part_implications",
        },
    ),
)

DEFAULT_VOCABULARY = Vocabulary(_KINDS, _LEVELS, _RELATIONS, _SECTIONS)
"""The shipped base's vocabulary: what a project that sets none of the four options uses."""
