"""Reference material generated for the contributing guide, so it cannot drift.

The card field reference is read from the JSON Schema and the diagnostic codes from
the code registry, at build time; the guide embeds them with placeholders.
"""

from __future__ import annotations

from typing import Any

from build_kb.codes import CODES
from build_kb.load.schema import card_schema
from build_kb.vocabulary import DEFAULT_VOCABULARY, Vocabulary

_GROUP_TITLES = {
    "file": "The file",
    "schema": "The card format",
    "graph": "The concept graph",
    "citation": "Citations",
    "bibtex": "BibTeX",
    "safety": "Unsafe content",
    "rubric": "The evidence rubric (docs/evidence.md)",
    "coverage": "Coverage (warnings)",
    "project": "Project settings",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _type_of(schema: dict[str, Any], prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        target = str(prop["$ref"]).rsplit("/", 1)[-1]
        names = {
            "plainText": "text per language",
            "markdownText": "Markdown per language",
            "idList": "list of card ids",
            "cardId": "card id",
            "claimId": "claim id",
        }
        return names.get(target, target)
    if "enum" in prop:
        return " \\| ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type", "")
    if kind == "array":
        items = prop.get("items", {})
        inner = _type_of(schema, items) if isinstance(items, dict) else ""
        return f"list of {inner}" if inner else "list"
    return {"object": "mapping", "string": "text"}.get(kind, str(kind))


def field_reference(vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> str:
    """A Markdown table of every card field (``vocabulary``'s kinds, relations, levels and sections): type,
    whether required, and what goes there."""
    schema = card_schema(vocabulary)
    required = set(schema.get("required", []))
    rows = ["| field | type | required | what goes there |", "|---|---|---|---|"]
    for name, prop in schema["properties"].items():
        needed = "yes" if name in required else ("unless kind is theme" if name == "themes" else "no")
        rows.append(f"| `{name}` | {_type_of(schema, prop)} | {needed} | {_cell(prop.get('description', ''))} |")
    relations = schema["properties"]["relations"]["properties"]
    rows += ["", "Relation types (under `relations:`):", "", "| type | meaning |", "|---|---|"]
    rows += [f"| `{name}` | {_cell(prop.get('description', ''))} |" for name, prop in relations.items()]
    claim = schema["$defs"]["claimBody"]
    needs = {"evidence": "unless basis is theory (then forbidden)"}
    rows += [
        "",
        "Each claim (under `claims:`), unless it is `- ref: claim-id`"
        " (a claim written on another card, shown here too):",
        "",
        "| field | type | required | what goes there |",
        "|---|---|---|---|",
    ]
    for name, prop in claim["properties"].items():
        needed = "yes" if name in claim.get("required", []) else needs.get(name, "no")
        rows.append(f"| `{name}` | {_type_of(schema, prop)} | {needed} | {_cell(prop.get('description', ''))} |")
    return "\n".join(rows) + "\n"


def diagnostic_codes() -> str:
    """Every diagnostic code, grouped, with its severity, a failing example and its fix."""
    parts: list[str] = []
    for group, title in _GROUP_TITLES.items():
        codes = [code for code in CODES.values() if code.group == group]
        if not codes:
            continue
        parts += [f"#### {title}", "", "| code | severity | meaning | failing example | fix |", "|---|---|---|---|---|"]
        parts += [
            f"| `{c.name}` | {c.severity.value} | {_cell(c.summary)} | {_cell(c.example)} | {_cell(c.fix)} |"
            for c in codes
        ]
        parts.append("")
    return "\n".join(parts)
