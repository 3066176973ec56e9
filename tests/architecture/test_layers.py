"""The stated layers (README, "Architecture") hold: imports only go down, and no module or
package imports itself back through others.

Imports are read from the source with ``ast``, including those inside functions (a late
import is still a dependency); only ``if TYPE_CHECKING:`` blocks are left out.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("govguide", "extractors", "normalizers", "flows")

# Top to bottom. A module may import its own layer and the layers below it. Layers on one
# line (a tuple) are siblings that must not import each other.
LAYERS: list[tuple[str, ...]] = [
    ("commands",),
    ("flows",),
    ("pipeline",),
    ("extractors", "dataset"),
    ("normalizers",),
    ("core",),
]


def layer_of(module: str) -> str:
    """The layer a module belongs to (the most specific package prefix wins)."""
    parts = module.split(".")
    if parts[0] == "govguide":
        sub = parts[1] if len(parts) > 1 else ""
        return {
            "core": "core",
            "dataset": "dataset",
            "fetch": "dataset",
            "pipeline": "pipeline",
        }.get(sub, "commands")
    return parts[0]


def unit_of(module: str) -> str:
    """The package a module counts under for package-level cycles (govguide by role)."""
    parts = module.split(".")
    if parts[0] == "govguide" and len(parts) > 1 and parts[1] in {"core", "dataset", "fetch", "pipeline"}:
        return ".".join(parts[:2])
    return parts[0]


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imports(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    is_package = path.name == "__init__.py"
    targets: set[str] = set()

    def resolve(name: str | None, level: int) -> str:
        if not level:
            return name or ""
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (level - 1)]
        return ".".join(base + ([name] if name else []))

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                visit(node.orelse)
                continue
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = resolve(node.module, node.level)
                for alias in node.names:
                    candidate = f"{base}.{alias.name}"
                    targets.add(candidate if candidate in modules else base)
            for field in ("body", "orelse", "finalbody", "handlers"):
                children = getattr(node, field, None)
                if isinstance(children, list):
                    visit([c for c in children if isinstance(c, ast.stmt | ast.ExceptHandler)])
            if isinstance(node, ast.ExceptHandler):
                visit(node.body)

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return {t for t in targets if t.split(".")[0] in PACKAGES}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {m: _imports(m, p, modules) for m, p in modules.items()}


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def connect(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in edges:
                continue
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return _graph()


def test_the_reader_sees_every_import(graph: dict[str, set[str]]) -> None:
    # Guards the checks below against passing on a graph that reads nothing.
    assert "govguide.core.models" in graph["extractors.base"]
    assert any(t.startswith("flows.") for t in graph["govguide.commands.pipeline"])


def test_no_module_imports_itself_back(graph: dict[str, set[str]]) -> None:
    assert _cycles(graph) == []


def test_no_package_imports_itself_back(graph: dict[str, set[str]]) -> None:
    packages: dict[str, set[str]] = defaultdict(set)
    for module, targets in graph.items():
        packages.setdefault(unit_of(module), set())
        for target in targets:
            if unit_of(target) != unit_of(module):
                packages[unit_of(module)].add(unit_of(target))
    assert _cycles(packages) == []


def test_imports_only_go_down_the_layers(graph: dict[str, set[str]]) -> None:
    rank = {name: depth for depth, names in enumerate(LAYERS) for name in names}
    wrong = sorted(
        f"{module} ({layer_of(module)}) imports {target} ({layer_of(target)})"
        for module, targets in graph.items()
        for target in targets
        if rank[layer_of(target)] < rank[layer_of(module)]
        or (rank[layer_of(target)] == rank[layer_of(module)] and layer_of(target) != layer_of(module))
    )
    assert wrong == []
