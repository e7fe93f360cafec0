"""The registry of diagnostic codes: one place that says what each code means.

Codes are stable: contributors search for them, CI annotations show them, and the
contributing guide lists them. A diagnostic can only be made through :func:`report`,
which refuses a code that is not registered here.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_kb.diagnostics import Diagnostic, Position, Severity

E = Severity.ERROR
W = Severity.WARNING


@dataclass(frozen=True, slots=True)
class Code:
    """A diagnostic code: its default severity, group and one-line meaning."""

    name: str
    severity: Severity
    group: str
    summary: str


_CODES = [
    # The file itself.
    Code("file-too-large", E, "file", "The file is larger than the size limit."),
    Code("not-utf8", E, "file", "The file is not valid UTF-8 text."),
    Code("yaml-syntax", E, "file", "The YAML does not parse."),
    Code("duplicate-key", E, "file", "A key appears twice in the same mapping."),
    Code("yaml-anchor", E, "file", "YAML anchors (&) and aliases (*) are not allowed."),
    Code("yaml-tag", E, "file", "Explicit YAML tags (!!, !) are not allowed."),
    Code("yaml-complex-key", E, "file", "A mapping key is not plain text."),
    Code("yaml-too-deep", E, "file", "The YAML nests deeper than any card needs."),
    Code("multiple-documents", E, "file", "The file holds more than one YAML document."),
    # The card schema.
    Code("missing-field", E, "schema", "A required field is missing."),
    Code("unknown-field", E, "schema", "A field the card format does not define."),
    Code("wrong-type", E, "schema", "A value has the wrong type."),
    Code("bad-value", E, "schema", "A value is not one of the allowed choices."),
    Code("bad-id", E, "schema", "An id is not lowercase ASCII kebab-case."),
    Code("id-mismatch", E, "schema", "The card's id differs from its file name."),
    Code("empty-value", E, "schema", "A value that must hold something is empty."),
    Code("too-long", E, "schema", "A text or list is longer than the limit."),
    Code("duplicate-item", E, "schema", "A list holds the same item twice."),
    Code("invalid-value", E, "schema", "A value breaks the card format."),
    # The concept graph.
    Code("duplicate-id", E, "graph", "Two cards have the same id."),
    Code("unknown-concept", E, "graph", "A relation or theme names a card that does not exist."),
    Code("not-a-theme", E, "graph", "A card listed under themes is not a theme card."),
    Code("self-relation", E, "graph", "A card is related to itself."),
    Code("broader-cycle", E, "graph", "Cards are broader than each other in a cycle."),
    Code("redundant-relation", W, "graph", "Two cards are linked twice, by different types."),
    # Citations.
    Code("unknown-reference", E, "citation", "A citation key is not in the BibTeX library."),
    Code("bad-citation", E, "citation", "A citation is not valid pandoc citation syntax."),
    # BibTeX.
    Code("bibtex-syntax", E, "bibtex", "A BibTeX block does not parse."),
    Code("duplicate-reference", E, "bibtex", "Two BibTeX entries have the same key."),
    Code("incomplete-reference", E, "bibtex", "An entry lacks author/editor, title or year."),
    Code("stale-incomplete-flag", W, "bibtex", "An entry's incomplete field names a field it has."),
    Code("bibtex-decode", W, "bibtex", "A field's LaTeX could not be decoded."),
    Code("bad-doi", W, "bibtex", "A DOI does not look like 10.NNNN/suffix."),
    Code("reference-slug-clash", E, "bibtex", "Two keys would get the same reference page."),
    # Unsafe content.
    Code("raw-html", E, "safety", "Raw HTML in card Markdown."),
    Code("unsafe-link", E, "safety", "A link whose scheme is not http, https or mailto."),
    # Coverage (warnings).
    Code("uncited-reference", W, "coverage", "No card cites this reference."),
    Code("no-citation", W, "coverage", "The card cites no work."),
    Code("missing-translation", W, "coverage", "A text lacks one of the site's languages."),
    Code("isolated-card", W, "coverage", "No relation links the card to any other card."),
    # Project.
    Code("config", E, "project", "The project's settings are wrong."),
]

CODES: dict[str, Code] = {code.name: code for code in _CODES}


def report(
    code: str,
    path: str,
    position: Position,
    message: str,
    hint: str = "",
) -> Diagnostic:
    """Make a diagnostic with the code's registered severity.

    Raises:
        KeyError: for an unregistered code, a bug in build_kb rather than in the input.
    """
    info = CODES[code]
    return Diagnostic(path, position, info.severity, code, message, hint)
