"""What the app told or asked the user, recorded instead of shown.

Every notice, error and question goes through explorer.ui.common.messages.Messages; `Told`
replaces its dialogs for one test, so the test can assert the words a user would have read (and
nothing waits for a click). The `told` fixture is registered for every test in tests/conftest.py.
"""

from __future__ import annotations

import pytest

from explorer.ui.common.messages import Messages


class Told:
    """Errors as (title, text, detail), notices as (title, text), questions as (title, text);
    every question is answered `answer` (which a test may change between questions)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: bool = False) -> None:
        self.errors: list[tuple[str, str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.questions: list[tuple[str, str]] = []
        self.answer = answer

        def error(_cls: type, _parent: object, title: str, text: str, detail: str = "") -> None:
            self.errors.append((title, text, detail))

        def info(_cls: type, _parent: object, title: str, text: str) -> None:
            self.infos.append((title, text))

        def ask(_cls: type, _parent: object, title: str, text: str, yes: str = "OK") -> bool:
            self.questions.append((title, text))
            return self.answer

        monkeypatch.setattr(Messages, "error", classmethod(error))
        monkeypatch.setattr(Messages, "info", classmethod(info))
        monkeypatch.setattr(Messages, "ask", classmethod(ask))

    @property
    def error_titles(self) -> list[str]:
        return [title for title, _, _ in self.errors]


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> Told:
    """Messages recorded, questions answered No (set `told.answer = True` to say yes)."""
    return Told(monkeypatch)
