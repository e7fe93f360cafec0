"""The vocabulary options of the build_kb block: read, checked, turned into a :class:`Vocabulary`.

Each of ``kinds``, ``evidence_levels``, ``relations`` and ``sections`` replaces the
default list whole when it is set (nothing is merged: what a project's pages show is what
its settings say). Every problem is a ``vocabulary`` diagnostic at the setting's line, and the
default list stays in use for that option, so one typo does not hide the others.

Failing example (``mkdocs.yml``)::

    plugins:
      - build_kb:
          kinds:
            species: {label: {en: Species}}   # vocabulary: no 'theme' kind; no label in 'fr'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from build_kb.codes import report
from build_kb.diagnostics import Diagnostic, Position
from build_kb.ids import is_language_tag
from build_kb.load.yamlmarks import YamlPath
from build_kb.vocabulary import DEFAULT_VOCABULARY, EvidenceLevel, Kind, RelationType, Section, Vocabulary

VOCABULARY_OPTIONS = ("kinds", "evidence_levels", "relations", "sections")
"""The options that replace a list of the default vocabulary."""

_KEBAB_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_SNAKE_RE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
MAX_NAME = 40
MAX_LABEL = 200
MAX_TEXT = 1000
MAX_ENTRIES = 100
MAX_MARKS = 8

_FIELDS: dict[str, dict[str, str]] = {
    "kinds": {"label": "names", "plural": "names", "description": "text"},
    "evidence_levels": {"label": "names", "meaning": "texts", "marks": "marks", "description": "text"},
    "relations": {
        "label": "names",
        "inverse": "names",
        "symmetric": "flag",
        "shown": "flag",
        "section": "flag",
        "description": "text",
    },
    "sections": {
        "label": "names",
        "description": "text",
        "property_label": "names",
        "cited_as": "names",
        "overview": "flag",
        "intro": "texts",
        "empty": "texts",
    },
}
"""Each option's entry fields and what each holds."""
_REQUIRED = {
    "kinds": ("label",),
    "evidence_levels": ("label", "meaning"),
    "relations": ("label",),
    "sections": ("label",),
}
_CARD_FIELDS = frozenset(
    {"id", "kind", "themes", "label", "aliases", "summary", "definition", "relations", "claims", "links"}
)
_PAGE_SECTIONS = frozenset({"research", "references", "evidence", "kind", "edit"})
"""Anchors a card page already uses (``#<lang>-research``): a section cannot take them."""
_EXAMPLES = {
    "kinds": "kinds: {theme: {label: {en: Theme, fr: Thème}}, species: {label: {en: Species, fr: Espèce}}}",
    "evidence_levels": "evidence_levels: {replicated: {label: {en: Replicated}, meaning: {en: two or more labs}}}",
    "relations": "relations: {preys_on: {label: {en: Preys on}, inverse: {en: Prey of}}}",
    "sections": "sections: {field_notes: {label: {en: Field notes, fr: Notes de terrain}}}",
}


