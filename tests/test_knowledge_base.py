"""The shipped knowledge base: what the first knowledge base promises its readers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_kb.pipeline import Loaded, load_project

REPO = Path(__file__).parents[1]
SEED = REPO.parent / "shared" / "seeds" / "000_9bfb2bf3b36132ee.txt"
THEMES = ("communities-and-networks", "development-models", "reflective-analysis")


@pytest.fixture(scope="module")
def loaded() -> Loaded:
    return load_project(REPO)


def seed_citations() -> list[tuple[str, str]]:
    lines = (REPO / "tests/data/seed_citations.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def test_checker_reports_nothing(loaded: Loaded) -> None:
    assert [d for d in loaded.diagnostics] == []


def test_size_and_themes(loaded: Loaded) -> None:
    kb = loaded.kb
    assert len(kb.cards) >= 40
    assert [t.id for t in kb.themes()] == list(THEMES)
    for theme in THEMES:
        members = [c for c in kb.cards.values() if theme in c.themes]
        assert len(members) >= 10, theme


def test_every_card_cites_and_is_linked(loaded: Loaded) -> None:
    kb = loaded.kb
    linked = {target for card in kb.cards.values() for _, _, target in card.relation_targets()}
    for card in kb.cards.values():
        found, _ = kb.citations_of(card.id)
        assert found, f"{card.id} cites nothing"
        assert any(True for _ in card.relation_targets()) or card.id in linked, f"{card.id} stands alone"


def test_every_card_is_bilingual(loaded: Loaded) -> None:
    for card in loaded.kb.cards.values():
        for field in (card.label, card.summary, card.definition):
            assert set(field) >= {"fr", "en"}, card.id


def test_every_citation_of_the_paper_resolves(loaded: Loaded) -> None:
    keys = loaded.kb.references
    missing = [(citation, key) for citation, key in seed_citations() if key not in keys]
    assert missing == []
    assert "crinon2021reseaux" in keys


@pytest.mark.skipif(not SEED.is_file(), reason="the seed paper is in shared/, beside the repository")
def test_the_table_lists_every_citation_of_the_paper() -> None:
    text = re.sub(r"\s+", " ", SEED.read_text(encoding="utf-8"))
    names = r"([A-ZÉ][\w'’\-]+(?:(?:,| &| et|,? and)\s+[A-ZÉ][\w'’\-]+)*)"
    pattern = re.compile(names + r",?\s*\(?((?:19|20)\d\d(?:/\d{4})?|à paraitre|soumis)")
    listed = {citation.replace(" (", ", ") for citation, _ in seed_citations()}
    found = {f"{m.group(1)}, {m.group(2)}" for m in pattern.finditer(text)}
    assert found - listed == set()


def test_incomplete_entries_say_what_they_lack(loaded: Loaded) -> None:
    for reference in loaded.kb.references.values():
        declared = reference.declared_incomplete
        if not reference.title:
            assert "title" in declared, reference.key
