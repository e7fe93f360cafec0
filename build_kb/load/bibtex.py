"""Load the BibTeX library: every ``references/*.bib``, decoded to Unicode.

bibtexparser v2 splits the files; :mod:`build_kb.load.bibtex_macros` resolves ``@string``
macros and ``#`` concatenation (across files, in path order); we then split names
*before* decoding LaTeX (so ``{Van Wyk}`` and ``Fa{\\"\\i}ta`` come out right) and
decode each value with a fast path: pylatexenc only sees text that holds a character
it would change, and each distinct text is decoded once. Results are identical to
bibtexparser's ``LatexDecodingMiddleware`` (a property test holds the two together),
about twenty times faster on a real library.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from bibtexparser import entrypoint
from bibtexparser import model as bib
from bibtexparser.middlewares import RemoveEnclosingMiddleware
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from build_kb.codes import report
from build_kb.config import ProjectConfig
from build_kb.diagnostics import Diagnostic, Position
from build_kb.load.bibtex_macros import resolve_macros
from build_kb.load.files import Found, project_files
from build_kb.load.schema import suggest
from build_kb.model import IDENTIFICATIONS, Person, Reference
from build_kb.safety import is_safe_url

# Characters pylatexenc's latex_to_text changes or interprets; text without any of
# them comes back unchanged (checked for all of ASCII and by a property test).
_LATEX_SPECIAL_RE = re.compile(r"[\\{}$%&~'`\-]")
# A braced group that starts with a macro and holds no other group: {\'e}, {\"\i},
# {\c c}, {\oe}. Such a group decodes the same wherever it stands, so each distinct
# one is decoded once by pylatexenc and reused.
_ACCENT_GROUP_RE = re.compile(r"(\{\\[^{}\\]*(?:\\[A-Za-z]+)?[^{}\\]*\})")
_DASHES_RE = re.compile(r"---|--")
_DASHES = {"---": "\u2014", "--": "\u2013"}
_NAME_FIELDS = ("author", "editor")
_DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_LONG_NUMBER_RE = re.compile(r"\d{5}")
_UNCITABLE_KEY_RE = re.compile(r"[\s{}]")
MAX_YEAR_CHARS = 40
"""A year is at most this long (``in press``, ``2005/2006``, ``forthcoming``): else it is no year."""
MAX_FIELD_CHARS = 100_000
"""The most characters one field may hold (a long abstract has ten thousand); a longer one is left out."""


def _bibtexparser_decoder() -> LatexNodes2Text:
    """pylatexenc set up as bibtexparser's ``LatexDecodingMiddleware`` sets it up by default.

    Built here from pylatexenc's public API rather than calling the middleware's private
    per-string method: ``\\url`` kept bare, braces dropped, math kept verbatim.
    """
    context = get_default_latex_context_db()
    context.add_context_category(
        "bibtexparse-default-context", prepend=True, macros=[MacroTextSpec("url", simplify_repl="%s")]
    )
    return LatexNodes2Text(latex_context=context, keep_braced_groups=False, math_mode="verbatim")


_SLOW_DECODER = _bibtexparser_decoder()


@lru_cache(maxsize=100_000)
def _decode_slow(text: str) -> str:
    try:
        return str(_SLOW_DECODER.latex_to_text(text))
    except Exception as error:  # pylatexenc raises several kinds; each is a value it can't read
        raise ValueError(str(error)) from error


def decode_latex(text: str) -> str:
    """Decode LaTeX in one BibTeX value to Unicode, exactly as bibtexparser would.

    Fast paths, each equal to pylatexenc's result (a property test holds them
    together): text with no special character is returned as it is; text whose only
    specials are self-contained accent groups and dashes has those replaced piecewise.
    Anything else goes to pylatexenc whole.

    Raises:
        ValueError: when pylatexenc cannot decode the text.
    """
    if _LATEX_SPECIAL_RE.search(text) is None:
        return text
    parts = _ACCENT_GROUP_RE.split(text)
    plain = parts[0::2]
    if any(_LATEX_SPECIAL_RE.search(part.replace("-", "")) for part in plain):
        return _decode_slow(text)
    for index in range(0, len(parts), 2):
        parts[index] = _DASHES_RE.sub(lambda m: _DASHES[m.group(0)], parts[index])
    for index in range(1, len(parts), 2):
        parts[index] = _decode_slow(parts[index])
    return "".join(parts)


def _decode_or_keep(text: str, problems: list[str]) -> str:
    try:
        return decode_latex(text)
    except ValueError as error:
        problems.append(str(error))
        return text


def parse_people(value: str, problems: list[str]) -> tuple[Person, ...]:
    """Split an author or editor field into people, then decode each name part."""
    people = []
    for name in split_multiple_persons_names(value):
        person, found = _parse_person(name)
        problems.extend(found)
        if person is not None:
            people.append(person)
    return tuple(people)


_EXTENDED_PARTS = ("given", "prefix", "family", "suffix")
_EXTENDED_KEYS = frozenset({*_EXTENDED_PARTS, "useprefix", "given-i", "family-i", "prefix-i", "suffix-i"})


def _extended_name(name: str) -> dict[str, str] | None:
    """The parts of a name in biblatex's extended format (biblatex manual, 3.4), else None."""
    if "=" not in name:
        return None
    parts: dict[str, str] = {}
    depth, start = 0, 0
    pieces = []
    for index, char in enumerate(name):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            pieces.append(name[start:index])
            start = index + 1
    pieces.append(name[start:])
    for piece in pieces:
        key, equals, value = piece.partition("=")
        key = key.strip().lower()
        if not equals or key not in _EXTENDED_KEYS:
            return None
        value = value.strip()
        if len(value) >= 2 and value[0] + value[-1] in ("{}", '""'):
            value = value[1:-1]
        parts[key] = value.strip()
    return parts if "family" in parts or "given" in parts else None


