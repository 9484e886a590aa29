"""The content pipeline, library, search and user data never import Qt."""

from __future__ import annotations

import subprocess
import sys


def test_core_modules_do_not_import_qt() -> None:
    code = (
        "import sys\n"
        "import explorer.content.build, explorer.library.store, explorer.search.engine, explorer.formats.exports\n"
        "import explorer.integrity, explorer.userdata.store\n"
        "import tools.responsiveness  # the bench's hook: Qt only inside its functions\n"
        "import explorer.cli\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""


def test_no_module_is_imported_by_name() -> None:
    """PyInstaller follows import statements only: a module named in a string is left out of the
    bundle, and the frozen app crashes on the page that needs it (it did, for three pages)."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "explorer"
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func)
            if name.endswith(("import_module", "__import__", "find_spec")) or name in ("exec", "eval"):
                found.append(f"{path.relative_to(package.parent)}:{node.lineno}: {name}()")
    assert not found, "imports by name that a bundle cannot see:\n" + "\n".join(found)


def _import_graph() -> dict[str, set[str]]:
    """explorer module -> the explorer modules it imports (anywhere in it, except under
    TYPE_CHECKING, which is never run)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    modules = {}
    for path in (root / "explorer").rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        guarded = [node for node in ast.walk(tree)
                   if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)]
        skip = {id(n) for node in guarded for child in node.body for n in ast.walk(child)}
        found: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            found.update(t for t in targets if t in modules or t.startswith("PySide6"))
        graph[name] = found - {name}
    return graph


def test_nothing_below_the_interface_imports_qt_or_the_interface() -> None:
    allowed = ("explorer.ui", "explorer.cli", "explorer.__main__")
    bad = {module: sorted(t for t in targets if t.startswith(("PySide6", "explorer.ui")))
           for module, targets in _import_graph().items() if not module.startswith(allowed)}
    assert {m: t for m, t in bad.items() if t} == {}


def test_no_import_circles() -> None:
    graph = {m: {t for t in ts if t.startswith("explorer")} for m, ts in _import_graph().items()}
    cycles = []

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(graph.get(module, ())):
            if target in path:
                cycles.append(" -> ".join(path[path.index(target):] + [target]))
            elif len(path) < 30:
                visit(target, path + [target])

    for module in sorted(graph):
        visit(module, [module])
    assert sorted(set(cycles))[:10] == []



# Each package may import only the layers below it (and its own modules). Listed from the bottom.
LAYERS = (
    ("explorer", "explorer.errors", "explorer.paths", "explorer.sqlite_errors"),
    ("explorer.model",),
    ("explorer.library", "explorer.userdata", "explorer.log"),
    ("explorer.search",),
    ("explorer.formats", "explorer.content", "explorer.integrity"),
    ("explorer.selftest",),
    ("explorer.ui",),
    ("explorer.cli", "explorer.__main__"),
)


def _layer(module: str) -> int:
    best = max((name for layer in LAYERS for name in layer
                if module == name or module.startswith(name + ".")), key=len)
    return next(n for n, layer in enumerate(LAYERS) if best in layer)


def test_packages_import_only_the_layers_below() -> None:
    upward = sorted(f"{module} -> {target}" for module, targets in _import_graph().items()
                    for target in targets if target.startswith("explorer")
                    and _layer(target) > _layer(module))
    assert upward == []


def test_no_module_is_over_400_lines() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    long = {str(p.relative_to(root)): n for folder in ("explorer", "tools") for p in (root / folder).rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_the_main_window_only_wires() -> None:
    """Its jobs live in ui/shell's other modules (navigation, commands, state, appearance...)."""
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "explorer" / "ui" / "shell" / "main_window.py"
    assert len(path.read_text(encoding="utf-8").splitlines()) < 250
