"""The command line: ``python -m build_kb check|new|init|schema|export|query|build|serve ...``.

``check [PROJECT_DIR]`` prints every problem; ``new ID --kind K --theme T`` scaffolds a
card; ``init [DIR]`` writes a new project; ``schema`` writes the card schema into the
project, for editors; ``export --format F [--output PATH]
[PROJECT_DIR]`` writes one of the exports of :data:`build_kb.exports.EXPORTERS`;
``query FILE.rq [PROJECT_DIR]`` runs SPARQL on the graph in memory. ``export`` and
``query`` refuse a knowledge base with errors: they print its diagnostics and export nothing.
``build [MKDOCS_ARGS]`` and ``serve [MKDOCS_ARGS]`` read mkdocs.yml as ``check`` does, then
run MkDocs' command of that name with the same arguments (:mod:`build_kb.site_commands`).

Exit codes: 0 nothing failed, 1 the input has errors (or warnings under ``--strict``),
2 the command was used wrongly, 3 an internal error of build_kb (a bug to report).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from build_kb import __version__
from build_kb.config import load_config
from build_kb.exports import EXPORTERS, ExportSource
from build_kb.graph import QUERY_FORMATS
from build_kb.ids import is_language_list
from build_kb.output import FORMATS, format_github, format_text, summary, to_json
from build_kb.pipeline import Loaded, load_cards, load_project
from build_kb.scaffold import ScaffoldError, create_card
from build_kb.schemafile import PROJECT_SCHEMA, SchemaWriteError, schema_reference, write_schema
from build_kb.site_commands import COMMANDS as SITE_COMMANDS
from build_kb.site_commands import run_site_command

# rdflib, igraph, citeproc and MkDocs are imported where they are used, never here: ``check``
# (a pre-commit hook) starts without them, and a base install (no ``site`` extra) has none
# but rdflib.

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
    new = commands.add_parser(
        "new",
        help="write a new concept card with every field",
        description="Write concepts/ID.yaml with every field and a comment on each; never overwrites a file.",
    )
    new.add_argument("id", help="the card id: lowercase words joined by '-', e.g. professional-controversy")
    new.add_argument(
        "--kind",
        default=None,
        help="what the card describes, one of the project's kinds (default: concept, or the project's first "
        "kind after theme)",
    )
    new.add_argument("--theme", action="append", default=[], help="a theme card id (repeat for several)")
    new.add_argument("--project", type=Path, default=Path("."), help="project folder (default: .)")
    _add_project_commands(commands)
    _add_graph_commands(commands)
    for name, text in SITE_COMMANDS.items():  # listed only: main() hands their arguments (--help too) to MkDocs
        commands.add_parser(name, help=text)
    return parser


def _languages(value: str) -> tuple[str, ...]:
    """``fr,en`` as ``("fr", "en")``: distinct language codes, or a usage error (exit 2)."""
    languages = tuple(part.strip() for part in value.split(",") if part.strip())
    if not is_language_list(languages):
        raise argparse.ArgumentTypeError(f"not a list of distinct language codes: {value!r} (for example: fr,en)")
    return languages


def _add_project_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``init`` and ``schema`` subcommands: files a project starts from."""
    init = commands.add_parser(
        "init",
        help="write a new knowledge base that builds at once",
        description="Write a new project: mkdocs.yml, a home page, a theme card and a concept card citing a "
        "BibTeX entry, the card schema, .gitignore, a pre-commit configuration and a GitHub workflow that "
        "checks pull requests and publishes main on GitHub Pages. Never overwrites a file: if one exists, "
        "nothing is written.",
    )
    init.add_argument("directory", nargs="?", default=Path("."), type=Path, help="project folder (default: .)")
    init.add_argument("--title", default="", help="the site's title (default: the folder's name)")
    init.add_argument(
        "--languages", type=_languages, default=("en",), help="site languages, the first the default (default: en)"
    )
    init.add_argument("--site-url", type=_site_url, default=None, help="the published address (for IRIs and $schema)")
    schema = commands.add_parser(
        "schema",
        help="write the card schema into the project (for editors)",
        description="Write the card JSON Schema into the project, so every card's $schema line points at a "
        "file every contributor has. Updates an earlier copy; never replaces another file.",
    )
    schema.add_argument("project", nargs="?", default=".", type=Path, help="project folder (default: .)")
    schema.add_argument("--output", "-o", type=Path, help=f"file to write (default: PROJECT/{PROJECT_SCHEMA})")


