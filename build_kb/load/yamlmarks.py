"""A strict YAML loader that remembers where every key and value came from.

PyYAML's ``safe_load`` keeps the last of two duplicate keys without a word, expands
anchors and forgets positions. Cards come from pull requests, so we build values from
the parser's events ourselves: positions are kept for every value and key, duplicate
keys, anchors, aliases and tags are refused, and nesting depth is bounded.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import yaml

from build_kb.codes import report
from build_kb.diagnostics import Diagnostic, Position

try:  # The C parser is ten times faster; fall back when libyaml is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

YamlPath = tuple[str | int, ...]
"""The path of a value inside a document: mapping keys and list indexes."""

MAX_DEPTH = 64
MAX_INTEGER_DIGITS = 18
"""A whole number in a card may have this many digits (it then fits 64 bits); more is a diagnostic.

Python refuses to turn a text of over 4,300 digits into a number, and a YAML 1.1
sexagesimal number (``1:2:3:...``) grows by multiplication: both are refused before
any number is made. No card field is a number, so the bound costs nobody anything.
"""

_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_PLAIN_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}


_LINE_BREAK_RE = re.compile(r"\r\n?|\n")


class SourceText:
    """A file's text with a line index, to turn character offsets into positions.

    Lines end at LF, CRLF or a lone CR: the three line ends every editor (and GitHub's
    file view) breaks lines at. YAML also breaks lines at U+0085, U+2028 and U+2029, but
    editors show those inside a line, so positions count them as one character of it, as
    they count a tab: a column is a number of characters from the start of the line.
    Every position, the parser's errors included, is made from a character offset here.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0]
        if "\r" in text:
            self._line_starts.extend(match.end() for match in _LINE_BREAK_RE.finditer(text))
            return
        start = text.find("\n")
        while start != -1:
            self._line_starts.append(start + 1)
            start = text.find("\n", start + 1)

    def position(self, index: int) -> Position:
        """The 1-based line and column of character ``index``."""
        index = max(0, min(index, len(self.text)))
        line = bisect.bisect_right(self._line_starts, index) - 1
        return Position(line + 1, index - self._line_starts[line] + 1)


class Span(NamedTuple):
    """Where a value stands in the source: character offsets, end excluded.

    A named tuple rather than a frozen dataclass: one is made for every value of every
    card, and a tuple is several times cheaper to create.
    """

    start: int
    end: int


@dataclass(slots=True)
class YamlDocument:
    """A loaded YAML document: plain Python data plus the position of every part.

    Attributes:
        data: dicts, lists, str, int, float, bool and None, as ``safe_load`` would give.
        source: The text, to turn offsets into positions.
        values: For each path, the span of its value.
        keys: For each path, the span of the key that introduced it.
    """

    data: Any
    source: SourceText
    values: dict[YamlPath, Span] = field(default_factory=dict)
    keys: dict[YamlPath, Span] = field(default_factory=dict)

    def value_position(self, path: YamlPath) -> Position:
        """Where the value at ``path`` starts, or its nearest known ancestor."""
        while path and path not in self.values:
            path = path[:-1]
        span = self.values.get(path)
        return self.source.position(span.start if span else 0)

    def key_position(self, path: YamlPath) -> Position:
        """Where the key of ``path`` stands (the value's position if it has no key)."""
        span = self.keys.get(path)
        return self.source.position(span.start) if span else self.value_position(path)

    def find_in_value(self, path: YamlPath, needle: str, occurrence: int = 0) -> Position:
        """Where the ``occurrence``-th ``needle`` stands inside the value at ``path``.

        Citations and links live inside long folded scalars, whose newlines differ from
        the file's; searching the raw source slice gives their true line and column in
        every scalar style. Falls back to the value's start when not found.
        """
        span = self.values.get(path)
        if span is None:
            return self.value_position(path)
        start = span.start
        for _ in range(occurrence + 1):
            found = self.source.text.find(needle, start, span.end)
            if found == -1:
                return self.source.position(span.start)
            start = found + 1
        return self.source.position(start - 1)


