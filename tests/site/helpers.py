"""Building fixture sites with real MkDocs, and reading the HTML they produce."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

HERE = Path(__file__).parent
REPO = HERE.parents[1]
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
UPDATE_GOLDEN = os.environ.get("BUILD_KB_UPDATE_GOLDEN") == "1"
"""Run with ``BUILD_KB_UPDATE_GOLDEN=1`` to rewrite the golden files, then review the diff."""

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, printed on every build.


@dataclass
class Built:
    """A site built into a folder, with what MkDocs logged while building it."""

    site: Path
    records: list[logging.LogRecord] = field(default_factory=list)
    aborted: str = ""

    def page(self, path: str) -> str:
        """The HTML of the page at ``path`` (``concepts/x/``), as the server would send it."""
        return (self.site / path / "index.html").read_text(encoding="utf-8")

    def both(self, path: str, languages: tuple[str, ...] = ("fr", "en")) -> str:
        """The page at ``path`` in every language's tree (``concepts/x/``, ``en/concepts/x/``), one after the other.

        :func:`article` reads each one's text under its ``<html lang>``.
        """
        paths = [path] + [f"{lang}/{path}" for lang in languages[1:]]
        return "\n".join(self.page(one) for one in paths)

    @property
    def problems(self) -> list[str]:
        """Every message logged at WARNING or above: what fails ``--strict``."""
        return [r.getMessage() for r in self.records if r.levelno >= logging.WARNING]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build_site(project: Path, site_dir: Path, strict: bool = True) -> Built:
    """``mkdocs build`` (``--strict`` by default) of ``project`` into ``site_dir``, in this process."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    built = Built(site_dir)
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
        build(config)
    except Abort as error:
        built.aborted = str(error)
    finally:
        logger.removeHandler(handler)
    built.records = handler.records
    return built


def mkdocs_build(
    project: Path, site_dir: Path, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``project`` into ``site_dir`` in a new process, as a person runs it.

    ``env`` adds to the environment (which always turns off Material's banner and colours).
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")]
    return subprocess.run(
        [*command, "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", **(env or {})},
        timeout=600,
        check=False,
        cwd=cwd,
    )


def copy_project(name: str, target: Path) -> Path:
    """A writable copy of a fixture project, for tests that change it."""
    shutil.copytree(FIXTURES / name, target)
    return target


def edit_config(project: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in a project's ``mkdocs.yml``; fails if ``old`` is not there (no silent no-op)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text, f"{config} has no {old!r}"
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the hash of its bytes: to prove nothing was written."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``golden/<name>``, or rewrite the file under the update flag."""
    path = GOLDEN / name
    if UPDATE_GOLDEN or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        if not UPDATE_GOLDEN:
            pytest.fail(f"golden file {name} was missing and has been written: review and commit it")
    assert text == path.read_bytes().decode("utf-8"), f"{name} differs from its golden file"


def golden_files(prefix: str) -> Iterator[str]:
    """The names of the golden files under ``golden/<prefix>/``."""
    folder = GOLDEN / prefix
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path.relative_to(GOLDEN).as_posix()


@dataclass
class Element:
    """One start tag met in a page: its name and attributes."""

    tag: str
    attrs: dict[str, str]


class _Reader(HTMLParser):
    """Collects tags and the text and links inside each ``div.kb-lang`` of the article."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.text: list[str] = []
        self.in_article = 0
        self.depth = 0
        self.lang_stack: list[tuple[int, str]] = []
        self.page_lang = ""
        self.lang_text: dict[str, list[str]] = {}
        self.links: list[tuple[str, str, str]] = []  # (lang, href, text)
        self._link: tuple[str, str] | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "html":  # a page of one language tree: its text is in that language
            self.page_lang = values.get("lang", "")
        if tag == "article":
            self.in_article += 1
        if not self.in_article:
            return
        self.elements.append(Element(tag, values))
        if tag in ("br", "img", "hr", "input", "meta", "link"):
            return
        self.depth += 1
        if "kb-lang" in values.get("class", "").split() and tag == "div":
            self.lang_stack.append((self.depth, values.get("lang", "")))
        if tag == "a" and "headerlink" not in values.get("class", ""):
            self._link = (self._lang, values.get("href", ""))
            self._link_text = []

    def handle_endtag(self, tag: str) -> None:
        if not self.in_article:
            return
        if tag == "article":
            self.in_article -= 1
            return
        if tag == "a" and self._link is not None:
            self.links.append((*self._link, "".join(self._link_text).strip()))
            self._link = None
        if self.lang_stack and self.lang_stack[-1][0] == self.depth:
            self.lang_stack.pop()
        self.depth -= 1

    @property
    def _lang(self) -> str:
        return self.lang_stack[-1][1] if self.lang_stack else self.page_lang

    def handle_data(self, data: str) -> None:
        if not self.in_article:
            return
        self.text.append(data)
        self.lang_text.setdefault(self._lang, []).append(data)
        if self._link is not None:
            self._link_text.append(data)


@dataclass
class Article:
    """The readable part of a page (``<article>``), split by language."""

    elements: list[Element]
    text: str
    by_lang: dict[str, str]
    links: list[tuple[str, str, str]]

    def link_texts(self, lang: str) -> list[str]:
        return [text for link_lang, _, text in self.links if link_lang == lang]

    def hrefs(self, lang: str | None = None) -> list[str]:
        return [href for link_lang, href, _ in self.links if lang is None or link_lang == lang]


def article(html: str) -> Article:
    """Parse the ``<article>`` of a page."""
    reader = _Reader()
    reader.feed(html)
    return Article(
        reader.elements,
        " ".join("".join(reader.text).split()),
        {lang: " ".join("".join(parts).split()) for lang, parts in reader.lang_text.items()},
        reader.links,
    )


def count_card_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the cards whose page is rendered from now on (not read from the cache)."""
    from build_kb.render import site as site_module

    rendered: list[str] = []
    real = site_module._card_html

    def counting(*args: object) -> str:
        rendered.append(str(args[3]))
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(site_module, "_card_html", counting)
    return rendered