def run_init(directory: Path, title: str, languages: tuple[str, ...], site_url: str, out: TextIO, err: TextIO) -> int:
    """Write a new project into ``directory``, or refuse (listing what exists) without writing anything."""
    from build_kb.init import InitRefused, init_project  # its templates are no business of check's start-up

    if directory.exists() and not directory.is_dir():
        print(f"build_kb init: error: {directory} is a file, not a folder", file=err)
        return EXIT_FAILED
    name = title.strip() or directory.resolve().name.replace("-", " ").replace("_", " ").strip() or "Knowledge base"
    result = init_project(directory, name, languages, site_url)
    if isinstance(result, InitRefused):
        print(
            f"build_kb init: error: {len(result.existing)} file(s) already exist in {directory}; nothing written:",
            file=err,
        )
        for path in result.existing:
            print(f"  {path}", file=err)
        print("  hint: run init in an empty folder, or move these files away first", file=err)
        return EXIT_FAILED
    for path in result:
        print(f"created {(directory / path).as_posix()}", file=out)
    print(f"next: cd {directory} && build-kb build --strict   (or: build-kb serve)", file=out)
    return EXIT_OK


def run_schema(project: Path, output: Path | None, out: TextIO, err: TextIO) -> int:
    """Write the card schema to ``output`` (default: the project's ``schema/concept.schema.json``)."""
    target = output if output is not None else project / PROJECT_SCHEMA
    config, problems = load_config(project)
    for problem in problems:  # the schema follows the settings: a wrong one is said, the default list is used
        print(format_text(problem), file=err)
    state = write_schema(target, config.vocabulary)
    if isinstance(state, SchemaWriteError):
        print(f"build_kb schema: error: {state.message}", file=err)
        if state.hint:
            print(f"  hint: {state.hint}", file=err)
        return EXIT_FAILED
    print(f"{state} {target.as_posix()}", file=out)
    return EXIT_OK


def run_new(project: Path, card_id: str, kind: str | None, themes: list[str], out: TextIO, err: TextIO) -> int:
    """Scaffold a card; refuse a bad id, an unknown kind or theme, or an existing file."""
    config, _ = load_config(project)
    if kind is None:
        kinds = config.vocabulary.kind_names
        kind = "concept" if "concept" in kinds else next((k for k in kinds if k != "theme"), "theme")
    cards, _ = load_cards(config)
    known = [card.id for card in cards.values() if card.kind == "theme"]
    reference = schema_reference(config, config.concepts_path)
    schema_copy = None if reference is not None else config.root / PROJECT_SCHEMA
    if schema_copy is not None:  # nothing to point at yet: the card points at a copy written next
        reference = Path(os.path.relpath(schema_copy.resolve(), config.concepts_path.resolve())).as_posix()
    result = create_card(
        config.concepts_path, card_id, kind, themes, known, config.languages, reference, config.vocabulary
    )
    if isinstance(result, ScaffoldError):
        print(f"build_kb new: error: {result.message}", file=err)
        if result.hint:
            print(f"  hint: {result.hint}", file=err)
        return EXIT_FAILED
    print(f"created {config.relative(result)}", file=out)
    if schema_copy is not None:
        state = write_schema(schema_copy, config.vocabulary)
        if isinstance(state, SchemaWriteError):
            print(f"build_kb new: warning: {state.message}", file=err)
        else:
            print(f"{state} {config.relative(schema_copy)} (the card schema, for editors)", file=out)
    print(f"next: fill in its fields, then run: python -m build_kb check {project}", file=out)
    return EXIT_OK


def _site_url(value: str) -> str:
    """An absolute http(s) address, or argparse reports a usage error (exit 2)."""
    from build_kb.graph.vocab import PLACEHOLDER_SITE, site_base

    if site_base(value) == PLACEHOLDER_SITE and value.rstrip("/") != PLACEHOLDER_SITE.rstrip("/"):
        raise argparse.ArgumentTypeError(f"not an http(s) address: {value!r}")
    return value


