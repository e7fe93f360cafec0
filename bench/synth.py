"""Synthetic knowledge bases for benchmarks: cards with relations and citations,
BibTeX entries with LaTeX accents, of any size, reproducible from a seed.

Usage as a library: ``write_project(folder, cards=1000, references=4000)``.
"""

from __future__ import annotations

import random
from pathlib import Path

THEMES = ("theme-a", "theme-b", "theme-c", "theme-d", "theme-e")
KINDS = ("concept", "model", "method", "case", "finding")
GRADES = (
    ("qualitative", "limited"),
    ("case", "limited"),
    ("survey", "limited"),
    ("experimental", "mixed"),
    ("survey", "none-found"),
    ("theory", ""),
)
"""(basis, evidence) pairs a one-source claim may have on the rubric (docs/evidence.md); theory has no level."""
SURNAMES = (
    'Fa{\\"\\i}ta',
    "Cl{\\'e}ment",
    "Wenger",
    "van der Berg",
    'M{\\"u}ller',
    "Pastr{\\'e}",
    "Garc{\\'\\i}a",
    "Crinon",
    "Ferone",
    "Lef{\\`e}vre",
    "{\\O}stergaard",
    "Dupont",
)
GIVEN = ("Jacques", "{\\'E}tienne", "Anne", "Daniel", "Fran{\\c c}oise", "Yves", "Lucie", "Beno{\\^\\i}t")
WORDS = [
    "teachers",
    "develops",
    "networks",
    "everyday",
    "practice",
    "reflects",
    "analysis",
    "training",
    "mentored",
    "identity",
    "dialogue",
    "internet",
    "learning",
    "outcomes",
    "activity",
    "clinical",
    "language",
    "conflict",
    "feedback",
    "research",
]
"""Words of one length, so a card's texts are as long whichever words it draws: the largest
page of a small and a large base then differ by what the build does, not by luck."""
LETTERS = "abcdefghijklmnopqrstuvwxyz"
MAX_CITES = 4
HUBS = 3
HUB_LINKS = 110
"""Cards 0-2 are hubs: cards 6 to 109 relate to one each, so a hub has more neighbours than a card
page or local graph shows at every size, and the same number at every size from 110 cards on."""


def card_id(index: int) -> str:
    return f"concept-{index:05d}"


def ref_key(index: int) -> str:
    return f"author{index:05d}x"


