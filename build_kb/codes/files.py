"""Codes about a file as such: size, encoding, YAML syntax, paths (cards, BibTeX and settings alike)."""

from __future__ import annotations

from build_kb.codes.code import Code, E

FILE_CODES: list[Code] = [
    # The file itself.
    Code(
        "file-too-large",
        E,
        "file",
        "The file is larger than the size limit.",
        "a 2 MB card pasted from a thesis",
        "split it into several cards, or raise max_file_bytes",
    ),
    Code(
        "not-utf8",
        E,
        "file",
        "The file is not valid UTF-8 text.",
        "a card saved as Latin-1: `label: {fr: Gamma \\xe9t\\xe9}`",
        "save the file as UTF-8",
    ),
    Code(
        "yaml-syntax",
        E,
        "file",
        "The YAML does not parse.",
        "`label:\\n  fr: Gamma\\n   en: Gamma` (en indented one space too far)",
        "align keys of one mapping",
    ),
    Code(
        "duplicate-key",
        E,
        "file",
        "A key appears twice in the same mapping.",
        "`related: [alpha]` and, two lines below, `related: [beta]`",
        "merge them: `related: [alpha, beta]`",
    ),
    Code(
        "yaml-anchor",
        E,
        "file",
        "YAML anchors (&) and aliases (*) are not allowed.",
        "`label: &name {...}` then `summary: *name`",
        "write each value out in full",
    ),
    Code(
        "yaml-tag",
        E,
        "file",
        "Explicit YAML tags (!!, !) are not allowed.",
        "`kind: !!python/name:os.system concept`",
        "remove the tag: `kind: concept`",
    ),
    Code(
        "yaml-complex-key",
        E,
        "file",
        "A mapping key is not plain text.",
        "`? [a, b]` as a key",
        "use plain words as keys",
    ),
    Code(
        "yaml-too-deep",
        E,
        "file",
        "The YAML nests deeper than any card needs.",
        "`links: [[[[...]]]]` nested 70 levels",
        "flatten the value",
    ),
    Code(
        "multiple-documents",
        E,
        "file",
        "The file holds more than one YAML document.",
        "a `---` line followed by a second card",
        "one card per file: move the second card to its own file",
    ),
    Code(
        "number-too-large",
        E,
        "file",
        "A whole number has more digits than any card needs (18); it is kept as written text.",
        "`kind: 111111111111111111111111` (24 digits)",
        "quote it if it is text: `'111111111111111111111111'`",
    ),
    Code(
        "outside-project",
        E,
        "file",
        "A file or folder is a symbolic link to somewhere outside the project; it is not read.",
        "`concepts/gamma.yaml` linking to `/etc/passwd`",
        "copy the file into the project instead of linking to it",
    ),
    Code(
        "unreadable",
        E,
        "file",
        "A file or folder cannot be read (permissions, or a link to nothing); its cards are missing.",
        "`concepts/drafts/` without read permission",
        "make it readable (`chmod -R a+rX concepts`), or remove it",
    ),
]