@lru_cache(maxsize=100_000)
def _parse_person(name: str) -> tuple[Person | None, tuple[str, ...]]:
    """One name, split and decoded, with its problems: once per distinct name (authors recur)."""
    problems: list[str] = []
    extended = _extended_name(name)
    if extended is not None:  # biblatex's "family=Heuvel, given=Charles, prefix=van den" (Better BibTeX writes it)
        given, prefix, family, suffix = (_decode_or_keep(extended.get(k, ""), problems) for k in _EXTENDED_PARTS)
        return Person(given, prefix, family, suffix), tuple(problems)
    try:
        parts = parse_single_name_into_parts(name, strict=False)
    except InvalidNameError as error:
        return None, (str(error),)

    def join(words: list[str]) -> str:
        return _decode_or_keep(" ".join(words), problems)

    person = Person(join(parts.first), join(parts.von), join(parts.last), join(parts.jr))
    return person, tuple(problems)


VERBATIM_FIELDS = frozenset({"url", "doi", "eprint", "urlraw", "file", "pdf"})
"""Fields biblatex reads verbatim: no LaTeX in them ("&" in a URL is an ampersand, not a table column)."""
_SPACES_RE = re.compile(r"[ \t]{2,}")
"""Runs of spaces, one space in BibTeX and biber ("FAIR  Data" prints "FAIR Data")."""


def written_values(entry: bib.Entry) -> dict[str, str]:
    """An entry's field values as the splitter read them, before any middleware: as written."""
    values: dict[str, str] = {}
    for item in entry.fields:
        values.setdefault(item.key.lower(), str(item.value))
    return values


def _entry_to_reference(
    entry: bib.Entry, path: str, line_offset: int, written: dict[str, str] | None = None
) -> tuple[Reference, list[str]]:
    problems: list[str] = []
    fields: dict[str, str] = {}
    people: dict[str, tuple[Person, ...]] = {"author": (), "editor": ()}
    for item in entry.fields:
        name = item.key.lower()
        value = item.value if isinstance(item.value, str) else str(item.value)
        if len(value) > MAX_FIELD_CHARS:
            continue  # Reported by parse_bibtex_file; never decoded (pylatexenc on megabytes takes minutes).
        if name in _NAME_FIELDS:
            people[name] = parse_people(value, problems)
        elif name in VERBATIM_FIELDS:
            fields[name] = value.strip()
        else:
            fields[name] = _SPACES_RE.sub(" ", _decode_or_keep(value, problems))
    reference = Reference(
        key=entry.key,
        entry_type=entry.entry_type.lower(),
        fields=fields,
        authors=people["author"],
        editors=people["editor"],
        path=path,
        line=(entry.start_line or 0) + 1 + line_offset,
        raw=(entry.raw or "").strip(),
        written=written,
    )
    return reference, problems


def _block_line(block: bib.Block) -> int:
    return (block.start_line or 0) + 1


