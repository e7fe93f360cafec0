"""The card format: the published JSON Schema, and its errors as diagnostics.

The schema file is the one definition of a card: editors autocomplete from it, the
checker validates with it, and the contributing guide's field reference is generated
from it. jsonschema-rs validates (the schema compiled once, in Rust); its typed
errors are turned into stable codes with positions and hints.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema_rs import ValidationError, ValidationErrorKind

from build_kb.codes import report
from build_kb.diagnostics import Diagnostic
from build_kb.load.yamlmarks import YamlDocument, YamlPath
from build_kb.vocabulary import DEFAULT_VOCABULARY, Vocabulary

SCHEMA_RESOURCE = "schema/concept.schema.json"
"""Where the schema lives inside the package (also its path in the repository)."""

_JSON_TYPE_WORDS = {
    "object": "a mapping (key: value)",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}


@cache
def _packaged_schema() -> dict[str, Any]:
    text = resources.files("build_kb").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def card_schema(vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> dict[str, Any]:
    """The card JSON Schema for ``vocabulary``: the packaged file for the default one.

    The one place the schema is read: validation (:func:`_validator`), publication and the
    field reference all start here.
    """
    if vocabulary is DEFAULT_VOCABULARY:
        return _packaged_schema()
    return _vocabulary_schema(vocabulary)


def _choices(lead: str, entries: Iterable[tuple[str, str]], tail: str = "") -> str:
    """``lead`` then ``name: description`` of each entry that has one, as the schema's descriptions read."""
    parts = "; ".join(f"{name}: {text}" for name, text in entries if text)
    return " ".join(part for part in (lead, f"{parts}." if parts else "", tail) if part)


@lru_cache(maxsize=8)
def _vocabulary_schema(vocabulary: Vocabulary) -> dict[str, Any]:
    """The packaged schema with ``vocabulary``'s kinds, relation types, evidence levels and sections.

    Made from the packaged file, so everything else (ids, texts, claims, links) stays one
    definition; :func:`card_schema` of the default vocabulary is the file itself (a test
    holds the two together).
    """
    schema = copy.deepcopy(_packaged_schema())
    properties = schema["properties"]
    kind = properties["kind"]
    kind["description"] = _choices("What the card describes.", ((k.name, k.description) for k in vocabulary.kinds))
    kind["enum"] = list(vocabulary.kind_names)
    relations: dict[str, Any] = {}
    for relation in vocabulary.relations:
        entry = {"description": relation.description} if relation.description else {}
        relations[relation.name] = {**entry, "$ref": "#/$defs/idList"}
    properties["relations"]["properties"] = relations
    evidence = schema["$defs"]["claimBody"]["properties"]["evidence"]
    evidence["description"] = _choices(
        "How strong the evidence is, on the rubric (docs/evidence.md)."
        if vocabulary.graded_rubric
        else "How strong the evidence is, on the project's levels.",
        ((level.name, level.description or level.meaning.get("en", "")) for level in vocabulary.evidence_levels),
        "Required unless basis is theory; forbidden when it is.",
    )
    evidence["enum"] = list(vocabulary.level_names)
    rebuilt: dict[str, Any] = {}
    for name, value in properties.items():
        if name == "implications":
            continue
        if name == "links":  # the sections stand where the default one does: after claims
            for section in vocabulary.sections:
                entry = {"description": section.description} if section.description else {}
                rebuilt[section.name] = {**entry, "$ref": "#/$defs/markdownText"}
        rebuilt[name] = value
    schema["properties"] = rebuilt
    return schema


@lru_cache(maxsize=8)
def _validator(vocabulary: Vocabulary) -> jsonschema_rs.Draft202012Validator:
    """The schema compiled once per vocabulary; a schema that is not valid draft 2020-12 fails here."""
    schema = card_schema(vocabulary)
    jsonschema_rs.meta.validate(schema)
    return jsonschema_rs.Draft202012Validator(schema)


def _subschema(error: ValidationError, vocabulary: Vocabulary) -> dict[str, Any]:
    """The schema object holding the keyword that failed (its ``schema_path`` without the keyword)."""
    node: Any = card_schema(vocabulary)
    for part in error.schema_path[:-1]:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            node = node[part]
        else:
            return {}
    return node if isinstance(node, dict) else {}


