"""One way to run slow work (PDF rendering, later printing) off the UI thread.

The callbacks run on the UI thread, so they may touch QML objects; the work itself never does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # noqa: BLE001 - every failure is reported to the caller
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


class Background(QObject):
    """Runs callables on a thread pool and reports back on the thread that owns this object."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
    ) -> None:
        relay = _Relay()  # lives on this (UI) thread, so its queued signals arrive here
        self._relays.add(relay)

        def release() -> None:
            # The connections hold these closures and the closures hold the relay: a cycle Python's
            # collector cannot see through Qt, which kept every relay alive (3 KB a slip, found by
            # tests/test_soak.py). Deleting the relay drops its connections, and so the cycle. (No
            # @Slot on these closures either: PySide kept every decorated one.)
            self._relays.discard(relay)
            relay.deleteLater()

        def finished(result: Any) -> None:
            release()
            on_done(result)

        def errored(exc: BaseException) -> None:
            release()
            on_failed(exc)

        relay.done.connect(finished)
        relay.failed.connect(errored)
        self.pool.start(_Task(work, relay))

    def wait(self, msecs: int = 5000) -> bool:
        return self.pool.waitForDone(msecs)
