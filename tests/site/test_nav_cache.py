"""Material's navigation rendered once per context (build_kb.plugin.nav_cache): the same site, fewer renders."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from jinja2 import Environment, FileSystemLoader

from build_kb.plugin import nav_cache
from build_kb.plugin.nav_cache import NAV, NavCache
from tests.site.helpers import FIXTURES, build_site, snapshot

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def _built(tmp_path: Path, name: str) -> dict[str, str]:
    built = build_site(FIXTURES / "small", tmp_path / name)
    assert not built.aborted, built.problems
    return snapshot(tmp_path / name)


def test_the_cached_navigation_makes_the_same_site_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[NavCache] = []
    install = NavCache.install

    def counted(self: NavCache, env: Environment) -> bool:
        made.append(self)
        return install(self, env)

    monkeypatch.setattr(NavCache, "install", counted)
    cached = _built(tmp_path, "cached")
    assert made and made[-1].hits > 0  # pages out of the nav took the navigation made for another
    monkeypatch.setattr(nav_cache, "material_checked", lambda: False)
    made.clear()
    plain = _built(tmp_path, "plain")
    assert made and made[-1].hits == 0
    assert cached == plain


def test_a_project_that_overrides_the_navigation_gets_no_cache(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "nav.html").write_text("<nav>{{ page.title }}</nav>", encoding="utf-8")
    overridden = Environment(loader=FileSystemLoader([str(tmp_path), str(MATERIAL_TEMPLATES)]))
    assert not NavCache().install(overridden)
    assert overridden.get_template(NAV).render(page={"title": "A"}) == "<nav>A</nav>"
    own = Environment(loader=FileSystemLoader([str(MATERIAL_TEMPLATES)]))
    assert NavCache().install(own) == nav_cache.material_checked()
