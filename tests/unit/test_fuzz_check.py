"""Fuzzing ``check`` with random mutations of the real cards and the real library (issue 15).

Each example copies a few of the shipped cards and the shipped ``.bib`` into a fresh
project, damages one file at random (bytes inserted, removed or repeated, hostile
tokens, other line ends) and runs ``python -m build_kb check`` in this process. Whatever
the damage: no internal error (exit 3) and no traceback, and every diagnostic is
``path:line:col`` with a project-relative path and a message free of control characters.
Seeded (``derandomize``) and bounded in examples, so a failure reproduces on every run.
The page renderer's half of the fuzzing lives with the renderer's tests.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_kb.cli import EXIT_INTERNAL, main

REPO = Path(__file__).parents[2]
CARDS = sorted((REPO / "concepts").glob("*.yaml"))
LIBRARY = sorted((REPO / "references").glob("*.bib"))
CARD_SAMPLE = 4

CARD_TOKENS = [
    "\x1b[2J",
    "\n",
    "\r",
    "\r\n",
    "\u2028",
    "\u2029",
    "\x85",
    "\t",
    "\x00",
    "\ufeff",
    "\u202e",
    ": ",
    "- ",
    "? ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&a ",
    "*a",
    "!!python/object ",
    "|",
    ">-",
    "'",
    '"',
    "#",
    "---\n",
    "1" * 30,
    "1" * 5000,
    "'" + "1" * 5000 + "'",
    "1:2:3:4:5:6:7:8:9",
    "0x" + "f" * 40,
    ".inf",
    "'x y': a\n",
    "e_n: b\n",
    "'1': c\n",
    '"en\\n": d\n',
    "[@",
    "@zz" + "z" * 300,
    "[-@x, p. 3]",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[x](https://example.org/)",
    "k" * 2000,
    "é",
    "\U0001f600",
]
VALUE_TOKENS = [
    "1" * 5000,
    "-" + "9" * 19,
    "1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17:18:19:20",
    "0b" + "1" * 80,
    ".inf",
    "~",
    "true",
    "[]",
    "{}",
    "{'x y': a, e_n: b, '1': c, fr: d}",
    '{"en\\n": a}',
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "[self, self]",
    "'\x1b[2J'",
    r'"\e[2J\N\L\P"',  # YAML's own escapes: ESC, U+0085, U+2028, U+2029
    "'[@" + "z" * 300 + "]'",
    "<b>x</b>",
    "'" + "k" * 25_000 + "'",
]
BIB_TOKENS = [
    "\x1b]0;t\x07",
    "\n",
    "\r",
    "\r\n",
    "\u2028",
    "@string{m = m # m # m}\n",
    "@string{a = {aaaaaaaaaa}}\n@string{b = a # a # a # a # a # a # a # a}\n",
    "@article{, title = {T}}\n",
    "@book{a b, title = {T}}\n",
    "@misc{" + "k" * 400 + ", author = {" + "N" * 400 + ", J}, title = {T}, year = {2000}}\n",
    "year = {" + "1" * 4400 + "},",
    "crossref = {nowhere},",
    " # ",
    "{",
    "}",
    '"',
    ",",
    "=",
    "@",
    "\\'",
    '{\\"\\i}',
    "--",
    "month = jan,",
    "doi = {https://doi.org/x},",
    "url = {javascript:alert(1)},",
    "9" * 30,
]
_VALUE_RE = re.compile(r"(?m)(?:^\s*[\w-]+: |= )")
_LINE_RE = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (error|warning)\[[a-z0-9-]+\]: ")


@st.composite
def mutated(draw: st.DrawFn, text: str, tokens: list[str]) -> str:
    """``text`` after one to four random edits."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["value", "value", "value", "insert", "delete", "repeat", "token", "line-ends"]))
        values = [match.end() for match in _VALUE_RE.finditer(text)]
        if kind == "value" and values:  # a whole value replaced: a token then stands as a YAML or BibTeX value
            start = draw(st.sampled_from(values))
            end = text.find("\n", start)
            end = len(text) if end == -1 else end
            pool = VALUE_TOKENS if tokens is CARD_TOKENS else tokens
            text = text[:start] + draw(st.sampled_from(pool)).strip("\n") + text[end:]
        elif kind == "insert":
            text = text[:at] + draw(st.text(max_size=20)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 200)) :]
        elif kind == "repeat":
            size = draw(st.integers(1, 400))
            text = text[:at] + text[at : at + size] * draw(st.integers(2, 5)) + text[at:]
        elif kind == "token":
            text = text[:at] + draw(st.sampled_from(tokens)) + text[at:]
        else:
            text = text.replace("\n", draw(st.sampled_from(["\r", "\r\n", "\n\u2028"])))
    return text


