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
