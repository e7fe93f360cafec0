"""Turning an offset inside a card's text into the file's line and column."""

from __future__ import annotations

from build_kb.diagnostics import Position
from build_kb.load.yamlmarks import YamlPath
from build_kb.model import Card


def text_position(card: Card, path: YamlPath, text: str, offset: int, length: int) -> Position:
    """Where ``text[offset:offset+length]`` stands in the card's file.

    The same snippet is searched for in the raw YAML of that value, counting earlier
    repeats, so the answer is exact in every scalar style (plain, quoted, ``|``, ``>``).
    """
    needle = text[offset : offset + max(1, length)].split("\n")[0]
    if not needle.strip():
        return card.doc.value_position(path)
    occurrence = text.count(needle, 0, offset)
    return card.doc.find_in_value(path, needle, occurrence)
