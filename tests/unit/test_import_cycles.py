"""No import cycle in build_kb: a module never needs, even indirectly, a module that needs it.

What counts as an import: every ``import`` and ``from ... import`` statement in a module,
wherever it stands: at the top, inside a function (a deferred import still ties the two
modules together) and under ``if TYPE_CHECKING:`` (a cycle of types is still a cycle of
design). ``from package import name`` counts as importing ``package.name`` when that is a
module of build_kb, else ``package``. Not counted: the package ``__init__`` Python runs
before a submodule (``build_kb.codes.cards`` needing ``build_kb.codes.code`` does not make
it need ``build_kb.codes``), since a package that assembles its submodules is not a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "build_kb"


def module_names(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` under ``root`` (a package folder)."""
    names: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _known(name: str, modules: dict[str, Path]) -> str | None:
    """The module of ``modules`` that ``name`` (a module or a name in one) belongs to."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of ``modules`` that ``module`` imports, anywhere in its file."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str | None] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {_known(alias.name, modules) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in modules else _known(base, modules))
    return {name for name in found if name and name != module}


def cycles(root: Path) -> list[list[str]]:
    """Every group of modules that import each other, directly or not (Tarjan's components)."""
    modules = module_names(root)
    graph = {module: sorted(imports(module, path, modules)) for module, path in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
            if child < len(graph[node]):
                work.append((node, child + 1))
                nxt = graph[node][child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return sorted(found)


def test_build_kb_has_no_import_cycle() -> None:
    assert len(module_names(PACKAGE)) > 50
    assert cycles(PACKAGE) == []


def _package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_a_cycle_through_a_function_or_type_checking_import_is_found(tmp_path: Path) -> None:
    root = _package(
        tmp_path / "pkg",
        {
            "__init__.py": "",
            "model.py": "def f():\n    from pkg.usage import g\n",
            "usage.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import model\n",
            "sub/__init__.py": "from .a import A\n",
            "sub/a.py": "from ..sub.b import B\n",
            "sub/b.py": "from pkg.sub import a\n",
            "free.py": "import pkg.model\n",
        },
    )
    assert cycles(root) == [["pkg.model", "pkg.usage"], ["pkg.sub.a", "pkg.sub.b"]]