def _title(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


CITED_WINDOW = 50
"""Card ``i`` cites among the first ``max(CITED_WINDOW, i // 4)`` works (all of them from ``4 *
references`` on): the first cards, hubs included, cite the same works at every size (with at
least this many references), as a growing library whose later cards also cite later works."""


def card_text(index: int, cards: int, references: int, rng: random.Random) -> str:
    """One card: relations to earlier cards (no broader cycles), citations, claims.

    ``rng`` is the card's own (:func:`card_rng`), so card ``i`` reads the same at every size.
    """
    cid = card_id(index)
    theme = THEMES[index % len(THEMES)]
    earlier = list(range(index))
    broader = [card_id(rng.choice(earlier))] if earlier and rng.random() < 0.6 else []
    related = sorted({card_id(rng.choice(earlier)) for _ in range(2)} - set(broader)) if len(earlier) > 3 else []
    if not broader and not related and index > 0:
        related = [card_id(index - 1)]
    if 2 * HUBS <= index < HUB_LINKS:  # Hub concepts, as real bases have, as linked at every size.
        related = sorted({*related, card_id(index % HUBS)} - set(broader))
    # Every size holds every shape of card: the number of citations cycles with the index
    # (random, the most-cited card of 5,000 would out-cite that of 100 by chance alone).
    window = min(references, max(CITED_WINDOW, index // 4))
    keys = [ref_key(rng.randrange(window)) for _ in range(1 + index % MAX_CITES)] if references else []
    cites = "; ".join(f"@{k}, p. {rng.randint(1, 300)}" for k in keys)
    cite_text = f" [{cites}]" if keys else ""
    lines = [
        "# yaml-language-server: $schema=../build_kb/schema/concept.schema.json",
        f"id: {cid}",
        f"kind: {KINDS[index % len(KINDS)]}",
        f"themes: [{theme}]",
        "label:",
        f"  fr: Notion {index:05d} {rng.choice(WORDS)}",  # as long at every size
        f"  en: Concept {index:05d} {rng.choice(WORDS)}",
        "summary:",
        f"  fr: {_title(rng, 14)}.",
        f"  en: {_title(rng, 14)}.",
        "definition:",
        "  fr: >-",
        f"    {_title(rng, 40)}{cite_text}.",
        "  en: >-",
        f"    {_title(rng, 40)}{cite_text}.",
    ]
    if broader or related:
        lines.append("relations:")
        if broader:
            lines.append(f"  broader: [{', '.join(broader)}]")
        if related:
            lines.append(f"  related: [{', '.join(related)}]")
    if keys:
        lines += [
            "claims:",
            "  - statement:",
            f"      fr: {_finding(rng, 12)}.",
            f"      en: {_finding(rng, 12)}.",
            *_grade(rng),
            f'    sources: ["@{keys[0]}, p. {rng.randint(1, 300)}"]',
        ]
    lines += ["implications:", f"  fr: {_title(rng, 20)}.", f"  en: {_title(rng, 20)}."]
    return "\n".join(lines) + "\n"


def _finding(rng: random.Random, words: int) -> str:
    """A claim's statement: words of the same length as :func:`_title`'s, but its own, so no two
    claims read as one finding written twice (``duplicate-claim``)."""
    return " ".join("".join(rng.choices(LETTERS, k=8)) for _ in range(words)).capitalize()


def _grade(rng: random.Random) -> list[str]:
    basis, evidence = rng.choice(GRADES)
    return [f"    basis: {basis}"] + ([f"    evidence: {evidence}"] if evidence else [])


def theme_text(theme: str) -> str:
    others = [t for t in THEMES if t != theme]
    return (
        f"id: {theme}\nkind: theme\nlabel: {{fr: Thème {theme}, en: Theme {theme}}}\n"
        f"summary: {{fr: Un thème., en: A theme.}}\n"
        f"definition: {{fr: 'Un thème [@{ref_key(0)}].', en: 'A theme [@{ref_key(0)}].'}}\n"
        f"relations: {{related: [{others[0]}]}}\n"
    )


def bib_entry(index: int, rng: random.Random) -> str:
    authors = " and ".join(f"{rng.choice(SURNAMES)}, {rng.choice(GIVEN)}" for _ in range(rng.randint(1, 3)))
    return (
        f"@article{{{ref_key(index)},\n"
        f"  author = {{{authors}}},\n"
        f"  title = {{{_title(rng, 8)} : {rng.choice(WORDS)} et d{{\\'e}}veloppement}},\n"
        f"  journal = {{Revue des {rng.choice(WORDS)}s}},\n"
        f"  year = {{{1980 + index % 45}}},\n"
        f"  volume = {{{index % 60 + 1}}},\n"
        f"  pages = {{{index % 200 + 1}--{index % 200 + 15}}},\n"
        f"  doi = {{10.1234/synth.{index}}}\n"
        "}\n"
    )


def card_rng(seed: int, index: int) -> random.Random:
    """The random source of card ``index`` alone: what it draws does not depend on the other cards."""
    return random.Random(f"{seed}:card:{index}")


def ref_rng(seed: int, index: int) -> random.Random:
    """The random source of reference ``index`` alone."""
    return random.Random(f"{seed}:ref:{index}")


def write_project(folder: Path, cards: int, references: int, seed: int = 1) -> Path:
    """Write a synthetic project (concepts/, references/) into ``folder``."""
    concepts = folder / "concepts"
    concepts.mkdir(parents=True, exist_ok=True)
    for theme in THEMES:
        (concepts / f"{theme}.yaml").write_text(theme_text(theme), encoding="utf-8")
    for index in range(cards):
        text = card_text(index, cards, references, card_rng(seed, index))
        (concepts / f"{card_id(index)}.yaml").write_text(text, encoding="utf-8")
    refs = folder / "references"
    refs.mkdir(parents=True, exist_ok=True)
    chunk = 5000
    for start in range(0, max(references, 1), chunk):
        entries = [bib_entry(i, ref_rng(seed, i)) for i in range(start, min(start + chunk, references))]
        (refs / f"library-{start // chunk:03d}.bib").write_text("\n".join(entries), encoding="utf-8")
    return folder
