"""The command line: ``python -m build_kb check [PROJECT_DIR]``.

Exit codes: 0 nothing failed, 1 the input has errors (or warnings under ``--strict``),
2 the command was used wrongly, 3 an internal error of build_kb (a bug to report).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from build_kb import __version__
from build_kb.output import FORMATS, format_github, format_text, summary, to_json
from build_kb.pipeline import load_project

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m build_kb",
        description="Build and check a literature knowledge base of YAML concept cards and BibTeX.",
    )
    parser.add_argument("--version", action="version", version=f"build_kb {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="check every card and BibTeX entry",
        description="Check every card and BibTeX entry of a project and print the problems, "
        "sorted by file and position.",
    )
    check.add_argument("project", nargs="?", default=".", type=Path, help="project folder (default: .)")
    check.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    return parser


def run_check(project: Path, fmt: str, strict: bool, out: TextIO) -> int:
    """Check a project, print its diagnostics, and return the exit code."""
    loaded = load_project(project)
    diagnostics = loaded.diagnostics
    if fmt == "json":
        print(to_json(diagnostics, strict), file=out)
    else:
        formatter = format_github if fmt == "github" else format_text
        for diagnostic in diagnostics:
            print(formatter(diagnostic, strict), file=out)
        line = summary(diagnostics, len(loaded.kb.cards), len(loaded.kb.references), strict)
        print(line if fmt == "text" else f"::notice::{line}", file=out)
    return EXIT_FAILED if loaded.failed(strict) else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m build_kb`` and the ``build-kb`` script."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            if not args.project.is_dir():
                parser.error(f"project folder not found: {args.project}")
            return run_check(args.project, args.format, args.strict, sys.stdout)
    except KeyboardInterrupt:
        return EXIT_FAILED
    except Exception as error:  # A bug in build_kb, not in the input: say so plainly.
        if args.debug:
            traceback.print_exc()
        print(
            f"build_kb: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in build_kb, not in your files; please report it "
            "(run again with --debug for details).",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    return EXIT_USAGE