def _at(mark: Any) -> int:
    """The character offset of a parser mark (0 when the parser gave none)."""
    return int(mark.index) if mark is not None else 0


class _Builder:
    """Turns a stream of parser events into data, spans and diagnostics."""

    def __init__(self, path: str, source: SourceText) -> None:
        self.path = path
        self.source = source
        self.doc = YamlDocument(None, source)
        self.diagnostics: list[Diagnostic] = []

    def _report(self, code: str, index: int, message: str, hint: str = "") -> None:
        position = self.source.position(index)
        self.diagnostics.append(report(code, self.path, position, message, hint))

    def build(self, events: Iterator[yaml.Event]) -> None:
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents == 2:
                    self._report(
                        "multiple-documents",
                        _at(event.start_mark),
                        "a card file holds one YAML document; found a second one here",
                        "remove the '---' separator and everything after it, or split the file",
                    )
            elif isinstance(event, yaml.NodeEvent | yaml.CollectionStartEvent):
                value = self._node(event, events, (), 0)
                if documents == 1:
                    self.doc.data = value

    def _check_node(self, event: yaml.NodeEvent) -> None:
        anchor = getattr(event, "anchor", None)
        if anchor:
            self._report(
                "yaml-anchor",
                _at(event.start_mark),
                f"YAML anchor '&{anchor}' is not allowed in a card",
                "write the value out in full where it is needed",
            )
        tag = getattr(event, "tag", None)
        if tag and tag != "!":
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            self._report(
                "yaml-tag",
                _at(event.start_mark),
                f"explicit YAML tag '{tag}' is not allowed in a card",
                "remove the tag; quote the value if it must be text",
            )

    def _node(self, event: yaml.Event, events: Iterator[yaml.Event], path: YamlPath, depth: int) -> Any:
        if type(event) is yaml.ScalarEvent:  # Most nodes: the short way, same result as below.
            if event.anchor or event.tag:
                self._check_node(event)
            self.doc.values[path] = Span(_at(event.start_mark), _at(event.end_mark))
            return self._scalar(event)
        if isinstance(event, yaml.AliasEvent):
            self.doc.values[path] = Span(_at(event.start_mark), _at(event.end_mark))
            self._report(
                "yaml-anchor",
                _at(event.start_mark),
                f"YAML alias '*{event.anchor}' is not allowed in a card",
                "write the value out in full instead of referring to an anchor",
            )
            return None
        assert isinstance(event, yaml.NodeEvent)
        self._check_node(event)
        start = _at(event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            self.doc.values[path] = Span(start, _at(event.end_mark))
            return self._scalar(event)
        if depth >= MAX_DEPTH:
            self._report("yaml-too-deep", start, f"values nest more than {MAX_DEPTH} levels deep")
            _skip_collection(events)
            return None
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for child in events:
                if isinstance(child, yaml.SequenceEndEvent):
                    self.doc.values[path] = Span(start, _at(child.end_mark))
                    return items
                items.append(self._node(child, events, (*path, len(items)), depth + 1))
            return items
        return self._mapping(event, events, path, depth)

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        value = _scalar(event)
        if type(value) is TooLargeNumber:
            self._report(
                "number-too-large",
                _at(event.start_mark),
                f"a whole number of {value.digits:,} digits; numbers in a card have at most {MAX_INTEGER_DIGITS}",
                "put it in quotes if it is text",
            )
            return event.value  # As written: text fields then read it, and nothing else can.
        return value

    def _mapping(self, event: yaml.Event, events: Iterator[yaml.Event], path: YamlPath, depth: int) -> Any:
        start = _at(event.start_mark)
        mapping: dict[str, Any] = {}
        for key_event in events:
            if isinstance(key_event, yaml.MappingEndEvent):
                self.doc.values[path] = Span(start, _at(key_event.end_mark))
                return mapping
            key_start = _at(key_event.start_mark)
            key = self._node(key_event, events, (*path, "\0key"), depth + 1)
            value_event = next(events)
            if not isinstance(key, str | int | float | bool) or key is None:
                self._report(
                    "yaml-complex-key",
                    key_start,
                    "a mapping key must be plain text",
                    "write keys as plain words, such as 'label:'",
                )
                self._node(value_event, events, (*path, "\0value"), depth + 1)
                continue
            name = str(key) if not isinstance(key, bool) else str(key).lower()
            if name in mapping:
                first = self.doc.keys[(*path, name)]
                where = self.source.position(first.start)
                self._report(
                    "duplicate-key",
                    key_start,
                    f"duplicate key '{name}' (first at line {where.line}); YAML would keep only this one",
                    "merge the two into one key, or delete one",
                )
                self._node(value_event, events, (*path, "\0dup"), depth + 1)
                continue
            self.doc.keys[(*path, name)] = Span(key_start, _at(key_event.end_mark))
            mapping[name] = self._node(value_event, events, (*path, name), depth + 1)
        return mapping


def _skip_collection(events: Iterator[yaml.Event]) -> None:
    """Consume events up to the end of the collection just opened, without recursion."""
    level = 1
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            level += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            level -= 1
            if level == 0:
                return


def _scalar(event: yaml.ScalarEvent) -> Any:
    """Resolve a scalar as ``safe_load`` would, but keep dates as text."""
    if event.style or not event.implicit[0]:
        return event.value
    return _plain_scalar(event.value)


class TooLargeNumber(NamedTuple):
    """A YAML integer with more digits than :data:`MAX_INTEGER_DIGITS`: never turned into a number."""

    text: str
    digits: int


def integer_digits(text: str) -> int:
    """How many digits a YAML 1.1 integer's text holds (sign, base prefix, ``_`` and ``:`` not counted)."""
    body = text.lstrip("+-")
    if body[:2] in ("0x", "0X", "0b", "0B", "0o", "0O"):
        body = body[2:]
    return sum(1 for char in body if char not in "_:")


@lru_cache(maxsize=4096)
def _plain_scalar(value: str) -> Any:
    """A plain scalar's value: its tag depends on its text alone (keys such as ``label`` recur in every card).

    Cached values are immutable (text, numbers, booleans, None), so sharing them is safe.
    An integer is measured before it is made: one too long is a :class:`TooLargeNumber`.
    """
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    if tag not in _PLAIN_TAGS:
        return value
    if tag == "tag:yaml.org,2002:int":
        digits = integer_digits(value)
        if digits > MAX_INTEGER_DIGITS:
            return TooLargeNumber(value, digits)
    node = yaml.ScalarNode(tag, value)
    return _CONSTRUCTOR.construct_object(node, deep=True)


def load_yaml(text: str, path: str) -> tuple[YamlDocument, list[Diagnostic]]:
    """Parse one YAML document, keeping positions and refusing what cards must not use.

    Args:
        text: The file's decoded text.
        path: The file's project-relative path, for diagnostics.

    Returns:
        The document (``data`` is None when nothing could be read) and the problems.
    """
    source = SourceText(text)
    builder = _Builder(path, source)
    loader = None
    try:
        loader = _Loader(text)  # Inside the try: the pure-Python reader checks the text here.
        # The events yaml.parse() gives, without its Python generator step per event.
        builder.build(iter(loader.get_event, None))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # From the mark's character offset, not its line and column: YAML counts U+2028 and
        # U+0085 as line ends, editors do not (see SourceText).
        position = source.position(mark.index) if mark else Position()
        problem = error.problem or "invalid YAML"
        context = f" {error.context}" if error.context else ""
        builder.diagnostics.append(
            report(
                "yaml-syntax",
                path,
                position,
                f"YAML syntax error: {problem}{context}",
                "check indentation and quoting; a value holding ': ' or '#' needs quotes",
            )
        )
        builder.doc.data = None
    except yaml.YAMLError as error:  # ReaderError: a control character, for one.
        mark = getattr(error, "position", None)
        position = source.position(mark) if isinstance(mark, int) else Position()
        builder.diagnostics.append(report("yaml-syntax", path, position, f"YAML syntax error: {error}".splitlines()[0]))
        builder.doc.data = None
    finally:
        if loader is not None:
            loader.dispose()
    return builder.doc, builder.diagnostics