def _column(lines: list[str], line: int, name: str) -> int:
    """The 1-based column of ``name`` (a field or macro name) on ``line``, else 1.

    Plain string search, not a regular expression per name: a library with thousands of
    problems would compile thousands of expressions.
    """
    if not 1 <= line <= len(lines) or len(lines[line - 1]) > MAX_FIELD_CHARS:
        return 1
    text, target = lines[line - 1].lower(), name.lower()
    found = text.find(target) if target else -1
    while found != -1:
        before = text[found - 1] if found else " "
        if not (before.isalnum() or before in "_-") and text[found + len(target) :].lstrip().startswith("="):
            return found + 1
        found = text.find(target, found + 1)
    return 1


def parse_bibtex(text: str, path: str) -> tuple[list[Reference], list[Diagnostic]]:
    """Parse one .bib file's text into references and diagnostics, with its own macros only."""
    references, diagnostics, _macros = parse_bibtex_file(text, path, {})
    return references, diagnostics


def parse_bibtex_file(
    text: str, path: str, inherited: Mapping[str, str]
) -> tuple[list[Reference], list[Diagnostic], dict[str, str]]:
    """Parse one .bib file's text into references, diagnostics and the ``@string`` macros it defines.

    ``inherited`` holds the macros of the files read before this one: what this function
    returned for them, merged in path order. Macros are kept as definitions, not texts
    (:func:`build_kb.bibtex_macros.resolve_macros`): one no entry uses is never expanded.
    """
    diagnostics: list[Diagnostic] = []
    if "\r" in text:  # bibtexparser counts lines at LF only: a CR or CRLF line end counts as one too.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    parser_logger = logging.getLogger("bibtexparser.splitter")
    was_disabled, parser_logger.disabled = parser_logger.disabled, True  # We report problems ourselves.
    try:
        # What entrypoint.parse_string(text) does, with the values as written kept between
        # splitting and the middlewares (references.bib and reference pages need them, and
        # would otherwise parse the whole library again), and our macro resolution in place
        # of bibtexparser's, which leaves "#" concatenation raw.
        library = entrypoint.parse_string(text, parse_stack=[])
        written = {(entry.key, entry.start_line): written_values(entry) for entry in library.entries}
        macros, unresolved = resolve_macros(library, inherited)
        library = RemoveEnclosingMiddleware(allow_inplace_modification=True).transform(library=library)
    except Exception as error:  # bibtexparser gives up on some inputs ("please report this bug").
        message = f"the BibTeX parser gave up on this file: {type(error).__name__}"
        return [], [report("bibtex-syntax", path, Position(), message, "look for unbalanced braces or quotes")], {}
    finally:
        parser_logger.disabled = was_disabled
    lines = text.split("\n") if unresolved else []  # Lines as bibtexparser counts them (not at U+2028).
    for unresolvable in unresolved:
        where = Position(unresolvable.line, _column(lines, unresolvable.line, unresolvable.name))
        diagnostics.append(report(unresolvable.code, path, where, unresolvable.message, unresolvable.hint))
    references: list[Reference] = []
    for failed in library.failed_blocks:
        line = Position(_block_line(failed))
        if isinstance(failed, bib.DuplicateBlockKeyBlock) and isinstance(failed.previous_block, bib.String):
            diagnostics.append(
                report(
                    "duplicate-macro",
                    path,
                    line,
                    f"@string '{failed.key}' is defined twice in this file; the first definition is used",
                    "keep one definition, or give the other another name",
                )
            )
        elif isinstance(failed, bib.DuplicateBlockKeyBlock):
            diagnostics.append(
                report(
                    "duplicate-reference",
                    path,
                    line,
                    f"duplicate BibTeX key '{failed.key}'",
                    "rename one of the entries, or delete the copy",
                )
            )
        elif isinstance(failed, bib.DuplicateFieldKeyBlock):
            names = ", ".join(sorted(failed.duplicate_keys))
            diagnostics.append(
                report(
                    "duplicate-key",
                    path,
                    line,
                    f"entry repeats field(s) {names}; BibTeX tools keep different copies",
                    "keep one value per field",
                )
            )
        else:
            first_line = (failed.raw or "").strip().splitlines()[:1]
            snippet = first_line[0][:60] if first_line else ""
            reason = getattr(failed.error, "abort_reason", "") or str(failed.error)
            detail = reason.strip().splitlines()[0] if reason.strip() else "unreadable block"
            diagnostics.append(
                report(
                    "bibtex-syntax",
                    path,
                    line,
                    f"BibTeX block does not parse: {detail} (starts '{snippet}')",
                    "check braces and commas; each field is name = {value},",
                )
            )
    for entry in library.entries:
        reference, problems = _entry_to_reference(entry, path, 0, written.get((entry.key, entry.start_line)))
        references.append(reference)
        diagnostics.extend(_entry_problems(entry, reference))
        for problem in problems:
            diagnostics.append(
                report(
                    "bibtex-decode",
                    path,
                    Position(reference.line),
                    f"entry '{reference.key}': cannot decode LaTeX or names: {problem}",
                    "balance the braces and use standard LaTeX accents such as {\\'e}",
                )
            )
    return references, diagnostics, macros


