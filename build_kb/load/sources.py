"""Reading a person's file safely: size limit first, then strict UTF-8."""

from __future__ import annotations

from pathlib import Path

from build_kb.codes import report
from build_kb.diagnostics import Diagnostic, Position


def _byte_position(data: bytes, offset: int) -> Position:
    """Line and column of byte ``offset``, counting characters of the valid text before it."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    last_line = before[before.rfind(b"\n") + 1 :]
    return Position(line, len(last_line.decode("utf-8", errors="replace")) + 1)


def read_text(path: Path, shown_path: str, max_bytes: int) -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 text file, refusing files over ``max_bytes`` or not in UTF-8.

    Returns:
        The text (a leading byte-order mark removed), or None with a diagnostic.
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [
                report(
                    "file-too-large",
                    shown_path,
                    Position(),
                    f"file is {size:,} bytes, over the limit of {max_bytes:,}",
                    "split it into smaller files, or raise max_file_bytes in mkdocs.yml",
                )
            ]
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return None, [report("unreadable", shown_path, Position(), f"cannot read the file: {reason}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [
            report(
                "not-utf8",
                shown_path,
                _byte_position(data, error.start),
                f"file is not UTF-8: byte 0x{data[error.start]:02x} cannot be decoded",
                "save the file as UTF-8 in your editor",
            )
        ]
    return text.removeprefix("\ufeff"), []
