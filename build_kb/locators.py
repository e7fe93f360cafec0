"""Pandoc's locators: what of a citation's suffix is a locator ("pp. 33-35"), and what stays text.

Pandoc reads a locator at the start of an item's suffix (after an optional comma), as its
citeproc does (``Text.Pandoc.Citeproc.Locator``), and these rules follow it; a test
compares them with pandoc's own parse:

- a **label**, one of the locale's locator terms, long or short, singular or plural, in
  any case ("p.", "pp.", "page", "Chapter", "chap.", "§", "s.v.", "sub verbis"...), then
  one or more **values** separated by commas: "pp. 33-35, 38-39"; each value holds a digit
  or is a roman numeral ("p. iv"); a value ends before a final period ("p. 12." leaves
  "."); what follows is the suffix, kept as written (" and *passim*", " et seq.");
- **no label**: a value with a digit is a page ("33", "33, 35", "12a");
- **braces** take anything as the value: ``{pp. iv, vi-xi}`` (a page range of romans),
  ``{ii, A, D-Z}`` (no label: pandoc prints the value bare), ``{}`` (no locator at all).

The terms are those of the CSL locales en-US and fr-FR (a test reads them from
citeproc-py's locale files). English pages know the English terms, as pandoc does; French
pages know the French ones and, unlike pandoc, the English ones too: a bilingual card's
French text often cites with "pp." or "para.", which pandoc would print unparsed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# CSL locator term -> its forms in the locale (long and short, singular and plural, symbols).
TERMS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "book": ("book", "books", "bk.", "bks."),
        "chapter": ("chapter", "chapters", "chap.", "chaps.", "c.", "cc."),
        "column": ("column", "columns", "col.", "cols."),
        "figure": ("figure", "figures", "fig.", "figs."),
        "folio": ("folio", "folios", "fol.", "fols."),
        "issue": ("issue", "issues", "no.", "nos."),
        "line": ("line", "lines", "l.", "ll."),
        "note": ("note", "notes", "n.", "nn."),
        "opus": ("opus", "opera", "op.", "opp."),
        "page": ("page", "pages", "p.", "pp."),
        "paragraph": ("paragraph", "paragraphs", "para.", "paras.", "¶", "¶¶"),
        "part": ("part", "parts", "pt.", "pts."),
        "section": ("section", "sections", "sec.", "secs.", "§", "§§"),
        "sub-verbo": ("sub verbo", "sub verbis", "s.v.", "s.vv."),
        "verse": ("verse", "verses", "v.", "vv."),
        "volume": ("volume", "volumes", "vol.", "vols."),
    },
    "fr": {
        "book": ("livre", "livres"),
        "chapter": ("chapitre", "chapitres", "chap.", "c."),
        "column": ("colonne", "colonnes", "col."),
        "figure": ("figure", "figures", "fig."),
        "folio": ("folio", "folios", "fᵒ", "fᵒˢ"),
        "issue": ("numéro", "numéros", "nᵒ", "nᵒˢ"),
        "line": ("ligne", "lignes", "l."),
        "note": ("note", "notes", "n."),
        "opus": ("opus", "op."),
        "page": ("page", "pages", "p."),
        "paragraph": ("paragraphe", "paragraphes", "paragr.", "§"),
        "part": ("partie", "parties", "part."),
        "section": ("section", "sections", "sect.", "§"),  # "§" reads as a paragraph: that term comes first
        "sub-verbo": ("sub verbo", "sub verbis", "s.\u00a0v."),
        "verse": ("verset", "versets", "v."),
        "volume": ("volume", "volumes", "vol."),
    },
}
"""As citeproc-py's ``locales-en-US.xml`` and ``locales-fr-FR.xml`` write them (a test holds them equal)."""

_WORD_RE = re.compile(r"[^\W_]+(?:[.:\-\u2010-\u2015/][^\W_]+)*")
_ROMAN_RE = re.compile(r"^[ivxlcdm]+(?:[\-\u2010-\u2015][ivxlcdm]+)*$", re.IGNORECASE)
_SPACE = " \t\n\u00a0"


