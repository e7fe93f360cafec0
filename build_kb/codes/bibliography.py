"""Codes about the BibTeX library: entries, fields, macros and keys."""

from __future__ import annotations

from build_kb.codes.code import Code, E, W

BIBTEX_CODES: list[Code] = [
    # BibTeX.
    Code(
        "bibtex-syntax",
        E,
        "bibtex",
        "A BibTeX block does not parse.",
        "`@article{broken2002` with no comma after the key",
        "`@article{broken2002,`",
    ),
    Code(
        "duplicate-reference",
        E,
        "bibtex",
        "Two BibTeX entries have the same key.",
        "`@book{wenger1998communities,` in two .bib files",
        "keep one entry per key",
    ),
    Code(
        "incomplete-reference",
        E,
        "bibtex",
        "An entry lacks author/editor, title or year.",
        "`@misc{huberman1989vie, author = {Huberman}, year = {1989}}`",
        "add the title, or declare the gap: `incomplete = {title}`",
    ),
    Code(
        "unknown-crossref",
        W,
        "bibtex",
        "An entry's crossref or xdata names a key that is not in the library.",
        "`crossref = {smith2020book}` with no `@book{smith2020book, ...}`",
        "add the parent entry, or correct the key",
    ),
    Code(
        "stale-incomplete-flag",
        W,
        "bibtex",
        "An entry's incomplete field names a field it has.",
        "`incomplete = {title}` on an entry with a title",
        "remove `title` from `incomplete`",
    ),
    Code(
        "undefined-macro",
        E,
        "bibtex",
        "A value uses a `@string` macro that no `.bib` file defines (before it, for another macro); "
        "the value is kept as written.",
        '`journal = rfp # " (special issue)"` with no `@string{rfp = ...}`',
        "define the macro with `@string`, or write the text in braces",
    ),
    Code(
        "duplicate-macro",
        E,
        "bibtex",
        "A `.bib` file defines the same `@string` macro twice; the first definition is used.",
        "`@string{rfp = {Revue}}` and, further down, `@string{rfp = {RFP}}`",
        "keep one definition",
    ),
    Code(
        "bibtex-value",
        W,
        "bibtex",
        "A value is not braced or quoted text, a number or macros joined by `#`; it is kept as written.",
        "`pages = 12--15` without braces",
        "put the value in braces: `pages = {12--15}`",
    ),
    Code(
        "macro-too-large",
        E,
        "bibtex",
        "A value made of macros would expand past the size limit; it is kept as written. A macro no entry "
        "uses is never expanded.",
        "`title = m8`, where `@string{m1 = m0 # m0 # m0 # m0}` is nested eight levels deep "
        "(millions of characters from 500 bytes)",
        "write the text out, or use fewer nested macros",
    ),
    Code(
        "bad-key",
        E,
        "bibtex",
        "A BibTeX key cannot be cited: it is empty or holds spaces or braces.",
        "`@article{, author = ...}` or `@book{wenger 1998, ...}`",
        "`@book{wenger1998,`: letters, digits and `_:.#$%&-+?<>~/`",
    ),
    Code(
        "bad-year",
        E,
        "bibtex",
        "A year is not a year: more than four digits in a row, or longer than 40 characters.",
        "`year = {19988}`",
        "`year = {1998}`; a year that is not known yet can be text, e.g. `year = {in press}`",
    ),
    Code(
        "bibtex-decode",
        W,
        "bibtex",
        "A field's LaTeX could not be decoded.",
        "`title = {Typesetting with \\verb}`",
        "write the text without the broken macro",
    ),
    Code(
        "bad-doi",
        W,
        "bibtex",
        "A DOI does not look like 10.NNNN/suffix.",
        "`doi = {https://doi.org/10.1234/abc}`",
        "`doi = {10.1234/abc}`",
    ),
    Code(
        "unknown-identification",
        E,
        "bibtex",
        "An entry's identification field is not probable, uncertain or unidentified.",
        "`identification = {maybe}`",
        "`identification = {probable}` (or uncertain, unidentified), with the reason in `note`",
    ),
    Code(
        "reference-slug-clash",
        E,
        "bibtex",
        "Two keys would get the same reference page.",
        "`Wenger1998Communities` and `wenger1998communities`",
        "rename one key",
    ),
]