def _add_graph_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``export`` and ``query`` subcommands (each loads and checks the project first)."""
    export = commands.add_parser(
        "export",
        help="write the concept graph or library in one format",
        description="Write one export of a project to a file or to standard output. Formats: "
        + "; ".join(f"{e.name}: {e.description} (site: /{e.filename})" for e in EXPORTERS.values())
        + ". A project with errors is not exported.",
    )
    export.add_argument("--format", choices=sorted(EXPORTERS), default="turtle", help="export format (default: turtle)")
    export.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
    query = commands.add_parser(
        "query",
        help="run a SPARQL query on the concept graph",
        description="Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) on the project's RDF graph "
        "in memory. The export's prefixes (skos:, dcterms:, bibo:, foaf:, bkb:, ...) are predeclared.",
    )
    query.add_argument("query", type=Path, help="the query file (.rq)")
    query.add_argument("--format", choices=QUERY_FORMATS, default="table", help="result format (default: table)")
    for command in (export, query):
        command.add_argument("project", nargs="?", default=".", type=Path, help="project folder (default: .)")
        command.add_argument(
            "--site-url", type=_site_url, default=None, help="base of the IRIs (default: site_url of mkdocs.yml)"
        )
        command.add_argument("--strict", action="store_true", help="refuse warnings too")


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


def _load_clean(project: Path, strict: bool, err: TextIO) -> Loaded | None:
    """Load and check a project; on errors print them to ``err`` and return None."""
    loaded = load_project(project)
    if not loaded.failed(strict):
        return loaded
    for diagnostic in loaded.diagnostics:
        print(format_text(diagnostic, strict), file=err)
    print(summary(loaded.diagnostics, len(loaded.kb.cards), len(loaded.kb.references), strict), file=err)
    print("build_kb: the knowledge base has errors: fix them first (nothing was exported or queried)", file=err)
    return None


def _source(loaded: Loaded, site_url: str | None) -> ExportSource:
    config = loaded.config if site_url is None else replace(loaded.config, site_url=site_url)
    return ExportSource(loaded.kb, config)


def run_export(
    project: Path, fmt: str, output: Path | None, site_url: str | None, strict: bool, out: TextIO, err: TextIO
) -> int:
    """Export a project in one format to ``output`` (or ``out``); return the exit code."""
    loaded = _load_clean(project, strict, err)
    if loaded is None:
        return EXIT_FAILED
    try:
        text = EXPORTERS[fmt].render(_source(loaded, site_url))
    except ModuleNotFoundError as error:  # the graph layout needs igraph, of the site extra
        print(
            f"build_kb: the {fmt} export needs {error.name}, which comes with the site extra: "
            "pip install 'build-kb[site]'",
            file=err,
        )
        return EXIT_FAILED
    if output is None:
        out.write(text)
        return EXIT_OK
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(text.encode("utf-8"))
    except OSError as error:
        print(f"build_kb: cannot write {output}: {error.strerror or error}", file=err)
        return EXIT_FAILED
    return EXIT_OK


def run_sparql(
    project: Path, query_file: Path, fmt: str, site_url: str | None, strict: bool, out: TextIO, err: TextIO
) -> int:
    """Run a SPARQL query file on a project's graph and print the results; return the exit code."""
    try:
        text = query_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"build_kb: cannot read {query_file}: {error}", file=err)
        return EXIT_USAGE
    from build_kb.graph.query import QueryError, format_result, run_query

    loaded = _load_clean(project, strict, err)
    if loaded is None:
        return EXIT_FAILED
    graph = _source(loaded, site_url).graph
    try:
        result = run_query(graph, text)
    except QueryError as error:
        print(f"{query_file}: error[sparql]: {error}", file=err)
        return EXIT_FAILED
    out.write(format_result(result, fmt))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m build_kb`` and the ``build-kb`` script."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    debug = arguments[:1] == ["--debug"]
    first = int(debug)
    if arguments[first : first + 1] and arguments[first] in SITE_COMMANDS:  # MkDocs parses the rest
        try:
            return run_site_command(arguments[first], arguments[first + 1 :], sys.stdout, sys.stderr)
        except KeyboardInterrupt:
            return EXIT_FAILED
        except Exception as error:
            return _internal_error(error, debug)
    parser = _parser()
    args = parser.parse_args(arguments)
    try:
        if args.command == "check":
            if not args.project.is_dir():
                parser.error(f"project folder not found: {args.project}")
            return run_check(args.project, args.format, args.strict, sys.stdout)
        if args.command == "new":
            if not args.project.is_dir():
                parser.error(f"project folder not found: {args.project}")
            return run_new(args.project, args.id, args.kind, args.theme, sys.stdout, sys.stderr)
        if args.command == "init":
            return run_init(args.directory, args.title, args.languages, args.site_url or "", sys.stdout, sys.stderr)
        if args.command == "schema":
            if not args.project.is_dir():
                parser.error(f"project folder not found: {args.project}")
            return run_schema(args.project, args.output, sys.stdout, sys.stderr)
        if args.command in ("export", "query"):
            if not args.project.is_dir():
                parser.error(f"project folder not found: {args.project}")
            if args.command == "export":
                return run_export(
                    args.project, args.format, args.output, args.site_url, args.strict, sys.stdout, sys.stderr
                )
            return run_sparql(args.project, args.query, args.format, args.site_url, args.strict, sys.stdout, sys.stderr)
    except KeyboardInterrupt:
        return EXIT_FAILED
    except Exception as error:  # A bug in build_kb, not in the input: say so plainly.
        return _internal_error(error, args.debug)
    return EXIT_USAGE


def _internal_error(error: Exception, debug: bool) -> int:
    """Say that build_kb failed, not the input (with the traceback under ``--debug``)."""
    if debug:
        traceback.print_exc()
    print(
        f"build_kb: internal error: {type(error).__name__}: {error}\n"
        "This is a bug in build_kb, not in your files; please report it "
        "(run again with --debug for details).",
        file=sys.stderr,
    )
    return EXIT_INTERNAL