class Locator(NamedTuple):
    """A CSL locator: its term (``page``, ``chapter``...; "" for a braced value without a label) and value."""

    label: str
    value: str


@lru_cache(maxsize=8)
def _labels(lang: str) -> tuple[tuple[str, str], ...]:
    """Every (form casefolded, term) a page in ``lang`` reads as a label, longest first; the page's
    language wins a form two locales give different terms ("§": a section in English, a paragraph in French)."""
    languages = [lang, "en"] if lang in TERMS and lang != "en" else ["en"]
    found: dict[str, str] = {}
    for language in languages:
        for term, forms in TERMS[language].items():
            for form in forms:
                found.setdefault(form.casefold(), term)
    return tuple(sorted(found.items(), key=lambda pair: (-len(pair[0]), pair[0])))


def _label(text: str, lang: str) -> tuple[str, int] | None:
    """The term a label at the start of ``text`` names, and where its value starts."""
    folded = text.casefold()
    for form, term in _labels(lang):
        if not folded.startswith(form):
            continue
        end = len(form)
        after = text[end:]
        spaces = len(after) - len(after.lstrip(_SPACE))
        # A word label needs a space before its value ("page 3", not "pages12"); "p.3" and "§42" do not.
        if spaces or (after and not form[-1].isalnum()):
            return term, end + spaces
    return None


def _value_word(text: str, start: int, labelled: bool) -> int:
    """The end of a locator value word at ``start`` (a digit in it, or roman when labelled), else -1."""
    match = _WORD_RE.match(text, start)
    if match is None:
        return -1
    word = match.group(0)
    if any(char.isdigit() for char in word) or (labelled and _ROMAN_RE.match(word)):
        return match.end()
    return -1


def _closing_brace(text: str) -> int:
    """The offset of the ``}`` that closes the ``{`` at 0 (braces and brackets balanced), else -1."""
    depth = 0
    for index, char in enumerate(text):
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return index if char == "}" else -1
    return -1


def _braced(text: str, lang: str) -> tuple[Locator | None, str] | None:
    end = _closing_brace(text)
    if end < 0:
        return None
    inner = text[1:end].strip(_SPACE)
    rest = text[end + 1 :]
    if not inner:
        return None, rest
    found = _label(inner, lang)
    if found is None:
        return Locator("", inner), rest
    term, start = found
    return Locator(term, inner[start:].strip(_SPACE)), rest


@lru_cache(maxsize=65_536)
def split_locator(suffix: str, lang: str = "en") -> tuple[Locator | None, str]:
    """A citation item's suffix as pandoc reads it: its locator, if any, and the text after it.

    ``"pp. 33-35 and *passim*"`` -> ``(Locator("page", "33-35"), " and *passim*")``;
    ``"p. 12 et seq."`` -> ``(Locator("page", "12"), " et seq.")``; ``"33"`` -> a page;
    ``"chapter one"`` -> ``(None, "chapter one")``. The text after a locator keeps its leading
    space or punctuation, as written.
    """
    text = suffix.lstrip(_SPACE)
    if text.startswith(","):
        text = text[1:].lstrip(_SPACE)
    if text.startswith("{"):
        braced = _braced(text, lang)
        if braced is not None:
            return braced
        return None, text.strip(_SPACE)
    found = _label(text, lang)
    term, start = found if found is not None else ("page", 0)
    labelled = found is not None
    end = _value_word(text, start, labelled)
    if end < 0:
        return None, text.strip(_SPACE)
    while True:  # More values after commas: "33-35, 38-39".
        after = re.match(r",[ \t\u00a0]*", text[end:])
        if after is None:
            break
        following = _value_word(text, end + after.end(), labelled)
        if following < 0:
            break
        end = following
    return Locator(term, text[start:end]), text[end:].rstrip(_SPACE)