class _Reader:
    """Reads one option, collecting its problems with the position of what each is about."""

    def __init__(self, option: str, languages: tuple[str, ...], problem: Callable[[YamlPath, str, str], None]) -> None:
        self.option = option
        self.languages = languages
        self.problem = problem
        self.failed = False

    def fail(self, where: YamlPath, message: str, hint: str = "") -> None:
        self.failed = True
        self.problem((self.option, *where), message, hint)

    def names(self, where: YamlPath, value: Any, limit: int = MAX_LABEL) -> dict[str, str]:
        """A text per language, one for each site language."""
        shown = ".".join(str(part) for part in (self.option, *where))
        if not isinstance(value, dict) or not value:
            self.fail(
                where,
                f"'{shown}' must be a text per language",
                f"for example: {{en: ..., fr: ...}} ({limit} characters at most)",
            )
            return {}
        texts: dict[str, str] = {}
        for lang, text in value.items():
            if not is_language_tag(lang):
                self.fail((*where, lang), f"'{lang}' in '{shown}' is not a language code", "for example: en, fr, pt-BR")
            elif not isinstance(text, str) or not text.strip() or len(text) > limit or "\0" in text:
                self.fail((*where, lang), f"'{shown}.{lang}' must be a text of 1 to {limit} characters")
            else:
                texts[lang] = text.strip()
        missing = [lang for lang in self.languages if lang not in value]
        if missing:
            listed = ", ".join(missing)
            self.fail(
                where,
                f"'{shown}' has no text in {listed}",
                "give one in each site language: " + ", ".join(self.languages),
            )
        return texts

    def entry(self, name: str, value: Any) -> dict[str, Any] | None:
        """One entry's fields, checked: names per language, texts, flags."""
        fields = _FIELDS[self.option]
        if not isinstance(value, dict):
            self.fail(
                (name,), f"'{self.option}.{name}' must be a mapping of its fields", "fields: " + ", ".join(fields)
            )
            return None
        found: dict[str, Any] = {}
        for key, item in value.items():
            what = fields.get(str(key))
            if what is None:
                from build_kb.load.schema import suggest

                hint = suggest(str(key), fields) or "fields: " + ", ".join(fields)
                self.fail((name, key), f"unknown field '{key}' in '{self.option}.{name}'", hint)
            elif what == "names":
                found[key] = self.names((name, key), item)
            elif what == "texts":
                found[key] = self.names((name, key), item, MAX_TEXT)
            elif what == "flag":
                if isinstance(item, bool):
                    found[key] = item
                else:
                    self.fail((name, key), f"'{self.option}.{name}.{key}' must be true or false", f"{key}: true")
            elif isinstance(item, str) and 0 < len(item) <= (MAX_MARKS if what == "marks" else MAX_TEXT):
                found[key] = item
            else:
                limit = MAX_MARKS if what == "marks" else MAX_TEXT
                self.fail((name, key), f"'{self.option}.{name}.{key}' must be a text of 1 to {limit} characters")
        for key in _REQUIRED[self.option]:
            if key not in value:
                self.fail((name,), f"'{self.option}.{name}' lacks '{key}'", f"{key}: {{en: ..., fr: ...}}")
        return found

    def entries(self, value: Any, pattern: re.Pattern[str], style: str) -> list[tuple[str, dict[str, Any]]]:
        """The option's entries by name, in order, each name checked."""
        if not isinstance(value, dict) or (not value and self.option != "sections") or len(value) > MAX_ENTRIES:
            least = 0 if self.option == "sections" else 1
            self.fail(
                (),
                f"'{self.option}' must be a mapping of names to their settings ({least} to {MAX_ENTRIES})",
                _EXAMPLES[self.option],
            )
            return []
        found = []
        for name, item in value.items():
            if not isinstance(name, str) or len(name) > MAX_NAME or not pattern.fullmatch(name):
                fixed = re.sub(r"[^a-z0-9]+", "-" if style == "kebab" else "_", str(name).lower()).strip("-_")
                self.fail(
                    (str(name),),
                    f"'{name}' in '{self.option}' is not a valid name ({style} case, {MAX_NAME} characters at most)",
                    f"for example '{fixed}'" if fixed and fixed != name else "",
                )
                continue
            fields = self.entry(name, item)
            if fields is not None:
                found.append((name, fields))
        return found


def _kinds(reader: _Reader, value: Any) -> tuple[Kind, ...]:
    entries = reader.entries(value, _KEBAB_RE, "kebab")
    kinds = tuple(
        Kind(name, f.get("label", {}), f.get("plural") or f.get("label", {}), f.get("description", ""))
        for name, f in entries
    )
    if entries and "theme" not in (kind.name for kind in kinds):
        reader.fail((), "'kinds' has no 'theme': theme cards group the others", "add theme: {label: {en: Theme, ...}}")
    return kinds


def _levels(reader: _Reader, value: Any) -> tuple[EvidenceLevel, ...]:
    levels = []
    for name, f in reader.entries(value, _KEBAB_RE, "kebab"):
        if name == "theory":
            reader.fail(
                (name,),
                "'theory' cannot be an evidence level: it is the badge of a claim with basis theory",
                "choose another name",
            )
        levels.append(
            EvidenceLevel(name, f.get("label", {}), f.get("meaning", {}), f.get("marks", ""), f.get("description", ""))
        )
    return tuple(levels)


