"""The knowledge base as the rest of the pipeline sees it: cards and references.

Plain frozen dataclasses, no MkDocs and no I/O. Every card keeps its
:class:`~build_kb.load.yamlmarks.YamlDocument`, so any later stage can point at the exact
line and column of what it complains about.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from build_kb.load.yamlmarks import YamlDocument, YamlPath
from build_kb.usage import CardCitation, CardCitationProblem, card_citations
from build_kb.vocabulary import DEFAULT_VOCABULARY, Vocabulary

LangText = Mapping[str, str]
"""Text per language code, e.g. ``{"fr": "...", "en": "..."}``."""

KINDS = DEFAULT_VOCABULARY.kind_names
"""The default card kinds (a project may have its own: :attr:`KnowledgeBase.vocabulary`)."""
EVIDENCE_LEVELS = DEFAULT_VOCABULARY.level_names
"""The default evidence levels (a project may have its own)."""
BASES = ("review", "experimental", "survey", "qualitative", "case", "theory")
"""What a claim rests on, from the most to the least robust design (docs/evidence.md)."""
IDENTIFICATIONS = ("probable", "uncertain", "unidentified")
"""A BibTeX ``identification`` field: how sure it is that the entry is the work the source cites (absent: sure)."""
ATTRIBUTIONS = ("inferred",)
"""``attribution: inferred``: the claim is our reading of its sources, not a point they state."""


@dataclass(frozen=True, slots=True)
class Claim:
    """What research says, how strong the evidence is, and who says it.

    A claim written on another card is a *reference* (``ref`` set, every other field
    empty): it is shown, never copied. ``via`` names the work through which the sources
    are known (second-hand); ``level`` is ``theory`` for a theory claim, else ``evidence``.
    """

    statement: LangText
    evidence: str
    sources: tuple[str, ...]
    note: LangText = field(default_factory=dict)
    id: str = ""
    basis: str = ""
    via: str = ""
    attribution: str = ""
    ref: str = ""

    @property
    def level(self) -> str:
        """The badge a claim wears: ``theory`` for a theory claim, else its evidence level."""
        return "theory" if self.basis == "theory" and not self.evidence else self.evidence

    @property
    def inferred(self) -> bool:
        return self.attribution == "inferred"


@dataclass(frozen=True, slots=True)
class Link:
    """An external page about a card."""

    url: str
    title: str


@dataclass(frozen=True)
class Card:
    """One concept card, as loaded (possibly with errors reported beside it).

    Attributes:
        id: The card id (the file name when the file's own id is unusable).
        path: The file, relative to the project, with ``/``.
        relations: Relation type -> target ids, only the types written in the card, in
            the vocabulary's order.
        sections: Section name -> its Markdown per language, only the sections written,
            in the vocabulary's order (``implications`` in the default one).
        doc: The YAML document, for positions.
    """

    id: str
    path: str
    kind: str
    themes: tuple[str, ...]
    label: LangText
    aliases: Mapping[str, tuple[str, ...]]
    summary: LangText
    definition: LangText
    relations: Mapping[str, tuple[str, ...]]
    claims: tuple[Claim, ...]
    sections: Mapping[str, LangText]
    links: tuple[Link, ...]
    doc: YamlDocument = field(repr=False, compare=False)

    @property
    def implications(self) -> LangText:
        """The default vocabulary's one section (empty when the card has none)."""
        return self.sections.get("implications", {})

    def markdown_fields(self) -> Iterator[tuple[YamlPath, str]]:
        """Every Markdown text of the card with its YAML path: where citations may be."""
        for lang, text in self.definition.items():
            yield ("definition", lang), text
        for name, texts in self.sections.items():
            for lang, text in texts.items():
                yield (name, lang), text
        for index, claim in enumerate(self.claims):
            for lang, text in claim.statement.items():
                yield ("claims", index, "statement", lang), text
            for lang, text in claim.note.items():
                yield ("claims", index, "note", lang), text

    def home_claims(self) -> Iterator[tuple[int, Claim]]:
        """The claims written on this card (not references to another card's), with their index."""
        for index, claim in enumerate(self.claims):
            if not claim.ref:
                yield index, claim

    def relation_targets(self) -> Iterator[tuple[str, int, str]]:
        """Every written relation as ``(type, index, target id)``, in the vocabulary's order."""
        for rel_type, targets in self.relations.items():
            for index, target in enumerate(targets):
                yield rel_type, index, target


@dataclass(frozen=True, slots=True)
class Person:
    """An author or editor, with the name parts BibTeX gives."""

    first: str
    von: str
    last: str
    jr: str = ""

    @property
    def display(self) -> str:
        """The name as read: ``Étienne Wenger``, ``Ludwig van Beethoven``."""
        return " ".join(p for p in (self.first, self.von, self.last) if p) + (f", {self.jr}" if self.jr else "")

    @property
    def sort_name(self) -> str:
        """``Last, First von``: how bibliographies sort and list names."""
        tail = " ".join(p for p in (self.first, self.von) if p)
        return f"{self.last}, {tail}" if tail else self.last


@dataclass(frozen=True)
class Reference:
    """One BibTeX entry, decoded to Unicode.

    Attributes:
        key: The entry key.
        entry_type: Lowercase type, e.g. ``article``.
        fields: Every field but author/editor, decoded, with lowercase names.
        authors: Parsed authors; ``editors`` likewise.
        path: The .bib file, relative to the project.
        line: The 1-based line of ``@type{``.
        raw: The entry's text as written, for "copy the BibTeX".
        written: Each field's value as written (braces, quotes, macros; lowercase names, the
            first of repeats), taken from the same parse as ``fields`` so that exports need
            no second one; None when unknown (a reference not read from BibTeX text).
    """

    key: str
    entry_type: str
    fields: Mapping[str, str]
    authors: tuple[Person, ...]
    editors: tuple[Person, ...]
    path: str
    line: int
    raw: str = field(repr=False)
    written: Mapping[str, str] | None = field(default=None, repr=False, compare=False)

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def year(self) -> str:
        return self.fields.get("year", "") or self.fields.get("date", "")[:4]

    @property
    def identification(self) -> str:
        """The ``identification`` field, lowercase (``probable``, ``uncertain``, ``unidentified``); "" when sure."""
        return self.fields.get("identification", "").strip().lower()

    @cached_property
    def declared_incomplete(self) -> frozenset[str]:
        """The fields the ``incomplete`` field says are missing on purpose."""
        value = self.fields.get("incomplete", "")
        return frozenset(part.strip().lower() for part in value.replace(";", ",").split(",") if part.strip())


@dataclass(frozen=True)
class KnowledgeBase:
    """All cards and references of a project, indexed by id and key."""

    cards: Mapping[str, Card]
    references: Mapping[str, Reference]
    languages: tuple[str, ...]
    vocabulary: Vocabulary = DEFAULT_VOCABULARY
    """The project's kinds, evidence levels, relation types and card sections."""

    @cached_property
    def narrower(self) -> Mapping[str, tuple[str, ...]]:
        """Card id -> ids of the cards that name it as broader (derived, never written)."""
        result: dict[str, list[str]] = {}
        for card in self.cards.values():
            for target in card.relations.get("broader", ()):
                result.setdefault(target, []).append(card.id)
        return {key: tuple(sorted(value)) for key, value in sorted(result.items())}

    @cached_property
    def _citations(self) -> dict[str, tuple[list[CardCitation], list[CardCitationProblem]]]:
        return {
            card_id: card_citations(card_id, card.markdown_fields(), [(c.sources, c.via) for c in card.claims])
            for card_id, card in self.cards.items()
        }

    def citations_of(self, card_id: str) -> tuple[list[CardCitation], list[CardCitationProblem]]:
        """The citations in one card, and its malformed ones (parsed once per build)."""
        return self._citations[card_id]

    @cached_property
    def claim_homes(self) -> Mapping[str, tuple[Card, int]]:
        """Claim id -> the card it is written on and its index there (the first, for a repeated id)."""
        homes: dict[str, tuple[Card, int]] = {}
        for card in self.cards.values():
            for index, claim in card.home_claims():
                if claim.id:
                    homes.setdefault(claim.id, (card, index))
        return homes

    @cached_property
    def claim_refs(self) -> Mapping[str, tuple[str, ...]]:
        """Claim id -> the ids of the cards that refer to it (sorted, each once)."""
        refs: dict[str, set[str]] = {}
        for card in self.cards.values():
            for claim in card.claims:
                if claim.ref:
                    refs.setdefault(claim.ref, set()).add(card.id)
        return {key: tuple(sorted(value)) for key, value in sorted(refs.items())}

    def resolve(self, claim: Claim) -> Claim | None:
        """The claim itself, or for a reference the claim it names (None when unknown)."""
        if not claim.ref:
            return claim
        home = self.claim_homes.get(claim.ref)
        return home[0].claims[home[1]] if home else None

    def themes(self) -> list[Card]:
        """Theme cards, sorted by id."""
        return [card for _, card in sorted(self.cards.items()) if card.kind == "theme"]
