"""The staff screen for content updates: what runs now, where updates come from, "check for new
content now" and "go back to the previous content", each switching the running kiosk.

Updates are verified exactly as at start-up (kiosk.core.content.updates: signed packages from the
site's update folder, the previous bundle kept for rollback).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton

from kiosk.ui import registry
from kiosk.ui.staff.screen import StaffScreen

if TYPE_CHECKING:
    from kiosk.core.content.model import Bundle

log = logging.getLogger(__name__)
QML_IMPORT_NAME = registry.QML_IMPORT_NAME
QML_IMPORT_MAJOR_VERSION = registry.QML_IMPORT_MAJOR_VERSION


@QmlNamedElement("ContentUpdates")
@QmlSingleton
class ContentUpdates(StaffScreen):
    changed = Signal()

    @staticmethod
    def create(engine):  # noqa: ANN001 - called by QML, once per engine
        return registry.adapter(engine, "staff.updates")

    def __init__(self, staff):  # noqa: ANN001 - the StaffAdapter
        super().__init__(staff)
        self._summary = ""

    @Property(str, notify=changed)
    def contentSummary(self) -> str:  # noqa: N802 - QML API
        """What runs now and where updates come from."""
        return self._summary if self.staff.mode == "updates" else ""

    @Slot()
    def open(self) -> None:
        if self.staff.is_open:
            log.info("staff opened content updates")
            self._summarise()
            self.staff.show("updates", "", [])

    def _summarise(self) -> None:
        kiosk = self.staff.kiosk
        b = kiosk.bundle if kiosk is not None else None
        running = f"Running {b.label}." if b is not None else ""
        settings = self._update_settings()
        if not isinstance(settings, str):
            from kiosk.core.startup import folder_problem

            unreadable = folder_problem(settings.inbox)
            where = f"Update folder: {settings.inbox}" + (
                f" ({unreadable} now: no new content until it can be read)" if unreadable else ""
            )
        elif settings.startswith("No update folder"):
            where = "No update folder is configured."
        else:
            where = "The content comes from a plain bundle folder, not an update folder."
        self._summary = f"{running}\n{where}".strip()

    def _update_settings(self):  # noqa: ANN202 - an updates.Settings, or why there is none
        from kiosk.core.startup import is_plain_bundle, update_settings

        settings = self.staff.configured()
        source = settings.bundle
        if source is None:
            return (
                "No update folder is configured, so there is nothing to check. IT sets one as "
                "[content] bundle in the site file (docs/bundles.md)."
            )
        if is_plain_bundle(source):
            return (
                f"The site file names the plain bundle folder {source}, not a folder of signed "
                "packages, so there is nothing to check."
            )
        return update_settings(settings, self.staff.data_dir())

    def switch_to(self, bundle: Bundle | None) -> str:
        """Show `bundle` on the running kiosk (None: keep what it shows); what staff are told."""
        if bundle is None:
            return "The content on screen is unchanged."
        self.staff.kiosk.use_bundle(bundle)
        self._summarise()
        return f"The kiosk now shows {bundle.label}."

    @Slot()
    def checkNow(self) -> None:  # noqa: N802 - QML API
        self._content_step("check")

    @Slot()
    def goBack(self) -> None:  # noqa: N802 - QML API
        self._content_step("rollback")

    def _content_step(self, step: str) -> None:
        kiosk = self.staff.kiosk
        if self.staff.mode != "updates" or self.staff.busy or kiosk is None:
            return
        settings = self._update_settings()
        if isinstance(settings, str):
            log.info("staff asked for a content %s; no update folder is configured", step)
            self.staff.show(message=settings, details=[])
            return
        running = Path(kiosk.bundle.path).resolve()
        log.info("staff asked for a content %s", step)

        def work():  # noqa: ANN202 - (messages, a Bundle to switch to or None)
            from kiosk.core.content import updates
            from kiosk.core.content.loader import load_bundle
            from kiosk.core.resources import builtin_bundle
            from kiosk.core.site import content_lock

            with content_lock(settings.data_dir):  # the desk may share this data folder
                outcome = (
                    updates.pick_up(settings, asked=True) if step == "check" else updates.rollback(settings)
                )
            folder = Path(outcome.bundle_path or builtin_bundle()).resolve()
            return outcome.messages, (load_bundle(folder) if folder != running else None)

        def done(result) -> None:  # noqa: ANN001
            messages, bundle = result
            for line in messages:
                log.info("content %s: %s", step, line)
            self.staff.show(message=self.switch_to(bundle), details=list(messages))

        what = "the check for new content" if step == "check" else "going back to the previous content"
        self.staff.run(work, done, what)
