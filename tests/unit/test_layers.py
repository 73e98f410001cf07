"""The source's imports keep the layers the README's map draws: nothing imports upward, and no module
imports itself back through others. Imports inside functions and under TYPE_CHECKING count too."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
from langgraph.runtime import Runtime

from graph.context import Context

ROOT = Path(__file__).resolve().parents[2]  # tests/unit/test_layers.py -> the repository
PACKAGES = ("api", "evals", "graph", "nodes", "tools", "prompts", "mulakat")

# Top to bottom; a module may import its own layer or any layer below. The longest matching prefix decides.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("entry points", ("api", "evals", "mulakat.cli", "mulakat.__main__")),
    ("graph runs", ("graph",)),
    ("nodes", ("nodes",)),
    ("tools and prompts", ("tools", "prompts")),
    ("graph types", ("graph.state", "graph.context")),
    ("services", ("mulakat.services",)),
    (
        "domain core",
        (
            "mulakat.documents",
            "mulakat.skills",
            "mulakat.assessment",
            "mulakat.planning",
            "mulakat.practice",
            "mulakat.packs",
        ),
    ),
    ("storage", ("mulakat.storage",)),
    ("records", ("mulakat.models", "=mulakat")),  # '=': that module only (the package root holds the version)
]


def layer_of(module: str) -> int:
    best, rank = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            exact = prefix.startswith("=")
            prefix = prefix.lstrip("=")
            matches = module == prefix or (not exact and module.startswith(prefix + "."))
            if matches and len(prefix) > best:
                best, rank = len(prefix), index
    assert rank >= 0, f"{module} is in no layer: add it to LAYERS and to the README's map"
    return rank


def source_modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = source_modules()


def imports_of(module: str, path: Path) -> Iterator[str]:
    """Every project module this one imports, wherever in the file the import stands."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import mod` depends on the module; `from mod import name` on mod.
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module:
                yield name


EDGES = {module: sorted(set(imports_of(module, path))) for module, path in MODULES.items()}


def test_every_module_has_a_layer() -> None:
    assert len(MODULES) > 80  # the scan found the source, not an empty folder
    for module in MODULES:
        layer_of(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_nothing_imports_upward(module: str) -> None:
    mine = layer_of(module)
    upward = [f"{dep} ({LAYERS[layer_of(dep)][0]})" for dep in EDGES[module] if layer_of(dep) < mine]
    assert not upward, f"{module} ({LAYERS[mine][0]}) imports from above: {upward}"


def test_no_import_cycles() -> None:
    """Tarjan's strongly connected components over the module graph: every component is one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for dep in EDGES[module]:
            if dep not in index:
                visit(dep)
                low[module] = min(low[module], low[dep])
            elif dep in on_stack:
                low[module] = min(low[module], index[dep])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(MODULES):
        if module not in index:
            visit(module)
    assert cycles == []


def test_the_scan_sees_function_level_and_relative_imports(tmp_path: Path) -> None:
    """The checker itself: an import hidden in a function still counts."""
    probe = tmp_path / "probe.py"
    probe.write_text("def late():\n    from graph.builder import build_graph\n    import nodes.analyzer\n")
    assert set(imports_of("mulakat.models", probe)) == {"graph.builder", "nodes.analyzer"}


def test_nodes_and_tools_take_services_from_the_run_context() -> None:
    """No node or tool reaches for a process-wide locator; only graph.context falls back, for langgraph dev."""
    for module, path in MODULES.items():
        if not module.startswith(("nodes", "tools")):
            continue
        text = path.read_text(encoding="utf-8")
        assert "services_from_settings" not in text and "open_services" not in text, module
    users = [m for m, p in MODULES.items() if "services_from_settings(" in p.read_text(encoding="utf-8")]
    assert sorted(users) == ["graph.context", "mulakat.services"]


def test_every_node_takes_the_runs_runtime() -> None:
    """Each node that needs services is given them as `runtime: Runtime[Context]`, never through a global."""
    from graph.builder import build_graph

    for name, spec in build_graph().nodes.items():
        node = spec.runnable.afunc or spec.runnable.func  # type: ignore[union-attr]
        params = inspect.signature(node).parameters
        if name == "ask":  # only holds the interrupt: it reads the state and nothing else
            assert list(params) == ["state"]
            continue
        assert list(params) == ["state", "runtime"], name
        assert params["runtime"].annotation in ("Runtime[Context]", Runtime[Context]), name


def test_no_test_module_imports_another() -> None:
    """Shared helpers live in tests/support and fixtures in conftest.py, so each test module stands alone."""
    for path in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                last = node.module.rpartition(".")[2]
                assert not last.startswith("test_") and last != "conftest", f"{path.name} imports {node.module}"
