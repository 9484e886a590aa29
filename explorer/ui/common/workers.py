"""Slow work off the main thread: a search thread, and a one-shot task runner with callbacks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal, Slot


class _SearchWorker(QObject):
    finished = Signal(int, object)      # request id, SearchResults
    failed = Signal(int, str)

    def __init__(self, index_dir: Path) -> None:
        super().__init__()
        self.index_dir = index_dir
        self.search: Any = None

    @Slot(int, str, dict)
    def run(self, request: int, text: str, options: dict[str, Any]) -> None:
        try:
            if self.search is None:
                from explorer.search.engine import Search  # whoosh is imported here, after first paint

                self.search = Search(self.index_dir)
            self.finished.emit(request, self.search.search(text, **options))
        except Exception as exc:  # reported to the UI as a message, never a traceback
            self.failed.emit(request, str(exc))


class SearchService(QObject):
    """Runs searches on one background thread; only the newest request's answer is delivered.

    Signals:
        results(object): SearchResults of the newest request.
        failed(str): the search could not run (message for the user).
    """

    results = Signal(object)
    failed = Signal(str)
    _request = Signal(int, str, dict)

    def __init__(self, index_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName("search")
        self._worker = _SearchWorker(index_dir)
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.run)
        self._worker.finished.connect(self.on_worker_finished)
        self._worker.failed.connect(self.on_worker_failed)
        self._latest = 0
        self._thread.start()

    def submit(self, text: str, **options: Any) -> int:
        self._latest += 1
        self._request.emit(self._latest, text, options)
        return self._latest

    def warm_up(self) -> None:
        """Open the index in the background now, so the first real search is quick."""
        self.submit("")

    @Slot(int, object)
    def on_worker_finished(self, request: int, results: object) -> None:
        if request == self._latest:
            self.results.emit(results)

    @Slot(int, str)
    def on_worker_failed(self, request: int, message: str) -> None:
        if request == self._latest:
            self.failed.emit(message)

    def stop(self) -> None:
        self._thread.quit()
        self._thread.wait(5000)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay = fn, relay

    def run(self) -> None:
        try:
            self.relay.done.emit(self.fn())
        except Exception as exc:
            self.relay.error.emit(exc)


class _Relay(QObject):
    done = Signal(object)
    error = Signal(object)


def run_in_background(fn: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None], parent: QObject) -> _Relay:
    """Run `fn` on the thread pool; call back on the main thread with its result or error."""
    relay = _Relay(parent)
    relay.done.connect(on_done)
    relay.error.connect(on_error)
    QThreadPool.globalInstance().start(_Task(fn, relay))
    return relay
