"""Load concept cards: file -> YAML with positions -> schema check -> :class:`Card`.

A card with schema errors is still turned into a :class:`Card` from whatever parts are
well-formed, so one typo does not hide the card from graph checks and cascade into
"unknown concept" errors on every card that links to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from build_kb.codes import report
from build_kb.config import ProjectConfig
from build_kb.diagnostics import Diagnostic, Position
from build_kb.ids import RESERVED_NAMES, is_concept_id, is_language_tag
from build_kb.load.files import Found, project_files
from build_kb.load.schema import validate_card
from build_kb.load.sources import read_text
from build_kb.load.yamlmarks import YamlDocument, load_yaml
from build_kb.model import Card, Claim, LangText, Link
from build_kb.vocabulary import DEFAULT_VOCABULARY, Vocabulary

CARD_SUFFIXES = (".yaml", ".yml")


def find_cards(config: ProjectConfig) -> Found:
    """Every card file under the concepts folder, subfolders included, with the problems met finding them."""
    return project_files(config, "concepts_dir", CARD_SUFFIXES, "cards")


def _lang_text(value: Any) -> LangText:
    """Text per language; a key that is no language code stays out (the schema reports it)."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if is_language_tag(k) and isinstance(v, str)}


def _str_tuple(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str))


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _claims(value: Any) -> tuple[Claim, ...]:
    if not isinstance(value, list):
        return ()
    claims = []
    for item in value:
        if isinstance(item, dict):
            claims.append(
                Claim(
                    statement=_lang_text(item.get("statement")),
                    evidence=_str(item.get("evidence")),
                    sources=_str_tuple(item.get("sources")),
                    note=_lang_text(item.get("note")),
                    id=_str(item.get("id")),
                    basis=_str(item.get("basis")),
                    via=_str(item.get("via")),
                    attribution=_str(item.get("attribution")),
                    ref=_str(item.get("ref")),
                )
            )
    return tuple(claims)


def _links(value: Any) -> tuple[Link, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        Link(item["url"], item["title"])
        for item in value
        if isinstance(item, dict) and isinstance(item.get("url"), str) and isinstance(item.get("title"), str)
    )


def card_from_document(doc: YamlDocument, path: str, stem: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> Card:
    """Build a card from a loaded document, keeping only well-typed parts (relations and sections of ``vocabulary``)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    card_id = data.get("id")
    kind = data.get("kind")
    relations = data.get("relations")
    aliases = data.get("aliases")
    return Card(
        id=card_id if isinstance(card_id, str) and is_concept_id(card_id) else stem,
        path=path,
        kind=kind if isinstance(kind, str) else "",
        themes=_str_tuple(data.get("themes")),
        label=_lang_text(data.get("label")),
        aliases={k: _str_tuple(v) for k, v in aliases.items() if is_language_tag(k)}
        if isinstance(aliases, dict)
        else {},
        summary=_lang_text(data.get("summary")),
        definition=_lang_text(data.get("definition")),
        relations=(
            {k: _str_tuple(relations.get(k)) for k in vocabulary.relation_types if k in relations}
            if isinstance(relations, dict)
            else {}
        ),
        claims=_claims(data.get("claims")),
        sections={k: text for k in vocabulary.section_names if (text := _lang_text(data.get(k)))},
        links=_links(data.get("links")),
        doc=doc,
    )


def _newline_language_keys(doc: YamlDocument, path: str, reported: set[Position]) -> list[Diagnostic]:
    """Keys such as ``"en\\n"``: the schema's patterns (``$`` matches before a final newline in
    Python) let them through as language codes, but they are not, and stay out of the card."""
    found: list[Diagnostic] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), doc.data)]
    while stack:
        where_in, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                where = doc.key_position((*where_in, key)) if key.endswith("\n") else None
                if where is not None and where not in reported and is_language_tag(key[:-1]):
                    found.append(
                        report(
                            "unknown-field",
                            path,
                            where,
                            f"'{key}' is not a language code: it ends with a line break",
                            f"write the key as {key[:-1]}:",
                        )
                    )
                stack.append(((*where_in, key), item))
        elif isinstance(value, list):
            stack.extend(((*where_in, index), item) for index, item in enumerate(value))
    return found


def parse_card(
    text: str, path: str, stem: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY
) -> tuple[Card | None, list[Diagnostic]]:
    """Parse and validate one card's text.

    Args:
        text: The file's text.
        path: Its project-relative path, for diagnostics.
        stem: The file name without suffix: the id the card must have.
        vocabulary: The project's kinds, levels, relation types and sections (the schema follows them).

    Returns:
        The card (None when the YAML could not be read at all) and its problems.
    """
    doc, diagnostics = load_yaml(text, path)
    if doc.data is None and diagnostics:
        return None, diagnostics
    diagnostics.extend(validate_card(doc, path, vocabulary))
    reported = {d.position for d in diagnostics if d.code == "unknown-field"}  # the schema's own reports
    diagnostics.extend(_newline_language_keys(doc, path, reported))
    card = card_from_document(doc, path, stem, vocabulary)
    data = doc.data if isinstance(doc.data, dict) else {}
    card_id = data.get("id")
    if isinstance(card_id, str) and is_concept_id(card_id) and card_id != stem:
        diagnostics.append(
            report(
                "id-mismatch",
                path,
                doc.value_position(("id",)),
                f"card id '{card_id}' differs from its file name '{stem}'",
                f"rename the file to {card_id}.yaml, or set id: {stem}",
            )
        )
    if isinstance(card_id, str) and card_id in RESERVED_NAMES:
        diagnostics.append(
            report(
                "bad-id",
                path,
                doc.value_position(("id",)),
                f"card id '{card_id}' is reserved: it names a generated index page",
                f"rename the card and its file, e.g. {card_id}-{card.kind or 'concept'}",
            )
        )
    if not is_concept_id(stem):
        diagnostics.append(
            report(
                "bad-id",
                path,
                doc.value_position(()),
                f"file name '{stem}' is not a valid card id",
                "name the file <id>.yaml with a lowercase kebab-case id",
            )
        )
    return card, diagnostics


def load_card(file: Path, config: ProjectConfig, shown: str | None = None) -> tuple[Card | None, list[Diagnostic]]:
    """Read, parse and validate one card file (``shown``: its :meth:`ProjectConfig.relative` path, if known)."""
    shown = config.relative(file) if shown is None else shown
    text, diagnostics = read_text(file, shown, config.max_file_bytes)
    if text is None:
        return None, diagnostics
    return parse_card(text, shown, file.stem, config.vocabulary)