def schema_text(vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> str:
    """The schema as published at ``/schema/concept.schema.json``."""
    return json.dumps(card_schema(vocabulary), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def suggest(word: str, choices: Iterable[str]) -> str:
    """A "did you mean" hint for ``word`` among ``choices``, or an empty string."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""


_EMPTY = (ValidationErrorKind.MinItems, ValidationErrorKind.MinProperties, ValidationErrorKind.MinLength)
_TOO_LONG = (ValidationErrorKind.MaxItems, ValidationErrorKind.MaxProperties, ValidationErrorKind.MaxLength)


def _type_name(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return "a number"
    return "text"


def _where(path: YamlPath) -> str:
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in path]
    return "".join(parts).lstrip(".") or "the card"


def _extra_keys(error: ValidationError, unexpected: list[str]) -> list[str]:
    """The unexpected keys in the card's order."""
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [k for k in instance if k in unexpected]


def _diagnose(error: ValidationError, doc: YamlDocument, path: str, vocabulary: Vocabulary) -> Iterator[Diagnostic]:
    where: YamlPath = tuple(error.instance_path)
    kind = error.kind
    value_pos = doc.value_position(where)
    name = _where(where)
    if isinstance(kind, ValidationErrorKind.FalseSchema) and where[:1] == ("claims",):
        # The rubric's rule, written in the schema: a theory claim carries no evidence level.
        at = where if where[-1:] == ("evidence",) else (*where, "evidence")
        yield report(
            "graded-theory",
            path,
            doc.key_position(at),
            f"{_where(at[:2])} has basis theory and an evidence level",
            "a theoretical or definitional statement is not graded: remove evidence, or give the empirical basis",
        )
    elif isinstance(kind, ValidationErrorKind.AdditionalProperties):
        known = list(_subschema(error, vocabulary).get("properties", {}))
        for key in _extra_keys(error, kind.unexpected):
            hint = suggest(key, known)
            if key == "narrower":
                hint = "narrower is derived: write 'broader' on the narrower card instead"
            elif known == ["ref"]:
                hint = "a claim with ref holds nothing else: it shows the claim written on its home card"
            elif not hint and known:
                hint = "allowed here: " + ", ".join(known)
            yield report(
                "unknown-field",
                path,
                doc.key_position((*where, key)),
                f"unknown field '{key}' in {name}",
                hint,
            )
    elif isinstance(kind, ValidationErrorKind.Required):
        yield report(
            "missing-field",
            path,
            value_pos,
            f"{name} lacks the required field '{kind.property}'",
            _field_hint(kind.property, vocabulary),
        )
    elif isinstance(kind, ValidationErrorKind.Type):
        expected = kind.types
        words = _JSON_TYPE_WORDS.get(expected[0], expected[0]) if len(expected) == 1 else str(expected)
        yield report(
            "wrong-type",
            path,
            value_pos,
            f"{name} must be {words}, not {_type_name(error.instance)}",
            "check the indentation and the card format (see the schema)",
        )
    elif isinstance(kind, ValidationErrorKind.Enum):
        choices = [str(c) for c in kind.options]
        shown = str(error.instance)[:60]
        yield report(
            "bad-value",
            path,
            value_pos,
            f"{name} is '{shown}', which is not one of: {', '.join(choices)}",
            suggest(shown, choices),
        )
    elif isinstance(kind, ValidationErrorKind.Pattern):
        yield _pattern_diagnostic(where, error, path, value_pos)
    elif isinstance(kind, _EMPTY):
        yield report("empty-value", path, value_pos, f"{name} is empty", "fill it in, or remove the field")
    elif isinstance(kind, _TOO_LONG):
        yield report(
            "too-long",
            path,
            value_pos,
            f"{name} is longer than the limit of {kind.limit}",
            "shorten it, or split the card",
        )
    elif isinstance(kind, ValidationErrorKind.UniqueItems):
        yield report("duplicate-item", path, value_pos, f"{name} lists the same item twice", "remove the repeat")
    else:
        yield report("invalid-value", path, value_pos, f"{name}: {error.message[:200]}")


def _pattern_diagnostic(where: YamlPath, error: ValidationError, path: str, position: Any) -> Diagnostic:
    value = str(error.instance)[:80]
    if where and where[0] == "claims" and "via" in where:
        return report(
            "bad-citation",
            path,
            position,
            f"via '{value}' is not a citation",
            'write it as "@key" or "@key, p. 12": the work through which the sources are known',
        )
    if where and where[0] == "claims" and "sources" in where:
        return report(
            "bad-citation",
            path,
            position,
            f"claim source '{value}' is not a citation",
            'write it as "@key" or "@key, p. 12"',
        )
    if where and where[0] == "links":
        return report(
            "unsafe-link",
            path,
            position,
            f"link '{value}' is not an http(s) or mailto URL",
            "only http://, https:// and mailto: links are published",
        )
    fixed = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return report(
        "bad-id",
        path,
        position,
        f"'{value}' in {_where(where)} is not a valid id (lowercase ASCII words joined by '-')",
        f"for example '{fixed}'" if fixed and fixed != value else "use letters a-z, digits and '-'",
    )


def _field_hint(field: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> str:
    levels = " | ".join(vocabulary.level_names)
    hints = {
        "themes": "every card but a theme belongs to at least one theme: themes: [theme-id]",
        "label": "label: {fr: ..., en: ...}",
        "summary": "one or two plain sentences per language: summary: {fr: ..., en: ...}",
        "definition": "definition: {fr: ..., en: ...} (Markdown, with citations)",
        "evidence": f"evidence: {levels} (none for basis: theory)",
        "basis": "basis: review | experimental | survey | qualitative | case | theory (see docs/evidence.md)",
        "sources": 'sources: ["@key, p. 12"]',
    }
    return hints.get(field, f"add '{field}:'")


def validate_card(doc: YamlDocument, path: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> list[Diagnostic]:
    """Validate a loaded card against the schema of ``vocabulary``; one diagnostic per problem."""
    validator = _validator(vocabulary)
    if validator.is_valid(doc.data):
        return []
    diagnostics: list[Diagnostic] = []
    for error in validator.iter_errors(doc.data):
        diagnostics.extend(_diagnose(error, doc, path, vocabulary))
    return diagnostics
