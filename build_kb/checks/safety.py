"""Unsafe-content rules: no raw HTML, no link other than http(s) or mailto.

Codes: ``raw-html``, ``unsafe-link``.

Failing example::

    definition:
      en: See <script>alert(1)</script> and [this](javascript:alert(1)).
"""

from __future__ import annotations

from collections.abc import Iterator

from build_kb.checks.positions import text_position
from build_kb.codes import report
from build_kb.diagnostics import Diagnostic
from build_kb.model import KnowledgeBase
from build_kb.safety import find_unsafe


def check(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Report raw HTML and unsafe links in every Markdown text of every card."""
    for card in kb.cards.values():
        for path, text in card.markdown_fields():
            for finding in find_unsafe(text):
                position = text_position(card, path, text, finding.start, len(finding.snippet))
                if finding.kind == "html":
                    yield report(
                        "raw-html",
                        card.path,
                        position,
                        f"raw HTML '{finding.snippet}' is not allowed in card text",
                        "use Markdown instead (e.g. *emphasis*, [text](https://...)); write &lt; for a literal '<'",
                    )
                else:
                    yield report(
                        "unsafe-link",
                        card.path,
                        position,
                        f"link '{finding.snippet}' is not an http(s) or mailto URL",
                        "only http://, https:// and mailto: links are published",
                    )