@st.composite
def projects(draw: st.DrawFn) -> tuple[dict[str, str], str]:
    """A small project's files (path -> text), one of them damaged, and which one."""
    chosen = draw(st.lists(st.sampled_from(CARDS), min_size=1, max_size=CARD_SAMPLE, unique=True))
    files = {f"concepts/{path.name}": path.read_text(encoding="utf-8") for path in chosen}
    files.update({f"references/{path.name}": path.read_text(encoding="utf-8") for path in LIBRARY})
    target = draw(st.sampled_from(sorted(files)))
    tokens = BIB_TOKENS if target.endswith(".bib") else CARD_TOKENS
    files[target] = draw(mutated(files[target], tokens))
    return files, target


def run_check(root: Path, fmt: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(root), "--format", fmt])
    return code, out.getvalue() + err.getvalue()


def _clean(text: str) -> bool:
    return not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029" for c in text)


@pytest.mark.skipif(not CARDS or not LIBRARY, reason="the shipped knowledge base is needed")
@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(projects())
def test_check_survives_any_damage_to_real_files(case: tuple[dict[str, str], str]) -> None:
    files, target = case
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for path, text in files.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(text.encode("utf-8", errors="surrogatepass"))
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("BUILD_KB_CACHE_DIR", "off")
            code, text = run_check(root, "text")
            json_code, json_text = run_check(root, "json")
        shutil.rmtree(root / "concepts", ignore_errors=True)
    assert code != EXIT_INTERNAL and json_code != EXIT_INTERNAL, f"{target}: internal error\n{text[-2000:]}"
    assert "Traceback" not in text and "internal error" not in text
    assert _clean(text) and _clean(json_text), f"{target}: a control character reached the output"
    lines = text.splitlines()
    for line in lines[:-1]:  # the last line is the summary
        assert line.startswith("  hint: ") or _LINE_RE.match(line), f"{target}: not path:line:col: {line[:200]!r}"
        if not line.startswith("  hint: "):
            assert not line.startswith("/") and ".." not in line.split(":")[0], line[:200]
    for item in json.loads(json_text[: json_text.rindex("]") + 1]):
        assert item["line"] >= 1 and item["column"] >= 1 and item["path"]


CONFIG_TOKENS = [
    *VALUE_TOKENS,
    "{concepts_dir: nope}",
    "[a, b]",
    "'https://x/\"><script>'",
    "!!python/name:os.system",
    "!ENV [HOME]",
    "\n  - build_kb:\n      per_pag: 3\n",
]


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(mutated((REPO / "mkdocs.yml").read_text(encoding="utf-8"), CONFIG_TOKENS))
def test_reading_settings_survives_any_damage_to_the_real_mkdocs_yml(text: str) -> None:
    from build_kb.config import load_config

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "mkdocs.yml").write_bytes(text.encode("utf-8", errors="surrogatepass"))
        _, diagnostics = load_config(root)
    for diagnostic in diagnostics:
        assert diagnostic.path == "mkdocs.yml" and diagnostic.position.line >= 1 and diagnostic.position.column >= 1
        assert _clean(diagnostic.message + diagnostic.hint)
