"""Dependencies point one way: command line → inbox → stages → adapters and storage → analysis, frameworks → domain.

The inbox sits above the stages: each kind of document hands what it read to the step that owns it (a request
opens a round, a returned draft becomes a version of the report), as a command of the command line does.

Each third-party library lives in one package; the pure packages import no adapter; no module imports
another that imports it back; the package's own modules are imported at the top of a module (outside cli/)."""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
MODULES = sorted(PACKAGE.rglob("*.py"))

# Which package may import each third-party library (demo/ builds example files the way people would).
LIBRARIES = {
    "docx": ("documents", "demo"), "docxtpl": ("documents",), "matplotlib": ("documents",), "icalendar": ("documents",),
    "openpyxl": ("workbooks", "demo"), "sqlite3": ("ledger",), "typer": ("cli",), "rich": ("cli",), "click": ("cli",),
    "watchdog": ("inbox",), "python_calamine": ("workbooks",),
}
PURE = ("domain", "analysis", "frameworks", "i18n")
ADAPTERS = ("workbooks", "documents", "ledger", "inbox", "stages", "cli", "demo")
# What each layer may import of the package, lowest first.
LAYERS = {
    "i18n": set(), "domain": {"i18n"}, "frameworks": {"i18n", "domain"}, "analysis": {"i18n", "domain", "frameworks"},
    "ledger": {"i18n", "domain", "frameworks", "analysis"},
    "workbooks": {"i18n", "domain", "frameworks", "analysis", "ledger"},
    "documents": {"i18n", "domain", "frameworks", "analysis", "ledger"},
    "stages": {"i18n", "domain", "frameworks", "analysis", "ledger", "workbooks", "documents"},
    "inbox": {"i18n", "domain", "frameworks", "analysis", "ledger", "workbooks", "documents", "stages"},
    "demo": {"i18n", "domain", "frameworks", "analysis", "ledger", "workbooks", "documents", "inbox", "stages"},
    "cli": {"i18n", "domain", "frameworks", "analysis", "ledger", "workbooks", "documents", "inbox", "stages", "demo"},
}


def name_of(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports(path: Path) -> list[tuple[str, bool]]:
    """(module imported, inside a function?) for every import of the file, relative ones made absolute."""
    tree = ast.parse(path.read_text())
    module = name_of(path)
    base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import):
                found.extend((a.name, nested) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    target = ".".join(base[: len(base) - child.level + 1] + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                for a in child.names:
                    full = f"{target}.{a.name}"
                    is_module = (PACKAGE.parent / (full.replace(".", "/") + ".py")).exists()
                    found.append((full if is_module else target, nested))
            visit(child, inner)

    visit(tree, False)
    return found


def own(path: Path) -> list[tuple[str, bool]]:
    return [(m, nested) for m, nested in imports(path) if m.split(".")[0] == "pipeline"]


@pytest.mark.parametrize("library", sorted(LIBRARIES))
def test_each_library_is_imported_by_its_own_package_only(library):
    users = {name_of(p) for p in MODULES if any(m.split(".")[0] == library for m, _ in imports(p))}
    assert {u for u in users if package_of(u) not in LIBRARIES[library]} == set()


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_each_layer_imports_only_the_layers_below_it(layer):
    wrong = {(name_of(p), m) for p in MODULES if package_of(name_of(p)) == layer
             for m, _ in own(p) if package_of(m) not in LAYERS[layer] | {layer}}
    assert wrong == set()


def test_the_pure_packages_import_no_adapter_and_no_io_library():
    wrong = {(name_of(p), m) for p in MODULES if package_of(name_of(p)) in PURE
             for m, _ in imports(p) if package_of(m) in ADAPTERS or m.split(".")[0] in LIBRARIES}
    assert wrong == set()


def test_no_module_is_at_the_top_level_of_the_package():
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == ["__init__.py"]


def test_the_package_has_no_import_cycle():
    graph = {name_of(p): {m for m, _ in own(p)} for p in MODULES}
    graph = {k: {m for m in v if m in graph and m != k} for k, v in graph.items()}
    state: dict[str, int] = {}
    cycles = []

    def walk(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                walk(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            walk(node, [node])
    assert cycles == []


def test_the_package_imports_its_own_modules_at_the_top_outside_the_command_line():
    nested = {(name_of(p), m) for p in MODULES if package_of(name_of(p)) != "cli" for m, inner in own(p) if inner}
    assert nested == set()
