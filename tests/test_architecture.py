"""The layout of docs/architecture.md, kept true: the import graph of the project's packages (built with ast,
function-level imports included) has no face importing the other face, no Django or project import in
`scoring`, no model import in `targets.connectors`, and no cycle between modules."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("scoring", "targets", "config")
# Each face and its packages (template tags serve the web's templates).
FACES = {"api": ("targets.api",), "web": ("targets.web", "targets.templatetags")}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def _imported_names(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every dotted name the module imports, anywhere in it (top level, functions, methods)."""
    names = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            for alias in node.names:  # `from package import module` imports the module; else the names' module
                names.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return names


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The project module a dotted name lives in (None for third-party and standard-library names)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(module -> project modules it imports, module -> every dotted name it imports)."""
    modules = _modules()
    raw = {module: _imported_names(module, path, modules) for module, path in modules.items()}
    graph = {
        module: {target for name in names if (target := _resolve(name, modules)) and target != module}
        for module, names in raw.items()
    }
    return graph, raw


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], [0]
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _face(module: str) -> str | None:
    return next((face for face, packages in FACES.items() if any(_in(module, p) for p in packages)), None)


GRAPH, RAW = import_graph()


def test_the_graph_covers_the_project():
    assert {"scoring.engine", "targets.tasks", "targets.api.ranking_views", "targets.web.views.ranking"} <= set(GRAPH)
    assert "targets.exports.builder" in GRAPH["targets.api.ranking_views"]  # edges are found


def test_a_face_never_imports_the_other_face():
    crossing = sorted(
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if _face(module)
        for target in targets
        if _face(target) not in (None, _face(module))
    )
    assert crossing == []


def test_the_domain_never_imports_a_face():
    crossing = sorted(
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if _in(module, "targets") and _face(module) is None
        for target in targets
        if _face(target)
    )
    assert crossing == []


def _imports_of(package: str, forbidden) -> list[str]:
    """'module -> name' for each name a module of ``package`` imports that ``forbidden(name)`` rejects."""
    return sorted(
        f"{module} -> {name}"
        for module, names in RAW.items()
        if _in(module, package)
        for name in names
        if forbidden(name)
    )


def test_scoring_imports_neither_django_nor_the_project():
    outside = ("django", "rest_framework", "targets", "config", "celery")
    assert _imports_of("scoring", lambda name: name.split(".")[0] in outside) == []


def test_connectors_never_import_models():
    assert _imports_of("targets.connectors", lambda name: _in(name, "targets.models") or _in(name, "django.db")) == []


def test_no_import_cycle_between_modules():
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
