"""The desk's printer: which one slips go to, the system's printers, and whether it is ready.

A base class of the desk's adapter (its QML properties are the adapter's); asking the print
system runs on the adapter's Background worker, every few seconds while the desk is open.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)
STATUS_EVERY_MS = 5000


class DeskPrinter(QObject):
    printerChanged = Signal()

    def _watch_printer(self, printer: str | None) -> None:
        """Start with `printer` (the site's, or the one asked for; None: the system default)."""
        self._site_printer = printer
        self._printer = printer or ""
        self._printers: list[str] = [printer] if printer else []
        self._printer_ready = False
        self._printer_text = "Looking for the printer…"
        self._status_timer = QTimer(self, interval=STATUS_EVERY_MS)
        self._status_timer.timeout.connect(self.refreshPrinter)

    @Property("QStringList", notify=printerChanged)
    def printers(self) -> list[str]:
        return self._printers

    def _get_printer(self) -> str:
        return self._printer

    def _set_printer(self, value: str) -> None:
        if value != self._printer:
            self._printer = value
            self.printerChanged.emit()
            self.refreshPrinter()

    printer = Property(str, _get_printer, _set_printer, notify=printerChanged)

    @Property(bool, notify=printerChanged)
    def printerReady(self) -> bool:  # noqa: N802 - QML API
        return self._printer_ready

    @Property(str, notify=printerChanged)
    def printerText(self) -> str:  # noqa: N802 - QML API
        return self._printer_text

    def _refresh_printers(self) -> None:
        site = self._site_printer

        def work():
            from kiosk.ui import printing

            names = printing.printer_names()
            chosen = site or printing.default_printer() or (names[0] if names else "")
            return names, chosen, printing.status(chosen or None)

        def done(result) -> None:
            names, chosen, status = result
            self._printers = names if chosen in names or not chosen else [chosen, *names]
            if not self._printer:
                self._printer = chosen
            self._show_status(status)

        self._background.run(work, done, lambda exc: log.warning("no printer list: %s", exc))

    @Slot()
    def refreshPrinter(self) -> None:  # noqa: N802 - QML API
        printer = self._printer

        def work():
            from kiosk.ui import printing

            return printing.status(printer or None)

        def done(status) -> None:
            if printer == self._printer:
                self._show_status(status)

        self._background.run(work, done, lambda exc: log.warning("printer status: %s", exc))

    def _show_status(self, status) -> None:
        self._printer_ready = status.ready
        if status.ready:
            self._printer_text = f"Ready: {status.name}"
        elif status.problem is not None:
            text = status.problem.explanation
            self._printer_text = f"Not ready: {text[:1].upper()}{text[1:]}" + (
                f" ({status.detail})" if status.detail else ""
            )
        else:
            self._printer_text = "Not ready"
        self.printerChanged.emit()
