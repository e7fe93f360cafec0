"""The rubric's ceilings (docs/evidence.md), claim by claim: what each basis and number of works allows."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from build_kb.checks.claims import SIMILARITY, ceiling_problems, distinct_works, near_candidates, similarity, word_share
from build_kb.model import BASES, EVIDENCE_LEVELS, Claim
from build_kb.render.urls import RUBRIC_PAGE


def _claim(basis: str, evidence: str, works: int, via: str = "") -> Claim:
    sources = tuple(f"@work{n}, p. {n + 1}" for n in range(works))
    return Claim({"en": "Something holds."}, evidence, sources, basis=basis, via=via)


def _codes(claim: Claim) -> list[str]:
    return [code for code, _, _ in ceiling_problems(claim)]


@pytest.mark.parametrize("basis", ["qualitative", "case"])
def test_self_report_and_cases_reach_limited_at_most(basis: str) -> None:
    assert _codes(_claim(basis, "limited", 5)) == []
    assert _codes(_claim(basis, "moderate", 5)) == ["evidence-over-basis"]
    assert _codes(_claim(basis, "strong", 5)) == ["evidence-over-basis"]


def test_one_work_reaches_limited_at_most_whatever_its_design() -> None:
    for basis in ("review", "experimental", "survey"):
        assert _codes(_claim(basis, "limited", 1)) == []
        assert _codes(_claim(basis, "moderate", 1)) == ["evidence-over-sources"]
        assert "evidence-over-sources" in _codes(_claim(basis, "strong", 1))


def test_moderate_needs_two_works_of_survey_experimental_or_review() -> None:
    for basis in ("review", "experimental", "survey"):
        assert _codes(_claim(basis, "moderate", 2)) == []


def test_strong_needs_a_review_or_three_experimental_works() -> None:
    assert _codes(_claim("review", "strong", 2)) == []
    assert _codes(_claim("experimental", "strong", 2)) == ["evidence-over-sources"]
    assert _codes(_claim("experimental", "strong", 3)) == []
    assert _codes(_claim("survey", "strong", 5)) == ["evidence-over-basis"]


def test_mixed_and_none_found_have_no_ceiling() -> None:
    for basis in BASES:
        for level in ("mixed", "none-found"):
            assert _codes(_claim(basis, level, 1)) == []


def test_a_claim_breaking_both_rules_gets_both_codes() -> None:
    assert _codes(_claim("qualitative", "strong", 1)) == ["evidence-over-basis", "evidence-over-sources"]


def test_the_same_work_twice_is_one_work_and_the_reporter_is_not_counted() -> None:
    claim = Claim({"en": "x"}, "moderate", ("@a, p. 1", "@a, p. 2"), basis="survey", via="@b, p. 3")
    assert distinct_works(claim) == 1
    assert _codes(claim) == ["evidence-over-sources"]
    assert distinct_works(_claim("survey", "moderate", 2, via="@reporter, p. 5")) == 2


def test_every_level_is_known_to_the_rubric() -> None:
    graded = {"strong", "moderate", "limited"}
    assert graded <= set(EVIDENCE_LEVELS)
    assert "theory" in BASES and "theory" not in EVIDENCE_LEVELS


def test_similarity_is_the_share_of_words_in_common_citations_left_out() -> None:
    first = Claim({"en": "Teachers say the network helps them [@a, p. 3]."}, "limited", ("@a",))
    second = Claim({"en": "Teachers say that the network helps them a lot [@a]."}, "limited", ("@a",))
    other = Claim({"en": "Networks cost time."}, "limited", ("@a",))
    assert similarity(first, second) == pytest.approx(6 / 8)  # 6 words shared; "that" and "lot" only in the second
    assert similarity(first, other) == 0.0
    assert similarity(first, Claim({"fr": "Autre langue."}, "limited", ("@a",))) == 0.0


def test_the_published_rubric_has_an_anchor_for_every_badge_in_each_language() -> None:
    """Every anchor a badge or /research/ links to (build_kb.render.card_page.claim_badges) is on the rubric page
    of its language: docs/evidence.md (French) and its translation docs/evidence.en.md."""
    docs = Path(__file__).parents[2] / "docs"
    names = [f"level-{level}" for level in (*EVIDENCE_LEVELS, "theory")]
    names += [f"basis-{basis}" for basis in BASES] + ["levels", "inferred", "second-hand", "one-place"]
    for lang, page in (("fr", RUBRIC_PAGE), ("en", RUBRIC_PAGE.replace(".md", ".en.md"))):
        anchors = set(re.findall(r"\{#([a-z-]+)\}", (docs / page).read_text(encoding="utf-8")))
        assert {f"{lang}-{name}" for name in names} <= anchors, page
        assert not {anchor for anchor in anchors if not anchor.startswith(f"{lang}-")}, page  # one language a page


def test_candidate_pairs_hold_every_pair_over_the_threshold() -> None:
    """Prefix filtering drops only pairs that cannot reach the threshold: checked against every pair."""
    rng = random.Random(7)
    vocabulary = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa", "lambda", "sigma"]
    for _ in range(20):
        members = [
            {lang: frozenset(rng.sample(vocabulary, rng.randint(1, 6))) for lang in rng.sample(["fr", "en"], 2)}
            for _ in range(15)
        ]
        candidates = near_candidates(members)
        for later in range(len(members)):
            for earlier in range(later):
                if word_share(members[later], members[earlier]) >= SIMILARITY:
                    assert earlier in candidates[later]
        assert any(candidates)  # the filter keeps some pairs: the test is not vacuous
