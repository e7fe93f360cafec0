"""Reading mkdocs.yml without the values that crash or stall MkDocs' own loader.

MkDocs (and ProperDocs, its continuation) read mkdocs.yml with PyYAML before any plugin
runs. Valid YAML can stop that loader with a Python traceback or keep it busy for
minutes: a number whose decimal form Python refuses to write (over 4,300 digits, from
decimal, hexadecimal or ``1:2:3`` text), a date that does not exist (``2020-13-45``),
nesting PyYAML's recursive composer cannot follow, aliases that expand into more data
than memory holds (MkDocs prints every setting when it logs), a file of megabytes. The
same bounds as for cards (:mod:`build_kb.load.yamlmarks`) find them here first, each
with its position, so ``check``, ``build`` and ``serve`` report them instead.
"""

from __future__ import annotations

import math
import sys
from typing import NamedTuple

import yaml

from build_kb.load.yamlmarks import MAX_DEPTH, MAX_INTEGER_DIGITS, integer_digits

try:  # The C parser: fast, and not recursive (the scan below reads its events only).
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

MAX_CONFIG_BYTES = 1024 * 1024
"""The largest mkdocs.yml read: a configuration is a few kilobytes, and MkDocs takes about 3 s per megabyte."""
MAX_EXPANDED_CHARS = 4 * MAX_CONFIG_BYTES
"""The most characters (one more for each value) the document may hold once every alias is written out in full."""


class Unreadable(NamedTuple):
    """A place in mkdocs.yml that MkDocs' loader cannot get past: character offset, message, hint."""

    offset: int
    message: str
    hint: str


class TooLargeNumber(str):
    """A whole number in mkdocs.yml with more digits than any setting takes: its text, never a number."""


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running it: unknown tags such as !!python/name become None.

    Numbers and dates MkDocs' loader would fail on are kept as text and listed in ``unreadable``.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.unreadable: list[Unreadable] = []


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


def _decimal_digits(value: int) -> int:
    """How many decimal digits ``value`` has, without writing it (Python refuses past its limit)."""
    return max(1, math.floor(abs(value).bit_length() * math.log10(2)) + 1)


def _bounded_int(loader: ConfigLoader, node: yaml.ScalarNode) -> int | TooLargeNumber:
    """PyYAML's integer, measured first: Python neither reads nor writes one of over 4,300 decimal digits."""
    text = str(node.value)
    digits = integer_digits(text)
    if digits <= MAX_INTEGER_DIGITS:
        value: int = loader.construct_yaml_int(node)
        return value
    limit = sys.get_int_max_str_digits()
    if limit and digits <= limit:  # Readable text: its value may still be too long to write out.
        digits = _decimal_digits(loader.construct_yaml_int(node))
    if 0 < limit < digits:
        message = f"a whole number of {digits:,} digits: MkDocs cannot read mkdocs.yml with it"
        hint = f"Python makes numbers of at most {limit:,} digits; quote it if it is text"
        loader.unreadable.append(Unreadable(node.start_mark.index, message, hint))
    return TooLargeNumber(text)


def _checked_timestamp(loader: ConfigLoader, node: yaml.ScalarNode) -> object:
    """PyYAML's date or time, or the text when it names none (``2020-13-45``: PyYAML raises ValueError)."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError as error:
        message = f"'{node.value}' is not a date ({error}): MkDocs cannot read mkdocs.yml with it"
        hint = "write a real date as YYYY-MM-DD, or quote it if it is text"
        loader.unreadable.append(Unreadable(node.start_mark.index, message, hint))
        return str(node.value)


ConfigLoader.add_multi_constructor("!", _ignore_tag)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
ConfigLoader.add_constructor("tag:yaml.org,2002:int", _bounded_int)
ConfigLoader.add_constructor("tag:yaml.org,2002:timestamp", _checked_timestamp)


def _offset(mark: object) -> int:
    """The character offset of a parser mark (0 when the parser gave none)."""
    return int(getattr(mark, "index", 0))


def shape_problem(text: str) -> Unreadable | None:
    """The first place the document nests deeper than :data:`MAX_DEPTH`, or its aliases grow it too large.

    Reads parser events only (no recursion, no data made). A syntax error is left to the
    loader that follows, which reports it with its position.
    """
    loader = _EventLoader(text)
    anchors: dict[str, int] = {}
    stack: list[tuple[str | None, int]] = []  # open collections: anchor, characters so far
    total = 0
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= MAX_DEPTH:
                    message = f"values nest more than {MAX_DEPTH} levels deep: MkDocs cannot read mkdocs.yml"
                    hint = "no setting nests this deep; MkDocs' YAML reader stops with a RecursionError"
                    return Unreadable(_offset(event.start_mark), message, hint)
                stack.append((event.anchor, 1))
                total += 1
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, size = stack.pop()  # counted in the total as its parts came
                if anchor is not None:
                    anchors[anchor] = size
            elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                if isinstance(event, yaml.ScalarEvent):
                    size = len(event.value) + 1
                else:
                    size = anchors.get(event.anchor or "", 1)
                if event.anchor is not None and isinstance(event, yaml.ScalarEvent):
                    anchors[event.anchor] = size
                total += size
                if total > MAX_EXPANDED_CHARS and isinstance(event, yaml.AliasEvent):
                    message = f"aliases make mkdocs.yml more than {MAX_EXPANDED_CHARS:,} characters long once expanded"
                    hint = "write the values out, or refer to fewer anchors: MkDocs expands every alias"
                    return Unreadable(_offset(event.start_mark), message, hint)
            else:
                continue
            if stack:
                stack[-1] = (stack[-1][0], stack[-1][1] + size)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None
