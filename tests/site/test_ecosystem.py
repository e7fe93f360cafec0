"""Other MkDocs plugins on a knowledge base: git-revision-date-localized dates a card's page by its card's
git history, and mkdocs-rss-plugin lists the cards in its feeds (a generated page's source is its card)."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.site.helpers import copy_project, edit_config, mkdocs_build

pytestmark = pytest.mark.slow

PLUGINS = """  - build_kb
  - git-revision-date-localized
  - rss:
      match_path: "(en/)?(concepts|themes)/(?!index\\\\.md)[^/]+\\\\.md$"
      date_from_meta:
        as_creation: git
"""
CHANGED = "concepts/community-of-practice.yaml"


def _commit(project: Path, date: str, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    who = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", "-C", str(project), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(project), *who, "commit", "-qm", message], check=True, env=env)


def _revision_dates(page: str) -> list[str]:
    """The dates Material shows from git-revision-date-localized (each once: the span is written twice)."""
    marker = '<span class="git-revision-date-localized-plugin git-revision-date-localized-plugin-date"'
    found = [part.split(">", 1)[1].split("<", 1)[0].strip() for part in page.split(marker)[1:]]
    return list(dict.fromkeys(found))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("ecosystem")
    project = copy_project("small", root / "project")
    edit_config(project, "  - build_kb\n", PLUGINS)
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    _commit(project, "2021-03-04T10:00:00+00:00", "the cards")
    card = project / CHANGED
    card.write_text(card.read_text(encoding="utf-8").replace("apprend en la partageant", "apprend ensemble"))
    _commit(project, "2022-05-06T10:00:00+00:00", "one card reworded")
    # A new process (the rss plugin starts on on_startup), in the project: it reads the git repository of its folder.
    result = mkdocs_build(project, root / "site", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return root / "site", [c.stem for c in sorted((project / "concepts").glob("*.yaml"))]


def test_card_pages_show_their_cards_revision_dates(built: tuple[Path, list[str]]) -> None:
    site, _ = built
    changed = (site / "concepts/community-of-practice/index.html").read_text(encoding="utf-8")
    other = (site / "concepts/reflective-practice/index.html").read_text(encoding="utf-8")
    english = (site / "en/concepts/community-of-practice/index.html").read_text(encoding="utf-8")
    # The last change of the card's own file, in the tree's language.
    assert _revision_dates(changed) == ["6 mai 2022"]
    assert _revision_dates(other) == ["4 mars 2021"]
    assert _revision_dates(english) == ["May 6, 2022"]
    # A hand-written page in the other tree: its file's commit (in the site's language: it has no front matter).
    home = (site / "en/index.html").read_text(encoding="utf-8")
    assert _revision_dates(home) == ["4 mars 2021"]


def test_the_feeds_list_the_cards_with_their_summaries(built: tuple[Path, list[str]]) -> None:
    site, cards = built
    items = ET.parse(site / "feed_rss_updated.xml").getroot().iter("item")
    found = [(i.findtext("link", ""), i.findtext("pubDate", ""), i.findtext("description", "")) for i in items]
    links = [link for link, _, _ in found]
    assert links[0] == "https://example.org/small/concepts/community-of-practice/"  # the latest change first
    assert "06 May 2022" in found[0][1]
    assert found[0][2].startswith("Un groupe qui partage une pratique et apprend ensemble")
    for card in cards:  # every card, in both trees (a theme's page is under themes/)
        assert any(link.endswith((f"/concepts/{card}/", f"/themes/{card}/")) for link in links), card
    assert sum("/en/" in link for link in links) == len(cards)
    created = [i.findtext("link", "") for i in ET.parse(site / "feed_rss_created.xml").getroot().iter("item")]
    assert sorted(created) == sorted(links)
