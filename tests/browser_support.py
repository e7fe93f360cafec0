"""Shared by the browser tests: Chromium driven by Playwright, and a local server.

Debian's ``/usr/bin/chromium`` when it is installed (``.ci/run``, this machine), else
Playwright's own build (GitHub's Ubuntu runners: ``python -m playwright install
--with-deps chromium``). It runs headless with the flags a closed network needs (no
background networking). No browser at all skips the tests locally and fails them in CI
(``CI=true``).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@functools.cache
def _playwright_chromium() -> Path | None:
    """Playwright's own Chromium, if ``playwright install chromium`` put it there."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            path = Path(playwright.chromium.executable_path)
    except Exception:  # no playwright package or driver: no browser either way
        return None
    return path if path.exists() else None


def browser_path() -> Path | None:
    """The Chromium to drive: Debian's when present, else Playwright's (None: not installed)."""
    return CHROMIUM if CHROMIUM.exists() else _playwright_chromium()


def require_chromium() -> None:
    """Skip (locally) or fail (in CI) when neither Debian's nor Playwright's Chromium is installed."""
    if browser_path() is not None:
        return
    advice = "apt-get install chromium, or python -m playwright install --with-deps chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(f"no Chromium (neither {CHROMIUM} nor Playwright's): CI must install one ({advice})")
    pytest.skip(f"no Chromium ({advice})")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def served_build(project: Path, site_dir: Path, strict: bool = True) -> Iterator[str]:
    """``project`` built into ``site_dir`` (a failed strict build fails the test) and served; yields the base URL."""
    from tests.site.helpers import build_site  # the site helpers import MkDocs; the browser ones need not

    require_chromium()
    built = build_site(project, site_dir, strict=strict)
    assert not (strict and built.aborted), built.problems
    with serve(built.site) as base:
        yield base


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser (Playwright's sync API)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = browser_path()
        executable = str(path) if path == CHROMIUM else None  # None: Playwright's own
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
