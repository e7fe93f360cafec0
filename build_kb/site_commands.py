"""``build`` and ``serve``: MkDocs' own commands, once mkdocs.yml has been read safely.

MkDocs reads mkdocs.yml before any plugin runs, so a value its YAML loader cannot take (a
number of over 4,300 digits, a date that does not exist, nesting hundreds of levels deep,
an alias bomb: see :mod:`build_kb.config_yaml`) stops ``mkdocs build`` with a Python
traceback before build_kb can say a word. These commands read the file first with the
loader ``check`` uses (:func:`build_kb.config.load_config`); on an error they print the
diagnostics and return 1 without starting MkDocs. Otherwise they run ``python -m mkdocs``
(ProperDocs, its continuation, when MkDocs itself is not installed) with the same
arguments and return its exit code. A separate process rather than MkDocs' functions: no
MkDocs type outside :mod:`build_kb.plugin`, and MkDocs' own errors stay MkDocs' own.
"""

from __future__ import annotations

import importlib.util
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from build_kb.config import load_config
from build_kb.output import format_text

COMMANDS = {
    "build": "check mkdocs.yml, then run 'mkdocs build' (same arguments)",
    "serve": "check mkdocs.yml, then run 'mkdocs serve' (same arguments)",
}
"""The MkDocs commands wrapped, with their help line."""
ENGINES = ("mkdocs", "properdocs")
"""The site engines tried, in order: the first installed one runs."""
DEFAULT_CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml")
"""The files MkDocs reads when no ``-f`` is given, in its order."""


def config_file_argument(args: Sequence[str]) -> str | None:
    """The ``-f``/``--config-file`` value among MkDocs' arguments (the last one, as click takes), or None."""
    found = None
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            break
        if arg in ("-f", "--config-file"):
            found = args[index + 1] if index + 1 < len(args) else None
            index += 1
        elif arg.startswith("--config-file="):
            found = arg.partition("=")[2]
        elif arg.startswith("-f") and not arg.startswith("--"):
            found = arg[2:]
        index += 1
    return found


def _config_path(args: Sequence[str]) -> Path | None:
    """The configuration file MkDocs will read, or None when there is nothing to check (stdin, no file)."""
    given = config_file_argument(args)
    if given is None:
        return next((Path(name) for name in DEFAULT_CONFIG_FILES if Path(name).is_file()), None)
    path = Path(given)
    return path if given != "-" and path.is_file() else None  # MkDocs reports a missing file itself


def config_errors(args: Sequence[str], err: TextIO) -> bool:
    """Read the configuration MkDocs will read; print its diagnostics and return True if any is an error."""
    path = _config_path(args)
    if path is None:
        return False
    _, diagnostics = load_config(path.parent, path.name)
    if not any(diagnostic.is_error() for diagnostic in diagnostics):
        return False  # warnings are the plugin's to log during the build, once
    shown = path.as_posix()
    for diagnostic in diagnostics:
        where = replace(diagnostic, path=shown) if diagnostic.path == path.name else diagnostic
        print(format_text(where), file=err)
    print(f"build_kb: {shown} has errors: fix them first (MkDocs was not started)", file=err)
    return True


def engine() -> str | None:
    """The installed site engine's module: MkDocs, else ProperDocs, else None."""
    return next((name for name in ENGINES if importlib.util.find_spec(name) is not None), None)


def run_site_command(command: str, args: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Check the configuration, then run ``python -m mkdocs COMMAND ARGS``; return its exit code."""
    is_help = any(arg in ("-h", "--help") for arg in args)
    if not is_help and config_errors(args, err):
        return 1
    module = engine()
    if module is None:
        print("build_kb: MkDocs is not installed; it comes with the site extra: pip install 'build-kb[site]'", file=err)
        return 1
    out.flush()
    err.flush()
    with subprocess.Popen([sys.executable, "-m", module, command, *args]) as process:
        code = _wait(process)
    return code if code >= 0 else 128 - code  # killed by a signal: the shell's convention


def _wait(process: subprocess.Popen[bytes]) -> int:
    """Wait for MkDocs to end; a SIGTERM sent to us is passed on, so no server is left running alone."""
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: process.terminate()) if main_thread else None
    try:
        while True:
            try:
                return process.wait()
            except KeyboardInterrupt:  # Ctrl-C reached MkDocs too (one process group): it stops, and says so
                continue
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
