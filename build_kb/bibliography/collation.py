"""Sorting words as a reader expects, not by code point: Béguin among the Bs, before Bergviken.

Python compares text by code point, so every accented capital sorts after Z ("Éduscol"
after "Smith") and "é" after every plain letter ("Béguin" after "Butler"). CLDR's root
collation, which citeproc-js and pandoc's citeproc use, compares letters first, ignoring
accents and case, then accents, then case. :func:`collation_key` gives that order without
ICU: PyICU publishes no binary wheel on PyPI, and French and English need no tailoring of
the root order. The key is Unicode decomposition (NFKD) with combining marks removed,
case folded, and the few letters that do not decompose (ø, æ, œ, ł, đ, ı) spelled out;
then the accents (the decomposed text, case folded), then case (lower case first, as in
CLDR), so the order is total and deterministic. Spaces, then punctuation and symbols, sort
before digits, and digits before letters, as in CLDR ("§ 305 BGB" before "vor § 305 BGB").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_EXTRA = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ŀ": "l"})

_MARKS_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""The combining diacritical marks blocks: the accents NFKD takes off Latin, Greek and Cyrillic letters."""

CollationKey = tuple[str, str, str]


_LATE_PUNCTUATION = ":;<=>?@[\\]^_`{|}~"
_ASCII_WEIGHTS = str.maketrans(
    " \t\n" + _LATE_PUNCTUATION, "\x01\x01\x01" + "".join(chr(2 + i) for i in range(len(_LATE_PUNCTUATION)))
)
"""ASCII put in CLDR's order, one character for one (str.translate's fast path): spaces first,
then punctuation (``!``...``/`` already sort before digits; ``:``...``~`` are moved there)."""


class _Weights(dict[int, str]):
    """The same for any text: other spaces, punctuation and symbols before digits and letters."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if code < 128:
            weight = char.translate(_ASCII_WEIGHTS)
        elif code in _EXTRA:
            weight = str(_EXTRA[code])
        else:
            weight = char if char.isalnum() else ("\x01" if char.isspace() else "\x1f" + char)
        self[code] = weight
        return weight


_WEIGHTS = _Weights()


def fold(text: str) -> str:
    """``text`` without accents or case ("Béguin" -> "beguin"): what matching names compares."""
    if text.isascii():
        return text.lower()
    return _MARKS_RE.sub("", unicodedata.normalize("NFKD", text).casefold()).translate(_EXTRA)


@lru_cache(maxsize=65_536)
def collation_key(text: str) -> CollationKey:
    """A key sorting ``text`` as CLDR's root collation does for Latin script (letters, then accents, then case)."""
    if text.isascii():  # Most keys: no accent to weigh, case second.
        lowered = text.lower()
        return lowered.translate(_ASCII_WEIGHTS), lowered, text.swapcase()
    folded = unicodedata.normalize("NFKD", text).casefold()
    return _MARKS_RE.sub("", folded).translate(_WEIGHTS), folded, text.swapcase()


def collated(values: list[str]) -> list[str]:
    """``values`` sorted by :func:`collation_key`."""
    return sorted(values, key=collation_key)
