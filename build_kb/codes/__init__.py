"""The registry of diagnostic codes: one place that says what each code means.

Codes are stable: contributors search for them, CI annotations show them, and the
contributing guide lists them. A diagnostic can only be made through :func:`report`,
which refuses a code that is not registered here.
"""

from __future__ import annotations

from build_kb.codes.bibliography import BIBTEX_CODES
from build_kb.codes.cards import CARD_CODES
from build_kb.codes.code import Code
from build_kb.codes.files import FILE_CODES
from build_kb.codes.project import PROJECT_CODES
from build_kb.diagnostics import Diagnostic, Position

__all__ = ["CODES", "Code", "report"]

CODES: dict[str, Code] = {code.name: code for code in (*FILE_CODES, *CARD_CODES, *BIBTEX_CODES, *PROJECT_CODES)}


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
