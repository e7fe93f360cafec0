"""Bad input fails ``mkdocs build --strict`` with ``path:line:col`` and never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.site.helpers import FIXTURES, build_site, copy_project, edit_config, mkdocs_build, snapshot


def test_broken_card_fails_strict_build_with_its_position(tmp_path: Path) -> None:
    project = FIXTURES / "broken"
    before = snapshot(project)
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        "concepts/community-of-practice.yaml:10:23: error[unknown-concept]: related target 'comunity-of-practise'"
        " is not a card of this knowledge base (did you mean 'community-of-practice'?)"
    ) in output
    assert "Aborted with" in output and "in strict mode" in output
    assert "Traceback" not in output
    assert snapshot(project) == before


def test_broken_card_still_builds_without_strict(tmp_path: Path) -> None:
    """``mkdocs serve`` keeps working while a contributor fixes a card."""
    built = build_site(FIXTURES / "broken", tmp_path / "site", strict=False)
    assert not built.aborted
    assert "Community of practice" in built.page("concepts/community-of-practice")
    errors = [r for r in built.records if r.name == "mkdocs.plugins.build_kb" and r.levelname == "ERROR"]
    assert [r.getMessage().split(": ")[0] for r in errors] == ["concepts/community-of-practice.yaml:10:23"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "# Home\n\nCards: {{ kb.count.cardz }}.\n",
            "docs/index.md:3:8: error[{code}]: unknown placeholder '{{{{ kb.count.cardz }}}}'",
        ),
        ("---\ntitle: Home\n---\n\n# Home\n\n{{ kb.nope }}\n", "docs/index.md:7:1: error[{code}]: unknown placeholder"),
        (
            "# Home\n\nSee [@nokey2020, p. 3].\n",
            "docs/index.md:3:6: error[unknown-reference]: citation key 'nokey2020'",
        ),
    ],
)
def test_hand_written_page_problems_name_their_line(tmp_path: Path, text: str, expected: str) -> None:
    project = copy_project("small", tmp_path / "project")
    (project / "docs" / "index.md").write_text(text, encoding="utf-8")
    built = build_site(project, tmp_path / "site")
    assert built.aborted
    assert any(message.startswith(expected.format(code="unknown-placeholder")) for message in built.problems), (
        built.problems
    )


def test_bad_plugin_options_are_reported_like_the_cli(tmp_path: Path) -> None:
    project = copy_project("small", tmp_path / "project")
    edit_config(project, "  - build_kb\n", "  - build_kb:\n      languages: fr\n")
    built = build_site(project, tmp_path / "site")
    assert built.aborted
    assert any(m.startswith("mkdocs.yml:16:7: error[config]: 'languages' must be a list") for m in built.problems)


def test_each_tree_searches_in_its_language_whatever_the_search_plugin_lists(tmp_path: Path) -> None:
    project = copy_project("small", tmp_path / "project")
    edit_config(project, "lang: [fr, en]", "lang: [en]")
    built = build_site(project, tmp_path / "site")
    assert not built.aborted and built.problems == [], built.problems
    french = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert french["config"]["lang"] == ["fr_fold"]  # each tree's index names its own language


def test_card_id_reserved_for_an_index_page(tmp_path: Path) -> None:
    project = copy_project("small", tmp_path / "project")
    card = (project / "concepts" / "situated-learning.yaml").read_text(encoding="utf-8")
    (project / "concepts" / "index.yaml").write_text(card.replace("id: situated-learning", "id: index"))
    built = build_site(project, tmp_path / "site")
    assert any(
        m.startswith("concepts/index.yaml:1:5: error[bad-id]: card id 'index' is reserved") for m in built.problems
    )
    assert "Fiches de A à Z" in built.page("concepts")  # the A-Z index keeps its page
    assert "Cards A–Z" in built.page("en/concepts")


def test_links_to_anchors_of_generated_pages_are_checked(tmp_path: Path) -> None:
    project = copy_project("small", tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "validation:\n  anchors: warn\n", encoding="utf-8")
    (project / "docs" / "links.md").write_text(
        "# Links\n\n"
        "[definition](concepts/community-of-practice.md#fr-definition), "  # #en-definition in the English tree
        "[BibTeX](references/wenger1998.md#bibtex), "  # a heading of a late part: on the page, not in the index
        "[C](concepts/index.md#fr-letter-c), "  # a generated page of the nav
        "[nowhere](concepts/community-of-practice.md#no-such-section)\n",
        encoding="utf-8",
    )
    built = build_site(project, tmp_path / "site")
    anchors = [message for message in built.problems if "anchor" in message]
    assert len(anchors) == 2 and all("#no-such-section" in a for a in anchors), built.problems  # once a tree
