"""Issue 15 in a real Chromium: card text that tried to load an image from another host asks it nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser_support import chromium, served_build
from tests.site.helpers import FIXTURES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The unsafe fixture (hostile card text), built without --strict and served on 127.0.0.1."""
    with served_build(FIXTURES / "unsafe", tmp_path_factory.mktemp("hosts") / "site", strict=False) as base:
        yield base


@pytest.mark.parametrize(
    "path",
    ["concepts/host-leaks/", "research/", "design/", "concepts/unsafe-card/", "en/concepts/host-leaks/", "en/design/"],
)
def test_hostile_card_text_makes_no_request_to_another_host(base_url: str, path: str) -> None:
    with chromium() as browser:
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        dialogs: list[str] = []

        def dismiss(dialog: object) -> None:
            dialogs.append(dialog.message)  # type: ignore[attr-defined]
            dialog.dismiss()  # type: ignore[attr-defined]

        page.on("dialog", dismiss)
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        assert page.locator("article img").count() == 0
        assert requests and [url for url in requests if not url.startswith(base_url)] == []
        assert dialogs == []  # no alert() ran
        if path in ("en/concepts/host-leaks/", "en/design/"):  # the link is in the English text
            mastodon = page.locator('article a[href="https://mastodon.social/@crinon2021reseaux"]')
            assert mastodon.count() >= 1
