"""``python -m build_kb new``: write a new card with every field and what goes in it.

The comments come from the schema's descriptions, so the scaffold says what the
checker will ask for. Required texts start empty, and the checker points at each one
until it is filled; optional fields start in a form that already passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_kb.ids import is_concept_id
from build_kb.load.schema import card_schema, suggest
from build_kb.model import BASES
from build_kb.vocabulary import DEFAULT_VOCABULARY, Vocabulary


@dataclass(frozen=True, slots=True)
class ScaffoldError:
    """Why a card could not be created, and what to do instead."""

    message: str
    hint: str = ""


def _description(schema: dict[str, Any], name: str) -> str:
    prop = schema["properties"][name]
    text = str(prop.get("description", ""))
    return text.split(". ")[0].rstrip(".")


def card_text(
    card_id: str,
    kind: str,
    themes: list[str],
    languages: tuple[str, ...],
    schema_ref: str | None,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
) -> str:
    """The YAML text of a new card, with a comment on every field (and the schema line, given a reference)."""
    schema = card_schema(vocabulary)
    relations = schema["properties"]["relations"]["properties"]

    def comment(name: str) -> str:
        return f"# {_description(schema, name)}."

    def lang_block(name: str) -> list[str]:
        return [f'  {lang}: ""' for lang in languages]

    lines = [f"# yaml-language-server: $schema={schema_ref}"] if schema_ref else []
    lines += [
        comment("id"),
        f"id: {card_id}",
        comment("kind")[:-1] + ": " + " | ".join(vocabulary.kind_names) + ".",
        f"kind: {kind}",
    ]
    if kind != "theme":
        lines += [comment("themes"), f"themes: [{', '.join(themes)}]"]
    lines += [comment("label"), "label:", *lang_block("label")]
    lines += [comment("aliases"), "aliases:", *(f"  {lang}: []" for lang in languages)]
    lines += [comment("summary"), "summary:", *lang_block("summary")]
    lines += [
        comment("definition") + " Long text: write '>-' and continue on indented lines.",
        "definition:",
        *lang_block("definition"),
    ]
    lines += [comment("relations"), "relations:"]
    for name in vocabulary.relation_types:
        described = relations[name].get("description", "").rstrip(".")
        lines.append(f"  {name}: []  # {described}" if described else f"  {name}: []")
    lines += [
        comment("claims"),
        "claims: []",
        "# - id: a-short-kebab-id  # optional; needed when another card shows this claim with '- ref: <id>'",
        "#   statement:",
        *(f"#     {lang}: ..." for lang in languages),
        "#   basis: survey  # " + " | ".join(BASES) + " (what it rests on: see docs/evidence.md)",
        f"#   evidence: {vocabulary.level_names[-1]}  # "
        + " | ".join(vocabulary.level_names)
        + " (none for basis: theory)"
        if not vocabulary.graded_rubric
        else "#   evidence: limited  # " + " | ".join(vocabulary.level_names) + " (none for basis: theory)",
        '#   sources: ["@key, p. 12"]',
        '#   via: "@reporter, p. 5"  # optional: the sources are known only through this work',
        "#   attribution: inferred  # optional: the claim is our reading of the sources, not a point they state",
        "# - ref: an-id-of-a-claim-on-another-card  # a finding written elsewhere, shown here too",
    ]
    for section in vocabulary.section_names:
        if schema["properties"][section].get("description"):
            lines.append(comment(section))
        lines += [f"# {section}:", *(f"#   {lang}: ..." for lang in languages)]
    lines += [
        comment("links"),
        "links: []",
    ]
    return "\n".join(lines) + "\n"


def create_card(
    concepts_dir: Path,
    card_id: str,
    kind: str,
    themes: list[str],
    known_themes: list[str],
    languages: tuple[str, ...],
    schema_ref: str | None,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
) -> Path | ScaffoldError:
    """Write ``concepts_dir/<id>.yaml``, refusing to overwrite or to write a bad card.

    ``schema_ref`` is what follows ``$schema=`` (see :mod:`build_kb.schemafile`): a path
    relative to ``concepts_dir`` or an address, never a path into a Python environment.

    Returns:
        The new file's path, or why it was not written.
    """
    if not is_concept_id(card_id):
        fixed = "-".join("".join(c if c.isalnum() else " " for c in card_id.lower()).split())
        return ScaffoldError(
            f"'{card_id}' is not a valid card id (lowercase ASCII words joined by '-')",
            f"try '{fixed}'" if fixed and is_concept_id(fixed) else "",
        )
    kinds = vocabulary.kind_names
    if kind not in kinds:
        return ScaffoldError(f"unknown kind '{kind}'", suggest(kind, kinds) or "kinds: " + ", ".join(kinds))
    if kind != "theme" and not themes:
        return ScaffoldError("a card needs at least one theme (--theme)", "themes: " + ", ".join(known_themes))
    for theme in themes:
        if theme not in known_themes:
            hint = suggest(theme, known_themes) or (
                "themes: " + ", ".join(known_themes) if known_themes else "create a theme card first (--kind theme)"
            )
            return ScaffoldError(f"unknown theme '{theme}'", hint)
    target = concepts_dir / f"{card_id}.yaml"
    existing = [p for p in concepts_dir.rglob(f"{card_id}.y*ml")] if concepts_dir.is_dir() else []
    if existing:
        return ScaffoldError(
            f"{existing[0]} already exists; not overwriting it", "choose another id, or edit that file"
        )
    concepts_dir.mkdir(parents=True, exist_ok=True)
    text = card_text(card_id, kind, themes, languages, schema_ref, vocabulary)
    try:
        with target.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite, even in a race.
            handle.write(text)
    except FileExistsError:
        return ScaffoldError(f"{target} already exists; not overwriting it")
    return target
