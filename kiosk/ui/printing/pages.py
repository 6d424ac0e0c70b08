"""PDF pages drawn as images by QtPdf: the desk screen's preview, and the Windows print path."""

from __future__ import annotations

from kiosk.ui.printing.jobs import PrintError, Problem


def render_pages(pdf: bytes, dpi: float, first_only: bool = False) -> list:
    """The pages of `pdf` as QImages at `dpi`, drawn by QtPdf (safe off the UI thread)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise PrintError(Problem.REJECTED, "", f"QtPdf could not read the slip back ({document.error()})")
    images = []
    for page in range(1 if first_only else document.pageCount()):
        points = document.pagePointSize(page)
        pixels = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        images.append(on_white(document.render(page, pixels)))
    document.close()
    return images


def on_white(image):
    """QtPdf leaves the page transparent; paper is white."""
    from PySide6.QtGui import QImage, QPainter

    page = QImage(image.size(), QImage.Format.Format_RGB32)
    page.fill(0xFFFFFF)
    painter = QPainter(page)
    painter.drawImage(0, 0, image)
    painter.end()
    return page
