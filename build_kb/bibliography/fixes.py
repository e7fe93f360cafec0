"""Corrections of citeproc-py 0.11 bugs that show in formatted references.

- Page ranges whose first page has one digit lose digits under ``minimal-two``
  (MLA: "7--42" printed "7–2"): such a range keeps its whole last page.
- ``text-case="title"`` on a label is never applied (APA: "(eds.)" for "(Eds.)"),
  because labels are cased as if they had no language; they are in the locale's.
- Sort keys of names hold the "and" term ("Smith, J., & Zed, Z."): "&" sorts before every
  letter, so APA listed "Smith & Zed" before "Smith, Adams, & Clark", and the locale's word
  ("and", "et") gave MLA another order on each language's pages. Names in a sort key are
  joined by the delimiter alone, as in citeproc-js.

Installed like the speed-ups, only inside ``with fixes.active():``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from citeproc import model

from build_kb.bibliography.patching import Patch, ScopedPatches


class CiteprocFixes(ScopedPatches):
    """The corrections, for one engine's locale."""

    def __init__(self, locale: str) -> None:
        super().__init__()
        self.language = locale.split("-")[0].lower()
        self.sorting = False
        """Set while sort keys are computed (citeproc-py loses its sort options in nested macros)."""

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
        language = self.language
        format_last_page = model.FormatNumber._format_last_page

        def fixed_format_last_page(element: Any, first: str, last: str) -> Any:
            if len(first) < 2:  # No leading digit to drop: every range format keeps the whole page.
                return last
            return format_last_page(element, first, last)

        def label_markup(element: Any, text: Any) -> Any:
            if text:
                return element.wrap(element.format(element.case(element.strip_periods(text), language)))
            return None

        name_option = model.Name.get_option

        def sort_name_option(element: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
            if name == "and" and (fixes.sorting or sort_options is not None):
                return None
            return name_option(element, name, context, sort_options)

        return [
            (model.FormatNumber, "_format_last_page", fixed_format_last_page),
            (model.Label, "markup", label_markup),
            (model.Name, "get_option", sort_name_option),
        ]
