"""Staff access: a hidden long press opens a PIN keypad; the right PIN opens the staff menu.

The PIN is checked against a salted scrypt hash with a growing lockout (kiosk.core.pin). Behind it:
settings for one-off changes (kept in the data folder by kiosk.core.config.save_local_changes and
applied to the running kiosk at once where that is safe), a PIN change, an export of the usage
figures to a USB stick, and content updates (check now, go back). Staff screens are in English:
they are for council staff, not residents. Everything staff do is logged at INFO; nothing about
residents is.

What the screens need beyond the keypad (configuration, printers, fonts, figures, bundles) is
loaded when staff first open them, never at start-up.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton

from kiosk.core.pin import Lockout
from kiosk.ui import registry

if TYPE_CHECKING:
    from kiosk.core.config import Settings
    from kiosk.core.content.model import Bundle

log = logging.getLogger(__name__)
QML_IMPORT_NAME = registry.QML_IMPORT_NAME
QML_IMPORT_MAJOR_VERSION = registry.QML_IMPORT_MAJOR_VERSION
PIN_LENGTH_MAX = 12
ENTER_PIN = "Enter the staff PIN."
NO_PIN = "No staff PIN is set in the site configuration (pin_hash). See docs/configuration.md."
# Typed on the staff keyboard, with the site file's limits (kiosk.core.config; a path: 300).
TEXT_FIELDS = {"site_name": 80, "collection_point": 120, "bundle": 300}
TYPING_MAX = 300  # the keyboard stops here; saving refuses anything over the field's limit
TOGGLES = ("attract_screen", "discreet_default", "statistics")
# Fields of the settings screen, in the order "Saved: ..." lists them.
FIELDS = (
    "site_name",
    "collection_point",
    "idle_timeout",
    "attract_screen",
    "languages",
    "default_language",
    "printer",
    "slip_layout",
    "discreet_default",
    "statistics",
    "bundle",
)
PAGES = ("menu", "settings", "pin", "export", "updates")  # open only after the right PIN


@QmlNamedElement("Staff")
@QmlSingleton
class StaffAdapter(QObject):
    changed = Signal()
    exitRequested = Signal()

    @staticmethod
    def create(engine):  # noqa: ANN001 - called by QML, once per engine
        return registry.adapter(engine, "staff")

    def __init__(
        self,
        pin_hash: Callable[[], str],
        lockout: Lockout,
        notices: Callable[[], list[str]],
        parent: QObject | None = None,
        *,
        kiosk: Any = None,  # the KioskApp whose settings and content staff change
    ):
        super().__init__(parent)
        self._pin_hash = pin_hash
        self._lockout = lockout
        self._notices = notices
        self._kiosk = kiosk
        self._mode = "closed"  # closed | keypad | menu | settings | pin | export | updates
        self._entered = ""
        self._message = ""
        self._details: list[str] = []
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._refresh_lock)
        self._background = None  # a worker, made when staff first need one
        self._busy = False
        # The settings screen
        self._base: Settings | None = None  # what the configuration gives now
        self._draft: dict[str, Any] = {}
        self._editing = ""  # the text field the on-screen keyboard types into
        self._shift = False
        self._confirm = ""  # "reset" while "Reset to the site file" waits for a second tap
        self._printers: list[str] = []
        self._default_printer = ""
        # The PIN change
        self._pin_step = ""  # current | new | again
        self._new_pin = ""
        # The export
        self._period = "this-year"
        self._targets: list[dict[str, str]] = []
        # Content updates
        self._summary = ""

    # --- what QML shows ------------------------------------------------------------------------

    @Property(str, notify=changed)
    def mode(self) -> str:
        return self._mode

    @Property(int, notify=changed)
    def entered(self) -> int:
        """How many digits are typed (the keypad shows dots, never the digits)."""
        return len(self._entered)

    @Property(str, notify=changed)
    def message(self) -> str:
        return self._message

    @Property("QVariantList", notify=changed)
    def details(self) -> list[str]:
        """What was saved, each problem, or what a content update did: one line each."""
        return list(self._details)

    @Property(bool, notify=changed)
    def locked(self) -> bool:
        return self._lockout.remaining() > 0

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        """True while an export or a content update runs (its buttons wait)."""
        return self._busy

    @Property("QVariantList", notify=changed)
    def notices(self) -> list[str]:
        """Problems staff must know about: configuration, content bundle, review dates."""
        return list(self._notices())

    @Property(str, notify=changed)
    def pinStep(self) -> str:  # noqa: N802 - QML API
        return self._pin_step

    @Property("QVariantMap", notify=changed)
    def settings(self) -> dict:
        """The settings screen: the values as they would be saved, and the choices."""
        if not self._draft:
            return {}
        from kiosk.core import languages
        from kiosk.ui.staff_tools import LAYOUTS, duration_text

        d = self._draft
        limit = TEXT_FIELDS.get(self._editing, 0)
        typed = d.get(self._editing, "") if self._editing else ""
        printers = [{"name": "", "label": "System default printer", "detail": self._default_text()}]
        known = list(self._printers)
        if d["printer"] and d["printer"] not in known:
            known.append(d["printer"])
        printers += [
            {
                "name": name,
                "label": name,
                "detail": "not found on this computer" if name not in self._printers else "",
            }
            for name in known
        ]
        return {
            "siteName": d["site_name"],
            "collectionPoint": d["collection_point"],
            "idleSeconds": d["idle_timeout"],
            "idleText": duration_text(d["idle_timeout"]),
            "attract": d["attract_screen"],
            "discreet": d["discreet_default"],
            "statistics": d["statistics"],
            "printer": d["printer"],
            "printers": printers,
            "layout": d["slip_layout"],
            "layouts": [{"id": k, "label": n, "detail": w} for k, n, w in LAYOUTS],
            "languages": [
                {
                    "code": lang.code,
                    "name": lang.name,
                    "english": lang.english,
                    "font": lang.font,
                    "on": lang.code in d["languages"],
                    "isDefault": lang.code == d["default_language"],
                }
                for lang in map(languages.language, languages.SHIPPED)
            ],
            "editing": self._editing,
            "bundle": d["bundle"],
            "editingLabel": {
                "site_name": "Site name",
                "collection_point": "Collection point",
                "bundle": "Content folder",
            }.get(self._editing, ""),
            "editingText": typed,
            "editingHint": (
                f"{len(typed)} of {limit} characters" + (" — too long" if len(typed) > limit else "")
                if self._editing
                else ""
            ),
            "shift": self._shift,
            "confirmReset": self._confirm == "reset",
            "unsaved": self._unsaved(),
        }

    @Property(str, notify=changed)
    def period(self) -> str:
        return self._period

    @Property("QVariantList", notify=changed)
    def periods(self) -> list[dict]:
        from kiosk.ui.staff_tools import PERIODS

        return [{"id": k, "label": label} for k, label in PERIODS]

    @Property("QVariantList", notify=changed)
    def targets(self) -> list[dict]:
        """Where the figures can go: each removable drive, then the kiosk's own exports folder."""
        return list(self._targets)

    @Property(str, notify=changed)
    def contentSummary(self) -> str:  # noqa: N802 - QML API
        """What runs now and where updates come from (the updates screen)."""
        return self._summary if self._mode == "updates" else ""

    def _set(self, mode: str | None = None, message: str | None = None, details: list[str] | None = None):
        if mode is not None:
            self._mode = mode
        if message is not None:
            self._message = message
        if details is not None:
            self._details = details
        self.changed.emit()

    @property
    def _open(self) -> bool:
        """True once the right PIN was typed, until staff leave."""
        return self._mode in PAGES

    # --- keypad -------------------------------------------------------------------------------

    @Slot()
    def openKeypad(self) -> None:  # noqa: N802 - QML API
        self._entered = ""
        status = self._lockout.status()
        self._set("keypad", self._lock_text(status.locked_for) if status.locked_for else ENTER_PIN, [])
        self._refresh_lock()

    @Slot(str)
    def press(self, digit: str) -> None:
        if self._mode in ("keypad", "pin") and digit.isdigit() and len(self._entered) < PIN_LENGTH_MAX:
            self._entered += digit
            self.changed.emit()

    @Slot()
    def erase(self) -> None:
        self._entered = self._entered[:-1]
        self.changed.emit()

    @Slot()
    def submit(self) -> None:
        if self._mode == "pin":
            self._submit_pin_change()
            return
        if self._mode != "keypad":
            return
        verdict = self._lockout.try_pin(self._entered, self._pin_hash())
        self._entered = ""
        if verdict.ok:
            log.info("staff menu opened")
            self._set("menu", "", [])
        elif verdict.reason == "no-pin":
            self._set(message=NO_PIN)
        else:
            self._wrong(verdict)

    def _wrong(self, verdict) -> None:  # noqa: ANN001 - a pin.Verdict
        if verdict.reason == "locked":
            self._set(message=self._lock_text(verdict.locked_for))
            self._tick.start()
        else:
            tries = verdict.tries_left
            self._set(
                message=f"Wrong PIN. {tries} {'try' if tries == 1 else 'tries'} left before the keypad locks."
            )

    @Slot()
    def close(self) -> None:
        if self._mode in PAGES:
            log.info("staff menu closed")
        self._entered = self._new_pin = ""
        self._pin_step = self._editing = self._confirm = ""
        self._draft, self._base = {}, None
        self._tick.stop()
        self._set("closed", "", [])

    @Slot()
    def exitKiosk(self) -> None:  # noqa: N802 - QML API
        if self._mode == "menu":
            log.info("staff closed the kiosk")
            self.exitRequested.emit()

    @Slot()
    def backToMenu(self) -> None:  # noqa: N802 - QML API
        if self._open:
            self._entered = self._new_pin = ""
            self._pin_step = self._editing = self._confirm = ""
            self._set("menu", "", [])

    def _lock_text(self, seconds: float) -> str:
        return f"Too many wrong PINs. The keypad opens again in {math.ceil(seconds)} seconds."

    def _refresh_lock(self) -> None:
        left = self._lockout.remaining()
        if left > 0:
            self._tick.start()
            self._set(message=self._lock_text(left))
        elif self._tick.isActive():
            self._tick.stop()
            self._set(message=ENTER_PIN if self._mode == "keypad" else self._pin_prompt())

    # --- where the kiosk keeps things ----------------------------------------------------------

    def _data_dir(self) -> Path:
        from kiosk.core import paths

        options = getattr(self._kiosk, "options", None)
        return getattr(options, "state_dir", None) or paths.data_dir()

    def _config_path(self) -> Path | None:
        return getattr(getattr(self._kiosk, "options", None), "config_path", None)

    def _configured(self) -> Settings:
        from kiosk.core import config

        settings, _ = config.load_config(
            self._config_path(), data_dir=self._data_dir(), remember=False, log_problems=False
        )
        return settings

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None], what: str) -> None:
        """Run slow work (printers, figures, bundles) off the UI thread; staff see it is busy."""
        if self._busy:
            return
        if self._background is None:
            from kiosk.ui.worker import Background

            self._background = Background(self)

        def finished(result: Any) -> None:
            self._busy = False
            done(result)
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            self._busy = False
            log.warning("staff: %s failed: %s", what, exc)
            self._set(message=f"Sorry, {what} did not work.", details=[str(exc)])

        self._busy = True
        self.changed.emit()
        self._background.run(work, finished, failed)

    def wait(self) -> bool:
        return self._background.wait() if self._background is not None else True

    # --- settings -----------------------------------------------------------------------------

    @Slot()
    def openSettings(self) -> None:  # noqa: N802 - QML API
        if not self._open:
            return
        from kiosk.ui.fonts import ensure_all_fonts

        ensure_all_fonts()  # each language is named in its own script
        self._base = self._configured()
        self._draft = {f: _plain(getattr(self._base, f)) for f in FIELDS}
        self._editing = self._confirm = ""
        log.info("staff opened the settings")
        self._set("settings", "", [])
        self._list_printers()

    def _list_printers(self) -> None:
        def work() -> tuple[list[str], str]:
            from kiosk.ui import printing

            return printing.printer_names(), printing.default_printer()

        def done(found: tuple[list[str], str]) -> None:
            self._printers, self._default_printer = found

        self._run(work, done, "listing the printers")

    def _default_text(self) -> str:
        if self._busy and not self._printers:
            return "looking for printers…"
        return f"now “{self._default_printer}”" if self._default_printer else "none is set on this computer"

    def _unsaved(self) -> list[str]:
        from kiosk.ui.staff_tools import LABELS

        if self._base is None:
            return []
        return [LABELS[f] for f in FIELDS if self._draft.get(f) != _plain(getattr(self._base, f))]

    def _editable(self) -> bool:
        if self._mode != "settings" or not self._draft:
            return False
        self._confirm = ""
        return True

    @Slot(str)
    def editText(self, field: str) -> None:  # noqa: N802 - QML API
        if self._editable() and field in TEXT_FIELDS:
            self._editing, self._shift = field, False
            self._set(message="", details=[])

    @Slot(str)
    def typeKey(self, key: str) -> None:  # noqa: N802 - QML API
        if not self._editable() or not self._editing or len(key) != 1 or not key.isprintable():
            return
        text = self._draft[self._editing]
        if len(text) < TYPING_MAX:
            self._draft[self._editing] = text + (key.upper() if self._shift else key)
        self._shift = False
        self.changed.emit()

    @Slot()
    def shiftKey(self) -> None:  # noqa: N802 - QML API
        if self._editable() and self._editing:
            self._shift = not self._shift
            self.changed.emit()

    @Slot()
    def deleteKey(self) -> None:  # noqa: N802 - QML API
        if self._editable() and self._editing:
            self._draft[self._editing] = self._draft[self._editing][:-1]
            self.changed.emit()

    @Slot()
    def clearText(self) -> None:  # noqa: N802 - QML API
        if self._editable() and self._editing:
            self._draft[self._editing] = ""
            self.changed.emit()

    @Slot()
    def doneText(self) -> None:  # noqa: N802 - QML API
        if self._editable():
            self._draft[self._editing] = self._draft.get(self._editing, "").strip()
            self._editing = ""
            self.changed.emit()

    @Slot(int)
    def stepIdle(self, direction: int) -> None:  # noqa: N802 - QML API
        from kiosk.ui.staff_tools import step_idle

        if self._editable():
            self._draft["idle_timeout"] = step_idle(self._draft["idle_timeout"], direction)
            self._set(message="", details=[])

    @Slot(str)
    def toggle(self, field: str) -> None:
        if self._editable() and field in TOGGLES:
            self._draft[field] = not self._draft[field]
            self._set(message="", details=[])

    @Slot(str)
    def toggleLanguage(self, code: str) -> None:  # noqa: N802 - QML API
        from kiosk.core.languages import SHIPPED

        if not self._editable() or code not in SHIPPED:
            return
        on = self._draft["languages"]
        if code in on and len(on) == 1:
            self._set(message="At least one language must be offered.", details=[])
            return
        on = tuple(c for c in SHIPPED if (c in on) != (c == code))  # the picker's order
        self._draft["languages"] = on
        if self._draft["default_language"] not in on:
            self._draft["default_language"] = on[0]
        self._set(message="", details=[])

    @Slot(str)
    def makeDefault(self, code: str) -> None:  # noqa: N802 - QML API
        from kiosk.core.languages import SHIPPED

        if self._editable() and code in SHIPPED:
            if code not in self._draft["languages"]:
                on = set(self._draft["languages"]) | {code}
                self._draft["languages"] = tuple(c for c in SHIPPED if c in on)
            self._draft["default_language"] = code
            self._set(message="", details=[])

    @Slot(str)
    def choosePrinter(self, name: str) -> None:  # noqa: N802 - QML API
        if self._editable():
            self._draft["printer"] = name
            self._set(message="", details=[])

    @Slot(str)
    def chooseLayout(self, layout: str) -> None:  # noqa: N802 - QML API
        from kiosk.ui.staff_tools import LAYOUTS

        if self._editable() and layout in {k for k, _, _ in LAYOUTS}:
            self._draft["slip_layout"] = layout
            self._set(message="", details=[])

    @Slot()
    def save(self) -> None:
        if not self._editable() or self._base is None:
            return
        from kiosk.core import config
        from kiosk.ui.staff_tools import LABELS, problem_text, value_text

        self._editing = ""
        changes = {f: v for f, v in self._draft.items() if v != _plain(getattr(self._base, f))}
        if not changes:
            self._set(message="Nothing to save: no setting was changed.", details=[])
            return
        problems = config.save_local_changes(changes, self._config_path(), data_dir=self._data_dir())
        if problems:
            log.info("staff settings not saved: %s", "; ".join(p.key for p in problems))
            self._set(
                message="Not saved. Please put this right and save again:",
                details=[problem_text(p) for p in problems],
            )
            return
        settings = self._configured()
        later = self._apply(settings, set(changes))
        log.info("staff saved settings: %s", ", ".join(config.BY_FIELD[f].dotted for f in changes))
        self._base = settings
        self._draft = {f: _plain(getattr(settings, f)) for f in FIELDS}
        self._set(
            message="Saved on this kiosk:",
            details=[f"{LABELS[f]}: {value_text(f, getattr(settings, f))}" for f in FIELDS if f in changes]
            + later,
        )

    @Slot()
    def resetToSite(self) -> None:  # noqa: N802 - QML API
        if self._mode != "settings" or not self._draft:
            return
        if self._confirm != "reset":
            self._confirm = "reset"
            self._editing = ""
            self._set(message="", details=[])
            return
        from kiosk.core import config

        self._confirm = ""
        local = set(config.local_changes(self._data_dir()))
        config.forget_local_changes(self._data_dir())
        settings = self._configured()
        later = self._apply(settings, local)
        log.info("staff reset the settings to the site file (%d changed on the kiosk)", len(local))
        self._base = settings
        self._draft = {f: _plain(getattr(settings, f)) for f in FIELDS}
        if not local:
            self._set(message="Nothing to reset: no setting was changed on this kiosk.", details=[])
            return
        pin = ["The staff PIN is the site file's PIN again."] if "pin_hash" in local else []
        self._set(
            message=f"Reset: the {len(local)} setting{'s' if len(local) != 1 else ''} changed on this "
            "kiosk now come from the site file again.",
            details=pin + later,
        )

    def _apply(self, settings: Settings, fields: set[str]) -> list[str]:
        """Put the saved settings to work on the running kiosk; what waits for a restart, in words
        (nothing, today: every setting on the settings screen applies at once)."""
        k = self._kiosk
        if k is None:
            return []
        later = []
        if "idle_timeout" in fields:
            k.options.idle_timeout_s = settings.idle_timeout
            k.idle.set_timeout(settings.idle_timeout)
        if "attract_screen" in fields:
            k.options.attract = k.session.attract_enabled = settings.attract_screen
        if fields & {"collection_point", "printer", "slip_layout"}:
            k.slips.set_site(settings.collection_point, settings.printer or None, settings.slip_layout)
        if "discreet_default" in fields:
            pristine = k.session.pristine
            k.session.discreet_default = settings.discreet_default
            if pristine:
                k.session.discreet = settings.discreet_default
        if "statistics" in fields:
            self._apply_statistics(settings.statistics)
        if "pin_hash" in fields:
            k.options.pin_hash = settings.pin_hash
        if "bundle" in fields:
            self._use_content_folder(settings)
            later.append("Content folder: checking it now; the result shows below when done.")
        if fields & {"languages", "default_language", "reviewed_only"}:
            from kiosk.core.config import offered_languages as site_languages
            from kiosk.ui.app import offered_languages

            k.options.languages = site_languages(settings.languages, settings.reviewed_only)
            k.options.default_language = settings.default_language
            k.session.set_offered(*offered_languages(k.options, k.bundle))
        return later

    def _use_content_folder(self, settings: Settings) -> None:
        """Run the content the new folder gives, exactly as at start-up (signed packages verified,
        a plain folder only with allow_unsigned), off the UI thread: a share can be slow."""
        k = self._kiosk
        running = Path(k.bundle.path).resolve()
        data_dir = self._data_dir()

        def work():  # noqa: ANN202 - (notices, a Bundle to switch to or None, problems)
            import argparse

            from kiosk.cli import _content_location
            from kiosk.ui.app import load_content

            folder, notices = _content_location(argparse.Namespace(bundle=None), settings, data_dir)
            bundle, problems = load_content(folder)
            return notices, (bundle if Path(bundle.path).resolve() != running else None), problems

        def done(result) -> None:  # noqa: ANN001
            notices, bundle, problems = result
            for line in [*notices, *problems]:
                log.info("content folder: %s", line)
            shown = self._switch_to(bundle)
            if bundle is not None:
                k.options.bundle_problems = list(problems)
            self._set(message=f"Saved. {shown}", details=[*notices, *problems])

        self._run(work, done, "using the content folder")

    def _apply_statistics(self, on: bool) -> None:
        k = self._kiosk
        stats = getattr(k, "stats", None)
        if stats is not None:
            stats.enabled = on
        elif on:
            from kiosk.core.stats import DB_NAME, Stats
            from kiosk.ui.usage import count_usage

            k.stats = Stats(self._data_dir() / DB_NAME)
            count_usage(k, k.stats)
        log.info("usage figures switched %s by staff", "on" if on else "off")

    # --- the staff PIN ------------------------------------------------------------------------

    @Slot()
    def openPinChange(self) -> None:  # noqa: N802 - QML API
        if not self._open:
            return
        self._entered = self._new_pin = ""
        self._pin_step = "current"
        log.info("staff opened the PIN change")
        self._set("pin", self._pin_prompt(), [])
        self._refresh_lock()

    def _pin_prompt(self) -> str:
        from kiosk.core.pin import MAX_DIGITS, MIN_DIGITS

        return {
            "current": "Enter the current staff PIN.",
            "new": f"Enter the new PIN: {MIN_DIGITS} to {MAX_DIGITS} digits (6 or more is better).",
            "again": "Enter the new PIN again.",
        }.get(self._pin_step, "")

    def _submit_pin_change(self) -> None:
        from kiosk.core.pin import pin_problem

        entered, self._entered = self._entered, ""
        if self._pin_step == "current":
            verdict = self._lockout.try_pin(entered, self._pin_hash())
            if verdict.ok:
                self._pin_step = "new"
                self._set(message=self._pin_prompt())
            else:
                log.info("PIN change: the current PIN was wrong")
                self._wrong(verdict)
        elif self._pin_step == "new":
            problem = pin_problem(entered)
            if problem:
                self._set(message=f"That PIN cannot be used: {problem}. {self._pin_prompt()}")
            else:
                self._new_pin, self._pin_step = entered, "again"
                self._set(message=self._pin_prompt())
        elif self._pin_step == "again":
            if entered != self._new_pin:
                self._new_pin, self._pin_step = "", "new"
                self._set(message="The two new PINs were not the same. " + self._pin_prompt())
                return
            self._store_pin(entered)

    def _store_pin(self, pin: str) -> None:
        from kiosk.core import config
        from kiosk.core.pin import hash_pin
        from kiosk.ui.staff_tools import problem_text

        self._new_pin = ""
        stored = hash_pin(pin)
        problems = config.save_local_changes(
            {"pin_hash": stored}, self._config_path(), data_dir=self._data_dir()
        )
        if problems:
            log.warning("staff PIN change not saved: %s", "; ".join(p.message for p in problems))
            self._pin_step = "new"
            self._set(message="The new PIN could not be saved.", details=[problem_text(p) for p in problems])
            return
        if self._kiosk is not None:
            self._kiosk.options.pin_hash = stored
        log.info("staff changed the staff PIN")
        self._pin_step = ""
        self._set("menu", "The staff PIN is changed. Use the new PIN from now on.", [])

    # --- usage figures ------------------------------------------------------------------------

    @Slot()
    def openExport(self) -> None:  # noqa: N802 - QML API
        if not self._open:
            return
        from kiosk.ui.staff_tools import EXPORTS, removable_media

        self._targets = [
            {"path": str(p), "label": f"USB drive “{p.name}”", "detail": str(p)} for p in removable_media()
        ]
        exports = self._data_dir() / EXPORTS
        self._targets.append(
            {
                "path": str(exports),
                "label": "The kiosk's own exports folder",
                "detail": f"{exports} (for IT to collect)",
            }
        )
        note = (
            "" if self._statistics_on() else "Usage figures are switched off: only earlier figures are there."
        )
        log.info("staff opened the usage figures export")
        self._set("export", note, [])

    def _statistics_on(self) -> bool:
        stats = getattr(self._kiosk, "stats", None)
        return stats.enabled if stats is not None else self._configured().statistics

    @Slot(str)
    def choosePeriod(self, period: str) -> None:  # noqa: N802 - QML API
        from kiosk.ui.staff_tools import PERIODS

        if self._mode == "export" and period in {k for k, _ in PERIODS}:
            self._period = period
            self._set(message="", details=[])

    @Slot(int)
    def exportTo(self, index: int) -> None:  # noqa: N802 - QML API
        if self._mode != "export" or not 0 <= index < len(self._targets):
            return
        from datetime import date

        from kiosk.core.stats import DB_NAME
        from kiosk.ui.staff_tools import PERIODS, export_figures

        folder = Path(self._targets[index]["path"])
        stats = getattr(self._kiosk, "stats", None)
        db = stats.path if stats is not None else self._data_dir() / DB_NAME
        period, site = self._period, self._configured().site_name
        label = dict(PERIODS)[period].lower()

        def done(result: tuple[Path, int]) -> None:
            path, rows = result
            log.info("staff exported %d rows of usage figures (%s) to %s", rows, period, path)
            none = " Nothing was counted in that period." if rows == 0 else ""
            self._set(
                message=f"Exported {rows} row{'' if rows == 1 else 's'} of usage figures ({label}).{none}",
                details=[f"The file is {path}"],
            )

        self._run(lambda: export_figures(db, folder, period, site, date.today()), done, "the export")

    # --- content updates ----------------------------------------------------------------------

    @Slot()
    def openUpdates(self) -> None:  # noqa: N802 - QML API
        if self._open:
            log.info("staff opened content updates")
            self._summarise()
            self._set("updates", "", [])

    def _summarise(self) -> None:
        b = self._kiosk.bundle if self._kiosk is not None else None
        running = f"Running {b.name} {b.version} ({b.date.isoformat()})." if b is not None else ""
        settings = self._update_settings()
        if not isinstance(settings, str):
            where = f"Update folder: {settings.inbox}"
        elif settings.startswith("No update folder"):
            where = "No update folder is configured."
        else:
            where = "The content comes from a plain bundle folder, not an update folder."
        self._summary = f"{running}\n{where}".strip()

    def _update_settings(self):  # noqa: ANN202 - an updates.Settings, or why there is none
        from kiosk.cli import updates_settings

        settings = self._configured()
        source = settings.bundle
        if source is None:
            return (
                "No update folder is configured, so there is nothing to check. IT sets one as "
                "[content] bundle in the site file (docs/bundles.md)."
            )
        if (source / "bundle.toml").is_file():
            return (
                f"The site file names the plain bundle folder {source}, not a folder of signed "
                "packages, so there is nothing to check."
            )
        return updates_settings(settings, self._data_dir())

    @Slot()
    def checkNow(self) -> None:  # noqa: N802 - QML API
        self._content_step("check")

    @Slot()
    def goBack(self) -> None:  # noqa: N802 - QML API
        self._content_step("rollback")

    def _switch_to(self, bundle: Bundle | None) -> str:
        """Show `bundle` on the running kiosk (None: keep what it shows); what staff are told."""
        if bundle is None:
            return "The content on screen is unchanged."
        self._kiosk.use_bundle(bundle)
        self._summarise()
        return f"The kiosk now shows {bundle.name} {bundle.version} ({bundle.date.isoformat()})."

    def _content_step(self, step: str) -> None:
        if self._mode != "updates" or self._busy or self._kiosk is None:
            return
        settings = self._update_settings()
        if isinstance(settings, str):
            log.info("staff asked for a content %s; no update folder is configured", step)
            self._set(message=settings, details=[])
            return
        running = Path(self._kiosk.bundle.path).resolve()
        log.info("staff asked for a content %s", "check" if step == "check" else "rollback")

        def work():  # noqa: ANN202 - (messages, a Bundle to switch to or None)
            from kiosk.core.content import updates
            from kiosk.core.content.loader import load_bundle
            from kiosk.core.resources import builtin_bundle

            outcome = updates.pick_up(settings, asked=True) if step == "check" else updates.rollback(settings)
            folder = Path(outcome.bundle_path or builtin_bundle()).resolve()
            return outcome.messages, (load_bundle(folder) if folder != running else None)

        def done(result) -> None:  # noqa: ANN001
            messages, bundle = result
            for line in messages:
                log.info("content %s: %s", step, line)
            self._set(message=self._switch_to(bundle), details=list(messages))

        what = "the check for new content" if step == "check" else "going back to the previous content"
        self._run(work, done, what)


def _plain(value: Any) -> Any:
    """A setting as the settings screen edits it: lists as tuples, the content folder as text."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, Path):
        return str(value)
    return "" if value is None else value  # no content folder: the built-in content
