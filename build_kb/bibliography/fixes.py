"""Corrections of citeproc-py 0.11 bugs that show in formatted references.

- Page ranges whose first page has one digit lose digits under ``minimal-two``
  (MLA: "7--42" printed "7–2"): such a range keeps its whole last page.
- ``text-case="title"`` on a label is never applied (APA: "(eds.)" for "(Eds.)"),
  because labels are cased as if they had no language; they are in the locale's.

Installed like the speed-ups, only inside ``with fixes.active():``.
"""

from __future__ import annotations

from typing import Any

from citeproc import model

from build_kb.bibliography.patching import Patch, ScopedPatches


class CiteprocFixes(ScopedPatches):
    """The corrections, for one engine's locale."""

    def __init__(self, locale: str) -> None:
        super().__init__()
        self.language = locale.split("-")[0].lower()

    def patches(self) -> list[Patch]:
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

        return [
            (model.FormatNumber, "_format_last_page", fixed_format_last_page),
            (model.Label, "markup", label_markup),
        ]
