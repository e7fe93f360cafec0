"""The shipped knowledge base builds with ``mkdocs build --strict`` whenever its checker is clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_kb.pipeline import load_project
from tests.site.helpers import REPO, article, mkdocs_build


@pytest.mark.slow
def test_repo_builds_strict(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(REPO, site, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    home = article((site / "index.html").read_text(encoding="utf-8"))
    assert "Crinon, 2021" in home.text  # the home page cites its source paper
    assert "{{" not in home.text
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="research/"' in nav and 'href="design/"' in nav  # the overviews for training designers
    assert 'href="evidence/"' in nav  # the rubric every badge links to
    card = article((site / "concepts" / "community-of-practice" / "index.html").read_text(encoding="utf-8"))
    assert "Communauté de pratique" in card.text and "Community of practice" in card.text
    assert (site / "concepts" / "index.html").exists() and (site / "references" / "index.html").exists()
    contributing = (site / "en" / "contributing" / "index.html").read_text(encoding="utf-8")  # the guide: English
    assert "{{ kb.field_reference }}" not in contributing and "{{ kb.diagnostic_codes }}" not in contributing
    assert "unknown-concept" in contributing
    # One person, one page: "Clot" (a work whose given name is unknown) is Yves Clot.
    assert not (site / "authors" / "clot").exists() and not (site / "authors" / "crinon").exists()
    clot = article((site / "authors" / "clot-yves" / "index.html").read_text(encoding="utf-8"))
    assert "Clot (2014)" in clot.text and "Clot, Y., & Faïta, D. (2000)" in clot.text
    _second_hand_sources_say_so(site)


def _second_hand_sources_say_so(site: Path) -> None:
    """Every card showing a claim with ``via`` prints its sources "as cited in" / "cité par" the reporter."""
    kb = load_project(REPO).kb
    shown = {
        card.id: card.kind
        for card in kb.cards.values()
        for claim in card.claims
        if (found := kb.resolve(claim)) is not None and found.via
    }
    for card_id, kind in shown.items():
        folder = "themes" if kind == "theme" else "concepts"
        page = article(
            "\n".join(
                (tree / folder / card_id / "index.html").read_text(encoding="utf-8") for tree in (site, site / "en")
            )
        )
        assert "as cited in" in page.by_lang["en"] and "cité par" in page.by_lang["fr"], card_id
        assert "cité par" not in page.by_lang["en"] and "as cited in" not in page.by_lang["fr"], card_id
