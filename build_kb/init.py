"""``python -m build_kb init [DIR]``: a new knowledge base that builds at once.

The files come from ``build_kb/templates/init/`` (package data) with the project's title,
languages and site address filled in: the site settings, a home page, a theme card and a
concept card citing the one BibTeX entry, the card schema, a catalog of interface words
for each language build_kb has none of (English, to translate), a ``.gitignore``, a pre-commit
configuration and a GitHub workflow that checks pull requests and publishes ``main`` on
GitHub Pages. Nothing is ever overwritten: if one of those files exists, nothing is written.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from build_kb import __version__
from build_kb.load.catalogs import package_catalog
from build_kb.load.schema import schema_text
from build_kb.schemafile import PROJECT_SCHEMA

TEMPLATES = "templates/init"
FALLBACK_LANGUAGE = "en"
"""The starter's texts exist in English and French; another language gets the English."""

_TOKEN = re.compile(r"@@([A-Za-z_]+)@@")

# Each file init writes, from its template (relative to the project).
FILES: dict[str, str] = {
    "mkdocs.yml": "mkdocs.yml",
    "docs/index.md": "index.md",
    "concepts/start-here.yaml": "theme.yaml",
    "concepts/semantic-web.yaml": "concept.yaml",
    "references/references.bib": "references.bib",
    "requirements.txt": "requirements.txt",
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/kb.yml": "kb.yml",
}
CARDS = {"concepts/start-here.yaml": "theme", "concepts/semantic-web.yaml": "concept"}


@dataclass(frozen=True, slots=True)
class InitRefused:
    """Why nothing was written: the files that are already there."""

    existing: list[str]


def _template(name: str) -> str:
    return resources.files("build_kb").joinpath(f"{TEMPLATES}/{name}").read_text(encoding="utf-8")


def _texts() -> dict[str, Any]:
    texts: dict[str, Any] = yaml.safe_load(_template("texts.yaml"))
    return texts


def _in(language: str, words: dict[str, Any]) -> Any:
    return words.get(language, words.get(language.split("-")[0], words[FALLBACK_LANGUAGE]))


def _known(language: str, words: dict[str, Any]) -> bool:
    return language in words or language.split("-")[0] in words


def _fill(template: str, values: dict[str, str]) -> str:
    """The template with each ``@@TOKEN@@`` replaced (every token must have a value: a bug otherwise)."""
    missing = set(_TOKEN.findall(template)) - set(values)
    if missing:
        raise ValueError(f"init template tokens without a value: {sorted(missing)}")
    return _TOKEN.sub(lambda match: values[match.group(1)], template)


def _flow(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(items) + "]"


def _block(text: str) -> str:
    """A text as YAML: plain on one short line, else folded (``>-``) at 100 columns, as cards are written."""
    if len(text) < 80 and yaml.safe_load(f"x: {text}") == {"x": text}:
        return text
    return ">-\n" + "\n".join(textwrap.wrap(text, 96, initial_indent="    ", subsequent_indent="    "))


def _card(template: str, words: dict[str, dict[str, str]], languages: tuple[str, ...]) -> str:
    values = {"SCHEMA": "../" + PROJECT_SCHEMA}
    for field, by_language in words.items():
        values[field] = "\n".join(f"  {lang}: {_block(_in(lang, by_language))}" for lang in languages)
    missing = [lang for lang in languages if not _known(lang, next(iter(words.values())))]
    values["PLACEHOLDER_NOTE"] = (
        f"# The {', '.join(missing)} texts below are English: translate them.\n" if missing else ""
    )
    return _fill(template, values)


def _translations(title: str, languages: tuple[str, ...], nav: dict[str, dict[str, str]]) -> str:
    """The plugin's ``translations`` block: each other language's tree, its site name and navigation titles."""
    if len(languages) < 2:
        return ""
    first = _in(languages[0], nav)
    comment = "      # Each other language's tree (/<lang>/): its site name and navigation titles."
    lines = ["", comment, "      translations:"]
    for lang in languages[1:]:
        lines += [f"        {lang}:", f"          site_name: {json.dumps(title, ensure_ascii=False)}", "          nav:"]
        titles = _in(lang, nav)
        lines += [
            f"            {json.dumps(first[path], ensure_ascii=False)}: {json.dumps(titles[path], ensure_ascii=False)}"
            for path in first
        ]
    return "\n".join(lines)


def _catalog(lang: str) -> str:
    """A project's catalog for a language build_kb has none of: its English words, to translate."""
    english = resources.files("build_kb").joinpath("locales", f"{FALLBACK_LANGUAGE}.po").read_text(encoding="utf-8")
    body = english[english.index('msgid ""') :]
    body = body.replace(f'"Language: {FALLBACK_LANGUAGE}\\n"', f'"Language: {lang}\\n"', 1)
    body = body.replace('msgid "language_name"\nmsgstr "English"', f'msgid "language_name"\nmsgstr "{lang}"', 1)
    return (
        f"# The words of this site's {lang} pages (headings, badges, navigation), for build_kb.\n"
        f"# Written by `build-kb init` from build_kb's English catalog: translate each msgstr\n"
        f"# (language_name: the language's name in itself, for the language selector).\n{body}"
    )


def project_files(title: str, languages: tuple[str, ...], site_url: str) -> dict[str, str]:
    """Every file of a new project, by path relative to it, with its text."""
    texts = _texts()
    first = languages[0]
    nav = _in(first, texts["nav"])
    site_url_line = (
        f"site_url: {json.dumps(site_url)}"
        if site_url
        else "# site_url: https://YOUR-NAME.github.io/YOUR-REPOSITORY/  (the published address: set it)"
    )
    values = {
        "TITLE": json.dumps(title, ensure_ascii=False),
        "SITE_URL_LINE": site_url_line,
        "LANGUAGE": first,
        "LANGUAGES": _flow(languages),
        "TRANSLATIONS": _translations(title, languages, texts["nav"]),
        "NAV": "\n".join(f"  - {json.dumps(label, ensure_ascii=False)}: {path}" for path, label in nav.items()),
        "VERSION": __version__,
        "CONCEPTS_DIR": "concepts",
        "REFERENCES_DIR": "references",
    }
    files: dict[str, str] = {}
    for target, template in FILES.items():
        if target in CARDS:
            files[target] = _card(_template(template), texts[CARDS[target]], languages)
        elif target == "docs/index.md":
            intro = "\n\n".join(dict.fromkeys(_in(lang, texts["intro"]) for lang in languages))
            files[target] = _fill(_template(template), {"TITLE": title, "INTRO": intro})
        else:
            files[target] = _fill(_template(template), values)
    files[PROJECT_SCHEMA] = schema_text()
    for lang in languages:
        if not any(package_catalog(name) for name in (lang, lang.split("-")[0])):
            files[f"locales/{lang}.po"] = _catalog(lang)
    return dict(sorted(files.items()))


def init_project(root: Path, title: str, languages: tuple[str, ...], site_url: str) -> list[str] | InitRefused:
    """Write a new project into ``root``; return the paths written, or the ones in the way.

    Every file is checked first, then each is created with ``open("x")``: an existing
    file (even one appearing meanwhile) is never replaced.
    """
    files = project_files(title, languages, site_url)
    existing = [path for path in files if (root / path).exists()]
    if existing:
        return InitRefused(existing)
    written = []
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with target.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:
            return InitRefused([path])
        written.append(path)
    return written
