"""Corrections of citeproc-py 0.11 bugs that show in formatted references.

- Page ranges whose first page has one digit lose digits under ``minimal-two``
  (MLA: "7--42" printed "7–2"): such a range keeps its whole last page.
- ``text-case="title"`` on a label is never applied (APA: "(eds.)" for "(Eds.)", "(éd.)"
  for "(Éd.)"), because labels are cased as if they had no language; a label is a term of
  the locale, title-cased in any locale, as pandoc and citeproc-js do.
- Sort keys of names hold the "and" term ("Smith, J., & Zed, Z."): "&" sorts before every
  letter, so APA listed "Smith & Zed" before "Smith, Adams, & Clark", and the locale's word
  ("and", "et") gave MLA another order on each language's pages. Names in a sort key are
  joined by the delimiter alone, as in citeproc-js.
- A date range whose ends agree on every part the style shows (``2021-06/2021-07`` where
  APA shows the year) printed no date at all: it prints that date once, as citeproc-js
  does ("2021"); other ranges print as before ("2020–2021").
- A ``cs:group`` counted a ``cs:choose`` as calling a variable when any of its branches
  did, even when the branch taken printed only a term (CSL 1.0.2, group suppression: only
  variables *called* count). APA printed "(Publication)" after every thesis with a genre.
  The branch a choose takes now decides, as in citeproc-js.
- Names substituted for a missing author (an edited book's editors) were printed again
  where the style names editors: "Big, E. (Ed.). (2015). Soil fauna (E. Big, Ed.)". CSL
  suppresses a substituted variable in the rest of the entry; it now is, and so is a title,
  edition or publisher printed in the author's place ("Space and Beyond. (2000). Space and
  Beyond. Greenwood." printed the title twice).
- A ``cs:names`` nested in a ``cs:choose`` of a substitute lost the substituted names'
  options (Chicago printed an edited book "R. Matuz. 1990." for "Matuz, Roger, ed. 1990."):
  like a direct child, it now takes their ``cs:name`` and ``cs:label``.
- ``initialize="false"`` was ignored (Chicago printed "Béguin, P." for "Béguin, Pascal"),
  and a lowercase part after a hyphen was taken for a particle ("Soo-jin" printed
  "S.-. jin ."): given names are kept whole under ``initialize="false"``, and each part of
  a hyphenated given name gives its initial ("S.-j.", as citeproc-js).
- A ``cs:label`` of an empty variable printed its term (Chicago: "Edition." after an
  article without an edition): a label is printed only with its variable, as CSL says.
  Nor is a label part of a sort key: "Gaonkar, D. P. (Ed.)" sorted an edited book after
  the chapters of its editor, where citeproc-js and pandoc compare the names alone.
- Title case skipped a word's leading punctuation and the parts after a hyphen ("The
  (failed) Case", "Instrument-mediated", "Teachers ‘liking’"): the first letter of a word,
  and of each part of a hyphenated word, is capitalised, as citeproc-js does ("The (Failed)
  Case", "Instrument-Mediated", "‘Liking’").

- A term looked up in the locale's language alone (ordinals: "ordinal-02" before
  "ordinal") skipped the locale file when the style has a locale of the bare language
  (APA's ``<locale xml:lang="fr">`` hid ``fr-FR``), so French editions read "2nd éd.": the
  language's terms are all read first ("2ᵉ éd."), then the fallback.
- Names in Chinese, Japanese or Korean script were printed in Latin order and initialised
  ("肖, 发民", "肖, 发."): CSL writes them family name first and whole, with no space and no
  initial ("肖发民"), as citeproc-js and pandoc do; the short form is the family name ("肖").

Installed like the speed-ups, only inside ``with fixes.active():``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from citeproc import model, source
from citeproc.string import String

from build_kb.bibliography.patching import Patch, ScopedPatches, require

TARGETS = (
    "FormatNumber._format_last_page",
    "Label.markup",
    "Label.process",
    "Name.get_option",
    "Name.initialize",
    "Name.process",
    "CitationStylesElement.get_term",
    "TextCased.case",
    "TextCased._stop_words",
    "Date.render_date_range",
    "Date.render_single_date",
    "Choose.render",
    "Group.process",
    "Group.join",
    "Substitute.render",
    "Names.process",
    "Text._variable",
    "Number.process",
    "CitationStylesElement.get_layout",
    "ConditionFailed",
    "VariableError",
)
"""What the corrections replace or call in ``citeproc.model``: checked at import."""
require(model, TARGETS, __name__)
SOURCE_TARGETS = ("Name.parts",)
"""What they replace in ``citeproc.source``: checked at import."""
require(source, SOURCE_TARGETS, __name__)

_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NUMBER_TAG = "{http://purl.org/net/xbiblio/csl}number"
_NAME_TAG = "{http://purl.org/net/xbiblio/csl}name"
_CJK_RE = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
"""Han, kana and hangul: scripts whose names are written family name first, with no space."""

_TITLE_PART_RE = re.compile("(^[(\\[\"'\u2018\u201c\u00ab\ue107]*|-)([^\\W\\d_])")
"""A word's first letter after any leading punctuation, and the first letter after each hyphen."""
_MORE_STOP_WORDS = ("about", "de", "van", "von")
"""Words title case leaves lower case beyond CSL's list, as pandoc's citeproc does (and the CSL
test suite asks: ``textcase_SkipNameParticlesInTitleCase``): "Rapport de Recherche"."""
_SUBSTITUTED = "build_kb:substituted-names"
ET_AL_NAMES = "build_kb-et-al-names"
"""An engine input field (not CSL; the engine takes it out): the names the entry's cite shows
where disambiguation adds names (:func:`~.disambiguation.added_names`)."""
"""Where, in citeproc's per-entry ``repressed`` table, the roles a substitute printed are kept."""


