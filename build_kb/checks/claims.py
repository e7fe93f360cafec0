"""The evidence rubric (docs/evidence.md): each claim's grade within what its basis and sources allow.

Codes: ``evidence-over-basis``, ``evidence-over-sources``, ``unlocated-source``,
``unknown-claim``, ``duplicate-claim-id``, ``duplicate-claim`` (``graded-theory`` is the
schema's: a theory claim carries no ``evidence`` field).

The ceilings, as the rubric page states them:

- qualitative or case basis: at most *limited*; *moderate* needs a survey, experimental
  or review basis; *strong* a review, or experimental studies;
- one distinct source work (a ``via`` claim counts the works it reports, not the reporter):
  at most *limited*; *moderate* needs two; *strong* on an experimental basis needs three.

*mixed* and *none-found* say what the studies show, not how much: they have no ceiling.

The ceilings are the default levels' (their names and their meaning are the rubric's). A
project with its own ``evidence_levels`` has its own rubric, which ``check`` cannot read:
its claims get no ceiling check (the levels themselves are still held to the schema's list).

Failing example::

    claims:
      - statement: {fr: ..., en: ...}
        basis: qualitative          # interviews
        evidence: moderate          # evidence-over-basis: at most limited
        sources: ["@crinon2021reseaux, p. 5"]   # evidence-over-sources: one work
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from build_kb.citations import CitationItem
from build_kb.codes import report
from build_kb.diagnostics import Diagnostic
from build_kb.load.schema import suggest
from build_kb.markdown_scan import find_citations
from build_kb.model import Card, Claim, KnowledgeBase

RANKS = {"limited": 1, "moderate": 2, "strong": 3}
"""The graded levels, from the weakest; ``mixed`` and ``none-found`` are not on this scale."""

BASIS_CEILING = {"review": 3, "experimental": 3, "survey": 2, "qualitative": 1, "case": 1}
"""The highest rank each empirical basis allows."""

MIN_WORKS = {"moderate": 2}
"""Distinct source works a level needs (strong: see :func:`works_needed`)."""

SIMILARITY = 0.4
"""Two claims with the same works sharing this share of their words (Jaccard) are one finding."""

_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_CITATION_RE = re.compile(r"\[[^\]]*@[^\]]*\]")


def source_items(claim: Claim) -> list[CitationItem]:
    """The claim's sources as parsed citation items (a source that is not a citation: none)."""
    items: list[CitationItem] = []
    for source in claim.sources:
        citations, problems = find_citations(f"[{source}]")
        if not problems:
            items.extend(item for citation in citations for item in citation.items)
    return items


def distinct_works(claim: Claim) -> int:
    """How many different works the claim's sources name (``via``'s reporter not counted)."""
    return len({item.key for item in source_items(claim)})


def works_needed(level: str, basis: str) -> int:
    """Distinct source works ``level`` needs on ``basis``."""
    if level == "strong":
        return 3 if basis == "experimental" else 2
    return MIN_WORKS.get(level, 0)


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in ("a", "e", "i", "o", "u") else f"a {word}"


def ceiling_problems(claim: Claim) -> list[tuple[str, str, str]]:
    """``(code, message, hint)`` for each ceiling the claim's evidence level breaks."""
    rank = RANKS.get(claim.evidence, 0)
    if not rank or claim.basis not in BASIS_CEILING:
        return []
    problems = []
    allowed = BASIS_CEILING[claim.basis]
    if rank > allowed:
        top = next(level for level, value in RANKS.items() if value == allowed)
        problems.append(
            (
                "evidence-over-basis",
                f"evidence '{claim.evidence}' is above what {_a(claim.basis)} basis allows (at most {top})",
                f"evidence: {top}, or cite the survey, experimental or review work that supports more "
                "(see the rubric, docs/evidence.md)",
            )
        )
    works = distinct_works(claim)
    needed = works_needed(claim.evidence, claim.basis)
    if works < needed and works:  # No work at all: the schema or the citation check says so.
        lower = "limited" if works <= 1 else "moderate"
        problems.append(
            (
                "evidence-over-sources",
                f"evidence '{claim.evidence}' on {_a(claim.basis)} basis needs {needed} distinct source works; "
                f"the claim lists {works}",
                f"evidence: {lower}, or list the other works that show the same",
            )
        )
    return problems


def _check_ceilings(card: Card, index: int, claim: Claim) -> Iterator[Diagnostic]:
    for code, message, hint in ceiling_problems(claim):
        yield report(code, card.path, card.doc.value_position(("claims", index, "evidence")), message, hint)


def _check_locators(card: Card, index: int, claim: Claim) -> Iterator[Diagnostic]:
    """A source without a locator must be cited by the statement, or the claim marked as our reading."""
    if claim.inferred:
        return
    stated = {
        item.key for text in claim.statement.values() for citation in find_citations(text)[0] for item in citation.items
    }
    for source_index, source in enumerate(claim.sources):
        citations, problems = find_citations(f"[{source}]")
        for item in (item for citation in citations for item in citation.items):
            if problems or item.locator is not None or item.key in stated:
                continue
            yield report(
                "unlocated-source",
                card.path,
                card.doc.value_position(("claims", index, "sources", source_index)),
                f"source '@{item.key}' has no locator and the statement does not cite it",
                f'give the page ("@{item.key}, p. 12"), cite it where the statement uses it, '
                "or mark the claim as our reading: attribution: inferred",
            )