def _relations(reader: _Reader, value: Any) -> tuple[RelationType, ...]:
    relations = []
    for name, f in reader.entries(value, _SNAKE_RE, "snake"):
        symmetric = f.get("symmetric", False)
        if name == "narrower":
            reader.fail(
                (name,),
                "'narrower' cannot be written: it is derived from 'broader'",
                "declare 'broader' with inverse: {en: Narrower, ...}",
            )
        if not symmetric and "inverse" not in f:
            reader.fail(
                (name,),
                f"'relations.{name}' lacks 'inverse': how the target's page names the link",
                "inverse: {en: ..., fr: ...}, or symmetric: true",
            )
        if f.get("section") and f.get("shown") is False:
            reader.fail((name, "section"), f"'relations.{name}' has section: true and shown: false", "keep one")
        label = f.get("label", {})
        inverse = f.get("inverse") or label
        shown, section = f.get("shown", True), f.get("section", False)
        relations.append(RelationType(name, label, inverse, symmetric, shown, f.get("description", ""), section))
    return tuple(relations)


def _sections(reader: _Reader, value: Any) -> tuple[Section, ...]:
    sections = []
    for name, f in reader.entries(value, _SNAKE_RE, "snake"):
        if name in _CARD_FIELDS or name in _PAGE_SECTIONS:
            reader.fail(
                (name,),
                f"'{name}' cannot be a section: a card or its page already uses that name",
                "choose another name",
            )
        sections.append(
            Section(
                name,
                f.get("label", {}),
                f.get("description", ""),
                f.get("property_label", {}),
                f.get("overview", False),
                f.get("intro", {}),
                f.get("empty", {}),
                f.get("cited_as", {}),
            )
        )
    if sum(section.overview for section in sections) > 1:
        reader.fail((), "more than one section has 'overview: true'", "one section has the overview page (design/)")
    return tuple(sections)


_RDF_TAKEN = frozenset({"claim", "evidence", "basis", "via", "bears_on", "inferred", "source", "statement", "note"})
"""Names whose ``bkb:`` term the export already uses for claims: a relation or section cannot take them."""


def _clashes(vocabulary: Vocabulary, problem: Callable[[YamlPath, str, str], None]) -> None:
    """Names that would give two things one RDF term (``bkb:<name>``, ``bkb:<Kind>``)."""
    for relation in vocabulary.relations:
        if relation.name in _RDF_TAKEN or relation.name in vocabulary.section_names:
            what = "a section" if relation.name in vocabulary.section_names else "a claim's property"
            problem(("relations", relation.name), f"relation '{relation.name}' has the name of {what}", "rename it")
    for section in vocabulary.sections:
        if section.name in _RDF_TAKEN:
            problem(
                ("sections", section.name), f"section '{section.name}' has the name of a claim's property", "rename it"
            )
    if vocabulary.kind("claim") is not None:
        problem(("kinds", "claim"), "'claim' cannot be a kind: it names the claims of cards", "rename it")


_READERS: dict[str, Callable[[_Reader, Any], tuple[Any, ...]]] = {
    "kinds": _kinds,
    "evidence_levels": _levels,
    "relations": _relations,
    "sections": _sections,
}


def read_vocabulary(
    options: Mapping[str, Any], languages: tuple[str, ...], path: str, positions: Mapping[YamlPath, Position]
) -> tuple[Vocabulary, list[Diagnostic]]:
    """The vocabulary the options describe, and what is wrong with them.

    Args:
        options: The build_kb block's options (the others are ignored).
        languages: The site's languages: every label needs a text in each.
        path: The settings file, for diagnostics.
        positions: Where each key of the block stands, by its path (``("kinds", "species", "label")``).
    """
    diagnostics: list[Diagnostic] = []

    def problem(where: YamlPath, message: str, hint: str) -> None:
        at = Position()
        for end in range(len(where), 0, -1):
            if where[:end] in positions:
                at = positions[where[:end]]
                break
        diagnostics.append(report("vocabulary", path, at, message, hint))

    vocabulary = DEFAULT_VOCABULARY
    changes: dict[str, Any] = {}
    for option in VOCABULARY_OPTIONS:
        if options.get(option) is None:
            continue
        reader = _Reader(option, languages, problem)
        value = _READERS[option](reader, options[option])
        if not reader.failed:
            changes[option] = value
    _clashes(replace(vocabulary, **changes) if changes else vocabulary, problem)
    if "evidence_levels" in changes:
        changes["graded_rubric"] = False
    return (replace(vocabulary, **changes) if changes else vocabulary), diagnostics
