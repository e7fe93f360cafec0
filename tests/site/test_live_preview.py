"""Live preview: ``mkdocs serve`` rebuilds on card edits and keeps the last good page.

A real ``mkdocs serve`` on 127.0.0.1 and a free port, on a copy of a fixture project;
every wait is bounded, and the server is stopped at the end whatever happens.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest

from tests.site.helpers import copy_project

pytestmark = pytest.mark.slow

TIMEOUT = 90.0
CARD = "concepts/situated-learning.yaml"
PAGE = "concepts/situated-learning/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """A running ``mkdocs serve`` and everything it printed so far."""

    def __init__(self, project: Path) -> None:
        self.port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self.output: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)

    @property
    def base(self) -> str | None:
        """The address the server announced (it serves under site_url's path, e.g. /small/)."""
        for line in self.output:
            match = re.search(r"Serving on (http://127\.0\.0\.1:\d+/\S*)", line)
            if match:
                return match.group(1).rstrip("/") + "/"
        return None

    def get(self, path: str) -> str | None:
        if self.base is None:
            return None
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                body: str = response.read().decode("utf-8")
                return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self._reader.join(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


def _reported(server: Server, code: str, since: int) -> bool:
    """Whether the server logged an error of ``code`` after its ``since``-th line."""
    return any(f"error[{code}]" in line for line in server.output[since:])


def wait_for(condition: Callable[[], bool], what: str, server: Server) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        if server.process.poll() is not None:
            break
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}; server said:\n{''.join(server.output[-40:])}")


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    project = copy_project("small", tmp_path / "project")
    running = Server(project)
    try:
        yield running, project
    finally:
        running.stop()


def test_an_edited_card_shows_without_restart_and_a_broken_one_keeps_the_last_good_page(
    server: tuple[Server, Path],
) -> None:
    running, project = server
    wait_for(lambda: (running.get(PAGE) or "") != "", "the first build", running)

    card = project / CARD
    text = card.read_text(encoding="utf-8")
    marker = "Marqueur-de-preview-42"
    edited = text.replace("summary:\n  fr: ", f"summary:\n  fr: {marker} ", 1)
    assert edited != text, "the fixture card's summary should start with 'summary:\\n  fr: '"
    card.write_text(edited, encoding="utf-8")
    wait_for(lambda: marker in (running.get(PAGE) or ""), "the edited card on its page", running)

    card.write_text(edited + "label: [unclosed\n", encoding="utf-8")
    wait_for(
        lambda: any(f"{CARD}:" in line and "error[" in line for line in running.output),
        "the broken card's diagnostic",
        running,
    )
    time.sleep(1.0)  # let the rebuild finish writing
    page = running.get(PAGE) or ""
    assert marker in page, "the last good version of the card should still be served"
    assert "Traceback" not in "".join(running.output)

    # Errors found by the checks, not while reading the card: the last good version too.
    for step, (old, new, code) in enumerate(
        [
            ("related: [community-of-practice]", "related: [no-such-card]", "unknown-concept"),
            ("related: [community-of-practice]", "related: [situated-learning]", "self-relation"),
            ("[@crinon2021reseaux].\n      en", "[@nosuchkey2020].\n      en", "unknown-reference"),
            ("dans une pratique", "dans une <b>pratique</b>", "raw-html"),
        ]
    ):
        seen = len(running.output)
        broken = edited.replace(marker, f"Broken-{step}", 1).replace(old, new, 1)
        assert broken.count(f"Broken-{step}") == 1 and new in broken, f"step {step} should change the card"
        card.write_text(broken, encoding="utf-8")
        wait_for(partial(_reported, running, code, seen), f"the {code} diagnostic", running)
        time.sleep(1.0)
        page = running.get(PAGE) or ""
        assert marker in page and f"Broken-{step}" not in page, f"{code}: the last good version should be served"