def _check_ids(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Every claim id after its first use (cards in id order) is a duplicate."""
    first: dict[str, str] = {}
    for card in kb.cards.values():
        for index, claim in card.home_claims():
            if not claim.id:
                continue
            if claim.id in first:
                yield report(
                    "duplicate-claim-id",
                    card.path,
                    card.doc.value_position(("claims", index, "id")),
                    f"claim id '{claim.id}' is already used on card '{first[claim.id]}'",
                    f"keep the claim on one card and write `- ref: {claim.id}` on the other, or rename it",
                )
            else:
                first[claim.id] = card.id


def _check_refs(card: Card, kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Every ``ref`` names a claim id; a claim shown twice on one card is one finding written twice."""
    shown: set[str] = {claim.id for _, claim in card.home_claims() if claim.id}
    for index, claim in enumerate(card.claims):
        if not claim.ref:
            continue
        position = card.doc.value_position(("claims", index, "ref"))
        if claim.ref not in kb.claim_homes:
            hint = suggest(claim.ref, kb.claim_homes) or "give the claim on its home card this id: id: " + claim.ref
            yield report("unknown-claim", card.path, position, f"ref '{claim.ref}' is not the id of any claim", hint)
        elif claim.ref in shown:
            yield report(
                "duplicate-claim",
                card.path,
                position,
                f"claim '{claim.ref}' is already on this card",
                "remove this ref: the card shows the claim once",
            )
        shown.add(claim.ref)


def _words(claim: Claim) -> dict[str, frozenset[str]]:
    """Each language's words of three letters or more, lowercase, citations left out."""
    found = {}
    for lang, text in claim.statement.items():
        if "@" in text:
            text = _CITATION_RE.sub(" ", text)
        found[lang] = frozenset(_WORD_RE.findall(text.lower()))
    return found


def word_share(words: dict[str, frozenset[str]], others: dict[str, frozenset[str]]) -> float:
    best = 0.0
    for lang, mine in words.items():
        theirs = others.get(lang)
        if mine and theirs:
            best = max(best, len(mine & theirs) / len(mine | theirs))
    return best


def similarity(first: Claim, second: Claim) -> float:
    """The largest share of words two claims' statements have in common, over their shared languages."""
    return word_share(_words(first), _words(second))


def near_candidates(members: list[dict[str, frozenset[str]]]) -> list[set[int]]:
    """For each claim, the earlier claims that may share enough words with it (prefix filtering).

    Two word sets with a Jaccard share of at least :data:`SIMILARITY` have a word in common
    among the first ``n - ceil(SIMILARITY * n) + 1`` words of each, the words taken rarest
    first: only such pairs are compared, so a large group costs about its size, not its square.
    """
    found: list[set[int]] = [set() for _ in members]
    languages = sorted({lang for words in members for lang in words})
    for lang in languages:
        counts: dict[str, int] = {}
        for words in members:
            for word in words.get(lang, ()):
                counts[word] = counts.get(word, 0) + 1
        seen: dict[str, list[int]] = {}
        for position, words in enumerate(members):
            ordered = sorted(words.get(lang, ()), key=lambda word: (counts[word], word))
            prefix = ordered[: len(ordered) - math.ceil(SIMILARITY * len(ordered)) + 1] if ordered else []
            for word in prefix:
                earlier = seen.setdefault(word, [])
                found[position].update(earlier)
                earlier.append(position)
    return found


def _check_near_duplicates(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Claims with the same source works and close wording, each reported against the first such.

    Only claims citing the same set of works are compared, each claim's words found once.
    """
    groups: dict[frozenset[str], list[tuple[Card, int, Claim]]] = {}
    for card in kb.cards.values():
        for index, claim in card.home_claims():
            keys = frozenset(item.key for item in source_items(claim))
            if keys:
                groups.setdefault(keys, []).append((card, index, claim))
    for members in groups.values():
        if len(members) < 2:
            continue
        words = [_words(claim) for _, _, claim in members]
        candidates = near_candidates(words)
        for position, (card, index, _) in enumerate(members):
            for earlier in sorted(candidates[position]):
                other, other_index, _ = members[earlier]
                share = word_share(words[position], words[earlier])
                if share >= SIMILARITY:
                    where = f"card '{other.id}'" if other.id != card.id else "this card"
                    yield report(
                        "duplicate-claim",
                        card.path,
                        card.doc.value_position(("claims", index, "statement")),
                        f"this claim repeats claims[{other_index}] of {where}: same sources, "
                        f"{round(share * 100)}% of words shared",
                        "write the finding once: give it an id there and put `- ref: <id>` here",
                    )
                    break


def check(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Grade ceilings (default levels only) and locators of every claim, then claim ids, refs and near-duplicates."""
    graded = kb.vocabulary.graded_rubric
    for card in kb.cards.values():
        for index, claim in card.home_claims():
            if graded:
                yield from _check_ceilings(card, index, claim)
            yield from _check_locators(card, index, claim)
        yield from _check_refs(card, kb)
    yield from _check_ids(kb)
    yield from _check_near_duplicates(kb)
