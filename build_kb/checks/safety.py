"""Unsafe-content rules: no raw HTML, no link other than http(s), mailto or relative, no image.

Codes: ``raw-html``, ``unsafe-link``, ``image-as-link``. What is reported is what the
renderer neutralises, since both read card text through
:func:`build_kb.markdown_scan.scan`.

Failing example::

    definition:
      en: See <script>alert(1)</script> and [this](javascript:alert(1)).
"""

from __future__ import annotations

from collections.abc import Iterator

from build_kb.checks.positions import text_position
from build_kb.codes import report
from build_kb.diagnostics import Diagnostic
from build_kb.markdown_scan import findings
from build_kb.model import KnowledgeBase

_REPORTS = {
    "html": (
        "raw-html",
        "raw HTML '{}' is not allowed in card text",
        "use Markdown instead (e.g. *emphasis*, [text](https://...)); write &lt; for a literal '<'",
    ),
    "link": (
        "unsafe-link",
        "link '{}' is not an http(s) or mailto URL",
        "only http://, https:// and mailto: links are published",
    ),
    "image": (
        "image-as-link",
        "image '{}' is shown as a link: the site loads nothing from another host",
        "write a link instead, [text](https://...), or describe the picture in words",
    ),
}


def check(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Report raw HTML, unsafe links and images in every Markdown text of every card."""
    for card in kb.cards.values():
        for path, text in card.markdown_fields():
            for finding in findings(text):
                code, message, hint = _REPORTS[finding.kind]
                position = text_position(card, path, text, finding.start, len(finding.snippet))
                yield report(code, card.path, position, message.format(finding.snippet), hint)
