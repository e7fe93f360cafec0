"""Which Chromium the browser tests drive: Debian's when present, else Playwright's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import browser_support


def test_debian_chromium_comes_first_then_playwrights(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    debian = tmp_path / "chromium"
    debian.write_text("", encoding="utf-8")
    monkeypatch.setattr(browser_support, "CHROMIUM", debian)
    assert browser_support.browser_path() == debian
    monkeypatch.setattr(browser_support, "CHROMIUM", tmp_path / "missing")
    bundled = browser_support._playwright_chromium()
    assert browser_support.browser_path() == bundled
    assert bundled is None or (bundled.exists() and "ms-playwright" in str(bundled))
