"""The words of generated pages, per language; English for a language without a catalog.

Card text is translated by contributors; these are the page's own words (headings,
badges, navigation): gettext catalogs, the package's (``build_kb/locales/``) and the
project's (:mod:`build_kb.load.catalogs`). Kinds, evidence levels and relations are the
project's vocabulary (:mod:`build_kb.vocabulary`), named in its settings: not catalog words.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from build_kb.load.catalogs import package_catalog
from build_kb.vocabulary import DEFAULT_VOCABULARY, Section, Vocabulary
from build_kb.vocabulary import pick as _pick_any

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


def _table(lang: str) -> Mapping[str, str]:
    """The words of ``lang``, the reference's (English) for a language without a catalog."""
    words = _words()
    return words.get(lang) or words[FALLBACK]


def word(key: str, lang: str, **values: object) -> str:
    """A page word in ``lang``, with ``{n}``-style values filled in (``<key>_one`` for ``n=1`` when there is one).

    A language without a catalog gets the reference's (English) words; ``check`` reports it.
    """
    table = _table(lang)
    if values.get("n") == 1 and f"{key}_one" in table:
        key = f"{key}_one"
    text = table[key]
    return text.format(**values) if values else text


def language_name(lang: str) -> str:
    """The language's name in itself, from its catalog: ``Français``, ``English``; its code without one."""
    return _words().get(lang, {}).get("language_name") or lang


def kind_name(kind: str, lang: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> str:
    """A card kind, singular, e.g. ``Méthode ou dispositif``."""
    found = vocabulary.kind(kind)
    return _pick_any(found.label, lang, kind) if found else word("kind_other", lang)


def kind_group(kind: str, lang: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> str:
    """A card kind as a list heading, plural."""
    found = vocabulary.kind(kind)
    return _pick_any(found.plural, lang, kind) if found else word("kind_other", lang)


def evidence_name(level: str, lang: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> str:
    """An evidence level as the badge shows it."""
    found = vocabulary.level(level)
    if found is not None:
        return _pick_any(found.label, lang, level)
    return word("evidence_theory" if level == "theory" else "evidence_none", lang)


def evidence_meaning(level: str, lang: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> str:
    """What an evidence level means, in one phrase ("" for a level the vocabulary does not know)."""
    found = vocabulary.level(level)
    if found is not None:
        return _pick_any(found.meaning, lang)
    return word("evidence_theory_meaning", lang) if level == "theory" else ""


def basis_name(basis: str, lang: str) -> str:
    """What a claim rests on, as its badge shows it (catalog words ``basis_<name>``)."""
    return _table(lang).get(f"basis_{basis}", basis)


def section_text(section: Section, field: str, lang: str) -> str:
    """A card section's ``label``, ``title``, ``intro``, ``empty`` or ``cited_as`` in ``lang``: the catalog's word for
    the default section (a project's catalog translates it), the project's text for its own ("" for none)."""
    key = section.catalog.get(field)
    if key is not None:
        return word(key, lang)
    texts: Mapping[str, str] = section.label if field == "title" else getattr(section, field)
    if field == "cited_as" and not texts:
        texts = section.label
    return _pick_any(texts, lang, section.name if field in ("label", "title") else "")


def relation_name(rel_type: str, lang: str, inverse: bool = False, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> str:
    """How a page names a relation, from the writing card or (``inverse``) from its target."""
    relation = vocabulary.relation_types[rel_type]
    return _pick_any(relation.inverse_label if inverse else relation.label, lang, rel_type)
