"""What the desk screen shows and does: the slip's options, its preview, the printer and printing.

The desk runs on the site (kiosk.core.site) as the kiosk does: its content, languages, printer,
layout and plain-title default. It looks at the content again every minute, so new content the
kiosk (or the desk itself) installs from the update folder reaches the desk without a restart.
Nothing about who asked for a slip is kept.

Everything slow (rendering the slip and its preview, asking the print system, printing, deciding
the content) runs on the Background worker; results come back to the UI thread as properties QML
observes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QObject, QUrl, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton

from kiosk.core import i18n, languages
from kiosk.core.content.model import Bundle
from kiosk.core.slips import FORMATS, LAYOUTS
from kiosk.ui import registry
from kiosk.ui.desk.printer import DeskPrinter
from kiosk.ui.worker import Background

if TYPE_CHECKING:
    from kiosk.core.site import Content, Site

log = logging.getLogger(__name__)
QML_IMPORT_NAME = "KioskDesk.Backend"
QML_IMPORT_MAJOR_VERSION = 1
PREVIEW_DPI = 110
# "all" first: it is the slip most people ask for, and Enter alone prints it.
CONCERN_ORDER = ("all", "child", "adult", "worker", "danger")


@dataclass(frozen=True)
class DeskOptions:
    concern: str = "all"
    language: str = i18n.SOURCE_LANGUAGE
    layout: str = "a6"
    bilingual: bool = False
    discreet: bool = False
    copies: int = 1


@QmlNamedElement("Desk")
@QmlSingleton
class DeskAdapter(DeskPrinter):
    optionsChanged = Signal()
    contentChanged = Signal()
    previewChanged = Signal()
    messageChanged = Signal()
    printed = Signal(int)  # job id
    saved = Signal(str)

    @staticmethod
    def create(engine):  # noqa: ANN001 - called by QML, once per engine
        return registry.adapter(engine, "desk")

    def __init__(self, site: Site, preview, printer: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        from kiosk.ui.follow import ContentFollower

        self._follow = ContentFollower(site, self.use_content, lambda: not self._busy, self)
        self._preview = preview
        self._options = DeskOptions(
            language=site.default_language, layout=site.slip_layout, discreet=site.discreet_default
        )
        self._background = Background(self)
        self._preview_generation = 0
        self._preview_busy = False
        self._preview_stale = False
        self._pdf: bytes = b""
        self._message = ""
        self._busy = False
        self._save_folder = _documents()
        self._watch_printer(printer or site.printer)

    def start(self) -> None:
        """Find the printers and draw the first preview, off the UI thread."""
        self._refresh_printers()
        self._schedule_preview()
        self._status_timer.start()
        self._follow.start()

    def stop(self) -> None:
        self._status_timer.stop()
        self._follow.stop()
        self._background.wait()

    # Content -----------------------------------------------------------------------------------

    @property
    def site(self) -> Site:
        """The site as the desk runs it now: the follower moves it to new content."""
        return self._follow.site

    @property
    def _bundle(self) -> Bundle:
        return self._follow.site.bundle

    @Property(str, notify=contentChanged)
    def contentText(self) -> str:  # noqa: N802 - QML API
        """Which content prints, so a receptionist can see it is current."""
        b = self._bundle
        checked = min((c.last_checked for c in b.contacts.values()), default=None)
        text = f"{b.name}, version {b.version} of {_day(b.date)}."
        return text + (f" Numbers last checked {_day(checked)}." if checked else "")

    @Property(str, notify=contentChanged)
    def siteNotice(self) -> str:  # noqa: N802 - QML API
        """What is wrong with the site's settings or content, for the receptionist to pass to IT:
        the desk then prints what the kiosk would, but IT should know."""
        lines = [str(p) for p in self.site.problems] + list(self.site.content.problems)
        if not lines:
            return ""
        more = f" ({len(lines) - 1} more: `kiosk config check` lists them.)" if len(lines) > 1 else ""
        return f"Tell IT: {lines[0]}{more}"

    @Slot()
    def checkContent(self) -> None:  # noqa: N802 - QML API
        """Decide the content again now, as the kiosk would, and switch to it if it changed."""
        self._follow.check()

    def use_content(self, content: Content) -> None:
        """Print from other content from now on (the follower has moved the site to it); choices it
        cannot print go back to the site's."""
        self.contentChanged.emit()
        o, site = self._options, self.site
        changed = self._set(
            concern=o.concern if o.concern in self._bundle.concerns else self.concerns[0]["id"],
            language=o.language if o.language in site.languages else site.default_language,
        )
        if not changed:  # the same choices, drawn from the new content
            self._schedule_preview()
        self._say(f"New content: {content.bundle.label}.")

    # Choices -----------------------------------------------------------------------------------

    @Property("QVariantList", notify=contentChanged)
    def concerns(self) -> list[dict]:
        order = [c for c in CONCERN_ORDER if c in self._bundle.concerns]
        order += [c for c in self._bundle.concerns if c not in order]
        out = []
        for key in order:
            concern = self._bundle.concerns[key]
            n = len(concern.contacts)
            out.append({"id": key, "title": f"{concern.title} ({n} number{'s' if n != 1 else ''})"})
        return out

    @Property("QVariantList", notify=contentChanged)
    def languages(self) -> list[dict]:
        """The site's languages, as the kiosk offers them."""
        out = []
        for lang in map(languages.language, self.site.languages):
            name = lang.name if lang.name == lang.english else f"{lang.name} ({lang.english})"
            out.append({"code": lang.code, "name": name, "font": lang.font})
        return out

    @Property("QVariantList", constant=True)
    def layouts(self) -> list[dict]:
        return [{"id": layout.id, "title": layout.name} for layout in LAYOUTS]

    def _set(self, **changes) -> bool:
        """Change the choices; redraw the preview if they changed (and say whether they did)."""
        updated = replace(self._options, **changes)
        if updated == self._options:
            return False
        self._options = updated
        self.optionsChanged.emit()
        self._schedule_preview()
        return True

    @property
    def options(self) -> DeskOptions:
        return self._options

    def _get_concern(self) -> str:
        return self._options.concern

    def _set_concern(self, value: str) -> None:
        if value not in self._bundle.concerns:
            raise ValueError(f"no concern {value!r} in this bundle")
        self._set(concern=value)

    concern = Property(str, _get_concern, _set_concern, notify=optionsChanged)

    def _get_language(self) -> str:
        return self._options.language

    def _set_language(self, value: str) -> None:
        if value not in self.site.languages:
            raise ValueError(f"{value!r} is not a language this site offers")
        self._set(language=value)

    language = Property(str, _get_language, _set_language, notify=optionsChanged)

    def _get_layout(self) -> str:
        return self._options.layout

    def _set_layout(self, value: str) -> None:
        if value not in FORMATS:
            raise ValueError(f"unknown layout {value!r}")
        self._set(layout=value)

    layout = Property(str, _get_layout, _set_layout, notify=optionsChanged)

    def _get_bilingual(self) -> bool:
        return self._options.bilingual

    def _set_bilingual(self, value: bool) -> None:
        self._set(bilingual=bool(value))

    bilingual = Property(bool, _get_bilingual, _set_bilingual, notify=optionsChanged)

    def _get_discreet(self) -> bool:
        return self._options.discreet

    def _set_discreet(self, value: bool) -> None:
        self._set(discreet=bool(value))

    discreet = Property(bool, _get_discreet, _set_discreet, notify=optionsChanged)

    def _get_copies(self) -> int:
        return self._options.copies

    def _set_copies(self, value: int) -> None:
        from kiosk.ui.printing import MAX_COPIES

        self._set(copies=max(1, min(MAX_COPIES, int(value))))

    copies = Property(int, _get_copies, _set_copies, notify=optionsChanged)

    @Property(bool, notify=optionsChanged)
    def canBilingual(self) -> bool:  # noqa: N802 - QML API
        """English beside the slip's language only makes sense when that language is not English."""
        return languages.babel_locale(self._options.language).split("_")[0] != "en"

    @Property(int, constant=True)
    def maxCopies(self) -> int:  # noqa: N802 - QML API
        from kiosk.ui.printing import MAX_COPIES

        return MAX_COPIES

    def _get_save_folder(self) -> str:
        return QUrl.fromLocalFile(str(self._save_folder)).toString()

    def _set_save_folder(self, value: str) -> None:
        folder = Path(QUrl(value).toLocalFile() if value.startswith("file:") else value)
        if folder != self._save_folder:
            self._save_folder = folder
            self.saveFolderChanged.emit()

    saveFolderChanged = Signal()
    saveFolder = Property(str, _get_save_folder, _set_save_folder, notify=saveFolderChanged)

    @Property(str, notify=optionsChanged)
    def suggestedFileName(self) -> str:  # noqa: N802 - QML API
        """A file name that says no more than the job title does."""
        from kiosk.ui.printing import job_title

        name = job_title(self._options.discreet).lower().replace(" ", "-")
        return f"{name}-{self._options.layout}.pdf"

    def request(self):
        from kiosk.core.slips.render import SlipRequest

        o = self._options
        return SlipRequest(
            concern=o.concern,
            discreet=o.discreet,
            language=o.language,
            format=o.layout,
            bilingual=o.bilingual,
        )

    # Preview -----------------------------------------------------------------------------------

    @Property(str, notify=previewChanged)
    def previewSource(self) -> str:  # noqa: N802 - QML API
        return f"image://slippreview/{self._preview_generation}" if self._preview_generation else ""

    def _schedule_preview(self) -> None:
        if self._preview_busy:
            self._preview_stale = True
            return
        self._preview_busy = True
        self._preview_stale = False
        bundle, request = self._bundle, self.request()

        def work():
            from kiosk.core.slips.render import render_slip

            pdf = render_slip(bundle, request)
            from kiosk.ui.printing.pages import render_pages

            return pdf, render_pages(pdf, PREVIEW_DPI, first_only=True)[0]

        def done(result) -> None:
            self._preview_busy = False
            self._pdf, image = result
            self._preview.set_image(image)
            self._preview_generation += 1
            self.previewChanged.emit()
            if self._preview_stale:
                self._schedule_preview()

        def failed(exc: BaseException) -> None:
            self._preview_busy = False
            log.error("desk preview failed: %r", exc)
            self._say(f"The slip could not be drawn: {exc}")
            if self._preview_stale:
                self._schedule_preview()

        self._background.run(work, done, failed)

    # Actions -----------------------------------------------------------------------------------

    @Property(str, notify=messageChanged)
    def message(self) -> str:
        return self._message

    @Property(bool, notify=messageChanged)
    def busy(self) -> bool:
        return self._busy

    def _say(self, message: str, busy: bool = False) -> None:
        self._message = message
        self._busy = busy
        self.messageChanged.emit()

    @Slot()
    def printSlip(self) -> None:  # noqa: N802 - QML API
        if self._busy:
            return
        bundle, request, printer, copies = self._bundle, self.request(), self._printer, self._options.copies
        self._say("Printing…", busy=True)

        def work():
            from kiosk.ui import printing

            return printing.print_slip(bundle, request, printer=printer or None, copies=copies)

        def done(job) -> None:
            many = "copy" if job.copies == 1 else "copies"
            self._say(
                f"Sent {job.copies} {many} to {job.printer}"
                + (f" (job {job.job_id})." if job.job_id else ".")
            )
            self.printed.emit(job.job_id)
            self.refreshPrinter()

        def failed(exc: BaseException) -> None:
            self._say(f"Not printed: {exc}. Save it as a PDF, or try another printer.")
            self.refreshPrinter()

        self._background.run(work, done, failed)

    @Slot(str)
    def saveTo(self, target: str) -> None:  # noqa: N802 - QML API
        """Write the slip as it is set up now to `target` (a path or a file: URL)."""
        path = Path(QUrl(target).toLocalFile() if target.startswith("file:") else target)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        bundle, request = self._bundle, self.request()
        self._say("Saving…", busy=True)

        def work() -> Path:
            from kiosk.core.slips.render import write_slip

            return write_slip(bundle, request, path)

        def done(written: Path) -> None:
            self._say(f"Saved {written}")
            self._set_save_folder(str(written.parent))  # the next one goes to the same place
            self.saved.emit(str(written))

        self._background.run(work, done, lambda exc: self._say(f"Not saved: {exc}"))

    def wait(self, msecs: int = 5000) -> bool:
        return self._background.wait(msecs)


def _documents() -> Path:
    """Where "Save as PDF" starts: the Documents folder, or home where there is none."""
    from PySide6.QtCore import QStandardPaths

    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    return documents if documents.is_dir() else Path.home()


def _day(day) -> str:  # noqa: ANN001 - a date or a TOML date-time
    from kiosk.core.content.review import day_of

    d = day_of(day)
    return f"{d.day} {d:%B %Y}"