def _bare(names: Any) -> bool:
    """Whether a ``cs:names`` has no ``cs:name`` or ``cs:label`` of its own (citeproc-py inserts an
    empty ``cs:name`` in one it renders without names to inherit from)."""
    children = names.getchildren()
    return all(child.tag == _NAME_TAG and not child.attrib and not len(child) for child in children)


def _repressed(element: Any, tag: str) -> Any:
    """The variables of ``tag`` printed in the author's place so far in this entry (none outside a layout)."""
    layouts = element.xpath_search("./ancestor-or-self::cs:layout[1]")
    return layouts[0].repressed.setdefault(tag, []) if layouts else []


class CiteprocFixes(ScopedPatches):
    """The corrections, for one engine's locale."""

    def __init__(self, locale: str) -> None:
        super().__init__()
        self.language = locale.split("-")[0].lower()
        self.sorting = False
        """Set while sort keys are computed (citeproc-py loses its sort options in nested macros)."""
        self.branch_calls_variable = False
        self.substituting = 0
        self.substituted: list[Any] = []
        """The ``cs:names`` whose ``cs:substitute`` is being rendered, innermost last."""
        self.whole_names = False
        self.et_al_names = 0
        """Names to show before "et al." in the entry being rendered (``disambiguate-add-names``; 0: the style's)."""
        self.names_shown: int | None = None
        """While a name list renders with :attr:`et_al_names`: its count of names (read by ``get_option``)."""
        """Set while names render in a long form: a Chinese, Japanese or Korean name prints whole."""
        """Depth of ``cs:substitute`` being rendered: names rendered within stand for the author."""
        """Whether the branch the last ``cs:choose`` took calls a variable (read by its group)."""

    @contextmanager
    def sort_keys(self) -> Iterator[None]:
        """Within: names render as sort keys, without the "and" term."""
        self.sorting = True
        try:
            yield
        finally:
            self.sorting = False

    def patches(self) -> list[Patch]:
        fixes = self
        format_last_page = model.FormatNumber._format_last_page

        def fixed_format_last_page(element: Any, first: str, last: str) -> Any:
            if len(first) < 2:  # No leading digit to drop: every range format keeps the whole page.
                return last
            return format_last_page(element, first, last)

        def label_markup(element: Any, text: Any) -> Any:
            if text:
                # Terms are title-cased whatever the locale, as pandoc and citeproc-js do ("(Éd.)").
                return element.wrap(element.format(element.case(element.strip_periods(text), "en")))
            return None

        name_option = model.Name.get_option

        def sort_name_option(element: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
            if name == "and" and (fixes.sorting or sort_options is not None):
                return None
            value = name_option(element, name, context, sort_options)
            count = fixes.names_shown
            if count is not None and sort_options is None and not fixes.sorting:
                # Names added to tell cites apart (CSL disambiguate-add-names), as pandoc adds
                # them in both the citation and the bibliography; all of them: no "et al.".
                if name == "et-al-use-first":
                    return max(value, fixes.et_al_names)
                if name == "et-al-min" and fixes.et_al_names >= count:
                    return 0
            return value

        render_date_range = model.Date.render_date_range

        def fixed_render_date_range(element: Any, date_range: Any, show_parts: Any = None, context: Any = None) -> Any:
            parts = list(show_parts if show_parts is not None else ("year", "month", "day"))
            begin, end = date_range.begin, date_range.end
            if not end.is_nil() and all(getattr(begin, p, None) == getattr(end, p, None) for p in parts):
                return element.render_single_date(begin, parts, context)
            return render_date_range(element, date_range, parts, context)

        def choose_render(element: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
            for child in element.getchildren():
                try:
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                except model.ConditionFailed:
                    continue
                except model.VariableError:
                    fixes.branch_calls_variable = True
                    raise
                fixes.branch_calls_variable = child.calls_variable()
                return text
            fixes.branch_calls_variable = False
            return None

        def group_process(element: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
            output = []
            variable_called = variable_rendered = False
            delimiter = element.get("delimiter", "")
            for child in element.iterchildren():
                choose = isinstance(child, model.Choose)
                calls = False if choose else child.calls_variable()
                try:
                    if choose:
                        child_text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                        calls = fixes.branch_calls_variable
                    else:
                        child_text = child.render(item, context=context, **kwargs)
                    if child_text is not None:
                        output.append(child_text)
                        variable_rendered = variable_rendered or calls
                except model.VariableError:
                    calls = calls or choose
                variable_called = variable_called or calls
            if output and (not variable_called or variable_rendered):
                return element.join(output)
            raise model.VariableError

        def fixed_initialize(element: Any, given: str, mark: str, context: Any = None) -> str:
            written = element.get("initialize")
            if written is None:
                found = element.xpath_search("./ancestor::*[@initialize][1]")
                written = found[0].get("initialize") if found else "true"
            if written == "false":
                return given
            pieces = (
                given.split("-") if element.get_option("initialize-with-hyphen", context) else [given.replace("-", " ")]
            )
            result = []
            for index, piece in enumerate(pieces):
                text = ""
                for position, word in enumerate(piece.replace(".", " ").split()):
                    if word[0].isupper() or (index > 0 and position == 0):
                        text += word[0] + mark
                    else:  # A particle ("de") is kept as it is.
                        text += f" {word} "
                result.append(" ".join(text.split()))
            return "-".join(result)

        case = model.TextCased.case
        stop_words = {*model.TextCased._stop_words, *_MORE_STOP_WORDS}

        def title_word(word: Any) -> Any:
            if type(word) is not String:  # NoCase (a word the data protects) and the like: their own rule.
                return word.capitalize_first()
            return String(_TITLE_PART_RE.sub(lambda m: m.group(1) + m.group(2).upper(), str(word)))

        def fixed_case(element: Any, text: Any, language: Any = None) -> Any:
            if element.get("text-case") != "title" or language != "en":
                return case(element, text, language)
            output = []
            previous = ":"
            for word in text.words():
                if word.islower() and (str(word) not in stop_words or previous in (":", ".")):
                    word = title_word(word)
                elif word.islower():
                    word = word.soft_lower()
                previous = word[-1]
                output.append(word)
            return " ".join(output)

        label_process = model.Label.process

        def fixed_label_process(element: Any, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
            if fixes.sorting:  # A name's sort key is the name alone ("Gaonkar, D. P.", not "(Ed.)").
                return None
            name = variable if variable is not None else element.get("variable")
            context = kwargs.get("context", args[1] if len(args) > 1 else None)
            if not fixes.substituting and name in _repressed(context if context is not None else element, _NUMBER_TAG):
                return None  # Its number was printed in the author's place.
            if (
                name
                and name != "locator"
                and name not in item.reference
                and name.replace("-", "_") not in item.reference
            ):
                return None
            return label_process(element, item, variable, *args, **kwargs)

        substitute_render = model.Substitute.render
        names_process = model.Names.process

        def fixed_substitute_render(element: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
            fixes.substituting += 1
            fixes.substituted.append(element.xpath_search("./parent::cs:names[1]")[0])
            try:
                return substitute_render(element, item, context=context, **kwargs)
            finally:
                fixes.substituting -= 1
                fixes.substituted.pop()

        def fixed_names_process(
            element: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any
        ) -> Any:
            used: list[str] = (
                (context if context is not None else element).get_layout().repressed.setdefault(_SUBSTITUTED, [])
            )
            written = element.get("variable")
            roles = written.split()
            if fixes.substituting and names_context is None and _bare(element):
                # Nested in a cs:choose of the substitute, it still takes the substituted names' cs:name
                # and cs:label (Chicago: "Matuz, Roger, ed.", not "R. Matuz").
                names_context = fixes.substituted[-1]
            if fixes.substituting:
                text = names_process(element, item, names_context=names_context, context=context, **kwargs)
                if text:
                    used.extend(role for role in roles if role in item.reference)
                return text
            kept = [role for role in roles if role not in used]
            if len(kept) == len(roles):
                return names_process(element, item, names_context=names_context, context=context, **kwargs)
            if not kept:
                raise model.VariableError
            element.set("variable", " ".join(kept))
            try:
                return names_process(element, item, names_context=names_context, context=context, **kwargs)
            finally:
                element.set("variable", written)

        text_variable = model.Text._variable

        def fixed_text_variable(element: Any, item: Any, context: Any) -> Any:
            text = text_variable(element, item, context)
            if text and fixes.substituting:  # Printed for the author: suppressed in the rest of the entry.
                repressed = context.get_layout().repressed
                repressed.setdefault(element.tag, []).append(element.get("variable"))
            return text

        name_process = model.Name.process
        name_parts = source.Name.parts

        def fixed_name_process(element: Any, item: Any, variable: Any, context: Any = None, **kwargs: Any) -> Any:
            form = element.get_option("form", context, kwargs.get("sort_options"))
            fixes.whole_names = form != "short"
            if fixes.et_al_names:
                fixes.names_shown = len(item.reference.get(variable, []))
            try:
                return name_process(element, item, variable, context, **kwargs)
            finally:
                fixes.whole_names = False
                fixes.names_shown = None

        def fixed_name_parts(name: Any) -> Any:
            given, family, dropping, non_dropping, suffix = name_parts(name)
            if fixes.whole_names and family and _CJK_RE.search(family) and (not given or _CJK_RE.search(given)):
                return None, family + (given or ""), None, None, suffix
            return given, family, dropping, non_dropping, suffix

        def fixed_get_term(
            element: Any, name: str, form: Any = None, fallback_locale: bool = True, zero_padded: bool = False
        ) -> Any:
            root = element.get_root()
            if fallback_locale or isinstance(root, model.Locale) or len(root.locales) < 2:
                return get_term(element, name, form, fallback_locale, zero_padded)
            # The locale's own language: the style's and the locale file's terms for "fr" and "fr-FR" alike.
            language = str(root.locales[0].get(_LANG, "")).split("-")[0]
            for locale in root.locales:
                if language and str(locale.get(_LANG, language)).split("-")[0] != language:
                    continue
                try:
                    return locale.get_term(name, form, zero_padded=zero_padded)
                except IndexError:
                    continue
            return None

        get_term = model.CitationStylesElement.get_term

        number_process = model.Number.process

        def fixed_number_process(element: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
            variable = element.get("variable")
            repressed = _repressed(context if context is not None else element, element.tag)
            if not fixes.substituting and variable in repressed:
                raise model.VariableError(variable)  # Printed in the author's place: as if missing.
            text = number_process(element, item, context, **kwargs)
            if text and fixes.substituting:
                repressed.append(variable)
            return text

        return [
            (model.Number, "process", fixed_number_process),
            (model.CitationStylesElement, "get_term", fixed_get_term),
            (model.Name, "process", fixed_name_process),
            (source.Name, "parts", fixed_name_parts),
            (model.Text, "_variable", fixed_text_variable),
            (model.Label, "process", fixed_label_process),
            (model.TextCased, "case", fixed_case),
            (model.Name, "initialize", fixed_initialize),
            (model.Substitute, "render", fixed_substitute_render),
            (model.Names, "process", fixed_names_process),
            (model.Choose, "render", choose_render),
            (model.Group, "process", group_process),
            (model.Date, "render_date_range", fixed_render_date_range),
            (model.FormatNumber, "_format_last_page", fixed_format_last_page),
            (model.Label, "markup", label_markup),
            (model.Name, "get_option", sort_name_option),
        ]
