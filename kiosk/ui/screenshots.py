"""Render every screen of the journey to PNG, for content reviewers and for us."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.content.model import Bundle

if TYPE_CHECKING:
    from kiosk.core.site import Site


def journey_targets(bundle: Bundle) -> list[str]:
    """Every screen a resident can reach, once each."""
    targets = ["home"]
    targets += [f"question:{q}" for q in bundle.questions]
    targets += [f"answer:{a}" for a in bundle.answers]
    targets += ["abuse-types"] + [f"abuse:{t.id}" for t in bundle.abuse_types]
    targets += ["guidance"] + [f"take:{c}" for c in bundle.concerns]
    return targets


def render_all(site: Site, output: Path, sizes: list[tuple[int, int]], language: str) -> Iterator[Path]:
    """Every screen of the site's kiosk, as its residents see it, in `language`."""
    import PySide6.QtQuick  # noqa: F401 - the window is then a QQuickWindow, which grabs (KioskApp.window)
    from PySide6.QtGui import QGuiApplication

    from kiosk.ui.app import KioskApp, site_options
    from kiosk.ui.fonts import register_fonts

    bundle = site.bundle
    app = QGuiApplication.instance() or QGuiApplication(["kiosk-screenshots"])
    register_fonts(app)
    output.mkdir(parents=True, exist_ok=True)
    for width, height in sizes:
        options = site_options(site, windowed=True, width=width, height=height, default_language=language)
        kiosk = KioskApp(app, bundle, options)
        kiosk.use_site(site)
        prefix = f"{language}-{width}x{height}" if language != "en_GB" else f"{width}x{height}"
        try:
            for target in journey_targets(bundle):
                kiosk.session.go(target)
                yield _grab(app, kiosk, output / f"{prefix}-{target.replace(':', '-')}.png")
            kiosk.session.go("take:all")
            kiosk.session.discreet = True
            yield _grab(app, kiosk, output / f"{prefix}-take-all-discreet.png")
            kiosk.window.setProperty("pickingLanguage", True)
            yield _grab(app, kiosk, output / f"{prefix}-language-picker.png")
            kiosk.window.setProperty("pickingLanguage", False)
            kiosk.session.leaveQuickly()
            yield _grab(app, kiosk, output / f"{prefix}-neutral.png")
            kiosk.session.uncover()
            kiosk.session.go("answer:child")
            kiosk.idle._start_warning()
            yield _grab(app, kiosk, output / f"{prefix}-idle-warning.png")
        finally:
            kiosk.shutdown()


def _grab(app, kiosk, path: Path) -> Path:
    app.processEvents()
    kiosk.window.grabWindow().save(str(path))
    return path
