"""Relation types between cards: the default list, kept under its old name.

A project's own list is its vocabulary's (:attr:`build_kb.vocabulary.Vocabulary.relation_types`);
the card schema lists the same names. ``narrower`` is never written: it is derived from ``broader``.
"""

from __future__ import annotations

from collections.abc import Mapping

from build_kb.vocabulary import DEFAULT_VOCABULARY, RelationType

RELATION_TYPES: Mapping[str, RelationType] = DEFAULT_VOCABULARY.relation_types
"""The shipped base's relation types, by name."""

__all__ = ["RELATION_TYPES", "RelationType"]