def _entry_problems(entry: bib.Entry, reference: Reference) -> Iterable[Diagnostic]:
    """What makes an entry unusable as written: a key no citation can name, a field too long to read."""
    position = Position(reference.line)
    if not entry.key or _UNCITABLE_KEY_RE.search(entry.key):
        what = "is empty" if not entry.key else "holds a space or a brace"
        yield report(
            "bad-key",
            reference.path,
            position,
            f"the key '{entry.key}' {what}: no citation can name this entry",
            "give it a key of letters, digits and _:.#$%&-+?<>~/, e.g. author + year: wenger1998",
        )
    for item in entry.fields:
        size = len(item.value) if isinstance(item.value, str) else 0
        if size > MAX_FIELD_CHARS:
            yield report(
                "too-long",
                reference.path,
                position,
                f"entry '{entry.key}': field '{item.key}' holds {size:,} characters, over the limit of "
                f"{MAX_FIELD_CHARS:,}; it is left out",
                "shorten it; a BibTeX field is a reference, not the work itself",
            )


def missing_fields(reference: Reference) -> list[str]:
    """The fields every entry needs that this one lacks: ``author`` (or an editor), ``title``, ``year``.

    One definition for the checker (``incomplete-reference``) and the site's incomplete flags.
    """
    missing = []
    if not reference.authors and not reference.editors:
        missing.append("author")
    if not reference.title:
        missing.append("title")
    if not reference.year:
        missing.append("year")
    return missing


def check_reference(reference: Reference) -> Iterable[Diagnostic]:
    """Entry-level checks: required fields, the incomplete flag, DOI and URL."""
    position = Position(reference.line)
    missing = missing_fields(reference)
    declared = reference.declared_incomplete
    undeclared = [name for name in missing if name not in declared and not (name == "author" and "editor" in declared)]
    if undeclared:
        yield report(
            "incomplete-reference",
            reference.path,
            position,
            f"entry '{reference.key}' has no {', '.join(undeclared)}",
            f"add the missing field, or, if it is truly unknown, say so with incomplete = {{{', '.join(undeclared)}}}",
        )
    present = {"author": bool(reference.authors), "editor": bool(reference.editors)}
    stale = sorted(name for name in declared if present.get(name) or reference.fields.get(name))
    if stale:
        yield report(
            "stale-incomplete-flag",
            reference.path,
            position,
            f"entry '{reference.key}' is flagged incomplete for {', '.join(stale)}, which it has",
            "remove those names from its incomplete field",
        )
    year = reference.fields.get("year", "")
    if year and (len(year) > MAX_YEAR_CHARS or _LONG_NUMBER_RE.search(year)):
        yield report(
            "bad-year",
            reference.path,
            position,
            f"entry '{reference.key}': year '{year[:60]}' is not a year",
            "write the year in four digits, e.g. year = {1998}, or as text, e.g. year = {in press}",
        )
    identification = reference.identification
    if identification and identification not in IDENTIFICATIONS:
        yield report(
            "unknown-identification",
            reference.path,
            position,
            f"entry '{reference.key}': identification '{identification[:40]}' is not one of: "
            + ", ".join(IDENTIFICATIONS),
            suggest(identification, IDENTIFICATIONS) or "say why in the entry's note field",
        )
    doi = reference.fields.get("doi", "")
    if doi and not _DOI_RE.match(doi):
        yield report(
            "bad-doi",
            reference.path,
            position,
            f"entry '{reference.key}': DOI '{doi[:80]}' does not look like 10.NNNN/suffix",
            "write the bare DOI, without https://doi.org/",
        )
    url = reference.fields.get("url", "")
    if url and not is_safe_url(url):
        yield report(
            "unsafe-link",
            reference.path,
            position,
            f"entry '{reference.key}': url '{url[:80]}' is not an http(s) link",
            "only http, https and mailto links are published",
        )


def find_bib_files(config: ProjectConfig) -> Found:
    """The library's files: every ``*.bib`` under the references folder, with the problems met finding them."""
    return project_files(config, "references_dir", (".bib",), "BibTeX files")
