"""A fast yes/no JSON Schema check, so jsonschema runs only on cards that have problems.

jsonschema walks a card through many generic layers (about 2 ms a card, most of the
load of a thousand cards), yet nearly every card of a build is valid and its errors are
not wanted. :func:`compile_schema` turns the schema once into plain Python predicates
that answer "valid?" exactly as ``Draft202012Validator.is_valid`` would; the checker
asks jsonschema for the errors only when the answer is no, so the diagnostics are
jsonschema's, unchanged.

Only the keywords the card schema needs are compiled. A schema with any other keyword
compiles to None (every card goes to jsonschema); a value the predicates cannot judge
exactly (``enum`` of non-strings, ``uniqueItems`` of non-strings) raises
:class:`Unsure` and goes to jsonschema too. So the fast answer is never a guess.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

_ANNOTATIONS = frozenset(
    (
        "$schema",
        "$id",
        "$comment",
        "$defs",
        "definitions",
        "title",
        "description",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "format",  # An annotation: the card validator has no format checker.
        "then",  # Read with "if".
        "else",
    )
)


class Unsure(Exception):  # A signal to fall back, not an error.
    """The predicates cannot judge this value exactly: ask jsonschema."""


class Unsupported(Exception):
    """The schema uses a keyword this module does not compile."""


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


_TYPES: dict[str, Check] = {
    "string": lambda value: isinstance(value, str),
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "integer": _is_integer,
    "number": lambda value: isinstance(value, numbers.Number) and not isinstance(value, bool),
}


def _all(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)

    def every(value: Any) -> bool:
        # A loop, not all() over a generator (SIM110): this runs for every value of every card.
        for check in checks:  # noqa: SIM110
            if not check(value):
                return False
        return True

    return every


class _Compiler:
    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, pointer: str) -> Check:
        """A local ``#/...`` reference, compiled once (and lazily, so recursion works)."""
        found = self.refs.get(pointer)
        if found is not None:
            return found
        if not pointer.startswith("#/"):
            raise Unsupported(pointer)
        target: Any = self.root
        for part in pointer[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, Mapping) or part not in target:
                raise Unsupported(pointer)
            target = target[part]
        compiled: Check | None = None

        def deferred(value: Any) -> bool:
            assert compiled is not None
            return compiled(value)

        self.refs[pointer] = deferred
        compiled = self.compile(target)
        self.refs[pointer] = compiled
        return compiled

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda value: True
        if schema is False:
            return lambda value: False
        if not isinstance(schema, Mapping):
            raise Unsupported(repr(schema))
        checks: list[Check] = []
        for keyword, argument in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            method = getattr(self, "k_" + keyword.lstrip("$"), None)
            if method is None:
                raise Unsupported(keyword)
            checks.append(method(argument, schema))
        return _all(checks) if checks else (lambda value: True)

    # One method per keyword: (argument, the schema it stands in) -> predicate.

    def k_ref(self, pointer: Any, schema: Mapping[str, Any]) -> Check:
        if not isinstance(pointer, str):
            raise Unsupported("$ref")
        return self.ref(pointer)

    def k_type(self, name: Any, schema: Mapping[str, Any]) -> Check:
        names = [name] if isinstance(name, str) else name
        if not isinstance(names, list) or not all(isinstance(n, str) and n in _TYPES for n in names):
            raise Unsupported("type")
        if len(names) == 1:
            return _TYPES[names[0]]
        checks = [_TYPES[n] for n in names]
        return lambda value: any(check(value) for check in checks)

    def k_enum(self, choices: Any, schema: Mapping[str, Any]) -> Check:
        if not isinstance(choices, list):
            raise Unsupported("enum")
        if not all(isinstance(choice, str) for choice in choices):

            def unsure(value: Any) -> bool:
                raise Unsure("enum")

            return unsure
        allowed = frozenset(choices)
        return lambda value: isinstance(value, str) and value in allowed

    def k_const(self, constant: Any, schema: Mapping[str, Any]) -> Check:
        if not isinstance(constant, str):
            raise Unsupported("const")
        return lambda value: isinstance(value, str) and value == constant

    def k_pattern(self, pattern: Any, schema: Mapping[str, Any]) -> Check:
        search = re.compile(pattern).search
        return lambda value: not isinstance(value, str) or search(value) is not None

    def k_minLength(self, limit: Any, schema: Mapping[str, Any]) -> Check:
        return lambda value: not isinstance(value, str) or len(value) >= limit

    def k_maxLength(self, limit: Any, schema: Mapping[str, Any]) -> Check:
        return lambda value: not isinstance(value, str) or len(value) <= limit

    def k_minItems(self, limit: Any, schema: Mapping[str, Any]) -> Check:
        return lambda value: not isinstance(value, list) or len(value) >= limit

    def k_maxItems(self, limit: Any, schema: Mapping[str, Any]) -> Check:
        return lambda value: not isinstance(value, list) or len(value) <= limit

    def k_minProperties(self, limit: Any, schema: Mapping[str, Any]) -> Check:
        return lambda value: not isinstance(value, dict) or len(value) >= limit

    def k_maxProperties(self, limit: Any, schema: Mapping[str, Any]) -> Check:
        return lambda value: not isinstance(value, dict) or len(value) <= limit

    def k_uniqueItems(self, unique: Any, schema: Mapping[str, Any]) -> Check:
        if not unique:
            return lambda value: True

        def check(value: Any) -> bool:
            if not isinstance(value, list):
                return True
            if not all(isinstance(item, str) for item in value):
                raise Unsure("uniqueItems")
            return len(set(value)) == len(value)

        return check

    def k_required(self, names: Any, schema: Mapping[str, Any]) -> Check:
        required = tuple(names)
        return lambda value: not isinstance(value, dict) or all(name in value for name in required)

    def k_properties(self, properties: Any, schema: Mapping[str, Any]) -> Check:
        checks = {name: self.compile(sub) for name, sub in properties.items()}

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for name, item in value.items():
                sub = checks.get(name)
                if sub is not None and not sub(item):
                    return False
            return True

        return check

    def k_patternProperties(self, patterns: Any, schema: Mapping[str, Any]) -> Check:
        compiled = [(re.compile(pattern).search, self.compile(sub)) for pattern, sub in patterns.items()]

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for search, sub in compiled:
                for name, item in value.items():
                    if search(name) and not sub(item):
                        return False
            return True

        return check

    def k_additionalProperties(self, additional: Any, schema: Mapping[str, Any]) -> Check:
        known = frozenset(schema.get("properties", {}))
        patterns = "|".join(schema.get("patternProperties", {}))  # As jsonschema joins them.
        search = re.compile(patterns).search if patterns else None
        sub = self.compile(additional)

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for name, item in value.items():
                if name in known or (search is not None and search(name)):
                    continue
                if not sub(item):
                    return False
            return True

        return check

    def k_items(self, items: Any, schema: Mapping[str, Any]) -> Check:
        if "prefixItems" in schema:
            raise Unsupported("prefixItems")
        sub = self.compile(items)

        def check(value: Any) -> bool:
            if not isinstance(value, list):
                return True
            for item in value:  # noqa: SIM110  (a loop is faster than all() over a generator)
                if not sub(item):
                    return False
            return True

        return check

    def k_if(self, condition: Any, schema: Mapping[str, Any]) -> Check:
        test = self.compile(condition)
        then = self.compile(schema.get("then", True))
        otherwise = self.compile(schema.get("else", True))
        return lambda value: then(value) if test(value) else otherwise(value)

    def k_not(self, negated: Any, schema: Mapping[str, Any]) -> Check:
        sub = self.compile(negated)
        return lambda value: not sub(value)

    def k_allOf(self, schemas: Any, schema: Mapping[str, Any]) -> Check:
        return _all([self.compile(sub) for sub in schemas])

    def k_anyOf(self, schemas: Any, schema: Mapping[str, Any]) -> Check:
        checks = [self.compile(sub) for sub in schemas]
        return lambda value: any(check(value) for check in checks)

    def k_oneOf(self, schemas: Any, schema: Mapping[str, Any]) -> Check:
        checks = [self.compile(sub) for sub in schemas]
        return lambda value: sum(1 for check in checks if check(value)) == 1


def compile_schema(schema: Mapping[str, Any]) -> Check | None:
    """The schema as one predicate (True: valid; raises :class:`Unsure`), or None if it uses other keywords."""
    try:
        return _Compiler(schema).compile(schema)
    except (Unsupported, TypeError, re.error):
        return None


def surely_valid(check: Check | None, value: Any) -> bool:
    """Whether ``value`` is valid for certain; False means "ask jsonschema" (invalid, or unsure)."""
    if check is None:
        return False
    try:
        return check(value)
    except (Unsure, TypeError):  # TypeError: a value no card holds (a non-text key, say).
        return False
