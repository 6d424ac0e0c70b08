"""One kiosk per machine: a second launch asks the first to come to the front, then exits quietly."""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
TIMEOUT_MS = 500


def server_name() -> str:
    return f"kiosk-{getpass.getuser()}"


def ask_first_instance_to_show(name: str | None = None) -> bool:
    """True if a kiosk already runs (and was asked to come to the front)."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write(b"show\n")
    socket.waitForBytesWritten(TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class SingleInstance(QObject):
    """Listens for later launches and calls `show` when one arrives."""

    def __init__(self, show: Callable[[], None], name: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._show = show
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = name or server_name()
        if not self.server.listen(name):
            QLocalServer.removeServer(name)  # a stale socket left by a crash
            if not self.server.listen(name):
                log.warning("single-instance server could not listen: %s", self.server.errorString())
        self.server.newConnection.connect(self._arrived)

    def _arrived(self) -> None:
        while self.server.hasPendingConnections():
            self.server.nextPendingConnection().deleteLater()
            log.info("a second launch asked this kiosk to come to the front")
            self._show()
