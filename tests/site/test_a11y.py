"""Zero axe-core violations (WCAG 2.0/2.1 A and AA) on the shipped site, both trees, desktop and phone.

axe-core comes bundled in the pinned ``axe-playwright-python`` (axe 4.12.1); the test
injects it into the page under test, the site never loads it. Each failure lists the
rule, the page and the first offending elements, so the cause shows in the report.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser_support import chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Home, a theme, three cards (the one with the most neighbours, a theory, a device), a
# reference, an author, research, design, the graph and the bibliography.
PAGES = (
    "",
    "themes/communities-and-networks/",
    "concepts/connected-teacher-network/",
    "concepts/activity-clinic/",
    "concepts/community-of-practice/",
    "references/alexander2010legitimite/",
    "authors/alexander/",
    "research/",
    "design/",
    "graph/",
    "references/",
)
TREES = ("", "en/")
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    script: str = Axe().axe_script
    assert script.startswith("/*! axe v4."), "axe-playwright-python no longer bundles axe-core 4.x"
    return script


def _violations(page: Any, axe_script: str) -> list[str]:
    """axe's WCAG A/AA violations on the loaded page, one line each."""
    page.evaluate(axe_script)
    result = page.evaluate("options => axe.run(document, options)", WCAG_AA)
    return [
        f"{v['id']} ({len(v['nodes'])}): {[n['target'] for n in v['nodes'][:3]]} {v['nodes'][0]['failureSummary']}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("tree", TREES)
def test_no_axe_violation(base_url: str, axe_script: str, tree: str, viewport: str) -> None:
    width, height = VIEWPORTS[viewport]
    found: dict[str, list[str]] = {}
    with chromium() as browser:
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        for path in PAGES:
            page.goto(base_url + tree + path)
            page.wait_for_load_state("load")
            if path == "graph/":
                page.wait_for_selector("[data-kb-ready]", state="attached")
            violations = _violations(page, axe_script)
            if violations:
                found[tree + path] = violations
        context.close()
    assert found == {}, "\n".join(f"/{path}: {line}" for path, lines in found.items() for line in lines)


def test_the_rules_run(base_url: str, axe_script: str) -> None:
    """The check is live: a page stripped of its link underline breaks link-in-text-block."""
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(base_url + "references/")
        page.add_style_tag(content=".md-typeset a { text-decoration: none !important; }")
        assert any(line.startswith("link-in-text-block") for line in _violations(page, axe_script))
