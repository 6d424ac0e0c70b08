"""Printing through the system's spooler with QPrinter: the Windows path (not verified on Windows).

The Windows spooler has no PDF path of its own, so each page is rendered with QtPdf at the
printer's resolution and drawn into a QPrinter: the paper looks the same, but the spooled job holds
an image, not text.
"""

from __future__ import annotations

from kiosk.ui.printing.jobs import PrintError, Problem
from kiosk.ui.printing.pages import render_pages

RASTER_DPI = 300  # pages drawn as images: sharp on paper, a few MB per A4 page


def qt_print(name: str, pdf: bytes, title: str, copies: int) -> None:
    """Draw each page, rendered at the printer's resolution, into a QPrinter (the spooler's path)."""
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    printer = QPrinter(QPrinterInfo.printerInfo(name), QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setCopyCount(copies)
    printer.setFullPage(True)
    device_dpi = printer.resolution()
    dpi = min(device_dpi, RASTER_DPI)
    pages = render_pages(pdf, dpi)
    first = QSizeF(pages[0].width() * 72 / dpi, pages[0].height() * 72 / dpi)
    printer.setPageLayout(
        QPageLayout(QPageSize(first, QPageSize.Unit.Point), QPageLayout.Orientation.Portrait, QMarginsF())
    )
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(Problem.REJECTED, name, "the spooler would not start the job")
    try:
        for n, image in enumerate(pages):
            if n:
                printer.newPage()
            scale = device_dpi / dpi
            painter.drawImage(QRectF(0, 0, image.width() * scale, image.height() * scale), image)
    finally:
        painter.end()
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintError(Problem.REJECTED, name, "the spooler reported an error")
