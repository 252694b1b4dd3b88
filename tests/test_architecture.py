"""The layout keeps its promises: no import cycle among autofacts' modules (imports inside functions
count too: a lazy import hides a cycle from Python, not from a reader), and the layers depend
one way, as docs/architecture.md draws them (read -> store -> ask -> render -> cli)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "autofacts"

# Data flows one way: read (knowledge, reading) -> store -> ask (answers) -> render (output) -> cli.
# The key layer may never import a layer named beside it.
NEVER = {
    "knowledge": ("store", "answers", "curation", "output", "cli", "api"),
    "reading": ("store", "answers", "curation", "output", "cli", "api"),
    "store": ("answers", "curation", "output", "cli", "api"),
    "answers": ("curation", "output", "cli", "api"),
    "curation": ("output", "cli", "api"),
    "output": ("cli",),
}


# Known exceptions, each with its reason (kept short: a new one needs a reason as good).
ALLOWED = {
    # The cache keeps what rendering computes once per fact: the figure's place in its quote (when a
    # file is parsed) and export's record template (at the first export after a change), so that
    # `show` needs no number reader and a warm `export` is string joining (docs/performance.md).
    "autofacts.store.freshness imports autofacts.output.records",
}


def module_names() -> dict[str, Path]:
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        names[name] = path
    return names


def _runtime_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, in functions too, but not those under `if TYPE_CHECKING:`."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph() -> dict[str, set[str]]:
    names = module_names()
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        deps: set[str] = set()
        for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                assert node.level == 0, f"{path}: relative import"
                base = node.module or ""
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in names else base for a in node.names]
            deps.update(t for t in targets if t in names and t != name)
        graph[name] = deps
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
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

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle_through_a_lazy_import() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    tree = ast.parse("import x\ndef f():\n    import y\nif TYPE_CHECKING:\n    import z\n")
    assert [ast.unparse(n) for n in _runtime_imports(tree)] == ["import x", "import y"]


def test_layers_depend_one_way() -> None:
    wrong = sorted(
        f"{module} imports {dep}"
        for module, deps in import_graph().items()
        for dep in deps
        if layer(dep) in NEVER.get(layer(module), ())
    )
    assert [w for w in wrong if w not in ALLOWED] == []
