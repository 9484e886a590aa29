"""The content pipeline, library, search and user data never import Qt."""

from __future__ import annotations

import subprocess
import sys


def test_core_modules_do_not_import_qt() -> None:
    code = (
        "import sys\n"
        "import explorer.content.build, explorer.library, explorer.search, explorer.exports\n"
        "import explorer.integrity, explorer.userdata\n"
        "import explorer.ui.responsiveness  # the bench's hook: Qt only inside its functions\n"
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
