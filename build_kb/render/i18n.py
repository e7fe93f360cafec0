"""The words of generated pages, per language; English for a language without a catalog.

Card text is translated by contributors; these are the page's own words (headings,
badges, navigation): gettext catalogs, the package's (``build_kb/locales/``) and the
project's (:mod:`build_kb.load.catalogs`). Kinds, evidence levels and relations are named below.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from build_kb.labels import BASIS_LABELS, EVIDENCE_LABELS, KIND_LABELS
from build_kb.load.catalogs import package_catalog
from build_kb.model import KINDS
from build_kb.relations import RELATION_TYPES

FALLBACK = "en"

_WORDS: dict[str, Mapping[str, str]] = {}
"""The words of the build under way, by language (:func:`use_words`); the package's catalogs until one starts."""


def use_words(words: Mapping[str, Mapping[str, str]]) -> None:
    """Make pages with these words: the project's catalogs (:attr:`build_kb.pipeline.Loaded.words`).

    Set by the plugin for each build, before any page is made (a second process, forked
    later, has them too); the previous build's words are dropped.
    """
    _WORDS.clear()
    _WORDS.update(words)


def words_digest() -> str:
    """A hash of the words in use: part of every cached page's key (a reworded catalog makes new pages)."""
    text = json.dumps(_words(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _words() -> Mapping[str, Mapping[str, str]]:
    if not _WORDS:
        for lang in ("fr", FALLBACK):
            entries = package_catalog(lang) or {}
            _WORDS[lang] = {key: entry.text for key, entry in entries.items()}
    return _WORDS


_KINDS = KIND_LABELS

_KIND_GROUPS: dict[str, dict[str, str]] = {
    "theme": {"fr": "Thèmes", "en": "Themes"},
    "concept": {"fr": "Concepts", "en": "Concepts"},
    "model": {"fr": "Modèles", "en": "Models"},
    "method": {"fr": "Méthodes et dispositifs", "en": "Methods"},
    "case": {"fr": "Cas", "en": "Cases"},
    "finding": {"fr": "Résultats de recherche", "en": "Research findings"},
    "": {"fr": "Autres", "en": "Other"},
}

_EVIDENCE: dict[str, dict[str, str]] = {
    **EVIDENCE_LABELS,
    "theory": {"fr": "Théorie ou définition", "en": "Theory or definition"},
    "": {"fr": "Niveau non précisé", "en": "Evidence not stated"},
}

_EVIDENCE_MEANING: dict[str, dict[str, str]] = {
    "strong": {
        "fr": "une revue systématique, ou au moins trois études expérimentales concordantes",
        "en": "a systematic review, or three or more consistent experimental studies",
    },
    "moderate": {
        "fr": "au moins deux travaux par enquête, expérimentaux ou de synthèse qui concordent",
        "en": "two or more survey, experimental or review works that agree",
    },
    "limited": {
        "fr": "un seul travail, ou des entretiens, déclarations, observations ou cas",
        "en": "one work, or interviews, self-reports, observations or cases",
    },
    "mixed": {"fr": "les études se contredisent", "en": "studies disagree"},
    "none-found": {"fr": "affirmé, mais non démontré", "en": "claimed but not shown"},
    "theory": {
        "fr": "un énoncé théorique ou une définition, qui n'est pas noté comme une preuve",
        "en": "a theoretical or definitional statement, not graded as evidence",
    },
}

KIND_ORDER = KINDS


def _pick(table: dict[str, str], lang: str) -> str:
    return table.get(lang) or table[FALLBACK]


def word(key: str, lang: str, **values: object) -> str:
    """A page word in ``lang``, with ``{n}``-style values filled in (``<key>_one`` for ``n=1`` when there is one).

    A language without a catalog gets the reference's (English) words; ``check`` reports it.
    """
    words = _words()
    table = words.get(lang) or words[FALLBACK]
    if values.get("n") == 1 and f"{key}_one" in table:
        key = f"{key}_one"
    text = table[key]
    return text.format(**values) if values else text


def language_name(lang: str) -> str:
    """The language's name in itself, from its catalog: ``Français``, ``English``; its code without one."""
    return _words().get(lang, {}).get("language_name") or lang


def kind_name(kind: str, lang: str) -> str:
    """A card kind, singular, e.g. ``Méthode ou dispositif``."""
    return _pick(_KINDS.get(kind, _KIND_GROUPS[""]), lang)


def kind_group(kind: str, lang: str) -> str:
    """A card kind as a list heading, plural."""
    return _pick(_KIND_GROUPS.get(kind, _KIND_GROUPS[""]), lang)


def evidence_name(level: str, lang: str) -> str:
    """An evidence level as the badge shows it."""
    return _pick(_EVIDENCE.get(level, _EVIDENCE[""]), lang)


def evidence_meaning(level: str, lang: str) -> str:
    """What an evidence level means, in one phrase."""
    return _pick(_EVIDENCE_MEANING[level], lang)


def basis_name(basis: str, lang: str) -> str:
    """What a claim rests on, as its badge shows it."""
    return _pick(BASIS_LABELS.get(basis, {"fr": basis, "en": basis}), lang)


def relation_name(rel_type: str, lang: str, inverse: bool = False) -> str:
    """How a page names a relation, from the writing card or (``inverse``) from its target."""
    relation = RELATION_TYPES[rel_type]
    return _pick(relation.inverse_label if inverse else relation.label, lang)
