"""The interface words of each site language: gettext catalogs (``.po``), the package's and the project's.

The package ships ``build_kb/locales/fr.po`` and ``en.po``; a project adds a language, or
rewords one, with ``<locales_dir>/<lang>.po`` (``locales/`` unless set). Each msgid is a
word's key (:func:`build_kb.render.i18n.word`); ``en.po`` holds every key, so it is what a
language needs. ``check`` and the build both get these diagnostics from the pipeline.

The ``.po`` files are read here, with the standard library, not with Babel: ``check`` runs
in the light install (no Babel) and must know whether a language has its words. The
format is gettext's, so Babel's and gettext's tools edit the catalogs; a test reads the
shipped catalogs with Babel too and finds the same words.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from build_kb.codes import report
from build_kb.config import ProjectConfig
from build_kb.diagnostics import Diagnostic, Position
from build_kb.load.sources import read_text

REFERENCE = "en"
"""The catalog that holds every word: what each language needs, and the words a language lacks fall back on."""
PACKAGE_LOCALES = "locales"

_KEYWORD_RE = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?![\w\[])[ \t]*")
_STRING_RE = re.compile(r'"((?:[^"\\]|\\.)*)"[ \t]*$')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


@dataclass(frozen=True, slots=True)
class Entry:
    """A catalog's translation of one word, and the line its ``msgid`` is on."""

    text: str
    line: int
    translated: bool
    """False for an empty ``msgstr`` or a ``#, fuzzy`` one: gettext does not use those, nor does the site."""


class PoSyntaxError(ValueError):
    """A line of a ``.po`` file that gettext's format does not allow."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line, self.column = line, column


def _unescape(body: str, line: int, column: int) -> str:
    out, index = [], 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            code = body[index + 1]
            if code not in _ESCAPES:
                raise PoSyntaxError(f"unknown escape '\\{code}' in a string", line, column + index)
            out.append(_ESCAPES[code])
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def parse_po(text: str) -> dict[str, Entry]:
    """The entries of a ``.po`` text by msgid (no context, no plural: build_kb's words are neither).

    Raises:
        PoSyntaxError: with the line and column of the first line gettext would refuse.
    """
    entries: dict[str, Entry] = {}
    fields: dict[str, str] = {}
    current = ""
    start, fuzzy, flagged = 0, False, False

    def close() -> None:
        nonlocal fields, current, fuzzy
        if "msgid" in fields and "msgctxt" not in fields and "msgid_plural" not in fields and fields["msgid"]:
            if "msgstr" not in fields:
                raise PoSyntaxError(f"msgid '{fields['msgid']}' has no msgstr", start, 1)
            value = fields["msgstr"]
            entries[fields["msgid"]] = Entry(value, start, bool(value) and not fuzzy)
        fields, current, fuzzy = {}, "", False

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if fields and current.startswith("msgstr"):
                close()
            if line.startswith("#,") and "fuzzy" in (flag.strip() for flag in line[2:].split(",")):
                flagged = True
            continue
        keyword = _KEYWORD_RE.match(line)
        if keyword is not None:
            name = keyword.group(1)
            if name in ("msgctxt", "msgid") and current.startswith("msgstr"):
                close()
            if name in ("msgctxt", "msgid") and not fields:
                start, fuzzy, flagged = number, flagged, False
            if name in fields:
                raise PoSyntaxError(f"a second {name} in one entry", number, 1)
            current, rest = name, line[keyword.end() :]
        elif line.startswith('"') and current:
            rest = line
        else:
            raise PoSyntaxError("expected msgid, msgstr, a quoted string or a # comment", number, 1)
        string = _STRING_RE.fullmatch(rest)
        if string is None:
            column = raw.index(rest[:1]) + 1 if rest else len(raw) + 1
            raise PoSyntaxError('expected one string in double quotes, "like this"', number, column)
        column = raw.index(rest) + 2
        fields[current] = fields.get(current, "") + _unescape(string.group(1), number, column)
    close()
    return entries


def package_catalog(lang: str) -> dict[str, Entry] | None:
    """The package's catalog of ``lang`` (``build_kb/locales/<lang>.po``), or None."""
    path = resources.files("build_kb").joinpath(PACKAGE_LOCALES, f"{lang}.po")
    if not path.is_file():
        return None
    return parse_po(path.read_text(encoding="utf-8"))


def _candidates(lang: str) -> list[str]:
    """``de-CH`` is looked for as ``de-CH``, then ``de``."""
    base = lang.split("-")[0]
    return [lang, base] if base != lang else [lang]


@dataclass(frozen=True)
class Catalogs:
    """The words of each language that has a catalog (the reference's fill what it lacks), and the problems."""

    words: Mapping[str, Mapping[str, str]]
    diagnostics: list[Diagnostic]


def load_catalogs(config: ProjectConfig) -> Catalogs:
    """The words of each of the project's languages: its own catalog over the package's.

    A language needs a catalog (the project's or the package's) with every key of the
    reference catalog; what one lacks is reported and shown in the reference language.
    """
    reference = package_catalog(REFERENCE) or {}
    english = {key: entry.text for key, entry in reference.items()}
    words: dict[str, Mapping[str, str]] = {REFERENCE: english}
    diagnostics: list[Diagnostic] = []
    folder = config.root / config.locales_dir
    for lang in config.languages:
        shipped: dict[str, Entry] = {}
        for name in reversed(_candidates(lang)):
            shipped.update(package_catalog(name) or {})
        own, shown, problems = _project_catalog(folder, lang, config)
        diagnostics.extend(problems)
        if own is None and not shipped and not problems:
            position = config.option_positions.get("languages", Position())
            where = config.config_file or "mkdocs.yml"
            message = f"language '{lang}' has no catalog of interface words (headings, badges, navigation)"
            hint = (
                f"write {config.locales_dir}/{lang}.po: a copy of build_kb's locales/{REFERENCE}.po "
                "with each msgstr translated"
            )
            diagnostics.append(report("missing-catalog", where, position, message, hint))
        merged = {key: entry for key, entry in shipped.items() if entry.translated}
        merged.update({key: entry for key, entry in (own or {}).items() if entry.translated})
        if own is not None:
            missing = [key for key in reference if key not in merged]
            if missing:
                lines = [own[key].line for key in missing if key in own]
                position = Position(min(lines), 1) if lines else Position(1, 1)
                listed = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
                message = f"the '{lang}' catalog lacks {len(missing)} of the {len(reference)} interface words: {listed}"
                hint = f"give each a translated msgstr (not fuzzy): build_kb's locales/{REFERENCE}.po has every msgid"
                diagnostics.append(report("incomplete-catalog", shown, position, message, hint))
        if own is not None or shipped:  # a language without a catalog is shown in the reference's words
            words[lang] = {**english, **{key: entry.text for key, entry in merged.items() if key in english}}
    return Catalogs(words, diagnostics)


def _project_catalog(
    folder: Path, lang: str, config: ProjectConfig
) -> tuple[dict[str, Entry] | None, str, list[Diagnostic]]:
    """The project's catalog of ``lang`` (or of its base language), its path as shown, and why it cannot be read."""
    for name in _candidates(lang):
        path = folder / f"{name}.po"
        if not path.is_file():
            continue
        shown = posixpath.normpath(Path(config.locales_dir, f"{name}.po").as_posix())  # as written, never resolved
        if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(config.root)):
            message = "this catalog is outside the project (a symbolic link, or locales_dir leaving it); it is not read"
            hint = "keep the catalogs in a folder of the project"
            return None, shown, [report("outside-project", shown, Position(), message, hint)]
        text, problems = read_text(path, shown, config.max_file_bytes)
        if text is None:
            return None, shown, problems
        try:
            return parse_po(text), shown, []
        except PoSyntaxError as error:
            hint = 'an entry is a msgid "key" line, then a msgstr "translation" line'
            position = Position(error.line, error.column)
            return None, shown, [report("catalog-syntax", shown, position, str(error), hint)]
    return None, "", []
